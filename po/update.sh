#!/bin/sh
# Extract the translatable messages of cs into po/cs.pot and merge them into
# every po/*.po catalogue (new ones are created from the template).
# Usage: sh po/update.sh          (from anywhere; needs xgettext, msgmerge, msginit)
#        sh po/update.sh --check  (changes nothing: exits 1 when po/cs.pot lacks a
#                                  message of the sources or holds one they do not, or
#                                  a catalogue leaves a message untranslated or fuzzy)
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

# --check extracts beside, into a temporary file: the tree is left as it is
tmp=po/cs.pot.tmp err=po/cs.pot.err
if [ "${1:-}" = --check ]; then
	tmp=$(mktemp) err=$(mktemp)
	trap 'rm -f "$tmp" "$err"' EXIT
fi
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
	-o "$tmp" $sources 2> "$err" || {
	cat "$err" >&2; rm -f "$tmp" "$err"; exit 1; }
# The empty bug address is deliberate; say nothing about it.
sed '/msgid-bugs-address/,/command line option/d' "$err" >&2
rm -f "$err"
if [ "${1:-}" = --check ]; then
	status=0
	# the messages alone (msgcomm --unique: those in one of the two only)
	if [ -n "$(msgcomm --unique --no-location po/cs.pot "$tmp" 2>&1 | grep '^msgid "..*"')" ]; then
		echo "update.sh: po/cs.pot is not the sources' messages; run sh po/update.sh" >&2
		status=1
	fi
	for po in po/*.po; do
		stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || status=1
		case $stats in
		*fuzzy* | *untranslated*)
			echo "update.sh: $po: $stats" >&2
			status=1 ;;
		esac
	done
	exit "$status"
fi
mv "$tmp" po/cs.pot

for lang in zh_CN; do
	[ -f "po/$lang.po" ] ||
		msginit --no-translator --locale="$lang.UTF-8" -i po/cs.pot -o "po/$lang.po"
done
for po in po/*.po; do
	msgmerge --quiet --update --backup=none --add-location=file --sort-by-file --no-wrap \
		"$po" po/cs.pot
	msgfmt --check --statistics -o /dev/null "$po"
done
