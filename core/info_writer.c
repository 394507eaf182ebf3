/* The boot information buffer (info_writer.h). Pure logic. */
#include "info_writer.h"

void iw_align(struct info_writer *w, size_t align)
{
	size_t pad = (align - (w->used & (align - 1))) & (align - 1);

	iw_put(w, NULL, pad);
}

size_t iw_put(struct info_writer *w, const void *data, size_t n)
{
	size_t at = w->used;

	if (w->buf && at <= w->cap && n <= w->cap - at) {
		if (data)
			__builtin_memcpy(w->buf + at, data, n);
		else
			__builtin_memset(w->buf + at, 0, n);
	}
	w->used += n;
	return at;
}

uint64_t iw_string(struct info_writer *w, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return iw_phys(w, iw_put(w, s, n + 1));
}

uint64_t iw_phys(const struct info_writer *w, size_t offset)
{
	return w->phys + offset;
}

void *iw_at(const struct info_writer *w, size_t offset)
{
	return w->buf && offset < w->cap ? w->buf + offset : NULL;
}
