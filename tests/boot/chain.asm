; A one-sector MBR that boots the second hard disk: it loads LBA 0 of drive
; 0x81 to 0x7C00 and jumps there with DL = 0x81, so the loader behind it
; sees a boot drive other than 0x80.
bits 16
%include "chainload.inc"
org RELOC_ADDR

start:
	relocate
	jmp chainload

	chainload_code

	times 510 - ($ - $$) db 0
	dw MBR_SIGNATURE
