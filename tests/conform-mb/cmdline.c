/*
 * The command line's words that drive the checks (README.md, "Command
 * line"): qemu-exit and expect-KEY=VALUE. Other words are ignored.
 *
 * Words are separated by blanks outside single quotes. In values, '...'
 * quotes (kept together, quotes removed) and %XX (the byte with hex value
 * XX) let a string hold blanks and commas: GRUB escapes quotes in the
 * command lines it passes, so its test cases use %20.
 */
#include "mbconf.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decimal or 0x hexadecimal, the whole of [s, s + n), at most 2^64 - 1. */
static int parse_number(const char *s, size_t n, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		n -= 2;
	}
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int d = hex_digit(s[i]);
		if (d < 0 || (unsigned)d >= base)
			return 0;
		/* would v * base + d pass 2^64 - 1? (no 64-bit division in 32-bit code) */
		if (base == 16 ? v >> 60 != 0 :
		    v > 0x1999999999999999ULL || (v == 0x1999999999999999ULL && d > 5))
			return 0;
		v = v * base + (unsigned)d;
	}
	*out = v;
	return 1;
}

static int parse_u32(const char *s, size_t n, uint32_t *out)
{
	uint64_t v;
	if (!parse_number(s, n, &v) || v > 0xFFFFFFFFu)
		return 0;
	*out = (uint32_t)v;
	return 1;
}

/* Removes quotes and decodes %XX; 0 when malformed or longer than cap - 1. */
static int decode(const char *s, size_t n, char *out, size_t cap)
{
	size_t len = 0;
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\'') {
			quoted = !quoted;
			continue;
		}
		if (c == '%' && !quoted) {
			if (i + 2 >= n || hex_digit(s[i + 1]) < 0 || hex_digit(s[i + 2]) < 0)
				return 0;
			c = (char)(hex_digit(s[i + 1]) << 4 | hex_digit(s[i + 2]));
			i += 2;
		}
		if (len + 1 >= cap)
			return 0;
		out[len++] = c;
	}
	out[len] = '\0';
	return !quoted;
}

struct item {
	const char *s;
	size_t n;
};

/* Splits at commas outside quotes; 0 when there are more than LIST_MAX items. */
static int split_list(const char *v, size_t vn, struct item *items, unsigned *count)
{
	int quoted = 0;
	size_t start = 0;
	*count = 0;
	for (size_t i = 0; i <= vn; i++) {
		if (i < vn && v[i] == '\'')
			quoted = !quoted;
		if (i < vn && (v[i] != ',' || quoted))
			continue;
		if (*count == LIST_MAX)
			return 0;
		items[*count].s = v + start;
		items[*count].n = i - start;
		(*count)++;
		start = i + 1;
	}
	return 1;
}

static int value_is(const char *v, size_t vn, const char *word)
{
	return strlen(word) == vn && memcmp(v, word, vn) == 0;
}

/* The word is KEY=VALUE: points *value at VALUE. */
static int has_key(const char *w, size_t n, const char *key, const char **value, size_t *vn)
{
	size_t k = strlen(key);
	if (n <= k || memcmp(w, key, k) != 0 || w[k] != '=')
		return 0;
	*value = w + k + 1;
	*vn = n - k - 1;
	return 1;
}

static int parse_numbers(const char *v, size_t vn, uint64_t *out, unsigned *count, unsigned max)
{
	struct item items[LIST_MAX];
	if (!split_list(v, vn, items, count) || *count > max)
		return 0;
	for (unsigned i = 0; i < *count; i++)
		if (!parse_number(items[i].s, items[i].n, &out[i]))
			return 0;
	return 1;
}

/* expect-fb-mode=WIDTHxHEIGHT[xBPP], decimal. */
static int parse_fb_mode(const char *v, size_t vn, struct expectations *e)
{
	uint32_t num[3];
	unsigned count = 0;
	size_t start = 0;

	for (size_t i = 0; i <= vn; i++) {
		if (i < vn && v[i] != 'x')
			continue;
		if (count == 3 || i == start || !parse_u32(v + start, i - start, &num[count]) || num[count] == 0)
			return 0;
		count++;
		start = i + 1;
	}
	if (count < 2)
		return 0;
	e->fb_width = num[0];
	e->fb_height = num[1];
	e->fb_bpp = count == 3 ? num[2] : 0;
	return 1;
}

static int parse_word(const char *w, size_t n, struct expectations *e)
{
	const char *v;
	size_t vn;
	struct item items[LIST_MAX];
	uint64_t nums[LIST_MAX];
	unsigned count;

	if (n == 9 && memcmp(w, "qemu-exit", 9) == 0) {
		e->qemu_exit = 1;
		return 1;
	}
	if (has_key(w, n, "expect-loader", &v, &vn))
		return e->has_loader = decode(v, vn, e->loader, sizeof(e->loader));
	if (has_key(w, n, "expect-modules", &v, &vn))
		return e->has_modules = parse_u32(v, vn, &e->modules);
	if (has_key(w, n, "expect-module-strings", &v, &vn)) {
		if (!split_list(v, vn, items, &e->nstrings))
			return 0;
		for (unsigned i = 0; i < e->nstrings; i++)
			if (!decode(items[i].s, items[i].n, e->strings[i], sizeof(e->strings[i])))
				return 0;
		return e->has_strings = 1;
	}
	if (has_key(w, n, "expect-module-sizes", &v, &vn))
		return e->has_sizes = parse_numbers(v, vn, e->sizes, &e->nsizes, LIST_MAX);
	if (has_key(w, n, "expect-mem-mib", &v, &vn))
		return e->has_mem = parse_u32(v, vn, &e->mem_mib) && e->mem_mib > 0;
	if (has_key(w, n, "expect-drive", &v, &vn))
		return e->has_drive = parse_u32(v, vn, &e->drive);
	if (has_key(w, n, "expect-part", &v, &vn)) {
		e->has_part = 1;
		e->nparts = 0;
		if (value_is(v, vn, "none"))
			return 1;
		if (!parse_numbers(v, vn, nums, &count, 3))
			return e->has_part = 0;
		for (unsigned i = 0; i < count; i++) {
			if (nums[i] > 0xFFFFFFFFu)
				return e->has_part = 0;
			e->parts[i] = (uint32_t)nums[i];
		}
		e->nparts = count;
		return 1;
	}
	if (has_key(w, n, "expect-cmdline-len", &v, &vn))
		return e->has_cmdline_len = parse_u32(v, vn, &e->cmdline_len);
	if (has_key(w, n, "expect-elf-sections", &v, &vn)) {
		e->elf_sections = value_is(v, vn, "1") ? 1 : value_is(v, vn, "0") ? 0 : -1;
		return e->elf_sections >= 0;
	}
	if (has_key(w, n, "expect-fb", &v, &vn)) {
		e->fb = value_is(v, vn, "text") ? FB_EXPECT_TEXT : value_is(v, vn, "rgb") ? FB_EXPECT_RGB :
			value_is(v, vn, "none") ? FB_EXPECT_NONE : value_is(v, vn, "any") ? FB_EXPECT_ANY :
			FB_EXPECT_DEFAULT;
		return e->fb != FB_EXPECT_DEFAULT;
	}
	if (has_key(w, n, "expect-fb-mode", &v, &vn))
		return e->has_fb_mode = parse_fb_mode(v, vn, e);
	if (has_key(w, n, "expect-acpi", &v, &vn)) {
		e->has_acpi = 1;
		e->acpi = 0;
		if (value_is(v, vn, "none"))
			return 1;
		if (!split_list(v, vn, items, &count))
			return 0;
		for (unsigned i = 0; i < count; i++) {
			if (value_is(items[i].s, items[i].n, "old"))
				e->acpi |= ACPI_OLD;
			else if (value_is(items[i].s, items[i].n, "new"))
				e->acpi |= ACPI_NEW;
			else
				return 0;
		}
		return 1;
	}
	if (has_key(w, n, "expect-selectors", &v, &vn)) {
		if (!parse_numbers(v, vn, nums, &count, 2) || count != 2 || nums[0] > 0xFFFF || nums[1] > 0xFFFF)
			return 0;
		e->cs = (uint32_t)nums[0];
		e->ds = (uint32_t)nums[1];
		return e->has_selectors = 1;
	}
	if (has_key(w, n, "expect-firmware", &v, &vn)) {
		e->uefi = value_is(v, vn, "uefi");
		return e->uefi || value_is(v, vn, "bios");
	}
	/* An expect- word this kernel does not know is a mistake in the test. */
	return !(n >= 7 && memcmp(w, "expect-", 7) == 0);
}

void parse_cmdline(const char *s, struct expectations *e)
{
	memset(e, 0, sizeof(*e));
	e->elf_sections = -1;
	e->fb = FB_EXPECT_DEFAULT;
	while (*s) {
		while (is_blank(*s))
			s++;
		const char *w = s;
		int quoted = 0;
		while (*s && (quoted || !is_blank(*s))) {
			if (*s == '\'')
				quoted = !quoted;
			s++;
		}
		size_t n = (size_t)(s - w);
		if (n && !parse_word(w, n, e) && !e->bad) {
			e->bad = 1;
			if (n >= sizeof(e->bad_word))
				n = sizeof(e->bad_word) - 1;
			memcpy(e->bad_word, w, n);
			e->bad_word[n] = '\0';
		}
	}
}
