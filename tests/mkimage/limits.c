/*
 * Test helper for tests/mkimage: prints the numbers the tests share with
 * mkimage (the image format's limits and offsets from include/, the MBR,
 * ELF and padding facts from tools/mkimage/) as shell assignments, so
 * run.sh takes them from the code instead of writing them again.
 */
#include <stddef.h>
#include <stdio.h>

#include "image.h"
#include "layout.h"
#include "longboot.h"
#include "mbr.h"
#include "mkimage.h"

#define NUM(name, value) printf("%s=%llu\n", name, (unsigned long long)(value))
#define HDR(name, field) NUM(name, offsetof(struct lb_image_header, field))
#define PART(name, field) NUM(name, offsetof(struct mbr_partition, field))

int main(void)
{
	NUM("SECTOR", LB_SECTOR_SIZE);
	NUM("HEADER_LBA", LB_HEADER_LBA);
	NUM("STAGE2_LBA", LB_STAGE2_LBA);
	NUM("STAGE2_MAX_SECTORS", LB_STAGE2_MAX_SECTORS);
	NUM("CMDLINE_MAX", LONGBOOT_CMDLINE_MAX);
	NUM("PARAMS_MAX", LB_PARAMS_MAX);
	NUM("MODULE_NAME_MAX", LB_MODULE_NAME_MAX);
	NUM("KERNEL_HEAD_MAX", LB_KERNEL_HEAD_MAX);
	NUM("IMAGE_MAGIC", LB_IMAGE_MAGIC);
	NUM("IMAGE_VERSION", LB_IMAGE_VERSION);
	NUM("IMAGE_ALIGN", IMAGE_ALIGN_SECTORS * SECTOR);
	NUM("HEADER_BYTES", sizeof(struct lb_image_header));
	HDR("HDR_MAGIC", magic);
	HDR("HDR_VERSION", version);
	HDR("HDR_HEADER_BYTES", header_bytes);
	HDR("HDR_STAGE2_SECTORS", stage2_sectors);
	HDR("HDR_MODULE_COUNT", module_count);
	HDR("HDR_STAGE2_SUM", stage2_sum);
	HDR("HDR_TOTAL_SECTORS", total_sectors);
	HDR("HDR_PARAMS", params);
	HDR("HDR_CMDLINE_OFFSET", cmdline_offset);
	HDR("HDR_KERNEL_HEAD_BYTES", kernel_head_bytes);
	HDR("HDR_KERNEL_HEAD_SUM", kernel_head_sum);
	HDR("HDR_KERNEL", kernel);
	HDR("HDR_PROTOCOL", protocol);
	HDR("HDR_KERNEL_EXTRA", kernel_extra);
	HDR("HDR_INITRD", initrd);
	HDR("HDR_STAGE2_TAIL", stage2_tail);
	HDR("HDR_ESP", esp);
	HDR("HDR_HEADER_SUM", header_sum);
	NUM("PAYLOAD_LBA", LB_PAYLOAD_LBA);
	NUM("PAYLOAD_ALIGN_SECTORS", LB_PAYLOAD_ALIGN_SECTORS);
	NUM("EXT_LBA", offsetof(struct lb_extent, lba));
	NUM("EXT_BYTES", offsetof(struct lb_extent, bytes));
	NUM("EXT_SUM", offsetof(struct lb_extent, sum));
	NUM("DESC_BYTES", sizeof(struct lb_module_desc));
	NUM("DESC_FILE", offsetof(struct lb_module_desc, file));
	NUM("DESC_NAME_OFFSET", offsetof(struct lb_module_desc, name_offset));

	NUM("MBR_PARTITIONS", MBR_PARTITIONS);
	NUM("MBR_PART_COUNT", MBR_PART_COUNT);
	NUM("MBR_PART_BYTES", sizeof(struct mbr_partition));
	NUM("MBR_BOOT_SIG", MBR_BOOT_SIG);
	NUM("BOOT_SIG_0", BOOT_SIG_0);
	NUM("BOOT_SIG_1", BOOT_SIG_1);
	PART("PART_STATUS", status);
	PART("PART_CHS_FIRST", chs_first);
	PART("PART_TYPE", type);
	PART("PART_CHS_LAST", chs_last);
	PART("PART_FIRST_LBA", first_lba);
	PART("PART_SECTORS", sectors);
	NUM("PART_ACTIVE", PART_ACTIVE);
	NUM("PART_TYPE_LONGBOOT", PART_TYPE_LONGBOOT);
	NUM("PART_TYPE_EFI_SYSTEM", PART_TYPE_EFI_SYSTEM);
	NUM("CHS_HEADS", CHS_HEADS);
	NUM("CHS_SECTORS", CHS_SECTORS);

	NUM("EHDR_BYTES", sizeof(Elf64_Ehdr));
	NUM("PHDR_BYTES", sizeof(Elf64_Phdr));
	NUM("PT_LOAD", PT_LOAD);
	NUM("MAX_PHNUM", (LB_KERNEL_HEAD_MAX - sizeof(Elf64_Ehdr)) / sizeof(Elf64_Phdr));
	return 0;
}
