/* cmd --complete WORD...: the candidates for the last word, from the
 * command's table and the store (the shells' completion files call it). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "error.h"
#include "opts.h"
#include "record.h"
#include "yaml.h"

struct out {
	const char *prefix;
	size_t n;
};

static void emit(struct out *o, const char *word)
{
	if (word && !strncmp(word, o->prefix, strlen(o->prefix))) {
		printf("%s\n", word);
		o->n++;
	}
}

static const cli_option *option_of(const cli_command *cmd, const char *word)
{
	size_t i;
	if (strncmp(word, "--", 2))
		return NULL;
	for (i = 0; cmd->options[i].name; i++)
		if (!strcmp(cmd->options[i].name, word + 2))
			return &cmd->options[i];
	return NULL;
}

struct names {
	struct out *o;
	int unsigned_only, pass;
};

static int emit_base(void *ctx, const char *path, const char *data, size_t len)
{
	struct names *nm = ctx;
	const char *base = strrchr(path, '/');
	char id[64];
	size_t n;
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n <= 5 || n - 5 >= sizeof(id) || strcmp(base + n - 5, ".yaml"))
		return 0;
	memcpy(id, base, n - 5);
	id[n - 5] = '\0';
	if (nm->unsigned_only) {
		/* sign: the unsigned entries first, then the others */
		int is_signed = memmem(data, len, "\nsigned_by:", 11) != NULL ||
				memmem(data, len, "\nvoided_at:", 11) != NULL;
		if (is_signed != (nm->pass == 1))
			return 0;
	}
	emit(nm->o, id);
	return 0;
}

static void walk_names(cs_store *s, const char *dir, struct out *o, int unsigned_first)
{
	struct names nm = { o, unsigned_first, 0 };
	for (nm.pass = 0; nm.pass < (unsigned_first ? 2 : 1); nm.pass++)
		cs_store_walk(s, NULL, dir, emit_base, &nm);
	cs_error_clear();
}

static int emit_heads(void *ctx, const char *path, const char *data, size_t len)
{
	cs_node *rec = NULL, *heads;
	size_t i;
	if (cs_yaml_load(&rec, data, len, path) < 0) {
		cs_error_clear();
		return 0;
	}
	heads = rec ? cs_node_get(rec, "heads") : NULL;
	for (i = 0; heads && heads->type == CS_NODE_SEQ && i < heads->count; i++)
		if (heads->items[i]->type == CS_NODE_SCALAR)
			emit(ctx, heads->items[i]->str);
	cs_node_free(rec);
	return 0;
}

static void files(const char *prefix, struct out *o, int dirs_only)
{
	char dir[4096];
	const char *slash = strrchr(prefix, '/');
	struct dirent *e;
	DIR *d;
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - prefix + 1), prefix);
	else
		dir[0] = '\0';
	if (!(d = opendir(*dir ? dir : ".")))
		return;
	while ((e = readdir(d))) {
		char word[4096 + 256];
		if (e->d_name[0] == '.' && (!slash ? prefix[0] != '.' : slash[1] != '.'))
			continue;
		if (dirs_only && e->d_type != DT_DIR && e->d_type != DT_UNKNOWN)
			continue;
		snprintf(word, sizeof(word), "%s%s%s", dir, e->d_name, e->d_type == DT_DIR ? "/" : "");
		emit(o, word);
	}
	closedir(d);
}

static void values(const char *spec, const char *dir, int sign, struct out *o)
{
	static const char *const plural[][2] = {
		{ "@community", "records/communities" }, { "@lawyer", "records/lawyers" },
		{ "@office", "records/offices" }, { "@firm", "records/firms" },
		{ "@assignment", "records/assignments" }, { "@key", "records/keys" },
	};
	cs_store *s = NULL;
	size_t i;
	if (!spec)
		return;
	if (spec[0] != '@') {
		char buf[512], *tok, *save = NULL;
		snprintf(buf, sizeof(buf), "%s", spec);
		for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
			emit(o, tok);
		return;
	}
	if (!strcmp(spec, "@file") || !strcmp(spec, "@dir")) {
		files(o->prefix, o, !strcmp(spec, "@dir"));
		return;
	}
	if (!strcmp(spec, "@kind")) {
		const cs_kind *k;
		for (k = cs_kinds(); k->name; k++)
			if (k->family == CS_KIND_LOG || k->family == CS_KIND_MEETING)
				emit(o, k->name);
		return;
	}
	if (!strcmp(spec, "@rule")) {
		const char *const *r;
		for (r = cs_rule_ids(); *r; r++)
			emit(o, *r);
		return;
	}
	if (!strcmp(spec, "@date") || !strcmp(spec, "@month")) {
		cs_time now;
		char d[11];
		if (cs_now(&now) < 0)
			return;
		cs_date_format(now.day, d);
		if (!strcmp(spec, "@month"))
			d[7] = '\0';
		emit(o, d);
		return;
	}
	if (cs_store_open(&s, dir) < 0) {
		cs_error_clear();
		return;
	}
	for (i = 0; i < sizeof(plural) / sizeof(plural[0]); i++)
		if (!strcmp(spec, plural[i][0]))
			walk_names(s, plural[i][1], o, 0);
	if (!strcmp(spec, "@head")) {
		cs_store_walk(s, NULL, "records/communities", emit_heads, o);
		cs_error_clear();
	}
	if (!strcmp(spec, "@log-id")) {
		walk_names(s, "records/log", o, sign);
		walk_names(s, "records/meetings", o, sign);
	}
	cs_store_free(s);
}

int cli_complete(const cli_command *cmd, int argc, char **argv)
{
	const cli_verb *verb = NULL, *v;
	const char *cur = argc > 0 ? argv[argc - 1] : "", *dir = NULL;
	const cli_option *prev = NULL;
	char *words[64];
	int nwords = 0, i;
	struct out o = { cur, 0 };
	for (i = 0; i < argc - 1; i++) {
		const cli_option *opt = option_of(cmd, argv[i]);
		if (!strcmp(argv[i], "-C") && i + 1 < argc - 1) {
			dir = argv[++i];
			continue;
		}
		if (opt && opt->arg && !strchr(argv[i], '=')) {
			if (i + 1 == argc - 1)
				prev = opt;
			i++;
			continue;
		}
		if (argv[i][0] != '-' && nwords < 64)
			words[nwords++] = argv[i];
	}
	if (argc >= 2 && !strcmp(argv[argc - 2], "-C")) {
		files(cur, &o, 1);
		return 0;
	}
	if (!cmd->verbs[0].name || !*cmd->verbs[0].name)
		verb = cmd->verbs;
	for (v = cmd->verbs; !verb && v->name; v++) {
		char two[128];
		snprintf(two, sizeof(two), "%s %s", nwords > 0 ? words[0] : "", nwords > 1 ? words[1] : "");
		if ((nwords >= 2 && !strcmp(v->name, two)) ||
		    (!strchr(v->name, ' ') && nwords >= 1 && !strcmp(v->name, words[0])))
			verb = v;
	}
	if (prev) {
		values(prev->values, dir, 0, &o);
	} else if (cur[0] == '-') {
		for (i = 0; cmd->options[i].name; i++) {
			char w[64];
			if (verb && !cli_verb_takes(verb, cmd->options[i].name))
				continue;
			snprintf(w, sizeof(w), "--%s", cmd->options[i].name);
			emit(&o, w);
		}
		emit(&o, "--help");
	} else if (!verb) {
		for (v = cmd->verbs; v->name; v++) {
			const char *sp = strchr(v->name, ' ');
			char w[64];
			if (nwords == 0) {
				snprintf(w, sizeof(w), "%.*s", sp ? (int)(sp - v->name) : (int)strlen(v->name),
					 v->name);
				if (v == cmd->verbs || strncmp(w, v[-1].name, strlen(w)) ||
				    (v[-1].name[strlen(w)] != ' ' && v[-1].name[strlen(w)]))
					emit(&o, w);
			} else if (sp && nwords == 1 && !strncmp(v->name, words[0], (size_t)(sp - v->name)) &&
				   strlen(words[0]) == (size_t)(sp - v->name)) {
				emit(&o, sp + 1);
			}
		}
	} else {
		int ops = nwords - (strchr(verb->name, ' ') ? 2 : (*verb->name ? 1 : 0));
		if (verb->max < 0 || ops < verb->max)
			values(verb->operand_values, dir, !strcmp(verb->name, "sign"), &o);
	}
	return 0;
}
