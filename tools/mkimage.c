/*
 * mkimage: builds the longboot disk image (docs/image-format.md) from
 * stage1, stage2, a kernel ELF, a command line and modules; with --inspect
 * it prints an image's layout and verifies every checksum in it.
 *
 * Every input is checked before anything is written. The image is written
 * to a temporary file next to the output and renamed into place, so a
 * failed build leaves an existing image as it was. The same inputs always
 * give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checksum.h"
#include "elf.h"
#include "elf64.h"
#include "image.h"
#include "image_check.h"
#include "layout.h"
#include "longboot.h"

#define PROG "mkimage"

#define SECTOR           LB_SECTOR_SIZE
#define MIB_SECTORS      (1024 * 1024 / SECTOR)
#define COPY_CHUNK       (128 * SECTOR)
#define STAGE2_MAX_BYTES (LB_STAGE2_MAX_SECTORS * SECTOR)
#define EHDR_BYTES       64
#define PHDR_BYTES       56
#define MAX_PHNUM        ((LB_KERNEL_HEAD_MAX - EHDR_BYTES) / PHDR_BYTES)

/* The MBR (stage1's sector): what mkimage fills in past stage1's code. */
#define MBR_PARTITIONS     0x1BE
#define MBR_PART_ENTRY     16
#define MBR_PART_COUNT     4
#define MBR_BOOT_SIG       0x1FE
#define BOOT_SIG_0         0x55
#define BOOT_SIG_1         0xAA

/* One MBR partition entry. */
#define PART_STATUS   0
#define PART_CHS_FIRST 1
#define PART_TYPE     4
#define PART_CHS_LAST 5
#define PART_LBA      8
#define PART_SECTORS  12
#define PART_ACTIVE   0x80
#define PART_TYPE_LONGBOOT 0x7F /* "reserved for individual or local use" */

/* The geometry LBA-era BIOSes translate to: 255 heads, 63 sectors a track. */
#define CHS_HEADS        255
#define CHS_SECTORS      63
#define CHS_MAX_CYLINDER 1023

#define FIELD_SIZE(type, field) sizeof(((type *)0)->field)
#define PUT(buf, type, field, value) \
	put_le((buf) + offsetof(type, field), (value), FIELD_SIZE(type, field))
#define GET(buf, type, field) \
	get_le((buf) + offsetof(type, field), FIELD_SIZE(type, field))

static const char usage_text[] =
	"usage: " PROG " -o IMAGE --stage1 FILE --stage2 FILE --kernel ELF\n"
	"               [--cmdline TEXT] [--module FILE]...\n"
	"       " PROG " --inspect IMAGE\n"
	"       " PROG " --help\n"
	"\n"
	"Builds a longboot disk image, or prints an image's layout and checks it.\n"
	"\n"
	"  -o, --output IMAGE  the image to write; replaced only when the build succeeds\n"
	"  --stage1 FILE       the MBR boot code: 512 bytes ending in 0x55 0xAA\n"
	"  --stage2 FILE       the second-stage loader, a flat binary\n"
	"  --kernel ELF        the kernel: an x86-64 ELF executable (ET_EXEC)\n"
	"  --cmdline TEXT      the kernel command line, at most 4095 bytes\n"
	"  --module FILE       a file loaded into memory for the kernel (repeatable)\n"
	"  --inspect IMAGE     print IMAGE's layout and verify every checksum in it\n"
	"  -h, --help          print this help\n"
	"\n"
	"Exit status: 0 on success, 1 when an input or the image is bad,\n"
	"2 when the command line is wrong.\n";

/* The temporary output, removed on every failure. */
static char *volatile tmp_path;

static void remove_tmp(void)
{
	if (tmp_path)
		unlink(tmp_path);
}

static void die(const char *file, const char *fmt, ...)
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

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see " PROG " --help)\n", stderr);
	exit(2);
}

static void on_signal(int sig)
{
	remove_tmp();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void out_of_memory(void)
{
	fputs(PROG ": out of memory\n", stderr);
	remove_tmp();
	exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		out_of_memory();
	return p;
}

static void put_le(unsigned char *p, uint64_t v, size_t bytes)
{
	for (size_t i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, size_t bytes)
{
	uint64_t v = 0;

	for (size_t i = bytes; i--; )
		v = v << 8 | p[i];
	return v;
}

static uint64_t round_up(uint64_t v, uint64_t to)
{
	return (v + to - 1) / to * to;
}

/* ---- input files ---- */

struct input {
	const char *path;
	FILE *f;
	uint64_t size;
};

/*
 * O_NONBLOCK keeps open() from waiting on a FIFO; fstat() then refuses
 * anything that is not a regular file.
 */
static void open_input(struct input *in, const char *path)
{
	struct stat st;
	int fd;

	in->path = path;
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
}

static void read_at(struct input *in, uint64_t offset, void *buf, size_t n)
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

/* ---- the image being built ---- */

struct module {
	struct input in;
	const char *name;
	size_t name_len;
	struct lb_extent file;
};

struct build {
	const char *out;
	char *out_dir;
	struct input stage1, stage2, kernel;
	const char *cmdline;
	size_t cmdline_len;
	struct module *mod;
	uint32_t nmod;

	unsigned char mbr[SECTOR];
	unsigned char *stage2_data;  /* stage2_sectors whole sectors */
	uint32_t stage2_sectors;

	/* The packed kernel head: ELF header, then the program headers. */
	unsigned char head[LB_KERNEL_HEAD_MAX];
	uint32_t head_bytes;
	uint16_t phnum;
	uint64_t src_offset[MAX_PHNUM]; /* each p_offset in the input file */

	uint64_t params_lba, params_bytes;
	uint64_t kernel_lba, kernel_bytes;
	uint64_t total_sectors;
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void check_stage1(struct build *b, const char *path)
{
	open_input(&b->stage1, path);
	if (b->stage1.size != SECTOR)
		die(path, "is %" PRIu64 " bytes; stage1 must be exactly %d", b->stage1.size, SECTOR);
	read_at(&b->stage1, 0, b->mbr, SECTOR);
	if (b->mbr[MBR_BOOT_SIG] != BOOT_SIG_0 || b->mbr[MBR_BOOT_SIG + 1] != BOOT_SIG_1)
		die(path, "has no boot signature (0x55 0xAA at byte 510)");
}

static void check_stage2(struct build *b, const char *path)
{
	open_input(&b->stage2, path);
	if (b->stage2.size > STAGE2_MAX_BYTES)
		die(path, "is %" PRIu64 " bytes; stage2 may be at most %d (%d sectors)",
		    b->stage2.size, STAGE2_MAX_BYTES, LB_STAGE2_MAX_SECTORS);
	b->stage2_sectors = (uint32_t)LB_SECTORS(b->stage2.size);
	b->stage2_data = xcalloc(b->stage2_sectors, SECTOR);
	read_at(&b->stage2, 0, b->stage2_data, (size_t)b->stage2.size);
}

static void elf_die(const char *path, enum elf_error err, int bad_phdr)
{
	if (bad_phdr >= 0)
		die(path, "program header %d: %s", bad_phdr, elf_error_text(err));
	die(path, "%s", elf_error_text(err));
}

/*
 * Reads the ELF header and the program header table (wherever e_phoff puts
 * it) into b->head in the packed form, the table right after the header,
 * and checks it as the loader will, against the real file size.
 */
static void check_kernel(struct build *b, const char *path)
{
	struct input *in = &b->kernel;
	unsigned char *eh = b->head;
	struct elf_kernel k;
	uint64_t phoff, table;
	size_t n;
	int bad = -1;
	enum elf_error err;

	open_input(in, path);
	n = in->size < EHDR_BYTES ? (size_t)in->size : EHDR_BYTES;
	read_at(in, 0, eh, n);
	/* What the ELF header alone can tell comes first, from the loader's own check. */
	if (n < EHDR_BYTES || memcmp(eh, "\177ELF", 4) != 0 || eh[EI_CLASS] != ELFCLASS64 ||
	    eh[EI_DATA] != ELFDATA2LSB) {
		err = elf_parse(eh, n, in->size, &k, &bad);
		elf_die(path, err != ELF_OK ? err : ELF_ERR_TRUNCATED, bad);
	}

	b->phnum = (uint16_t)GET(eh, Elf64_Ehdr, e_phnum);
	if (b->phnum > MAX_PHNUM)
		die(path, "has %u program headers; the image holds at most %d",
		    b->phnum, MAX_PHNUM);
	phoff = GET(eh, Elf64_Ehdr, e_phoff);
	table = (uint64_t)b->phnum * PHDR_BYTES;
	if (phoff > in->size || table > in->size - phoff)
		elf_die(path, ELF_ERR_TRUNCATED, -1);

	b->head_bytes = (uint32_t)(EHDR_BYTES + table);
	read_at(in, phoff, eh + EHDR_BYTES, (size_t)table);
	PUT(eh, Elf64_Ehdr, e_phoff, EHDR_BYTES);
	PUT(eh, Elf64_Ehdr, e_shoff, 0);
	PUT(eh, Elf64_Ehdr, e_shnum, 0);
	PUT(eh, Elf64_Ehdr, e_shstrndx, 0);

	err = elf_parse(eh, b->head_bytes, in->size, &k, &bad);
	if (err != ELF_OK)
		elf_die(path, err, bad);
}

/*
 * Gives every PT_LOAD with p_memsz > 0 a sector-aligned p_offset in the
 * packed kernel, in program-header order; every other entry keeps no data.
 * Returns the packed size, a whole number of sectors.
 */
static uint64_t pack_kernel(struct build *b)
{
	uint64_t end = round_up(b->head_bytes, SECTOR);

	for (uint16_t i = 0; i < b->phnum; i++) {
		unsigned char *ph = b->head + EHDR_BYTES + (size_t)i * PHDR_BYTES;
		uint64_t filesz = GET(ph, Elf64_Phdr, p_filesz);

		b->src_offset[i] = GET(ph, Elf64_Phdr, p_offset);
		if (GET(ph, Elf64_Phdr, p_type) == PT_LOAD && GET(ph, Elf64_Phdr, p_memsz) > 0) {
			PUT(ph, Elf64_Phdr, p_offset, end);
			end += round_up(filesz, SECTOR);
		} else {
			PUT(ph, Elf64_Phdr, p_offset, 0);
			PUT(ph, Elf64_Phdr, p_filesz, 0);
		}
	}
	return end;
}

/* The packed head must pass the loader's check as the original did. */
static void recheck_packed_kernel(struct build *b)
{
	struct elf_kernel k;
	int bad = -1;
	enum elf_error err = elf_parse(b->head, b->head_bytes, b->kernel_bytes, &k, &bad);

	if (err != ELF_OK && bad >= 0)
		die(b->kernel.path, "packed kernel fails the loader's check (a bug in " PROG
		    "): program header %d: %s", bad, elf_error_text(err));
	if (err != ELF_OK)
		die(b->kernel.path, "packed kernel fails the loader's check (a bug in " PROG
		    "): %s", elf_error_text(err));
}

static void check_cmdline(struct build *b, const char *cmdline)
{
	b->cmdline = cmdline ? cmdline : "";
	b->cmdline_len = strlen(b->cmdline);
	if (b->cmdline_len > LONGBOOT_CMDLINE_MAX)
		die("--cmdline", "is %zu bytes; the limit is %d", b->cmdline_len,
		    LONGBOOT_CMDLINE_MAX);
}

static void check_modules(struct build *b, char **paths, uint32_t n)
{
	b->nmod = n;
	b->mod = xcalloc(n, sizeof(*b->mod));
	for (uint32_t i = 0; i < n; i++) {
		struct module *m = &b->mod[i];

		open_input(&m->in, paths[i]);
		m->name = base_name(paths[i]);
		m->name_len = strlen(m->name);
		if (m->name_len > LB_MODULE_NAME_MAX)
			die(paths[i], "module name is %zu bytes; the limit is %d",
			    m->name_len, LB_MODULE_NAME_MAX);
	}
}

static void check_params(struct build *b)
{
	uint64_t bytes = (uint64_t)b->nmod * sizeof(struct lb_module_desc) + b->cmdline_len + 1;

	for (uint32_t i = 0; i < b->nmod; i++)
		bytes += b->mod[i].name_len + 1;
	if (bytes > LB_PARAMS_MAX)
		die(b->out, "module table, command line and module names take %" PRIu64
		    " bytes; the image has room for %d", bytes, LB_PARAMS_MAX);
	b->params_bytes = bytes;
}

static void check_output(struct build *b)
{
	const char *base = base_name(b->out);
	struct stat st;
	char *dir;

	if (*base == '\0')
		die(b->out, "names a directory, not an image file");
	if (base == b->out) {
		dir = strdup(".");
	} else if (base == b->out + 1) {
		dir = strdup("/");
	} else {
		dir = strdup(b->out);
		if (dir)
			dir[base - b->out - 1] = '\0';
	}
	if (!dir)
		out_of_memory();
	if (stat(dir, &st) < 0)
		die(b->out, "directory %s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		die(b->out, "%s is not a directory", dir);
	if (stat(b->out, &st) == 0 && S_ISDIR(st.st_mode))
		die(b->out, "is a directory");
	b->out_dir = dir;
}

/* LBA 0 stage1, 1 header, 2 the stage2 area, then params, kernel, modules, padding. */
static void lay_out(struct build *b)
{
	uint64_t lba = LB_PAYLOAD_LBA;

	b->params_lba = lba;
	lba += LB_SECTORS(b->params_bytes);
	b->kernel_lba = lba;
	b->kernel_bytes = pack_kernel(b);
	lba += b->kernel_bytes / SECTOR;
	for (uint32_t i = 0; i < b->nmod; i++) {
		b->mod[i].file.lba = lba;
		b->mod[i].file.bytes = b->mod[i].in.size;
		lba += LB_SECTORS(b->mod[i].in.size);
	}
	b->total_sectors = round_up(lba, MIB_SECTORS);
	if (b->total_sectors > UINT32_MAX)
		die(b->out, "would be %" PRIu64 " sectors; an MBR partition holds at most %" PRIu32,
		    b->total_sectors, UINT32_MAX);
}

/* ---- writing ---- */

struct output {
	const char *path;   /* the final name, for messages */
	FILE *f;
};

static void write_at(struct output *o, uint64_t offset, const void *buf, size_t n)
{
	if (fseeko(o->f, (off_t)offset, SEEK_SET) < 0 || fwrite(buf, 1, n, o->f) != n)
		die(o->path, "%s", strerror(errno));
}

/*
 * Copies bytes from in at src to the image at dst, zero-padded to whole
 * sectors, adding every sector to sum.
 */
static void copy_sectors(struct output *o, uint64_t dst, struct input *in, uint64_t src,
			 uint64_t bytes, struct lb_sum *sum)
{
	static unsigned char buf[COPY_CHUNK];

	while (bytes > 0) {
		size_t n = bytes < COPY_CHUNK ? (size_t)bytes : COPY_CHUNK;
		size_t padded = (size_t)round_up(n, SECTOR);

		read_at(in, src, buf, n);
		memset(buf + n, 0, padded - n);
		lb_sum_add(sum, buf, padded / 4);
		write_at(o, dst, buf, padded);
		src += n;
		dst += padded;
		bytes -= n;
	}
}

static void open_output(struct build *b, struct output *o)
{
	static const char suffix[] = ".XXXXXX";
	char *path = xcalloc(strlen(b->out) + sizeof(suffix), 1);
	mode_t mask;
	int fd;

	strcpy(path, b->out);
	strcat(path, suffix);
	tmp_path = path;
	fd = mkstemp(path);
	if (fd < 0) {
		int e = errno;

		tmp_path = NULL;
		die(b->out, "cannot create a temporary file in %s: %s", b->out_dir, strerror(e));
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0)
		die(b->out, "%s", strerror(errno));
	o->path = b->out;
	o->f = fdopen(fd, "wb");
	if (!o->f)
		die(b->out, "%s", strerror(errno));
}

static void write_kernel(struct build *b, struct output *o, struct lb_image_header *h)
{
	uint64_t base = b->kernel_lba * SECTOR;
	struct lb_sum sum;
	size_t head_padded = (size_t)round_up(b->head_bytes, SECTOR);

	memset(b->head + b->head_bytes, 0, head_padded - b->head_bytes);
	write_at(o, base, b->head, head_padded);
	h->kernel_head_bytes = b->head_bytes;
	h->kernel_head_sum = lb_checksum(b->head, head_padded / 4);

	lb_sum_init(&sum);
	for (uint16_t i = 0; i < b->phnum; i++) {
		const unsigned char *ph = b->head + EHDR_BYTES + (size_t)i * PHDR_BYTES;

		if (GET(ph, Elf64_Phdr, p_type) != PT_LOAD || GET(ph, Elf64_Phdr, p_memsz) == 0)
			continue;
		copy_sectors(o, base + GET(ph, Elf64_Phdr, p_offset), &b->kernel,
			     b->src_offset[i], GET(ph, Elf64_Phdr, p_filesz), &sum);
	}
	h->kernel.lba = b->kernel_lba;
	h->kernel.bytes = b->kernel_bytes;
	h->kernel.sum = lb_sum_value(&sum);
}

static void write_modules(struct build *b, struct output *o)
{
	for (uint32_t i = 0; i < b->nmod; i++) {
		struct module *m = &b->mod[i];
		struct lb_sum sum;

		lb_sum_init(&sum);
		copy_sectors(o, m->file.lba * SECTOR, &m->in, 0, m->in.size, &sum);
		m->file.sum = lb_sum_value(&sum);
	}
}

static void put_extent(unsigned char *p, const struct lb_extent *e)
{
	PUT(p, struct lb_extent, lba, e->lba);
	PUT(p, struct lb_extent, bytes, e->bytes);
	PUT(p, struct lb_extent, sum, e->sum);
}

/* Module descriptors, then the command line, then the module names. */
static void write_params(struct build *b, struct output *o, struct lb_image_header *h)
{
	size_t padded = (size_t)round_up(b->params_bytes, SECTOR);
	unsigned char *p = xcalloc(padded, 1);
	size_t at = (size_t)b->nmod * sizeof(struct lb_module_desc);

	h->cmdline_offset = (uint32_t)at;
	memcpy(p + at, b->cmdline, b->cmdline_len + 1);
	at += b->cmdline_len + 1;
	for (uint32_t i = 0; i < b->nmod; i++) {
		unsigned char *d = p + (size_t)i * sizeof(struct lb_module_desc);

		put_extent(d + offsetof(struct lb_module_desc, file), &b->mod[i].file);
		PUT(d, struct lb_module_desc, name_offset, at);
		PUT(d, struct lb_module_desc, reserved, 0);
		memcpy(p + at, b->mod[i].name, b->mod[i].name_len + 1);
		at += b->mod[i].name_len + 1;
	}
	write_at(o, b->params_lba * SECTOR, p, padded);
	h->params.lba = b->params_lba;
	h->params.bytes = b->params_bytes;
	h->params.sum = lb_checksum(p, padded / 4);
	free(p);
}

static void encode_header(const struct lb_image_header *h, unsigned char *s)
{
	memset(s, 0, SECTOR);
	PUT(s, struct lb_image_header, magic, LB_IMAGE_MAGIC);
	PUT(s, struct lb_image_header, version, LB_IMAGE_VERSION);
	PUT(s, struct lb_image_header, header_bytes, sizeof(struct lb_image_header));
	PUT(s, struct lb_image_header, stage2_sectors, h->stage2_sectors);
	PUT(s, struct lb_image_header, module_count, h->module_count);
	PUT(s, struct lb_image_header, stage2_sum, h->stage2_sum);
	PUT(s, struct lb_image_header, total_sectors, h->total_sectors);
	put_extent(s + offsetof(struct lb_image_header, params), &h->params);
	PUT(s, struct lb_image_header, cmdline_offset, h->cmdline_offset);
	PUT(s, struct lb_image_header, kernel_head_bytes, h->kernel_head_bytes);
	PUT(s, struct lb_image_header, kernel_head_sum, h->kernel_head_sum);
	put_extent(s + offsetof(struct lb_image_header, kernel), &h->kernel);
	PUT(s, struct lb_image_header, header_sum,
	    lb_checksum(s, offsetof(struct lb_image_header, header_sum) / 4));
}

/* Cylinder/head/sector of an LBA, packed as in a partition entry. */
static void put_chs(unsigned char *p, uint64_t lba)
{
	uint64_t cylinder = lba / (CHS_HEADS * CHS_SECTORS);
	unsigned head = (unsigned)(lba / CHS_SECTORS % CHS_HEADS);
	unsigned sector = (unsigned)(lba % CHS_SECTORS + 1);

	if (cylinder > CHS_MAX_CYLINDER) {
		p[0] = 0xFE;
		p[1] = 0xFF;
		p[2] = 0xFF;
		return;
	}
	p[0] = (unsigned char)head;
	p[1] = (unsigned char)(sector | (cylinder >> 8) << 6);
	p[2] = (unsigned char)cylinder;
}

/*
 * One active partition from LBA 1 to the end of the image, so that
 * firmware and tools that look for a partition table find a sane one.
 * stage1's code runs up to the table: the optional disk signature at 0x1B8
 * is stage1's.
 */
static void fill_mbr(struct build *b)
{
	unsigned char *m = b->mbr;
	unsigned char *part = m + MBR_PARTITIONS;
	uint64_t last = b->total_sectors - 1;

	memset(part, 0, MBR_PART_ENTRY * MBR_PART_COUNT);
	part[PART_STATUS] = PART_ACTIVE;
	put_chs(part + PART_CHS_FIRST, LB_HEADER_LBA);
	part[PART_TYPE] = PART_TYPE_LONGBOOT;
	put_chs(part + PART_CHS_LAST, last);
	put_le(part + PART_LBA, LB_HEADER_LBA, 4);
	put_le(part + PART_SECTORS, last, 4);
}

static void write_image(struct build *b)
{
	struct lb_image_header h;
	unsigned char header[SECTOR];
	struct output o;
	char *path;

	memset(&h, 0, sizeof(h));
	open_output(b, &o);

	write_at(&o, (uint64_t)LB_STAGE2_LBA * SECTOR, b->stage2_data,
		 (size_t)b->stage2_sectors * SECTOR);
	h.stage2_sectors = b->stage2_sectors;
	h.stage2_sum = lb_checksum(b->stage2_data, (size_t)b->stage2_sectors * SECTOR / 4);
	write_kernel(b, &o, &h);
	write_modules(b, &o);
	write_params(b, &o, &h);
	h.module_count = b->nmod;
	h.total_sectors = b->total_sectors;
	encode_header(&h, header);
	fill_mbr(b);
	write_at(&o, 0, b->mbr, SECTOR);
	write_at(&o, (uint64_t)LB_HEADER_LBA * SECTOR, header, SECTOR);

	if (fflush(o.f) != 0 || ftruncate(fileno(o.f), (off_t)(b->total_sectors * SECTOR)) < 0)
		die(b->out, "%s", strerror(errno));
	if (fclose(o.f) != 0)
		die(b->out, "%s", strerror(errno));
	if (rename(tmp_path, b->out) < 0)
		die(b->out, "%s", strerror(errno));
	path = tmp_path;
	tmp_path = NULL;
	free(path);
}

/* ---- --inspect ---- */

static void decode_extent(const unsigned char *p, struct lb_extent *e)
{
	e->lba = GET(p, struct lb_extent, lba);
	e->bytes = GET(p, struct lb_extent, bytes);
	e->sum = GET(p, struct lb_extent, sum);
}

static void decode_header(const unsigned char *s, struct lb_image_header *h)
{
	memset(h, 0, sizeof(*h));
	h->magic = GET(s, struct lb_image_header, magic);
	h->version = (uint32_t)GET(s, struct lb_image_header, version);
	h->header_bytes = (uint32_t)GET(s, struct lb_image_header, header_bytes);
	h->stage2_sectors = (uint32_t)GET(s, struct lb_image_header, stage2_sectors);
	h->module_count = (uint32_t)GET(s, struct lb_image_header, module_count);
	h->stage2_sum = GET(s, struct lb_image_header, stage2_sum);
	h->total_sectors = GET(s, struct lb_image_header, total_sectors);
	decode_extent(s + offsetof(struct lb_image_header, params), &h->params);
	h->cmdline_offset = (uint32_t)GET(s, struct lb_image_header, cmdline_offset);
	h->kernel_head_bytes = (uint32_t)GET(s, struct lb_image_header, kernel_head_bytes);
	h->kernel_head_sum = GET(s, struct lb_image_header, kernel_head_sum);
	decode_extent(s + offsetof(struct lb_image_header, kernel), &h->kernel);
	h->header_sum = GET(s, struct lb_image_header, header_sum);
}

static void print_region(const char *name, uint64_t lba, uint64_t sectors, uint64_t bytes,
			 const char *status)
{
	if (sectors == 0)
		printf("  %-14s %10s %10s %12" PRIu64 "  %s\n", name, "-", "-", bytes, status);
	else
		printf("  %-14s %10" PRIu64 " %10" PRIu64 " %12" PRIu64 "  %s\n",
		       name, lba, lba + sectors - 1, bytes, status);
}

/* Adds `sectors` sectors at lba to sum, a chunk at a time. */
static void sum_stream(struct input *img, uint64_t lba, uint64_t sectors, struct lb_sum *sum)
{
	static unsigned char buf[COPY_CHUNK];

	while (sectors > 0) {
		uint64_t n = sectors < COPY_CHUNK / SECTOR ? sectors : COPY_CHUNK / SECTOR;

		read_at(img, lba * SECTOR, buf, (size_t)(n * SECTOR));
		lb_sum_add(sum, buf, (size_t)(n * SECTOR / 4));
		lba += n;
		sectors -= n;
	}
}

/* Reads `sectors` sectors at lba into buf and returns their lb_sum. */
static uint64_t sum_sectors(struct input *img, uint64_t lba, uint64_t sectors, void *buf)
{
	read_at(img, lba * SECTOR, buf, (size_t)(sectors * SECTOR));
	return lb_checksum(buf, (size_t)(sectors * SECTOR / 4));
}

/* Prints the region's line; a checksum that does not match ends the run. */
static void verify(struct input *img, const char *name, uint64_t lba, uint64_t bytes,
		   uint64_t stored, uint64_t computed)
{
	int ok = stored == computed;

	print_region(name, lba, LB_SECTORS(bytes), bytes, ok ? "ok" : "BAD");
	if (!ok) {
		fflush(stdout);
		die(img->path, "%s: checksum mismatch (header says 0x%016" PRIx64
		    ", the sectors hold 0x%016" PRIx64 ")", name, stored, computed);
	}
}

static const char *phdr_type_name(uint32_t type)
{
	switch (type) {
	case 0: return "NULL";
	case PT_LOAD: return "LOAD";
	case 2: return "DYNAMIC";
	case 3: return "INTERP";
	case 4: return "NOTE";
	case 6: return "PHDR";
	case 7: return "TLS";
	case 0x6474e550: return "GNU_EH_FRAME";
	case 0x6474e551: return "GNU_STACK";
	case 0x6474e552: return "GNU_RELRO";
	case 0x6474e553: return "GNU_PROPERTY";
	default: return "other";
	}
}

static void print_kernel(const unsigned char *head, uint32_t head_bytes)
{
	uint64_t phnum = GET(head, Elf64_Ehdr, e_phnum);

	printf("kernel: entry 0x%" PRIx64 ", %" PRIu64 " program headers\n",
	       GET(head, Elf64_Ehdr, e_entry), phnum);
	printf("  %3s %-12s %10s %18s %18s %10s %10s %s\n",
	       "#", "type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags");
	for (uint64_t i = 0; i < phnum && EHDR_BYTES + (i + 1) * PHDR_BYTES <= head_bytes; i++) {
		const unsigned char *ph = head + EHDR_BYTES + i * PHDR_BYTES;
		uint32_t flags = (uint32_t)GET(ph, Elf64_Phdr, p_flags);

		printf("  %3" PRIu64 " %-12s 0x%08" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64
		       " 0x%08" PRIx64 " 0x%08" PRIx64 " %c%c%c\n",
		       i, phdr_type_name((uint32_t)GET(ph, Elf64_Phdr, p_type)),
		       GET(ph, Elf64_Phdr, p_offset), GET(ph, Elf64_Phdr, p_vaddr),
		       GET(ph, Elf64_Phdr, p_paddr), GET(ph, Elf64_Phdr, p_filesz),
		       GET(ph, Elf64_Phdr, p_memsz),
		       flags & PF_R ? 'R' : '-', flags & PF_W ? 'W' : '-', flags & PF_X ? 'X' : '-');
	}
}

static void print_string(const char *label, const char *s)
{
	printf("%s\"", label);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7F)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

/* An image being inspected: what has been read of it so far. */
struct image {
	struct input in;
	struct lb_image_header h;
	unsigned char mbr[SECTOR];
	unsigned char params[LB_PARAMS_MAX + SECTOR];
	unsigned char head[LB_KERNEL_HEAD_MAX];
	struct elf_kernel k;
};

static void read_header(struct image *im)
{
	const char *path = im->in.path;
	const struct lb_image_header *h = &im->h;
	unsigned char sector[SECTOR];
	const char *problem;

	if (im->in.size < (LB_STAGE2_LBA + 1) * SECTOR)
		die(path, "is %" PRIu64 " bytes, too small to be a longboot image", im->in.size);
	read_at(&im->in, (uint64_t)LB_HEADER_LBA * SECTOR, sector, SECTOR);
	decode_header(sector, &im->h);
	problem = lb_header_check(h);
	if (problem)
		die(path, "header: %s", problem);
	if (h->stage2_sectors > LB_STAGE2_MAX_SECTORS || h->params.bytes > LB_PARAMS_MAX ||
	    h->kernel_head_bytes > LB_KERNEL_HEAD_MAX || h->kernel_head_bytes > h->kernel.bytes)
		die(path, "header: a region is larger than its limit");
	if (h->total_sectors > im->in.size / SECTOR)
		die(path, "is %" PRIu64 " bytes but its header says %" PRIu64
		    " sectors (%" PRIu64 " bytes): the image is truncated",
		    im->in.size, h->total_sectors, h->total_sectors * SECTOR);
	read_at(&im->in, 0, im->mbr, SECTOR);
	if (im->mbr[MBR_BOOT_SIG] != BOOT_SIG_0 || im->mbr[MBR_BOOT_SIG + 1] != BOOT_SIG_1)
		die(path, "stage1: no boot signature (0x55 0xAA at byte 510)");
}

static void print_title(const struct image *im)
{
	const unsigned char *part = im->mbr + MBR_PARTITIONS;

	printf("%s: longboot image version %" PRIu32 ", %" PRIu64 " sectors (%" PRIu64
	       " bytes)\n", im->in.path, im->h.version,
	       im->h.total_sectors, im->h.total_sectors * SECTOR);
	printf("  partition 1: status 0x%02x, type 0x%02x, LBA %" PRIu64 " + %" PRIu64 " sectors\n",
	       part[PART_STATUS], part[PART_TYPE], get_le(part + PART_LBA, 4),
	       get_le(part + PART_SECTORS, 4));
	printf("  %-14s %10s %10s %12s  %s\n", "region", "first LBA", "last LBA", "bytes",
	       "checksum");
	print_region("stage1", 0, 1, SECTOR, "-");
	print_region("header", LB_HEADER_LBA, 1, im->h.header_bytes, "ok");
}

static void verify_params(struct image *im)
{
	const char *problem;

	verify(&im->in, "params", im->h.params.lba, im->h.params.bytes, im->h.params.sum,
	       sum_sectors(&im->in, im->h.params.lba, LB_SECTORS(im->h.params.bytes), im->params));
	problem = lb_params_check(&im->h, im->params);
	if (problem)
		die(im->in.path, "params: %s", problem);
}

/* The head as the loader checks it, then exactly the sectors it loads. */
static void verify_kernel(struct image *im)
{
	const struct lb_image_header *h = &im->h;
	uint64_t head_sectors = LB_SECTORS(h->kernel_head_bytes);
	uint64_t data_bytes = 0;
	struct lb_sum sum;
	enum elf_error err;
	int bad = -1;

	verify(&im->in, "kernel head", h->kernel.lba, h->kernel_head_bytes, h->kernel_head_sum,
	       sum_sectors(&im->in, h->kernel.lba, head_sectors, im->head));
	err = elf_parse(im->head, h->kernel_head_bytes, h->kernel.bytes, &im->k, &bad);
	if (err != ELF_OK && bad >= 0)
		die(im->in.path, "kernel: program header %d: %s", bad, elf_error_text(err));
	if (err != ELF_OK)
		die(im->in.path, "kernel: %s", elf_error_text(err));

	lb_sum_init(&sum);
	for (uint32_t i = 0; i < im->k.count; i++) {
		const struct elf_segment *s = &im->k.seg[i];

		if (s->offset % SECTOR != 0)
			die(im->in.path, "kernel: program header %" PRIu32 ": p_offset 0x%" PRIx64
			    " does not start a sector", s->phdr_index, s->offset);
		sum_stream(&im->in, h->kernel.lba + s->offset / SECTOR, LB_SECTORS(s->filesz), &sum);
	}
	if (h->kernel.bytes > head_sectors * SECTOR)
		data_bytes = h->kernel.bytes - head_sectors * SECTOR;
	verify(&im->in, "kernel data", h->kernel.lba + head_sectors, data_bytes, h->kernel.sum,
	       lb_sum_value(&sum));
}

/* Returns the sector after the last module, or `end` when that is later. */
static uint64_t verify_modules(struct image *im, uint64_t end)
{
	for (uint32_t i = 0; i < im->h.module_count; i++) {
		const unsigned char *d = im->params + (size_t)i * sizeof(struct lb_module_desc);
		struct lb_extent file;
		struct lb_sum sum;
		char name[32];

		decode_extent(d + offsetof(struct lb_module_desc, file), &file);
		lb_sum_init(&sum);
		sum_stream(&im->in, file.lba, LB_SECTORS(file.bytes), &sum);
		snprintf(name, sizeof(name), "module %" PRIu32, i);
		verify(&im->in, name, file.lba, file.bytes, file.sum, lb_sum_value(&sum));
		if (file.lba + LB_SECTORS(file.bytes) > end)
			end = file.lba + LB_SECTORS(file.bytes);
	}
	return end;
}

static void print_strings(const struct image *im)
{
	print_string("command line: ", (const char *)im->params + im->h.cmdline_offset);
	for (uint32_t i = 0; i < im->h.module_count; i++) {
		const unsigned char *d = im->params + (size_t)i * sizeof(struct lb_module_desc);
		char label[32];

		snprintf(label, sizeof(label), "module %" PRIu32 ": ", i);
		print_string(label, (const char *)im->params +
			     GET(d, struct lb_module_desc, name_offset));
	}
}

/*
 * Checks an image as the loader reads it, region by region, printing a
 * line for each; the first bad one ends the run with status 1.
 */
static void inspect(const char *path)
{
	struct image *im = xcalloc(1, sizeof(*im));
	const struct lb_image_header *h = &im->h;
	unsigned char *stage2 = xcalloc(STAGE2_MAX_BYTES, 1);
	uint64_t end;

	open_input(&im->in, path);
	read_header(im);
	print_title(im);
	verify(&im->in, "stage2", LB_STAGE2_LBA, (uint64_t)h->stage2_sectors * SECTOR,
	       h->stage2_sum, sum_sectors(&im->in, LB_STAGE2_LBA, h->stage2_sectors, stage2));
	verify_params(im);
	verify_kernel(im);
	end = verify_modules(im, h->kernel.lba + LB_SECTORS(h->kernel.bytes));
	if (end < h->total_sectors)
		print_region("padding", end, h->total_sectors - end,
			     (h->total_sectors - end) * SECTOR, "-");
	print_strings(im);
	print_kernel(im->head, h->kernel_head_bytes);
	printf("all checksums match\n");
	free(stage2);
	free(im);
}

/* ---- command line ---- */

struct options {
	const char *out, *stage1, *stage2, *kernel, *cmdline, *inspect;
	char **modules;
	uint32_t nmodules;
};

/* Matches "--name VALUE" and "--name=VALUE"; short is "-o" style or NULL. */
static int take_value(int argc, char **argv, int *i, const char *name, const char *short_name,
		      const char **value)
{
	const char *arg = argv[*i];
	size_t len = strlen(name);

	if (strncmp(arg, name, len) == 0 && arg[len] == '=') {
		*value = arg + len + 1;
		return 1;
	}
	if (strcmp(arg, name) != 0 && !(short_name && strcmp(arg, short_name) == 0))
		return 0;
	if (*i + 1 >= argc)
		usage_error("option %s needs a value", arg);
	*value = argv[++*i];
	return 1;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct {
		const char *name, *short_name;
		size_t field;
	} single[] = {
		{ "--output", "-o", offsetof(struct options, out) },
		{ "--stage1", NULL, offsetof(struct options, stage1) },
		{ "--stage2", NULL, offsetof(struct options, stage2) },
		{ "--kernel", NULL, offsetof(struct options, kernel) },
		{ "--cmdline", NULL, offsetof(struct options, cmdline) },
		{ "--inspect", NULL, offsetof(struct options, inspect) },
	};

	memset(o, 0, sizeof(*o));
	o->modules = xcalloc((size_t)argc, sizeof(*o->modules));
	for (int i = 1; i < argc; i++) {
		const char *value;
		size_t j;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			if (fflush(stdout) != 0)
				die("stdout", "%s", strerror(errno));
			exit(0);
		}
		if (take_value(argc, argv, &i, "--module", NULL, &value)) {
			o->modules[o->nmodules++] = (char *)value;
			continue;
		}
		for (j = 0; j < sizeof(single) / sizeof(single[0]); j++) {
			const char **slot = (const char **)((char *)o + single[j].field);

			if (!take_value(argc, argv, &i, single[j].name, single[j].short_name, &value))
				continue;
			if (*slot)
				usage_error("option %s given twice", single[j].name);
			*slot = value;
			break;
		}
		if (j < sizeof(single) / sizeof(single[0]))
			continue;
		if (argv[i][0] == '-')
			usage_error("unknown option '%s'", argv[i]);
		usage_error("unexpected argument '%s'", argv[i]);
	}

	if (o->inspect) {
		if (o->out || o->stage1 || o->stage2 || o->kernel || o->cmdline || o->nmodules)
			usage_error("--inspect takes no other option");
		return;
	}
	if (argc == 1)
		usage_error("nothing to do");
	if (!o->out)
		usage_error("missing -o IMAGE");
	if (!o->stage1)
		usage_error("missing --stage1 FILE");
	if (!o->stage2)
		usage_error("missing --stage2 FILE");
	if (!o->kernel)
		usage_error("missing --kernel ELF");
}

int main(int argc, char **argv)
{
	static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct options opt;
	struct build b;

	parse_options(argc, argv, &opt);
	if (opt.inspect) {
		inspect(opt.inspect);
		free(opt.modules);
		if (fflush(stdout) != 0)
			die("stdout", "%s", strerror(errno));
		return 0;
	}

	for (size_t i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		signal(cleanup_signals[i], on_signal);
	/* Past a file-size limit, write() then fails with EFBIG and is reported. */
	signal(SIGXFSZ, SIG_IGN);

	memset(&b, 0, sizeof(b));
	b.out = opt.out;
	check_stage1(&b, opt.stage1);
	check_stage2(&b, opt.stage2);
	check_kernel(&b, opt.kernel);
	check_cmdline(&b, opt.cmdline);
	check_modules(&b, opt.modules, opt.nmodules);
	check_params(&b);
	check_output(&b);
	lay_out(&b);
	recheck_packed_kernel(&b);
	write_image(&b);
	free(b.stage2_data);
	free(b.mod);
	free(b.out_dir);
	free(opt.modules);
	return 0;
}
