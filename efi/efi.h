/* What the UEFI backend's files share: the firmware's tables, and each file's entry points. */
#ifndef LONGBOOT_EFI_H
#define LONGBOOT_EFI_H

#include <stdint.h>
#include "uefi.h"

extern EFI_HANDLE efi_image;
extern EFI_SYSTEM_TABLE *efi_st;
extern EFI_BOOT_SERVICES *efi_bs;
extern int efi_boot_services_ended;

/* disk.c: the whole disk the loader was started from (its Block I/O), checked against the image's size. */
void efi_disk_init(void);
void efi_disk_check_size(uint64_t image_sectors);

/* memory.c: the firmware's map, read once for mem_init(). */
void efi_memory_init(void);

/* After firmware_exit(): the EFI memory map fields of d. */
struct boot_desc;
void efi_describe_memory(struct boot_desc *d);

#endif
