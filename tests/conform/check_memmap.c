/* docs/protocol.md section 3: the memory map's shape and what it says about the kernel and modules. */
#include "conform.h"

#define MEM_TOLERANCE_PERCENT 10

/* The first address of [base, end) that no range covers, or end. */
static uint64_t first_uncovered(uint64_t base, uint64_t end, const struct mem_span *r, size_t n)
{
	while (base < end) {
		size_t i;
		for (i = 0; i < n; i++)
			if (base >= r[i].base && base < r[i].end)
				break;
		if (i == n)
			return base;
		base = r[i].end;
	}
	return end;
}

/* Page-rounded ranges of this kernel's segments where they lie (section 3: KERNEL entries). */
static size_t kernel_spans(struct mem_span *r)
{
	size_t n = kernel_segment_count();
	for (size_t i = 0; i < n; i++) {
		uint64_t pa = kernel_seg_phys(&conform_segments[i]);
		r[i].base = round_down(pa, PAGE_SIZE);
		r[i].end = round_up(pa + conform_segments[i].memsz, PAGE_SIZE);
	}
	return n;
}

static size_t module_spans(struct mem_span *r)
{
	size_t n = 0;
	for (uint32_t i = 0; i < boot.module_count; i++) {
		const struct longboot_module *m = &boot.modules[i];
		if (m->size == 0)
			continue;
		r[n].base = round_down(m->addr, PAGE_SIZE);
		r[n].end = round_up(m->addr + m->size, PAGE_SIZE);
		n++;
	}
	return n;
}

/* Entries of this type and the spans they must hold cover each other exactly. */
static void expect_exact_cover(struct check *c, uint32_t type, const char *what,
			       const struct mem_span *spans, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect(c, range_has_type(spans[i].base, spans[i].end, type),
		       "%s [0x%lx, 0x%lx) is not covered by %s entries", what,
		       spans[i].base, spans[i].end, mem_type_name(type));
	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (e->type != type)
			continue;
		uint64_t hole = first_uncovered(e->base, e->base + e->length, spans, n);
		expect(c, hole == e->base + e->length,
		       "%s entry [0x%lx, 0x%lx) covers 0x%lx, which holds no %s",
		       mem_type_name(type), e->base, e->base + e->length, hole, what);
	}
}

static void check_shape(void)
{
	struct check c;
	const struct longboot_memmap_entry *m = boot.map;
	uint32_t n = boot.map_count;

	check_begin(&c, "memmap-order");
	expect(&c, n > 0, "the memory map is empty");
	for (uint32_t i = 0; i < n; i++) {
		expect(&c, m[i].length != 0, "entry %u [0x%lx, +0) has length 0", i, m[i].base);
		expect(&c, m[i].base + m[i].length >= m[i].base, "entry %u at 0x%lx wraps past 2^64", i, m[i].base);
		if (i + 1 < n) {
			expect(&c, m[i].base < m[i + 1].base, "entry %u base 0x%lx is not below entry %u base 0x%lx",
			       i, m[i].base, i + 1, m[i + 1].base);
			expect(&c, m[i].base + m[i].length <= m[i + 1].base,
			       "entries %u [0x%lx, 0x%lx) and %u [0x%lx, ...) overlap",
			       i, m[i].base, m[i].base + m[i].length, i + 1, m[i + 1].base);
		}
	}
	check_note(&c, "%u entries", n);
	check_end(&c);

	check_begin(&c, "memmap-fields");
	for (uint32_t i = 0; i < n; i++) {
		expect(&c, mem_type_known(m[i].type), "entry %u [0x%lx, 0x%lx) has unknown type 0x%x",
		       i, m[i].base, m[i].base + m[i].length, m[i].type);
		expect(&c, m[i].reserved == 0, "entry %u has reserved field 0x%x", i, m[i].reserved);
	}
	check_end(&c);

	check_begin(&c, "memmap-merged");
	for (uint32_t i = 0; i + 1 < n; i++)
		expect(&c, !(m[i].base + m[i].length == m[i + 1].base && m[i].type == m[i + 1].type),
		       "entries %u and %u touch at 0x%lx and are both %s", i, i + 1, m[i + 1].base,
		       mem_type_name(m[i].type));
	check_end(&c);

	check_begin(&c, "memmap-usable-aligned");
	for (uint32_t i = 0; i < n; i++)
		if (m[i].type == LONGBOOT_MEM_USABLE)
			expect(&c, m[i].base % PAGE_SIZE == 0 && m[i].length % PAGE_SIZE == 0,
			       "USABLE entry %u [0x%lx, 0x%lx) is not page-aligned", i,
			       m[i].base, m[i].base + m[i].length);
	check_end(&c);

	check_begin(&c, "memmap-page0");
	expect(&c, !range_touches_type(0, PAGE_SIZE, LONGBOOT_MEM_USABLE), "the page at 0 is USABLE");
	check_end(&c);
}

static void check_owners(void)
{
	struct check c;
	struct mem_span spans[MODULES_MAX > 8 ? MODULES_MAX : 8];

	check_begin(&c, "memmap-kernel");
	size_t n = kernel_spans(spans);
	expect_exact_cover(&c, LONGBOOT_MEM_KERNEL, "kernel segment", spans, n);
	check_end(&c);

	check_begin(&c, "memmap-modules");
	n = module_spans(spans);
	expect_exact_cover(&c, LONGBOOT_MEM_MODULE, "module", spans, n);
	check_note(&c, "%lu non-empty modules", (uint64_t)n);
	check_end(&c);

	check_begin(&c, "memmap-reclaimable");
	expect(&c, range_touches_type(0, UINT64_MAX, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE),
	       "no BOOTLOADER_RECLAIMABLE entry (the loader's data must live somewhere)");
	check_end(&c);
}

static void check_total(void)
{
	struct check c;
	uint64_t ram = 0, usable = 0;

	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (e->type == LONGBOOT_MEM_USABLE)
			usable += e->length;
		if (e->type == LONGBOOT_MEM_USABLE || e->type == LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE ||
		    e->type == LONGBOOT_MEM_KERNEL || e->type == LONGBOOT_MEM_MODULE)
			ram += e->length;
	}
	if (!boot.expect.has_mem)
		return;
	/* Firmware keeps some RAM (EBDA, ROM shadows, ACPI): allow 10% below. */
	uint64_t want = boot.expect.mem_mib * MiB;
	check_begin(&c, "memmap-total");
	expect(&c, ram <= want && ram >= want / 100 * (100 - MEM_TOLERANCE_PERCENT),
	       "USABLE + loader + kernel + module memory is %lu KiB; expected at most %lu KiB and at least %d%% of it",
	       ram / 1024, want / 1024, 100 - MEM_TOLERANCE_PERCENT);
	check_note(&c, "%lu KiB of %lu KiB handed over, %lu KiB USABLE", ram / 1024, want / 1024, usable / 1024);
	check_end(&c);
}

void check_memmap(void)
{
	if (!boot.info_ok)
		return;
	check_shape();
	check_owners();
	check_total();
}
