#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "record.h"
#include "sha256.h"
#include "utf8.h"
#include "yaml.h"

#define LOG(n, zh, service, timed) { n, zh, CS_KIND_LOG, service, timed, "records/log" }

static const cs_kind kinds[] = {
	LOG("consultation", "法律咨询", 1, 0),
	LOG("legal-aid", "法律援助转介", 1, 0),
	LOG("mediation", "参与调解", 1, 0),
	LOG("lecture", "法制讲座", 1, 0),
	LOG("training", "业务培训", 1, 0),
	LOG("publicity", "法制宣传", 1, 0),
	LOG("drafting", "起草审核文书", 1, 0),
	LOG("negotiation", "谈判签约", 1, 0),
	LOG("office-hours", "坐班值班", 1, 1),
	LOG("research", "调查研究", 1, 0),
	LOG("conflict-report", "矛盾纠纷报告", 1, 0),
	LOG("request", "服务需求", 0, 0),
	LOG("gift", "受赠登记", 0, 0),
	LOG("representation", "代理案件申报", 0, 0),
	LOG("visit", "司法所走访", 0, 0),
	LOG("spot-check", "抽查", 0, 0),
	LOG("feedback", "社区评价", 0, 0),
	{ "meeting", "会议", CS_KIND_MEETING, 0, 0, "records/meetings" },
	{ "office", "司法所", CS_KIND_DIRECTORY, 0, 0, "records/offices" },
	{ "firm", "律师事务所", CS_KIND_DIRECTORY, 0, 0, "records/firms" },
	{ "lawyer", "社区律师", CS_KIND_DIRECTORY, 0, 0, "records/lawyers" },
	{ "community", "社区", CS_KIND_DIRECTORY, 0, 0, "records/communities" },
	{ "assignment", "结对", CS_KIND_EVENT, 0, 0, "records/assignments" },
	{ "change", "变更", CS_KIND_EVENT, 0, 0, "records/changes" },
	{ "key", "签名密钥", CS_KIND_DIRECTORY, 0, 0, "records/keys" },
	{ "config", "配置", CS_KIND_OTHER, 0, 0, "" },
	{ "calendar", "日历", CS_KIND_OTHER, 0, 0, "calendar" },
	{ "monthly-report", "月报", CS_KIND_OTHER, 0, 0, "records/reports" },
	{ "assessment", "考核", CS_KIND_OTHER, 0, 0, "records/assessments" },
	{ NULL, NULL, 0, 0, 0, NULL }
};

int cs_kind_index(const char *name)
{
	const cs_kind *k = cs_kind_find(name);
	return k ? (int)(k - kinds) : -1;
}

const cs_kind *cs_kind_find(const char *name)
{
	const cs_kind *k;
	if (!name)
		return NULL;
	for (k = kinds; k->name; k++)
		if (k->name[0] == name[0] && strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

int cs_kind_lookup(const char *word, const cs_kind **out)
{
	const char *words[64], *near;
	cs_buf list = CS_BUF_INIT;
	const cs_kind *k;
	size_t n = 0;
	int error;
	*out = NULL;
	for (k = kinds; k->name; k++) {
		if (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING)
			continue;
		if (!strcmp(word, k->name) || !strcmp(word, k->zh)) {
			*out = k;
			cs_buf_free(&list);
			return 0;
		}
		words[n++] = k->name;
		words[n++] = k->zh;
		cs_buf_printf(&list, "%s%s %s", n > 2 ? ", " : "", k->name, k->zh);
	}
	words[n] = NULL;
	if ((near = cs_utf8_nearest(word, words))) {
		for (k = kinds; k->name; k++)
			if (near == k->zh)
				near = k->name;
		error = cs_error_set(CS_EUSAGE, "unknown kind '%s'; did you mean '%s'? (kinds: %s)",
				     word, near, cs_buf_cstr(&list));
	} else {
		error = cs_error_set(CS_EUSAGE, "unknown kind '%s' (kinds: %s)", word,
				     cs_buf_cstr(&list));
	}
	cs_buf_free(&list);
	return error;
}

const cs_kind *cs_kinds(void)
{
	return kinds;
}

/* Crockford's base32, lower case: no i, l, o, u to misread (DESIGN's
 * example id 20261016-k3j9qa is of this alphabet). Ids are accepted with
 * any [0-9a-z] suffix, so ids made by other tools still resolve. */
static const char b32[] = "0123456789abcdefghjkmnpqrstvwxyz";

int cs_id_new(cs_day day, char out[16])
{
	unsigned char rnd[6];
	int y, m, d, fd, i;
	ssize_t n = -1;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, rnd, sizeof(rnd));
		close(fd);
	}
	if (n != (ssize_t)sizeof(rnd))
		return cs_error_set(CS_EIO, "cannot read /dev/urandom");
	cs_date_to_ymd(day, &y, &m, &d);
	snprintf(out, 16, "%04d%02d%02d-", y % 10000, m, d);
	for (i = 0; i < 6; i++)
		out[9 + i] = b32[rnd[i] & 31];
	out[15] = '\0';
	return 0;
}

int cs_id_valid(const char *s)
{
	int i;
	cs_day day;
	char date[11];
	if (strlen(s) != 15 || s[8] != '-')
		return 0;
	for (i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	for (i = 9; i < 15; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z')))
			return 0;
	snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	if (cs_date_parse(date, &day) < 0) {
		cs_error_clear();
		return 0;
	}
	return 1;
}

int cs_slug_valid(const char *s)
{
	size_t i, n = strlen(s);
	if (n < 1 || n > 40)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-'))
			return 0;
	return 1;
}

int cs_record_path(const cs_node *rec, cs_buf *out)
{
	const char *kind = cs_node_get_str(rec, "kind");
	const char *id = cs_node_get_str(rec, "id");
	const char *date, *community;
	const cs_kind *k = cs_kind_find(kind);
	cs_day day;
	int y, m, d;
	if (k && !strcmp(k->name, "monthly-report")) {
		const char *month = cs_node_get_str(rec, "month");
		const char *scope = cs_node_get_str(rec, "scope");
		const char *subject = cs_node_get_str(rec, "subject");
		int y, m;
		if (!month || cs_month_parse(month, &y, &m) < 0)
			return cs_error_at(CS_EDATA, NULL, 0, "month", "is not a month (YYYY-MM)");
		if (!scope || (strcmp(scope, "lawyer") && strcmp(scope, "office")))
			return cs_error_at(CS_EDATA, NULL, 0, "scope", "only lawyer and office reports are filed");
		if (!subject || !cs_slug_valid(subject))
			return cs_error_at(CS_EDATA, NULL, 0, "subject", "is not a slug");
		return cs_buf_printf(out, "%s/%s/%s-%s.yaml", k->dir, month, scope, subject);
	}
	if (k && !strcmp(k->name, "assessment")) {
		const cs_node *year = cs_node_get(rec, "year");
		const char *lawyer = cs_node_get_str(rec, "lawyer");
		long long y;
		if (!year || cs_node_int(year, &y) < 0 || y < 1 || y > 9999)
			return cs_error_at(CS_EDATA, NULL, 0, "year", "is not a year");
		if (!lawyer || !cs_slug_valid(lawyer))
			return cs_error_at(CS_EDATA, NULL, 0, "lawyer", "is not a slug");
		return cs_buf_printf(out, "%s/%04lld/%s.yaml", k->dir, y, lawyer);
	}
	if (!k || k->family == CS_KIND_OTHER)
		return cs_error_at(CS_EDATA, NULL, 0, "kind", "unknown record kind '%s'",
				   kind ? kind : "");
	if (!id)
		return cs_error_at(CS_EDATA, NULL, 0, "id", "is required");
	if (k->family == CS_KIND_DIRECTORY) {
		if (!cs_slug_valid(id))
			return cs_error_at(CS_EDATA, NULL, 0, "id",
					   "'%s' is not a slug ([a-z0-9][a-z0-9-]{0,39})", id);
		return cs_buf_printf(out, "%s/%s.yaml", k->dir, id);
	}
	if (!cs_id_valid(id))
		return cs_error_at(CS_EDATA, NULL, 0, "id",
				   "'%s' is not an id (YYYYMMDD-xxxxxx)", id);
	if (k->family == CS_KIND_EVENT)
		return cs_buf_printf(out, "%s/%s.yaml", k->dir, id);
	date = cs_node_get_str(rec, "date");
	if (!date || cs_date_parse(date, &day) < 0)
		return cs_error_at(CS_EDATA, NULL, 0, "date", "'%s' is not a date (YYYY-MM-DD)",
				   date ? date : "");
	cs_date_to_ymd(day, &y, &m, &d);
	if (k->family == CS_KIND_MEETING)
		return cs_buf_printf(out, "%s/%04d/%s.yaml", k->dir, y, id);
	community = cs_node_get_str(rec, "community");
	if (!community || !cs_slug_valid(community))
		return cs_error_at(CS_EDATA, NULL, 0, "community", "'%s' is not a slug",
				   community ? community : "");
	/* dir/community/YYYY/MM/id.yaml without printf: checked for every entry */
	{
		char ym[9] = { (char)('0' + y / 1000 % 10), (char)('0' + y / 100 % 10),
			       (char)('0' + y / 10 % 10), (char)('0' + y % 10), '/',
			       (char)('0' + m / 10), (char)('0' + m % 10), '/', '\0' };
		int error;
		if ((error = cs_buf_puts(out, k->dir)) < 0 || (error = cs_buf_putc(out, '/')) < 0 ||
		    (error = cs_buf_puts(out, community)) < 0 ||
		    (error = cs_buf_putc(out, '/')) < 0 || (error = cs_buf_puts(out, ym)) < 0 ||
		    (error = cs_buf_puts(out, id)) < 0)
			return error;
		return cs_buf_puts(out, ".yaml");
	}
}

extern const struct { const char *name; const char *text; } cs_embedded_schemas[];

/* The schemas' x-hint texts, for xgettext: the validator translates them. */
#define N_(s) s
static const char *const hints[] __attribute__((unused)) = {
	N_("a slug: lower-case letters a-z, digits and '-', like wang-li"),
	N_("an id like 20261014-4wanpz (YYYYMMDD-xxxxxx)"),
	N_("a time HH:MM from 00:00 to 23:59, like 09:30"),
	N_("a date and time YYYY-MM-DDTHH:MM, like 2026-10-15T09:30"),
	N_("a weekly schedule like 'Wed 14:00-17:30' (Mon to Sun, HH:MM-HH:MM)"),
	N_("a phone number: digits with spaces, '-', '+' or '()', like 021-62301188 or 13900001001"),
	N_("an SSH public key line like 'ssh-ed25519 AAAAC3Nz...'"),
};
#undef N_

struct cached {
	char *kind;
	cs_schema *schema;
};
struct cs_schema_set {
	struct cached *v;
	size_t n;
	unsigned long long stamp;   /* FNV-1a over the kinds and texts added */
};

/* The built-in schemas compiled so far: the same in every store. */
static cs_schema_set builtin;

/* Compile a schema written in YAML. */
static int compile(const char *text, size_t len, const char *name, cs_schema **out)
{
	cs_node *tree = NULL;
	int error;
	*out = NULL;
	if ((error = cs_yaml_load(&tree, text, len, name)) < 0)
		return error;
	if (!tree)
		return cs_error_set(CS_EDATA, "%s: empty schema", name);
	error = cs_schema_new(out, tree, name);
	cs_node_free(tree);
	return error;
}

static cs_schema *set_find(const cs_schema_set *set, const char *kind)
{
	size_t i;
	for (i = 0; set && i < set->n; i++)
		if (strcmp(set->v[i].kind, kind) == 0)
			return set->v[i].schema;
	return NULL;
}

/* Put schema in set as kind's (replacing one put before); takes it. */
static int set_put(cs_schema_set *set, const char *kind, cs_schema *schema)
{
	struct cached *grown;
	size_t i;
	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i].kind, kind) == 0) {
			cs_schema_free(set->v[i].schema);
			set->v[i].schema = schema;
			return 0;
		}
	if (!(grown = cs_realloc(set->v, (set->n + 1) * sizeof(*set->v)))) {
		cs_schema_free(schema);
		return CS_ENOMEM;
	}
	set->v = grown;
	if (!(set->v[set->n].kind = cs_strdup(kind))) {
		cs_schema_free(schema);
		return CS_ENOMEM;
	}
	set->v[set->n].schema = schema;
	set->n++;
	return 0;
}

static void set_clear(cs_schema_set *set)
{
	size_t i;
	for (i = 0; i < set->n; i++) {
		free(set->v[i].kind);
		cs_schema_free(set->v[i].schema);
	}
	free(set->v);
	set->v = NULL;
	set->n = 0;
}

int cs_schema_set_new(cs_schema_set **out)
{
	if (!(*out = cs_calloc(1, sizeof(**out))))
		return CS_ENOMEM;
	return 0;
}

int cs_schema_set_add(cs_schema_set *set, const char *kind, const char *text, size_t len,
		      const char *name)
{
	cs_schema *schema = NULL;
	size_t i;
	int error;
	for (i = 0; cs_embedded_schemas[i].name; i++)
		if (!strcmp(cs_embedded_schemas[i].name, kind))
			break;
	if (!cs_embedded_schemas[i].name)
		return cs_error_set(CS_EDATA, "%s: '%s' is no record kind, so this schema would "
				    "replace nothing", name, kind);
	if ((error = compile(text, len, name, &schema)) < 0)
		return error;
	set->stamp = cs_fnv1a(kind, strlen(kind) + 1, set->stamp ? set->stamp : CS_FNV_INIT);
	set->stamp = cs_fnv1a(text, len, set->stamp);
	return set_put(set, kind, schema);
}

unsigned long long cs_schema_set_stamp(const cs_schema_set *set)
{
	static unsigned long long builtins;
	unsigned long long h;
	size_t i;
	if (!builtins) {
		h = CS_FNV_INIT;
		for (i = 0; cs_embedded_schemas[i].name; i++) {
			h = cs_fnv1a(cs_embedded_schemas[i].name, strlen(cs_embedded_schemas[i].name) + 1, h);
			h = cs_fnv1a(cs_embedded_schemas[i].text, strlen(cs_embedded_schemas[i].text), h);
		}
		builtins = h;
	}
	h = builtins;
	if (set && set->stamp)
		h = cs_fnv1a((const char *)&set->stamp, sizeof(set->stamp), h);
	return h;
}

void cs_schema_set_free(cs_schema_set *set)
{
	if (!set)
		return;
	set_clear(set);
	free(set);
}

cs_schema *cs_record_schema(const cs_schema_set *set, const char *kind)
{
	cs_schema *schema;
	size_t i;
	if ((schema = set_find(set, kind)) || (schema = set_find(&builtin, kind)))
		return schema;
	for (i = 0; cs_embedded_schemas[i].name; i++)
		if (strcmp(cs_embedded_schemas[i].name, kind) == 0)
			break;
	if (!cs_embedded_schemas[i].name)
		return NULL;
	if (compile(cs_embedded_schemas[i].text, strlen(cs_embedded_schemas[i].text), kind,
		    &schema) < 0 || set_put(&builtin, kind, schema) < 0)
		return NULL;
	return schema;
}

void cs_record_cleanup(void)
{
	set_clear(&builtin);
}

int cs_record_validate(const cs_schema_set *set, const cs_node *rec, const char *name,
		       cs_schema_result *res)
{
	const char *kind;
	cs_schema *schema;
	cs_schema_result local;
	int ok, error = 0;
	if (!rec || rec->type != CS_NODE_MAP)
		return cs_error_at(CS_EDATA, name, rec ? rec->line : 0, NULL,
				   "a record must be a mapping");
	kind = cs_node_get_str(rec, "kind");
	if (!kind)
		return cs_error_at(CS_EDATA, name, rec->line, "kind", "is required");
	cs_error_clear();
	if (!(schema = cs_record_schema(set, kind))) {
		cs_node *k = cs_node_get(rec, "kind");
		if (cs_error_code() == CS_ENOMEM)
			return CS_ENOMEM;
		return cs_error_at(CS_EDATA, name, k ? k->line : rec->line, "kind",
				   "unknown record kind '%s'", kind);
	}
	cs_schema_result_init(&local);
	ok = cs_schema_validate(schema, rec, &local);
	if (ok < 0) {
		error = ok;
	} else if (!ok && !local.count) {
		error = cs_error_at(CS_EDATA, name, rec->line, NULL, "does not match its schema");
	} else if (!ok) {
		cs_schema_error *e = &local.errors[0];
		error = cs_error_at(CS_EDATA, name, e->line ? e->line : rec->line,
				    *e->field ? e->field : NULL, "%s", e->message);
	}
	if (res && local.count) {
		*res = local;
		cs_schema_result_init(&local);
	}
	cs_schema_result_free(&local);
	return error;
}

int cs_record_validate_as(const cs_schema_set *set, const cs_node *rec, const char *kind,
			  const char *name)
{
	const char *k = cs_node_get_str(rec, "kind");
	if (rec && rec->type == CS_NODE_MAP && (!k || strcmp(k, kind))) {
		const cs_node *v = cs_node_get(rec, "kind");
		return cs_error_at(CS_EDATA, name, v ? v->line : rec->line, "kind", "must be %s",
				   kind);
	}
	return cs_record_validate(set, rec, name, NULL);
}

int cs_record_emit(const cs_schema_set *set, const cs_node *rec, cs_buf *out)
{
	const char *kind = cs_node_get_str(rec, "kind");
	cs_schema *schema;
	cs_error_clear();
	schema = kind ? cs_record_schema(set, kind) : NULL;
	/* without its schema the keys would come out in another order */
	if (!schema && cs_error_code() == CS_ENOMEM)
		return CS_ENOMEM;
	if (schema)
		return cs_yaml_emit(out, rec, cs_schema_key_rank, schema);
	return cs_yaml_emit(out, rec, NULL, NULL);
}
