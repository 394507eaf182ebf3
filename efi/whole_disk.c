/* The Block I/O of the whole disk under a partition (whole_disk.h). */
#include "whole_disk.h"

enum whole_disk_error efi_whole_disk(EFI_BOOT_SERVICES *bs, EFI_HANDLE part, EFI_BLOCK_IO_PROTOCOL **bio,
				     EFI_STATUS *status)
{
	EFI_GUID path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID, bio_guid = EFI_BLOCK_IO_PROTOCOL_GUID;
	EFI_DEVICE_PATH_PROTOCOL *path, *node, *last = 0, *rest, *copy;
	EFI_HANDLE disk;

	*status = bs->HandleProtocol(part, &path_guid, (void **)&path);
	if (EFI_ERROR(*status))
		return WHOLE_DISK_NO_PATH;
	for (node = path; node->Type != END_DEVICE_PATH_TYPE;
	     node = (EFI_DEVICE_PATH_PROTOCOL *)((uint8_t *)node + efi_node_length(node))) {
		if (efi_node_length(node) < sizeof(*node))
			return WHOLE_DISK_BAD_PATH;
		last = node;
	}
	if (!last || last->Type != MEDIA_DEVICE_PATH || last->SubType != MEDIA_HARDDRIVE_DP)
		return WHOLE_DISK_NOT_PARTITION;

	/* The path up to the partition's node, ended there. */
	UINTN bytes = (UINTN)((uint8_t *)last - (uint8_t *)path);
	*status = bs->AllocatePool(EfiLoaderData, bytes + sizeof(*node), (void **)&copy);
	if (EFI_ERROR(*status))
		return WHOLE_DISK_NO_DISK;
	bs->CopyMem(copy, path, bytes);
	node = (EFI_DEVICE_PATH_PROTOCOL *)((uint8_t *)copy + bytes);
	node->Type = END_DEVICE_PATH_TYPE;
	node->SubType = END_ENTIRE_DEVICE_PATH_SUBTYPE;
	node->Length[0] = sizeof(*node);
	node->Length[1] = 0;

	rest = copy;
	*status = bs->LocateDevicePath(&bio_guid, &rest, &disk);
	int whole = !EFI_ERROR(*status) && rest->Type == END_DEVICE_PATH_TYPE;
	bs->FreePool(copy);
	if (!whole) {
		if (!EFI_ERROR(*status))
			*status = EFI_NOT_FOUND; /* only a prefix of the disk's path has Block I/O */
		return WHOLE_DISK_NO_DISK;
	}
	*status = bs->HandleProtocol(disk, &bio_guid, (void **)bio);
	return EFI_ERROR(*status) ? WHOLE_DISK_NO_BLOCK_IO : WHOLE_DISK_OK;
}
