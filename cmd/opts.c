#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "opts.h"
#include "utf8.h"

static const cli_option builtin[] = {
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

static const cli_option *option_named(const cli_command *cmd, const char *name, int *index)
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

typedef struct {
	char names[8][32];
	int n, optional;
} spec_item;

/* The next item of spec from *p into it; 0 at the end. */
static int next_item(const char **p, spec_item *it)
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
	spec_item it;
	int i;
	while (next_item(&p, &it))
		for (i = 0; i < it.n; i++)
			if (!strcmp(it.names[i], name))
				return 1;
	return 0;
}

/* --- usage -------------------------------------------------------------- */

static void put_wrapped(cs_buf *out, const char *word, size_t *col, size_t indent)
{
	size_t w = cs_utf8_width(word);
	if (*col + 1 + w > 78 && *col > indent) {
		cs_buf_putc(out, '\n');
		cs_buf_printf(out, "%*s", (int)indent, "");
		*col = indent;
	} else {
		cs_buf_putc(out, ' ');
		(*col)++;
	}
	cs_buf_puts(out, word);
	*col += w;
}

static void option_usage(const cli_option *o, cs_buf *w)
{
	if (o->letter && !o->arg)
		cs_buf_printf(w, "-%c", o->letter);
	else if (o->arg)
		cs_buf_printf(w, "--%s %s", o->name, o->arg);
	else
		cs_buf_printf(w, "--%s", o->name);
}

static void verb_usage(const cli_command *cmd, const cli_verb *v, cs_buf *out, int first)
{
	const char *p = v->options ? v->options : "";
	cs_buf word = CS_BUF_INIT;
	spec_item it;
	size_t col, indent;
	int i;
	cs_buf_printf(out, "%s %s [-C DIR]", first ? "usage:" : "      ", cmd->name);
	col = 7 + strlen(cmd->name) + 9;
	indent = 7 + strlen(cmd->name) + 1;
	if (*v->name)
		put_wrapped(out, v->name, &col, indent);
	if (v->operands && *v->operands)
		put_wrapped(out, v->operands, &col, indent);
	while (next_item(&p, &it)) {
		cs_buf_clear(&word);
		cs_buf_puts(&word, it.optional ? "[" : (it.n > 1 ? "(" : ""));
		for (i = 0; i < it.n; i++) {
			const cli_option *o = option_named(cmd, it.names[i], NULL);
			if (!o)
				continue;
			if (i)
				cs_buf_puts(&word, " | ");
			option_usage(o, &word);
		}
		cs_buf_puts(&word, it.optional ? "]" : (it.n > 1 ? ")" : ""));
		if (it.n == 1) {
			const cli_option *o = option_named(cmd, it.names[0], NULL);
			if (o && o->many)
				cs_buf_puts(&word, "...");
		}
		put_wrapped(out, cs_buf_cstr(&word), &col, indent);
	}
	cs_buf_putc(out, '\n');
	cs_buf_free(&word);
}

int cli_synopsis(const cli_command *cmd, const cli_verb *verb, cs_buf *out)
{
	const cli_verb *v;
	int first = 1;
	if (verb) {
		verb_usage(cmd, verb, out, 1);
		return 0;
	}
	for (v = cmd->verbs; v->name; v++, first = 0)
		verb_usage(cmd, v, out, first);
	return 0;
}

static void print_option_help(const cli_option *o)
{
	cs_buf w = CS_BUF_INIT;
	size_t width;
	if (o->letter && o->arg)
		cs_buf_printf(&w, "-%c, --%s %s", o->letter, o->name, o->arg);
	else if (o->letter)
		cs_buf_printf(&w, "-%c, --%s", o->letter, o->name);
	else if (o->arg)
		cs_buf_printf(&w, "    --%s %s", o->name, o->arg);
	else
		cs_buf_printf(&w, "    --%s", o->name);
	width = cs_utf8_width(cs_buf_cstr(&w));
	printf("  %s%*s  %s\n", cs_buf_cstr(&w), width < 24 ? (int)(24 - width) : 0, "",
	       _(o->help));
	cs_buf_free(&w);
}

static void verb_help(const cli_command *cmd, const cli_verb *v, char **ops, int nops)
{
	cs_buf out = CS_BUF_INIT;
	const char *p = v->options ? v->options : "";
	spec_item it;
	int i;
	verb_usage(cmd, v, &out, 1);
	fputs(cs_buf_cstr(&out), stdout);
	printf("\n%s\n", _(v->help));
	if (*p)
		printf("\n%s\n", _("Options:"));
	while (next_item(&p, &it))
		for (i = 0; i < it.n; i++) {
			const cli_option *o = option_named(cmd, it.names[i], NULL);
			if (o)
				print_option_help(o);
		}
	for (i = 0; builtin[i].name; i++)
		print_option_help(&builtin[i]);
	if (cmd->more_help)
		cmd->more_help(cmd, v, ops, nops);
	cs_buf_free(&out);
}

static void command_help(const cli_command *cmd)
{
	cs_buf out = CS_BUF_INIT;
	const cli_verb *v;
	cli_synopsis(cmd, NULL, &out);
	fputs(cs_buf_cstr(&out), stdout);
	printf("\n%s\n", _(cmd->summary));
	if (cmd->verbs[0].name && *cmd->verbs[0].name) {
		printf("\n%s\n", _("Commands:"));
		for (v = cmd->verbs; v->name; v++)
			printf("  %-18s %s\n", v->name, _(v->help));
		printf("\n");
		printf(_("'%s COMMAND --help' shows the options of one command.\n"), cmd->name);
	} else if (cmd->more_help) {
		cmd->more_help(cmd, cmd->verbs, NULL, 0);
	}
	cs_buf_free(&out);
}

/* --- parsing ------------------------------------------------------------ */

static int usage_error(const cli_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_error(const cli_args *a, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", a->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (a->verb && *a->verb->name)
		fprintf(stderr, _("Try '%s %s --help' for more information.\n"), a->cmd->name,
			a->verb->name);
	else
		fprintf(stderr, _("Try '%s --help' for more information.\n"), a->cmd->name);
	return EX_USAGE_;
}

static int add_value(cli_args *a, int idx, const char *v)
{
	const char **grown = realloc(a->values[idx], (a->counts[idx] + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	a->values[idx] = grown;
	grown[a->counts[idx]++] = v;
	return 0;
}

/* The option names of the verb (or all), as "--name", for suggestions;
 * free with free_words(). */
static char **option_words(const cli_command *cmd, const cli_verb *v)
{
	size_t n = count_options(cmd), i, k = 0;
	char **words = calloc(n + 3, sizeof(*words));
	cs_buf b = CS_BUF_INIT;
	if (!words)
		return NULL;
	for (i = 0; i < n; i++) {
		if (v && !cli_verb_takes(v, cmd->options[i].name))
			continue;
		cs_buf_clear(&b);
		cs_buf_printf(&b, "--%s", cmd->options[i].name);
		words[k++] = cs_buf_detach(&b);
	}
	words[k++] = cs_strdup("--help");
	words[k++] = cs_strdup("--version");
	cs_buf_free(&b);
	return words;
}

static void free_words(char **words)
{
	size_t i;
	for (i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}

static int unknown_option(cli_args *a, const char *text)
{
	char name[128], **words = option_words(a->cmd, a->verb), **all = NULL;
	const char *near;
	int st;
	snprintf(name, sizeof(name), "%s", text);
	if (strchr(name, '='))
		*strchr(name, '=') = '\0';
	near = words ? cs_utf8_nearest(name, (const char *const *)words) : NULL;
	if (!near && a->verb && (all = option_words(a->cmd, NULL)))
		near = cs_utf8_nearest(name, (const char *const *)all);
	if (near)
		st = usage_error(a, _("unknown option '%s'; did you mean '%s'?"), name, near);
	else
		st = usage_error(a, _("unknown option '%s'"), name);
	free_words(words);
	free_words(all);
	return st;
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

static int bad_verb(cli_args *a, char **ops, int nops)
{
	const cli_verb *v;
	const char *words[128], *near;
	cs_buf list = CS_BUF_INIT;
	size_t n = 0;
	int st, grouped = nops >= 1 && strchr(a->cmd->verbs[0].name, ' ') == NULL;
	for (v = a->cmd->verbs; v->name && n < 127; v++) {
		const char *sp = strchr(v->name, ' ');
		if (!sp || nops < 1 || !strncmp(v->name, ops[0], (size_t)(sp - v->name)))
			words[n++] = v->name;
		if (sp && nops >= 1 && !strncmp(v->name, ops[0], (size_t)(sp - v->name)) &&
		    strlen(ops[0]) == (size_t)(sp - v->name))
			grouped = 0;
	}
	words[n] = NULL;
	for (n = 0; words[n]; n++)
		cs_buf_printf(&list, "%s%s", n ? ", " : "", words[n]);
	(void)grouped;
	if (nops == 0) {
		st = usage_error(a, _("a command is required: %s"), cs_buf_cstr(&list));
	} else {
		char two[128];
		snprintf(two, sizeof(two), "%s%s%s", ops[0], nops > 1 ? " " : "", nops > 1 ? ops[1] : "");
		near = cs_utf8_nearest(ops[0], words);
		if (!near && nops > 1)
			near = cs_utf8_nearest(two, words);
		if (near)
			st = usage_error(a, _("unknown command '%s'; did you mean '%s'? (%s)"), ops[0],
					 near, cs_buf_cstr(&list));
		else
			st = usage_error(a, _("unknown command '%s' (%s)"), ops[0], cs_buf_cstr(&list));
	}
	cs_buf_free(&list);
	return st;
}

/* A fixed choice "a|b|c": v must be one of them. */
static int check_choice(cli_args *a, const cli_option *o, const char *v)
{
	char buf[512], *tok, *save = NULL;
	const char *words[32], *near;
	size_t n = 0;
	if (!o->values || o->values[0] == '@' || !strchr(o->values, '|'))
		return -1;
	snprintf(buf, sizeof(buf), "%s", o->values);
	for (tok = strtok_r(buf, "|", &save); tok && n < 31; tok = strtok_r(NULL, "|", &save)) {
		if (!strcmp(tok, v))
			return -1;
		words[n++] = tok;
	}
	words[n] = NULL;
	if ((near = cs_utf8_nearest(v, words)))
		return usage_error(a, _("--%s: '%s' is not one of %s; did you mean '%s'?"), o->name, v,
				   o->values, near);
	return usage_error(a, _("--%s: '%s' is not one of %s"), o->name, v, o->values);
}

static int check_verb(cli_args *a)
{
	const cli_verb *v = a->verb;
	const char *p = v->options ? v->options : "";
	spec_item it;
	size_t i, n = count_options(a->cmd);
	int j, st;
	if (a->nops < v->min)
		return usage_error(a, _("%s: %s is required"), *v->name ? v->name : a->cmd->name,
				   v->operands);
	if (v->max >= 0 && a->nops > v->max)
		return usage_error(a, _("unexpected argument '%s'"), a->operands[v->max]);
	for (i = 0; i < n; i++) {
		const cli_option *o = &a->cmd->options[i];
		if (!a->counts[i])
			continue;
		if (!cli_verb_takes(v, o->name))
			return usage_error(a, _("--%s does not apply to '%s'"), o->name,
					   *v->name ? v->name : a->cmd->name);
		if (a->counts[i] > 1 && !o->many)
			return usage_error(a, _("--%s is given more than once"), o->name);
		for (j = 0; j < (int)a->counts[i]; j++)
			if ((st = check_choice(a, o, a->values[i][j])) >= 0)
				return st;
	}
	while (next_item(&p, &it)) {
		int given = 0, idx;
		cs_buf names = CS_BUF_INIT;
		for (j = 0; j < it.n; j++) {
			if (option_named(a->cmd, it.names[j], &idx) && a->counts[idx])
				given++;
			cs_buf_printf(&names, "%s--%s", j ? (j == it.n - 1 ? " or " : ", ") : "",
				      it.names[j]);
		}
		st = -1;
		if (!it.optional && !given)
			st = usage_error(a, it.n > 1 ? _("one of %s is required")
					 : _("%s is required"), cs_buf_cstr(&names));
		else if (it.n > 1 && given > 1)
			st = usage_error(a, _("give only one of %s"), cs_buf_cstr(&names));
		cs_buf_free(&names);
		if (st >= 0)
			return st;
	}
	return -1;
}

int cli_complete(const cli_command *cmd, int argc, char **argv);

int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a)
{
	size_t n = count_options(cmd), i, nb;
	struct option *longs = NULL;
	cs_buf shorts = CS_BUF_INIT;
	int c, idx, help = 0, version = 0, used, st = -1;
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	if (argc >= 2 && !strcmp(argv[1], "--complete"))
		return cli_complete(cmd, argc - 2, argv + 2);
	if (argc == 2 && !strcmp(argv[1], "--usage")) {
		/* the SYNOPSIS the man page must match (tests/cmd/docs.sh) */
		cs_buf out = CS_BUF_INIT;
		cli_synopsis(cmd, NULL, &out);
		fputs(cs_buf_cstr(&out), stdout);
		cs_buf_free(&out);
		return 0;
	}
	if (n + 3 > CLI_MAX_OPTS || !(longs = calloc(n + 4, sizeof(*longs))))
		return cli_fail(CS_ENOMEM);
	cs_buf_puts(&shorts, "-:C:h");
	for (i = 0; i < n; i++) {
		longs[i].name = cmd->options[i].name;
		longs[i].has_arg = cmd->options[i].arg ? required_argument : no_argument;
		longs[i].val = 1000 + (int)i;
		if (cmd->options[i].letter)
			cs_buf_printf(&shorts, "%c%s", cmd->options[i].letter,
				      cmd->options[i].arg ? ":" : "");
	}
	for (nb = 1; builtin[nb].name; nb++, i++) {
		longs[i].name = builtin[nb].name;
		longs[i].has_arg = no_argument;
		longs[i].val = builtin[nb].letter ? builtin[nb].letter : 'V';
	}
	opterr = 0;
	optind = 1;
	while (st < 0 && (c = getopt_long(argc, argv, cs_buf_cstr(&shorts), longs, &idx)) != -1) {
		if (c == 1) {
			if (a->nops == CLI_MAX_OPERANDS)
				st = usage_error(a, _("too many arguments"));
			else
				a->operands[a->nops++] = optarg;
		} else if (c >= 1000) {
			if (add_value(a, c - 1000, optarg ? optarg : "") < 0)
				st = cli_fail(CS_ENOMEM);
		} else if (c == 'C') {
			a->dir = optarg;
		} else if (c == 'h') {
			help = 1;
		} else if (c == 'V') {
			version = 1;
		} else if (c == ':') {
			st = usage_error(a, _("option '%s' needs a value"), argv[optind - 1]);
		} else if (c == '?') {
			if (optopt && optopt < 1000) {
				char s[3] = { '-', (char)optopt, 0 };
				st = unknown_option(a, s);
			} else {
				st = unknown_option(a, argv[optind - 1]);
			}
		} else {
			int oi;
			for (oi = 0; oi < (int)n; oi++)
				if (cmd->options[oi].letter == c && add_value(a, oi, optarg ? optarg : "") < 0)
					st = cli_fail(CS_ENOMEM);
		}
	}
	while (st < 0 && optind < argc && a->nops < CLI_MAX_OPERANDS)
		a->operands[a->nops++] = argv[optind++];
	free(longs);
	cs_buf_free(&shorts);
	if (st >= 0)
		return st;
	a->verb = find_verb(cmd, a->operands, a->nops, &used);
	if (help) {
		if (a->verb)
			verb_help(cmd, a->verb, a->operands + used, a->nops - used);
		else
			command_help(cmd);
		return 0;
	}
	if (version)
		return cli_version();
	if (!a->verb)
		return bad_verb(a, a->operands, a->nops);
	memmove(a->operands, a->operands + used, (size_t)(a->nops - used) * sizeof(char *));
	a->nops -= used;
	return check_verb(a);
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
	if (!option_named(a->cmd, name, &idx)) {
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
