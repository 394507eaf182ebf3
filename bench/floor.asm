; The floor: an MBR that ends QEMU the moment the BIOS hands it control.
; Every other boot is measured as a ratio to this one.

%define EXIT_PORT    0xf4   ; isa-debug-exit, iobase=0xf4
%define EXIT_SUCCESS 0x10   ; QEMU exits with status (0x10 << 1) | 1 = 33

	bits 16
	org 0x7c00

	mov al, EXIT_SUCCESS
	out EXIT_PORT, al
.halt:	cli
	hlt
	jmp .halt

	times 510-($-$$) db 0
	dw 0xaa55
