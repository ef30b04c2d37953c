#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "validate.h"
#include "entry.h"
#include "error.h"
#include "pairing.h"
#include "record.h"
#include "write.h"
#include "yaml.h"
#include "snapshot_impl.h"

static const char *const owned[] = {
	"signed_by", "signed_at", "accepted_at", "voided_at", "void_reason", "late_reason",
	"recorded_at", NULL
};

int cs_entry_field_owned(const char *field)
{
	size_t i;
	for (i = 0; owned[i]; i++)
		if (!strcmp(owned[i], field))
			return 1;
	return 0;
}

static const char *owner(const char *field)
{
	if (!strncmp(field, "signed_", 7))
		return "cslog sign";
	if (!strcmp(field, "accepted_at"))
		return "cslog accept";
	if (!strncmp(field, "void", 4))
		return "cslog void";
	if (!strcmp(field, "late_reason"))
		return "cslog add --late --reason";
	return "the command itself";
}

int cs_entry_refuse_owned(const cs_node *rec, const char *source)
{
	size_t i;
	for (i = 0; rec && rec->type == CS_NODE_MAP && i < rec->count; i++)
		if (cs_entry_field_owned(rec->pairs[i].key))
			return cs_error_at(CS_EDATA, source, rec->pairs[i].value->line,
					   rec->pairs[i].key, "is set only by %s, not given",
					   owner(rec->pairs[i].key));
	return 0;
}

/* The schema's description of field (a dotted path) for kind, or NULL. */
static const cs_node *field_schema(const cs_schema_set *set, const char *kind, const char *field)
{
	cs_schema *schema = cs_record_schema(set, kind);
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

static const char *schema_type(const cs_node *fs)
{
	const cs_node *t = fs ? cs_node_get(fs, "type") : NULL;
	return t && t->type == CS_NODE_SCALAR ? t->str : NULL;
}

static int is_type(const cs_node *fs, const char *type)
{
	const char *t = schema_type(fs);
	return t && !strcmp(t, type);
}

/* The value of FIELD=VALUE as a node of the field's type. */
static int typed_value(const cs_node *fs, const char *field, const char *value, cs_node **out)
{
	*out = NULL;
	if (is_type(fs, "integer") || is_type(fs, "number") || is_type(fs, "boolean")) {
		*out = cs_node_new_plain(value);
		if (*out && cs_node_scalar_kind(*out) == CS_SCALAR_STRING) {
			cs_node_free(*out);
			*out = NULL;
			return cs_error_at(CS_EDATA, NULL, 0, field, "'%s' is not of type %s", value,
					   schema_type(fs));
		}
	} else if (is_type(fs, "array")) {
		const char *p = value, *comma;
		if (!(*out = cs_node_new_seq()))
			return CS_ENOMEM;
		while (*p) {
			if (!(comma = strchr(p, ',')))
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

/* Append the items of a list value to the list already there; frees value. */
static int grow_list(cs_node *list, cs_node *value)
{
	size_t i;
	int error = 0;
	for (i = 0; i < value->count && !error; i++) {
		if ((error = cs_node_push(list, value->items[i])) == 0)
			value->items[i] = NULL;
	}
	cs_node_free(value);
	return error;
}

int cs_entry_set(const cs_schema_set *set, cs_node *rec, const char *kind, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	char field[128], *dot;
	const cs_node *fs;
	cs_node *value = NULL, *parent = rec, *list;
	int error;
	if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof(field))
		return cs_error_set(CS_EUSAGE, "--set: '%s' is not FIELD=VALUE", assignment);
	memcpy(field, assignment, (size_t)(eq - assignment));
	field[eq - assignment] = '\0';
	if (!strcmp(field, "kind") || !strcmp(field, "id"))
		return cs_error_at(CS_EDATA, NULL, 0, field, "cannot be set");
	if (cs_entry_field_owned(field))
		return cs_error_at(CS_EDATA, NULL, 0, field, "is set only by %s, not by --set",
				   owner(field));
	cs_error_clear();
	if (!(fs = field_schema(set, kind, field))) {
		/* the kind's schema could not be compiled for want of memory */
		if (cs_error_code() == CS_ENOMEM)
			return CS_ENOMEM;
		return cs_error_at(CS_EDATA, NULL, 0, field, "is not a field of a %s entry", kind);
	}
	if ((error = typed_value(fs, field, eq + 1, &value)) < 0)
		return error;
	if (value->type == CS_NODE_SEQ && !strchr(field, '.') &&
	    (list = cs_node_get(rec, field)) && list->type == CS_NODE_SEQ)
		return grow_list(list, value);
	if ((dot = strchr(field, '.'))) {
		*dot = '\0';
		if (!(parent = cs_node_get(rec, field))) {
			if ((error = cs_node_set(rec, field, cs_node_new_map())) < 0)
				goto fail;
			parent = cs_node_get(rec, field);
		}
		if (strchr(dot + 1, '.') || parent->type != CS_NODE_MAP) {
			error = cs_error_at(CS_EDATA, NULL, 0, assignment, "cannot be set");
			goto fail;
		}
		return cs_node_set(parent, dot + 1, value);
	}
	return cs_node_set(rec, field, value);
fail:
	cs_node_free(value);
	return error;
}

int cs_entry_fields(const cs_schema_set *set, const char *kind, cs_node **out)
{
	cs_schema *schema = cs_record_schema(set, kind);
	const cs_node *props = schema ? cs_node_get(cs_schema_root(schema), "properties") : NULL;
	cs_buf b = CS_BUF_INIT;
	size_t i;
	int error = 0;
	if (!(*out = cs_node_new_seq()))
		return CS_ENOMEM;
	for (i = 0; props && i < props->count && !error; i++) {
		const char *key = props->pairs[i].key, *t;
		const cs_node *fs = field_schema(set, kind, key), *en;
		if (!strcmp(key, "kind") || !strcmp(key, "id") || cs_entry_field_owned(key))
			continue;
		cs_buf_clear(&b);
		if ((en = cs_node_get(fs, "enum")) && en->type == CS_NODE_SEQ) {
			size_t j;
			cs_buf_printf(&b, "%s (", key);
			for (j = 0; j < en->count; j++)
				cs_buf_printf(&b, "%s%s", j ? "|" : "", en->items[j]->str);
			cs_buf_puts(&b, ")");
		} else if ((t = schema_type(fs))) {
			cs_buf_printf(&b, "%s (%s)", key, t);
		} else if (cs_node_get(fs, "properties")) {
			cs_buf_printf(&b, "%s.* (mapping)", key);
		} else {
			cs_buf_printf(&b, "%s", key);
		}
		error = cs_node_push(*out, cs_node_new_str(cs_buf_cstr(&b)));
	}
	cs_buf_free(&b);
	return error;
}

void cs_entry_stamp(const cs_time *t, char out[20])
{
	cs_time u = *t;
	u.second = 0;
	if (u.minute < 0)
		u.minute = 0;
	cs_time_format(&u, out);
	out[16] = '\0';
}

static int lawyer_optional(const cs_kind *k)
{
	return !strcmp(k->name, "visit") || !strcmp(k->name, "spot-check") ||
	       !strcmp(k->name, "feedback") || k->family == CS_KIND_MEETING;
}

/* The community of a lawyer's pairing on day, when rec names none. */
static int complete_community(cs_node *rec, const cs_snapshot *snap, const char *lawyer, cs_day day)
{
	const cs_node *hits[2];
	size_t n = cs_pairings_on(snap->assignments, snap->nassignments, lawyer, NULL, day, hits, 2);
	char d[11];
	cs_date_format(day, d);
	if (n == 0)
		return cs_error_at(CS_EDATA, NULL, 0, "community",
				   "lawyer '%s' has no active pairing on %s; give --community", lawyer,
				   d);
	if (n > 1)
		return cs_error_at(CS_EUSAGE, NULL, 0, "community",
				   "lawyer '%s' serves %zu communities on %s (%s, %s%s); give --community",
				   lawyer, n, d, cs_node_get_str(hits[0], "community"),
				   cs_node_get_str(hits[1], "community"), n > 2 ? ", ..." : "");
	return cs_node_set_str(rec, "community", cs_node_get_str(hits[0], "community"));
}

int cs_entry_complete(cs_node *rec, const cs_snapshot *snap, const cs_time *now)
{
	const char *kind = cs_node_get_str(rec, "kind"), *date = cs_node_get_str(rec, "date");
	const cs_kind *k = cs_kind_find(kind);
	const char *lawyer, *community;
	const cs_node *cm, *hit;
	char id[16], stamp[20];
	cs_day day;
	int error;
	if (!k || (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING))
		return cs_error_at(CS_EDATA, NULL, 0, "kind", "'%s' is not a kind of log entry",
				   kind ? kind : "");
	if (!date || cs_date_parse(date, &day) < 0)
		return cs_error_at(CS_EDATA, NULL, 0, "date", "'%s' is not a date (YYYY-MM-DD)",
				   date ? date : "");
	if (!cs_node_get(rec, "id") &&
	    ((error = cs_id_new(day, id)) < 0 || (error = cs_node_set_str(rec, "id", id)) < 0))
		return error;
	lawyer = cs_node_get_str(rec, "lawyer");
	if (!cs_node_get(rec, "community") && k->family != CS_KIND_MEETING && lawyer &&
	    (error = complete_community(rec, snap, lawyer, day)) < 0)
		return error;
	community = cs_node_get_str(rec, "community");
	cm = cs_snapshot_find(snap, "community", community);
	if (cm && (!strcmp(kind, "visit") || !strcmp(kind, "spot-check")) &&
	    !cs_node_get(rec, "office") && cs_node_get_str(cm, "office") &&
	    (error = cs_node_set_str(rec, "office", cs_node_get_str(cm, "office"))) < 0)
		return error;
	if (community && !lawyer && lawyer_optional(k) && k->family != CS_KIND_MEETING &&
	    cs_pairings_on(snap->assignments, snap->nassignments, NULL, community, day, &hit, 1) &&
	    (error = cs_node_set_str(rec, "lawyer", cs_node_get_str(hit, "lawyer"))) < 0)
		return error;
	cs_entry_stamp(now, stamp);
	return cs_node_set_str(rec, "recorded_at", stamp);
}

int cs_report_file(cs_buf *out, const char *month, const char *scope, const char *subject)
{
	cs_buf_clear(out);
	return cs_buf_printf(out, "records/reports/%.7s/%s-%s.yaml", month, scope, subject);
}

int cs_entry_sealed(const cs_snapshot *snap, const cs_node *rec)
{
	const char *lawyer = cs_node_get_str(rec, "lawyer"), *date = cs_node_get_str(rec, "date");
	cs_buf path = CS_BUF_INIT;
	int sealed;
	if (!lawyer || !date || strlen(date) < 7)
		return 0;
	sealed = cs_report_file(&path, date, "lawyer", lawyer) == 0 &&
		 cs_snapshot_exists(snap, cs_buf_cstr(&path));
	cs_buf_free(&path);
	return sealed;
}

int cs_entry_sign(cs_node *rec, const cs_node *community, const char *by, const cs_time *now)
{
	const char *id = cs_node_get_str(rec, "id"), *signed_by;
	char stamp[20];
	int error;
	if (!cs_dir_is_head(community, by)) {
		const cs_node *heads = cs_node_get(community, "heads");
		cs_buf list = CS_BUF_INIT;
		size_t i;
		for (i = 0; heads && heads->type == CS_NODE_SEQ && i < heads->count; i++)
			cs_buf_printf(&list, "%s%s", i ? ", " : "", heads->items[i]->str);
		error = cs_error_at(CS_EDATA, NULL, 0, "signed_by",
				    "'%s' is not a head of community '%s' (Art 11); its heads: %s", by,
				    cs_node_get_str(community, "id"), cs_buf_cstr(&list));
		cs_buf_free(&list);
		return error;
	}
	if (cs_node_get(rec, "voided_at"))
		return cs_error_set(CS_EDATA, "%s: the entry is void", id);
	if ((signed_by = cs_node_get_str(rec, "signed_by")))
		return cs_error_set(CS_EDATA, "%s: signed already by %s", id, signed_by);
	cs_entry_stamp(now, stamp);
	if ((error = cs_node_set_str(rec, "signed_by", by)) < 0)
		return error;
	return cs_node_set_str(rec, "signed_at", stamp);
}

int cs_entry_accept(cs_node *rec, const cs_time *at)
{
	const char *id = cs_node_get_str(rec, "id"), *kind = cs_node_get_str(rec, "kind");
	const char *r = cs_node_get_str(rec, "received_at");
	cs_time received;
	char when[20];
	if (!kind || strcmp(kind, "request"))
		return cs_error_set(CS_EDATA, "%s: only a request is accepted, not a %s", id,
				    kind ? kind : "record");
	if (cs_node_get(rec, "accepted_at"))
		return cs_error_set(CS_EDATA, "%s: accepted already at %s", id,
				    cs_node_get_str(rec, "accepted_at"));
	if (cs_node_get(rec, "signed_by"))
		return cs_error_set(CS_EDATA, "%s: signed; change it with cslog amend", id);
	if (cs_node_get(rec, "voided_at"))
		return cs_error_set(CS_EDATA, "%s: the entry is void", id);
	cs_entry_stamp(at, when);
	if (r && cs_datetime_parse(r, &received) == 0) {
		if (received.minute < 0)
			received.minute = 0;
		if (at->day < received.day ||
		    (at->day == received.day && (at->minute < 0 ? 0 : at->minute) < received.minute))
			return cs_error_at(CS_EDATA, NULL, 0, "accepted_at",
					   "%s is before the request was received (%s)", when, r);
	}
	cs_error_clear();
	return cs_node_set_str(rec, "accepted_at", when);
}

int cs_entry_amend(const cs_schema_set *set, cs_node *rec, const char *const *sets, size_t n)
{
	static const char *const fixed[] = { "date=", "community=", NULL };
	const char *kind = cs_node_get_str(rec, "kind");
	size_t i, j;
	int error;
	if (cs_node_get(rec, "voided_at"))
		return cs_error_set(CS_EDATA, "%s: the entry is void", cs_node_get_str(rec, "id"));
	for (i = 0; i < n; i++) {
		for (j = 0; fixed[j]; j++)
			if (!strncmp(sets[i], fixed[j], strlen(fixed[j])))
				return cs_error_at(CS_EDATA, NULL, 0, sets[i],
						   "cannot be amended (void the entry and log it again)");
		if ((error = cs_entry_set(set, rec, kind, sets[i])) < 0)
			return error;
	}
	cs_node_remove(rec, "signed_by");
	cs_node_remove(rec, "signed_at");
	return 0;
}

int cs_entry_void(cs_node *rec, const char *reason, const cs_time *now)
{
	char stamp[20];
	int error;
	if (cs_node_get(rec, "voided_at"))
		return cs_error_set(CS_EDATA, "%s: void already", cs_node_get_str(rec, "id"));
	cs_entry_stamp(now, stamp);
	if ((error = cs_node_set_str(rec, "voided_at", stamp)) < 0)
		return error;
	return cs_node_set_str(rec, "void_reason", reason);
}

/* --- new entries ---------------------------------------------------------- */

struct batch {
	cs_node *const *recs;
	const char *const *sources;
	size_t n;
	const cs_entry_batch *b;
};

static const char *source_of(const struct batch *bt, size_t i, char *buf, size_t size)
{
	if (bt->sources && bt->sources[i])
		return bt->sources[i];
	snprintf(buf, size, "%s", cs_node_get_str(bt->recs[i], "id"));
	return buf;
}

/* An entry's identity as a service: lawyer, community, date, start, kind, content. */
static char *service_key(const cs_node *rec)
{
	static const char *const keys[] = { "lawyer", "community", "date", "start", "kind",
					    "content", NULL };
	cs_buf b = CS_BUF_INIT;
	size_t i;
	for (i = 0; keys[i]; i++) {
		const char *v = cs_node_get_str(rec, keys[i]);
		cs_buf_printf(&b, "%s%c", v ? v : "", 0x1f);
	}
	return cs_buf_detach(&b);
}

static int seals(const cs_snapshot *tip, const struct batch *bt, cs_buf *why)
{
	size_t i;
	char buf[64];
	for (i = 0; i < bt->n; i++) {
		const cs_node *rec = bt->recs[i];
		int sealed = cs_entry_sealed(tip, rec), late = cs_node_get(rec, "late_reason") != NULL;
		const char *date = cs_node_get_str(rec, "date"), *lawyer = cs_node_get_str(rec, "lawyer");
		if (sealed == late)
			continue;
		if (why->len)
			cs_buf_putc(why, '\n');
		if (sealed)
			cs_buf_tr(why, "%s: %.7s of lawyer '%s' is sealed: its monthly "
					  "report is filed (Art 18); a late entry needs --late --reason TEXT",
				      source_of(bt, i, buf, sizeof(buf)), date, lawyer);
		else
			cs_buf_tr(why, "%s: --late: %.7s of lawyer '%s' is not filed; "
					  "log the entry without --late",
				      source_of(bt, i, buf, sizeof(buf)), date, lawyer);
	}
	return 0;
}

struct known {
	char **keys;
	char **ids;
	size_t n, cap;
};

/* Takes key and id. */
static int known_push(struct known *k, char *key, char *id)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 64;
		char **a = realloc(k->keys, cap * sizeof(char *)), **b;
		if (a)
			k->keys = a;
		if (!a || !(b = realloc(k->ids, cap * sizeof(char *)))) {
			free(key);
			free(id);
			return CS_ENOMEM;
		}
		k->ids = b;
		k->cap = cap;
	}
	k->keys[k->n] = key;
	k->ids[k->n++] = id;
	return 0;
}

static int note_existing(void *ctx, const char *path, const char *data, size_t len)
{
	struct known *k = ctx;
	cs_node *rec = NULL;
	int error = 0;
	if (cs_yaml_load(&rec, data, len, path) < 0 || !rec || rec->type != CS_NODE_MAP ||
	    cs_node_get(rec, "voided_at")) {
		cs_error_clear();
		cs_node_free(rec);
		return 0;
	}
	error = known_push(k, service_key(rec),
			   cs_strdup(cs_node_get_str(rec, "id") ? cs_node_get_str(rec, "id") : "?"));
	cs_node_free(rec);
	return error;
}

/* The entries of the store in the folders (community, month) the batch
 * writes into: what a duplicate would repeat. */
static int existing(const cs_snapshot *tip, const struct batch *bt, struct known *k)
{
	cs_buf dir = CS_BUF_INIT, seen = CS_BUF_INIT;
	size_t i;
	int error = 0;
	for (i = 0; i < bt->n && !error; i++) {
		const char *c = cs_node_get_str(bt->recs[i], "community");
		const char *d = cs_node_get_str(bt->recs[i], "date");
		if (!c || !d || strlen(d) != 10)
			continue;
		cs_buf_clear(&dir);
		cs_buf_printf(&dir, "records/log/%s/%.4s/%.2s|", c, d, d + 5);
		if (strstr(cs_buf_cstr(&seen), cs_buf_cstr(&dir)))
			continue;
		cs_buf_puts(&seen, cs_buf_cstr(&dir));
		dir.ptr[--dir.len] = '\0';
		error = cs_store_walk(tip->store, tip->rev, cs_buf_cstr(&dir), note_existing, k);
		if (error == CS_ENOTFOUND)
			error = 0;
	}
	cs_buf_free(&dir);
	cs_buf_free(&seen);
	return error;
}

static int duplicates(const cs_snapshot *tip, const struct batch *bt, cs_buf *why)
{
	struct known k;
	size_t i, j;
	char buf[64];
	int error;
	memset(&k, 0, sizeof(k));
	if ((error = existing(tip, bt, &k)) < 0)
		goto cleanup;
	for (i = 0; i < bt->n && !error; i++) {
		char *key = service_key(bt->recs[i]);
		const char *same_as = NULL;
		for (j = 0; j < k.n && !same_as; j++)
			if (!strcmp(k.keys[j], key))
				same_as = k.ids[j];
		if (!same_as) {
			/* the batch's own entries count as existing for those after */
			error = known_push(&k, key, cs_strdup(source_of(bt, i, buf, sizeof(buf))));
			key = NULL;
		} else {
			if (why->len)
				cs_buf_putc(why, '\n');
			cs_buf_tr(why, "%s: the same %s as %s (same lawyer, community, date, start and "
				  "content); give --allow-duplicates if it is another service",
				  source_of(bt, i, buf, sizeof(buf)), cs_node_get_str(bt->recs[i], "kind"),
				  same_as);
		}
		free(key);
	}
cleanup:
	for (i = 0; i < k.n; i++) {
		free(k.keys[i]);
		free(k.ids[i]);
	}
	free(k.keys);
	free(k.ids);
	return error;
}

static int batch_guard(const cs_snapshot *tip, const cs_put *puts, size_t n, void *ctx)
{
	const struct batch *bt = ctx;
	cs_buf why = CS_BUF_INIT;
	int error;
	if ((error = seals(tip, bt, &why)) == 0 && bt->b->refuse_duplicates)
		error = duplicates(tip, bt, &why);
	if (!error && why.len)
		error = cs_error_set(CS_EDATA, "%s", cs_buf_cstr(&why));
	cs_buf_free(&why);
	return error;
}

int cs_entry_add(cs_store *s, cs_node *const *recs, const char *const *sources, size_t n,
		 const cs_entry_batch *b)
{
	struct batch bt = { recs, sources, n, b };
	cs_commit c;
	cs_put *puts = cs_calloc(n ? n : 1, sizeof(*puts));
	size_t i;
	int error;
	if (!puts)
		return CS_ENOMEM;
	for (i = 0; i < n; i++) {
		puts[i].rec = recs[i];
		puts[i].create = 1;
		puts[i].source = sources ? sources[i] : NULL;
	}
	memset(&c, 0, sizeof(c));
	c.command = b->command;
	c.summary = b->summary;
	c.trailers = b->trailers;
	c.guard = batch_guard;
	c.guard_ctx = &bt;
	error = cs_write_records(s, &c, puts, n, NULL);
	free(puts);
	return error;
}

/* --- checking, finding and rewriting entries ------------------------------ */

/* The line of the field an error of cs_entry_complete or cs_record_path
 * begins with ("date: ..."), or 0: those name the field but know no file. */
static size_t field_line(const cs_node *rec, const char *msg)
{
	static const char *const fields[] = { "kind", "id", "date", "community", "lawyer", NULL };
	size_t i, n;
	for (i = 0; fields[i]; i++) {
		const cs_node *v = cs_node_get(rec, fields[i]);
		n = strlen(fields[i]);
		if (v && !strncmp(msg, fields[i], n) && msg[n] == ':')
			return v->line;
	}
	return 0;
}

int cs_entry_check_new(const cs_snapshot *snap, const cs_time *now, cs_node *rec,
		       const char *source, cs_buf *why)
{
	cs_findings found;
	cs_buf path = CS_BUF_INIT;
	size_t line;
	int error;
	cs_findings_init(&found);
	if ((error = cs_entry_refuse_owned(rec, source)) < 0)
		goto cleanup;
	if ((error = cs_entry_complete(rec, snap, now)) < 0 ||
	    (error = cs_record_path(rec, &path)) < 0) {
		if (source) {
			line = field_line(rec, cs_error_last());
			error = cs_error_within(error, source, line, NULL);
		}
		goto cleanup;
	}
	if ((error = cs_validate_record(snap, cs_buf_cstr(&path), rec, 1, &found)) < 0)
		goto cleanup;
	if (cs_findings_have_error(&found, 0)) {
		cs_buf_clear(why);
		cs_write_describe(&found, 0, source, rec->line != 0, why);
		error = cs_error_set(CS_EDATA, "%s", cs_buf_cstr(why));
	}
cleanup:
	cs_findings_free(&found);
	cs_buf_free(&path);
	return error;
}

int cs_entry_template(const cs_schema_set *set, const cs_node *rec, const char *why, cs_buf *out)
{
	cs_node *fields = NULL;
	const char *kind = cs_node_get_str(rec, "kind"), *p;
	size_t i;
	int error;
	cs_buf_clear(out);
	if (why && *why) {
		cs_buf_tr(out, "# The entry was not saved:\n");
		for (p = why; *p; ) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			cs_buf_printf(out, "#   %.*s\n", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
		cs_buf_tr(out, "# Correct it and save, or leave the file unchanged to give up.\n");
	}
	if ((error = cs_record_emit(set, rec, out)) < 0 ||
	    (error = cs_entry_fields(set, kind, &fields)) < 0)
		return error;
	cs_buf_tr(out, "# Other fields of a %s (remove the '# ' to fill one in):\n", kind);
	for (i = 0; i < fields->count; i++) {
		char name[128];
		snprintf(name, sizeof(name), "%s", fields->items[i]->str);
		if (strchr(name, ' '))
			*strchr(name, ' ') = '\0';
		if (strchr(name, '.'))
			*strchr(name, '.') = '\0';
		if (!cs_node_get(rec, name))
			cs_buf_printf(out, "# %s:    %s\n", name, fields->items[i]->str + strlen(name));
	}
	cs_node_free(fields);
	return 0;
}

struct month_ids {
	cs_store *s;
	const char *prefix;
	char ym[8];        /* YYYY/MM of the id's date */
	cs_buf *path;
	int found;
};

/* An entry's id begins with its date: only that month of each community's
 * log is read, not the whole log. */
static int community_month(void *ctx, const char *name, int is_dir)
{
	struct month_ids *m = ctx;
	cs_buf dir = CS_BUF_INIT, path = CS_BUF_INIT;
	int error;
	if (!is_dir || m->found > 1)
		return 0;
	cs_buf_printf(&dir, "records/log/%s/%s", name, m->ym);
	error = cs_id_lookup(m->s, NULL, cs_buf_cstr(&dir), m->prefix, &path);
	if (error == 0) {
		if (!m->found++) {
			cs_buf_clear(m->path);
			cs_buf_puts(m->path, cs_buf_cstr(&path));
		} else {
			m->found = 2;
		}
	} else if (error == CS_EUSAGE) {
		m->found = 2;
	}
	if (error == CS_ENOTFOUND || error == CS_EUSAGE)
		error = 0;
	cs_error_clear();
	cs_buf_free(&dir);
	cs_buf_free(&path);
	return error;
}

static int dated_prefix(const char *p)
{
	size_t i;
	for (i = 0; i < 6; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

int cs_entry_find(cs_store *s, const char *prefix, cs_buf *path, cs_node **rec)
{
	int error = CS_ENOTFOUND;
	*rec = NULL;
	if (strlen(prefix) >= 6 && dated_prefix(prefix)) {
		struct month_ids m = { s, prefix, "", path, 0 };
		snprintf(m.ym, sizeof(m.ym), "%.4s/%.2s", prefix, prefix + 4);
		if ((error = cs_store_names(s, NULL, "records/log", community_month, &m)) < 0)
			return error;
		error = m.found == 1 ? 0 : m.found > 1 ? CS_EUSAGE : CS_ENOTFOUND;
		if (error == CS_EUSAGE)
			error = cs_id_lookup(s, NULL, "records/log", prefix, path);
	} else {
		error = cs_id_lookup(s, NULL, "records/log", prefix, path);
	}
	if (error == CS_ENOTFOUND)
		error = cs_id_lookup(s, NULL, "records/meetings", prefix, path);
	if (error == CS_ENOTFOUND)
		error = cs_error_set(CS_ENOTFOUND, "no log entry with id '%s'", prefix);
	if (!error)
		error = cs_store_read_record(s, NULL, cs_buf_cstr(path), rec);
	return error;
}

int cs_entry_rewrite(cs_store *s, const char *command, const char *summary, cs_node **recs,
		     size_t n, const char *const *trailers, cs_sign_fn sign, void *sign_ctx)
{
	cs_put *puts = cs_calloc(n, sizeof(*puts));
	cs_commit c = { command, summary, trailers, NULL, NULL, sign, sign_ctx };
	size_t i;
	int error;
	if (!puts)
		return CS_ENOMEM;
	for (i = 0; i < n; i++)
		puts[i].rec = recs[i];
	error = cs_write_records(s, &c, puts, n, NULL);
	free(puts);
	return error;
}

int cs_entry_draft(const cs_node *rec, cs_node **draft)
{
	size_t i;
	*draft = NULL;
	if (cs_node_get(rec, "voided_at"))
		return cs_error_set(CS_EDATA, "%s: the entry is void", cs_node_get_str(rec, "id"));
	if (!(*draft = cs_node_dup(rec)))
		return CS_ENOMEM;
	for (i = 0; i < (*draft)->count; )
		if (cs_entry_field_owned((*draft)->pairs[i].key))
			cs_node_remove(*draft, (*draft)->pairs[i].key);
		else
			i++;
	return 0;
}

int cs_entry_check_edit(const cs_snapshot *snap, const cs_node *old, const cs_node *rec, cs_buf *why)
{
	static const char *const fixed[] = { "kind", "id", "date", "community", NULL };
	cs_findings found;
	cs_buf path = CS_BUF_INIT;
	size_t i;
	int error;
	for (i = 0; fixed[i]; i++) {
		const char *a = cs_node_get_str(old, fixed[i]), *b = cs_node_get_str(rec, fixed[i]);
		if ((a || b) && (!a || !b || strcmp(a, b)))
			return cs_error_at(CS_EDATA, NULL, 0, fixed[i],
					   "cannot be changed (void the entry and log it again)");
	}
	if ((error = cs_entry_refuse_owned(rec, "entry")) < 0)
		return error;
	cs_findings_init(&found);
	if ((error = cs_record_path(rec, &path)) == 0 &&
	    (error = cs_validate_record(snap, cs_buf_cstr(&path), rec, 1, &found)) == 0 &&
	    cs_findings_have_error(&found, 0)) {
		cs_write_describe(&found, 0, "entry", 1, why);
		error = CS_EDATA;
	}
	cs_findings_free(&found);
	cs_buf_free(&path);
	return error;
}

int cs_entry_lawyer_optional(const cs_kind *k)
{
	return lawyer_optional(k);
}

static int set_opt(cs_node *rec, const char *key, const char *v)
{
	return v ? cs_node_set_str(rec, key, v) : 0;
}

static int build_target(const cs_entry_parts *p, cs_node *rec)
{
	cs_node *t;
	int error;
	if (!p->target_type && !p->target_name && !p->target_contact)
		return 0;
	if (!(t = cs_node_new_map()))
		return CS_ENOMEM;
	if ((error = set_opt(t, "type", p->target_type)) < 0 ||
	    (error = set_opt(t, "name", p->target_name)) < 0 ||
	    (error = set_opt(t, "contact", p->target_contact)) < 0) {
		cs_node_free(t);
		return error;
	}
	return cs_node_set(rec, "target", t);
}

/* A request's date and start are when it was received. */
static int received(const cs_time *now, cs_node *rec, const char *date, const char *start)
{
	char at[20], today[11];
	cs_date_format(now->day, today);
	if (start)
		snprintf(at, sizeof(at), "%sT%s", date, start);
	else if (!strcmp(date, today))
		cs_entry_stamp(now, at);
	else
		snprintf(at, sizeof(at), "%sT00:00", date);
	return cs_node_set_str(rec, "received_at", at);
}

int cs_entry_build(const cs_schema_set *set, const cs_entry_parts *p, const cs_time *now,
		   cs_node **out)
{
	cs_node *rec = cs_node_new_map();
	char today[11];
	size_t i;
	int error;
	*out = NULL;
	if (!rec)
		return CS_ENOMEM;
	cs_date_format(now->day, today);
	if ((error = cs_node_set_str(rec, "kind", p->kind)) < 0 ||
	    (error = cs_node_set_str(rec, "date", p->date ? p->date : today)) < 0 ||
	    (error = set_opt(rec, "start", p->start)) < 0 || (error = set_opt(rec, "end", p->end)) < 0 ||
	    (error = set_opt(rec, "community", p->community)) < 0 ||
	    (error = set_opt(rec, "lawyer", p->lawyer)) < 0 ||
	    (error = set_opt(rec, "channel", p->channel)) < 0 || (error = build_target(p, rec)) < 0 ||
	    (error = set_opt(rec, "content", p->content)) < 0 ||
	    (error = set_opt(rec, "result", p->result)) < 0)
		goto fail;
	if (!strcmp(p->kind, "request") &&
	    (error = received(now, rec, p->date ? p->date : today, p->start)) < 0)
		goto fail;
	for (i = 0; i < p->nsets; i++)
		if ((error = cs_entry_set(set, rec, p->kind, p->sets[i])) < 0)
			goto fail;
	*out = rec;
	return 0;
fail:
	cs_node_free(rec);
	return error;
}
