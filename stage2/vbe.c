/*
 * VESA BIOS Extensions (VBE 3.0 specification, sections 4.3-4.5):
 * controller information (4F00h), each mode's information (4F01h), and the
 * mode set (4F02h) with its linear framebuffer. Every buffer the BIOS
 * fills lies in the bounce buffer.
 */
#include "bios.h"
#include "layout.h"
#include "libc.h"
#include "vbe.h"

#define VIDEO_INT         0x10
#define VBE_OK            0x004F
#define VBE_CONTROLLER    0x4F00
#define VBE_MODE_INFO     0x4F01
#define VBE_SET_MODE      0x4F02
#define VBE_USE_LFB       (1u << 14)
#define VBE2_SIGNATURE    0x32454256u  /* "VBE2": asks for the VBE 2.0 fields */
#define VESA_SIGNATURE    0x41534556u  /* "VESA" */
#define VBE_VERSION_2     0x0200
#define VBE_VERSION_3     0x0300
#define MODE_LIST_END     0xFFFF
#define MODES_MAX         256

#define ATTR_SUPPORTED    (1u << 0)
#define ATTR_GRAPHICS     (1u << 4)
#define ATTR_LFB          (1u << 7)
#define MODEL_DIRECT      6

/* The VbeInfoBlock fields read here (VBE 3.0, 4.4). */
struct vbe_controller {
	uint32_t signature;
	uint16_t version;
	uint32_t oem_string;
	uint32_t capabilities;
	uint16_t mode_list_off, mode_list_seg;
} __attribute__((packed));

/* The ModeInfoBlock fields read here (VBE 3.0, 4.5). */
struct vbe_mode_info {
	uint16_t attributes;
	uint8_t window_a, window_b;
	uint16_t granularity, window_size, segment_a, segment_b;
	uint32_t window_function;
	uint16_t bytes_per_line;
	uint16_t width, height;
	uint8_t char_width, char_height, planes, bpp, banks, memory_model, bank_size, image_pages;
	uint8_t reserved0;
	uint8_t red_size, red_shift, green_size, green_shift, blue_size, blue_shift;
	uint8_t rsvd_size, rsvd_shift, direct_color_info;
	uint32_t fb_addr;
	uint32_t reserved1;
	uint16_t reserved2;
	uint16_t lin_bytes_per_line;   /* VBE 3.0: the pitch in linear modes */
	uint8_t bank_pages, lin_pages;
	uint8_t lin_red_size, lin_red_shift, lin_green_size, lin_green_shift, lin_blue_size, lin_blue_shift;
} __attribute__((packed));
_Static_assert(__builtin_offsetof(struct vbe_mode_info, fb_addr) == 0x28, "PhysBasePtr at 0x28");
_Static_assert(__builtin_offsetof(struct vbe_mode_info, lin_bytes_per_line) == 0x32, "LinBytesPerScanLine at 0x32");

#define VBE_PM_INTERFACE  0x4F0A
#define CONTROLLER_BYTES  512
#define MODE_INFO_BYTES   256

static uint16_t mode_numbers[MODES_MAX];
static struct video_mode modes[MODES_MAX];
/* What 4F00h and 4F01h said of the mode set, for Multiboot 1's VBE fields. */
static uint8_t controller_block[CONTROLLER_BYTES], mode_block[MODE_INFO_BYTES];

static int vbe(uint16_t function, uint16_t cx, uint16_t bx)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.ax = function;
	r.bx = bx;
	r.cx = cx;
	r.es = rm_seg(LB_BOUNCE_ADDR);
	r.edi = rm_off(LB_BOUNCE_ADDR);
	bios_call(VIDEO_INT, &r, &r);
	return r.ax == VBE_OK;
}

/* The mode list, copied out of the BIOS's memory: the next call may overwrite it. */
static size_t read_mode_list(uint16_t *version)
{
	struct vbe_controller c;
	size_t n = 0;

	memset(BOUNCE, 0, 512);
	memcpy(BOUNCE, &(uint32_t){ VBE2_SIGNATURE }, 4);
	if (!vbe(VBE_CONTROLLER, 0, 0))
		return 0;
	memcpy(&c, BOUNCE, sizeof(c));
	if (c.signature != VESA_SIGNATURE || c.version < VBE_VERSION_2)
		return 0;
	memcpy(controller_block, BOUNCE, sizeof(controller_block));
	*version = c.version;
	const uint16_t *list = (const uint16_t *)(((uint32_t)c.mode_list_seg << 4) + c.mode_list_off);
	while (n < MODES_MAX && list[n] != MODE_LIST_END)
		n++;
	memcpy(mode_numbers, list, n * sizeof(list[0]));
	return n;
}

static int read_mode(uint16_t number, uint16_t version, struct video_mode *m)
{
	struct vbe_mode_info i;

	if (!vbe(VBE_MODE_INFO, number, 0))
		return 0;
	memcpy(&i, BOUNCE, sizeof(i));
	if ((i.attributes & (ATTR_SUPPORTED | ATTR_GRAPHICS | ATTR_LFB)) !=
	    (ATTR_SUPPORTED | ATTR_GRAPHICS | ATTR_LFB) || i.memory_model != MODEL_DIRECT)
		return 0;
	int v3 = version >= VBE_VERSION_3;
	*m = (struct video_mode){
		.id = number, .width = i.width, .height = i.height, .bpp = i.bpp,
		.pitch = v3 && i.lin_bytes_per_line ? i.lin_bytes_per_line : i.bytes_per_line,
		.fb_addr = i.fb_addr,
		.red_size = v3 ? i.lin_red_size : i.red_size, .red_shift = v3 ? i.lin_red_shift : i.red_shift,
		.green_size = v3 ? i.lin_green_size : i.green_size,
		.green_shift = v3 ? i.lin_green_shift : i.green_shift,
		.blue_size = v3 ? i.lin_blue_size : i.blue_size, .blue_shift = v3 ? i.lin_blue_shift : i.blue_shift,
	};
	return video_mode_usable(m);
}

int vbe_set_mode(const struct video_request *r, struct video_mode *m)
{
	uint16_t version = 0;
	size_t n = 0;

	if (r->kind != VIDEO_REQUEST_FRAMEBUFFER)
		return 0;
	size_t listed = read_mode_list(&version);
	for (size_t i = 0; i < listed; i++)
		if (read_mode(mode_numbers[i], version, &modes[n]))
			n++;
	int pick = video_choose(modes, n, r);
	if (pick < 0 || !vbe(VBE_MODE_INFO, (uint16_t)modes[pick].id, 0))
		return 0;
	memcpy(mode_block, BOUNCE, sizeof(mode_block));
	if (!vbe(VBE_SET_MODE, 0, (uint16_t)(modes[pick].id | VBE_USE_LFB)))
		return 0;
	*m = modes[pick];
	return 1;
}

void vbe_describe(struct boot_desc *d, void *blocks)
{
	struct bios_regs r;
	uint8_t *copy = blocks;

	memcpy(copy, controller_block, CONTROLLER_BYTES);
	memcpy(copy + CONTROLLER_BYTES, mode_block, MODE_INFO_BYTES);
	d->vbe_mode = (uint16_t)d->fb.id;
	d->vbe_control_info = (uintptr_t)copy;
	d->vbe_mode_info = (uintptr_t)copy + CONTROLLER_BYTES;
	bios_regs_init(&r);
	r.ax = VBE_PM_INTERFACE;
	bios_call(VIDEO_INT, &r, &r);
	if (r.ax == VBE_OK) {
		d->vbe_interface_seg = r.es;
		d->vbe_interface_off = r.di;
		d->vbe_interface_len = r.cx;
	}
}
