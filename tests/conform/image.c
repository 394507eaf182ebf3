/*
 * docs/protocol.md section 1: every PT_LOAD copied whole, the bytes from
 * p_filesz to p_memsz zero. The file-backed arrays hold build-time
 * patterns (pattern.h, data.asm, bigdata.asm) checked byte by byte.
 */
#include "conform.h"
#include "pattern.h"

#define BIG_BSS_SIZE (3 * MiB + 1234)

/* A large .bss object; check_a20 also uses it as scratch once it was checked. */
uint8_t conform_big_bss[BIG_BSS_SIZE] __attribute__((aligned(64)));

extern const uint8_t rodata_pattern[], rodata_pattern_end[];
extern const uint8_t data_pattern[], data_pattern_end[];
extern const uint8_t tail_pattern[], tail_pattern_end[];
extern const uint8_t __bigdata_start[], __bigdata_end[];

/* Counts non-zero bytes in [a, end); those below tail_end also count as the tail page's. */
static void scan_range(struct bss_scan *s, uint64_t a, uint64_t end, uint64_t tail_end)
{
	for (; a < end; a++) {
		if (a % 8 == 0 && a + 8 <= end && *(const volatile uint64_t *)(uintptr_t)a == 0) {
			a += 7;
			continue;
		}
		if (*(const volatile uint8_t *)(uintptr_t)a == 0)
			continue;
		if (s->nonzero++ == 0) {
			s->first = a;
			s->first_qword = *(const volatile uint64_t *)(uintptr_t)round_down(a, 8);
		}
		if (a < tail_end && s->tail_nonzero++ == 0)
			s->tail_first = a;
	}
}

/*
 * Runs before the kernel writes any memory outside .scratch (entry.asm's
 * state and stack, the IDT), which it leaves out.
 */
void scan_bss(struct bss_scan *s)
{
	uint64_t skip = (uintptr_t)__scratch_start, skip_end = (uintptr_t)__scratch_end;

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *g = &conform_segments[i];
		uint64_t a = g->vaddr + g->filesz, end = g->vaddr + g->memsz;
		if (a >= end)
			continue;
		uint64_t tail_end = a;
		if (a % PAGE_SIZE) {
			tail_end = round_up(a, PAGE_SIZE) < end ? round_up(a, PAGE_SIZE) : end;
			if (!s->tail_page)
				s->tail_page = round_down(a, PAGE_SIZE);
		}
		uint64_t below = skip < end ? skip : end, above = skip_end > a ? skip_end : a;
		if (a < below) {
			scan_range(s, a, below, tail_end);
			s->scanned += below - a;
		}
		if (above < end) {
			scan_range(s, above, end, tail_end);
			s->scanned += end - above;
		}
	}
}

/* Offset of the first byte of [p, p + n) that differs from the pattern, or n. */
static uint64_t pattern_mismatch(const uint8_t *p, uint64_t n, uint64_t seed)
{
	uint64_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t q;
		memcpy(&q, p + i, 8);
		if (q != pattern_qword(seed, i / 8))
			break;
	}
	for (; i < n; i++)
		if (p[i] != pattern_byte(seed, i))
			return i;
	return n;
}

static int verify_array(const char *name, const uint8_t *p, const uint8_t *end, uint64_t seed,
			char *why, size_t cap)
{
	uint64_t n = (uint64_t)(end - p), bad = pattern_mismatch(p, n, seed);
	if (bad == n)
		return 1;
	format(why, cap, "%s byte %lu of %lu (at %p, physical 0x%lx) is 0x%x, expected 0x%x",
	       name, bad, n, (const void *)(p + bad), kernel_virt_to_phys(p + bad), p[bad],
	       pattern_byte(seed, bad));
	return 0;
}

int verify_kernel_patterns(char *why, size_t cap)
{
	return verify_array("rodata pattern", rodata_pattern, rodata_pattern_end, PATTERN_SEED_RODATA, why, cap) &&
	       verify_array("data pattern", data_pattern, data_pattern_end, PATTERN_SEED_DATA, why, cap) &&
	       verify_array("data tail pattern", tail_pattern, tail_pattern_end, PATTERN_SEED_TAIL, why, cap) &&
	       verify_array("big array", __bigdata_start, __bigdata_end, PATTERN_SEED_BIG, why, cap);
}

void check_image(const struct bss_scan *bss)
{
	struct check c;
	char why[160];

	check_begin(&c, "bss-zero");
	expect(&c, bss->nonzero == 0, "%lu non-zero bytes between p_filesz and p_memsz, the first at %p (physical 0x%lx, in qword 0x%016lx)",
	       bss->nonzero, (void *)bss->first, kernel_virt_to_phys((void *)bss->first), bss->first_qword);
	check_note(&c, "%lu bytes checked", bss->scanned);
	check_end(&c);

	check_begin(&c, "bss-tail-page");
	if (expect(&c, bss->tail_page != 0, "no segment ends its file bytes inside a page (linker script)"))
		expect(&c, bss->tail_nonzero == 0,
		       "%lu non-zero bytes after the file bytes in page %p, the first at %p",
		       bss->tail_nonzero, (void *)bss->tail_page, (void *)bss->tail_first);
	check_end(&c);

	check_begin(&c, "data-intact");
	expect(&c, verify_array("rodata pattern", rodata_pattern, rodata_pattern_end, PATTERN_SEED_RODATA, why, sizeof(why)) &&
		   verify_array("data pattern", data_pattern, data_pattern_end, PATTERN_SEED_DATA, why, sizeof(why)) &&
		   verify_array("data tail pattern", tail_pattern, tail_pattern_end, PATTERN_SEED_TAIL, why, sizeof(why)),
	       "%s", why);
	check_note(&c, "%lu bytes of patterns",
		   (uint64_t)((rodata_pattern_end - rodata_pattern) + (data_pattern_end - data_pattern) +
			      (tail_pattern_end - tail_pattern)));
	check_end(&c);

	if ((uintptr_t)__bigdata_end == (uintptr_t)__bigdata_start)
		return;
	check_begin(&c, "big-data");
	expect(&c, verify_array("big array", __bigdata_start, __bigdata_end, PATTERN_SEED_BIG, why, sizeof(why)),
	       "%s", why);
	check_note(&c, "%lu bytes at physical 0x%lx", (uint64_t)(__bigdata_end - __bigdata_start),
		   kernel_virt_to_phys(__bigdata_start));
	check_end(&c);
}
