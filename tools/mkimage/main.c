/*
 * mkimage: builds the longboot disk image (docs/image-format.md) from
 * stage1, stage2, a kernel (longboot ELF, Multiboot 1 or 2, or a Linux
 * bzImage), a command line, modules and initrds; with --inspect
 * it prints an image's layout and verifies every checksum in it.
 * docs/mkimage.md describes the command and lists the other files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkimage.h"

static const char usage_text[] =
	"usage: " PROG " -o IMAGE --stage1 FILE --stage2 FILE --kernel FILE\n"
	"               [--protocol NAME] [--cmdline TEXT] [--module FILE [STRING]]...\n"
	"               [--initrd FILE]... [--video MODE] [--efi FILE]\n"
	"       " PROG " --inspect IMAGE\n"
	"       " PROG " --help\n"
	"\n"
	"Builds a longboot disk image, or prints an image's layout and checks it.\n"
	"\n"
	"  -o, --output IMAGE  the image to write; replaced only when the build succeeds\n"
	"  --stage1 FILE       the MBR boot code: 512 bytes ending in 0x55 0xAA\n"
	"  --stage2 FILE       the second-stage loader, a flat binary\n"
	"  --kernel FILE       the kernel: a longboot ELF64, a Multiboot 1 or 2 kernel,\n"
	"                      or a Linux bzImage (found by its headers)\n"
	"  --protocol NAME     boot it as longboot, multiboot2, multiboot1, linux or\n"
	"                      linux16 instead of what its headers say\n"
	"  --cmdline TEXT      the kernel command line, at most 4095 bytes\n"
	"  --module FILE [STRING]\n"
	"                      a file loaded into memory for the kernel (repeatable);\n"
	"                      STRING, when the next argument does not start with '-',\n"
	"                      is its Multiboot string (default: the file's name)\n"
	"  --initrd FILE       Linux: an initrd; several are loaded back to back\n"
	"  --video MODE        the display mode to set: WIDTHxHEIGHT[xBPP] or text;\n"
	"                      without it, a longboot kernel's video note decides\n"
	"  --efi FILE          an EFI application (PE32+, x86-64) to store as\n"
	"                      \\EFI\\BOOT\\BOOTX64.EFI in an EFI system partition,\n"
	"                      so that UEFI firmware boots the image too\n"
	"  --inspect IMAGE     print IMAGE's layout and verify every checksum in it\n"
	"  -h, --help          print this help\n"
	"\n"
	"Exit status: 0 on success, 1 when an input or the image is bad,\n"
	"2 when the command line is wrong.\n";

struct options {
	const char *out, *stage1, *stage2, *kernel, *cmdline, *inspect, *protocol, *video, *efi;
	struct module_arg *modules;
	uint32_t nmodules;
	char **initrds;
	uint32_t ninitrds;
};

/* Matches "--name VALUE" and "--name=VALUE"; short is "-o" style or NULL. */
static int take_value(int argc, char **argv, int *i, const char *name, const char *short_name,
		      const char **value)
{
	const char *arg = argv[*i];
	size_t len = strlen(name);

	if (strncmp(arg, name, len) == 0 && arg[len] == '=') {
		*value = arg + len + 1;
		return 1;
	}
	if (strcmp(arg, name) != 0 && !(short_name && strcmp(arg, short_name) == 0))
		return 0;
	if (*i + 1 >= argc)
		usage_error("option %s needs a value", arg);
	*value = argv[++*i];
	return 1;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct {
		const char *name, *short_name;
		size_t field;
	} single[] = {
		{ "--output", "-o", offsetof(struct options, out) },
		{ "--stage1", NULL, offsetof(struct options, stage1) },
		{ "--stage2", NULL, offsetof(struct options, stage2) },
		{ "--kernel", NULL, offsetof(struct options, kernel) },
		{ "--cmdline", NULL, offsetof(struct options, cmdline) },
		{ "--inspect", NULL, offsetof(struct options, inspect) },
		{ "--protocol", NULL, offsetof(struct options, protocol) },
		{ "--video", NULL, offsetof(struct options, video) },
		{ "--efi", NULL, offsetof(struct options, efi) },
	};

	memset(o, 0, sizeof(*o));
	o->modules = xcalloc((size_t)argc, sizeof(*o->modules));
	o->initrds = xcalloc((size_t)argc, sizeof(*o->initrds));
	for (int i = 1; i < argc; i++) {
		const char *value;
		size_t j;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			if (fflush(stdout) != 0)
				die("stdout", "%s", strerror(errno));
			exit(0);
		}
		if (take_value(argc, argv, &i, "--module", NULL, &value)) {
			struct module_arg *m = &o->modules[o->nmodules++];
			m->path = value;
			if (i + 1 < argc && argv[i + 1][0] != '-')
				m->string = argv[++i];
			continue;
		}
		if (take_value(argc, argv, &i, "--initrd", NULL, &value)) {
			o->initrds[o->ninitrds++] = (char *)value;
			continue;
		}
		for (j = 0; j < sizeof(single) / sizeof(single[0]); j++) {
			const char **slot = (const char **)((char *)o + single[j].field);

			if (!take_value(argc, argv, &i, single[j].name, single[j].short_name, &value))
				continue;
			if (*slot)
				usage_error("option %s given twice", single[j].name);
			*slot = value;
			break;
		}
		if (j < sizeof(single) / sizeof(single[0]))
			continue;
		if (argv[i][0] == '-')
			usage_error("unknown option '%s'", argv[i]);
		usage_error("unexpected argument '%s'", argv[i]);
	}

	if (o->inspect) {
		if (o->out || o->stage1 || o->stage2 || o->kernel || o->cmdline || o->nmodules ||
		    o->ninitrds || o->protocol || o->video || o->efi)
			usage_error("--inspect takes no other option");
		return;
	}
	if (argc == 1)
		usage_error("nothing to do");
	if (!o->out)
		usage_error("missing -o IMAGE");
	if (!o->stage1)
		usage_error("missing --stage1 FILE");
	if (!o->stage2)
		usage_error("missing --stage2 FILE");
	if (!o->kernel)
		usage_error("missing --kernel FILE");
	if (o->protocol && !protocol_by_name(o->protocol))
		usage_error("unknown protocol '%s' (longboot, multiboot2, multiboot1, linux, linux16)",
			    o->protocol);
}

int main(int argc, char **argv)
{
	struct options opt;
	static struct build b;

	parse_options(argc, argv, &opt);
	if (opt.inspect) {
		inspect(opt.inspect);
		free(opt.modules);
		free(opt.initrds);
		if (fflush(stdout) != 0)
			die("stdout", "%s", strerror(errno));
		return 0;
	}

	/* A failure from here on removes the temporary image, signals too. */
	catch_signals();
	b.out.path = opt.out;
	/* Every input is checked before anything is written. */
	check_stage1(&b, opt.stage1);
	check_stage2(&b, opt.stage2);
	if (opt.efi)
		check_efi_app(&b.esp, opt.efi);
	read_kernel(&b.kernel, opt.kernel, opt.protocol ? protocol_by_name(opt.protocol) : 0);
	check_cmdline(&b, opt.cmdline);
	check_modules(&b, opt.modules, opt.nmodules);
	check_initrds(&b, opt.initrds, opt.ninitrds);
	if (opt.video)
		parse_video(opt.video, &b.video);
	else
		read_video_note(&b.kernel, &b.video);
	check_params(&b);
	/* The output last: it must be none of the inputs. */
	check_output(&b);
	/* Place every part, packing the kernel, and check the packed kernel again. */
	lay_out(&b);
	recheck_packed_kernel(&b.kernel);
	/* Write a temporary file and rename it over the output. */
	write_image(&b);
	printf("%s: %s: %s, %s", PROG, b.out.path, opt.kernel, b.kernel.format);
	if (b.video.kind == VIDEO_REQUEST_TEXT)
		printf(", video text");
	else if (b.video.kind == VIDEO_REQUEST_FRAMEBUFFER && b.video.bpp)
		printf(", video %ux%ux%u", b.video.width, b.video.height, b.video.bpp);
	else if (b.video.kind == VIDEO_REQUEST_FRAMEBUFFER)
		printf(", video %ux%u", b.video.width, b.video.height);
	printf("\n");
	if (fflush(stdout) != 0)
		die("stdout", "%s", strerror(errno));
	free(b.stage2_data);
	free(b.mod);
	free(b.initrd);
	free(b.kernel.sections);
	free(b.out.dir);
	free(opt.modules);
	free(opt.initrds);
	return 0;
}
