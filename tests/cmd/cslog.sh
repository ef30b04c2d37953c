#!/bin/sh
# cslog: the work log (DESIGN 3, 4, 5; Art 10, 11).
. "$CS_TOP/tests/cmd/lib.sh"

json_ok() { # file: parses as JSON
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json,sys; json.load(sys.stdin)' < "$1"
	else
		grep -q '^[[{]' "$1" && grep -q '[]}]$' "$1"
	fi
}
json_ids() { # file: the ids of a JSON array of records, one a line, sorted
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json,sys
for r in json.load(sys.stdin): print(r["id"])' < "$1" | sort
	else
		sed -n 's/^    "id": "\(.*\)",$/\1/p' "$1" | sort
	fi
}
trailer() { git log -1 --format=%B | grep -qxF -- "$1"; }
commits() { git rev-list --count HEAD; }
path_of() { find records/log -name "$1.yaml"; }
# Event ids: date + 6 characters of Crockford's base32 in lower case (lib/record.c,
# commit 848c803; DESIGN's example 20261016-k3j9qa). RECORDS.md says [a-z2-7],
# which DESIGN's own example does not match.
idre='^[0-9]{8}-[0-9a-hjkmnp-tv-z]{6}$'

csinit s --district 测试区 2>/dev/null || echo 'not ok - csinit failed'
cd s || exit 1
{
	csassign office add xincheng --name 新城司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng
	csassign lawyer add zhao --name 赵强 --firm dacheng
	csassign lawyer add chen --name 陈静 --firm dacheng
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任 --head 李书记
	csassign community add dongfeng --name 东风社区 --office xincheng --head 王书记
	csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
	csassign pair --lawyer zhao --community dongfeng --from 2026-01-01 \
		--schedule 'Thu 14:00-17:30' --place 东风会议室 --agreement A2
} > /dev/null 2>&1 || echo 'not ok - setting up the directory failed'

# --- add ---------------------------------------------------------------------
c0=$(commits)
ok 'add consultation with target fields' cslog add consultation --lawyer wang-li --community hepingli \
	--date 2026-10-09 --start 14:00 --end 15:00 --channel in-person \
	--target-type resident --target-name 张三 --target-contact 13900001111 \
	--content 劳动合同纠纷咨询 --result 已解答
con=$(out)
check 'add prints one id' '[ "$(out | wc -l)" -eq 1 ]'
check 'the id matches YYYYMMDD-xxxxxx (base32, no i l o u)' 'echo "$con" | grep -Eq "$idre"'
check 'the id begins with the entry date' 'case "$con" in 20261009-*) true ;; *) false ;; esac'
f=records/log/hepingli/2026/10/$con.yaml
check 'file at records/log/<community>/<YYYY>/<MM>/<id>.yaml' '[ -f "$f" ]'
check 'committed as written' '[ "$(git rev-parse HEAD:$f)" = "$(git hash-object $f)" ]'
check 'one commit' '[ "$(commits)" -eq $((c0 + 1)) ]'
check 'git status clean' '[ -z "$(git status --porcelain)" ]'
check 'common fields' \
	'grep -qx "kind: consultation" $f && grep -qx "id: $con" $f && grep -q "^date: .*2026-10-09" $f &&
	 grep -q "^start: .*14:00" $f && grep -q "^end: .*15:00" $f && grep -qx "community: hepingli" $f &&
	 grep -qx "lawyer: wang-li" $f && grep -qx "channel: in-person" $f &&
	 grep -qx "content: 劳动合同纠纷咨询" $f && grep -qx "result: 已解答" $f'
check 'target mapping' \
	'grep -qx "target:" $f && grep -qx "  type: resident" $f && grep -qx "  name: 张三" $f &&
	 grep -q "^  contact: .*13900001111" $f'
check 'keys in schema order (kind id date start end community lawyer channel target content result)' \
	'[ "$(grep -o "^[a-z_]*:" $f | tr -d ":" | tr "\n" " ")" = "kind id date start end community lawyer channel target content result recorded_at " ]'
check 'recorded_at is CS_NOW' 'grep -q "^recorded_at: .*2026-10-12T10:00" $f'
check 'trailers Cs-Command and Cs-Record' 'trailer "Cs-Command: cslog add" && trailer "Cs-Record: $f"'
check 'no personal data in the commit message' \
	'! git log -1 --format=%B | grep -q "张三" && ! git log -1 --format=%B | grep -q 13900001111'
check 'commit time is CS_NOW' \
	'[ "$(git log -1 --format=%cd --date=format:%Y-%m-%dT%H:%M:%S)" = 2026-10-12T10:00:00 ]'
check 'author is CS_AUTHOR' '[ "$(git log -1 --format="%an <%ae>")" = "Test Clerk <clerk@example.org>" ]'

export CS_LAWYER=wang-li
ok 'add lecture with --set attendees=35 (lawyer from $CS_LAWYER)' cslog add lecture \
	--date 2026-10-10 --start 09:00 --end 10:30 --set attendees=35 --set topic=民法典
lec=$(out)
f=$(path_of "$lec")
check 'lecture community from the active pairing' '[ "$f" = records/log/hepingli/2026/10/$lec.yaml ]'
check 'lecture lawyer from $CS_LAWYER' 'grep -qx "lawyer: wang-li" "$f"'
check 'attendees is an integer' 'grep -qx "attendees: 35" "$f"'
check 'topic set' 'grep -qx "topic: 民法典" "$f"'
ok 'add gift with --set item=锦旗 --set value=0' cslog add gift --date 2026-10-11 \
	--set item=锦旗 --set value=0 --set giver=居民
gift=$(out)
f=$(path_of "$gift")
check 'gift item and value' 'grep -qx "item: 锦旗" "$f" && grep -qx "value: 0" "$f"'
check 'gift has no start/end' '! grep -q "^start:" "$f" && ! grep -q "^end:" "$f"'
ok 'add with --set typical=true' cslog add consultation --date 2026-10-12 --start 09:00 --end 09:30 \
	--set typical=true --content 典型案例
typ=$(out)
check 'typical is a boolean' 'grep -qx "typical: true" "$(path_of $typ)"'
check 'no --date: the date is today (CS_NOW)' 'case "$typ" in 20261012-*) true ;; *) false ;; esac'
ok 'add office-hours with --set place' cslog add office-hours --date 2026-10-07 --start 14:00 --end 17:30 \
	--set place=和平里3号
oh=$(out)
ok 'add mediation with parties and outcome' cslog add mediation --date 2026-10-08 --start 10:00 --end 11:00 \
	--set parties=甲,乙 --set outcome=settled
med=$(out)
check 'parties is a sequence' 'grep -qx -- "- 甲" "$(path_of $med)" && grep -qx -- "- 乙" "$(path_of $med)"'
ok 'add a request with --date/--start' cslog add request --date 2026-10-09 --start 16:00 --set from=居民李某
req=$(out)
f=$(path_of "$req")
check 'request received_at from --date/--start' 'grep -q "^received_at: .*2026-10-09T16:00" "$f"'
check 'request not accepted yet' '! grep -q "^accepted_at:" "$f"'
ok 'add a second request' cslog add request --date 2026-10-09 --start 17:00
req2=$(out)
unset CS_LAWYER
ok 'add for another lawyer (--lawyer, community from the pairing)' cslog add consultation --lawyer zhao \
	--date 2026-10-09 --start 15:00 --end 15:30 --channel phone
zc=$(out)
check 'zhao'"'"'s entry is in dongfeng' '[ -f records/log/dongfeng/2026/10/$zc.yaml ]'
ok 'add a visit without a lawyer (the office'"'"'s visit)' cslog add visit --community dongfeng \
	--date 2026-10-09 --set office=xincheng --set visitor=司法所刘某
vis=$(out)
check 'visit takes the paired lawyer' 'grep -qx "lawyer: zhao" "$(path_of $vis)"'

# cslog add - (one YAML record on stdin)
cat > "$scratch/in.yaml" <<'EOF'
kind: training
date: 2026-10-06
start: '09:00'
end: '11:00'
community: dongfeng
lawyer: zhao
topic: 人民调解实务
attendees: 12
audience: mediators
content: 调解员培训
EOF
c1=$(commits)
ok 'add - reads one record from stdin' sh -c 'cslog add - < "$1"' sh "$scratch/in.yaml"
tr=$(out)
f=$(path_of "$tr")
check 'add - prints an id dated from the record' 'echo "$tr" | grep -Eq "$idre" && case "$tr" in 20261006-*) true ;; *) false ;; esac'
check 'add - wrote the file' '[ "$f" = records/log/dongfeng/2026/10/$tr.yaml ]'
check 'add - kept the fields' 'grep -qx "topic: 人民调解实务" "$f" && grep -qx "attendees: 12" "$f" && grep -qx "audience: mediators" "$f"'
check 'add - quotes the date' "grep -qx \"date: '2026-10-06'\" \"\$f\" || grep -qx 'date: \"2026-10-06\"' \"\$f\""
check 'add - one commit with the trailers' \
	'[ "$(commits)" -eq $((c1 + 1)) ] && trailer "Cs-Command: cslog add" && trailer "Cs-Record: $f"'

# cslog add KIND -e: the editor changes the template
cat > "$scratch/ed.sh" <<'EOF'
#!/bin/sh
sed -i -e 's/^content: .*/content: 编辑后的内容/' -e '$a\
result: 已调解' "$1"
EOF
chmod +x "$scratch/ed.sh"
ok 'add -e with EDITOR' env EDITOR="$scratch/ed.sh" VISUAL= cslog add mediation -e --lawyer zhao \
	--date 2026-10-05 --start 09:00 --end 10:00 --content 原始内容
ed=$(out)
f=$(path_of "$ed")
check 'the edited content is logged' 'grep -qx "content: 编辑后的内容" "$f" && ! grep -q 原始内容 "$f"'
check 'a field added in the editor is logged' 'grep -qx "result: 已调解" "$f"'
check 'the options are in the template' 'grep -qx "lawyer: zhao" "$f" && grep -q "^start: .*09:00" "$f"'
printf '#!/bin/sh\nexit 1\n' > "$scratch/fail.sh"
chmod +x "$scratch/fail.sh"
before=$(snapshot .)
expect 'an editor that fails logs nothing (65)' 65 env EDITOR="$scratch/fail.sh" VISUAL= \
	cslog add mediation -e --lawyer zhao --date 2026-10-05 --start 09:00 --end 10:00
check 'nothing written when the editor fails' '[ "$(snapshot .)" = "$before" ]'
printf '#!/bin/sh\n: > "$1"\n' > "$scratch/empty.sh"
chmod +x "$scratch/empty.sh"
expect 'an emptied template logs nothing (65)' 65 env EDITOR="$scratch/empty.sh" VISUAL= \
	cslog add mediation -e --lawyer zhao --date 2026-10-05 --start 09:00 --end 10:00
check 'nothing written for an empty template' '[ "$(snapshot .)" = "$before" ]'
check 'git status clean after the adds' '[ -z "$(git status --porcelain)" ]'

# --- list ----------------------------------------------------------------------
ok 'list' cslog list
out > "$scratch/list.txt"
all="$con $lec $gift $typ $oh $med $req $req2 $zc $vis $tr $ed"
for i in $all; do
	check "list shows $i" 'grep -q "^$i " "$scratch/list.txt"'
done
check 'every id printed by add matches the id pattern' \
	'(for i in $all; do echo "$i" | grep -Eq "$idre" || exit 1; done)'
check 'list has a header and one line per entry' '[ "$(wc -l < "$scratch/list.txt")" -eq 13 ]'
ok 'list --community dongfeng' cslog list --community dongfeng
check 'list --community shows only that community' \
	'out | grep -q "^$zc " && out | grep -q "^$tr " && ! out | grep -q "^$con "'
ok 'list --lawyer wang-li' cslog list --lawyer wang-li
check 'list --lawyer shows only that lawyer' 'out | grep -q "^$con " && ! out | grep -q "^$zc "'
ok 'list --kind request' cslog list --kind request
check 'list --kind shows only that kind' \
	'out | grep -q "^$req " && out | grep -q "^$req2 " && [ "$(out | wc -l)" -eq 3 ]'
ok 'list --since/--until one day' cslog list --since 2026-10-09 --until 2026-10-09
check 'list --since/--until' \
	'out | grep -q "^$con " && out | grep -q "^$zc " && ! out | grep -q "^$lec " && ! out | grep -q "^$tr "'
ok 'list --since' cslog list --since 2026-10-10
check 'list --since excludes earlier dates' 'out | grep -q "^$lec " && ! out | grep -q "^$con "'
ok 'list --month 2026-10' cslog list --month 2026-10
check 'list --month has every entry' '[ "$(out | wc -l)" -eq 13 ]'
ok 'list --month 2026-09' cslog list --month 2026-09
check 'list --month 2026-09 is empty' '! out | grep -Eq "^[0-9]{8}-"'
ok 'list --kind lecture --lawyer wang-li --month 2026-10' cslog list --kind lecture --lawyer wang-li --month 2026-10
check 'combined filters' '[ "$(out | grep -Ec "^[0-9]{8}-")" -eq 1 ] && out | grep -q "^$lec "'
ok 'list --format json' cslog list --format json
out > "$scratch/list.json"
check 'list json parses' 'json_ok "$scratch/list.json"'
check 'list json has every entry' '[ "$(json_ids "$scratch/list.json" | tr "\n" " ")" = "$(for i in $all; do echo $i; done | sort | tr "\n" " ")" ]'
check 'list json keeps attendees a number' 'grep -q "\"attendees\": 35" "$scratch/list.json"'
ok 'list --community hepingli --format json' cslog list --community hepingli --format json
out > "$scratch/list.json"
check 'filtered json parses and holds only hepingli' \
	'json_ok "$scratch/list.json" && ! grep -q "\"community\": \"dongfeng\"" "$scratch/list.json"'
ok 'list --format yaml' cslog list --format yaml --kind gift
check 'list yaml is a sequence of records' 'out | head -1 | grep -qx -- "- kind: gift"'
ok 'list --format csv' cslog list --format csv
check 'list csv has a header of field names and 12 rows' '[ "$(out | wc -l)" -eq 13 ] && out | head -1 | grep -q "^kind,id,date,start,end,community,lawyer,"'
ok 'list --format md' cslog list --format md
check 'list md table' 'out | head -1 | grep -q "^| id |"'
ok 'list --format html' cslog list --format html
check 'list html table' 'out | grep -q "<table"'
expect 'list --format xml is 64' 64 cslog list --format xml
expect 'list --kind nosuch is 64' 64 cslog list --kind nosuch
expect 'list --since bad date is 64' 64 cslog list --since 2026-02-30
expect 'list --month bad month is 64' 64 cslog list --month 2026-13
expect 'list --community unknown is 66' 66 cslog list --community nowhere
expect 'list with an operand is 64' 64 cslog list extra

# --- show ----------------------------------------------------------------------
ok 'show --reveal by full id' cslog show "$con" --reveal
check 'show --reveal prints the record' '[ "$(out)" = "$(cat records/log/hepingli/2026/10/$con.yaml)" ]'
ok 'show by full id' cslog show "$con"
check 'show masks the resident (Art 15)' 'out | grep -qx "  name: 张\*\*" && out | grep -q "139\*\*\*\*1111" && ! out | grep -q 张三 && ! out | grep -q 13900001111'
short=$(echo "$con" | cut -c1-11)
ok 'show by unique prefix' cslog show "$short"
check 'show by prefix prints the right record' 'out | grep -qx "id: $con"'
ok 'show --format json' cslog show "$con" --format json
out > "$scratch/show.json"
check 'show json parses' 'json_ok "$scratch/show.json"'
check 'show json has the target' 'grep -q "\"target\": {" "$scratch/show.json"'
expect 'show by an ambiguous prefix is 64' 64 cslog show 2026
check 'ambiguous prefix says so' 'grep -q ambiguous "$scratch/.err"'
expect 'show an unknown id is 66' 66 cslog show 20991231-aaaaaa
expect 'show without an id is 64' 64 cslog show
expect 'show --format csv is 64' 64 cslog show "$con" --format csv

# --- sign ----------------------------------------------------------------------
before=$(snapshot .)
expect 'sign by a non-head is 65' 65 cslog sign "$con" --by 王书记
check 'sign by a non-head names the signer' 'grep -q 王书记 "$scratch/.err"'
check 'sign by a non-head wrote nothing' '[ "$(snapshot .)" = "$before" ]'
expect 'sign two, one by a non-head of its community, is 65' 65 cslog sign "$lec" "$zc" --by 张主任
check 'a refused batch wrote nothing' '[ "$(snapshot .)" = "$before" ]'
expect 'sign without --by is 64' 64 cslog sign "$con"
expect 'sign an unknown id is 66' 66 cslog sign 20991231-aaaaaa --by 张主任
check 'still nothing written' '[ "$(snapshot .)" = "$before" ]'
c2=$(commits)
ok 'sign by a head' cslog sign "$con" --by 张主任
f=records/log/hepingli/2026/10/$con.yaml
check 'signed_by and signed_at' 'grep -qx "signed_by: 张主任" $f && grep -q "^signed_at: .*2026-10-12T10:00" $f'
check 'sign trailers' 'trailer "Cs-Command: cslog sign" && trailer "Cs-Record: $f"'
check 'sign is one commit' '[ "$(commits)" -eq $((c2 + 1)) ]'
check 'git status clean after sign' '[ -z "$(git status --porcelain)" ]'
expect 'signing again is 65' 65 cslog sign "$con" --by 李书记
check 'the first signature stands' 'grep -qx "signed_by: 张主任" $f'
ok 'sign two entries at once by the other head' cslog sign "$lec" "$gift" --by 李书记
check 'both signed in one commit' '[ "$(commits)" -eq $((c2 + 2)) ] &&
	 grep -qx "signed_by: 李书记" "$(path_of $lec)" && grep -qx "signed_by: 李书记" "$(path_of $gift)"'
ok 'list --unsigned' cslog list --unsigned
check 'list --unsigned hides signed entries' \
	'! out | grep -q "^$con " && ! out | grep -q "^$lec " && out | grep -q "^$med "'

# --- accept (Art 10) -------------------------------------------------------------
before=$(snapshot .)
expect 'accept before receipt is 65' 65 cslog accept "$req" --on 2026-10-09T15:00
check 'the message names accepted_at' 'grep -q accepted_at "$scratch/.err"'
expect 'accept a non-request is 65' 65 cslog accept "$con"
expect 'accept with a bad --on is 64' 64 cslog accept "$req" --on 2026-10-32
check 'failed accepts wrote nothing' '[ "$(snapshot .)" = "$before" ]'
expect 'accept in the future is 65 (schema.future)' 65 cslog accept "$req" --on 2026-10-13T09:30
check 'the message names accepted_at and the rule' 'grep -q "accepted_at: 2026-10-13T09:30 is after now" "$scratch/.err" && grep -q "schema.future" "$scratch/.err"'
ok 'accept within two working days' env CS_NOW=2026-10-13T09:40 cslog accept "$req" --on 2026-10-13T09:30
check 'accepted_at recorded' 'grep -q "^accepted_at: .*2026-10-13T09:30" "$(path_of $req)"'
check 'accept trailers' 'trailer "Cs-Command: cslog accept" && trailer "Cs-Record: $(path_of $req)"'
expect 'accepting twice is 65' 65 cslog accept "$req" --on 2026-10-14
ok 'accept late (after two working days) is still recorded' env CS_NOW=2026-10-20T12:00 cslog accept "$req2" --on 2026-10-20
check 'late accepted_at recorded' 'grep -q "^accepted_at: .*2026-10-20" "$(path_of $req2)"'
check 'git status clean after accept' '[ -z "$(git status --porcelain)" ]'

# --- amend ---------------------------------------------------------------------
c3=$(commits)
ok 'amend a signed entry' cslog amend "$con" --set content=劳动合同纠纷咨询（更正） --set result=已书面答复 --reason 更正错字
f=records/log/hepingli/2026/10/$con.yaml
check 'amend changed the fields' 'grep -qx "content: 劳动合同纠纷咨询（更正）" $f && grep -qx "result: 已书面答复" $f'
check 'amend cleared signed_by' '! grep -q "^signed_by:" $f'
check 'amend cleared signed_at' '! grep -q "^signed_at:" $f'
check 'amend kept the other fields' 'grep -qx "  name: 张三" $f && grep -qx "lawyer: wang-li" $f'
check 'amend is one commit' '[ "$(commits)" -eq $((c3 + 1)) ]'
check 'amend trailers Cs-Command, Cs-Record' 'trailer "Cs-Command: cslog amend" && trailer "Cs-Record: $f"'
check 'amend trailer Cs-Amends' 'trailer "Cs-Amends: $con"'
check 'amend trailer Cs-Reason' 'trailer "Cs-Reason: 更正错字"'
check 'git status clean after amend' '[ -z "$(git status --porcelain)" ]'
ok 'the amended entry can be signed again' cslog sign "$con" --by 李书记
before=$(snapshot .)
expect 'amend without --reason is 64' 64 cslog amend "$con" --set content=x
expect 'amend without --set is 64' 64 cslog amend "$con" --reason 无
expect 'amend a field not in the schema is 65' 65 cslog amend "$con" --set colour=red --reason 无
expect 'amend the date is refused (65)' 65 cslog amend "$con" --set date=2026-10-10 --reason 无
expect 'amend end before start is 65' 65 cslog amend "$con" --set end=13:00 --reason 无
expect 'amend an unknown id is 66' 66 cslog amend 20991231-aaaaaa --set content=x --reason 无
check 'refused amendments wrote nothing' '[ "$(snapshot .)" = "$before" ]'

# --- void ----------------------------------------------------------------------
ok 'void' cslog void "$gift" --reason 重复登记
f=$(path_of "$gift")
check 'the file stays, marked void' \
	'[ -f "$f" ] && grep -q "^voided_at: .*2026-10-12T10:00" "$f" && grep -qx "void_reason: 重复登记" "$f"'
check 'void trailers' 'trailer "Cs-Command: cslog void" && trailer "Cs-Record: $f" && trailer "Cs-Reason: 重复登记"'
check 'the file is still in HEAD' 'git cat-file -e "HEAD:$f"'
ok 'list after void' cslog list
check 'list marks the void entry' 'out | grep "^$gift " | grep -q "(void)"'
before=$(snapshot .)
expect 'voiding twice is 65' 65 cslog void "$gift" --reason 再次
expect 'void without --reason is 64' 64 cslog void "$med"
expect 'void an unknown id is 66' 66 cslog void 20991231-aaaaaa --reason x
check 'refused voids wrote nothing' '[ "$(snapshot .)" = "$before" ]'
check 'no record was ever deleted' '[ -z "$(git log --diff-filter=D --name-only --format= -- records)" ]'

# --- history -------------------------------------------------------------------
ok 'history' cslog history "$con"
out > "$scratch/hist.txt"
check 'history lists the author' 'grep -q "Test Clerk" "$scratch/hist.txt"'
check 'history lists every commit that touched the entry (add, sign, amend, sign)' \
	'[ "$(grep -c "cslog \(add\|sign\|amend\)" "$scratch/hist.txt")" -ge 4 ] ||
	 [ "$(grep -Ec "^(commit )?[0-9a-f]{7,40}" "$scratch/hist.txt")" -eq 4 ]'
check 'history shows the changed field' 'grep -q content "$scratch/hist.txt" && grep -q signed_by "$scratch/hist.txt"'
check 'history shows the reason of the amendment' 'grep -q 更正错字 "$scratch/hist.txt"'
ok 'history by prefix' cslog history "$short"
expect 'history of an unknown id is 66' 66 cslog history 20991231-aaaaaa

# --- usage ---------------------------------------------------------------------
ok '--help' cslog --help
check '--help prints usage' 'grep -q "usage: cslog" "$scratch/.out"'
ok '--version' cslog --version
check '--version names the command' 'grep -q "^cslog " "$scratch/.out"'
expect 'no command is 64' 64 cslog
expect 'unknown command is 64' 64 cslog frob
expect 'unknown option is 64' 64 cslog list --frobnicate
expect 'add without kind is 64' 64 cslog add
expect '-e with list is 64' 64 cslog list -e
check 'the store fscks clean' 'git fsck --strict >/dev/null 2>&1'
check 'every commit carries a Cs-Command trailer' \
	'[ "$(git log --format=%B | grep -c "^Cs-Command: ")" -eq "$(commits)" ]'
cd "$scratch" || exit 1

# --- a bare store ----------------------------------------------------------------
csinit b.git --bare --district 中心区 2>/dev/null
export CS_STORE="$scratch/b.git"
{
	csassign office add xincheng --name 新城司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
	csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
} > /dev/null 2>&1 || echo 'not ok - setting up the bare directory failed'
ok 'bare: add' env CS_LAWYER=wang-li cslog add consultation --date 2026-10-09 --start 14:00 --end 15:00
bid=$(out)
check 'bare: the entry is in HEAD' 'git -C b.git cat-file -e HEAD:records/log/hepingli/2026/10/$bid.yaml'
check 'bare: no working tree written' '[ ! -e b.git/records ] && [ ! -e records ]'
ok 'bare: add - with -C' sh -c 'cslog -C b.git add - <<EOF
kind: lecture
date: 2026-10-10
start: "09:00"
end: "10:00"
community: hepingli
lawyer: wang-li
attendees: 20
EOF'
ok 'bare: list' cslog list
check 'bare: list shows the entry' 'out | grep -q "^$bid "'
ok 'bare: show' cslog show "$bid"
ok 'bare: sign' cslog sign "$bid" --by 张主任
check 'bare: signed in HEAD' 'git -C b.git show HEAD:records/log/hepingli/2026/10/$bid.yaml | grep -qx "signed_by: 张主任"'
before=$(git -C b.git rev-parse HEAD)
expect 'bare: sign by a non-head is 65' 65 cslog sign "$bid" --by 某人
check 'bare: nothing written' '[ "$(git -C b.git rev-parse HEAD)" = "$before" ]'
ok 'bare: amend' cslog amend "$bid" --set content=补记 --reason 补充
check 'bare: amend cleared the signature' \
	'! git -C b.git show HEAD:records/log/hepingli/2026/10/$bid.yaml | grep -q "^signed_by:"'
ok 'bare: void' cslog void "$bid" --reason 作废
check 'bare: fsck clean' 'git -C b.git fsck --strict >/dev/null 2>&1'
unset CS_STORE

# the loose objects of one-commit writes are packed now and then (CS_PACK_LOOSE,
# default 2048 estimated as git gc --auto does; 0: after every write)
loose() { git -C "$1" count-objects -v | sed -n 's/^count: //p'; }
check 'one write under the limit leaves its loose objects' '[ "$(loose b.git)" -gt 0 ]'
ok 'bare: a write past the limit' env CS_STORE="$scratch/b.git" CS_PACK_LOOSE=0 \
	cslog add consultation --lawyer wang-li --community hepingli --date 2026-10-09 \
	--start 09:00 --end 09:30 --target-type resident --content 打包
pid=$(out)
check 'bare: every loose object went into a pack' \
	'[ "$(loose b.git)" -eq 0 ] && [ "$(git -C b.git count-objects -v | sed -n "s/^packs: //p")" -ge 1 ]'
check 'bare: packed, fsck clean' 'git -C b.git fsck --strict >/dev/null 2>&1'
ok 'bare: the packed entry reads back' env CS_STORE="$scratch/b.git" cslog show "$pid"
ok 'bare: and the next write works' env CS_STORE="$scratch/b.git" cslog void "$pid" --reason 测试
(cd s && CS_PACK_LOOSE=0 cslog add consultation --lawyer wang-li --community hepingli \
	--date 2026-10-09 --start 10:00 --end 10:30 --target-type resident --content 打包 \
	> "$scratch/.wid" 2>&1)
check 'working tree: packed, fsck clean, status clean' \
	'[ "$(loose s)" -eq 0 ] && git -C s fsck --strict >/dev/null 2>&1 && [ -z "$(git -C s status --porcelain)" ]'
