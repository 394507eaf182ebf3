/*
 * The conformance kernel: a kernel the loader has never seen, checking
 * every "must" of docs/protocol.md from the inside. Declarations shared by
 * its files.
 */
#ifndef CONFORM_H
#define CONFORM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "lib.h"
#include "longboot.h"

#define PAGE_SIZE 4096ULL
#define MiB       (1024ULL * 1024)
#define GiB       (1024ULL * MiB)
#define FOUR_GIB  (4 * GiB)

/* A half-open physical range [base, end). */
struct mem_span {
	uint64_t base, end;
};

static inline uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }
static inline uint64_t round_down(uint64_t v, uint64_t a) { return v & ~(a - 1); }

/*
 * What entry.asm saved at the first instruction of _start, one qword per
 * slot. entry.asm writes these offsets by number: keep the two in step.
 */
struct entry_state {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rflags, cr0, cr3, cr4, efer, fs_base, gs_base, tsc;
	uint64_t cs, ds, es, ss, fs, gs;
	uint64_t gdt_limit, gdt_base;
	uint64_t fcw, mxcsr;
	uint64_t fpu_read; /* ENTRY_READ_* bits: which of fcw/mxcsr could be read */
};
#define ENTRY_READ_FCW   1
#define ENTRY_READ_MXCSR 2
_Static_assert(__builtin_offsetof(struct entry_state, fpu_read) == 34 * 8,
	       "entry.asm stores struct entry_state by slot number");

/*
 * One PT_LOAD of this kernel as the linker script's PHDRS declares it
 * (high.ld, ident.ld emit the table conform_segments).
 */
struct kernel_segment {
	uint64_t vaddr, paddr, filesz, memsz, flags;
};
extern const struct kernel_segment conform_segments[], conform_segments_end[];
#define SEG_PF_X 1
#define SEG_PF_W 2

/* Linker-script symbols: the kernel's own extent and its scratch area. */
extern char __kernel_phys_start[], __kernel_phys_end[];
extern char __scratch_start[], __scratch_end[];

size_t kernel_segment_count(void);
uint64_t kernel_virt_to_phys(const void *p);

/*
 * Where the kernel really lies minus where it was linked (p_paddr): 0
 * unless the command line says expect-phys=moved, then kernel_phys_base
 * minus the lowest p_paddr (section 6: a higher-half kernel whose p_paddr
 * range is not free is moved as a whole). Every check that needs a
 * segment's physical address uses kernel_seg_phys().
 */
extern uint64_t kernel_phys_delta;
uint64_t kernel_link_phys_base(void);   /* the lowest p_paddr */
static inline uint64_t kernel_seg_phys(const struct kernel_segment *s) { return s->paddr + kernel_phys_delta; }

/* What the command line asks the kernel to expect (cmdline.c). */
#define EXPECT_NAMES_MAX 16
struct expectations {
	int qemu_exit;
	int dirty_reboot;
	int has_drive, has_modules, has_mem, has_cmdline_len, has_names, has_sizes;
	uint64_t drive, modules, mem_mib, cmdline_len;
	unsigned names_count, sizes_count;
	const char *names[EXPECT_NAMES_MAX];   /* not NUL-terminated: see names_len */
	size_t names_len[EXPECT_NAMES_MAX];
	uint64_t sizes[EXPECT_NAMES_MAX];
	int video;                             /* EXPECT_VIDEO_*: expect-video, default text (BIOS) or fb (UEFI) */
	int has_video;                         /* expect-video was given */
	int firmware;                          /* EXPECT_FIRMWARE_*: expect-firmware, default bios */
	int phys;                              /* EXPECT_PHYS_*: expect-phys, default linked */
	uint64_t video_width, video_height, video_bpp; /* EXPECT_VIDEO_FB; bpp 0: any */
	int bad;                               /* a malformed expect-* word */
	char bad_word[64];
};
#define EXPECT_VIDEO_TEXT 0   /* video_mode 1 (the default) */
#define EXPECT_VIDEO_NONE 1   /* video_mode 0 */
#define EXPECT_VIDEO_FB   2   /* video_mode 2 of the given size */
#define EXPECT_VIDEO_ANY_FB 3 /* video_mode 2, any size */
#define EXPECT_FIRMWARE_BIOS 0 /* expect-firmware=bios (the default) */
#define EXPECT_FIRMWARE_UEFI 1 /* expect-firmware=uefi: docs/protocol.md section 6 */
#define EXPECT_PHYS_LINKED 0   /* expect-phys=linked (the default): loaded at its p_paddr */
#define EXPECT_PHYS_MOVED  1   /* expect-phys=moved: moved as a whole to a 2 MiB-aligned base */
void parse_cmdline(const char *cmdline, struct expectations *e);

/*
 * Everything the loader handed over, copied into the kernel's own memory
 * before any check runs, so later checks still have it when the loader's
 * memory is gone or wrong.
 */
#define MEMMAP_MAX  512
#define MODULES_MAX 64
#define EFI_MAP_MAX (32 * 1024)
struct boot {
	const struct entry_state *entry;
	int info_ok;                           /* RDI could be read */
	struct longboot_info info;
	uint64_t info_addr;
	struct longboot_memmap_entry map[MEMMAP_MAX];
	uint32_t map_count;                    /* entries copied */
	char cmdline[LONGBOOT_CMDLINE_MAX + 2];
	int cmdline_ok;                        /* NUL-terminated within 4096 bytes */
	struct longboot_module modules[MODULES_MAX];
	uint32_t module_count;                 /* entries copied */
	struct expectations expect;
	int cpu_nx, cpu_page1gb;
	unsigned maxphyaddr;
	uint64_t ram_top;                      /* what the identity map must cover */
	int paging_walked;                     /* the walk below has run */
	int ident_map_ok, direct_map_ok;       /* ... and found these whole */
	uint64_t pt_pages;                     /* page-table pages seen by the walk */
	uint64_t pt_pages_usable;              /* ... of them in USABLE memory */
	uint64_t entry_rsp_word;               /* [RSP] at entry */
	uint8_t efi_map[EFI_MAP_MAX];          /* the EFI memory map (efi_memmap_addr), copied */
	uint64_t efi_map_size;                 /* bytes copied: 0 when none could be */
};
extern struct boot boot;

/* Memory map queries over boot.map (memmap.c). */
const char *mem_type_name(uint32_t type);
int mem_type_known(uint32_t type);
int range_has_type(uint64_t base, uint64_t end, uint32_t type);
int range_touches_type(uint64_t base, uint64_t end, uint32_t type);
int mem_type_is_ram(uint32_t type);

/*
 * A pointer to a fixed low physical address (identity map) that the
 * compiler cannot see as a constant, so it does not warn about it.
 */
static inline const volatile void *low_phys(uint64_t a)
{
	__asm__("" : "+r"(a));
	return (const volatile void *)(uintptr_t)a;
}

/* Reading the loader's memory through the identity map, with a range check. */
int ident_readable(uint64_t addr, uint64_t len);

/* The summary and the end of the run (main.c): report_finish, exiting QEMU when asked. */
void __attribute__((noreturn)) finish(void);

/* Own GDT and IDT, exception reports, machine reset (cpu.c). */
void cpu_take_over(void);
void __attribute__((noreturn)) machine_reset(void);

/* The page tables from CR3 (check_paging.c). */
struct translation {
	uint64_t pa, size;
	int write, exec;
};
int translate(uint64_t va, struct translation *t);

/* Pattern data checks (image.c). */
struct bss_scan {
	uint64_t nonzero;          /* non-zero bytes in [filesz, memsz) */
	uint64_t first;            /* address of the first one */
	uint64_t first_qword;      /* the aligned qword holding it */
	uint64_t scanned;
	uint64_t tail_nonzero;     /* in the page where the file bytes end */
	uint64_t tail_first, tail_page;
};
void scan_bss(struct bss_scan *s);

/* The checks, in the order main.c runs them. */
void check_entry_state(void);
void check_info(void);
void check_memmap(void);
void check_paging(void);
void check_image(const struct bss_scan *bss);
void check_rsdp(void);
void check_modules(void);
void check_cmdline(void);
void check_a20(void);
void check_framebuffer(void);
void check_dirty_reboot(void);
void check_usable_free(void);
void check_efi(void);

/* Under expect-firmware=uefi (check_efi.c). */
static inline int expect_uefi(void) { return boot.expect.firmware == EXPECT_FIRMWARE_UEFI; }
int efi_runtime_range(uint64_t base, uint64_t size);   /* inside EFI_MEMORY_RUNTIME descriptors */
uint64_t efi_config_acpi_rsdp(int *acpi20);             /* the RSDP the EFI configuration table names, or 0 */

/* The dirty-reboot mode's first boot (dirty.c); returns only when the kernel's layout rules it out. */
int dirty_reboot_second_boot(void);
void dirty_and_reboot(void);

/* Verification of the build-time patterns (image.c), also after the usable write. */
int verify_kernel_patterns(char *why, size_t cap);

/* freestanding string functions (string.c) */
size_t strnlen(const char *s, size_t max);

#endif
