#!/bin/sh
# csreport: monthly reports (Art 18), period reports (Art 20), the assessment
# (Art 21), stipends (Art 5(5)) and contact cards (Art 7(1)), DESIGN 5, on a
# scratch store built with csinit, csassign and cslog, CS_NOW set per command.
# Figures are checked in the JSON against values computed by hand below.
. "$CS_TOP/tests/cmd/lib.sh"

# --- helpers -------------------------------------------------------------------
# JSON as csreport emits it (one value a line) flattened to path=value lines:
#   totals.by_kind.consultation=3, items.0.id=20261001-..., typical_cases.0=...
# An empty list or mapping prints "path=" (so "[]"/"{}" still shows the key).
flat() {
	awk '{
		s = $0; sub(/^[ \t]+/, "", s); sub(/,$/, "", s)
		if (s == "}" || s == "]") { depth--; next }
		if (match(s, /^"([^"\\]|\\.)*": /)) {
			k = substr(s, 2, RLENGTH - 4); v = substr(s, RLENGTH + 1)
		} else if (depth > 0 && arr[depth]) {
			k = idx[depth]++; v = s
		} else {
			k = ""; v = s
		}
		p = (depth > 0 && base[depth] != "") ? base[depth] "." k : k
		if (v == "{" || v == "[") {
			depth++; base[depth] = p; arr[depth] = (v == "["); idx[depth] = 0; next
		}
		if (v == "[]" || v == "{}") v = ""
		if (v ~ /^".*"$/) {
			v = substr(v, 2, length(v) - 2); gsub(/\\"/, "\"", v); gsub(/\\\\/, "\\", v)
		}
		print p "=" v
	}'
}
# file, path: the value at path ("" when absent)
jv() { flat < "$1" | awk -v k="$2=" 'index($0, k) == 1 { print substr($0, length(k) + 1); exit }'; }
# file, path regex (awk): the sum of the values at every matching path
jsum() { flat < "$1" | awk -v re="^($2)=" '$0 ~ re { sub(/^[^=]*=/, ""); s += $0 } END { print s + 0 }'; }
# file, list path regex, key, value: the path of the first element whose key is value
jfind() {
	flat < "$1" | awk -v re="^$2\\.$3=" -v v="$4" '$0 ~ re {
		p = $0; sub(/=.*/, "", p)
		if (substr($0, length(p) + 2) == v) { sub(/\.[^.]*$/, "", p); print p; exit }
	}'
}
# file, path regex (awk): the values at every matching path, sorted, on one line
jlist() { flat < "$1" | awk -v re="^($2)=" '$0 ~ re { sub(/^[^=]*=/, ""); print }' | sort | tr '\n' ' '; }
# words...: sorted on one line (to compare with jlist)
sorted() { for w in "$@"; do echo "$w"; done | sort | tr '\n' ' '; }
# description, file, path, wanted value
is() {
	got=$(jv "$2" "$3")
	if [ "$got" = "$4" ]; then echo "ok - $1"; else echo "not ok - $1 ($3 is '$got', wanted '$4')"; fi
}
# file, string: the file holds string (which may span lines)
has() { S=$2 awk 'BEGIN { RS = "\001" } index($0, ENVIRON["S"]) { f = 1 } END { exit !f }' "$1"; }
# date-time, command...: run with CS_NOW set
at() { t=$1; shift; env CS_NOW="$t" "$@"; }
# date, kind, cslog add arguments...: log an entry that day (at noon), print its id
logd() {
	d=$1; k=$2; shift 2
	CS_NOW=${d}T23:00 cslog add "$k" --date "$d" "$@" 2> "$scratch/.logerr" ||
		{ echo "not ok - cslog add $k on $d failed" >&2; sed 's/^/#   /' "$scratch/.logerr" >&2; }
}
commits() { git rev-list --count HEAD; }
trailer() { git log -1 --format=%B | grep -qxF -- "$1"; }
R=csreport

# --- the store -------------------------------------------------------------------
# Two judicial offices; wang-li serves hepingli (xincheng) and nanyuan (dongcheng).
csinit s --district 测试区 > /dev/null 2>&1 || echo 'not ok - csinit failed'
cd s || exit 1
{
	export CS_NOW=2026-08-20T09:00
	csassign office add xincheng --name 新城司法所
	csassign office add dongcheng --name 东城司法所
	csassign office add idle --name 空闲司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign firm add junhe --name 君合律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng --phone 13800000001 \
		--email wangli@dacheng.example --photo photos/wang-li.jpg --licence 11101200000001
	csassign lawyer add zhao --name 赵强 --firm dacheng
	csassign lawyer add chen --name 陈静 --firm junhe
	csassign lawyer add old --name 老律师 --firm junhe
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任 \
		--workroom 和平里活动室
	csassign community add dongfeng --name 东风社区 --office xincheng --head 王书记
	csassign community add nanyuan --name 南苑社区 --office dongcheng --head 李主任
	csassign community add beita --name 北塔社区 --office dongcheng --head 刘主任
	csassign community add quiet --name 静园社区 --office dongcheng --head 孙主任
	csassign pair --lawyer wang-li --community hepingli --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里活动室 --agreement A1
	csassign pair --lawyer zhao --community dongfeng --from 2026-09-01 \
		--schedule 'Thu 14:00-17:30' --place 东风会议室 --agreement A2
	csassign pair --lawyer wang-li --community nanyuan --from 2026-09-01 \
		--schedule 'Fri 09:00-12:30' --place 南苑工作室 --agreement A3
	csassign pair --lawyer chen --community beita --from 2026-09-01 \
		--schedule 'Tue 14:00-17:30' --place 北塔工作室 --agreement A4
	export CS_NOW=2025-02-20T09:00
	old_pair=$(csassign pair --lawyer old --community quiet --from 2025-03-01 \
		--schedule 'Mon 14:00-17:30' --place 静园 --agreement A0)
	export CS_NOW=2026-08-21T09:00
	csassign end "$old_pair" --on 2025-12-31 --reason 期满
} > /dev/null 2>&1 || echo 'not ok - setting up the directory failed'
export CS_NOW=2026-10-12T10:00
H='--lawyer wang-li --community hepingli'
T='--target-type resident'

# wang-li's October, by hand (F is void; the 09-30 and 11-01 entries are outside):
#   A 10-01 consultation  30 min, target        N 10-08 consultation (nanyuan) 60, target
#   B 10-14 office-hours 210                    D 10-15 lecture 90, attendees 35
#   E 10-16 mediation 60, target, typical       C 10-21 office-hours 180
#   G 10-31 consultation 20, target             F 10-28 office-hours 210 (void)
#   activities 7 (consultation 3, office-hours 2, lecture 1, mediation 1),
#   minutes 30+60+210+90+60+180+20 = 650, people 1+1+35+1+1 = 39
#   requests: K received Fri 10-09 16:00, accepted Tue 10-13 (late: the second
#   working day after is Mon 10-12, Sat 10-10 being a make-up working day);
#   L 10-12, accepted 10-13; O 10-28, open; J Fri 10-30, accepted Tue 11-03 (in time).
sep=$(logd 2026-09-30 consultation $H --start 10:00 --end 11:00 $T --target-name 前月 --content 九月咨询)
A=$(logd 2026-10-01 consultation $H --start 09:00 --end 09:30 $T --target-name 张三丰 \
	--target-contact 13912345678 --content 劳动合同纠纷咨询 --result 已解答)
N=$(logd 2026-10-08 consultation --lawyer wang-li --community nanyuan --start 14:00 --end 15:00 \
	$T --target-name 李四 --target-contact 13700001111 --content 物业纠纷咨询)
Z1=$(logd 2026-10-08 office-hours --lawyer zhao --start 08:00 --end 14:00 --set place=东风会议室)
K=$(at 2026-10-09T16:05 cslog add request $H --date 2026-10-09 --start 16:00 --set from=居民甲)
C1=$(logd 2026-10-09 consultation --lawyer chen --start 15:00 --end 15:30 $T --target-name 赵六 --content 继承咨询)
S1=$(logd 2026-10-10 spot-check --lawyer zhao --community dongfeng --set office=xincheng \
	--set inspector=检查组 --result fail --content 未按时坐班)
L=$(at 2026-10-12T09:05 cslog add request $H --date 2026-10-12 --start 09:00)
at 2026-10-13T10:00 cslog accept "$K" --on 2026-10-13T10:00 > /dev/null 2>&1 || echo 'not ok - accept K'
at 2026-10-13T11:00 cslog accept "$L" --on 2026-10-13T11:00 > /dev/null 2>&1 || echo 'not ok - accept L'
B=$(logd 2026-10-14 office-hours $H --start 14:00 --end 17:30 --set place=和平里活动室)
D=$(logd 2026-10-15 lecture $H --start 09:00 --end 10:30 --set attendees=35 --set topic=民法典宣讲)
Z2=$(logd 2026-10-15 office-hours --lawyer zhao --start 14:00 --end 16:59 --set place=东风会议室)
E=$(logd 2026-10-16 mediation $H --start 10:00 --end 11:00 $T --target-name 王五 \
	--content 邻里纠纷调解 --set typical=true --set outcome=settled)
Z3=$(logd 2026-10-20 training --lawyer zhao --start 09:00 --end 11:00 --set attendees=12 --target-type mediators \
	--set audience=mediators --set topic=调解实务)
C2=$(logd 2026-10-20 lecture --lawyer chen --start 09:00 --end 10:00 --set attendees=20 --set topic=反诈)
C=$(logd 2026-10-21 office-hours $H --start 14:00 --end 17:00 --set place=和平里活动室)
Z4=$(logd 2026-10-22 office-hours --lawyer zhao --start 14:00 --end 17:30 --set place=东风会议室)
GF=$(logd 2026-10-22 gift $H --set item=锦旗 --set value=0 --set giver=居民)
Z5=$(logd 2026-10-23 lecture --lawyer zhao --start 14:00 --end 15:00 --set attendees=10)
F=$(logd 2026-10-28 office-hours $H --start 14:00 --end 17:30 --set place=和平里活动室)
O=$(at 2026-10-28T09:05 cslog add request $H --date 2026-10-28 --start 09:00)
at 2026-10-29T09:00 cslog void "$F" --reason 重复登记 > /dev/null 2>&1 || echo 'not ok - void F'
J=$(at 2026-10-30T10:05 cslog add request $H --date 2026-10-30 --start 10:00)
G=$(logd 2026-10-31 consultation $H --start 10:00 --end 10:20 $T --target-name 钱七 --content 周末咨询)
nov=$(logd 2026-11-01 consultation $H --start 10:00 --end 11:00 $T --target-name 后月 --content 十一月咨询)
before_accept=$(git rev-parse HEAD)
at 2026-11-03T09:00 cslog accept "$J" --on 2026-11-03T09:00 > /dev/null 2>&1 || echo 'not ok - accept J'
check 'the scripted month was logged' '[ -n "$A$N$B$C$D$E$F$G$K$L$O$J$Z5$C2" ] && [ -z "$(git status --porcelain)" ]'
# a copy at this point for filing (section 3)
cp -R "$scratch/s" "$scratch/f"

# --- 1. a lawyer's monthly report ------------------------------------------------
ok 'monthly --lawyer --format json' $R monthly --month 2026-10 --lawyer wang-li --format json
out > "$scratch/m.json"
is 'kind is monthly-report' "$scratch/m.json" kind monthly-report
is 'month' "$scratch/m.json" month 2026-10
is 'scope is lawyer' "$scratch/m.json" scope lawyer
is 'subject is the lawyer' "$scratch/m.json" subject wang-li
is 'source_commit is HEAD' "$scratch/m.json" source_commit "$(git rev-parse HEAD)"
is 'activities: void and other months excluded' "$scratch/m.json" totals.activities 7
is 'by_kind consultation' "$scratch/m.json" totals.by_kind.consultation 3
is 'by_kind office-hours (the void one excluded)' "$scratch/m.json" totals.by_kind.office-hours 2
is 'by_kind lecture' "$scratch/m.json" totals.by_kind.lecture 1
is 'by_kind mediation' "$scratch/m.json" totals.by_kind.mediation 1
check 'by_kind has only the kinds that occur' \
	'[ "$(flat < "$scratch/m.json" | grep -c "^totals\.by_kind\.")" -eq 4 ]'
is 'service_minutes is the sum of end - start' "$scratch/m.json" totals.service_minutes 650
is 'people_served: attendees, else 1 per entry with a target' "$scratch/m.json" totals.people_served 39
is 'requests received that month' "$scratch/m.json" requests.received 4
is 'requests accepted (late ones included)' "$scratch/m.json" requests.accepted 3
is 'accepted late: after the make-up Saturday and Monday' "$scratch/m.json" requests.accepted_late 1
is 'requests open' "$scratch/m.json" requests.open 1
typ=$(jlist "$scratch/m.json" 'typical_cases\.[0-9]+')
check 'typical_cases lists the typical entry' '[ "$typ" = "$(sorted $E)" ]'
items=$(jlist "$scratch/m.json" 'items\.[0-9]+\.id')
check 'items: every activity, request and gift of the month' \
	'[ "$items" = "$(sorted $A $N $B $D $E $C $G $K $L $O $J $GF)" ]'
check 'items: not the void entry' 'case " $items" in *" $F "*) false ;; *) true ;; esac'
check 'items: not 09-30 nor 11-01' 'case " $items" in *" $sep "*|*" $nov "*) false ;; *) true ;; esac'
check 'items: not another lawyer'"'"'s' 'case " $items" in *" $Z1 "*|*" $C1 "*) false ;; *) true ;; esac'
p=$(jfind "$scratch/m.json" 'items\.[0-9]+' id "$A")
is 'an item has its date' "$scratch/m.json" "$p.date" 2026-10-01
is 'an item has its kind' "$scratch/m.json" "$p.kind" consultation
is 'an item has its summary' "$scratch/m.json" "$p.summary" 劳动合同纠纷咨询

# the revision read: before J was accepted it is open
ok 'monthly --as-of the day before the acceptance' $R monthly --month 2026-10 --lawyer wang-li \
	--format json --as-of 2026-11-02
out > "$scratch/m1.json"
is '--as-of DATE: source_commit is that day'"'"'s last commit' "$scratch/m1.json" source_commit "$before_accept"
is '--as-of before: accepted' "$scratch/m1.json" requests.accepted 2
is '--as-of before: open' "$scratch/m1.json" requests.open 2
is '--as-of before: received' "$scratch/m1.json" requests.received 4
is '--as-of before: late' "$scratch/m1.json" requests.accepted_late 1
ok 'monthly --as-of REV' $R monthly --month 2026-10 --lawyer wang-li --format json --as-of "$before_accept"
out > "$scratch/m2.json"
is '--as-of REV: source_commit is that commit' "$scratch/m2.json" source_commit "$before_accept"
is '--as-of REV: J open' "$scratch/m2.json" requests.open 2
ok 'monthly --as-of after the acceptance' $R monthly --month 2026-10 --lawyer wang-li --format json --as-of 2026-11-03
out > "$scratch/m3.json"
is '--as-of after: accepted' "$scratch/m3.json" requests.accepted 3
is '--as-of after: open (O only)' "$scratch/m3.json" requests.open 1
is '--as-of after: source_commit' "$scratch/m3.json" source_commit "$(git rev-parse HEAD)"
ok 'monthly --format yaml' $R monthly --month 2026-10 --lawyer wang-li --format yaml
check 'yaml: the same figures' 'out | grep -qx "kind: monthly-report" && out | grep -qx "  activities: 7" &&
	out | grep -qx "  service_minutes: 650" && out | grep -qx "  people_served: 39" &&
	out | grep -qx "source_commit: $(git rev-parse HEAD)"'
ok 'monthly text' $R monthly --month 2026-10 --lawyer wang-li
check 'text: the figures and the commit' 'out | grep -q "^activities: *7$" && out | grep -q "^service minutes: *650$" &&
	out | grep -q "$(git rev-parse HEAD)"'

# --- 2. office and district reports ------------------------------------------------
# by hand: xincheng = wang-li in hepingli (6 activities, 590 min, 38 people, 4 requests)
#   + zhao (office-hours 360, 179, 210, training 120 (12 attendees, a target: 12), lecture 60 (10): 5, 929, 22);
# dongcheng = wang-li in nanyuan (1, 60, 1) + chen (consultation 30 (1), lecture 60 (20): 2, 90, 21).
ok 'monthly --office xincheng' $R monthly --month 2026-10 --office xincheng --format json
out > "$scratch/o1.json"
ok 'monthly --office dongcheng' $R monthly --month 2026-10 --office dongcheng --format json
out > "$scratch/o2.json"
ok 'monthly --district' $R monthly --month 2026-10 --district --format json
out > "$scratch/d.json"
is 'office: scope' "$scratch/o1.json" scope office
is 'office: subject' "$scratch/o1.json" subject xincheng
is 'office: source_commit' "$scratch/o1.json" source_commit "$(git rev-parse HEAD)"
is 'district: scope' "$scratch/d.json" scope district
is 'district: subject is the district'"'"'s name' "$scratch/d.json" subject 测试区
for f in o1 o2; do
	for k in activities service_minutes people_served; do
		check "$f: totals.$k is the sum of its lawyers' blocks" \
			'[ "$(jv "$scratch/$f.json" totals.$k)" = "$(jsum "$scratch/$f.json" "lawyers\.[0-9]+\.totals\.$k")" ]'
	done
	check "$f: requests.received is the sum of its lawyers' blocks" \
		'[ "$(jv "$scratch/$f.json" requests.received)" = "$(jsum "$scratch/$f.json" "lawyers\.[0-9]+\.requests\.received")" ]'
done
is 'xincheng: activities' "$scratch/o1.json" totals.activities 11
is 'xincheng: service_minutes' "$scratch/o1.json" totals.service_minutes 1519
is 'xincheng: people_served' "$scratch/o1.json" totals.people_served 60
is 'xincheng: requests received' "$scratch/o1.json" requests.received 4
is 'xincheng: by_kind office-hours' "$scratch/o1.json" totals.by_kind.office-hours 5
p=$(jfind "$scratch/o1.json" 'lawyers\.[0-9]+' lawyer wang-li)
is 'xincheng: wang-li'"'"'s block only within its communities' "$scratch/o1.json" "$p.totals.activities" 6
is 'xincheng: wang-li'"'"'s minutes there' "$scratch/o1.json" "$p.totals.service_minutes" 590
check 'xincheng: no chen block' '[ -z "$(jfind "$scratch/o1.json" "lawyers\.[0-9]+" lawyer chen)" ]'
is 'dongcheng: activities' "$scratch/o2.json" totals.activities 3
is 'dongcheng: service_minutes' "$scratch/o2.json" totals.service_minutes 150
is 'dongcheng: people_served' "$scratch/o2.json" totals.people_served 22
p=$(jfind "$scratch/o2.json" 'lawyers\.[0-9]+' lawyer wang-li)
is 'dongcheng: wang-li'"'"'s block is her nanyuan work' "$scratch/o2.json" "$p.totals.activities" 1
items=$(jlist "$scratch/o2.json" 'items\.[0-9]+\.id')
check 'dongcheng: items are its communities'"'"' entries' '[ "$items" = "$(sorted $N $C1 $C2)" ]'
for k in activities service_minutes people_served; do
	check "district: totals.$k is the sum of its offices" \
		'[ "$(jv "$scratch/d.json" totals.$k)" = "$(jsum "$scratch/d.json" "offices\.[0-9]+\.totals\.$k")" ]'
	check "district: totals.$k is the sum of its lawyers" \
		'[ "$(jv "$scratch/d.json" totals.$k)" = "$(jsum "$scratch/d.json" "lawyers\.[0-9]+\.totals\.$k")" ]'
	check "district: each office block equals that office's report ($k)" \
		'[ "$(jv "$scratch/d.json" "$(jfind "$scratch/d.json" "offices\.[0-9]+" office xincheng).totals.$k")" = "$(jv "$scratch/o1.json" totals.$k)" ] &&
		 [ "$(jv "$scratch/d.json" "$(jfind "$scratch/d.json" "offices\.[0-9]+" office dongcheng).totals.$k")" = "$(jv "$scratch/o2.json" totals.$k)" ]'
done
is 'district: activities' "$scratch/d.json" totals.activities 14
is 'district: service_minutes' "$scratch/d.json" totals.service_minutes 1669
is 'district: people_served' "$scratch/d.json" totals.people_served 82
p=$(jfind "$scratch/d.json" 'lawyers\.[0-9]+' lawyer wang-li)
is 'district: wang-li'"'"'s block is her lawyer report' "$scratch/d.json" "$p.totals.activities" 7
check 'district: a lawyer without a pairing that month has no block' \
	'[ -z "$(jfind "$scratch/d.json" "lawyers\.[0-9]+" lawyer old)" ]'

# --- 3. filing (--commit), Art 18 deadlines, sealing --------------------------------
cd "$scratch/f" || exit 1
c0=$(commits)
head0=$(git rev-parse HEAD)
rp=records/reports/2026-10/lawyer-wang-li.yaml
ok 'monthly --lawyer --commit on 11-02' at 2026-11-02T18:00 $R monthly --month 2026-10 --lawyer wang-li --commit
check '--commit prints the path' '[ "$(out)" = "$rp" ]'
check '--commit is one commit' '[ "$(commits)" -eq $((c0 + 1)) ]'
check 'the report is filed at records/reports/2026-10/lawyer-wang-li.yaml' 'git cat-file -e "HEAD:$rp" && [ -f "$rp" ]'
check 'git status clean after filing' '[ -z "$(git status --porcelain)" ]'
check 'trailer Cs-Command: csreport monthly' 'trailer "Cs-Command: csreport monthly"'
check 'trailer Cs-Record' 'trailer "Cs-Record: $rp"'
check 'the commit time is CS_NOW' \
	'[ "$(git log -1 --format=%cd --date=format:%Y-%m-%dT%H:%M)" = 2026-11-02T18:00 ]'
check 'the filed report is the monthly report' 'grep -qx "kind: monthly-report" "$rp" &&
	grep -qx "subject: wang-li" "$rp" && grep -qx "  activities: 7" "$rp" && grep -qx "  service_minutes: 650" "$rp"'
check 'the filed report names the commit it was computed from' 'grep -qx "source_commit: $head0" "$rp"'
check 'the filed report masks the resident' 'grep -q "张\*\*" "$rp" && ! grep -q 张三丰 "$rp" &&
	grep -q "139\*\*\*\*5678" "$rp" && ! grep -q 13912345678 "$rp"'
check 'no personal data in the commit message' '! git log -1 --format=%B | grep -q 张三丰'
before=$(snapshot .)
expect 'a second --commit is 73' 73 at 2026-11-02T19:00 $R monthly --month 2026-10 --lawyer wang-li --commit
check 'the second --commit says it is filed' 'err | grep -q "filed already"'
check 'the second --commit changed nothing' '[ "$(snapshot .)" = "$before" ]'
expect '--district --commit is 64' 64 $R monthly --month 2026-10 --district --commit
expect '--commit --as-of is 64' 64 $R monthly --month 2026-10 --lawyer zhao --commit --as-of 2026-11-01
expect '--reveal --commit is 64' 64 $R monthly --month 2026-10 --lawyer zhao --commit --reveal
check 'refused --commits changed nothing' '[ "$(snapshot .)" = "$before" ]'
ok 'zhao files on 11-03' at 2026-11-03T09:00 $R monthly --month 2026-10 --lawyer zhao --commit
ok 'xincheng files on 11-03' at 2026-11-03T10:00 $R monthly --month 2026-10 --office xincheng --commit
check 'an office report is filed as office-<slug>' 'git cat-file -e HEAD:records/reports/2026-10/office-xincheng.yaml'
check 'the office report holds the lawyers'"'"' blocks' \
	'grep -qx "lawyers:" records/reports/2026-10/office-xincheng.yaml && grep -qx "scope: office" records/reports/2026-10/office-xincheng.yaml'
c1=$(commits)
ok 'monthly --all --commit on 11-04' at 2026-11-04T09:00 $R monthly --month 2026-10 --all --commit
check '--all filed the two reports not yet filed, one commit each' '[ "$(commits)" -eq $((c1 + 2)) ]'
check '--all printed their paths, lawyers first' \
	'[ "$(out | tr "\n" " ")" = "records/reports/2026-10/lawyer-chen.yaml records/reports/2026-10/office-dongcheng.yaml " ]'
check '--all: the lawyer'"'"'s commit comes before the office'"'"'s' \
	'git log -2 --format=%B | grep "^Cs-Record:" | tr "\n" " " | grep -q "office-dongcheng.yaml Cs-Record: records/reports/2026-10/lawyer-chen.yaml"'
check '--all did not refile the filed ones' \
	'[ "$(git log --format=%H -- records/reports/2026-10/lawyer-wang-li.yaml | wc -l)" -eq 1 ]'
check '--all filed nothing for a lawyer without a pairing that month' '[ ! -e records/reports/2026-10/lawyer-old.yaml ]'
check '--all filed nothing for an office without a lawyer that month' '[ ! -e records/reports/2026-10/office-idle.yaml ]'
check 'the filed directory' '[ "$(ls records/reports/2026-10 | tr "\n" " ")" = "lawyer-chen.yaml lawyer-wang-li.yaml lawyer-zhao.yaml office-dongcheng.yaml office-xincheng.yaml " ]'
before=$(snapshot .)
ok 'a second --all --commit' at 2026-11-04T10:00 $R monthly --month 2026-10 --all --commit
check 'a second --all --commit files nothing new' '[ "$(snapshot .)" = "$before" ] && [ -z "$(out)" ]'
# Art 18: lawyers by the 2nd, offices by the 3rd (the commit that first added the report)
cscheck --rules art18.report --today 2026-11-10 --format json > "$scratch/a18.json" 2> /dev/null
a18=$(jlist "$scratch/a18.json" '[0-9]+\.path' | tr ' ' '\n' | grep 2026-10 | tr '\n' ' ')
check 'art18: a lawyer filing on 11-02 is in time' 'case "$a18" in *lawyer-wang-li*) false ;; *) true ;; esac'
check 'art18: a lawyer filing on 11-03 is late' 'case "$a18" in *lawyer-zhao*) true ;; *) false ;; esac'
check 'art18: a lawyer filing on 11-04 is late' 'case "$a18" in *lawyer-chen*) true ;; *) false ;; esac'
check 'art18: an office filing on 11-03 is in time' 'case "$a18" in *office-xincheng*) false ;; *) true ;; esac'
check 'art18: an office filing on 11-04 is late' 'case "$a18" in *office-dongcheng*) true ;; *) false ;; esac'
# sealing: the lawyer's October entries change only through cslog amend
before=$(snapshot .)
expect 'void of a sealed entry is 65' 65 at 2026-11-05T09:00 cslog void "$A" --reason 误登
check 'void says the month is sealed' 'err | grep -q sealed'
check 'a refused change of a sealed entry wrote nothing' '[ "$(snapshot .)" = "$before" ]'
ok 'accept of a sealed request still works (Art 10 may outlive the filing)' at 2026-11-05T09:00 cslog accept "$O" --on 2026-11-05T09:00
expect 'the audit lists the accept of a sealed entry as a warning' 0 cscheck --audit --since HEAD~1 --format json
check 'as audit.sealed-modified' 'out | grep -q "audit.sealed-modified"'
ok 'amend of a sealed entry works' at 2026-11-05T09:00 cslog amend "$A" --set result=已书面答复 --reason 补记
check 'the amendment is committed' 'git show HEAD:$(git log -1 --format=%B | sed -n "s/^Cs-Record: //p") | grep -qx "result: 已书面答复"'
ok 'void of the same lawyer'"'"'s entry of an unfiled month works' at 2026-11-05T09:00 cslog void "$nov" --reason 误登
cd "$scratch/s" || exit 1

# --- 4. masking -------------------------------------------------------------------
for fmt in text yaml json csv md html; do
	ok "monthly --format $fmt" $R monthly --month 2026-10 --lawyer wang-li --format $fmt
	out > "$scratch/mask.$fmt"
	check "$fmt: the name is masked (张**)" 'grep -q "张\*\*" "$scratch/mask.$fmt" && ! grep -q 张三丰 "$scratch/mask.$fmt"'
	check "$fmt: the phone is masked (139****5678)" \
		'grep -q "139\*\*\*\*5678" "$scratch/mask.$fmt" && ! grep -q 13912345678 "$scratch/mask.$fmt"'
	check "$fmt: every resident is masked" '! grep -q 李四 "$scratch/mask.$fmt" && ! grep -q 13700001111 "$scratch/mask.$fmt" &&
		grep -q "137\*\*\*\*1111" "$scratch/mask.$fmt"'
	ok "monthly --format $fmt --reveal" $R monthly --month 2026-10 --lawyer wang-li --format $fmt --reveal
	check "$fmt --reveal: the real name and phone" 'out | grep -q 张三丰 && out | grep -q 13912345678 && out | grep -q 李四'
done
for scope in '--office xincheng' --district --all; do
	ok "monthly $scope" $R monthly --month 2026-10 $scope
	check "monthly $scope masks residents" 'out | grep -q "张\*\*" && ! out | grep -q 张三丰 && ! out | grep -q 13912345678'
done
# --all writes each report as it is made: one list in JSON and YAML
ok 'monthly --all --format yaml' $R monthly --month 2026-10 --all --format yaml
out > "$scratch/all.yaml"
grep '^  subject: ' "$scratch/all.yaml" > "$scratch/all.yaml.subjects"
ok 'monthly --all --format json' $R monthly --month 2026-10 --all --format json
out | grep '^    "subject": ' | sed 's/^    "subject": "\(.*\)",$/  subject: \1/' > "$scratch/all.json.subjects"
n_all=$(wc -l < "$scratch/all.yaml.subjects")
check '--all --format yaml: a list of every report (lawyers, then offices)' \
	'[ "$n_all" -ge 3 ] && [ "$(grep -c "^- kind: monthly-report$" "$scratch/all.yaml")" -eq "$n_all" ] &&
	[ "$(grep -c "^[^ -]" "$scratch/all.yaml")" -eq 0 ]'
check '--all --format json: one array of the same reports in the same order' \
	'out | head -1 | grep -qx "\[" && out | tail -1 | grep -qx "\]" &&
	[ "$(out | grep -cx "  {")" -eq "$n_all" ] && [ "$(out | grep -cx "  },")" -eq $((n_all - 1)) ] &&
	cmp -s "$scratch/all.yaml.subjects" "$scratch/all.json.subjects"'
ok 'monthly --district --format csv --reveal' $R monthly --month 2026-10 --district --format csv --reveal
check 'district --reveal shows the names' 'out | grep -q 张三丰'

# --- 5. CSV -------------------------------------------------------------------------
# chen's November at beita: cells that need quoting or neutralising
CB='--lawyer chen --community beita --start 09:00 --end 09:30'
x1=$(logd 2026-11-03 consultation $CB --content '甲,乙两户的纠纷')
x2=$(logd 2026-11-03 consultation $CB --content '他说"不同意"')
x3=$(logd 2026-11-03 consultation $CB --content '=HYPERLINK("http://evil.example/x","点我")')
x4=$(logd 2026-11-04 consultation $CB --content '+1 追加')
x5=$(logd 2026-11-04 consultation $CB --content '-2 扣减')
x6=$(logd 2026-11-04 consultation $CB --content '@SUM(A1:A2)')
x7=$(logd 2026-11-05 consultation $CB --content "$(printf '\t制表开头')")
x8=$(logd 2026-11-05 consultation $CB --content "$(printf '\r回车开头')")
x9=$(logd 2026-11-05 consultation $CB $T --target-name "$(printf '李\n小四')" --content 普通)
crlf() { printf '%s\r\n' "$1"; }
ok 'monthly --format csv' $R monthly --month 2026-11 --lawyer chen --format csv
out > "$scratch/c.csv"
check 'csv: a header row' 'head -1 "$scratch/c.csv" | grep -q "^id,date,kind,"'
check 'csv: every line ends with CRLF' \
	'[ "$(grep -c "$(printf "\r")\$" "$scratch/c.csv")" -eq "$(wc -l < "$scratch/c.csv")" ] && [ "$(wc -l < "$scratch/c.csv")" -eq 10 ]'
q="'"
w1=$(crlf "$x1,2026-11-03,consultation,beita,,,\"甲,乙两户的纠纷\"")
w2=$(crlf "$x2,2026-11-03,consultation,beita,,,\"他说\"\"不同意\"\"\"")
w3=$(crlf "$x3,2026-11-03,consultation,beita,,,\"$q=HYPERLINK(\"\"http://evil.example/x\"\",\"\"点我\"\")\"")
w7=$(printf ',"%s\t制表开头"\r\n' "$q")
w8=$(printf ',"%s\r回车开头"\r\n' "$q")
check 'csv: a field with a comma is quoted' 'has "$scratch/c.csv" "$w1"'
check 'csv: quotes are doubled' 'has "$scratch/c.csv" "$w2"'
check 'csv: = is neutralised: a quote, an apostrophe, then the text' 'has "$scratch/c.csv" "$w3"'
check 'csv: + is neutralised' 'has "$scratch/c.csv" "$(crlf ",\"$q+1 追加\"")"'
check 'csv: - is neutralised' 'has "$scratch/c.csv" "$(crlf ",\"$q-2 扣减\"")"'
check 'csv: @ is neutralised' 'has "$scratch/c.csv" "$(crlf ",\"$q@SUM(A1:A2)\"")"'
check 'csv: a leading tab is neutralised' 'has "$scratch/c.csv" "$w7"'
check 'csv: a leading CR is neutralised' 'has "$scratch/c.csv" "$w8"'
check 'csv: no cell begins with a formula character unneutralised' \
	'! grep -q ",[=+@-]" "$scratch/c.csv" && ! grep -q ",\"[=+@-]" "$scratch/c.csv"'
check 'csv: no BOM by default' '[ "$(head -c 2 "$scratch/c.csv")" = id ]'
ok 'monthly --format csv --reveal' $R monthly --month 2026-11 --lawyer chen --format csv --reveal
out > "$scratch/c2.csv"
w9=$(printf '%s,2026-11-05,consultation,beita,"李\n小四",,普通\r\n' "$x9")
check 'csv: a field with a newline is quoted' 'has "$scratch/c2.csv" "$w9"'
ok 'monthly --format csv --bom' $R monthly --month 2026-11 --lawyer chen --format csv --bom
check '--bom: the UTF-8 BOM first' '[ "$(out | head -c 3 | od -An -tx1 | tr -d " \n")" = efbbbf ]'
check '--bom: then the same csv' '[ "$(out | tail -c +4 | sha1sum)" = "$(sha1sum < "$scratch/c.csv")" ]'
for v in "period --quarter 2026-Q4 --district" "assess --year 2026" "stipend --month 2026-10"; do
	ok "$v --format csv" $R $v --format csv
	check "$v csv: CRLF and no BOM" 'out | head -1 | grep -q "$(printf "\r")\$" && [ "$(out | head -c 3 | od -An -tx1 | tr -d " \n")" != efbbbf ]'
done

# --- 8. stipend (Art 5(5)) ----------------------------------------------------------
# October by hand: office-hours count floor(minutes / 180) half days; void excluded.
#   wang-li: B 210 -> 1, C 180 -> 1 (F void), lecture D -> 2 half days, 1 lecture
#   zhao: 360 -> 2, 179 -> 0, 210 -> 1; training 1; lecture 1 -> 3, 1, 1
#   chen: lecture 1
ok 'stipend --month 2026-10' $R stipend --month 2026-10 --format json
out > "$scratch/st.json"
is 'stipend: kind' "$scratch/st.json" kind stipend-claims
is 'stipend: month' "$scratch/st.json" month 2026-10
is 'stipend: source_commit' "$scratch/st.json" source_commit "$(git rev-parse HEAD)"
is 'default rate per half day 200' "$scratch/st.json" rates.half_day 200.00
is 'default rate per lecture 300' "$scratch/st.json" rates.lecture 300.00
is 'default rate per training 300' "$scratch/st.json" rates.training 300.00
fd=$(jfind "$scratch/st.json" 'firms\.[0-9]+' firm dacheng)
fj=$(jfind "$scratch/st.json" 'firms\.[0-9]+' firm junhe)
pw=$(jfind "$scratch/st.json" "$fd\\.lawyers\\.[0-9]+" lawyer wang-li)
pz=$(jfind "$scratch/st.json" "$fd\\.lawyers\\.[0-9]+" lawyer zhao)
pc=$(jfind "$scratch/st.json" "$fj\\.lawyers\\.[0-9]+" lawyer chen)
check 'stipend: per firm, its lawyers' '[ -n "$fd" ] && [ -n "$fj" ] && [ -n "$pw" ] && [ -n "$pz" ] && [ -n "$pc" ] &&
	[ -z "$(jfind "$scratch/st.json" "$fd\\.lawyers\\.[0-9]+" lawyer chen)" ]'
is 'wang-li: half days (210 and 180 minutes; the void one not)' "$scratch/st.json" "$pw.half_days" 2
is 'wang-li: lectures' "$scratch/st.json" "$pw.lectures" 1
is 'wang-li: trainings' "$scratch/st.json" "$pw.trainings" 0
is 'wang-li: amount 2x200 + 300' "$scratch/st.json" "$pw.amount" 700.00
is 'zhao: half days (360 -> 2, 179 -> 0, 210 -> 1)' "$scratch/st.json" "$pz.half_days" 3
is 'zhao: trainings' "$scratch/st.json" "$pz.trainings" 1
is 'zhao: amount 3x200 + 300 + 300' "$scratch/st.json" "$pz.amount" 1200.00
is 'chen: amount one lecture' "$scratch/st.json" "$pc.amount" 300.00
is 'dacheng: amount' "$scratch/st.json" "$fd.amount" 1900.00
is 'junhe: amount' "$scratch/st.json" "$fj.amount" 300.00
is 'stipend: total' "$scratch/st.json" total 2200.00
ids=$(jlist "$scratch/st.json" "$pw\\.entries\\.[0-9]+\\.id")
check 'wang-li: the entries counted are listed' '[ "$ids" = "$(sorted $B $C $D)" ]'
ids=$(jlist "$scratch/st.json" "$pz\\.entries\\.[0-9]+\\.id")
check 'zhao: the entries counted are listed (not the 179-minute one)' '[ "$ids" = "$(sorted $Z1 $Z3 $Z4 $Z5)" ]'
p=$(jfind "$scratch/st.json" "$pz\\.entries\\.[0-9]+" id "$Z1")
is 'an entry lists its units' "$scratch/st.json" "$p.units" 2
ok 'stipend text' $R stipend --month 2026-10
check 'stipend text lists the entries counted' 'out | grep -q "$Z1" && ! out | grep -q "$Z2" && ! out | grep -q "$F"'
cp cs.yaml "$scratch/cs.yaml.orig"
printf 'stipend:\n  half_day: 250\n  lecture: 400\n  training: 350\n' >> cs.yaml
CS_NOW=2026-11-05T23:59:00 GIT_AUTHOR_DATE=2026-11-05T23:59:00 GIT_COMMITTER_DATE=2026-11-05T23:59:00 \
	git commit -q -m 'Stipend rates' cs.yaml > /dev/null 2>&1 || echo 'not ok - committing cs.yaml'
ok 'stipend with rates from cs.yaml' $R stipend --month 2026-10 --format json
out > "$scratch/st2.json"
is 'cs.yaml rate per half day' "$scratch/st2.json" rates.half_day 250.00
is 'cs.yaml rate per training' "$scratch/st2.json" rates.training 350.00
is 'wang-li: 2x250 + 400' "$scratch/st2.json" "$pw.amount" 900.00
is 'zhao: 3x250 + 400 + 350' "$scratch/st2.json" "$pz.amount" 1500.00
is 'total at cs.yaml rates' "$scratch/st2.json" total 2800.00
ok 'stipend --as-of before the rates' $R stipend --month 2026-10 --format json --as-of 2026-11-04
out > "$scratch/st3.json"
is 'the rates are read from the revision' "$scratch/st3.json" total 2200.00
expect 'stipend without --month is 64' 64 $R stipend
expect 'stipend --month 2026-13 is 64' 64 $R stipend --month 2026-13
expect 'stipend --lawyer is 64' 64 $R stipend --month 2026-10 --lawyer wang-li

# --- 9. the service contact card (Art 7(1)) ---------------------------------------
ok 'card hepingli' $R card hepingli --format json
out > "$scratch/card.json"
is 'card: kind' "$scratch/card.json" kind contact-card
is 'card: the lawyer'"'"'s name' "$scratch/card.json" name 王丽
is 'card: photo' "$scratch/card.json" photo photos/wang-li.jpg
is 'card: phone' "$scratch/card.json" phone 13800000001
is 'card: e-mail' "$scratch/card.json" email wangli@dacheng.example
is 'card: office hours' "$scratch/card.json" schedule 'Wed 14:00-17:30'
is 'card: place' "$scratch/card.json" place 和平里活动室
is 'card: the community' "$scratch/card.json" community_name 和平里社区
is 'card: the judicial office' "$scratch/card.json" office_name 新城司法所
is 'card: the firm' "$scratch/card.json" firm_name 大成律师事务所
check 'card: duties (Art 6)' '[ "$(flat < "$scratch/card.json" | grep -c "^duties\.[0-9]*=")" -ge 4 ] &&
	flat < "$scratch/card.json" | grep -q "^duties\.[0-9]*=.*法律咨询"'
ok 'card nanyuan' $R card nanyuan --format json
check 'card: the lawyer of that community and its schedule' \
	'[ "$(jv "$scratch/.out" name)" = 王丽 ] && [ "$(jv "$scratch/.out" schedule)" = "Fri 09:00-12:30" ]'
ok 'card text' $R card hepingli
check 'card text shows name, phone, e-mail, hours, place' 'out | grep -q 王丽 && out | grep -q 13800000001 &&
	out | grep -q wangli@dacheng.example && out | grep -q "Wed 14:00-17:30" && out | grep -q 和平里活动室 && out | grep -q 法律咨询'
ok 'card html' $R card hepingli --format html
check 'card html is a document' 'out | grep -q "<html" && out | grep -q 王丽'
expect 'card of an unknown community is 66' 66 $R card nowhere
expect 'card of a community without a lawyer now is 66' 66 $R card quiet
expect 'card without a community is 64' 64 $R card
expect 'card with two communities is 64' 64 $R card hepingli nanyuan

# --- 6. period reports (Art 20) -------------------------------------------------------
# the trend's months add up to the period; wang-li's Q4 by hand: October + the 11-01 consultation
for v in '--quarter 2026-Q4' '--half 2026-H2' '--year 2026'; do
	for s in '--lawyer wang-li' '--office dongcheng' '--district'; do
		ok "period $v $s" at 2026-11-05T10:00 $R period $v $s --format json
		out > "$scratch/p.json"
		for k in activities service_minutes people_served; do
			check "period $v $s: totals.$k is the sum of the months" \
				'[ "$(jv "$scratch/p.json" totals.$k)" = "$(jsum "$scratch/p.json" "trend\.[0-9]+\.totals\.$k")" ]'
		done
		check "period $v $s: requests.received is the sum of the months" \
			'[ "$(jv "$scratch/p.json" requests.received)" = "$(jsum "$scratch/p.json" "trend\.[0-9]+\.requests\.received")" ]'
		is "period $v $s: kind" "$scratch/p.json" kind period-report
		is "period $v $s: source_commit" "$scratch/p.json" source_commit "$(git rev-parse HEAD)"
	done
done
ok 'period --quarter --lawyer' at 2026-11-05T10:00 $R period --quarter 2026-Q4 --lawyer wang-li --format json
out > "$scratch/q.json"
is 'quarter: period' "$scratch/q.json" period 2026-Q4
is 'quarter: activities by hand' "$scratch/q.json" totals.activities 8
is 'quarter: minutes by hand' "$scratch/q.json" totals.service_minutes 710
check 'quarter: the trend is its three months' \
	'[ "$(jlist "$scratch/q.json" "trend\.[0-9]+\.month")" = "2026-10 2026-11 2026-12 " ]'
p=$(jfind "$scratch/q.json" 'trend\.[0-9]+' month 2026-10)
is 'quarter: October in the trend is the monthly report' "$scratch/q.json" "$p.totals.activities" 7
rules() { # file: findings as rule|period|community, one a line
	flat < "$1" | awk '/^findings\.[0-9]+\./ {
		split($0, a, "."); i = a[2]; k = a[3]; sub(/=.*/, "", k); v = $0; sub(/^[^=]*=/, "", v); f[i, k] = v
		if (i + 1 > n) n = i + 1
	} END { for (i = 0; i < n; i++) print f[i, "rule"] "|" f[i, "period"] "|" f[i, "community"] }'
}
rules "$scratch/q.json" > "$scratch/q.rules"
check 'quarter: findings: the week without office hours (10-28 was void)' \
	'grep -qx "art9.office-hours|2026-W44|hepingli" "$scratch/q.rules"'
check 'quarter: findings: not a week with office hours' '! grep -q "^art9.office-hours|2026-W42|hepingli" "$scratch/q.rules"'
check 'quarter: findings: the late request' 'grep -qx "art10.accept|2026-10|hepingli" "$scratch/q.rules"'
check 'quarter: findings are the lawyer'"'"'s only' '! grep -q "|dongfeng$" "$scratch/q.rules" && ! grep -q "|beita$" "$scratch/q.rules"'
ok 'period while the week is still on' at 2026-10-30T10:00 $R period --quarter 2026-Q4 --lawyer wang-li --format json
out > "$scratch/q2.json"
rules "$scratch/q2.json" > "$scratch/q2.rules"
check 'quarter: a week not yet over has no finding' \
	'! grep -q "^art9.office-hours|2026-W44|hepingli" "$scratch/q2.rules" && grep -q "^art9.office-hours|2026-W41|hepingli" "$scratch/q2.rules"'
ok 'period --as-of' at 2026-11-05T10:00 $R period --quarter 2026-Q4 --lawyer wang-li --format json --as-of "$before_accept"
is 'period --as-of names that commit' "$scratch/.out" source_commit "$before_accept"
ok 'period --half --office' at 2026-11-05T10:00 $R period --half 2026-H2 --office xincheng --format json
out > "$scratch/h.json"
check 'half: six months' '[ "$(jlist "$scratch/h.json" "trend\.[0-9]+\.month")" = "2026-07 2026-08 2026-09 2026-10 2026-11 2026-12 " ]'
rules "$scratch/h.json" > "$scratch/h.rules"
check 'half --office: findings within its communities only' \
	'grep -q "|hepingli$" "$scratch/h.rules" && ! grep -q "|nanyuan$" "$scratch/h.rules" && ! grep -q "|beita$" "$scratch/h.rules"'
ok 'period --year --district' at 2026-11-05T10:00 $R period --year 2026 --district --format json
check 'year: twelve months' '[ "$(flat < "$scratch/.out" | grep -c "^trend\.[0-9]*\.month=")" -eq 12 ]'
ok 'period --format csv' at 2026-11-05T10:00 $R period --quarter 2026-Q4 --lawyer wang-li --format csv
check 'period csv is the trend by month' 'out | grep -qx "$(printf "2026-10,7,650,39,4\r")" && [ "$(out | wc -l)" -eq 4 ]'
for fmt in text md html yaml; do
	ok "period --format $fmt" at 2026-11-05T10:00 $R period --quarter 2026-Q4 --lawyer wang-li --format $fmt
	check "period $fmt shows the week's finding" 'out | grep -q 2026-W44'
done
expect 'period --quarter 2026-Q5 is 64' 64 $R period --quarter 2026-Q5 --lawyer wang-li
expect 'period --quarter 2026-H1 is 64' 64 $R period --quarter 2026-H1 --lawyer wang-li
expect 'period --half 2026-H3 is 64' 64 $R period --half 2026-H3 --district
expect 'period --half 2026-Q1 is 64' 64 $R period --half 2026-Q1 --district
expect 'period --year 26 is 64' 64 $R period --year 26 --district
expect 'period --year 2026-10 is 64' 64 $R period --year 2026-10 --district
expect 'period without a period is 64' 64 $R period --district
expect 'period with two periods is 64' 64 $R period --quarter 2026-Q4 --year 2026 --district
expect 'period without a scope is 64' 64 $R period --quarter 2026-Q4
expect 'period with two scopes is 64' 64 $R period --quarter 2026-Q4 --district --lawyer wang-li
expect 'period --all is 64' 64 $R period --quarter 2026-Q4 --all
expect 'period --commit is 64' 64 $R period --quarter 2026-Q4 --district --commit
expect 'period of an unknown lawyer is 66' 66 $R period --quarter 2026-Q4 --lawyer nobody
expect 'period of an unknown office is 66' 66 $R period --quarter 2026-Q4 --office nowhere

# --- 7. the assessment (Art 21) --------------------------------------------------------
# sun: paired for the year's last week, office hours kept, signed, December filed in time
{
	export CS_NOW=2026-12-20T09:00
	csassign lawyer add sun --name 孙敏 --firm junhe
	csassign community add xiyuan --name 西苑社区 --office xincheng --head 周主任 --workroom 西苑活动室
	csassign pair --lawyer sun --community xiyuan --from 2026-12-28 \
		--schedule 'Mon 14:00-17:30' --place 西苑活动室 --agreement A5
	export CS_NOW=2026-10-12T10:00
} > /dev/null 2>&1 || echo 'not ok - setting up sun failed'
gift=$(logd 2026-11-06 gift $H --set item=购物卡 --set value=500 --set giver=居民)
S2=$(logd 2026-11-10 spot-check --lawyer zhao --community dongfeng --set office=xincheng \
	--set inspector=检查组 --result fail --content 未按时坐班)
sunoh=$(logd 2026-12-28 office-hours --lawyer sun --start 14:00 --end 17:30 --set place=西苑活动室)
at 2026-12-28T23:30 cslog sign "$sunoh" --by 周主任 > /dev/null 2>&1 || echo 'not ok - signing sun'"'"'s entry'
at 2027-01-02T10:00 $R monthly --month 2026-12 --lawyer sun --commit > /dev/null 2>&1 || echo 'not ok - filing sun'"'"'s December'
NOW=2027-01-05T10:00
ok 'assess --year 2026' at $NOW $R assess --year 2026 --format json
out > "$scratch/as.json"
is 'assess: kind' "$scratch/as.json" kind assessment-report
is 'assess: year' "$scratch/as.json" year 2026
is 'assess: source_commit' "$scratch/as.json" source_commit "$(git rev-parse HEAD)"
ranked=$(jlist "$scratch/as.json" 'lawyers\.[0-9]+\.lawyer')
check 'every lawyer paired in 2026 is ranked, and no other' '[ "$ranked" = "$(sorted chen sun wang-li zhao)" ]'
check 'ranks are 1..n in order of score' '[ "$(jlist "$scratch/as.json" "lawyers\.[0-9]+\.rank")" = "1 2 3 4 " ] &&
	flat < "$scratch/as.json" | awk -F= "/^lawyers\.[0-9]+\.score=/ { if (n++ && \$2 + 0 > last + 0) bad = 1; last = \$2 } END { exit bad || n != 4 }"'
check 'scores are between 0 and 100' 'flat < "$scratch/as.json" | awk -F= "/^lawyers\.[0-9]+\.score=/ { n++; if (\$2 + 0 < 0 || \$2 + 0 > 100) bad = 1 } END { exit bad || n != 4 }"'
pw=$(jfind "$scratch/as.json" 'lawyers\.[0-9]+' lawyer wang-li)
pz=$(jfind "$scratch/as.json" 'lawyers\.[0-9]+' lawyer zhao)
ps=$(jfind "$scratch/as.json" 'lawyers\.[0-9]+' lawyer sun)
is 'the lawyer with nothing wrong scores 100' "$scratch/as.json" "$ps.score" 100
is 'sun ranks first' "$scratch/as.json" "$ps.rank" 1
g=$(jfind "$scratch/as.json" "$pw\\.deductions\\.[0-9]+" record "$gift")
check 'a gift of 购物卡 deducts, citing its record' '[ -n "$g" ] && [ "$(jv "$scratch/as.json" "$g.rule")" = art16.gift ]'
check 'the deduction cites the record'"'"'s path' 'case "$(jv "$scratch/as.json" "$g.path")" in records/log/hepingli/2026/11/$gift.yaml) true ;; *) false ;; esac'
check 'the banner (锦旗) is no deduction' '[ -z "$(jfind "$scratch/as.json" "$pw\\.deductions\\.[0-9]+" record "$GF")" ]'
p=$(jfind "$scratch/as.json" "$pw\\.items\\.[0-9]+" item requests)
check 'the late request deducts under requests, citing its record' \
	'[ -n "$(jfind "$scratch/as.json" "$p\\.deductions\\.[0-9]+" record "$K")" ]'
p=$(jfind "$scratch/as.json" "$pw\\.items\\.[0-9]+" item office_hours)
check 'a week without office hours deducts, citing the pairing'"'"'s path' \
	'flat < "$scratch/as.json" | grep -q "^$p\.deductions\.[0-9]*\.path=records/assignments/"'
check 'wang-li scores less than 100' 'awk "BEGIN { exit !($(jv "$scratch/as.json" "$pw.score") < 100) }"'
is 'two failed spot checks: zhao is to be replaced' "$scratch/as.json" "$pz.replace" true
check 'replacement candidates: zhao only' '[ "$(jlist "$scratch/as.json" "replacement_candidates\.[0-9]+")" = "zhao " ]'
p=$(jfind "$scratch/as.json" "$pz\\.items\\.[0-9]+" item spot_checks)
check 'the failed spot checks are cited' '[ "$(jlist "$scratch/as.json" "$p\.deductions\.[0-9]+\.record")" = "$(sorted $S1 $S2)" ]'
check 'commendation candidates include sun' \
	'case " $(jlist "$scratch/as.json" "commendation_candidates\.[0-9]+")" in *" sun "*) true ;; *) false ;; esac'
check 'every commendation candidate scores 90 or more and is not to be replaced' '
	for l in $(jlist "$scratch/as.json" "commendation_candidates\.[0-9]+"); do
		p=$(jfind "$scratch/as.json" "lawyers\.[0-9]+" lawyer $l)
		awk "BEGIN { exit !($(jv "$scratch/as.json" "$p.score") >= 90) }" || exit 1
		[ "$(jv "$scratch/as.json" "$p.replace")" = false ] || exit 1
	done'
check 'every lawyer scoring 90 or more (not to be replaced) is a candidate' '
	for p in $(flat < "$scratch/as.json" | sed -n "s/^\(lawyers\.[0-9]*\)\.lawyer=.*/\1/p"); do
		if awk "BEGIN { exit !($(jv "$scratch/as.json" "$p.score") >= 90) }" && [ "$(jv "$scratch/as.json" "$p.replace")" = false ]; then
			[ "$(jv "$scratch/as.json" "$p.commend")" = true ] || exit 1
		fi
	done'
ok 'assess text' at $NOW $R assess --year 2026
check 'assess text ranks the lawyers and cites the gift' 'out | grep -q "^ *1  sun " && out | grep -q "^wang-li .*art16.gift .*$gift"'
c0=$(commits)
ok 'assess --commit' at $NOW $R assess --year 2026 --commit
check 'assess --commit is one commit' '[ "$(commits)" -eq $((c0 + 1)) ]'
check 'one assessment file per lawyer' \
	'[ "$(git ls-tree --name-only HEAD records/assessments/2026/ | tr "\n" " ")" = "records/assessments/2026/chen.yaml records/assessments/2026/sun.yaml records/assessments/2026/wang-li.yaml records/assessments/2026/zhao.yaml " ]'
check 'assess --commit: Cs-Command trailer and commit time' \
	'trailer "Cs-Command: csreport assess" && [ "$(git log -1 --format=%cd --date=format:%Y-%m-%dT%H:%M)" = 2027-01-05T10:00 ]'
check 'the filed assessment holds the score' \
	'grep -q "^score: $(jv "$scratch/as.json" "$pw.score")$" records/assessments/2026/wang-li.yaml && grep -qx "lawyer: wang-li" records/assessments/2026/wang-li.yaml'
check 'git status clean after assess --commit' '[ -z "$(git status --porcelain)" ]'
before=$(snapshot .)
expect 'a second assess --commit is 73' 73 at $NOW $R assess --year 2026 --commit
check 'the second assess --commit changed nothing' '[ "$(snapshot .)" = "$before" ]'
expect 'assess without --year is 64' 64 $R assess
expect 'assess --year 26 is 64' 64 $R assess --year 26
expect 'assess --year 2026-Q1 is 64' 64 $R assess --year 2026-Q1
expect 'assess --lawyer is 64' 64 $R assess --year 2026 --lawyer wang-li
expect 'assess --reveal is 64' 64 $R assess --year 2026 --reveal

# --- 10. options and errors ------------------------------------------------------------
ok '--help' $R --help
check '--help prints the usage of every command' 'for v in monthly period assess stipend card; do out | grep -q "csreport.* $v" || exit 1; done'
ok '-h' $R -h
ok '--version' $R --version
check '--version names the command' 'out | grep -q "^csreport "'
expect 'no command is 64' 64 $R
expect 'unknown command is 64' 64 $R frob
check 'the usage error is on stderr, prefixed, stdout empty' 'err | grep -q "^csreport: " && [ ! -s "$scratch/.out" ]'
expect 'unknown option is 64' 64 $R monthly --month 2026-10 --lawyer wang-li --frobnicate
expect 'monthly without --month is 64' 64 $R monthly --lawyer wang-li
expect 'monthly --month 2026-13 is 64' 64 $R monthly --month 2026-13 --lawyer wang-li
expect 'monthly --month 2026-1 is 64' 64 $R monthly --month 2026-1 --lawyer wang-li
expect 'monthly --month 202610 is 64' 64 $R monthly --month 202610 --lawyer wang-li
expect 'monthly --month without a value is 64' 64 $R monthly --lawyer wang-li --month
expect 'monthly without a scope is 64' 64 $R monthly --month 2026-10
expect 'monthly with --lawyer and --office is 64' 64 $R monthly --month 2026-10 --lawyer wang-li --office xincheng
expect 'monthly with --district and --all is 64' 64 $R monthly --month 2026-10 --district --all
expect 'monthly with --quarter is 64' 64 $R monthly --month 2026-10 --district --quarter 2026-Q4
expect 'monthly with an extra operand is 64' 64 $R monthly extra --month 2026-10 --district
expect 'monthly --format xml is 64' 64 $R monthly --month 2026-10 --district --format xml
expect 'card --month is 64' 64 $R card hepingli --month 2026-10
expect 'monthly of an unknown lawyer is 66' 66 $R monthly --month 2026-10 --lawyer nobody
check 'the error names the lawyer' 'err | grep -q nobody'
expect 'monthly of an unknown office is 66' 66 $R monthly --month 2026-10 --office nowhere
expect 'monthly --as-of an unknown revision is 66' 66 $R monthly --month 2026-10 --district --as-of nosuchrev
expect 'monthly --as-of a day before the store is 66' 66 $R monthly --month 2026-10 --district --as-of 2020-01-01
ok 'monthly of a month without entries' $R monthly --month 2026-03 --lawyer wang-li --format json
is 'an empty month has no activity' "$scratch/.out" totals.activities 0
ok 'monthly --all prints every lawyer'"'"'s and office'"'"'s report' $R monthly --month 2026-10 --all --format json
check '--all: a JSON list of the reports' \
	'[ "$(jlist "$scratch/.out" "[0-9]+\.subject" )" = "$(sorted chen dongcheng wang-li xincheng zhao)" ]'
ok 'monthly -C DIR from elsewhere' sh -c 'cd / && csreport -C "$1" monthly --month 2026-10 --lawyer wang-li --format json' sh "$scratch/s"
is '-C: the same figures' "$scratch/.out" totals.service_minutes 650
ok 'monthly with $CS_STORE' env CS_STORE="$scratch/s" sh -c 'cd / && csreport monthly --month 2026-10 --lawyer wang-li'
cd "$scratch" || exit 1
mkdir plain
expect 'outside a store is 66' 66 sh -c 'cd plain && csreport monthly --month 2026-10 --district'
expect '-C a directory that is no store is 66' 66 $R -C "$scratch/plain" monthly --month 2026-10 --district
expect '-C a missing directory is 66' 66 $R -C "$scratch/nowhere" card hepingli

# a bare store: everything is read from HEAD's objects, --commit files into HEAD
csinit b.git --bare --district 中心区 > /dev/null 2>&1 || echo 'not ok - csinit --bare'
{
	export CS_STORE="$scratch/b.git" CS_NOW=2026-09-01T09:00
	csassign office add xincheng --name 新城司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng --phone 13800000001
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
	csassign pair --lawyer wang-li --community hepingli --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
	unset CS_STORE
	export CS_NOW=2026-10-12T10:00
} > /dev/null 2>&1 || echo 'not ok - setting up the bare store failed'
b1=$(CS_STORE="$scratch/b.git" logd 2026-10-14 office-hours $H --start 14:00 --end 17:30)
b2=$(CS_STORE="$scratch/b.git" logd 2026-10-15 lecture $H --start 09:00 --end 10:00 --set attendees=30)
b3=$(CS_STORE="$scratch/b.git" logd 2026-10-16 consultation $H --start 09:00 --end 09:45 $T \
	--target-name 张三丰 --target-contact 13912345678)
ok 'bare: monthly -C' $R -C b.git monthly --month 2026-10 --lawyer wang-li --format json
out > "$scratch/b.json"
is 'bare: activities' "$scratch/b.json" totals.activities 3
is 'bare: service_minutes' "$scratch/b.json" totals.service_minutes 315
is 'bare: people_served' "$scratch/b.json" totals.people_served 31
is 'bare: source_commit' "$scratch/b.json" source_commit "$(git -C b.git rev-parse HEAD)"
ok 'bare: district' $R -C b.git monthly --month 2026-10 --district --format json
is 'bare: the district'"'"'s name from cs.yaml in HEAD' "$scratch/.out" subject 中心区
ok 'bare: card' $R -C b.git card hepingli
ok 'bare: stipend' $R -C b.git stipend --month 2026-10 --format json
is 'bare: stipend total' "$scratch/.out" total 500.00
# the cache of parsed folders (lib/cache.c): in the git directory, the same
# figures as the objects give, one folder read again after one new entry,
# damaged files read around, never used for what is filed
C=b.git/cs-cache
nc() { ls "$C" 2>/dev/null | wc -l; }
Q='period --quarter 2026-Q4 --district --format json'
rm -rf "$C"
CS_CACHE=0 $R -C b.git $Q > "$scratch/q0.json" 2>&1
check 'CS_CACHE=0 writes no cache' '[ "$(nc)" -eq 0 ]'
$R -C b.git $Q > "$scratch/q1.json" 2>&1
n1=$(nc)
check 'a period report fills the cache, a file a month folder of the log' '[ "$n1" -ge 1 ]'
check 'the cache is the owner'"'"'s only (personal data)' \
	'[ "$(stat -c %a "$C")" = 700 ] && ! find "$C" -type f ! -perm 600 | grep -q .'
$R -C b.git $Q > "$scratch/q2.json" 2>&1
check 'the report from the cache is the report from the objects' \
	'cmp -s "$scratch/q0.json" "$scratch/q1.json" && cmp -s "$scratch/q1.json" "$scratch/q2.json"'
check 'the report from the cache adds no file' '[ "$(nc)" -eq "$n1" ]'
md5sum "$C"/* | sort > "$scratch/c1"
b4=$(CS_STORE="$scratch/b.git" logd 2026-10-20 consultation $H --start 09:00 --end 09:30 $T \
	--target-name 李四 --content 新咨询)
$R -C b.git $Q > "$scratch/q3.json" 2>&1
CS_CACHE=0 $R -C b.git $Q > "$scratch/q4.json" 2>&1
check 'after one new entry one folder is read again: its two files (records, figures) rewritten, no file more, none other changed' \
	'[ "$(nc)" -eq "$n1" ] && [ "$(md5sum "$C"/* | sort | comm -13 "$scratch/c1" - | wc -l)" -eq 2 ]'
check 'and the report counts the new entry' \
	'cmp -s "$scratch/q3.json" "$scratch/q4.json" && ! cmp -s "$scratch/q2.json" "$scratch/q3.json"'
for f in "$C"/*; do printf 'damage' >> "$f"; done
$R -C b.git $Q > "$scratch/q5.json" 2>&1
check 'damaged cache files are read around' 'cmp -s "$scratch/q4.json" "$scratch/q5.json"'
rm -rf "$C"
ok 'bare: monthly --commit' at 2026-11-02T09:00 $R -C b.git monthly --month 2026-10 --lawyer wang-li --commit
check 'bare: the report is in HEAD, no working tree written' \
	'git -C b.git cat-file -e HEAD:records/reports/2026-10/lawyer-wang-li.yaml && [ ! -e b.git/records ] && [ ! -e records ]'
check 'bare: the filed report masks the resident' \
	'git -C b.git show HEAD:records/reports/2026-10/lawyer-wang-li.yaml | grep -q "张\*\*" &&
	 ! git -C b.git show HEAD:records/reports/2026-10/lawyer-wang-li.yaml | grep -q 张三丰'
check 'bare: --commit reads the objects, not the cache' '[ "$(nc)" -eq 0 ]'
expect 'bare: a second --commit is 73' 73 at 2026-11-02T10:00 $R -C b.git monthly --month 2026-10 --lawyer wang-li --commit
check 'bare: fsck clean' 'git -C b.git fsck --strict > /dev/null 2>&1'
check 'the worktree store fscks clean' 'git -C s fsck --strict > /dev/null 2>&1'
check 'every commit of the store carries a Cs-Command trailer but the hand edit of cs.yaml' \
	'[ "$(git -C s log --format=%B | grep -c "^Cs-Command: ")" -eq $(($(git -C s rev-list --count HEAD) - 1)) ]'
