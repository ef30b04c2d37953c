/* The audit of the history (DESIGN 7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "check.h"
#include "error.h"
#include "yaml.h"

static int git_fail(const char *what)
{
	const git_error *e = git_error_last();
	return cs_error_set(CS_EIO, "%s: %s", what, e && e->message ? e->message : "git error");
}

static cs_node *load_blob(git_repository *repo, const git_oid *id, const char *path)
{
	git_blob *b = NULL;
	cs_node *n = NULL;
	if (git_oid_is_zero(id) || git_blob_lookup(&b, repo, id) < 0) {
		git_error_clear();
		return NULL;
	}
	if (cs_yaml_load(&n, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), path) < 0) {
		cs_error_clear();
		n = NULL;
	}
	git_blob_free(b);
	return n;
}

static int tree_has(git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	int found = tree && git_tree_entry_bypath(&e, tree, path) == 0;
	git_tree_entry_free(e);
	git_error_clear();
	return found;
}

static int audit_add(cs_findings *out, const char *path, int sev, const char *rule, const char *record,
	       const char *lawyer, const char *community, const char *commit, const char *fmt,
	       const char *a, const char *b)
{
	int error = cs_finding_add(out, path, 0, sev, rule, record, lawyer, community, NULL, fmt,
				   a, b);
	if (!error && !(out->v[out->n - 1].commit = cs_strdup(commit)))
		error = CS_ENOMEM;
	return error;
}

static int audit_commit(git_repository *repo, git_commit *c, cs_findings *out)
{
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	char hex[41], command[128], *spec = "records/";
	const char *message = git_commit_message(c);
	size_t i;
	int error = 0;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	cs_commit_trailer(message ? message : "", "Cs-Command", command, sizeof(command));
	if (git_commit_tree(&tree, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0))) {
		error = git_fail("cannot read a commit");
		goto cleanup;
	}
	if (git_commit_parentcount(c) > 1)
		goto cleanup; /* a merge of two copies (DESIGN 8) changes nothing by itself */
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = &spec;
	opts.pathspec.count = 1;
	if (git_diff_tree_to_tree(&diff, repo, ptree, tree, &opts) < 0) {
		error = git_fail("cannot compare a commit with its parent");
		goto cleanup;
	}
	if (!*command) {
		const char *summary = git_commit_summary(c);
		error = audit_add(out, git_diff_num_deltas(diff) ? git_diff_get_delta(diff, 0)->new_file.path
							  : "-", CS_SEV_ERROR,
			    "audit.manual", NULL, NULL, NULL, hex,
			    "commit %.12s was not made by the cs commands (no Cs-Command trailer): %s",
			    hex, summary ? summary : "");
	}
	for (i = 0; i < git_diff_num_deltas(diff) && !error; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->old_file.path;
		cs_node *old = NULL;
		const char *lawyer, *date, *id;
		char report[256];
		if (d->status == GIT_DELTA_DELETED) {
			error = audit_add(out, path, CS_SEV_ERROR, "audit.deleted", NULL, NULL, NULL, hex,
				    "%s removed by commit %.12s: a record is never deleted (void it)",
				    path, hex);
			continue;
		}
		if (d->status != GIT_DELTA_MODIFIED || strncmp(path, "records/log/", 12))
			continue;
		if (!(old = load_blob(repo, &d->old_file.id, path)))
			continue;
		id = cs_node_get_str(old, "id");
		lawyer = cs_node_get_str(old, "lawyer");
		date = cs_node_get_str(old, "date");
		if (cs_node_get_str(old, "signed_by") && strcmp(command, "cslog amend") &&
		    strcmp(command, "cslog void"))
			error = audit_add(out, path, CS_SEV_ERROR, "audit.signed-modified", id, lawyer,
				    cs_node_get_str(old, "community"), hex,
				    "signed entry changed by commit %.12s (%s), not by cslog amend",
				    hex, *command ? command : "by hand");
		if (!error && lawyer && date && strlen(date) >= 7) {
			snprintf(report, sizeof(report), "records/reports/%.7s/lawyer-%s.yaml", date, lawyer);
			if (tree_has(ptree, report))
				/* amend (and signing what it unsigned, accepting a request
				 * whose deadline outlives the filing) is how a sealed entry
				 * may change: listed, not an error */
				error = audit_add(out, path, strcmp(command, "cslog amend") &&
					    strcmp(command, "cslog sign") && strcmp(command, "cslog accept")
					    ? CS_SEV_ERROR : CS_SEV_WARNING,
					    "audit.sealed-modified", id, lawyer, cs_node_get_str(old, "community"),
					    hex, "entry of a filed month changed by commit %.12s (%s)", hex,
					    *command ? command : "by hand");
		}
		cs_node_free(old);
	}
cleanup:
	git_diff_free(diff);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	return error;
}

int cs_check_audit(cs_store *s, const char *since, const char *against, cs_findings *out)
{
	git_repository *repo = cs_store_repository(s);
	git_revwalk *walk = NULL;
	git_commit *c = NULL;
	git_object *obj = NULL;
	git_oid id, head;
	char head_hex[41];
	int error;
	if ((error = cs_store_resolve(s, NULL, head_hex)) < 0)
		return error;
	git_oid_fromstr(&head, head_hex);
	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(walk, &head) < 0) {
		error = git_fail("cannot walk the history");
		goto cleanup;
	}
	if (since) {
		if (git_revparse_single(&obj, repo, since) < 0) {
			git_error_clear();
			error = cs_error_set(CS_ENOTFOUND, "--since: no revision '%s'", since);
			goto cleanup;
		}
		if (git_revwalk_hide(walk, git_object_id(obj)) < 0) {
			error = git_fail("cannot walk the history");
			goto cleanup;
		}
		git_object_free(obj);
		obj = NULL;
	}
	while (git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&c, repo, &id) < 0) {
			error = git_fail("cannot read a commit");
			goto cleanup;
		}
		error = audit_commit(repo, c, out);
		git_commit_free(c);
		c = NULL;
		if (error < 0)
			goto cleanup;
	}
	if (against) {
		git_object *peeled = NULL;
		char hex[41];
		if (git_revparse_single(&obj, repo, against) < 0 ||
		    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
			git_error_clear();
			error = cs_error_set(CS_ENOTFOUND, "--against: no revision '%s'", against);
			goto cleanup;
		}
		if (!git_oid_equal(git_object_id(peeled), &head) &&
		    git_graph_descendant_of(repo, &head, git_object_id(peeled)) != 1) {
			git_oid_tostr(hex, sizeof(hex), git_object_id(peeled));
			error = audit_add(out, "records", CS_SEV_ERROR, "audit.rewritten", NULL, NULL, NULL, hex,
				    "%s (%s) is not an ancestor of this history: it was rewritten",
				    against, hex);
		}
		git_object_free(peeled);
	}
cleanup:
	git_object_free(obj);
	git_commit_free(c);
	git_revwalk_free(walk);
	return error;
}
