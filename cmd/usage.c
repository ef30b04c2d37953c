/* Usage, the synopsis and the help of a command and of its verbs, from
 * its option table. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "opts.h"
#include "utf8.h"

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
		cs_buf_printf(w, "-%c | --%s", o->letter, o->name);
	else if (o->arg)
		cs_buf_printf(w, "--%s %s", o->name, o->arg);
	else
		cs_buf_printf(w, "--%s", o->name);
}

/* One verb's synopsis after label ("usage: "), or, with label NULL, indented
 * as far as a line after one that begins with pad. */
static void verb_usage(const cli_command *cmd, const cli_verb *v, cs_buf *out, const char *label,
		       const char *pad)
{
	const char *p = v->options ? v->options : "";
	cs_buf word = CS_BUF_INIT;
	cli_spec_item it;
	size_t col, indent;
	int i;
	size_t lw = cs_utf8_width(pad);
	if (label)
		cs_buf_printf(out, "%s%s [-C DIR]", label, cmd->name);
	else
		cs_buf_printf(out, "%*s%s [-C DIR]", (int)lw, "", cmd->name);
	col = lw + strlen(cmd->name) + 9;
	indent = lw + strlen(cmd->name) + 1;
	if (*v->name)
		put_wrapped(out, v->name, &col, indent);
	if (v->operands && *v->operands)
		put_wrapped(out, v->operands, &col, indent);
	while (cli_spec_next(&p, &it)) {
		cs_buf_clear(&word);
		cs_buf_puts(&word, it.optional ? "[" : (it.n > 1 ? "(" : ""));
		for (i = 0; i < it.n; i++) {
			const cli_option *o = cli_option_named(cmd, it.names[i], NULL);
			if (!o)
				continue;
			if (i)
				cs_buf_puts(&word, " | ");
			option_usage(o, &word);
		}
		cs_buf_puts(&word, it.optional ? "]" : (it.n > 1 ? ")" : ""));
		if (it.n == 1) {
			const cli_option *o = cli_option_named(cmd, it.names[0], NULL);
			if (o && o->many)
				cs_buf_puts(&word, "...");
		}
		put_wrapped(out, cs_buf_cstr(&word), &col, indent);
	}
	cs_buf_putc(out, '\n');
	cs_buf_free(&word);
}

int cli_synopsis(const cli_command *cmd, const cli_verb *verb, int translated, cs_buf *out)
{
	const char *label = translated ? _("usage: ") : "usage: ";
	const cli_verb *v;
	if (verb) {
		verb_usage(cmd, verb, out, label, label);
		return 0;
	}
	for (v = cmd->verbs; v->name; v++)
		verb_usage(cmd, v, out, v == cmd->verbs ? label : NULL, label);
	return 0;
}

static void print_option_help(const cli_option *o)
{
	cs_buf w = CS_BUF_INIT;
	size_t width;
	if (o->letter && o->arg && strlen(o->name) == 1)
		cs_buf_printf(&w, "-%c %s", o->letter, o->arg);
	else if (o->letter && o->arg)
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

void cli_verb_help(const cli_command *cmd, const cli_verb *v, char **ops, int nops)
{
	cs_buf out = CS_BUF_INIT;
	const char *p = v->options ? v->options : "";
	cli_spec_item it;
	int i;
	cli_synopsis(cmd, v, 1, &out);
	fputs(cs_buf_cstr(&out), stdout);
	printf("\n%s\n", _(v->help));
	if (*p)
		printf("\n%s\n", _("Options:"));
	while (cli_spec_next(&p, &it))
		for (i = 0; i < it.n; i++) {
			const cli_option *o = cli_option_named(cmd, it.names[i], NULL);
			if (o)
				print_option_help(o);
		}
	for (i = 0; cli_builtin[i].name; i++)
		print_option_help(&cli_builtin[i]);
	if (cmd->more_help)
		cmd->more_help(cmd, v, ops, nops);
	cs_buf_free(&out);
}

void cli_command_help(const cli_command *cmd)
{
	cs_buf out = CS_BUF_INIT;
	const cli_verb *v;
	cli_synopsis(cmd, NULL, 1, &out);
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


/* --- usage errors, with what is valid ------------------------------------ */

int cli_usage_error(const cli_args *a, const char *fmt, ...)
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

/* The option names of the verb (or all), as "--name", for suggestions;
 * free with free_words(). */
static char **option_words(const cli_command *cmd, const cli_verb *v)
{
	size_t n = 0, i, k = 0;
	char **words;
	while (cmd->options[n].name)
		n++;
	words = calloc(n + 3, sizeof(*words));
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

int cli_unknown_option(cli_args *a, const char *text)
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
		st = cli_usage_error(a, _("unknown option '%s'; did you mean '%s'?"), name, near);
	else
		st = cli_usage_error(a, _("unknown option '%s'"), name);
	free_words(words);
	free_words(all);
	return st;
}

/* The verbs to offer: every verb's first word once ("office", "pair"), or,
 * when ops[0] names a group of verbs ("office add", "office list"), the
 * group's verbs. Returns how many are in words (at most max - 1, NULL-ended). */
static size_t verb_words(const cli_command *cmd, char **ops, int nops, const char **words,
			 char (*heads)[32], size_t max)
{
	const cli_verb *v;
	size_t n = 0, i, len;
	for (v = cmd->verbs; v->name && n + 1 < max; v++) {
		const char *sp = strchr(v->name, ' ');
		if (sp && nops >= 1 && strlen(ops[0]) == (size_t)(sp - v->name) &&
		    !strncmp(v->name, ops[0], (size_t)(sp - v->name)))
			words[n++] = v->name;
	}
	if (n) {
		words[n] = NULL;
		return n;
	}
	for (v = cmd->verbs; v->name && n + 1 < max; v++) {
		const char *sp = strchr(v->name, ' ');
		len = sp ? (size_t)(sp - v->name) : strlen(v->name);
		if (len >= sizeof(heads[0]))
			continue;
		for (i = 0; i < n && (strlen(words[i]) != len || strncmp(words[i], v->name, len)); i++)
			;
		if (i < n)
			continue;
		memcpy(heads[n], v->name, len);
		heads[n][len] = '\0';
		words[n] = heads[n];
		n++;
	}
	words[n] = NULL;
	return n;
}

int cli_bad_verb(cli_args *a, char **ops, int nops)
{
	const char *words[128], *near;
	char heads[128][32];
	cs_buf list = CS_BUF_INIT;
	size_t n;
	int st;
	verb_words(a->cmd, ops, nops, words, heads, 128);
	for (n = 0; words[n]; n++)
		cs_buf_printf(&list, "%s%s", n ? ", " : "", words[n]);
	if (nops == 0) {
		st = cli_usage_error(a, _("a command is required: %s"), cs_buf_cstr(&list));
	} else {
		const char *name = ops[0];
		char two[128];
		snprintf(two, sizeof(two), "%s%s%s", ops[0], nops > 1 ? " " : "", nops > 1 ? ops[1] : "");
		if (words[0] && strchr(words[0], ' ') && nops > 1)
			name = two; /* a group named, its verb unknown: "office frob" */
		near = cs_utf8_nearest(name, words);
		if (near)
			st = cli_usage_error(a, _("unknown command '%s'; did you mean '%s'? (%s)"), name,
					 near, cs_buf_cstr(&list));
		else
			st = cli_usage_error(a, _("unknown command '%s' (%s)"), name, cs_buf_cstr(&list));
	}
	cs_buf_free(&list);
	return st;
}

/* A fixed choice "a|b|c": v must be one of them. */
int cli_check_choice(cli_args *a, const cli_option *o, const char *v)
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
		return cli_usage_error(a, _("--%s: '%s' is not one of %s; did you mean '%s'?"), o->name, v,
				   o->values, near);
	return cli_usage_error(a, _("--%s: '%s' is not one of %s"), o->name, v, o->values);
}

