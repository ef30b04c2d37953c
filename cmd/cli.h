/* What every command shares: gettext set-up, diagnostics prefixed with the
 * command's name, exit codes from CS_E* codes, opening the store. */
#ifndef CS_CLI_H
#define CS_CLI_H

#include <libintl.h>
#include <stdio.h>

#include "buf.h"
#include "store.h"
#include "table.h"
#include "opts.h"

#define _(s) gettext(s)
#define N_(s) (s)

enum { EX_OK = 0, EX_FINDINGS = 1, EX_USAGE_ = 64, EX_DATA = 65, EX_NOINPUT_ = 66,
       EX_SOFTWARE_ = 70, EX_CANTCREAT_ = 73, EX_IOERR_ = 74, EX_TEMPFAIL_ = 75 };

extern const char *cli_name;

/* setlocale, bindtextdomain ($CS_LOCALEDIR or the installed one). */
void cli_init(const char *name);
/* "NAME: message" on stderr (message translated by the caller). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print cs_error_last() prefixed with the name; returns the exit status for code. */
int cli_fail(int code);
/* The exit status for a lib error code, its message printed: a usage error
 * (CS_EUSAGE) with the hint to the verb's --help. */
int cli_status(int code, const cli_verb *verb);
/* Print a usage error and the hint to --help; returns 64. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print --version; returns 0. */
int cli_version(void);
/* Open the store (-C dir or NULL); prints the error and returns its status. */
int cli_open(cs_store **out, const char *dir);
/* Write a buffer to stdout; returns 0 or 74. */
int cli_out(const cs_buf *b);
/* 1 when stdout is a terminal and NO_COLOR is unset. */
int cli_colour(void);
/* The label of a record kind in the user's language (法律咨询 in zh_CN). */
const char *cli_kind_label(const char *kind);
/* A tree as JSON (pretty, ending with a newline) or as YAML into out; a
 * record (a mapping with kind:) comes out with its keys in schema order. */
int cli_tree(cs_buf *out, const cs_node *n, cs_format fmt);
/* Parse --format; prints the usage error. */
int cli_format(const char *s, cs_format *out);
/* --reason given empty or blank: CS_EUSAGE, for a reason is kept in the commit
 * and read by the audit; 0 for a reason or none. */
int cli_reason(const char *why);

#endif
