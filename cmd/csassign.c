/* csassign: the directory (offices, firms, lawyers, communities, signing
 * keys) and the pairings of lawyers with communities (DESIGN 5, 7; Art 5, 17). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "directory.h"
#include "error.h"
#include "keys.h"
#include "opts.h"
#include "pairing.h"
#include "record.h"
#include "roster.h"
#include "write.h"

static const cli_option options[] = {
	{ "name", 0, "NAME", 0, NULL, N_("the name, in Chinese (王丽, 新桥社区)") },
	{ "phone", 0, "P", 0, NULL, N_("a phone number (021-62301188, 13900001001)") },
	{ "address", 0, "A", 0, NULL, N_("the address") },
	{ "firm", 0, "FIRM", 0, "@firm", N_("the lawyer's law firm (slug)") },
	{ "email", 0, "E", 0, NULL, N_("an e-mail address") },
	{ "licence", 0, "NO", 0, NULL, N_("the lawyer's licence number") },
	{ "photo", 0, "PATH", 0, "@file", N_("the path of the lawyer's photo") },
	{ "office", 0, "OFFICE", 0, "@office", N_("the community's judicial office (slug)") },
	{ "head", 0, "NAME", 1, NULL, N_("a head of the community who may sign the log") },
	{ "workroom", 0, "ADDR", 0, NULL, N_("the lawyer's workroom in the community") },
	{ "lawyer", 0, "L", 0, "@lawyer", N_("the lawyer (slug or name)") },
	{ "community", 0, "C", 0, "@community", N_("the community (slug or name)") },
	{ "from", 0, "DATE", 0, "@date", N_("the pairing's first day") },
	{ "schedule", 0, "S", 0, NULL, N_("the weekly half day, like 'Wed 14:00-17:30'") },
	{ "place", 0, "PLACE", 0, NULL, N_("where the lawyer serves") },
	{ "agreement", 0, "NO", 0, NULL, N_("the service agreement's number (Art 5(1))") },
	{ "agreement-date", 0, "DATE", 0, "@date", N_("the day the agreement was signed") },
	{ "effective", 0, "DATE", 0, "@date", N_("the day the change takes effect") },
	{ "filed", 0, "DATE", 0, "@date", N_("the day the firm filed the change (Art 17)") },
	{ "reason", 0, "TEXT", 0, NULL, N_("why") },
	{ "approved-by", 0, "NAME", 0, NULL, N_("who in the group approved an exception (Art 17)") },
	{ "outcome", 0, "O", 0, "applied|refused", N_("applied (default), or refused: record "
						      "a change the group refused") },
	{ "on", 0, "DATE", 0, "@date", N_("the day: the pairing's last day (end); the day asked about, default today (who)") },
	{ "key", 0, "FILE", 0, "@file", N_("the SSH public key file (.pub)") },
	{ "role", 0, "R", 0, "head|clerk|lawyer", N_("whose key it is (default: from the directory)") },
	{ "slug", 0, "SLUG", 0, NULL, N_("the key record's slug (default: from the name)") },
	{ "format", 0, "F", 0, "text|yaml|json|csv|md|html", N_("the output format") },
	{ NULL, 0, NULL, 0, NULL, NULL }
};

static const cli_verb verbs[] = {
	{ "office add", "SLUG", 1, 1, NULL, "name [phone] [address]", N_("add a judicial office") },
	{ "office list", "", 0, 0, NULL, "[format]", N_("list the judicial offices") },
	{ "office show", "SLUG", 1, 1, "@office", "[format]", N_("show a judicial office") },
	{ "firm add", "SLUG", 1, 1, NULL, "name [phone] [address]", N_("add a law firm") },
	{ "firm list", "", 0, 0, NULL, "[format]", N_("list the law firms") },
	{ "firm show", "SLUG", 1, 1, "@firm", "[format]", N_("show a law firm") },
	{ "lawyer add", "SLUG", 1, 1, NULL, "name firm [phone] [email] [licence] [photo]",
	  N_("add a lawyer") },
	{ "lawyer list", "", 0, 0, NULL, "[format]", N_("list the lawyers") },
	{ "lawyer show", "SLUG", 1, 1, "@lawyer", "[format]", N_("show a lawyer") },
	{ "community add", "SLUG", 1, 1, NULL, "name office head [workroom]",
	  N_("add a community with the heads who may sign") },
	{ "community list", "", 0, 0, NULL, "[format]", N_("list the communities") },
	{ "community show", "SLUG", 1, 1, "@community", "[format]", N_("show a community") },
	{ "key add", "NAME", 1, 1, "@head", "key [role] [slug]",
	  N_("register the SSH key a head, clerk or lawyer signs with") },
	{ "key list", "", 0, 0, NULL, "[format]", N_("list the registered keys") },
	{ "pair", "", 0, 0, NULL, "lawyer community from schedule place agreement [agreement-date]",
	  N_("pair a lawyer with a community (Art 5(1))") },
	{ "change", "ASSIGNMENT", 1, 1, "@assignment",
	  "lawyer|schedule|community effective filed reason [approved-by] [outcome]",
	  N_("change a pairing's lawyer, schedule or community (Art 17)") },
	{ "end", "ASSIGNMENT", 1, 1, "@assignment", "on reason", N_("end a pairing") },
	{ "who", "[COMMUNITY]", 0, 1, "@community", "[on] [format]",
	  N_("who serves where on a day") },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL }
};

static const cli_command csassign = { "csassign", N_("The directory and the pairings of lawyers "
				      "with communities."), options, verbs, NULL };

struct run {
	cli_args args;
	cs_store *store;
	cs_snapshot *snap;
	cs_time now;
};

static const char *arg(struct run *r, const char *name)
{
	return cli_arg(&r->args, name);
}

static const char *noun(struct run *r)
{
	static char kind[32];
	const char *sp = strchr(r->args.verb->name, ' ');
	snprintf(kind, sizeof(kind), "%.*s", sp ? (int)(sp - r->args.verb->name) : 0,
		 r->args.verb->name);
	return kind;
}

static int print(struct run *r, const cs_node *recs, cs_table *t)
{
	cs_buf out = CS_BUF_INIT;
	cs_format f = CS_FMT_TEXT;
	int error;
	if (arg(r, "format"))
		cs_format_parse(arg(r, "format"), &f);
	if (f == CS_FMT_JSON || f == CS_FMT_YAML)
		error = cli_tree(&out, recs, f);
	else if (t)
		error = cs_table_render(t, f, &out);
	else if (f == CS_FMT_TEXT)
		error = cli_tree(&out, recs, CS_FMT_YAML);
	else
		error = cs_error_set(CS_EUSAGE, "--format: show prints text, yaml or json");
	if (!error && cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
	cs_buf_free(&out);
	return error;
}

/* A slug or name given for kind, as its slug. */
static int slug_of(struct run *r, const char *kind, const char *opt, const char **slug)
{
	return cs_snapshot_resolve(r->snap, kind, arg(r, opt), slug);
}

static int entry_add(struct run *r)
{
	cs_roster_entry e;
	int error;
	memset(&e, 0, sizeof(e));
	e.kind = noun(r);
	e.slug = r->args.operands[0];
	e.name = arg(r, "name");
	e.phone = arg(r, "phone");
	e.address = arg(r, "address");
	e.email = arg(r, "email");
	e.licence = arg(r, "licence");
	e.photo = arg(r, "photo");
	e.workroom = arg(r, "workroom");
	e.heads = cli_args_of(&r->args, "head", &e.nheads);
	if ((arg(r, "firm") && (error = slug_of(r, "firm", "firm", &e.firm)) < 0) ||
	    (arg(r, "office") && (error = slug_of(r, "office", "office", &e.office)) < 0) ||
	    (error = cs_roster_add(r->store, &e)) < 0)
		return error;
	printf("%s\n", e.slug);
	return 0;
}

/* The headings of the lists, for xgettext. */
static const char *const headings[] __attribute__((unused)) = {
	N_("id"), N_("name"), N_("firm"), N_("phone"), N_("office"), N_("heads"), N_("role"),
	N_("fingerprint"),
};

static const char *heading(const char *key)
{
	return _(key);
}

static int entry_list(struct run *r)
{
	cs_node *all = NULL;
	cs_table t;
	int error;
	cs_table_init(&t);
	if ((error = cs_dir_load_all(r->store, NULL, cs_kind_find(noun(r))->dir, &all)) == 0 &&
	    (error = cs_roster_table(noun(r), all, heading, &t)) == 0)
		error = print(r, all, &t);
	cs_node_free(all);
	cs_table_free(&t);
	return error;
}

static int entry_show(struct run *r)
{
	cs_node *rec = NULL;
	const char *slug;
	int error = cs_snapshot_resolve(r->snap, noun(r), r->args.operands[0], &slug);
	if (!error)
		error = cs_dir_get(r->store, NULL, noun(r), slug, &rec);
	if (!error)
		error = print(r, rec, NULL);
	cs_node_free(rec);
	return error;
}

static int key_add(struct run *r)
{
	cs_key_spec k = { r->args.operands[0], arg(r, "role"), arg(r, "slug"), NULL, arg(r, "key") };
	cs_buf text = CS_BUF_INIT, slug = CS_BUF_INIT;
	int error;
	if (k.slug && !cs_slug_valid(k.slug))
		return cs_error_set(CS_EUSAGE, "--slug: '%s' is not a slug: lower-case letters a-z, "
				    "digits and '-', like wang-li", k.slug);
	if ((error = cs_buf_read_file(&text, arg(r, "key"), 64 * 1024)) < 0)
		goto cleanup;
	k.key = cs_buf_cstr(&text);
	if ((error = cs_key_add(r->store, &k, &r->now, &slug)) == 0)
		printf("%s\n", cs_buf_cstr(&slug));
cleanup:
	cs_buf_free(&text);
	cs_buf_free(&slug);
	return error;
}

static int date_opt(const char *opt, const char *s)
{
	cs_day d;
	if (s && cs_date_parse(s, &d) < 0)
		return cs_error_set(CS_EUSAGE, "--%s: '%s' is not a date YYYY-MM-DD, like 2026-10-15",
				    opt, s);
	return 0;
}

static int schedule_opt(const char *s)
{
	int wd, from, to;
	if (s && cs_schedule_parse(s, &wd, &from, &to) < 0)
		return cs_error_set(CS_EUSAGE, "--schedule: '%s' is not a weekly schedule like "
				    "'Wed 14:00-17:30'", s);
	return 0;
}

static int pair(struct run *r)
{
	cs_pair_spec p;
	cs_buf id = CS_BUF_INIT;
	int error;
	memset(&p, 0, sizeof(p));
	if ((error = date_opt("from", arg(r, "from"))) < 0 ||
	    (error = date_opt("agreement-date", arg(r, "agreement-date"))) < 0 ||
	    (error = schedule_opt(arg(r, "schedule"))) < 0 ||
	    (error = slug_of(r, "lawyer", "lawyer", &p.lawyer)) < 0 ||
	    (error = slug_of(r, "community", "community", &p.community)) < 0)
		goto cleanup;
	p.from = arg(r, "from");
	p.schedule = arg(r, "schedule");
	p.place = arg(r, "place");
	p.agreement = arg(r, "agreement");
	p.agreement_date = arg(r, "agreement-date");
	if ((error = cs_pairing_add(r->store, &p, &id)) == 0)
		printf("%s\n", cs_buf_cstr(&id));
cleanup:
	cs_buf_free(&id);
	return error;
}

static int change(struct run *r)
{
	cs_change_spec c;
	cs_buf id = CS_BUF_INIT;
	int error;
	memset(&c, 0, sizeof(c));
	if ((error = date_opt("effective", arg(r, "effective"))) < 0 ||
	    (error = date_opt("filed", arg(r, "filed"))) < 0 ||
	    (error = cli_reason(arg(r, "reason"))) < 0 ||
	    (error = schedule_opt(arg(r, "schedule"))) < 0 ||
	    (arg(r, "lawyer") && (error = slug_of(r, "lawyer", "lawyer", &c.lawyer)) < 0) ||
	    (arg(r, "community") && (error = slug_of(r, "community", "community", &c.community)) < 0))
		goto cleanup;
	c.schedule = arg(r, "schedule");
	c.effective = arg(r, "effective");
	c.filed = arg(r, "filed");
	c.reason = arg(r, "reason");
	c.approved_by = arg(r, "approved-by");
	c.refused = arg(r, "outcome") && !strcmp(arg(r, "outcome"), "refused");
	if ((error = cs_pairing_change(r->store, r->args.operands[0], &c, &r->now, &id)) == 0)
		printf("%s\n", cs_buf_cstr(&id));
cleanup:
	cs_buf_free(&id);
	return error;
}

static int end(struct run *r)
{
	cs_buf id = CS_BUF_INIT;
	int error;
	if ((error = date_opt("on", arg(r, "on"))) == 0 &&
	    (error = cli_reason(arg(r, "reason"))) == 0 &&
	    (error = cs_pairing_end(r->store, r->args.operands[0], arg(r, "on"), arg(r, "reason"),
				    &id)) == 0)
		printf("%s\n", cs_buf_cstr(&id));
	cs_buf_free(&id);
	return error;
}

static int who(struct run *r)
{
	const char *community = NULL, *on = arg(r, "on");
	cs_table t;
	cs_day day = r->now.day;
	size_t i;
	int error = 0;
	cs_table_init(&t);
	if ((error = date_opt("on", on)) < 0 ||
	    (r->args.nops && (error = cs_snapshot_resolve(r->snap, "community", r->args.operands[0],
						       &community)) < 0))
		goto cleanup;
	if (on)
		cs_date_parse(on, &day);
	{
		static const char *const cols[][2] = {
			{ "id", N_("pairing") }, { "community", N_("community") },
			{ "community_name", N_("community name") }, { "lawyer", N_("lawyer") },
			{ "lawyer_name", N_("lawyer name") }, { "firm", N_("firm") },
			{ "schedule", N_("schedule") }, { "place", N_("place") }, { "from", N_("from") },
			{ "to", N_("to") } };
		for (i = 0; i < 10; i++)
			cs_table_col(&t, cols[i][0], _(cols[i][1]), 0);
	}
	for (i = 0; i < cs_snapshot_count(r->snap, "assignment") && !error; i++) {
		const cs_node *p = cs_snapshot_record(r->snap, "assignment", i);
		const char *pc = cs_node_get_str(p, "community"), *pl = cs_node_get_str(p, "lawyer");
		const cs_node *c = cs_snapshot_find(r->snap, "community", pc);
		const cs_node *l = cs_snapshot_find(r->snap, "lawyer", pl);
		const char *cells[10] = { cs_node_get_str(p, "id"), pc,
			c ? cs_node_get_str(c, "name") : NULL, pl, l ? cs_node_get_str(l, "name") : NULL,
			cs_node_get_str(p, "firm"), cs_node_get_str(p, "schedule"),
			cs_node_get_str(p, "place"), cs_node_get_str(p, "from"), cs_node_get_str(p, "to") };
		if (!cs_pairing_active_on(p, day) || (community && (!pc || strcmp(pc, community))))
			continue;
		error = cs_table_row(&t, cells);
	}
	if (!error) {
		cs_node *none = cs_table_tree(&t);
		error = print(r, none, &t);
		cs_node_free(none);
	}
cleanup:
	cs_table_free(&t);
	return error;
}

static int dispatch(struct run *r)
{
	const char *v = r->args.verb->name;
	size_t n = strlen(v);
	if (n > 4 && !strcmp(v + n - 4, " add"))
		return !strcmp(v, "key add") ? key_add(r) : entry_add(r);
	if (n > 5 && !strcmp(v + n - 5, " list"))
		return entry_list(r);
	if (n > 5 && !strcmp(v + n - 5, " show"))
		return entry_show(r);
	if (!strcmp(v, "pair"))
		return pair(r);
	if (!strcmp(v, "change"))
		return change(r);
	if (!strcmp(v, "end"))
		return end(r);
	return who(r);
}

int main(int argc, char **argv)
{
	struct run r;
	int status, error;
	memset(&r, 0, sizeof(r));
	cli_init("csassign");
	if ((status = cli_parse(&csassign, argc, argv, &r.args)) >= 0)
		goto done;
	if ((error = cs_now(&r.now)) < 0) {
		status = cli_status(error, r.args.verb);
		goto done;
	}
	if ((status = cli_open(&r.store, r.args.dir)) != 0)
		goto done;
	if ((error = cs_snapshot_load_directory(&r.snap, r.store, NULL)) == 0)
		error = dispatch(&r);
	status = error < 0 ? cli_status(error, r.args.verb) : 0;
done:
	cs_snapshot_free(r.snap);
	cs_store_free(r.store);
	cli_args_free(&r.args);
	cs_record_cleanup();
	return status;
}
