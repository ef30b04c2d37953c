#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "table.h"
#include "utf8.h"
#include "yaml.h"

int cs_format_parse(const char *s, cs_format *out)
{
	static const char *names[] = { "text", "yaml", "json", "csv", "md", "html" };
	size_t i;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (cs_format)i;
			return 0;
		}
	return cs_error_set(CS_EUSAGE,
			    "unknown format '%s' (text, yaml, json, csv, md, html)", s);
}

void cs_table_init(cs_table *t)
{
	memset(t, 0, sizeof(*t));
}

void cs_table_free(cs_table *t)
{
	size_t r, c;
	for (r = 0; r < t->nrows; r++)
		free(t->rows[r]); /* the row's cells with it */
	for (c = 0; c < t->ncols; c++) {
		free(t->keys[c]);
		free(t->labels[c]);
	}
	free(t->rows);
	free(t->keys);
	free(t->labels);
	free(t->numeric);
	cs_table_init(t);
}

int cs_table_col(cs_table *t, const char *key, const char *label, int numeric)
{
	char **k, **l;
	int *n;
	if (!(k = cs_realloc(t->keys, (t->ncols + 1) * sizeof(*k))))
		return CS_ENOMEM;
	t->keys = k;
	if (!(l = cs_realloc(t->labels, (t->ncols + 1) * sizeof(*l))))
		return CS_ENOMEM;
	t->labels = l;
	if (!(n = cs_realloc(t->numeric, (t->ncols + 1) * sizeof(*n))))
		return CS_ENOMEM;
	t->numeric = n;
	t->keys[t->ncols] = cs_strdup(key);
	t->labels[t->ncols] = cs_strdup(label);
	t->numeric[t->ncols] = numeric;
	if (!t->keys[t->ncols] || !t->labels[t->ncols])
		return CS_ENOMEM;
	t->ncols++;
	return 0;
}

int cs_table_row(cs_table *t, const char *const *cells)
{
	char **row, *at;
	size_t c, n, size = t->ncols * sizeof(*row);
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char ***rows = cs_realloc(t->rows, cap * sizeof(*rows));
		if (!rows)
			return CS_ENOMEM;
		t->rows = rows;
		t->cap = cap;
	}
	/* one allocation: the cells' pointers, then their text */
	for (c = 0; c < t->ncols; c++)
		size += cells[c] ? strlen(cells[c]) + 1 : 0;
	if (!(row = cs_malloc(size ? size : 1)))
		return CS_ENOMEM;
	at = (char *)(row + t->ncols);
	for (c = 0; c < t->ncols; c++) {
		row[c] = NULL;
		if (!cells[c])
			continue;
		n = strlen(cells[c]) + 1;
		row[c] = memcpy(at, cells[c], n);
		at += n;
	}
	t->rows[t->nrows++] = row;
	return 0;
}

cs_node *cs_table_tree(const cs_table *t)
{
	cs_node *seq = cs_node_new_seq(), *map, *cell;
	size_t r, c;
	if (!seq)
		return NULL;
	for (r = 0; r < t->nrows; r++) {
		if (!(map = cs_node_new_map()) || cs_node_push(seq, map) < 0) {
			cs_node_free(map);
			goto fail;
		}
		for (c = 0; c < t->ncols; c++) {
			const char *v = t->rows[r][c];
			if (!v)
				cell = cs_node_new_null();
			else if (t->numeric[c])
				cell = cs_node_new_plain(v);
			else
				cell = cs_node_new_str(v);
			if (!cell || cs_node_set(map, t->keys[c], cell) < 0) {
				cs_node_free(cell);
				goto fail;
			}
		}
	}
	return seq;
fail:
	cs_node_free(seq);
	return NULL;
}

static int render_text(const cs_table *t, cs_buf *out)
{
	size_t *w, *cw, r, c;
	int error = 0;
	/* every cell's width once (cw[r * ncols + c], the labels' row first) */
	if (!(w = cs_calloc(t->ncols, sizeof(*w))) ||
	    !(cw = cs_calloc((t->nrows + 1) * t->ncols + 1, sizeof(*cw)))) {
		free(w);
		return CS_ENOMEM;
	}
	for (r = 0; r <= t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = r == 0 ? t->labels[c] : t->rows[r - 1][c];
			size_t x = v ? cs_utf8_width(v) : 0;
			cw[r * t->ncols + c] = x;
			if (x > w[c])
				w[c] = x;
		}
	for (r = 0; r <= t->nrows && !error; r++) {
		for (c = 0; c < t->ncols && !error; c++) {
			const char *v = r == 0 ? t->labels[c] : t->rows[r - 1][c];
			size_t vw = cw[r * t->ncols + c];
			if (!v)
				v = "";
			if (c && (error = cs_buf_put(out, "  ", 2)) < 0)
				break;
			if (t->numeric[c] && r > 0) {
				if ((error = cs_buf_fill(out, ' ', w[c] - vw)) < 0 ||
				    (error = cs_buf_puts(out, v)) < 0)
					break;
			} else {
				if ((error = cs_buf_puts(out, v)) < 0)
					break;
				if (c + 1 < t->ncols && (error = cs_buf_fill(out, ' ', w[c] - vw)) < 0)
					break;
			}
		}
		while (!error && out->len && out->ptr[out->len - 1] == ' ')
			out->ptr[--out->len] = '\0';
		if (!error && (error = cs_buf_putc(out, '\n')) == 0)
			error = cs_buf_spill(out);
	}
	free(cw);
	free(w);
	return error;
}

int cs_csv_cell(cs_buf *out, const char *s)
{
	int quote = 0, error = 0;
	const char *p;
	if (!s)
		return 0;
	if (strchr("=+-@\t\r", s[0]) && s[0])
		quote = 1;
	for (p = s; *p && !quote; p++)
		if (*p == '"' || *p == ',' || *p == '\n' || *p == '\r')
			quote = 1;
	if (quote && (error = cs_buf_putc(out, '"')) < 0)
		return error;
	if (s[0] && strchr("=+-@\t\r", s[0]) && (error = cs_buf_putc(out, '\'')) < 0)
		return error;
	for (p = s; *p && !error; p++)
		error = *p == '"' ? cs_buf_puts(out, "\"\"") : cs_buf_putc(out, *p);
	if (!error && quote)
		error = cs_buf_putc(out, '"');
	return error;
}

int cs_html_escape(cs_buf *out, const char *s)
{
	int error = 0;
	for (; s && *s && !error; s++) {
		switch (*s) {
		case '<': error = cs_buf_puts(out, "&lt;"); break;
		case '>': error = cs_buf_puts(out, "&gt;"); break;
		case '&': error = cs_buf_puts(out, "&amp;"); break;
		case '"': error = cs_buf_puts(out, "&quot;"); break;
		case '\'': error = cs_buf_puts(out, "&#39;"); break;
		default: error = cs_buf_putc(out, *s);
		}
	}
	return error;
}

static int md_cell(cs_buf *out, const char *s)
{
	int error = 0;
	for (; s && *s && !error; s++) {
		if (*s == '|')
			error = cs_buf_puts(out, "\\|");
		else if (*s == '\n')
			error = cs_buf_puts(out, "<br>");
		else
			error = cs_buf_putc(out, *s);
	}
	return error;
}

static int render_rows(const cs_table *t, cs_format fmt, cs_buf *out)
{
	size_t r, c;
	int error = 0;
	if (fmt == CS_FMT_HTML)
		error = cs_buf_puts(out, "<table>\n<thead><tr>");
	for (r = 0; r <= t->nrows && !error; r++) {
		if (fmt == CS_FMT_MD)
			error = cs_buf_puts(out, "|");
		else if (fmt == CS_FMT_HTML && r)
			error = cs_buf_puts(out, "<tr>");
		for (c = 0; c < t->ncols && !error; c++) {
			const char *v = r == 0 ? t->labels[c] : t->rows[r - 1][c];
			if (fmt == CS_FMT_CSV) {
				if (c)
					error = cs_buf_putc(out, ',');
				if (!error)
					error = cs_csv_cell(out, v);
			} else if (fmt == CS_FMT_MD) {
				if (!(error = cs_buf_putc(out, ' ')) &&
				    !(error = md_cell(out, v)))
					error = cs_buf_puts(out, " |");
			} else {
				const char *tag = r ? "td" : "th";
				if (!(error = cs_buf_printf(out, "<%s>", tag)) &&
				    !(error = cs_html_escape(out, v)))
					error = cs_buf_printf(out, "</%s>", tag);
			}
		}
		if (error)
			break;
		if (fmt == CS_FMT_CSV)
			error = cs_buf_puts(out, "\r\n");
		else if (fmt == CS_FMT_HTML)
			error = cs_buf_puts(out, r ? "</tr>\n" : "</tr></thead>\n<tbody>\n");
		else
			error = cs_buf_putc(out, '\n');
		if (!error)
			error = cs_buf_spill(out);
		if (!error && fmt == CS_FMT_MD && r == 0) {
			error = cs_buf_puts(out, "|");
			for (c = 0; c < t->ncols && !error; c++)
				error = cs_buf_puts(out, t->numeric[c] ? " ---: |" : " --- |");
			if (!error)
				error = cs_buf_putc(out, '\n');
		}
	}
	if (!error && fmt == CS_FMT_HTML)
		error = cs_buf_puts(out, "</tbody>\n</table>\n");
	return error;
}

int cs_table_render(const cs_table *t, cs_format fmt, cs_buf *out)
{
	cs_node *tree;
	int error;
	switch (fmt) {
	case CS_FMT_TEXT:
		return render_text(t, out);
	case CS_FMT_YAML:
	case CS_FMT_JSON:
		if (!(tree = cs_table_tree(t)))
			return CS_ENOMEM;
		error = fmt == CS_FMT_JSON ? cs_json_emit(out, tree, 2)
					   : cs_yaml_emit(out, tree, NULL, NULL);
		if (!error && fmt == CS_FMT_JSON)
			error = cs_buf_putc(out, '\n');
		cs_node_free(tree);
		return error;
	default:
		return render_rows(t, fmt, out);
	}
}
