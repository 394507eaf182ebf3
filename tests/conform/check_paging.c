/*
 * docs/protocol.md section 2, "Page tables": the tables CR3 points at,
 * walked in software (SDM vol. 3A, 4.5) and read through the identity map.
 * Every leaf mapping is visited once, in address order, and must belong to
 * the identity map, the direct map or a higher-half kernel segment.
 */
#include "conform.h"

#define PTE_P       (1ULL << 0)
#define PTE_W       (1ULL << 1)
#define PTE_PS      (1ULL << 7)
#define PTE_NX      (1ULL << 63)
#define PTE_ADDR    0x000FFFFFFFFFF000ULL
#define ENTRIES     512
#define LOWER_HALF_END 0x0000800000000000ULL
#define SIGN_EXTEND    0xFFFF000000000000ULL
#define LEVEL_SHIFT(l) (12 + 9 * ((l) - 1))   /* level 4 = PML4 ... 1 = PT */
#define ONE_TIB        (1024 * GiB)

struct region {
	struct check c;
	uint64_t next;      /* lowest offset not yet seen mapped */
	uint64_t leaves;
};

struct walk {
	int nxe;            /* EFER.NXE at entry: bit 63 is NX, else reserved */
	uint64_t reserved;  /* address bits above MAXPHYADDR */
	uint64_t top;       /* what the identity and direct maps must cover */
	struct region ident, direct, kernel;
	struct check tables, unmapped, entries;
	uint64_t seg_pages[8];
};

static const char *level_name(int level)
{
	static const char *const names[] = { "", "PT", "PD", "PDPT", "PML4" };
	return names[level];
}

static int kernel_is_higher_half(const struct kernel_segment *s)
{
	return s->vaddr >= LONGBOOT_HIGHER_HALF;
}

/*
 * A framebuffer above the identity map's top is mapped too (section 3):
 * whether [off, off + size) lies in its pages.
 */
static int in_framebuffer(uint64_t off, uint64_t size)
{
	const struct longboot_info *in = &boot.info;
	if (in->version < 2 || in->size < 192 || in->video_mode != LONGBOOT_VIDEO_FRAMEBUFFER)
		return 0;
	uint64_t base = round_down(in->fb_addr, PAGE_SIZE);
	uint64_t end = round_up(in->fb_addr + (uint64_t)in->fb_pitch * in->fb_height, PAGE_SIZE);
	return off >= base && off + size <= end;
}

/* Identity or direct map: offsets [0, top) mapped onto themselves, in order. */
static void visit_linear(struct walk *w, struct region *r, const char *name, uint64_t off,
			 uint64_t pa, uint64_t size, int write, int exec, int want_exec)
{
	r->leaves++;
	if (off >= w->top && in_framebuffer(off, size)) {
		expect(&r->c, pa == off && write, "%s map of the framebuffer sends 0x%lx to 0x%lx%s", name, off,
		       pa, write ? "" : ", read-only");
		return;
	}
	if (off >= w->top && r == &w->ident && expect_uefi() && efi_runtime_range(off, size)) {
		/* Section 6: runtime regions are identity-mapped wherever they lie. */
		expect(&r->c, pa == off && write && exec, "identity map of the EFI runtime region at 0x%lx sends it to 0x%lx%s%s",
		       off, pa, write ? "" : ", read-only", exec ? "" : ", not executable");
		return;
	}
	if (off >= w->top) {
		expect(&w->unmapped, 0, "%s map reaches 0x%lx, past its end 0x%lx by more than a page",
		       name, off, w->top);
		return;
	}
	expect(&r->c, pa == off, "%s map sends offset 0x%lx to physical 0x%lx", name, off, pa);
	expect(&r->c, off <= r->next, "%s map has a hole at [0x%lx, 0x%lx)", name, r->next, off);
	expect(&r->c, write, "%s map is read-only at 0x%lx", name, off);
	if (want_exec)
		expect(&r->c, exec, "%s map is not executable at 0x%lx", name, off);
	else
		expect(&r->c, !exec, "%s map is executable at 0x%lx (the CPU has NX)", name, off);
	r->next = off + size;
}

static void visit_kernel(struct walk *w, uint64_t va, uint64_t pa, uint64_t size, int write, int exec)
{
	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *s = &conform_segments[i];
		uint64_t vbase = round_down(s->vaddr, PAGE_SIZE);
		if (!kernel_is_higher_half(s) || va < vbase || va >= round_up(s->vaddr + s->memsz, PAGE_SIZE))
			continue;
		int want_w = (s->flags & SEG_PF_W) != 0, want_x = (s->flags & SEG_PF_X) != 0;
		struct check *c = &w->kernel.c;
		w->kernel.leaves++;
		expect(c, size == PAGE_SIZE, "segment %lu is mapped with a %lu KiB page at 0x%lx",
		       (uint64_t)i, size / 1024, va);
		expect(c, pa == round_down(kernel_seg_phys(s), PAGE_SIZE) + (va - vbase),
		       "0x%lx maps to 0x%lx, not to its physical copy", va, pa);
		expect(c, write == want_w, "0x%lx (segment %lu) is %s", va, (uint64_t)i,
		       write ? "writable without PF_W" : "read-only with PF_W");
		if (boot.cpu_nx)
			expect(c, exec == want_x, "0x%lx (segment %lu) is %s", va, (uint64_t)i,
			       exec ? "executable without PF_X" : "not executable with PF_X");
		if (i < sizeof(w->seg_pages) / sizeof(w->seg_pages[0]))
			w->seg_pages[i] += size / PAGE_SIZE;
		return;
	}
	expect(&w->unmapped, 0, "unexpected mapping at 0x%lx (-> 0x%lx) beside the kernel", va, pa);
}

static void visit_leaf(struct walk *w, uint64_t va, uint64_t pa, uint64_t size, int write, int exec)
{
	if (va < LOWER_HALF_END)
		visit_linear(w, &w->ident, "identity", va, pa, size, write, exec, 1);
	else if (va >= LONGBOOT_HIGHER_HALF)
		visit_kernel(w, va, pa, size, write, exec);
	else if (va >= LONGBOOT_PHYS_MAP_OFFSET)
		visit_linear(w, &w->direct, "direct", va - LONGBOOT_PHYS_MAP_OFFSET, pa, size, write,
			     exec, !boot.cpu_nx);
	else
		expect(&w->unmapped, 0, "unexpected mapping at 0x%lx", va);
}

/* Whether the table page at phys may be read, counting where it lives. */
static int table_ok(struct walk *w, uint64_t phys, int level)
{
	boot.pt_pages++;
	if (range_touches_type(phys, phys + PAGE_SIZE, LONGBOOT_MEM_USABLE))
		boot.pt_pages_usable++;
	expect(&w->tables, range_has_type(phys, phys + PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE),
	       "%s at 0x%lx is not in BOOTLOADER_RECLAIMABLE memory", level_name(level), phys);
	return expect(&w->tables, phys < FOUR_GIB, "%s at 0x%lx is above 4 GiB: not read",
		      level_name(level), phys);
}

static void walk_table(struct walk *w, uint64_t phys, int level, uint64_t va_base, int write, int exec)
{
	if (!table_ok(w, phys, level))
		return;
	const volatile uint64_t *t = (const volatile uint64_t *)(uintptr_t)phys;
	for (uint64_t i = 0; i < ENTRIES; i++) {
		uint64_t e = t[i];
		if (!(e & PTE_P))
			continue;
		uint64_t va = va_base + (i << LEVEL_SHIFT(level));
		if (level == 4 && va >= LOWER_HALF_END)
			va |= SIGN_EXTEND;
		int leaf = level == 1 || (e & PTE_PS);
		uint64_t size = 1ULL << LEVEL_SHIFT(level);
		uint64_t mask = leaf ? PTE_ADDR & ~(size - 1) : PTE_ADDR;
		uint64_t low_reserved = leaf && level > 1 ? (size - 1) & ~0x1FFFULL : 0;

		expect(&w->entries, !(e & w->reserved & PTE_ADDR) && !(e & low_reserved),
		       "%s entry %lu at 0x%lx (0x%016lx) sets reserved address bits", level_name(level),
		       i, phys + i * 8, e);
		expect(&w->entries, w->nxe || !(e & PTE_NX),
		       "%s entry %lu (0x%016lx) sets NX while EFER.NXE is clear", level_name(level), i, e);
		expect(&w->entries, !(level == 4 && (e & PTE_PS)),
		       "PML4 entry %lu (0x%016lx) sets PS (reserved)", i, e);
		expect(&w->entries, !(level == 3 && (e & PTE_PS)) || boot.cpu_page1gb,
		       "PDPT entry %lu (0x%016lx) maps a 1 GiB page the CPU does not support", i, e);

		int wr = write && (e & PTE_W);
		int ex = exec && !(w->nxe && (e & PTE_NX));
		if (leaf)
			visit_leaf(w, va, e & mask, size, wr, ex);
		else
			walk_table(w, e & PTE_ADDR, level - 1, va, wr, ex);
	}
}

int translate(uint64_t va, struct translation *tr)
{
	uint64_t table = boot.entry->cr3 & PTE_ADDR;
	int nxe = (boot.entry->efer & (1ULL << 11)) != 0;
	int write = 1, exec = 1;

	for (int level = 4; level >= 1; level--) {
		if (!ident_readable(table, PAGE_SIZE))
			return 0;
		uint64_t e = ((const volatile uint64_t *)(uintptr_t)table)[va >> LEVEL_SHIFT(level) & (ENTRIES - 1)];
		if (!(e & PTE_P))
			return 0;
		write = write && (e & PTE_W);
		exec = exec && !(nxe && (e & PTE_NX));
		uint64_t size = 1ULL << LEVEL_SHIFT(level);
		if (level == 1 || (e & PTE_PS)) {
			tr->pa = (e & PTE_ADDR & ~(size - 1)) + (va & (size - 1));
			tr->size = size;
			tr->write = write;
			tr->exec = exec;
			return 1;
		}
		table = e & PTE_ADDR;
	}
	return 0;
}

/* Identity-linked segments live in the identity map: they must be present there. */
static void check_identity_segments(struct walk *w)
{
	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *s = &conform_segments[i];
		if (kernel_is_higher_half(s))
			continue;
		for (uint64_t va = round_down(s->vaddr, PAGE_SIZE); va < s->vaddr + s->memsz; va += PAGE_SIZE) {
			struct translation t;
			if (!expect(&w->kernel.c, translate(va, &t) && t.pa == va,
				    "identity-linked segment %lu page 0x%lx is not identity-mapped",
				    (uint64_t)i, va))
				break;
		}
	}
}

void check_paging(void)
{
	static struct walk w;
	const struct entry_state *st = boot.entry;

	if (!boot.info_ok)
		return;
	w.nxe = (st->efer & (1ULL << 11)) != 0;
	w.reserved = ~((1ULL << boot.maxphyaddr) - 1);
	w.top = boot.ram_top;
	check_begin(&w.ident.c, "paging-identity");
	check_begin(&w.direct.c, "paging-direct-map");
	check_begin(&w.kernel.c, "paging-kernel-segments");
	check_begin(&w.unmapped, "paging-nothing-else");
	check_begin(&w.tables, "paging-tables-placement");
	check_begin(&w.entries, "paging-entries");

	walk_table(&w, st->cr3 & PTE_ADDR, 4, 0, 1, 1);
	boot.paging_walked = 1;

	expect(&w.ident.c, w.ident.next >= w.top, "identity map ends at 0x%lx, before 0x%lx",
	       w.ident.next, w.top);
	check_note(&w.ident.c, "[0, 0x%lx) in %lu mappings, read/write/execute", w.top, w.ident.leaves);
	expect(&w.direct.c, w.direct.next >= w.top, "direct map ends at offset 0x%lx, before 0x%lx",
	       w.direct.next, w.top);
	check_note(&w.direct.c, "0xffff800000000000 + [0, 0x%lx) in %lu mappings, read/write%s",
		   w.top, w.direct.leaves, boot.cpu_nx ? ", no-execute" : "");

	boot.ident_map_ok = w.ident.c.failures == 0;
	boot.direct_map_ok = w.direct.c.failures == 0;

	size_t higher = 0;
	for (size_t i = 0; i < kernel_segment_count() && i < 8; i++) {
		const struct kernel_segment *s = &conform_segments[i];
		if (!kernel_is_higher_half(s))
			continue;
		higher++;
		uint64_t pages = (round_up(s->vaddr + s->memsz, PAGE_SIZE) - round_down(s->vaddr, PAGE_SIZE)) / PAGE_SIZE;
		expect(&w.kernel.c, w.seg_pages[i] == pages, "segment %lu at 0x%lx: %lu of %lu pages mapped",
		       (uint64_t)i, s->vaddr, w.seg_pages[i], pages);
	}
	check_identity_segments(&w);
	if (higher)
		check_note(&w.kernel.c, "%lu higher-half segments, %lu pages, 4 KiB pages with ELF permissions",
			   (uint64_t)higher, w.kernel.leaves);
	else
		check_note(&w.kernel.c, "identity-linked: every page identity-mapped");

	struct translation t;
	expect(&w.unmapped, !translate(ONE_TIB, &t), "1 TiB (0x%llx) is mapped", ONE_TIB);
	expect(&w.unmapped, !translate(LONGBOOT_PHYS_MAP_OFFSET + ONE_TIB, &t),
	       "the direct map's offset 1 TiB is mapped");
	check_note(&w.unmapped, "nothing at or past 0x%lx in either map, nothing else mapped", w.top);

	check_note(&w.tables, "%lu table pages", boot.pt_pages);

	check_end(&w.ident.c);
	check_end(&w.direct.c);
	check_end(&w.kernel.c);
	check_end(&w.unmapped);
	check_end(&w.tables);
	check_end(&w.entries);
}
