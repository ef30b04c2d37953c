/* CSV (RFC 4180) reading: spreadsheets of past entries (cslog import).
 * Writing is table.c's (cs_table_render with CS_FMT_CSV). */
#ifndef CS_CSV_H
#define CS_CSV_H

#include <stddef.h>

#include "buf.h"
#include "node.h"

/* One record from *p (not past end): its fields, as string nodes, are
 * appended to row; *line counts the newlines read (quoted fields may hold
 * some). CS_EDATA for an unterminated quoted field. */
int cs_csv_row(const char **p, const char *end, cs_node *row, size_t *line);

/* A cell as it was before cs_csv_cell (table.c) guarded it against
 * spreadsheet formulas: without the apostrophe put before a leading = + -
 * @, tab or CR. Points into cell. */
const char *cs_csv_unguard(const char *cell);

/* data in encoding ("UTF-8", "GBK", "GB18030", anything iconv(3) knows)
 * as UTF-8 into out, without a byte-order mark. CS_EDATA naming name and
 * the line when it is not valid in that encoding (for UTF-8, with the
 * hint to give --encoding GBK or convert with iconv); CS_EUSAGE for an
 * encoding iconv does not know. */
int cs_csv_decode(const char *data, size_t len, const char *encoding, const char *name,
		  cs_buf *out);

#endif
