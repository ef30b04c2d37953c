#!/bin/sh
# Confidentiality at rest (Art 15; README "Confidentiality"): the store is
# 0750 and its files 0640 or tighter whatever the umask; no resident's
# name, phone or ID number in a commit message, an error message or a lock
# or marker file of the git directory.
. "$CS_TOP/tests/cmd/lib.sh"

name=陈秀英
phone=13800001234
idno=11010519491231002X
umask 000
csinit s --district 测试区 2>/dev/null || echo 'not ok - csinit failed'
cd s || exit 1
{
	csassign office add xincheng --name 新城司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
	csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
} > "$scratch/setup.out" 2>&1 || echo 'not ok - setting up the store failed'
export CS_LAWYER=wang-li

ok 'cslog add of a resident with name, phone and ID number' \
	cslog add consultation --date 2026-09-09 --start 09:00 --end 10:00 \
	--target-type resident --target-name "$name" --target-contact "$phone" \
	--set target.id_number="$idno" --content "$name 来电 $phone 咨询租房押金"
entry=$(out)
ok 'cslog add of a request from the resident' \
	cslog add request --date 2026-10-09 --start 09:00 --target-name "$name" --set from="居民$name"
request=$(out)
ok 'cslog sign' cslog sign "$entry" --by 张主任
ok 'cslog accept' cslog accept "$request"
ok "cslog amend with the resident's phone and ID number in the reason" \
	cslog amend "$entry" --set result=已告知 --reason "$name 电话 $phone 身份证 $idno 更正"
printf 'date,start,end,kind,target.name,target.contact,content\n2026-10-08,09:00,10:00,consultation,%s,%s,%s %s\n' \
	"$name" "$phone" "$name" "$phone" > "$scratch/in.csv"
ok 'cslog import of a row naming the resident' cslog import "$scratch/in.csv"
ok "cslog void with the resident's phone in the reason" cslog void "$request" --reason "$phone 撤回"
CS_NOW=2026-10-02T09:00 ok 'csreport monthly --commit' csreport monthly --month 2026-09 --lawyer wang-li --commit
ok 'cscheck (fills the cache)' sh -c 'cscheck > /dev/null; [ $? -le 1 ]'

# --- modes ---------------------------------------------------------------------
mode() { stat -c %a "$1"; }
check 'the store is 0750 under umask 000' '[ "$(mode .)" = 750 ]'
check 'its git directory is 0750' '[ "$(mode .git)" = 750 ]'
check 'cs.yaml is 0640' '[ "$(mode cs.yaml)" = 640 ]'
check 'every calendar file is 0640' '[ -z "$(find calendar -type f ! -perm 640)" ] && [ -n "$(ls calendar)" ]'
check 'every record file is 0640 or tighter (no group write, nothing for others)' \
	'[ -z "$(find records -type f -perm /0137)" ] && [ -n "$(find records/log -type f)" ]'
check 'the entries, the imported one and the filed report are among them' \
	'[ "$(find records/log records/reports -type f | wc -l)" -ge 4 ]'
check 'every directory of the working tree is 0750 or tighter' \
	'[ -z "$(find . -path ./.git -prune -o -type d -perm /0027 -print)" ]'
check 'cs.lock is 0640 or tighter' '[ -z "$(find .git/cs.lock -perm /0137)" ]'
check 'the cache is 0700, its files 0600' \
	'[ "$(mode .git/cs-cache)" = 700 ] && [ -z "$(find .git/cs-cache -type f ! -perm 600)" ] && [ -n "$(ls .git/cs-cache)" ]'
csinit --bare b.git --district 测试区 2>/dev/null
check 'a bare store is 0750 under umask 000' '[ "$(mode b.git)" = 750 ]'

# --- commit messages -----------------------------------------------------------
git log --format=%B > "$scratch/messages"
check 'the commits were made' '[ "$(git rev-list --count HEAD)" -ge 12 ]'
check "no commit message names the resident" '! grep -qF "$name" "$scratch/messages"'
check "no commit message holds the phone number" '! grep -qF "$phone" "$scratch/messages"'
check "no commit message holds the ID number" '! grep -qF "$idno" "$scratch/messages"'
check 'the reasons are kept, masked: the name of the resident of the entry, the numbers' \
	'grep -qF "Cs-Reason: 陈** 电话 138****1234 身份证 110105********002X 更正" "$scratch/messages" &&
	 grep -qF "Cs-Reason: 138****1234 撤回" "$scratch/messages"'
ok 'cslog history' cslog history "$entry"
check 'cslog history shows the reason masked' '! out | grep -qF "$phone" && out | grep -qF "138****1234"'

# --- lock and marker files -----------------------------------------------------
check 'cs.lock is empty' '[ ! -s .git/cs.lock ]'
# the index held by git: the write stands and .git/cs-pending names what to repair
: > .git/index.lock
ok 'cslog add while git holds the index' \
	cslog add consultation --date 2026-10-10 --target-name "$name" --target-contact "$phone"
check 'cs-pending is left for the repair' '[ -s .git/cs-pending ]'
check 'cs-pending holds paths only (no name, no phone)' \
	'! grep -vE "^records/[a-z0-9/-]+\.yaml$" .git/cs-pending && ! grep -qF -e "$name" -e "$phone" .git/cs-pending'
check 'no marker file of the git directory holds personal data' \
	'! grep -lF -e "$name" -e "$phone" .git/cs.lock .git/cs-pending .git/cs-index .git/cs-ref 2>/dev/null | grep -q .'
rm -f .git/index.lock

# --- error messages ------------------------------------------------------------
# bad DESCRIPTION STATUS COMMAND...: refused, and neither the name nor the
# phone nor the ID number given is in the message
refused() {
	rd=$1; rst=$2; shift 2
	expect "$rd: exit $rst" "$rst" "$@"
	check "$rd: the message holds no personal data" \
		'[ -s "$scratch/.err" ] && ! grep -qF -e "$name" -e "$phone" -e "$idno" "$scratch/.err"'
}
refused 'a target name too long' 65 cslog add consultation --date 2026-10-10 \
	--target-name "$name$(printf '%0100d' 0)" --target-contact "$phone"
refused 'a contact that is a number on stdin' 65 sh -c "printf 'kind: consultation\ndate: 2026-10-08\ncommunity: hepingli\nlawyer: wang-li\ntarget:\n  name: $name\n  contact: $phone\n' | cslog add -"
refused 'an unknown field holding the phone on stdin' 65 sh -c "printf 'kind: consultation\ndate: 2026-10-08\ncommunity: hepingli\nlawyer: wang-li\ntarget:\n  name: $name\n  age: \"$phone\"\n' | cslog add -"
refused 'an ID number too long' 65 cslog add consultation --date 2026-10-10 \
	--target-name "$name" --set target.id_number="${idno}1234567890$(printf '%040d' 0)"
refused 'a target type that does not exist, with a name' 64 cslog add consultation \
	--date 2026-10-10 --target-type alien --target-name "$name" --target-contact "$phone"
refused 'a representation opposing a resident of the community (Art 13)' 65 cslog add representation \
	--date 2026-10-10 --set opposing="$name" --set opposing_type=alien --set client="$name"
refused 'an import row the store has already' 65 cslog import "$scratch/in.csv"
refused 'a gift of negative value from the resident' 65 cslog add gift --date 2026-10-10 \
	--set item=锦旗 --set giver="$name" --set value=-1
refused 'an amendment of the contact to a mapping' 65 cslog amend "$entry" \
	--set target.contact.x="$phone" --reason 复核
cscheck > "$scratch/findings" 2>&1
check 'cscheck finds the phone in the content (art15.privacy)' 'grep -q "art15.privacy" "$scratch/findings"'
check "no finding of cscheck holds the resident's name or numbers" \
	'! grep -qF -e "$name" -e "$phone" -e "$idno" "$scratch/findings"'
