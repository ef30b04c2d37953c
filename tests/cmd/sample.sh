#!/bin/sh
# The sample district (records/, tests/demo.sh): loaded in time order with the
# monthly reports filed as cron files them, cscheck finds exactly the deliberate
# violations listed in tests/demo-findings.txt (tests/demo-violations.md says
# why), the history has one commit per record and report, and git fsck is clean.
. "$(dirname "$0")/lib.sh"
expected=$CS_TOP/tests/demo-findings.txt
first_run='CS_NOW=2026-11-05T09:00:00'
second_run='--today 2027-01-04 --period 2026 --rules art9.training,art20.meeting'

# rule, path and period of each finding of cscheck's JSON (python3 when there
# is one, else awk over the emitter's layout: one key per line).
triples() { # json file
	if [ -z "${CS_TEST_NO_PYTHON:-}" ] && command -v python3 > /dev/null 2>&1; then
		python3 -c 'import json, sys
for f in json.load(sys.stdin):
    print(f["rule"], f["path"], f.get("period", "-"))' < "$1"
	else
		awk '
		/^  \{/ { r = ""; p = ""; q = "-" }
		/^    "rule": / { r = $2 }
		/^    "path": / { p = $2 }
		/^    "period": / { q = $2 }
		/^  \}/ { gsub(/[",]/, "", r); gsub(/[",]/, "", p); gsub(/[",]/, "", q); print r, p, q }
		' "$1"
	fi
}
field() { # file, key: a top-level "key: value", unquoted
	sed -n "s/^$2: *//p" "$1" | sed "s/^'\\(.*\\)'\$/\\1/" | head -n 1
}
# The store's pairings get new ids: name them by the sample's, matched on
# lawyer, community and start.
pairing_names() { # store: prints a sed script
	for f in "$1"/records/assignments/*.yaml; do
		[ -f "$f" ] || continue
		k="$(field "$f" lawyer) $(field "$f" community) $(field "$f" from)"
		for g in "$CS_TOP"/records/assignments/*.yaml; do
			if [ "$k" = "$(field "$g" lawyer) $(field "$g" community) $(field "$g" from)" ]; then
				printf 's|^\\([^ ]* records/assignments/\\)%s\\.yaml |\\1%s.yaml |\n' \
					"$(field "$f" id)" "$(field "$g" id)"
			fi
		done
	done
}
# The expected findings of one run: the lines after its "# cscheck" heading.
expect_run() { # 1 or 2
	awk -v n="$1" '/^# cscheck/ { run++; next } /^#/ || NF == 0 { next } run == n' "$expected" |
		LC_ALL=C sort
}

if [ ! -f "$expected" ]; then
	echo "not ok - tests/demo-findings.txt exists"
	exit 0
fi
export CS_BIN TMPDIR="$scratch"
CS_DEMO_KEEP=1 sh "$CS_TOP/tests/demo.sh" > "$scratch/demo.out" 2> "$scratch/demo.err"
st=$?
if [ "$st" -eq 0 ]; then
	echo "ok - demo.sh loads the sample district"
else
	echo "not ok - demo.sh loads the sample district (exit $st)"
	sed 's/^/#   /' "$scratch/demo.err" | head -5
	exit 0
fi
store=$(sed -n 's/^demo: the store is kept in //p' "$scratch/demo.out")
check "demo.sh keeps the store with CS_DEMO_KEEP and names it" \
	'[ -n "$store" ] && [ -f "$store/cs.yaml" ]'
[ -n "$store" ] && [ -f "$store/cs.yaml" ] || exit 0
case $store in
"$scratch"/*) ;;
*) echo "not ok - the kept store is under TMPDIR ($store)"; exit 0 ;;
esac

pairing_names "$store" > "$scratch/names.sed"
check "each pairing of the store matches one of records/assignments" \
	'[ "$(wc -l < "$scratch/names.sed")" -eq "$(ls "$CS_TOP"/records/assignments/*.yaml | wc -l)" ]'

env $first_run "$CS_BIN/cscheck" -C "$store" --format json > "$scratch/run1.json" 2> "$scratch/.err"
st=$?
check "cscheck finds errors on 2026-11-05 (exit 1)" '[ "$st" -eq 1 ]'
triples "$scratch/run1.json" | sed -f "$scratch/names.sed" | LC_ALL=C sort > "$scratch/run1"
expect_run 1 > "$scratch/want1"
if cmp -s "$scratch/want1" "$scratch/run1" && [ -s "$scratch/want1" ]; then
	echo "ok - cscheck on 2026-11-05 finds exactly the findings of tests/demo-findings.txt"
else
	echo "not ok - cscheck on 2026-11-05 finds exactly the findings of tests/demo-findings.txt"
	diff "$scratch/want1" "$scratch/run1" | sed 's/^/#   /' | head -20
fi

# shellcheck disable=SC2086
env $first_run "$CS_BIN/cscheck" -C "$store" $second_run --format json \
	> "$scratch/run2.json" 2> "$scratch/.err"
st=$?
check "cscheck of 2026 judged on 2027-01-04 finds errors (exit 1)" '[ "$st" -eq 1 ]'
triples "$scratch/run2.json" | sed -f "$scratch/names.sed" | LC_ALL=C sort > "$scratch/run2"
expect_run 2 > "$scratch/want2"
if cmp -s "$scratch/want2" "$scratch/run2" && [ -s "$scratch/want2" ]; then
	echo "ok - cscheck of 2026's yearly and half-yearly rules finds exactly tests/demo-findings.txt's"
else
	echo "not ok - cscheck of 2026's yearly and half-yearly rules finds exactly tests/demo-findings.txt's"
	diff "$scratch/want2" "$scratch/run2" | sed 's/^/#   /' | head -20
fi

# Every rule of DESIGN 6 is shown by at least one finding.
for r in art7.visit art9.office-hours art9.lecture art9.training art10.accept \
	art11.signed art11.one-record art13.conflict art15.privacy art16.gift \
	art17.notice art18.report art20.meeting art21.replace; do
	grep -q "^$r " "$scratch/run1" "$scratch/run2" || echo "$r" >> "$scratch/unshown"
done
check "every rule of DESIGN 6 has a finding in the sample" '[ ! -s "$scratch/unshown" ]'
check "no schema.* or ref.* finding in the sample" '! grep -q "^\(schema\|ref\)\." "$scratch/run1"'

# History: csinit's commit, then one commit per record and per filed report.
n_rec=$(cd "$CS_TOP" && find records -name '*.yaml' -type f | wc -l)
n_rep=$(git -C "$store" ls-tree -r --name-only HEAD -- records/reports | grep -c '\.yaml$')
n_commits=$(git -C "$store" rev-list --count HEAD)
# and one per sign-off, acceptance and voiding: the commands own those fields
n_cmd=$(cd "$CS_TOP" && cat $(find records/log records/meetings -name '*.yaml' -type f) |
	grep -c '^\(signed_by\|accepted_at\|voided_at\):')
check "the history has one commit per record ($n_rec), per report ($n_rep) and per sign-off or acceptance ($n_cmd): $n_commits" \
	'[ "$n_commits" -eq $((1 + n_rec + n_rep + n_cmd)) ]'
git -C "$store" log --format='@%ct' --name-only HEAD~$((n_commits - 1))..HEAD |
	awk '/^@/ { if (n != 1 && t) bad++; t = substr($0, 2); n = 0; next } NF { n++ }
	END { if (n != 1) bad++; print bad + 0 }' > "$scratch/multi"
check "each of those commits adds or changes exactly one file" '[ "$(cat "$scratch/multi")" -eq 0 ]'
# commit times: a plausible history, in order, before the demo's "now"
git -C "$store" log --reverse --format='%ct %cd' --date=format-local:%Y-%m-%dT%H:%M:%S HEAD \
	> "$scratch/times"
check "commit times never go back" \
	'awk "NR > 1 && \$1 < prev { bad++ } { prev = \$1 } END { exit bad > 0 }" "$scratch/times"'
check "the history runs from the directory before the pairings to 2026-11-05" \
	'[ "$(head -n 1 "$scratch/times" | cut -d" " -f2)" \< 2026-07-01 ] &&
	 [ "$(tail -n 1 "$scratch/times" | cut -d" " -f2)" \< 2026-11-05T09:00:01 ]'
check "the late report is the only one filed after its day" \
	'[ "$(grep -c "^art18.report " "$scratch/run1")" -eq 1 ]'
check "the working tree is clean" '[ -z "$(git -C "$store" status --porcelain)" ]'

git -C "$store" fsck --strict > "$scratch/fsck" 2>&1
st=$?
check "git fsck --strict is clean" '[ "$st" -eq 0 ] && ! grep -qiE "^(error|warning|missing|broken)" "$scratch/fsck"'
[ "$st" -eq 0 ] || sed 's/^/#   /' "$scratch/fsck" | head -5

rm -rf "$(dirname "$store")"
check "the kept store is removed" '[ ! -d "$store" ]'
