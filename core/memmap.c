/* The protocol memory map from E820 (memmap.h, boot protocol section 3). Pure logic. */
#include "memmap.h"

/* Higher wins where entries overlap. */
enum rank {
	RANK_USABLE,
	RANK_BOOTLOADER,
	RANK_MODULE,
	RANK_KERNEL,
	RANK_ACPI_RECLAIMABLE,
	RANK_ACPI_NVS,
	RANK_RESERVED,
	RANK_BAD,
	RANK_NONE = -1,
};

static const uint32_t rank_type[] = {
	[RANK_USABLE]           = LONGBOOT_MEM_USABLE,
	[RANK_BOOTLOADER]       = LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
	[RANK_MODULE]           = LONGBOOT_MEM_MODULE,
	[RANK_KERNEL]           = LONGBOOT_MEM_KERNEL,
	[RANK_ACPI_RECLAIMABLE] = LONGBOOT_MEM_ACPI_RECLAIMABLE,
	[RANK_ACPI_NVS]         = LONGBOOT_MEM_ACPI_NVS,
	[RANK_RESERVED]         = LONGBOOT_MEM_RESERVED,
	[RANK_BAD]              = LONGBOOT_MEM_BAD_MEMORY,
};

static enum rank rank_of(uint32_t type)
{
	for (int r = RANK_USABLE; r <= RANK_BAD; r++)
		if (rank_type[r] == type)
			return r;
	return RANK_RESERVED;
}

/* End of an entry, clipped so that it is a 64-bit number. */
static uint64_t end_of(const struct longboot_memmap_entry *e)
{
	return e->length > UINT64_MAX - e->base ? UINT64_MAX : e->base + e->length;
}

/* The lowest entry edge (or the end of page 0) above `after`; 0 when none. */
static uint64_t next_edge(const struct longboot_memmap_entry *in, size_t n, uint64_t after)
{
	uint64_t best = after < PAGE_SIZE ? PAGE_SIZE : 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t base = in[i].base, end = end_of(&in[i]);
		if (base >= end)
			continue;
		if (base > after && (best == 0 || base < best))
			best = base;
		if (end > after && (best == 0 || end < best))
			best = end;
	}
	return best;
}

/* The winning rank of the entries that cover the address at. */
static enum rank rank_at(const struct longboot_memmap_entry *in, size_t n, uint64_t at)
{
	enum rank best = RANK_NONE;

	for (size_t i = 0; i < n; i++) {
		enum rank r = rank_of(in[i].type);
		if (in[i].base <= at && at < end_of(&in[i]) && r > best)
			best = r;
	}
	if (best == RANK_USABLE && at < PAGE_SIZE)
		best = RANK_RESERVED;
	return best;
}

/* Builds the output one run at a time; a run is written once it can no longer grow. */
struct writer {
	struct longboot_memmap_entry *out;
	size_t cap, count;
	int overflow;
	int have_run;
	uint64_t base, end;
	enum rank rank;
};

static void flush_run(struct writer *w)
{
	uint64_t base = w->base, end = w->end;

	if (!w->have_run)
		return;
	w->have_run = 0;
	if (w->rank == RANK_USABLE) {
		if (base > UINT64_MAX - PAGE_MASK)
			return;
		base = (base + PAGE_MASK) & ~PAGE_MASK;
		end &= ~PAGE_MASK;
		if (end <= base)
			return;
	}
	if (w->count == w->cap) {
		w->overflow = 1;
		return;
	}
	w->out[w->count].base = base;
	w->out[w->count].length = end - base;
	w->out[w->count].type = rank_type[w->rank];
	w->out[w->count].reserved = 0;
	w->count++;
}

static void add_piece(struct writer *w, uint64_t base, uint64_t end, enum rank r)
{
	if (w->have_run && w->rank == r && w->end == base) {
		w->end = end;
		return;
	}
	flush_run(w);
	w->have_run = 1;
	w->base = base;
	w->end = end;
	w->rank = r;
}

/*
 * A sweep over the entry edges: between two neighbouring edges every
 * address has the same covering entries, hence one type. O(n^2) time in
 * no extra memory, for n of a few hundred at most.
 */
int memmap_sanitize(const struct longboot_memmap_entry *in, size_t n,
		    struct longboot_memmap_entry *out, size_t cap)
{
	struct writer w = { .out = out, .cap = cap };
	uint64_t at = UINT64_MAX;

	for (size_t i = 0; i < n; i++)
		if (in[i].base < end_of(&in[i]) && in[i].base < at)
			at = in[i].base;

	for (uint64_t next; at != UINT64_MAX && (next = next_edge(in, n, at)) != 0; at = next) {
		enum rank r = rank_at(in, n, at);
		if (r != RANK_NONE)
			add_piece(&w, at, next, r);
		if (w.overflow)
			return -1;
	}
	flush_run(&w);
	return w.overflow ? -1 : (int)w.count;
}

static int align_up(uint64_t x, uint64_t align, uint64_t *out)
{
	if (x > UINT64_MAX - (align - 1))
		return 0;
	*out = (x + align - 1) & ~(align - 1);
	return 1;
}

static const struct mem_range *first_taken(const struct mem_range *taken, size_t ntaken,
					   uint64_t base, uint64_t end)
{
	for (size_t i = 0; i < ntaken; i++)
		if (taken[i].base < taken[i].end && taken[i].base < end && base < taken[i].end)
			return &taken[i];
	return NULL;
}

/* Lowest fit in [lo, hi), or 0. */
static uint64_t fit_in(uint64_t lo, uint64_t hi, const struct mem_range *taken, size_t ntaken,
		       uint64_t size, uint64_t align)
{
	uint64_t a;

	if (!align_up(lo, align, &a))
		return 0;
	while (a <= hi && size <= hi - a) {
		const struct mem_range *t = first_taken(taken, ntaken, a, a + size);
		if (!t)
			return a;
		if (!align_up(t->end, align, &a))
			return 0;
	}
	return 0;
}

uint64_t memmap_find_free(const struct longboot_memmap_entry *map, size_t n,
			  const struct mem_range *taken, size_t ntaken,
			  uint64_t size, uint64_t align, uint64_t min, uint64_t max)
{
	uint64_t best = 0;

	if (size == 0 || align == 0 || (align & (align - 1)))
		return 0;
	if (min == 0)
		min = 1; /* 0 means "none" */
	for (size_t i = 0; i < n; i++) {
		uint64_t lo = map[i].base, hi = end_of(&map[i]), a;
		if (map[i].type != LONGBOOT_MEM_USABLE)
			continue;
		if (lo < min)
			lo = min;
		if (hi > max)
			hi = max;
		if (lo >= hi)
			continue;
		a = fit_in(lo, hi, taken, ntaken, size, align);
		if (a && (best == 0 || a < best))
			best = a;
	}
	return best;
}

int memmap_is_usable(const struct longboot_memmap_entry *map, size_t n,
		     uint64_t base, uint64_t end)
{
	uint64_t at = base;

	if (end < base)
		return 0;
	while (at < end) {
		size_t i;
		for (i = 0; i < n; i++)
			if (map[i].type == LONGBOOT_MEM_USABLE && map[i].base <= at &&
			    at < end_of(&map[i]))
				break;
		if (i == n)
			return 0;
		at = end_of(&map[i]);
	}
	return 1;
}

/*
 * The loader's own types count too: they are laid over what E820 called
 * usable, so a map that already holds them has the same top.
 */
uint64_t memmap_ram_top(const struct longboot_memmap_entry *map, size_t n)
{
	uint64_t top = 0;

	for (size_t i = 0; i < n; i++) {
		switch (map[i].type) {
		case LONGBOOT_MEM_USABLE:
		case LONGBOOT_MEM_ACPI_RECLAIMABLE:
		case LONGBOOT_MEM_ACPI_NVS:
		case LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE:
		case LONGBOOT_MEM_KERNEL:
		case LONGBOOT_MEM_MODULE:
			if (end_of(&map[i]) > top)
				top = end_of(&map[i]);
			break;
		}
	}
	return top;
}
