/* What the parts of cslog share: cslog.c (the table, main, add and
 * import), cslog-change.c (sign, accept, amend, edit, void) and
 * cslog-read.c (list, show, history). */
#ifndef CS_CSLOG_H
#define CS_CSLOG_H

#include "check.h"
#include "opts.h"

struct run {
	cli_args args;
	cs_store *store;
	cs_snapshot *snap;   /* the directory at HEAD */
	cs_time now;
	int reveal;
};

const char *arg(struct run *r, const char *name);
int print_buf(cs_buf *out);
int date_opt(const char *opt, const char *s, cs_day *day);
int slug_opt(struct run *r, const char *kind, const char *opt, const char **slug);

int cmd_sign(struct run *r);
int cmd_accept(struct run *r);
int cmd_amend(struct run *r);
int cmd_edit(struct run *r);
int cmd_void(struct run *r);
int cmd_show(struct run *r);
int cmd_list(struct run *r);
int cmd_history(struct run *r);

#endif
