; The bench kernel's file-backed data: the file named by PAYLOAD, or
; nothing when PAYLOAD is not defined (the tiny kernel).

	section .payload progbits alloc noexec nowrite align=16
	global payload_start, payload_end
payload_start:
%ifdef PAYLOAD
	incbin PAYLOAD
%endif
payload_end:
