/*
 * What a firmware backend gives the shared boot sequence (loader/): the
 * BIOS backend is stage2/, the UEFI backend efi/. Everything in loader/
 * reaches the machine only through these functions, so each protocol
 * works on each firmware (docs/design.md, "Firmware backends").
 */
#ifndef LONGBOOT_FIRMWARE_H
#define LONGBOOT_FIRMWARE_H

#include <stdint.h>
#include "boot_desc.h"
#include "checksum.h"
#include "longboot.h"
#include "video.h"

/* LONGBOOT_FIRMWARE_BIOS or LONGBOOT_FIRMWARE_UEFI. */
extern const uint32_t firmware_kind;

/* The time-stamp counter when the loader started. */
extern uint64_t tsc_loader_start;

/*
 * Reads the sectors that hold `bytes` bytes starting at image sector
 * lba, copies the bytes to dst (below 4 GiB) and adds every sector read,
 * padding included, to *sum. `what` names the data in an error message.
 */
void disk_load(uint64_t lba, uint64_t bytes, void *dst, struct lb_sum *sum, const char *what);

/*
 * Takes [base, end) (page-aligned) from the firmware for the loader and
 * the kernel; 0 when the firmware has it in use. The BIOS has nothing to
 * take it from: always 1.
 */
int firmware_claim(uint64_t base, uint64_t end);

/*
 * The display: the mode video_choose() picks for r, set and cleared to
 * black, or (UEFI) the firmware's current mode when r asks for none.
 * Returns 0 when there is no linear framebuffer to hand over.
 */
int firmware_set_video(const struct video_request *r, struct video_mode *m);

/* The firmware's part of the boot description: drive, RSDP, text screen, VBE or EFI fields. */
void firmware_describe(struct boot_desc *d);

/* The ACPI RSDP's physical address, 0 when there is none. */
uint64_t firmware_rsdp(void);

/*
 * The firmware is done with: UEFI leaves its boot services (and hands
 * mem.c the final memory map); the BIOS stays as it is. Nothing after
 * this may ask the firmware for anything.
 */
void firmware_exit(void);

/* The highest end of a region the kernel must find mapped besides RAM (UEFI runtime services), else 0. */
uint64_t firmware_runtime_top(void);

struct handoff;
struct pm32_handoff;
/* The jumps: to a 64-bit kernel with paging, to a 32-bit kernel with paging off. */
__attribute__((noreturn)) void enter_long_mode(const struct handoff *h);
__attribute__((noreturn)) void enter_pm32(const struct pm32_handoff *h);

#endif
