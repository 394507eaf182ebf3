/*
 * The Linux x86 boot protocol (Documentation/arch/x86/boot.rst and
 * zero-page.rst) as byte offsets: the setup header in a bzImage's first
 * sectors, and the zero page ("boot_params") the loader fills. The setup
 * header sits at the same offsets in both.
 */
#ifndef LONGBOOT_LINUX_BOOT_H
#define LONGBOOT_LINUX_BOOT_H

#define LINUX_ZERO_PAGE_BYTES      4096
#define LINUX_HDRS_MAGIC           0x53726448u   /* "HdrS" */
#define LINUX_BOOT_FLAG            0xAA55
#define LINUX_MIN_VERSION          0x0206        /* oldest protocol booted */
#define LINUX_SETUP_SECTS_DEFAULT  4             /* setup_sects 0 means 4 */
#define LINUX_SECTOR_BYTES         512
#define LINUX_SYSSIZE_UNIT         16

/* The setup header (boot.rst, "The real-mode kernel header"). */
#define LH_SETUP_SECTS             0x1F1   /* u8 */
#define LH_SYSSIZE                 0x1F4   /* u32: the protected-mode kernel in 16-byte units */
#define LH_VID_MODE                0x1FA   /* u16 */
#define LH_BOOT_FLAG               0x1FE   /* u16: 0xAA55 */
#define LH_JUMP                    0x200   /* u16: a short jump; its byte at 0x201 ends the header */
#define LH_HEADER                  0x202   /* u32: "HdrS" */
#define LH_VERSION                 0x206   /* u16 */
#define LH_TYPE_OF_LOADER          0x210   /* u8 */
#define LH_LOADFLAGS               0x211   /* u8 */
#define LH_CODE32_START            0x214   /* u32 */
#define LH_RAMDISK_IMAGE           0x218   /* u32 */
#define LH_RAMDISK_SIZE            0x21C   /* u32 */
#define LH_HEAP_END_PTR            0x224   /* u16: offset from the real-mode segment, minus 0x200 */
#define LH_CMD_LINE_PTR            0x228   /* u32 */
#define LH_INITRD_ADDR_MAX         0x22C   /* u32: highest byte the initrd may use */
#define LH_KERNEL_ALIGNMENT        0x230   /* u32 */
#define LH_RELOCATABLE_KERNEL      0x234   /* u8 */
#define LH_XLOADFLAGS              0x236   /* u16 */
#define LH_CMDLINE_SIZE            0x238   /* u32: bytes, the NUL not counted */
#define LH_PREF_ADDRESS            0x258   /* u64 */
#define LH_INIT_SIZE               0x260   /* u32 */
#define LH_END_MIN                 0x264   /* every field above lies in the first 0x264 bytes */

#define LOADFLAGS_LOADED_HIGH      0x01
#define LOADFLAGS_CAN_USE_HEAP     0x80
#define XLF_KERNEL_64              0x0001
#define XLF_CAN_BE_LOADED_ABOVE_4G 0x0002
#define LINUX_LOADER_UNDEFINED     0xFF    /* type_of_loader: a loader with no assigned ID */

/* The rest of the zero page (zero-page.rst). */
#define ZP_SCREEN_INFO             0x000   /* struct screen_info, 0x40 bytes */
#define ZP_ACPI_RSDP_ADDR          0x070   /* u64, protocol 2.14+ */
#define ZP_EXT_RAMDISK_IMAGE       0x0C0   /* u32: ramdisk_image's high half */
#define ZP_EXT_RAMDISK_SIZE        0x0C4
#define ZP_EXT_CMD_LINE_PTR        0x0C8
#define ZP_EFI_INFO                0x1C0   /* struct efi_info, 0x20 bytes */
#define ZP_ALT_MEM_K               0x1E0   /* u32 */
#define ZP_E820_ENTRIES            0x1E8   /* u8 */
#define ZP_SENTINEL                0x1EF   /* u8: 0 from a loader that cleared the page */
#define ZP_E820_TABLE              0x2D0   /* 20-byte entries: u64 addr, u64 size, u32 type */
#define ZP_E820_MAX                128
#define ZP_E820_ENTRY_BYTES        20

/* struct efi_info, at ZP_EFI_INFO: how a kernel keeps using UEFI (arch/x86/include/uapi/asm/bootparam.h). */
#define EI_LOADER_SIGNATURE        0x00    /* u32: "EL64", a 64-bit firmware */
#define EI_SYSTAB                  0x04    /* u32: the system table's low half */
#define EI_MEMDESC_SIZE            0x08    /* u32 */
#define EI_MEMDESC_VERSION         0x0C    /* u32 */
#define EI_MEMMAP                  0x10    /* u32: the memory map's low half */
#define EI_MEMMAP_SIZE             0x14    /* u32: bytes */
#define EI_SYSTAB_HI               0x18    /* u32 */
#define EI_MEMMAP_HI               0x1C    /* u32 */
#define EFI64_LOADER_SIGNATURE     0x34364C45u /* "EL64" */

/* struct screen_info, at ZP_SCREEN_INFO. */
#define SI_ORIG_X                  0x00    /* u8: cursor column */
#define SI_ORIG_Y                  0x01    /* u8: cursor row */
#define SI_ORIG_VIDEO_PAGE         0x04    /* u16 */
#define SI_ORIG_VIDEO_MODE         0x06    /* u8 */
#define SI_ORIG_VIDEO_COLS         0x07    /* u8 */
#define SI_ORIG_VIDEO_EGA_BX       0x0A    /* u16 */
#define SI_ORIG_VIDEO_LINES        0x0E    /* u8 */
#define SI_ORIG_VIDEO_ISVGA        0x0F    /* u8: the VIDEO_TYPE_ */
#define SI_ORIG_VIDEO_POINTS       0x10    /* u16: character height */
#define SI_LFB_WIDTH               0x12    /* u16 */
#define SI_LFB_HEIGHT              0x14    /* u16 */
#define SI_LFB_DEPTH               0x16    /* u16 */
#define SI_LFB_BASE                0x18    /* u32 */
#define SI_LFB_SIZE                0x1C    /* u32: in 64 KiB units (VESA's TotalMemory) */
#define SI_LFB_LINELENGTH          0x24    /* u16 */
#define SI_RED_SIZE                0x26    /* u8, then red_pos, green_size, green_pos, blue_size, blue_pos */
#define SI_COLOURS                 6
#define SI_CAPABILITIES            0x36    /* u32 */
#define SI_EXT_LFB_BASE            0x3A    /* u32 */

#define VIDEO_TYPE_VGAC            0x22    /* VGA in colour text mode */
#define VIDEO_TYPE_VLFB            0x23    /* VESA linear framebuffer */
#define VIDEO_TYPE_EFI             0x70    /* EFI graphic output */
#define VIDEO_CAPABILITY_64BIT_BASE (1u << 1)

/* The kernel's own 16-bit entry: CS = real-mode segment + 0x20, IP = 0. */
#define LINUX_REALMODE_ENTRY_SEG_OFFSET 0x20
/* The 64-bit entry lies this far into the protected-mode kernel. */
#define LINUX_ENTRY64_OFFSET       0x200
/* Selectors boot.rst's 32- and 64-bit entries expect (__BOOT_CS, __BOOT_DS). */
#define LINUX_BOOT_CS              0x10
#define LINUX_BOOT_DS              0x18

#endif
