/* The editor of cslog add -e and cslog edit -e. */
#ifndef CS_EDITOR_H
#define CS_EDITOR_H

#include "buf.h"
#include "node.h"
#include "record.h"

/* check(ctx, rec, why): 0 accepts rec (it may complete it); CS_EDATA or
 * CS_EUSAGE refuse it with why; anything else gives up. */
typedef int (*cli_check_fn)(void *ctx, cs_node *rec, cs_buf *why);

/* Edit *rec in $VISUAL, else $EDITOR, else vi, on the template of
 * cs_entry_template until check accepts what is saved (judged on a copy,
 * so what is shown again is what was written, with the errors as
 * comments at the top). Gives up with CS_EDATA, nothing written, when the
 * editor fails, the file is left unchanged or emptied, or saved the same
 * twice. On success *rec is the record check accepted. set: the store's
 * schemas, which give the template its fields. */
int cli_edit_record(const cs_schema_set *set, cs_node **rec, cli_check_fn check, void *ctx);

#endif
