/*
 * enter_pm32 under UEFI: pm32_trampoline (jump.asm) run from a page
 * below 4 GiB, on an identity map of the loader's own.
 */
#include "boot.h"
#include "libc.h"
#include "mem.h"

extern const uint8_t pm32_trampoline[], pm32_trampoline_end[];
__attribute__((noreturn)) void pm32_switch(const struct pm32_handoff *h, void *stack_top, uint64_t pml4,
					   const void *trampoline);

void enter_pm32(const struct pm32_handoff *h)
{
	static const struct elf_kernel identity_only;
	uint8_t *page = mem_alloc(PAGE_SIZE, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE,
				  "the 32-bit entry's trampoline");

	memcpy(page, pm32_trampoline, (size_t)(pm32_trampoline_end - pm32_trampoline));
	pm32_switch(h, page + PAGE_SIZE, build_page_tables(&identity_only, 0), page);
}
