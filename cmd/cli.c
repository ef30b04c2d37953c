#include <locale.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "record.h"
#include "yaml.h"

const char *cli_name = "cs";

void cli_init(const char *name)
{
	const char *dir = getenv("CS_LOCALEDIR");
	cli_name = name;
	/* a load makes and frees a million small nodes: without glibc's fast
	 * bins their frees coalesce as they go instead of all at the end
	 * (malloc_consolidate), some 15% of a year report */
	mallopt(M_MXFAST, 0);
	/* a block of 256 KiB or more (a load's arrays of entries and files,
	 * grown a quarter at a time) is mapped, so that growing it remaps its
	 * pages: in the heap each step left the old block behind, and the
	 * steps' sum held four times the array */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	setlocale(LC_ALL, "");
	bindtextdomain("cs", dir && *dir ? dir : CS_LOCALEDIR);
	bind_textdomain_codeset("cs", "UTF-8");
	textdomain("cs");
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cli_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Every line of msg prefixed with the command's name. */
static void put_lines(const char *msg)
{
	const char *p = msg;
	do {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(stderr, "%s: %.*s\n", cli_name, n, p);
		p = nl ? nl + 1 : p + n;
	} while (*p);
}

int cli_fail(int code)
{
	const char *msg = cs_error_last();
	put_lines(*msg ? msg : _("internal error"));
	return cs_error_exit_status(code < 0 ? code : CS_ESOFTWARE);
}

int cli_status(int code, const cli_verb *verb)
{
	if (code != CS_EUSAGE)
		return cli_fail(code);
	put_lines(cs_error_last());
	if (verb && *verb->name)
		fprintf(stderr, _("Try '%s %s --help' for more information.\n"), cli_name, verb->name);
	else
		fprintf(stderr, _("Try '%s --help' for more information.\n"), cli_name);
	return EX_USAGE_;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cli_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	fprintf(stderr, _("Try '%s --help' for more information.\n"), cli_name);
	return EX_USAGE_;
}

int cli_version(void)
{
	printf("%s (cs) %s\n", cli_name, CS_VERSION);
	return 0;
}

int cli_open(cs_store **out, const char *dir)
{
	int error = cs_store_open(out, dir);
	if (error < 0)
		return cli_fail(error);
	return 0;
}

int cli_out(const cs_buf *b)
{
	if (b->len && fwrite(b->ptr, 1, b->len, stdout) != b->len)
		goto fail;
	if (fflush(stdout) == 0)
		return 0;
fail:
	cli_warn(_("cannot write to standard output"));
	return EX_IOERR_;
}

int cli_colour(void)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

int cli_format(const char *s, cs_format *out)
{
	if (cs_format_parse(s, out) < 0)
		return cli_usage(_("unknown format '%s' (text, yaml, json, csv, md, html)"), s);
	return 0;
}

/* The kinds, for xgettext; zh_CN translates them to DESIGN 3's labels. */
static const char *const kind_labels[] = {
	N_("consultation"), N_("legal-aid"), N_("mediation"), N_("lecture"),
	N_("training"), N_("publicity"), N_("drafting"), N_("negotiation"),
	N_("office-hours"), N_("research"), N_("request"), N_("conflict-report"),
	N_("gift"), N_("representation"), N_("visit"), N_("spot-check"),
	N_("feedback"), N_("meeting"), NULL
};

const char *cli_kind_label(const char *kind)
{
	size_t i;
	for (i = 0; kind_labels[i]; i++)
		if (!strcmp(kind_labels[i], kind))
			return _(kind_labels[i]);
	return kind;
}

int cli_tree(cs_buf *out, const cs_node *n, cs_format fmt)
{
	int error;
	if (fmt == CS_FMT_JSON) {
		if ((error = cs_json_emit(out, n, 2)) < 0)
			return error;
		return cs_buf_putc(out, '\n');
	}
	if (n->type == CS_NODE_SEQ && n->count == 0)
		return cs_buf_puts(out, "[]\n");
	if (n->type == CS_NODE_MAP && cs_node_get_str(n, "kind"))
		return cs_record_emit(NULL, n, out);
	return cs_yaml_emit(out, n, NULL, NULL);
}

int cli_reason(const char *why)
{
	if (why && !why[strspn(why, " \t")])
		return cs_error_set(CS_EUSAGE, "--reason: empty; say why (it is kept in the "
				    "commit and the audit)");
	return 0;
}
