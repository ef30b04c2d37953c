/* Growable byte buffer, always NUL-terminated. */
#ifndef CS_BUF_H
#define CS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
	char *ptr;   /* never NULL after init: "" when empty */
	size_t len;
	size_t cap;
	FILE *sink;  /* where cs_buf_spill writes; NULL: nowhere */
} cs_buf;

#define CS_BUF_INIT { NULL, 0, 0, NULL }

void cs_buf_init(cs_buf *b);
void cs_buf_free(cs_buf *b);
void cs_buf_clear(cs_buf *b);
int cs_buf_grow(cs_buf *b, size_t extra);
int cs_buf_put(cs_buf *b, const void *data, size_t len);
int cs_buf_puts(cs_buf *b, const char *s);
int cs_buf_putc(cs_buf *b, char c);
/* n copies of c. */
int cs_buf_fill(cs_buf *b, char c, size_t n);
int cs_buf_printf(cs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap);
/* cs_buf_printf with fmt translated first (a message for the user). */
int cs_buf_tr(cs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Output that need not be held whole: once b holds CS_BUF_SPILL bytes,
 * cs_buf_spill writes them to b's sink and clears b (CS_EIO when it cannot).
 * A renderer calls it where nothing after looks back at what it wrote (a
 * line's or a row's end); a buffer without a sink is left as it is. */
#define CS_BUF_SPILL 65536
void cs_buf_sink(cs_buf *b, FILE *sink);
int cs_buf_spill(cs_buf *b);
/* Give the string to the caller (free() it); the buffer is left empty. */
char *cs_buf_detach(cs_buf *b);
/* Read a whole file (or "-" for stdin); at most max bytes (0: no limit). */
int cs_buf_read_file(cs_buf *b, const char *path, size_t max);
/* Returns the string; "" for an empty buffer that was never grown. */
const char *cs_buf_cstr(const cs_buf *b);

/* malloc/strdup that set CS_ENOMEM on failure. */
void *cs_malloc(size_t n);
void *cs_calloc(size_t n, size_t size);
void *cs_realloc(void *p, size_t n);
char *cs_strdup(const char *s);
char *cs_strndup(const char *s, size_t n);

#endif
