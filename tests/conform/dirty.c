/*
 * The dirty-reboot mode (README.md): a loader must not rely on RAM being
 * zero, but emulators start with zeroed RAM. On the first boot the kernel
 * fills every page the loader could use again, and its own .bss, with
 * junk, marks CMOS and resets the machine (RAM survives a reset); on the
 * second boot the ordinary checks run over memory that was not zero.
 */
#include "conform.h"
#include "x86.h"

#define CMOS_INDEX   0x70
#define CMOS_DATA    0x71
#define CMOS_NMI_OFF 0x80
#define CMOS_MARK_A  0x7E     /* two bytes no BIOS of QEMU or Bochs uses */
#define CMOS_MARK_B  0x7F
#define MARK_A       0xC0
#define MARK_B       0xDE

/* Private tables: identity 0-4 GiB and 0xFFFFFFFF80000000 -> 0-1 GiB (+ kernel_phys_delta), 2 MiB pages. */
#define T_PML4       0
#define T_PDPT_LOW   1
#define T_PDPT_HIGH  2
#define T_PD_LOW     3        /* four of them */
#define T_PD_KERNEL  7
#define PTE_PW       0x3ULL   /* present, writable */
#define PTE_PS       0x80ULL
#define PML4_HIGH    511
#define PDPT_KERNEL  510
#define KERNEL_WINDOW GiB
#define SAMPLES_MAX  64

extern uint64_t conform_dirty_tables[8][512];

/* A value no loader writes by chance; with bit 0 set, a table entry left like this is "present". */
static uint64_t junk(uint64_t addr)
{
	return (addr ^ 0xD1D1D1D1D1D1D1D1ULL) | 1;
}

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	outb(CMOS_DATA, v);
}

int dirty_reboot_second_boot(void)
{
	int marked = cmos_read(CMOS_MARK_A) == MARK_A && cmos_read(CMOS_MARK_B) == MARK_B;
	if (marked) {
		cmos_write(CMOS_MARK_A, 0);
		cmos_write(CMOS_MARK_B, 0);
	}
	return marked;
}

static void fill(uint64_t a, uint64_t end)
{
	a = round_up(a, 8);
	for (; a + 8 <= end; a += 8)
		*(volatile uint64_t *)(uintptr_t)a = junk(a);
}

/*
 * The private tables reach the kernel only where it is identity-linked and
 * not moved, or at 0xFFFFFFFF80000000 + paddr below 1 GiB, moved (if at
 * all) by a multiple of 2 MiB.
 */
static int layout_supported(void)
{
	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *s = &conform_segments[i];
		int ident = s->vaddr == s->paddr && kernel_phys_delta == 0 && s->paddr + s->memsz <= FOUR_GIB;
		int high = s->vaddr == LONGBOOT_HIGHER_HALF + s->paddr && s->paddr + s->memsz <= KERNEL_WINDOW &&
			   kernel_phys_delta % (2 * MiB) == 0 && kernel_seg_phys(s) + s->memsz <= FOUR_GIB;
		if (!ident && !high)
			return 0;
	}
	return 1;
}

static void use_private_tables(void)
{
	uint64_t (*t)[512] = conform_dirty_tables;

	memset(t, 0, sizeof(conform_dirty_tables));
	t[T_PML4][0] = kernel_virt_to_phys(t[T_PDPT_LOW]) | PTE_PW;
	t[T_PML4][PML4_HIGH] = kernel_virt_to_phys(t[T_PDPT_HIGH]) | PTE_PW;
	for (uint64_t g = 0; g < 4; g++) {
		t[T_PDPT_LOW][g] = kernel_virt_to_phys(t[T_PD_LOW + g]) | PTE_PW;
		for (uint64_t j = 0; j < 512; j++)
			t[T_PD_LOW + g][j] = (g * GiB + j * 2 * MiB) | PTE_PW | PTE_PS;
	}
	t[T_PDPT_HIGH][PDPT_KERNEL] = kernel_virt_to_phys(t[T_PD_KERNEL]) | PTE_PW;
	for (uint64_t j = 0; j < 512; j++)
		t[T_PD_KERNEL][j] = (j * 2 * MiB + kernel_phys_delta) | PTE_PW | PTE_PS;
	write_cr3(kernel_virt_to_phys(t[T_PML4]));
}

void dirty_and_reboot(void)
{
	if (!layout_supported()) {
		print("conform: dirty-reboot: this kernel's layout is not supported; checking without it\n");
		return;
	}
	uint64_t bytes = 0;
	use_private_tables();
	for (uint32_t i = 0; i < boot.map_count; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		if (e->type != LONGBOOT_MEM_USABLE && e->type != LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE &&
		    e->type != LONGBOOT_MEM_MODULE)
			continue;
		uint64_t end = e->base + e->length < FOUR_GIB ? e->base + e->length : FOUR_GIB;
		if (e->base < end) {
			fill(e->base, end);
			bytes += end - e->base;
		}
	}
	print("conform: dirty-reboot: first boot: %lu KiB of free and loader memory and this kernel's .bss "
	      "filled with junk; resetting\n", bytes / 1024);
	cmos_write(CMOS_MARK_A, MARK_A);
	cmos_write(CMOS_MARK_B, MARK_B);
	/* Last: .bss holds `boot`, which nothing reads after this. */
	uint64_t skip = (uintptr_t)__scratch_start, skip_end = (uintptr_t)__scratch_end;
	for (size_t i = 0; i < kernel_segment_count(); i++) {
		const struct kernel_segment *s = &conform_segments[i];
		uint64_t a = s->vaddr + s->filesz, end = s->vaddr + s->memsz;
		fill(a, skip < end ? (skip > a ? skip : a) : end);
		fill(skip_end > a ? skip_end : a, end);
	}
	machine_reset();
}

/* Second boot: junk must still be there where the loader did not write, or the test proved nothing. */
void check_dirty_reboot(void)
{
	struct check c;
	unsigned sampled = 0, kept = 0;

	check_begin(&c, "dirty-reboot");
	for (uint32_t i = 0; i < boot.map_count && sampled < SAMPLES_MAX; i++) {
		const struct longboot_memmap_entry *e = &boot.map[i];
		uint64_t last = e->base + e->length - 8;
		if (e->type != LONGBOOT_MEM_USABLE || e->length < 8 || last >= FOUR_GIB)
			continue;
		sampled++;
		kept += *(const volatile uint64_t *)(uintptr_t)last == junk(last);
	}
	expect(&c, kept > 0, "no junk from the first boot left in %u USABLE entries: RAM was cleared by "
	       "the reset, so the checks ran over zeroed memory", sampled);
	check_note(&c, "second boot; junk from the first still in %u of %u sampled USABLE entries", kept, sampled);
	check_end(&c);
}
