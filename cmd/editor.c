/* The editor of cslog add -e and cslog edit -e: a record is edited until
 * it passes, each refusal shown again as comments. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "editor.h"
#include "entry.h"
#include "error.h"
#include "yaml.h"

/* Run $VISUAL or $EDITOR on path; CS_EDATA when it fails. */
static int run_editor(const char *path)
{
	const char *editor = getenv("VISUAL");
	cs_buf cmd = CS_BUF_INIT;
	int st;
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	cs_buf_printf(&cmd, "%s '%s'", editor, path);
	st = system(cs_buf_cstr(&cmd));
	cs_buf_free(&cmd);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return cs_error_set(CS_EDATA, "the editor failed; nothing was written");
	return 0;
}

static int write_temp(char *path, const cs_buf *text)
{
	int fd = mkstemps(path, 5);
	if (fd < 0)
		return cs_error_set(CS_ECANTCREAT, "cannot create a temporary file");
	if (write(fd, text->ptr, text->len) != (ssize_t)text->len) {
		close(fd);
		return cs_error_set(CS_EIO, "cannot write %s", path);
	}
	close(fd);
	return 0;
}

int cli_edit_record(const cs_schema_set *set, cs_node **rec, cli_check_fn check, void *ctx)
{
	char path[] = "/tmp/cslog-XXXXXX.yaml";
	cs_buf text = CS_BUF_INIT, back = CS_BUF_INIT, why = CS_BUF_INIT, last = CS_BUF_INIT;
	cs_node *edited = NULL;
	int error;
	if ((error = cs_entry_template(set, *rec, NULL, &text)) < 0 ||
	    (error = write_temp(path, &text)) < 0)
		goto cleanup;
	for (;;) {
		cs_node_free(edited);
		edited = NULL;
		cs_buf_clear(&back);
		if ((error = run_editor(path)) < 0 ||
		    (error = cs_buf_read_file(&back, path, CS_YAML_MAX_BYTES)) < 0)
			break;
		if (back.len == text.len && (!back.len || !memcmp(back.ptr, text.ptr, text.len))) {
			error = why.len ? cs_error_set(CS_EDATA, "%s", cs_buf_cstr(&why))
					: cs_error_set(CS_EDATA, "the file was left unchanged; nothing was written");
			break;
		}
		if (last.len == back.len && back.len && !memcmp(last.ptr, back.ptr, back.len)) {
			/* the same text as last time: the editor will not mend it */
			error = cs_error_set(CS_EDATA, "%s", cs_buf_cstr(&why));
			break;
		}
		cs_buf_clear(&last);
		cs_buf_put(&last, back.ptr, back.len);
		cs_buf_clear(&why);
		if (cs_yaml_load(&edited, back.ptr, back.len, "entry") < 0) {
			cs_buf_puts(&why, cs_error_last());
		} else if (!edited) {
			error = cs_error_set(CS_EDATA, "the entry is empty; nothing was written");
			break;
		} else {
			/* judged on a copy: what is shown again is what was written */
			cs_node *trial = cs_node_dup(edited);
			if (!trial || (error = check(ctx, trial, &why)) == 0) {
				cs_node_free(edited);
				edited = trial;
				error = trial ? 0 : CS_ENOMEM;
				break;
			}
			cs_node_free(trial);
			if (error != CS_EDATA && error != CS_EUSAGE)
				break;
		}
		if (!why.len)
			cs_buf_puts(&why, cs_error_last());
		cs_error_clear();
		/* show it again, with what is wrong as comments */
		if ((error = cs_entry_template(set, edited ? edited : *rec, cs_buf_cstr(&why),
					       &text)) < 0)
			break;
		if (!edited)
			cs_buf_printf(&text, "# %s\n", _("(what was written did not parse)"));
		unlink(path);
		strcpy(path, "/tmp/cslog-XXXXXX.yaml");
		if ((error = write_temp(path, &text)) < 0)
			break;
	}
	if (!error) {
		cs_node_free(*rec);
		*rec = edited;
		edited = NULL;
	}
cleanup:
	unlink(path);
	cs_node_free(edited);
	cs_buf_free(&text);
	cs_buf_free(&back);
	cs_buf_free(&why);
	cs_buf_free(&last);
	return error;
}

