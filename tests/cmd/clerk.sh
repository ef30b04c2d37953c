# A clerk's first day (issue 8): errors that name what is valid, help per
# command, one rule for 64 against 65, the editor loop, the CSV round trip.
. "$CS_TOP/tests/cmd/lib.sh"

csinit s --district 示例区 2>/dev/null || echo 'not ok - csinit'
cd s || exit 1
export CS_NOW=2026-09-01T09:00:00
{
	csassign office add xinqiao-office --name 新桥司法所
	csassign firm add zhengda --name 正达律师事务所
	csassign lawyer add wang-li --name 王丽 --firm zhengda
	csassign community add xinqiao --name 新桥社区 --office xinqiao-office --head 孙建国 --head 李秀兰
	csassign pair --lawyer wang-li --community xinqiao --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
		--place 工作室 --agreement XQ-1
} > /dev/null 2>&1 || echo 'not ok - setting up'
export CS_NOW=2026-10-20T18:00:00
T='--date 2026-10-14 --start 14:10 --end 14:40'

# --- errors name what is valid ----------------------------------------------------
expect 'a misspelt kind is 64' 64 cslog add consultaton --lawyer wang-li $T
check '... with "did you mean" the right kind' 'err | grep -q "did you mean .consultation."'
check '... and the kinds with their Chinese labels' 'err | grep -q "office-hours 坐班值班"'
ok 'the Chinese label is a kind' cslog add 法律咨询 --lawyer wang-li $T
id=$(out)
check '... logged as a consultation' 'grep -qx "kind: consultation" records/log/xinqiao/2026/10/$id.yaml'
ok 'a lawyer given by name' cslog add consultation --lawyer 王丽 --date 2026-10-14 --start 15:00 --end 15:30
check '... is recorded by slug' 'grep -qx "lawyer: wang-li" records/log/xinqiao/2026/10/$(out).yaml'
ok 'cslog list --lawyer 王丽' cslog list --lawyer 王丽
check '... lists her entries' 'out | grep -q "$id"'
expect 'an unknown name is 64' 64 cslog list --lawyer 王莉
check '... offering the nearest' 'err | grep -q "did you mean .wang-li."'
expect 'an unknown slug is 66' 66 cslog list --lawyer wangli
check '... offering the nearest' 'err | grep -q "did you mean .wang-li."'
expect 'a non-head signing is 65' 65 cslog sign "$id" --by 王五
check '... listing the heads' 'err | grep -q "孙建国, 李秀兰"'
expect '--strat is 64' 64 cslog add consultation --lawyer wang-li --strat 14:10
check '... with "did you mean --start"' 'err | grep -q "did you mean .--start."'
check '... on one line and the hint' '[ "$(err | wc -l)" -eq 2 ]'
expect 'a full-width colon is 64' 64 cslog add consultation --lawyer wang-li --date 2026-10-14 --start 14：10 --end 14:40
check '... pointing at it' 'err | grep -q "full-width colon"'
expect '--target-type 居民 is 64' 64 cslog add consultation --lawyer wang-li $T --target-type 居民
check '... listing the types' 'err | grep -q "resident|committee|organisation"'
check '... naming no file' '! err | grep -q "records/"'
expect 'an option of another verb is 64' 64 cslog list --by 孙建国
check '... saying it does not apply' 'err | grep -q -- "--by does not apply to .list."'

# --- one rule: 64 for the command line, 65 for the record, 66 for what is not there
expect '--month 2026/10 is 64' 64 cslog list --month 2026/10
expect '--date 2026/10/15 is 64' 64 cslog add consultation --lawyer wang-li --date 2026/10/15
expect 'a bad slug in csassign is 64' 64 csassign office add 新桥 --name x
check '... saying use a slug like wang-li' 'err | grep -q "like wang-li"'
expect 'a bad slug in cslog is 64' 64 cslog add consultation --community Xin/qiao $T
expect 'a record its schema refuses is 65' 65 cslog add lecture --lawyer wang-li $T --set attendees=many
expect 'an id that is not there is 66' 66 cslog show 20260101-aaaaaa

# --- help per command ----------------------------------------------------------
ok 'cslog -h' cslog -h
out > "$scratch/h"
ok 'cslog add -h' cslog add -h
check 'add -h is not cslog -h' '! out | cmp -s - "$scratch/h"'
check 'add -h lists the kinds' 'out | grep -q "consultation *法律咨询" && out | grep -q "meeting *会议"'
check 'add -h lists its options' 'out | grep -q -- "--target-type" && out | grep -q -- "--late"'
ok 'cslog add lecture -h' cslog add lecture -h
check 'add KIND -h lists the fields of --set' 'out | grep -q "attendees (integer)" && out | grep -q "topic (string)"'
ok 'csassign change -h' csassign change -h
check 'change -h lists its options' 'out | grep -q -- "--approved-by" && out | grep -q -- "--outcome"'

# --- the editor --------------------------------------------------------------------
cat > "$scratch/ed-bad-then-good.sh" <<'EOF'
#!/bin/sh
# first the content is set and the attendees are wrong; then they are mended
n=$(cat "$EDLOG.n" 2>/dev/null || echo 0); echo $((n + 1)) > "$EDLOG.n"
cp "$1" "$EDLOG.$n"
if [ "$n" -eq 0 ]; then
	sed -i 's/^# attendees: .*/attendees: many/; s/^# topic: .*/topic: 民法典/' "$1"
else
	sed -i 's/^attendees: many/attendees: 30/' "$1"
fi
EOF
chmod +x "$scratch/ed-bad-then-good.sh"
export EDLOG=$scratch/edlog
ok 'add -e: an invalid edit is shown again' env EDITOR="$scratch/ed-bad-then-good.sh" VISUAL= \
	cslog add lecture -e --lawyer wang-li $T
lec=$(out)
check 'the template has placeholders for the fields' 'grep -q "^# attendees:" "$EDLOG.0" && grep -q "^# topic:" "$EDLOG.0"'
check 'the second time, the errors are comments at the top' 'head -3 "$EDLOG.1" | grep -q "^# .*attendees"'
check 'what was written the first time is kept' 'grep -qx "topic: 民法典" "$EDLOG.1"'
check 'the mended entry is logged' 'grep -qx "attendees: 30" records/log/xinqiao/2026/10/$lec.yaml'
printf '#!/bin/sh\n:\n' > "$scratch/ed-nothing.sh"
chmod +x "$scratch/ed-nothing.sh"
before=$(snapshot .)
expect 'an unchanged template is not an entry (65)' 65 env EDITOR="$scratch/ed-nothing.sh" VISUAL= \
	cslog add consultation -e --lawyer wang-li $T
check '... nothing written' '[ "$(snapshot .)" = "$before" ]'
printf '#!/bin/sh\nsed -i "s/^content: .*/content: 改正的内容/" "$1"\n' > "$scratch/ed-content.sh"
chmod +x "$scratch/ed-content.sh"
cslog add consultation --lawyer wang-li --date 2026-10-14 --start 16:00 --end 16:30 --content 原来 > "$scratch/e" 2>/dev/null
e=$(cat "$scratch/e")
cslog sign "$e" --by 孙建国 > /dev/null 2>&1
ok 'cslog edit ID -e, the reason asked for' sh -c 'echo 笔误更正 | EDITOR="$1" VISUAL= cslog edit "$2" -e' sh "$scratch/ed-content.sh" "$e"
f=records/log/xinqiao/2026/10/$e.yaml
check 'the edit is an amendment: content changed, signature cleared' 'grep -qx "content: 改正的内容" "$f" && ! grep -q "^signed_by:" "$f"'
check 'with its reason in the commit' 'git log -1 --format=%B | grep -qx "Cs-Reason: 笔误更正" && git log -1 --format=%B | grep -qx "Cs-Amends: $e"'
expect 'cslog edit without -e is 64' 64 cslog edit "$e"

# --- CSV: what list exports, import reads back ---------------------------------
cslog add consultation --lawyer wang-li --date 2026-10-15 --start 09:00 --end 09:30 \
	--target-type resident --target-name 陈秀英 --target-contact 13800001234 \
	--content '押金纠纷, 含逗号 "引号"' --result 已解答 > /dev/null 2>&1
cslog add mediation --lawyer wang-li --date 2026-10-15 --start 10:00 --end 11:00 \
	--set parties=甲,乙 --set outcome=settled --content 调解 > /dev/null 2>&1
ok 'list --format csv --reveal' cslog list --format csv --reveal --since 2026-10-15
out > "$scratch/export.csv"
check 'the header names the fields' 'head -1 "$scratch/export.csv" | grep -q "^kind,id,date,start,end,community,lawyer,"'
check 'values are whole, not cut' 'grep -qF "押金纠纷, 含逗号 \"\"引号\"\"" "$scratch/export.csv"'
check 'an empty value is empty, not '"'"'-' '! grep -q "'"'"'-" "$scratch/export.csv"'
cd "$scratch" && csinit t --district 示例区 > /dev/null 2>&1 && cd t || exit 1
CS_NOW=2026-09-01T09:00:00 sh -c 'csassign office add xinqiao-office --name 新桥司法所 &&
	csassign firm add zhengda --name 正达律师事务所 &&
	csassign lawyer add wang-li --name 王丽 --firm zhengda &&
	csassign community add xinqiao --name 新桥社区 --office xinqiao-office --head 孙建国 --head 李秀兰 &&
	csassign pair --lawyer wang-li --community xinqiao --from 2026-09-01 --schedule "Wed 14:00-17:30" --place 工作室 --agreement XQ-1' > /dev/null 2>&1
ok 'import reads the export back' cslog import "$scratch/export.csv"
ok 'list of the copy' cslog list --format json --reveal
out | grep -v '"recorded_at"' > "$scratch/copy.json"
cd ../s && cslog list --format json --reveal --since 2026-10-15 | grep -v '"recorded_at"' > "$scratch/orig.json"
check 'the same records, ids included' 'cmp -s "$scratch/orig.json" "$scratch/copy.json"'
cd ../t || exit 1
printf 'kind,date,start,end,content\nconsultation,2026-10-16,9:00,9:30,时间写法\n' > "$scratch/h.csv"
ok 'a CSV with 9:00' cslog import --lawyer wang-li "$scratch/h.csv"
check '... reads it as 09:00' 'grep -rq "^start: .09:00." records/log/xinqiao/2026/10/'
printf 'kind,date,start,end,content\nconsultation,2026-10-17,09:00,09:30,国标编码的内容\n' | iconv -f UTF-8 -t GBK > "$scratch/gbk.csv"
expect 'a GBK file without --encoding is 65' 65 cslog import --lawyer wang-li "$scratch/gbk.csv"
check '... with the hint to iconv or --encoding GBK' 'err | grep -q "encoding GBK" && err | grep -q "iconv -f GBK -t UTF-8"'
ok 'with --encoding GBK it imports' cslog import --lawyer wang-li --encoding GBK "$scratch/gbk.csv"
check '... as UTF-8' 'grep -rq "国标编码的内容" records/log/xinqiao/2026/10/'
