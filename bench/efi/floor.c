/*
 * The UEFI floor (docs/performance.md): an EFI application that ends QEMU
 * through isa-debug-exit (0x10 to port 0xf4: status 33) the moment the
 * firmware starts it. Nothing booted from the ESP can be faster; UEFI boot
 * times are ratios to this one's. Needs no memcpy or memset.
 */
#include <stdint.h>
#include "uefi.h"

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_OK   0x10

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	(void)image;
	(void)st;
	__asm__ volatile("outb %0, %1" : : "a"((uint8_t)DEBUG_EXIT_OK), "Nd"((uint16_t)DEBUG_EXIT_PORT));
	/* Without the debug-exit device the firmware goes on to its next boot option. */
	return EFI_SUCCESS;
}
