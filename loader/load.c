/*
 * Loading what the image carries: the params block (command line, module
 * table, Multiboot header), the kernel's ELF headers and segments, and
 * the modules. Each is read once through the bounce buffer, copied to its
 * place and checksummed on the way.
 */
#include "boot.h"
#include "panic.h"
#include "libc.h"
#include "mem.h"

static uint8_t kernel_head[LB_KERNEL_HEAD_MAX];
/* The params block is read before the kernel's place is known, so into stage2's own memory. */
static char params_buffer[LB_PARAMS_MAX] __attribute__((aligned(4)));

void check_sum(const struct lb_sum *s, uint64_t expected, const char *kind, const char *what)
{
	if (lb_sum_value(s) != expected)
		panic("%s%s: checksum mismatch: the image is corrupt or truncated; write it again", kind, what);
}

static void point_into(struct loaded_params *p, const char *base)
{
	p->base = base;
	p->cmdline = base + p->h->cmdline_offset;
	p->modules = (const struct lb_module_desc *)base;
}

void load_params(const struct lb_image_header *h, struct loaded_params *p)
{
	struct lb_sum s;

	lb_sum_init(&s);
	disk_load(h->params.lba, h->params.bytes, params_buffer, &s, "the command line and module table");
	check_sum(&s, h->params.sum, "", "command line and module table");
	const char *why = lb_params_check(h, params_buffer);
	if (why)
		panic("image: %s; build it again with mkimage", why);
	p->h = h;
	point_into(p, params_buffer);
}

void params_keep(struct loaded_params *p)
{
	char *kept = mem_alloc(p->h->params.bytes, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
			       "the command line");

	memcpy(kept, p->base, (size_t)p->h->params.bytes);
	point_into(p, kept);
}

void load_kernel_headers(const struct lb_image_header *h, enum elf_rules rules, struct elf_kernel *k)
{
	struct lb_sum s;
	int bad;

	lb_sum_init(&s);
	disk_load(h->kernel.lba, h->kernel_head_bytes, kernel_head, &s, "the kernel's ELF headers");
	check_sum(&s, h->kernel_head_sum, "kernel", " ELF header");
	enum elf_error err = elf_parse_rules(kernel_head, h->kernel_head_bytes, h->kernel.bytes, rules, k, &bad);
	if (err != ELF_OK) {
		if (bad < 0)
			panic("kernel: %s", elf_error_text(err));
		panic("kernel: program header %u: %s", (uint32_t)bad, elf_error_text(err));
	}
	for (uint32_t i = 0; i < k->count; i++)
		if (k->seg[i].offset % LB_SECTOR_SIZE)
			panic("kernel: program header %u: p_offset 0x%llx is not sector-aligned; build the image with mkimage",
			      k->seg[i].phdr_index, k->seg[i].offset);
}

/* The first entry of the allocation view in [base, end) that is not USABLE, or NULL. */
static const struct longboot_memmap_entry *in_the_way(uint64_t base, uint64_t end)
{
	size_t n;
	const struct longboot_memmap_entry *map = mem_map(&n);

	for (size_t i = 0; i < n; i++)
		if (map[i].type != LONGBOOT_MEM_USABLE && map[i].base < end && base < map[i].base + map[i].length)
			return &map[i];
	return 0;
}

static void refuse_segment(const struct elf_segment *seg)
{
	size_t n;
	const struct longboot_memmap_entry *map = mem_map(&n);
	uint64_t end = seg->paddr + seg->memsz;
	const struct longboot_memmap_entry *e = in_the_way(seg->paddr, end);

	if (e && firmware_kind == LONGBOOT_FIRMWARE_UEFI)
		panic("kernel: program header %u: physical 0x%llx-0x%llx is not free: the firmware keeps 0x%llx-0x%llx (type %u) there; link the kernel elsewhere or make it higher-half",
		      seg->phdr_index, seg->paddr, end, e->base, e->base + e->length, e->type);
	panic("kernel: program header %u: physical 0x%llx-0x%llx is not usable RAM on this machine (RAM ends at 0x%llx)",
	      seg->phdr_index, seg->paddr, end, memmap_ram_top(map, n));
}

/*
 * Takes each segment's pages where its p_paddr puts them; the index of the
 * first it cannot, or -1. Nothing is taken unless the map calls every
 * segment free; the firmware refusing a page its map called free (it
 * allocated it since) leaves the segments before that one taken.
 */
static int take_segments(const struct elf_kernel *k)
{
	size_t n;
	const struct longboot_memmap_entry *map = mem_map(&n);

	for (uint32_t i = 0; i < k->count; i++)
		if (!memmap_is_usable(map, n, k->seg[i].paddr, k->seg[i].paddr + k->seg[i].memsz))
			return (int)i;
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *seg = &k->seg[i];
		uint64_t page = seg->paddr & ~(PAGE_SIZE - 1);
		if (!mem_claim(page, ALIGN_UP(seg->paddr + seg->memsz, PAGE_SIZE), LONGBOOT_MEM_KERNEL))
			return (int)i;
	}
	return -1;
}

void claim_kernel(const struct elf_kernel *k)
{
	int bad = take_segments(k);

	if (bad >= 0)
		refuse_segment(&k->seg[bad]);
}

static int higher_half(const struct elf_kernel *k)
{
	for (uint32_t i = 0; i < k->count; i++)
		if (k->seg[i].vaddr == k->seg[i].paddr)
			return 0;
	return 1;
}

/*
 * Under UEFI, a higher-half kernel whose physical range the firmware keeps
 * moves as a whole to a free 2 MiB-aligned base (boot protocol section 6);
 * its p_vaddr are mapped onto the new copy.
 */
void claim_or_move_kernel(struct elf_kernel *k)
{
	int bad = take_segments(k);

	if (bad < 0)
		return;
	if (firmware_kind != LONGBOOT_FIRMWARE_UEFI || !higher_half(k))
		refuse_segment(&k->seg[bad]);
	uint64_t first_page = k->phys_base & ~(PAGE_SIZE - 1);
	uint64_t size = ALIGN_UP(k->phys_end, PAGE_SIZE) - first_page;
	uint64_t base = mem_claim_free(size, 2 * MIB, LB_HIGH_MEMORY, FOUR_GIB, LONGBOOT_MEM_KERNEL);
	if (base == 0)
		panic("kernel: physical 0x%llx-0x%llx is not free and no 2 MiB-aligned %llu KiB below 4 GiB is",
		      k->phys_base, k->phys_end, size >> 10);
	uint64_t delta = base - first_page;
	for (uint32_t i = 0; i < k->count; i++)
		k->seg[i].paddr += delta;
	k->phys_base += delta;
	k->phys_end += delta;
}

void load_kernel(const struct lb_image_header *h, const struct elf_kernel *k)
{
	struct lb_sum s;

	lb_sum_init(&s);
	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *seg = &k->seg[i];
		uint8_t *dst = (uint8_t *)(uintptr_t)seg->paddr;

		disk_load(h->kernel.lba + seg->offset / LB_SECTOR_SIZE, seg->filesz, dst, &s, "the kernel");
		memset(dst + seg->filesz, 0, (size_t)(seg->memsz - seg->filesz));
	}
	check_sum(&s, h->kernel.sum, "kernel", "");
}

struct longboot_module *load_modules(const struct lb_image_header *h,
				     const struct loaded_params *p)
{
	if (h->module_count == 0)
		return 0;
	struct longboot_module *table = mem_alloc(h->module_count * sizeof(*table), PAGE_SIZE,
						  LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the module table");
	for (uint32_t i = 0; i < h->module_count; i++) {
		const struct lb_module_desc *d = &p->modules[i];
		const char *name = p->base + d->name_offset;
		struct lb_sum s;
		void *dst = mem_alloc(d->file.bytes, PAGE_SIZE, LONGBOOT_MEM_MODULE, name);

		lb_sum_init(&s);
		disk_load(d->file.lba, d->file.bytes, dst, &s, name);
		check_sum(&s, d->file.sum, "module ", name);
		table[i].addr = (uintptr_t)dst;
		table[i].size = d->file.bytes;
		table[i].name_addr = (uintptr_t)name;
	}
	return table;
}
