/*
 * Multiboot2 2.0 (section 3.6): walks the boot information's tags into
 * struct boot, and the checks only Multiboot2 has: the structure itself,
 * the requested tags, the ACPI RSDP copies and the load base address.
 */
#include "mbconf.h"

#define MB2_INFO_MAX (16 * MiB)   /* sanity bound on total_size */

static struct {
	uint32_t total, reserved;
	unsigned count[MB2_TAG_TYPES], others, tags;
	char types[120];
	size_t types_len;
	int ended;                /* an end tag closed the walk */
	uint32_t end_offset;
	char problem[160];
} walk;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	if (walk.problem[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vformat(walk.problem, sizeof(walk.problem), fmt, ap);
	va_end(ap);
}

static void note_type(uint32_t type)
{
	if (walk.types_len + 12 < sizeof(walk.types))
		walk.types_len += (size_t)format(walk.types + walk.types_len, sizeof(walk.types) - walk.types_len,
						 "%s%u", walk.types_len ? "," : "", type);
}

static void tag(uint32_t at, uint32_t type, uint32_t size)
{
	if (type < MB2_TAG_TYPES)
		walk.count[type]++;
	else
		walk.others++;
	note_type(type);

	switch (type) {
	case MB2_TAG_CMDLINE:
		boot.cmdline_present = 1;
		boot.cmdline_addr = at + 8;
		boot.cmdline_max = size - 8;
		break;
	case MB2_TAG_LOADER:
		boot.loader_present = 1;
		boot.loader_addr = at + 8;
		boot.loader_max = size - 8;
		break;
	case MB2_TAG_MODULE:
		boot.mods_present = 1;
		if (size < 17) {
			problem("module tag at 0x%x has size %u (< 17)", at, size);
			break;
		}
		if (boot.nmods < MODS_MAX) {
			struct module *m = &boot.mods[boot.nmods];
			m->start = rd32(at + 8);
			m->end = rd32(at + 12);
			m->string = at + 16;
			m->string_max = size - 16;
			add_object("module", boot.nmods, m->start, m->end);
		}
		boot.nmods++;
		break;
	case MB2_TAG_MEMINFO:
		if (size < 16) {
			problem("basic memory information tag has size %u (< 16)", size);
			break;
		}
		boot.meminfo_present = 1;
		boot.mem_lower = rd32(at + 8);
		boot.mem_upper = rd32(at + 12);
		break;
	case MB2_TAG_BOOTDEV:
		if (size < 20) {
			problem("BIOS boot device tag has size %u (< 20)", size);
			break;
		}
		boot.bootdev_present = 1;
		boot.drive = rd32(at + 8);
		boot.parts[0] = rd32(at + 12);
		boot.parts[1] = rd32(at + 16);
		break;
	case MB2_TAG_MMAP: {
		boot.mmap_present = 1;
		if (size < 16) {
			format(boot.mmap_problem, sizeof(boot.mmap_problem), "memory map tag has size %u (< 16)", size);
			break;
		}
		uint32_t esize = rd32(at + 8), version = rd32(at + 12);
		boot.mmap_entry_size = esize;
		if (esize < MB2_MMAP_ENTRY_MIN || esize % 8) {
			format(boot.mmap_problem, sizeof(boot.mmap_problem),
			       "entry_size %u (a multiple of 8, at least 24)", esize);
			break;
		}
		if (version != 0) {
			format(boot.mmap_problem, sizeof(boot.mmap_problem), "entry_version %u, not 0", version);
			break;
		}
		if ((size - 16) % esize) {
			format(boot.mmap_problem, sizeof(boot.mmap_problem),
			       "tag size %u is not 16 + a whole number of %u-byte entries", size, esize);
			break;
		}
		for (uint32_t off = 16; off < size; off += esize) {
			if (boot.nmmap < MMAP_MAX) {
				struct mmap_entry *e = &boot.mmap[boot.nmmap];
				e->base = rd64(at + off);
				e->length = rd64(at + off + 8);
				e->type = rd32(at + off + 16);
			}
			boot.nmmap++;
		}
		boot.mmap_ok = 1;
		break;
	}
	case MB2_TAG_FB:
		if (size < 30) {
			problem("framebuffer tag has size %u (< 30)", size);
			break;
		}
		boot.fb_present = 1;
		boot.fb.addr = rd64(at + 8);
		boot.fb.pitch = rd32(at + 16);
		boot.fb.width = rd32(at + 20);
		boot.fb.height = rd32(at + 24);
		boot.fb.bpp = rd8(at + 28);
		boot.fb.type = rd8(at + 29);
		/* GRUB's layout (docs/multiboot.md): a u16 reserved, colour information at 32. */
		if (boot.fb.type == FB_TYPE_RGB && size >= 38) {
			boot.fb.colour_present = 1;
			boot.fb.red_pos = rd8(at + 32);
			boot.fb.red_size = rd8(at + 33);
			boot.fb.green_pos = rd8(at + 34);
			boot.fb.green_size = rd8(at + 35);
			boot.fb.blue_pos = rd8(at + 36);
			boot.fb.blue_size = rd8(at + 37);
		}
		break;
	case MB2_TAG_ELF:
		if (size < 20) {
			problem("ELF sections tag has size %u (< 20)", size);
			break;
		}
		boot.elf_present = 1;
		boot.elf_num = rd32(at + 8);
		boot.elf_entsize = rd32(at + 12);
		boot.elf_shndx = rd32(at + 16);
		boot.elf_shdrs = at + 20;
		boot.elf_tag_size = size;
		break;
	case MB2_TAG_ACPI_OLD:
		boot.acpi_old_present = 1;
		boot.acpi_old = at + 8;
		boot.acpi_old_len = size - 8;
		break;
	case MB2_TAG_ACPI_NEW:
		boot.acpi_new_present = 1;
		boot.acpi_new = at + 8;
		boot.acpi_new_len = size - 8;
		break;
	case MB2_TAG_EFI32:
		boot.efi32_st++;
		break;
	case MB2_TAG_EFI32_IH:
		boot.efi32_ih++;
		break;
	case MB2_TAG_EFI_BS:
		boot.efi_bs++;
		break;
	case MB2_TAG_EFI64:
		boot.efi64_st++;
		boot.efi64_st_size = size;
		if (size >= 16)
			boot.efi_system_table = rd64(at + 8);
		break;
	case MB2_TAG_EFI64_IH:
		boot.efi64_ih++;
		boot.efi64_ih_size = size;
		if (size >= 16)
			boot.efi_image_handle = rd64(at + 8);
		break;
	case MB2_TAG_EFI_MMAP:
		boot.efi_mmap++;
		if (size < 16) {
			problem("EFI memory map tag has size %u (< 16)", size);
			break;
		}
		boot.efi_desc_size = rd32(at + 8);
		boot.efi_desc_version = rd32(at + 12);
		boot.efi_mmap_addr = at + 16;
		boot.efi_mmap_bytes = size - 16;
		break;
	case MB2_TAG_LOAD_BASE:
		if (size < 12) {
			problem("load base address tag has size %u (< 12)", size);
			break;
		}
		boot.load_base_present = 1;
		boot.load_base = rd32(at + 8);
		break;
	default:
		break;
	}
}

void mb2_parse(void)
{
	uint32_t info = boot.info;

	boot.nparts = 2;
	walk.total = rd32(info);
	/* The relocatable kernel's entry used this dword as its stack and put it back. */
	walk.reserved = boot.v->flags & V_RELOC ? boot.st->mbi_reserved : rd32(info + 4);
	boot.info_size = walk.total;
	if (walk.total < 16 || walk.total > MB2_INFO_MAX || info + walk.total < info) {
		problem("total_size %u is not between 16 and %u", walk.total, MB2_INFO_MAX);
		return;
	}
	add_object("boot information", 0, info, (uint64_t)info + walk.total);

	uint32_t off = 8;
	while (off + 8 <= walk.total) {
		uint32_t at = info + off, type = rd32(at), size = rd32(at + 4);
		if (size < 8 || size > walk.total - off) {
			problem("tag %u (type %u) at offset %u: size %u runs past total_size %u",
				walk.tags, type, off, size, walk.total);
			return;
		}
		walk.tags++;
		if (type == MB2_TAG_END) {
			walk.ended = 1;
			walk.end_offset = off;
			if (size != 8)
				problem("the end tag has size %u, not 8", size);
			break;
		}
		tag(at, type, size);
		off += (size + MB2_TAG_ALIGN - 1) & ~(uint32_t)(MB2_TAG_ALIGN - 1);
	}
	if (!walk.ended)
		problem("no end tag within total_size %u", walk.total);
	boot.info_ok = 1;
}

static void check_structure(void)
{
	struct check c;
	static const uint8_t once[] = { MB2_TAG_CMDLINE, MB2_TAG_LOADER, MB2_TAG_MEMINFO, MB2_TAG_BOOTDEV,
		MB2_TAG_MMAP, MB2_TAG_FB, MB2_TAG_ELF, MB2_TAG_ACPI_OLD, MB2_TAG_ACPI_NEW, MB2_TAG_LOAD_BASE };

	check_begin(&c, "mb2-structure");
	expect(&c, !walk.problem[0], "%s", walk.problem);
	expect(&c, walk.reserved == 0, "reserved is 0x%x, not 0", walk.reserved);
	if (walk.ended)
		expect(&c, walk.end_offset + 8 == walk.total,
		       "the end tag ends at offset %u, total_size is %u", walk.end_offset + 8, walk.total);
	for (size_t i = 0; i < sizeof(once); i++)
		expect(&c, walk.count[once[i]] <= 1, "%u tags of type %u", walk.count[once[i]], once[i]);
	check_note(&c, "total_size %u, %u tags: types %s,0", walk.total, walk.tags, walk.types);
	check_end(&c);
}

/* Every tag the header's required information request names, when there is something to give. */
static void check_requested(void)
{
	struct check c;
	static const uint8_t required[] = { MB2_TAG_CMDLINE, MB2_TAG_MEMINFO, MB2_TAG_MMAP };

	check_begin(&c, "mb2-requested");
	for (size_t i = 0; i < sizeof(required); i++)
		expect(&c, walk.count[required[i]] > 0, "no tag of type %u, which the header requires", required[i]);
	if (boot.v->flags & V_ELF && boot.expect.elf_sections != 0)
		expect(&c, walk.count[MB2_TAG_ELF] > 0, "no ELF sections tag (type 9), which the header requires");
	if (boot.v->flags & V_EFIMMAP)
		expect(&c, walk.count[MB2_TAG_EFI_MMAP] > 0, "no EFI memory map tag (type 17), which the header requires");
	if (boot.expect.has_modules && boot.expect.modules > 0)
		expect(&c, walk.count[MB2_TAG_MODULE] > 0, "no module tags (type 3), with %u modules expected",
		       boot.expect.modules);
	check_note(&c, "command line, basic memory information, memory map%s%s",
		   boot.v->flags & V_ELF && boot.expect.elf_sections != 0 ? ", ELF sections" : "",
		   boot.v->flags & V_EFIMMAP ? ", EFI memory map" : "");
	check_end(&c);
}

/* ---- ACPI: the tags hold copies of the RSDP; the firmware's is found as ACPI 5.2.5.1 says. ---- */
#define RSDP_V1_SIZE 20
#define RSDP_V2_SIZE 36
#define RSDP_REVISION 15
#define RSDP_LENGTH 20
#define BDA_EBDA_SEGMENT 0x40E

static uint8_t byte_sum(uint32_t a, uint32_t n)
{
	uint8_t s = 0;
	while (n--)
		s = (uint8_t)(s + rd8(a++));
	return s;
}

/* NULL when a valid RSDP of at least revision min_rev (0 or 2) sits at a, within avail bytes. */
static const char *rsdp_problem(uint32_t a, uint32_t avail, int min_rev)
{
	static const char sig[8] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ' };
	if (avail < RSDP_V1_SIZE)
		return "shorter than 20 bytes";
	for (int i = 0; i < 8; i++)
		if (rd8(a + i) != (uint8_t)sig[i])
			return "no \"RSD PTR \" signature";
	if (byte_sum(a, RSDP_V1_SIZE))
		return "the checksum of the first 20 bytes is not 0";
	if (rd8(a + RSDP_REVISION) < min_rev)
		return "revision below 2";
	if (min_rev >= 2) {
		uint32_t len = rd32(a + RSDP_LENGTH);
		if (len < RSDP_V2_SIZE || len > avail)
			return "length below 36 or past the tag";
		if (byte_sum(a, len))
			return "the extended checksum is not 0";
	}
	return NULL;
}

static uint32_t firmware_rsdp(void)
{
	uint32_t ebda = (uint32_t)rd16(BDA_EBDA_SEGMENT) << 4;
	if (ebda >= 0x1000 && ebda < 0xA0000)
		for (uint32_t a = ebda; a < ebda + 1024; a += 16)
			if (!rsdp_problem(a, 0x10000, 0))
				return a;
	for (uint32_t a = 0xE0000; a < 0x100000; a += 16)
		if (!rsdp_problem(a, 0x100000 - a, 0))
			return a;
	return 0;
}

/*
 * Under UEFI there is no RSDP to search for: the firmware's is the one the
 * EFI system table's configuration table names (the ACPI 2.0 entry, else
 * ACPI 1.0), found through tag 12. 0 when it cannot be read below 4 GiB.
 */
#define EFI_ST_SIGNATURE   0x5453595320494249ULL /* "IBI SYST" */
#define EFI_ST_CONFIG_COUNT 104
#define EFI_ST_CONFIG_TABLE 112
#define EFI_CONFIG_ENTRY   24
static const uint8_t acpi20_guid[16] = { 0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4, 0xd3, 0x11,
					 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 };
static const uint8_t acpi10_guid[16] = { 0x30, 0x2d, 0x9d, 0xeb, 0x88, 0x2d, 0xd3, 0x11,
					 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d };

static int guid_at(uint32_t a, const uint8_t *g)
{
	for (int i = 0; i < 16; i++)
		if (rd8(a + i) != g[i])
			return 0;
	return 1;
}

static int efi_st_readable(void)
{
	uint64_t st = boot.efi_system_table;
	return st && st < 0x100000000ULL - 120 && rd64((uint32_t)st) == EFI_ST_SIGNATURE;
}

static uint32_t efi_rsdp(void)
{
	if (!efi_st_readable())
		return 0;
	uint32_t st = (uint32_t)boot.efi_system_table;
	uint64_t count = rd64(st + EFI_ST_CONFIG_COUNT), table = rd64(st + EFI_ST_CONFIG_TABLE), acpi10 = 0;
	if (count > 256 || table + count * EFI_CONFIG_ENTRY >= 0x100000000ULL)
		return 0;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t e = (uint32_t)table + i * EFI_CONFIG_ENTRY;
		uint64_t t = rd64(e + 16);
		if (guid_at(e, acpi20_guid))
			return t < 0x100000000ULL ? (uint32_t)t : 0;
		if (!acpi10 && guid_at(e, acpi10_guid))
			acpi10 = t;
	}
	return acpi10 < 0x100000000ULL ? (uint32_t)acpi10 : 0;
}

static int same_bytes(uint32_t a, uint32_t b, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (rd8(a + i) != rd8(b + i))
			return 0;
	return 1;
}

static void check_acpi(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;
	uint32_t fw = boot.expect.uefi ? efi_rsdp() : firmware_rsdp();
	const char *why;

	check_begin(&c, "acpi");
	if (e->has_acpi) {
		expect(&c, boot.acpi_old_present == !!(e->acpi & ACPI_OLD), "ACPI old RSDP tag %s, expect-acpi says %s",
		       boot.acpi_old_present ? "present" : "absent", e->acpi & ACPI_OLD ? "present" : "absent");
		expect(&c, boot.acpi_new_present == !!(e->acpi & ACPI_NEW), "ACPI new RSDP tag %s, expect-acpi says %s",
		       boot.acpi_new_present ? "present" : "absent", e->acpi & ACPI_NEW ? "present" : "absent");
	}
	if (boot.acpi_old_present) {
		why = rsdp_problem(boot.acpi_old, boot.acpi_old_len, 0);
		expect(&c, !why, "old RSDP tag: %s", why);
		if (!why && expect(&c, fw != 0, "an old RSDP tag, but the firmware has no RSDP"))
			expect(&c, same_bytes(boot.acpi_old, fw, RSDP_V1_SIZE),
			       "the old RSDP tag differs from the firmware's RSDP at 0x%x", fw);
	}
	if (boot.acpi_new_present) {
		why = rsdp_problem(boot.acpi_new, boot.acpi_new_len, 2);
		expect(&c, !why, "new RSDP tag: %s", why);
		if (!why && expect(&c, fw != 0, "a new RSDP tag, but the firmware has no RSDP"))
			expect(&c, same_bytes(boot.acpi_new, fw, rd32(boot.acpi_new + RSDP_LENGTH)),
			       "the new RSDP tag differs from the firmware's RSDP at 0x%x", fw);
	}
	check_note(&c, "tags:%s%s%s; firmware RSDP at 0x%x revision %u", boot.acpi_old_present ? " old" : "",
		   boot.acpi_new_present ? " new" : "", boot.acpi_old_present || boot.acpi_new_present ? "" : " none",
		   fw, fw ? rd8(fw + RSDP_REVISION) : 0u);
	check_end(&c);
}

/*
 * The relocatable kernel must get a load base address tag naming where its
 * image starts, inside the header's bounds and alignment. The others only
 * get one from some loaders; when they do it must name their start too.
 */
static void check_load_base(void)
{
	const struct variant *v = boot.v;
	struct check c;
	uint32_t size = boot.image_end - boot.image_start;

	check_begin(&c, "load-base");
	if (v->flags & V_RELOC) {
		expect(&c, boot.load_base_present, "no load base address tag for a relocatable kernel");
		expect(&c, boot.image_start % v->reloc_align == 0, "the image runs at 0x%x, not %u-byte aligned",
		       boot.image_start, v->reloc_align);
		expect(&c, boot.image_start >= v->reloc_min && (uint64_t)boot.image_start + size - 1 <= v->reloc_max,
		       "the image runs at 0x%x-0x%x, outside min_addr 0x%x max_addr 0x%x", boot.image_start,
		       boot.image_end, v->reloc_min, v->reloc_max);
	}
	if (boot.load_base_present)
		expect(&c, boot.load_base == boot.image_start, "load_base_addr is 0x%x, the image runs at 0x%x",
		       boot.load_base, boot.image_start);
	if (boot.load_base_present)
		check_note(&c, "load_base_addr 0x%x", boot.load_base);
	else
		check_note(&c, "no tag (the image runs at 0x%x)", boot.image_start);
	check_end(&c);
}

void mb2_checks(void)
{
	check_structure();
	check_requested();
}

/*
 * expect-firmware=uefi: the tags a 64-bit UEFI boot gives (specification
 * 3.6.12-3.6.16): the EFI amd64 system table (12) pointing at "IBI SYST",
 * the EFI memory map (17: descriptors of at least 40 bytes, version 1, a
 * whole number of them, page-aligned and non-empty), the EFI amd64 image
 * handle (20); none of the i386 ones (11, 19), and no "boot services not
 * terminated" tag (18): longboot always ends them.
 */
static void check_efi_tags(void)
{
	struct check c;
	unsigned n = 0;

	check_begin(&c, "efi-tags");
	if (expect(&c, boot.efi64_st == 1, "%u EFI amd64 system table tags (type 12), expected 1", boot.efi64_st)) {
		expect(&c, boot.efi64_st_size == 16, "the EFI amd64 system table tag has size %u, not 16", boot.efi64_st_size);
		expect(&c, efi_st_readable(), "the system table pointer 0x%llx is not below 4 GiB at \"IBI SYST\"",
		       boot.efi_system_table);
	}
	if (expect(&c, boot.efi64_ih == 1, "%u EFI amd64 image handle tags (type 20), expected 1", boot.efi64_ih)) {
		expect(&c, boot.efi64_ih_size == 16, "the EFI amd64 image handle tag has size %u, not 16", boot.efi64_ih_size);
		expect(&c, boot.efi_image_handle != 0, "the EFI image handle is NULL");
	}
	if (expect(&c, boot.efi_mmap == 1, "%u EFI memory map tags (type 17), expected 1", boot.efi_mmap) &&
	    expect(&c, boot.efi_desc_size >= 40, "EFI descriptor_size %u (< 40)", boot.efi_desc_size)) {
		uint32_t ds = boot.efi_desc_size;
		expect(&c, boot.efi_desc_version == 1, "EFI descriptor_version %u, not 1", boot.efi_desc_version);
		expect(&c, boot.efi_mmap_bytes % ds == 0, "the EFI map's %u bytes are not a whole number of %u-byte descriptors",
		       boot.efi_mmap_bytes, ds);
		n = boot.efi_mmap_bytes / ds;
		expect(&c, n > 0, "the EFI memory map tag holds no descriptor");
		for (uint32_t i = 0; i < n; i++) {
			uint32_t d = boot.efi_mmap_addr + i * ds;
			uint64_t base = rd64(d + 8), pages = rd64(d + 24);
			expect(&c, pages > 0 && base % PAGE_SIZE == 0, "EFI descriptor %u: %llu pages at 0x%llx", i, pages, base);
		}
	}
	expect(&c, boot.efi32_st == 0 && boot.efi32_ih == 0, "EFI i386 tags (11: %u, 19: %u) from a 64-bit firmware",
	       boot.efi32_st, boot.efi32_ih);
	expect(&c, boot.efi_bs == 0, "an \"EFI boot services not terminated\" tag (18)");
	check_note(&c, "system table at 0x%llx, image handle 0x%llx, EFI map of %u descriptors of %u bytes",
		   boot.efi_system_table, boot.efi_image_handle, n, boot.efi_desc_size);
	check_end(&c);
}

void mb2_late_checks(void)
{
	check_acpi();
	check_load_base();
	if (boot.expect.uefi)
		check_efi_tags();
}
