/*
 * The UEFI loader (docs/uefi.md): BOOTX64.EFI in the image's EFI system
 * partition. It reads the image from the disk it was started from and
 * boots the kernel through the same boot sequence as stage2 (loader/).
 */
#include "boot.h"
#include "efi.h"
#include "io.h"
#include "mem.h"
#include "panic.h"

#define CPUID_EXT_FEATURES   0x80000001u
#define CPUID_EDX_NX         (1u << 20)
#define CR4_LA57             (1u << 12)  /* 5-level paging (Intel SDM vol. 3A, 2.5) */

EFI_HANDLE efi_image;
EFI_SYSTEM_TABLE *efi_st;
EFI_BOOT_SERVICES *efi_bs;
uint64_t tsc_loader_start;

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

static int cpu_has_nx(void)
{
	uint32_t a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(CPUID_EXT_FEATURES), "c"(0));
	return (d & CPUID_EDX_NX) != 0;
}

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	static uint8_t header_sector[LB_SECTOR_SIZE] __attribute__((aligned(8)));
	const struct lb_image_header *h = (const struct lb_image_header *)header_sector;
	struct loaded_params params;
	struct lb_sum sum;

	tsc_loader_start = rdtsc();
	efi_image = image;
	efi_st = st;
	efi_bs = st->BootServices;

	/* The firmware resets the machine five minutes into a boot option unless told not to (UEFI 2.10, 7.5.2). */
	efi_bs->SetWatchdogTimer(0, 0, 0, 0);

	/*
	 * The kernel's 4-level page tables replace the firmware's in long
	 * mode, where CR4.LA57 cannot change: firmware in 5-level paging is
	 * not supported.
	 */
	uint64_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	if (cr4 & CR4_LA57)
		panic("the firmware runs with 5-level paging, which longboot does not support");

	/* The disk this application came from, and the image header on it. */
	efi_disk_init();
	lb_sum_init(&sum);
	disk_load(LB_HEADER_LBA, LB_SECTOR_SIZE, header_sector, &sum, "the image header");
	const char *why = lb_header_check(h);
	if (why)
		panic("image header: %s; build the image again with mkimage", why);
	efi_disk_check_size(h->total_sectors);

	/* The firmware's memory map. */
	efi_memory_init();

	/* The command line, module table and Multiboot header, checked. */
	load_params(h, &params);

	/* The rest is the kernel's protocol's (loader/boot.c). */
	boot_kernel(&params, cpu_has_nx());
}
