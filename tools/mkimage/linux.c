/*
 * Linux kernels: a bzImage's setup header checked as the loader checks it;
 * the boot sector and setup become kernel_extra, the protected-mode kernel
 * after them the kernel (docs/linux.md).
 */
#include <inttypes.h>

#include "mkimage.h"

void read_linux_kernel(struct kernel *k, const unsigned char *first, size_t first_bytes)
{
	const char *why = linux_parse(first, first_bytes, k->in.size, &k->linux);

	if (why && k->linux.version)
		die(k->in.path, "%s (boot protocol %u.%02u)", why, k->linux.version >> 8,
		    k->linux.version & 0xFF);
	if (why)
		die(k->in.path, "%s", why);
	k->extra_bytes = k->linux.setup_bytes;
	k->format = k->linux.xloadflags & XLF_KERNEL_64 ? "Linux bzImage, 64-bit entry" :
			"Linux bzImage, 32-bit entry";
	if (k->protocol == LB_PROTO_LINUX16)
		k->format = "Linux bzImage, its own 16-bit setup entry (linux16)";
}
