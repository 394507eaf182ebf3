/* The kernel's protocol decides the rest of the boot. */
#include "boot.h"

void boot_kernel(struct loaded_params *p, int nx)
{
	switch (p->h->protocol) {
	case LB_PROTO_MULTIBOOT2:
	case LB_PROTO_MULTIBOOT1:
		boot_multiboot(p);
	case LB_PROTO_LINUX:
	case LB_PROTO_LINUX16:
		boot_linux(p, nx);
	default:
		boot_longboot(p, nx);
	}
}
