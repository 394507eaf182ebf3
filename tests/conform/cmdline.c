/*
 * The command line's words that drive the checks (README.md): qemu-exit,
 * dirty-reboot and expect-KEY=VALUE. Other words are ignored.
 */
#include "conform.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Decimal or 0x-prefixed hexadecimal, the whole of [s, s + n). */
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
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		if (v > (UINT64_MAX - d) / base)
			return 0;
		v = v * base + d;
	}
	*out = v;
	return 1;
}

static int word_is(const char *w, size_t n, const char *key)
{
	size_t k = strlen(key);
	return n == k && memcmp(w, key, k) == 0;
}

/* If word is "key=value", points *value at the value. */
static int word_has_key(const char *w, size_t n, const char *key, const char **value, size_t *vn)
{
	size_t k = strlen(key);
	if (n <= k || memcmp(w, key, k) != 0 || w[k] != '=')
		return 0;
	*value = w + k + 1;
	*vn = n - k - 1;
	return 1;
}

/* Splits "a,b,c" into at most EXPECT_NAMES_MAX items; 0 when there are more. */
static int split_list(const char *v, size_t vn, const char **items, size_t *lens, unsigned *count)
{
	*count = 0;
	size_t start = 0;
	for (size_t i = 0; i <= vn; i++) {
		if (i < vn && v[i] != ',')
			continue;
		if (*count == EXPECT_NAMES_MAX)
			return 0;
		items[*count] = v + start;
		lens[*count] = i - start;
		(*count)++;
		start = i + 1;
	}
	return 1;
}

/* expect-video: text, none, fb (any size), WxH or WxHxBPP. */
static int parse_video(const char *v, size_t vn, struct expectations *e)
{
	uint64_t num[3];
	unsigned count = 0;
	size_t start = 0;

	if (word_is(v, vn, "text")) {
		e->video = EXPECT_VIDEO_TEXT;
		return 1;
	}
	if (word_is(v, vn, "none")) {
		e->video = EXPECT_VIDEO_NONE;
		return 1;
	}
	if (word_is(v, vn, "fb")) {
		e->video = EXPECT_VIDEO_ANY_FB;
		return 1;
	}
	for (size_t i = 0; i <= vn; i++) {
		if (i < vn && v[i] != 'x')
			continue;
		if (count == 3 || !parse_number(v + start, i - start, &num[count]) || num[count] == 0)
			return 0;
		count++;
		start = i + 1;
	}
	if (count < 2)
		return 0;
	e->video = EXPECT_VIDEO_FB;
	e->video_width = num[0];
	e->video_height = num[1];
	e->video_bpp = count == 3 ? num[2] : 0;
	return 1;
}

static void malformed(struct expectations *e, const char *w, size_t n)
{
	if (e->bad)
		return;
	e->bad = 1;
	if (n >= sizeof(e->bad_word))
		n = sizeof(e->bad_word) - 1;
	memcpy(e->bad_word, w, n);
	e->bad_word[n] = '\0';
}

static void parse_word(const char *w, size_t n, struct expectations *e)
{
	const char *v;
	size_t vn;

	if (word_is(w, n, "qemu-exit")) {
		e->qemu_exit = 1;
	} else if (word_is(w, n, "dirty-reboot")) {
		e->dirty_reboot = 1;
	} else if (word_has_key(w, n, "expect-drive", &v, &vn)) {
		e->has_drive = parse_number(v, vn, &e->drive) || (malformed(e, w, n), 0);
	} else if (word_has_key(w, n, "expect-modules", &v, &vn)) {
		e->has_modules = parse_number(v, vn, &e->modules) || (malformed(e, w, n), 0);
	} else if (word_has_key(w, n, "expect-mem", &v, &vn)) {
		e->has_mem = parse_number(v, vn, &e->mem_mib) || (malformed(e, w, n), 0);
	} else if (word_has_key(w, n, "expect-cmdline-len", &v, &vn)) {
		e->has_cmdline_len = parse_number(v, vn, &e->cmdline_len) || (malformed(e, w, n), 0);
	} else if (word_has_key(w, n, "expect-module-names", &v, &vn)) {
		e->has_names = split_list(v, vn, e->names, e->names_len, &e->names_count) ||
			       (malformed(e, w, n), 0);
	} else if (word_has_key(w, n, "expect-module-sizes", &v, &vn)) {
		const char *items[EXPECT_NAMES_MAX];
		size_t lens[EXPECT_NAMES_MAX];
		e->has_sizes = split_list(v, vn, items, lens, &e->sizes_count);
		for (unsigned i = 0; e->has_sizes && i < e->sizes_count; i++)
			e->has_sizes = parse_number(items[i], lens[i], &e->sizes[i]);
		if (!e->has_sizes)
			malformed(e, w, n);
	} else if (word_has_key(w, n, "expect-video", &v, &vn)) {
		if (!parse_video(v, vn, e))
			malformed(e, w, n);
		e->has_video = 1;
	} else if (word_has_key(w, n, "expect-firmware", &v, &vn)) {
		if (word_is(v, vn, "bios"))
			e->firmware = EXPECT_FIRMWARE_BIOS;
		else if (word_is(v, vn, "uefi"))
			e->firmware = EXPECT_FIRMWARE_UEFI;
		else
			malformed(e, w, n);
	} else if (word_has_key(w, n, "expect-phys", &v, &vn)) {
		if (word_is(v, vn, "linked"))
			e->phys = EXPECT_PHYS_LINKED;
		else if (word_is(v, vn, "moved"))
			e->phys = EXPECT_PHYS_MOVED;
		else
			malformed(e, w, n);
	} else if (n > 7 && memcmp(w, "expect-", 7) == 0) {
		malformed(e, w, n);
	}
}

void parse_cmdline(const char *s, struct expectations *e)
{
	memset(e, 0, sizeof(*e));
	while (*s) {
		while (is_space(*s))
			s++;
		const char *w = s;
		while (*s && !is_space(*s))
			s++;
		if (s > w)
			parse_word(w, (size_t)(s - w), e);
	}
	/* UEFI has no text mode (section 6): a GOP framebuffer unless told otherwise. */
	if (e->firmware == EXPECT_FIRMWARE_UEFI && !e->has_video)
		e->video = EXPECT_VIDEO_ANY_FB;
}
