#include <string.h>

#include "utf8.h"

size_t cs_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n, i;
	if (!len)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

size_t cs_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	while (i < len) {
		if (!(n = cs_utf8_decode(s + i, len - i, &cp)))
			return i;
		i += n;
	}
	return len;
}

int cs_utf8_valid(const char *s, size_t len)
{
	return cs_utf8_invalid_at(s, len) == len;
}

size_t cs_utf8_count(const char *s, size_t len)
{
	size_t i = 0, n, count = 0;
	uint32_t cp;
	while (i < len) {
		n = cs_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		count++;
	}
	return count;
}

struct range {
	uint32_t lo, hi;
};

static const struct range wide[] = {
	{0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec},
	{0x23f0, 0x23f0}, {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
	{0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5}, {0x26ce, 0x26ce},
	{0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
	{0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
	{0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27b0, 0x27b0}, {0x27bf, 0x27bf},
	{0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x303e},
	{0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
	{0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19},
	{0xfe30, 0xfe6f}, {0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe4},
	{0x17000, 0x18cff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004},
	{0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
	{0x1f200, 0x1f251}, {0x1f300, 0x1f64f}, {0x1f680, 0x1f6ff},
	{0x1f900, 0x1f9ff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static const struct range zero[] = {
	{0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x0610, 0x061a},
	{0x064b, 0x065f}, {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064},
	{0x20d0, 0x20ff}, {0x302a, 0x302d}, {0x3099, 0x309a}, {0xfe00, 0xfe0f},
	{0xfe20, 0xfe2f}, {0xfeff, 0xfeff}, {0xe0100, 0xe01ef},
};

static int in(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int cs_utf8_cp_width(uint32_t cp)
{
	if (cp == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	/* the common cases before the tables: Latin, and CJK ideographs */
	if (cp < 0x300)
		return 1;
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return 2;
	if (in(zero, sizeof(zero) / sizeof(zero[0]), cp))
		return 0;
	if (in(wide, sizeof(wide) / sizeof(wide[0]), cp))
		return 2;
	return 1;
}

size_t cs_utf8_width(const char *s)
{
	size_t len = strlen(s), i = 0, n, w = 0;
	uint32_t cp;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) { /* ASCII at once: printable ones take a column */
			w += b >= 0x20 && b != 0x7f;
			i++;
			continue;
		}
		n = cs_utf8_decode(s + i, len - i, &cp);
		if (!n) {
			i++;
			w++;
			continue;
		}
		w += (size_t)cs_utf8_cp_width(cp);
		i += n;
	}
	return w;
}

size_t cs_utf8_prefix_for_width(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, n, w = 0, cw;
	uint32_t cp;
	while (i < len) {
		n = cs_utf8_decode(s + i, len - i, &cp);
		cw = n ? (size_t)cs_utf8_cp_width(cp) : 1;
		if (!n)
			n = 1;
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	return i;
}

size_t cs_utf8_distance(const char *a, const char *b)
{
	uint32_t x[64], y[64], cp;
	size_t na = 0, nb = 0, i, j, d[65], prev, tmp, k;
	const char *p;
	for (p = a; *p && na < 64; p += k ? k : 1, na++)
		x[na] = (k = cs_utf8_decode(p, strlen(p), &cp)) ? cp : (unsigned char)*p;
	for (p = b; *p && nb < 64; p += k ? k : 1, nb++)
		y[nb] = (k = cs_utf8_decode(p, strlen(p), &cp)) ? cp : (unsigned char)*p;
	for (j = 0; j <= nb; j++)
		d[j] = j;
	for (i = 1; i <= na; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= nb; j++) {
			tmp = d[j];
			d[j] = prev + (x[i - 1] != y[j - 1]);
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (tmp + 1 < d[j])
				d[j] = tmp + 1;
			prev = tmp;
		}
	}
	return d[nb];
}

const char *cs_utf8_nearest(const char *w, const char *const *words)
{
	const char *best = NULL;
	size_t i, bd = 3;
	for (i = 0; words && words[i]; i++) {
		size_t dist = cs_utf8_distance(w, words[i]);
		if (dist < bd && dist < cs_utf8_count(words[i], strlen(words[i]))) {
			bd = dist;
			best = words[i];
		}
	}
	return best;
}
