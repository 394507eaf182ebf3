; A bzImage that only ends QEMU: the Linux boot protocol's setup header
; (boot.rst) and a protected-mode kernel whose 32-bit entry (offset 0) and
; 64-bit entry (offset 0x200) write to isa-debug-exit. With a large initrd
; it measures what the loader spends bringing a kernel and its initrd off
; the disk, nothing of Linux's own start.
;
; nasm -f bin linux-stub.asm

%define EXIT_PORT      0xf4
%define EXIT_SUCCESS   0x10        ; QEMU exit status 33
%define SETUP_SECTS    1
%define PM_BYTES       0x400
%define ENTRY64        0x200

	bits 16
	org 0
boot_sector:
	times 0x1F1-($-$$) db 0
setup_sects:   db SETUP_SECTS
root_flags:    dw 0
syssize:       dd PM_BYTES / 16
ram_size:      dw 0
vid_mode:      dw 0xFFFF
root_dev:      dw 0
boot_flag:     dw 0xAA55
jump:          db 0xEB, header_end - after_jump
after_jump:
header:        db "HdrS"
version:       dw 0x020F
realmode_swtch: dd 0
start_sys_seg: dw 0
kernel_version: dw 0
type_of_loader: db 0
loadflags:     db 1                 ; LOADED_HIGH
setup_move_size: dw 0
code32_start:  dd 0x100000
ramdisk_image: dd 0
ramdisk_size:  dd 0
bootsect_kludge: dd 0
heap_end_ptr:  dw 0
ext_loader_ver: db 0
ext_loader_type: db 0
cmd_line_ptr:  dd 0
initrd_addr_max: dd 0x7FFFFFFF
kernel_alignment: dd 0x200000
relocatable_kernel: db 0
min_alignment: db 0
xloadflags:    dw 1                 ; XLF_KERNEL_64
cmdline_size:  dd 2047
hardware_subarch: dd 0
hardware_subarch_data: dq 0
payload_offset: dd 0
payload_length: dd 0
setup_data:    dq 0
pref_address:  dq 0x100000
init_size:     dd 0x10000
handover_offset: dd 0
kernel_info_offset: dd 0
header_end:
	times (SETUP_SECTS + 1) * 512 - ($ - $$) db 0

; The protected-mode kernel: the same bytes run in 32- and 64-bit mode.
pm_kernel:
	mov al, EXIT_SUCCESS
	out EXIT_PORT, al
	hlt
	times ENTRY64 - ($ - pm_kernel) db 0
	mov al, EXIT_SUCCESS
	out EXIT_PORT, al
	hlt
	times PM_BYTES - ($ - pm_kernel) db 0
