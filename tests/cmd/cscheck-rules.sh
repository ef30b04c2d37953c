#!/bin/sh
# cscheck: the rules of DESIGN 6, each passing, failing and at its boundaries,
# on scratch stores built with csinit, csassign and cslog (and plain git for
# hand edits). Every finding is checked in cscheck's JSON: rule, period,
# record, lawyer, community and severity.
. "$CS_TOP/tests/cmd/lib.sh"

# --- helpers -------------------------------------------------------------------
# The findings of `cscheck --format json` on stdin, one a line:
#   rule|period|record|lawyer|community|severity   ("-" for an absent field)
# with python3 when there is one, else awk over the emitter's layout (one key a
# line, two spaces of indent per level).
fields() {
	if [ -z "${CS_TEST_NO_PYTHON:-}" ] && command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json, sys
for f in json.load(sys.stdin):
    print("|".join(str(f.get(k, "-")) for k in
                   ("rule", "period", "record", "lawyer", "community", "severity")))'
	else
		awk 'function f(k) { return (k in v) ? v[k] : "-" }
		/^  \{/ { split("", v); next }
		/^    "[a-z]+": / {
			k = $0; sub(/^ *"/, "", k); sub(/".*/, "", k)
			x = $0; sub(/^ *"[a-z]+": /, "", x); sub(/,$/, "", x)
			sub(/^"/, "", x); sub(/"$/, "", x); v[k] = x; next
		}
		/^  \}/ { print f("rule") "|" f("period") "|" f("record") "|" f("lawyer") "|" \
			f("community") "|" f("severity") }'
	fi
}
# Run cscheck --format json ARGS: findings in $scratch/.f, exit status in $rc.
run_check() {
	cscheck --format json "$@" > "$scratch/.json" 2> "$scratch/.err"
	rc=$?
	fields < "$scratch/.json" > "$scratch/.f" 2> /dev/null
}
show_findings() {
	echo "#   cscheck exit $rc; findings:"
	sed 's/^/#     /' "$scratch/.f" | head -12
	sed 's/^/#   stderr: /' "$scratch/.err" | head -3
}
# description, finding line, cscheck arguments...: that exact finding is reported
finding() {
	d=$1; want=$2; shift 2
	run_check "$@"
	if [ "$rc" -le 1 ] && grep -qxF -- "$want" "$scratch/.f"; then
		echo "ok - $d"
	else
		echo "not ok - $d"; echo "#   wanted: $want"; show_findings
	fi
}
# description, prefix, cscheck arguments...: the check ran (exit 0 or 1, a JSON
# array) and no finding line starts with prefix
no_finding() {
	d=$1; p=$2; shift 2
	run_check "$@"
	case $p in *'||'*) echo "not ok - $d (an empty id in '$p')"; return ;; esac
	if [ "$rc" -gt 1 ] || [ "$(head -c 1 "$scratch/.json")" != "[" ]; then
		echo "not ok - $d (cscheck did not run)"; show_findings
	elif awk -v p="$p" 'index($0, p) == 1 { hit = 1 } END { exit !hit }' "$scratch/.f"; then
		echo "not ok - $d"; echo "#   unwanted: $p"; show_findings
	else
		echo "ok - $d"
	fi
}
# Findings of the last run_check starting with prefix.
nfound() { awk -v p="$1" 'index($0, p) == 1 { n++ } END { print n + 0 }' "$scratch/.f"; }

# A store with the directory every scenario uses: two offices, one firm, four
# lawyers, four communities (hepingli: two heads and a workroom).
new_store() {
	csinit "$1" --district 测试区 > /dev/null 2>&1 || echo "not ok - csinit $1"
	(
		cd "$1" || exit 1
		CS_NOW=2025-12-01T08:00; export CS_NOW
		csassign office add xincheng --name 新城司法所 &&
		csassign office add dongcheng --name 东城司法所 &&
		csassign firm add dacheng --name 大成律师事务所 &&
		csassign lawyer add wang-li --name 王丽 --firm dacheng &&
		csassign lawyer add zhao --name 赵强 --firm dacheng &&
		csassign lawyer add chen --name 陈静 --firm dacheng &&
		csassign lawyer add li --name 李明 --firm dacheng &&
		csassign community add hepingli --name 和平里社区 --office xincheng \
			--head 张主任 --head 李书记 --workroom 和平里活动室 &&
		csassign community add dongfeng --name 东风社区 --office xincheng \
			--head 王书记 --workroom 东风活动室 &&
		csassign community add xinhua --name 新华社区 --office dongcheng --head 刘主任 &&
		csassign community add nanyuan --name 南苑社区 --office dongcheng --head 周主任
	) > /dev/null 2>&1 || echo "not ok - setting up the directory of $1"
}
# lawyer, community, from [, place]: pair them (schedule Wed), print the pairing's id
pair() {
	CS_NOW=${3}T08:00 csassign pair --lawyer "$1" --community "$2" --from "$3" \
		--schedule 'Wed 14:00-17:30' --place "${4:-和平里3号}" --agreement "A-$1" 2> /dev/null
}
# date, kind, cslog add arguments...: log an entry that day (recorded that
# evening), print its id
logd() {
	d=$1; k=$2; shift 2
	CS_NOW=${d}T20:00 cslog add "$k" --date "$d" "$@" 2> "$scratch/.logerr" ||
		{ echo "not ok - cslog add $k on $d failed" >&2; sed 's/^/#   /' "$scratch/.logerr" >&2; }
}
# Commit the named files with plain git, bypassing the pre-commit hook.
git_commit() { # date-time (with offset), message, paths...
	t=$1; m=$2; shift 2
	git add -- "$@" &&
		GIT_AUTHOR_DATE=$t GIT_COMMITTER_DATE=$t git -c core.hooksPath=/dev/null \
			commit -q -m "$m" > /dev/null 2>&1
}
top=$scratch

# === art10.accept ===============================================================
# 2026: National Day Oct 1-7 holidays, Sat Oct 10 a make-up working day.
new_store acc
cd "$top/acc" || exit 1
pa=$(pair wang-li hepingli 2026-09-01)
L='--lawyer wang-li --community hepingli'
req() { # received date, time: a request's id
	CS_NOW=${1}T${2} cslog add request $L --date "$1" --start "$2" 2> /dev/null
}
acc() { CS_NOW=${2%%T*}T23:59:30 cslog accept "$1" --on "$2" > /dev/null 2>&1 || echo "not ok - cslog accept $1 --on $2"; }
r1=$(req 2026-09-30 09:00); acc "$r1" 2026-10-09
r2=$(req 2026-09-30 10:00); acc "$r2" 2026-10-10
r3=$(req 2026-10-09 09:00); acc "$r3" 2026-10-12
r4=$(req 2026-10-09 10:00); acc "$r4" 2026-10-13
r5=$(req 2026-10-08 09:00); acc "$r5" 2026-10-10
r6=$(req 2026-10-08 10:00); acc "$r6" 2026-10-12
r7=$(req 2026-10-15 09:00)
r8=$(req 2026-09-30 11:00); acc "$r8" 2026-10-09T23:59
r9=$(req 2026-09-30 12:00); acc "$r9" 2026-09-30T15:00
r10=$(req 2026-10-08 11:00); acc "$r10" 2026-10-14
check 'ten requests logged' '[ $(ls records/log/hepingli/2026/*/*.yaml | wc -l) -eq 10 ]'
A='--rules art10.accept --today 2026-10-31'
no_finding 'art10: received Wed 09-30, accepted Fri 10-09 (2nd working day after National Day): on time' \
	"art10.accept|2026-09|$r1|" $A
finding 'art10: received Wed 09-30, accepted Sat 10-10 (make-up working day, 3rd): late' \
	"art10.accept|2026-09|$r2|wang-li|hepingli|error" $A
no_finding 'art10: received Fri 10-09, accepted Mon 10-12 (make-up Sat 10-10 is the 1st): on time' \
	"art10.accept|2026-10|$r3|" $A
finding 'art10: received Fri 10-09, accepted Tue 10-13: one working day late' \
	"art10.accept|2026-10|$r4|wang-li|hepingli|error" $A
no_finding 'art10: received Thu 10-08, accepted Sat 10-10 (deadline, a make-up working day): on time' \
	"art10.accept|2026-10|$r5|" $A
finding 'art10: received Thu 10-08, accepted Mon 10-12: late (the make-up Saturday was the 2nd day)' \
	"art10.accept|2026-10|$r6|wang-li|hepingli|error" $A
no_finding 'art10: accepted at 23:59 on the deadline day: on time' "art10.accept|2026-09|$r8|" $A
no_finding 'art10: accepted the day it was received: on time' "art10.accept|2026-09|$r9|" $A
finding 'art10: not accepted, today past the deadline (Thu 10-15 -> Mon 10-19): reported' \
	"art10.accept|2026-10|$r7|wang-li|hepingli|error" $A
check 'art10: exactly the late ones are reported (r2 r4 r6 r7 r10)' '[ "$(nfound art10.accept)" -eq 5 ]'
check 'art10: the message names the deadline' 'grep -q "2026-10-09" "$scratch/.json"'
no_finding 'art10: not accepted, today is the deadline (10-19): not yet' "art10.accept|2026-10|$r7|" \
	--rules art10.accept --today 2026-10-19
finding 'art10: not accepted, today the day after the deadline (10-20): reported' \
	"art10.accept|2026-10|$r7|wang-li|hepingli|error" --rules art10.accept --today 2026-10-20
no_finding 'art10: not accepted, today before the deadline: not yet' "art10.accept|2026-10|$r7|" \
	--rules art10.accept --today 2026-10-16
CS_NOW=2026-10-21T09:00 cslog void "$r7" --reason 重复 > /dev/null 2>&1
no_finding 'art10: a voided request is not judged' "art10.accept|2026-10|$r7|" $A
# accept_working_days from cs.yaml
sed 's/accept_working_days: 2/accept_working_days: 3/' cs.yaml > cs.tmp && mv cs.tmp cs.yaml &&
	git_commit 2026-10-21T10:00+0800 'three working days' cs.yaml
no_finding 'art10: accept_working_days 3 in cs.yaml: 10-10 is on time for a 09-30 request' \
	"art10.accept|2026-09|$r2|" $A
no_finding 'art10: accept_working_days 3: Mon 10-12 is on time for a Thu 10-08 request' \
	"art10.accept|2026-10|$r6|" $A
finding 'art10: accept_working_days 3: Wed 10-14 is late for a Thu 10-08 request' \
	"art10.accept|2026-10|$r10|wang-li|hepingli|error" $A

# === art9.office-hours =========================================================
cd "$top" && new_store oh
cd "$top/oh" || exit 1
p1=$(pair wang-li hepingli 2026-09-01 和平里3号)
oh() { # date start end [place]: office hours of wang-li in hepingli
	if [ -n "${4:-}" ]; then
		logd "$1" office-hours $L --start "$2" --end "$3" --set "place=$4"
	else
		logd "$1" office-hours $L --start "$2" --end "$3"
	fi
}
oh 2026-09-02 14:00 17:00 和平里3号 > /dev/null            # W36: 180 min at the pairing's place
oh 2026-09-09 14:00 16:59 和平里3号 > /dev/null            # W37: 179 min
oh 2026-09-16 14:00 15:30 和平里活动室 > /dev/null          # W38: 90 + 90 at the workroom
oh 2026-09-18 09:00 10:30 > /dev/null                       #      (no place: counts)
# W39 (Sep 21-27, Mid-Autumn Sep 25-27): nothing
# W40 (Sep 28-Oct 4, National Day from Oct 1): nothing, yet Mon-Wed are working days
oh 2026-10-10 14:00 17:00 和平里3号 > /dev/null            # W41: on the make-up Saturday
oh 2026-10-14 13:00 18:00 社区广场 > /dev/null             # W42: 300 min elsewhere
v42=$(oh 2026-10-15 14:00 17:00 和平里3号)                 # W42: voided below
CS_NOW=2026-10-16T09:00 cslog void "$v42" --reason 记错 > /dev/null 2>&1
O='--rules art9.office-hours --today 2026-10-19'
rec="$p1|wang-li|hepingli|error"
no_finding 'art9.office-hours: 180 minutes in the week passes' 'art9.office-hours|2026-W36|' $O
finding 'art9.office-hours: 179 minutes fails, period 2026-W37' "art9.office-hours|2026-W37|$rec" $O
check 'art9.office-hours: the message gives the minutes found' 'grep -q "179 minutes" "$scratch/.json"'
no_finding 'art9.office-hours: two sessions adding up to 180 pass (workroom, no place)' \
	'art9.office-hours|2026-W38|' $O
finding 'art9.office-hours: a week without office hours fails' "art9.office-hours|2026-W39|$rec" $O
finding 'art9.office-hours: National Day week 2026-W40 (Mon-Wed working) is due' \
	"art9.office-hours|2026-W40|$rec" $O
no_finding 'art9.office-hours: office hours on the make-up Saturday 10-10 count for W41' \
	'art9.office-hours|2026-W41|' $O
finding 'art9.office-hours: office hours at another place do not count; a voided entry neither' \
	"art9.office-hours|2026-W42|$rec" $O
no_finding 'art9.office-hours: a week not ended by --today (W43, today its Monday) is not judged' \
	'art9.office-hours|2026-W43|' $O
check 'art9.office-hours: exactly W37 W39 W40 W42 reported' '[ "$(nfound art9.office-hours)" -eq 4 ]'
no_finding 'art9.office-hours: today the Sunday ending W43: not judged yet' 'art9.office-hours|2026-W43|' \
	--rules art9.office-hours --today 2026-10-25
finding 'art9.office-hours: today the Monday after W43: judged' "art9.office-hours|2026-W43|$rec" \
	--rules art9.office-hours --today 2026-10-26
# half_day_minutes from cs.yaml
sed 's/half_day_minutes: 180/half_day_minutes: 179/' cs.yaml > cs.tmp && mv cs.tmp cs.yaml &&
	git_commit 2026-10-20T10:00+0800 'half day 179' cs.yaml
no_finding 'art9.office-hours: half_day_minutes 179 in cs.yaml: 179 minutes pass' \
	'art9.office-hours|2026-W37|' $O
# A pairing starting on a Friday and ending on a Wednesday, one starting on a Thursday.
p3=$(pair chen xinhua 2026-09-04 新华会议室)
CS_NOW=2026-09-17T08:00 csassign end "$p3" --on 2026-09-16 --reason 调整 > /dev/null 2>&1 ||
	echo 'not ok - csassign end'
p4=$(pair zhao dongfeng 2026-09-03 东风会议室)
O='--rules art9.office-hours --today 2026-09-21'
no_finding 'art9.office-hours: starting Fri 09-04, the first week (Thursday 09-03 before it) is not due' \
	"art9.office-hours|2026-W36|$p3|" $O
finding 'art9.office-hours: the pairing'"'"'s full week W37 is due' \
	"art9.office-hours|2026-W37|$p3|chen|xinhua|error" $O
no_finding 'art9.office-hours: ended Wed 09-16, its last week (Thursday 09-17 after it) is not due' \
	"art9.office-hours|2026-W38|$p3|" $O
finding 'art9.office-hours: starting Thu 09-03, that week is due' \
	"art9.office-hours|2026-W36|$p4|zhao|dongfeng|error" $O
# Spring Festival: 2026-W08 (Feb 16-22) is all holidays; Sat Feb 14 and Feb 28 are
# make-up working days.
p5=$(pair li nanyuan 2026-02-01 南苑会议室)
O="--rules art9.office-hours --today 2026-03-09"
no_finding 'art9.office-hours: 2026-W05 (Thursday Jan 29 before the pairing) is not due' \
	"art9.office-hours|2026-W05|$p5|" $O
finding 'art9.office-hours: 2026-W07 (with the make-up Saturday) is due' \
	"art9.office-hours|2026-W07|$p5|li|nanyuan|error" $O
no_finding 'art9.office-hours: 2026-W08, the Spring Festival week without a working day, is exempt' \
	"art9.office-hours|2026-W08|$p5|" $O
finding 'art9.office-hours: 2026-W09 after the festival is due' \
	"art9.office-hours|2026-W09|$p5|li|nanyuan|error" $O
finding 'art9.office-hours: --period 2026-02 keeps the weeks whose Thursday is in February' \
	"art9.office-hours|2026-W09|$p5|li|nanyuan|error" $O --period 2026-02
check 'art9.office-hours: --period 2026-02 gives W06 W07 W09 only' \
	'[ "$(grep -c "|$p5|" "$scratch/.f")" -eq 3 ] && ! grep -q "2026-W10|$p5" "$scratch/.f" &&
	 ! grep -q "2026-W05|$p5" "$scratch/.f"'
no_finding 'art9.office-hours: the week of Thursday Mar 5 is not in --period 2026-02' \
	"art9.office-hours|2026-W10|$p5|" $O --period 2026-02
cd "$top" && new_store w1
cd "$top/w1" || exit 1
pw=$(pair wang-li hepingli 2025-12-01)
finding 'art9.office-hours: ISO week 2026-W01 (Dec 29-Jan 4, Thursday Jan 1) is in --period 2026-01' \
	"art9.office-hours|2026-W01|$pw|wang-li|hepingli|error" \
	--rules art9.office-hours --today 2026-01-05 --period 2026-01
no_finding 'art9.office-hours: ... and not in --period 2025-12' 'art9.office-hours|2026-W01|' \
	--rules art9.office-hours --today 2026-01-05 --period 2025-12
finding 'art9.office-hours: 2025-W52 (Dec 22-28) is in --period 2025-12' \
	"art9.office-hours|2025-W52|$pw|wang-li|hepingli|error" \
	--rules art9.office-hours --today 2026-01-05 --period 2025-12

# === art9.lecture, art9.training ================================================
cd "$top" && new_store lec
cd "$top/lec" || exit 1
q1=$(pair wang-li hepingli 2026-01-01)
q2=$(pair zhao dongfeng 2026-08-17 东风会议室)   # Q3: 45 of 92 days, less than half
q3=$(pair chen xinhua 2026-08-16 新华会议室)     # Q3: 46 of 92 days, exactly half
q4=$(pair li nanyuan 2026-07-02 南苑会议室)      # 2026: 183 of 365 days
lec() { logd "$1" lecture --lawyer "$2" --community "$3" --start 09:00 --end 10:30 --set topic=民法典 --set attendees=30; }
trn() { logd "$1" training --lawyer "$2" --community "$3" --start 09:00 --end 11:00 --set topic=调解 --set audience=mediators; }
lec 2026-03-10 wang-li hepingli > /dev/null
lec 2026-09-30 wang-li hepingli > /dev/null          # Q3 on its last day
vl=$(lec 2026-05-10 wang-li hepingli)               # Q2, voided below
CS_NOW=2026-05-11T09:00 cslog void "$vl" --reason 取消 > /dev/null 2>&1
xl=$(lec 2026-09-01 chen xinhua)                     # xinhua's only Q3 lecture, voided
CS_NOW=2026-09-02T09:00 cslog void "$xl" --reason 取消 > /dev/null 2>&1
trn 2026-06-15 wang-li hepingli > /dev/null
T='--rules art9 --today 2026-10-19'
no_finding 'art9.lecture: a lecture in Q1 passes' 'art9.lecture|2026-Q1|' $T
finding 'art9.lecture: Q2 without a lecture (one voided) fails' "art9.lecture|2026-Q2|$q1|wang-li|hepingli|error" $T
no_finding 'art9.lecture: a lecture on the last day of Q3 passes' "art9.lecture|2026-Q3|$q1|" $T
no_finding 'art9.lecture: Q4 not ended by today is not judged' 'art9.lecture|2026-Q4|' $T
no_finding 'art9.lecture: a pairing active 45 of Q3'"'"'s 92 days (from 08-17) is not due' \
	"art9.lecture|2026-Q3|$q2|" $T
finding 'art9.lecture: a pairing active 46 of 92 days (from 08-16, half) is due' \
	"art9.lecture|2026-Q3|$q3|chen|xinhua|error" $T
no_finding 'art9.training: 2026 not ended by today is not judged' 'art9.training|' $T
no_finding 'art9.lecture: 12-31 is still in Q4: not judged' 'art9.lecture|2026-Q4|' --rules art9 --today 2026-12-31
finding 'art9.lecture: judged the day after Q4' "art9.lecture|2026-Q4|$q1|wang-li|hepingli|error" \
	--rules art9 --today 2027-01-01
T='--rules art9.training --today 2027-01-01'
no_finding 'art9.training: a training in the year passes' "art9.training|2026|$q1|" $T
finding 'art9.training: a pairing active 183 of 365 days (from 07-02) without a training fails' \
	"art9.training|2026|$q4|li|nanyuan|error" $T
no_finding 'art9.training: a pairing active less than half the year (from 08-16) is not due' \
	"art9.training|2026|$q3|" $T
check 'art9.training: --rules art9.training reports no lectures' '[ "$(nfound art9.lecture)" -eq 0 ]'
finding 'art9: --rules art9 applies lecture, training and office hours' \
	"art9.training|2026|$q4|li|nanyuan|error" --rules art9 --today 2027-01-01
check 'art9: the prefix brings art9.lecture and art9.office-hours too' \
	'[ "$(nfound art9.lecture)" -gt 0 ] && [ "$(nfound art9.office-hours)" -gt 0 ] && [ "$(nfound art10)" -eq 0 ]'
trn 2026-12-20 li nanyuan > /dev/null
no_finding 'art9.training: ... and passes once it has one' "art9.training|2026|$q4|" $T

# === art11.signed ===============================================================
cd "$top" && new_store sg
cd "$top/sg" || exit 1
ps=$(pair wang-li hepingli 2026-09-01)
e1=$(logd 2026-09-01 consultation $L --start 09:00 --end 10:00)
e2=$(logd 2026-09-01 consultation $L --start 10:00 --end 11:00)
e3=$(logd 2026-09-10 consultation $L --start 09:00 --end 10:00)
CS_NOW=2026-09-08T23:00 cslog sign "$e1" --by 张主任 > /dev/null 2>&1 || echo 'not ok - sign e1'
CS_NOW=2026-09-09T08:00 cslog sign "$e2" --by 李书记 > /dev/null 2>&1 || echo 'not ok - sign e2'
S='--rules art11.signed --today 2026-09-30'
no_finding 'art11.signed: signed on day 7 passes' "art11.signed|2026-09|$e1|" $S
finding 'art11.signed: signed on day 8 fails' "art11.signed|2026-09|$e2|wang-li|hepingli|error" $S
no_finding 'art11.signed: unsigned, today day 7: not yet' "art11.signed|2026-09|$e3|" \
	--rules art11.signed --today 2026-09-17
finding 'art11.signed: unsigned, today day 8: fails' "art11.signed|2026-09|$e3|wang-li|hepingli|error" \
	--rules art11.signed --today 2026-09-18
# every service kind needs a signature, the other kinds none
for k in consultation legal-aid mediation lecture training publicity drafting negotiation \
	office-hours research; do
	logd 2026-09-02 "$k" $L --start 09:00 --end 10:00 > "$scratch/id.$k"
done
logd 2026-09-02 conflict-report $L --set parties=甲,乙 > "$scratch/id.conflict-report"
logd 2026-09-02 request $L --start 11:00 > "$scratch/id.request"
logd 2026-09-02 gift $L --set item=锦旗 > "$scratch/id.gift"
logd 2026-09-02 representation $L --set opposing=某公司 --set opposing_type=organisation > "$scratch/id.representation"
logd 2026-09-02 visit --community hepingli --set office=xincheng --set visitor=刘所长 > "$scratch/id.visit"
logd 2026-09-02 spot-check --community hepingli --set office=xincheng --result pass > "$scratch/id.spot-check"
logd 2026-09-02 feedback --community hepingli --set score=5 > "$scratch/id.feedback"
logd 2026-09-02 meeting --start 09:00 --end 11:00 --set meeting_type=joint > "$scratch/id.meeting"
run_check $S
for k in consultation legal-aid mediation lecture training publicity drafting negotiation \
	office-hours research conflict-report; do
	check "art11.signed: an unsigned $k is reported" \
		'[ -s "$scratch/id.$k" ] && grep -qxF "art11.signed|2026-09|$(cat "$scratch/id.$k")|wang-li|hepingli|error" "$scratch/.f"'
done
for k in request gift representation visit spot-check feedback meeting; do
	check "art11.signed: an unsigned $k needs no signature" \
		'[ -s "$scratch/id.$k" ] && ! grep -qF "|$(cat "$scratch/id.$k")|" "$scratch/.f"'
done
vs=$(logd 2026-09-03 consultation $L --start 09:00 --end 10:00)
CS_NOW=2026-09-04T09:00 cslog void "$vs" --reason 重复 > /dev/null 2>&1
no_finding 'art11.signed: a voided entry needs no signature' "art11.signed|2026-09|$vs|" $S
# signed by someone who is not a head (a hand edit: cslog sign refuses it)
e4=$(logd 2026-09-04 consultation $L --start 09:00 --end 10:00)
f4=records/log/hepingli/2026/09/$e4.yaml
printf 'signed_by: 路人甲\nsigned_at: %s\n' "'2026-09-05T09:00'" > "$scratch/sig"
grep -v '^recorded_at:' "$f4" > "$scratch/e4" && cat "$scratch/sig" >> "$scratch/e4" &&
	grep '^recorded_at:' "$f4" >> "$scratch/e4" && cp "$scratch/e4" "$f4" &&
	git_commit 2026-09-05T09:00+0800 'hand signature' "$f4"
finding 'art11.signed: signed by a non-head fails' "art11.signed|2026-09|$e4|wang-li|hepingli|error" $S
finding 'ref.head: ... and is a reference error' "ref.head|-|$e4|wang-li|hepingli|error" \
	--rules art11.signed,ref.head --today 2026-09-30
sed 's/sign_within_days: 7/sign_within_days: 8/' cs.yaml > cs.tmp && mv cs.tmp cs.yaml &&
	git_commit 2026-09-20T10:00+0800 'eight days' cs.yaml
no_finding 'art11.signed: sign_within_days 8 in cs.yaml: day 8 passes' "art11.signed|2026-09|$e2|" $S

# === art11.one-record ===========================================================
cd "$top" && new_store one
cd "$top/one" || exit 1
pair wang-li hepingli 2026-09-01 > /dev/null
d1=$(logd 2026-09-07 consultation $L --start 09:00 --end 10:00 --content 咨询)
d2=$(logd 2026-09-07 consultation $L --start 09:00 --end 10:00 --content 咨询)
d3=$(logd 2026-09-07 consultation $L --start 10:00 --end 11:00)
d4=$(logd 2026-09-08 mediation $L --start 09:00 --end 10:00)
d5=$(logd 2026-09-08 consultation $L --start 09:00 --end 10:00)
# one visit recorded in two communities: wang-li's entries in dongfeng (where cslog
# refuses them: not paired), one overlapping d4 and d5, one starting when they end
hand() { # id, start, end
	f=records/log/dongfeng/2026/09/$1.yaml
	mkdir -p records/log/dongfeng/2026/09
	printf "kind: consultation\nid: %s\ndate: '2026-09-08'\nstart: '%s'\nend: '%s'\ncommunity: dongfeng\nlawyer: wang-li\n" \
		"$1" "$2" "$3" > "$f"
	git_commit 2026-09-08T20:00+0800 "hand $1" "$f"
	echo "$1"
}
d6=$(hand 20260908-dddd06 09:30 10:30)
d7=$(hand 20260908-dddd07 10:00 11:00)
U='--rules art11.one-record --today 2026-09-30'
run_check $U
check 'art11.one-record: the same consultation twice is one warning, on one of the two' \
	'grep -qxF "art11.one-record|2026-09|$d1|wang-li|hepingli|warning" "$scratch/.f" ||
	 grep -qxF "art11.one-record|2026-09|$d2|wang-li|hepingli|warning" "$scratch/.f"'
check 'art11.one-record: ... only once' '[ "$(grep -c "|$d1|\||$d2|" "$scratch/.f")" -eq 1 ]'
check 'art11.one-record: the next hour is another service' '! grep -qF "|$d3|" "$scratch/.f"'
check 'art11.one-record: another kind at the same time is another service' \
	'! grep -qF "|$d4|" "$scratch/.f" && ! grep -qF "|$d5|" "$scratch/.f"'
finding 'art11.one-record: an overlapping entry in another community is one service for two' \
	"art11.one-record|2026-09|$d6|wang-li|dongfeng|warning" $U
no_finding 'art11.one-record: an entry starting when the other ends does not overlap' \
	"art11.one-record|2026-09|$d7|" $U
CS_NOW=2026-09-09T09:00 cslog void "$d2" --reason 重复 > /dev/null 2>&1
run_check $U
check 'art11.one-record: after voiding the duplicate, nothing for d1/d2' '! grep -qF "|$d1|" "$scratch/.f" && ! grep -qF "|$d2|" "$scratch/.f"'

# === art13.conflict, art15.privacy, art16.gift ==================================
cd "$top" && new_store misc
cd "$top/misc" || exit 1
pair wang-li hepingli 2026-09-01 > /dev/null
rep() { logd 2026-09-10 representation $L --set "opposing=$1" --set "opposing_type=$2"; }
c1=$(rep 居民张某 resident)
c2=$(rep hepingli community)
c3=$(rep 和平里社区 community)
c4=$(rep 东风社区 community)
c5=$(rep 某公司 organisation)
C='--rules art13.conflict --today 2026-09-30'
finding 'art13.conflict: against a resident' "art13.conflict|2026-09|$c1|wang-li|hepingli|error" $C
finding 'art13.conflict: against the paired community (slug)' "art13.conflict|2026-09|$c2|wang-li|hepingli|error" $C
finding 'art13.conflict: against the paired community (its name)' "art13.conflict|2026-09|$c3|wang-li|hepingli|error" $C
no_finding 'art13.conflict: against another community' "art13.conflict|2026-09|$c4|" $C
no_finding 'art13.conflict: against an organisation' "art13.conflict|2026-09|$c5|" $C

# ID 440301199003071230: check digit 0 by GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
gb_check() {
	echo "$1" | awk '{ split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		print substr("10X98765432", s % 11 + 1, 1) }'
}
check 'the test ID number has a valid check digit and the wrong one not' \
	'[ "$(gb_check 44030119900307123)" = 0 ]'
i1=$(logd 2026-09-11 consultation $L --start 08:00 --end 08:30 --content '身份证号440301199003071230，咨询继承')
i2=$(logd 2026-09-11 consultation $L --start 08:30 --end 09:00 --content '编号440301199003071231，咨询继承')
i3=$(logd 2026-09-11 consultation $L --start 09:00 --end 09:30 --content '请回电13812345678')
i4=$(logd 2026-09-11 consultation $L --start 09:30 --end 10:00 --target-type resident \
	--target-name 张三 --target-contact 13812345678 --content 咨询)
i5=$(logd 2026-09-11 consultation $L --start 10:00 --end 10:30 --content '请回电138****5678')
i6=$(logd 2026-09-11 consultation $L --start 10:30 --end 11:00 --result '已告知13812345678')
i7=$(logd 2026-09-11 consultation $L --start 11:00 --end 11:30 --content '案号138123456789号')
i8=$(logd 2026-09-11 consultation $L --start 11:30 --end 12:00 --target-type resident \
	--target-contact 13812345678 --set target.id_number=440301199003071230 --content 咨询 2> /dev/null)
i9=$(logd 2026-09-11 mediation $L --start 13:00 --end 14:00 --set parties=甲13812345678)
P='--rules art15.privacy --today 2026-09-30'
finding 'art15.privacy: an ID number with a valid check digit in content' \
	"art15.privacy|2026-09|$i1|wang-li|hepingli|error" $P
no_finding 'art15.privacy: the same with a wrong check digit' "art15.privacy|2026-09|$i2|" $P
finding 'art15.privacy: a mobile number in content' "art15.privacy|2026-09|$i3|wang-li|hepingli|error" $P
no_finding 'art15.privacy: a mobile number in target.contact' "art15.privacy|2026-09|$i4|" $P
no_finding 'art15.privacy: a masked number 138****5678' "art15.privacy|2026-09|$i5|" $P
finding 'art15.privacy: a mobile number in result' "art15.privacy|2026-09|$i6|wang-li|hepingli|error" $P
no_finding 'art15.privacy: twelve digits are not a mobile number' "art15.privacy|2026-09|$i7|" $P
[ -n "$i8" ] && no_finding 'art15.privacy: the ID number in target.id_number' "art15.privacy|2026-09|$i8|" $P
finding 'art15.privacy: a mobile number in a list (parties)' "art15.privacy|2026-09|$i9|wang-li|hepingli|error" $P
# the same, written by hand as a plain (unquoted) YAML scalar
i10=20260911-h4nd01
f10=records/log/hepingli/2026/09/$i10.yaml
cat > "$f10" << EOF
kind: consultation
id: $i10
date: '2026-09-11'
start: '15:00'
end: '15:30'
community: hepingli
lawyer: wang-li
content: 居民来电 13812345678 咨询
EOF
git_commit 2026-09-11T20:00+0800 'by hand' "$f10"
finding 'art15.privacy: a mobile number in an unquoted content' \
	"art15.privacy|2026-09|$i10|wang-li|hepingli|error" $P
i11=20260911-h4nd02
f11=records/log/hepingli/2026/09/$i11.yaml
sed -e "s/$i10/$i11/" -e "s/^start: .*/start: '16:00'/" -e "s/^end: .*/end: '16:30'/" \
	-e 's/^content: .*/content: "居民来电 13812345678 咨询"/' "$f10" > "$f11"
git_commit 2026-09-11T20:00+0800 'by hand' "$f11"
finding 'art15.privacy: a mobile number in a quoted content' \
	"art15.privacy|2026-09|$i11|wang-li|hepingli|error" $P

g1=$(logd 2026-09-12 gift $L --set item=锦旗 --set value=0 --set giver=居民)
g2=$(logd 2026-09-12 gift $L --set item=购物卡 --set value=500)
g3=$(logd 2026-09-12 gift $L --set item=锦旗一面)
g4=$(logd 2026-09-12 gift $L --set item=月饼)
CS_NOW=2026-09-13T09:00 cslog void "$g4" --reason 已退回 > /dev/null 2>&1
G='--rules art16.gift --today 2026-09-30'
no_finding 'art16.gift: a banner (锦旗)' "art16.gift|2026-09|$g1|" $G
finding 'art16.gift: a shopping card (购物卡)' "art16.gift|2026-09|$g2|wang-li|hepingli|error" $G
no_finding 'art16.gift: 锦旗一面 is a banner' "art16.gift|2026-09|$g3|" $G
no_finding 'art16.gift: a voided gift (returned)' "art16.gift|2026-09|$g4|" $G
check 'art16.gift: one finding' '[ "$(nfound art16.gift)" -eq 1 ]'

# === art17.notice ===============================================================
cd "$top" && new_store chg
cd "$top/chg" || exit 1
pc=$(pair wang-li hepingli 2026-01-01)
pz=$(pair zhao dongfeng 2026-01-01 东风会议室)
ch() { # id, filed, effective, extra line: a change written by hand and committed with git
	mkdir -p records/changes
	{
		printf 'kind: change\nid: %s\nassignment: %s\n' "$1" "$pc"
		printf "filed: '%s'\neffective: '%s'\nreason: 调整时间\nschedule: Thu 14:00-17:30\n" "$2" "$3"
		[ -n "${4:-}" ] && printf '%s\n' "$4"
	} > "records/changes/$1.yaml"
	git_commit "$2"T10:00+0800 "change $1" "records/changes/$1.yaml"
}
ch 20261001-aaaa01 2026-10-01 2026-10-03
ch 20261001-aaaa02 2026-10-01 2026-10-03 'approved_by: 指导检查小组'
ch 20261001-aaaa03 2026-10-01 2026-10-04
ch 20261001-aaaa04 2026-10-01 2026-10-03 'outcome: refused'
ch 20261001-aaaa05 2026-10-01 2026-10-01
CS_NOW=2026-10-01T11:00 csassign change "$pz" --schedule 'Fri 09:00-12:00' --filed 2026-10-01 \
	--effective 2026-10-03 --reason 调整 --approved-by 组长 > /dev/null 2>&1 || echo 'not ok - csassign change --approved-by'
cz=$(grep -l "assignment: $pz" records/changes/*.yaml | head -1)
cz=$(basename "${cz:-none}" .yaml)
N='--rules art17.notice --today 2026-10-31'
run_check $N
check 'art17.notice: filed 2 days before, no approval (an error)' \
	'grep -q "^art17.notice|2026-10|20261001-aaaa01|.*|error$" "$scratch/.f"'
no_finding 'art17.notice: 2 days with approved_by' 'art17.notice|2026-10|20261001-aaaa02|' $N
no_finding 'art17.notice: 3 days' 'art17.notice|2026-10|20261001-aaaa03|' $N
run_check $N
check 'art17.notice: effective the day it was filed' \
	'grep -q "^art17.notice|2026-10|20261001-aaaa05|.*|error$" "$scratch/.f"'
no_finding 'art17.notice: csassign change --approved-by with 2 days' "art17.notice|2026-10|$cz|" $N
check 'art17.notice: csassign wrote the change' '[ -f "records/changes/$cz.yaml" ]'
sed 's/notice_days: 3/notice_days: 2/' cs.yaml > cs.tmp && mv cs.tmp cs.yaml &&
	git_commit 2026-10-20T10:00+0800 'notice 2' cs.yaml
no_finding 'art17.notice: notice_days 2 in cs.yaml: 2 days pass' 'art17.notice|2026-10|20261001-aaaa01|' $N

# === art18.report ===============================================================
cd "$top" && new_store rpt
cd "$top/rpt" || exit 1
pr=$(pair wang-li hepingli 2026-09-01)
report() { # month, scope-slug, author and commit time: file a report by hand
	mkdir -p "records/reports/$1"
	{
		printf "kind: monthly-report\nmonth: '%s'\nscope: %s\nsubject: %s\n" "$1" "${2%%-*}" "${2#*-}"
		printf 'source_commit: %s\n' "$(git rev-parse HEAD)"
		printf 'totals:\n  activities: 0\n  by_kind: {}\n  service_minutes: 0\n  people_served: 0\n'
		printf 'requests:\n  received: 0\n  accepted: 0\n  accepted_late: 0\n  open: 0\n'
		printf 'typical_cases: []\n'
	} > "records/reports/$1/$2.yaml"
	git_commit "$3" "report $1 $2" "records/reports/$1/$2.yaml"
}
R='--rules art18.report'
no_finding 'art18.report: the lawyer'"'"'s report missing on day 2: not yet' \
	'art18.report|2026-09|-|wang-li|' $R --today 2026-10-02
finding 'art18.report: the lawyer'"'"'s report missing on day 3' \
	'art18.report|2026-09|-|wang-li|-|error' $R --today 2026-10-03
check 'art18.report: ... at records/reports/2026-09/lawyer-wang-li.yaml' \
	'grep -q "\"path\": \"records/reports/2026-09/lawyer-wang-li.yaml\"" "$scratch/.json"'
no_finding 'art18.report: the office'"'"'s report missing on day 3: not yet' \
	'art18.report|2026-09|-|-|' $R --today 2026-10-03
finding 'art18.report: the office'"'"'s report missing on day 4' \
	'art18.report|2026-09|-|-|-|error' $R --today 2026-10-04
check 'art18.report: ... at records/reports/2026-09/office-xincheng.yaml' \
	'grep -q "\"path\": \"records/reports/2026-09/office-xincheng.yaml\"" "$scratch/.json"'
no_finding 'art18.report: no report due for August (no pairing)' 'art18.report|2026-08|' $R --today 2026-10-04
report 2026-09 lawyer-wang-li 2026-10-02T23:30:00+0800
report 2026-09 office-xincheng 2026-10-03T23:00:00+0800
no_finding 'art18.report: lawyer report committed on day 2 (23:30 local)' 'art18.report|2026-09|-|wang-li|' $R --today 2026-11-30
no_finding 'art18.report: office report committed on day 3' 'art18.report|2026-09|-|-|' $R --today 2026-11-30
# October: day 2 at 01:00 +0800 is day 1 in UTC; day 3 at 01:00 +0800 is day 2 in UTC
report 2026-10 lawyer-wang-li 2026-11-03T01:00:00+0800
report 2026-10 office-xincheng 2026-11-04T09:00:00+0800
finding 'art18.report: lawyer report committed on day 3 (local time of the commit) is late' \
	'art18.report|2026-10|-|wang-li|-|error' $R --today 2026-11-30
check 'art18.report: ... the message gives the filing day' 'grep -q "filed 2026-11-03" "$scratch/.json"'
finding 'art18.report: office report committed on day 4 is late' \
	'art18.report|2026-10|-|-|-|error' $R --today 2026-11-30
# a later commit touching the report does not change its filing time
sed 's/activities: 0/activities: 1/' records/reports/2026-09/lawyer-wang-li.yaml > "$scratch/r" &&
	cp "$scratch/r" records/reports/2026-09/lawyer-wang-li.yaml
git_commit 2026-11-20T10:00:00+0800 'touch report' records/reports/2026-09/lawyer-wang-li.yaml
no_finding 'art18.report: the first commit adding the report is its filing time' \
	'art18.report|2026-09|-|wang-li|' $R --today 2026-11-30
no_finding 'art18.report: no schema finding for a filed report' 'schema.' --rules art18,schema --today 2026-11-30
mkdir -p records/reports/2026-08
printf "kind: monthly-report\nmonth: '2026-08'\n" > records/reports/2026-08/lawyer-wang-li.yaml
git_commit 2026-11-20T11:00:00+0800 'bad report' records/reports/2026-08/lawyer-wang-li.yaml
finding 'schema.invalid: a report missing the fields of its schema' 'schema.invalid|-|-|-|-|error' \
	--rules art18.report,schema --today 2026-11-30
if command -v csreport > /dev/null 2>&1; then
	CS_NOW=2026-12-02T20:00 csreport monthly --month 2026-11 --lawyer wang-li --commit > /dev/null 2>&1
	CS_NOW=2026-12-04T09:00 csreport monthly --month 2026-11 --office xincheng --commit > /dev/null 2>&1
	no_finding 'art18.report: a lawyer report filed by csreport --commit on day 2' \
		'art18.report|2026-11|-|wang-li|' $R --today 2026-12-31
	finding 'art18.report: an office report filed by csreport --commit on day 4 is late' \
		'art18.report|2026-11|-|-|-|error' $R --today 2026-12-31
	run_check --rules art18.report,schema --today 2026-12-31
	check 'art18.report: reports filed by csreport pass their schema' \
		'! grep -q "reports/2026-11/.*schema\|schema.*reports/2026-11" "$scratch/.json" &&
		 ! grep -B1 -A3 "records/reports/2026-11/" "$scratch/.json" | grep -q "\"rule\": \"schema"'
fi
sed 's/lawyer_report_day: 2/lawyer_report_day: 3/' cs.yaml > cs.tmp && mv cs.tmp cs.yaml &&
	git_commit 2026-11-21T10:00+0800 'report day 3' cs.yaml
no_finding 'art18.report: lawyer_report_day 3 in cs.yaml: day 3 is on time' \
	'art18.report|2026-10|-|wang-li|' $R --today 2026-11-30

# === art7.visit =================================================================
cd "$top" && new_store vis
cd "$top/vis" || exit 1
pv1=$(pair wang-li hepingli 2026-09-01)
pv2=$(pair zhao dongfeng 2026-10-17 东风会议室)   # 15 of 31 days of October
pv3=$(pair chen xinhua 2026-10-16 新华会议室)     # 16 of 31 days
logd 2026-09-30 visit --community hepingli --set office=xincheng --set visitor=刘所长 > /dev/null
logd 2026-10-20 visit --community dongfeng --set office=xincheng --set visitor=刘所长 > /dev/null
V='--rules art7.visit --today 2026-11-01'
no_finding 'art7.visit: a month with a visit' 'art7.visit|2026-09|' $V
finding 'art7.visit: a month without (a visit elsewhere does not count)' \
	"art7.visit|2026-10|$pv1|wang-li|hepingli|error" $V
check 'art7.visit: ... on the community'"'"'s file' \
	'grep -q "\"path\": \"records/communities/hepingli.yaml\"" "$scratch/.json"'
finding 'art7.visit: a pairing active 16 of 31 days is due' "art7.visit|2026-10|$pv3|chen|xinhua|error" $V
no_finding 'art7.visit: a pairing active 15 of 31 days is not due' "art7.visit|2026-10|$pv2|" $V
no_finding 'art7.visit: October not ended on 10-31' 'art7.visit|2026-10|' --rules art7.visit --today 2026-10-31

# === art20.meeting ==============================================================
cd "$top" && new_store mtg
cd "$top/mtg" || exit 1
pair wang-li hepingli 2026-01-01 > /dev/null
meet() { logd "$1" meeting --start 09:00 --end 11:00 --set "meeting_type=$2"; }
meet 2026-03-20 joint > /dev/null
meet 2026-06-30 summary > /dev/null
meet 2026-07-01 exchange > /dev/null
meet 2026-09-30 joint > /dev/null
meet 2026-12-01 joint > /dev/null
M='--rules art20.meeting --today 2027-01-01'
no_finding 'art20.meeting: a joint meeting in Q1' 'art20.meeting|2026-Q1|' $M
finding 'art20.meeting: Q2 with only a summary meeting has no joint one' 'art20.meeting|2026-Q2|-|-|-|error' $M
no_finding 'art20.meeting: a joint meeting on the last day of Q3' 'art20.meeting|2026-Q3|' $M
no_finding 'art20.meeting: a summary meeting in H1' 'art20.meeting|2026-H1|' $M
finding 'art20.meeting: H2 without a summary meeting (an exchange does not count)' \
	'art20.meeting|2026-H2|-|-|-|error' $M
no_finding 'art20.meeting: H2 not ended on 12-31' 'art20.meeting|2026-H2|' --rules art20.meeting --today 2026-12-31
no_finding 'art20.meeting: nothing due before the first pairing (2025)' 'art20.meeting|2025' $M

# === art21.replace ==============================================================
cd "$top" && new_store rpl
cd "$top/rpl" || exit 1
pair wang-li hepingli 2025-12-01 > /dev/null
pair zhao dongfeng 2025-12-01 东风会议室 > /dev/null
sc() { logd "$1" spot-check --community "$2" --set office=xincheng --set inspector=检查组 --result "$3"; }
s1=$(sc 2026-03-01 hepingli fail)
sc 2026-04-01 hepingli pass > /dev/null
Z='--rules art21.replace --today 2026-12-31'
no_finding 'art21.replace: one failed spot check in a year' 'art21.replace|2026|' $Z
s2=$(sc 2026-05-01 hepingli fail)
finding 'art21.replace: the second failed spot check in a year' "art21.replace|2026|$s2|wang-li|hepingli|error" $Z
check 'art21.replace: the spot check names the paired lawyer' \
	'grep -qx "lawyer: wang-li" records/log/hepingli/2026/05/$s2.yaml'
sc 2025-12-15 dongfeng fail > /dev/null
sc 2026-01-10 dongfeng fail > /dev/null
no_finding 'art21.replace: two failures in two years' 'art21.replace|2026|' $Z --period 2026-01
no_finding 'art21.replace: two failures in two years (zhao)' 'art21.replace|2025|' $Z
f1=$(logd 2026-06-01 feedback --community hepingli --set score=2 --set by=居委会)
f2=$(logd 2026-06-02 feedback --community dongfeng --set score=3 --set by=居委会)
finding 'art21.replace: feedback 2, below 3' "art21.replace|2026-06|$f1|wang-li|hepingli|error" $Z
no_finding 'art21.replace: feedback 3' "art21.replace|2026-06|$f2|" $Z

# === a year without a calendar file ==============================================
cd "$top" && new_store cal
cd "$top/cal" || exit 1
pair wang-li hepingli 2027-12-01 > /dev/null
ry=$(CS_NOW=2028-01-05T10:00 cslog add request $L --date 2028-01-05 --start 09:00 2> /dev/null)
check 'the store has no calendar for 2028' '[ ! -f calendar/2028.yaml ] && [ -f calendar/2027.yaml ]'
finding 'art10.accept: a request in a year without a calendar is an error, not a guess' \
	'art10.accept|-|-|-|-|error' --rules art10.accept --today 2028-01-20
check '... on "calendar", naming the missing file' \
	'grep -q "\"path\": \"calendar\"" "$scratch/.json" && grep -q "calendar/2028.yaml" "$scratch/.json"'
finding 'art9.office-hours: a week in a year without a calendar is an error' \
	'art9.office-hours|-|-|-|-|error' --rules art9.office-hours --today 2028-01-20
printf "kind: calendar\nyear: 2028\nholidays:\n  - {date: '2028-01-06', name: 测试}\nworkdays: []\n" > calendar/2028.yaml
git_commit 2028-01-06T10:00+0800 'calendar 2028' calendar/2028.yaml
no_finding 'art10.accept: with calendar/2028.yaml, the calendar is read from the store' \
	'art10.accept|-|-|' --rules art10.accept --today 2028-01-20
no_finding 'art10.accept: ... and the request judged (Wed 01-05, holiday 01-06: deadline Mon 01-10), today 01-10' \
	"art10.accept|2028-01|$ry|" --rules art10.accept --today 2028-01-10
finding 'art10.accept: ... reported on 01-11' "art10.accept|2028-01|$ry|wang-li|hepingli|error" \
	--rules art10.accept --today 2028-01-11

# === ref.* and schema.* =========================================================
cd "$top" && new_store ref
cd "$top/ref" || exit 1
pair wang-li hepingli 2026-09-01 > /dev/null
good=$(logd 2026-09-10 consultation $L --start 09:00 --end 10:00)
first=$(logd 2026-09-01 consultation $L --start 09:00 --end 10:00)
entry() { # path, id, date, community, lawyer, extra line
	mkdir -p "$(dirname "$1")"
	printf "kind: consultation\nid: %s\ndate: '%s'\nstart: '09:00'\nend: '10:00'\ncommunity: %s\nlawyer: %s\n" \
		"$2" "$3" "$4" "$5" > "$1"
	[ -n "${6:-}" ] && printf '%s\n' "$6" >> "$1"
	git_commit 2026-09-20T10:00+0800 "hand $2" "$1"
}
D=records/log/hepingli/2026/09
entry $D/20260910-aaaa01.yaml 20260910-aaaa01 2026-09-10 hepingli nobody
entry records/log/nowhere/2026/09/20260910-aaaa02.yaml 20260910-aaaa02 2026-09-10 nowhere wang-li
entry $D/20260910-aaaa03.yaml 20260910-aaaa03 2026-09-10 hepingli wang-li 'signed_by: 王书记'
entry records/log/hepingli/2026/08/20260831-aaaa04.yaml 20260831-aaaa04 2026-08-31 hepingli wang-li
entry $D/20261005-aaaa05.yaml 20261005-aaaa05 2026-10-05 hepingli wang-li
entry $D/20260910-aaaa06.yaml 20260910-aaaa06 2026-09-10 hepingli wang-li 'channel: carrier-pigeon'
mkdir -p records/lawyers && printf 'kind: lawyer\nid: ghost\nname: 鬼\nfirm: nofirm\n' > records/lawyers/ghost.yaml
git_commit 2026-09-20T10:00+0800 'ghost' records/lawyers/ghost.yaml
printf 'kind: lawyer\nid: other\nname: 他\nfirm: dacheng\n' > records/lawyers/wrong.yaml
git_commit 2026-09-20T10:00+0800 'wrong' records/lawyers/wrong.yaml
printf 'kind: consultation\nid: [\n' > $D/20260910-aaaa07.yaml
git_commit 2026-09-20T10:00+0800 'broken' $D/20260910-aaaa07.yaml
printf 'kind: unicorn\nid: x\n' > $D/20260910-aaaa08.yaml
git_commit 2026-09-20T10:00+0800 'unicorn' $D/20260910-aaaa08.yaml
logd 2026-09-11 visit --community hepingli --set office=xincheng --set visitor=刘 > /dev/null
vv=20260911-aaaa09
printf "kind: visit\nid: %s\ndate: '2026-09-11'\ncommunity: hepingli\noffice: noffice\nvisitor: 刘\n" $vv > $D/$vv.yaml
git_commit 2026-09-20T10:00+0800 'visit' $D/$vv.yaml
mkdir -p records/changes
printf "kind: change\nid: 20260915-aaaa10\nassignment: 20260101-zzzzzz\nfiled: '2026-09-15'\neffective: '2026-09-30'\nreason: x\nschedule: Thu 14:00-17:30\n" \
	> records/changes/20260915-aaaa10.yaml
git_commit 2026-09-20T10:00+0800 'change' records/changes/20260915-aaaa10.yaml
# files of the log outside a month folder: the whole check reads them with
# the directory, and judges them in the month of their date
entry records/log/20260912-aaaa11.yaml 20260912-aaaa11 2026-09-12 hepingli wang-li
entry records/log/hepingli/2026/13/20260913-aaaa12.yaml 20260913-aaaa12 2026-09-13 hepingli wang-li
F='--rules ref,schema --today 2026-09-30'
finding 'schema.path: an entry right under records/log' 'schema.path|-|20260912-aaaa11|-|-|error' $F
finding 'schema.path: an entry in a folder of month 13' 'schema.path|-|20260913-aaaa12|-|-|error' $F
finding 'art11.signed: an entry outside a month folder is judged in the month of its date' \
	'art11.signed|2026-09|20260912-aaaa11|wang-li|hepingli|error' --rules art11.signed --today 2026-09-30
finding 'ref.lawyer: an entry naming an unknown lawyer' 'ref.lawyer|-|20260910-aaaa01|-|-|error' $F
finding 'ref.community: an entry naming an unknown community' 'ref.community|-|20260910-aaaa02|-|-|error' $F
finding 'ref.head: signed by the head of another community' 'ref.head|-|20260910-aaaa03|wang-li|hepingli|error' $F
finding 'ref.pairing: an entry dated the day before the pairing' \
	'ref.pairing|-|20260831-aaaa04|wang-li|hepingli|error' $F
finding 'schema.path: an entry of October in the September directory' 'schema.path|-|20261005-aaaa05|-|-|error' $F
check 'schema.path: ... naming where it belongs' 'grep -q "records/log/hepingli/2026/10/20261005-aaaa05.yaml" "$scratch/.json"'
finding 'schema.invalid: a channel outside the enum' 'schema.invalid|-|20260910-aaaa06|-|-|error' $F
check 'schema.invalid: ... on the line of the field' \
	'grep -A2 "aaaa06.yaml" "$scratch/.json" | grep -q "\"line\": 8"'
finding 'ref.firm: a lawyer of an unknown firm' 'ref.firm|-|ghost|-|-|error' $F
finding 'schema.path: a lawyer whose id is not its file name' 'schema.path|-|other|-|-|error' $F
finding 'schema.yaml: a YAML syntax error' 'schema.yaml|-|-|-|-|error' $F
check 'schema.yaml: ... on the broken file' 'grep -q "20260910-aaaa07.yaml" "$scratch/.json"'
finding 'schema.kind: an unknown kind' 'schema.kind|-|-|-|-|error' $F
finding 'ref.office: a visit by an unknown office' "ref.office|-|$vv|-|-|error" $F
finding 'ref.assignment: a change of an unknown pairing' 'ref.assignment|-|20260915-aaaa10|-|-|error' $F
no_finding 'the entries made by cslog raise nothing' "ref.pairing|-|$good|" $F
check 'schema and reference findings are errors: exit 1' '[ "$rc" -eq 1 ]'
no_finding 'ref.pairing: an entry dated on the pairing'"'"'s first day passes' "ref.pairing|-|$first|" $F
run_check --rules ref.head --today 2026-09-30
check '--rules ref.head shows the ref.head findings only' \
	'[ "$(nfound ref.head)" -eq 1 ] && [ "$(wc -l < "$scratch/.f")" -eq 1 ]'
run_check --rules schema --today 2026-09-30
check '--rules schema shows the schema findings only' \
	'[ "$(nfound schema.)" -ge 5 ] && [ "$(nfound ref.)" -eq 0 ]'
exit 0
