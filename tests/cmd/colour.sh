# Colour only on a terminal, never with NO_COLOR (DESIGN 5).
. "$CS_TOP/tests/cmd/lib.sh"

csinit s --district 色区 2>/dev/null
csassign -C s office add o1 --name 甲所 >/dev/null
csassign -C s firm add f1 --name 甲律所 >/dev/null
csassign -C s lawyer add wang --name 王 --firm f1 >/dev/null
csassign -C s community add c1 --name 社区 --office o1 --head 张 >/dev/null
csassign -C s pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
	--place 室 --agreement A >/dev/null
cslog -C s add gift --lawyer wang --date 2026-10-08 --set item=购物卡 >/dev/null

esc=$(printf '\033')
expect 'a finding piped is exit 1' 1 cscheck -C s --rules art16
check 'no escape codes when stdout is not a terminal' '! out | grep -q "$esc"'
if command -v script > /dev/null; then
	script -qc "cscheck -C s --rules art16" /dev/null > "$scratch/tty.out" 2>&1
	check 'on a terminal the severity is coloured' 'grep -q "${esc}\[31merror" "$scratch/tty.out"'
	NO_COLOR=1 script -qc "cscheck -C s --rules art16" /dev/null > "$scratch/tty.out" 2>&1
	check 'NO_COLOR turns colour off on a terminal' '! grep -q "$esc" "$scratch/tty.out" && grep -q "error: art16.gift" "$scratch/tty.out"'
else
	echo "# skip: script(1) is not installed"
fi
