#ifndef LONGBOOT_VBE_H
#define LONGBOOT_VBE_H

#include "boot_desc.h"
#include "video.h"

#define VBE_BLOCKS_BYTES (512 + 256) /* the controller and mode information copied */

/*
 * Sets the VBE mode video_choose() picks for r, cleared to black, and
 * describes it in *m. Returns 0, leaving the screen as it was, when
 * nothing was asked, there is no VBE 2.0, or no mode fits.
 */
int vbe_set_mode(const struct video_request *r, struct video_mode *m);

/* After a mode set: the VBE fields of d, the blocks copied to `blocks` (VBE_BLOCKS_BYTES). */
void vbe_describe(struct boot_desc *d, void *blocks);

/* screen.c: the BIOS text screen, 0 when the BIOS is in a graphics mode */
int text_screen(struct boot_text_screen *t);

#endif
