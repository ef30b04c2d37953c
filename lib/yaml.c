#include <errno.h>
#include <limits.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libyaml's header; ours is "yaml.h" (the Makefile uses -iquote lib). */
#include <yaml.h>

#include "buf.h"
#include "error.h"
#include "utf8.h"
#include "yaml.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* ---- loading ---- */

typedef struct {
	cs_node *node;
	char *key;           /* pending key of a mapping, NULL when none */
	size_t key_line;
	size_t *key_lines;   /* line of each key, for duplicate reports */
	size_t key_cap;
	size_t mark;         /* offset where the collection started */
	size_t column;       /* of its first key or '-' (block collections) */
	int flow;
} frame;

typedef struct {
	const char *name;
	const char *data;
	size_t len;
	frame *stack;
	size_t depth;
	size_t cap;
	cs_node *root;
	int docs;
	size_t pos;          /* end of the last event's text */
	int last_block;      /* the last node read was a block scalar */
	size_t ci, bi;       /* a character index of libyaml's marks and its byte */
	size_t ev_start, ev_end; /* the current event's text, in bytes */
} loader;

/* libyaml's marks count characters; the checks below work on bytes. */
static size_t byte_at(loader *ld, size_t ci)
{
	const unsigned char *d = (const unsigned char *)ld->data;
	while (ld->ci < ci && ld->bi < ld->len) {
		ld->bi++;
		while (ld->bi < ld->len && (d[ld->bi] & 0xc0) == 0x80)
			ld->bi++;
		ld->ci++;
	}
	while (ld->ci > ci && ld->bi > 0) {
		ld->bi--;
		while (ld->bi > 0 && (d[ld->bi] & 0xc0) == 0x80)
			ld->bi--;
		ld->ci--;
	}
	return ld->bi;
}

static size_t line_at(const char *data, size_t len, size_t off)
{
	size_t i, line = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

static int parser_error(loader *ld, yaml_parser_t *p)
{
	size_t line;
	const char *problem = p->problem ? p->problem : "syntax error";
	if (p->error == YAML_MEMORY_ERROR)
		return cs_error_set(CS_ENOMEM, "out of memory");
	if (p->error == YAML_READER_ERROR)
		line = line_at(ld->data, ld->len, p->problem_offset);
	else
		line = p->problem_mark.line + 1;
	if (p->context)
		return cs_error_at(CS_EDATA, ld->name, line, NULL,
				   "%s %s", problem, p->context);
	return cs_error_at(CS_EDATA, ld->name, line, NULL, "%s", problem);
}

/* Check the tag of a node; sets *str when !!str makes a scalar a string. */
static int check_tag(loader *ld, const yaml_char_t *tag, size_t line,
		     const char *want, int *str)
{
	const char *t = (const char *)tag;
	const char *name;
	if (str)
		*str = 0;
	if (!t)
		return 0;
	if (strncmp(t, TAG_PREFIX, strlen(TAG_PREFIX)) != 0)
		return cs_error_at(CS_EDATA, ld->name, line, NULL,
				   "tag '%s' is not allowed", t);
	name = t + strlen(TAG_PREFIX);
	if (strcmp(want, "scalar") == 0) {
		if (strcmp(name, "str") == 0) {
			*str = 1;
			return 0;
		}
		if (strcmp(name, "int") == 0 || strcmp(name, "float") == 0 ||
		    strcmp(name, "bool") == 0 || strcmp(name, "null") == 0)
			return 0;
	} else if (strcmp(name, want) == 0) {
		return 0;
	}
	return cs_error_at(CS_EDATA, ld->name, line, NULL,
			   "tag '!!%s' is not allowed here", name);
}

/* A scalar tagged !!int, !!float, !!bool or !!null must read as that. */
static int check_typed_scalar(loader *ld, const yaml_char_t *tag, cs_node *n)
{
	const char *name;
	cs_scalar_kind want, got;
	int plain = n->plain;
	if (!tag)
		return 0;
	name = (const char *)tag + strlen(TAG_PREFIX);
	if (strcmp(name, "str") == 0)
		return 0;
	want = strcmp(name, "int") == 0 ? CS_SCALAR_INT
	       : strcmp(name, "float") == 0 ? CS_SCALAR_FLOAT
	       : strcmp(name, "bool") == 0 ? CS_SCALAR_BOOL : CS_SCALAR_NULL;
	n->plain = 1;
	got = cs_node_scalar_kind(n);
	if (got == want || (want == CS_SCALAR_FLOAT && got == CS_SCALAR_INT))
		return 0;
	n->plain = plain;
	return cs_error_at(CS_EDATA, ld->name, n->line, NULL,
			   "'%s' is not a valid !!%s", n->str, name);
}

static int push_frame(loader *ld, cs_node *n, size_t mark, size_t column,
		      int flow)
{
	if (ld->depth == ld->cap) {
		size_t cap = ld->cap ? ld->cap * 2 : 16;
		frame *f = cs_realloc(ld->stack, cap * sizeof(*f));
		if (!f)
			return CS_ENOMEM;
		ld->stack = f;
		ld->cap = cap;
	}
	memset(&ld->stack[ld->depth], 0, sizeof(frame));
	ld->stack[ld->depth].node = n;
	ld->stack[ld->depth].mark = mark;
	ld->stack[ld->depth].column = column;
	ld->stack[ld->depth].flow = flow;
	ld->depth++;
	return 0;
}

static void free_frame(frame *f)
{
	free(f->key);
	free(f->key_lines);
	f->key = NULL;
	f->key_lines = NULL;
}

typedef struct {
	size_t idx;
	const char *key;
} key_ref;

static int key_ref_cmp(const void *a, const void *b)
{
	const key_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Duplicate keys of a finished mapping: report the first repeated key. */
static int check_duplicates(loader *ld, frame *f)
{
	cs_node *m = f->node;
	key_ref *refs = NULL;
	size_t i, j, best = (size_t)-1;
	int error = 0;
	if (m->count < 2)
		return 0;
	if (m->count <= 16) {
		for (i = 1; i < m->count && best == (size_t)-1; i++)
			for (j = 0; j < i; j++)
				if (strcmp(m->pairs[i].key, m->pairs[j].key) == 0) {
					best = i;
					break;
				}
	} else {
		if (!(refs = cs_calloc(m->count, sizeof(*refs))))
			return CS_ENOMEM;
		for (i = 0; i < m->count; i++) {
			refs[i].idx = i;
			refs[i].key = m->pairs[i].key;
		}
		qsort(refs, m->count, sizeof(*refs), key_ref_cmp);
		for (i = 1; i < m->count; i++)
			if (strcmp(refs[i].key, refs[i - 1].key) == 0 &&
			    refs[i].idx < best)
				best = refs[i].idx;
	}
	if (best != (size_t)-1)
		error = cs_error_at(CS_EDATA, ld->name, f->key_lines[best], NULL,
				    "duplicate key '%s'", m->pairs[best].key);
	free(refs);
	return error;
}

/* Attach a finished node to its parent (or make it the root). */
static int attach(loader *ld, cs_node *n, yaml_mark_t mark)
{
	frame *f;
	int error;
	if (ld->depth == 0) {
		ld->root = n;
		return 0;
	}
	f = &ld->stack[ld->depth - 1];
	if (f->node->type == CS_NODE_SEQ)
		return cs_node_push(f->node, n);
	if (!f->key) {
		/* n is a key */
		if (n->type != CS_NODE_SCALAR) {
			error = cs_error_at(CS_EDATA, ld->name, n->line, NULL,
					    "mapping keys must be scalars");
			cs_node_free(n);
			return error;
		}
		f->key = n->str;
		f->key_line = n->line;
		n->str = NULL;
		cs_node_free(n);
		return 0;
	}
	/* n is the value of f->key: append, duplicates are checked at the end */
	if (f->node->count == f->node->cap) {
		size_t cap = f->node->cap ? (size_t)f->node->cap * 2 : 8;
		cs_pair *np = cap > UINT_MAX ? NULL : cs_realloc(f->node->pairs, cap * sizeof(*np));
		if (!np) {
			cs_node_free(n);
			return CS_ENOMEM;
		}
		f->node->pairs = np;
		f->node->cap = cap;
	}
	if (f->node->count == f->key_cap) {
		size_t cap = f->key_cap ? f->key_cap * 2 : 8;
		size_t *kl = cs_realloc(f->key_lines, cap * sizeof(*kl));
		if (!kl) {
			cs_node_free(n);
			return CS_ENOMEM;
		}
		f->key_lines = kl;
		f->key_cap = cap;
	}
	f->key_lines[f->node->count] = f->key_line;
	f->node->pairs[f->node->count].key = f->key;
	f->node->pairs[f->node->count].value = n;
	f->node->count++;
	f->key = NULL;
	(void)mark;
	return 0;
}

static int check_anchor(loader *ld, const yaml_char_t *anchor, size_t line)
{
	if (anchor)
		return cs_error_at(CS_EDATA, ld->name, line, NULL,
				   "anchors are not allowed (&%s)",
				   (const char *)anchor);
	return 0;
}

/* ---- what libyaml 0.2.5 lets through ----
 * These checks look at the source text around the events, for invalid YAML
 * that libyaml accepts (or reads wrongly). */

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Column of the innermost block collection, -1 at the top level. */
static long block_indent(const loader *ld)
{
	size_t i = ld->depth;
	while (i > 0) {
		i--;
		if (!ld->stack[i].flow)
			return (long)ld->stack[i].column;
	}
	return -1;
}

static int in_flow(const loader *ld)
{
	return ld->depth > 0 && ld->stack[ld->depth - 1].flow;
}

/* A comment must be separated from what precedes it by white space. */
static int check_comments(const loader *ld, size_t from, size_t to)
{
	size_t i;
	int comment = 0;
	for (i = from; i < to && i < ld->len; i++) {
		char c = ld->data[i];
		if (c == '\n') {
			comment = 0;
		} else if (!comment && c == '#') {
			if (i > 0 && !is_blank(ld->data[i - 1]) &&
			    !(i == 3 && memcmp(ld->data, "\xef\xbb\xbf", 3) == 0))
				return cs_error_at(CS_EDATA, ld->name,
						   line_at(ld->data, ld->len, i), NULL,
						   "a comment must be preceded by white space");
			comment = 1;
		}
	}
	return 0;
}

/* Lines continuing a flow collection or a quoted scalar inside a block
 * collection at column n are indented by more than n spaces. */
static int check_continuation(const loader *ld, size_t from, size_t to,
			      long n, int skip_comments)
{
	size_t i, sp;
	if (n < 0)
		return 0;
	for (i = from; i < to && i < ld->len; i++) {
		if (ld->data[i] != '\n')
			continue;
		for (sp = 0; i + 1 + sp < ld->len && ld->data[i + 1 + sp] == ' '; sp++)
			;
		if (i + 1 + sp >= to)
			break;
		{
			char c = ld->data[i + 1 + sp];
			size_t j = i + 1 + sp;
			while (j < to && (ld->data[j] == ' ' || ld->data[j] == '\t'))
				j++;
			if (j < to && (ld->data[j] == '\n' || ld->data[j] == '\r'))
				continue; /* blank line */
			if (skip_comments && j < to && ld->data[j] == '#')
				continue;
			(void)c;
		}
		if ((long)sp <= n)
			return cs_error_at(CS_EDATA, ld->name,
					   line_at(ld->data, ld->len, i + 1), NULL,
					   "continuation line must be indented by more than %ld spaces",
					   n);
	}
	return 0;
}

/* Block scalar header: "|" or ">" with indicators, then white space or a
 * line break; and, without an indentation indicator, no leading empty line
 * may be longer than the first content line. */
static int check_block_scalar(const loader *ld, size_t start, long n)
{
	const char *d = ld->data;
	size_t i = start, most = 0, sp;
	int explicit = 0;
	while (i < ld->len && d[i] == '!') { /* a tag */
		while (i < ld->len && !is_blank(d[i]))
			i++;
		while (i < ld->len && (d[i] == ' ' || d[i] == '\t'))
			i++;
	}
	if (i >= ld->len || (d[i] != '|' && d[i] != '>'))
		return 0;
	for (i++; i < ld->len && strchr("+-0123456789", d[i]); i++)
		if (d[i] >= '1' && d[i] <= '9')
			explicit = 1;
	if (i < ld->len && !is_blank(d[i]))
		return cs_error_at(CS_EDATA, ld->name, line_at(d, ld->len, i), NULL,
				   "block scalar header must end with white space or a line break");
	while (i < ld->len && d[i] != '\n')
		i++;
	if (explicit)
		return 0;
	while (i < ld->len) {
		size_t j;
		i++; /* past '\n' */
		for (sp = 0; i + sp < ld->len && d[i + sp] == ' '; sp++)
			;
		j = i + sp;
		if (j < ld->len && d[j] != '\n' && d[j] != '\r') {
			if ((long)sp > n && most > sp)
				return cs_error_at(CS_EDATA, ld->name,
						   line_at(d, ld->len, i), NULL,
						   "block scalar: a leading empty line is indented more than the first content line");
			return 0;
		}
		if (sp > most)
			most = sp;
		i = j;
		while (i < ld->len && d[i] != '\n')
			i++;
	}
	return 0;
}

static int check_text(loader *ld, const yaml_event_t *ev)
{
	size_t start = byte_at(ld, ev->start_mark.index);
	size_t end = byte_at(ld, ev->end_mark.index);
	int error;
	ld->ev_start = start;
	ld->ev_end = end;
	if (start > ld->pos &&
	    (error = check_comments(ld, ld->pos, start)) < 0)
		return error;
	if (end > ld->pos)
		ld->pos = end;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		return check_comments(ld, start, end);
	case YAML_SCALAR_EVENT:
		ld->last_block = 0;
		switch (ev->data.scalar.style) {
		case YAML_PLAIN_SCALAR_STYLE:
			/* "-", "?" or ":" starts a plain scalar only before a
			 * safe character */
			if (end == start)
				return 0; /* an empty node */
			if (start < ld->len && strchr("-?:", ld->data[start]) &&
			    (start + 1 >= ld->len || is_blank(ld->data[start + 1]) ||
			     (in_flow(ld) && strchr(",[]{}", ld->data[start + 1]))))
				return cs_error_at(CS_EDATA, ld->name,
						   ev->start_mark.line + 1, NULL,
						   "a plain scalar cannot start with '%c' here",
						   ld->data[start]);
			/* libyaml reads "?x" in a flow collection as the key "x" */
			if (in_flow(ld) && start > 0 && ld->data[start - 1] == '?')
				return cs_error_at(CS_EDATA, ld->name,
						   ev->start_mark.line + 1, NULL,
						   "'?' must be followed by a space");
			return 0;
		case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
			if (in_flow(ld))
				return 0;
			return check_continuation(ld, start, end, block_indent(ld), 0);
		case YAML_LITERAL_SCALAR_STYLE:
		case YAML_FOLDED_SCALAR_STYLE:
			ld->last_block = 1;
			return check_block_scalar(ld, start, block_indent(ld));
		default:
			return 0;
		}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		ld->last_block = 0;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		/* the outermost flow collection inside a block one */
		if (ld->depth > 0 && ld->stack[ld->depth - 1].flow &&
		    (ld->depth == 1 || !ld->stack[ld->depth - 2].flow)) {
			long n = -1;
			size_t i = ld->depth - 1;
			while (i > 0) {
				i--;
				if (!ld->stack[i].flow) {
					n = (long)ld->stack[i].column;
					break;
				}
			}
			return check_continuation(ld, ld->stack[ld->depth - 1].mark,
						  end, n, 1);
		}
		return 0;
	default:
		return 0;
	}
}

/* libyaml drops a last line of blanks without a line break that belongs
 * to a block scalar. */
static int check_end(const loader *ld)
{
	size_t i = ld->len;
	if (!ld->last_block || i == 0 || ld->data[i - 1] == '\n')
		return 0;
	while (i > 0 && (ld->data[i - 1] == ' ' || ld->data[i - 1] == '\t'))
		i--;
	if (i == ld->len || (i > 0 && ld->data[i - 1] != '\n'))
		return 0;
	return cs_error_at(CS_EDATA, ld->name, line_at(ld->data, ld->len, i), NULL,
			   "block scalar ends in a line of blanks without a line break");
}

static int on_scalar(loader *ld, yaml_event_t *ev, size_t line)
{
	cs_node *n;
	int error, str = 0;
	if ((error = check_anchor(ld, ev->data.scalar.anchor, line)) < 0 ||
	    (error = check_tag(ld, ev->data.scalar.tag, line, "scalar", &str)) < 0)
		return error;
	if (!(n = cs_node_new_strn((const char *)ev->data.scalar.value, ev->data.scalar.length)))
		return CS_ENOMEM;
	n->line = line;
	n->plain = !str && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if ((error = check_typed_scalar(ld, ev->data.scalar.tag, n)) < 0) {
		cs_node_free(n);
		return error;
	}
	return attach(ld, n, ev->start_mark);
}

static int on_collection_start(loader *ld, yaml_event_t *ev, size_t line)
{
	int seq = ev->type == YAML_SEQUENCE_START_EVENT, error;
	cs_node *n;
	if (seq) {
		error = check_anchor(ld, ev->data.sequence_start.anchor, line);
		if (!error)
			error = check_tag(ld, ev->data.sequence_start.tag, line, "seq", NULL);
	} else {
		error = check_anchor(ld, ev->data.mapping_start.anchor, line);
		if (!error)
			error = check_tag(ld, ev->data.mapping_start.tag, line, "map", NULL);
	}
	if (error < 0)
		return error;
	if (ld->depth > 0 && ld->stack[ld->depth - 1].node->type == CS_NODE_MAP &&
	    !ld->stack[ld->depth - 1].key)
		return cs_error_at(CS_EDATA, ld->name, line, NULL, "mapping keys must be scalars");
	if (ld->depth >= CS_YAML_MAX_DEPTH)
		return cs_error_at(CS_EDATA, ld->name, line, NULL, "nesting deeper than %d levels",
				   CS_YAML_MAX_DEPTH);
	if (!(n = seq ? cs_node_new_seq() : cs_node_new_map()))
		return CS_ENOMEM;
	n->line = line;
	if ((error = push_frame(ld, n, ld->ev_start, ev->start_mark.column,
				seq ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
				    : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)) < 0)
		cs_node_free(n);
	return error;
}

static int on_collection_end(loader *ld, yaml_event_t *ev)
{
	frame *f = &ld->stack[ld->depth - 1];
	cs_node *n;
	int error;
	if (f->node->type == CS_NODE_MAP && (error = check_duplicates(ld, f)) < 0)
		return error;
	n = f->node;
	free_frame(f);
	ld->depth--;
	return attach(ld, n, ev->start_mark);
}

static int on_event(loader *ld, yaml_event_t *ev)
{
	size_t line = ev->start_mark.line + 1;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->docs > 1)
			return cs_error_at(CS_EDATA, ld->name, line, NULL, "more than one document");
		return 0;
	case YAML_ALIAS_EVENT:
		return cs_error_at(CS_EDATA, ld->name, line, NULL, "aliases are not allowed (*%s)",
				   (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		return on_scalar(ld, ev, line);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return on_collection_start(ld, ev, line);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_collection_end(ld, ev);
	default:
		return 0;
	}
}

static int hex4(const char *s, unsigned *v)
{
	size_t i;
	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
		if (d == 16)
			return 0;
		*v = *v * 16 + d;
	}
	return 1;
}

/* JSON writes characters beyond U+FFFF as a surrogate pair of \u escapes,
 * which libyaml 0.2.5 refuses. When that is why the parse failed, the pair
 * at byte p (after "\u") is a \U escape for the same character: returns
 * the byte where the pair starts, or (size_t)-1. */
static size_t surrogate_pair_at(const loader *ld, const yaml_parser_t *p,
				size_t at)
{
	unsigned hi, lo;
	const char *d = ld->data;
	if (p->error != YAML_SCANNER_ERROR || !p->problem ||
	    strcmp(p->problem, "found invalid Unicode character escape code") != 0)
		return (size_t)-1;
	if (at < 2 || at + 10 > ld->len || d[at - 2] != '\\' || d[at - 1] != 'u' ||
	    d[at + 4] != '\\' || d[at + 5] != 'u' || !hex4(d + at, &hi) ||
	    !hex4(d + at + 6, &lo) || hi < 0xd800 || hi > 0xdbff ||
	    lo < 0xdc00 || lo > 0xdfff)
		return (size_t)-1;
	return at - 2;
}

/* One parse of ld->data; *pair is set when it failed on a surrogate pair. */
static int parse(loader *ld, size_t *pair)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int error = 0, done = 0;

	*pair = (size_t)-1;
	if (!yaml_parser_initialize(&parser))
		return cs_error_set(CS_ENOMEM, "out of memory");
	if (ld->len >= 3 && memcmp(ld->data, "\xef\xbb\xbf", 3) == 0)
		ld->bi = 3; /* libyaml's marks start after the byte order mark */
	yaml_parser_set_input_string(&parser,
				     (const unsigned char *)(ld->data ? ld->data : ""),
				     ld->len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			error = parser_error(ld, &parser);
			*pair = surrogate_pair_at(ld, &parser,
						  byte_at(ld, parser.problem_mark.index));
			goto cleanup;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		error = check_text(ld, &ev);
		if (!error)
			error = on_event(ld, &ev);
		yaml_event_delete(&ev);
		if (error < 0)
			goto cleanup;
	}
	error = check_end(ld);
cleanup:
	yaml_parser_delete(&parser);
	return error;
}

static void loader_reset(loader *ld)
{
	size_t i;
	for (i = 0; i < ld->depth; i++) {
		free_frame(&ld->stack[i]);
		cs_node_free(ld->stack[i].node);
	}
	free(ld->stack);
	cs_node_free(ld->root);
	ld->stack = NULL;
	ld->depth = ld->cap = 0;
	ld->root = NULL;
	ld->docs = 0;
	ld->pos = ld->ci = ld->bi = 0;
	ld->last_block = 0;
}

int cs_yaml_load(cs_node **out, const char *data, size_t len, const char *name)
{
	loader ld;
	cs_buf copy = CS_BUF_INIT;
	size_t pair;
	int error = 0, tries = 0;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.name = name ? name : "-";
	ld.data = data;
	ld.len = len;
	if (len > CS_YAML_MAX_BYTES) {
		error = cs_error_at(CS_EDATA, ld.name,
				    line_at(data, len, CS_YAML_MAX_BYTES), NULL,
				    "larger than %d bytes", CS_YAML_MAX_BYTES);
		goto cleanup;
	}
	if (!cs_utf8_valid(data, len)) {
		error = cs_error_at(CS_EDATA, ld.name,
				    line_at(data, len, cs_utf8_invalid_at(data, len)),
				    NULL, "invalid UTF-8");
		goto cleanup;
	}
	while ((error = parse(&ld, &pair)) < 0 && pair != (size_t)-1 &&
	       tries++ < 1024) {
		/* rewrite \uHHHH\uHHHH as \UHHHHHHHH and parse again */
		cs_buf next = CS_BUF_INIT;
		unsigned hi, lo;
		hex4(ld.data + pair + 2, &hi);
		hex4(ld.data + pair + 8, &lo);
		loader_reset(&ld);
		if ((error = cs_buf_put(&next, ld.data, pair)) < 0 ||
		    (error = cs_buf_printf(&next, "\\U%08X",
					   0x10000 + ((hi - 0xd800) << 10) +
					   (lo - 0xdc00))) < 0 ||
		    (error = cs_buf_put(&next, ld.data + pair + 12,
					ld.len - pair - 12)) < 0) {
			cs_buf_free(&next);
			goto cleanup;
		}
		cs_buf_free(&copy);
		copy = next;
		ld.data = copy.ptr;
		ld.len = copy.len;
	}
	if (error < 0)
		goto cleanup;
	*out = ld.root;
	ld.root = NULL;
cleanup:
	loader_reset(&ld);
	cs_buf_free(&copy);
	return error;
}

int cs_yaml_load_file(cs_node **out, const char *path)
{
	cs_buf b = CS_BUF_INIT;
	int error;
	*out = NULL;
	if ((error = cs_buf_read_file(&b, path, CS_YAML_MAX_BYTES)) < 0) {
		if (error == CS_EDATA)
			error = cs_error_at(CS_EDATA, path, 1, NULL,
					    "larger than %d bytes",
					    CS_YAML_MAX_BYTES);
		goto cleanup;
	}
	error = cs_yaml_load(out, b.ptr, b.len, path);
cleanup:
	cs_buf_free(&b);
	return error;
}

/* ---- emitting ---- */

/* Strings that a YAML 1.1 or 1.2 reader would take for something else. */
static const struct {
	const char *re;
	int icase;
} lookalikes[] = {
	{ "^(y|yes|n|no|true|false|on|off|null|~|<<|=)$", 1 },
	{ "^[-+]?(0b[01_]+|0o[0-7_]+|0x[0-9a-f_]+|[0-9][0-9_]*)$", 1 },
	{ "^[-+]?([0-9][0-9_]*(\\.[0-9_]*)?|\\.[0-9_]+)(e[-+]?[0-9]+)?$", 1 },
	{ "^[-+]?([0-9][0-9_]*)?\\.[0-9._]*(e[-+]?[0-9]+)?$", 1 },
	{ "^[-+]?\\.(inf|nan)$", 1 },
	{ "^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$", 0 },
	{ "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}.*)?$", 0 },
};
#define N_LOOKALIKES (sizeof(lookalikes) / sizeof(lookalikes[0]))
static regex_t lookalike_re[N_LOOKALIKES];
static int lookalike_ready; /* 1 compiled, -1 failed */

static int compile_lookalikes(void)
{
	size_t i, j;
	int rc;
	if (lookalike_ready)
		return lookalike_ready;
	for (i = 0; i < N_LOOKALIKES; i++) {
		int flags = REG_EXTENDED | REG_NOSUB;
		if (lookalikes[i].icase)
			flags |= REG_ICASE;
		if ((rc = regcomp(&lookalike_re[i], lookalikes[i].re, flags)) != 0) {
			for (j = 0; j < i; j++)
				regfree(&lookalike_re[j]);
			/* for want of memory: not for good, and not "no lookalike" */
			if (rc == REG_ESPACE)
				return cs_error_set(CS_ENOMEM, "out of memory");
			return lookalike_ready = -1;
		}
	}
	return lookalike_ready = 1;
}

/* 1 when s, written plain, would not read back as the string s; 0 when
 * it would; CS_ENOMEM when that cannot be told. */
static int needs_quotes(const char *s, size_t len)
{
	cs_node probe;
	size_t i;
	int rc;
	if (len == 0 || strlen(s) != len)
		return 1;
	memset(&probe, 0, sizeof(probe));
	probe.type = CS_NODE_SCALAR;
	probe.str = (char *)s;
	probe.len = len;
	probe.plain = 1;
	if (cs_node_scalar_kind(&probe) != CS_SCALAR_STRING)
		return 1;
	if (len > 64)  /* no lookalike is that long */
		return 0;
	if ((rc = compile_lookalikes()) < 0)
		return rc == -1 ? 1 : rc;
	for (i = 0; i < N_LOOKALIKES; i++) {
		/* glibc's regexec says "no match" when it runs out of memory */
		errno = 0;
		if (regexec(&lookalike_re[i], s, 0, NULL, 0) == 0)
			return 1;
		if (errno == ENOMEM)
			return cs_error_set(CS_ENOMEM, "out of memory");
	}
	return 0;
}

typedef struct {
	yaml_emitter_t em;
	cs_yaml_key_rank rank;
	void *ctx;
	cs_buf path;
} emitter;

/* libyaml writes a whole buffer of its own at a time: a place to spill. */
static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	return cs_buf_put(data, buffer, size) == 0 && cs_buf_spill(data) == 0;
}

static int emit_event(emitter *e, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(&e->em, ev) && e->em.error == YAML_WRITER_ERROR &&
	    cs_error_code() < 0)
		return cs_error_code(); /* the handler's, with its message */
	if (e->em.error)
		return cs_error_set(e->em.error == YAML_MEMORY_ERROR ? CS_ENOMEM
				    : CS_EDATA, "cannot emit YAML: %s",
				    e->em.problem ? e->em.problem : "unknown error");
	return 0;
}

static int emit_string(emitter *e, const char *s, size_t len, int key)
{
	int q;
	yaml_event_t ev;
	yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
	if (memchr(s, '\n', len))
		style = key ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
			    : YAML_LITERAL_SCALAR_STYLE;
	else if ((q = needs_quotes(s, len)) < 0)
		return q;
	else if (q)
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	errno = 0;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (yaml_char_t *)s, (int)len, 1, 1, style))
		return errno == ENOMEM ? cs_error_set(CS_ENOMEM, "out of memory")
				       : cs_error_set(CS_EDATA, "cannot emit YAML: invalid string");
	return emit_event(e, &ev);
}

typedef struct {
	size_t idx;
	int rank;
} key_order;

static int key_order_cmp(const void *a, const void *b)
{
	const key_order *x = a, *y = b;
	if (x->rank != y->rank) {
		if (x->rank < 0)
			return 1;
		if (y->rank < 0)
			return -1;
		return x->rank < y->rank ? -1 : 1;
	}
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int emit_node(emitter *e, const cs_node *n, size_t depth);

static int emit_map(emitter *e, const cs_node *n, size_t depth)
{
	yaml_event_t ev;
	key_order *order = NULL;
	size_t i, plen = e->path.len;
	int error = 0;
	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						 YAML_BLOCK_MAPPING_STYLE))
		return cs_error_set(CS_ENOMEM, "out of memory");
	if ((error = emit_event(e, &ev)) < 0)
		goto cleanup;
	if (n->count && !(order = cs_calloc(n->count, sizeof(*order)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < n->count; i++) {
		order[i].idx = i;
		order[i].rank = e->rank ? e->rank(e->ctx, cs_buf_cstr(&e->path),
						  n->pairs[i].key) : -1;
		/* a rank that cannot be told would put the keys in another order */
		if (order[i].rank < -1) {
			error = order[i].rank;
			goto cleanup;
		}
	}
	if (e->rank && n->count > 1)
		qsort(order, n->count, sizeof(*order), key_order_cmp);
	for (i = 0; i < n->count; i++) {
		const cs_pair *p = &n->pairs[order[i].idx];
		if ((error = emit_string(e, p->key, strlen(p->key), 1)) < 0)
			goto cleanup;
		if (e->rank) {
			if (plen && (error = cs_buf_putc(&e->path, '.')) < 0)
				goto cleanup;
			if ((error = cs_buf_puts(&e->path, p->key)) < 0)
				goto cleanup;
		}
		error = emit_node(e, p->value, depth + 1);
		if (e->rank) {
			e->path.len = plen;
			e->path.ptr[plen] = '\0';
		}
		if (error < 0)
			goto cleanup;
	}
	yaml_mapping_end_event_initialize(&ev);
	error = emit_event(e, &ev);
cleanup:
	free(order);
	return error;
}

static int emit_node(emitter *e, const cs_node *n, size_t depth)
{
	yaml_event_t ev;
	size_t i;
	int error;
	if (depth > CS_YAML_MAX_DEPTH)
		return cs_error_set(CS_EDATA, "cannot emit YAML: nesting deeper than %d levels",
				    CS_YAML_MAX_DEPTH);
	static const cs_node null_node = { .type = CS_NODE_SCALAR,
		.str = "null", .len = 4, .plain = 1 };
	if (!n)
		n = &null_node;
	switch (n->type) {
	case CS_NODE_SCALAR:
		if (cs_node_scalar_kind(n) == CS_SCALAR_STRING)
			return emit_string(e, n->str ? n->str : "",
					   n->str ? n->len : 0, 0);
		if (depth == 0 && n->len == 0)
			n = &null_node; /* an empty document would read as no document */
		if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
						  (yaml_char_t *)n->str, (int)n->len,
						  1, 1, YAML_PLAIN_SCALAR_STYLE))
			return cs_error_set(CS_ENOMEM, "out of memory");
		return emit_event(e, &ev);
	case CS_NODE_SEQ:
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
							  YAML_BLOCK_SEQUENCE_STYLE))
			return cs_error_set(CS_ENOMEM, "out of memory");
		if ((error = emit_event(e, &ev)) < 0)
			return error;
		for (i = 0; i < n->count; i++)
			if ((error = emit_node(e, n->items[i], depth + 1)) < 0)
				return error;
		yaml_sequence_end_event_initialize(&ev);
		return emit_event(e, &ev);
	case CS_NODE_MAP:
		return emit_map(e, n, depth);
	}
	return cs_error_set(CS_ESOFTWARE, "cannot emit YAML: bad node");
}

int cs_yaml_emit(cs_buf *out, const cs_node *n, cs_yaml_key_rank rank, void *ctx)
{
	emitter e;
	yaml_event_t ev;
	int error = 0, have_emitter = 0;

	memset(&e, 0, sizeof(e));
	cs_buf_init(&e.path);
	e.rank = rank;
	e.ctx = ctx;
	if (!yaml_emitter_initialize(&e.em)) {
		error = cs_error_set(CS_ENOMEM, "out of memory");
		goto cleanup;
	}
	have_emitter = 1;
	yaml_emitter_set_output(&e.em, write_handler, out);
	yaml_emitter_set_encoding(&e.em, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&e.em, 1);
	yaml_emitter_set_width(&e.em, -1);
	yaml_emitter_set_indent(&e.em, 2);
	yaml_emitter_set_break(&e.em, YAML_LN_BREAK);
	if ((error = cs_buf_grow(&e.path, 64)) < 0)
		goto cleanup;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if ((error = emit_event(&e, &ev)) < 0)
		goto cleanup;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	if ((error = emit_event(&e, &ev)) < 0)
		goto cleanup;
	if ((error = emit_node(&e, n, 0)) < 0)
		goto cleanup;
	yaml_document_end_event_initialize(&ev, 1);
	if ((error = emit_event(&e, &ev)) < 0)
		goto cleanup;
	yaml_stream_end_event_initialize(&ev);
	if ((error = emit_event(&e, &ev)) < 0)
		goto cleanup;
	if (!yaml_emitter_flush(&e.em))
		error = cs_error_set(CS_ENOMEM, "cannot write YAML");
cleanup:
	if (have_emitter)
		yaml_emitter_delete(&e.em);
	cs_buf_free(&e.path);
	return error;
}

/* ---- JSON ---- */

static int json_string(cs_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;
	int error;
	if ((error = cs_buf_putc(out, '"')) < 0)
		return error;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t elen = 2;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if ((error = cs_buf_put(out, s + start, i - start)) < 0)
			return error;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		if ((error = cs_buf_put(out, esc, elen)) < 0)
			return error;
		start = i + 1;
	}
	if ((error = cs_buf_put(out, s + start, len - start)) < 0)
		return error;
	return cs_buf_putc(out, '"');
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static int is_json_number(const char *s)
{
	size_t i = 0, d;
	if (s[i] == '-')
		i++;
	if (s[i] == '0')
		i++;
	else if (s[i] >= '1' && s[i] <= '9')
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (s[i] == '.') {
		i++;
		for (d = 0; s[i] >= '0' && s[i] <= '9'; d++)
			i++;
		if (!d)
			return 0;
	}
	if (s[i] == 'e' || s[i] == 'E') {
		i++;
		if (s[i] == '-' || s[i] == '+')
			i++;
		for (d = 0; s[i] >= '0' && s[i] <= '9'; d++)
			i++;
		if (!d)
			return 0;
	}
	return s[i] == '\0';
}

static int json_number(cs_buf *out, const cs_node *n)
{
	long long v;
	double d;
	char tmp[40];
	int prec;
	if (is_json_number(n->str))
		return cs_buf_puts(out, n->str);
	if (cs_node_scalar_kind(n) == CS_SCALAR_INT && cs_node_int(n, &v) == 0)
		return cs_buf_printf(out, "%lld", v);
	if (cs_node_number(n, &d) < 0 || !isfinite(d))
		return cs_buf_puts(out, "null");
	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	return cs_buf_puts(out, tmp);
}

static int json_indent(cs_buf *out, int indent, size_t depth)
{
	int error;
	size_t i;
	if (indent <= 0)
		return 0;
	if ((error = cs_buf_putc(out, '\n')) < 0)
		return error;
	for (i = 0; i < depth * (size_t)indent; i++)
		if ((error = cs_buf_putc(out, ' ')) < 0)
			return error;
	return 0;
}

static int json_node(cs_buf *out, const cs_node *n, int indent, size_t depth)
{
	size_t i;
	int error;
	if (!n)
		return cs_buf_puts(out, "null");
	switch (n->type) {
	case CS_NODE_SCALAR:
		switch (cs_node_scalar_kind(n)) {
		case CS_SCALAR_NULL:
			return cs_buf_puts(out, "null");
		case CS_SCALAR_BOOL:
			return cs_buf_puts(out, cs_node_true(n) ? "true" : "false");
		case CS_SCALAR_INT:
		case CS_SCALAR_FLOAT:
			return json_number(out, n);
		default:
			return json_string(out, n->str ? n->str : "",
					   n->str ? n->len : 0);
		}
	case CS_NODE_SEQ:
		if (!n->count)
			return cs_buf_puts(out, "[]");
		if ((error = cs_buf_putc(out, '[')) < 0)
			return error;
		for (i = 0; i < n->count; i++) {
			if (i && (error = cs_buf_putc(out, ',')) < 0)
				return error;
			if ((error = json_indent(out, indent, depth + 1)) < 0 ||
			    (error = json_node(out, n->items[i], indent, depth + 1)) < 0 ||
			    (error = cs_buf_spill(out)) < 0)
				return error;
		}
		if ((error = json_indent(out, indent, depth)) < 0)
			return error;
		return cs_buf_putc(out, ']');
	case CS_NODE_MAP:
		if (!n->count)
			return cs_buf_puts(out, "{}");
		if ((error = cs_buf_putc(out, '{')) < 0)
			return error;
		for (i = 0; i < n->count; i++) {
			if (i && (error = cs_buf_putc(out, ',')) < 0)
				return error;
			if ((error = json_indent(out, indent, depth + 1)) < 0 ||
			    (error = json_string(out, n->pairs[i].key,
						 strlen(n->pairs[i].key))) < 0 ||
			    (error = cs_buf_puts(out, indent > 0 ? ": " : ":")) < 0 ||
			    (error = json_node(out, n->pairs[i].value, indent,
					       depth + 1)) < 0)
				return error;
		}
		if ((error = json_indent(out, indent, depth)) < 0)
			return error;
		return cs_buf_putc(out, '}');
	}
	return cs_error_set(CS_ESOFTWARE, "cannot write JSON: bad node");
}

int cs_json_emit(cs_buf *out, const cs_node *n, int indent)
{
	int error = cs_buf_grow(out, 0);
	if (error < 0)
		return error;
	return json_node(out, n, indent, 0);
}

int cs_json_emit_item(cs_buf *out, const cs_node *item, int indent, size_t i)
{
	int error;
	if ((error = cs_buf_putc(out, i ? ',' : '[')) < 0 ||
	    (error = json_indent(out, indent, 1)) < 0 || (error = json_node(out, item, indent, 1)) < 0)
		return error;
	return cs_buf_spill(out);
}

int cs_json_emit_end(cs_buf *out, int indent, size_t n)
{
	int error;
	if (!n)
		return cs_buf_puts(out, "[]");
	if ((error = json_indent(out, indent, 0)) < 0)
		return error;
	return cs_buf_putc(out, ']');
}
