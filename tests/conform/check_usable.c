/*
 * docs/protocol.md section 3, USABLE: "nothing lives there, the kernel may
 * overwrite all of it at once". The kernel writes every USABLE qword
 * through the direct map, reads it back through the identity map (so both
 * maps reach the same RAM), and then checks that nothing the loader handed
 * over changed and that the kernel itself is intact. Runs last.
 */
#include "conform.h"

#define FILL_KEY        0x5EEDF00DCAFEF00DULL
/* Above this much USABLE memory, write the ends of each entry fully and one qword per page between. */
#define FULL_WRITE_MAX  (512 * MiB)
#define SPARSE_EDGE     (2 * MiB)
#define FINGERPRINTS    (8 + 2 * MODULES_MAX)

struct fingerprint {
	const char *what;
	uint64_t base, len, hash;
};

static uint64_t hash_range(uint64_t base, uint64_t len)
{
	uint64_t h = 0xCBF29CE484222325ULL, i = 0;
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)base;

	for (; i + 8 <= len; i += 8)
		h = (h ^ *(const volatile uint64_t *)(uintptr_t)(base + i)) * 0x100000001B3ULL;
	for (; i < len; i++)
		h = (h ^ p[i]) * 0x100000001B3ULL;
	return h;
}

static size_t add(struct fingerprint *f, size_t n, const char *what, uint64_t base, uint64_t len)
{
	if (n == FINGERPRINTS || !ident_readable(base, len))
		return n;
	f[n] = (struct fingerprint){ what, base, len, hash_range(base, len) };
	return n + 1;
}

/* Everything the loader handed over that the kernel could still read. */
static size_t take_fingerprints(struct fingerprint *f)
{
	const struct longboot_info *in = &boot.info;
	const struct entry_state *st = boot.entry;
	size_t n = 0;

	n = add(f, n, "longboot_info", boot.info_addr, in->size);
	n = add(f, n, "memory map", in->memmap_addr, (uint64_t)in->memmap_count * in->memmap_entry_size);
	n = add(f, n, "command line", in->cmdline_addr, strlen(boot.cmdline) + 1);
	n = add(f, n, "GDT", st->gdt_base, (st->gdt_limit & 0xFFFF) + 1);
	n = add(f, n, "entry stack", in->stack_base, in->stack_size);
	if (boot.module_count)
		n = add(f, n, "module table", in->modules_addr, boot.module_count * sizeof(struct longboot_module));
	for (uint32_t i = 0; i < boot.module_count; i++) {
		const struct longboot_module *m = &boot.modules[i];
		n = add(f, n, "a module", m->addr, m->size);
		uint64_t len = 0;
		while (len < 4096 && ident_readable(m->name_addr + len, 1) &&
		       *(const volatile char *)(uintptr_t)(m->name_addr + len))
			len++;
		n = add(f, n, "a module name", m->name_addr, len + 1);
	}
	return n;
}

static uint64_t fill_value(uint64_t phys)
{
	return phys ^ FILL_KEY;
}

struct fill {
	uint64_t written, mismatches, first_bad, first_got;
	uint64_t offset;    /* virtual = physical + offset for writing */
	int sparse;
};

static void write_range(struct fill *f, uint64_t a, uint64_t end, uint64_t step)
{
	f->written += (end - a) / step * 8;
	for (; a < end; a += step)
		*(volatile uint64_t *)(uintptr_t)(a + f->offset) = fill_value(a);
}

static void read_range(struct fill *f, uint64_t a, uint64_t end, uint64_t step)
{
	for (; a < end; a += step) {
		uint64_t got = *(const volatile uint64_t *)(uintptr_t)a;
		if (got != fill_value(a) && f->mismatches++ == 0) {
			f->first_bad = a;
			f->first_got = got;
		}
	}
}

/* Every qword, or (sparse) every qword of the first and last 2 MiB and one per page between. */
static void each_entry(struct fill *f, void (*op)(struct fill *, uint64_t, uint64_t, uint64_t))
{
	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (e->type != LONGBOOT_MEM_USABLE)
			continue;
		uint64_t a = e->base, end = e->base + e->length;
		if (!f->sparse || e->length <= 2 * SPARSE_EDGE) {
			op(f, a, end, 8);
			continue;
		}
		op(f, a, a + SPARSE_EDGE, 8);
		op(f, a + SPARSE_EDGE, end - SPARSE_EDGE, PAGE_SIZE);
		op(f, end - SPARSE_EDGE, end, 8);
	}
}

static const char *why_not(void)
{
	if (!boot.info_ok)
		return "no longboot_info";
	if (!boot.paging_walked || !boot.ident_map_ok)
		return "the identity map is not whole";
	if (boot.pt_pages_usable)
		return "page tables lie in USABLE memory";
	if (range_touches_type((uintptr_t)__kernel_phys_start + kernel_phys_delta,
			       round_up((uintptr_t)__kernel_phys_end + kernel_phys_delta, PAGE_SIZE), LONGBOOT_MEM_USABLE))
		return "this kernel's own pages are reported USABLE";
	return NULL;
}

void check_usable_free(void)
{
	static struct fingerprint before[FINGERPRINTS];
	struct check c;
	struct fill f = { 0 };
	char why[160];

	check_begin(&c, "usable-free");
	const char *skip = why_not();
	if (!expect(&c, !skip, "not run: %s, so writing USABLE memory would destroy what the kernel runs on", skip)) {
		check_end(&c);
		return;
	}
	uint64_t usable = 0;
	for (uint32_t i = 0; i < boot.map_count; i++)
		if (boot.map[i].type == LONGBOOT_MEM_USABLE)
			usable += boot.map[i].length;
	f.sparse = usable > FULL_WRITE_MAX;
	f.offset = boot.direct_map_ok ? LONGBOOT_PHYS_MAP_OFFSET : 0;

	size_t n = take_fingerprints(before);
	each_entry(&f, write_range);
	each_entry(&f, read_range);

	expect(&c, f.mismatches == 0, "%lu qwords read back wrong, the first at 0x%lx (0x%lx, wrote 0x%lx)",
	       f.mismatches, f.first_bad, f.first_got, fill_value(f.first_bad));
	for (size_t i = 0; i < n; i++)
		expect(&c, hash_range(before[i].base, before[i].len) == before[i].hash,
		       "%s [0x%lx, 0x%lx) changed: it overlaps USABLE memory", before[i].what,
		       before[i].base, before[i].base + before[i].len);
	expect(&c, verify_kernel_patterns(why, sizeof(why)), "after the write: %s", why);
	check_note(&c, "%lu KiB USABLE, %s%lu KiB written %s and read back; loader data and kernel intact",
		   usable / 1024, f.sparse ? "sparse: " : "", f.written / 1024,
		   f.offset ? "through the direct map" : "through the identity map");
	check_end(&c);
}
