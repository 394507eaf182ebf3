; The raw reader: an MBR that reads the DATA_MIB MiB following it with
; INT 13h AH=42h, 128 sectors a call, all into one low buffer, then ends
; QEMU. It is the least any BIOS loader can spend to bring that much data
; off the disk, so a kernel load is measured as a ratio to it.
;
; nasm -f bin -DDATA_MIB=n reader.asm

%ifndef DATA_MIB
%error "define DATA_MIB, the MiB of data after the MBR"
%endif

%define EXIT_PORT        0xf4
%define EXIT_SUCCESS     0x10   ; QEMU exit status 33
%define EXIT_FAILURE     0x11   ; QEMU exit status 35
%define SECTORS_PER_CALL 128    ; SeaBIOS's largest AH=42h transfer
%define DATA_LBA         1
%define BUFFER_SEG       0x1000 ; 64 KiB at 0x10000, on a 64 KiB boundary
%define STACK_TOP        0x7c00
%define DATA_SECTORS     (DATA_MIB * 1024 * 1024 / 512)

	bits 16
	org 0x7c00

	cli
	xor ax, ax
	mov ds, ax
	mov ss, ax
	mov sp, STACK_TOP
	sti
	mov [drive], dl
	mov ebx, DATA_SECTORS / SECTORS_PER_CALL

.read:
	mov ah, 0x42
	mov dl, [drive]
	mov si, dap
	int 0x13
	jc .fail
	add dword [dap.lba], SECTORS_PER_CALL
	adc dword [dap.lba + 4], 0
	dec ebx
	jnz .read

	mov al, EXIT_SUCCESS
	jmp .exit
.fail:
	mov al, EXIT_FAILURE
.exit:
	out EXIT_PORT, al
.halt:	cli
	hlt
	jmp .halt

	align 4
; EDD disk address packet (Phoenix EDD 3.0, section 6.2). SeaBIOS zeroes
; the count after a failed read, but a failed read ends the run anyway.
dap:
	db 16, 0
	dw SECTORS_PER_CALL
	dw 0, BUFFER_SEG
.lba:	dq DATA_LBA
drive:	db 0

	times 510-($-$$) db 0
	dw 0xaa55
