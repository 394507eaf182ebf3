/*
 * The Multiboot conformance kernels: 32-bit kernels written against the
 * Multiboot 0.6.96 and Multiboot2 2.0 specifications alone. Every
 * definition here is this kernel's own (nothing from the loader's tree).
 */
#ifndef MBCONF_H
#define MBCONF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every symbol is local to the kernel. Built with -fpie (the relocatable
 * variant) the compiler then reaches all of them relative to the GOT
 * address it computes from EIP, never through GOT entries: the code runs
 * wherever the loader puts it, with no relocation applied.
 */
#pragma GCC visibility push(hidden)
#include "lib.h"
#include "port.h"

#define PAGE_SIZE 4096u
#define MiB       0x100000u

/* ---- Multiboot 0.6.96 ---- */
#define MB1_BOOT_MAGIC 0x2BADB002u        /* EAX at entry */
#define MB1_F_MEM      (1u << 0)          /* mem_lower, mem_upper */
#define MB1_F_BOOTDEV  (1u << 1)
#define MB1_F_CMDLINE  (1u << 2)
#define MB1_F_MODS     (1u << 3)
#define MB1_F_AOUT     (1u << 4)
#define MB1_F_ELF      (1u << 5)
#define MB1_F_MMAP     (1u << 6)
#define MB1_F_DRIVES   (1u << 7)
#define MB1_F_CONFIG   (1u << 8)
#define MB1_F_LOADER   (1u << 9)
#define MB1_F_APM      (1u << 10)
#define MB1_F_VBE      (1u << 11)
#define MB1_F_FB       (1u << 12)
/* Byte offsets in the boot information structure. */
#define MB1_FLAGS        0
#define MB1_MEM_LOWER    4
#define MB1_MEM_UPPER    8
#define MB1_BOOT_DEVICE  12
#define MB1_CMDLINE      16
#define MB1_MODS_COUNT   20
#define MB1_MODS_ADDR    24
#define MB1_ELF_NUM      28
#define MB1_ELF_SIZE     32
#define MB1_ELF_ADDR     36
#define MB1_ELF_SHNDX    40
#define MB1_MMAP_LENGTH  44
#define MB1_MMAP_ADDR    48
#define MB1_DRIVES_LENGTH 52
#define MB1_DRIVES_ADDR  56
#define MB1_LOADER_NAME  64
#define MB1_FB_ADDR      88
#define MB1_FB_PITCH     96
#define MB1_FB_WIDTH     100
#define MB1_FB_HEIGHT    104
#define MB1_FB_BPP       108
#define MB1_FB_TYPE      109
#define MB1_FB_COLOUR    110              /* type 1: red position, size, green ..., blue ... */
#define MB1_VBE_CONTROL  72
#define MB1_VBE_MODE_INFO 76
#define MB1_VBE_MODE     80
#define MB1_VBE_SEG      82
#define MB1_VBE_OFF      84
#define MB1_VBE_LEN      86
#define VBE_CONTROL_SIZE 512              /* VbeInfoBlock */
#define VBE_MODE_INFO_SIZE 256            /* ModeInfoBlock */
#define VBE_CI_VERSION   4                /* u16 after "VESA" */
#define VBE_MI_XRES      18
#define VBE_MI_YRES      20
#define VBE_MI_BPP       25
#define VBE_MI_PHYS_BASE 40
#define MB1_INFO_SIZE    88               /* up to the framebuffer fields */
#define MB1_INFO_SIZE_FB 116              /* with them (type 2 has no colour info) */
#define MB1_MOD_SIZE     16               /* mod_start, mod_end, string, reserved */
#define MB1_MMAP_MIN     20               /* an entry's size field, at least */

/* ---- Multiboot2 2.0 ---- */
#define MB2_BOOT_MAGIC 0x36D76289u
enum {
	MB2_TAG_END = 0, MB2_TAG_CMDLINE = 1, MB2_TAG_LOADER = 2, MB2_TAG_MODULE = 3,
	MB2_TAG_MEMINFO = 4, MB2_TAG_BOOTDEV = 5, MB2_TAG_MMAP = 6, MB2_TAG_VBE = 7,
	MB2_TAG_FB = 8, MB2_TAG_ELF = 9, MB2_TAG_APM = 10, MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12, MB2_TAG_SMBIOS = 13, MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15, MB2_TAG_NETWORK = 16, MB2_TAG_EFI_MMAP = 17,
	MB2_TAG_EFI_BS = 18, MB2_TAG_EFI32_IH = 19, MB2_TAG_EFI64_IH = 20,
	MB2_TAG_LOAD_BASE = 21,
	MB2_TAG_TYPES = 22,
};
#define MB2_TAG_ALIGN 8
#define MB2_MMAP_ENTRY_MIN 24

/* Framebuffer types (both protocols). */
#define FB_TYPE_INDEXED 0
#define FB_TYPE_RGB     1
#define FB_TYPE_TEXT    2
#define EGA_TEXT_BASE   0xB8000u

/* Memory map types (both protocols): 1 available, anything else not. */
#define MEM_AVAILABLE 1

/* ---- ELF ---- */
#define SHT_SYMTAB 2
#define SHF_ALLOC  2
#define ELF32_SHDR_SIZE 40
#define ELF64_SHDR_SIZE 64
#define ELF32_SYM_SIZE  16
#define ELF64_SYM_SIZE  24

/* ---- What the header file of each kernel says about it (mb1hdr.asm, mb2hdr.asm) ---- */
#define V_ELF    (1u << 0)   /* an ELF file: ELF sections expected */
#define V_ELF64  (1u << 1)   /* ... ELF64: 64-byte section headers */
#define V_AOUT   (1u << 2)   /* a flat binary placed by the header's address fields/tag */
#define V_RELOC  (1u << 3)   /* Multiboot2 relocatable header tag */
#define V_VIDEO  (1u << 4)   /* Multiboot 1 header bit 2 (text mode asked) */
#define V_FBTAG  (1u << 5)   /* Multiboot2 framebuffer tag (optional, 0x0x0) */
#define V_GFX    (1u << 6)   /* the video request asks for 1024x768x32 (MB2 tag / MB1 mode_type 0) */
#define V_EFIMMAP (1u << 7)  /* Multiboot2: the EFI memory map (tag 17) is a required request */
#define V_EFI32  (1u << 8)   /* Multiboot2: the EFI i386 entry tag (8), required (a 64-bit UEFI loader refuses it) */
#define V_EFI64  (1u << 9)   /* Multiboot2: the EFI amd64 entry tag (9), optional (entered at _start all the same) */
struct variant {
	char name[16];
	uint32_t protocol;       /* 1 or 2 */
	uint32_t flags;          /* V_* */
	uint32_t vma_lo, vma_hi; /* ELF virtual address minus physical (ELF64: 0xFFFFFFFF80000000) */
	uint32_t reloc_min, reloc_max, reloc_align;
};
extern const struct variant mbconf_variant;

/*
 * What entry.asm recorded at the first instruction, one dword a slot; the
 * asm stores by slot number: keep the two in step.
 */
struct entry_state {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
	uint32_t eflags, cr0, cr3, cr4;
	uint32_t cs, ds, es, fs, gs, ss;
	uint8_t gdtr[8], idtr[8];  /* SGDT/SIDT images: 16-bit limit, 32-bit base */
	uint32_t here;             /* runtime address of entry_here (call/pop) */
	uint32_t mbi_reserved;     /* relocatable entry: [EBX + 4] before it was used as a stack slot */
};
_Static_assert(offsetof(struct entry_state, here) == 22 * 4, "entry.asm slot numbers");

/* Linker-script and asm symbols. */
extern char __image_start[], __image_end[], __load_end[], __bss_start[], __bss_end[];
extern char __text_end[], __data_start[];
extern char entry_here[], trap_stubs[];
extern const uint8_t mbconf_rodata_pattern[], mbconf_data_pattern[];
extern const uint32_t mbconf_pattern_table[4]; /* rodata size, seed, data size, seed */

/* ---- The command line's expectations (cmdline.c, README.md) ---- */
#define LIST_MAX 16
#define STR_MAX  128
enum { FB_EXPECT_DEFAULT, FB_EXPECT_TEXT, FB_EXPECT_RGB, FB_EXPECT_NONE, FB_EXPECT_ANY };
#define ACPI_OLD 1
#define ACPI_NEW 2
struct expectations {
	int qemu_exit;
	int has_loader, has_modules, has_strings, has_sizes, has_mem, has_drive;
	int has_part, has_cmdline_len, has_acpi, has_selectors;
	char loader[STR_MAX];
	uint32_t modules;
	unsigned nstrings, nsizes, nparts;
	char strings[LIST_MAX][STR_MAX];
	uint64_t sizes[LIST_MAX];
	uint32_t mem_mib, drive, cmdline_len;
	uint32_t parts[3];
	int elf_sections;          /* -1: the variant decides */
	int fb;                    /* FB_EXPECT_* */
	int has_fb_mode;           /* expect-fb-mode */
	uint32_t fb_width, fb_height, fb_bpp; /* ... bpp 0: any */
	unsigned acpi;             /* ACPI_* bits */
	uint32_t cs, ds;
	int uefi;                  /* expect-firmware=uefi */
	int bad;
	char bad_word[64];
};
void parse_cmdline(const char *cmdline, struct expectations *e);

/* ---- What the loader handed over, normalised for both protocols ---- */
#define MODS_MAX  32
#define MMAP_MAX  128
#define OBJS_MAX  (MODS_MAX * 2 + 16)
#define CMDLINE_MAX 4096

struct module {
	uint32_t start, end, string;
	uint32_t string_max;    /* bytes the string may take (its tag's bounds; MB1: 4096) */
};
struct mmap_entry {
	uint64_t base, length;
	uint32_t type;
};
struct object {             /* something the loader put in memory for the kernel */
	const char *what;
	uint32_t index;
	uint64_t start, end;
};
struct framebuffer {
	uint64_t addr;
	uint32_t pitch, width, height;
	uint8_t bpp, type;
	int colour_present;        /* type 1: the colour information could be read */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};
struct vbe {                       /* Multiboot 1 flag 11 */
	uint32_t control_info, mode_info;
	uint16_t mode, interface_seg, interface_off, interface_len;
};

struct boot {
	const struct entry_state *st;
	const struct variant *v;
	uint32_t info;               /* EBX */
	uint32_t info_size;          /* MB2 total_size; MB1: the fixed part read */
	int info_ok;                 /* magic right and the structure could be walked */
	uint32_t mb1_flags;

	int cmdline_present, cmdline_ok;
	uint32_t cmdline_addr, cmdline_max;
	char cmdline[CMDLINE_MAX];

	int loader_present;
	uint32_t loader_addr, loader_max;

	int mods_present;            /* MB1 flag bit 3 / at least one MB2 module tag */
	unsigned nmods;              /* what the loader says (may exceed MODS_MAX) */
	struct module mods[MODS_MAX];

	int meminfo_present;
	uint32_t mem_lower, mem_upper;

	int bootdev_present;
	uint32_t drive, parts[3];
	unsigned nparts;             /* partition fields this protocol has (3 or 2) */

	int mmap_present, mmap_ok;   /* ok: the structure walked cleanly */
	char mmap_problem[120];
	unsigned nmmap;              /* entries seen (may exceed MMAP_MAX) */
	struct mmap_entry mmap[MMAP_MAX];
	uint32_t mmap_entry_size;

	int fb_present;
	struct framebuffer fb;
	int vbe_present;
	struct vbe vbe;

	int elf_present;
	uint32_t elf_shdrs, elf_num, elf_entsize, elf_shndx;
	uint32_t elf_tag_size;       /* MB2 only */

	int acpi_old_present, acpi_new_present;
	uint32_t acpi_old, acpi_old_len, acpi_new, acpi_new_len; /* the RSDP copies */

	int load_base_present;
	uint32_t load_base;

	/* Multiboot2 EFI tags (11, 12, 17, 18, 19, 20): how many, and what the 64-bit ones say. */
	unsigned efi32_st, efi64_st, efi_mmap, efi_bs, efi32_ih, efi64_ih;
	uint32_t efi64_st_size, efi64_ih_size;
	uint64_t efi_system_table, efi_image_handle;
	uint32_t efi_mmap_addr, efi_mmap_bytes, efi_desc_size, efi_desc_version; /* descriptors at addr */

	unsigned nobjs;
	struct object objs[OBJS_MAX];

	struct expectations expect;
	uint32_t image_start, image_end;   /* where the kernel runs, physical */
	/*
	 * What the kernel occupies: an ELF kernel its two segments (a loader
	 * may use the gap between them), a flat one all of [start, end).
	 */
	unsigned nranges;
	uint32_t range_start[2], range_end[2];
};
extern struct boot boot;

void add_object(const char *what, uint32_t index, uint64_t start, uint64_t end);

/* Protocol parsers and their own checks (mb1.c, mb2.c). */
void mb1_parse(void);
void mb1_checks(void);
void mb2_parse(void);
void mb2_checks(void);
void mb2_late_checks(void);
void elf_add_objects(void);

/* Checks common to both protocols (machine.c, checks.c, elfsyms.c, image.c). */
void machine_record(void);
void check_machine(void);
void check_a20(void);
void check_position(void);
void check_cmdline(void);
void check_loader_name(void);
void check_meminfo(void);
void check_bootdev(void);
void check_modules(void);
void check_mmap(void);
void check_placement(void);
void check_framebuffer(void);
void check_vbe(void);
void check_elf(void);
struct image_scan {
	uint32_t nonzero, first;
};
void scan_bss(struct image_scan *s);
void check_image(const struct image_scan *s);

/* Memory map queries. */
int range_available(uint64_t start, uint64_t end);       /* inside type 1, no other type touching */
uint64_t mem_available_total(void);

/* ---- Physical memory (paging is off: linear == physical) ---- */
static inline const volatile uint8_t *phys(uint32_t a)
{
	/* hides the constant from the compiler's array-bounds reasoning */
	__asm__("" : "+r"(a));
	return (const volatile uint8_t *)(uintptr_t)a;
}
static inline uint8_t rd8(uint32_t a) { return *phys(a); }
static inline uint16_t rd16(uint32_t a) { return (uint16_t)(rd8(a) | rd8(a + 1) << 8); }
static inline uint32_t rd32(uint32_t a) { return rd16(a) | (uint32_t)rd16(a + 2) << 16; }
static inline uint64_t rd64(uint32_t a) { return rd32(a) | (uint64_t)rd32(a + 4) << 32; }
/* Copies a NUL-terminated string of at most max bytes; 0 when no NUL in max. */
int read_string(uint32_t addr, uint32_t max, char *out, size_t cap);

static inline int overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* ---- The end of the run (main.c): report_finish, exiting QEMU when asked ---- */
void __attribute__((noreturn)) finish(void);

/* ---- CPU (cpu.c) ---- */
void cpu_take_over(void);

/* ---- Freestanding C (string.c) ---- */
int str_eq(const char *a, const char *b);
int starts_with(const char *s, const char *prefix);

#pragma GCC visibility pop

#endif
