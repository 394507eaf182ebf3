/* Physical memory while booting (mem.h). */
#include "panic.h"
#include "memdetect.h"
#include "arch.h"
#include "layout.h"
#include "mem.h"
#include "libc.h"

#define RAW_MAX     128
#define CLAIMS_MAX  96

static struct longboot_memmap_entry raw[RAW_MAX];
static struct longboot_memmap_entry map[2 * RAW_MAX + 2];
static size_t raw_count, map_count;

static struct longboot_memmap_entry claims[CLAIMS_MAX];
static struct mem_range taken[CLAIMS_MAX];
static size_t claim_count;

void mem_init(void)
{
	raw_count = memory_detect(raw, RAW_MAX);
	int n = memmap_sanitize(raw, raw_count, map, sizeof(map) / sizeof(map[0]));
	if (n <= 0)
		panic("the firmware memory map is empty or has more than %u entries", (uint32_t)(sizeof(map) / sizeof(map[0])));
	map_count = (size_t)n;
}

const struct longboot_memmap_entry *mem_map(size_t *count)
{
	*count = map_count;
	return map;
}

void mem_claim(uint64_t base, uint64_t end, uint32_t type)
{
	size_t i = claim_count;

	/* Consecutive allocations of one type share an entry. */
	if (i && claims[i - 1].type == type && taken[i - 1].end == base) {
		taken[i - 1].end = end;
		claims[i - 1].length = end - claims[i - 1].base;
		return;
	}
	if (i == CLAIMS_MAX)
		panic("more than %u separate memory regions to hand over", CLAIMS_MAX);
	taken[i].base = base;
	taken[i].end = end;
	claims[i].base = base;
	claims[i].length = end - base;
	claims[i].type = type;
	claims[i].reserved = 0;
	claim_count++;
}

uint64_t mem_claim_free(uint64_t size, uint64_t align, uint64_t min, uint64_t max, uint32_t type)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	if (size == 0)
		size = PAGE_SIZE;
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	uint64_t a = memmap_find_free(map, map_count, taken, claim_count, size, align, min, max);
	if (a)
		mem_claim(a, a + size, type);
	return a;
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
