/* The EFI application's PE headers, checked (pe.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "le.h"
#include "pe.h"

#define PROBLEM(...) (snprintf(why, why_size, __VA_ARGS__), why)

const char *pe_efi_app_problem(const struct pe_file *f, char *why, size_t why_size)
{
	unsigned char dos[PE_DOS_HEADER_BYTES];
	unsigned char nt[PE_SIGNATURE_BYTES + PE_COFF_BYTES + PE_OPT_SUBSYSTEM_END];
	const unsigned char *coff = nt + PE_SIGNATURE_BYTES;
	const unsigned char *opt = coff + PE_COFF_BYTES;
	uint64_t lfanew, headers_end;
	uint16_t machine, magic, subsystem;

	if (f->size < 2 || !f->read(f->ctx, 0, dos, 2) || memcmp(dos, PE_DOS_MAGIC, 2) != 0)
		return PROBLEM("is not a PE image (no \"MZ\" at byte 0)");
	if (f->size < sizeof(dos))
		return PROBLEM("is truncated: %" PRIu64 " bytes, shorter than the %u-byte MZ header",
			       f->size, (unsigned)sizeof(dos));
	if (!f->read(f->ctx, 0, dos, sizeof(dos)))
		return PROBLEM("cannot be read");
	lfanew = get_le32(dos + PE_DOS_LFANEW);
	headers_end = lfanew + sizeof(nt);
	if (lfanew + PE_SIGNATURE_BYTES > f->size)
		return PROBLEM("is truncated or not a PE image: e_lfanew 0x%" PRIx64
			       " points past its end (%" PRIu64 " bytes)", lfanew, f->size);
	if (!f->read(f->ctx, lfanew, nt, PE_SIGNATURE_BYTES))
		return PROBLEM("cannot be read");
	if (memcmp(nt, PE_SIGNATURE, PE_SIGNATURE_BYTES) != 0)
		return PROBLEM("is not a PE image (no \"PE\\0\\0\" at e_lfanew 0x%" PRIx64 ")", lfanew);
	if (headers_end > f->size)
		return PROBLEM("is truncated: its PE headers end at byte %" PRIu64
			       ", the file at %" PRIu64, headers_end, f->size);
	if (!f->read(f->ctx, lfanew, nt, sizeof(nt)))
		return PROBLEM("cannot be read");
	machine = get_le16(coff + PE_COFF_MACHINE);
	magic = get_le16(opt + PE_OPT_MAGIC);
	subsystem = get_le16(opt + PE_OPT_SUBSYSTEM);
	if (machine != PE_MACHINE_X86_64)
		return PROBLEM("is a PE image for machine 0x%04x, not x86-64 (0x%04x)", machine,
			       PE_MACHINE_X86_64);
	if (magic == PE_MAGIC_PE32)
		return PROBLEM("is PE32 (optional header magic 0x%03x), not PE32+ (0x%03x)",
			       magic, PE_MAGIC_PE32_PLUS);
	if (magic != PE_MAGIC_PE32_PLUS)
		return PROBLEM("has optional header magic 0x%04x, not PE32+ (0x%03x)", magic,
			       PE_MAGIC_PE32_PLUS);
	if (get_le16(coff + PE_COFF_OPT_SIZE) < PE_OPT_SUBSYSTEM_END)
		return PROBLEM("has a %u-byte optional header, too small to hold its subsystem",
			       get_le16(coff + PE_COFF_OPT_SIZE));
	if (subsystem != PE_SUBSYSTEM_EFI_APPLICATION)
		return PROBLEM("has subsystem %u, not an EFI application (%u)", subsystem,
			       PE_SUBSYSTEM_EFI_APPLICATION);
	return NULL;
}
