/*
 * mkcpio: writes a "newc" cpio archive (the format Linux unpacks as an
 * initramfs, Documentation/driver-api/early-userspace/buffer-format.rst)
 * from a list of entries, without root and without the cpio package.
 * The archive depends on the list and the files' contents only: every
 * entry is owned by 0:0, has the same mtime, and inode numbers count up
 * from 1 in list order.
 *
 *   mkcpio [--mtime SECONDS] -o OUT LIST     LIST "-" reads standard input
 *
 * One entry a line; blank lines and lines starting with '#' are skipped.
 * NAME is the path inside the archive (a leading '/' is dropped), MODE the
 * permission bits in octal:
 *
 *   dir   NAME MODE
 *   file  NAME HOSTFILE MODE          the host file's bytes
 *   slink NAME TARGET MODE
 *   nod   NAME MODE c|b MAJOR MINOR   a device node (no root needed: it is
 *                                     only a header)
 *   fill  NAME BYTES MODE SEED        BYTES of pseudo-random data from SEED:
 *                                     incompressible, the same every time
 *
 * The archive ends with the TRAILER!!! entry and is padded with zeros to a
 * multiple of 512 bytes; archives may be concatenated (Linux unpacks each in
 * turn and skips zeros between them). OUT is written as OUT.tmp and renamed,
 * so a failed run leaves no partial archive.
 */
#define _POSIX_C_SOURCE 200809L  /* strtok_r */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CPIO_MAGIC      "070701"        /* newc, no checksums */
#define CPIO_HEADER     110             /* magic + 13 eight-digit hex fields */
#define CPIO_ALIGN      4               /* header+name and data are padded to this */
#define ARCHIVE_BLOCK   512             /* the archive's length is a multiple of this */
#define TRAILER_NAME    "TRAILER!!!"
#define LINE_MAX_BYTES  4096
#define FIELD_MAX       8
#define COPY_CHUNK      65536

/* File types in c_mode, as cpio and Linux define them. */
#define TYPE_DIR        0040000u
#define TYPE_CHR        0020000u
#define TYPE_BLK        0060000u
#define TYPE_REG        0100000u
#define TYPE_LNK        0120000u
#define PERM_MASK       07777u

struct entry {
	const char *name;       /* inside the archive, without a leading '/' */
	uint32_t mode;          /* type and permission bits */
	uint32_t nlink;
	uint64_t size;          /* data bytes */
	uint32_t rdev_major, rdev_minor;
};

static const char *list_name = "<stdin>";
static unsigned line_no;
static const char *out_name;
static char *tmp_name;
static FILE *out;
static uint64_t out_bytes;
static uint32_t next_ino = 1;
static uint32_t mtime;

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkcpio: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (out) {
		fclose(out);
		remove(tmp_name);
	}
	exit(1);
}

/* An error in the list: names the list file and line. */
static _Noreturn void die_list(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die("%s:%u: %s", list_name, line_no, msg);
}

static void put(const void *data, size_t len)
{
	if (len && fwrite(data, 1, len, out) != len)
		die("%s: write: %s", tmp_name, strerror(errno));
	out_bytes += len;
}

static void pad_to(uint64_t align)
{
	static const char zeros[ARCHIVE_BLOCK];

	while (out_bytes % align)
		put(zeros, (size_t)(align - out_bytes % align) > sizeof(zeros) ?
			sizeof(zeros) : (size_t)(align - out_bytes % align));
}

static void put_field(uint32_t value)
{
	char hex[FIELD_MAX + 1];

	snprintf(hex, sizeof(hex), "%08X", value);
	put(hex, FIELD_MAX);
}

static void put_header(const struct entry *e)
{
	size_t namesize = strlen(e->name) + 1;

	if (e->size > UINT32_MAX)
		die_list("%s: %llu bytes: a newc entry holds less than 4 GiB",
			e->name, (unsigned long long)e->size);
	put(CPIO_MAGIC, strlen(CPIO_MAGIC));
	put_field(strcmp(e->name, TRAILER_NAME) ? next_ino++ : 0); /* c_ino */
	put_field(e->mode);
	put_field(0);                   /* c_uid */
	put_field(0);                   /* c_gid */
	put_field(e->nlink);
	put_field(mtime);
	put_field((uint32_t)e->size);   /* c_filesize */
	put_field(0);                   /* c_devmajor */
	put_field(0);                   /* c_devminor */
	put_field(e->rdev_major);
	put_field(e->rdev_minor);
	put_field((uint32_t)namesize);
	put_field(0);                   /* c_check: unused by newc */
	put(e->name, namesize);
	pad_to(CPIO_ALIGN);
}

/* --- parsing the list */

static char *fields[8];
static int nfields;

static void split(char *line)
{
	char *save = NULL, *tok;

	nfields = 0;
	for (tok = strtok_r(line, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (nfields == (int)(sizeof(fields) / sizeof(fields[0])))
			die_list("too many fields");
		fields[nfields++] = tok;
	}
}

static void want_fields(int n, const char *usage)
{
	if (nfields != n)
		die_list("%s takes %d fields: %s", fields[0], n - 1, usage);
}

static uint64_t number(const char *text, int base, uint64_t max, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, base);
	if (errno || end == text || *end || text[0] == '-' || v > max)
		die_list("bad %s '%s'", what, text);
	return v;
}

static uint32_t perm(const char *text)
{
	return (uint32_t)number(text, 8, PERM_MASK, "mode (octal, at most 07777)");
}

/* The name inside the archive: no leading '/', no empty or ".." parts. */
static const char *archive_name(const char *name)
{
	const char *p;

	while (*name == '/')
		name++;
	if (!*name)
		die_list("empty name");
	if (strlen(name) >= LINE_MAX_BYTES)
		die_list("name too long");
	for (p = name; *p; ) {
		size_t len = strcspn(p, "/");

		if (len == 0 || (len == 2 && !strncmp(p, "..", 2)))
			die_list("bad name '%s': empty or '..' part", name);
		p += len;
		if (*p)
			p++;
	}
	if (!strcmp(name, TRAILER_NAME))
		die_list("'%s' would end the archive", name);
	return name;
}

/* --- the entry kinds */

static void add_dir(void)
{
	struct entry e = { 0 };

	want_fields(3, "dir NAME MODE");
	e.name = archive_name(fields[1]);
	e.mode = TYPE_DIR | perm(fields[2]);
	e.nlink = 2;
	put_header(&e);
}

static void add_file(void)
{
	struct entry e = { 0 };
	const char *host;
	static char buf[COPY_CHUNK];
	FILE *in;
	long len;
	uint64_t left;

	want_fields(4, "file NAME HOSTFILE MODE");
	e.name = archive_name(fields[1]);
	host = fields[2];
	e.mode = TYPE_REG | perm(fields[3]);
	e.nlink = 1;
	in = fopen(host, "rb");
	if (!in)
		die("%s: %s (%s:%u)", host, strerror(errno), list_name, line_no);
	if (fseek(in, 0, SEEK_END) || (len = ftell(in)) < 0 || fseek(in, 0, SEEK_SET))
		die("%s: cannot find its size: %s", host, strerror(errno));
	e.size = (uint64_t)len;
	put_header(&e);
	for (left = e.size; left; ) {
		size_t want = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		size_t got = fread(buf, 1, want, in);

		if (got != want)
			die("%s: %s", host, ferror(in) ? strerror(errno) : "shorter than its size");
		put(buf, got);
		left -= got;
	}
	fclose(in);
	pad_to(CPIO_ALIGN);
}

static void add_slink(void)
{
	struct entry e = { 0 };
	const char *target;

	want_fields(4, "slink NAME TARGET MODE");
	e.name = archive_name(fields[1]);
	target = fields[2];
	e.mode = TYPE_LNK | perm(fields[3]);
	e.nlink = 1;
	e.size = strlen(target);    /* the data is the target, without a NUL */
	put_header(&e);
	put(target, strlen(target));
	pad_to(CPIO_ALIGN);
}

static void add_nod(void)
{
	struct entry e = { 0 };

	want_fields(6, "nod NAME MODE c|b MAJOR MINOR");
	e.name = archive_name(fields[1]);
	if (!strcmp(fields[3], "c"))
		e.mode = TYPE_CHR;
	else if (!strcmp(fields[3], "b"))
		e.mode = TYPE_BLK;
	else
		die_list("device type '%s': c or b", fields[3]);
	e.mode |= perm(fields[2]);
	e.nlink = 1;
	e.rdev_major = (uint32_t)number(fields[4], 10, UINT32_MAX, "major number");
	e.rdev_minor = (uint32_t)number(fields[5], 10, UINT32_MAX, "minor number");
	put_header(&e);
}

/* xorshift64*: fast, and its output does not compress. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545F4914F6CDD1DULL;
}

static void add_fill(void)
{
	struct entry e = { 0 };
	static unsigned char buf[COPY_CHUNK];
	uint64_t state, left;
	size_t i;

	want_fields(5, "fill NAME BYTES MODE SEED");
	e.name = archive_name(fields[1]);
	e.size = number(fields[2], 0, UINT32_MAX, "byte count");
	e.mode = TYPE_REG | perm(fields[3]);
	e.nlink = 1;
	state = number(fields[4], 0, UINT64_MAX, "seed") | 1;  /* never 0 */
	put_header(&e);
	for (left = e.size; left; ) {
		size_t n = left < sizeof(buf) ? (size_t)left : sizeof(buf);

		for (i = 0; i < n; i += 8) {
			uint64_t r = next_random(&state);

			memcpy(buf + i, &r, n - i < 8 ? n - i : 8);
		}
		put(buf, n);
		left -= n;
	}
	pad_to(CPIO_ALIGN);
}

static void add_trailer(void)
{
	struct entry e = { 0 };

	e.name = TRAILER_NAME;
	e.nlink = 1;
	put_header(&e);
	pad_to(ARCHIVE_BLOCK);
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: mkcpio [--mtime SECONDS] -o OUT LIST\n"
		"  LIST lines: dir NAME MODE | file NAME HOSTFILE MODE | slink NAME TARGET MODE\n"
		"              nod NAME MODE c|b MAJOR MINOR | fill NAME BYTES MODE SEED\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *list = NULL;
	char line[LINE_MAX_BYTES + 2];
	FILE *in;
	size_t n;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out_name = argv[++i];
		} else if (!strcmp(argv[i], "--mtime") && i + 1 < argc) {
			char *end;
			unsigned long long v;

			errno = 0;
			v = strtoull(argv[++i], &end, 10);
			if (errno || *end || end == argv[i] || v > UINT32_MAX)
				die("bad --mtime '%s'", argv[i]);
			mtime = (uint32_t)v;
		} else if (!list && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			list = argv[i];
		} else {
			usage();
		}
	}
	if (!out_name || !list)
		usage();

	if (strcmp(list, "-")) {
		list_name = list;
		in = fopen(list, "r");
		if (!in)
			die("%s: %s", list, strerror(errno));
	} else {
		in = stdin;
	}
	n = strlen(out_name) + sizeof(".tmp");
	tmp_name = malloc(n);
	if (!tmp_name)
		die("out of memory");
	snprintf(tmp_name, n, "%s.tmp", out_name);
	out = fopen(tmp_name, "wb");
	if (!out)
		die("%s: %s", tmp_name, strerror(errno));

	while (fgets(line, sizeof(line), in)) {
		line_no++;
		if (!strchr(line, '\n') && !feof(in))
			die_list("line longer than %d bytes", LINE_MAX_BYTES);
		if (line[strspn(line, " \t")] == '#')
			continue;
		split(line);
		if (nfields == 0)
			continue;
		if (!strcmp(fields[0], "dir"))
			add_dir();
		else if (!strcmp(fields[0], "file"))
			add_file();
		else if (!strcmp(fields[0], "slink"))
			add_slink();
		else if (!strcmp(fields[0], "nod"))
			add_nod();
		else if (!strcmp(fields[0], "fill"))
			add_fill();
		else
			die_list("unknown entry kind '%s'", fields[0]);
	}
	if (ferror(in))
		die("%s: %s", list_name, strerror(errno));
	if (in != stdin)
		fclose(in);
	add_trailer();
	if (fclose(out)) {
		out = NULL;
		remove(tmp_name);
		die("%s: %s", tmp_name, strerror(errno));
	}
	out = NULL;
	if (rename(tmp_name, out_name)) {
		remove(tmp_name);
		die("%s: cannot rename to %s: %s", tmp_name, out_name, strerror(errno));
	}
	return 0;
}
