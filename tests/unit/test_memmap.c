/* The protocol memory map from E820 (stage2/memmap.c). */
#include <string.h>
#include "unit.h"
#include "memmap.h"

#define USABLE   LONGBOOT_MEM_USABLE
#define RESERVED LONGBOOT_MEM_RESERVED
#define ACPI     LONGBOOT_MEM_ACPI_RECLAIMABLE
#define NVS      LONGBOOT_MEM_ACPI_NVS
#define BAD      LONGBOOT_MEM_BAD_MEMORY
#define LOADER   LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE
#define KERNEL   LONGBOOT_MEM_KERNEL
#define MODULE   LONGBOOT_MEM_MODULE
#define MAX_OUT  600
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct longboot_memmap_entry entry;

static entry out[MAX_OUT];

static int sanitize(const entry *in, size_t n)
{
	memset(out, 0xA5, sizeof(out));
	return memmap_sanitize(in, n, out, MAX_OUT);
}

#define EXPECT_MAP(in, ...) do { \
		static const entry want_[] = { __VA_ARGS__ }; \
		expect_map(in, COUNT(in), want_, COUNT(want_), __FILE__, __LINE__); \
	} while (0)

static void expect_map(const entry *in, size_t n, const entry *want, size_t nwant,
		       const char *file, int line)
{
	int got = sanitize(in, n);

	if (!unit_check_eq(got, nwant, file, line, "entry count"))
		return;
	for (size_t i = 0; i < nwant; i++) {
		unit_check_eq(out[i].base, want[i].base, file, line, "base");
		unit_check_eq(out[i].length, want[i].length, file, line, "length");
		unit_check_eq(out[i].type, want[i].type, file, line, "type");
		unit_check_eq(out[i].reserved, 0, file, line, "reserved");
	}
}

static const entry qemu_e820[] = {
	{ 0x0, 0x9FC00, USABLE, 0 },
	{ 0x9FC00, 0x400, RESERVED, 0 },
	{ 0xF0000, 0x10000, RESERVED, 0 },
	{ 0x100000, 0x7EE0000, USABLE, 0 },
	{ 0x7FE0000, 0x20000, RESERVED, 0 },
	{ 0xFEFFC000, 0x4000, RESERVED, 0 },
	{ 0xFFFC0000, 0x40000, RESERVED, 0 },
	{ 0xFD00000000ULL, 0x300000000ULL, RESERVED, 0 },
};

static void qemu_map(void)
{
	EXPECT_MAP(qemu_e820,
		   { 0x0, 0x1000, RESERVED, 0 },
		   { 0x1000, 0x9E000, USABLE, 0 },
		   { 0x9FC00, 0x400, RESERVED, 0 },
		   { 0xF0000, 0x10000, RESERVED, 0 },
		   { 0x100000, 0x7EE0000, USABLE, 0 },
		   { 0x7FE0000, 0x20000, RESERVED, 0 },
		   { 0xFEFFC000, 0x4000, RESERVED, 0 },
		   { 0xFFFC0000, 0x40000, RESERVED, 0 },
		   { 0xFD00000000ULL, 0x300000000ULL, RESERVED, 0 });
}

static void overlaps_most_restrictive(void)
{
	static const entry in[] = {
		{ 0x100000, 0x100000, USABLE, 0 },
		{ 0x150000, 0x10000, NVS, 0 },
		{ 0x158000, 0x10000, ACPI, 0 },      /* NVS beats ACPI where both are */
		{ 0x300000, 0x100000, ACPI, 0 },
		{ 0x380000, 0x100000, RESERVED, 0 }, /* RESERVED beats ACPI */
		{ 0x400000, 0x1000, BAD, 0 },        /* BAD beats RESERVED */
	};
	EXPECT_MAP(in,
		   { 0x100000, 0x50000, USABLE, 0 },
		   { 0x150000, 0x10000, NVS, 0 },
		   { 0x160000, 0x8000, ACPI, 0 },
		   { 0x168000, 0x98000, USABLE, 0 },
		   { 0x300000, 0x80000, ACPI, 0 },
		   { 0x380000, 0x80000, RESERVED, 0 },
		   { 0x400000, 0x1000, BAD, 0 },
		   { 0x401000, 0x7F000, RESERVED, 0 });
}

static void unsorted_duplicates_zero_length(void)
{
	static const entry in[] = {
		{ 0x7FE0000, 0x20000, RESERVED, 0 },
		{ 0x100000, 0x7EE0000, USABLE, 0 },
		{ 0x5000, 0, RESERVED, 0 },
		{ 0x1000, 0x9E000, USABLE, 0 },
		{ 0x100000, 0x7EE0000, USABLE, 0 },
		{ 0x7FE0000, 0x20000, RESERVED, 0 },
		{ 0x200000, 0, BAD, 0 },
		{ 0x1000, 0x9E000, USABLE, 0 },
	};
	EXPECT_MAP(in,
		   { 0x1000, 0x9E000, USABLE, 0 },
		   { 0x100000, 0x7EE0000, USABLE, 0 },
		   { 0x7FE0000, 0x20000, RESERVED, 0 });
}

static void usable_trimmed_to_pages(void)
{
	static const entry in[] = {
		{ 0x100800, 0xFF000, USABLE, 0 },   /* 0x100800-0x1FF800 */
		{ 0x300100, 0xE00, USABLE, 0 },     /* inside one page: gone */
		{ 0x400001, 0x2FFE, USABLE, 0 },    /* 0x400001-0x402FFF: only 0x401000-0x402000 */
		{ 0x500800, 0x800, ACPI, 0 },       /* other types keep their edges */
	};
	EXPECT_MAP(in,
		   { 0x101000, 0xFE000, USABLE, 0 },
		   { 0x401000, 0x1000, USABLE, 0 },
		   { 0x500800, 0x800, ACPI, 0 });
}

static void page_zero(void)
{
	static const entry usable_at_0[] = { { 0, 0x9FC00, USABLE, 0 } };
	static const entry one_page[] = {
		{ 0, 0x1000, USABLE, 0 },
		{ 0x1000, 0x1000, RESERVED, 0 },
	};
	static const entry acpi_at_0[] = { { 0, 0x2000, NVS, 0 } };
	static const entry partial[] = { { 0x800, 0x10000, USABLE, 0 } };

	EXPECT_MAP(usable_at_0, { 0, 0x1000, RESERVED, 0 }, { 0x1000, 0x9E000, USABLE, 0 });
	EXPECT_MAP(one_page, { 0, 0x2000, RESERVED, 0 });
	EXPECT_MAP(acpi_at_0, { 0, 0x2000, NVS, 0 });
	/* Where E820 called only part of page 0 usable, that part becomes RESERVED. */
	EXPECT_MAP(partial, { 0x800, 0x800, RESERVED, 0 }, { 0x1000, 0xF000, USABLE, 0 });
}

static void touching_merged(void)
{
	static const entry in[] = {
		{ 0x100000, 0x80800, USABLE, 0 },
		{ 0x180800, 0x7F800, USABLE, 0 },   /* merged before trimming: no page lost */
		{ 0x200000, 0x1000, RESERVED, 0 },
		{ 0x201000, 0x1000, RESERVED, 0 },
		{ 0x202000, 0x1000, NVS, 0 },       /* touching, another type: kept apart */
		{ 0x203000, 0x1000, RESERVED, 0 },
		{ 0x210000, 0x1000, KERNEL, 0 },
		{ 0x211000, 0x1000, KERNEL, 0 },
	};
	EXPECT_MAP(in,
		   { 0x100000, 0x100000, USABLE, 0 },
		   { 0x200000, 0x2000, RESERVED, 0 },
		   { 0x202000, 0x1000, NVS, 0 },
		   { 0x203000, 0x1000, RESERVED, 0 },
		   { 0x210000, 0x2000, KERNEL, 0 });
}

static void near_2_64(void)
{
	static const entry in[] = {
		{ 0xFFFFFFFF00000000ULL, 0x8000000000000000ULL, USABLE, 0 },
		{ 0xFFFFFFFFFFFFF000ULL, 0x2000, RESERVED, 0 },
	};
	static const entry top_usable[] = { { 0xFFFFFFFFFFFFE800ULL, 0x1800, USABLE, 0 } };
	static const entry whole[] = { { 0, ~0ULL, RESERVED, 0 }, { 5, ~0ULL, BAD, 0 } };

	/* Ends are clipped so base + length stays a 64-bit number. */
	EXPECT_MAP(in,
		   { 0xFFFFFFFF00000000ULL, 0xFFFFF000ULL, USABLE, 0 },
		   { 0xFFFFFFFFFFFFF000ULL, 0xFFF, RESERVED, 0 });
	/* Its only whole page would end at 2^64: nothing is left. */
	CHECK_EQ(sanitize(top_usable, 1), 0);
	EXPECT_MAP(whole, { 0, 5, RESERVED, 0 }, { 5, ~0ULL - 5, BAD, 0 });
}

static void unknown_types_reserved(void)
{
	static const entry in[] = {
		{ 0x100000, 0x100000, 12, 0 },          /* E820 persistent memory */
		{ 0x200000, 0x1000, 0, 0 },
		{ 0x201000, 0x1000, 0xFFFFFFFF, 7 },
		{ 0x300000, 0x2000, ACPI, 0 },
		{ 0x301000, 0x2000, 0x1003, 0 },        /* unknown beats ACPI, like RESERVED */
		{ 0x400000, 0x1000, 6, 0 },
		{ 0x400000, 0x1000, BAD, 0 },           /* BAD beats unknown */
	};
	EXPECT_MAP(in,
		   { 0x100000, 0x102000, RESERVED, 0 },
		   { 0x300000, 0x1000, ACPI, 0 },
		   { 0x301000, 0x2000, RESERVED, 0 },
		   { 0x400000, 0x1000, BAD, 0 });
}

static void loader_types_over_usable(void)
{
	static const entry in[] = {
		{ 0x1000, 0x9E000, USABLE, 0 },
		{ 0x100000, 0x7EE0000, USABLE, 0 },
		{ 0x100000, 0x8000, KERNEL, 0 },
		{ 0x108000, 0x3000, MODULE, 0 },
		{ 0x7F00000, 0x100000, LOADER, 0 },     /* runs into RESERVED: RESERVED wins there */
		{ 0x7FE0000, 0x20000, RESERVED, 0 },
		{ 0x10000, 0x1000, LOADER, 0 },
	};
	EXPECT_MAP(in,
		   { 0x1000, 0xF000, USABLE, 0 },
		   { 0x10000, 0x1000, LOADER, 0 },
		   { 0x11000, 0x8E000, USABLE, 0 },
		   { 0x100000, 0x8000, KERNEL, 0 },
		   { 0x108000, 0x3000, MODULE, 0 },
		   { 0x10B000, 0x7DF5000, USABLE, 0 },
		   { 0x7F00000, 0xE0000, LOADER, 0 },
		   { 0x7FE0000, 0x20000, RESERVED, 0 });
}

static void capacity(void)
{
	static const entry in[] = {
		{ 0x1000, 0x1000, RESERVED, 0 }, { 0x3000, 0x1000, RESERVED, 0 },
		{ 0x5000, 0x1000, RESERVED, 0 }, { 0x7000, 0x1000, RESERVED, 0 },
		{ 0x9000, 0x1000, RESERVED, 0 },
	};
	static const entry merging[] = {
		{ 0x1000, 0x1000, RESERVED, 0 }, { 0x2000, 0x1000, RESERVED, 0 },
		{ 0x3000, 0x1000, RESERVED, 0 },
	};
	entry small[5];

	memset(small, 0, sizeof(small));
	CHECK_EQ(memmap_sanitize(in, 5, small, 4), -1);
	CHECK_EQ(memmap_sanitize(in, 5, small, 5), 5);
	CHECK_EQ(memmap_sanitize(in, 5, small, 0), -1);
	CHECK_EQ(memmap_sanitize(in, 0, small, 0), 0);
	CHECK_EQ(memmap_sanitize(merging, 3, small, 1), 1);
	CHECK_EQ(small[0].length, 0x3000);
}

/* An independent model: every 1 KiB unit of the first 256 KiB gets its winning type. */
#define GRID 0x400
#define UNITS 256

static int model_rank(uint32_t t)
{
	switch (t) {
	case USABLE: return 0;
	case LOADER: case MODULE: case KERNEL: return 1;
	case ACPI: return 2;
	case NVS: return 3;
	case BAD: return 5;
	default: return 4;
	}
}

static size_t model(const entry *in, size_t n, entry *want)
{
	uint32_t type[UNITS];
	int rank[UNITS];
	size_t count = 0;

	for (int u = 0; u < UNITS; u++) {
		rank[u] = -1;
		type[u] = 0;
		for (size_t i = 0; i < n; i++) {
			uint64_t a = (uint64_t)u * GRID;
			int r = model_rank(in[i].type);
			if (a < in[i].base || a >= in[i].base + in[i].length)
				continue;
			if (r > rank[u]) {
				rank[u] = r;
				type[u] = r == 4 ? RESERVED : in[i].type;
			}
		}
		if (type[u] == USABLE && u < 4)
			type[u] = RESERVED;
	}
	for (int u = 0; u < UNITS;) {
		int v = u;
		while (v < UNITS && type[v] == type[u])
			v++;
		if (type[u]) {
			uint64_t base = (uint64_t)u * GRID, end = (uint64_t)v * GRID;
			if (type[u] == USABLE) {
				base = (base + 0xFFF) & ~0xFFFULL;
				end &= ~0xFFFULL;
			}
			if (end > base)
				want[count++] = (entry){ base, end - base, type[u], 0 };
		}
		u = v;
	}
	return count;
}

static void model_agreement(void)
{
	static const uint32_t types[] = { USABLE, USABLE, USABLE, RESERVED, ACPI, NVS, BAD,
					  LOADER, KERNEL, MODULE, 0, 12 };
	uint64_t seed = 0x1234567;

	for (int round = 0; round < 3000; round++) {
		entry in[12], want[UNITS];
		size_t n = 1 + unit_rand(&seed) % 12, nwant;
		int got;

		for (size_t i = 0; i < n; i++) {
			uint64_t a = unit_rand(&seed) % UNITS, len = unit_rand(&seed) % 48;
			if (a + len > UNITS)
				len = UNITS - a;
			in[i] = (entry){ a * GRID, len * GRID, types[unit_rand(&seed) % COUNT(types)], 0 };
		}
		/* The spec orders no loader type above another: give them all one type per map. */
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				if (model_rank(in[i].type) == 1 && model_rank(in[j].type) == 1)
					in[j].type = in[i].type;
		nwant = model(in, n, want);
		got = sanitize(in, n);
		if (!CHECK_EQ(got, nwant))
			return;
		for (size_t i = 0; i < nwant; i++) {
			if (!CHECK_EQ(out[i].base, want[i].base) || !CHECK_EQ(out[i].length, want[i].length) ||
			    !CHECK_EQ(out[i].type, want[i].type))
				return;
		}
	}
}

/* Sorted, disjoint, non-empty, merged, page-aligned USABLE, known types, no wrap: on wild input. */
static void invariants_on_random_input(void)
{
	uint64_t seed = 99;

	for (int round = 0; round < 300; round++) {
		entry in[40];
		size_t n = unit_rand(&seed) % 40;
		int got;

		for (size_t i = 0; i < n; i++) {
			uint64_t r = unit_rand(&seed);
			in[i].base = r & 1 ? unit_rand(&seed) : unit_rand(&seed) % 0x200000;
			in[i].length = r & 2 ? unit_rand(&seed) : unit_rand(&seed) % 0x40000;
			in[i].type = (uint32_t)(r >> 8) % 8 == 7 ? (uint32_t)unit_rand(&seed) : (uint32_t)(r >> 8) % 7;
			in[i].reserved = (uint32_t)(r >> 32);
		}
		got = sanitize(in, n);
		if (!CHECK(got >= 0 && got <= 2 * (int)n + 1))
			return;
		for (int i = 0; i < got; i++) {
			const entry *e = &out[i];
			CHECK(e->length > 0);
			CHECK(e->length <= ~0ULL - e->base);
			CHECK(e->reserved == 0);
			CHECK(e->type == USABLE || e->type == RESERVED || e->type == ACPI ||
			      e->type == NVS || e->type == BAD || e->type == LOADER ||
			      e->type == KERNEL || e->type == MODULE);
			if (e->type == USABLE) {
				CHECK((e->base & 0xFFF) == 0 && (e->length & 0xFFF) == 0);
				CHECK(e->base >= 0x1000);
			}
			if (i > 0) {
				const entry *p = &out[i - 1];
				CHECK(p->base + p->length <= e->base);
				CHECK(!(p->base + p->length == e->base && p->type == e->type));
			}
		}
	}
}

static const entry free_map[] = {
	{ 0, 0x1000, RESERVED, 0 },
	{ 0x1000, 0x9E000, USABLE, 0 },
	{ 0x9FC00, 0x400, RESERVED, 0 },
	{ 0x100000, 0x7EE0000, USABLE, 0 },
	{ 0x7FE0000, 0x20000, RESERVED, 0 },
	{ 0x100000000ULL, 0x40000000ULL, USABLE, 0 },
};
#define FOUR_G 0x100000000ULL

static void find_free(void)
{
	const size_t n = COUNT(free_map);
	struct mem_range taken[] = {
		{ 0x100000, 0x105000 },
		{ 0x106000, 0x107000 },
		{ 0x105800, 0x105900 },
	};

	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x1000, 0x100000, FOUR_G), 0x100000);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x1000, 0, FOUR_G), 0x1000);
	/* Taken ranges, unsorted and one inside a page, push it up. */
	CHECK_EQ(memmap_find_free(free_map, n, taken, 3, 0x1000, 0x1000, 0x100000, FOUR_G), 0x107000);
	CHECK_EQ(memmap_find_free(free_map, n, taken, 3, 0x100, 0x100, 0x100000, FOUR_G), 0x105000);
	CHECK_EQ(memmap_find_free(free_map, n, taken, 3, 0x900, 0x100, 0x100000, FOUR_G), 0x107000);
	CHECK_EQ(memmap_find_free(free_map, n, taken, 3, 0x800, 0x100, 0x100000, FOUR_G), 0x105000);
	/* A taken range that ends one byte past an aligned address. */
	{
		struct mem_range t[] = { { 0x100000, 0x100001 } };
		CHECK_EQ(memmap_find_free(free_map, n, t, 1, 0x1000, 0x1000, 0x100000, FOUR_G), 0x101000);
	}
	/* Alignment. */
	CHECK_EQ(memmap_find_free(free_map, n, taken, 3, 0x1000, 0x200000, 0x100000, FOUR_G), 0x200000);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x100000, 0, FOUR_G), 0x100000);
	/* Fits wholly inside one entry below max. */
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x9E000, 0x1000, 0, 0x100000), 0x1000);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x9F000, 0x1000, 0, 0x100000), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x1000, 0x9E000, 0x100000), 0x9E000);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x1000, 0x9E001, 0x100000), 0);
	/* Larger than any entry below 4 GiB: only above it. */
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x8000000, 0x1000, 0, FOUR_G), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x8000000, 0x1000, 0, ~0ULL), FOUR_G);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x40000001, 0x1000, 0, ~0ULL), 0);
	/* The whole of an entry taken. */
	{
		struct mem_range all[] = { { 0x1000, 0x9F000 }, { 0xFFFFF, 0x8000000 } };
		CHECK_EQ(memmap_find_free(free_map, n, all, 2, 0x1000, 0x1000, 0, ~0ULL), FOUR_G);
		CHECK_EQ(memmap_find_free(free_map, n, all, 2, 0x1000, 0x1000, 0, FOUR_G), 0);
	}
	/* Empty taken ranges take nothing. */
	{
		struct mem_range empty[] = { { 0x100800, 0x100800 }, { 0x200000, 0x100000 } };
		CHECK_EQ(memmap_find_free(free_map, n, empty, 2, 0x1000, 0x1000, 0x100000, FOUR_G), 0x100000);
	}
	/* Bad requests. */
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0, 0x1000, 0, FOUR_G), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x3000, 0, FOUR_G), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0, 0, FOUR_G), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 0x1000, FOUR_G, 0x100000), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, ~0ULL, 0x1000, 0, ~0ULL), 0);
	CHECK_EQ(memmap_find_free(free_map, n, NULL, 0, 0x1000, 1ULL << 63, 0, ~0ULL), 0);
}

static void find_free_near_top(void)
{
	static const entry top[] = { { 0xFFFFFFFFFFF00000ULL, 0xFF000, USABLE, 0 } };
	struct mem_range t[] = { { 0xFFFFFFFFFFF00000ULL, ~0ULL } };

	CHECK_EQ(memmap_find_free(top, 1, NULL, 0, 0x1000, 0x1000, 0, ~0ULL), 0xFFFFFFFFFFF00000ULL);
	CHECK_EQ(memmap_find_free(top, 1, NULL, 0, 0x1000, 0x100000, 0xFFFFFFFFFFF00001ULL, ~0ULL), 0);
	CHECK_EQ(memmap_find_free(top, 1, t, 1, 0x1000, 0x1000, 0, ~0ULL), 0);
}

static void is_usable(void)
{
	static const entry touching[] = {
		{ 0x100000, 0x100000, USABLE, 0 },
		{ 0x200000, 0x100000, USABLE, 0 },
		{ 0x400000, 0x100000, USABLE, 0 },
		{ 0x500000, 0x100000, ACPI, 0 },
	};
	const size_t n = COUNT(free_map);

	CHECK(memmap_is_usable(free_map, n, 0x100000, 0x7FE0000));
	CHECK(memmap_is_usable(free_map, n, 0x1000, 0x2000));
	CHECK(!memmap_is_usable(free_map, n, 0x100000, 0x7FE0001));
	CHECK(!memmap_is_usable(free_map, n, 0xFFFFF, 0x101000));
	CHECK(!memmap_is_usable(free_map, n, 0x0, 0x1000));
	CHECK(!memmap_is_usable(free_map, n, 0x9F000, 0x9F001));
	CHECK(!memmap_is_usable(free_map, n, 0x8000000, 0x9000000));
	CHECK(memmap_is_usable(free_map, n, 0x100000, 0x100000));
	CHECK(!memmap_is_usable(free_map, n, 0x200000, 0x100000));
	CHECK(memmap_is_usable(touching, 4, 0x180000, 0x280000));
	CHECK(memmap_is_usable(touching, 4, 0x100000, 0x300000));
	CHECK(!memmap_is_usable(touching, 4, 0x100000, 0x300001));
	CHECK(!memmap_is_usable(touching, 4, 0x2FF000, 0x401000));
	CHECK(!memmap_is_usable(touching, 4, 0x480000, 0x580000));
	CHECK(!memmap_is_usable(NULL, 0, 0x100000, 0x200000));
}

static void ram_top(void)
{
	static const entry nvs_high[] = {
		{ 0x100000, 0x100000, USABLE, 0 },
		{ 0x300000, 0x1000, NVS, 0 },
		{ 0xFD00000000ULL, 0x100000, RESERVED, 0 },
	};
	static const entry acpi_high[] = {
		{ 0x100000, 0x100000, USABLE, 0 },
		{ 0x7000000, 0x1000, ACPI, 0 },
		{ 0x8000000, 0x1000, BAD, 0 },
	};
	entry qemu[16];
	int n = memmap_sanitize(qemu_e820, COUNT(qemu_e820), qemu, 16);

	CHECK_EQ(memmap_ram_top(qemu, n), 0x7FE0000);
	CHECK_EQ(memmap_ram_top(free_map, COUNT(free_map)), 0x140000000ULL);
	CHECK_EQ(memmap_ram_top(nvs_high, COUNT(nvs_high)), 0x301000);
	CHECK_EQ(memmap_ram_top(acpi_high, COUNT(acpi_high)), 0x7001000);
	CHECK_EQ(memmap_ram_top(NULL, 0), 0);
}

int main(void)
{
	unit_suite("memmap");
	RUN(qemu_map, "QEMU's E820 map");
	RUN(overlaps_most_restrictive, "overlapping types: the more restrictive wins");
	RUN(unsorted_duplicates_zero_length, "unsorted input, duplicates, zero lengths");
	RUN(usable_trimmed_to_pages, "USABLE trimmed to whole pages");
	RUN(page_zero, "page 0 never USABLE");
	RUN(touching_merged, "touching entries of one type merged");
	RUN(near_2_64, "entries near 2^64 clipped");
	RUN(unknown_types_reserved, "unknown types reported RESERVED");
	RUN(loader_types_over_usable, "loader types laid over USABLE");
	RUN(capacity, "capacity overflow returns -1");
	RUN(model_agreement, "agrees with a per-KiB model on 3000 random maps");
	RUN(invariants_on_random_input, "output invariants on random input");
	RUN(find_free, "find_free: taken ranges, min, max, alignment");
	RUN(find_free_near_top, "find_free near 2^64");
	RUN(is_usable, "is_usable");
	RUN(ram_top, "ram_top");
	return unit_done();
}
