/*
 * The image through the firmware's Block I/O: the whole disk under the
 * EFI system partition this application was loaded from, read in large
 * chunks straight into place.
 */
#include "boot.h"
#include "efi.h"
#include "libc.h"
#include "panic.h"
#include "whole_disk.h"

#define CHUNK_BYTES (1024 * 1024) /* a ReadBlocks call (docs/performance.md, "UEFI") */

static EFI_BLOCK_IO_PROTOCOL *disk;
static uint64_t disk_sectors;        /* in 512-byte image sectors */
static uint8_t bounce[LB_SECTOR_SIZE] __attribute__((aligned(4096)));

static const char *status_text(EFI_STATUS s)
{
	switch (s) {
	case EFI_DEVICE_ERROR: return "device error";
	case EFI_NO_MEDIA: return "no media";
	case EFI_MEDIA_CHANGED: return "media changed";
	case EFI_INVALID_PARAMETER: return "invalid parameter";
	case EFI_BAD_BUFFER_SIZE: return "bad buffer size";
	case EFI_NOT_FOUND: return "not found";
	case EFI_UNSUPPORTED: return "unsupported";
	case EFI_OUT_OF_RESOURCES: return "out of resources";
	default: return "error";
	}
}

void efi_disk_init(void)
{
	EFI_GUID loaded_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
	EFI_LOADED_IMAGE_PROTOCOL *loaded;
	EFI_STATUS s;

	s = efi_bs->HandleProtocol(efi_image, &loaded_guid, (void **)&loaded);
	if (EFI_ERROR(s))
		panic("the firmware does not say where longboot was loaded from (EFI status 0x%llx)", s);
	switch (efi_whole_disk(efi_bs, loaded->DeviceHandle, &disk, &s)) {
	case WHOLE_DISK_OK:
		break;
	case WHOLE_DISK_NO_PATH:
		panic("the device longboot was loaded from has no device path (EFI status 0x%llx)", s);
	case WHOLE_DISK_BAD_PATH:
		panic("the firmware's device path for longboot's partition is malformed");
	case WHOLE_DISK_NOT_PARTITION:
		panic("longboot was not started from a disk partition; write the image to a disk and boot that");
	case WHOLE_DISK_NO_DISK:
		panic("cannot find the disk under longboot's partition (EFI status 0x%llx)", s);
	case WHOLE_DISK_NO_BLOCK_IO:
		panic("the disk under longboot's partition has no Block I/O (EFI status 0x%llx)", s);
	}
	if (disk->Media->BlockSize != LB_SECTOR_SIZE)
		panic("the disk has %u-byte blocks; longboot's image is laid out in 512-byte sectors",
		      disk->Media->BlockSize);
	if (disk->Media->IoAlign > 4096)
		panic("the disk wants buffers aligned to %u bytes; longboot aligns them to pages",
		      disk->Media->IoAlign);
	disk_sectors = disk->Media->LastBlock + 1;
}

void efi_disk_check_size(uint64_t image_sectors)
{
	if (disk_sectors < image_sectors)
		panic("the disk has %llu sectors but the image needs %llu: it was truncated; write the whole image again",
		      disk_sectors, image_sectors);
}

static void read_blocks(uint64_t lba, uint64_t count, void *dst, const char *what)
{
	if (lba + count > disk_sectors)
		panic("cannot read %s: LBA %llu is past the end of the disk (%llu sectors): the image was truncated; write it again",
		      what, lba, disk_sectors);
	EFI_STATUS s = disk->ReadBlocks(disk, disk->Media->MediaId, lba, count * LB_SECTOR_SIZE, dst);
	if (EFI_ERROR(s))
		panic("cannot read %s: LBA %llu EFI status 0x%llx (%s)", what, lba, s, status_text(s));
}

/*
 * Whole sectors go straight to dst when it suits Block I/O's alignment,
 * else through the bounce sector; the last partial sector always does.
 */
void disk_load(uint64_t lba, uint64_t bytes, void *dst, struct lb_sum *sum, const char *what)
{
	uint8_t *p = dst;
	uint32_t align = disk->Media->IoAlign > 1 ? disk->Media->IoAlign : 1;
	int direct = ((uintptr_t)p & (align - 1)) == 0;

	while (bytes >= LB_SECTOR_SIZE) {
		uint64_t n = bytes / LB_SECTOR_SIZE;
		if (!direct)
			n = 1;
		else if (n > CHUNK_BYTES / LB_SECTOR_SIZE)
			n = CHUNK_BYTES / LB_SECTOR_SIZE;
		uint8_t *to = direct ? p : bounce;
		read_blocks(lba, n, to, what);
		if (!direct)
			memcpy(p, bounce, LB_SECTOR_SIZE);
		lb_sum_add(sum, p, (size_t)(n * LB_SECTOR_SIZE / 4));
		lba += n;
		p += n * LB_SECTOR_SIZE;
		bytes -= n * LB_SECTOR_SIZE;
	}
	if (bytes) {
		read_blocks(lba, 1, bounce, what);
		memcpy(p, bounce, (size_t)bytes);
		lb_sum_add(sum, bounce, LB_SECTOR_SIZE / 4);
	}
}
