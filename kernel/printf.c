#include <stdbool.h>
#include <stdint.h>
#include "console.h"
#include "printf.h"

#define CONSOLE_CHUNK 128
#define MAX_WIDTH     256

/*
 * Where formatted characters go: a buffer that is either handed to flush()
 * whenever it fills (the console) or keeps its first cap bytes (a string).
 */
struct out {
	char *buf;
	size_t cap;
	size_t len;
	size_t total;
	void (*flush)(const char *s, size_t n);
};

struct spec {
	bool zero;
	bool left;
	unsigned width;
	size_t precision; /* %s only: at most this many bytes */
};

static void emit(struct out *o, char c)
{
	o->total++;
	if (o->len == o->cap) {
		if (!o->flush)
			return;
		o->flush(o->buf, o->len);
		o->len = 0;
	}
	o->buf[o->len++] = c;
}

static void pad(struct out *o, char c, unsigned n)
{
	while (n--)
		emit(o, c);
}

static void put_number(struct out *o, const struct spec *sp, unsigned long long v,
		       bool negative, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	unsigned n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);

	unsigned len = n + negative;
	unsigned fill = sp->width > len ? sp->width - len : 0;

	if (!sp->left && !sp->zero)
		pad(o, ' ', fill);
	if (negative)
		emit(o, '-');
	if (!sp->left && sp->zero)
		pad(o, '0', fill);
	while (n)
		emit(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', fill);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t len = 0;

	if (!s)
		s = "(null)";
	while (len < sp->precision && s[len])
		len++;
	unsigned fill = sp->width > len ? sp->width - len : 0;

	if (!sp->left)
		pad(o, ' ', fill);
	for (size_t i = 0; i < len; i++)
		emit(o, s[i]);
	if (sp->left)
		pad(o, ' ', fill);
}

static unsigned parse_uint(const char **p)
{
	unsigned v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v < MAX_WIDTH)
			v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
	}
	return v < MAX_WIDTH ? v : MAX_WIDTH;
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	const char *p = fmt;

	while (*p) {
		if (*p != '%') {
			emit(o, *p++);
			continue;
		}
		const char *start = p++;
		struct spec sp = { .precision = SIZE_MAX };

		for (;; p++) {
			if (*p == '0')
				sp.zero = true;
			else if (*p == '-')
				sp.left = true;
			else
				break;
		}
		sp.width = parse_uint(&p);
		if (*p == '.') {
			p++;
			if (*p == '*') {
				int prec = va_arg(ap, int);
				sp.precision = prec < 0 ? SIZE_MAX : (size_t)prec;
				p++;
			} else {
				sp.precision = parse_uint(&p);
			}
		}
		int longs = 0;
		while (*p == 'l' && longs < 2) {
			longs++;
			p++;
		}
		if (*p == 'z') {
			longs = 2;
			p++;
		}

		switch (*p) {
		case 'd':
		case 'i': {
			long long v = longs == 2 ? va_arg(ap, long long)
				    : longs == 1 ? va_arg(ap, long)
						 : va_arg(ap, int);
			unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v
						       : (unsigned long long)v;
			put_number(o, &sp, mag, v < 0, 10, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v = longs == 2 ? va_arg(ap, unsigned long long)
					     : longs == 1 ? va_arg(ap, unsigned long)
							  : va_arg(ap, unsigned int);
			put_number(o, &sp, v, false, *p == 'u' ? 10 : 16, *p == 'X');
			break;
		}
		case 'p': {
			struct spec hex = { .zero = true, .width = 16 };

			emit(o, '0');
			emit(o, 'x');
			put_number(o, &hex, (uintptr_t)va_arg(ap, void *), false, 16, false);
			break;
		}
		case 's':
			put_string(o, &sp, va_arg(ap, const char *));
			break;
		case 'c':
			emit(o, (char)va_arg(ap, int));
			break;
		case '%':
			emit(o, '%');
			break;
		default:
			/* Not a conversion this printf knows: show it as written. */
			while (start < p)
				emit(o, *start++);
			if (!*p)
				return;
			emit(o, *p);
			break;
		}
		p++;
	}
}

int kvprintf(const char *fmt, va_list ap)
{
	char chunk[CONSOLE_CHUNK];
	struct out o = { .buf = chunk, .cap = sizeof(chunk), .flush = console_write };

	format(&o, fmt, ap);
	console_write(o.buf, o.len);
	return (int)o.total;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct out o = { .buf = buf, .cap = size ? size - 1 : 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
	if (size)
		buf[o.len] = '\0';
	return (int)o.total;
}
