#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "mask.h"
#include "utf8.h"

int cs_mask_name(cs_buf *out, const char *name)
{
	uint32_t cp;
	size_t n;
	if (!name || !*name)
		return 0;
	n = cs_utf8_decode(name, strlen(name), &cp);
	if (!n)
		n = 1;
	if (cs_buf_put(out, name, n) < 0)
		return CS_ENOMEM;
	return cs_buf_puts(out, "**");
}

static size_t digits_in(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

int cs_mask_contact(cs_buf *out, const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	size_t n = s ? strlen(s) : 0, digits = 0, i, seen = 0;
	if (!s || !*s)
		return 0;
	if (at || digits_in(s) < 7) {
		/* the first character (not byte: names may be Chinese) */
		uint32_t cp;
		size_t first = cs_utf8_decode(s, n, &cp);
		if (cs_buf_put(out, s, first ? first : 1) < 0)
			return CS_ENOMEM;
		return at ? cs_buf_printf(out, "***%s", at) : cs_buf_puts(out, "***");
	}
	for (i = 0; i < n; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	/* keep the first three and the last four digits */
	for (i = 0; i < n; i++) {
		int d = s[i] >= '0' && s[i] <= '9';
		if (d)
			seen++;
		if (!d || seen <= 3 || seen > digits - 4) {
			if (cs_buf_putc(out, s[i]) < 0)
				return CS_ENOMEM;
		} else if (cs_buf_putc(out, '*') < 0) {
			return CS_ENOMEM;
		}
	}
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Mask mobile and ID-card numbers written in free text (Art 15). */
int cs_mask_numbers(cs_buf *out, const char *s, size_t len)
{
	size_t i = 0, run;
	int error = 0;
	while (i < len && !error) {
		if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
			error = cs_buf_putc(out, s[i++]);
			continue;
		}
		for (run = 0; i + run < len && is_digit(s[i + run]); run++)
			;
		if (run == 17 && i + 17 < len && (s[i + 17] == 'X' || s[i + 17] == 'x'))
			run = 18;
		if (run == 18 || (run == 11 && s[i] == '1')) {
			size_t keep_head = run == 18 ? 6 : 3, k;
			for (k = 0; k < run && !error; k++)
				error = cs_buf_putc(out, k < keep_head || k >= run - 4 ? s[i + k] : '*');
		} else {
			error = cs_buf_put(out, s + i, run);
		}
		i += run;
	}
	return error;
}

/* Replace the string scalar n by its masked form made by fn. */
static int remask(cs_node *n, int (*fn)(cs_buf *, const char *))
{
	cs_buf b = CS_BUF_INIT;
	int error;
	if (!n || n->type != CS_NODE_SCALAR || !n->len)
		return 0;
	if ((error = fn(&b, n->str)) == 0) {
		free(n->str);
		n->len = b.len;
		n->str = cs_buf_detach(&b);
		if (!n->str)
			error = CS_ENOMEM;
	}
	cs_buf_free(&b);
	return error;
}

static int numbers_of(cs_buf *out, const char *s)
{
	return cs_mask_numbers(out, s, strlen(s));
}

/* Mobile and ID numbers in every string of n (free text). */
static int mask_text(cs_node *n)
{
	size_t i;
	int error = 0;
	if (!n)
		return 0;
	if (n->type == CS_NODE_SCALAR)
		return cs_node_scalar_kind(n) == CS_SCALAR_STRING ? remask(n, numbers_of) : 0;
	for (i = 0; i < n->count && !error; i++)
		error = mask_text(n->type == CS_NODE_MAP ? n->pairs[i].value : n->items[i]);
	return error;
}

static int mask_names(cs_node *n)
{
	size_t i;
	int error = 0;
	if (!n)
		return 0;
	if (n->type == CS_NODE_SCALAR)
		return remask(n, cs_mask_name);
	for (i = 0; n->type == CS_NODE_SEQ && i < n->count && !error; i++)
		error = mask_names(n->items[i]);
	return error;
}

int cs_mask_record(cs_node *rec)
{
	cs_node *t = cs_node_get(rec, "target");
	const char *type = t ? cs_node_get_str(t, "type") : NULL;
	const char *opposing_type = cs_node_get_str(rec, "opposing_type");
	int resident = !type || !strcmp(type, "resident"), error = 0;
	if (!rec || rec->type != CS_NODE_MAP)
		return 0;
	if (t && t->type == CS_NODE_MAP && resident &&
	    ((error = remask(cs_node_get(t, "name"), cs_mask_name)) < 0 ||
	     (error = remask(cs_node_get(t, "contact"), cs_mask_contact)) < 0 ||
	     (error = remask(cs_node_get(t, "id_number"), cs_mask_contact)) < 0))
		return error;
	if ((error = mask_names(cs_node_get(rec, "parties"))) < 0 ||
	    (error = mask_names(cs_node_get(rec, "client"))) < 0 ||
	    (error = mask_names(cs_node_get(rec, "giver"))) < 0 ||
	    (resident && (error = mask_names(cs_node_get(rec, "from"))) < 0) ||
	    ((!opposing_type || !strcmp(opposing_type, "resident")) &&
	     (error = mask_names(cs_node_get(rec, "opposing"))) < 0))
		return error;
	return mask_text(rec);
}

int cs_mask_field(const char *field)
{
	static const char *const personal[] = { "target.name", "target.contact",
						"target.id_number", "parties", "client", "giver",
						"from", "opposing", NULL };
	size_t i;
	for (i = 0; personal[i]; i++)
		if (!strncmp(field, personal[i], strlen(personal[i])) &&
		    (!field[strlen(personal[i])] || field[strlen(personal[i])] == '.'))
			return 1;
	return 0;
}
