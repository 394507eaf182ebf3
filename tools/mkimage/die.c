/*
 * How mkimage fails: one line on stderr, the temporary output removed,
 * exit status 1 (2 for a wrong command line).
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mkimage.h"

/* Read by the signal handler, hence volatile. */
static char *volatile tmp_path;

void remove_on_failure(char *path)
{
	tmp_path = path;
}

static void remove_tmp(void)
{
	if (tmp_path)
		unlink(tmp_path);
}

void die(const char *file, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": %s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	remove_tmp();
	exit(1);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see " PROG " --help)\n", stderr);
	exit(2);
}

void out_of_memory(void)
{
	fputs(PROG ": out of memory\n", stderr);
	remove_tmp();
	exit(1);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		out_of_memory();
	return p;
}

static void on_signal(int sig)
{
	remove_tmp();
	signal(sig, SIG_DFL);
	raise(sig);
}

void catch_signals(void)
{
	static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		signal(cleanup_signals[i], on_signal);
	/* Past a file-size limit, write() then fails with EFBIG and is reported. */
	signal(SIGXFSZ, SIG_IGN);
}
