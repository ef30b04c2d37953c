#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "create.h"
#include "error.h"
#include "params.h"
#include "record.h"
#include "store.h"

extern const struct { const char *name; const char *text; } cs_embedded_calendars[];

static int make_config(const char *district, cs_buf *out)
{
	cs_node *cfg = cs_node_new_map(), *rules = NULL;
	int error = CS_ENOMEM;
	if (!cfg || (error = cs_params_defaults(&rules)) < 0)
		goto cleanup;
	if ((error = cs_node_set_str(cfg, "kind", "config")) < 0 ||
	    (error = cs_node_set_str(cfg, "district", district)) < 0 ||
	    (error = cs_node_set_str(cfg, "locale", "zh_CN.UTF-8")) < 0)
		goto cleanup;
	/* cs_node_set takes rules, also when it fails */
	error = cs_node_set(cfg, "rules", rules);
	rules = NULL;
	if (error < 0)
		goto cleanup;
	if ((error = cs_record_validate(NULL, cfg, "cs.yaml", NULL)) < 0)
		goto cleanup;
	error = cs_record_emit(NULL, cfg, out);
cleanup:
	cs_node_free(rules);
	cs_node_free(cfg);
	return error;
}

/* The hook runs the cscheck installed beside the command that made the
 * store when there is one, so a store works before the tools are on PATH;
 * text is left empty (the store's default hook) when there is none. */
static int hook_text(cs_buf *text)
{
	char self[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0 || (size_t)n > sizeof(self) - sizeof("cscheck"))
		return 0;
	self[n] = '\0';
	if (!(slash = strrchr(self, '/')))
		return 0;
	strcpy(slash + 1, "cscheck");
	if (access(self, X_OK) < 0 || strchr(self, '\''))
		return 0;
	return cs_buf_printf(text,
		      "#!/bin/sh\n"
		      "# Installed by csinit: check records before each hand-made commit;\n"
		      "# only records that fail their schema or references block it.\n"
		      "cscheck='%s'\n"
		      "[ -x \"$cscheck\" ] || cscheck=$(command -v cscheck) || exit 0\n"
		      "exec \"$cscheck\" --worktree -C \"$(git rev-parse --show-toplevel)\" --hook\n",
		      self);
}

int cs_create(const char *dir, const char *district, int bare)
{
	cs_file files[64];
	char paths[64][32];
	cs_buf cfg = CS_BUF_INIT, msg = CS_BUF_INIT, hook = CS_BUF_INIT;
	size_t n = 0, i;
	int error;
	if (!district || !*district)
		return cs_error_set(CS_EUSAGE, "--district NAME is required");
	if ((error = make_config(district, &cfg)) < 0)
		goto cleanup;
	files[n].path = "cs.yaml";
	files[n].data = cfg.ptr;
	files[n].len = cfg.len;
	n++;
	for (i = 0; cs_embedded_calendars[i].name && n < 64; i++, n++) {
		snprintf(paths[n], sizeof(paths[n]), "calendar/%s.yaml", cs_embedded_calendars[i].name);
		files[n].path = paths[n];
		files[n].data = cs_embedded_calendars[i].text;
		files[n].len = strlen(cs_embedded_calendars[i].text);
	}
	cs_buf_printf(&msg, "Create the store of %s\n\nCs-Command: csinit\n", district);
	if ((error = hook_text(&hook)) < 0)
		goto cleanup;
	error = cs_store_create_hook(dir, bare, files, n, cs_buf_cstr(&msg),
				     hook.len ? hook.ptr : NULL);
cleanup:
	cs_buf_free(&hook);
	cs_buf_free(&cfg);
	cs_buf_free(&msg);
	return error;
}
