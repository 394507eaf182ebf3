; A one-sector MBR that leaves RAM dirty before the loader runs: it fills
; every byte of E820-usable memory from 1 MiB to 4 GiB with a non-zero
; pattern that varies with the address, then boots the second hard disk
; without a reset. A loader or kernel that assumes fresh RAM is zero then
; sees garbage instead.
;
; The fill runs in unreal mode: ES is loaded in protected mode with a 4 GiB
; limit, and back in real mode the CPU keeps using the limit in ES's
; descriptor cache (which is why Intel SDM vol. 3A, 9.9.2 has code that
; returns to real mode load 64 KiB descriptors first).
; Interrupts stay off while ES is in use, so no BIOS handler reloads it.
bits 16
%include "chainload.inc"
org RELOC_ADDR

%define E820_BUF        0x0500
%define E820_SMAP       0x534D4150
%define E820_ENTRY_SIZE 20	; without the ACPI 3.0 attributes
%define E820_USABLE     1
%define FILL_START      0x100000
%define FILL_LIMIT      0xFFFFFFFC	; last whole dword below 4 GiB
%define PATTERN         0xDEADBEEF	; ^ address: never 0 for an aligned address
%define PORT_SYSCTL_A   0x92
%define SYSCTL_A20      0x02
%define SYSCTL_RESET    0x01
%define CR0_PE          0x01
%define SEL_FLAT        0x08

start:
	relocate
	; A20 on through System Control Port A for the fill, then back as the
	; BIOS left it before the loader runs.
	in al, PORT_SYSCTL_A
	mov [saved_sysctl], al
	or al, SYSCTL_A20
	and al, ~SYSCTL_RESET
	out PORT_SYSCTL_A, al

	xor ebx, ebx
.next:	mov eax, 0xE820
	mov edx, E820_SMAP
	mov ecx, E820_ENTRY_SIZE
	mov di, E820_BUF
	int 0x15
	jc .done
	cmp eax, E820_SMAP
	jne .done
	push ebx
	call fill_entry
	pop ebx
	test ebx, ebx
	jnz .next
.done:
	mov al, [saved_sysctl]
	and al, ~SYSCTL_RESET
	out PORT_SYSCTL_A, al
	mov si, msg_filled
	call print
	mov eax, [filled]
	call print_hex32
	mov si, msg_bytes
	call print
	jmp chainload

; Prints EAX as 8 hex digits.
print_hex32:
	mov cx, 8
.digit:	rol eax, 4
	push eax
	and al, 0x0F
	add al, '0'
	cmp al, '9'
	jbe .put
	add al, 'a' - '9' - 1
.put:	push cx
	call putc
	pop cx
	pop eax
	loop .digit
	ret

; Fills the usable part of the E820 entry at E820_BUF that lies in
; [FILL_START, FILL_LIMIT).
fill_entry:
	cmp dword [E820_BUF + 16], E820_USABLE
	jne .ret
	cmp dword [E820_BUF + 4], 0
	jne .ret
	mov edi, [E820_BUF]
	mov eax, [E820_BUF + 8]
	mov edx, [E820_BUF + 12]
	add eax, edi
	adc edx, 0
	jnz .clip
	cmp eax, FILL_LIMIT
	jbe .end_ok
.clip:	mov eax, FILL_LIMIT
.end_ok:
	mov ebx, eax
	and ebx, ~3
	cmp edi, FILL_START
	jae .start_ok
	mov edi, FILL_START
.start_ok:
	add edi, 3
	and edi, ~3
	cmp edi, ebx
	jae .ret
	mov eax, ebx
	sub eax, edi
	add [filled], eax
	cli
	call unreal_es
.fill:	mov eax, edi
	xor eax, PATTERN
	mov [es:edi], eax
	add edi, 4
	cmp edi, ebx
	jb .fill
	sti
.ret:	ret

; Gives ES base 0 and a 4 GiB limit in real mode. Interrupts must be off.
unreal_es:
	lgdt [gdt_desc]
	mov eax, cr0
	or al, CR0_PE
	mov cr0, eax
	mov ax, SEL_FLAT
	mov es, ax
	mov eax, cr0
	and al, ~CR0_PE
	mov cr0, eax
	xor ax, ax
	mov es, ax
	ret

	chainload_code

gdt:	dq 0
	dq 0x00CF92000000FFFF		; SEL_FLAT: data, base 0, limit 4 GiB
gdt_desc:
	dw gdt_desc - gdt - 1
	dd gdt
saved_sysctl: db 0
filled:       dd 0
msg_filled:   db "test mbr: filled 0x", 0
msg_bytes:    db " bytes", 13, 10, 0

	times 510 - ($ - $$) db 0
	dw MBR_SIGNATURE
