/*
 * Physical and on-disk layout shared by stage1, stage2 and mkimage.
 *
 * Every value here is a plain constant expression that both C and NASM can
 * read: the build turns this file into build/layout.inc for the assembly
 * (tools/gen-layout-inc.c), so no address or offset is written twice.
 */
#ifndef LONGBOOT_LAYOUT_H
#define LONGBOOT_LAYOUT_H

#define LB_SECTOR_SIZE       512

/* Where things live while booting (docs/design.md, "Physical memory"). */
/*
 * The stack grows down from 0x6000, not 0x7C00, and the trampoline's data
 * has the page below stage1's: under QEMU's TCG every write to a page
 * that still holds translated code (stage1's) takes the slow path, which
 * made stage2 several times slower.
 */
#define LB_STACK_TOP         0x6000   /* real-mode and PM32 stack grows down */
#define LB_LOWDATA_ADDR      0x6000   /* real-mode data (.lowbss): one page, below 64 KiB */
#define LB_STAGE1_ADDR       0x7C00
#define LB_HEADER_ADDR       0x7E00   /* the image header sector, read by stage1 */
#define LB_STAGE2_ADDR       0x8000
#define LB_STAGE2_END        0x70000  /* stage2 code, data and .bss end below this */
#define LB_BOUNCE_ADDR       0x70000  /* disk bounce buffer: 64 KiB, 64 KiB aligned */
#define LB_BOUNCE_SIZE       0x10000
#define LB_HIGH_MEMORY       0x100000 /* first byte above conventional memory */

/* Where things live on the disk. */
#define LB_HEADER_LBA        1
#define LB_STAGE2_LBA        2
/*
 * stage1 reads the header and the largest stage2 in one call into
 * segment 0, so the read ends below 64 KiB: real-mode offsets wrap there,
 * and a BIOS whose DMA cannot cross a 64 KiB boundary refuses the read
 * (status 0x09). stage2's .bss may still reach LB_STAGE2_END.
 */
#define LB_STAGE2_MAX_SECTORS 48
#define LB_STAGE1_READ_SECTORS (1 + LB_STAGE2_MAX_SECTORS)
#define LB_REAL_MODE_SEGMENT_END 0x10000
#if LB_HEADER_ADDR + LB_STAGE1_READ_SECTORS * LB_SECTOR_SIZE > LB_REAL_MODE_SEGMENT_END
#error "stage1's read must end below 64 KiB"
#endif
/*
 * The stage2 area is always LB_STAGE2_MAX_SECTORS long (stage2, then
 * zeros): stage1's one read never reaches the kernel, so a bad kernel
 * sector is reported by stage2, with its LBA.
 */
#define LB_PAYLOAD_LBA       (LB_STAGE2_LBA + LB_STAGE2_MAX_SECTORS)

/*
 * Some BIOSes reject INT 13h reads of more than 127 sectors (Phoenix EDD
 * 3.0, section 6.1: "the maximum number of blocks is 127"); SeaBIOS takes
 * 128. 127 costs under 1% more calls.
 */
#define LB_MAX_SECTORS_PER_READ 127

/*
 * The MBR's bytes (docs/image-format.md, "LBA 0"): stage1's code starts
 * after the room a FAT32 BPB and extended BPB take, and ends before the
 * optional disk signature; mkimage writes the partition table.
 */
#define LB_MBR_BPB_END        0x5A
#define LB_MBR_DISK_SIGNATURE 0x1B8
#define LB_MBR_PARTITIONS     0x1BE

/* Protected-mode and long-mode GDT selectors (stage2/entry.asm). */
#define LB_SEL_CODE64        0x08
#define LB_SEL_DATA          0x10
#define LB_SEL_CODE32        0x18
#define LB_SEL_CODE16        0x20
#define LB_SEL_DATA16        0x28

#endif
