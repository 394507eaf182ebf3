/*
 * The text screen the BIOS left: its mode, size and cursor (INT 10h
 * AH=0Fh and AH=03h; the BIOS data area's row count, IBM PC/AT technical
 * reference), so a kernel's console can continue below the loader's lines.
 */
#include "bios.h"
#include "boot.h"
#include "boot_desc.h"
#include "libc.h"

#define VIDEO_INT          0x10
#define BDA_ROWS_MINUS_ONE 0x484
#define TEXT_BUFFER        0xB8000
#define MODE_MASK          0x7F     /* bit 7: the screen was not cleared */
#define MODE_TEXT_40       1
#define MODE_TEXT_80       3
#define DEFAULT_ROWS       25
#define MIN_TEXT_COLUMNS   40       /* the narrowest text mode */

int text_screen(struct boot_text_screen *t)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.ah = 0x0F;
	bios_call(VIDEO_INT, &r, &r);
	uint8_t mode = r.al & MODE_MASK;
	/*
	 * A graphics mode, or no answer: without a video BIOS (no display)
	 * INT 10h returns the registers as they were, AH still 0Fh.
	 */
	if (mode > MODE_TEXT_80 || r.ah < MIN_TEXT_COLUMNS)
		return 0;
	t->addr = TEXT_BUFFER;
	t->cols = r.ah;
	uint8_t rows_minus_one;
	memcpy(&rows_minus_one, (const void *)BDA_ROWS_MINUS_ONE, 1);
	t->rows = rows_minus_one ? rows_minus_one + 1u : DEFAULT_ROWS;

	bios_regs_init(&r);
	r.ah = 0x03;
	r.bh = 0;
	bios_call(VIDEO_INT, &r, &r);
	t->cursor_x = r.dl < t->cols ? r.dl : 0;
	t->cursor_y = r.dh < t->rows ? r.dh : t->rows - 1;
	return 1;
}
