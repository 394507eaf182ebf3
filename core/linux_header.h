/*
 * The setup header of a Linux bzImage (include/linux_boot.h): found,
 * checked and read into one struct. Pure logic, used by mkimage to detect
 * and refuse, and by the loader to place and start the kernel.
 */
#ifndef LONGBOOT_LINUX_HEADER_H
#define LONGBOOT_LINUX_HEADER_H

#include <stddef.h>
#include <stdint.h>
#include "linux_boot.h"

struct linux_header {
	uint16_t version;           /* boot protocol, e.g. 0x020F */
	uint8_t setup_sects;        /* 512-byte sectors of real-mode setup after the boot sector */
	uint8_t loadflags;
	uint16_t xloadflags;
	uint8_t relocatable;
	uint32_t kernel_alignment;
	uint32_t initrd_addr_max;
	uint32_t cmdline_size;
	uint32_t init_size;         /* bytes of memory the kernel needs from its load address */
	uint64_t pref_address;
	uint32_t setup_bytes;       /* the boot sector and setup: (setup_sects + 1) * 512 */
	uint32_t header_end;        /* the setup header's last byte + 1 (0x202 + the byte at 0x201) */
};

/* Whether the file's first bytes hold a setup header ("HdrS" at 0x202). */
int linux_is_bzimage(const void *file, size_t bytes);

/*
 * Checks the setup header of a file of file_bytes whose first bytes
 * (bytes of them) are at file, and fills *h. Returns NULL, or a phrase
 * saying what is wrong (the protocol version is in h->version then).
 */
const char *linux_parse(const void *file, size_t bytes, uint64_t file_bytes, struct linux_header *h);

#endif
