/* Display mode choice (video.h, boot protocol section 5). Pure logic. */
#include "video.h"

#define PREFERRED_BPP 32

int video_mode_usable(const struct video_mode *m)
{
	if (m->bpp != 16 && m->bpp != 24 && m->bpp != 32)
		return 0;
	if (m->width == 0 || m->height == 0 || m->pitch < m->width * (m->bpp / 8) || m->fb_addr == 0)
		return 0;
	return m->red_size && m->green_size && m->blue_size &&
	       m->red_shift + m->red_size <= m->bpp && m->green_shift + m->green_size <= m->bpp &&
	       m->blue_shift + m->blue_size <= m->bpp;
}

/* How well m's bits a pixel answer `want` (0: any): higher is better. */
static int bpp_score(uint32_t bpp, uint32_t want)
{
	if (want)
		return bpp == want ? 100 : (int)bpp;
	return bpp == PREFERRED_BPP ? 100 : (int)bpp;
}

/* Whether a is a better pick than b for r (both fit). */
static int better(const struct video_mode *a, const struct video_mode *b, const struct video_request *r)
{
	uint64_t pa = (uint64_t)a->width * a->height, pb = (uint64_t)b->width * b->height;
	int exact_a = a->width == r->width && a->height == r->height;
	int exact_b = b->width == r->width && b->height == r->height;

	if (exact_a != exact_b)
		return exact_a;
	if (pa != pb)
		return pa > pb;
	return bpp_score(a->bpp, r->bpp) > bpp_score(b->bpp, r->bpp);
}

int video_choose(const struct video_mode *modes, size_t n, const struct video_request *r)
{
	int best = -1;
	int any_size = r->width == 0 && r->height == 0;

	if (r->kind != VIDEO_REQUEST_FRAMEBUFFER)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct video_mode *m = &modes[i];
		if (!video_mode_usable(m))
			continue;
		if (!any_size && (m->width > r->width || m->height > r->height))
			continue;
		if (best < 0 || better(m, &modes[best], r))
			best = (int)i;
	}
	return best;
}

/* The size and position of one contiguous run of bits; 0 when mask is empty or split. */
static int mask_field(uint32_t mask, uint8_t *size, uint8_t *shift)
{
	if (mask == 0)
		return 0;
	uint32_t low = 0, bits = 0;
	while (!(mask >> low & 1))
		low++;
	while (low + bits < 32 && (mask >> (low + bits) & 1))
		bits++;
	if (low + bits < 32 && mask >> (low + bits))
		return 0;
	*size = (uint8_t)bits;
	*shift = (uint8_t)low;
	return 1;
}

int video_mode_from_masks(struct video_mode *m, uint32_t red, uint32_t green, uint32_t blue,
			  uint32_t reserved)
{
	uint32_t all = red | green | blue | reserved;

	if (!mask_field(red, &m->red_size, &m->red_shift) ||
	    !mask_field(green, &m->green_size, &m->green_shift) ||
	    !mask_field(blue, &m->blue_size, &m->blue_shift))
		return 0;
	/* The pixel is as wide as its highest bit, in whole bytes. */
	uint32_t top = 32;
	while (!(all >> (top - 1) & 1))
		top--;
	m->bpp = (top + 7) / 8 * 8;
	return 1;
}
