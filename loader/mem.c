/* Physical memory while booting (mem.h). */
#include "arch.h"
#include "firmware.h"
#include "layout.h"
#include "libc.h"
#include "mem.h"
#include "panic.h"

#define RAW_MAX     512    /* UEFI maps run to a few hundred entries */
#define CLAIMS_MAX  96
#define TAKEN_MAX   (2 * CLAIMS_MAX)
#define CLAIM_TRIES 64     /* ranges the firmware may refuse before an allocation fails */

static struct longboot_memmap_entry raw[RAW_MAX];
static size_t raw_count;
/* The views: where the loader allocates, and the firmware map the kernel is told of. */
static struct longboot_memmap_entry alloc_map[2 * RAW_MAX + 2], firmware_map[2 * RAW_MAX + 2];
static size_t alloc_count, firmware_count;

static struct longboot_memmap_entry claims[CLAIMS_MAX];
static size_t claim_count;
/* The claims' ranges and those the firmware refused: where no allocation goes. */
static struct mem_range taken[TAKEN_MAX];
static size_t taken_count;

static size_t sanitize(const struct longboot_memmap_entry *in, size_t n, struct longboot_memmap_entry *out)
{
	int count = memmap_sanitize(in, n, out, 2 * RAW_MAX + 2);

	if (count <= 0)
		panic("the firmware memory map is empty or has more than %u entries", (uint32_t)RAW_MAX);
	return (size_t)count;
}

static void set_raw(const struct longboot_memmap_entry *firmware, size_t n)
{
	if (n > RAW_MAX)
		panic("the firmware memory map has %u entries; longboot takes at most %u", (uint32_t)n, (uint32_t)RAW_MAX);
	memcpy(raw, firmware, n * sizeof(raw[0]));
	raw_count = n;
	firmware_count = sanitize(raw, raw_count, firmware_map);
}

void mem_init(const struct longboot_memmap_entry *firmware, size_t n)
{
	set_raw(firmware, n);
	memcpy(alloc_map, firmware_map, firmware_count * sizeof(firmware_map[0]));
	alloc_count = firmware_count;
}

void mem_set_final(const struct longboot_memmap_entry *final, size_t n,
		   const struct longboot_memmap_entry *free_now, size_t m)
{
	static struct longboot_memmap_entry both[2 * RAW_MAX + 2 + RAW_MAX];

	/* Free for the loader only where it was free before and still is: the most restrictive type wins. */
	if (m > RAW_MAX)
		panic("the firmware memory map has %u entries; longboot takes at most %u", (uint32_t)m, (uint32_t)RAW_MAX);
	memcpy(both, alloc_map, alloc_count * sizeof(both[0]));
	memcpy(both + alloc_count, free_now, m * sizeof(both[0]));
	alloc_count = sanitize(both, alloc_count + m, alloc_map);
	set_raw(final, n);
}

const struct longboot_memmap_entry *mem_map(size_t *count)
{
	*count = alloc_count;
	return alloc_map;
}

const struct longboot_memmap_entry *mem_firmware_map(size_t *count)
{
	*count = firmware_count;
	return firmware_map;
}

static void take(uint64_t base, uint64_t end)
{
	if (taken_count && taken[taken_count - 1].end == base) {
		taken[taken_count - 1].end = end;
		return;
	}
	if (taken_count == TAKEN_MAX)
		panic("more than %u separate memory regions to hand over", (uint32_t)CLAIMS_MAX);
	taken[taken_count].base = base;
	taken[taken_count].end = end;
	taken_count++;
}

int mem_claim(uint64_t base, uint64_t end, uint32_t type)
{
	size_t i = claim_count;

	if (!firmware_claim(base, end))
		return 0;
	take(base, end);
	/* Consecutive allocations of one type share an entry. */
	if (i && claims[i - 1].type == type && claims[i - 1].base + claims[i - 1].length == base) {
		claims[i - 1].length = end - claims[i - 1].base;
		return 1;
	}
	if (i == CLAIMS_MAX)
		panic("more than %u separate memory regions to hand over", (uint32_t)CLAIMS_MAX);
	claims[i].base = base;
	claims[i].length = end - base;
	claims[i].type = type;
	claims[i].reserved = 0;
	claim_count++;
	return 1;
}

uint64_t mem_claim_free(uint64_t size, uint64_t align, uint64_t min, uint64_t max, uint32_t type)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	if (size == 0)
		size = PAGE_SIZE;
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	for (int tries = 0; tries < CLAIM_TRIES; tries++) {
		uint64_t a = memmap_find_free(alloc_map, alloc_count, taken, taken_count, size, align, min, max);
		if (a == 0 || mem_claim(a, a + size, type))
			return a;
		/* The firmware has it after all (allocated since its map was read): never ask again. */
		take(a, a + size);
	}
	return 0;
}

void *mem_alloc(uint64_t size, uint64_t align, uint32_t type, const char *what)
{
	uint64_t a = mem_claim_free(size, align, LB_HIGH_MEMORY, FOUR_GIB, type);

	if (a == 0)
		panic("no free memory below 4 GiB for %s (%llu KiB)", what, ALIGN_UP(size, PAGE_SIZE) >> 10);
	return (void *)(uintptr_t)a;
}

void *mem_alloc_page(const char *what)
{
	void *p = mem_alloc(PAGE_SIZE, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, what);
	memset(p, 0, PAGE_SIZE);
	return p;
}

size_t mem_final_map_cap(void)
{
	return 2 * (raw_count + CLAIMS_MAX) + 2;
}

uint32_t mem_final_map(struct longboot_memmap_entry *out, size_t cap)
{
	static struct longboot_memmap_entry all[RAW_MAX + CLAIMS_MAX];

	memcpy(all, raw, raw_count * sizeof(raw[0]));
	memcpy(all + raw_count, claims, claim_count * sizeof(claims[0]));
	int n = memmap_sanitize(all, raw_count + claim_count, out, cap);
	if (n < 0)
		panic("the memory map handed to the kernel needs more than %u entries", (uint32_t)cap);
	return (uint32_t)n;
}

uint64_t mem_map_top(void)
{
	uint64_t top = memmap_ram_top(firmware_map, firmware_count);
	uint64_t runtime = firmware_runtime_top();

	return runtime > top ? runtime : top;
}
