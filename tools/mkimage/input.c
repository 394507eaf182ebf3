/* Input files (input.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkimage.h"

/*
 * O_NONBLOCK keeps open() from waiting on a FIFO; fstat() then refuses
 * anything that is not a regular file.
 */
void open_input(struct input *in, const char *path, const char *what)
{
	struct stat st;
	int fd;

	in->path = path;
	in->what = what;
	fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		die(path, "%s", strerror(errno));
	if (fstat(fd, &st) < 0)
		die(path, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		die(path, "is a directory, not a file");
	if (!S_ISREG(st.st_mode))
		die(path, "is not a regular file");
	if (st.st_size == 0)
		die(path, "is empty");
	in->f = fdopen(fd, "rb");
	if (!in->f)
		die(path, "%s", strerror(errno));
	in->size = (uint64_t)st.st_size;
	in->dev = st.st_dev;
	in->ino = st.st_ino;
}

void read_at(struct input *in, uint64_t offset, void *buf, size_t n)
{
	if (fseeko(in->f, (off_t)offset, SEEK_SET) < 0)
		die(in->path, "%s", strerror(errno));
	if (fread(buf, 1, n, in->f) != n) {
		if (ferror(in->f))
			die(in->path, "%s", strerror(errno));
		die(in->path, "ends before byte %" PRIu64 " (did it change while " PROG " ran?)",
		    offset + n);
	}
}

int is_input(const struct input *in, const struct stat *st)
{
	return in->f && in->dev == st->st_dev && in->ino == st->st_ino;
}

const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}
