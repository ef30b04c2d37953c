/* Tables of strings and their output formats: text (aligned by display
 * width, so Chinese lines up), yaml and json (a list of mappings keyed by
 * the column keys), csv (RFC 4180, formula injection neutralised), md, html. */
#ifndef CS_TABLE_H
#define CS_TABLE_H

#include <stddef.h>

#include "buf.h"
#include "node.h"

typedef enum {
	CS_FMT_TEXT,
	CS_FMT_YAML,
	CS_FMT_JSON,
	CS_FMT_CSV,
	CS_FMT_MD,
	CS_FMT_HTML
} cs_format;

/* Parse "text", "yaml", ...; CS_EUSAGE when unknown. */
int cs_format_parse(const char *s, cs_format *out);

typedef struct {
	size_t ncols;
	char **keys;      /* machine names: json/yaml keys */
	char **labels;    /* headings: text, csv, md, html */
	int *numeric;     /* 1: right-aligned in text, a number in json/yaml */
	char ***rows;     /* rows[r][c], NULL for an empty cell (null in json) */
	size_t nrows, cap;
} cs_table;

void cs_table_init(cs_table *t);
void cs_table_free(cs_table *t);
/* Add a column (before any row). */
int cs_table_col(cs_table *t, const char *key, const char *label, int numeric);
/* Add a row of ncols cells (copied; NULL allowed). */
int cs_table_row(cs_table *t, const char *const *cells);
/* The table as a sequence of mappings. */
cs_node *cs_table_tree(const cs_table *t);
/* Render in fmt (text: headings underlined by none, columns two spaces apart). */
int cs_table_render(const cs_table *t, cs_format fmt, cs_buf *out);

/* Cell escaping for csv: quote when needed; a cell starting with = + - @
 * tab or CR gets a leading apostrophe. */
int cs_csv_cell(cs_buf *out, const char *s);
/* HTML text escaping. */
int cs_html_escape(cs_buf *out, const char *s);

#endif
