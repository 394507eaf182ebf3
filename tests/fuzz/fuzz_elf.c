/*
 * libFuzzer target for elf_parse. Input: the head of a kernel file followed
 * by 8 bytes, the little-endian file size. Besides crashes it checks that
 * every kernel elf_parse accepts keeps the promises of boot protocol
 * section 1, and that its higher-half segments map without a conflict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf.h"
#include "elf64.h"
#include "longboot.h"
#include "pagetable.h"

#define FILE_SIZE_BYTES 8
#define HH              LONGBOOT_HIGHER_HALF
#define ARENA_PAGES     512
#define MAP_LIMIT       (1ULL << 20) /* larger segments are not mapped in the check */

typedef unsigned __int128 u128;

#define REQUIRE(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz_elf: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static unsigned char arena[ARENA_PAGES][4096] __attribute__((aligned(4096)));
static unsigned arena_used;

static uint64_t arena_alloc(void *ctx)
{
	(void)ctx;
	if (arena_used == ARENA_PAGES)
		return 0;
	memset(arena[arena_used], 0, sizeof(arena[0]));
	return (uint64_t)(arena_used++ + 1) << 12;
}

static void *arena_ptr(void *ctx, uint64_t phys)
{
	(void)ctx;
	REQUIRE(phys >= 0x1000 && (phys >> 12) <= arena_used && !(phys & 0xFFF));
	return arena[(phys >> 12) - 1];
}

static void check_accepted(const unsigned char *head, size_t head_bytes, uint64_t file_bytes,
			   const struct elf_kernel *k)
{
	Elf64_Ehdr eh;
	uint64_t base = ~0ULL, end = 0;
	int in_segment = 0;

	REQUIRE(head_bytes >= sizeof(eh) && file_bytes >= sizeof(eh));
	memcpy(&eh, head, sizeof(eh));
	REQUIRE(elf_head_bytes(head) <= head_bytes && elf_head_bytes(head) <= file_bytes);
	REQUIRE(eh.e_type == ET_EXEC && eh.e_machine == EM_X86_64);
	REQUIRE(k->count >= 1 && k->count <= ELF_MAX_SEGMENTS);
	REQUIRE(k->entry == eh.e_entry);

	for (uint32_t i = 0; i < k->count; i++) {
		const struct elf_segment *s = &k->seg[i];
		Elf64_Phdr ph;

		REQUIRE(s->phdr_index < eh.e_phnum);
		REQUIRE(i == 0 || s->phdr_index > k->seg[i - 1].phdr_index);
		memcpy(&ph, head + eh.e_phoff + (size_t)s->phdr_index * sizeof(ph), sizeof(ph));
		REQUIRE(ph.p_type == PT_LOAD && ph.p_vaddr == s->vaddr && ph.p_paddr == s->paddr);
		REQUIRE(s->memsz > 0 && s->filesz <= s->memsz);
		REQUIRE(s->paddr >= LONGBOOT_MIN_PADDR);
		REQUIRE((u128)s->paddr + s->memsz <= (u128)1 << 32);
		REQUIRE((u128)s->offset + s->filesz <= file_bytes);
		REQUIRE(s->vaddr == s->paddr || s->vaddr >= HH);
		REQUIRE((s->vaddr & 0xFFF) == (s->paddr & 0xFFF));
		REQUIRE((u128)s->vaddr + s->memsz < (u128)1 << 64);
		if (s->paddr < base)
			base = s->paddr;
		if (s->paddr + s->memsz > end)
			end = s->paddr + s->memsz;
		if (k->entry >= s->vaddr && k->entry - s->vaddr < s->memsz)
			in_segment = 1;
		for (uint32_t j = 0; j < i; j++) {
			const struct elf_segment *o = &k->seg[j];
			REQUIRE(s->paddr >= o->paddr + o->memsz || o->paddr >= s->paddr + s->memsz);
			REQUIRE(s->vaddr >= o->vaddr + o->memsz || o->vaddr >= s->vaddr + s->memsz);
		}
	}
	REQUIRE(in_segment);
	REQUIRE(k->phys_base == base && k->phys_end == end);

	/* What the loader will do next: map the higher-half segments with 4 KiB pages. */
	{
		struct pt_builder b = { .alloc_page = arena_alloc, .phys_to_ptr = arena_ptr, .nx = 1 };
		arena_used = 0;
		REQUIRE(pt_init(&b) == PT_OK);
		for (uint32_t i = 0; i < k->count; i++) {
			const struct elf_segment *s = &k->seg[i];
			unsigned flags = (s->flags & PF_W ? PT_MAP_WRITE : 0) | (s->flags & PF_X ? PT_MAP_EXEC : 0);
			enum pt_error err;
			if (s->vaddr < HH || s->memsz > MAP_LIMIT)
				continue;
			err = pt_map_4k(&b, s->vaddr, s->paddr, s->memsz, flags);
			REQUIRE(err == PT_OK || err == PT_ERR_NOMEM);
			if (err == PT_OK)
				REQUIRE(pt_translate(&b, s->vaddr + s->memsz - 1, NULL) == s->paddr + s->memsz - 1);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_kernel k;
	uint64_t file_bytes;
	size_t head_bytes;
	unsigned char *head;
	int bad = -2;
	enum elf_error err;

	if (size < FILE_SIZE_BYTES)
		return 0;
	head_bytes = size - FILE_SIZE_BYTES;
	memcpy(&file_bytes, data + head_bytes, sizeof(file_bytes));
	head = malloc(head_bytes ? head_bytes : 1); /* exactly the head: ASan sees any read past it */
	memcpy(head, data, head_bytes);

	err = elf_parse(head, head_bytes, file_bytes, &k, &bad);
	REQUIRE(elf_error_text(err) != NULL);
	if (head_bytes >= sizeof(Elf64_Ehdr))
		(void)elf_head_bytes(head);
	if (err == ELF_OK) {
		REQUIRE(bad == -1);
		check_accepted(head, head_bytes, file_bytes, &k);
	} else {
		REQUIRE(err > ELF_OK && err < ELF_ERR_COUNT);
		REQUIRE(bad >= -1 && bad < 0xFFFF);
		REQUIRE(k.count == 0);
	}
	free(head);
	return 0;
}
