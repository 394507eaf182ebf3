/*
 * The few UEFI definitions longboot uses, written from the UEFI
 * Specification 2.10 (chapter and section numbers below are its own).
 * Names follow the specification so a reader can look each one up.
 *
 * Built with clang --target=x86_64-unknown-windows (efi/rules.mk): that
 * target's data model is LLP64 (long is 32 bits) and its calling
 * convention is the Microsoft x64 one UEFI uses (2.3.4.2), so only
 * <stdint.h> types appear here and EFIAPI needs no attribute there. It is
 * spelled out anyway, so the header also declares the right calls when a
 * host build (unit tests, a SysV target) includes it.
 *
 * Function pointers the loader never calls are void *: the tables keep
 * their full layout, and the _Static_asserts at the end pin the offsets
 * that matter against the specification.
 */
#ifndef LONGBOOT_UEFI_H
#define LONGBOOT_UEFI_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && !defined(_WIN32)
#define EFIAPI __attribute__((ms_abi))
#else
#define EFIAPI
#endif

/* --- 2.3.1 data types */
typedef uint64_t UINTN;               /* x64: the native width */
typedef int64_t  INTN;
typedef uint8_t  BOOLEAN;             /* 0 or 1 */
typedef uint16_t CHAR16;              /* UCS-2; string literals need -fshort-wchar */
typedef UINTN    EFI_STATUS;
typedef void    *EFI_HANDLE;
typedef void    *EFI_EVENT;
typedef uint64_t EFI_LBA;
typedef uint64_t EFI_PHYSICAL_ADDRESS;
typedef uint64_t EFI_VIRTUAL_ADDRESS;
typedef UINTN    EFI_TPL;

/* 128 bits, 64-bit aligned in memory; Data4 is a byte array. */
typedef struct {
	uint32_t Data1;
	uint16_t Data2;
	uint16_t Data3;
	uint8_t  Data4[8];
} EFI_GUID;

/* A GUID as the specification writes it: {0x..., 0x..., 0x..., {8 bytes}}. */
#define EFI_GUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7) \
	{ (a), (b), (c), { (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) } }

/* --- Appendix D: status codes. Errors have the high bit set. */
#define EFI_ERROR_BIT            (1ULL << 63)
#define EFI_ERROR(status)        (((EFI_STATUS)(status) & EFI_ERROR_BIT) != 0)
#define EFI_SUCCESS              0ULL
#define EFI_LOAD_ERROR           (EFI_ERROR_BIT | 1)
#define EFI_INVALID_PARAMETER    (EFI_ERROR_BIT | 2)
#define EFI_UNSUPPORTED          (EFI_ERROR_BIT | 3)
#define EFI_BAD_BUFFER_SIZE      (EFI_ERROR_BIT | 4)
#define EFI_BUFFER_TOO_SMALL     (EFI_ERROR_BIT | 5)
#define EFI_NOT_READY            (EFI_ERROR_BIT | 6)
#define EFI_DEVICE_ERROR         (EFI_ERROR_BIT | 7)
#define EFI_WRITE_PROTECTED      (EFI_ERROR_BIT | 8)
#define EFI_OUT_OF_RESOURCES     (EFI_ERROR_BIT | 9)
#define EFI_VOLUME_CORRUPTED     (EFI_ERROR_BIT | 10)
#define EFI_VOLUME_FULL          (EFI_ERROR_BIT | 11)
#define EFI_NO_MEDIA             (EFI_ERROR_BIT | 12)
#define EFI_MEDIA_CHANGED        (EFI_ERROR_BIT | 13)
#define EFI_NOT_FOUND            (EFI_ERROR_BIT | 14)
#define EFI_ACCESS_DENIED        (EFI_ERROR_BIT | 15)
#define EFI_NO_RESPONSE          (EFI_ERROR_BIT | 16)
#define EFI_NO_MAPPING           (EFI_ERROR_BIT | 17)
#define EFI_TIMEOUT              (EFI_ERROR_BIT | 18)
#define EFI_NOT_STARTED          (EFI_ERROR_BIT | 19)
#define EFI_ALREADY_STARTED      (EFI_ERROR_BIT | 20)
#define EFI_ABORTED              (EFI_ERROR_BIT | 21)
#define EFI_CRC_ERROR            (EFI_ERROR_BIT | 27)

/* --- 4.2 every table starts with this header */
typedef struct {
	uint64_t Signature;
	uint32_t Revision;
	uint32_t HeaderSize;
	uint32_t CRC32;
	uint32_t Reserved;
} EFI_TABLE_HEADER;

#define EFI_SYSTEM_TABLE_SIGNATURE  0x5453595320494249ULL /* "IBI SYST" */
#define EFI_BOOT_SERVICES_SIGNATURE 0x56524553544f4f42ULL /* "BOOTSERV" */

/* --- 7.2 memory allocation */
typedef enum {
	AllocateAnyPages,
	AllocateMaxAddress,
	AllocateAddress,
	MaxAllocateType
} EFI_ALLOCATE_TYPE;

typedef enum {
	EfiReservedMemoryType,
	EfiLoaderCode,
	EfiLoaderData,
	EfiBootServicesCode,
	EfiBootServicesData,
	EfiRuntimeServicesCode,
	EfiRuntimeServicesData,
	EfiConventionalMemory,
	EfiUnusableMemory,
	EfiACPIReclaimMemory,
	EfiACPIMemoryNVS,
	EfiMemoryMappedIO,
	EfiMemoryMappedIOPortSpace,
	EfiPalCode,
	EfiPersistentMemory,
	EfiUnacceptedMemoryType,
	EfiMaxMemoryType
} EFI_MEMORY_TYPE;

/* Memory attribute bits (EFI_MEMORY_DESCRIPTOR.Attribute). */
#define EFI_MEMORY_UC            0x0000000000000001ULL
#define EFI_MEMORY_WC            0x0000000000000002ULL
#define EFI_MEMORY_WT            0x0000000000000004ULL
#define EFI_MEMORY_WB            0x0000000000000008ULL
#define EFI_MEMORY_UCE           0x0000000000000010ULL
#define EFI_MEMORY_WP            0x0000000000001000ULL
#define EFI_MEMORY_RP            0x0000000000002000ULL
#define EFI_MEMORY_XP            0x0000000000004000ULL
#define EFI_MEMORY_NV            0x0000000000008000ULL
#define EFI_MEMORY_MORE_RELIABLE 0x0000000000010000ULL
#define EFI_MEMORY_RO            0x0000000000020000ULL
#define EFI_MEMORY_SP            0x0000000000040000ULL
#define EFI_MEMORY_CPU_CRYPTO    0x0000000000080000ULL
#define EFI_MEMORY_RUNTIME       0x8000000000000000ULL

#define EFI_PAGE_SIZE            4096
#define EFI_MEMORY_DESCRIPTOR_VERSION 1

/*
 * One entry of GetMemoryMap's array. Walk the array by the DescriptorSize
 * GetMemoryMap returns, never by sizeof: firmware may append fields (OVMF
 * returns 48).
 */
typedef struct {
	uint32_t             Type;          /* EFI_MEMORY_TYPE */
	EFI_PHYSICAL_ADDRESS PhysicalStart; /* 4 KiB aligned */
	EFI_VIRTUAL_ADDRESS  VirtualStart;
	uint64_t             NumberOfPages; /* of EFI_PAGE_SIZE */
	uint64_t             Attribute;     /* EFI_MEMORY_* */
} EFI_MEMORY_DESCRIPTOR;

/* --- 7.3 protocol handler services */
typedef enum {
	AllHandles,
	ByRegisterNotify,
	ByProtocol
} EFI_LOCATE_SEARCH_TYPE;

/* OpenProtocol's Attributes */
#define EFI_OPEN_PROTOCOL_BY_HANDLE_PROTOCOL  0x00000001
#define EFI_OPEN_PROTOCOL_GET_PROTOCOL        0x00000002
#define EFI_OPEN_PROTOCOL_TEST_PROTOCOL       0x00000004
#define EFI_OPEN_PROTOCOL_BY_CHILD_CONTROLLER 0x00000008
#define EFI_OPEN_PROTOCOL_BY_DRIVER           0x00000010
#define EFI_OPEN_PROTOCOL_EXCLUSIVE           0x00000020

/* --- 10.2 device paths: a packed sequence of variable-length nodes */
typedef struct {
	uint8_t Type;
	uint8_t SubType;
	uint8_t Length[2];  /* of the whole node, header included; little-endian, unaligned */
} EFI_DEVICE_PATH_PROTOCOL;

/* A node's length, header included (stored little-endian, unaligned). */
static inline unsigned efi_node_length(const EFI_DEVICE_PATH_PROTOCOL *node)
{
	return node->Length[0] | (unsigned)node->Length[1] << 8;
}

#define EFI_DEVICE_PATH_PROTOCOL_GUID \
	EFI_GUID_INIT(0x09576e91, 0x6d3f, 0x11d2, 0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)

#define HARDWARE_DEVICE_PATH       0x01
#define ACPI_DEVICE_PATH           0x02
#define MESSAGING_DEVICE_PATH      0x03
#define MSG_UART_DP                0x0E  /* a serial port: 10.3.4.12 */
#define MEDIA_DEVICE_PATH          0x04
#define BBS_DEVICE_PATH            0x05
#define END_DEVICE_PATH_TYPE       0x7F
#define END_ENTIRE_DEVICE_PATH_SUBTYPE   0xFF
#define END_INSTANCE_DEVICE_PATH_SUBTYPE 0x01
#define MEDIA_HARDDRIVE_DP         0x01  /* a partition: 10.3.5.1 */
#define MEDIA_CDROM_DP             0x02
#define MEDIA_FILEPATH_DP          0x04

/* 10.3.5.1 the hard drive media node: one partition of a disk. */
typedef struct __attribute__((packed)) {
	EFI_DEVICE_PATH_PROTOCOL Header;  /* MEDIA_DEVICE_PATH, MEDIA_HARDDRIVE_DP, length 42 */
	uint32_t PartitionNumber;         /* 1-4 for MBR entries */
	uint64_t PartitionStart;          /* in the disk's logical blocks */
	uint64_t PartitionSize;
	uint8_t  PartitionSignature[16];  /* MBR: the disk signature in the first 4 bytes */
	uint8_t  PartitionFormat;         /* 0x01 MBR, 0x02 GPT */
	uint8_t  SignatureType;           /* 0 none, 0x01 MBR signature, 0x02 GUID */
} HARDDRIVE_DEVICE_PATH;

/* --- 4.6 configuration tables */
typedef struct {
	EFI_GUID VendorGuid;
	void    *VendorTable;
} EFI_CONFIGURATION_TABLE;

/* The RSDP, ACPI 2.0 and later; and the ACPI 1.0 one (4.6.1.1). */
#define EFI_ACPI_20_TABLE_GUID \
	EFI_GUID_INIT(0x8868e871, 0xe4f1, 0x11d3, 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81)
#define ACPI_20_TABLE_GUID EFI_ACPI_20_TABLE_GUID
#define ACPI_TABLE_GUID \
	EFI_GUID_INIT(0xeb9d2d30, 0x2d88, 0x11d3, 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d)

/* --- 3.3 globally defined variables: ConOut, the console's device paths */
#define EFI_GLOBAL_VARIABLE_GUID \
	EFI_GUID_INIT(0x8be4df61, 0x93ca, 0x11d2, 0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c)

/* --- 12.4 simple text output */
typedef struct EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL;

typedef struct {
	int32_t MaxMode;
	int32_t Mode;
	int32_t Attribute;
	int32_t CursorColumn;
	int32_t CursorRow;
	BOOLEAN CursorVisible;
} SIMPLE_TEXT_OUTPUT_MODE;

struct EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL {
	EFI_STATUS (EFIAPI *Reset)(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL *This, BOOLEAN ExtendedVerification);
	EFI_STATUS (EFIAPI *OutputString)(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL *This, CHAR16 *String);
	void *TestString;
	void *QueryMode;
	void *SetMode;
	EFI_STATUS (EFIAPI *SetAttribute)(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL *This, UINTN Attribute);
	EFI_STATUS (EFIAPI *ClearScreen)(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL *This);
	void *SetCursorPosition;
	void *EnableCursor;
	SIMPLE_TEXT_OUTPUT_MODE *Mode;
};

/* SetAttribute: foreground | background << 4 */
#define EFI_BLACK      0x00
#define EFI_LIGHTGRAY  0x07
#define EFI_LIGHTRED   0x0C
#define EFI_WHITE      0x0F
#define EFI_TEXT_ATTR(fg, bg) ((fg) | ((bg) << 4))

/* --- 8.5 runtime services: the loader only hands the table on */
typedef enum {
	EfiResetCold,
	EfiResetWarm,
	EfiResetShutdown,
	EfiResetPlatformSpecific
} EFI_RESET_TYPE;

typedef struct {
	EFI_TABLE_HEADER Hdr;
	void *GetTime;
	void *SetTime;
	void *GetWakeupTime;
	void *SetWakeupTime;
	void *SetVirtualAddressMap;
	void *ConvertPointer;
	EFI_STATUS (EFIAPI *GetVariable)(CHAR16 *VariableName, EFI_GUID *VendorGuid, uint32_t *Attributes,
					 UINTN *DataSize, void *Data);
	void *GetNextVariableName;
	void *SetVariable;
	void *GetNextHighMonotonicCount;
	void (EFIAPI *ResetSystem)(EFI_RESET_TYPE ResetType, EFI_STATUS ResetStatus,
				   UINTN DataSize, void *ResetData);
	void *UpdateCapsule;
	void *QueryCapsuleCapabilities;
	void *QueryVariableInfo;
} EFI_RUNTIME_SERVICES;

/* --- 4.4 boot services, in the table's order */
typedef struct {
	EFI_TABLE_HEADER Hdr;

	/* task priority */
	void *RaiseTPL;
	void *RestoreTPL;

	/* memory */
	EFI_STATUS (EFIAPI *AllocatePages)(EFI_ALLOCATE_TYPE Type, EFI_MEMORY_TYPE MemoryType,
					   UINTN Pages, EFI_PHYSICAL_ADDRESS *Memory);
	EFI_STATUS (EFIAPI *FreePages)(EFI_PHYSICAL_ADDRESS Memory, UINTN Pages);
	EFI_STATUS (EFIAPI *GetMemoryMap)(UINTN *MemoryMapSize, EFI_MEMORY_DESCRIPTOR *MemoryMap,
					  UINTN *MapKey, UINTN *DescriptorSize,
					  uint32_t *DescriptorVersion);
	EFI_STATUS (EFIAPI *AllocatePool)(EFI_MEMORY_TYPE PoolType, UINTN Size, void **Buffer);
	EFI_STATUS (EFIAPI *FreePool)(void *Buffer);

	/* events and timers */
	void *CreateEvent;
	void *SetTimer;
	void *WaitForEvent;
	void *SignalEvent;
	void *CloseEvent;
	void *CheckEvent;

	/* protocol handlers */
	void *InstallProtocolInterface;
	void *ReinstallProtocolInterface;
	void *UninstallProtocolInterface;
	EFI_STATUS (EFIAPI *HandleProtocol)(EFI_HANDLE Handle, EFI_GUID *Protocol, void **Interface);
	void *Reserved;
	void *RegisterProtocolNotify;
	void *LocateHandle;
	EFI_STATUS (EFIAPI *LocateDevicePath)(EFI_GUID *Protocol,
					      EFI_DEVICE_PATH_PROTOCOL **DevicePath,
					      EFI_HANDLE *Device);
	void *InstallConfigurationTable;

	/* images */
	void *LoadImage;
	void *StartImage;
	void *Exit;
	void *UnloadImage;
	EFI_STATUS (EFIAPI *ExitBootServices)(EFI_HANDLE ImageHandle, UINTN MapKey);

	/* miscellaneous */
	void *GetNextMonotonicCount;
	EFI_STATUS (EFIAPI *Stall)(UINTN Microseconds);
	EFI_STATUS (EFIAPI *SetWatchdogTimer)(UINTN Timeout, uint64_t WatchdogCode,
					      UINTN DataSize, CHAR16 *WatchdogData);

	/* driver support (EFI 1.1) */
	void *ConnectController;
	void *DisconnectController;

	/* open and close protocol (EFI 1.1) */
	EFI_STATUS (EFIAPI *OpenProtocol)(EFI_HANDLE Handle, EFI_GUID *Protocol, void **Interface,
					  EFI_HANDLE AgentHandle, EFI_HANDLE ControllerHandle,
					  uint32_t Attributes);
	void *CloseProtocol;
	void *OpenProtocolInformation;

	/* library (EFI 1.1) */
	void *ProtocolsPerHandle;
	EFI_STATUS (EFIAPI *LocateHandleBuffer)(EFI_LOCATE_SEARCH_TYPE SearchType,
						EFI_GUID *Protocol, void *SearchKey,
						UINTN *NoHandles, EFI_HANDLE **Buffer);
	EFI_STATUS (EFIAPI *LocateProtocol)(EFI_GUID *Protocol, void *Registration, void **Interface);
	void *InstallMultipleProtocolInterfaces;
	void *UninstallMultipleProtocolInterfaces;

	/* 32-bit CRC (EFI 1.1) */
	void *CalculateCrc32;

	/* miscellaneous (EFI 1.1) */
	void (EFIAPI *CopyMem)(void *Destination, void *Source, UINTN Length);
	void (EFIAPI *SetMem)(void *Buffer, UINTN Size, uint8_t Value);

	/* UEFI 2.0 */
	void *CreateEventEx;
} EFI_BOOT_SERVICES;

/* --- 4.3 the system table, handed to the image's entry point */
typedef struct {
	EFI_TABLE_HEADER Hdr;
	CHAR16 *FirmwareVendor;
	uint32_t FirmwareRevision;
	EFI_HANDLE ConsoleInHandle;
	void *ConIn;                        /* EFI_SIMPLE_TEXT_INPUT_PROTOCOL: unused */
	EFI_HANDLE ConsoleOutHandle;
	EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL *ConOut;
	EFI_HANDLE StandardErrorHandle;
	EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL *StdErr;
	EFI_RUNTIME_SERVICES *RuntimeServices;
	EFI_BOOT_SERVICES *BootServices;
	UINTN NumberOfTableEntries;
	EFI_CONFIGURATION_TABLE *ConfigurationTable;
} EFI_SYSTEM_TABLE;

/* The entry point of an EFI application (4.1). */
typedef EFI_STATUS (EFIAPI *EFI_IMAGE_ENTRY_POINT)(EFI_HANDLE ImageHandle,
						   EFI_SYSTEM_TABLE *SystemTable);

/* --- 9.1 loaded image: where this application came from */
#define EFI_LOADED_IMAGE_PROTOCOL_GUID \
	EFI_GUID_INIT(0x5b1b31a1, 0x9562, 0x11d2, 0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_LOADED_IMAGE_PROTOCOL_REVISION 0x1000

typedef struct {
	uint32_t Revision;
	EFI_HANDLE ParentHandle;
	EFI_SYSTEM_TABLE *SystemTable;
	/* the source */
	EFI_HANDLE DeviceHandle;            /* the partition (file system) it was read from */
	EFI_DEVICE_PATH_PROTOCOL *FilePath; /* the file's path on that device */
	void *Reserved;
	/* the command line */
	uint32_t LoadOptionsSize;
	void *LoadOptions;
	/* where it is */
	void *ImageBase;
	uint64_t ImageSize;
	EFI_MEMORY_TYPE ImageCodeType;
	EFI_MEMORY_TYPE ImageDataType;
	void *Unload;
} EFI_LOADED_IMAGE_PROTOCOL;

/* --- 13.9 block I/O */
#define EFI_BLOCK_IO_PROTOCOL_GUID \
	EFI_GUID_INIT(0x964e5b21, 0x6459, 0x11d2, 0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)

typedef struct {
	uint32_t MediaId;
	BOOLEAN  RemovableMedia;
	BOOLEAN  MediaPresent;
	BOOLEAN  LogicalPartition;  /* 1: a partition's Block I/O, 0: the whole disk */
	BOOLEAN  ReadOnly;
	BOOLEAN  WriteCaching;
	uint32_t BlockSize;
	uint32_t IoAlign;           /* 0 or 1: any; else the buffer's alignment, a power of 2 */
	EFI_LBA  LastBlock;
	/* revision 2 and later */
	EFI_LBA  LowestAlignedLba;
	uint32_t LogicalBlocksPerPhysicalBlock;
	/* revision 3 and later */
	uint32_t OptimalTransferLengthGranularity;
} EFI_BLOCK_IO_MEDIA;

typedef struct EFI_BLOCK_IO_PROTOCOL EFI_BLOCK_IO_PROTOCOL;
struct EFI_BLOCK_IO_PROTOCOL {
	uint64_t Revision;
	EFI_BLOCK_IO_MEDIA *Media;
	EFI_STATUS (EFIAPI *Reset)(EFI_BLOCK_IO_PROTOCOL *This, BOOLEAN ExtendedVerification);
	/* BufferSize: a multiple of Media->BlockSize; Buffer aligned to Media->IoAlign */
	EFI_STATUS (EFIAPI *ReadBlocks)(EFI_BLOCK_IO_PROTOCOL *This, uint32_t MediaId,
					EFI_LBA Lba, UINTN BufferSize, void *Buffer);
	void *WriteBlocks;
	void *FlushBlocks;
};

/* --- 12.9 graphics output */
#define EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID \
	EFI_GUID_INIT(0x9042a9de, 0x23dc, 0x4a38, 0x96, 0xfb, 0x7a, 0xde, 0xd0, 0x80, 0x51, 0x6a)

typedef struct {
	uint32_t RedMask;
	uint32_t GreenMask;
	uint32_t BlueMask;
	uint32_t ReservedMask;
} EFI_PIXEL_BITMASK;

typedef enum {
	PixelRedGreenBlueReserved8BitPerColor, /* byte 0 red, 1 green, 2 blue */
	PixelBlueGreenRedReserved8BitPerColor, /* byte 0 blue, 1 green, 2 red */
	PixelBitMask,                          /* PixelInformation says */
	PixelBltOnly,                          /* no linear framebuffer */
	PixelFormatMax
} EFI_GRAPHICS_PIXEL_FORMAT;

typedef struct {
	uint32_t Version;
	uint32_t HorizontalResolution;
	uint32_t VerticalResolution;
	EFI_GRAPHICS_PIXEL_FORMAT PixelFormat;
	EFI_PIXEL_BITMASK PixelInformation;
	uint32_t PixelsPerScanLine;
} EFI_GRAPHICS_OUTPUT_MODE_INFORMATION;

typedef struct {
	uint32_t MaxMode;                   /* modes are 0 .. MaxMode - 1 */
	uint32_t Mode;                      /* the current one */
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *Info;
	UINTN SizeOfInfo;
	EFI_PHYSICAL_ADDRESS FrameBufferBase;
	UINTN FrameBufferSize;
} EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE;

typedef struct EFI_GRAPHICS_OUTPUT_PROTOCOL EFI_GRAPHICS_OUTPUT_PROTOCOL;
struct EFI_GRAPHICS_OUTPUT_PROTOCOL {
	EFI_STATUS (EFIAPI *QueryMode)(EFI_GRAPHICS_OUTPUT_PROTOCOL *This, uint32_t ModeNumber,
				       UINTN *SizeOfInfo,
				       EFI_GRAPHICS_OUTPUT_MODE_INFORMATION **Info);
	EFI_STATUS (EFIAPI *SetMode)(EFI_GRAPHICS_OUTPUT_PROTOCOL *This, uint32_t ModeNumber);
	void *Blt;
	EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE *Mode;
};

/* --- the layout, checked against the specification's tables */
#define UEFI_AT(type, field, offset) \
	_Static_assert(offsetof(type, field) == (offset), #type "." #field " at " #offset)

_Static_assert(sizeof(void *) == 8 && sizeof(UINTN) == 8, "UEFI x64: 64-bit pointers and UINTN");
_Static_assert(sizeof(CHAR16) == 2 && sizeof(EFI_GUID) == 16, "CHAR16 and EFI_GUID sizes");
_Static_assert(sizeof(EFI_TABLE_HEADER) == 24, "EFI_TABLE_HEADER is 24 bytes");

UEFI_AT(EFI_SYSTEM_TABLE, FirmwareVendor, 0x18);
UEFI_AT(EFI_SYSTEM_TABLE, FirmwareRevision, 0x20);
UEFI_AT(EFI_SYSTEM_TABLE, ConsoleInHandle, 0x28);
UEFI_AT(EFI_SYSTEM_TABLE, ConOut, 0x40);
UEFI_AT(EFI_SYSTEM_TABLE, RuntimeServices, 0x58);
UEFI_AT(EFI_SYSTEM_TABLE, BootServices, 0x60);
UEFI_AT(EFI_SYSTEM_TABLE, NumberOfTableEntries, 0x68);
UEFI_AT(EFI_SYSTEM_TABLE, ConfigurationTable, 0x70);
_Static_assert(sizeof(EFI_SYSTEM_TABLE) == 0x78, "EFI_SYSTEM_TABLE size");

UEFI_AT(EFI_BOOT_SERVICES, RaiseTPL, 0x18);
UEFI_AT(EFI_BOOT_SERVICES, AllocatePages, 0x28);
UEFI_AT(EFI_BOOT_SERVICES, FreePages, 0x30);
UEFI_AT(EFI_BOOT_SERVICES, GetMemoryMap, 0x38);
UEFI_AT(EFI_BOOT_SERVICES, AllocatePool, 0x40);
UEFI_AT(EFI_BOOT_SERVICES, FreePool, 0x48);
UEFI_AT(EFI_BOOT_SERVICES, HandleProtocol, 0x98);
UEFI_AT(EFI_BOOT_SERVICES, LocateDevicePath, 0xB8);
UEFI_AT(EFI_BOOT_SERVICES, ExitBootServices, 0xE8);
UEFI_AT(EFI_BOOT_SERVICES, Stall, 0xF8);
UEFI_AT(EFI_BOOT_SERVICES, SetWatchdogTimer, 0x100);
UEFI_AT(EFI_BOOT_SERVICES, OpenProtocol, 0x118);
UEFI_AT(EFI_BOOT_SERVICES, LocateHandleBuffer, 0x138);
UEFI_AT(EFI_BOOT_SERVICES, LocateProtocol, 0x140);
UEFI_AT(EFI_BOOT_SERVICES, CopyMem, 0x160);
UEFI_AT(EFI_BOOT_SERVICES, SetMem, 0x168);
UEFI_AT(EFI_BOOT_SERVICES, CreateEventEx, 0x170);
_Static_assert(sizeof(EFI_BOOT_SERVICES) == 0x178, "EFI_BOOT_SERVICES size");

UEFI_AT(EFI_RUNTIME_SERVICES, ResetSystem, 0x68);
_Static_assert(sizeof(EFI_RUNTIME_SERVICES) == 0x88, "EFI_RUNTIME_SERVICES size");

UEFI_AT(EFI_MEMORY_DESCRIPTOR, PhysicalStart, 8);
UEFI_AT(EFI_MEMORY_DESCRIPTOR, NumberOfPages, 24);
UEFI_AT(EFI_MEMORY_DESCRIPTOR, Attribute, 32);
_Static_assert(sizeof(EFI_MEMORY_DESCRIPTOR) == 40, "EFI_MEMORY_DESCRIPTOR is 40 bytes (version 1)");
_Static_assert(sizeof(EFI_MEMORY_TYPE) == 4, "enums are 32 bits");

UEFI_AT(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL, OutputString, 0x08);
UEFI_AT(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL, SetAttribute, 0x28);
UEFI_AT(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL, ClearScreen, 0x30);
UEFI_AT(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL, Mode, 0x48);

UEFI_AT(EFI_LOADED_IMAGE_PROTOCOL, DeviceHandle, 0x18);
UEFI_AT(EFI_LOADED_IMAGE_PROTOCOL, FilePath, 0x20);
UEFI_AT(EFI_LOADED_IMAGE_PROTOCOL, LoadOptionsSize, 0x30);
UEFI_AT(EFI_LOADED_IMAGE_PROTOCOL, ImageBase, 0x40);
UEFI_AT(EFI_LOADED_IMAGE_PROTOCOL, ImageCodeType, 0x50);
UEFI_AT(EFI_LOADED_IMAGE_PROTOCOL, Unload, 0x58);

_Static_assert(sizeof(EFI_DEVICE_PATH_PROTOCOL) == 4, "device path node header");
_Static_assert(sizeof(HARDDRIVE_DEVICE_PATH) == 42, "hard drive media node");
UEFI_AT(HARDDRIVE_DEVICE_PATH, PartitionStart, 8);
UEFI_AT(HARDDRIVE_DEVICE_PATH, PartitionFormat, 40);

UEFI_AT(EFI_BLOCK_IO_MEDIA, BlockSize, 12);
UEFI_AT(EFI_BLOCK_IO_MEDIA, IoAlign, 16);
UEFI_AT(EFI_BLOCK_IO_MEDIA, LastBlock, 24);
UEFI_AT(EFI_BLOCK_IO_MEDIA, OptimalTransferLengthGranularity, 44);
UEFI_AT(EFI_BLOCK_IO_PROTOCOL, Media, 0x08);
UEFI_AT(EFI_BLOCK_IO_PROTOCOL, ReadBlocks, 0x18);

UEFI_AT(EFI_GRAPHICS_OUTPUT_PROTOCOL, Mode, 0x18);
UEFI_AT(EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE, Info, 8);
UEFI_AT(EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE, SizeOfInfo, 16);
UEFI_AT(EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE, FrameBufferBase, 24);
UEFI_AT(EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE, FrameBufferSize, 32);
UEFI_AT(EFI_GRAPHICS_OUTPUT_MODE_INFORMATION, PixelFormat, 12);
UEFI_AT(EFI_GRAPHICS_OUTPUT_MODE_INFORMATION, PixelsPerScanLine, 32);
_Static_assert(sizeof(EFI_GRAPHICS_OUTPUT_MODE_INFORMATION) == 36, "GOP mode information");

UEFI_AT(EFI_CONFIGURATION_TABLE, VendorTable, 16);
_Static_assert(sizeof(EFI_CONFIGURATION_TABLE) == 24, "configuration table entry");

#undef UEFI_AT

#endif
