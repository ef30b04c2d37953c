#!/bin/sh
# cscheck: the command line (DESIGN 4, 5): --period, --rules, --as-of, --today,
# --worktree, every --format, the summary, exit statuses, bare stores and the
# pre-commit hook csinit installs.
. "$CS_TOP/tests/cmd/lib.sh"

# The findings of `cscheck --format json` on stdin, one a line:
#   rule|period|record|lawyer|community|severity   ("-" for an absent field)
# with python3 when there is one, else awk over the emitter's layout.
fields() {
	if [ -z "${CS_TEST_NO_PYTHON:-}" ] && command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json, sys
for f in json.load(sys.stdin):
    print("|".join(str(f.get(k, "-")) for k in
                   ("rule", "period", "record", "lawyer", "community", "severity")))'
	else
		fields_awk
	fi
}
fields_awk() {
	awk 'function f(k) { return (k in v) ? v[k] : "-" }
	/^  \{/ { split("", v); next }
	/^    "[a-z]+": / {
		k = $0; sub(/^ *"/, "", k); sub(/".*/, "", k)
		x = $0; sub(/^ *"[a-z]+": /, "", x); sub(/,$/, "", x)
		sub(/^"/, "", x); sub(/"$/, "", x); v[k] = x; next
	}
	/^  \}/ { print f("rule") "|" f("period") "|" f("record") "|" f("lawyer") "|" \
		f("community") "|" f("severity") }'
}
# Run cscheck --format json ARGS: findings in $scratch/.f, exit status in $rc.
run_check() {
	cscheck --format json "$@" > "$scratch/.json" 2> "$scratch/.err"
	rc=$?
	fields < "$scratch/.json" > "$scratch/.f" 2> /dev/null
}
# Findings of the last run_check starting with prefix.
nfound() { awk -v p="$1" 'index($0, p) == 1 { n++ } END { print n + 0 }' "$scratch/.f"; }
# The periods of the last run's findings of a rule, sorted, on one line.
periods() { awk -F'|' -v r="$1" '$1 == r { print $2 }' "$scratch/.f" | sort | tr '\n' ' '; }
json_ok() {
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json,sys; json.load(sys.stdin)' < "$1"
	else
		grep -q '^[[{]' "$1" && grep -q '[]}]$' "$1"
	fi
}
at() { # CS_NOW, command...
	CS_NOW=$1; export CS_NOW; shift
	"$@"
}
top=$scratch

# --- a store: wang-li paired with hepingli from 2026-09-01, commits in time order
at 2026-09-01T08:00 csinit s --district 测试区 > /dev/null 2>&1 || echo 'not ok - csinit'
cd "$top/s" || exit 1
{
	at 2026-09-01T08:01 csassign office add xincheng --name 新城司法所
	at 2026-09-01T08:02 csassign firm add dacheng --name 大成律师事务所
	at 2026-09-01T08:03 csassign lawyer add wang-li --name 王丽 --firm dacheng
	at 2026-09-01T08:04 csassign community add hepingli --name 和平里社区 --office xincheng \
		--head 张主任 --workroom 和平里活动室
	at 2026-09-01T08:05 csassign pair --lawyer wang-li --community hepingli --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
} > /dev/null 2>&1 || echo 'not ok - setting up the directory'
L='--lawyer wang-li --community hepingli'
g1=$(at 2026-09-15T10:00 cslog add gift $L --date 2026-09-15 --set item=购物卡 2> /dev/null)
rev1=$(git rev-parse HEAD)
g2=$(at 2026-10-20T10:00 cslog add gift $L --date 2026-10-20 --set item=月饼 2> /dev/null)
rev2=$(git rev-parse HEAD)
export CS_NOW=2026-11-05T09:00
check 'two gifts logged' '[ -n "$g1" ] && [ -n "$g2" ] && [ "$rev1" != "$rev2" ]'

# --- the fallback parser reads what python reads --------------------------------
run_check --today 2026-11-05
if command -v python3 > /dev/null 2>&1; then
	check 'the awk reading of the JSON findings equals python'"'"'s' \
		'[ -s "$scratch/.f" ] && fields_awk < "$scratch/.json" | cmp -s - "$scratch/.f"'
fi

# --- --period ------------------------------------------------------------------
# art7.visit: no visit at all, so each month of the pairing that has ended is reported.
V='--rules art7.visit --today 2026-11-05'
run_check $V
check '--period: without it, every ended month (09, 10; not 11)' '[ "$(periods art7.visit)" = "2026-09 2026-10 " ]'
run_check $V --period 2026-09
check '--period 2026-09: September only' '[ "$(periods art7.visit)" = "2026-09 " ] && [ "$rc" -eq 1 ]'
run_check $V --period 2026-10
check '--period 2026-10: October only' '[ "$(periods art7.visit)" = "2026-10 " ]'
run_check $V --period 2026-Q3
check '--period 2026-Q3: September only' '[ "$(periods art7.visit)" = "2026-09 " ]'
run_check $V --period 2026-Q4
check '--period 2026-Q4: October (November has not ended)' '[ "$(periods art7.visit)" = "2026-10 " ]'
run_check $V --period 2026-H2
check '--period 2026-H2: September and October' '[ "$(periods art7.visit)" = "2026-09 2026-10 " ]'
run_check $V --period 2026
check '--period 2026: September and October' '[ "$(periods art7.visit)" = "2026-09 2026-10 " ]'
run_check $V --period 2026-H1
check '--period 2026-H1: nothing (before the pairing), exit 0' '[ "$(nfound art7.visit)" -eq 0 ] && [ "$rc" -eq 0 ]'
run_check $V --period 2025
check '--period 2025: nothing' '[ "$(nfound art7.visit)" -eq 0 ] && [ "$rc" -eq 0 ]'
run_check --rules art16.gift --today 2026-11-05 --period 2026-10
check '--period 2026-10 on entries: only the October gift' \
	'[ "$(nfound art16.gift)" -eq 1 ] && grep -qF "|$g2|" "$scratch/.f"'
for p in 2026-13 2026-00 2026-Q0 2026-Q5 2026-H0 2026-H3 2026-W40 26 2026-1 2026-q1 2026-10-01 x ''; do
	expect "--period '$p' is a usage error (64)" 64 cscheck --period "$p"
	check "--period '$p': nothing on stdout, the reason on stderr" \
		'[ ! -s "$scratch/.out" ] && grep -q "^cscheck: " "$scratch/.err"'
done

# --- --rules -------------------------------------------------------------------
run_check --today 2026-11-05 --rules art7.visit,art16.gift
check '--rules a,b: both rules, nothing else' \
	'[ "$(nfound art7.visit)" -eq 2 ] && [ "$(nfound art16.gift)" -eq 2 ] &&
	 [ "$(wc -l < "$scratch/.f")" -eq 4 ]'
run_check --today 2026-11-05 --rules 'art16.gift, art7.visit'
check '--rules with a space after the comma' '[ "$(nfound art7.visit)" -eq 2 ] && [ "$(nfound art16.gift)" -eq 2 ]'
run_check --today 2026-11-05 --rules art16
check '--rules art16 (a prefix): the art16 rules' '[ "$(nfound art16.gift)" -eq 2 ] && [ "$(wc -l < "$scratch/.f")" -eq 2 ]'
run_check --today 2026-11-05
check 'without --rules: every rule (art7.visit, art9.office-hours, art16.gift, art18.report...)' \
	'[ "$(nfound art7.visit)" -eq 2 ] && [ "$(nfound art16.gift)" -eq 2 ] &&
	 [ "$(nfound art9.office-hours)" -gt 0 ] && [ "$(nfound art18.report)" -gt 0 ]'
# a schema error: --rules shows only the findings of the rules it names
printf 'kind: gift\nid: [\n' > records/log/hepingli/2026/10/20261021-sssss1.yaml
run_check --today 2026-11-05 --worktree
check 'without --rules: schema findings too' '[ "$(nfound schema.yaml)" -eq 1 ] && [ "$(nfound art16.gift)" -eq 2 ]'
run_check --today 2026-11-05 --worktree --rules art16.gift
check '--rules art16.gift: no schema finding shown' '[ "$(nfound schema.)" -eq 0 ] && [ "$(nfound art16.gift)" -eq 2 ]'
run_check --today 2026-11-05 --worktree --rules schema
check '--rules schema: the schema finding only, exit 1' \
	'[ "$(nfound schema.yaml)" -eq 1 ] && [ "$(wc -l < "$scratch/.f")" -eq 1 ] && [ "$rc" -eq 1 ]'
rm -f records/log/hepingli/2026/10/20261021-sssss1.yaml
for r in art99 art9.lect art 'art16.gift,nosuch' art16.gift.x ART16.GIFT; do
	expect "--rules '$r' names an unknown rule: 64" 64 cscheck --rules "$r"
	check "--rules '$r': the error names the rule" 'grep -q "^cscheck: .*rule" "$scratch/.err" && [ ! -s "$scratch/.out" ]'
done
for r in art7.visit art9.office-hours art9.lecture art9.training art10.accept art11.signed \
	art11.one-record art13.conflict art15.privacy art16.gift art17.notice art18.report \
	art20.meeting art21.replace ref schema ref.head ref.pairing schema.invalid; do
	expect "--rules $r is known" 0 cscheck --rules "$r" --today 2026-09-02 --period 2026-08
done

# --- --today -------------------------------------------------------------------
run_check --rules art7.visit --today 2026-10-31
check '--today 2026-10-31: October has not ended' '[ "$(periods art7.visit)" = "2026-09 " ]'
run_check --rules art7.visit
check 'without --today: today is CS_NOW (2026-11-05)' '[ "$(periods art7.visit)" = "2026-09 2026-10 " ]'
run_check --rules art7.visit --today 2026-09-30
check '--today the last day of the first month: nothing yet, exit 0' '[ ! -s "$scratch/.f" ] && [ "$rc" -eq 0 ]'
for t in 2026-13-01 2026-02-30 20261101 tomorrow ''; do
	expect "--today '$t' is a usage error (64)" 64 cscheck --today "$t"
done

# --- --as-of -------------------------------------------------------------------
run_check --rules art16.gift --today 2026-11-05 --as-of 2026-09-30
check '--as-of 2026-09-30: the state at the end of that day (one gift)' \
	'[ "$(nfound art16.gift)" -eq 1 ] && grep -qF "|$g1|" "$scratch/.f"'
check '--as-of DATE: the summary names the commit read' 'grep -q "(commit $(echo $rev1 | cut -c1-12))" "$scratch/.err"'
run_check --rules art16.gift --today 2026-11-05 --as-of 2026-10-20
check '--as-of 2026-10-20: commits of that day included' '[ "$(nfound art16.gift)" -eq 2 ]'
run_check --rules art16.gift --today 2026-11-05 --as-of 2026-10-19
check '--as-of 2026-10-19: the day before the second gift' '[ "$(nfound art16.gift)" -eq 1 ]'
run_check --rules art16.gift --today 2026-11-05 --as-of "$rev1"
check '--as-of REV (full id): the state at that commit' \
	'[ "$(nfound art16.gift)" -eq 1 ] && grep -qF "|$g1|" "$scratch/.f" && [ "$rc" -eq 1 ]'
run_check --rules art16.gift --today 2026-11-05 --as-of HEAD~1
check '--as-of HEAD~1: the state before the last commit' '[ "$(nfound art16.gift)" -eq 1 ]'
run_check --rules art16.gift --today 2026-11-05 --as-of "$(echo "$rev2" | cut -c1-8)"
check '--as-of a short id' '[ "$(nfound art16.gift)" -eq 2 ]'
run_check --rules art16.gift --today 2026-11-05 --as-of HEAD~2
check '--as-of before both gifts: nothing, exit 0' '[ ! -s "$scratch/.f" ] && [ "$rc" -eq 0 ]'
expect '--as-of a revision that does not exist: 66' 66 cscheck --as-of nosuchrev
expect '--as-of a date before the first commit: 66' 66 cscheck --as-of 2026-08-31
expect '--as-of with --worktree: 64' 64 cscheck --as-of HEAD --worktree

# --- --worktree ----------------------------------------------------------------
wt=records/log/hepingli/2026/10/20261021-wwwww1.yaml
cat > "$wt" << EOF
kind: gift
id: 20261021-wwwww1
date: '2026-10-21'
community: hepingli
lawyer: wang-li
item: 购物卡
EOF
run_check --rules art16.gift --today 2026-11-05
check 'without --worktree, an uncommitted file is not read' '! grep -qF "|20261021-wwwww1|" "$scratch/.f"'
run_check --rules art16.gift --today 2026-11-05 --worktree
check '--worktree sees the uncommitted file' 'grep -qxF "art16.gift|2026-10|20261021-wwwww1|wang-li|hepingli|error" "$scratch/.f"'
check '--worktree: the summary says working tree' 'grep -q "(working tree)" "$scratch/.err"'
check '--worktree: committed records are checked too' '[ "$(nfound art16.gift)" -eq 3 ]'
printf 'kind: gift\nid: [\n' > records/log/hepingli/2026/10/20261021-wwwww2.yaml
run_check --rules art16.gift,schema --today 2026-11-05 --worktree
check '--worktree: an uncommitted YAML error is schema.yaml' '[ "$(nfound "schema.yaml|")" -eq 1 ] && [ "$rc" -eq 1 ]'
# the working tree's log is read a month at a time too: a file outside a
# month folder is read with the directory and judged in the month of its date
mkdir -p records/log/hepingli/2026/13
sed 's/wwwww1/wwwww3/' "$wt" > records/log/hepingli/2026/13/20261021-wwwww3.yaml
run_check --rules art16.gift,schema --today 2026-11-05 --worktree
check '--worktree: a file outside a month folder is schema.path' \
	'grep -qxF "schema.path|-|20261021-wwwww3|-|-|error" "$scratch/.f"'
check '--worktree: ... and judged in the month of its date' \
	'grep -qxF "art16.gift|2026-10|20261021-wwwww3|wang-li|hepingli|error" "$scratch/.f"'
run_check --hook
check '--hook: the same files checked, a month at a time' \
	'grep -qF "schema.yaml|" "$scratch/.f" && grep -qxF "schema.path|-|20261021-wwwww3|-|-|error" "$scratch/.f" &&
	! grep -qF "art16.gift|" "$scratch/.f"'
rm -rf "$wt" records/log/hepingli/2026/10/20261021-wwwww2.yaml records/log/hepingli/2026/13
check 'the working tree is clean again' '[ -z "$(git status --porcelain)" ]'

# --- formats -------------------------------------------------------------------
C='--today 2026-11-05'
run_check $C
n=$(wc -l < "$scratch/.f")
nerr=$(grep -c '|error$' "$scratch/.f")
nwarn=$(grep -c '|warning$' "$scratch/.f")
check 'json parses' 'json_ok "$scratch/.json"'
if command -v python3 > /dev/null 2>&1; then
	check 'json: every finding has path, line (a number), severity, rule and message' \
		'python3 -c "import json,sys
a = json.load(open(sys.argv[1]))
ok = a and all(isinstance(o[\"path\"], str) and isinstance(o[\"line\"], int) and
       o[\"severity\"] in (\"error\", \"warning\") and o[\"rule\"] and o[\"message\"] for o in a)
sys.exit(0 if ok else 1)" "$scratch/.json"'
	check 'json: the keys of a finding are path line severity rule message record lawyer community period' \
		'python3 -c "import json,sys
a = json.load(open(sys.argv[1]))
g = [o for o in a if o[\"rule\"] == \"art16.gift\"][0]
sys.exit(0 if sorted(g) == sorted([\"path\",\"line\",\"severity\",\"rule\",\"message\",\"record\",\"lawyer\",\"community\",\"period\"]) else 1)" "$scratch/.json"'
	check 'json: fields that do not apply are absent (art18.report of an office: no record, lawyer, community)' \
		'python3 -c "import json,sys
a = json.load(open(sys.argv[1]))
o = [o for o in a if o[\"rule\"] == \"art18.report\" and \"office-\" in o[\"path\"]][0]
sys.exit(0 if \"record\" not in o and \"lawyer\" not in o and \"community\" not in o and o[\"period\"] else 1)" "$scratch/.json"'
fi
gline=$(grep -n '^item:' "records/log/hepingli/2026/09/$g1.yaml" | cut -d: -f1)
check 'json: the gift finding carries path and the line of its item' \
	'[ -n "$gline" ] && grep -A1 "\"path\": \"records/log/hepingli/2026/09/$g1.yaml\"" "$scratch/.json" | grep -q "\"line\": $gline,"'
expect 'text (the default)' 1 cscheck $C
check 'text: one line per finding' '[ "$(out | wc -l)" -eq "$n" ]'
check 'text: every line is path:line: severity: rule-id: message' \
	'! out | grep -Evq "^[^: ]+:[0-9]+: (error|warning): [a-z0-9]+(\.[a-z0-9-]+)?: .+$"'
check 'text: the gift finding' \
	'out | grep -qxF "records/log/hepingli/2026/09/$g1.yaml:$gline: error: art16.gift: accepted a gift '"'"'购物卡'"'"': only a silk banner (锦旗) may be accepted"'
check 'text: sorted by path, then line' \
	'out | cut -d: -f1,2 > "$scratch/pl" && LC_ALL=C sort -t: -k1,1 -k2,2n "$scratch/pl" | cmp -s - "$scratch/pl"'
check 'text: the same findings as json (rule ids)' \
	'[ "$(out | cut -d: -f4 | sort | tr -d " " | tr "\n" " ")" = "$(cut -d"|" -f1 "$scratch/.f" | sort | tr "\n" " ")" ]'
expect 'text is --format text' 1 cscheck $C --format text
expect 'yaml' 1 cscheck $C --format yaml
check 'yaml: one "- path:" item per finding' '[ "$(out | grep -c "^- path: ")" -eq "$n" ]'
check 'yaml: the fields of a finding' \
	'out | grep -q "^  rule: art16.gift$" && out | grep -q "^  severity: error$" && out | grep -q "^  record: .*$g1" &&
	 out | grep -q "^  period: .*2026-09"'
if command -v python3 > /dev/null 2>&1 && python3 -c 'import yaml' 2> /dev/null; then
	out > "$scratch/y"
	check 'yaml: loads as the same list as json' \
		'python3 -c "import json,sys,yaml
y = yaml.safe_load(open(sys.argv[1])); j = json.load(open(sys.argv[2]))
sys.exit(0 if [{k: str(v) for k, v in o.items()} for o in y] == [{k: str(v) for k, v in o.items()} for o in j] else 1)" "$scratch/y" "$scratch/.json"'
fi
expect 'csv' 1 cscheck $C --format csv
check 'csv: a header naming the columns' 'out | head -1 | grep -q "^path,line,severity,rule,message,period"'
check 'csv: a row per finding' '[ "$(out | sed 1d | wc -l)" -eq "$n" ]'
check 'csv: the gift row' 'out | grep -q "^records/log/hepingli/2026/09/$g1.yaml,$gline,error,art16.gift,"'
expect 'md' 1 cscheck $C --format md
check 'md: a table with the gift finding' 'out | grep -q "^|" && out | grep -q "art16.gift"'
expect 'html' 1 cscheck $C --format html
check 'html: markup with the gift finding' 'out | grep -qi "<table" && out | grep -q "art16.gift"'
expect 'an unknown format: 64' 64 cscheck --format xml
expect 'no findings: exit 0' 0 cscheck --rules art16.gift --as-of HEAD~2 --format json
check 'no findings: json is an empty array' '[ "$(out | tr -d " \n")" = "[]" ]'
expect 'no findings: text prints nothing' 0 cscheck --rules art16.gift --as-of HEAD~2
check 'no findings: empty stdout' '[ ! -s "$scratch/.out" ]'
expect 'no findings: yaml is an empty list' 0 cscheck --rules art16.gift --as-of HEAD~2 --format yaml
check 'no findings: yaml []' '[ "$(out | tr -d " \n")" = "[]" ]'

# --- the summary on stderr -------------------------------------------------------
expect 'summary run' 1 cscheck $C --format json
nfiles=$(git ls-tree -r --name-only HEAD records | wc -l)
check 'the summary: N errors, M warnings in K files (commit ID), on stderr' \
	'[ "$(err)" = "cscheck: $nerr errors, $nwarn warnings in $nfiles files (commit $(git rev-parse --short=12 HEAD))" ]'
check 'no summary on stdout' '! out | grep -q "errors,"'
check 'the summary is one line' '[ "$(err | wc -l)" -eq 1 ]'

# --- exit statuses ---------------------------------------------------------------
expect 'an error finding: exit 1' 1 cscheck --rules art16.gift
expect 'no error: exit 0' 0 cscheck --rules art13.conflict
expect 'an unknown option: 64' 64 cscheck --nosuch
expect 'an unexpected argument: 64' 64 cscheck extra
expect '--help: 0' 0 cscheck --help
check '--help prints the usage on stdout' 'out | grep -q "^usage: cscheck"'
expect '--version: 0' 0 cscheck --version
check '--version prints a version' 'out | grep -q "[0-9]"'
# warnings only: the same service logged twice
cd "$top" || exit 1
at 2026-09-01T08:00 csinit w --district 测试区 > /dev/null 2>&1
cd w || exit 1
{
	at 2026-09-01T08:01 csassign office add xincheng --name 新城司法所
	at 2026-09-01T08:02 csassign firm add dacheng --name 大成律师事务所
	at 2026-09-01T08:03 csassign lawyer add wang-li --name 王丽 --firm dacheng
	at 2026-09-01T08:04 csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
	at 2026-09-01T08:05 csassign pair --lawyer wang-li --community hepingli --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
	at 2026-09-02T10:00 cslog add consultation $L --date 2026-09-02 --start 09:00 --end 10:00
	at 2026-09-02T10:01 cslog add consultation $L --date 2026-09-02 --start 09:00 --end 10:00
} > /dev/null 2>&1 || echo 'not ok - setting up store w'
run_check --rules art11.one-record --today 2026-09-03
check 'warnings only: exit 0' '[ "$(nfound art11.one-record)" -eq 1 ] && grep -q "|warning$" "$scratch/.f" && [ "$rc" -eq 0 ]'
check 'warnings only: the summary counts the warning' 'grep -q "^cscheck: 0 errors, 1 warnings in " "$scratch/.err"'
expect 'warnings only, text: exit 0' 0 cscheck --rules art11.one-record --today 2026-09-03
check 'warnings only, text: a warning line' 'out | grep -q ": warning: art11.one-record: "'

# --- finding the store ---------------------------------------------------------
mkdir -p "$top/empty"
cd "$top/empty" || exit 1
expect 'outside a store: 66' 66 cscheck
check 'outside a store: a message, nothing on stdout' '[ ! -s "$scratch/.out" ] && grep -q "^cscheck: " "$scratch/.err"'
expect '-C a directory that does not exist: 66' 66 cscheck -C "$top/nosuch"
expect '-C a directory that is no store: 66' 66 cscheck -C "$top/empty"
expect '-C DIR' 1 cscheck -C "$top/s" --rules art16.gift
check '-C DIR: the findings of that store' 'out | grep -q "art16.gift"'
expect '$CS_STORE' 1 env CS_STORE="$top/s" cscheck --rules art16.gift
check '$CS_STORE: the findings of that store' 'out | grep -q "art16.gift"'
cd "$top/s/records/log" || exit 1
expect 'from a subdirectory: the nearest parent with cs.yaml' 1 cscheck --rules art16.gift
check 'from a subdirectory: paths are relative to the store' 'out | grep -q "^records/log/hepingli/"'

# --- a bare store ----------------------------------------------------------------
cd "$top" || exit 1
at 2026-09-01T08:00 csinit b --district 测试区 --bare > /dev/null 2>&1 || echo 'not ok - csinit --bare'
{
	at 2026-09-01T08:01 csassign -C b office add xincheng --name 新城司法所
	at 2026-09-01T08:02 csassign -C b firm add dacheng --name 大成律师事务所
	at 2026-09-01T08:03 csassign -C b lawyer add wang-li --name 王丽 --firm dacheng
	at 2026-09-01T08:04 csassign -C b community add hepingli --name 和平里社区 --office xincheng --head 张主任
	at 2026-09-01T08:05 csassign -C b pair --lawyer wang-li --community hepingli --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
} > /dev/null 2>&1 || echo 'not ok - setting up the bare store'
bg=$(at 2026-09-15T10:00 cslog -C b add gift $L --date 2026-09-15 --set item=购物卡 2> /dev/null)
bg2=$(at 2026-10-15T10:00 cslog -C b add gift $L --date 2026-10-15 --set item=购物卡 2> /dev/null)
export CS_NOW=2026-11-05T09:00
check 'the bare store has no working tree' '[ "$(git -C b rev-parse --is-bare-repository)" = true ] && [ ! -e b/records ]'
run_check -C b --rules art16.gift --today 2026-11-05
check 'bare store (-C): its findings' \
	'grep -qxF "art16.gift|2026-09|$bg|wang-li|hepingli|error" "$scratch/.f" && [ "$rc" -eq 1 ]'
check 'bare store: the summary names its HEAD' 'grep -q "(commit $(git -C b rev-parse --short=12 HEAD))" "$scratch/.err"'
run_check -C b --rules art16.gift --as-of 2026-09-30
check 'bare store: --as-of DATE' '[ "$(nfound art16.gift)" -eq 1 ]'
run_check -C b --rules art7.visit --today 2026-11-05 --period 2026-10
check 'bare store: --period and the rules on its calendar' '[ "$(periods art7.visit)" = "2026-10 " ]'
expect 'bare store by $CS_STORE' 1 env CS_STORE="$top/b" cscheck --rules art16.gift
expect 'bare store: --worktree is a usage error (64)' 64 cscheck -C b --worktree

# --- the pre-commit hook ---------------------------------------------------------
cd "$top/s" || exit 1
check 'csinit installed an executable pre-commit hook' '[ -x .git/hooks/pre-commit ]'
restore() { git show "HEAD:$1" > "$1"; }
head0=$(git rev-parse HEAD)
f=records/lawyers/wang-li.yaml
sed 's/^firm: .*/firm: nofirm/' "$f" > "$scratch/l" && cp "$scratch/l" "$f"
expect 'hook: an edit naming a firm that does not exist is refused' 1 git commit -q -am 'firm'
check 'hook: HEAD unchanged' '[ "$(git rev-parse HEAD)" = "$head0" ]'
check 'hook: the refusal names the rule' 'grep -q "ref.firm" "$scratch/.err" || grep -q "ref.firm" "$scratch/.out"'
restore "$f"; git add "$f"
g=records/log/hepingli/2026/09/$g1.yaml
printf 'channel: pigeon\n' >> "$g"
expect 'hook: an edit breaking the schema is refused' 1 git commit -q -am 'schema'
check 'hook: HEAD unchanged' '[ "$(git rev-parse HEAD)" = "$head0" ]'
restore "$g"; git add "$g"
sed 's/^community: .*/community: nowhere/' "$g" > "$scratch/g" && cp "$scratch/g" "$g"
expect 'hook: an edit naming a community that does not exist is refused' 1 git commit -q -am 'ref'
check 'hook: HEAD unchanged' '[ "$(git rev-parse HEAD)" = "$head0" ]'
restore "$g"; git add "$g"
printf 'kind: gift\nid: [\n' > records/log/hepingli/2026/10/20261030-yyyyy1.yaml
git add records/log/hepingli/2026/10/20261030-yyyyy1.yaml
expect 'hook: a new file with a YAML error is refused' 1 git commit -q -m 'yaml'
check 'hook: HEAD unchanged' '[ "$(git rev-parse HEAD)" = "$head0" ]'
git rm -q --cached records/log/hepingli/2026/10/20261030-yyyyy1.yaml
rm -f records/log/hepingli/2026/10/20261030-yyyyy1.yaml
check 'the working tree is back to HEAD' '[ -z "$(git status --porcelain)" ]'
cat > records/log/hepingli/2026/10/20261030-yyyyy2.yaml << EOF
kind: gift
id: 20261030-yyyyy2
date: '2026-10-30'
community: hepingli
lawyer: wang-li
item: 购物卡
EOF
git add records/log/hepingli/2026/10/20261030-yyyyy2.yaml
expect 'hook: a hand edit with only rule findings (a gift, no visit) is committed' 0 git commit -q -m 'gift by hand'
check 'hook: HEAD moved' '[ "$(git rev-parse HEAD)" != "$head0" ]'
run_check --rules art16.gift --today 2026-11-05
check 'the committed hand edit is checked: its gift finding' \
	'grep -qxF "art16.gift|2026-10|20261030-yyyyy2|wang-li|hepingli|error" "$scratch/.f"'
exit 0
