/* UTF-8 validation, code point counts and terminal display width. */
#ifndef CS_UTF8_H
#define CS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int cs_utf8_valid(const char *s, size_t len);
/* The offset of the first byte of s[0..len) that is not UTF-8; len when none. */
size_t cs_utf8_invalid_at(const char *s, size_t len);
/* Decode one code point at s (at most len bytes); returns its byte length,
 * or 0 when malformed. */
size_t cs_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of code points (for maxLength/minLength). */
size_t cs_utf8_count(const char *s, size_t len);
/* Columns one code point takes on a terminal: 0, 1 or 2 (CJK, fullwidth). */
int cs_utf8_cp_width(uint32_t cp);
/* Columns the string takes on a terminal. */
size_t cs_utf8_width(const char *s);
/* Byte length of the longest prefix of s that fits in cols columns. */
size_t cs_utf8_prefix_for_width(const char *s, size_t cols);

/* The number of edits (insert, delete, replace) from a to b, counted in
 * code points. */
size_t cs_utf8_distance(const char *a, const char *b);
/* The closest of words (NULL-terminated) to w within 2 edits (and fewer
 * than the word's length), or NULL: for "did you mean". */
const char *cs_utf8_nearest(const char *w, const char *const *words);

#endif
