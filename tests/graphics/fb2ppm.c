/*
 * Test helper for tests/graphics: turns a 32-bit framebuffer dump (as
 * Bochs's debugger writes it with writemem: little-endian pixels, red in
 * bits 16-23, green 8-15, blue 0-7) into a binary PPM for ppmcheck.
 *
 *   fb2ppm DUMP WIDTH HEIGHT PITCH OUT.ppm
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: fb2ppm DUMP WIDTH HEIGHT PITCH OUT.ppm\n");
		return 2;
	}
	unsigned long w = strtoul(argv[2], NULL, 0), h = strtoul(argv[3], NULL, 0);
	unsigned long pitch = strtoul(argv[4], NULL, 0);
	FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[5], "wb");
	uint8_t *line = malloc(pitch), *rgb = malloc(w * 3);

	if (!in || !out || !line || !rgb || pitch < w * 4) {
		fprintf(stderr, "fb2ppm: cannot read %s or write %s\n", argv[1], argv[5]);
		return 2;
	}
	fprintf(out, "P6\n%lu %lu\n255\n", w, h);
	for (unsigned long y = 0; y < h; y++) {
		if (fread(line, 1, pitch, in) != pitch) {
			fprintf(stderr, "fb2ppm: %s ends at line %lu\n", argv[1], y);
			return 1;
		}
		for (unsigned long x = 0; x < w; x++) {
			rgb[3 * x] = line[4 * x + 2];
			rgb[3 * x + 1] = line[4 * x + 1];
			rgb[3 * x + 2] = line[4 * x];
		}
		if (fwrite(rgb, 3, w, out) != w) {
			fprintf(stderr, "fb2ppm: cannot write %s\n", argv[5]);
			return 1;
		}
	}
	return fclose(out) == 0 ? 0 : 1;
}
