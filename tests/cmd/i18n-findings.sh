# Findings and lib's error messages in the user's language (po/zh_CN);
# rule ids, field names and paths unchanged.
. "$CS_TOP/tests/cmd/lib.sh"
unset LANGUAGE

csinit s --district 译区 2>/dev/null
csassign -C s office add o1 --name 甲所 >/dev/null
csassign -C s firm add f1 --name 甲律所 >/dev/null
csassign -C s lawyer add wang --name 王 --firm f1 >/dev/null
csassign -C s community add c1 --name 社区 --office o1 --head 张 >/dev/null
csassign -C s pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
	--place 室 --agreement A >/dev/null
cslog -C s add gift --lawyer wang --date 2026-10-08 --set item=购物卡 >/dev/null

if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	LC_ALL=zh_CN.UTF-8 cscheck -C s --rules art16 > "$scratch/zh.out" 2> "$scratch/zh.err"
	check 'the finding is in Chinese under zh_CN' 'grep -q "只可接受锦旗" "$scratch/zh.out"'
	check 'the rule id and the path stay as they are' 'grep -q "^records/log/c1/2026/10/.*: error: art16.gift: " "$scratch/zh.out"'
	LC_ALL=zh_CN.UTF-8 cslog -C s add gift --lawyer wang --date 2026-10-09 > /dev/null 2> "$scratch/zh.err"
	check 'a rejected record says why in Chinese, naming the field' 'grep -q "item: 为必填项" "$scratch/zh.err"'
	LC_ALL=zh_CN.UTF-8 cslog -C s add consultation --lawyer wang --date 2026-13-40 > /dev/null 2> "$scratch/zh.err"
	check 'so does a bad date' 'grep -q "“2026-13-40”不是日期（YYYY-MM-DD，如 2026-10-15）" "$scratch/zh.err"'
	LC_ALL=zh_CN.UTF-8 cscheck -C s --rules art16 --format json > "$scratch/zh.json" 2>/dev/null
	check 'json keeps its keys and severities' 'grep -q "\"severity\": \"error\"" "$scratch/zh.json" && grep -q "锦旗" "$scratch/zh.json"'
else
	echo "# skip: no zh_CN.UTF-8 locale"
fi
LC_ALL=C.UTF-8 cscheck -C s --rules art16 > "$scratch/en.out" 2>/dev/null
check 'in English otherwise' 'grep -q "only a silk banner" "$scratch/en.out"'
