/*
 * The display mode the image asks the loader for (boot protocol section
 * 5): --video WIDTHxHEIGHT[xBPP] or --video text, else a longboot
 * kernel's video note, in a PT_NOTE segment or an SHT_NOTE section.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "image_check.h"
#include "mkimage.h"

#define PT_NOTE  4
#define SHT_NOTE 7
#define NOTES_MAX (1024 * 1024) /* a larger note run is not a kernel's */

void parse_video(const char *arg, struct video_request *r)
{
	unsigned w, h, bpp = 0;
	char extra;

	memset(r, 0, sizeof(*r));
	if (strcmp(arg, "text") == 0) {
		r->kind = VIDEO_REQUEST_TEXT;
		return;
	}
	int n = sscanf(arg, "%ux%u%c", &w, &h, &extra);
	if (n == 3 && (extra != 'x' || sscanf(arg, "%ux%ux%u%c", &w, &h, &bpp, &extra) != 3))
		usage_error("--video '%s': give WIDTHxHEIGHT, WIDTHxHEIGHTxBPP or text", arg);
	if (n < 2 || w == 0 || h == 0 || w > 65535 || h > 65535)
		usage_error("--video '%s': give WIDTHxHEIGHT, WIDTHxHEIGHTxBPP or text", arg);
	if (bpp != 0 && bpp != 16 && bpp != 24 && bpp != 32)
		usage_error("--video '%s': bits a pixel must be 16, 24 or 32", arg);
	*r = (struct video_request){ VIDEO_REQUEST_FRAMEBUFFER, w, h, bpp };
}

/* Looks for the video note in `bytes` bytes of the kernel at offset; 1 when found. */
static int note_at(struct kernel *k, uint64_t offset, uint64_t bytes, struct video_request *r)
{
	uint32_t v[3];

	if (bytes == 0 || bytes > NOTES_MAX || offset > k->in.size || bytes > k->in.size - offset)
		return 0;
	unsigned char *notes = xcalloc((size_t)bytes, 1);
	read_at(&k->in, offset, notes, (size_t)bytes);
	int found = elf_video_note(notes, (size_t)bytes, v);
	free(notes);
	if (found < 0)
		die(k->in.path, "its longboot video note (in the notes at file offset 0x%" PRIx64
		    ") has a desc that is not 12 bytes", offset);
	if (found == 0)
		return 0;
	if (v[2] != 0 && v[2] != 16 && v[2] != 24 && v[2] != 32)
		die(k->in.path, "its longboot video note asks for %" PRIu32 " bits a pixel; "
		    "16, 24, 32 or 0 (any) are possible", v[2]);
	if ((v[0] == 0) != (v[1] == 0))
		die(k->in.path, "its longboot video note asks for %" PRIu32 "x%" PRIu32
		    ": give both sizes, or 0x0 for text", v[0], v[1]);
	if (v[0] == 0)
		*r = (struct video_request){ VIDEO_REQUEST_TEXT, 0, 0, 0 };
	else
		*r = (struct video_request){ VIDEO_REQUEST_FRAMEBUFFER, v[0], v[1], v[2] };
	return 1;
}

void read_video_note(struct kernel *k, struct video_request *r)
{
	Elf64_Ehdr eh;

	memset(r, 0, sizeof(*r));
	if (k->protocol != LB_PROTO_LONGBOOT)
		return;
	for (unsigned i = 0; i < k->phnum; i++) {
		Elf64_Phdr ph;
		elf_phdr_get(k, i, &ph);
		if (ph.p_type == PT_NOTE && note_at(k, ph.p_offset, ph.p_filesz, r))
			return;
	}
	read_at(&k->in, 0, &eh, sizeof(eh));
	if (eh.e_shnum == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > k->in.size ||
	    (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) > k->in.size - eh.e_shoff)
		return;
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		Elf64_Shdr sh;
		read_at(&k->in, eh.e_shoff + (uint64_t)i * sizeof(sh), &sh, sizeof(sh));
		if (sh.sh_type == SHT_NOTE && note_at(k, sh.sh_offset, sh.sh_size, r))
			return;
	}
}
