#include <stdio.h>
#include <string.h>

#include "directory.h"
#include "error.h"
#include "pairing.h"
#include "params.h"
#include "record.h"
#include "sign.h"
#include "validate.h"
#include "snapshot_impl.h"

static size_t line_of(const cs_node *rec, const char *field)
{
	const cs_node *v = rec ? cs_node_get(rec, field) : NULL;
	return v && v->line ? v->line : (rec && rec->line ? rec->line : 1);
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

int cs_validate_may_be_planned(const char *kind)
{
	return same(kind, "meeting") || same(kind, "assignment") || same(kind, "change");
}

int cs_findings_have_error(const cs_findings *found, size_t first)
{
	size_t i;
	for (i = first; i < found->n; i++)
		if (found->v[i].severity == CS_SEV_ERROR)
			return 1;
	return 0;
}

static int schema_findings(const cs_schema_set *set, const char *path, const cs_node *rec,
			   cs_findings *out, int *valid)
{
	cs_schema_result res;
	size_t j;
	int error = 0;
	*valid = 1;
	cs_schema_result_init(&res);
	if ((error = cs_record_validate(set, rec, path, &res)) < 0) {
		*valid = 0;
		/* not a finding about the record: the check could not be made */
		if (error == CS_ENOMEM)
			goto cleanup;
		error = 0;
		if (!res.count)
			error = cs_finding_add(out, path, rec->line ? rec->line : 1, CS_SEV_ERROR,
					       "schema.invalid", cs_node_get_str(rec, "id"), NULL, NULL,
					       NULL, "%s", cs_error_last());
		for (j = 0; j < res.count && !error; j++)
			error = cs_finding_add(out, path, res.errors[j].line ? res.errors[j].line : 1,
					       CS_SEV_ERROR, "schema.invalid",
					       cs_node_get_str(rec, "id"), NULL, NULL, NULL,
					       "%s%s%s", res.errors[j].field,
					       *res.errors[j].field ? ": " : "", res.errors[j].message);
		cs_error_clear();
	}
cleanup:
	cs_schema_result_free(&res);
	return error;
}

static int ref(const cs_snapshot *c, cs_findings *out, const char *path, const cs_node *rec,
	       const char *field, const char *kind, const char *rule)
{
	const char *slug = cs_node_get_str(rec, field);
	if (!slug || cs_snapshot_find(c, kind, slug))
		return 0;
	return cs_finding_add(out, path, line_of(rec, field), CS_SEV_ERROR, rule,
			      cs_node_get_str(rec, "id"), NULL, NULL, NULL,
			      "%s: no %s '%s'", field, kind, slug);
}

/* The moment of a date-time field, or 0 when absent or not one. */
static int moment(const cs_node *rec, const char *field, cs_time *t)
{
	const char *s = cs_node_get_str(rec, field);
	if (!s || cs_datetime_parse(s, t) < 0) {
		cs_error_clear();
		return 0;
	}
	if (t->minute < 0)
		t->minute = 0;
	return 1;
}

static int after(const cs_time *a, const cs_time *b)
{
	return a->day != b->day ? a->day > b->day : a->minute > b->minute;
}

static int date_of(const cs_node *rec, const char *field, cs_day *day)
{
	const char *s = cs_node_get_str(rec, field);
	if (!s || cs_date_parse(s, day) < 0) {
		cs_error_clear();
		return 0;
	}
	return 1;
}

/* The date an event id must begin with. */
static const char *id_date_field(const char *kind)
{
	if (same(kind, "assignment"))
		return "from";
	if (same(kind, "change"))
		return "filed";
	return "date";
}

static int check_id(const char *path, const cs_node *rec, const cs_kind *k, cs_findings *out)
{
	const char *id = cs_node_get_str(rec, "id"), *field = id_date_field(k->name);
	const char *date = cs_node_get_str(rec, field);
	char compact[9];
	if (k->family == CS_KIND_DIRECTORY || k->family == CS_KIND_OTHER || !id || !date ||
	    strlen(date) != 10)
		return 0;
	/* YYYY-MM-DD as YYYYMMDD (snprintf here was a twentieth of a cscheck) */
	memcpy(compact, date, 4);
	memcpy(compact + 4, date + 5, 2);
	memcpy(compact + 6, date + 8, 2);
	compact[8] = '\0';
	if (!strncmp(id, compact, 8))
		return 0;
	return cs_finding_add(out, path, line_of(rec, "id"), CS_SEV_ERROR, "schema.id", id, NULL,
			      NULL, NULL, "id: '%s' does not begin with its %s %s", id, field, compact);
}

static int order(const char *path, const cs_node *rec, cs_findings *out)
{
	const char *id = cs_node_get_str(rec, "id");
	cs_time received, accepted, signed_at;
	cs_day day, from, to;
	int s, e, error = 0;
	const char *st = cs_node_get_str(rec, "start"), *en = cs_node_get_str(rec, "end");
	if (st && en && cs_hhmm_parse(st, &s) == 0 && cs_hhmm_parse(en, &e) == 0 && e <= s)
		error = cs_finding_add(out, path, line_of(rec, "end"), CS_SEV_ERROR, "schema.order",
				       id, NULL, NULL, NULL, "end: %s is not after start %s", en, st);
	cs_error_clear();
	if (!error && moment(rec, "received_at", &received) && moment(rec, "accepted_at", &accepted) &&
	    after(&received, &accepted))
		error = cs_finding_add(out, path, line_of(rec, "accepted_at"), CS_SEV_ERROR,
				       "schema.order", id, NULL, NULL, NULL,
				       "accepted_at: %s is before received_at %s",
				       cs_node_get_str(rec, "accepted_at"),
				       cs_node_get_str(rec, "received_at"));
	if (!error && date_of(rec, "date", &day) && moment(rec, "signed_at", &signed_at) &&
	    signed_at.day < day)
		error = cs_finding_add(out, path, line_of(rec, "signed_at"), CS_SEV_ERROR,
				       "schema.order", id, NULL, NULL, NULL,
				       "signed_at: %s is before the service on %s",
				       cs_node_get_str(rec, "signed_at"), cs_node_get_str(rec, "date"));
	if (!error && date_of(rec, "from", &from) && date_of(rec, "to", &to) && to < from)
		error = cs_finding_add(out, path, line_of(rec, "to"), CS_SEV_ERROR, "schema.order",
				       id, NULL, NULL, NULL, "to: %s is before from %s",
				       cs_node_get_str(rec, "to"), cs_node_get_str(rec, "from"));
	return error;
}

/* The store's "now" as YYYY-MM-DDTHH:MM into out, for a finding only (it
 * was formatted for every record); always 1. */
static int now_text(const cs_snapshot *c, char out[20])
{
	cs_time_format(&c->now, out);
	out[16] = '\0';
	return 1;
}

static int future(const cs_snapshot *c, const char *path, const cs_node *rec, const char *kind,
		  cs_findings *out)
{
	static const char *const moments[] = { "received_at", "accepted_at", "signed_at",
					       "voided_at", "recorded_at", NULL };
	static const char *const days[] = { "date", "filed", "added", NULL };
	const char *id = cs_node_get_str(rec, "id");
	char now[20];
	cs_time t;
	cs_day day;
	size_t i;
	int error = 0;
	for (i = 0; moments[i] && !error; i++)
		if (moment(rec, moments[i], &t) && after(&t, &c->now) && now_text(c, now))
			error = cs_finding_add(out, path, line_of(rec, moments[i]), CS_SEV_ERROR,
					       "schema.future", id, NULL, NULL, NULL,
					       "%s: %s is after now (%s)", moments[i],
					       cs_node_get_str(rec, moments[i]), now);
	if (cs_validate_may_be_planned(kind) && !same(kind, "change"))
		return error;
	for (i = 0; days[i] && !error; i++) {
		int start;
		const char *st = cs_node_get_str(rec, "start");
		if (!date_of(rec, days[i], &day))
			continue;
		t.day = day;
		t.minute = 0;
		if (!strcmp(days[i], "date") && st && cs_hhmm_parse(st, &start) == 0)
			t.minute = start;
		cs_error_clear();
		if (after(&t, &c->now) && now_text(c, now))
			error = cs_finding_add(out, path, line_of(rec, days[i]), CS_SEV_ERROR,
					       "schema.future", id, NULL, NULL, NULL,
					       "%s: %s%s%s is after now (%s); only what has happened is recorded",
					       days[i], cs_node_get_str(rec, days[i]), st && t.minute ? " " : "",
					       st && t.minute ? st : "", now);
	}
	return error;
}

static int schedule(const cs_snapshot *c, const char *path, const cs_node *rec, cs_findings *out)
{
	const char *s = cs_node_get_str(rec, "schedule");
	long long need = cs_param_get(c->config, "half_day_minutes");
	int wd, from, to;
	if (!s)
		return 0;
	/* the pattern lets 24:00 or 18:00-09:00 through; the parse does not */
	if (cs_schedule_parse(s, &wd, &from, &to) < 0) {
		cs_error_clear();
		return cs_finding_add(out, path, line_of(rec, "schedule"), CS_SEV_ERROR,
				      "schema.invalid", cs_node_get_str(rec, "id"), NULL, NULL, NULL,
				      "schedule: '%s' is not a weekly schedule like 'Wed 14:00-17:30'",
				      s);
	}
	if (to - from >= need)
		return 0;
	return cs_finding_add(out, path, line_of(rec, "schedule"), CS_SEV_ERROR, "schema.schedule",
			      cs_node_get_str(rec, "id"), NULL, NULL, NULL,
			      "schedule: '%s' is %d minutes a week, less than the half day of %lld "
			      "minutes (Art 9, half_day_minutes)", s, to - from, need);
}

static int is_head_anywhere(const cs_snapshot *c, const char *name)
{
	size_t i;
	for (i = 0; i < c->ncommunities; i++)
		if (cs_dir_is_head(c->communities[i], name))
			return 1;
	return 0;
}

static int directory_refs(const cs_snapshot *c, const char *path, const cs_node *rec,
			  const char *kind, cs_findings *out)
{
	int error = 0;
	if (same(kind, "lawyer"))
		return ref(c, out, path, rec, "firm", "firm", "ref.firm");
	if (same(kind, "community"))
		return ref(c, out, path, rec, "office", "office", "ref.office");
	if (same(kind, "assignment")) {
		if (!(error = ref(c, out, path, rec, "lawyer", "lawyer", "ref.lawyer")) &&
		    !(error = ref(c, out, path, rec, "community", "community", "ref.community")))
			error = ref(c, out, path, rec, "firm", "firm", "ref.firm");
		return error;
	}
	if (same(kind, "change")) {
		const char *a = cs_node_get_str(rec, "assignment");
		size_t n;
		int found = 0;
		for (n = 0; a && n < c->nassignments; n++)
			if (same(cs_node_get_str(c->assignments[n], "id"), a))
				found = 1;
		if (a && !found)
			error = cs_finding_add(out, path, line_of(rec, "assignment"), CS_SEV_ERROR,
					       "ref.assignment", cs_node_get_str(rec, "id"), NULL, NULL,
					       NULL, "assignment: no pairing '%s'", a);
		if (!error)
			error = ref(c, out, path, rec, "lawyer", "lawyer", "ref.lawyer");
		if (!error)
			error = ref(c, out, path, rec, "community", "community", "ref.community");
		return error;
	}
	if (same(kind, "key")) {
		const char *role = cs_node_get_str(rec, "role"), *name = cs_node_get_str(rec, "name");
		const char *key = cs_node_get_str(rec, "key"), *fp = cs_node_get_str(rec, "fingerprint");
		cs_buf want = CS_BUF_INIT;
		if (key && (cs_sshkey_parse(key, strlen(key), NULL, &want) < 0 || !same(fp, want.ptr)))
			error = cs_finding_add(out, path, line_of(rec, "key"), CS_SEV_ERROR, "schema.key",
					       cs_node_get_str(rec, "id"), NULL, NULL, NULL,
					       "key: not an SSH public key, or not the one of fingerprint %s",
					       fp ? fp : "?");
		cs_buf_free(&want);
		cs_error_clear();
		if (error < 0)
			return error;
		if (same(role, "lawyer"))
			return ref(c, out, path, rec, "id", "lawyer", "ref.lawyer");
		if (same(role, "head") && name && !is_head_anywhere(c, name))
			return cs_finding_add(out, path, line_of(rec, "name"), CS_SEV_ERROR, "ref.head",
					      cs_node_get_str(rec, "id"), NULL, NULL, NULL,
					      "name: '%s' is not a head of any community", name);
	}
	return 0;
}

static int entry_refs(const cs_snapshot *c, const char *path, const cs_node *rec, const char *kind,
		      cs_findings *out)
{
	const char *id = cs_node_get_str(rec, "id"), *by = cs_node_get_str(rec, "signed_by");
	const char *lawyer = cs_node_get_str(rec, "lawyer");
	const char *community = cs_node_get_str(rec, "community");
	const cs_node *cm;
	const cs_node *hit;
	cs_day day;
	char d[11];
	int error;
	if ((error = ref(c, out, path, rec, "lawyer", "lawyer", "ref.lawyer")) < 0 ||
	    (error = ref(c, out, path, rec, "community", "community", "ref.community")) < 0 ||
	    (error = ref(c, out, path, rec, "office", "office", "ref.office")) < 0)
		return error;
	cm = cs_snapshot_find(c, "community", community);
	if (cm && by && !cs_dir_is_head(cm, by) &&
	    (error = cs_finding_add(out, path, line_of(rec, "signed_by"), CS_SEV_ERROR, "ref.head",
				    id, lawyer, community, NULL,
				    "signed_by: '%s' is not a head of community '%s'", by,
				    community)) < 0)
		return error;
	if (!lawyer || !cm || same(kind, "meeting") || !cs_snapshot_find(c, "lawyer", lawyer) ||
	    !date_of(rec, "date", &day) ||
	    cs_pairings_on(c->assignments, c->nassignments, lawyer, community, day, &hit, 1))
		return 0;
	cs_date_format(day, d);
	return cs_finding_add(out, path, line_of(rec, "lawyer"), CS_SEV_ERROR, "ref.pairing", id,
			      lawyer, community, NULL,
			      "lawyer '%s' is not paired with community '%s' on %s", lawyer,
			      community, d);
}

static int validate(const cs_snapshot *c, const char *path, const cs_node *rec, int refs,
		    int schema_passed, cs_findings *out)
{
	cs_buf want = CS_BUF_INIT;
	const char *kind, *id;
	const cs_kind *k;
	int error = 0, valid;
	cs_error_clear();
	if (!rec || rec->type != CS_NODE_MAP || !(kind = cs_node_get_str(rec, "kind")) ||
	    !(k = cs_kind_find(kind)) || !cs_record_schema(cs_store_schemas(c->store), kind)) {
		/* a schema that could not be compiled for want of memory */
		if (cs_error_code() == CS_ENOMEM)
			return CS_ENOMEM;
		cs_error_clear();
		return cs_finding_add(out, path, rec && rec->line ? rec->line : 1, CS_SEV_ERROR,
				      "schema.kind", NULL, NULL, NULL, NULL,
				      "kind: not a known record kind");
	}
	valid = 1;
	if (!schema_passed &&
	    ((error = schema_findings(cs_store_schemas(c->store), path, rec, out, &valid)) < 0 ||
	     !valid))
		return error;
	if (k->family == CS_KIND_OTHER)
		return 0;
	id = cs_node_get_str(rec, "id");
	if ((error = cs_record_path(rec, &want)) == CS_ENOMEM)
		goto cleanup;
	if (error < 0 || strcmp(want.ptr, path)) {
		error = cs_finding_add(out, path, line_of(rec, "id"), CS_SEV_ERROR, "schema.path", id,
				       NULL, NULL, NULL, "a %s with id %s belongs at %s", kind,
				       id ? id : "?", want.ptr ? want.ptr : "?");
		cs_error_clear();
		goto cleanup;
	}
	if ((error = check_id(path, rec, k, out)) < 0 || (error = order(path, rec, out)) < 0 ||
	    (error = future(c, path, rec, kind, out)) < 0 ||
	    (error = schedule(c, path, rec, out)) < 0)
		goto cleanup;
	if (k->family == CS_KIND_LOG || k->family == CS_KIND_MEETING)
		error = refs ? entry_refs(c, path, rec, kind, out) : 0;
	else
		error = directory_refs(c, path, rec, kind, out);
cleanup:
	cs_buf_free(&want);
	return error;
}

int cs_validate_record(const cs_snapshot *c, const char *path, const cs_node *rec, int refs,
		       cs_findings *out)
{
	return validate(c, path, rec, refs, 0, out);
}

int cs_validate_passed(const cs_snapshot *c, const char *path, const cs_node *rec, int refs,
		       cs_findings *out)
{
	return validate(c, path, rec, refs, 1, out);
}
