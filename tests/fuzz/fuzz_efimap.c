/*
 * libFuzzer target for core/efi_memmap.c. Input: one byte, the descriptor
 * size, then a UEFI memory map. Besides crashes it checks that what the
 * UEFI loader builds from any map keeps section 3's rules once
 * sanitised, and that memory free while boot services run is still free
 * after they end (the loader allocates from the first view and hands the
 * kernel the second).
 */
#include <stdio.h>
#include <stdlib.h>
#include "efi_memmap.h"
#include "memmap.h"

#define MAX_DESC 256

#define REQUIRE(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz_efimap: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static int sanitized(const struct longboot_memmap_entry *in, int n, struct longboot_memmap_entry *out)
{
	int m = memmap_sanitize(in, (size_t)n, out, 2 * MAX_DESC + 2);

	REQUIRE(m >= 0);
	for (int i = 0; i < m; i++) {
		REQUIRE(out[i].length > 0);
		if (i)
			REQUIRE(out[i - 1].base + out[i - 1].length <= out[i].base);
		if (out[i].type == LONGBOOT_MEM_USABLE)
			REQUIRE(out[i].base % 4096 == 0 && out[i].length % 4096 == 0 && out[i].base != 0);
	}
	return m;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct longboot_memmap_entry now[MAX_DESC], final[MAX_DESC];
	static struct longboot_memmap_entry now_s[2 * MAX_DESC + 2], final_s[2 * MAX_DESC + 2];

	if (size < 1)
		return 0;
	uint64_t desc_size = data[0];
	int n = efi_memmap_convert(data + 1, size - 1, desc_size, EFI_VIEW_NOW, now, MAX_DESC);
	int f = efi_memmap_convert(data + 1, size - 1, desc_size, EFI_VIEW_FINAL, final, MAX_DESC);
	(void)efi_memmap_runtime_top(data + 1, size - 1, desc_size);
	REQUIRE(n == f);
	if (n <= 0)
		return 0;
	int ns = sanitized(now, n, now_s);
	int fs = sanitized(final, f, final_s);
	for (int i = 0; i < ns; i++)
		if (now_s[i].type == LONGBOOT_MEM_USABLE)
			REQUIRE(memmap_is_usable(final_s, (size_t)fs, now_s[i].base, now_s[i].base + now_s[i].length));
	return 0;
}
