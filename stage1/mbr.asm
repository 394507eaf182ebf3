; stage1: the master boot record.
;
; The BIOS loads this sector to 0x7C00 and jumps to it with DL = the boot
; drive. It reads the image header (LBA 1) and stage2 (from LBA 2) with
; INT 13h, checks stage2's lb_sum against the header and jumps to stage2
; with DL = the boot drive. On failure it prints one line on the screen and
; COM1 and halts.

%include "layout.inc"

bits 16
org LB_STAGE1_ADDR

BPB_END         equ 0x3E    ; end of a FAT12/16 BIOS parameter block
MBR_DATA        equ 0x1BE   ; the partition table (mkimage's)
READ_TRIES      equ 3
FIRST_HARD_DISK equ 0x80
COM1            equ 0x3F8
UART_LCR        equ 3
UART_LSR        equ 5
LCR_DLAB        equ 0x80
LCR_8N1         equ 0x03
LSR_THRE        equ 0x20
BAUD_115200     equ 1       ; divisor of the 1.8432 MHz / 16 clock
EDD_SIGNATURE   equ 0xAA55
EDD_PACKET_API  equ 1       ; AH=41h CX bit 0: AH=42h is supported

start:
	; BIOSes that boot a USB stick as a floppy write a floppy BPB over
	; bytes 3..0x3D, so the code starts after it.
	jmp short after_bpb
	nop
	times BPB_END - ($ - $$) db 0

after_bpb:
	jmp 0:normalise                 ; some BIOSes enter at 07C0:0000
normalise:
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax                      ; no interrupt until after the next instruction
	mov sp, LB_STACK_TOP

	; A drive number that is not a hard disk's means the first hard disk.
	mov al, dl
	and al, 0xF0
	cmp al, FIRST_HARD_DISK
	je .drive_ok
	mov dl, FIRST_HARD_DISK
.drive_ok:
	mov [disk_int.drive], dl

	; BP = sectors a read: all at once with INT 13h extensions, else one
	; at a time by cylinder, head and sector. (Set after each INT 13h: a
	; BIOS may clobber it.)
	mov ah, 0x41
	mov bx, 0x55AA
	int 0x13
	mov bp, LB_STAGE1_READ_SECTORS
	jc .chs
	cmp bx, EDD_SIGNATURE
	jne .chs
	shr cl, 1                       ; CX bit 0: AH=42h is supported
	jc .read
.chs:
	mov ah, 0x08                    ; drive geometry
	call disk_int
	jc disk_error
	push ds                         ; ES = 0 again: AH=08h may return a pointer in ES:DI
	pop es
	mov bp, 1
	and cl, 0x3F
	mov ch, dh
	inc ch                          ; heads = last head + 1
	mov [sectors_per_track], cx     ; and heads, the byte after it

	; The header and the stage2 area, which ends below 64 KiB and before
	; anything else on the disk.
.read:
	mov bx, LB_HEADER_ADDR
	mov ax, LB_HEADER_LBA
	mov si, LB_STAGE1_READ_SECTORS
.next:
	mov cx, bp
	call read
	add ax, cx
	add bh, cl                      ; 0x200 bytes a sector
	add bh, cl
	sub si, cx
	jnz .next

	; lb_sum (a = 1, b = 0; for each dword: a += dword, b += a) over
	; stage2; a wrong sector count in the header fails it too.
	mov cx, [LB_HEADER_ADDR + HDR_STAGE2_SECTORS]
	shl cx, 7                       ; sectors to dwords
	mov si, LB_STAGE2_ADDR
	cld                             ; a BIOS call may return with DF set
	xor ebx, ebx
	inc bx
	xor edx, edx
.sum:
	lodsd
	add ebx, eax
	add edx, ebx
	loop .sum
	cmp ebx, [LB_HEADER_ADDR + HDR_STAGE2_SUM]
	jne corrupt
	cmp edx, [LB_HEADER_ADDR + HDR_STAGE2_SUM + 4]
	jne corrupt

	mov dl, [disk_int.drive]
	jmp LB_STAGE2_ADDR

disk_int:                               ; INT 13h on the boot drive; AH -> [status]
	mov dl, 0                       ; the drive number is stored here
.drive equ $ - 1
	int 0x13
	mov [status], ah
.return:
	ret

; Reads CX sectors from LBA AX (< 256) to 0:BX, resetting the disk and
; retrying when a read fails. Preserves every register but DI. A BIOS may clear
; the packet's count after a failure, so each try builds it anew.
read:
	mov di, READ_TRIES
.try:
	pusha
	dec cx
	jz .chs                         ; one sector a read: CHS
	inc cx
	push ds                         ; the disk address packet (DS = 0):
	push ds                         ; LBA 63..32,
	push ds                         ; LBA 31..16,
	push ax                         ; LBA 15..0,
	push ds                         ; buffer segment,
	push bx                         ; buffer offset,
	push cx                         ; sector count,
	push word 16                    ; packet size
	mov si, sp
	mov ah, 0x42
	jmp .call
.chs:
	pusha                           ; as many bytes as a packet
	div byte [sectors_per_track]    ; AL = LBA / spt, AH = LBA % spt
	mov cl, ah
	inc cx                          ; sectors count from 1
	cbw
	div byte [heads]                ; AL = cylinder, AH = head
	mov ch, al
	mov dh, ah
	mov ax, 0x0201
.call:
	call disk_int
	popa                            ; drops the packet
	popa
	jnc disk_int.return
	dec di
	jz disk_error
	pusha                           ; AH = 0 (LBA < 256): reset
	call disk_int
	popa
	jmp .try

disk_error:                             ; AX = LBA (< 100), [status]
	push ax
	call fail_message
	mov si, msg_read
	call puts
	pop ax
	aam                             ; AH = tens, AL = units
	call put_digits
	mov si, msg_status
	call puts
	mov al, [status]
	aam 16                          ; AH, AL = high and low nibble
	call put_digits
	mov si, msg_newline
	jmp print_halt

corrupt:
	call fail_message
	mov si, msg_corrupt
print_halt:
	call puts
halt:
	cli
	hlt
	jmp halt

; Sets COM1 to 115200 8N1 and prints "longboot: error: stage2 ".
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
puts:
	cld                             ; a BIOS call may return with DF set
	lodsb
	test al, al
	jz .done
	call putc
	jmp puts
.done:
	ret

put_digits:                             ; AH, then AL, each < 16
	push ax
	mov al, ah
	call put_digit
	pop ax
put_digit:
	add al, '0'
	cmp al, '9'
	jbe putc
	add al, 'a' - '9' - 1
putc:                                   ; AL, to COM1 and the screen
	pusha
	mov ah, 0x01                    ; serial: send AL on COM1
	cwd
	int 0x14
	mov ah, 0x0E                    ; video: teletype AL
	xor bx, bx
	int 0x10
	popa
	ret

; The last strings reach into 0x1B8-0x1BD, where an OS may stamp a disk
; signature: that would garble " status 0x", nothing else.
msg_prefix:  db "longboot: error: stage2 ", 0
msg_corrupt: db "corrupt"
msg_newline: db 13, 10, 0
msg_read:    db "read LBA ", 0
msg_status:  db " status 0x", 0

; Variables live in the BPB area: whatever a BIOS wrote there is never read.
sectors_per_track equ start + 3
heads             equ start + 4
status            equ start + 5

%if ($ - $$) > MBR_DATA
%error "stage1 overlaps the partition table"
%endif
	times 510 - ($ - $$) db 0
	dw 0xAA55
