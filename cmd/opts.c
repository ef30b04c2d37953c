#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "opts.h"
#include "utf8.h"

const cli_option cli_builtin[] = {
	{ "C", 'C', "DIR", 0, "@dir", N_("run as if started in DIR (the store)") },
	{ "help", 'h', NULL, 0, NULL, N_("show this help") },
	{ "version", 0, NULL, 0, NULL, N_("show the version") },
	{ NULL, 0, NULL, 0, NULL, NULL }
};

static size_t count_options(const cli_command *cmd)
{
	size_t n = 0;
	while (cmd->options[n].name)
		n++;
	return n;
}

const cli_option *cli_option_named(const cli_command *cmd, const char *name, int *index)
{
	size_t i;
	for (i = 0; cmd->options[i].name; i++)
		if (!strcmp(cmd->options[i].name, name)) {
			if (index)
				*index = (int)i;
			return &cmd->options[i];
		}
	return NULL;
}

/* --- the verb's option spec: "[a] b c|d [e|f]" ------------------------- */


/* The next item of spec from *p into it; 0 at the end. */
int cli_spec_next(const char **p, cli_spec_item *it)
{
	const char *s = *p, *end;
	char word[256];
	size_t len;
	char *tok, *save = NULL;
	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	for (end = s; *end && *end != ' '; end++)
		;
	len = (size_t)(end - s);
	if (len >= sizeof(word))
		len = sizeof(word) - 1;
	memcpy(word, s, len);
	word[len] = '\0';
	*p = end;
	memset(it, 0, sizeof(*it));
	tok = word;
	if (*tok == '[') {
		it->optional = 1;
		tok++;
		if (*tok && tok[strlen(tok) - 1] == ']')
			tok[strlen(tok) - 1] = '\0';
	}
	for (tok = strtok_r(tok, "|", &save); tok && it->n < 8; tok = strtok_r(NULL, "|", &save))
		snprintf(it->names[it->n++], sizeof(it->names[0]), "%s", tok);
	return 1;
}

int cli_verb_takes(const cli_verb *v, const char *name)
{
	const char *p = v->options ? v->options : "";
	cli_spec_item it;
	int i;
	while (cli_spec_next(&p, &it))
		for (i = 0; i < it.n; i++)
			if (!strcmp(it.names[i], name))
				return 1;
	return 0;
}

/* --- parsing ------------------------------------------------------------ */

static int add_value(cli_args *a, int idx, const char *v)
{
	const char **grown = cs_realloc(a->values[idx], (a->counts[idx] + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	a->values[idx] = grown;
	grown[a->counts[idx]++] = v;
	return 0;
}

static const cli_verb *find_verb(const cli_command *cmd, char **ops, int nops, int *used)
{
	const cli_verb *v;
	char two[128];
	*used = 0;
	if (!cmd->verbs[0].name || !*cmd->verbs[0].name)
		return cmd->verbs;
	if (nops >= 2) {
		snprintf(two, sizeof(two), "%s %s", ops[0], ops[1]);
		for (v = cmd->verbs; v->name; v++)
			if (!strcmp(v->name, two)) {
				*used = 2;
				return v;
			}
	}
	for (v = cmd->verbs; nops >= 1 && v->name; v++)
		if (!strcmp(v->name, ops[0])) {
			*used = 1;
			return v;
		}
	return NULL;
}

static int check_verb(cli_args *a)
{
	const cli_verb *v = a->verb;
	const char *p = v->options ? v->options : "";
	cli_spec_item it;
	size_t i, n = count_options(a->cmd);
	int j, st;
	if (a->nops < v->min)
		return cli_usage_error(a, _("%s: %s is required"), *v->name ? v->name : a->cmd->name,
				   v->operands);
	if (v->max >= 0 && a->nops > v->max)
		return cli_usage_error(a, _("unexpected argument '%s'"), a->operands[v->max]);
	for (i = 0; i < n; i++) {
		const cli_option *o = &a->cmd->options[i];
		if (!a->counts[i])
			continue;
		if (!cli_verb_takes(v, o->name))
			return cli_usage_error(a, _("--%s does not apply to '%s'"), o->name,
					   *v->name ? v->name : a->cmd->name);
		if (a->counts[i] > 1 && !o->many)
			return cli_usage_error(a, _("--%s is given more than once"), o->name);
		for (j = 0; j < (int)a->counts[i]; j++)
			if ((st = cli_check_choice(a, o, a->values[i][j])) >= 0)
				return st;
	}
	while (cli_spec_next(&p, &it)) {
		int given = 0, idx;
		cs_buf names = CS_BUF_INIT;
		for (j = 0; j < it.n; j++) {
			if (cli_option_named(a->cmd, it.names[j], &idx) && a->counts[idx])
				given++;
			cs_buf_printf(&names, "%s--%s", j ? (j == it.n - 1 ? _(" or ") : ", ") : "",
				      it.names[j]);
		}
		st = -1;
		if (!it.optional && !given)
			st = cli_usage_error(a, it.n > 1 ? _("one of %s is required")
					 : _("%s is required"), cs_buf_cstr(&names));
		else if (it.n > 1 && given > 1)
			st = cli_usage_error(a, _("give only one of %s"), cs_buf_cstr(&names));
		cs_buf_free(&names);
		if (st >= 0)
			return st;
	}
	return -1;
}

/* The getopt tables for cmd's options and the built-in ones. */
static int getopt_tables(const cli_command *cmd, struct option **longs, cs_buf *shorts)
{
	size_t n = count_options(cmd), i, nb;
	int error;
	if (n + 3 > CLI_MAX_OPTS)
		return cs_error_set(CS_ESOFTWARE, "too many options");
	/* a table cut short by a failed allocation would misread the line */
	if (!(*longs = cs_calloc(n + 4, sizeof(**longs))) ||
	    (error = cs_buf_puts(shorts, "-:C:h")) < 0)
		return CS_ENOMEM;
	for (i = 0; i < n; i++) {
		(*longs)[i].name = cmd->options[i].name;
		(*longs)[i].has_arg = cmd->options[i].arg ? required_argument : no_argument;
		(*longs)[i].val = 1000 + (int)i;
		if (cmd->options[i].letter &&
		    (error = cs_buf_printf(shorts, "%c%s", cmd->options[i].letter,
					   cmd->options[i].arg ? ":" : "")) < 0)
			return error;
	}
	for (nb = 1; cli_builtin[nb].name; nb++, i++) {
		(*longs)[i].name = cli_builtin[nb].name;
		(*longs)[i].has_arg = no_argument;
		(*longs)[i].val = cli_builtin[nb].letter ? cli_builtin[nb].letter : 'V';
	}
	return 0;
}

/* One option getopt returned, into a; an exit status when it ends the run. */
static int take(cli_args *a, int c, char **argv, int *help, int *version)
{
	int oi;
	if (c == 1) {
		if (a->nops == CLI_MAX_OPERANDS)
			return cli_usage_error(a, _("too many arguments"));
		a->operands[a->nops++] = optarg;
	} else if (c >= 1000) {
		if (add_value(a, c - 1000, optarg ? optarg : "") < 0)
			return cli_fail(CS_ENOMEM);
	} else if (c == 'C') {
		a->dir = optarg;
	} else if (c == 'h' || c == 'V') {
		*(c == 'h' ? help : version) = 1;
	} else if (c == ':') {
		return cli_usage_error(a, _("option '%s' needs a value"), argv[optind - 1]);
	} else if (c == '?') {
		char s[3] = { '-', (char)optopt, 0 };
		return cli_unknown_option(a, optopt && optopt < 1000 ? s : argv[optind - 1]);
	} else {
		for (oi = 0; a->cmd->options[oi].name; oi++)
			if (a->cmd->options[oi].letter == c && add_value(a, oi, optarg ? optarg : "") < 0)
				return cli_fail(CS_ENOMEM);
	}
	return -1;
}

/* What is left once the options are read: help, the version, the verb. */
static int finish(cli_args *a, int help, int version)
{
	int used;
	a->verb = find_verb(a->cmd, a->operands, a->nops, &used);
	if (help) {
		if (a->verb)
			cli_verb_help(a->cmd, a->verb, a->operands + used, a->nops - used);
		else
			cli_command_help(a->cmd);
		return 0;
	}
	if (version)
		return cli_version();
	if (!a->verb)
		return cli_bad_verb(a, a->operands, a->nops);
	memmove(a->operands, a->operands + used, (size_t)(a->nops - used) * sizeof(char *));
	a->nops -= used;
	return check_verb(a);
}

static int print_usage(const cli_command *cmd)
{
	/* the SYNOPSIS the man page must match (tests/cmd/docs.sh) */
	cs_buf out = CS_BUF_INIT;
	cli_synopsis(cmd, NULL, 0, &out);
	fputs(cs_buf_cstr(&out), stdout);
	cs_buf_free(&out);
	return 0;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a)
{
	struct option *longs = NULL;
	cs_buf shorts = CS_BUF_INIT;
	int c, idx, help = 0, version = 0, st = -1;
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	if (argc >= 2 && !strcmp(argv[1], "--complete"))
		return cli_complete(cmd, argc - 2, argv + 2);
	if (argc == 2 && !strcmp(argv[1], "--usage"))
		return print_usage(cmd);
	if ((st = getopt_tables(cmd, &longs, &shorts)) < 0)
		st = cli_fail(st);
	else
		st = -1;
	opterr = 0;
	optind = 1;
	while (st < 0 && (c = getopt_long(argc, argv, cs_buf_cstr(&shorts), longs, &idx)) != -1)
		st = take(a, c, argv, &help, &version);
	while (st < 0 && optind < argc && a->nops < CLI_MAX_OPERANDS)
		a->operands[a->nops++] = argv[optind++];
	free(longs);
	cs_buf_free(&shorts);
	return st >= 0 ? st : finish(a, help, version);
}

void cli_args_free(cli_args *a)
{
	size_t i;
	for (i = 0; i < CLI_MAX_OPTS; i++)
		free(a->values[i]);
	memset(a, 0, sizeof(*a));
}

const char *const *cli_args_of(const cli_args *a, const char *name, size_t *n)
{
	int idx;
	if (!cli_option_named(a->cmd, name, &idx)) {
		*n = 0;
		return NULL;
	}
	*n = a->counts[idx];
	return a->values[idx];
}

const char *cli_arg(const cli_args *a, const char *name)
{
	size_t n;
	const char *const *v = cli_args_of(a, name, &n);
	return n ? v[n - 1] : NULL;
}

int cli_has(const cli_args *a, const char *name)
{
	size_t n;
	cli_args_of(a, name, &n);
	return n > 0;
}

int cli_is(const cli_args *a, const char *name)
{
	return a->verb && !strcmp(a->verb->name, name);
}
