# cslog import (a CSV of past entries: one commit, all or nothing) and
# cslog history (every commit that touched a record, with field changes).
. "$CS_TOP/tests/cmd/lib.sh"

csinit s --district 导入区 2>/dev/null
cd s || exit 1
csassign office add o1 --name 甲所 >/dev/null
csassign firm add f1 --name 甲律所 >/dev/null
csassign lawyer add wang --name 王 --firm f1 >/dev/null
csassign community add c1 --name 东风 --office o1 --head 张主任 >/dev/null
csassign pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
	--place 室 --agreement A >/dev/null
export CS_LAWYER=wang
export CS_NOW=2026-10-31T18:00:00 # after the entries imported below

printf '\357\273\277kind,date,start,end,channel,target.name,content,attendees\r\n' > "$scratch/good.csv"
printf 'consultation,2026-10-08,09:00,09:30,phone,李四,"咨询,含逗号",\r\n' >> "$scratch/good.csv"
printf 'lecture,2026-10-09,14:00,15:00,in-person,,"讲座 ""民法典""",40\r\n' >> "$scratch/good.csv"
printf 'office-hours,2026-10-14,14:00,17:30,in-person,,坐班,\r\n' >> "$scratch/good.csv"
head=$(git rev-parse HEAD)
expect 'a CSV with a BOM, quotes and CRLF imports' 0 cslog import "$scratch/good.csv"
check 'it prints the number of entries' '[ "$(out)" = 3 ]'
check 'as one commit' '[ "$(git rev-list --count "$head"..HEAD)" = 1 ]'
check 'with three Cs-Record trailers' '[ "$(git log -1 --format=%B | grep -c "^Cs-Record: records/log/c1/2026/10/")" = 3 ]'
check 'and Cs-Command: cslog import' 'git log -1 --format=%B | grep -qx "Cs-Command: cslog import"'
expect 'the lecture is there' 0 cslog list --kind lecture --format json
check 'with its attendees as a number and the quotes unescaped' 'out | grep -q "\"attendees\": 40" && out | grep -q "讲座 \\\\\"民法典\\\\\""'
check 'the working tree is clean' '[ -z "$(git status --porcelain)" ]'

printf 'kind,date,start,end\nconsultation,2026-10-08,09:00,09:30\nconsultation,2026-13-01,09:00,09:30\n' > "$scratch/bad.csv"
before=$(snapshot .)
expect 'a bad row rejects the whole file' 65 cslog import "$scratch/bad.csv"
check 'the message names the file, line and field' 'err | grep -q "bad.csv:3" && err | grep -q date'
check 'nothing was written' '[ "$(snapshot .)" = "$before" ]'
printf 'date,start\n2026-10-08,09:00\n' > "$scratch/nokind.csv"
expect 'a CSV without a kind column is 65' 65 cslog import "$scratch/nokind.csv"
printf 'kind,date\nparty,2026-10-08\n' > "$scratch/badkind.csv"
expect 'an unknown kind in a row is 65' 65 cslog import "$scratch/badkind.csv"
check 'naming line 2' 'err | grep -q "badkind.csv:2"'
printf 'kind,date,start\nconsultation,2026-10-08\n' > "$scratch/short.csv"
expect 'a row with too few fields is 65' 65 cslog import "$scratch/short.csv"
expect 'a missing file is 66' 66 cslog import nosuch.csv
check 'still nothing written' '[ "$(snapshot .)" = "$before" ]'

if command -v script > /dev/null; then
	script -qc "cslog import --allow-duplicates '$scratch/good.csv'" /dev/null > "$scratch/tty.out" 2>&1 || true
	check 'on a terminal a progress bar is shown' 'grep -q "\] 100%" "$scratch/tty.out"'
fi
expect 'piped, no progress bar' 0 cslog import --allow-duplicates "$scratch/good.csv"
check 'no bar on stderr' '! err | grep -q "%"'

# history
id=$(CS_NOW=2026-10-20T10:00 cslog add consultation --date 2026-10-20 --start 10:00 --end 10:30 --content 初次)
CS_NOW=2026-10-21T10:00 cslog sign "$id" --by 张主任 >/dev/null
CS_NOW=2026-10-22T10:00 cslog amend "$id" --set content=更正 --reason 笔误 >/dev/null
expect 'history of an entry' 0 cslog history "$id"
check 'three commits, oldest first' '[ "$(out | grep -c "^[0-9a-f]\{12\}  ")" = 3 ] && out | grep "^[0-9a-f]" | head -1 | grep -q "Log consultation"'
check 'the amendment shows its reason and the field change' 'out | grep -q "reason: 笔误" && out | grep -q "content: 初次 -> 更正"'
check 'and the cleared signature' 'out | grep -q "signed_by: 张主任 -> -"'
expect 'history as JSON' 0 cslog history "${id%???}" --format json
check 'with commit, author, time, command and changes' 'out | grep -q "\"command\": \"cslog amend\"" && out | grep -q "\"time\": \"2026-10-22T10:00:00\"" && out | grep -q "\"field\": \"signed_by\""'
expect 'history of an unknown id is 66' 66 cslog history 20991231-zzzzzz
expect 'history in csv is a usage error' 64 cslog history "$id" --format csv
