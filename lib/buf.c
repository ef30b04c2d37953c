#include <libintl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"

static char empty[1];

void cs_buf_init(cs_buf *b)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->sink = NULL;
}

void cs_buf_sink(cs_buf *b, FILE *sink)
{
	b->sink = sink;
}

int cs_buf_spill(cs_buf *b)
{
	if (!b->sink || b->len < CS_BUF_SPILL)
		return 0;
	if (fwrite(b->ptr, 1, b->len, b->sink) != b->len)
		return cs_error_set(CS_EIO, "cannot write the output: %s", strerror(errno));
	cs_buf_clear(b);
	return 0;
}

void cs_buf_free(cs_buf *b)
{
	free(b->ptr);
	cs_buf_init(b);
}

void cs_buf_clear(cs_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

int cs_buf_grow(cs_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, cap;
	char *p;
	if (need < b->len)
		return cs_error_set(CS_ENOMEM, "out of memory");
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->ptr, cap);
	if (!p)
		return cs_error_set(CS_ENOMEM, "out of memory");
	if (!b->ptr)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int cs_buf_put(cs_buf *b, const void *data, size_t len)
{
	int error;
	if ((error = cs_buf_grow(b, len)) < 0)
		return error;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int cs_buf_puts(cs_buf *b, const char *s)
{
	return cs_buf_put(b, s, strlen(s));
}

int cs_buf_fill(cs_buf *b, char c, size_t n)
{
	int error;
	if ((error = cs_buf_grow(b, n)) < 0)
		return error;
	memset(b->ptr + b->len, c, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int cs_buf_putc(cs_buf *b, char c)
{
	return cs_buf_put(b, &c, 1);
}

int cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room;
	int n, error;
	/* into the room there is (most texts fit), formatted again only when not */
	if ((error = cs_buf_grow(b, 63)) < 0)
		return error;
	room = b->cap - b->len;
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, room, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->ptr[b->len] = '\0';
		return cs_error_set(CS_ESOFTWARE, "bad format");
	}
	if ((size_t)n >= room) {
		if ((error = cs_buf_grow(b, (size_t)n)) < 0) {
			b->ptr[b->len] = '\0';
			return error;
		}
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	return 0;
}

int cs_buf_printf(cs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;
	va_start(ap, fmt);
	error = cs_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return error;
}

char *cs_buf_detach(cs_buf *b)
{
	char *p = b->ptr;
	if (!p)
		p = cs_strdup("");
	cs_buf_init(b);
	return p;
}

const char *cs_buf_cstr(const cs_buf *b)
{
	return b->ptr ? b->ptr : empty;
}

int cs_buf_read_file(cs_buf *b, const char *path, size_t max)
{
	FILE *f;
	char chunk[65536];
	size_t n;
	int error = 0;
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if (!(f = fopen(path, "rb")))
		return cs_error_set(errno == ENOENT ? CS_ENOTFOUND : CS_EIO,
				    "cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (max && b->len + n > max) {
			error = cs_error_set(CS_EDATA, "%s: larger than %zu bytes",
					     strcmp(path, "-") ? path : "<stdin>", max);
			break;
		}
		if ((error = cs_buf_put(b, chunk, n)) < 0)
			break;
	}
	if (!error && ferror(f))
		error = cs_error_set(CS_EIO, "cannot read '%s': %s", path,
				     strerror(errno));
	if (f != stdin)
		fclose(f);
	if (!error && !b->ptr)
		error = cs_buf_grow(b, 0);
	return error;
}

void *cs_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		cs_error_set(CS_ENOMEM, "out of memory");
	return p;
}

void *cs_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		cs_error_set(CS_ENOMEM, "out of memory");
	return p;
}

void *cs_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		cs_error_set(CS_ENOMEM, "out of memory");
	return q;
}

char *cs_strdup(const char *s)
{
	return cs_strndup(s, strlen(s));
}

char *cs_strndup(const char *s, size_t n)
{
	char *p = cs_malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int cs_buf_tr(cs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;
	va_start(ap, fmt);
	error = cs_buf_vprintf(b, dgettext("cs", fmt), ap);
	va_end(ap);
	return error;
}
