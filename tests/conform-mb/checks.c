/*
 * The checks both protocols share, over the boot information normalised in
 * struct boot (mb1.c, mb2.c): command line, boot loader name, basic memory
 * information, boot device, modules, memory map, where the loader put
 * things, framebuffer.
 */
#include "mbconf.h"
#include "pattern.h"

#define LOW_MEMORY_KIB 640

void add_object(const char *what, uint32_t index, uint64_t start, uint64_t end)
{
	if (boot.nobjs < OBJS_MAX)
		boot.objs[boot.nobjs++] = (struct object){ what, index, start, end };
}

/* Inside memory the map says is available, and touching no entry of another type. */
int range_available(uint64_t start, uint64_t end)
{
	uint64_t covered = start;
	unsigned n = boot.nmmap < MMAP_MAX ? boot.nmmap : MMAP_MAX;

	for (unsigned i = 0; i < n; i++) {
		const struct mmap_entry *e = &boot.mmap[i];
		if (e->type != MEM_AVAILABLE && overlaps(start, end, e->base, e->base + e->length))
			return 0;
	}
	/* Walk forward through available entries (the map need not be sorted). */
	for (int progress = 1; progress && covered < end;) {
		progress = 0;
		for (unsigned i = 0; i < n; i++) {
			const struct mmap_entry *e = &boot.mmap[i];
			if (e->type == MEM_AVAILABLE && e->base <= covered && e->base + e->length > covered) {
				covered = e->base + e->length;
				progress = 1;
			}
		}
	}
	return covered >= end;
}

uint64_t mem_available_total(void)
{
	uint64_t total = 0;
	unsigned n = boot.nmmap < MMAP_MAX ? boot.nmmap : MMAP_MAX;
	for (unsigned i = 0; i < n; i++)
		if (boot.mmap[i].type == MEM_AVAILABLE)
			total += boot.mmap[i].length;
	return total;
}

static const char *proto_where(const char *mb1, const char *mb2)
{
	return boot.v->protocol == 1 ? mb1 : mb2;
}

void check_cmdline(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;
	uint32_t len = (uint32_t)strlen(boot.cmdline);

	check_begin(&c, "cmdline");
	if (expect(&c, boot.cmdline_present, "no command line (%s)", proto_where("flags bit 2 clear", "no tag 1")))
		expect(&c, boot.cmdline_ok, "the command line at 0x%x has no NUL within %u bytes",
		       boot.cmdline_addr, boot.cmdline_max);
	if (e->has_cmdline_len)
		expect(&c, len == e->cmdline_len, "the command line is %u bytes, expect-cmdline-len says %u",
		       len, e->cmdline_len);
	expect(&c, !e->bad, "malformed or unknown word \"%s\"", e->bad_word);
	check_note(&c, "%u bytes at 0x%x", len, boot.cmdline_addr);
	check_end(&c);
}

void check_loader_name(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;
	char name[80];

	check_begin(&c, "loader-name");
	name[0] = '\0';
	int ok = boot.loader_present && read_string(boot.loader_addr, boot.loader_max, name, sizeof(name));
	if (boot.loader_present)
		expect(&c, ok, "the boot loader name at 0x%x has no NUL within %u bytes",
		       boot.loader_addr, boot.loader_max);
	if (e->has_loader && expect(&c, boot.loader_present, "no boot loader name (%s), expect-loader=%s",
				    proto_where("flags bit 9 clear", "no tag 2"), e->loader))
		expect(&c, starts_with(name, e->loader), "the boot loader is \"%s\", expect-loader says \"%s\"",
		       name, e->loader);
	check_note(&c, "\"%s\"", boot.loader_present ? name : "(none)");
	check_end(&c);
}

/*
 * The header asks for memory information (Multiboot 1 flags bit 1,
 * Multiboot2 a required tag 4): mem_lower at most 640 KiB, mem_upper up to
 * the first hole above 1 MiB at most, so within the available memory there.
 * With expect-mem-mib, mem_upper must also be near the RAM below the PCI
 * hole: at least 90% of min(expect, 2048) MiB (q35 keeps 2 GiB below
 * 4 GiB, pc 3 GiB, when RAM does not fit).
 */
void check_meminfo(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;

	check_begin(&c, "meminfo");
	if (expect(&c, boot.meminfo_present, "no basic memory information (%s)",
		   proto_where("flags bit 0 clear", "no tag 4"))) {
		expect(&c, boot.mem_lower <= LOW_MEMORY_KIB, "mem_lower is %u KiB (> 640)", boot.mem_lower);
		uint64_t upper_end = MiB + (uint64_t)boot.mem_upper * 1024;
		if (boot.mmap_ok && boot.mem_upper)
			expect(&c, range_available(MiB, upper_end),
			       "[1 MiB, 1 MiB + mem_upper) = [0x100000, 0x%llx) is not all available in the memory map",
			       upper_end);
		if (e->has_mem) {
			uint64_t want = (uint64_t)e->mem_mib * 1024, floor = e->mem_mib < 2048 ? e->mem_mib : 2048;
			expect(&c, upper_end / 1024 <= want, "1 MiB + mem_upper = %llu KiB, more than expect-mem-mib %u MiB",
			       upper_end / 1024, e->mem_mib);
			/* Under UEFI the first hole above 1 MiB is the firmware's (OVMF: NVS at 8 MiB). */
			expect(&c, e->uefi || upper_end / 1024 * 10 >= floor * 1024 * 9,
			       "1 MiB + mem_upper = %llu KiB, less than 90%% of %llu MiB", upper_end / 1024, floor);
		}
	}
	check_note(&c, "mem_lower %u KiB, mem_upper %u KiB", boot.mem_lower, boot.mem_upper);
	check_end(&c);
}

/*
 * Multiboot 1: drive, part1, part2, part3 bytes (0xFF: unused); Multiboot2:
 * biosdev, partition, sub_partition dwords (0xFFFFFFFF: unused).
 * expect-part lists the partitions outermost first; the default, none, is
 * a whole-disk boot.
 */
void check_bootdev(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;
	uint32_t none = boot.v->protocol == 1 ? 0xFF : 0xFFFFFFFFu;

	check_begin(&c, "bootdev");
	if (e->uefi)
		expect(&c, !boot.bootdev_present, "a boot device (%s) under UEFI, drive 0x%x",
		       proto_where("flags bit 1", "tag 5"), boot.drive);
	if (e->has_drive && expect(&c, boot.bootdev_present, "no boot device (%s), expect-drive=0x%x",
				   proto_where("flags bit 1 clear", "no tag 5"), e->drive))
		expect(&c, boot.drive == e->drive, "the boot drive is 0x%x, expect-drive says 0x%x", boot.drive, e->drive);
	if (boot.bootdev_present) {
		expect(&c, e->nparts <= boot.nparts, "expect-part lists %u partitions, the protocol has %u fields",
		       e->nparts, boot.nparts);
		for (unsigned i = 0; i < boot.nparts; i++) {
			uint32_t want = i < e->nparts ? e->parts[i] : none;
			expect(&c, boot.parts[i] == want, "partition field %u is 0x%x, expected 0x%x%s", i + 1,
			       boot.parts[i], want, e->has_part ? "" : " (a whole-disk boot)");
		}
		if (boot.nparts == 3)
			check_note(&c, "drive 0x%x, partitions 0x%x 0x%x 0x%x", boot.drive, boot.parts[0], boot.parts[1],
				   boot.parts[2]);
		else
			check_note(&c, "biosdev 0x%x, partition 0x%x, sub_partition 0x%x", boot.drive, boot.parts[0],
				   boot.parts[1]);
	} else {
		check_note(&c, "none given");
	}
	check_end(&c);
}

/* Offset of the first byte that is not what mkmod writes for a module of this size, or size. */
static uint32_t module_mismatch(uint32_t a, uint32_t size)
{
	uint32_t s = module_seed(size);
	for (uint32_t k = 0; k < size; k++) {
		s = pattern_step(s);
		uint8_t want = (uint8_t)s;
		if (size >= MOD_HEADER && k < 8)
			want = (uint8_t)MOD_MAGIC[k];
		else if (size >= MOD_HEADER && k < MOD_HEADER)
			want = k < 12 ? (uint8_t)(size >> (8 * (k - 8))) : 0;
		if (rd8(a + k) != want)
			return k;
	}
	return size;
}

void check_modules(void)
{
	const struct expectations *e = &boot.expect;
	struct check c, align, content;
	char str[STR_MAX];
	unsigned n = boot.nmods < MODS_MAX ? boot.nmods : MODS_MAX;

	check_begin(&c, "modules");
	if (e->has_modules) {
		expect(&c, boot.nmods == e->modules, "%u modules, expect-modules says %u", boot.nmods, e->modules);
		if (boot.v->protocol == 1 && e->modules)
			expect(&c, boot.mods_present, "flags bit 3 clear, with %u modules expected", e->modules);
	}
	expect(&c, boot.nmods <= MODS_MAX, "%u modules: this kernel checks at most %u", boot.nmods, MODS_MAX);
	if (e->has_strings)
		expect(&c, e->nstrings == n, "expect-module-strings lists %u strings for %u modules", e->nstrings, n);
	if (e->has_sizes)
		expect(&c, e->nsizes == n, "expect-module-sizes lists %u sizes for %u modules", e->nsizes, n);
	for (unsigned i = 0; i < n; i++) {
		const struct module *m = &boot.mods[i];
		expect(&c, m->end >= m->start, "module %u: mod_end 0x%x is below mod_start 0x%x", i, m->end, m->start);
		int ok = read_string(m->string, m->string_max, str, sizeof(str));
		expect(&c, ok, "module %u: its string at 0x%x has no NUL within %u bytes", i, m->string, m->string_max);
		if (ok && e->has_strings && i < e->nstrings)
			expect(&c, str_eq(str, e->strings[i]), "module %u's string is \"%s\", expected \"%s\"", i, str,
			       e->strings[i]);
		if (e->has_sizes && i < e->nsizes)
			expect(&c, m->end - m->start == e->sizes[i], "module %u (\"%s\") is %u bytes, expected %llu", i,
			       str, m->end - m->start, e->sizes[i]);
	}
	check_note(&c, "%u modules%s%s", boot.nmods, e->has_strings ? ", strings" : "", e->has_sizes ? ", sizes" : "");
	check_end(&c);

	/* Multiboot 1 header flags bit 0; Multiboot2 module alignment tag. */
	check_begin(&align, "modules-align");
	for (unsigned i = 0; i < n; i++)
		expect(&align, boot.mods[i].start % PAGE_SIZE == 0, "module %u at 0x%x is not 4 KiB aligned", i,
		       boot.mods[i].start);
	check_note(&align, "%u modules on 4 KiB boundaries", n);
	check_end(&align);

	check_begin(&content, "modules-content");
	uint64_t bytes = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct module *m = &boot.mods[i];
		if (m->end < m->start)
			continue;
		uint32_t size = m->end - m->start, bad = module_mismatch(m->start, size);
		expect(&content, bad == size, "module %u (%u bytes at 0x%x): byte %u is 0x%x, not what mkmod writes",
		       i, size, m->start, bad, bad < size ? rd8(m->start + bad) : 0u);
		bytes += size;
	}
	check_note(&content, "%llu bytes verified", bytes);
	check_end(&content);
}

/*
 * The memory map: present (Multiboot 1 flags bit 6, which this kernel
 * requires of a loader that has one; Multiboot2 a required tag), well
 * formed, no entry wrapping past 2^64; with expect-mem-mib the available
 * total is between 90% and 100% of it. mmap-kernel: the kernel's image is
 * available memory.
 */
void check_mmap(void)
{
	const struct expectations *e = &boot.expect;
	struct check c;
	unsigned n = boot.nmmap < MMAP_MAX ? boot.nmmap : MMAP_MAX, types[6] = { 0 };

	check_begin(&c, "mmap");
	if (expect(&c, boot.mmap_present, "no memory map (%s)", proto_where("flags bit 6 clear", "no tag 6"))) {
		expect(&c, boot.mmap_ok, "%s", boot.mmap_problem);
		expect(&c, boot.nmmap <= MMAP_MAX, "%u entries: this kernel reads at most %u", boot.nmmap, MMAP_MAX);
		expect(&c, n > 0, "no entries");
	}
	for (unsigned i = 0; i < n; i++) {
		const struct mmap_entry *m = &boot.mmap[i];
		expect(&c, m->base + m->length >= m->base, "entry %u [0x%llx, +0x%llx) wraps past 2^64", i, m->base,
		       m->length);
		types[m->type < 6 ? m->type : 0]++;
	}
	uint64_t total = mem_available_total();
	if (e->has_mem) {
		uint64_t want = (uint64_t)e->mem_mib * MiB;
		expect(&c, total <= want, "%llu KiB available, more than expect-mem-mib %u MiB", total >> 10, e->mem_mib);
		expect(&c, total * 10 >= want * 9, "%llu KiB available, less than 90%% of expect-mem-mib %u MiB",
		       total >> 10, e->mem_mib);
	}
	check_note(&c, "%u entries of %u bytes: %u available, %u reserved, %u ACPI, %u NVS, %u bad, %u other; %llu KiB available",
		   boot.nmmap, boot.mmap_entry_size, types[1], types[2], types[3], types[4], types[5], types[0],
		   total >> 10);
	check_end(&c);

	check_begin(&c, "mmap-kernel");
	for (unsigned i = 0; i < boot.nranges; i++)
		expect(&c, range_available(boot.range_start[i], boot.range_end[i]),
		       "the kernel's [0x%x, 0x%x) is not all available memory", boot.range_start[i], boot.range_end[i]);
	check_note(&c, "[0x%x, 0x%x) available", boot.image_start, boot.image_end);
	check_end(&c);
}

/*
 * Everything the loader put in memory for the kernel (the information
 * structure and what it points to, the modules, the loaded ELF sections)
 * lies in available memory, below 4 GiB, outside the kernel (an ELF
 * kernel's segments: GRUB puts loaded sections between them), and no module
 * overlaps anything else.
 */
void check_placement(void)
{
	struct check c;

	check_begin(&c, "placement");
	for (unsigned i = 0; i < boot.nobjs; i++) {
		const struct object *o = &boot.objs[i];
		if (o->end <= o->start)
			continue;
		expect(&c, o->end <= 0x100000000ULL, "%s %u [0x%llx, 0x%llx) passes 4 GiB", o->what, o->index, o->start,
		       o->end);
		for (unsigned k = 0; k < boot.nranges; k++)
			expect(&c, !overlaps(o->start, o->end, boot.range_start[k], boot.range_end[k]),
			       "%s %u [0x%llx, 0x%llx) overlaps the kernel's [0x%x, 0x%x)", o->what, o->index, o->start,
			       o->end, boot.range_start[k], boot.range_end[k]);
		if (boot.mmap_ok)
			expect(&c, range_available(o->start, o->end),
			       "%s %u [0x%llx, 0x%llx) is not in available memory", o->what, o->index, o->start, o->end);
		for (unsigned j = 0; j < i; j++) {
			const struct object *p = &boot.objs[j];
			int module = str_eq(o->what, "module") || str_eq(p->what, "module");
			if (module && p->end > p->start)
				expect(&c, !overlaps(o->start, o->end, p->start, p->end),
				       "%s %u [0x%llx, 0x%llx) overlaps %s %u [0x%llx, 0x%llx)", o->what, o->index,
				       o->start, o->end, p->what, p->index, p->start, p->end);
		}
	}
	expect(&c, boot.nobjs < OBJS_MAX, "more than %u objects: some were not checked", OBJS_MAX - 1);
	check_note(&c, "%u objects, information structure at 0x%x", boot.nobjs, boot.info);
	check_end(&c);
}

/* Direct RGB: each colour has bits, lies inside the pixel, and no two overlap. */
static void check_colours(struct check *c, const struct framebuffer *f)
{
	const uint8_t pos[3] = { f->red_pos, f->green_pos, f->blue_pos };
	const uint8_t size[3] = { f->red_size, f->green_size, f->blue_size };
	static const char name[3][6] = { "red", "green", "blue" };
	uint64_t seen = 0;

	if (!expect(c, f->colour_present, "no colour information for a direct RGB framebuffer"))
		return;
	for (int i = 0; i < 3; i++) {
		if (!expect(c, size[i] > 0 && size[i] <= 16, "%s mask size %u", name[i], size[i]))
			continue;
		if (!expect(c, (unsigned)pos[i] + size[i] <= f->bpp, "%s bits [%u, %u) reach past the %u-bit pixel",
			    name[i], pos[i], pos[i] + size[i], f->bpp))
			continue;
		uint64_t mask = ((1ull << size[i]) - 1) << pos[i];
		expect(c, !(seen & mask), "%s bits [%u, %u) overlap another colour's", name[i], pos[i], pos[i] + size[i]);
		seen |= mask;
	}
}

static uint32_t read_pixel(uint32_t a, uint32_t n)
{
	uint32_t v = 0;
	for (uint32_t i = 0; i < n; i++)
		v |= (uint32_t)*(volatile uint8_t *)(uintptr_t)(a + i) << (8 * i);
	return v;
}

static void write_pixel(uint32_t a, uint32_t n, uint32_t v)
{
	for (uint32_t i = 0; i < n; i++)
		*(volatile uint8_t *)(uintptr_t)(a + i) = (uint8_t)(v >> (8 * i));
}

/* A few pixels (corners, middle) written and read back, then restored. */
static void check_pixels(struct check *c, const struct framebuffer *f)
{
	uint32_t bytes = f->bpp / 8;
	uint64_t end = f->addr + (uint64_t)f->pitch * f->height;
	const uint32_t xs[4] = { 0, f->width - 1, f->width / 2, 0 };
	const uint32_t ys[4] = { 0, 0, f->height / 2, f->height - 1 };
	uint32_t all = bytes == 4 ? 0xFFFFFFFFu : (1u << (8 * bytes)) - 1;

	if (!expect(c, bytes >= 1 && bytes <= 4 && end <= 0x100000000ull,
		    "framebuffer [0x%llx, 0x%llx) with %u bits a pixel cannot be written (paging is off)", f->addr, end,
		    f->bpp))
		return;
	for (int i = 0; i < 4; i++) {
		uint32_t a = (uint32_t)f->addr + ys[i] * f->pitch + xs[i] * bytes;
		uint32_t old = read_pixel(a, bytes);
		for (uint32_t k = 0; k < 2; k++) {
			uint32_t v = ((0x5AC3E187u + (uint32_t)i * 0x01010101u) ^ (k ? 0xFFFFFFFFu : 0)) & all;
			write_pixel(a, bytes, v);
			uint32_t got = read_pixel(a, bytes);
			expect(c, got == v, "pixel (%u, %u) at 0x%x: wrote 0x%x, read 0x%x", xs[i], ys[i], a, v, got);
		}
		write_pixel(a, bytes, old);
	}
}

/*
 * expect-fb: text (present: EGA text, 0xB8000, 80x25), rgb (present,
 * direct colour), none (absent), any (if present, sane for its type). By
 * default a kernel that asked for a graphics mode (V_GFX) must get RGB, a
 * Multiboot 1 kernel that asked for text mode (header bit 2) text;
 * otherwise a framebuffer, when given, must be text mode.
 * expect-fb-mode: its width, height (and bpp).
 */
void check_framebuffer(void)
{
	const struct framebuffer *f = &boot.fb;
	const struct expectations *e = &boot.expect;
	struct check c;
	int want = e->fb;

	/* UEFI has no text mode: GOP gives direct RGB, when anything. */
	if (want == FB_EXPECT_DEFAULT && e->uefi)
		want = boot.v->flags & (V_GFX | V_VIDEO) || boot.fb_present ? FB_EXPECT_RGB : FB_EXPECT_NONE;
	if (want == FB_EXPECT_DEFAULT)
		want = boot.v->flags & V_GFX ? FB_EXPECT_RGB :
		       boot.v->flags & V_VIDEO || boot.fb_present ? FB_EXPECT_TEXT : FB_EXPECT_NONE;

	check_begin(&c, "framebuffer");
	if (want == FB_EXPECT_NONE)
		expect(&c, !boot.fb_present, "a framebuffer (type %u at 0x%llx), none expected", f->type, f->addr);
	else if (want != FB_EXPECT_ANY)
		expect(&c, boot.fb_present, "no framebuffer information (%s)", proto_where("flags bit 12 clear", "no tag 8"));
	if (boot.fb_present) {
		if (want == FB_EXPECT_TEXT)
			expect(&c, f->type == FB_TYPE_TEXT, "framebuffer type %u, not 2 (EGA text)", f->type);
		if (want == FB_EXPECT_RGB)
			expect(&c, f->type == FB_TYPE_RGB, "framebuffer type %u, not 1 (direct RGB)", f->type);
		if (e->has_fb_mode) {
			expect(&c, f->width == e->fb_width && f->height == e->fb_height, "framebuffer %ux%u, expected %ux%u",
			       f->width, f->height, e->fb_width, e->fb_height);
			expect(&c, !e->fb_bpp || f->bpp == e->fb_bpp, "framebuffer bpp %u, expected %u", f->bpp, e->fb_bpp);
		}
		if (f->type == FB_TYPE_TEXT) {
			expect(&c, f->addr == EGA_TEXT_BASE, "EGA text at 0x%llx, not 0xB8000", f->addr);
			expect(&c, f->width == 80 && f->height == 25, "EGA text %ux%u, not 80x25", f->width, f->height);
			expect(&c, f->bpp == 16 && f->pitch == f->width * 2, "EGA text: bpp %u, pitch %u (16 and 2 * width)",
			       f->bpp, f->pitch);
		} else {
			int sane = expect(&c, f->addr != 0 && f->width && f->height, "a %ux%u framebuffer at 0x%llx",
					  f->width, f->height, f->addr);
			sane &= expect(&c, f->bpp && (uint64_t)f->pitch * 8 >= (uint64_t)f->width * f->bpp,
				       "pitch %u is less than width %u * bpp %u / 8", f->pitch, f->width, f->bpp);
			if (f->type == FB_TYPE_RGB) {
				sane &= expect(&c, f->bpp == 15 || f->bpp == 16 || f->bpp == 24 || f->bpp == 32,
					       "direct RGB with %u bits a pixel", f->bpp);
				check_colours(&c, f);
				if (sane)
					check_pixels(&c, f);
			}
		}
		if (f->type == FB_TYPE_RGB && f->colour_present)
			check_note(&c, "type 1 at 0x%llx, %ux%u, bpp %u, pitch %u, red %u@%u green %u@%u blue %u@%u%s",
				   f->addr, f->width, f->height, f->bpp, f->pitch, f->red_size, f->red_pos, f->green_size,
				   f->green_pos, f->blue_size, f->blue_pos, c.failures ? "" : ", pixels written and read back");
		else
			check_note(&c, "type %u at 0x%llx, %ux%u, bpp %u, pitch %u", f->type, f->addr, f->width, f->height,
				   f->bpp, f->pitch);
	} else {
		check_note(&c, "none");
	}
	check_end(&c);
}

/*
 * Multiboot 1 flag 11: copies of what VBE returned. Printed when flag 11
 * is set or the kernel asked for a graphics mode (which needs it).
 */
void check_vbe(void)
{
	const struct vbe *v = &boot.vbe;
	const struct framebuffer *f = &boot.fb;
	struct check c;

	if (!(boot.v->protocol == 1 && (boot.vbe_present || boot.v->flags & V_GFX)))
		return;
	check_begin(&c, "vbe");
	if (boot.expect.uefi) {
		/* GOP has no VBE: flags bit 11 must stay clear. */
		expect(&c, !boot.vbe_present, "VBE information (flags bit 11) under UEFI");
		check_note(&c, "none under UEFI");
		check_end(&c);
		return;
	}
	if (!expect(&c, boot.vbe_present, "no VBE information (flags bit 11 clear)")) {
		check_end(&c);
		return;
	}
	uint32_t ci = v->control_info, mi = v->mode_info;
	if (expect(&c, ci != 0 && ci <= 0xFFFFFFFFu - VBE_CONTROL_SIZE, "vbe_control_info is 0x%x", ci)) {
		expect(&c, rd8(ci) == 'V' && rd8(ci + 1) == 'E' && rd8(ci + 2) == 'S' && rd8(ci + 3) == 'A',
		       "vbe_control_info 0x%x does not start with \"VESA\"", ci);
		expect(&c, rd16(ci + VBE_CI_VERSION) >= 0x0200, "VBE version 0x%x, not 2.0 or later",
		       rd16(ci + VBE_CI_VERSION));
	}
	if (expect(&c, mi != 0 && mi <= 0xFFFFFFFFu - VBE_MODE_INFO_SIZE, "vbe_mode_info is 0x%x", mi) &&
	    expect(&c, boot.fb_present, "VBE information without framebuffer information (flags bit 12)")) {
		uint32_t x = rd16(mi + VBE_MI_XRES), y = rd16(mi + VBE_MI_YRES), bpp = rd8(mi + VBE_MI_BPP);
		expect(&c, x == f->width && y == f->height && bpp == f->bpp,
		       "vbe_mode_info says %ux%ux%u, the framebuffer fields %ux%ux%u", x, y, bpp, f->width, f->height,
		       f->bpp);
		expect(&c, rd32(mi + VBE_MI_PHYS_BASE) == f->addr, "vbe_mode_info's PhysBasePtr 0x%x, framebuffer_addr 0x%llx",
		       rd32(mi + VBE_MI_PHYS_BASE), f->addr);
	}
	check_note(&c, "VBE %u.%u, mode 0x%x, interface %04x:%04x length %u", rd8(ci + VBE_CI_VERSION + 1),
		   rd8(ci + VBE_CI_VERSION), v->mode, v->interface_seg, v->interface_off, v->interface_len);
	check_end(&c);
}
