/* One declarative table per command (verbs, their operands and options,
 * help): parsing, usage, per-verb help and shell completion all come from
 * it. */
#ifndef CS_OPTS_H
#define CS_OPTS_H

#include <stddef.h>

#include "buf.h"

typedef struct {
	const char *name;     /* the long name: "community" (--community) */
	char letter;          /* a short option ('C', 'e', 'h'), or 0 */
	const char *arg;      /* the argument's name in usage ("C"); NULL: a flag */
	int many;             /* may be given more than once (--set, --head) */
	const char *values;   /* what its value is: "a|b|c" (checked when parsed) or
			       * "@community", "@lawyer", "@office", "@firm", "@head",
			       * "@kind", "@log-id", "@assignment", "@file", "@date",
			       * "@month", "@rule" (completed from the store) */
	const char *help;     /* one line (translated) */
} cli_option;

typedef struct {
	const char *name;     /* "add", "office add"; "" for a command without verbs */
	const char *operands; /* in usage: "KIND", "ID...", "[COMMUNITY]" */
	int min, max;         /* how many operands (max -1: any number) */
	const char *operand_values; /* completion of the operands, as cli_option.values */
	const char *options;  /* the options it takes, in usage order, space-separated;
			       * a name in brackets [..] is optional, else required;
			       * "a|b" is one of them */
	const char *help;     /* one line (translated) */
} cli_verb;

typedef struct cli_command cli_command;
struct cli_command {
	const char *name;           /* "cslog" */
	const char *summary;        /* one line */
	const cli_option *options;  /* ending with a zeroed entry; -C, -h, --version are added */
	const cli_verb *verbs;      /* ending with a zeroed entry */
	/* more help for a verb (the kinds, the fields of --set) after its usage; may be NULL */
	void (*more_help)(const cli_command *cmd, const cli_verb *verb, char **operands,
			  int nops);
};

#define CLI_MAX_OPTS 64
#define CLI_MAX_OPERANDS 256

typedef struct {
	const cli_command *cmd;
	const cli_verb *verb;
	const char *dir;                     /* -C */
	char *operands[CLI_MAX_OPERANDS];
	int nops;
	const char **values[CLI_MAX_OPTS];   /* per option of cmd->options */
	size_t counts[CLI_MAX_OPTS];
} cli_args;

/* Parse argv by cmd's table into a. Returns -1 to go on, or the exit status
 * to end with (0 after --help or --version, 64 after a usage error, which
 * it prints with what is valid and, for a near miss, "did you mean"). */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a);
void cli_args_free(cli_args *a);

/* 1 when the verb takes the option name. */
int cli_verb_takes(const cli_verb *v, const char *name);

/* The (last) value of option name, or NULL. */
const char *cli_arg(const cli_args *a, const char *name);
/* Every value of option name (n of them). */
const char *const *cli_args_of(const cli_args *a, const char *name, size_t *n);
/* 1 when the flag or option name was given. */
int cli_has(const cli_args *a, const char *name);
/* 1 when the verb is name. */
int cli_is(const cli_args *a, const char *name);

/* The usage of one verb (or every verb when verb is NULL) into out: as in
 * the man page's SYNOPSIS, after "usage: " in English (--usage), or in the
 * user's language when translated (--help). */
int cli_synopsis(const cli_command *cmd, const cli_verb *verb, int translated, cs_buf *out);


/* --- what cmd/usage.c shares with cmd/opts.c ---------------------------- */

/* -C, --help and --version, which every command takes. */
extern const cli_option cli_builtin[];
const cli_option *cli_option_named(const cli_command *cmd, const char *name, int *index);
/* One item of a verb's option spec: the names of a choice, optional or not. */
typedef struct {
	char names[8][32];
	int n, optional;
} cli_spec_item;
/* The next item of spec from *p into it; 0 at the end. */
int cli_spec_next(const char **p, cli_spec_item *it);
/* Print the help of a verb, and of the command. */
void cli_verb_help(const cli_command *cmd, const cli_verb *v, char **ops, int nops);
void cli_command_help(const cli_command *cmd);
/* A usage error (64): "CMD: message" and the hint to the verb's --help. */
int cli_usage_error(const cli_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An unknown option (with "did you mean"), an unknown verb (with the verbs),
 * a value not among an option's fixed choices (-1 when it is one). */
int cli_unknown_option(cli_args *a, const char *text);
int cli_bad_verb(cli_args *a, char **ops, int nops);
int cli_check_choice(cli_args *a, const cli_option *o, const char *v);
/* The candidates for the last of argv's words (CMD --complete). */
int cli_complete(const cli_command *cmd, int argc, char **argv);

#endif
