/* cslog: the work log (DESIGN 5; Art 10, 11). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "directory.h"
#include "error.h"
#include "record.h"
#include "schema.h"
#include "utf8.h"
#include "write.h"
#include "yaml.h"

#define MAX_SETS 64

struct args {
	const char *community, *lawyer, *date, *start, *end, *channel;
	const char *target_type, *target_name, *target_contact, *content, *result;
	const char *sets[MAX_SETS];
	size_t nsets;
	const char *kind, *since, *until, *month, *by, *on, *reason, *dir;
	int unsigned_only, edit;
	cs_format format;
	cs_store *store;
	cs_time now;
};

static void usage(FILE *f)
{
	fputs(_("usage: cslog [-C DIR] add KIND [--community C] [--lawyer L] [--date D]\n"
		"             [--start HH:MM --end HH:MM] [--channel in-person|phone|email|online]\n"
		"             [--target-type T --target-name N --target-contact C]\n"
		"             [--content TEXT] [--result TEXT] [--set FIELD=VALUE]... [-e]\n"
		"       cslog [-C DIR] add -\n"
		"       cslog [-C DIR] list [--community C] [--lawyer L] [--kind K] [--since D]\n"
		"             [--until D] [--month YYYY-MM] [--unsigned] [--format F]\n"
		"       cslog [-C DIR] show ID [--format F]\n"
		"       cslog [-C DIR] sign ID... --by NAME\n"
		"       cslog [-C DIR] accept ID [--on DATE[THH:MM]]\n"
		"       cslog [-C DIR] amend ID --set FIELD=VALUE... --reason TEXT\n"
		"       cslog [-C DIR] void ID --reason TEXT\n"
		"       cslog [-C DIR] history ID [--format F]\n"
		"       cslog [-C DIR] import FILE.csv\n"
		"Formats: text, yaml, json, csv, md, html. Also -h, --help and --version.\n"), f);
}

static int print_buf(cs_buf *out)
{
	if (cli_out(out))
		return cs_error_set(CS_EIO, "cannot write to standard output");
	return 0;
}

/* The schema's description of field (a dotted path) for kind, or NULL. */
static const cs_node *field_schema(const char *kind, const char *field)
{
	cs_schema *schema = cs_record_schema(kind);
	const cs_node *node, *props, *defs;
	char part[128];
	const char *p = field, *dot;
	if (!schema)
		return NULL;
	node = cs_schema_root(schema);
	defs = cs_node_get(node, "$defs");
	while (node && *p) {
		const cs_node *ref;
		size_t n;
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		if (!(props = cs_node_get(node, "properties")))
			return NULL;
		node = cs_node_get(props, part);
		while (node && (ref = cs_node_get(node, "$ref")) && ref->type == CS_NODE_SCALAR &&
		       strncmp(ref->str, "#/$defs/", 8) == 0)
			node = defs ? cs_node_get(defs, ref->str + 8) : NULL;
		p = dot ? dot + 1 : p + n;
	}
	return node;
}

static int schema_type_is(const cs_node *fs, const char *type)
{
	const cs_node *t = fs ? cs_node_get(fs, "type") : NULL;
	return t && t->type == CS_NODE_SCALAR && strcmp(t->str, type) == 0;
}

/* The value of --set FIELD=VALUE as a node of the field's type. */
static int set_value(const cs_node *fs, const char *field, const char *value, cs_node **out)
{
	*out = NULL;
	if (schema_type_is(fs, "integer") || schema_type_is(fs, "number") ||
	    schema_type_is(fs, "boolean")) {
		*out = cs_node_new_plain(value);
		if (*out && cs_node_scalar_kind(*out) == CS_SCALAR_STRING) {
			cs_node_free(*out);
			*out = NULL;
			return cs_error_at(CS_EDATA, NULL, 0, field, "'%s' is not of type %s", value,
					   cs_node_get_str(fs, "type"));
		}
	} else if (schema_type_is(fs, "array")) {
		const char *p = value, *comma;
		if (!(*out = cs_node_new_seq()))
			return CS_ENOMEM;
		while (*p) {
			comma = strchr(p, ',');
			if (!comma)
				comma = p + strlen(p);
			while (*p == ' ')
				p++;
			if (comma > p && cs_node_push(*out, cs_node_new_strn(p, (size_t)(comma - p))) < 0)
				return CS_ENOMEM;
			p = *comma ? comma + 1 : comma;
		}
	} else {
		*out = cs_node_new_str(value);
	}
	return *out ? 0 : CS_ENOMEM;
}

static int apply_set(cs_node *rec, const char *kind, const char *set)
{
	const char *eq = strchr(set, '=');
	char field[128], *dot;
	const cs_node *fs;
	cs_node *value = NULL, *parent = rec;
	int error;
	if (!eq || eq == set || (size_t)(eq - set) >= sizeof(field))
		return cs_error_set(CS_EUSAGE, "--set: '%s' is not FIELD=VALUE", set);
	memcpy(field, set, (size_t)(eq - set));
	field[eq - set] = '\0';
	if (!strcmp(field, "kind") || !strcmp(field, "id"))
		return cs_error_at(CS_EDATA, NULL, 0, field, "cannot be set");
	if (!(fs = field_schema(kind, field)))
		return cs_error_at(CS_EDATA, NULL, 0, field, "is not a field of a %s entry", kind);
	if ((error = set_value(fs, field, eq + 1, &value)) < 0)
		return error;
	if (value->type == CS_NODE_SEQ && !strchr(field, '.')) {
		/* a list field grows with each --set */
		cs_node *list = cs_node_get(rec, field);
		size_t i;
		if (list && list->type == CS_NODE_SEQ) {
			for (i = 0; i < value->count; i++) {
				if ((error = cs_node_push(list, value->items[i])) < 0)
					goto fail;
				value->items[i] = NULL;
			}
			value->count = 0;
			cs_node_free(value);
			return 0;
		}
	}
	if ((dot = strchr(field, '.'))) {
		*dot = '\0';
		if (!(parent = cs_node_get(rec, field))) {
			if ((error = cs_node_set(rec, field, cs_node_new_map())) < 0)
				goto fail;
			parent = cs_node_get(rec, field);
		}
		if (strchr(dot + 1, '.') || parent->type != CS_NODE_MAP) {
			error = cs_error_at(CS_EDATA, NULL, 0, set, "cannot be set");
			goto fail;
		}
		return cs_node_set(parent, dot + 1, value);
	}
	return cs_node_set(rec, field, value);
fail:
	cs_node_free(value);
	return error;
}

static int fmt_now(const cs_time *now, char out[20])
{
	cs_time t = *now;
	t.second = 0;
	cs_time_format(&t, out);
	out[16] = '\0'; /* YYYY-MM-DDTHH:MM */
	return 0;
}

/* Fill lawyer/community from the options, $CS_LAWYER and the active pairing,
 * and check that what the record names exists. */
static int resolve_refs(struct args *a, cs_node *rec, const cs_kind *k, cs_day day)
{
	const char *lawyer = cs_node_get_str(rec, "lawyer");
	const char *community = cs_node_get_str(rec, "community");
	cs_node *l = NULL, *c = NULL, *p = NULL;
	int lawyer_optional = !strcmp(k->name, "visit") || !strcmp(k->name, "spot-check") ||
			      !strcmp(k->name, "feedback") || k->family == CS_KIND_MEETING;
	int error = 0;
	char d[11];
	cs_date_format(day, d);
	if (!lawyer && !lawyer_optional) {
		const char *env = getenv("CS_LAWYER");
		if (env && *env && (error = cs_node_set_str(rec, "lawyer", env)) < 0)
			goto cleanup;
		lawyer = cs_node_get_str(rec, "lawyer");
		if (!lawyer) {
			error = cs_error_at(CS_EUSAGE, NULL, 0, "lawyer",
					    "is required (--lawyer or $CS_LAWYER)");
			goto cleanup;
		}
	}
	if (lawyer && (error = cs_dir_get(a->store, NULL, "lawyer", lawyer, &l)) < 0)
		goto cleanup;
	if (!community && k->family != CS_KIND_MEETING) {
		if (!lawyer) {
			error = cs_error_at(CS_EUSAGE, NULL, 0, "community", "is required (--community)");
			goto cleanup;
		}
		if ((error = cs_pairing_find(a->store, NULL, lawyer, NULL, day, &p)) < 0)
			goto cleanup;
		if (!p) {
			error = cs_error_at(CS_EDATA, NULL, 0, "community",
					    "lawyer '%s' has no active pairing on %s; give --community",
					    lawyer, d);
			goto cleanup;
		}
		if ((error = cs_node_set_str(rec, "community",
					     cs_node_get_str(p, "community"))) < 0)
			goto cleanup;
		community = cs_node_get_str(rec, "community");
	}
	if (community && (error = cs_dir_get(a->store, NULL, "community", community, &c)) < 0)
		goto cleanup;
	/* the judicial office's visit or spot check: the community's office */
	if (c && (!strcmp(k->name, "visit") || !strcmp(k->name, "spot-check")) &&
	    !cs_node_get(rec, "office") && cs_node_get_str(c, "office") &&
	    (error = cs_node_set_str(rec, "office", cs_node_get_str(c, "office"))) < 0)
		goto cleanup;
	if (community && !lawyer && lawyer_optional && k->family != CS_KIND_MEETING) {
		/* an office's visit or check, a community's feedback: about its lawyer */
		if ((error = cs_pairing_find(a->store, NULL, NULL, community, day, &p)) < 0)
			goto cleanup;
		if (p && (error = cs_node_set_str(rec, "lawyer", cs_node_get_str(p, "lawyer"))) < 0)
			goto cleanup;
	} else if (community && lawyer && k->family == CS_KIND_LOG) {
		cs_node_free(p);
		p = NULL;
		if ((error = cs_pairing_find(a->store, NULL, lawyer, community, day, &p)) < 0)
			goto cleanup;
		if (!p) {
			error = cs_error_at(CS_EDATA, NULL, 0, "community",
					    "lawyer '%s' is not paired with '%s' on %s",
					    lawyer, community, d);
			goto cleanup;
		}
	}
cleanup:
	cs_node_free(l);
	cs_node_free(c);
	cs_node_free(p);
	return error;
}

/* Checks beyond the schema: times in order, the id's date is the entry's. */
static int check_entry(cs_node *rec, const cs_kind *k, cs_day *day)
{
	const char *date = cs_node_get_str(rec, "date");
	const char *start = cs_node_get_str(rec, "start"), *end = cs_node_get_str(rec, "end");
	const char *id = cs_node_get_str(rec, "id");
	int s, e;
	char compact[9];
	if (!date)
		return cs_error_at(CS_EDATA, NULL, 0, "date", "is required");
	if (cs_date_parse(date, day) < 0)
		return cs_error_at(CS_EDATA, NULL, 0, "date", "'%s' is not a date (YYYY-MM-DD)", date);
	if (start && cs_hhmm_parse(start, &s) < 0)
		return cs_error_at(CS_EDATA, NULL, 0, "start", "'%s' is not a time (HH:MM)", start);
	if (end && cs_hhmm_parse(end, &e) < 0)
		return cs_error_at(CS_EDATA, NULL, 0, "end", "'%s' is not a time (HH:MM)", end);
	if (start && end && e <= s)
		return cs_error_at(CS_EDATA, NULL, 0, "end", "%s is not after start %s", end, start);
	if (k->timed && (!start || !end))
		return cs_error_at(CS_EDATA, NULL, 0, start ? "end" : "start",
				   "is required for a %s entry (--start HH:MM --end HH:MM)", k->name);
	if (id) {
		snprintf(compact, sizeof(compact), "%.4s%.2s%.2s", date, date + 5, date + 8);
		if (!cs_id_valid(id))
			return cs_error_at(CS_EDATA, NULL, 0, "id", "'%s' is not an id (YYYYMMDD-xxxxxx)", id);
		if (strncmp(id, compact, 8) != 0)
			return cs_error_at(CS_EDATA, NULL, 0, "id", "'%s' does not begin with the date %s",
					   id, compact);
	}
	return 0;
}

static size_t line_of(const cs_node *rec, const char *field)
{
	const cs_node *v = cs_node_get(rec, field);
	return v ? v->line : 0;
}

/* Complete a new entry (id, lawyer, community, recorded_at) and check it. */
static int prepare_entry(struct args *a, cs_node *rec)
{
	const cs_kind *k = cs_kind_find(cs_node_get_str(rec, "kind"));
	char id[16];
	cs_day day;
	int error;
	if (!k || (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING))
		return cs_error_at(CS_EDATA, NULL, 0, "kind", "'%s' is not a kind of log entry",
				   cs_node_get_str(rec, "kind") ? cs_node_get_str(rec, "kind") : "");
	if ((error = check_entry(rec, k, &day)) < 0)
		return error;
	if (!cs_node_get(rec, "id")) {
		if ((error = cs_id_new(day, id)) < 0 ||
		    (error = cs_node_set_str(rec, "id", id)) < 0)
			return error;
	}
	if ((error = resolve_refs(a, rec, k, day)) < 0)
		return error;
	if (cs_node_get(rec, "signed_by")) {
		cs_node *c = NULL;
		const char *by = cs_node_get_str(rec, "signed_by");
		const char *community = cs_node_get_str(rec, "community");
		if (community && (error = cs_dir_get(a->store, NULL, "community", community, &c)) < 0)
			return error;
		if (!by || !c || !cs_dir_is_head(c, by)) {
			cs_node_free(c);
			return cs_error_at(CS_EDATA, NULL, line_of(rec, "signed_by"), "signed_by",
					   "'%s' is not a head of community '%s' (Art 11)",
					   by ? by : "", community ? community : "");
		}
		cs_node_free(c);
	}
	if (!cs_node_get(rec, "recorded_at")) {
		char now[20];
		fmt_now(&a->now, now);
		if ((error = cs_node_set_str(rec, "recorded_at", now)) < 0)
			return error;
	}
	return 0;
}

static int commit_entry(struct args *a, cs_node *rec, const char *command)
{
	cs_put put = { rec, 1 };
	cs_buf summary = CS_BUF_INIT;
	int error;
	if ((error = prepare_entry(a, rec)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Log %s %s", cs_node_get_str(rec, "kind"),
		      cs_node_get_str(rec, "id"));
	if ((error = cs_write_records(a->store, command, cs_buf_cstr(&summary), &put, 1,
				      NULL, NULL)) < 0)
		goto cleanup;
	printf("%s\n", cs_node_get_str(rec, "id"));
cleanup:
	cs_buf_free(&summary);
	return error;
}

/* One CSV record (RFC 4180) from *p; fields are appended to row (a sequence). */
static int csv_row(const char **p, const char *end, cs_node *row)
{
	cs_buf field = CS_BUF_INIT;
	int error = 0, more = 1;
	while (more && !error) {
		const char *s = *p;
		cs_buf_clear(&field);
		if (s < end && *s == '"') {
			s++;
			for (;;) {
				if (s >= end) {
					error = cs_error_set(CS_EDATA, "an unterminated quoted field");
					break;
				}
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"') {
						cs_buf_putc(&field, '"');
						s += 2;
						continue;
					}
					s++;
					break;
				}
				cs_buf_putc(&field, *s++);
			}
		} else {
			while (s < end && *s != ',' && *s != '\n' && *s != '\r')
				cs_buf_putc(&field, *s++);
		}
		if (!error)
			error = cs_node_push(row, cs_node_new_str(cs_buf_cstr(&field)));
		if (s < end && *s == ',') {
			s++;
		} else {
			if (s < end && *s == '\r')
				s++;
			if (s < end && *s == '\n')
				s++;
			more = 0;
		}
		*p = s;
	}
	cs_buf_free(&field);
	return error;
}

/* A progress bar on standard error: label [#####     ] 50% */
static void progress(const char *label, size_t done, size_t whole, int *last)
{
	int pct = whole ? (int)(done * 100 / whole) : 100, i;
	if (pct == *last)
		return;
	*last = pct;
	fprintf(stderr, "\r%s [", label);
	for (i = 0; i < 40; i++)
		fputc(i < pct * 40 / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%", pct);
	fflush(stderr);
}

static int cmd_import(struct args *a, const char *file)
{
	cs_buf in = CS_BUF_INIT, set = CS_BUF_INIT, summary = CS_BUF_INIT, name = CS_BUF_INIT;
	cs_node *header = NULL, *recs = NULL, *row = NULL;
	cs_put *puts = NULL;
	const char *p, *end;
	size_t i, line = 1, total = 0;
	int error, tty = isatty(STDERR_FILENO), kindcol = -1, shown = -1;
	if ((error = cs_buf_read_file(&in, file, 64 * 1024 * 1024)) < 0)
		goto cleanup;
	p = in.ptr;
	end = in.ptr + in.len;
	if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	if (!cs_utf8_valid(p, (size_t)(end - p))) {
		error = cs_error_set(CS_EDATA, "%s: not UTF-8", file);
		goto cleanup;
	}
	if (!(header = cs_node_new_seq()) || !(recs = cs_node_new_seq())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = csv_row(&p, end, header)) < 0)
		goto cleanup;
	for (i = 0; i < header->count; i++)
		if (!strcmp(header->items[i]->str, "kind"))
			kindcol = (int)i;
	if (kindcol < 0) {
		error = cs_error_at(CS_EDATA, file, 1, "kind", "the header has no 'kind' column");
		goto cleanup;
	}
	for (p = p; p < end; ) {
		const char *kind;
		cs_node *rec;
		line++;
		cs_node_free(row);
		if (!(row = cs_node_new_seq()) || (error = csv_row(&p, end, row)) < 0)
			goto row_error;
		if (row->count == 1 && !*row->items[0]->str)
			continue;
		if (row->count != header->count) {
			error = cs_error_at(CS_EDATA, file, line, NULL, "%zu fields, the header has %zu",
					    row->count, header->count);
			goto cleanup;
		}
		kind = row->items[kindcol]->str;
		{
			const cs_kind *k = cs_kind_find(kind);
			if (!k || (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING)) {
				error = cs_error_at(CS_EDATA, file, line, "kind",
						    "unknown kind '%s'", kind);
				goto cleanup;
			}
		}
		if (!(rec = cs_node_new_map()) || cs_node_push(recs, rec) < 0) {
			cs_node_free(rec);
			error = CS_ENOMEM;
			goto cleanup;
		}
		if ((error = cs_node_set_str(rec, "kind", kind)) < 0)
			goto cleanup;
		for (i = 0; i < header->count; i++) {
			const char *col = header->items[i]->str, *v = row->items[i]->str;
			if ((int)i == kindcol || !*v)
				continue;
			if (!strcmp(col, "id")) {
				error = cs_node_set_str(rec, "id", v);
			} else {
				cs_buf_clear(&set);
				cs_buf_printf(&set, "%s=%s", col, v);
				error = apply_set(rec, kind, cs_buf_cstr(&set));
			}
			if (error < 0)
				goto row_error;
		}
		if ((a->lawyer && !cs_node_get(rec, "lawyer") &&
		     (error = cs_node_set_str(rec, "lawyer", a->lawyer)) < 0) ||
		    (a->community && !cs_node_get(rec, "community") &&
		     (error = cs_node_set_str(rec, "community", a->community)) < 0))
			goto cleanup;
		if ((error = prepare_entry(a, rec)) < 0)
			goto row_error;
		cs_buf_clear(&name);
		cs_buf_printf(&name, "%s:%zu", file, line);
		if ((error = cs_record_validate(rec, cs_buf_cstr(&name), NULL)) < 0)
			goto cleanup;
		total++;
		if (tty)
			progress(_("checking"), (size_t)(p - in.ptr), in.len, &shown);
	}
	if (!total) {
		error = cs_error_set(CS_EDATA, "%s: no entries to import", file);
		goto cleanup;
	}
	if (!(puts = cs_calloc(total, sizeof(*puts)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < total; i++) {
		puts[i].rec = recs->items[i];
		puts[i].create = 1;
	}
	if (tty) {
		progress(_("checking"), in.len, in.len, &shown);
		fprintf(stderr, "\n%s\n", _("writing one commit..."));
	}
	cs_buf_printf(&summary, "Import %zu entries from %s", total,
		      strrchr(file, '/') ? strrchr(file, '/') + 1 : file);
	if ((error = cs_write_records(a->store, "cslog import", cs_buf_cstr(&summary), puts,
				      total, NULL, NULL)) < 0)
		goto cleanup;
	printf("%zu\n", total);
	goto cleanup;
row_error:
	{
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cs_error_last());
		error = cs_error_at(error == CS_EUSAGE ? CS_EDATA : error, file, line, NULL, "%s", msg);
	}
cleanup:
	if (tty && shown >= 0 && shown < 100 && error < 0)
		fputc('\n', stderr);
	cs_node_free(header);
	cs_node_free(recs);
	cs_node_free(row);
	free(puts);
	cs_buf_free(&in);
	cs_buf_free(&set);
	cs_buf_free(&summary);
	cs_buf_free(&name);
	return error;
}

static int build_entry(struct args *a, const char *kind, cs_node **out)
{
	cs_node *rec = cs_node_new_map(), *target = NULL;
	char today[11];
	size_t i;
	int error = 0;
	*out = NULL;
	if (!rec)
		return CS_ENOMEM;
	cs_date_format(a->now.day, today);
	if ((error = cs_node_set_str(rec, "kind", kind)) < 0 ||
	    (error = cs_node_set_str(rec, "date", a->date ? a->date : today)) < 0)
		goto fail;
#define OPT(key, v) if ((v) && (error = cs_node_set_str(rec, key, v)) < 0) goto fail
	OPT("start", a->start);
	OPT("end", a->end);
	OPT("community", a->community);
	OPT("lawyer", a->lawyer);
	OPT("channel", a->channel);
#undef OPT
	if (a->target_type || a->target_name || a->target_contact) {
		if (!(target = cs_node_new_map())) {
			error = CS_ENOMEM;
			goto fail;
		}
		if ((a->target_type && (error = cs_node_set_str(target, "type", a->target_type)) < 0) ||
		    (a->target_name && (error = cs_node_set_str(target, "name", a->target_name)) < 0) ||
		    (a->target_contact &&
		     (error = cs_node_set_str(target, "contact", a->target_contact)) < 0) ||
		    (error = cs_node_set(rec, "target", target)) < 0)
			goto fail;
		target = NULL;
	}
	if ((a->content && (error = cs_node_set_str(rec, "content", a->content)) < 0) ||
	    (a->result && (error = cs_node_set_str(rec, "result", a->result)) < 0))
		goto fail;
	if (!strcmp(kind, "request")) {
		/* a request's date and start are when it was received */
		char at[20];
		snprintf(at, sizeof(at), "%s%s%s", a->date ? a->date : today, "T",
			 a->start ? a->start : "00:00");
		if (!a->start) {
			char now[20];
			fmt_now(&a->now, now);
			if (!a->date || !strcmp(a->date, today))
				snprintf(at, sizeof(at), "%s", now);
		}
		if ((error = cs_node_set_str(rec, "received_at", at)) < 0)
			goto fail;
	}
	for (i = 0; i < a->nsets; i++)
		if ((error = apply_set(rec, kind, a->sets[i])) < 0)
			goto fail;
	*out = rec;
	return 0;
fail:
	cs_node_free(target);
	cs_node_free(rec);
	return error;
}

static int edit_entry(cs_node **rec)
{
	char path[] = "/tmp/cslog-XXXXXX.yaml";
	const char *editor = getenv("VISUAL");
	cs_buf text = CS_BUF_INIT, cmd = CS_BUF_INIT;
	cs_node *edited = NULL;
	int fd, error, st;
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	if ((error = cs_record_emit(*rec, &text)) < 0)
		return error;
	if ((fd = mkstemps(path, 5)) < 0) {
		cs_buf_free(&text);
		return cs_error_set(CS_ECANTCREAT, "cannot create a temporary file");
	}
	if (write(fd, text.ptr, text.len) != (ssize_t)text.len) {
		close(fd);
		error = cs_error_set(CS_EIO, "cannot write %s", path);
		goto cleanup;
	}
	close(fd);
	cs_buf_printf(&cmd, "%s '%s'", editor, path);
	st = system(cs_buf_cstr(&cmd));
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		error = cs_error_set(CS_EDATA, "the editor failed; nothing was logged");
		goto cleanup;
	}
	if ((error = cs_yaml_load_file(&edited, path)) < 0)
		goto cleanup;
	if (!edited) {
		error = cs_error_set(CS_EDATA, "the entry is empty; nothing was logged");
		goto cleanup;
	}
	cs_node_free(*rec);
	*rec = edited;
cleanup:
	unlink(path);
	cs_buf_free(&text);
	cs_buf_free(&cmd);
	return error;
}

static int cmd_add(struct args *a, const char *kind)
{
	cs_node *rec = NULL;
	cs_buf in = CS_BUF_INIT;
	const cs_kind *k;
	int error;
	if (!strcmp(kind, "-")) {
		if ((error = cs_buf_read_file(&in, "-", CS_YAML_MAX_BYTES)) < 0 ||
		    (error = cs_yaml_load(&rec, in.ptr, in.len, "<stdin>")) < 0)
			goto cleanup;
		if (!rec || rec->type != CS_NODE_MAP) {
			error = cs_error_set(CS_EDATA, "<stdin>: not one YAML mapping");
			goto cleanup;
		}
		if ((error = cs_record_validate(rec, "<stdin>", NULL)) < 0 && !cs_node_get(rec, "id"))
			cs_error_clear(), error = 0;
		else if (error < 0)
			goto cleanup;
	} else {
		k = cs_kind_find(kind);
		if (!k || (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING)) {
			error = cs_error_set(CS_EUSAGE, "unknown kind '%s' (see cslog(1))", kind);
			goto cleanup;
		}
		if ((error = build_entry(a, kind, &rec)) < 0)
			goto cleanup;
		if (a->edit && (error = edit_entry(&rec)) < 0)
			goto cleanup;
	}
	error = commit_entry(a, rec, "cslog add");
cleanup:
	cs_node_free(rec);
	cs_buf_free(&in);
	return error;
}

static int find_entry(struct args *a, const char *prefix, cs_buf *path, cs_node **rec)
{
	int error = cs_id_lookup(a->store, NULL, "records/log", prefix, path);
	if (error == CS_ENOTFOUND)
		error = cs_id_lookup(a->store, NULL, "records/meetings", prefix, path);
	if (error == CS_ENOTFOUND)
		error = cs_error_set(CS_ENOTFOUND, "no log entry with id '%s'", prefix);
	if (!error)
		error = cs_store_read_record(a->store, NULL, cs_buf_cstr(path), rec);
	return error;
}

/* Filing a lawyer's monthly report seals that lawyer's entries of the
 * month (DESIGN 4, 5): from then on only cslog amend changes them. */
static int sealed(struct args *a, const cs_node *rec)
{
	const char *lawyer = cs_node_get_str(rec, "lawyer"), *date = cs_node_get_str(rec, "date");
	cs_buf path = CS_BUF_INIT, blob = CS_BUF_INIT;
	int error;
	if (!lawyer || !date || strlen(date) < 7)
		return 0;
	cs_buf_printf(&path, "records/reports/%.7s/lawyer-%s.yaml", date, lawyer);
	error = cs_store_read_blob(a->store, NULL, cs_buf_cstr(&path), &blob);
	cs_buf_free(&blob);
	cs_buf_free(&path);
	cs_error_clear();
	if (error == 0)
		return cs_error_set(CS_EDATA,
				    "%s: %.7s is sealed by %s's filed monthly report; change it with cslog amend",
				    cs_node_get_str(rec, "id"), date, lawyer);
	return 0;
}

static int print_record(struct args *a, const cs_node *rec)
{
	cs_buf out = CS_BUF_INIT;
	int error;
	if (a->format == CS_FMT_TEXT || a->format == CS_FMT_YAML || a->format == CS_FMT_JSON)
		error = cli_tree(&out, rec, a->format == CS_FMT_JSON ? CS_FMT_JSON : CS_FMT_YAML);
	else
		error = cs_error_set(CS_EUSAGE, "show prints text, yaml or json");
	if (!error)
		error = print_buf(&out);
	cs_buf_free(&out);
	return error;
}

static int cmd_show(struct args *a, const char *id)
{
	cs_buf path = CS_BUF_INIT;
	cs_node *rec = NULL;
	int error = find_entry(a, id, &path, &rec);
	if (!error)
		error = print_record(a, rec);
	cs_node_free(rec);
	cs_buf_free(&path);
	return error;
}

struct list_ctx {
	struct args *a;
	cs_day since, until;
	int has_since, has_until;
	char month[8];   /* "/YYYY/MM/" filter on paths, or "" */
	cs_node *all;
	cs_table t;
};

static int list_one(void *vctx, const char *path, const char *data, size_t len)
{
	struct list_ctx *ctx = vctx;
	struct args *a = ctx->a;
	cs_node *rec = NULL;
	const char *v, *kind;
	cs_day day;
	int error;
	if (*ctx->month && !strstr(path, ctx->month))
		return 0;
	if ((error = cs_yaml_load(&rec, data, len, path)) < 0)
		return error;
	if (!rec || rec->type != CS_NODE_MAP)
		goto skip;
	kind = cs_node_get_str(rec, "kind");
	if (a->kind && (!kind || strcmp(kind, a->kind)))
		goto skip;
	if (a->community && ((v = cs_node_get_str(rec, "community")) == NULL || strcmp(v, a->community)))
		goto skip;
	if (a->lawyer && ((v = cs_node_get_str(rec, "lawyer")) == NULL || strcmp(v, a->lawyer)))
		goto skip;
	if (a->unsigned_only && (cs_node_get_str(rec, "signed_by") || cs_node_get(rec, "voided_at")))
		goto skip;
	v = cs_node_get_str(rec, "date");
	if (!v || cs_date_parse(v, &day) < 0) {
		cs_error_clear();
		goto skip;
	}
	if ((ctx->has_since && day < ctx->since) || (ctx->has_until && day > ctx->until))
		goto skip;
	return cs_node_push(ctx->all, rec);
skip:
	cs_node_free(rec);
	return error;
}

static int by_time(const void *va, const void *vb)
{
	const cs_node *a = *(cs_node *const *)va, *b = *(cs_node *const *)vb;
	static const char *keys[] = { "date", "start", "id" };
	size_t i;
	int d;
	for (i = 0; i < 3; i++) {
		const char *x = cs_node_get_str(a, keys[i]), *y = cs_node_get_str(b, keys[i]);
		if ((d = strcmp(x ? x : "", y ? y : "")))
			return d;
	}
	return 0;
}

static int list_row(cs_table *t, const cs_node *rec)
{
	const char *content = cs_node_get_str(rec, "content");
	const char *kind = cs_node_get_str(rec, "kind");
	char when[16], summary[128];
	snprintf(when, sizeof(when), "%s%s%s", cs_node_get_str(rec, "start") ?
		 cs_node_get_str(rec, "start") : "", cs_node_get_str(rec, "end") ? "-" : "",
		 cs_node_get_str(rec, "end") ? cs_node_get_str(rec, "end") : "");
	summary[0] = '\0';
	if (content) {
		size_t n = cs_utf8_prefix_for_width(content, 30);
		const char *nl = memchr(content, '\n', n);
		if (nl)
			n = (size_t)(nl - content);
		if (n >= sizeof(summary) - 4)
			n = sizeof(summary) - 4;
		memcpy(summary, content, n);
		strcpy(summary + n, n < strlen(content) ? "…" : "");
	}
	{
		const char *cells[8] = {
			cs_node_get_str(rec, "id"), cs_node_get_str(rec, "date"), when,
			kind ? cli_kind_label(kind) : NULL,
			cs_node_get_str(rec, "community"), cs_node_get_str(rec, "lawyer"),
			cs_node_get(rec, "voided_at") ? _("(void)") :
			(cs_node_get_str(rec, "signed_by") ? cs_node_get_str(rec, "signed_by") : "-"),
			summary
		};
		return cs_table_row(t, cells);
	}
}

static int cmd_list(struct args *a)
{
	struct list_ctx ctx;
	cs_buf dir = CS_BUF_INIT, out = CS_BUF_INIT;
	int error = 0, y, m;
	memset(&ctx, 0, sizeof(ctx));
	ctx.a = a;
	cs_table_init(&ctx.t);
	if (a->kind && !cs_kind_find(a->kind))
		return cs_error_set(CS_EUSAGE, "unknown kind '%s'", a->kind);
	if (a->since && cs_date_parse(a->since, &ctx.since) < 0)
		return cs_error_set(CS_EUSAGE, "--since: '%s' is not a date", a->since);
	if (a->until && cs_date_parse(a->until, &ctx.until) < 0)
		return cs_error_set(CS_EUSAGE, "--until: '%s' is not a date", a->until);
	ctx.has_since = !!a->since;
	ctx.has_until = !!a->until;
	if (a->month) {
		if (cs_month_parse(a->month, &y, &m) < 0)
			return cs_error_set(CS_EUSAGE, "--month: '%s' is not a month (YYYY-MM)", a->month);
		snprintf(ctx.month, sizeof(ctx.month), "/%04d/", y);
		if (!a->since || cs_date_from_ymd(y, m, 1) > ctx.since)
			ctx.since = cs_date_from_ymd(y, m, 1);
		if (!a->until || cs_date_from_ymd(y, m, cs_date_days_in_month(y, m)) < ctx.until)
			ctx.until = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
		ctx.has_since = ctx.has_until = 1;
	}
	if (a->community) {
		cs_node *c = NULL;
		if ((error = cs_dir_get(a->store, NULL, "community", a->community, &c)) < 0)
			return error;
		cs_node_free(c);
	}
	if (!(ctx.all = cs_node_new_seq()))
		return CS_ENOMEM;
	cs_table_col(&ctx.t, "id", _("id"), 0);
	cs_table_col(&ctx.t, "date", _("date"), 0);
	cs_table_col(&ctx.t, "time", _("time"), 0);
	cs_table_col(&ctx.t, "kind", _("kind"), 0);
	cs_table_col(&ctx.t, "community", _("community"), 0);
	cs_table_col(&ctx.t, "lawyer", _("lawyer"), 0);
	cs_table_col(&ctx.t, "signed_by", _("signed by"), 0);
	cs_table_col(&ctx.t, "content", _("content"), 0);
	if (!a->kind || strcmp(a->kind, "meeting")) {
		if (a->community)
			cs_buf_printf(&dir, "records/log/%s", a->community);
		else
			cs_buf_puts(&dir, "records/log");
		error = cs_store_walk(a->store, NULL, cs_buf_cstr(&dir), list_one, &ctx);
		if (error == CS_ENOTFOUND)
			error = 0;
	}
	if (!error && (!a->kind || !strcmp(a->kind, "meeting")) && !a->community) {
		error = cs_store_walk(a->store, NULL, "records/meetings", list_one, &ctx);
		if (error == CS_ENOTFOUND)
			error = 0;
	}
	if (error < 0)
		goto cleanup;
	if (ctx.all->count > 1)
		qsort(ctx.all->items, ctx.all->count, sizeof(cs_node *), by_time);
	if (a->format != CS_FMT_JSON && a->format != CS_FMT_YAML) {
		size_t i;
		for (i = 0; i < ctx.all->count && !error; i++)
			error = list_row(&ctx.t, ctx.all->items[i]);
		if (error < 0)
			goto cleanup;
	}
	if (a->format == CS_FMT_JSON || a->format == CS_FMT_YAML)
		error = cli_tree(&out, ctx.all, a->format);
	else
		error = cs_table_render(&ctx.t, a->format, &out);
	if (!error)
		error = print_buf(&out);
cleanup:
	cs_node_free(ctx.all);
	cs_table_free(&ctx.t);
	cs_buf_free(&dir);
	cs_buf_free(&out);
	return error;
}

/* Rewrite existing entries as one commit. */
static int rewrite(struct args *a, const char *command, const char *summary,
		   cs_node **recs, size_t n, const char *const *trailers)
{
	cs_put *puts = cs_calloc(n, sizeof(*puts));
	size_t i;
	int error;
	if (!puts)
		return CS_ENOMEM;
	for (i = 0; i < n; i++) {
		puts[i].rec = recs[i];
		puts[i].create = 0;
	}
	error = cs_write_records(a->store, command, summary, puts, n, trailers, NULL);
	free(puts);
	return error;
}

static int cmd_sign(struct args *a, char **ids, int nids)
{
	cs_node **recs = cs_calloc((size_t)nids, sizeof(*recs)), *c = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	char now[20];
	int i, error = 0;
	if (!recs)
		return CS_ENOMEM;
	if (!a->by) {
		error = cs_error_set(CS_EUSAGE, "--by NAME is required");
		goto cleanup;
	}
	fmt_now(&a->now, now);
	for (i = 0; i < nids; i++) {
		const char *community, *signed_by;
		cs_buf_clear(&path);
		if ((error = find_entry(a, ids[i], &path, &recs[i])) < 0)
			goto cleanup;
		community = cs_node_get_str(recs[i], "community");
		if (!community) {
			error = cs_error_set(CS_EDATA, "%s: has no community to sign for", ids[i]);
			goto cleanup;
		}
		cs_node_free(c);
		c = NULL;
		if ((error = cs_dir_get(a->store, NULL, "community", community, &c)) < 0)
			goto cleanup;
		if (!cs_dir_is_head(c, a->by)) {
			error = cs_error_at(CS_EDATA, cs_buf_cstr(&path), 0, "signed_by",
					    "'%s' is not a head of community '%s' (Art 11)",
					    a->by, community);
			goto cleanup;
		}
		if (cs_node_get(recs[i], "voided_at")) {
			error = cs_error_set(CS_EDATA, "%s: the entry is void", ids[i]);
			goto cleanup;
		}
		if ((signed_by = cs_node_get_str(recs[i], "signed_by"))) {
			error = cs_error_set(CS_EDATA, "%s: signed already by %s",
					     cs_node_get_str(recs[i], "id"), signed_by);
			goto cleanup;
		}
		if ((error = cs_node_set_str(recs[i], "signed_by", a->by)) < 0 ||
		    (error = cs_node_set_str(recs[i], "signed_at", now)) < 0)
			goto cleanup;
	}
	if (nids == 1)
		cs_buf_printf(&summary, "Sign %s", cs_node_get_str(recs[0], "id"));
	else
		cs_buf_printf(&summary, "Sign %d entries", nids);
	error = rewrite(a, "cslog sign", cs_buf_cstr(&summary), recs, (size_t)nids, NULL);
cleanup:
	for (i = 0; i < nids; i++)
		cs_node_free(recs[i]);
	free(recs);
	cs_node_free(c);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

static int cmd_accept(struct args *a, const char *id)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	cs_time at, received;
	char when[20];
	const char *r;
	int error;
	if ((error = find_entry(a, id, &path, &rec)) < 0)
		goto cleanup;
	if (strcmp(cs_node_get_str(rec, "kind"), "request") != 0) {
		error = cs_error_set(CS_EDATA, "%s: only a request is accepted, not a %s", id,
				     cs_node_get_str(rec, "kind"));
		goto cleanup;
	}
	if (cs_node_get(rec, "accepted_at")) {
		error = cs_error_set(CS_EDATA, "%s: accepted already at %s", id,
				     cs_node_get_str(rec, "accepted_at"));
		goto cleanup;
	}
	if (cs_node_get(rec, "signed_by")) {
		error = cs_error_set(CS_EDATA, "%s: signed; change it with cslog amend", id);
		goto cleanup;
	}
	/* no sealed() check: Art 10's two working days may end after the
	 * Art 18 filing day, and accepting is the request's own course */
	if (a->on) {
		if (cs_datetime_parse(a->on, &at) < 0) {
			error = cs_error_set(CS_EUSAGE, "--on: '%s' is not DATE[THH:MM]", a->on);
			goto cleanup;
		}
		if (at.minute < 0)
			at.minute = 0;
		at.second = 0;
	} else {
		at = a->now;
	}
	fmt_now(&at, when);
	if ((r = cs_node_get_str(rec, "received_at")) && cs_datetime_parse(r, &received) == 0) {
		if (received.minute < 0)
			received.minute = 0;
		if (at.day < received.day || (at.day == received.day && at.minute < received.minute)) {
			error = cs_error_at(CS_EDATA, cs_buf_cstr(&path), 0, "accepted_at",
					    "%s is before the request was received (%s)", when, r);
			goto cleanup;
		}
	}
	if ((error = cs_node_set_str(rec, "accepted_at", when)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Accept request %s (Art 10)", cs_node_get_str(rec, "id"));
	error = rewrite(a, "cslog accept", cs_buf_cstr(&summary), &rec, 1, NULL);
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

static int cmd_amend(struct args *a, const char *id)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	const cs_kind *k;
	cs_day day;
	size_t i;
	int error;
	if (!a->nsets || !a->reason) {
		error = cs_error_set(CS_EUSAGE, "amend needs --set FIELD=VALUE and --reason TEXT");
		goto cleanup;
	}
	if ((error = find_entry(a, id, &path, &rec)) < 0)
		goto cleanup;
	for (i = 0; i < a->nsets; i++) {
		static const char *fixed[] = { "community=", "date=", "signed_by=", "signed_at=",
					       "voided_at=", "recorded_at=", NULL };
		size_t j;
		for (j = 0; fixed[j]; j++)
			if (!strncmp(a->sets[i], fixed[j], strlen(fixed[j]))) {
				error = cs_error_at(CS_EDATA, NULL, 0, a->sets[i],
						    "cannot be amended (void the entry and log it again)");
				goto cleanup;
			}
		if ((error = apply_set(rec, cs_node_get_str(rec, "kind"), a->sets[i])) < 0)
			goto cleanup;
	}
	k = cs_kind_find(cs_node_get_str(rec, "kind"));
	if (k && (error = check_entry(rec, k, &day)) < 0)
		goto cleanup;
	cs_node_remove(rec, "signed_by");
	cs_node_remove(rec, "signed_at");
	cs_buf_printf(&summary, "Amend %s", cs_node_get_str(rec, "id"));
	{
		const char *trailers[] = { "Cs-Amends", cs_node_get_str(rec, "id"),
					   "Cs-Reason", a->reason, NULL };
		error = rewrite(a, "cslog amend", cs_buf_cstr(&summary), &rec, 1, trailers);
	}
	if (!error)
		printf("%s\n", cs_node_get_str(rec, "id"));
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

static int cmd_void(struct args *a, const char *id)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	char now[20];
	int error;
	if (!a->reason) {
		error = cs_error_set(CS_EUSAGE, "--reason TEXT is required");
		goto cleanup;
	}
	if ((error = find_entry(a, id, &path, &rec)) < 0)
		goto cleanup;
	if (cs_node_get(rec, "voided_at")) {
		error = cs_error_set(CS_EDATA, "%s: void already", id);
		goto cleanup;
	}
	if ((error = sealed(a, rec)) < 0)
		goto cleanup;
	fmt_now(&a->now, now);
	if ((error = cs_node_set_str(rec, "voided_at", now)) < 0 ||
	    (error = cs_node_set_str(rec, "void_reason", a->reason)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Void %s", cs_node_get_str(rec, "id"));
	{
		const char *trailers[] = { "Cs-Reason", a->reason, NULL };
		error = rewrite(a, "cslog void", cs_buf_cstr(&summary), &rec, 1, trailers);
	}
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

/* Flatten a record into "key.sub" -> text pairs (sequences as "a, b"). */
static int flatten(const cs_node *n, const char *prefix, cs_node *out)
{
	cs_buf key = CS_BUF_INIT, text = CS_BUF_INIT;
	size_t i;
	int error = 0;
	if (!n)
		return 0;
	if (n->type == CS_NODE_MAP) {
		for (i = 0; i < n->count && !error; i++) {
			cs_buf_clear(&key);
			cs_buf_printf(&key, "%s%s%s", prefix, *prefix ? "." : "", n->pairs[i].key);
			error = flatten(n->pairs[i].value, cs_buf_cstr(&key), out);
		}
	} else if (n->type == CS_NODE_SEQ) {
		for (i = 0; i < n->count; i++)
			cs_buf_printf(&text, "%s%s", i ? ", " : "",
				      n->items[i]->type == CS_NODE_SCALAR ? n->items[i]->str : "...");
		error = cs_node_set_str(out, prefix, cs_buf_cstr(&text));
	} else {
		error = cs_node_set_str(out, prefix, n->str);
	}
	cs_buf_free(&key);
	cs_buf_free(&text);
	return error;
}

struct history_ctx {
	cs_node *events;
};

static int history_one(void *vctx, const cs_history_entry *e)
{
	struct history_ctx *ctx = vctx;
	cs_node *old = NULL, *now = NULL, *fo = NULL, *fn = NULL, *ev = NULL, *changes = NULL;
	char when[20], buf[256];
	const char *eol;
	cs_time t;
	size_t i;
	int error = CS_ENOMEM;
	long long local = e->time + (long long)e->offset * 60;
	if (e->old_data && cs_yaml_load(&old, e->old_data, e->old_len, "old") < 0)
		cs_error_clear();
	if (e->new_data && cs_yaml_load(&now, e->new_data, e->new_len, "new") < 0)
		cs_error_clear();
	if (!(fo = cs_node_new_map()) || !(fn = cs_node_new_map()) ||
	    !(ev = cs_node_new_map()) || !(changes = cs_node_new_seq()))
		goto cleanup;
	if ((error = flatten(old, "", fo)) < 0 || (error = flatten(now, "", fn)) < 0)
		goto cleanup;
	t.day = (cs_day)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	t.minute = (int)((local - (long long)t.day * 86400) / 60);
	t.second = (int)((local - (long long)t.day * 86400) % 60);
	cs_time_format(&t, when);
	cs_node_set_str(ev, "commit", e->commit);
	cs_node_set_str(ev, "author", e->author);
	cs_node_set_str(ev, "time", when);
	eol = strchr(e->message, '\n');
	snprintf(buf, sizeof(buf), "%.*s", eol ? (int)(eol - e->message) : (int)strlen(e->message),
		 e->message);
	cs_node_set_str(ev, "summary", buf);
	cs_node_set(ev, "command", cs_commit_trailer(e->message, "Cs-Command", buf, sizeof(buf)) ?
		    cs_node_new_str(buf) : cs_node_new_null());
	if (cs_commit_trailer(e->message, "Cs-Reason", buf, sizeof(buf)))
		cs_node_set_str(ev, "reason", buf);
	for (i = 0; i < fo->count + fn->count; i++) {
		const cs_pair *p = i < fo->count ? &fo->pairs[i] : &fn->pairs[i - fo->count];
		const char *a = cs_node_get_str(fo, p->key), *b = cs_node_get_str(fn, p->key);
		cs_node *c;
		if (i >= fo->count && cs_node_get(fo, p->key))
			continue;
		if (a && b && !strcmp(a, b))
			continue;
		if (!(c = cs_node_new_map()) || cs_node_push(changes, c) < 0) {
			cs_node_free(c);
			error = CS_ENOMEM;
			goto cleanup;
		}
		cs_node_set_str(c, "field", p->key);
		cs_node_set(c, "old", a ? cs_node_new_str(a) : cs_node_new_null());
		cs_node_set(c, "new", b ? cs_node_new_str(b) : cs_node_new_null());
	}
	if ((error = cs_node_set(ev, "changes", changes)) < 0)
		goto cleanup;
	changes = NULL;
	error = cs_node_push(ctx->events, ev);
	if (!error)
		ev = NULL;
cleanup:
	cs_node_free(old);
	cs_node_free(now);
	cs_node_free(fo);
	cs_node_free(fn);
	cs_node_free(ev);
	cs_node_free(changes);
	return error;
}

static int cmd_history(struct args *a, const char *id)
{
	struct history_ctx ctx;
	cs_buf path = CS_BUF_INIT, out = CS_BUF_INIT;
	cs_node *rec = NULL;
	size_t i, j;
	int error;
	ctx.events = NULL;
	if ((error = find_entry(a, id, &path, &rec)) < 0)
		goto cleanup;
	if (!(ctx.events = cs_node_new_seq())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = cs_store_history(a->store, NULL, cs_buf_cstr(&path), history_one, &ctx)) < 0)
		goto cleanup;
	if (a->format == CS_FMT_JSON || a->format == CS_FMT_YAML) {
		error = cli_tree(&out, ctx.events, a->format);
	} else if (a->format == CS_FMT_TEXT) {
		for (i = 0; i < ctx.events->count && !error; i++) {
			const cs_node *ev = ctx.events->items[i], *ch = cs_node_get(ev, "changes");
			const char *reason = cs_node_get_str(ev, "reason");
			cs_buf_printf(&out, "%.12s  %s  %s  %s\n", cs_node_get_str(ev, "commit"),
				      cs_node_get_str(ev, "time"), cs_node_get_str(ev, "author"),
				      cs_node_get_str(ev, "summary"));
			if (reason)
				cs_buf_printf(&out, "    %s: %s\n", _("reason"), reason);
			for (j = 0; ch && j < ch->count; j++) {
				const char *o = cs_node_get_str(ch->items[j], "old");
				const char *n = cs_node_get_str(ch->items[j], "new");
				cs_buf_printf(&out, "    %s: %s -> %s\n",
					      cs_node_get_str(ch->items[j], "field"),
					      o ? o : "-", n ? n : "-");
			}
		}
	} else {
		error = cs_error_set(CS_EUSAGE, "history prints text, yaml or json");
	}
	if (!error)
		error = print_buf(&out);
cleanup:
	cs_node_free(rec);
	cs_node_free(ctx.events);
	cs_buf_free(&path);
	cs_buf_free(&out);
	return error;
}

static const struct option opts[] = {
	{ "community", required_argument, NULL, 'c' },
	{ "lawyer", required_argument, NULL, 'l' },
	{ "date", required_argument, NULL, 'd' },
	{ "start", required_argument, NULL, 's' },
	{ "end", required_argument, NULL, 'E' },
	{ "channel", required_argument, NULL, 'n' },
	{ "target-type", required_argument, NULL, 't' },
	{ "target-name", required_argument, NULL, 'N' },
	{ "target-contact", required_argument, NULL, 'T' },
	{ "content", required_argument, NULL, 'x' },
	{ "result", required_argument, NULL, 'r' },
	{ "set", required_argument, NULL, 'S' },
	{ "kind", required_argument, NULL, 'k' },
	{ "since", required_argument, NULL, 'a' },
	{ "until", required_argument, NULL, 'u' },
	{ "month", required_argument, NULL, 'm' },
	{ "unsigned", no_argument, NULL, 'U' },
	{ "by", required_argument, NULL, 'b' },
	{ "on", required_argument, NULL, 'o' },
	{ "reason", required_argument, NULL, 'R' },
	{ "format", required_argument, NULL, 'F' },
	{ "edit", no_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

int main(int argc, char **argv)
{
	struct args a;
	char *operands[256];
	int nops = 0, c, status = 0, error = 0;
	const char *verb;

	cli_init("cslog");
	memset(&a, 0, sizeof(a));
	/* options may come before and after the verb; "-" is an operand */
	while (optind < argc) {
		if ((c = getopt_long(argc, argv, "-C:eh", opts, NULL)) == -1)
			break;
		switch (c) {
		case 1:
			if (nops == (int)(sizeof(operands) / sizeof(operands[0])))
				return cli_usage(_("too many arguments"));
			operands[nops++] = optarg;
			break;
		case 'c': a.community = optarg; break;
		case 'l': a.lawyer = optarg; break;
		case 'd': a.date = optarg; break;
		case 's': a.start = optarg; break;
		case 'E': a.end = optarg; break;
		case 'n': a.channel = optarg; break;
		case 't': a.target_type = optarg; break;
		case 'N': a.target_name = optarg; break;
		case 'T': a.target_contact = optarg; break;
		case 'x': a.content = optarg; break;
		case 'r': a.result = optarg; break;
		case 'S':
			if (a.nsets == MAX_SETS)
				return cli_usage(_("too many --set options"));
			a.sets[a.nsets++] = optarg;
			break;
		case 'k': a.kind = optarg; break;
		case 'a': a.since = optarg; break;
		case 'u': a.until = optarg; break;
		case 'm': a.month = optarg; break;
		case 'U': a.unsigned_only = 1; break;
		case 'b': a.by = optarg; break;
		case 'o': a.on = optarg; break;
		case 'R': a.reason = optarg; break;
		case 'F':
			if ((status = cli_format(optarg, &a.format)) != 0)
				return status;
			break;
		case 'e': a.edit = 1; break;
		case 'C': a.dir = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': return cli_version();
		default: return cli_usage(_("unknown option"));
		}
	}
	while (optind < argc && nops < 256)
		operands[nops++] = argv[optind++];
	if (nops == 0)
		return cli_usage(_("a command is required"));
	verb = operands[0];
	if (!strcmp(verb, "add") || !strcmp(verb, "show") || !strcmp(verb, "accept") ||
	    !strcmp(verb, "amend") || !strcmp(verb, "void") || !strcmp(verb, "history") ||
	    !strcmp(verb, "import")) {
		if (nops != 2)
			return cli_usage(nops < 2 ? _("%s: an operand is required")
						  : _("%s: too many arguments"), verb);
	} else if (!strcmp(verb, "list")) {
		if (nops != 1)
			return cli_usage(_("%s: too many arguments"), verb);
	} else if (!strcmp(verb, "sign")) {
		if (nops < 2)
			return cli_usage(_("%s: an operand is required"), verb);
	} else {
		return cli_usage(_("unknown command '%s'"), verb);
	}
	if (a.channel && strcmp(a.channel, "in-person") && strcmp(a.channel, "phone") &&
	    strcmp(a.channel, "email") && strcmp(a.channel, "online"))
		return cli_usage(_("--channel: '%s' is not in-person, phone, email or online"),
				 a.channel);
	if (a.edit && strcmp(verb, "add"))
		return cli_usage(_("-e applies to add only"));
	if ((error = cs_now(&a.now)) < 0)
		return cli_fail(error);
	if ((status = cli_open(&a.store, a.dir)) != 0)
		return status;
	if (!strcmp(verb, "add"))
		error = cmd_add(&a, operands[1]);
	else if (!strcmp(verb, "list"))
		error = cmd_list(&a);
	else if (!strcmp(verb, "show"))
		error = cmd_show(&a, operands[1]);
	else if (!strcmp(verb, "sign"))
		error = cmd_sign(&a, operands + 1, nops - 1);
	else if (!strcmp(verb, "accept"))
		error = cmd_accept(&a, operands[1]);
	else if (!strcmp(verb, "amend"))
		error = cmd_amend(&a, operands[1]);
	else if (!strcmp(verb, "void"))
		error = cmd_void(&a, operands[1]);
	else if (!strcmp(verb, "import"))
		error = cmd_import(&a, operands[1]);
	else
		error = cmd_history(&a, operands[1]);
	if (error < 0)
		status = error == CS_EUSAGE ? cli_usage("%s", cs_error_last()) : cli_fail(error);
	cs_store_free(a.store);
	cs_record_cleanup();
	return status;
}
