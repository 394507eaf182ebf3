/*
 * Decodes a dump of the VGA text buffer (VGA_COLS x VGA_ROWS cells, 80x25,
 * of a character byte and an attribute byte, as QEMU's
 * `pmemsave 0xb8000 4000 FILE` writes it).
 *
 *   vgadump DUMP                          the screen, one line per row,
 *                                         trailing blanks dropped
 *   vgadump DUMP --flat                   all 2000 characters on one line,
 *                                         so text wrapped at column 80 reads
 *                                         as one string
 *   vgadump DUMP --expect ROW COL ATTR TEXT
 *                                         exit 0 when TEXT is at ROW, COL and
 *                                         every one of its cells has ATTR
 *                                         (e.g. 0x0b), else say what is there
 *
 * Characters outside printable ASCII are shown as '.', NUL as a blank.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vga.h" /* the demo kernel's VGA_COLS and VGA_ROWS */

#define VGA_CELLS (VGA_COLS * VGA_ROWS)
#define VGA_BYTES (VGA_CELLS * 2)

static unsigned char screen[VGA_BYTES];

static void usage(void)
{
	fprintf(stderr,
		"usage: vgadump DUMP\n"
		"       vgadump DUMP --flat\n"
		"       vgadump DUMP --expect ROW COL ATTR TEXT\n");
	exit(2);
}

static char shown(unsigned char c)
{
	if (c == 0)
		return ' ';
	return c >= 0x20 && c < 0x7f ? (char)c : '.';
}

static unsigned char cell_char(int i) { return screen[2 * i]; }
static unsigned char cell_attr(int i) { return screen[2 * i + 1]; }

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		fprintf(stderr, "vgadump: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	n = fread(screen, 1, sizeof(screen), f);
	if (n != sizeof(screen)) {
		fprintf(stderr, "vgadump: %s: %zu bytes, a text screen dump is %d\n",
			path, n, VGA_BYTES);
		exit(2);
	}
	fclose(f);
}

static void print_rows(void)
{
	char line[VGA_COLS + 1];

	for (int r = 0; r < VGA_ROWS; r++) {
		int len = 0;

		for (int c = 0; c < VGA_COLS; c++) {
			line[c] = shown(cell_char(r * VGA_COLS + c));
			if (line[c] != ' ')
				len = c + 1;
		}
		line[len] = '\0';
		puts(line);
	}
}

static void print_flat(void)
{
	for (int i = 0; i < VGA_CELLS; i++)
		putchar(shown(cell_char(i)));
	putchar('\n');
}

static long parse_num(const char *s, const char *what, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || v < 0 || v > max) {
		fprintf(stderr, "vgadump: bad %s '%s' (0..%ld)\n", what, s, max);
		exit(2);
	}
	return v;
}

static int expect(long row, long col, long attr, const char *text)
{
	int start = (int)(row * VGA_COLS + col);
	int len = (int)strlen(text);
	int ok = 1;

	if (len == 0 || start + len > VGA_CELLS) {
		fprintf(stderr, "vgadump: text of %d characters does not fit at row %ld col %ld\n",
			len, row, col);
		return 2;
	}
	for (int i = 0; i < len; i++)
		if (cell_char(start + i) != (unsigned char)text[i] ||
		    cell_attr(start + i) != attr)
			ok = 0;
	if (ok)
		return 0;

	printf("row %ld col %ld: expected \"%s\" with attribute 0x%02lx, found \"", row, col, text, attr);
	for (int i = 0; i < len; i++)
		putchar(shown(cell_char(start + i)));
	printf("\" with attributes");
	for (int i = 0; i < len; i++)
		printf(" %02x", cell_attr(start + i));
	putchar('\n');
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	load(argv[1]);
	if (argc == 2) {
		print_rows();
		return 0;
	}
	if (argc == 3 && strcmp(argv[2], "--flat") == 0) {
		print_flat();
		return 0;
	}
	if (argc == 7 && strcmp(argv[2], "--expect") == 0)
		return expect(parse_num(argv[3], "row", VGA_ROWS - 1),
			      parse_num(argv[4], "column", VGA_COLS - 1),
			      parse_num(argv[5], "attribute", 0xff), argv[6]);
	usage();
	return 2;
}
