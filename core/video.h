/*
 * Choosing a display mode (boot protocol section 5) from the modes an
 * adapter offers, and what a kernel is told of the one set. Pure logic:
 * the BIOS backend lists VBE modes, a UEFI backend GOP modes.
 */
#ifndef LONGBOOT_VIDEO_H
#define LONGBOOT_VIDEO_H

#include <stddef.h>
#include <stdint.h>

/* What the kernel asked for: its note, a header's video fields, or --video. */
enum video_request_kind {
	VIDEO_REQUEST_NONE = 0,        /* nothing asked: text under BIOS */
	VIDEO_REQUEST_TEXT = 1,
	VIDEO_REQUEST_FRAMEBUFFER = 2,
};

struct video_request {
	uint32_t kind;                 /* enum video_request_kind */
	uint32_t width, height;        /* 0x0 with a framebuffer request: any size */
	uint32_t bpp;                  /* 0: the best there is, 32 preferred */
};

/* A linear direct-colour framebuffer mode. */
struct video_mode {
	uint32_t id;                   /* the firmware's number for it */
	uint32_t width, height, bpp, pitch;
	uint64_t fb_addr;
	uint8_t red_size, red_shift, green_size, green_shift, blue_size, blue_shift;
};

/*
 * The colour fields and bpp of m from the bit masks of its red, green,
 * blue and unused bits (as UEFI's GOP gives them); 0 when a mask is
 * empty or not one run of bits.
 */
int video_mode_from_masks(struct video_mode *m, uint32_t red, uint32_t green, uint32_t blue,
			  uint32_t reserved);

/* Whether m is a mode the protocol hands over: 16, 24 or 32 bits, masks that fit. */
int video_mode_usable(const struct video_mode *m);

/*
 * The index in modes of the one to set for r, or -1 for none (keep text
 * or the current mode): the exact size (and bpp when asked) if offered,
 * else the most pixels no wider and no taller than asked (ties: bpp as
 * asked, then more bits a pixel). A request of 0x0 takes the largest mode.
 */
int video_choose(const struct video_mode *modes, size_t n, const struct video_request *r);

#endif
