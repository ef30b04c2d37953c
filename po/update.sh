#!/bin/sh
# Extract the translatable messages of cs into po/cs.pot and merge them into
# every po/*.po catalogue (new ones are created from the template).
# Usage: sh po/update.sh          (from anywhere; needs xgettext, msgmerge, msginit)
# Extracted: _("...") and N_("...") in cmd/, and the formats of lib/'s
# messages: cs_finding_add and audit_add (findings), cs_error_set and
# cs_error_at (errors), each translated when the message is made.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
LC_ALL=C
export LC_ALL
version=$(sed -n 's/^VERSION *= *//p' Makefile 2>/dev/null | head -1)

# Sorted, and without the generated files (they hold no messages).
sources=$(ls cmd/*.c lib/*.c 2>/dev/null | grep -v '\.gen\.c$' | sort)
[ -n "$sources" ] || { echo "update.sh: no sources in cmd/ or lib/" >&2; exit 66; }

# shellcheck disable=SC2086  # word splitting of $sources is intended
xgettext --language=C --from-code=UTF-8 -k_ -kN_ -kcs_finding_add:10 -kaudit_add:7 \
	-kcs_error_set:2 -kcs_error_at:5 -kfail:4 -kcs_buf_tr:2 \
	--flag=_:1:pass-c-format --flag=N_:1:pass-c-format \
	--flag=cs_finding_add:10:c-format --flag=audit_add:7:c-format \
	--flag=cs_error_set:2:c-format --flag=cs_error_at:5:c-format --flag=fail:4:c-format \
	--flag=cs_buf_tr:2:c-format \
	--flag=cli_usage:1:c-format --flag=cli_warn:1:c-format \
	--package-name=cs --package-version="${version:-0}" \
	--msgid-bugs-address= --add-comments=TRANSLATORS: \
	--add-location=file --sort-by-file --no-wrap \
	-o po/cs.pot.tmp $sources 2> po/cs.pot.err || {
	cat po/cs.pot.err >&2; rm -f po/cs.pot.tmp po/cs.pot.err; exit 1; }
# The empty bug address is deliberate; say nothing about it.
sed '/msgid-bugs-address/,/command line option/d' po/cs.pot.err >&2
rm -f po/cs.pot.err
mv po/cs.pot.tmp po/cs.pot

for lang in zh_CN; do
	[ -f "po/$lang.po" ] ||
		msginit --no-translator --locale="$lang.UTF-8" -i po/cs.pot -o "po/$lang.po"
done
for po in po/*.po; do
	msgmerge --quiet --update --backup=none --add-location=file --sort-by-file --no-wrap \
		"$po" po/cs.pot
	msgfmt --check --statistics -o /dev/null "$po"
done
