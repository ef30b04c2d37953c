# Residents' personal data is masked in reports (Art 15, DESIGN 5), and only theirs.
. "$CS_TOP/tests/cmd/lib.sh"

csinit s --district 掩码区 2>/dev/null
cd s || exit 1
csassign office add o1 --name 甲所 >/dev/null
csassign firm add f1 --name 甲律所 >/dev/null
csassign lawyer add wang --name 王 --firm f1 >/dev/null
csassign community add c1 --name 社区 --office o1 --head 张 >/dev/null
csassign pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
	--place 室 --agreement A >/dev/null
export CS_LAWYER=wang
cslog add consultation --date 2026-10-08 --target-type resident --target-name 李四 \
	--target-contact 13812345678 --content '回电13912345678，身份证110101199003074514已核' >/dev/null
cslog add lecture --date 2026-10-09 --target-type group --target-name 东风社区居民 \
	--target-contact 社区办公室 --content 讲座 --set attendees=30 >/dev/null

expect 'the monthly report' 0 csreport monthly --month 2026-10 --lawyer wang --format json
check 'a resident is masked' 'out | grep -q "\"name\": \"李\*\*\"" && ! out | grep -q 李四'
check 'a group is not personal data: not masked' 'out | grep -q "\"name\": \"东风社区居民\""'
check 'a mobile number in free text is masked' 'out | grep -q "139\*\*\*\*5678" && ! out | grep -q 13912345678'
check 'an ID number in free text is masked' 'out | grep -q "110101\*\*\*\*\*\*\*\*4514" && ! out | grep -q 110101199003074514'
expect 'with --reveal' 0 csreport monthly --month 2026-10 --lawyer wang --format json --reveal
check 'the free text is whole' 'out | grep -q 13912345678 && out | grep -q 李四'
