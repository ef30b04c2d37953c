/* csinit: create a store (DESIGN 2). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "create.h"
#include "error.h"
#include "opts.h"
#include "record.h"

static const cli_option options[] = {
	{ "district", 0, "NAME", 0, NULL, N_("the district's name (required)") },
	{ "bare", 0, NULL, 0, NULL, N_("a bare repository (the bureau's central copy)") },
	{ NULL, 0, NULL, 0, NULL, NULL }
};

static const cli_verb verbs[] = {
	{ "", "[DIR]", 0, 1, "@dir", "district [bare]",
	  N_("Create a cs store in DIR (default: the current directory).") },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL }
};

static const cli_command csinit = { "csinit", N_("Create a cs store: a git repository with "
				    "cs.yaml, the calendars and a pre-commit hook."), options,
				    verbs, NULL };

int main(int argc, char **argv)
{
	cli_args a;
	const char *dir;
	int status, error;
	cli_init("csinit");
	if ((status = cli_parse(&csinit, argc, argv, &a)) >= 0)
		goto done;
	dir = a.nops ? a.operands[0] : ".";
	if (a.dir && chdir(a.dir) < 0) {
		cli_warn(_("cannot change to '%s'"), a.dir);
		status = EX_NOINPUT_;
	} else if ((error = cs_create(dir, cli_arg(&a, "district"), cli_has(&a, "bare"))) < 0) {
		status = cli_status(error, a.verb);
	} else {
		fprintf(stderr, cli_has(&a, "bare") ? _("csinit: created a bare store in %s\n")
						    : _("csinit: created a store in %s\n"), dir);
		status = 0;
	}
done:
	cli_args_free(&a);
	cs_record_cleanup();
	return status;
}
