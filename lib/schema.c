/* JSON Schema 2020-12 subset over cs_node trees. */
#include <errno.h>
#include <libintl.h>
#include <ctype.h>
#include <float.h>
#include <locale.h>
#include <math.h>  /* isfinite only */
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "schema.h"
#include "utf8.h"

#define MAX_DEPTH 256

/* The last verdicts of a pattern on short strings, by hash: the values a
 * store repeats (slugs, kinds, times) are matched once, not once a record. */
#define RX_MEMO 64
#define RX_MEMO_LEN 40
typedef struct {
	char str[RX_MEMO_LEN];
	unsigned char used, match;
} rx_memo;

typedef struct {
	const char *src;     /* the pattern string inside the schema copy */
	regex_t re;
	rx_memo *memo;       /* RX_MEMO slots, made at the first match */
} rx_entry;

struct cs_schema {
	cs_node *root;
	char *name;
	rx_entry *rx;
	size_t nrx, caprx;
};

typedef struct {
	cs_schema *s;
	cs_schema_result *res;
	cs_buf path;
	int depth;
} vctx;

enum {
	T_NULL = 1, T_BOOL = 2, T_INT = 4, T_NUM = 8, T_STR = 16, T_ARR = 32, T_OBJ = 64
};

/* ---- regular expressions: ECMA-262 patterns as POSIX ERE ---- */

/* Patterns are compiled and run in a UTF-8 locale so that '.', classes and
 * \p{L} see code points, whatever the caller's locale is. */
static locale_t utf8_locale(void)
{
	static locale_t loc = (locale_t)0;
	static int tried;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK | LC_COLLATE_MASK, "C.UTF-8", (locale_t)0);
		if (loc == (locale_t)0)
			loc = newlocale(LC_CTYPE_MASK | LC_COLLATE_MASK, "en_US.UTF-8", (locale_t)0);
	}
	return loc;
}

static int put_cp(cs_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return cs_buf_put(b, u, n);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Read n hex digits at p; -1 when malformed. */
static long hexn(const char *p, int n)
{
	long v = 0;
	int i, h;
	for (i = 0; i < n; i++) {
		if ((h = hexval((unsigned char)p[i])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* A character escape (after the backslash) giving one code point:
 * t n r f v xHH uHHHH u{H..}; returns bytes consumed, 0 when not one. */
static size_t char_escape(const char *p, uint32_t *cp)
{
	long v;
	size_t i;
	switch (*p) {
	case 't': *cp = '\t'; return 1;
	case 'n': *cp = '\n'; return 1;
	case 'r': *cp = '\r'; return 1;
	case 'f': *cp = '\f'; return 1;
	case 'v': *cp = '\v'; return 1;
	case 'x':
		if ((v = hexn(p + 1, 2)) < 0)
			return 0;
		*cp = (uint32_t)v;
		return 3;
	case 'u':
		if (p[1] == '{') {
			v = 0;
			for (i = 2; p[i] && p[i] != '}'; i++) {
				if (hexval((unsigned char)p[i]) < 0 || i > 8)
					return 0;
				v = v * 16 + hexval((unsigned char)p[i]);
			}
			if (p[i] != '}' || i == 2 || v > 0x10ffff)
				return 0;
			*cp = (uint32_t)v;
			return i + 1;
		}
		if ((v = hexn(p + 1, 4)) < 0)
			return 0;
		*cp = (uint32_t)v;
		return 5;
	default:
		return 0;
	}
}

/* \p{..} / \P{..}: the POSIX class name for a Unicode property, or NULL. */
static const char *property_class(const char *p, size_t *used)
{
	static const struct { const char *name, *cls; } props[] = {
		{ "L", "alpha" }, { "Letter", "alpha" }, { "Alphabetic", "alpha" },
		{ "Lu", "upper" }, { "Uppercase_Letter", "upper" }, { "Uppercase", "upper" },
		{ "Ll", "lower" }, { "Lowercase_Letter", "lower" }, { "Lowercase", "lower" },
		{ "Nd", "digit" }, { "Decimal_Number", "digit" }, { "digit", "digit" },
		{ "White_Space", "space" }, { "P", "punct" }, { "Punctuation", "punct" },
	};
	const char *end;
	size_t i, n;
	if (p[0] != '{' || !(end = strchr(p, '}')))
		return NULL;
	n = (size_t)(end - p - 1);
	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++)
		if (strlen(props[i].name) == n && !strncmp(p + 1, props[i].name, n)) {
			*used = n + 2;
			return props[i].cls;
		}
	return NULL;
}

static int is_special(int c)
{
	return c && strchr(".[](){}*+?|^$\\", c) != NULL;
}

/* One member of a class at p: a class escape (\\d, \\w, \\s, \\p{..}) appended
 * to body (1), or a code point in *cp (0); *used gets its length. */
static int class_atom(cs_buf *body, const char *p, size_t *used, uint32_t *cp, const char **why)
{
	const char *cls = NULL;
	size_t n;
	int error;
	if (*p != '\\') {
		if (!(*used = cs_utf8_decode(p, strlen(p), cp))) {
			*why = "bad UTF-8";
			return CS_EDATA;
		}
		return 0;
	}
	switch (p[1]) {
	case '\0':
		*why = "trailing backslash";
		return CS_EDATA;
	case 'd': cls = "0-9"; break;
	case 'w': cls = "A-Za-z0-9_"; break;
	case 's': cls = "[:space:]"; break;
	case 'p':
		if (!(cls = property_class(p + 2, &n))) {
			*why = "unsupported property escape";
			return CS_EDATA;
		}
		*used = 2 + n;
		return (error = cs_buf_printf(body, "[:%s:]", cls)) < 0 ? error : 1;
	case 'D': case 'W': case 'S': case 'P':
		*why = "negated escape inside a class";
		return CS_EDATA;
	case 'b':
		*cp = '\b';
		*used = 2;
		return 0;
	}
	if (cls) {
		*used = 2;
		return (error = cs_buf_puts(body, cls)) < 0 ? error : 1;
	}
	if (!(n = char_escape(p + 1, cp)) && !(n = cs_utf8_decode(p + 1, strlen(p + 1), cp))) {
		*why = "bad UTF-8";
		return CS_EDATA;
	}
	*used = 1 + n;
	return 0;
}

/* The POSIX bracket expression: ']' first, '^' and '-' last, as POSIX wants. */
static int class_close(cs_buf *out, int neg, int rbracket, const cs_buf *body, int caret,
		       int hyphen)
{
	int error;
	if ((error = cs_buf_puts(out, neg ? "[^" : "[")) < 0 ||
	    (rbracket && (error = cs_buf_putc(out, ']')) < 0) ||
	    (error = cs_buf_put(out, body->ptr ? body->ptr : "", body->len)) < 0 ||
	    (caret && (error = cs_buf_putc(out, '^')) < 0) ||
	    (hyphen && (error = cs_buf_putc(out, '-')) < 0))
		return error;
	return cs_buf_putc(out, ']');
}

/* Translate an ECMA class "[...]" at p (p at '['); *used gets its length. */
static int translate_class(cs_buf *out, const char *p, size_t *used, const char **why)
{
	cs_buf body = CS_BUF_INIT;
	size_t i = 1, n;
	int neg = 0, rbracket = 0, hyphen = 0, caret = 0, items = 0, error = 0;
	uint32_t lo, hi;
	if (p[i] == '^') {
		neg = 1;
		i++;
	}
	if (p[i] == ']') {
		*why = "empty class";
		return CS_EDATA;
	}
	while (p[i] && p[i] != ']') {
		if ((error = class_atom(&body, p + i, &n, &lo, why)) < 0)
			goto cleanup;
		i += n;
		if (error == 1) {
			items++;
			error = 0;
			continue;
		}
		hi = lo;
		if (p[i] == '-' && p[i + 1] && p[i + 1] != ']') {
			i++;
			if (p[i] == '\\') {
				i++;
				if (!(n = char_escape(p + i, &hi)))
					n = cs_utf8_decode(p + i, strlen(p + i), &hi);
			} else {
				n = cs_utf8_decode(p + i, strlen(p + i), &hi);
			}
			if (!n || hi < lo) {
				*why = "bad range in class";
				error = CS_EDATA;
				goto cleanup;
			}
			i += n;
		}
		if (lo == hi && lo == ']')
			rbracket = 1;
		else if (lo == hi && lo == '-')
			hyphen = 1;
		else if (lo == hi && lo == '^')
			caret = 1;
		else {
			if (lo == ']' || lo == '-' || lo == '^' || lo == '[') {
				*why = "unsupported range start in class";
				error = CS_EDATA;
				goto cleanup;
			}
			if ((error = put_cp(&body, lo)) < 0)
				goto cleanup;
			if (hi != lo && ((error = cs_buf_putc(&body, '-')) < 0 ||
					 (error = put_cp(&body, hi)) < 0))
				goto cleanup;
		}
		items++;
	}
	if (p[i] != ']') {
		*why = "unterminated class";
		error = CS_EDATA;
		goto cleanup;
	}
	*used = i + 1;
	if (!neg && caret && items == 1)
		error = cs_buf_puts(out, "\\^");
	else
		error = class_close(out, neg, rbracket, &body, caret, hyphen);
cleanup:
	cs_buf_free(&body);
	return error;
}

/* 1 when p starts a {n}, {n,} or {n,m} quantifier; *used its length. */
static int brace_quantifier(const char *p, size_t *used)
{
	size_t i = 1;
	if (!isdigit((unsigned char)p[i]))
		return 0;
	while (isdigit((unsigned char)p[i]))
		i++;
	if (p[i] == ',') {
		i++;
		while (isdigit((unsigned char)p[i]))
			i++;
	}
	if (p[i] != '}')
		return 0;
	*used = i + 1;
	return 1;
}

/* Translate the escape after a backslash at p; *used gets its length. */
static int translate_escape(cs_buf *out, const char *p, size_t *used, const char **why)
{
	static const struct { char c; const char *posix; } classes[] = {
		{ 'd', "[0-9]" }, { 'D', "[^0-9]" }, { 'w', "[A-Za-z0-9_]" },
		{ 'W', "[^A-Za-z0-9_]" }, { 's', "[[:space:]]" }, { 'S', "[^[:space:]]" },
		{ 'b', "\\b" }, { 'B', "\\B" },
	};
	const char *cls;
	uint32_t cp;
	size_t i, n;
	*used = 1;
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (*p == classes[i].c)
			return cs_buf_puts(out, classes[i].posix);
	if (!*p) {
		*why = "trailing backslash";
		return CS_EDATA;
	}
	if (*p == 'p' || *p == 'P') {
		if (!(cls = property_class(p + 1, &n))) {
			*why = "unsupported property escape";
			return CS_EDATA;
		}
		*used = 1 + n;
		return cs_buf_printf(out, "[%s[:%s:]]", *p == 'P' ? "^" : "", cls);
	}
	if (*p == '0') {
		*why = "NUL escape";
		return CS_EDATA;
	}
	if (*p >= '1' && *p <= '9')
		return cs_buf_printf(out, "\\%c", *p);
	if ((n = char_escape(p, &cp))) {
		*used = n;
		return is_special((int)cp) ? cs_buf_printf(out, "\\%c", (char)cp) : put_cp(out, cp);
	}
	if (is_special((unsigned char)*p))
		return cs_buf_printf(out, "\\%c", *p);
	if (isalpha((unsigned char)*p)) {
		*why = "unsupported escape";
		return CS_EDATA;
	}
	return cs_buf_putc(out, *p);
}

/* The length of a group's opening at p ("(", "(?:", "(?<name>"); lookaround
 * is refused. */
static int translate_group(const char *p, size_t *used, const char **why)
{
	const char *end;
	*used = 1;
	if (p[1] != '?')
		return 0;
	if (p[2] == ':') {
		*used = 3;
		return 0;
	}
	if (p[2] == '<' && p[3] != '=' && p[3] != '!') {
		if (!(end = strchr(p, '>'))) {
			*why = "bad group name";
			return CS_EDATA;
		}
		*used = (size_t)(end - p) + 1;
		return 0;
	}
	*why = "lookaround is not supported";
	return CS_EDATA;
}

static int translate_regex(cs_buf *out, const char *p, const char **why)
{
	size_t i = 0, n;
	int error = 0, quant;
	while (p[i]) {
		quant = 0;
		switch (p[i]) {
		case '\\':
			if ((error = translate_escape(out, p + i + 1, &n, why)) < 0)
				return error;
			i += 1 + n;
			break;
		case '[':
			error = translate_class(out, p + i, &n, why);
			i += n;
			break;
		case '.':
			error = cs_buf_puts(out, "[^\n\r]");
			i++;
			break;
		case '(':
			if ((error = translate_group(p + i, &n, why)) < 0)
				return error;
			i += n;
			error = cs_buf_putc(out, '(');
			break;
		case '{':
			if (brace_quantifier(p + i, &n)) {
				error = cs_buf_put(out, p + i, n);
				i += n;
				quant = 1;
			} else {
				error = cs_buf_puts(out, "\\{");
				i++;
			}
			break;
		case '*': case '+': case '?':
			error = cs_buf_putc(out, p[i]);
			i++;
			quant = 1;
			break;
		default:
			error = cs_buf_putc(out, p[i]);
			i++;
		}
		if (error < 0)
			return error;
		/* laziness does not change whether a pattern matches */
		if (quant && p[i] == '?')
			i++;
	}
	return 0;
}

static int rx_compile(regex_t *re, const char *src, const char *name)
{
	cs_buf ere = CS_BUF_INIT;
	const char *why = NULL;
	locale_t loc = utf8_locale(), old = (locale_t)0;
	int error, rc;
	if ((error = translate_regex(&ere, src, &why)) < 0) {
		if (why)
			error = cs_error_set(CS_EDATA, "%s: pattern '%s': %s", name, src, why);
		goto cleanup;
	}
	if (loc != (locale_t)0)
		old = uselocale(loc);
	rc = regcomp(re, cs_buf_cstr(&ere), REG_EXTENDED | REG_NOSUB);
	if (loc != (locale_t)0)
		uselocale(old);
	if (rc == REG_ESPACE) {
		error = cs_error_set(CS_ENOMEM, "out of memory");
	} else if (rc != 0) {
		char msg[128];
		regerror(rc, re, msg, sizeof(msg));
		error = cs_error_set(CS_EDATA, "%s: pattern '%s': %s", name, src, msg);
	}
cleanup:
	cs_buf_free(&ere);
	return error;
}

/* The compiled pattern for src (a string inside the schema), cached. */
static int rx_get(cs_schema *s, const char *src, rx_entry **out)
{
	size_t i;
	int error;
	for (i = 0; i < s->nrx; i++)
		if (s->rx[i].src == src) {
			*out = &s->rx[i];
			return 0;
		}
	if (s->nrx == s->caprx) {
		size_t cap = s->caprx ? s->caprx * 2 : 8;
		rx_entry *rx = cs_realloc(s->rx, cap * sizeof(*rx));
		if (!rx)
			return CS_ENOMEM;
		s->rx = rx;
		s->caprx = cap;
	}
	if ((error = rx_compile(&s->rx[s->nrx].re, src, s->name)) < 0)
		return error;
	s->rx[s->nrx].src = src;
	s->rx[s->nrx].memo = NULL;
	*out = &s->rx[s->nrx++];
	return 0;
}

static int rx_exec(const regex_t *re, const char *str)
{
	locale_t loc = utf8_locale(), old = (locale_t)0;
	int rc;
	if (loc != (locale_t)0)
		old = uselocale(loc);
	errno = 0;
	rc = regexec(re, str, 0, NULL, 0);
	if (loc != (locale_t)0)
		uselocale(old);
	/* glibc's regexec says "no match" when it runs out of memory */
	if (rc == REG_ESPACE || (rc != 0 && errno == ENOMEM))
		return cs_error_set(CS_ENOMEM, "out of memory");
	return rc == 0;
}

static int rx_match(rx_entry *rx, const char *str)
{
	size_t len = strlen(str), h = 5381, i;
	rx_memo *m;
	if (len >= RX_MEMO_LEN)
		return rx_exec(&rx->re, str);
	if (!rx->memo && !(rx->memo = calloc(RX_MEMO, sizeof(*rx->memo))))
		return rx_exec(&rx->re, str);
	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)str[i];
	m = &rx->memo[h % RX_MEMO];
	if (!m->used || strcmp(m->str, str)) {
		int rc = rx_exec(&rx->re, str);
		if (rc < 0)  /* out of memory: no verdict to remember */
			return rc;
		memcpy(m->str, str, len + 1);
		m->match = (unsigned char)rc;
		m->used = 1;
	}
	return m->match;
}

/* ---- $ref resolution ---- */

static int is_str(const cs_node *n)
{
	return n && n->type == CS_NODE_SCALAR && cs_node_scalar_kind(n) == CS_SCALAR_STRING;
}

/* Follow a URI fragment JSON pointer ("" or "/a/b") from base. */
static const cs_node *follow_pointer(const cs_node *base, const char *frag)
{
	cs_buf dec = CS_BUF_INIT, tok = CS_BUF_INIT;
	const cs_node *cur = base;
	const char *p;
	for (p = frag; *p; p++) {
		if (*p == '%' && hexval((unsigned char)p[1]) >= 0 && hexval((unsigned char)p[2]) >= 0) {
			if (cs_buf_putc(&dec, (char)hexn(p + 1, 2)) < 0)
				goto fail;
			p += 2;
		} else if (cs_buf_putc(&dec, *p) < 0) {
			goto fail;
		}
	}
	p = cs_buf_cstr(&dec);
	if (*p && *p != '/')
		goto fail;
	while (*p && cur) {
		p++;
		cs_buf_clear(&tok);
		while (*p && *p != '/') {
			char c = *p;
			if (c == '~' && p[1] == '1') {
				c = '/';
				p++;
			} else if (c == '~' && p[1] == '0') {
				c = '~';
				p++;
			}
			if (cs_buf_putc(&tok, c) < 0)
				goto fail;
			p++;
		}
		if (cur->type == CS_NODE_MAP) {
			cur = cs_node_get(cur, cs_buf_cstr(&tok));
		} else if (cur->type == CS_NODE_SEQ) {
			const char *t = cs_buf_cstr(&tok);
			char *end;
			unsigned long idx;
			if (!*t || !isdigit((unsigned char)*t))
				goto fail;
			idx = strtoul(t, &end, 10);
			if (*end || idx >= cur->count)
				goto fail;
			cur = cur->items[idx];
		} else {
			cur = NULL;
		}
	}
	cs_buf_free(&dec);
	cs_buf_free(&tok);
	return cur;
fail:
	cs_buf_free(&dec);
	cs_buf_free(&tok);
	return NULL;
}

/* The map under n whose key `key` is the string val (depth first). */
static const cs_node *find_keyed(const cs_node *n, const char *key, const char *val, size_t vlen)
{
	const cs_node *hit, *v;
	size_t i;
	if (!n)
		return NULL;
	if (n->type == CS_NODE_MAP) {
		v = cs_node_get(n, key);
		if (is_str(v) && v->len == vlen && !memcmp(v->str, val, vlen))
			return n;
		for (i = 0; i < n->count; i++)
			if ((hit = find_keyed(n->pairs[i].value, key, val, vlen)))
				return hit;
	} else if (n->type == CS_NODE_SEQ) {
		for (i = 0; i < n->count; i++)
			if ((hit = find_keyed(n->items[i], key, val, vlen)))
				return hit;
	}
	return NULL;
}

/* Resolve ref seen in resource base; *nbase gets the target's resource. */
static const cs_node *resolve_ref(cs_schema *s, const cs_node *base, const char *ref,
				  const cs_node **nbase)
{
	const char *hash = strchr(ref, '#');
	const cs_node *res = base;
	size_t ulen = hash ? (size_t)(hash - ref) : strlen(ref);
	if (ulen) {
		const cs_node *id = cs_node_get(s->root, "$id");
		if (is_str(id) && id->len == ulen && !memcmp(id->str, ref, ulen))
			res = s->root;
		else if (!(res = find_keyed(s->root, "$id", ref, ulen)))
			return NULL;
	}
	*nbase = res;
	if (!hash || !hash[1])
		return res;
	if (hash[1] == '/')
		return follow_pointer(res, hash + 1);
	return find_keyed(res, "$anchor", hash + 1, strlen(hash + 1));
}

/* ---- walking the schema: compile patterns, check references ---- */

static int walk(cs_schema *s, const cs_node *sch, const cs_node *base, int depth);

/* A type no validator knows would make every instance fail, or none. */
static int known_type(cs_schema *s, const cs_node *v)
{
	static const char *const types[] = { "null", "boolean", "object", "array", "number",
		"string", "integer", NULL };
	size_t i, j, n = v->type == CS_NODE_SEQ ? v->count : 1;
	for (j = 0; j < n; j++) {
		const cs_node *t = v->type == CS_NODE_SEQ ? v->items[j] : v;
		for (i = 0; is_str(t) && types[i]; i++)
			if (!strcmp(t->str, types[i]))
				break;
		if (!is_str(t) || !types[i])
			return cs_error_at(CS_EDATA, s->name, t->line, "type",
					   "'%s' is not a type (null, boolean, object, array, number, "
					   "string, integer)", is_str(t) ? t->str : "");
	}
	return 0;
}

static int walk_map_of(cs_schema *s, const cs_node *m, const cs_node *base, int depth, int keys_are_rx)
{
	size_t i;
	int error;
	rx_entry *re;
	if (!m || m->type != CS_NODE_MAP)
		return 0;
	for (i = 0; i < m->count; i++) {
		if (keys_are_rx && (error = rx_get(s, m->pairs[i].key, &re)) < 0)
			return error;
		if ((error = walk(s, m->pairs[i].value, base, depth + 1)) < 0)
			return error;
	}
	return 0;
}

static int walk(cs_schema *s, const cs_node *sch, const cs_node *base, int depth)
{
	static const char *const single[] = { "items", "additionalProperties", "not", "if",
		"then", "else", "contains", "propertyNames", NULL };
	static const char *const arrays[] = { "allOf", "anyOf", "oneOf", "prefixItems", NULL };
	const cs_node *v, *nb;
	rx_entry *re;
	size_t i, j;
	int error;
	if (!sch || sch->type != CS_NODE_MAP)
		return 0;
	if (depth > MAX_DEPTH)
		return cs_error_set(CS_EDATA, "%s: schema nested too deep", s->name);
	if (sch != s->root && is_str(cs_node_get(sch, "$id")))
		base = sch;
	if (is_str(v = cs_node_get(sch, "pattern")) && (error = rx_get(s, v->str, &re)) < 0)
		return error;
	if ((v = cs_node_get(sch, "type")) && (error = known_type(s, v)) < 0)
		return error;
	if (is_str(v = cs_node_get(sch, "$ref"))) {
		cs_error_clear();
		if (!resolve_ref(s, base, v->str, &nb))
			return cs_error_code() == CS_ENOMEM ? CS_ENOMEM
				: cs_error_set(CS_EDATA, "%s: cannot resolve $ref '%s'", s->name, v->str);
	}
	if ((error = walk_map_of(s, cs_node_get(sch, "properties"), base, depth, 0)) < 0 ||
	    (error = walk_map_of(s, cs_node_get(sch, "patternProperties"), base, depth, 1)) < 0 ||
	    (error = walk_map_of(s, cs_node_get(sch, "$defs"), base, depth, 0)) < 0 ||
	    (error = walk_map_of(s, cs_node_get(sch, "definitions"), base, depth, 0)) < 0)
		return error;
	for (i = 0; single[i]; i++)
		if ((error = walk(s, cs_node_get(sch, single[i]), base, depth + 1)) < 0)
			return error;
	for (i = 0; arrays[i]; i++) {
		v = cs_node_get(sch, arrays[i]);
		if (!v || v->type != CS_NODE_SEQ)
			continue;
		for (j = 0; j < v->count; j++)
			if ((error = walk(s, v->items[j], base, depth + 1)) < 0)
				return error;
	}
	return 0;
}

/* ---- public: compile and free ---- */

int cs_schema_new(cs_schema **out, const cs_node *schema, const char *name)
{
	cs_schema *s = NULL;
	int error = 0;
	*out = NULL;
	if (!schema)
		return cs_error_set(CS_EDATA, "%s: empty schema", name ? name : "schema");
	if (!(s = cs_calloc(1, sizeof(*s))) ||
	    !(s->name = cs_strdup(name ? name : "schema")) ||
	    !(s->root = cs_node_dup(schema))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if (s->root->type == CS_NODE_SCALAR && cs_node_scalar_kind(s->root) != CS_SCALAR_BOOL) {
		error = cs_error_set(CS_EDATA, "%s: a schema must be a mapping or a boolean", s->name);
		goto cleanup;
	}
	if ((error = walk(s, s->root, s->root, 0)) < 0)
		goto cleanup;
	*out = s;
	s = NULL;
cleanup:
	cs_schema_free(s);
	return error;
}

void cs_schema_free(cs_schema *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->nrx; i++) {
		regfree(&s->rx[i].re);
		free(s->rx[i].memo);
	}
	free(s->rx);
	cs_node_free(s->root);
	free(s->name);
	free(s);
}

const cs_node *cs_schema_root(const cs_schema *s)
{
	return s ? s->root : NULL;
}

void cs_schema_result_init(cs_schema_result *res)
{
	res->errors = NULL;
	res->count = res->cap = 0;
}

void cs_schema_result_free(cs_schema_result *res)
{
	size_t i;
	if (!res)
		return;
	for (i = 0; i < res->count; i++) {
		free(res->errors[i].field);
		free(res->errors[i].message);
	}
	free(res->errors);
	cs_schema_result_init(res);
}

/* ---- validation ---- */

/* Record an error at the current path (plus key when not NULL). */
static int fail(vctx *v, size_t line, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(vctx *v, size_t line, const char *key, const char *fmt, ...)
{
	cs_buf field = CS_BUF_INIT, msg = CS_BUF_INIT;
	cs_schema_result *res = v->res;
	va_list ap;
	int error;
	if (!res)
		return 0;
	if ((error = cs_buf_puts(&field, cs_buf_cstr(&v->path))) < 0)
		goto cleanup;
	if (key && ((field.len && (error = cs_buf_putc(&field, '.')) < 0) ||
		    (error = cs_buf_puts(&field, key)) < 0))
		goto cleanup;
	va_start(ap, fmt);
	error = cs_buf_vprintf(&msg, dgettext("cs", fmt), ap);
	va_end(ap);
	if (error < 0)
		goto cleanup;
	if (res->count == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 8;
		cs_schema_error *e = cs_realloc(res->errors, cap * sizeof(*e));
		if (!e) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		res->errors = e;
		res->cap = cap;
	}
	res->errors[res->count].field = cs_buf_detach(&field);
	res->errors[res->count].message = cs_buf_detach(&msg);
	res->errors[res->count].line = line;
	res->count++;
	error = 0;
cleanup:
	cs_buf_free(&field);
	cs_buf_free(&msg);
	return error;
}

/* Without libm (the build does not link it). */
static double dabs(double x)
{
	return x < 0 ? -x : x;
}

static double dround(double x)
{
	if (dabs(x) >= 9007199254740992.0)
		return x;
	return (double)(long long)(x + (x >= 0 ? 0.5 : -0.5));
}

static int is_integral(double x)
{
	return isfinite(x) && (dabs(x) >= 9007199254740992.0 || (double)(long long)x == x);
}

static int inst_types(const cs_node *n)
{
	double d;
	switch (n->type) {
	case CS_NODE_MAP:
		return T_OBJ;
	case CS_NODE_SEQ:
		return T_ARR;
	default:
		break;
	}
	switch (cs_node_scalar_kind(n)) {
	case CS_SCALAR_NULL:
		return T_NULL;
	case CS_SCALAR_BOOL:
		return T_BOOL;
	case CS_SCALAR_INT:
		return T_INT | T_NUM;
	case CS_SCALAR_FLOAT:
		if (cs_node_number(n, &d) == 0 && is_integral(d))
			return T_INT | T_NUM;
		return T_NUM;
	default:
		return T_STR;
	}
}

static int type_bit(const char *name, const char **label)
{
	static const struct { const char *name, *label; int bit; } types[] = {
		{ "null", "null", T_NULL }, { "boolean", "a boolean", T_BOOL },
		{ "integer", "an integer", T_INT }, { "number", "a number", T_NUM },
		{ "string", "a string", T_STR }, { "array", "an array", T_ARR },
		{ "object", "an object", T_OBJ },
	};
	size_t i;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(name, types[i].name)) {
			*label = types[i].label;
			return types[i].bit;
		}
	*label = name;
	return 0;
}

static int check_type(vctx *v, const cs_node *t, const cs_node *inst, int *ok)
{
	cs_buf want = CS_BUF_INIT;
	const char *label;
	int have = inst_types(inst), error = 0;
	size_t i;
	*ok = 0;
	if (t->type == CS_NODE_SCALAR) {
		*ok = (type_bit(t->str, &label) & have) != 0;
		if (!*ok)
			error = fail(v, inst->line, NULL, "must be %s", label);
		return error;
	}
	/* a type that names no type (a mapping, an empty list) is ignored, as a
	 * malformed enum is: it judged every instance invalid and said nothing,
	 * and cs_record_validate took the first failure of none */
	for (i = 0; t->type == CS_NODE_SEQ && i < t->count; i++)
		if (t->items[i]->type == CS_NODE_SCALAR)
			break;
	if (t->type != CS_NODE_SEQ || i == t->count) {
		*ok = 1;
		return 0;
	}
	for (i = 0; i < t->count; i++)
		if (t->items[i]->type == CS_NODE_SCALAR && (type_bit(t->items[i]->str, &label) & have))
			*ok = 1;
	if (*ok || !v->res)
		return 0;
	for (i = 0; i < t->count; i++) {
		if (t->items[i]->type != CS_NODE_SCALAR)
			continue;
		type_bit(t->items[i]->str, &label);
		if ((error = cs_buf_printf(&want, "%s%s", want.len ? " or " : "", label)) < 0)
			goto cleanup;
	}
	error = fail(v, inst->line, NULL, "must be %s", cs_buf_cstr(&want));
cleanup:
	cs_buf_free(&want);
	return error;
}

static int put_value(cs_buf *b, const cs_node *n)
{
	if (n->type == CS_NODE_MAP)
		return cs_buf_puts(b, "{...}");
	if (n->type == CS_NODE_SEQ)
		return cs_buf_puts(b, "[...]");
	if (cs_node_scalar_kind(n) == CS_SCALAR_NULL)
		return cs_buf_puts(b, "null");
	return cs_buf_puts(b, n->str);
}

static int check_enum(vctx *v, const cs_node *e, const cs_node *inst, int *ok)
{
	cs_buf want = CS_BUF_INIT;
	size_t i;
	int error = 0;
	*ok = 0;
	if (e->type != CS_NODE_SEQ) {
		*ok = 1;
		return 0;
	}
	for (i = 0; i < e->count; i++)
		if (cs_node_equal(e->items[i], inst)) {
			*ok = 1;
			return 0;
		}
	if (!v->res)
		return 0;
	for (i = 0; i < e->count; i++)
		if ((i && (error = cs_buf_puts(&want, ", ")) < 0) ||
		    (error = put_value(&want, e->items[i])) < 0)
			goto cleanup;
	error = fail(v, inst->line, NULL, "must be one of: %s", cs_buf_cstr(&want));
cleanup:
	cs_buf_free(&want);
	return error;
}

static int schema_count(const cs_node *n, size_t *out)
{
	long long v;
	if (!n || n->type != CS_NODE_SCALAR || cs_node_int(n, &v) < 0 || v < 0)
		return 0;
	*out = (size_t)v;
	return 1;
}

static int schema_number(const cs_node *n, double *out)
{
	if (!n || n->type != CS_NODE_SCALAR)
		return 0;
	switch (cs_node_scalar_kind(n)) {
	case CS_SCALAR_INT:
	case CS_SCALAR_FLOAT:
		return cs_node_number(n, out) == 0;
	default:
		return 0;
	}
}

static int is_multiple(const cs_node *inst, const cs_node *m)
{
	long long a, b;
	double x, y, q, r;
	if (cs_node_scalar_kind(inst) == CS_SCALAR_INT && cs_node_scalar_kind(m) == CS_SCALAR_INT &&
	    cs_node_int(inst, &a) == 0 && cs_node_int(m, &b) == 0 && b > 0)
		return a % b == 0;
	if (cs_node_number(inst, &x) < 0 || cs_node_number(m, &y) < 0 || y <= 0)
		return 1;
	q = x / y;
	if (!isfinite(q))
		return 0;
	r = dround(q);
	return dabs(x - r * y) <= 8 * DBL_EPSILON * (dabs(x) > dabs(r * y) ? dabs(x) : dabs(r * y)) ||
	       dabs(q - r) <= 8 * DBL_EPSILON * dabs(q);
}

/* The keywords of one schema object, found in one pass over its keys
 * (validating asks for each of some thirty keywords at every schema node). */
typedef struct {
	const cs_node *id_;
	const cs_node *ref;
	const cs_node *type;
	const cs_node *enum_;
	const cs_node *const_;
	const cs_node *required;
	const cs_node *properties;
	const cs_node *patternProperties;
	const cs_node *additionalProperties;
	const cs_node *prefixItems;
	const cs_node *items;
	const cs_node *minItems;
	const cs_node *maxItems;
	const cs_node *uniqueItems;
	const cs_node *minLength;
	const cs_node *maxLength;
	const cs_node *pattern;
	const cs_node *x_hint;
	const cs_node *format;
	const cs_node *allOf;
	const cs_node *anyOf;
	const cs_node *oneOf;
	const cs_node *not_;
	const cs_node *if_;
	const cs_node *then;
	const cs_node *else_;
	const cs_node *minimum;
	const cs_node *maximum;
	const cs_node *exclusiveMinimum;
	const cs_node *exclusiveMaximum;
	const cs_node *multipleOf;
} keywords;

static void keywords_of(const cs_node *sch, keywords *kw)
{
	size_t i;
	memset(kw, 0, sizeof(*kw));
	for (i = 0; i < sch->count; i++) {
		const char *key = sch->pairs[i].key;
		const cs_node **slot = NULL;
		switch (key[0]) {
		case '$':
			if (!strcmp(key, "$id")) slot = &kw->id_;
			if (!strcmp(key, "$ref")) slot = &kw->ref;
			break;
		case 'a':
			if (!strcmp(key, "additionalProperties")) slot = &kw->additionalProperties;
			if (!strcmp(key, "allOf")) slot = &kw->allOf;
			if (!strcmp(key, "anyOf")) slot = &kw->anyOf;
			break;
		case 'c':
			if (!strcmp(key, "const")) slot = &kw->const_;
			break;
		case 'e':
			if (!strcmp(key, "enum")) slot = &kw->enum_;
			if (!strcmp(key, "else")) slot = &kw->else_;
			if (!strcmp(key, "exclusiveMinimum")) slot = &kw->exclusiveMinimum;
			if (!strcmp(key, "exclusiveMaximum")) slot = &kw->exclusiveMaximum;
			break;
		case 'f':
			if (!strcmp(key, "format")) slot = &kw->format;
			break;
		case 'i':
			if (!strcmp(key, "items")) slot = &kw->items;
			if (!strcmp(key, "if")) slot = &kw->if_;
			break;
		case 'm':
			if (!strcmp(key, "minItems")) slot = &kw->minItems;
			if (!strcmp(key, "maxItems")) slot = &kw->maxItems;
			if (!strcmp(key, "minLength")) slot = &kw->minLength;
			if (!strcmp(key, "maxLength")) slot = &kw->maxLength;
			if (!strcmp(key, "minimum")) slot = &kw->minimum;
			if (!strcmp(key, "maximum")) slot = &kw->maximum;
			if (!strcmp(key, "multipleOf")) slot = &kw->multipleOf;
			break;
		case 'n':
			if (!strcmp(key, "not")) slot = &kw->not_;
			break;
		case 'o':
			if (!strcmp(key, "oneOf")) slot = &kw->oneOf;
			break;
		case 'p':
			if (!strcmp(key, "properties")) slot = &kw->properties;
			if (!strcmp(key, "patternProperties")) slot = &kw->patternProperties;
			if (!strcmp(key, "prefixItems")) slot = &kw->prefixItems;
			if (!strcmp(key, "pattern")) slot = &kw->pattern;
			break;
		case 'r':
			if (!strcmp(key, "required")) slot = &kw->required;
			break;
		case 't':
			if (!strcmp(key, "type")) slot = &kw->type;
			if (!strcmp(key, "then")) slot = &kw->then;
			break;
		case 'u':
			if (!strcmp(key, "uniqueItems")) slot = &kw->uniqueItems;
			break;
		case 'x':
			if (!strcmp(key, "x-hint")) slot = &kw->x_hint;
			break;
		default:
			break;
		}
		if (slot && !*slot)
			*slot = sch->pairs[i].value; /* the first, as cs_node_get */
	}
}

static int check_number(vctx *v, const keywords *kw, const cs_node *inst, int *ok)
{
	const cs_node *k;
	double x, lim;
	int error = 0;
	*ok = 1;
	if (cs_node_number(inst, &x) < 0)
		return 0;
	if ((k = kw->minimum) && schema_number(k, &lim) && x < lim) {
		*ok = 0;
		if ((error = fail(v, inst->line, NULL, "must be at least %s", k->str)) < 0 || !v->res)
			return error;
	}
	if ((k = kw->maximum) && schema_number(k, &lim) && x > lim) {
		*ok = 0;
		if ((error = fail(v, inst->line, NULL, "must be at most %s", k->str)) < 0 || !v->res)
			return error;
	}
	if ((k = kw->exclusiveMinimum) && schema_number(k, &lim) && x <= lim) {
		*ok = 0;
		if ((error = fail(v, inst->line, NULL, "must be greater than %s", k->str)) < 0 || !v->res)
			return error;
	}
	if ((k = kw->exclusiveMaximum) && schema_number(k, &lim) && x >= lim) {
		*ok = 0;
		if ((error = fail(v, inst->line, NULL, "must be less than %s", k->str)) < 0 || !v->res)
			return error;
	}
	if ((k = kw->multipleOf) && schema_number(k, &lim) && !is_multiple(inst, k)) {
		*ok = 0;
		error = fail(v, inst->line, NULL, "must be a multiple of %s", k->str);
	}
	return error;
}

/* ---- formats ---- */

static int digits(const char *s, size_t n, int *val)
{
	size_t i;
	*val = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*val = *val * 10 + (s[i] - '0');
	}
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

static int is_date(const char *s, size_t len)
{
	int y, m, d;
	if (len != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); leap seconds only at 23:59 UTC. */
static int is_time(const char *s, size_t len)
{
	int h, m, sec, oh = 0, om = 0, sign = 0, utc;
	size_t i = 8;
	if (len < 9 || s[2] != ':' || s[5] != ':' ||
	    !digits(s, 2, &h) || !digits(s + 3, 2, &m) || !digits(s + 6, 2, &sec))
		return 0;
	if (h > 23 || m > 59 || sec > 60)
		return 0;
	if (s[i] == '.') {
		i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		sign = s[i] == '+' ? 1 : -1;
		if (len - i != 6 || s[i + 3] != ':' ||
		    !digits(s + i + 1, 2, &oh) || !digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
			return 0;
		i += 6;
	} else {
		return 0;
	}
	if (i != len)
		return 0;
	if (sec == 60) {
		utc = ((h * 60 + m - sign * (oh * 60 + om)) % 1440 + 1440) % 1440;
		if (utc != 23 * 60 + 59)
			return 0;
	}
	return 1;
}

static int is_datetime(const char *s, size_t len)
{
	return len > 11 && is_date(s, 10) && (s[10] == 'T' || s[10] == 't') &&
	       is_time(s + 11, len - 11);
}

static int is_atext(int c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int is_ipv4(const char *s, size_t len)
{
	size_t i = 0;
	int parts = 0, v, nd;
	while (parts < 4) {
		v = 0;
		nd = 0;
		while (i < len && isdigit((unsigned char)s[i]) && nd < 4) {
			v = v * 10 + (s[i++] - '0');
			nd++;
		}
		if (!nd || nd > 3 || v > 255)
			return 0;
		parts++;
		if (parts < 4) {
			if (i >= len || s[i] != '.')
				return 0;
			i++;
		}
	}
	return i == len;
}

static int is_email(const char *s, size_t len)
{
	size_t i = 0, at, j, lab;
	if (!len)
		return 0;
	if (s[0] == '"') {
		for (i = 1; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\' && i + 1 < len)
				i++;
			else if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
				return 0;
		}
		if (i >= len || i == 1)
			return 0;
		i++;
	} else {
		for (;;) {
			j = i;
			while (i < len && is_atext((unsigned char)s[i]))
				i++;
			if (i == j)
				return 0;
			if (i < len && s[i] == '.') {
				i++;
				continue;
			}
			break;
		}
	}
	if (i >= len || s[i] != '@')
		return 0;
	at = ++i;
	if (at >= len)
		return 0;
	if (s[at] == '[') {
		if (s[len - 1] != ']')
			return 0;
		if (len - at > 6 && !strncmp(s + at + 1, "IPv6:", 5)) {
			for (j = at + 6; j < len - 1; j++)
				if (!isxdigit((unsigned char)s[j]) && s[j] != ':' && s[j] != '.')
					return 0;
			return j > at + 6;
		}
		return is_ipv4(s + at + 1, len - at - 2);
	}
	lab = 0;
	for (j = at; j < len; j++) {
		if (s[j] == '.') {
			if (!lab || s[j - 1] == '-')
				return 0;
			lab = 0;
		} else if (isalnum((unsigned char)s[j]) || (s[j] == '-' && lab)) {
			lab++;
		} else {
			return 0;
		}
	}
	return lab && s[len - 1] != '-';
}

/* YYYY-MM-DDTHH:MM[:SS], local time, on a real calendar day (cs's own format). */
static int is_local_datetime(const char *s, size_t len)
{
	int h, mi, sec = 0;
	if ((len != 16 && len != 19) || s[10] != 'T' || !is_date(s, 10) || s[13] != ':' ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) ||
	    (len == 19 && (s[16] != ':' || !digits(s + 17, 2, &sec))))
		return 0;
	return h <= 23 && mi <= 59 && sec <= 59;
}

static int check_format(vctx *v, const char *fmt, const cs_node *inst, int *ok)
{
	*ok = 1;
	if (!strcmp(fmt, "local-date-time") && !is_local_datetime(inst->str, inst->len)) {
		*ok = 0;
		return fail(v, inst->line, NULL, "'%s' is not a real date and time (YYYY-MM-DDTHH:MM)",
			    inst->str);
	}
	if (!strcmp(fmt, "date") && !is_date(inst->str, inst->len)) {
		*ok = 0;
		return fail(v, inst->line, NULL, "is not a date (YYYY-MM-DD)");
	}
	if (!strcmp(fmt, "time") && !is_time(inst->str, inst->len)) {
		*ok = 0;
		return fail(v, inst->line, NULL, "is not a time (HH:MM:SS with a time zone)");
	}
	if (!strcmp(fmt, "date-time") && !is_datetime(inst->str, inst->len)) {
		*ok = 0;
		return fail(v, inst->line, NULL, "is not a date-time (YYYY-MM-DDTHH:MM:SS with a time zone)");
	}
	if (!strcmp(fmt, "email") && !is_email(inst->str, inst->len)) {
		*ok = 0;
		return fail(v, inst->line, NULL, "is not an e-mail address");
	}
	return 0;
}

static int validate(vctx *v, const cs_node *sch, const cs_node *inst, const cs_node *base);

/* Validate with errors off: 1, 0 or negative. */
static int quiet(vctx *v, const cs_node *sch, const cs_node *inst, const cs_node *base)
{
	cs_schema_result *res = v->res;
	int rc;
	v->res = NULL;
	rc = validate(v, sch, inst, base);
	v->res = res;
	return rc;
}

/* Validate a child instance under path segment seg. */
static int validate_child(vctx *v, const cs_node *sch, const cs_node *inst, const cs_node *base,
			  const char *seg)
{
	size_t saved = v->path.len;
	int rc;
	if ((saved && cs_buf_putc(&v->path, '.') < 0) || cs_buf_puts(&v->path, seg) < 0)
		return CS_ENOMEM;
	rc = validate(v, sch, inst, base);
	v->path.len = saved;
	v->path.ptr[saved] = '\0';
	return rc;
}

static int validate_object(vctx *v, const keywords *kw, const cs_node *inst, const cs_node *base)
{
	const cs_node *req = kw->required;
	const cs_node *props = kw->properties;
	const cs_node *pats = kw->patternProperties;
	const cs_node *addl = kw->additionalProperties;
	const cs_node *sub;
	rx_entry *re;
	size_t i, j;
	int ok = 1, rc, matched;
	if (req && req->type == CS_NODE_SEQ)
		for (i = 0; i < req->count; i++) {
			if (!is_str(req->items[i]) || cs_node_get(inst, req->items[i]->str))
				continue;
			ok = 0;
			if (!v->res)
				return 0;
			if ((rc = fail(v, inst->line, req->items[i]->str, "is required")) < 0)
				return rc;
		}
	for (i = 0; i < inst->count; i++) {
		const char *key = inst->pairs[i].key;
		const cs_node *val = inst->pairs[i].value;
		matched = 0;
		if (props && props->type == CS_NODE_MAP && (sub = cs_node_get(props, key))) {
			matched = 1;
			if ((rc = validate_child(v, sub, val, base, key)) < 0)
				return rc;
			if (!rc && (ok = 0, !v->res))
				return 0;
		}
		if (pats && pats->type == CS_NODE_MAP)
			for (j = 0; j < pats->count; j++) {
				if ((rc = rx_get(v->s, pats->pairs[j].key, &re)) < 0)
					return rc;
				if ((rc = rx_match(re, key)) < 0)
					return rc;
				if (!rc)
					continue;
				matched = 1;
				if ((rc = validate_child(v, pats->pairs[j].value, val, base, key)) < 0)
					return rc;
				if (!rc && (ok = 0, !v->res))
					return 0;
			}
		if (!matched && addl) {
			if ((rc = validate_child(v, addl, val, base, key)) < 0)
				return rc;
			if (!rc && (ok = 0, !v->res))
				return 0;
		}
	}
	return ok;
}

static int validate_array(vctx *v, const keywords *kw, const cs_node *inst, const cs_node *base)
{
	const cs_node *prefix = kw->prefixItems;
	const cs_node *items = kw->items;
	const cs_node *uniq;
	size_t i, j, n, np = prefix && prefix->type == CS_NODE_SEQ ? prefix->count : 0;
	char seg[32];
	int ok = 1, rc;
	for (i = 0; i < inst->count; i++) {
		const cs_node *sub = i < np ? prefix->items[i] : items;
		if (!sub)
			continue;
		snprintf(seg, sizeof(seg), "%zu", i);
		if ((rc = validate_child(v, sub, inst->items[i], base, seg)) < 0)
			return rc;
		if (!rc && (ok = 0, !v->res))
			return 0;
	}
	if (schema_count(kw->minItems, &n) && inst->count < n) {
		ok = 0;
		if ((rc = fail(v, inst->line, NULL, "must have at least %zu item%s", n, n == 1 ? "" : "s")) < 0 || !v->res)
			return rc < 0 ? rc : 0;
	}
	if (schema_count(kw->maxItems, &n) && inst->count > n) {
		ok = 0;
		if ((rc = fail(v, inst->line, NULL, "must have at most %zu item%s", n, n == 1 ? "" : "s")) < 0 || !v->res)
			return rc < 0 ? rc : 0;
	}
	if ((uniq = kw->uniqueItems) && cs_node_true(uniq))
		for (i = 1; i < inst->count; i++)
			for (j = 0; j < i; j++)
				if (cs_node_equal(inst->items[i], inst->items[j])) {
					ok = 0;
					if (!v->res)
						return 0;
					if ((rc = fail(v, inst->items[i]->line, NULL,
						       "must not repeat item %zu (duplicate at %zu)", j, i)) < 0)
						return rc;
					i = inst->count;
					break;
				}
	return ok;
}

static int validate_string(vctx *v, const keywords *kw, const cs_node *inst)
{
	const cs_node *k;
	size_t n, len = 0;
	rx_entry *re;
	int ok = 1, rc, fok;
	int need_len = kw->minLength || kw->maxLength;
	if (need_len)
		len = cs_utf8_count(inst->str, inst->len);
	if (schema_count(kw->minLength, &n) && len < n) {
		ok = 0;
		if ((rc = fail(v, inst->line, NULL, "must be at least %zu character%s", n, n == 1 ? "" : "s")) < 0 || !v->res)
			return rc < 0 ? rc : 0;
	}
	if (schema_count(kw->maxLength, &n) && len > n) {
		ok = 0;
		if ((rc = fail(v, inst->line, NULL, "must be at most %zu character%s", n, n == 1 ? "" : "s")) < 0 || !v->res)
			return rc < 0 ? rc : 0;
	}
	if (is_str(k = kw->pattern)) {
		if ((rc = rx_get(v->s, k->str, &re)) < 0)
			return rc;
		if ((rc = rx_match(re, inst->str)) < 0)
			return rc;
		if (!rc) {
			/* x-hint: what a valid value looks like, said to a clerk instead of the regex */
			const cs_node *hint = kw->x_hint;
			ok = 0;
			if (is_str(hint))
				rc = fail(v, inst->line, NULL, "'%s' is not %s", inst->str, dgettext("cs", hint->str));
			else
				rc = fail(v, inst->line, NULL, "must match %s", k->str);
			if (rc < 0 || !v->res)
				return rc < 0 ? rc : 0;
		}
	}
	if (is_str(k = kw->format)) {
		if ((rc = check_format(v, k->str, inst, &fok)) < 0)
			return rc;
		if (!fok)
			ok = 0;
	}
	return ok;
}

static int validate_combinators(vctx *v, const keywords *kw, const cs_node *inst, const cs_node *base)
{
	const cs_node *k;
	size_t i, nvalid;
	int ok = 1, rc;
	if ((k = kw->allOf) && k->type == CS_NODE_SEQ)
		for (i = 0; i < k->count; i++) {
			if ((rc = validate(v, k->items[i], inst, base)) < 0)
				return rc;
			if (!rc && (ok = 0, !v->res))
				return 0;
		}
	if ((k = kw->anyOf) && k->type == CS_NODE_SEQ) {
		for (i = 0, nvalid = 0; i < k->count && !nvalid; i++) {
			if ((rc = quiet(v, k->items[i], inst, base)) < 0)
				return rc;
			nvalid += (size_t)rc;
		}
		if (!nvalid) {
			ok = 0;
			if ((rc = fail(v, inst->line, NULL, "must match at least one of the allowed schemas")) < 0 || !v->res)
				return rc < 0 ? rc : 0;
		}
	}
	if ((k = kw->oneOf) && k->type == CS_NODE_SEQ) {
		for (i = 0, nvalid = 0; i < k->count && nvalid < 2; i++) {
			if ((rc = quiet(v, k->items[i], inst, base)) < 0)
				return rc;
			nvalid += (size_t)rc;
		}
		if (nvalid != 1) {
			ok = 0;
			rc = fail(v, inst->line, NULL, nvalid ? "must match only one of the allowed schemas"
					: "must match one of the allowed schemas");
			if (rc < 0 || !v->res)
				return rc < 0 ? rc : 0;
		}
	}
	if ((k = kw->not_)) {
		if ((rc = quiet(v, k, inst, base)) < 0)
			return rc;
		if (rc) {
			ok = 0;
			if ((rc = fail(v, inst->line, NULL, "is not allowed")) < 0 || !v->res)
				return rc < 0 ? rc : 0;
		}
	}
	if ((k = kw->if_)) {
		const cs_node *branch;
		if ((rc = quiet(v, k, inst, base)) < 0)
			return rc;
		branch = (rc ? kw->then : kw->else_);
		if (branch) {
			if ((rc = validate(v, branch, inst, base)) < 0)
				return rc;
			if (!rc && (ok = 0, !v->res))
				return 0;
		}
	}
	return ok;
}

/* type, enum and const: 1 valid, 0 not, negative on an error. */
static int validate_value(vctx *v, const keywords *kw, const cs_node *inst)
{
	const cs_node *k;
	int ok = 1, rc, tok;
	if ((k = kw->type)) {
		if ((rc = check_type(v, k, inst, &tok)) < 0)
			return rc;
		if (!tok && (ok = 0, !v->res))
			return 0;
	}
	if ((k = kw->enum_)) {
		if ((rc = check_enum(v, k, inst, &tok)) < 0)
			return rc;
		if (!tok && (ok = 0, !v->res))
			return 0;
	}
	if ((k = kw->const_) && !cs_node_equal(k, inst)) {
		cs_buf want = CS_BUF_INIT;
		if (!v->res)
			return 0;
		if ((rc = put_value(&want, k)) == 0)
			rc = fail(v, inst->line, NULL, "must be %s", cs_buf_cstr(&want));
		cs_buf_free(&want);
		return rc < 0 ? rc : 0;
	}
	return ok;
}

static int validate(vctx *v, const cs_node *sch, const cs_node *inst, const cs_node *base)
{
	const cs_node *k, *target, *nbase;
	keywords kw;
	int ok = 1, rc, tok;
	if (sch->type != CS_NODE_MAP) {
		if (sch->type == CS_NODE_SCALAR && cs_node_scalar_kind(sch) == CS_SCALAR_BOOL &&
		    !cs_node_true(sch)) {
			if ((rc = fail(v, inst->line, NULL, "is not allowed")) < 0)
				return rc;
			return 0;
		}
		return 1;
	}
	if (++v->depth > MAX_DEPTH) {
		v->depth--;
		return cs_error_set(CS_EDATA, "%s: schema recursion too deep", v->s->name);
	}
	keywords_of(sch, &kw);
	if (sch != v->s->root && is_str(kw.id_))
		base = sch;
#define STEP(expr) do { \
		if ((rc = (expr)) < 0) goto done; \
		if (!rc && (ok = 0, !v->res)) goto done; \
	} while (0)
	STEP(validate_value(v, &kw, inst));
	switch (inst_types(inst)) {
	case T_OBJ:
		STEP(validate_object(v, &kw, inst, base));
		break;
	case T_ARR:
		STEP(validate_array(v, &kw, inst, base));
		break;
	case T_STR:
		STEP(validate_string(v, &kw, inst));
		break;
	case T_NUM:
	case T_INT | T_NUM:
		if ((rc = check_number(v, &kw, inst, &tok)) < 0)
			goto done;
		if (!tok && (ok = 0, !v->res))
			goto done;
		break;
	default:
		break;
	}
	STEP(validate_combinators(v, &kw, inst, base));
	if (is_str(k = kw.ref)) {
		cs_error_clear();
		if (!(target = resolve_ref(v->s, base, k->str, &nbase))) {
			/* the pointer could not be decoded for want of memory */
			rc = cs_error_code() == CS_ENOMEM ? CS_ENOMEM
				: cs_error_set(CS_EDATA, "%s: cannot resolve $ref '%s'", v->s->name, k->str);
			goto done;
		}
		STEP(validate(v, target, inst, nbase));
	}
#undef STEP
	rc = 0;
done:
	v->depth--;
	if (rc < 0)
		return rc;
	return ok;
}

int cs_schema_validate(cs_schema *s, const cs_node *instance, cs_schema_result *res)
{
	vctx v;
	int rc;
	v.s = s;
	v.res = res;
	v.depth = 0;
	cs_buf_init(&v.path);
	if ((rc = cs_buf_puts(&v.path, "")) < 0)
		goto cleanup;
	if (!instance) {
		rc = fail(&v, 0, NULL, "is empty");
		rc = rc < 0 ? rc : 0;
		goto cleanup;
	}
	rc = validate(&v, s->root, instance, s->root);
cleanup:
	cs_buf_free(&v.path);
	return rc;
}

/* ---- key order for the emitter ---- */

static const cs_node *deref(cs_schema *s, const cs_node *sch)
{
	const cs_node *k, *nb;
	int hops = 0;
	while (sch && sch->type == CS_NODE_MAP && is_str(k = cs_node_get(sch, "$ref")) && hops++ < 32)
		sch = resolve_ref(s, s->root, k->str, &nb);
	return sch;
}

/* The emitter does not name sequence items in its paths: a mapping inside
 * an array takes the keys of the array's items schema. */
static const cs_node *element(cs_schema *s, const cs_node *sch)
{
	int hops = 0;
	while (sch && sch->type == CS_NODE_MAP && !cs_node_get(sch, "properties") &&
	       cs_node_get(sch, "items") && hops++ < 32)
		sch = deref(s, cs_node_get(sch, "items"));
	return sch;
}

static int key_rank(cs_schema *s, const char *path, const char *key);

int cs_schema_key_rank(void *schema, const char *path, const char *key)
{
	int rank;
	cs_error_clear();
	rank = key_rank(schema, path, key);
	/* a $ref that could not be followed for want of memory */
	return rank == -1 && cs_error_code() == CS_ENOMEM ? CS_ENOMEM : rank;
}

static int key_rank(cs_schema *s, const char *path, const char *key)
{
	const cs_node *sch, *props, *sub;
	const char *p = path, *dot;
	char seg[256];
	size_t n, i;
	if (!s || !key)
		return -1;
	sch = deref(s, s->root);
	while (sch && p && *p) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(seg))
			return -1;
		memcpy(seg, p, n);
		seg[n] = '\0';
		p = dot ? dot + 1 : NULL;
		if (sch->type != CS_NODE_MAP)
			return -1;
		props = cs_node_get(sch, "properties");
		if (!props && !(n && strspn(seg, "0123456789") == n)) {
			sch = element(s, sch);
			props = sch ? cs_node_get(sch, "properties") : NULL;
		}
		if (props && props->type == CS_NODE_MAP && (sub = cs_node_get(props, seg))) {
			sch = deref(s, sub);
			continue;
		}
		if (n && strspn(seg, "0123456789") == n) {
			const cs_node *prefix = cs_node_get(sch, "prefixItems");
			unsigned long idx = strtoul(seg, NULL, 10);
			if (prefix && prefix->type == CS_NODE_SEQ && idx < prefix->count)
				sch = deref(s, prefix->items[idx]);
			else
				sch = deref(s, cs_node_get(sch, "items"));
			continue;
		}
		return -1;
	}
	sch = element(s, sch);
	if (!sch || sch->type != CS_NODE_MAP)
		return -1;
	props = cs_node_get(sch, "properties");
	if (!props || props->type != CS_NODE_MAP)
		return -1;
	for (i = 0; i < props->count; i++)
		if (!strcmp(props->pairs[i].key, key))
			return (int)i;
	return -1;
}
