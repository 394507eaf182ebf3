; stage1: the master boot record.
;
; The BIOS loads this sector to 0x7C00 and jumps to it with DL = the boot
; drive. It reads the image header (LBA 1) and stage2 (from LBA 2) with
; INT 13h, checks stage2's lb_sum against the header and jumps to stage2
; at 0000:8000 with DL = the boot drive. On failure it prints one line on
; the screen and COM1 and halts.

%include "layout.inc"

bits 16
org LB_STAGE1_ADDR

BPB_END         equ LB_MBR_BPB_END        ; end of a FAT32 BPB and extended BPB
DISK_SIGNATURE  equ LB_MBR_DISK_SIGNATURE ; an OS may stamp 0x1B8-0x1BD (signature, 2 reserved bytes)
MBR_DATA        equ LB_MBR_PARTITIONS     ; the partition table (mkimage's)
READ_TRIES      equ 3
FIRST_HARD_DISK equ 0x80
COM1            equ 0x3F8
UART_LCR        equ 3
LCR_DLAB        equ 0x80
LCR_8N1         equ 0x03
BAUD_115200     equ 1       ; divisor of the 1.8432 MHz / 16 clock
EDD_SIGNATURE   equ 0xAA55
EDD_PACKET_API  equ 1       ; AH=41h CX bit 0: AH=42h is supported
CHS_SECTOR_MASK equ 0x3F    ; AH=08h CL bits 0-5: sectors per track
DAP_SIZE        equ 16      ; a disk address packet without the 64-bit buffer address (RBIL)
TEXT_END        equ 0x80    ; bit 7 of a message's last byte

; A message for puts: the bytes given, the last one with TEXT_END set.
%macro text 1-*
%rep %0 - 1
	db %1
%rotate 1
%endrep
	db (%1) | TEXT_END
%endmacro

start:
	; BIOSes that emulate a floppy or a FAT volume for a USB stick may
	; write a BIOS parameter block into the loaded sector (docs/quirks.md).
	; A FAT32 BPB with its extended BPB ends at 0x59, its file system type
	; at 0x52-0x59 (Microsoft's FAT specification, fatgen103, "FAT32
	; Structure Starting at Offset 36"), so nothing in 3..0x59 is code or
	; read, and the sector starts as FAT boot sectors do: EB xx 90.
	jmp short main
	nop
	times BPB_END - ($ - $$) db 0

main:
	; CS may be 07C0h (some BIOSes enter at 07C0:0000): nothing before the
	; far jump to stage2 depends on it.
	xor ax, ax
	mov ds, ax
	mov ss, ax                      ; no interrupt until after the next instruction
	mov sp, LB_STACK_TOP

	; A drive number that is not a hard disk's means the first hard disk.
	; DL keeps it until stage2: AH=41h returns nothing in DL (RBIL),
	; AH=08h returns the drive count there and runs inside push/pop, the
	; reads and resets inside pusha/popa.
	mov al, dl
	and al, 0xF0
	cmp al, FIRST_HARD_DISK
	je .drive_ok
	mov dl, FIRST_HARD_DISK
.drive_ok:

	; CX = 0: read with INT 13h extensions, all at once. Else CL = sectors
	; per track and CH = heads from AH=08h: one sector at a time by
	; cylinder, head and sector.
	mov ah, 0x41
	mov bx, 0x55AA
	int 0x13
	sbb bx, EDD_SIGNATURE           ; 0: CF = 0 and BX = AA55h (a failed call leaves 55AAh)
	jnz .chs
	and cx, EDD_PACKET_API          ; CX bit 0: AH=42h is supported
	dec cx
	jz .read
.chs:
	push dx
	mov ah, 0x08                    ; drive geometry
	int 0x13
	jc .bad_geometry
	push ds                         ; ES = 0: AH=08h may return a pointer in ES:DI
	pop es
	and cl, CHS_SECTOR_MASK
	jz .bad_geometry                ; 0 sectors per track: a divide error below
	mov ch, dh
	inc ch                          ; heads = last head + 1
	jz .bad_geometry                ; 256 heads: a divide error below
	pop dx

	; The header and the stage2 area, which ends below 64 KiB and before
	; anything else on the disk. AX = LBA (< 256), BX = buffer.
.read:
	mov ax, LB_HEADER_LBA
	mov bx, LB_HEADER_ADDR
.next:
	mov di, READ_TRIES
.try:
	pusha
	; A BIOS may clear the packet's count after a failure, so each try
	; builds it anew; the CHS path pushes it too and ignores it.
	push ds                         ; the disk address packet (DS = 0):
	push ds                         ; LBA 63..32,
	push ds                         ; LBA 31..16,
	push ax                         ; LBA 15..0,
	push ds                         ; buffer segment,
	push bx                         ; buffer offset,
	push byte LB_STAGE1_READ_SECTORS ; sector count,
	push byte DAP_SIZE              ; packet size
	mov si, sp
	jcxz .edd
	div cl                          ; AL = LBA / spt, AH = LBA % spt
	xchg cl, ah
	cbw
	div ch                          ; AL = cylinder, AH = head
	mov ch, al
	mov dh, ah
	inc cx                          ; sectors count from 1
	mov ax, (0x02 - 0x42) << 8 | 1  ; AH=02h once 0x42 is added; 1 sector
.edd:
	add ah, 0x42                    ; AH=42h: AH was 0 (LBA < 256)
	int 0x13
	mov [disk_error.status], ah
	popa                            ; drops the packet
	popa
	jnc .done
	dec di
	jz disk_error
	pusha                           ; AH = 0 (LBA < 256): reset
	int 0x13
	popa
	jmp .try

	; The failures that print one fixed message, here in reach of short
	; jumps from the code before and after.
.corrupt:
	push msg_corrupt
	jmp .fatal
.bad_geometry:
	push msg_geometry
.fatal:                                 ; the message on the stack
	call fail_message
	pop si
.print_halt:
	call puts
.halt:
	cli
	hlt
	jmp .halt

.done:
	jcxz .checksum
	inc ax
	add bh, 2                       ; 0x200 bytes a sector
	cmp al, LB_HEADER_LBA + LB_STAGE1_READ_SECTORS
	jb .next

	; lb_sum (a = 1, b = 0; for each dword: a += dword, b += a) over
	; stage2; a wrong sector count in the header fails it too.
.checksum:
	mov cx, [LB_HEADER_ADDR + HDR_STAGE2_SECTORS]
	shl cx, 7                       ; sectors to dwords
	mov si, LB_STAGE2_ADDR
	cld                             ; a BIOS call may return with DF set
	xor ebx, ebx
	inc bx
	xor edi, edi
.sum:
	lodsd
	add ebx, eax
	add edi, ebx
	loop .sum
	cmp ebx, [LB_HEADER_ADDR + HDR_STAGE2_SUM]
	jne .corrupt
	cmp edi, [LB_HEADER_ADDR + HDR_STAGE2_SUM + 4]
	jne .corrupt
	jmp 0:LB_STAGE2_ADDR

disk_error:                             ; AX = LBA (< 100)
	push ax
	call fail_message
	call puts                       ; "read LBA "
	pop ax
	aam                             ; AH = tens, AL = units
	call put_digits
	call puts                       ; " status 0x"
	mov al, 0                       ; the status of the last read, stored here
.status equ $ - 1
	aam 16                          ; AH, AL = high and low nibble
	call put_digits
	jmp main.print_halt             ; CR LF

; Sets COM1 to 115200 8N1 and prints "longboot: error: stage2 "; SI then
; points at msg_read.
fail_message:
	mov dx, COM1 + UART_LCR
	mov al, LCR_DLAB
	out dx, al
	mov dl, COM1 & 0xFF
	mov al, BAUD_115200
	out dx, al
	; The divisor's high byte is 0 for every rate a BIOS sets: left alone.
	mov dl, (COM1 + UART_LCR) & 0xFF
	mov al, LCR_8N1
	out dx, al
	mov si, msg_prefix
puts:                                   ; the message at SI; SI then points after it
	cld                             ; a BIOS call may return with DF set
	lodsb
	call putc
	test al, al
	jns puts
	ret

put_digits:                             ; AH, then AL, each < 16
	call .swap                      ; AH now, AL when put_digit returns here
.swap:
	xchg al, ah
put_digit:
	cmp al, 10                      ; 0-9 -> '0'-'9', 10-15 -> 'A'-'F'
	sbb al, 0x69
	das
putc:                                   ; AL without TEXT_END, to COM1 and the screen
	pusha
	and al, ~TEXT_END
	mov ah, 0x01                    ; serial: send AL on COM1
	cwd
	int 0x14
	mov ah, 0x0E                    ; video: teletype AL
	xor bx, bx
	int 0x10
	popa
	ret
code_end:

msg_prefix:   text "longboot: error: stage2", ' '
msg_read:     text "read LBA", ' '
msg_status:   text " status 0", 'x'
msg_newline:  text 13, 10
msg_corrupt:  text "corrupt", 13, 10
; The last message reaches into 0x1B8-0x1BD, where an OS may stamp a disk
; signature: that would garble its text, nothing else.
msg_geometry: text "read: bad disk geometry", 13, 10

%if code_end - $$ > DISK_SIGNATURE
%error "stage1's code reaches the disk signature"
%endif
%if ($ - $$) > MBR_DATA
%error "stage1 overlaps the partition table"
%endif
	times 510 - ($ - $$) db 0
	dw 0xAA55
