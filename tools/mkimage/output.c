/* The image file (output.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checksum.h"
#include "mkimage.h"

static void refuse_input(const struct output *o, const struct stat *st, const struct input *in)
{
	if (is_input(in, st))
		die(o->path, "is the same file as %s %s; refusing to overwrite an input",
		    in->what, in->path);
}

void check_output(struct build *b)
{
	struct output *o = &b->out;
	const char *path = o->path;
	const char *base = base_name(path);
	struct stat st;
	char *dir;

	if (*base == '\0')
		die(path, "names a directory, not an image file");
	if (base == path) {
		dir = strdup(".");
	} else if (base == path + 1) {
		dir = strdup("/");
	} else {
		dir = strdup(path);
		if (dir)
			dir[base - path - 1] = '\0';
	}
	if (!dir)
		out_of_memory();
	if (stat(dir, &st) < 0)
		die(path, "directory %s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		die(path, "%s is not a directory", dir);
	o->dir = dir;
	if (stat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode))
		die(path, "is a directory");
	refuse_input(o, &st, &b->stage1);
	refuse_input(o, &st, &b->stage2);
	refuse_input(o, &st, &b->kernel.in);
	refuse_input(o, &st, &b->esp.efi);
	for (uint32_t i = 0; i < b->nmod; i++)
		refuse_input(o, &st, &b->mod[i].in);
	for (uint32_t i = 0; i < b->ninitrd; i++)
		refuse_input(o, &st, &b->initrd[i]);
}

void open_output(struct output *o)
{
	static const char suffix[] = ".XXXXXX";
	mode_t mask;
	int fd;

	o->tmp = xcalloc(strlen(o->path) + sizeof(suffix), 1);
	strcpy(o->tmp, o->path);
	strcat(o->tmp, suffix);
	remove_on_failure(o->tmp);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;

		remove_on_failure(NULL);
		die(o->path, "cannot create a temporary file in %s: %s", o->dir, strerror(e));
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0)
		die(o->path, "%s", strerror(errno));
	o->f = fdopen(fd, "wb");
	if (!o->f)
		die(o->path, "%s", strerror(errno));
}

void write_at(struct output *o, uint64_t offset, const void *buf, size_t n)
{
	if (fseeko(o->f, (off_t)offset, SEEK_SET) < 0 || fwrite(buf, 1, n, o->f) != n)
		die(o->path, "%s", strerror(errno));
}

void copy_sectors(struct output *o, uint64_t dst, struct input *in, uint64_t src,
		  uint64_t bytes, struct lb_sum *sum)
{
	static unsigned char buf[COPY_CHUNK];

	while (bytes > 0) {
		size_t n = bytes < COPY_CHUNK ? (size_t)bytes : COPY_CHUNK;
		size_t padded = (size_t)ALIGN_UP(n, SECTOR);

		read_at(in, src, buf, n);
		memset(buf + n, 0, padded - n);
		lb_sum_add(sum, buf, padded / 4);
		write_at(o, dst, buf, padded);
		src += n;
		dst += padded;
		bytes -= n;
	}
}

void commit_output(struct output *o, uint64_t bytes)
{
	if (fflush(o->f) != 0 || ftruncate(fileno(o->f), (off_t)bytes) < 0)
		die(o->path, "%s", strerror(errno));
	if (fclose(o->f) != 0)
		die(o->path, "%s", strerror(errno));
	if (rename(o->tmp, o->path) < 0)
		die(o->path, "%s", strerror(errno));
	remove_on_failure(NULL);
	free(o->tmp);
	o->tmp = NULL;
}
