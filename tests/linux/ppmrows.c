/*
 * Prints how many pixel rows of a binary PPM (P6, maxval 255, as QEMU's
 * screendump writes) hold a pixel that is not black: text on a console.
 *
 *   ppmrows FILE
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned width, height, maxval;
	FILE *f;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: ppmrows FILE.ppm (a readable file)\n");
		return 2;
	}
	if (fscanf(f, "P6 %u %u %u", &width, &height, &maxval) != 3 || maxval != 255 || fgetc(f) == EOF) {
		fprintf(stderr, "ppmrows: %s: not a P6 PPM with maxval 255\n", argv[1]);
		return 1;
	}
	unsigned char *row = malloc((size_t)width * 3);
	unsigned lit = 0;
	for (unsigned y = 0; row && y < height; y++) {
		if (fread(row, 3, width, f) != width) {
			fprintf(stderr, "ppmrows: %s: cut short at row %u\n", argv[1], y);
			return 1;
		}
		for (unsigned x = 0; x < width * 3; x++)
			if (row[x]) {
				lit++;
				break;
			}
	}
	printf("%u\n", lit);
	free(row);
	return 0;
}
