; quirkbios: a boot disk that makes SeaBIOS misbehave like the PC BIOSes
; in docs/quirks.md, for the loader on the second hard disk.
;
; Assembled once per quirk: nasm -D<QUIRK> -DQUIRK_NAME='"<QUIRK>"', where
; QUIRK is PLAIN (no quirk) or one of the names below. Its boot sector, like
; an option ROM, takes STEAL_KIB at the top of conventional memory (BDA word
; 0x413), moves itself there and loads the rest of the shim (SHIM_SECTORS
; in all) after itself. Then it hooks INT 13h, INT 15h and, for CLOBBER and
; IF_ON, INT 10h. The INT 13h hook serves drive 0x80 from drive 0x81, so
; the loader on the second disk boots as drive 0x80. The INT 15h hook cuts
; the stolen KiB out of E820's usable memory and, unless the quirk is
; E820_20, returns ACPI 3.0 entries of 24 bytes (attributes: enabled) to a
; caller that asks for them, where SeaBIOS returns 20. Last, it loads LBA 0
; of drive 0x81 to 0x7C00 and jumps there as a BIOS would.
;
; COM1 gets one line first, "quirkbios: <QUIRK>". Each time a hook acts
; it writes one letter to QEMU's debug console (port 0xE9):
;   R  a read of drive 0x80 (AH=02h or 42h) reached the hook
;   L  an EDD call (AH=41h..48h) refused                          NO_EDD
;   A  AH=41h answered without the packet interface bit           NO_EDD_PACKET
;   P  AH=08h returned ES:DI -> a parameter table                  NO_EDD
;   G  AH=08h answered with the small geometry                     SMALL_GEOMETRY
;   S  AH=08h answered with an impossible geometry          ZERO_GEOMETRY, HEADS_256
;   C  an AH=02h read translated with that geometry                SMALL_GEOMETRY
;   T  an AH=02h read refused: it runs past the end of the track   SMALL_GEOMETRY
;   N  a read of exactly MAX_SECTORS passed on                     MAX127
;   M  a read of more than MAX_SECTORS refused                     MAX127
;   B  a read refused: its buffer crosses a 64 KiB boundary        BOUNDARY
;   Z  a read failed on purpose, its packet's count set to 0       ZERO_COUNT
;   K  registers trashed on the way out                            CLOBBER
;   I  IF set in the FLAGS the caller gets back                    IF_ON
;   E  an E820 entry returned; W  the stolen KiB cut out of one
;   e  E820 refused                                                NO_E820*
;   F  E801 passed on; f  E801 refused                             NO_E820*
;   H  INT 15h AH=88h passed on                                    NO_E820*
;
; Quirks, one per build:
;   NO_EDD          INT 13h AH=41h..48h fail (CF=1, AH=01h): CHS only;
;                   AH=08h returns ES:DI -> the hard disk parameter table
;   NO_EDD_PACKET   NO_EDD, except that AH=41h succeeds with CX bit 0 (the
;                   packet interface) clear
;   SMALL_GEOMETRY  NO_EDD, and AH=08h reports GEOM_HEADS x GEOM_SECTORS;
;                   AH=02h uses that geometry and fails past a track's end
;   ZERO_GEOMETRY   NO_EDD, and AH=08h reports 0 sectors per track
;   HEADS_256       NO_EDD, and AH=08h reports 256 heads (last head 0xFF)
;   MAX127          reads of more than 127 sectors fail (AH=01h, count 0)
;   BOUNDARY        reads whose buffer crosses 64 KiB fail (AH=09h)
;   CLOBBER         INT 10h/13h/15h return with the upper halves of EAX..EDX,
;                   ESI, EDI, EBP, and SI, DI, BP, FS, GS trashed, except
;                   what the function returns
;   CLOBBER_CHS     CLOBBER and NO_EDD together
;   ZERO_COUNT      the first AH=42h read that reaches past LBA
;                   ZERO_COUNT_LBA fails once (AH=04h) with its count set to 0
;   ZERO_COUNT_FIRST  ZERO_COUNT for the very first AH=42h read
;   E820_20         E820 returns ECX = 20 and leaves bytes 20..23 alone
;   NO_E820         E820 fails (CF=1, AH=86h): E801 is next
;   NO_E820_E801    E820 and E801 fail: AH=88h is next
;   IF_ON           every hooked call returns with IF = 1
;   WRONG_DL        the loader starts with DL = 0x00
;   BPB             a FAT12 floppy BPB is written over bytes 3..0x3D of the
;                   loader's boot sector before it runs
;   BPB_FAT32       a FAT32 BPB and extended BPB are written over bytes
;                   3..0x59 of the loader's boot sector before it runs
;   SEG_07C0        the loader starts at 07C0:0000, not 0000:7C00

bits 16
cpu 386

%ifndef QUIRK_NAME
%error "assemble with -D<QUIRK> -DQUIRK_NAME='\"<QUIRK>\"'"
%endif

%ifdef NO_EDD_PACKET
%define NO_EDD
%endif
%ifdef SMALL_GEOMETRY
%define NO_EDD
%endif
%ifdef ZERO_GEOMETRY
%define NO_EDD
%define BAD_GEOMETRY
%endif
%ifdef HEADS_256
%define NO_EDD
%define BAD_GEOMETRY
%endif
%ifdef BPB_FAT32
%define BPB_WRITE
%endif
%ifdef BPB
%define BPB_WRITE
%endif
%ifdef CLOBBER_CHS
%define CLOBBER
%define NO_EDD
%endif
%ifdef ZERO_COUNT_FIRST
%define ZERO_COUNT
%endif
%ifdef NO_E820_E801
%define NO_E820
%endif
; These act on every INT 10h, 13h and 15h call that reaches a hook.
%ifdef CLOBBER
%define ALL_CALLS
%endif
%ifdef IF_ON
%define ALL_CALLS
%endif

MBR_ADDR        equ 0x7C00
MBR_SIGNATURE   equ 0xAA55
SECTOR_SIZE     equ 512
BDA_BASE_KIB    equ 0x413       ; conventional memory in KiB (INT 12h)
STEAL_KIB       equ 4
STEAL_BYTES     equ STEAL_KIB * 1024
SHIM_SECTORS    equ 4           ; code; then its variables; the stack at the top
STACK_BYTES     equ 1024        ; the boot sector's, until the loader runs
KIB_SHIFT_PARAS equ 6           ; KiB to 16-byte paragraphs
BOOT_DRIVE      equ 0x80        ; what the loader is told it is
LOADER_DRIVE    equ 0x81        ; where it really is
%ifdef WRONG_DL
ENTRY_DL        equ 0x00
%else
ENTRY_DL        equ BOOT_DRIVE
%endif

COM1            equ 0x3F8
UART_LCR        equ 3
UART_LSR        equ 5
LCR_DLAB        equ 0x80
LCR_8N1         equ 0x03
LSR_THRE        equ 0x20
BAUD_115200     equ 1
UART_WAIT_LOOPS equ 0x4000
DEBUGCON        equ 0xE9

EFLAGS_CF       equ 0x0001
EFLAGS_IF_HIGH  equ 0x02        ; IF (bit 9) in the FLAGS image's high byte

READ_CHS        equ 0x02
GET_GEOMETRY    equ 0x08
EDD_FIRST       equ 0x41
EDD_CHECK       equ 0x41
EDD_PACKET_API  equ 1           ; AH=41h CX bit 0
EDD_READ        equ 0x42
EDD_LAST        equ 0x48
DAP_SIZE        equ 16
DAP_COUNT       equ 2
DAP_OFFSET      equ 4
DAP_SEGMENT     equ 6
DAP_LBA         equ 8
STATUS_BAD_COMMAND  equ 0x01
STATUS_NOT_FOUND    equ 0x04
STATUS_DMA_BOUNDARY equ 0x09
MAX_SECTORS     equ 127
DMA_WINDOW      equ 0x10000
GEOM_HEADS      equ 16
GEOM_SECTORS    equ 17
GEOM_SECTOR_MASK equ 0x3F       ; AH=08h CL bits 0-5: sectors per track
LAST_HEAD_256   equ 0xFF        ; AH=08h DH: the last head of 256
MAX_CYLINDERS   equ 1024
HD0_PARAMS_VECTOR equ 0x41      ; IVT slot of the first hard disk's parameter table
%ifdef ZERO_COUNT_FIRST
ZERO_COUNT_LBA  equ 0
%else
ZERO_COUNT_LBA  equ 60
%endif

E820            equ 0xE820
E801            equ 0xE801
EXT_MEMORY_SIZE equ 0x88
STATUS_UNSUPPORTED equ 0x86
E820_BASE       equ 0
E820_LENGTH     equ 8
E820_TYPE       equ 16
E820_ATTRIBUTES equ 20
E820_ACPI_SIZE  equ 24
E820_OLD_SIZE   equ 20
E820_USABLE     equ 1
ACPI_ATTR_ENABLED equ 1

; CLOBBER: what the exit must keep, in BP on the way to `done`.
KEEP_DI         equ 1           ; ES:DI is returned (AH=08h, E820)
KEEP_E32        equ 2           ; EAX, EBX, ECX are returned whole (E820)
JUNK_HIGH       equ 0xDEAD0000
JUNK            equ 0xBAD0BAD0
JUNK_SEG        equ 0xBAD0

%macro event 1
	push ax
	mov al, %1
	out DEBUGCON, al
	pop ax
%endmacro

%macro keep 1
%ifdef CLOBBER
	mov bp, %1
%endif
%endmacro

; Saves the vector's IVT entry in `old` and points it at `handler`.
; DS = CS, ES = 0.
%macro hook 3 ; vector, handler, old
	mov eax, [es:%1 * 4]
	mov [%3], eax
	mov word [es:%1 * 4], %2
	mov [es:%1 * 4 + 2], cs
%endmacro

; Offsets are from the start of the stolen KiB, where everything but the
; first few instructions runs.
org 0

start:
	cli
	xor ax, ax
	mov ds, ax
	mov ss, ax
	mov sp, MBR_ADDR
	cld
	mov ax, [BDA_BASE_KIB]
	sub ax, STEAL_KIB
	mov [BDA_BASE_KIB], ax
	shl ax, KIB_SHIFT_PARAS
	mov es, ax
	mov si, MBR_ADDR
	xor di, di
	mov cx, SECTOR_SIZE / 2
	rep movsw
	push es
	push word .moved
	retf
.moved:
	mov ds, ax
	mov ss, ax
	mov sp, STEAL_BYTES
	sti

	; The rest of the shim, from the disk the BIOS booted (DL).
	mov ax, (READ_CHS << 8) | (SHIM_SECTORS - 1)
	mov bx, SECTOR_SIZE
	mov cx, 2                       ; cylinder 0, sector 2
	xor dh, dh
	int 0x13
	pushf

	mov dx, COM1 + UART_LCR
	mov al, LCR_DLAB
	out dx, al
	mov dl, COM1 & 0xFF
	mov al, BAUD_115200
	out dx, al
	inc dx
	dec ax
	out dx, al
	mov dl, (COM1 + UART_LCR) & 0xFF
	mov al, LCR_8N1
	out dx, al
	popf
	mov si, msg_self
	jc fail
	jmp install

fail:
	call print
.halt:	cli
	hlt
	jmp .halt

; Prints the NUL-terminated string at DS:SI on COM1.
print:
	lodsb
	test al, al
	jz .done
	mov dx, COM1 + UART_LSR
	mov cx, UART_WAIT_LOOPS
	mov ah, al
.wait:	in al, dx
	test al, LSR_THRE
	loopz .wait
	mov dl, COM1 & 0xFF
	mov al, ah
	out dx, al
	jmp print
.done:	ret

msg_self: db "quirkbios: error: cannot read its own sectors", 13, 10, 0

	times SECTOR_SIZE - 2 - ($ - $$) db 0
	dw MBR_SIGNATURE

; --- the rest, loaded by the first sector

install:
	mov byte [injected], 0
	xor ax, ax
	mov es, ax
	cli
	hook 0x13, int13, old13
	hook 0x15, int15, old15
%ifdef ALL_CALLS
	hook 0x10, int10, old10
%endif
	sti
	mov si, msg_marker
	call print

	mov bx, MBR_ADDR
	mov ax, (READ_CHS << 8) | 1
	mov cx, 1                       ; cylinder 0, sector 1
	mov dx, LOADER_DRIVE            ; head 0
	int 0x13
	mov si, msg_read
	jc fail
	cmp word [es:MBR_ADDR + SECTOR_SIZE - 2], MBR_SIGNATURE
	mov si, msg_signature
	jne fail
%ifdef BPB_WRITE
	mov si, bpb
	mov di, MBR_ADDR + BPB_START
	mov cx, BPB_BYTES
	rep movsb
%endif
	mov dl, ENTRY_DL
%ifdef SEG_07C0
	jmp (MBR_ADDR >> 4):0
%else
	jmp 0:MBR_ADDR
%endif

; --- resident: the hooks

int13:
	cmp dl, BOOT_DRIVE
	je .ours
	jmp far [cs:old13]
.ours:
	mov [cs:saved_ax13], ax
%ifdef NO_EDD
	cmp ah, EDD_FIRST
	jb .edd_ok
	cmp ah, EDD_LAST
	ja .edd_ok
%ifdef NO_EDD_PACKET
	cmp ah, EDD_CHECK
	je edd_check
%endif
	event 'L'
	mov ax, STATUS_BAD_COMMAND << 8
	jmp refuse
.edd_ok:
%endif
%ifdef SMALL_GEOMETRY
	cmp ah, GET_GEOMETRY
	je small_geometry
%endif
%ifdef BAD_GEOMETRY
	cmp ah, GET_GEOMETRY
	je bad_geometry
%endif
	cmp ah, READ_CHS
	je .read
	cmp ah, EDD_READ
	jne pass13
.read:
	event 'R'
%ifdef MAX127
	cmp ah, EDD_READ
	jne .max_chs
	cmp word [si + DAP_COUNT], MAX_SECTORS
	jmp .max_check
.max_chs:
	cmp al, MAX_SECTORS
.max_check:
	jb pass13
	ja .max_refuse
	event 'N'
	jmp pass13
.max_refuse:
	cmp ah, EDD_READ
	jne .max_event
	mov word [si + DAP_COUNT], 0
.max_event:
	event 'M'
	mov ax, STATUS_BAD_COMMAND << 8
	jmp refuse
%endif
%ifdef BOUNDARY
	push eax
	push ecx
	push edx
	movzx edx, al                   ; AH=02h: AL sectors to ES:BX
	mov cx, bx
	mov ax, es
	cmp byte [cs:saved_ax13 + 1], EDD_READ
	jne .window
	movzx edx, word [si + DAP_COUNT]
	mov cx, [si + DAP_OFFSET]
	mov ax, [si + DAP_SEGMENT]
.window:
	shl ax, 4
	add ax, cx                      ; the buffer's offset in its 64 KiB window
	movzx eax, ax
	shl edx, 9
	add eax, edx
	cmp eax, DMA_WINDOW
	pop edx
	pop ecx
	pop eax
	jbe pass13
	cmp ah, EDD_READ
	jne .boundary_refuse
	mov word [si + DAP_COUNT], 0
.boundary_refuse:
	event 'B'
	mov ax, STATUS_DMA_BOUNDARY << 8
	jmp refuse
%endif
%ifdef ZERO_COUNT
	cmp ah, EDD_READ
	jne pass13
	cmp byte [cs:injected], 0
	jne pass13
	push eax
	movzx eax, word [si + DAP_COUNT]
	add eax, [si + DAP_LBA]
	cmp eax, ZERO_COUNT_LBA + 1     ; the read's last sector is above it
	pop eax
	jbe pass13
	inc byte [cs:injected]
	mov word [si + DAP_COUNT], 0
	event 'Z'
	mov ax, STATUS_NOT_FOUND << 8
	jmp refuse
%endif
%ifdef SMALL_GEOMETRY
	cmp ah, READ_CHS
	je small_read
%endif

pass13:
	mov dl, LOADER_DRIVE
	pushf
	call far [cs:old13]
back13:
	pushf
	cmp byte [cs:saved_ax13 + 1], GET_GEOMETRY
	je .count                       ; DL is now the number of hard disks
	mov dl, BOOT_DRIVE
	popf
	keep 0
	jmp done
.count:
%ifdef NO_EDD
	push word 0
	pop es
	les di, [es:HD0_PARAMS_VECTOR * 4]
	event 'P'
%endif
	popf
	keep KEEP_DI
	jmp done

; AH = status; AL = 0 sectors read.
refuse:
	stc
	keep 0
	jmp done

%ifdef NO_EDD_PACKET
; AH=41h: extensions present, but not the packet interface (AH=42h..44h,
; 47h, 48h).
edd_check:
	mov dl, LOADER_DRIVE
	pushf
	call far [cs:old13]
	jc back13
	and cx, ~EDD_PACKET_API
	event 'A'
	jmp back13
%endif

%ifdef SMALL_GEOMETRY
; AH=08h: the disk's real size in cylinders of GEOM_HEADS x GEOM_SECTORS.
small_geometry:
	mov dl, LOADER_DRIVE
	pushf
	call far [cs:old13]
	jc back13
	push ebx
	push edx
	mov al, ch
	mov ah, cl
	shr ah, 6                       ; AX = last cylinder
	inc ax
	movzx eax, ax
	movzx ebx, dh
	inc bx
	imul eax, ebx
	movzx ebx, cl
	and bl, 0x3F
	imul eax, ebx                   ; sectors the BIOS's own geometry reaches
	xor edx, edx
	mov ebx, GEOM_HEADS * GEOM_SECTORS
	div ebx                         ; cylinders
	cmp eax, MAX_CYLINDERS
	jbe .fits
	mov ax, MAX_CYLINDERS
.fits:	dec ax
	mov ch, al
	shl ah, 6
	or ah, GEOM_SECTORS
	mov cl, ah
	pop edx
	pop ebx
	mov dh, GEOM_HEADS - 1
	xor ax, ax
	event 'G'
	jmp back13

; AH=02h with the small geometry: one track at most, read by LBA.
small_read:
	mov ah, cl
	and ah, 0x3F                    ; first sector, from 1
	jz .bad
	cmp ah, GEOM_SECTORS
	ja .bad
	cmp dh, GEOM_HEADS
	jae .bad
	test al, al
	jz .bad
	dec ah
	add ah, al
	jc .past_track
	cmp ah, GEOM_SECTORS
	ja .past_track
	push ds
	push si
	push edx
	push ecx
	movzx eax, ch
	mov ah, cl
	shr ah, 6                       ; cylinder
	imul eax, eax, GEOM_HEADS
	movzx edx, dh
	add eax, edx
	imul eax, eax, GEOM_SECTORS
	and ecx, 0x3F
	dec cx
	add eax, ecx
	pop ecx
	pop edx
	push dword 0                    ; the packet: LBA 63..32,
	push eax                        ; LBA 31..0,
	push es                         ; buffer segment,
	push bx                         ; buffer offset,
	movzx ax, byte [cs:saved_ax13]
	push ax                         ; sector count,
	push word DAP_SIZE              ; size
	mov si, sp
	push ss
	pop ds
	mov ah, EDD_READ
	mov dl, LOADER_DRIVE
	pushf
	call far [cs:old13]
	lea sp, [esp + DAP_SIZE]
	pop si
	pop ds
	jc .done
	mov al, [cs:saved_ax13]         ; AL = sectors read
	event 'C'
.done:	jmp back13
.past_track:
	event 'T'
.bad:	mov ax, STATUS_BAD_COMMAND << 8
	jmp refuse
%endif

%ifdef BAD_GEOMETRY
; AH=08h: the BIOS's answer with one field a loader would divide by made
; impossible: 0 sectors per track (CL bits 0-5), or a last head of 0xFF,
; whose head count 256 overflows a byte.
bad_geometry:
	mov dl, LOADER_DRIVE
	pushf
	call far [cs:old13]
	jc back13
%ifdef ZERO_GEOMETRY
	and cl, ~GEOM_SECTOR_MASK
%else
	mov dh, LAST_HEAD_256
%endif
	event 'S'
	jmp back13
%endif

int15:
	cmp ax, E820
	je .e820
%ifdef NO_E820
	cmp ax, E801
	jne .not_e801
%ifdef NO_E820_E801
	event 'f'
	mov ax, STATUS_UNSUPPORTED << 8
	jmp refuse
%else
	event 'F'
%endif
.not_e801:
	cmp ah, EXT_MEMORY_SIZE
	jne .other
	event 'H'
.other:
%endif
%ifdef ALL_CALLS
	pushf
	call far [cs:old15]
	keep 0
	jmp done
%else
	jmp far [cs:old15]
%endif

.e820:
%ifdef NO_E820
	event 'e'
	mov ax, STATUS_UNSUPPORTED << 8
	jmp refuse
%else
	mov [cs:e820_size], cl
%ifdef E820_20
	push dword [es:di + E820_ATTRIBUTES]
%endif
	pushf
	call far [cs:old15]
%ifdef E820_20
	pop dword [es:di + E820_ATTRIBUTES]
	mov ecx, E820_OLD_SIZE
%endif
	pushf
	jc .out
	event 'E'
	cmp dword [es:di + E820_TYPE], E820_USABLE
	jne .size
	cmp dword [es:di + E820_BASE + 4], 0
	jne .size
	push eax
	push edx
	xor eax, eax
	mov ax, cs
	shl eax, 4                      ; the stolen KiB's first byte
	mov edx, [es:di + E820_BASE]
	cmp edx, eax
	jae .kept
	cmp dword [es:di + E820_LENGTH + 4], 0
	jne .cut
	add edx, [es:di + E820_LENGTH]
	jc .cut
	cmp edx, eax
	jbe .kept
.cut:	sub eax, [es:di + E820_BASE]
	mov [es:di + E820_LENGTH], eax
	mov dword [es:di + E820_LENGTH + 4], 0
	event 'W'
.kept:	pop edx
	pop eax
.size:
%ifndef E820_20
	cmp byte [cs:e820_size], E820_ACPI_SIZE
	jb .out
	mov dword [es:di + E820_ATTRIBUTES], ACPI_ATTR_ENABLED
	mov ecx, E820_ACPI_SIZE
%endif
.out:	popf
	keep KEEP_DI | KEEP_E32
	jmp done
%endif

%ifdef ALL_CALLS
int10:
	pushf
	call far [cs:old10]
	keep 0
	jmp done
%endif

; Returns to the caller of the hooked INT with CF as it is now in its FLAGS.
done:
	push bp
	mov bp, sp                      ; [bp + 6]: the caller's FLAGS
	jc .carry
	and byte [bp + 6], ~EFLAGS_CF & 0xFF
	jmp .flags
.carry:	or byte [bp + 6], EFLAGS_CF
.flags:
%ifdef IF_ON
	or byte [bp + 7], EFLAGS_IF_HIGH
	event 'I'
%endif
	pop bp
%ifdef CLOBBER
	event 'K'
	xor esi, JUNK
	xor edx, JUNK_HIGH
	test bp, KEEP_DI
	jz .di
	xor edi, JUNK_HIGH
	jmp .e32
.di:	xor edi, JUNK
.e32:	test bp, KEEP_E32
	jnz .ebp
	xor eax, JUNK_HIGH
	xor ebx, JUNK_HIGH
	xor ecx, JUNK_HIGH
.ebp:	mov ebp, JUNK
	push word JUNK_SEG
	pop fs
	push word JUNK_SEG
	pop gs
%endif
	iret

msg_marker:    db "quirkbios: ", QUIRK_NAME, 13, 10, 0
msg_read:      db "quirkbios: error: cannot read LBA 0 of drive 0x81", 13, 10, 0
msg_signature: db "quirkbios: error: drive 0x81 has no boot signature", 13, 10, 0

BPB_START equ 3
%ifdef BPB
BPB_END equ 0x3E
; A 1.44 MB floppy's FAT12 BPB, as a BIOS that emulates a floppy writes it.
bpb:
	db "MSDOS5.0"                   ; OEM name
	dw 512                          ; bytes per sector
	db 1                            ; sectors per cluster
	dw 1                            ; reserved sectors
	db 2                            ; FATs
	dw 224                          ; root directory entries
	dw 2880                         ; sectors
	db 0xF0                         ; media descriptor
	dw 9                            ; sectors per FAT
	dw 18                           ; sectors per track
	dw 2                            ; heads
	dd 0                            ; hidden sectors
	dd 0                            ; sectors, 32-bit
	db 0                            ; drive number
	db 0                            ; reserved
	db 0x29                         ; extended boot signature
	dd 0x1BAD5EED                   ; volume serial number
	db "NO NAME    "                ; volume label
	db "FAT12   "                   ; file system type
%endif
%ifdef BPB_FAT32
BPB_END equ 0x5A
; A 2 GiB FAT32 volume's BPB and extended BPB (Microsoft's FAT
; specification, fatgen103: the FAT32 fields from offset 36, the drive
; number at 0x40, the file system type at 0x52), as a BIOS that emulates a
; FAT volume or a floppy for a USB stick may write it.
bpb:
	db "MSWIN4.1"                   ; OEM name
	dw 512                          ; bytes per sector
	db 8                            ; sectors per cluster
	dw 32                           ; reserved sectors
	db 2                            ; FATs
	dw 0                            ; root directory entries: 0 on FAT32
	dw 0                            ; sectors, 16-bit: 0, see the 32-bit count
	db 0xF8                         ; media descriptor: fixed disk
	dw 0                            ; sectors per FAT, 16-bit: 0 on FAT32
	dw 63                           ; sectors per track
	dw 255                          ; heads
	dd 0                            ; hidden sectors
	dd 0x400000                     ; sectors, 32-bit
	dd 4092                         ; sectors per FAT (fatgen103's FATSz for this size)
	dw 0                            ; flags: FATs mirrored
	dw 0                            ; file system version 0.0
	dd 2                            ; root directory cluster
	dw 1                            ; FSInfo sector
	dw 6                            ; backup boot sector
	times 12 db 0                   ; reserved
	db 0x80                         ; drive number
	db 0                            ; reserved
	db 0x29                         ; extended boot signature
	dd 0x1BAD5EED                   ; volume serial number
	db "NO NAME    "                ; volume label
	db "FAT32   "                   ; file system type
%endif
%ifdef BPB_WRITE
BPB_BYTES equ $ - bpb
%if BPB_START + BPB_BYTES != BPB_END
%error "the BPB must cover bytes 3 to BPB_END - 1"
%endif
%endif

%if ($ - $$) > SHIM_SECTORS * SECTOR_SIZE
%error "quirkbios is larger than SHIM_SECTORS"
%endif
	times SHIM_SECTORS * SECTOR_SIZE - ($ - $$) db 0

; Variables, in the stolen KiB after the code: never in the image.
absolute SHIM_SECTORS * SECTOR_SIZE
old13:      resd 1
old15:      resd 1
old10:      resd 1
saved_ax13: resw 1
e820_size:  resb 1
injected:   resb 1
%if $ > STEAL_BYTES - STACK_BYTES
%error "the variables reach into the stack: raise STEAL_KIB"
%endif
