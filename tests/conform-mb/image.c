/*
 * The kernel's own image: .bss zero as the loader must leave it (ELF
 * p_memsz past p_filesz, or the address fields' bss_end_addr), and the
 * pattern arrays of data.asm intact.
 */
#include "mbconf.h"
#include "pattern.h"

/* Runs first, before the C code writes any .bss variable. */
void scan_bss(struct image_scan *s)
{
	s->nonzero = 0;
	s->first = 0;
	for (const volatile uint8_t *p = (const volatile uint8_t *)__bss_start; p < (const uint8_t *)__bss_end; p++)
		if (*p && s->nonzero++ == 0)
			s->first = (uint32_t)(uintptr_t)p;
}

static uint32_t pattern_mismatch(const uint8_t *p, uint32_t size, uint32_t seed)
{
	uint32_t x = seed;
	for (uint32_t k = 0; k < size; k++) {
		x = pattern_step(x);
		if (p[k] != (uint8_t)x)
			return k;
	}
	return size;
}

void check_image(const struct image_scan *s)
{
	struct check c;

	check_begin(&c, "bss-zero");
	expect(&c, s->nonzero == 0, "%u non-zero bytes in .bss [0x%x, 0x%x), the first at 0x%x", s->nonzero,
	       (uint32_t)(uintptr_t)__bss_start, (uint32_t)(uintptr_t)__bss_end, s->first);
	check_note(&c, "[0x%x, 0x%x)", (uint32_t)(uintptr_t)__bss_start, (uint32_t)(uintptr_t)__bss_end);
	check_end(&c);

	check_begin(&c, "data-intact");
	const uint32_t *t = mbconf_pattern_table;
	uint32_t bad = pattern_mismatch(mbconf_rodata_pattern, t[0], t[1]);
	expect(&c, bad == t[0], ".rodata pattern: byte %u of %u differs", bad, t[0]);
	bad = pattern_mismatch(mbconf_data_pattern, t[2], t[3]);
	expect(&c, bad == t[2], ".data pattern: byte %u of %u differs", bad, t[2]);
	check_note(&c, "%u + %u bytes", t[0], t[2]);
	check_end(&c);
}
