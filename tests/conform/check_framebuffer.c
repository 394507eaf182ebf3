/*
 * docs/protocol.md section 3, the framebuffer (video_mode 2): mapped
 * read/write at fb_addr (identity) and at phys_map_offset + fb_addr, the
 * two mappings the same memory, cleared to black, and no part of it
 * USABLE or anything else the loader hands over. The fields themselves
 * are check_info.c's (info-v2-bios).
 */
#include "conform.h"

#define FB_PIXELS_TRIED 3

struct fb {
	uint64_t addr, bytes;           /* [addr, addr + pitch * height) */
	uint32_t width, height, pitch, bpp_bytes;
	uint32_t colour_mask;           /* the bits of red, green and blue */
};

static uint32_t colour_bits(uint8_t size, uint8_t shift)
{
	return size && size + shift <= 32 ? (uint32_t)(((1ULL << size) - 1) << shift) : 0;
}

static volatile uint8_t *ident_pixel(const struct fb *f, uint32_t x, uint32_t y)
{
	return (volatile uint8_t *)(uintptr_t)(f->addr + (uint64_t)y * f->pitch + (uint64_t)x * f->bpp_bytes);
}

static volatile uint8_t *direct_pixel(const struct fb *f, uint32_t x, uint32_t y)
{
	return (volatile uint8_t *)(uintptr_t)(LONGBOOT_PHYS_MAP_OFFSET + f->addr + (uint64_t)y * f->pitch +
					       (uint64_t)x * f->bpp_bytes);
}

static uint32_t read_pixel(const struct fb *f, const volatile uint8_t *p)
{
	uint32_t v = 0;
	for (uint32_t i = 0; i < f->bpp_bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void write_pixel(const struct fb *f, volatile uint8_t *p, uint32_t v)
{
	for (uint32_t i = 0; i < f->bpp_bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Every page of the framebuffer, in both maps: present, writable, onto fb_addr's pages. */
static int check_mapped(struct check *c, const struct fb *f)
{
	uint64_t first = round_down(f->addr, PAGE_SIZE), end = round_up(f->addr + f->bytes, PAGE_SIZE);

	for (uint64_t pa = first; pa < end;) {
		struct translation ti, td;
		uint64_t dva = LONGBOOT_PHYS_MAP_OFFSET + pa;
		if (!expect(c, translate(pa, &ti) && ti.pa == pa && ti.write,
			    "framebuffer page 0x%lx is not mapped read/write onto itself (identity)", pa))
			return 0;
		if (!expect(c, translate(dva, &td) && td.pa == pa && td.write,
			    "framebuffer page 0x%lx is not mapped read/write at 0x%lx (direct map)", pa, dva))
			return 0;
		if (boot.cpu_nx)
			expect(c, !td.exec, "framebuffer page 0x%lx is executable in the direct map", pa);
		/* Step by the smaller of the two mappings' remaining bytes. */
		uint64_t step = ti.size - (pa & (ti.size - 1));
		uint64_t dstep = td.size - (dva & (td.size - 1));
		pa += step < dstep ? step : dstep;
	}
	return 1;
}

/* Colour bits of every pixel of the first and last lines and of each line's ends are 0. */
static void check_black(struct check *c, const struct fb *f)
{
	for (uint32_t y = 0; y < f->height; y++) {
		int whole = y == 0 || y == f->height - 1;
		for (uint32_t x = 0; x < f->width; x = whole || x == f->width - 1 ? x + 1 : f->width - 1) {
			uint32_t v = read_pixel(f, ident_pixel(f, x, y));
			if (!expect(c, !(v & f->colour_mask), "pixel (%u, %u) is 0x%x, not black", x, y, v))
				return;
		}
	}
}

/* Writes through one map, reads through the other, both ways, and puts the pixel back. */
static void check_pixels(struct check *c, const struct fb *f)
{
	const uint32_t xs[FB_PIXELS_TRIED] = { 0, f->width / 2, f->width - 1 };
	const uint32_t ys[FB_PIXELS_TRIED] = { 0, f->height / 2, f->height - 1 };
	uint32_t all = f->bpp_bytes == 4 ? 0xFFFFFFFFu : (1u << (8 * f->bpp_bytes)) - 1;

	for (int i = 0; i < FB_PIXELS_TRIED; i++) {
		volatile uint8_t *id = ident_pixel(f, xs[i], ys[i]), *dm = direct_pixel(f, xs[i], ys[i]);
		uint32_t old = read_pixel(f, id);
		uint32_t a = (0xA5C3E187u ^ (uint32_t)i * 0x01010101u) & all;
		uint32_t b = ~a & all;

		write_pixel(f, id, a);
		uint32_t got = read_pixel(f, dm);
		expect(c, got == a, "pixel (%u, %u): wrote 0x%x at 0x%lx, read 0x%x at 0x%lx", xs[i], ys[i], a,
		       (uint64_t)(uintptr_t)id, got, (uint64_t)(uintptr_t)dm);
		write_pixel(f, dm, b);
		got = read_pixel(f, id);
		expect(c, got == b, "pixel (%u, %u): wrote 0x%x at 0x%lx, read 0x%x at 0x%lx", xs[i], ys[i], b,
		       (uint64_t)(uintptr_t)dm, got, (uint64_t)(uintptr_t)id);
		write_pixel(f, id, old);
	}
}

void check_framebuffer(void)
{
	const struct longboot_info *in = &boot.info;
	struct check c;
	struct fb f;

	if (!boot.info_ok || in->version < 2 || in->size < 192)
		return;
	check_begin(&c, "framebuffer");
	if (in->video_mode != LONGBOOT_VIDEO_FRAMEBUFFER) {
		check_note(&c, "none (video_mode %u)", in->video_mode);
		check_end(&c);
		return;
	}
	f.addr = in->fb_addr;
	f.width = in->fb_width;
	f.height = in->fb_height;
	f.pitch = in->fb_pitch;
	f.bpp_bytes = in->fb_bpp / 8;
	f.bytes = (uint64_t)in->fb_pitch * in->fb_height;
	f.colour_mask = colour_bits(in->fb_red_size, in->fb_red_shift) |
			colour_bits(in->fb_green_size, in->fb_green_shift) |
			colour_bits(in->fb_blue_size, in->fb_blue_shift);
	/* info-v2-bios reports bad fields; here they would only mislead. */
	if (!expect(&c, f.addr && f.width && f.height && (in->fb_bpp == 16 || in->fb_bpp == 24 || in->fb_bpp == 32) &&
			f.pitch >= (uint64_t)f.width * f.bpp_bytes,
		    "the fb_ fields describe no framebuffer (see info-v2-bios)")) {
		check_end(&c);
		return;
	}
	uint64_t end = f.addr + f.bytes;
	expect(&c, !range_touches_type(f.addr, end, LONGBOOT_MEM_USABLE),
	       "framebuffer [0x%lx, 0x%lx) overlaps USABLE memory", f.addr, end);
	static const uint32_t handed[] = { LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, LONGBOOT_MEM_KERNEL,
					   LONGBOOT_MEM_MODULE };
	for (size_t i = 0; i < sizeof(handed) / sizeof(handed[0]); i++)
		expect(&c, !range_touches_type(f.addr, end, handed[i]),
		       "framebuffer [0x%lx, 0x%lx) overlaps %s memory", f.addr, end, mem_type_name(handed[i]));
	if (check_mapped(&c, &f)) {
		check_black(&c, &f);
		check_pixels(&c, &f);
	}
	check_note(&c, "[0x%lx, 0x%lx) mapped read/write at itself and 0x%lx, black, pixels written and read back",
		   f.addr, end, (uint64_t)LONGBOOT_PHYS_MAP_OFFSET + f.addr);
	check_end(&c);
}
