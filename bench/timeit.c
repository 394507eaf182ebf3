/*
 * timeit OUT COMMAND [ARG]...: runs COMMAND and writes one line to OUT:
 *   <exit status> <wall ns> <cpu ns>
 * where cpu is user + system time of COMMAND and every descendant it
 * waited for (wait4's rusage). Exits with COMMAND's status (128 + signal
 * when a signal ended it). CPU time stays close to the uncontended wall
 * time when other processes share the cores, so it is reported beside it.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXEC_FAILED 127
#define SIGNAL_BASE 128

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t tv_ns(struct timeval tv)
{
	return (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	int64_t t0, t1;
	int wstatus, status;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: timeit OUT COMMAND [ARG]...\n");
		return 2;
	}
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "timeit: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "timeit: cannot run %s: %s\n", argv[2], strerror(errno));
		_exit(EXEC_FAILED);
	}
	while (wait4(pid, &wstatus, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "timeit: wait4: %s\n", strerror(errno));
			return 2;
		}
	}
	t1 = now_ns();
	status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : SIGNAL_BASE + WTERMSIG(wstatus);
	out = fopen(argv[1], "w");
	if (!out) {
		fprintf(stderr, "timeit: cannot create %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	fprintf(out, "%d %lld %lld\n", status, (long long)(t1 - t0),
		(long long)(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime)));
	if (fclose(out) != 0) {
		fprintf(stderr, "timeit: cannot write %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	return status;
}
