/* csassign: the directory (offices, firms, lawyers, communities) and the
 * pairings of lawyers with communities (DESIGN 5, Art 5, 17). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "directory.h"
#include "error.h"
#include "params.h"
#include "record.h"
#include "write.h"
#include "yaml.h"

enum {
	O_NAME = 1 << 0, O_PHONE = 1 << 1, O_ADDRESS = 1 << 2, O_FIRM = 1 << 3,
	O_EMAIL = 1 << 4, O_LICENCE = 1 << 5, O_PHOTO = 1 << 6, O_OFFICE = 1 << 7,
	O_HEAD = 1 << 8, O_WORKROOM = 1 << 9, O_LAWYER = 1 << 10, O_COMMUNITY = 1 << 11,
	O_FROM = 1 << 12, O_SCHEDULE = 1 << 13, O_PLACE = 1 << 14, O_AGREEMENT = 1 << 15,
	O_EFFECTIVE = 1 << 16, O_FILED = 1 << 17, O_REASON = 1 << 18,
	O_APPROVED = 1 << 19, O_ON = 1 << 20, O_FORMAT = 1 << 21, O_AGREED = 1 << 22
};

struct args {
	unsigned seen;
	const char *name, *phone, *address, *firm, *email, *licence, *photo, *office;
	const char *heads[16];
	size_t nheads;
	const char *workroom, *lawyer, *community, *from, *schedule, *place;
	const char *agreement, *agreement_date, *effective, *filed, *reason, *approved;
	const char *on, *dir;
	cs_format format;
	cs_store *store;
	cs_time now;
};

static void usage(FILE *f)
{
	fputs(_("usage: csassign [-C DIR] office add SLUG --name NAME [--phone P] [--address A]\n"
		"       csassign [-C DIR] firm add SLUG --name NAME [--phone P] [--address A]\n"
		"       csassign [-C DIR] lawyer add SLUG --name NAME --firm FIRM [--phone P]\n"
		"                [--email E] [--licence NO] [--photo PATH]\n"
		"       csassign [-C DIR] community add SLUG --name NAME --office OFFICE\n"
		"                --head NAME [--head NAME...] [--workroom ADDR]\n"
		"       csassign [-C DIR] office|firm|lawyer|community list [--format F]\n"
		"       csassign [-C DIR] office|firm|lawyer|community show SLUG [--format F]\n"
		"       csassign [-C DIR] pair --lawyer L --community C --from DATE\n"
		"                --schedule 'Wed 14:00-17:30' --place PLACE --agreement NO\n"
		"                [--agreement-date DATE]\n"
		"       csassign [-C DIR] change ASSIGNMENT (--lawyer L2 | --schedule S |\n"
		"                --community C2) --effective DATE --filed DATE --reason TEXT\n"
		"                [--approved-by NAME]\n"
		"       csassign [-C DIR] end ASSIGNMENT --on DATE --reason TEXT\n"
		"       csassign [-C DIR] who [COMMUNITY] [--on DATE] [--format F]\n"
		"Formats: text, yaml, json, csv, md, html. Also -h, --help and --version.\n"), f);
}

static int date_arg(const char *opt, const char *s, cs_day *out)
{
	if (cs_date_parse(s, out) < 0)
		return cs_error_set(CS_EUSAGE, "%s: '%s' is not a date (YYYY-MM-DD)", opt, s);
	return 0;
}

static int set_opt(cs_node *rec, const char *key, const char *value)
{
	if (!value)
		return 0;
	return cs_node_set_str(rec, key, value);
}

static int one_record_commit(struct args *a, const char *command, const char *summary,
			     cs_node *rec)
{
	cs_put put = { rec, 1 };
	cs_buf path = CS_BUF_INIT;
	int error = cs_write_records(a->store, command, summary, &put, 1, NULL, &path);
	if (!error)
		printf("%s\n", cs_node_get_str(rec, "id"));
	cs_buf_free(&path);
	return error;
}

static int need(struct args *a, unsigned opt, const char *name)
{
	if (!(a->seen & opt))
		return cs_error_set(CS_EUSAGE, "%s is required", name);
	return 0;
}

static int entry_add(struct args *a, const char *kind, const char *slug)
{
	cs_node *rec = cs_node_new_map(), *ref = NULL, *heads = NULL;
	cs_buf cmd = CS_BUF_INIT, summary = CS_BUF_INIT;
	size_t i;
	int error;
	if (!rec)
		return CS_ENOMEM;
	if (!cs_slug_valid(slug)) {
		error = cs_error_set(CS_EUSAGE, "'%s' is not a slug ([a-z0-9][a-z0-9-]{0,39})", slug);
		goto cleanup;
	}
	if ((error = need(a, O_NAME, "--name")) < 0)
		goto cleanup;
	if ((error = cs_node_set_str(rec, "kind", kind)) < 0 ||
	    (error = cs_node_set_str(rec, "id", slug)) < 0 ||
	    (error = cs_node_set_str(rec, "name", a->name)) < 0)
		goto cleanup;
	if (strcmp(kind, "lawyer") == 0) {
		if ((error = need(a, O_FIRM, "--firm")) < 0 ||
		    (error = cs_dir_get(a->store, NULL, "firm", a->firm, &ref)) < 0)
			goto cleanup;
		if ((error = set_opt(rec, "firm", a->firm)) < 0 ||
		    (error = set_opt(rec, "phone", a->phone)) < 0 ||
		    (error = set_opt(rec, "email", a->email)) < 0 ||
		    (error = set_opt(rec, "licence", a->licence)) < 0 ||
		    (error = set_opt(rec, "photo", a->photo)) < 0)
			goto cleanup;
	} else if (strcmp(kind, "community") == 0) {
		if ((error = need(a, O_OFFICE, "--office")) < 0 ||
		    (error = need(a, O_HEAD, "--head")) < 0 ||
		    (error = cs_dir_get(a->store, NULL, "office", a->office, &ref)) < 0)
			goto cleanup;
		if ((error = set_opt(rec, "office", a->office)) < 0)
			goto cleanup;
		if (!(heads = cs_node_new_seq())) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		for (i = 0; i < a->nheads; i++)
			if ((error = cs_node_push(heads, cs_node_new_str(a->heads[i]))) < 0)
				goto cleanup;
		if ((error = cs_node_set(rec, "heads", heads)) < 0)
			goto cleanup;
		heads = NULL;
		if ((error = set_opt(rec, "workroom", a->workroom)) < 0)
			goto cleanup;
	} else {
		if ((error = set_opt(rec, "address", a->address)) < 0 ||
		    (error = set_opt(rec, "phone", a->phone)) < 0)
			goto cleanup;
	}
	cs_buf_printf(&cmd, "csassign %s add", kind);
	cs_buf_printf(&summary, "Add %s %s", kind, slug);
	error = one_record_commit(a, cs_buf_cstr(&cmd), cs_buf_cstr(&summary), rec);
	if (error == CS_ECANTCREAT)
		error = cs_error_set(CS_ECANTCREAT, "%s '%s' exists already", kind, slug);
cleanup:
	cs_node_free(rec);
	cs_node_free(ref);
	cs_node_free(heads);
	cs_buf_free(&cmd);
	cs_buf_free(&summary);
	return error;
}

static const char *plural(const char *kind)
{
	return cs_kind_find(kind)->dir + strlen("records/");
}

static int print_records(struct args *a, cs_node *recs, cs_table *t)
{
	cs_buf out = CS_BUF_INIT;
	int error;
	if (a->format == CS_FMT_JSON || a->format == CS_FMT_YAML)
		error = cli_tree(&out, recs, a->format);
	else
		error = cs_table_render(t, a->format, &out);
	if (!error && cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
	cs_buf_free(&out);
	return error;
}

static int entry_list(struct args *a, const char *kind)
{
	cs_node *all = NULL;
	cs_buf dir = CS_BUF_INIT, heads = CS_BUF_INIT;
	cs_table t;
	size_t i, j;
	int error;
	cs_table_init(&t);
	cs_buf_printf(&dir, "records/%s", plural(kind));
	if ((error = cs_dir_load_all(a->store, NULL, cs_buf_cstr(&dir), &all)) < 0)
		goto cleanup;
	cs_table_col(&t, "id", _("id"), 0);
	cs_table_col(&t, "name", _("name"), 0);
	if (strcmp(kind, "lawyer") == 0) {
		cs_table_col(&t, "firm", _("firm"), 0);
		cs_table_col(&t, "phone", _("phone"), 0);
	} else if (strcmp(kind, "community") == 0) {
		cs_table_col(&t, "office", _("office"), 0);
		cs_table_col(&t, "heads", _("heads"), 0);
	} else {
		cs_table_col(&t, "phone", _("phone"), 0);
	}
	for (i = 0; i < all->count; i++) {
		const cs_node *r = all->items[i];
		const char *cells[4] = { cs_node_get_str(r, "id"), cs_node_get_str(r, "name"),
					 NULL, NULL };
		if (strcmp(kind, "lawyer") == 0) {
			cells[2] = cs_node_get_str(r, "firm");
			cells[3] = cs_node_get_str(r, "phone");
		} else if (strcmp(kind, "community") == 0) {
			const cs_node *h = cs_node_get(r, "heads");
			cs_buf_clear(&heads);
			for (j = 0; h && h->type == CS_NODE_SEQ && j < h->count; j++)
				cs_buf_printf(&heads, "%s%s", j ? "、" : "", h->items[j]->str);
			cells[2] = cs_node_get_str(r, "office");
			cells[3] = cs_buf_cstr(&heads);
		} else {
			cells[2] = cs_node_get_str(r, "phone");
		}
		if ((error = cs_table_row(&t, cells)) < 0)
			goto cleanup;
	}
	error = print_records(a, all, &t);
cleanup:
	cs_node_free(all);
	cs_buf_free(&dir);
	cs_buf_free(&heads);
	cs_table_free(&t);
	return error;
}

static int print_record(struct args *a, const cs_node *rec)
{
	cs_buf out = CS_BUF_INIT;
	int error;
	if (a->format != CS_FMT_TEXT && a->format != CS_FMT_YAML && a->format != CS_FMT_JSON)
		return cs_error_set(CS_EUSAGE, "show prints text, yaml or json");
	error = cli_tree(&out, rec, a->format == CS_FMT_JSON ? CS_FMT_JSON : CS_FMT_YAML);
	if (!error && cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
	cs_buf_free(&out);
	return error;
}

static int entry_show(struct args *a, const char *kind, const char *slug)
{
	cs_node *rec = NULL;
	int error = cs_dir_get(a->store, NULL, kind, slug, &rec);
	if (!error)
		error = print_record(a, rec);
	cs_node_free(rec);
	return error;
}

static int check_schedule(const char *s)
{
	static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	char from[6], to[6];
	int f, t;
	size_t i;
	for (i = 0; i < 7; i++)
		if (strncmp(s, days[i], 3) == 0)
			break;
	if (i == 7 || strlen(s) != 15 || s[3] != ' ' || s[9] != '-')
		goto bad;
	memcpy(from, s + 4, 5);
	from[5] = '\0';
	memcpy(to, s + 10, 5);
	to[5] = '\0';
	if (cs_hhmm_parse(from, &f) < 0 || cs_hhmm_parse(to, &t) < 0 || t <= f)
		goto bad;
	return 0;
bad:
	return cs_error_set(CS_EUSAGE,
			    "--schedule: '%s' is not a weekly schedule like 'Wed 14:00-17:30'", s);
}

/* Every pairing of community that is active on some day >= from. */
static int community_taken(struct args *a, const char *community, cs_day from,
			   const char *except)
{
	cs_node *all = NULL;
	size_t i;
	int error;
	if ((error = cs_dir_load_all(a->store, NULL, "records/assignments", &all)) < 0)
		return error;
	for (i = 0; i < all->count; i++) {
		const cs_node *p = all->items[i];
		const char *c = cs_node_get_str(p, "community"), *to = cs_node_get_str(p, "to");
		const char *id = cs_node_get_str(p, "id");
		cs_day end;
		if (!c || strcmp(c, community) != 0 || (except && id && strcmp(id, except) == 0))
			continue;
		if (to && cs_date_parse(to, &end) == 0 && end < from)
			continue;
		if (to)
			error = cs_error_set(CS_EDATA,
					     "community '%s' already has a pairing (%s) active from %s to %s",
					     community, id ? id : "?", cs_node_get_str(p, "from"), to);
		else
			error = cs_error_set(CS_EDATA,
					     "community '%s' already has a pairing (%s) active from %s",
					     community, id ? id : "?", cs_node_get_str(p, "from"));
		break;
	}
	cs_node_free(all);
	return error;
}

static int pair(struct args *a)
{
	cs_node *lawyer = NULL, *community = NULL, *rec = NULL;
	cs_buf summary = CS_BUF_INIT;
	char id[16];
	cs_day from, ad;
	int error;
	if ((error = need(a, O_LAWYER, "--lawyer")) < 0 ||
	    (error = need(a, O_COMMUNITY, "--community")) < 0 ||
	    (error = need(a, O_FROM, "--from")) < 0 ||
	    (error = need(a, O_SCHEDULE, "--schedule")) < 0 ||
	    (error = need(a, O_PLACE, "--place")) < 0 ||
	    (error = need(a, O_AGREEMENT, "--agreement")) < 0 ||
	    (error = date_arg("--from", a->from, &from)) < 0 ||
	    (a->agreement_date && (error = date_arg("--agreement-date", a->agreement_date, &ad)) < 0) ||
	    (error = check_schedule(a->schedule)) < 0)
		goto cleanup;
	if ((error = cs_dir_get(a->store, NULL, "lawyer", a->lawyer, &lawyer)) < 0 ||
	    (error = cs_dir_get(a->store, NULL, "community", a->community, &community)) < 0 ||
	    (error = community_taken(a, a->community, from, NULL)) < 0 ||
	    (error = cs_id_new(from, id)) < 0)
		goto cleanup;
	if (!(rec = cs_node_new_map())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = cs_node_set_str(rec, "kind", "assignment")) < 0 ||
	    (error = cs_node_set_str(rec, "id", id)) < 0 ||
	    (error = set_opt(rec, "firm", cs_node_get_str(lawyer, "firm"))) < 0 ||
	    (error = set_opt(rec, "lawyer", a->lawyer)) < 0 ||
	    (error = set_opt(rec, "community", a->community)) < 0 ||
	    (error = set_opt(rec, "from", a->from)) < 0 ||
	    (error = set_opt(rec, "schedule", a->schedule)) < 0 ||
	    (error = set_opt(rec, "place", a->place)) < 0 ||
	    (error = set_opt(rec, "agreement", a->agreement)) < 0 ||
	    (error = set_opt(rec, "agreement_date", a->agreement_date)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Pair %s with %s from %s", a->lawyer, a->community, a->from);
	error = one_record_commit(a, "csassign pair", cs_buf_cstr(&summary), rec);
cleanup:
	cs_node_free(lawyer);
	cs_node_free(community);
	cs_node_free(rec);
	cs_buf_free(&summary);
	return error;
}

static int load_assignment(struct args *a, const char *prefix, cs_node **out)
{
	cs_buf path = CS_BUF_INIT;
	int error = cs_id_lookup(a->store, NULL, "records/assignments", prefix, &path);
	if (error == CS_ENOTFOUND)
		error = cs_error_set(CS_ENOTFOUND, "no such pairing '%s'", prefix);
	if (!error)
		error = cs_store_read_record(a->store, NULL, cs_buf_cstr(&path), out);
	cs_buf_free(&path);
	return error;
}

static int change(struct args *a, const char *which)
{
	cs_node *old = NULL, *rec = NULL, *next = NULL, *ref = NULL;
	cs_buf summary = CS_BUF_INIT;
	char cid[16], nid[16], last[11];
	cs_day effective, filed, from, to;
	cs_put puts[3];
	const char *old_to;
	long long notice;
	int changes = !!(a->seen & O_LAWYER) + !!(a->seen & O_SCHEDULE) +
		      !!(a->seen & O_COMMUNITY);
	int error;
	if (changes != 1) {
		error = cs_error_set(CS_EUSAGE,
				     "give exactly one of --lawyer, --schedule or --community");
		goto cleanup;
	}
	if ((error = need(a, O_EFFECTIVE, "--effective")) < 0 ||
	    (error = need(a, O_FILED, "--filed")) < 0 ||
	    (error = need(a, O_REASON, "--reason")) < 0 ||
	    (error = date_arg("--effective", a->effective, &effective)) < 0 ||
	    (error = date_arg("--filed", a->filed, &filed)) < 0 ||
	    (a->schedule && (error = check_schedule(a->schedule)) < 0))
		goto cleanup;
	if ((error = load_assignment(a, which, &old)) < 0)
		goto cleanup;
	notice = cs_param_get(cs_store_config(a->store), "notice_days");
	if (effective - filed < notice && !a->approved) {
		error = cs_error_set(CS_EDATA,
				     "Art 17: change filed %s takes effect %s, less than %lld days' notice; "
				     "refused (an exception of the group is recorded with --approved-by)",
				     a->filed, a->effective, notice);
		goto cleanup;
	}
	cs_date_parse(cs_node_get_str(old, "from"), &from);
	old_to = cs_node_get_str(old, "to");
	if (effective <= from) {
		error = cs_error_set(CS_EDATA, "--effective %s is not after the pairing's start %s",
				     a->effective, cs_node_get_str(old, "from"));
		goto cleanup;
	}
	if (old_to && cs_date_parse(old_to, &to) == 0 && to < effective) {
		error = cs_error_set(CS_EDATA, "pairing %s ended on %s, before %s",
				     cs_node_get_str(old, "id"), old_to, a->effective);
		goto cleanup;
	}
	if (a->lawyer && (error = cs_dir_get(a->store, NULL, "lawyer", a->lawyer, &ref)) < 0)
		goto cleanup;
	if (a->community &&
	    ((error = cs_dir_get(a->store, NULL, "community", a->community, &ref)) < 0 ||
	     (error = community_taken(a, a->community, effective, NULL)) < 0))
		goto cleanup;
	if ((error = cs_id_new(filed, cid)) < 0 || (error = cs_id_new(effective, nid)) < 0)
		goto cleanup;
	if (!(rec = cs_node_new_map()) || !(next = cs_node_dup(old))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = cs_node_set_str(rec, "kind", "change")) < 0 ||
	    (error = cs_node_set_str(rec, "id", cid)) < 0 ||
	    (error = set_opt(rec, "assignment", cs_node_get_str(old, "id"))) < 0 ||
	    (error = set_opt(rec, "filed", a->filed)) < 0 ||
	    (error = set_opt(rec, "effective", a->effective)) < 0 ||
	    (error = set_opt(rec, "reason", a->reason)) < 0 ||
	    (error = set_opt(rec, "lawyer", a->lawyer)) < 0 ||
	    (error = set_opt(rec, "schedule", a->schedule)) < 0 ||
	    (error = set_opt(rec, "community", a->community)) < 0 ||
	    (error = set_opt(rec, "approved_by", a->approved)) < 0 ||
	    (error = cs_node_set_str(rec, "new_assignment", nid)) < 0 ||
	    (error = cs_node_set_str(rec, "outcome", "applied")) < 0)
		goto cleanup;
	if ((error = cs_node_set_str(next, "id", nid)) < 0 ||
	    (error = cs_node_set_str(next, "from", a->effective)) < 0 ||
	    (error = cs_node_set_str(next, "replaces", cs_node_get_str(old, "id"))) < 0 ||
	    (error = cs_node_set_str(next, "change", cid)) < 0)
		goto cleanup;
	cs_node_remove(next, "end_reason");
	if (a->lawyer && ((error = cs_node_set_str(next, "lawyer", a->lawyer)) < 0 ||
			  (error = set_opt(next, "firm", cs_node_get_str(ref, "firm"))) < 0))
		goto cleanup;
	if ((error = set_opt(next, "schedule", a->schedule)) < 0 ||
	    (error = set_opt(next, "community", a->community)) < 0)
		goto cleanup;
	cs_date_format(effective - 1, last);
	if ((error = cs_node_set_str(old, "to", last)) < 0 ||
	    (error = cs_node_set_str(old, "end_reason", a->reason)) < 0)
		goto cleanup;
	puts[0].rec = rec;
	puts[0].create = 1;
	puts[1].rec = old;
	puts[1].create = 0;
	puts[2].rec = next;
	puts[2].create = 1;
	cs_buf_printf(&summary, "Change pairing %s from %s (Art 17)",
		      cs_node_get_str(old, "id"), a->effective);
	{
		const char *trailers[] = { "Cs-Reason", a->reason, NULL };
		error = cs_write_records(a->store, "csassign change", cs_buf_cstr(&summary),
					 puts, 3, trailers, NULL);
	}
	if (!error)
		printf("%s\n", nid);
cleanup:
	cs_node_free(old);
	cs_node_free(rec);
	cs_node_free(next);
	cs_node_free(ref);
	cs_buf_free(&summary);
	return error;
}

static int end(struct args *a, const char *which)
{
	cs_node *old = NULL;
	cs_buf summary = CS_BUF_INIT;
	cs_day on, from, to;
	cs_put put;
	const char *old_to;
	int error;
	if ((error = need(a, O_ON, "--on")) < 0 || (error = need(a, O_REASON, "--reason")) < 0 ||
	    (error = date_arg("--on", a->on, &on)) < 0 ||
	    (error = load_assignment(a, which, &old)) < 0)
		goto cleanup;
	cs_date_parse(cs_node_get_str(old, "from"), &from);
	if (on < from) {
		error = cs_error_set(CS_EDATA, "--on %s is before the pairing's start %s",
				     a->on, cs_node_get_str(old, "from"));
		goto cleanup;
	}
	old_to = cs_node_get_str(old, "to");
	if (old_to && cs_date_parse(old_to, &to) == 0 && to < on) {
		error = cs_error_set(CS_EDATA, "pairing %s ended already on %s",
				     cs_node_get_str(old, "id"), old_to);
		goto cleanup;
	}
	if ((error = cs_node_set_str(old, "to", a->on)) < 0 ||
	    (error = cs_node_set_str(old, "end_reason", a->reason)) < 0)
		goto cleanup;
	put.rec = old;
	put.create = 0;
	cs_buf_printf(&summary, "End pairing %s on %s", cs_node_get_str(old, "id"), a->on);
	{
		const char *trailers[] = { "Cs-Reason", a->reason, NULL };
		error = cs_write_records(a->store, "csassign end", cs_buf_cstr(&summary),
					 &put, 1, trailers, NULL);
	}
	if (!error)
		printf("%s\n", cs_node_get_str(old, "id"));
cleanup:
	cs_node_free(old);
	cs_buf_free(&summary);
	return error;
}

static int who(struct args *a, const char *community)
{
	cs_node *all = NULL, *c = NULL, *l = NULL;
	cs_table t;
	cs_buf out = CS_BUF_INIT;
	cs_day on = a->now.day;
	size_t i;
	int error;
	cs_table_init(&t);
	if (a->on && (error = date_arg("--on", a->on, &on)) < 0)
		goto cleanup;
	if (community && (error = cs_dir_get(a->store, NULL, "community", community, &c)) < 0)
		goto cleanup;
	if ((error = cs_dir_load_all(a->store, NULL, "records/assignments", &all)) < 0)
		goto cleanup;
	cs_table_col(&t, "id", _("pairing"), 0);
	cs_table_col(&t, "community", _("community"), 0);
	cs_table_col(&t, "community_name", _("community name"), 0);
	cs_table_col(&t, "lawyer", _("lawyer"), 0);
	cs_table_col(&t, "lawyer_name", _("lawyer name"), 0);
	cs_table_col(&t, "firm", _("firm"), 0);
	cs_table_col(&t, "schedule", _("schedule"), 0);
	cs_table_col(&t, "place", _("place"), 0);
	cs_table_col(&t, "from", _("from"), 0);
	cs_table_col(&t, "to", _("to"), 0);
	for (i = 0; i < all->count; i++) {
		const cs_node *p = all->items[i];
		const char *pc = cs_node_get_str(p, "community");
		const char *pl = cs_node_get_str(p, "lawyer");
		const char *cells[10];
		if (!cs_pairing_active_on(p, on) || (community && (!pc || strcmp(pc, community))))
			continue;
		cs_node_free(c);
		cs_node_free(l);
		c = l = NULL;
		if (pc)
			cs_dir_get(a->store, NULL, "community", pc, &c);
		if (pl)
			cs_dir_get(a->store, NULL, "lawyer", pl, &l);
		cs_error_clear();
		cells[0] = cs_node_get_str(p, "id");
		cells[1] = pc;
		cells[2] = c ? cs_node_get_str(c, "name") : NULL;
		cells[3] = pl;
		cells[4] = l ? cs_node_get_str(l, "name") : NULL;
		cells[5] = cs_node_get_str(p, "firm");
		cells[6] = cs_node_get_str(p, "schedule");
		cells[7] = cs_node_get_str(p, "place");
		cells[8] = cs_node_get_str(p, "from");
		cells[9] = cs_node_get_str(p, "to");
		if ((error = cs_table_row(&t, cells)) < 0)
			goto cleanup;
	}
	if ((error = cs_table_render(&t, a->format, &out)) < 0)
		goto cleanup;
	if (cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
cleanup:
	cs_node_free(all);
	cs_node_free(c);
	cs_node_free(l);
	cs_table_free(&t);
	cs_buf_free(&out);
	return error;
}

/* Options each verb takes (besides -C, -h). */
static unsigned allowed(const char *verb, const char *kind)
{
	if (strcmp(verb, "add") == 0) {
		if (strcmp(kind, "lawyer") == 0)
			return O_NAME | O_FIRM | O_PHONE | O_EMAIL | O_LICENCE | O_PHOTO;
		if (strcmp(kind, "community") == 0)
			return O_NAME | O_OFFICE | O_HEAD | O_WORKROOM;
		return O_NAME | O_PHONE | O_ADDRESS;
	}
	if (strcmp(verb, "list") == 0 || strcmp(verb, "show") == 0)
		return O_FORMAT;
	if (strcmp(verb, "pair") == 0)
		return O_LAWYER | O_COMMUNITY | O_FROM | O_SCHEDULE | O_PLACE | O_AGREEMENT |
		       O_AGREED;
	if (strcmp(verb, "change") == 0)
		return O_LAWYER | O_SCHEDULE | O_COMMUNITY | O_EFFECTIVE | O_FILED | O_REASON |
		       O_APPROVED;
	if (strcmp(verb, "end") == 0)
		return O_ON | O_REASON;
	if (strcmp(verb, "who") == 0)
		return O_ON | O_FORMAT;
	return 0;
}

static const struct option opts[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "phone", required_argument, NULL, 'p' },
	{ "address", required_argument, NULL, 'a' },
	{ "firm", required_argument, NULL, 'F' },
	{ "email", required_argument, NULL, 'e' },
	{ "licence", required_argument, NULL, 'L' },
	{ "photo", required_argument, NULL, 'P' },
	{ "office", required_argument, NULL, 'O' },
	{ "head", required_argument, NULL, 'H' },
	{ "workroom", required_argument, NULL, 'w' },
	{ "lawyer", required_argument, NULL, 'l' },
	{ "community", required_argument, NULL, 'c' },
	{ "from", required_argument, NULL, 'f' },
	{ "schedule", required_argument, NULL, 's' },
	{ "place", required_argument, NULL, 'x' },
	{ "agreement", required_argument, NULL, 'g' },
	{ "agreement-date", required_argument, NULL, 'G' },
	{ "effective", required_argument, NULL, 'E' },
	{ "filed", required_argument, NULL, 'D' },
	{ "reason", required_argument, NULL, 'r' },
	{ "approved-by", required_argument, NULL, 'A' },
	{ "on", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'T' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int parse(struct args *a, int argc, char **argv, int *status)
{
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': a->name = optarg; a->seen |= O_NAME; break;
		case 'p': a->phone = optarg; a->seen |= O_PHONE; break;
		case 'a': a->address = optarg; a->seen |= O_ADDRESS; break;
		case 'F': a->firm = optarg; a->seen |= O_FIRM; break;
		case 'e': a->email = optarg; a->seen |= O_EMAIL; break;
		case 'L': a->licence = optarg; a->seen |= O_LICENCE; break;
		case 'P': a->photo = optarg; a->seen |= O_PHOTO; break;
		case 'O': a->office = optarg; a->seen |= O_OFFICE; break;
		case 'H':
			if (a->nheads == sizeof(a->heads) / sizeof(a->heads[0])) {
				*status = cli_usage(_("too many --head options"));
				return -1;
			}
			a->heads[a->nheads++] = optarg;
			a->seen |= O_HEAD;
			break;
		case 'w': a->workroom = optarg; a->seen |= O_WORKROOM; break;
		case 'l': a->lawyer = optarg; a->seen |= O_LAWYER; break;
		case 'c': a->community = optarg; a->seen |= O_COMMUNITY; break;
		case 'f': a->from = optarg; a->seen |= O_FROM; break;
		case 's': a->schedule = optarg; a->seen |= O_SCHEDULE; break;
		case 'x': a->place = optarg; a->seen |= O_PLACE; break;
		case 'g': a->agreement = optarg; a->seen |= O_AGREEMENT; break;
		case 'G': a->agreement_date = optarg; a->seen |= O_AGREED; break;
		case 'E': a->effective = optarg; a->seen |= O_EFFECTIVE; break;
		case 'D': a->filed = optarg; a->seen |= O_FILED; break;
		case 'r': a->reason = optarg; a->seen |= O_REASON; break;
		case 'A': a->approved = optarg; a->seen |= O_APPROVED; break;
		case 'o': a->on = optarg; a->seen |= O_ON; break;
		case 'T':
			if ((*status = cli_format(optarg, &a->format)) != 0)
				return -1;
			a->seen |= O_FORMAT;
			break;
		case 'C': a->dir = optarg; break;
		case 'h': usage(stdout); *status = 0; return -1;
		case 'V': *status = cli_version(); return -1;
		default: *status = cli_usage(_("unknown option")); return -1;
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	struct args a;
	const char *verb, *kind = NULL, *sub = NULL, *operand = NULL;
	char **rest;
	int n, nrest, status = 0, error = 0;
	unsigned ok;

	cli_init("csassign");
	memset(&a, 0, sizeof(a));
	if ((n = parse(&a, argc, argv, &status)) < 0)
		return status;
	if (n >= argc)
		return cli_usage(_("a command is required"));
	verb = argv[n];
	if (!strcmp(verb, "office") || !strcmp(verb, "firm") || !strcmp(verb, "lawyer") ||
	    !strcmp(verb, "community")) {
		kind = verb;
		if (n + 1 >= argc)
			return cli_usage(_("%s: add, list or show is required"), kind);
		sub = argv[n + 1];
		if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "show"))
			return cli_usage(_("%s: unknown command '%s' (add, list, show)"), kind, sub);
		n += 1;
	} else if (strcmp(verb, "pair") && strcmp(verb, "change") && strcmp(verb, "end") &&
		   strcmp(verb, "who")) {
		return cli_usage(_("unknown command '%s'"), verb);
	} else {
		sub = verb;
	}
	rest = argv + n;
	nrest = argc - n;
	/* options and operands may be mixed after the verb */
	{
		int m;
		if ((m = parse(&a, nrest, rest, &status)) < 0)
			return status;
		rest += m;
		nrest -= m;
		/* GNU getopt permutes only without '+': collect operands */
		while (nrest > 0) {
			if (operand) {
				return cli_usage(_("unexpected argument '%s'"), rest[0]);
			}
			operand = rest[0];
			if ((m = parse(&a, nrest, rest, &status)) < 0)
				return status;
			rest += m > 1 ? m : 1;
			nrest -= m > 1 ? m : 1;
		}
	}
	ok = allowed(sub, kind ? kind : "");
	if (a.seen & ~ok)
		return cli_usage(_("an option given does not apply to '%s'"), sub);
	if ((!strcmp(sub, "add") || !strcmp(sub, "show") || !strcmp(sub, "change") ||
	     !strcmp(sub, "end")) && !operand)
		return cli_usage(_("%s: an operand is required"), sub);
	if ((!strcmp(sub, "list") || !strcmp(sub, "pair")) && operand)
		return cli_usage(_("unexpected argument '%s'"), operand);
	if ((error = cs_now(&a.now)) < 0)
		return cli_fail(error);
	if ((status = cli_open(&a.store, a.dir)) != 0)
		return status;
	if (!strcmp(sub, "add"))
		error = entry_add(&a, kind, operand);
	else if (!strcmp(sub, "list"))
		error = entry_list(&a, kind);
	else if (!strcmp(sub, "show"))
		error = entry_show(&a, kind, operand);
	else if (!strcmp(sub, "pair"))
		error = pair(&a);
	else if (!strcmp(sub, "change"))
		error = change(&a, operand);
	else if (!strcmp(sub, "end"))
		error = end(&a, operand);
	else
		error = who(&a, operand);
	if (error < 0)
		status = error == CS_EUSAGE ? cli_usage("%s", cs_error_last()) : cli_fail(error);
	cs_store_free(a.store);
	cs_record_cleanup();
	return status;
}
