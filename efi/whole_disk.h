/*
 * The Block I/O of the whole disk an EFI application was loaded from:
 * shared by the loader and bench/efi/reader.c. It reports, never stops.
 */
#ifndef LONGBOOT_WHOLE_DISK_H
#define LONGBOOT_WHOLE_DISK_H

#include "uefi.h"

/* Which step failed. */
enum whole_disk_error {
	WHOLE_DISK_OK,
	WHOLE_DISK_NO_PATH,       /* the partition's handle has no device path */
	WHOLE_DISK_BAD_PATH,      /* a node shorter than its header */
	WHOLE_DISK_NOT_PARTITION, /* the path does not end in a hard-drive (partition) node */
	WHOLE_DISK_NO_DISK,       /* no handle with Block I/O matches the rest of the path */
	WHOLE_DISK_NO_BLOCK_IO,   /* that handle's Block I/O could not be opened */
};

/*
 * The disk under partition `part`: the handle whose device path is the
 * partition's without its last node (UEFI 2.10, 10.3.5.1), found with
 * LocateDevicePath, which must match all of it. *status holds the
 * firmware's answer for the step that failed.
 */
enum whole_disk_error efi_whole_disk(EFI_BOOT_SERVICES *bs, EFI_HANDLE part, EFI_BLOCK_IO_PROTOCOL **bio,
				     EFI_STATUS *status);

#endif
