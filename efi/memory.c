/*
 * Memory under UEFI: the firmware's map for mem.c, pages taken from the
 * firmware for what the loader places, and the exit from boot services
 * with the map the kernel is told of.
 */
#include "boot.h"
#include "efi.h"
#include "efi_memmap.h"
#include "libc.h"
#include "mem.h"
#include "panic.h"

#define MAP_ENTRIES_MAX 512
/* Room for descriptors the firmware adds between sizing the map and reading it. */
#define MAP_SLACK_DESCRIPTORS 64
#define EXIT_TRIES 8

int efi_boot_services_ended;

static struct longboot_memmap_entry converted[MAP_ENTRIES_MAX], converted_now[MAP_ENTRIES_MAX];
static uint64_t runtime_top;
static struct boot_efi exit_map;       /* the map ExitBootServices took */

/* The firmware's map into buf (cap bytes); its key, size and descriptor size and version. */
static EFI_STATUS read_map(void *buf, UINTN cap, UINTN *size, UINTN *key, UINTN *desc_size, uint32_t *version)
{
	*size = cap;
	return efi_bs->GetMemoryMap(size, buf, key, desc_size, version);
}

static UINTN map_bytes_needed(UINTN *desc_size)
{
	UINTN size = 0, key;
	uint32_t version;
	EFI_STATUS s = efi_bs->GetMemoryMap(&size, 0, &key, desc_size, &version);

	if (s != EFI_BUFFER_TOO_SMALL)
		panic("the firmware does not give its memory map (EFI status 0x%llx)", s);
	return size + MAP_SLACK_DESCRIPTORS * *desc_size;
}

static size_t convert(const void *map, UINTN size, UINTN desc_size, enum efi_map_view view,
		      struct longboot_memmap_entry *out)
{
	int n = efi_memmap_convert(map, size, desc_size, view, out, MAP_ENTRIES_MAX);

	if (n <= 0)
		panic("the firmware's memory map has %llu entries of %llu bytes; longboot takes at most %u",
		      (uint64_t)(desc_size ? size / desc_size : 0), (uint64_t)desc_size, (uint32_t)MAP_ENTRIES_MAX);
	return (size_t)n;
}

void efi_memory_init(void)
{
	UINTN desc_size, size, key;
	uint32_t version;
	void *buf;
	UINTN cap = map_bytes_needed(&desc_size);

	if (EFI_ERROR(efi_bs->AllocatePool(EfiLoaderData, cap, &buf)))
		panic("no memory for the firmware's memory map (%llu bytes)", (uint64_t)cap);
	EFI_STATUS s = read_map(buf, cap, &size, &key, &desc_size, &version);
	if (EFI_ERROR(s))
		panic("the firmware does not give its memory map (EFI status 0x%llx)", s);
	mem_init(converted_now, convert(buf, size, desc_size, EFI_VIEW_NOW, converted_now));
	efi_bs->FreePool(buf);
}

int firmware_claim(uint64_t base, uint64_t end)
{
	EFI_PHYSICAL_ADDRESS at = base;

	/* After ExitBootServices the memory is the loader's to give: mem.c only hands out what was free. */
	if (efi_boot_services_ended)
		return 1;
	return !EFI_ERROR(efi_bs->AllocatePages(AllocateAddress, EfiLoaderData, (end - base) / EFI_PAGE_SIZE, &at));
}

/*
 * ExitBootServices takes the key of the latest map; when it refuses (the
 * map changed since: an event ran), the map is read again and the call
 * repeated, with no other boot service in between (UEFI 2.10, 7.4.6).
 */
void firmware_exit(void)
{
	UINTN desc_size, size, key;
	uint32_t version;
	UINTN cap = map_bytes_needed(&desc_size);
	/* The copy the kernel keeps: BOOTLOADER_RECLAIMABLE, like the rest of what it is handed. */
	void *buf = mem_alloc(cap, PAGE_SIZE, LONGBOOT_MEM_BOOTLOADER_RECLAIMABLE, "the EFI memory map");
	EFI_STATUS s = EFI_LOAD_ERROR;

	for (int tries = 0; tries < EXIT_TRIES; tries++) {
		s = read_map(buf, cap, &size, &key, &desc_size, &version);
		if (EFI_ERROR(s))
			break;
		s = efi_bs->ExitBootServices(efi_image, key);
		if (!EFI_ERROR(s))
			break;
	}
	if (EFI_ERROR(s))
		panic("the firmware refused to end its boot services (EFI status 0x%llx)", s);
	efi_boot_services_ended = 1;

	exit_map.memmap_addr = (uintptr_t)buf;
	exit_map.memmap_size = size;
	exit_map.memdesc_size = (uint32_t)desc_size;
	exit_map.memdesc_version = version;
	runtime_top = efi_memmap_runtime_top(buf, size, desc_size);
	size_t n_final = convert(buf, size, desc_size, EFI_VIEW_FINAL, converted);
	size_t n_now = convert(buf, size, desc_size, EFI_VIEW_NOW, converted_now);
	mem_set_final(converted, n_final, converted_now, n_now);
}

uint64_t firmware_runtime_top(void)
{
	return runtime_top;
}

void efi_describe_memory(struct boot_desc *d)
{
	d->efi.memmap_addr = exit_map.memmap_addr;
	d->efi.memmap_size = exit_map.memmap_size;
	d->efi.memdesc_size = exit_map.memdesc_size;
	d->efi.memdesc_version = exit_map.memdesc_version;
}
