/*
 * docs/protocol.md section 3, modules: the table, where each module was
 * put, its name, and every byte of it (test modules are made by mkmodule:
 * pattern.h describes the format).
 */
#include "conform.h"
#include "pattern.h"

#define NAME_MAX_READ 4096

static int name_matches(const char *name, const char *want, size_t want_len)
{
	return strlen(name) == want_len && memcmp(name, want, want_len) == 0;
}

/* Copies the module's name (at most cap - 1 bytes); 0 when it is not NUL-terminated in 4096 bytes. */
static int read_name(uint64_t addr, char *out, size_t cap)
{
	for (uint64_t n = 0; n < NAME_MAX_READ && ident_readable(addr + n, 1); n++) {
		char ch = *(const volatile char *)(uintptr_t)(addr + n);
		if (n < cap - 1)
			out[n] = ch;
		if (ch == '\0') {
			out[cap - 1] = '\0';
			return 1;
		}
	}
	out[0] = '\0';
	return 0;
}

/* Offset of the first byte that is not what mkmodule wrote, or size. */
static uint64_t module_mismatch(const uint8_t *p, uint64_t size)
{
	uint64_t seed = module_seed(size), i = 0;

	if (size >= MODULE_HEADER_SIZE) {
		for (; i < 8; i++)
			if (p[i] != (uint8_t)MODULE_MAGIC[i])
				return i;
		for (; i < MODULE_HEADER_SIZE; i++)
			if (p[i] != (uint8_t)(size >> (8 * (i - 8))))
				return i;
		for (; i + 8 <= size; i += 8) {
			uint64_t q;
			memcpy(&q, p + i, 8);
			if (q != pattern_qword(seed, i / 8))
				break;
		}
	}
	for (; i < size; i++)
		if (p[i] != pattern_byte(seed, i))
			return i;
	return size;
}

static void check_table(void)
{
	struct check c;
	const struct longboot_info *in = &boot.info;
	const struct expectations *e = &boot.expect;

	check_begin(&c, "modules-count");
	if (e->has_modules)
		expect(&c, in->modules_count == e->modules, "modules_count is %u, expected %lu",
		       in->modules_count, e->modules);
	expect(&c, in->modules_count <= MODULES_MAX, "modules_count %u is more than this kernel checks (%u)",
	       in->modules_count, MODULES_MAX);
	expect(&c, in->modules_count == 0 || boot.module_count == in->modules_count,
	       "the module table at 0x%lx is not in the identity map below 4 GiB", in->modules_addr);
	check_note(&c, "%u modules%s", in->modules_count, e->has_modules ? "" : " (no expect-modules given)");
	check_end(&c);
}

static void check_each(void)
{
	struct check place, names, content;
	const struct expectations *e = &boot.expect;
	char name[256];

	check_begin(&place, "modules-placement");
	check_begin(&names, "modules-names");
	check_begin(&content, "modules-content");
	if (e->has_names)
		expect(&names, e->names_count == boot.module_count,
		       "expect-module-names lists %u names for %u modules", e->names_count, boot.module_count);
	if (e->has_sizes)
		expect(&content, e->sizes_count == boot.module_count,
		       "expect-module-sizes lists %u sizes for %u modules", e->sizes_count, boot.module_count);

	uint64_t bytes = 0;
	for (uint32_t i = 0; i < boot.module_count; i++) {
		const struct longboot_module *m = &boot.modules[i];
		int named = read_name(m->name_addr, name, sizeof(name));
		expect(&names, named, "module %u: name at 0x%lx is not NUL-terminated within 4096 bytes",
		       i, m->name_addr);
		if (named && e->has_names && i < e->names_count)
			expect(&names, name_matches(name, e->names[i], e->names_len[i]),
			       "module %u is named \"%s\", expected \"%.*s\"", i, name,
			       (int)e->names_len[i], e->names[i]);

		expect(&place, m->addr % PAGE_SIZE == 0, "module %u at 0x%lx is not 4 KiB aligned", i, m->addr);
		int readable = expect(&place, ident_readable(m->addr, m->size),
				      "module %u [0x%lx, +0x%lx) is not in the identity map below 4 GiB",
				      i, m->addr, m->size);
		expect(&place, range_has_type(m->addr, m->addr + m->size, LONGBOOT_MEM_MODULE),
		       "module %u [0x%lx, 0x%lx) is not inside MODULE entries", i, m->addr, m->addr + m->size);
		for (uint32_t j = 0; j < i; j++) {
			const struct longboot_module *o = &boot.modules[j];
			expect(&place, m->size == 0 || o->size == 0 ||
				       m->addr >= o->addr + o->size || o->addr >= m->addr + m->size,
			       "modules %u and %u overlap", j, i);
		}

		if (e->has_sizes && i < e->sizes_count)
			expect(&content, m->size == e->sizes[i], "module %u (\"%s\") is %lu bytes, expected %lu",
			       i, name, m->size, e->sizes[i]);
		if (readable) {
			uint64_t bad = module_mismatch((const uint8_t *)(uintptr_t)m->addr, m->size);
			expect(&content, bad == m->size,
			       "module %u (\"%s\", %lu bytes at 0x%lx): byte %lu (0x%x) is not what mkmodule writes",
			       i, name, m->size, m->addr, bad,
			       bad < m->size ? *(const volatile uint8_t *)(uintptr_t)(m->addr + bad) : 0u);
			bytes += m->size;
		}
	}
	check_note(&place, "%u modules", boot.module_count);
	check_note(&names, "%u names%s", boot.module_count, e->has_names ? " as expected" : "");
	check_note(&content, "%lu bytes verified", bytes);
	check_end(&place);
	check_end(&names);
	check_end(&content);
}

void check_modules(void)
{
	if (!boot.info_ok)
		return;
	check_table();
	check_each();
}
