#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "filing.h"
#include "record.h"
#include "write.h"
#include "snapshot_impl.h"

int cs_filing_month_over(const char *month, const cs_time *now)
{
	int y, m;
	if (!month || cs_month_parse(month, &y, &m) < 0) {
		cs_error_clear();
		return 0;
	}
	return now->day > cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
}

struct filed {
	const char *path;
	const char *previous;   /* the superseded report's source commit; NULL: a first filing */
};

static int filing_guard(const cs_snapshot *tip, const cs_put *puts, size_t n, void *ctx)
{
	const struct filed *fd = ctx;
	cs_node *old = NULL;
	int error = 0;
	if (!fd->previous)
		return 0;
	/* the report superseded is the one at the tip */
	if ((error = cs_store_read_record(tip->store, tip->rev, fd->path, &old)) < 0)
		return error == CS_ENOTFOUND ? cs_error_set(CS_EDATA, "%s is not filed: nothing to "
							    "supersede", fd->path) : error;
	if (strcmp(cs_node_get_str(old, "source_commit") ? cs_node_get_str(old, "source_commit") : "",
		   fd->previous))
		error = cs_error_set(CS_EBUSY, "%s was filed again meanwhile; run the command again",
				     fd->path);
	cs_node_free(old);
	return error;
}

static int supersedes(cs_store *s, cs_node *report, const char *path, const cs_filing *f,
		      struct filed *fd, cs_node **old)
{
	cs_node *what;
	int error;
	if (!f->reason || !*f->reason)
		return cs_error_set(CS_EUSAGE, "--supersede needs --reason TEXT (why the filed report "
				    "is corrected)");
	if ((error = cs_store_read_record(s, NULL, path, old)) < 0)
		return error == CS_ENOTFOUND ? cs_error_set(CS_EDATA, "%s is not filed: nothing to "
							    "supersede", path) : error;
	fd->previous = cs_node_get_str(*old, "source_commit");
	if (!fd->previous)
		return cs_error_set(CS_EDATA, "%s has no source_commit", path);
	if (!(what = cs_node_new_map()))
		return CS_ENOMEM;
	if ((error = cs_node_set_str(what, "source_commit", fd->previous)) < 0 ||
	    (error = cs_node_set_str(what, "reason", f->reason)) < 0 ||
	    (cs_node_get(*old, "supersedes") &&
	     (error = cs_node_set(what, "previous", cs_node_dup(cs_node_get(*old, "supersedes")))) < 0)) {
		cs_node_free(what);
		return error;
	}
	return cs_node_set(report, "supersedes", what);
}

int cs_filing_monthly(cs_store *s, cs_node *report, const cs_time *now, const cs_filing *f,
		      cs_buf *path)
{
	const char *month = cs_node_get_str(report, "month");
	const char *scope = cs_node_get_str(report, "scope");
	const char *subject = cs_node_get_str(report, "subject");
	struct filed fd = { NULL, NULL };
	const char *trailers[] = { "Cs-Reason", f->reason, NULL };
	cs_buf summary = CS_BUF_INIT;
	cs_node *old = NULL;
	cs_commit c;
	cs_put put = { report, 1, NULL };
	char today[11];
	int error;
	memset(&c, 0, sizeof(c));
	if (!cs_filing_month_over(month, now)) {
		cs_date_format(now->day, today);
		return cs_error_set(CS_EDATA, "%s has not ended (today is %s): a month is filed once it "
				    "is over (Art 18)", month ? month : "?", today);
	}
	if ((error = cs_record_path(report, path)) < 0)
		return error;
	fd.path = cs_buf_cstr(path);
	if (f->supersede && (error = supersedes(s, report, fd.path, f, &fd, &old)) < 0)
		goto cleanup;
	put.create = !f->supersede;
	cs_buf_printf(&summary, f->supersede ? "Supersede the %s report of %s for %s (Art 18)"
		      : "File the %s report of %s for %s (Art 18)", scope, subject, month);
	c.command = "csreport monthly";
	c.summary = cs_buf_cstr(&summary);
	c.trailers = f->supersede ? trailers : NULL;
	c.guard = filing_guard;
	c.guard_ctx = &fd;
	error = cs_write_records(s, &c, &put, 1, NULL);
	if (error == CS_ECANTCREAT)
		error = cs_error_set(CS_ECANTCREAT, "%s is filed already (a correction is filed with "
				     "--supersede --reason TEXT)", fd.path);
cleanup:
	cs_node_free(old);
	cs_buf_free(&summary);
	return error;
}

int cs_filing_assessment_records(const cs_node *assessment, cs_node **out)
{
	const cs_node *ls = cs_node_get(assessment, "lawyers");
	const char *source = cs_node_get_str(assessment, "source_commit");
	cs_node *recs = cs_node_new_seq(), *rec;
	size_t i, k;
	int error = 0;
	*out = NULL;
	if (!recs)
		return CS_ENOMEM;
	for (i = 0; ls && ls->type == CS_NODE_SEQ && i < ls->count && !error; i++) {
		const cs_node *b = ls->items[i];
		if (!(rec = cs_node_new_map()) || (error = cs_node_push(recs, rec)) < 0) {
			cs_node_free(rec);
			error = CS_ENOMEM;
			break;
		}
		if ((error = cs_node_set_str(rec, "kind", "assessment")) < 0 ||
		    (error = cs_node_set(rec, "year", cs_node_dup(cs_node_get(assessment, "year")))) < 0)
			break;
		for (k = 0; b->type == CS_NODE_MAP && k < b->count && !error; k++)
			error = cs_node_set(rec, b->pairs[k].key, cs_node_dup(b->pairs[k].value));
		if (!error)
			error = cs_node_set_str(rec, "source_commit", source ? source : "");
	}
	if (error < 0) {
		cs_node_free(recs);
		return error;
	}
	*out = recs;
	return 0;
}

int cs_filing_assessment(cs_store *s, const cs_node *assessment)
{
	cs_node *recs = NULL;
	cs_put *puts = NULL;
	cs_buf summary = CS_BUF_INIT;
	cs_commit c;
	long long year = 0;
	size_t i;
	int error;
	if ((error = cs_filing_assessment_records(assessment, &recs)) < 0)
		return error;
	if (!recs->count)
		goto cleanup;
	if (!(puts = cs_calloc(recs->count, sizeof(*puts)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < recs->count; i++) {
		puts[i].rec = recs->items[i];
		puts[i].create = 1;
	}
	cs_node_int(cs_node_get(assessment, "year"), &year);
	cs_buf_printf(&summary, "File the %lld assessment of %zu lawyers (Art 21)", year, (size_t)recs->count);
	memset(&c, 0, sizeof(c));
	c.command = "csreport assess";
	c.summary = cs_buf_cstr(&summary);
	error = cs_write_records(s, &c, puts, recs->count, NULL);
	if (error == CS_ECANTCREAT)
		error = cs_error_set(CS_ECANTCREAT, "the %lld assessment is filed already", year);
cleanup:
	free(puts);
	cs_node_free(recs);
	cs_buf_free(&summary);
	return error;
}
