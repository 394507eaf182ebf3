/*
 * What every file of mkimage shares: what it assumes of the host, the
 * sizes it works in, how it fails, and the image being built (struct
 * build) with the steps main() runs over it. docs/mkimage.md lists the
 * files and what each holds.
 */
#ifndef MKIMAGE_H
#define MKIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "esp.h"
#include "image.h"
#include "input.h"
#include "kernel.h"
#include "layout.h"
#include "output.h"
#include "video.h"

/*
 * The image is little-endian (docs/image-format.md), and mkimage reads and
 * writes the structs of include/image.h and include/elf64.h as they lie in
 * memory.
 */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "mkimage writes the image's structs as they lie in memory: a little-endian host only");

#define PROG "mkimage"

#define SECTOR              LB_SECTOR_SIZE
#define STAGE2_MAX_BYTES    (LB_STAGE2_MAX_SECTORS * SECTOR) /* its head */
#define IMAGE_ALIGN_SECTORS (MIB / SECTOR) /* the image is padded to whole MiB */
#define COPY_CHUNK          (128 * SECTOR) /* bytes read, summed and written at a time */

/* die.c: one line on stderr, the temporary output removed, then exit. */
_Noreturn void die(const char *file, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
_Noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void out_of_memory(void);
void *xcalloc(size_t n, size_t size);
void remove_on_failure(char *path); /* NULL: nothing to remove */
void catch_signals(void);

struct module {
	struct input in;
	const char *name;        /* its string: given, else the path's last component */
	size_t name_len;
	struct lb_extent file;   /* where it lies in the image */
};

/* A --module: its file, and the string given after it (NULL: none). */
struct module_arg {
	const char *path, *string;
};

/* The image being built: its inputs, checked, and where each part goes. */
struct build {
	struct input stage1, stage2;
	struct kernel kernel;
	const char *cmdline;
	size_t cmdline_len;
	struct module *mod;
	uint32_t nmod;
	struct input *initrd;              /* Linux: loaded back to back as one */
	uint32_t ninitrd;
	uint64_t initrd_lba, initrd_bytes;
	struct video_request video;        /* --video, else the kernel's note */
	struct esp esp;                    /* --efi: the EFI system partition */
	struct output out;

	unsigned char mbr[LB_SECTOR_SIZE]; /* stage1's sector */
	unsigned char *stage2_data;        /* stage2_sectors whole sectors: its head */
	uint32_t stage2_sectors;
	uint64_t stage2_tail_lba, stage2_tail_bytes;
	uint64_t params_lba, params_bytes;
	uint64_t total_sectors;
};

/* stages.c */
void check_stage1(struct build *b, const char *path);
void check_stage2(struct build *b, const char *path);

/* params.c */
void check_cmdline(struct build *b, const char *cmdline);
void check_modules(struct build *b, const struct module_arg *args, uint32_t n);
void check_params(struct build *b);
void write_params(struct build *b, struct lb_image_header *h);

/* initrd.c */
void check_initrds(struct build *b, char **paths, uint32_t n);
void write_initrd(struct build *b, struct lb_image_header *h);

/* video.c */
void parse_video(const char *arg, struct video_request *r);
void read_video_note(struct kernel *k, struct video_request *r);

/* layout.c */
void lay_out(struct build *b);

/* write.c */
void write_image(struct build *b);

/* inspect.c */
void inspect(const char *path);

#endif
