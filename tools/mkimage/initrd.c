/*
 * Linux's initrd: every --initrd file back to back as one, each but the
 * last padded with zeros to a multiple of 4 bytes, where the next cpio
 * archive must start (Documentation/driver-api/early-userspace).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "image_check.h"
#include "mkimage.h"

#define CPIO_ALIGN 4

void check_initrds(struct build *b, char **paths, uint32_t n)
{
	if (n && !lb_protocol_is_linux(b->kernel.protocol))
		die(paths[0], "is given as an initrd, but the kernel is not Linux (%s): give it with --module",
		    b->kernel.format);
	b->ninitrd = n;
	b->initrd = xcalloc(n ? n : 1, sizeof(*b->initrd));
	b->initrd_bytes = 0;
	for (uint32_t i = 0; i < n; i++) {
		open_input(&b->initrd[i], paths[i], "an initrd");
		if (i + 1 < n)
			b->initrd_bytes += ALIGN_UP(b->initrd[i].size, CPIO_ALIGN);
		else
			b->initrd_bytes += b->initrd[i].size;
	}
}

void write_initrd(struct build *b, struct lb_image_header *h)
{
	uint64_t at = b->initrd_lba * SECTOR;
	struct lb_sum sum;
	unsigned char *chunk = xcalloc(COPY_CHUNK, 1);
	size_t fill = 0; /* bytes of chunk not yet written */

	lb_sum_init(&sum);
	for (uint32_t i = 0; i < b->ninitrd; i++) {
		struct input *in = &b->initrd[i];
		uint64_t size = in->size, pad = i + 1 < b->ninitrd ? ALIGN_UP(size, CPIO_ALIGN) - size : 0;

		for (uint64_t done = 0; done < size + pad;) {
			uint64_t n = COPY_CHUNK - fill;
			if (done < size) {
				if (n > size - done)
					n = size - done;
				read_at(in, done, chunk + fill, (size_t)n);
			} else {
				if (n > size + pad - done)
					n = size + pad - done;
				memset(chunk + fill, 0, (size_t)n);
			}
			fill += n;
			done += n;
			if (fill == COPY_CHUNK) {
				write_at(&b->out, at, chunk, fill);
				lb_sum_add(&sum, chunk, fill / 4);
				at += fill;
				fill = 0;
			}
		}
	}
	if (fill) {
		size_t padded = (size_t)ALIGN_UP(fill, SECTOR);
		memset(chunk + fill, 0, padded - fill);
		write_at(&b->out, at, chunk, padded);
		lb_sum_add(&sum, chunk, padded / 4);
	}
	free(chunk);
	h->initrd.lba = b->initrd_bytes ? b->initrd_lba : 0;
	h->initrd.bytes = b->initrd_bytes;
	h->initrd.sum = lb_sum_value(&sum);
}
