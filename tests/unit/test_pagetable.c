/* Page-table building (core/pagetable.c) in a fake physical arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "pagetable.h"

/*
 * The arena's pages sit 2 MiB apart in the fake physical space, so a page
 * table's address is also a possible 2 MiB frame.
 */
#define ARENA_BASE   0x40000000ULL
#define ARENA_STRIDE 0x200000ULL
#define ARENA_PAGES  64
#define PAGE        0x1000ULL
#define MB2         0x200000ULL
#define GB          0x40000000ULL
#define HH          0xFFFFFFFF80000000ULL
#define PHYS_MAP    0xFFFF800000000000ULL
#define UNMAPPED    (~0ULL)
#define RW          PT_MAP_WRITE
#define RX          PT_MAP_EXEC
#define RWX         (PT_MAP_WRITE | PT_MAP_EXEC)

struct arena {
	unsigned char *mem;
	unsigned used, limit;
};

static struct arena arena;
static struct pt_builder b;

static uint64_t arena_alloc(void *ctx)
{
	struct arena *a = ctx;

	if (a->used == a->limit)
		return 0;
	memset(a->mem + a->used * PAGE, 0, PAGE);
	return ARENA_BASE + a->used++ * ARENA_STRIDE;
}

static void *arena_ptr(void *ctx, uint64_t phys)
{
	struct arena *a = ctx;

	if (phys < ARENA_BASE || phys >= ARENA_BASE + a->used * ARENA_STRIDE ||
	    (phys - ARENA_BASE) % ARENA_STRIDE) {
		fprintf(stderr, "pagetable: phys_to_ptr(0x%llx) outside the allocated tables\n",
			(unsigned long long)phys);
		abort();
	}
	return a->mem + (phys - ARENA_BASE) / ARENA_STRIDE * PAGE;
}

/* A fresh builder whose allocator gives out at most `pages` pages. */
static void setup(int nx, unsigned pages)
{
	if (!arena.mem)
		arena.mem = aligned_alloc(PAGE, ARENA_PAGES * PAGE);
	memset(arena.mem, 0xCC, ARENA_PAGES * PAGE);
	arena.used = 0;
	arena.limit = pages;
	b = (struct pt_builder){ .alloc_page = arena_alloc, .phys_to_ptr = arena_ptr,
				 .ctx = &arena, .nx = nx };
}

static uint64_t *table(uint64_t phys)
{
	return arena_ptr(&arena, phys);
}

static unsigned idx(uint64_t va, int shift)
{
	return (va >> shift) & 0x1FF;
}

/* The raw entries on the way to va: e[0] PML4E, e[1] PDPTE, e[2] PDE, e[3] PTE (when present). */
static int walk(uint64_t va, uint64_t e[4])
{
	static const int shift[4] = { 39, 30, 21, 12 };
	uint64_t phys = b.pml4;
	int n = 0;

	memset(e, 0, 4 * sizeof(e[0]));
	for (int l = 0; l < 4; l++) {
		e[l] = table(phys)[idx(va, shift[l])];
		n++;
		if (!(e[l] & PTE_PRESENT) || (l > 0 && (e[l] & PTE_LARGE)))
			break;
		phys = e[l] & PTE_ADDR;
	}
	return n;
}

static uint64_t xlate(uint64_t va, unsigned *flags)
{
	*flags = 0xDEAD;
	return pt_translate(&b, va, flags);
}

static void init(void)
{
	setup(1, ARENA_PAGES);
	CHECK_EQ(pt_init(&b), PT_OK);
	CHECK_EQ(b.pml4, ARENA_BASE);
	CHECK_EQ(arena.used, 1);
	for (int i = 0; i < 512; i++)
		CHECK_EQ(table(b.pml4)[i], 0);
	setup(1, 0);
	CHECK_EQ(pt_init(&b), PT_ERR_NOMEM);
}

static void identity_2m(void)
{
	unsigned fl;
	uint64_t e[4];

	setup(1, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_2m(&b, 0, 0, 4 * GB, RWX), PT_OK);
	CHECK_EQ(arena.used, 1 + 1 + 4);
	CHECK_EQ(xlate(0, &fl), 0);
	CHECK_EQ(fl, RWX);
	CHECK_EQ(xlate(0x12345678, &fl), 0x12345678);
	CHECK_EQ(fl, RWX);
	CHECK_EQ(xlate(0xFFFFFFFF, &fl), 0xFFFFFFFF);
	CHECK_EQ(xlate(4 * GB, &fl), UNMAPPED);
	CHECK_EQ(pt_translate(&b, 0x1000, NULL), 0x1000);
	CHECK_EQ(walk(0xC0201234, e), 3);
	CHECK_EQ(e[0] & ~PTE_ADDR, PTE_PRESENT | PTE_WRITE);
	CHECK_EQ(e[1] & ~PTE_ADDR, PTE_PRESENT | PTE_WRITE);
	CHECK_EQ(e[2], 0xC0200000 | PTE_PRESENT | PTE_WRITE | PTE_LARGE);
}

static void nx_leaves(void)
{
	unsigned fl;
	uint64_t e[4];

	setup(1, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_2m(&b, PHYS_MAP, 0, GB, RW), PT_OK);
	CHECK_EQ(xlate(PHYS_MAP + 0x3456789, &fl), 0x3456789);
	CHECK_EQ(fl, RW);
	CHECK_EQ(walk(PHYS_MAP + 0x3456789, e), 3);
	/* Intermediate entries never carry NX: the leaf decides. */
	CHECK_EQ(e[0] & ~PTE_ADDR, PTE_PRESENT | PTE_WRITE);
	CHECK_EQ(e[1] & ~PTE_ADDR, PTE_PRESENT | PTE_WRITE);
	CHECK_EQ(e[2], 0x3400000 | PTE_PRESENT | PTE_WRITE | PTE_LARGE | PTE_NX);

	/* Read-only, not executable. */
	CHECK_EQ(pt_map_2m(&b, 0, 0, MB2, 0), PT_OK);
	CHECK_EQ(xlate(0x1234, &fl), 0x1234);
	CHECK_EQ(fl, 0);

	/* Without NX no entry has bit 63 and everything is executable. */
	setup(0, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_2m(&b, PHYS_MAP, 0, GB, RW), PT_OK);
	CHECK_EQ(pt_map_4k(&b, HH, 0x100000, 0x1000, 0), PT_OK);
	CHECK_EQ(xlate(PHYS_MAP + 0x200000, &fl), 0x200000);
	CHECK_EQ(fl, RWX);
	CHECK_EQ(xlate(HH, &fl), 0x100000);
	CHECK_EQ(fl, RX);
	CHECK_EQ(walk(PHYS_MAP, e), 3);
	CHECK_EQ(e[2] & PTE_NX, 0);
	CHECK_EQ(walk(HH, e), 4);
	CHECK_EQ(e[3], 0x100000 | PTE_PRESENT);
}

static void higher_half_4k(void)
{
	unsigned fl;
	uint64_t e[4];

	setup(1, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_4k(&b, HH + 0x100000, 0x100000, 0x2345, RX), PT_OK);
	CHECK_EQ(pt_map_4k(&b, HH + 0x104000, 0x104000, 0x800, 0), PT_OK);
	CHECK_EQ(pt_map_4k(&b, HH + 0x105000, 0x205000, 0x3000, RW), PT_OK);
	CHECK_EQ(arena.used, 4);

	CHECK_EQ(xlate(HH + 0x100000, &fl), 0x100000);
	CHECK_EQ(fl, RX);
	CHECK_EQ(xlate(HH + 0x102344, &fl), 0x102344);
	CHECK_EQ(xlate(HH + 0x102FFF, &fl), 0x102FFF); /* the rest of the last page comes too */
	CHECK_EQ(xlate(HH + 0x103000, &fl), UNMAPPED);
	CHECK_EQ(xlate(HH + 0x104123, &fl), 0x104123);
	CHECK_EQ(fl, 0);
	CHECK_EQ(xlate(HH + 0x107FFF, &fl), 0x207FFF);
	CHECK_EQ(fl, RW);
	CHECK_EQ(xlate(HH + 0x108000, &fl), UNMAPPED);
	CHECK_EQ(xlate(HH - PAGE, &fl), UNMAPPED);
	CHECK_EQ(walk(HH + 0x106000, e), 4);
	CHECK_EQ(e[2] & ~PTE_ADDR, PTE_PRESENT | PTE_WRITE);
	CHECK_EQ(e[3], 0x206000 | PTE_PRESENT | PTE_WRITE | PTE_NX);
	CHECK_EQ(walk(HH + 0x101000, e), 4);
	CHECK_EQ(e[3], 0x101000 | PTE_PRESENT);

	/* Widened to whole pages: 0x1800 + 0x1000 touches two pages. */
	CHECK_EQ(pt_map_4k(&b, HH + 0x301800, 0x501800, 0x1000, RW), PT_OK);
	CHECK_EQ(xlate(HH + 0x301000, &fl), 0x501000);
	CHECK_EQ(xlate(HH + 0x302FFF, &fl), 0x502FFF);
	CHECK_EQ(xlate(HH + 0x303000, &fl), UNMAPPED);
	CHECK_EQ(xlate(HH + 0x300FFF, &fl), UNMAPPED);

	/* Across a page-table and a page-directory boundary. */
	CHECK_EQ(pt_map_4k(&b, HH + 0x3FFFF000, 0x800000, 0x3000, RW), PT_OK);
	CHECK_EQ(xlate(HH + 0x40001000, &fl), 0x802000);
	CHECK_EQ(xlate(HH + 0x3FFFF000, &fl), 0x800000);

	/* A size of 0 maps nothing. */
	{
		unsigned before = arena.used;
		CHECK_EQ(pt_map_4k(&b, 0x7000000000ULL, 0x1000, 0, RW), PT_OK);
		CHECK_EQ(pt_map_2m(&b, 0x7000000000ULL, 0, 0, RW), PT_OK);
		CHECK_EQ(arena.used, before);
		CHECK_EQ(xlate(0x7000000000ULL, &fl), UNMAPPED);
	}
}

static void permission_union(void)
{
	unsigned fl;
	uint64_t e[4];

	setup(1, ARENA_PAGES);
	pt_init(&b);
	/* Text and data sharing their boundary page. */
	CHECK_EQ(pt_map_4k(&b, HH + 0x100000, 0x100000, 0x1800, RX), PT_OK);
	CHECK_EQ(pt_map_4k(&b, HH + 0x101800, 0x101800, 0x1000, RW), PT_OK);
	CHECK_EQ(xlate(HH + 0x100000, &fl), 0x100000);
	CHECK_EQ(fl, RX);
	CHECK_EQ(xlate(HH + 0x101000, &fl), 0x101000);
	CHECK_EQ(fl, RWX);
	CHECK_EQ(xlate(HH + 0x102000, &fl), 0x102000);
	CHECK_EQ(fl, RW);
	walk(HH + 0x101000, e);
	CHECK_EQ(e[3], 0x101000 | PTE_PRESENT | PTE_WRITE);

	/* Read-only over writable stays writable; two non-executable stay NX. */
	CHECK_EQ(pt_map_4k(&b, HH + 0x102000, 0x102000, 0x10, 0), PT_OK);
	CHECK_EQ(xlate(HH + 0x102000, &fl), 0x102000);
	CHECK_EQ(fl, RW);
	walk(HH + 0x102000, e);
	CHECK_EQ(e[3], 0x102000 | PTE_PRESENT | PTE_WRITE | PTE_NX);

	/* The same holds for a 2 MiB leaf mapped twice. */
	CHECK_EQ(pt_map_2m(&b, 0, 0, 4 * MB2, RW), PT_OK);
	CHECK_EQ(pt_map_2m(&b, 2 * MB2, 2 * MB2, MB2, RX), PT_OK);
	CHECK_EQ(xlate(2 * MB2 + 5, &fl), 2 * MB2 + 5);
	CHECK_EQ(fl, RWX);
	CHECK_EQ(xlate(MB2, &fl), MB2);
	CHECK_EQ(fl, RW);
}

static void conflicts(void)
{
	unsigned fl;

	setup(1, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_4k(&b, HH + 0x100000, 0x100000, 0x1000, RW), PT_OK);
	CHECK_EQ(pt_map_4k(&b, HH + 0x100000, 0x200000, 0x1000, RW), PT_ERR_CONFLICT);
	CHECK_EQ(xlate(HH + 0x100000, &fl), 0x100000);
	/* The conflict is found on the second page of the range. */
	CHECK_EQ(pt_map_4k(&b, HH + 0xFF000, 0xFF000, 0x2000, RW), PT_OK);
	CHECK_EQ(pt_map_4k(&b, HH + 0xFE000, 0x1FE000, 0x3000, RW), PT_ERR_CONFLICT);

	/* A 2 MiB page where a page table is. */
	CHECK_EQ(pt_map_2m(&b, HH, 0, MB2, RW), PT_ERR_CONFLICT);
	CHECK_EQ(pt_map_2m(&b, HH + MB2 * 4, 0, MB2, RW), PT_OK);
	/* A page table where a 2 MiB page is, even onto the same frames. */
	CHECK_EQ(pt_map_4k(&b, HH + MB2 * 4 + 0x3000, 0x3000, 0x1000, RW), PT_ERR_CONFLICT);
	/* Two 2 MiB pages onto different frames. */
	CHECK_EQ(pt_map_2m(&b, HH + MB2 * 4, MB2, MB2, RW), PT_ERR_CONFLICT);
	CHECK_EQ(xlate(HH + MB2 * 4 + 0x3000, &fl), 0x3000);
	/* A 2 MiB page onto the very frame of the page table in its slot. */
	{
		uint64_t e[4];
		walk(HH, e);
		CHECK_EQ(pt_map_2m(&b, HH, e[2] & PTE_ADDR, MB2, RW), PT_ERR_CONFLICT);
	}
}

static void alignment(void)
{
	setup(1, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_2m(&b, 0x1000, 0x1000, MB2, RW), PT_ERR_ALIGN);
	CHECK_EQ(pt_map_2m(&b, 0, 0x1000, MB2, RW), PT_ERR_ALIGN);
	CHECK_EQ(pt_map_2m(&b, 0, 0, MB2 + 0x1000, RW), PT_ERR_ALIGN);
	CHECK_EQ(pt_map_4k(&b, HH + 0x100010, 0x100000, 0x1000, RW), PT_ERR_ALIGN);
	CHECK_EQ(pt_map_4k(&b, HH + 0x100000, 0x100800, 0x1000, RW), PT_ERR_ALIGN);
	CHECK_EQ(arena.used, 1);
}

static void ranges(void)
{
	unsigned fl;

	setup(1, ARENA_PAGES);
	pt_init(&b);
	CHECK_EQ(pt_map_2m(&b, 0x0000800000000000ULL, 0, MB2, RW), PT_ERR_RANGE);
	CHECK_EQ(pt_map_2m(&b, 0x00007FFFFFE00000ULL, 0, 2 * MB2, RW), PT_ERR_RANGE);
	CHECK_EQ(pt_map_4k(&b, 0xFFFF7FFFFFFFF000ULL, 0x1000, 0x1000, RW), PT_ERR_RANGE);
	CHECK_EQ(pt_map_4k(&b, 0xFFFFFFFFFFFFF000ULL, 0x1000, 0x2000, RW), PT_ERR_RANGE);
	CHECK_EQ(pt_map_4k(&b, 0xFFFFFFFFFFFFF800ULL, 0x1800, ~0ULL - 0x100, RW), PT_ERR_RANGE);
	CHECK_EQ(pt_map_4k(&b, HH, 1ULL << 52, 0x1000, RW), PT_ERR_RANGE);
	CHECK_EQ(pt_map_2m(&b, 0, (1ULL << 52) - MB2, 2 * MB2, RW), PT_ERR_RANGE);
	CHECK_EQ(arena.used, 1);
	/* The very last page of the address space and of physical space are fine. */
	CHECK_EQ(pt_map_4k(&b, 0xFFFFFFFFFFFFF000ULL, (1ULL << 52) - 0x1000, 0x1000, RW), PT_OK);
	CHECK_EQ(xlate(0xFFFFFFFFFFFFFFFFULL, &fl), (1ULL << 52) - 1);
	CHECK_EQ(xlate(0x0000800000000000ULL, &fl), UNMAPPED);
	CHECK_EQ(xlate(0x8000000000000000ULL, &fl), UNMAPPED);
}

static void out_of_memory(void)
{
	setup(1, 3);
	pt_init(&b);
	CHECK_EQ(pt_map_2m(&b, 0, 0, MB2, RW), PT_OK);
	CHECK_EQ(pt_map_4k(&b, MB2, MB2, 0x1000, RW), PT_ERR_NOMEM);
	CHECK_EQ(pt_map_2m(&b, GB, GB, MB2, RW), PT_ERR_NOMEM);
	CHECK_EQ(arena.used, 3);
}

/* Random 4 KiB mappings agree with a list of what was asked; a clash is a conflict. */
static void random_mappings(void)
{
	enum { N = 400 };
	static uint64_t va[N], pa[N];
	static unsigned fl[N];
	uint64_t seed = 42;

	setup(1, ARENA_PAGES);
	pt_init(&b);
	for (int i = 0; i < N; i++) {
		int clash = -1;
		enum pt_error err;

		va[i] = HH + (unit_rand(&seed) % 0x400) * PAGE + (unit_rand(&seed) % 4) * GB / 4;
		pa[i] = (unit_rand(&seed) % 0x10000) * PAGE;
		fl[i] = unit_rand(&seed) % 4;
		for (int j = 0; j < i; j++)
			if (va[j] == va[i] && pa[j] != UNMAPPED)
				clash = j;
		if (clash >= 0 && unit_rand(&seed) % 2)
			pa[i] = pa[clash]; /* sometimes the same frame again: a union */
		err = pt_map_4k(&b, va[i], pa[i], PAGE, fl[i]);
		if (clash >= 0 && pa[clash] != pa[i]) {
			CHECK_EQ(err, PT_ERR_CONFLICT);
			pa[i] = UNMAPPED;
		} else {
			CHECK_EQ(err, PT_OK);
		}
	}
	for (int i = 0; i < N; i++) {
		unsigned want = 0, got;
		uint64_t frame = UNMAPPED;
		for (int j = 0; j < N; j++) {
			if (va[j] == va[i] && pa[j] != UNMAPPED) {
				want |= fl[j];
				frame = pa[j];
			}
		}
		CHECK_EQ(pt_translate(&b, va[i] + 0x123, &got), frame + 0x123);
		CHECK_EQ(got, want);
	}
}

int main(void)
{
	unit_suite("pagetable");
	RUN(init, "pt_init, out of memory");
	RUN(identity_2m, "identity map of 4 GiB with 2 MiB pages");
	RUN(nx_leaves, "NX on leaves only, none without NX support");
	RUN(higher_half_4k, "higher-half 4 KiB mapping with W/X permissions");
	RUN(permission_union, "shared page takes the union of permissions");
	RUN(conflicts, "conflicting frames, 2 MiB page vs page table");
	RUN(alignment, "alignment errors");
	RUN(ranges, "non-canonical, wrapping and too-high ranges");
	RUN(out_of_memory, "allocator exhausted mid-way");
	RUN(random_mappings, "random mappings agree with a model");
	free(arena.mem);
	return unit_done();
}
