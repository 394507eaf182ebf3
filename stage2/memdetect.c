/*
 * Memory detection (ACPI 6.5, 15.1 "INT 15H, E820H"; Ralf Brown's list for
 * E801 and 88h).
 */
#include <stdint.h>
#include "bios.h"
#include "panic.h"
#include "memdetect.h"
#include "arch.h"
#include "layout.h"

#define SMAP            0x534D4150 /* "SMAP" */
#define E820_MIN_ENTRY  20
/*
 * ACPI 3.0 made bit 0 of the extended attributes "this entry is valid";
 * ACPI 4.0 deprecated it and BIOSes in the field clear it on good entries
 * (Linux arch/x86/boot/memory.c ignores it too). It is preset for BIOSes
 * that return 20 bytes and otherwise not consulted.
 */
#define ACPI_ATTR_VALID 1u
#define E820_MAX_CALLS  1024       /* a BIOS that never ends its list is cut off */

struct e820_raw {
	uint64_t base, length;
	uint32_t type, attributes;
};

static size_t e820(struct longboot_memmap_entry *out, size_t cap)
{
	struct e820_raw *buf = (struct e820_raw *)BOUNCE;
	struct bios_regs r;
	uint32_t next = 0;
	size_t n = 0;
	int calls = 0;

	do {
		if (++calls > E820_MAX_CALLS)
			panic("the firmware's E820 memory map does not end after %u calls", E820_MAX_CALLS);
		bios_regs_init(&r);
		r.eax = 0xE820;
		r.edx = SMAP;
		r.ebx = next;
		r.ecx = sizeof(*buf);
		r.es = rm_seg(LB_BOUNCE_ADDR);
		r.edi = rm_off(LB_BOUNCE_ADDR);
		/* A BIOS that returns 20 bytes leaves this alone: valid by default. */
		buf->attributes = ACPI_ATTR_VALID;
		bios_call(0x15, &r, &r);
		/* CF on a later call ends the list; a call that stops answering
		 * "SMAP" leaves it in doubt, so it is thrown away. */
		if (r.eflags & EFLAGS_CF)
			break;
		if (r.eax != SMAP)
			return 0;
		next = r.ebx;
		if (r.ecx < E820_MIN_ENTRY || buf->length == 0)
			continue;
		if (n == cap)
			panic("the firmware's E820 memory map has more than %u entries", (uint32_t)cap);
		out[n].base = buf->base;
		out[n].length = buf->length;
		out[n].type = buf->type;
		out[n].reserved = 0;
		n++;
	} while (next != 0);
	return n;
}

static size_t add(struct longboot_memmap_entry *out, size_t n, uint64_t base, uint64_t length)
{
	if (length) {
		out[n].base = base;
		out[n].length = length;
		out[n].type = LONGBOOT_MEM_USABLE;
		out[n].reserved = 0;
		n++;
	}
	return n;
}

/* Conventional memory: INT 12h, in KiB. */
static size_t conventional(struct longboot_memmap_entry *out, size_t n)
{
	struct bios_regs r;

	bios_regs_init(&r);
	bios_call(0x12, &r, &r);
	return add(out, n, 0, r.ax * KIB);
}

/* E801: KiB between 1 and 16 MiB, 64 KiB blocks above 16 MiB. */
static size_t e801(struct longboot_memmap_entry *out)
{
	struct bios_regs r;
	size_t n;

	bios_regs_init(&r);
	r.ax = 0xE801;
	bios_call(0x15, &r, &r);
	if (r.eflags & EFLAGS_CF)
		return 0;
	uint32_t low_kib = r.cx ? r.cx : r.ax;   /* some BIOSes answer in AX/BX only */
	uint32_t high_blocks = r.cx ? r.dx : r.bx;
	n = conventional(out, 0);
	n = add(out, n, MIB, low_kib * KIB);
	n = add(out, n, 16 * MIB, high_blocks * (64 * KIB));
	return n;
}

/* AH=88h: KiB above 1 MiB, at most 64 MiB. */
static size_t ext88(struct longboot_memmap_entry *out)
{
	struct bios_regs r;

	bios_regs_init(&r);
	r.ah = 0x88;
	bios_call(0x15, &r, &r);
	if ((r.eflags & EFLAGS_CF) || r.ax == 0)
		return 0;
	size_t n = conventional(out, 0);
	return add(out, n, MIB, r.ax * KIB);
}

size_t memory_detect(struct longboot_memmap_entry *out, size_t cap)
{
	size_t n = e820(out, cap);

	if (n == 0)
		n = e801(out);
	if (n == 0)
		n = ext88(out);
	if (n == 0)
		panic("the firmware reports no memory (E820, E801 and INT 15h AH=88h all failed)");
	return n;
}
