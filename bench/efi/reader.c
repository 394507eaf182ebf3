/*
 * The raw Block I/O reader (docs/performance.md, "UEFI"): the least a UEFI
 * loader can spend to bring a kernel off the disk it was started from.
 *
 * Started from the ESP of a longboot image, it finds the whole disk's
 * Block I/O (its own partition's device path without the last node),
 * reads the image header at LBA 1 and then the header's kernel extent
 * (for an ELF kernel its headers and its PT_LOADs' bytes) into pages from
 * AllocatePages, READER_CHUNK bytes a ReadBlocks call, adds each chunk to
 * lb_sum as it arrives and checks the header's sums, and ends
 * QEMU through isa-debug-exit: 0x10 (status 33) when the sum matches the
 * header's, 0x11 (status 35) for anything wrong, with a line on the
 * console saying what. Before a good exit it prints
 * "bench: reader-tsc N": the TSC ticks from the first read of the kernel
 * to its last byte summed (bench/tsc-hz gives their rate), the read path
 * alone, without the firmware's start-up.
 */
#include <stddef.h>
#include <stdint.h>

#include "checksum.h"
#include "image.h"
#include "uefi.h"
#include "whole_disk.h"

#ifndef READER_CHUNK
#define READER_CHUNK (1024 * 1024)  /* bytes a ReadBlocks call (docs/performance.md) */
#endif
#define SECTOR          512
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_OK   0x10
#define DEBUG_EXIT_BAD  0x11

_Static_assert(READER_CHUNK % SECTOR == 0 && READER_CHUNK >= SECTOR, "whole sectors a read");

static EFI_SYSTEM_TABLE *st;
static EFI_BOOT_SERVICES *bs;

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table);

static void debug_exit(uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"((uint16_t)DEBUG_EXIT_PORT));
}

static void say(const CHAR16 *text)
{
	st->ConOut->OutputString(st->ConOut, (CHAR16 *)text);
}

static void say_u64(uint64_t v)
{
	CHAR16 digits[21];
	unsigned i = 20;

	digits[i] = 0;
	do {
		digits[--i] = (CHAR16)(L'0' + v % 10);
		v /= 10;
	} while (v);
	say(digits + i);
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Prints "reader: WHAT" and ends the run as a failure. */
static EFI_STATUS fail(const CHAR16 *what, EFI_STATUS status)
{
	say(L"reader: ");
	say(what);
	say(L"\r\n");
	debug_exit(DEBUG_EXIT_BAD);
	return EFI_ERROR(status) ? status : EFI_LOAD_ERROR;
}

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table)
{
	EFI_GUID li_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
	EFI_LOADED_IMAGE_PROTOCOL *loaded;
	EFI_BLOCK_IO_PROTOCOL *bio;
	EFI_PHYSICAL_ADDRESS header_page, kernel;
	const struct lb_image_header *h;
	struct lb_sum head_sum, sum;
	uint64_t sectors, head, done, pages, tsc;
	EFI_STATUS status;

	st = system_table;
	bs = st->BootServices;
	bs->SetWatchdogTimer(0, 0, 0, NULL);

	status = bs->HandleProtocol(image, &li_guid, (void **)&loaded);
	if (EFI_ERROR(status))
		return fail(L"no loaded image protocol", status);
	if (efi_whole_disk(bs, loaded->DeviceHandle, &bio, &status) != WHOLE_DISK_OK)
		return fail(L"no Block I/O for the disk under this partition", status);
	if (bio->Media->BlockSize != SECTOR || bio->Media->LogicalPartition)
		return fail(L"not a disk of 512-byte sectors", EFI_UNSUPPORTED);
	/* AllocatePages gives 4 KiB alignment: more than any IoAlign seen (OVMF: 0-8). */
	if (bio->Media->IoAlign > EFI_PAGE_SIZE)
		return fail(L"the disk needs buffers aligned beyond a page", EFI_UNSUPPORTED);

	/* The image header. */
	status = bs->AllocatePages(AllocateAnyPages, EfiLoaderData, 1, &header_page);
	if (EFI_ERROR(status))
		return fail(L"no page for the header", status);
	status = bio->ReadBlocks(bio, bio->Media->MediaId, LB_HEADER_LBA, SECTOR,
				 (void *)(uintptr_t)header_page);
	if (EFI_ERROR(status))
		return fail(L"cannot read the image header", status);
	h = (const struct lb_image_header *)(uintptr_t)header_page;
	/* header_sum is the header's last field; later versions grow it before that. */
	if (h->magic != LB_IMAGE_MAGIC || h->version < LB_IMAGE_VERSION ||
	    h->header_bytes < sizeof(*h) || h->header_bytes > SECTOR || h->header_bytes % 8 ||
	    lb_checksum(h, (h->header_bytes - 8) / 4) !=
		    *(const uint64_t *)((const uint8_t *)h + h->header_bytes - 8))
		return fail(L"no valid longboot image header at LBA 1", EFI_VOLUME_CORRUPTED);

	/*
	 * The kernel extent, in whole sectors, each chunk summed as it
	 * arrives: an ELF kernel's head sectors (ELF and program headers) to
	 * kernel_head_sum, the rest (its PT_LOADs' bytes, packed) to
	 * kernel.sum. A Linux kernel has no head: all of it is kernel.sum.
	 */
	sectors = (h->kernel.bytes + SECTOR - 1) / SECTOR;
	head = (h->kernel_head_bytes + SECTOR - 1) / SECTOR;
	if (sectors == 0 || head > sectors || h->kernel.lba + sectors - 1 > bio->Media->LastBlock)
		return fail(L"the kernel extent is not on the disk", EFI_VOLUME_CORRUPTED);
	pages = (sectors * SECTOR + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE;
	status = bs->AllocatePages(AllocateAnyPages, EfiLoaderData, pages, &kernel);
	if (EFI_ERROR(status))
		return fail(L"no memory for the kernel", status);
	lb_sum_init(&head_sum);
	lb_sum_init(&sum);
	tsc = rdtsc();
	for (done = 0; done < sectors; ) {
		uint64_t n = sectors - done, h_n = 0;
		uint8_t *at = (uint8_t *)(uintptr_t)(kernel + done * SECTOR);

		if (n > READER_CHUNK / SECTOR)
			n = READER_CHUNK / SECTOR;
		status = bio->ReadBlocks(bio, bio->Media->MediaId, h->kernel.lba + done,
					 n * SECTOR, at);
		if (EFI_ERROR(status))
			return fail(L"a kernel read failed", status);
		if (done < head)
			h_n = head - done < n ? head - done : n;
		lb_sum_add(&head_sum, at, h_n * SECTOR / 4);
		lb_sum_add(&sum, at + h_n * SECTOR, (n - h_n) * SECTOR / 4);
		done += n;
	}
	tsc = rdtsc() - tsc;
	if (head && lb_sum_value(&head_sum) != h->kernel_head_sum)
		return fail(L"the kernel head's checksum does not match", EFI_CRC_ERROR);
	if (lb_sum_value(&sum) != h->kernel.sum)
		return fail(L"the kernel's checksum does not match", EFI_CRC_ERROR);
	say(L"bench: reader-tsc ");
	say_u64(tsc);
	say(L"\r\n");
	debug_exit(DEBUG_EXIT_OK);
	return EFI_SUCCESS;
}
