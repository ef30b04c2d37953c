/* lib/audit.c (cs_check_audit): each finding of the audit triggered by a
 * commit made by hand with libgit2, none by the commands' own writes
 * (lib's cs_entry_add, cs_logbook_*, cs_filing_monthly), and a forged
 * Cs-Command trailer changing nothing: the audit judges what a commit does
 * to the records, not what its message says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "check.h"
#include "entry.h"
#include "error.h"
#include "filing.h"
#include "keys.h"
#include "fixture.h"
#include "logbook.h"
#include "node.h"
#include "report.h"
#include "sign.h"
#include "snapshot.h"

#define E CS_SEV_ERROR
#define W CS_SEV_WARNING

struct audit_fx {
	fx_store f;
	char signed_id[32], unsigned_id[32], request_id[32];
	char signed_path[96], unsigned_path[96];
	char base[41];     /* HEAD after the commands' history */
};

static void ok(int error, const char *what)
{
	if (error < 0)
		fail_msg("%s: %d %s", what, error, cs_error_last());
}

static void now_is(const char *now, cs_time *t)
{
	setenv("CS_NOW", now, 1);
	ok(cs_now(t), "cs_now");
}

/* cslog add KIND --lawyer wang-li --date DATE [--start --end] [--late --reason] */
static void log_add(fx_store *f, const char *now, const char *kind, const char *date,
		    const char *start, const char *end, const char *late, char id[32],
		    char path[96])
{
	cs_snapshot *snap = NULL;
	cs_node *rec = NULL;
	cs_buf why = CS_BUF_INIT;
	cs_entry_parts p;
	const char *trailers[] = { "Cs-Reason", late, NULL };
	cs_entry_batch b = { "cslog add", "Log an entry", late ? trailers : NULL, 0 };
	cs_time t;
	now_is(now, &t);
	memset(&p, 0, sizeof(p));
	p.kind = kind;
	p.date = date;
	p.start = start;
	p.end = end;
	p.lawyer = "wang-li";
	p.content = "咨询";
	ok(cs_snapshot_load_directory(&snap, f->store, NULL), "cs_snapshot_load_directory");
	ok(cs_entry_build(cs_store_schemas(f->store), &p, &t, &rec), "cs_entry_build");
	if (cs_entry_check_new(snap, &t, rec, "entry", &why) < 0)
		fail_msg("cs_entry_check_new: %s", cs_buf_cstr(&why));
	if (late)
		ok(cs_node_set_str(rec, "late_reason", late), "late_reason");
	ok(cs_entry_add(f->store, &rec, NULL, 1, &b), "cs_entry_add");
	snprintf(id, 32, "%s", cs_node_get_str(rec, "id"));
	snprintf(path, 96, "records/log/hepingli/%.4s/%.2s/%s.yaml", id, id + 4, id);
	cs_node_free(rec);
	cs_snapshot_free(snap);
	cs_buf_free(&why);
}

static void log_sign(fx_store *f, const char *now, const char *id, const char *by)
{
	cs_snapshot *snap = NULL;
	char *ids[1];
	cs_time t;
	now_is(now, &t);
	ids[0] = (char *)id;
	ok(cs_snapshot_load_directory(&snap, f->store, NULL), "cs_snapshot_load_directory");
	ok(cs_logbook_sign(f->store, snap, ids, 1, by, NULL, &t), "cs_logbook_sign");
	cs_snapshot_free(snap);
}

static void log_amend(fx_store *f, const char *now, const char *id, const char *set)
{
	cs_buf full = CS_BUF_INIT;
	cs_time t;
	now_is(now, &t);
	ok(cs_logbook_amend(f->store, id, &set, 1, "补充", &full), "cs_logbook_amend");
	cs_buf_free(&full);
}

static void file_report(fx_store *f, const char *now, int month)
{
	cs_snapshot *snap = NULL;
	cs_node *report = NULL;
	cs_buf path = CS_BUF_INIT;
	cs_filing how = { 0, NULL };
	cs_time t;
	now_is(now, &t);
	ok(cs_snapshot_load(&snap, f->store, NULL, 0), "cs_snapshot_load");
	ok(cs_report_monthly(snap, 2026, month, "lawyer", "wang-li", 0, &report), "cs_report_monthly");
	ok(cs_filing_monthly(f->store, report, &t, &how, &path), "cs_filing_monthly");
	cs_node_free(report);
	cs_snapshot_free(snap);
	cs_buf_free(&path);
}

static void audit(fx_store *f, const char *since, const char *against, cs_findings *out)
{
	cs_findings_init(out);
	ok(cs_check_audit(f->store, since, against, out), "cs_check_audit");
}

/* The file at HEAD with from replaced by to (once); a static buffer. */
static const char *edited(fx_store *f, const char *path, const char *from, const char *to)
{
	static char text[4096];
	cs_buf b = CS_BUF_INIT;
	char *at;
	ok(cs_store_read_blob(f->store, NULL, path, &b), path);
	assert_non_null(at = strstr(cs_buf_cstr(&b), from));
	assert_true(b.len - strlen(from) + strlen(to) < sizeof(text));
	snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - b.ptr), b.ptr, to, at + strlen(from));
	cs_buf_free(&b);
	return text;
}

/* A message as a command writes it, naming path: a forgery when by hand. */
static const char *forged(const char *command, const char *path)
{
	static char msg[512];
	snprintf(msg, sizeof(msg), "Looks like a command\n\nCs-Command: %s\nCs-Record: %s\n",
		 command, path);
	return msg;
}

/* Exactly one finding, of rule at path with the severity, naming HEAD. */
static void assert_only(fx_store *f, const cs_findings *out, const char *rule, const char *path,
			int severity)
{
	char head[41];
	const cs_finding *x;
	fx_head(f, head);
	x = fx_assert_finding(out, rule, path, NULL, severity);
	if (out->n != 1)
		fx_assert_none(out, out->v[out->v == x ? 1 : 0].rule, NULL, NULL);
	assert_non_null(x->commit);
	assert_string_equal(x->commit, head);
}

/* The commands' history: the directory and a pairing, three entries (one
 * signed, one not, a request accepted) from 2026-10-08. */
static int setup(void **state)
{
	struct audit_fx *a = test_calloc(1, sizeof(*a));
	fx_store *f = &a->f;
	char path[96];
	cs_time t;
	fx_store_new(f, 1);
	fx_directory(f);
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	fx_flush(f, "2026-09-01T08:00");
	log_add(f, "2026-10-08T12:00", "consultation", "2026-10-08", "09:00", "09:30", NULL,
		a->signed_id, a->signed_path);
	log_add(f, "2026-10-08T12:10", "consultation", "2026-10-08", "10:00", "10:30", NULL,
		a->unsigned_id, a->unsigned_path);
	log_add(f, "2026-10-08T12:20", "request", "2026-10-08", "11:00", NULL, NULL,
		a->request_id, path);
	now_is("2026-10-09T09:00", &t);
	ok(cs_logbook_accept(f->store, a->request_id, &t), "cs_logbook_accept");
	log_sign(f, "2026-10-09T10:00", a->signed_id, "张主任");
	fx_head(f, a->base);
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	struct audit_fx *a = *state;
	fx_store_free(&a->f);
	test_free(a);
	return 0;
}

/* --- the commands' own writes ------------------------------------------------ */

static void the_commands_history_is_clean(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char id[32], path[96], sealed[41];
	size_t errors, warnings;
	audit(f, NULL, NULL, &out);
	assert_int_equal(out.n, 0);
	cs_findings_free(&out);
	/* amended (the signature cleared), signed again, voided */
	log_amend(f, "2026-10-10T09:00", a->signed_id, "result=已解答");
	log_sign(f, "2026-10-10T10:00", a->signed_id, "李书记");
	log_add(f, "2026-10-12T12:00", "consultation", "2026-10-12", "09:00", "09:30", NULL, id, path);
	{
		cs_snapshot *snap = NULL;
		cs_time t;
		now_is("2026-10-12T13:00", &t);
		ok(cs_snapshot_load(&snap, f->store, NULL, 0), "cs_snapshot_load");
		ok(cs_logbook_void(f->store, snap, id, "记错", &t), "cs_logbook_void");
		cs_snapshot_free(snap);
	}
	audit(f, NULL, NULL, &out);
	assert_int_equal(out.n, 0);
	cs_findings_free(&out);
	/* October filed: a late entry with its reason, and an amendment, are
	 * listed as warnings, no error */
	file_report(f, "2026-11-02T09:00", 10);
	fx_head(f, sealed);
	log_add(f, "2026-11-03T09:00", "consultation", "2026-10-20", "09:00", "09:30", "漏记补录",
		id, path);
	log_amend(f, "2026-11-04T09:00", a->unsigned_id, "result=已回访");
	audit(f, sealed, NULL, &out);
	cs_findings_count(&out, &errors, &warnings);
	assert_int_equal(errors, 0);
	assert_int_equal(warnings, 2);
	fx_assert_finding(&out, "audit.late-entry", path, NULL, W);
	fx_assert_finding(&out, "audit.sealed-modified", a->unsigned_path, NULL, W);
	cs_findings_free(&out);
}

/* --- by hand ---------------------------------------------------------------- */

static void a_commit_without_a_command_trailer_is_manual(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	const char *p = fx_put(f, "records/firms/zhengda.yaml",
			       "kind: firm\nid: zhengda\nname: 正达律师事务所\n");
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"), "Add a firm\n");
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.manual", p, E);
	cs_findings_free(&out);
}

static void a_command_trailer_not_naming_a_change_is_manual(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	fx_put(f, "records/firms/zhengda.yaml", "kind: firm\nid: zhengda\nname: 正达律师事务所\n");
	const char *q = fx_put(f, "records/firms/hengping.yaml",
			       "kind: firm\nid: hengping\nname: 衡平律师事务所\n");
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"),
			 forged("csassign add", "records/firms/zhengda.yaml"));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.manual", q, E);
	cs_findings_free(&out);
}

/* A signed entry changed, by hand with and without a forged trailer: the
 * same finding. */
static void a_signed_entry_changed_is_signed_modified(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	fx_put(f, a->signed_path, "%s", edited(f, a->signed_path, "咨询", "改过的内容"));
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"), forged("cslog amend", a->signed_path));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.signed-modified", a->signed_path, E);
	assert_string_equal(out.v[0].record, a->signed_id);
	cs_findings_free(&out);
	/* the same edit again, without any trailer: manual as well */
	fx_head(f, a->base);
	fx_put(f, a->signed_path, "%s", edited(f, a->signed_path, "改过的内容", "又改了"));
	fx_flush_by_hand(f, fx_epoch("2026-10-10T10:00"), "edit\n");
	audit(f, a->base, NULL, &out);
	fx_assert_finding(&out, "audit.signed-modified", a->signed_path, NULL, E);
	fx_assert_finding(&out, "audit.manual", a->signed_path, NULL, E);
	assert_int_equal(out.n, 2);
	cs_findings_free(&out);
}

static void an_entry_added_signed_is_signed_modified(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	const char *p = fx_entry(f, "consultation", "20261009-hhhhhh", "hepingli", "wang-li",
				 "signed_by: 张主任\nsigned_at: '2026-10-09T18:00'\n");
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"), forged("cslog add", p));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.signed-modified", p, E);
	cs_findings_free(&out);
}

static void signed_and_changed_in_one_commit_is_signed_modified(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char text[4096];
	snprintf(text, sizeof(text), "%ssigned_by: 张主任\nsigned_at: '2026-10-09T18:00'\n",
		 edited(f, a->unsigned_path, "咨询", "改过"));
	fx_put(f, a->unsigned_path, "%s", text);
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"), forged("cslog sign", a->unsigned_path));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.signed-modified", a->unsigned_path, E);
	cs_findings_free(&out);
}

static void a_removed_record_is_deleted(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	fx_remove(f, "records/offices/xincheng.yaml");
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"),
			 forged("cslog void", "records/offices/xincheng.yaml"));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.deleted", "records/offices/xincheng.yaml", E);
	cs_findings_free(&out);
}

/* October filed, then by hand: an entry of it edited (error), one signed
 * (a warning: a sign-off is allowed), one added without --late (error). */
static void a_filed_month_changed_by_hand(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char text[4096];
	const char *p;
	file_report(f, "2026-11-02T09:00", 10);
	fx_head(f, a->base);
	fx_put(f, a->unsigned_path, "%s", edited(f, a->unsigned_path, "咨询", "改过"));
	fx_flush_by_hand(f, fx_epoch("2026-11-03T09:00"), forged("cslog edit", a->unsigned_path));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.sealed-modified", a->unsigned_path, E);
	cs_findings_free(&out);

	fx_head(f, a->base);
	snprintf(text, sizeof(text), "%ssigned_by: 张主任\nsigned_at: '2026-11-03T10:00'\n",
		 edited(f, a->unsigned_path, "改过", "改过"));
	fx_put(f, a->unsigned_path, "%s", text);
	fx_flush_by_hand(f, fx_epoch("2026-11-03T10:00"), forged("cslog sign", a->unsigned_path));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.sealed-modified", a->unsigned_path, W);
	cs_findings_free(&out);

	fx_head(f, a->base);
	p = fx_entry(f, "consultation", "20261020-llllll", "hepingli", "wang-li", "");
	fx_flush_by_hand(f, fx_epoch("2026-11-03T11:00"), forged("cslog add", p));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.late-entry", p, E);
	cs_findings_free(&out);
}

static void a_filed_report_or_key_changed_is_filed_modified(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	const char *report = "records/reports/2026-10/lawyer-wang-li.yaml";
	file_report(f, "2026-11-02T09:00", 10);
	fx_head(f, a->base);
	fx_put(f, report, "%s", edited(f, report, "kind:", "note: 改过\nkind:"));
	fx_flush_by_hand(f, fx_epoch("2026-11-03T09:00"), forged("csreport monthly", report));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.filed-modified", report, E);
	cs_findings_free(&out);
}

/* A sign-off by a head with a registered key, in a commit not signed
 * with it. */
static void a_sign_off_without_the_registered_key_is_unverified(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char text[4096];
	fx_put(f, "records/keys/zhang.yaml",
	       "kind: key\nid: zhang\nname: 张主任\nrole: head\n"
	       "key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILF/HhFh4KN3LFawHEyhblEiMRfkcNwrfTTcV9PgPhm9\n"
	       "fingerprint: SHA256:nrYqkZPKwH/KjrJhLUW5ojB83HcGamSIPPF38JXI0BI\nadded: '2026-10-09'\n");
	fx_flush(f, "2026-10-09T12:00");
	fx_head(f, a->base);
	snprintf(text, sizeof(text), "%ssigned_by: 张主任\nsigned_at: '2026-10-10T09:00'\n",
		 edited(f, a->unsigned_path, "咨询", "咨询"));
	fx_put(f, a->unsigned_path, "%s", text);
	fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"), forged("cslog sign", a->unsigned_path));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.unverified-sign", a->unsigned_path, E);
	cs_findings_free(&out);
}

/* Two key pairs in the store's temporary directory: head (registered for
 * 张主任 by the command) and other. */
static void keys(fx_store *f, char head[128], char other[128])
{
	cs_buf pub = CS_BUF_INIT, slug = CS_BUF_INIT;
	char path[160];
	cs_key_spec k = { "张主任", NULL, NULL, NULL, NULL };
	cs_time t;
	snprintf(head, 128, "%s/head", f->root);
	snprintf(other, 128, "%s/other", f->root);
	assert_int_equal(fx_sh("ssh-keygen -q -t ed25519 -N '' -C head -f '%s' && "
			       "ssh-keygen -q -t ed25519 -N '' -C other -f '%s'", head, other), 0);
	snprintf(path, sizeof(path), "%s.pub", head);
	ok(cs_buf_read_file(&pub, path, 0), path);
	k.key = cs_buf_cstr(&pub);
	now_is("2026-10-09T12:00", &t);
	ok(cs_key_add(f->store, &k, &t, &slug), "cs_key_add");
	cs_buf_free(&pub);
	cs_buf_free(&slug);
}

static void sign_offs_are_verified_against_the_registered_key(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char head[128], other[128], text[4096], id[32], path[96];
	cs_snapshot *snap = NULL;
	char *ids[1];
	cs_time t;
	keys(f, head, other);
	log_add(f, "2026-10-09T13:00", "consultation", "2026-10-09", "09:00", "09:30", NULL, id, path);
	/* cslog sign --key: signed with the registered key */
	now_is("2026-10-10T09:00", &t);
	ids[0] = a->unsigned_id;
	ok(cs_snapshot_load_directory(&snap, f->store, NULL), "cs_snapshot_load_directory");
	ok(cs_logbook_sign(f->store, snap, ids, 1, "张主任", head, &t), "cs_logbook_sign");
	cs_snapshot_free(snap);
	audit(f, a->base, NULL, &out);
	assert_int_equal(out.n, 0);
	cs_findings_free(&out);
	/* by hand, signed with another key */
	fx_head(f, a->base);
	snprintf(text, sizeof(text), "%ssigned_by: 张主任\nsigned_at: '2026-10-10T10:00'\n",
		 edited(f, path, "咨询", "咨询"));
	fx_put(f, path, "%s", text);
	fx_flush_by_hand_signed(f, fx_epoch("2026-10-10T10:00"), forged("cslog sign", path), other);
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.unverified-sign", path, E);
	assert_non_null(strstr(out.v[0].message, "not the registered key's"));
	cs_findings_free(&out);
}

static void an_unsigned_sign_off_where_signatures_are_required(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char text[4096];
	static const char *files[3] = { "cs.yaml", NULL, NULL };
	files[1] = edited(f, "cs.yaml", "require_signatures: false", "require_signatures: true");
	fx_commit(f, "2026-10-09T12:00", "csinit", files);
	fx_head(f, a->base);
	/* the command refuses to sign without a key now */
	{
		cs_snapshot *snap = NULL;
		char *ids[1] = { a->unsigned_id };
		cs_time t;
		now_is("2026-10-10T09:00", &t);
		ok(cs_snapshot_load_directory(&snap, f->store, NULL), "cs_snapshot_load_directory");
		assert_int_equal(cs_logbook_sign(f->store, snap, ids, 1, "李书记", NULL, &t), CS_EDATA);
		cs_snapshot_free(snap);
	}
	snprintf(text, sizeof(text), "%ssigned_by: 李书记\nsigned_at: '2026-10-10T10:00'\n",
		 edited(f, a->unsigned_path, "咨询", "咨询"));
	fx_put(f, a->unsigned_path, "%s", text);
	fx_flush_by_hand(f, fx_epoch("2026-10-10T10:00"), forged("cslog sign", a->unsigned_path));
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.unverified-sign", a->unsigned_path, E);
	assert_non_null(strstr(out.v[0].message, "requires signed sign-offs"));
	cs_findings_free(&out);
}

static void a_registered_key_replaced_is_filed_modified(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char head[128], other[128], path[160];
	cs_buf pub = CS_BUF_INIT, key = CS_BUF_INIT;
	keys(f, head, other);
	fx_head(f, a->base);
	snprintf(path, sizeof(path), "%s.pub", other);
	ok(cs_buf_read_file(&pub, path, 0), path);
	/* the key record's slug is not 张主任: find it by the name */
	{
		cs_snapshot *snap = NULL;
		const cs_node *k;
		char kpath[160];
		ok(cs_snapshot_load_directory(&snap, f->store, NULL), "cs_snapshot_load_directory");
		assert_non_null(k = cs_snapshot_key(snap, "张主任"));
		snprintf(kpath, sizeof(kpath), "records/keys/%s.yaml", cs_node_get_str(k, "id"));
		ok(cs_sshkey_parse(pub.ptr, pub.len, &key, NULL), "cs_sshkey_parse");
		fx_put(f, kpath, "%s", edited(f, kpath, cs_node_get_str(k, "key"), cs_buf_cstr(&key)));
		fx_flush_by_hand(f, fx_epoch("2026-10-10T09:00"), forged("csassign key add", kpath));
		audit(f, a->base, NULL, &out);
		assert_only(f, &out, "audit.filed-modified", kpath, E);
		cs_findings_free(&out);
		cs_snapshot_free(snap);
	}
	cs_buf_free(&pub);
	cs_buf_free(&key);
}

static void a_report_superseded_by_the_command_is_a_warning(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	cs_snapshot *snap = NULL;
	cs_node *report = NULL;
	cs_buf path = CS_BUF_INIT;
	cs_filing how = { 1, "补报漏记的咨询" };
	cs_time t;
	char id[32], entry[96];
	file_report(f, "2026-11-02T09:00", 10);
	log_add(f, "2026-11-03T09:00", "consultation", "2026-10-21", "09:00", "09:30", "漏记",
		id, entry);
	fx_head(f, a->base);
	now_is("2026-11-03T10:00", &t);
	ok(cs_snapshot_load(&snap, f->store, NULL, 0), "cs_snapshot_load");
	ok(cs_report_monthly(snap, 2026, 10, "lawyer", "wang-li", 0, &report), "cs_report_monthly");
	ok(cs_filing_monthly(f->store, report, &t, &how, &path), "cs_filing_monthly");
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.filed-modified", cs_buf_cstr(&path), W);
	cs_findings_free(&out);
	cs_node_free(report);
	cs_snapshot_free(snap);
	cs_buf_free(&path);
}

/* A merge of two copies (DESIGN 8) is clean when what it changes comes
 * from its second parent; a file it changes itself is an edit hidden in a
 * merge. */
static void a_merge_may_only_bring_the_other_copy(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char id[32], path[96], mine[41];
	const char *side_file = "records/firms/zhengda.yaml";
	/* this copy logs an entry; the other adds a firm, as a command would */
	log_add(f, "2026-10-10T09:00", "consultation", "2026-10-10", "09:00", "09:30", NULL, id, path);
	fx_head(f, mine);
	assert_int_equal(fx_sh(
		"cd '%s' && export GIT_DIR=. GIT_INDEX_FILE=\"$PWD/../idx\" "
		"GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@x && "
		"b=$(printf 'kind: firm\\nid: zhengda\\nname: 正达\\n' | git hash-object -w --stdin) && "
		"git read-tree %s && git update-index --add --cacheinfo 100644,$b,%s && "
		"side=$(git commit-tree $(git write-tree) -p %s -m 'Add a firm' "
		"-m 'Cs-Command: csassign add' -m 'Cs-Record: %s') && "
		"git read-tree %s && git update-index --add --cacheinfo 100644,$b,%s && "
		"m=$(git commit-tree $(git write-tree) -p %s -p $side -m 'Merge the other copy' "
		"-m 'Cs-Command: csmerge') && git update-ref refs/heads/main $m && "
		"x=$(printf 'kind: office\\nid: xincheng\\nname: 改名\\n' | git hash-object -w --stdin) && "
		"git update-index --cacheinfo 100644,$x,records/offices/xincheng.yaml && "
		"m2=$(git commit-tree $(git write-tree) -p %s -p $side -m 'Merge again' "
		"-m 'Cs-Command: csmerge') && git update-ref refs/heads/edited $m2",
		f->dir, a->base, side_file, a->base, side_file, mine, side_file, mine, mine), 0);
	fx_reopen(f);
	audit(f, a->base, NULL, &out);
	assert_int_equal(out.n, 0);
	cs_findings_free(&out);
	assert_int_equal(fx_sh("git -C '%s' update-ref refs/heads/main refs/heads/edited", f->dir), 0);
	fx_reopen(f);
	audit(f, a->base, NULL, &out);
	assert_only(f, &out, "audit.manual", "records/offices/xincheng.yaml", E);
	assert_non_null(strstr(out.v[0].message, "merge"));
	cs_findings_free(&out);
}

static void a_history_rewritten_against_a_copy(void **state)
{
	struct audit_fx *a = *state;
	fx_store *f = &a->f;
	cs_findings out;
	char old[41];
	const cs_finding *x;
	log_amend(f, "2026-10-10T09:00", a->signed_id, "result=已解答");
	fx_head(f, old);
	audit(f, a->base, a->base, &out);
	assert_int_equal(out.n, 0); /* an ancestor */
	cs_findings_free(&out);
	assert_int_equal(fx_sh("git -C '%s' update-ref refs/heads/main '%s' '%s'", f->dir, a->base,
			       old), 0);
	fx_reopen(f);
	audit(f, a->base, old, &out);
	x = fx_assert_finding(&out, "audit.rewritten", "records", NULL, E);
	assert_string_equal(x->commit, old);
	assert_int_equal(out.n, 1);
	cs_findings_free(&out);
}

/* --- every audit id has its test ----------------------------------------------- */

static const char *const covered[] = {
	"audit.deleted", "audit.signed-modified", "audit.sealed-modified", "audit.manual",
	"audit.rewritten", "audit.unverified-sign", "audit.late-entry", "audit.filed-modified",
	NULL
};

static void every_audit_id_has_a_test(void **state)
{
	const char *const *ids = cs_rule_ids();
	size_t i, j, missing = 0;
	(void)state;
	for (i = 0; ids[i]; i++) {
		if (strncmp(ids[i], "audit.", 6))
			continue;
		for (j = 0; covered[j] && strcmp(covered[j], ids[i]); j++)
			;
		if (!covered[j]) {
			print_message("# no test for rule %s\n", ids[i]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(the_commands_history_is_clean),
		T(a_commit_without_a_command_trailer_is_manual),
		T(a_command_trailer_not_naming_a_change_is_manual),
		T(a_signed_entry_changed_is_signed_modified),
		T(an_entry_added_signed_is_signed_modified),
		T(signed_and_changed_in_one_commit_is_signed_modified),
		T(a_removed_record_is_deleted),
		T(a_filed_month_changed_by_hand),
		T(a_filed_report_or_key_changed_is_filed_modified),
		T(a_sign_off_without_the_registered_key_is_unverified),
		T(sign_offs_are_verified_against_the_registered_key),
		T(an_unsigned_sign_off_where_signatures_are_required),
		T(a_registered_key_replaced_is_filed_modified),
		T(a_report_superseded_by_the_command_is_a_warning),
		T(a_merge_may_only_bring_the_other_copy),
		T(a_history_rewritten_against_a_copy),
		cmocka_unit_test(every_audit_id_has_a_test),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
