/* Scratch stores for the unit tests (tests/unit/fixture.c): a store made by
 * cs_create in a temporary directory, records written into it as one
 * commit through cs_store_transact, or by hand with libgit2 (what the
 * audit must flag), the checks run on it, and all of it removed. Every
 * function fails the test (cmocka) rather than return an error. */
#ifndef CS_TEST_FIXTURE_H
#define CS_TEST_FIXTURE_H

#include <stddef.h>

#include "check.h"
#include "store.h"

typedef struct {
	char root[64];     /* the temporary directory */
	char dir[96];      /* the store in it */
	int bare;
	cs_store *store;
	char **owned;          /* the strings fx_put made, freed with the store */
	size_t nowned;
	const char **pending;  /* path, data pairs put and not yet committed */
	size_t npending;
} fx_store;

/* A new store (bare or with a working tree) of district 测试区, created at
 * 2025-12-01T08:00 UTC (CS_NOW, TZ=UTC, CS_AUTHOR are set for the test;
 * CS_CACHE=0, so that reads write no cache files). */
void fx_store_new(fx_store *f, int bare);
/* Close the store and remove the directory. */
void fx_store_free(fx_store *f);
/* cmocka's setup and teardown of a test with a new bare store as its
 * state (fx_setup_directory: with fx_directory committed in it). */
int fx_setup(void **state);
int fx_setup_directory(void **state);
int fx_teardown(void **state);
/* Open the store again (what the next command sees). */
void fx_reopen(fx_store *f);
/* The commit HEAD points at, in hex. */
void fx_head(fx_store *f, char hex[41]);

/* The directory most tests use, as one commit at 2025-12-01T08:00: office
 * xincheng, firm dacheng, lawyers wang-li and zhao, communities hepingli
 * (heads 张主任, 李书记; workroom 和平里活动室) and dongfeng (head 王书记;
 * workroom 东风活动室), both of xincheng. */
void fx_directory(fx_store *f);
/* Put a file (data printf-style) into the next commit; its path, valid
 * until fx_store_free. */
const char *fx_put(fx_store *f, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Remove path in the next commit (fx_flush_by_hand only). */
void fx_remove(fx_store *f, const char *path);
/* A log entry of kind put: its date from its id (20261012-... is
 * 2026-10-12), at records/log/<community>/<YYYY>/<MM>/<id>.yaml, with
 * content, result (unless extra has one) and then the lines of extra
 * (may be ""); its path. */
const char *fx_entry(fx_store *f, const char *kind, const char *id, const char *community,
		     const char *lawyer, const char *extra);
/* A pairing put (records/assignments/<id>.yaml), firm dacheng, schedule
 * Wed 14:00-17:30, place 和平里3号, from, to (NULL: open); its path. */
const char *fx_pairing(fx_store *f, const char *id, const char *lawyer, const char *community,
		       const char *from, const char *to);
/* Commit what was put, as fx_commit (command "cslog add") or by hand. */
void fx_flush(fx_store *f, const char *now);
void fx_flush_by_hand(fx_store *f, long long when, const char *message);
/* The same, the commit signed as git signs with gpg.format=ssh, with the
 * private key file keyfile (lib's cs_ssh_sign). */
void fx_flush_by_hand_signed(fx_store *f, long long when, const char *message,
			     const char *keyfile);

/* Write the files (path, data, path, data, ..., NULL) as one commit of
 * command with a Cs-Record trailer each, as the commands' transaction
 * does, at now (CS_NOW: "2026-10-05T09:00"). */
void fx_commit(fx_store *f, const char *now, const char *command, const char *const *files);
/* The same with libgit2 alone, on HEAD's tree: data NULL removes the path;
 * the author and committer time is when (seconds, UTC); message as given
 * (a forged Cs-Command trailer is the test's to write). */
void fx_commit_by_hand(fx_store *f, long long when, const char *message,
		       const char *const *files);
void fx_commit_by_hand_signed(fx_store *f, long long when, const char *message,
			      const char *const *files, const char *keyfile);
/* Seconds since the epoch of "YYYY-MM-DDTHH:MM" in UTC. */
long long fx_epoch(const char *datetime);

/* Load HEAD and run cs_check_rules with the rules selected (NULL: all) on
 * the day today, findings into out (initialised here). */
void fx_rules(fx_store *f, const char *today, const char *rules, cs_findings *out);
/* The same for cs_check_records (schema.* and ref.*). */
void fx_records(fx_store *f, const char *today, cs_findings *out);
/* How many findings of rule (and, path non-NULL, at path). */
size_t fx_count(const cs_findings *out, const char *rule, const char *path);
/* The first finding of rule at path (NULL: any) of period (NULL: any). */
const cs_finding *fx_find(const cs_findings *out, const char *rule, const char *path,
			  const char *period);
/* The first finding of rule at path of period (NULL: any) with the
 * severity; the test fails, listing the findings, when there is none. */
const cs_finding *fx_assert_finding(const cs_findings *out, const char *rule, const char *path,
				    const char *period, int severity);
/* The test fails, listing the findings, when fx_find would find one. */
void fx_assert_none(const cs_findings *out, const char *rule, const char *path,
		    const char *period);

/* Run a shell command (printf-style); its exit status. */
int fx_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
