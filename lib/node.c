#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "node.h"

static cs_node *node_new(cs_node_type type)
{
	cs_node *n = cs_calloc(1, sizeof(*n));
	if (n)
		n->type = type;
	return n;
}

cs_node *cs_node_new_map(void)
{
	return node_new(CS_NODE_MAP);
}

cs_node *cs_node_new_seq(void)
{
	return node_new(CS_NODE_SEQ);
}

static cs_node *scalar_new(const char *s, size_t len, int plain)
{
	cs_node *n;
	if (len > UINT_MAX) {
		cs_error_set(CS_ENOMEM, "a scalar of %zu bytes: more than a record may hold", len);
		return NULL;
	}
	if (!(n = node_new(CS_NODE_SCALAR)))
		return NULL;
	if (!(n->str = cs_malloc(len + 1))) {
		free(n);
		return NULL;
	}
	if (len)
		memcpy(n->str, s, len);
	n->str[len] = '\0';
	n->len = len;
	n->plain = plain;
	return n;
}

cs_node *cs_node_new_strn(const char *s, size_t len)
{
	return scalar_new(s ? s : "", s ? len : 0, 0);
}

cs_node *cs_node_new_str(const char *s)
{
	return cs_node_new_strn(s ? s : "", s ? strlen(s) : 0);
}

cs_node *cs_node_new_plain(const char *s)
{
	if (!s)
		s = "";
	return scalar_new(s, strlen(s), 1);
}

cs_node *cs_node_new_int(long long v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%lld", v);
	return cs_node_new_plain(tmp);
}

cs_node *cs_node_new_bool(int v)
{
	return cs_node_new_plain(v ? "true" : "false");
}

cs_node *cs_node_new_null(void)
{
	return cs_node_new_plain("null");
}

void cs_node_free(cs_node *n)
{
	size_t i;
	if (!n || n->block == 2)
		return;
	if (n->block == 1) {
		free(n); /* the whole tree: one allocation */
		return;
	}
	switch (n->type) {
	case CS_NODE_SCALAR:
		break;
	case CS_NODE_SEQ:
		for (i = 0; i < n->count; i++)
			cs_node_free(n->items[i]);
		break;
	case CS_NODE_MAP:
		for (i = 0; i < n->count; i++) {
			free(n->pairs[i].key);
			cs_node_free(n->pairs[i].value);
		}
		break;
	}
	free(n->str);
	free(n->items); /* or the pairs: the same pointer */
	free(n);
}

cs_node *cs_node_dup(const cs_node *n)
{
	cs_node *d = NULL;
	size_t i;
	if (!n)
		return NULL;
	if (n->type == CS_NODE_SCALAR) {
		d = scalar_new(n->str ? n->str : "", n->str ? n->len : 0, n->plain);
		if (d)
			d->line = n->line;
		return d;
	}
	if (!(d = node_new(n->type)))
		return NULL;
	d->line = n->line;
	if (!n->count)
		return d;
	if (n->type == CS_NODE_SEQ) {
		if (!(d->items = cs_calloc(n->count, sizeof(*d->items))))
			goto fail;
		d->cap = n->count;
		for (i = 0; i < n->count; i++) {
			if (!(d->items[i] = cs_node_dup(n->items[i])))
				goto fail;
			d->count++;
		}
	} else {
		if (!(d->pairs = cs_calloc(n->count, sizeof(*d->pairs))))
			goto fail;
		d->cap = n->count;
		for (i = 0; i < n->count; i++) {
			if (!(d->pairs[i].key = cs_strdup(n->pairs[i].key)))
				goto fail;
			if (!(d->pairs[i].value = cs_node_dup(n->pairs[i].value))) {
				free(d->pairs[i].key);
				goto fail;
			}
			d->count++;
		}
	}
	return d;
fail:
	cs_node_free(d);
	return NULL;
}

static cs_pair *find_pair(const cs_node *map, const char *key)
{
	size_t i;
	if (!map || map->type != CS_NODE_MAP || !key)
		return NULL;
	/* the first byte before the call: most keys differ there */
	for (i = 0; i < map->count; i++) {
		const char *k = map->pairs[i].key;
		if (k[0] == key[0] && strcmp(k, key) == 0)
			return &map->pairs[i];
	}
	return NULL;
}

cs_node *cs_node_get(const cs_node *map, const char *key)
{
	cs_pair *p = find_pair(map, key);
	return p ? p->value : NULL;
}

const char *cs_node_get_str(const cs_node *map, const char *key)
{
	cs_node *v = cs_node_get(map, key);
	if (!v || v->type != CS_NODE_SCALAR ||
	    cs_node_scalar_kind(v) == CS_SCALAR_NULL)
		return NULL;
	return v->str;
}

int cs_node_set(cs_node *map, const char *key, cs_node *value)
{
	cs_pair *p;
	char *k;
	if (!map || map->type != CS_NODE_MAP || !key) {
		cs_node_free(value);
		return cs_error_set(CS_ESOFTWARE, "cs_node_set: not a mapping");
	}
	if (map->block) {
		cs_node_free(value);
		return cs_error_set(CS_ESOFTWARE, "cs_node_set: an unpacked tree is read-only");
	}
	/* cs_node_set(m, k, cs_node_new_...()) with a value that could not be made */
	if (!value)
		return cs_error_set(CS_ENOMEM, "out of memory");
	if ((p = find_pair(map, key))) {
		cs_node_free(p->value);
		p->value = value;
		return 0;
	}
	if (map->count == map->cap) {
		size_t cap = map->cap ? (size_t)map->cap * 2 : 8;
		cs_pair *np = cap > UINT_MAX ? NULL : cs_realloc(map->pairs, cap * sizeof(*np));
		if (!np) {
			cs_node_free(value);
			return CS_ENOMEM;
		}
		map->pairs = np;
		map->cap = cap;
	}
	if (!(k = cs_strdup(key))) {
		cs_node_free(value);
		return CS_ENOMEM;
	}
	map->pairs[map->count].key = k;
	map->pairs[map->count].value = value;
	map->count++;
	return 0;
}

int cs_node_set_str(cs_node *map, const char *key, const char *value)
{
	cs_node *v = cs_node_new_str(value);
	if (!v)
		return CS_ENOMEM;
	return cs_node_set(map, key, v);
}

/* The pair p of map taken out, its key freed: its value. */
static cs_node *detach(cs_node *map, cs_pair *p)
{
	size_t i = (size_t)(p - map->pairs);
	cs_node *v = p->value;
	free(p->key);
	memmove(&map->pairs[i], &map->pairs[i + 1],
		(map->count - i - 1) * sizeof(*map->pairs));
	map->count--;
	return v;
}

int cs_node_remove(cs_node *map, const char *key)
{
	cs_pair *p = find_pair(map, key);
	if (!p)
		return 0;
	if (map->block)
		return cs_error_set(CS_ESOFTWARE, "cs_node_remove: an unpacked tree is read-only");
	cs_node_free(detach(map, p));
	return 1;
}

cs_node *cs_node_take(cs_node *map, const char *key)
{
	cs_pair *p = find_pair(map, key);
	return p && !map->block ? detach(map, p) : NULL;
}

int cs_node_push(cs_node *seq, cs_node *item)
{
	if (!seq || seq->type != CS_NODE_SEQ) {
		cs_node_free(item);
		return cs_error_set(CS_ESOFTWARE, "cs_node_push: not a sequence");
	}
	if (seq->block) {
		cs_node_free(item);
		return cs_error_set(CS_ESOFTWARE, "cs_node_push: an unpacked tree is read-only");
	}
	if (!item)
		return cs_error_set(CS_ENOMEM, "out of memory");
	if (seq->count == seq->cap) {
		size_t cap = seq->cap ? (size_t)seq->cap * 2 : 8;
		cs_node **ni = cap > UINT_MAX ? NULL : cs_realloc(seq->items, cap * sizeof(*ni));
		if (!ni) {
			cs_node_free(item);
			return CS_ENOMEM;
		}
		seq->items = ni;
		seq->cap = cap;
	}
	seq->items[seq->count++] = item;
	return 0;
}

static int all_in(const char *s, const char *set)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr(set, *s))
			return 0;
	return 1;
}

static int is_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int is_core_float(const char *s)
{
	size_t i = 0, d = 0;
	if (s[i] == '-' || s[i] == '+')
		i++;
	if (s[i] == '.') {
		i++;
		while (s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (!d)
			return 0;
	} else {
		while (s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (!d)
			return 0;
		if (s[i] == '.') {
			i++;
			while (s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	if (s[i] == 'e' || s[i] == 'E') {
		i++;
		d = 0;
		if (s[i] == '-' || s[i] == '+')
			i++;
		while (s[i] >= '0' && s[i] <= '9')
			i++, d++;
		if (!d)
			return 0;
	}
	return s[i] == '\0';
}

static int one_of(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && memcmp(s, *words, len) == 0)
			return 1;
	return 0;
}

/* The core schema's reading of a plain scalar, by its first byte first:
 * most plain scalars of a record (slugs, dates, text) are strings at once. */
static cs_scalar_kind classify(const char *s, size_t len)
{
	static const char *const nulls[] = { "~", "null", "Null", "NULL", NULL };
	static const char *const bools[] = { "true", "True", "TRUE", "false", "False", "FALSE",
		NULL };
	static const char *const specials[] = { ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN",
		NULL };
	const char *t;
	if (len == 0 || (strchr("~nN", s[0]) && one_of(s, len, nulls)))
		return CS_SCALAR_NULL;
	if (strlen(s) != len)
		return CS_SCALAR_STRING;
	if (strchr("tTfF", s[0]))
		return one_of(s, len, bools) ? CS_SCALAR_BOOL : CS_SCALAR_STRING;
	if (!strchr("+-.0123456789", s[0]))
		return CS_SCALAR_STRING;
	t = (s[0] == '-' || s[0] == '+') ? s + 1 : s;
	if (*t && is_digits(t, strlen(t)))
		return CS_SCALAR_INT;
	if (strncmp(s, "0o", 2) == 0 && all_in(s + 2, "01234567"))
		return CS_SCALAR_INT;
	if (strncmp(s, "0x", 2) == 0 &&
	    all_in(s + 2, "0123456789abcdefABCDEF"))
		return CS_SCALAR_INT;
	if (one_of(t, strlen(t), specials) && (t == s || t[1] == 'i' || t[1] == 'I'))
		return CS_SCALAR_FLOAT;
	if (is_core_float(s))
		return CS_SCALAR_FLOAT;
	return CS_SCALAR_STRING;
}

cs_scalar_kind cs_node_scalar_kind(const cs_node *n)
{
	if (!n || n->type != CS_NODE_SCALAR || !n->plain)
		return CS_SCALAR_STRING;
	return classify(n->str ? n->str : "", n->str ? n->len : 0);
}

/* Value of an INT scalar; CS_EDATA when it does not fit. */
static int int_value(const char *s, long long *out)
{
	unsigned long long v;
	const char *t = s;
	int neg = 0, base = 10;
	char *end;
	if (*t == '-' || *t == '+')
		neg = *t++ == '-';
	if (strncmp(s, "0o", 2) == 0)
		t = s + 2, base = 8;
	else if (strncmp(s, "0x", 2) == 0)
		t = s + 2, base = 16;
	errno = 0;
	v = strtoull(t, &end, base);
	if (errno || *end)
		return CS_EDATA;
	if (neg) {
		if (v > (unsigned long long)LLONG_MAX + 1)
			return CS_EDATA;
		*out = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN
							       : -(long long)v;
	} else {
		if (v > (unsigned long long)LLONG_MAX)
			return CS_EDATA;
		*out = (long long)v;
	}
	return 0;
}

static double float_value(const char *s)
{
	const char *t = s;
	int neg = 0;
	if (*t == '-' || *t == '+')
		neg = *t++ == '-';
	if (t[0] == '.' && (t[1] == 'i' || t[1] == 'I'))
		return neg ? -HUGE_VAL : HUGE_VAL;
	if (t[0] == '.' && (t[1] == 'n' || t[1] == 'N'))
		return NAN;
	return strtod(s, NULL);
}

int cs_node_int(const cs_node *n, long long *out)
{
	double d;
	switch (cs_node_scalar_kind(n)) {
	case CS_SCALAR_INT:
		if (int_value(n->str, out) < 0)
			return cs_error_set(CS_EDATA, "integer out of range: %s",
					    n->str);
		return 0;
	case CS_SCALAR_FLOAT:
		d = float_value(n->str);
		if (!isfinite(d) || d < -9.2233720368547758e18 ||
		    d >= 9.2233720368547758e18 || d != (double)(long long)d)
			return cs_error_set(CS_EDATA, "not an integer: %s", n->str);
		*out = (long long)d;
		return 0;
	default:
		return cs_error_set(CS_EDATA, "not an integer: %s",
				    n && n->str ? n->str : "(not a scalar)");
	}
}

int cs_node_number(const cs_node *n, double *out)
{
	long long v;
	switch (cs_node_scalar_kind(n)) {
	case CS_SCALAR_INT:
		if (int_value(n->str, &v) == 0) {
			*out = (double)v;
			return 0;
		}
		/* too large for long long: still a number */
		if (strncmp(n->str, "0o", 2) == 0) {
			const char *c;
			*out = 0;
			for (c = n->str + 2; *c; c++)
				*out = *out * 8 + (*c - '0');
		} else {
			*out = strtod(n->str, NULL); /* decimal or 0x hex */
		}
		return 0;
	case CS_SCALAR_FLOAT:
		*out = float_value(n->str);
		return 0;
	default:
		return cs_error_set(CS_EDATA, "not a number: %s",
				    n && n->str ? n->str : "(not a scalar)");
	}
}

int cs_node_true(const cs_node *n)
{
	return cs_node_scalar_kind(n) == CS_SCALAR_BOOL &&
	       (n->str[0] == 't' || n->str[0] == 'T');
}

static int number_equal(const cs_node *a, const cs_node *b)
{
	long long x, y;
	double p, q;
	if (cs_node_scalar_kind(a) == CS_SCALAR_INT &&
	    cs_node_scalar_kind(b) == CS_SCALAR_INT &&
	    int_value(a->str, &x) == 0 && int_value(b->str, &y) == 0)
		return x == y;
	cs_node_number(a, &p);
	cs_node_number(b, &q);
	if (isnan(p) && isnan(q))
		return 1;
	return p == q;
}

int cs_node_equal(const cs_node *a, const cs_node *b)
{
	cs_scalar_kind ka, kb;
	size_t i;
	if (!a || !b)
		return a == b;
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case CS_NODE_SCALAR:
		ka = cs_node_scalar_kind(a);
		kb = cs_node_scalar_kind(b);
		if ((ka == CS_SCALAR_INT || ka == CS_SCALAR_FLOAT) &&
		    (kb == CS_SCALAR_INT || kb == CS_SCALAR_FLOAT))
			return number_equal(a, b);
		if (ka != kb)
			return 0;
		if (ka == CS_SCALAR_NULL)
			return 1;
		if (ka == CS_SCALAR_BOOL)
			return cs_node_true(a) == cs_node_true(b);
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	case CS_NODE_SEQ:
		if (a->count != b->count)
			return 0;
		for (i = 0; i < a->count; i++)
			if (!cs_node_equal(a->items[i], b->items[i]))
				return 0;
		return 1;
	case CS_NODE_MAP:
		if (a->count != b->count)
			return 0;
		for (i = 0; i < a->count; i++) {
			cs_node *v = cs_node_get(b, a->pairs[i].key);
			if (!v || !cs_node_equal(a->pairs[i].value, v))
				return 0;
		}
		return 1;
	}
	return 0;
}

/* --- a compact binary form (the snapshot's cache) ---------------------------
 * node := type:u8 line:varint (scalar: plain:u8 len:varint bytes NUL
 *                              | seq: count:varint node*
 *                              | map: count:varint (keylen:varint key NUL node)*)
 * (the NULs: a tree unpacked borrowed points into the packed bytes) */

int cs_varint_put(cs_buf *b, size_t v)
{
	unsigned char out[10];
	size_t n = 0;
	do {
		out[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			out[n] |= 0x80;
		n++;
	} while (v);
	return cs_buf_put(b, out, n);
}

int cs_varint_get(const char **p, const char *end, size_t *v)
{
	size_t r = 0;
	unsigned shift = 0;
	while (*p < end && shift < 64) {
		unsigned char c = (unsigned char)*(*p)++;
		r |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*v = r;
			return 0;
		}
		shift += 7;
	}
	return CS_EDATA;
}

/* A node's type and line. */
static int pack_head(cs_buf *b, cs_node_type type, size_t line)
{
	int error = cs_buf_putc(b, (char)type);
	return error < 0 ? error : cs_varint_put(b, line);
}

static int pack_scalar(cs_buf *b, size_t line, int plain, const char *s, size_t len)
{
	int error;
	if ((error = pack_head(b, CS_NODE_SCALAR, line)) < 0 ||
	    (error = cs_buf_putc(b, (char)(plain ? 1 : 0))) < 0 ||
	    (error = cs_varint_put(b, len)) < 0 || (error = cs_buf_put(b, s, len)) < 0)
		return error;
	return cs_buf_putc(b, '\0');
}

int cs_node_pack(const cs_node *n, cs_buf *b)
{
	size_t i;
	int error;
	if (!n)
		return cs_error_set(CS_ESOFTWARE, "cs_node_pack: no node");
	switch (n->type) {
	case CS_NODE_SCALAR:
		return pack_scalar(b, n->line, n->plain, n->str ? n->str : "", n->len);
	case CS_NODE_SEQ:
		if ((error = pack_head(b, CS_NODE_SEQ, n->line)) < 0 ||
		    (error = cs_varint_put(b, n->count)) < 0)
			return error;
		for (i = 0; i < n->count; i++)
			if ((error = cs_node_pack(n->items[i], b)) < 0)
				return error;
		return 0;
	case CS_NODE_MAP:
		if ((error = pack_head(b, CS_NODE_MAP, n->line)) < 0 ||
		    (error = cs_varint_put(b, n->count)) < 0)
			return error;
		for (i = 0; i < n->count; i++)
			if ((error = cs_pack_key(b, n->pairs[i].key)) < 0 ||
			    (error = cs_node_pack(n->pairs[i].value, b)) < 0)
				return error;
		return 0;
	}
	return cs_error_set(CS_ESOFTWARE, "cs_node_pack: bad node type");
}

int cs_pack_map(cs_buf *b, size_t count)
{
	int error = pack_head(b, CS_NODE_MAP, 0);
	return error < 0 ? error : cs_varint_put(b, count);
}

/* The count in five bytes, the varint's room for 32 bits (a varint may
 * carry more bytes than it needs: the reader takes them). */
#define SEQ_ROOM 5

int cs_pack_seq_open(cs_buf *b, size_t *at)
{
	static const char room[SEQ_ROOM];
	int error = pack_head(b, CS_NODE_SEQ, 0);
	*at = b->len;
	return error < 0 ? error : cs_buf_put(b, room, SEQ_ROOM);
}

void cs_pack_seq_close(cs_buf *b, size_t at, size_t count)
{
	int i;
	for (i = 0; i < SEQ_ROOM; i++, count >>= 7)
		b->ptr[at + i] = (char)((count & 0x7f) | (i + 1 < SEQ_ROOM ? 0x80 : 0));
}

int cs_pack_key(cs_buf *b, const char *key)
{
	size_t k = strlen(key);
	int error = cs_varint_put(b, k);
	return error < 0 ? error : cs_buf_put(b, key, k + 1);
}

int cs_pack_str(cs_buf *b, const char *s, size_t len)
{
	/* a null as the loader reads one: plain "null" */
	return s ? pack_scalar(b, 0, 0, s, len) : pack_scalar(b, 0, 1, "null", 4);
}

int cs_pack_cstr(cs_buf *b, const char *s)
{
	return cs_pack_str(b, s, s ? strlen(s) : 0);
}

#define UNPACK_DEPTH 200
#define ALIGN(n) (((n) + 7) & ~(size_t)7)

/* The bytes the tree packed at *p takes as one allocation, checking its form
 * on the way: CS_EDATA when it is not a packed tree. */
static int unpack_size(const char **p, const char *end, int depth, int borrow, size_t *size)
{
	size_t line, count, i, len;
	int type;
	if (*p >= end || depth > UNPACK_DEPTH)
		return CS_EDATA;
	type = (unsigned char)*(*p)++;
	if (type > CS_NODE_MAP || cs_varint_get(p, end, &line) < 0 || line > UINT_MAX)
		return CS_EDATA;
	*size += ALIGN(sizeof(cs_node));
	if (type == CS_NODE_SCALAR) {
		if (*p >= end)
			return CS_EDATA;
		(*p)++;
		if (cs_varint_get(p, end, &len) < 0 || len >= (size_t)(end - *p) || len > UINT_MAX ||
		    (*p)[len])
			return CS_EDATA;
		*p += len + 1;
		if (!borrow)
			*size += ALIGN(len + 1);
		return 0;
	}
	/* every node takes at least two bytes: a count beyond that is corrupt */
	if (cs_varint_get(p, end, &count) < 0 || count > (size_t)(end - *p) / 2 || count > UINT_MAX)
		return CS_EDATA;
	*size += ALIGN(count * (type == CS_NODE_MAP ? sizeof(cs_pair) : sizeof(cs_node *)));
	for (i = 0; i < count; i++) {
		int error;
		if (type == CS_NODE_MAP) {
			if (cs_varint_get(p, end, &len) < 0 || len >= (size_t)(end - *p) ||
			    memchr(*p, '\0', len + 1) != *p + len)
				return CS_EDATA;
			*p += len + 1;
			if (!borrow)
				*size += ALIGN(len + 1);
		}
		if ((error = unpack_size(p, end, depth + 1, borrow, size)) < 0)
			return error;
	}
	return 0;
}

/* A varint of a tree unpack_size has checked. */
static size_t varint(const char **p)
{
	size_t r = 0;
	unsigned shift = 0;
	unsigned char c;
	do {
		c = (unsigned char)*(*p)++;
		r |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return r;
}

static void *take(char **at, size_t n)
{
	void *v = *at;
	*at += ALIGN(n);
	return v;
}

/* A string of len bytes and its NUL at *p (moved past them): copied into
 * the block at *at, or (borrow) the bytes themselves. */
static char *unpack_str(const char **p, size_t len, int borrow, char **at)
{
	char *s = borrow ? (char *)*p : memcpy(take(at, len + 1), *p, len + 1);
	*p += len + 1;
	return s;
}

/* The tree at *p (its form checked by unpack_size) built in the block at *at. */
static cs_node *unpack_into(const char **p, int borrow, char **at)
{
	cs_node *n = take(at, sizeof(*n));
	size_t line, len, i;
	memset(n, 0, sizeof(*n));
	n->block = 2;
	n->type = (unsigned char)*(*p)++;
	line = varint(p);
	n->line = (unsigned int)line;
	if (n->type == CS_NODE_SCALAR) {
		n->plain = *(*p)++ == 1;
		len = varint(p);
		n->str = unpack_str(p, len, borrow, at);
		n->len = (unsigned int)len;
		return n;
	}
	n->count = varint(p);
	n->cap = n->count;
	if (n->type == CS_NODE_SEQ) {
		n->items = n->count ? take(at, n->count * sizeof(*n->items)) : NULL;
		for (i = 0; i < n->count; i++)
			n->items[i] = unpack_into(p, borrow, at);
		return n;
	}
	n->pairs = n->count ? take(at, n->count * sizeof(*n->pairs)) : NULL;
	for (i = 0; i < n->count; i++) {
		len = varint(p);
		n->pairs[i].key = unpack_str(p, len, borrow, at);
		n->pairs[i].value = unpack_into(p, borrow, at);
	}
	return n;
}

static int unpack(const char **p, const char *end, int borrow, cs_node **out)
{
	const char *q = *p;
	size_t size = 0;
	char *block, *at;
	int error;
	*out = NULL;
	if ((error = unpack_size(&q, end, 0, borrow, &size)) < 0)
		return error;
	if (!(block = cs_malloc(size)))
		return CS_ENOMEM;
	at = block;
	*out = unpack_into(p, borrow, &at);
	(*out)->block = 1;
	return 0;
}

int cs_node_unpack(const char **p, const char *end, cs_node **out)
{
	return unpack(p, end, 0, out);
}

int cs_node_unpack_borrowed(const char **p, const char *end, cs_node **out)
{
	return unpack(p, end, 1, out);
}
