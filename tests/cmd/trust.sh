# Trust (DESIGN 7): one validation for the write path and cscheck, fields
# only their commands set, verifiable sign-offs, an audit that reads
# content, seals that hold, pairings changed by the rules, imports without
# doubles, personal data masked.
. "$CS_TOP/tests/cmd/lib.sh"

git_hand() { git -c core.hooksPath=/dev/null -c user.name=h -c user.email=h@x "$@"; }
refused() { # description, status, what the message names, command...: refused, nothing written
	rd=$1; rst=$2; rwhat=$3; shift 3
	rb=$(snapshot .)
	expect "$rd: exit $rst" "$rst" "$@"
	check "$rd: the message names $rwhat" 'grep -qF -- "$rwhat" "$scratch/.err"'
	check "$rd: nothing written" '[ "$(snapshot .)" = "$rb" ]'
}

csinit s --district 信任区 2>/dev/null || echo 'not ok - csinit'
cd s || exit 1
export CS_NOW=2026-09-01T09:00:00
{
	csassign office add o1 --name 甲所
	csassign firm add f1 --name 甲律所
	csassign lawyer add wang --name 王丽 --firm f1
	csassign lawyer add zhao --name 赵强 --firm f1
	csassign community add c1 --name 东风社区 --office o1 --head 张主任 --head 李书记
	csassign community add c2 --name 西苑社区 --office o1 --head 周主任
	csassign community add c3 --name 南苑社区 --office o1 --head 钱主任
	csassign pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
		--place 工作室 --agreement A1
	csassign pair --lawyer zhao --community c2 --from 2026-09-01 --schedule 'Thu 14:00-17:30' \
		--place 活动室 --agreement A2
} > "$scratch/setup" 2>&1 || { echo 'not ok - setting up'; cat "$scratch/setup"; }
p1=$(csassign who c1 --format json | sed -n 's/.*"id": "\(2026[^"]*\)".*/\1/p' | head -1)
export CS_NOW=2026-10-12T18:00:00
export CS_LAWYER=wang
T='--date 2026-10-12 --start 09:00 --end 10:00'

# --- 1. fields owned by a command --------------------------------------------
refused '--set signed_by' 65 signed_by cslog add consultation $T --set signed_by=张主任 --set signed_at=2026-10-12T10:00
refused '--set voided_at at creation' 65 voided_at cslog add consultation $T --set voided_at=2026-10-12T10:00
refused '--set accepted_at on a request' 65 accepted_at cslog add request --date 2026-10-12 --start 08:00 --set accepted_at=2026-11-31T10:00
refused '--set recorded_at' 65 recorded_at cslog add consultation $T --set recorded_at=2026-10-01T10:00
printf 'kind: consultation\ndate: 2026-10-12\ncommunity: c1\nlawyer: wang\nsigned_by: 张主任\nsigned_at: 2026-10-12T11:00\n' > "$scratch/born.yaml"
refused 'add - born signed' 65 signed_by sh -c 'cslog add - < "$1"' sh "$scratch/born.yaml"
check 'add -: the line of the field is named' 'grep -q "<stdin>:5: signed_by" "$scratch/.err"'
printf 'kind,date,start,end,signed_by\nconsultation,2026-10-12,09:00,10:00,张主任\n' > "$scratch/signed.csv"
refused 'import with a signed_by column' 65 signed_by cslog import "$scratch/signed.csv"

# --- write-time validation, the same as cscheck's -----------------------------
refused 'a request received on 2026-02-30' 65 received_at cslog add request --date 2026-10-12 --start 08:00 --set received_at=2026-02-30T10:00
check '... named as not a real date and time' 'grep -q "not a real date and time" "$scratch/.err"'
refused 'an entry a year after now' 65 schema.future cslog add consultation --date 2027-10-12 --start 09:00 --end 10:00
refused 'a visit naming office nooffice' 65 nooffice cslog add visit --community c1 --date 2026-10-12 --set office=nooffice --set visitor=刘所长
check '... as ref.office' 'grep -q "ref.office" "$scratch/.err"'
refused 'a lawyer with phone abc' 65 phone csassign lawyer add qian --name 钱 --firm f1 --phone abc
check '... saying what a phone number is' 'grep -q "is not a phone number" "$scratch/.err"'
refused 'a weekly schedule of one hour' 65 schema.schedule csassign pair --lawyer zhao --community c3 --from 2026-10-13 --schedule 'Mon 09:00-10:00' --place 室 --agreement A3
refused 'an entry outside any pairing' 65 ref.pairing cslog add consultation --lawyer zhao --community c1 $T
req=$(cslog add request --date 2026-10-12 --start 08:30 --content 求助)
refused 'accepting before the receipt' 65 accepted_at cslog accept "$req" --on 2026-10-12T08:00
refused 'accepting in the future' 65 schema.future cslog accept "$req" --on 2026-10-13T08:00
ok 'accepting now' cslog accept "$req"
refused 'amend --set signed_by' 65 signed_by cslog amend "$req" --set signed_by=张主任 --reason r
refused 'amend --set accepted_at' 65 accepted_at cslog amend "$req" --set accepted_at=2026-10-12T09:00 --reason r

# the same records committed by hand: cscheck reports them with the same rules
mkdir -p records/log/c1/2026/10
printf 'kind: consultation\nid: 20271012-aaaaaa\ndate: 2027-10-12\ncommunity: c1\nlawyer: wang\n' > records/log/c1/2026/10/x1.yaml
mkdir -p records/log/c1/2027/10
mv records/log/c1/2026/10/x1.yaml records/log/c1/2027/10/20271012-aaaaaa.yaml
printf 'kind: request\nid: 20261012-bbbbbb\ndate: 2026-10-12\ncommunity: c1\nlawyer: wang\nreceived_at: 2026-02-30T10:00\n' > records/log/c1/2026/10/20261012-bbbbbb.yaml
printf 'kind: visit\nid: 20261012-cccccc\ndate: 2026-10-12\ncommunity: c1\nlawyer: wang\noffice: nooffice\nvisitor: 刘\n' > records/log/c1/2026/10/20261012-cccccc.yaml
expect 'cscheck --worktree sees the hand-made records' 1 cscheck --worktree --format json
check '... schema.future for the one a year ahead' 'grep -q "\"rule\": \"schema.future\"" "$scratch/.out"'
check '... schema.invalid for 2026-02-30' 'grep -q "received_at: .2026-02-30T10:00. is not a real date" "$scratch/.out"'
check '... ref.office for nooffice' 'grep -q "\"rule\": \"ref.office\"" "$scratch/.out"'
expect 'the pre-commit hook refuses them' 1 sh -c 'git add records && git commit -qm hand 2>/dev/null'
git reset -q HEAD records; rm -rf records/log/c1/2027 records/log/c1/2026/10/20261012-bbbbbb.yaml records/log/c1/2026/10/20261012-cccccc.yaml
check 'the working tree is clean again' '[ -z "$(git status --porcelain)" ]'

# --- 2. verifiable sign-offs ----------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -C head -f "$scratch/head" < /dev/null
ssh-keygen -q -t ed25519 -N '' -C other -f "$scratch/other" < /dev/null
ok 'csassign key add a head' csassign key add 张主任 --key "$scratch/head.pub"
kslug=$(out)
check 'the key is a record under records/keys' '[ -f "records/keys/$kslug.yaml" ] && grep -qx "role: head" "records/keys/$kslug.yaml" && grep -q "^fingerprint: .*SHA256:" "records/keys/$kslug.yaml"'
check 'one commit' 'git log -1 --format=%B | grep -qx "Cs-Command: csassign key add"'
refused 'a second key for the same head' 73 张主任 csassign key add 张主任 --key "$scratch/other.pub"
refused 'a private key given as public' 65 'SSH public key' csassign key add 李书记 --key "$scratch/head"
ok 'key list' csassign key list
check 'key list names the head' 'out | grep -q 张主任'
e1=$(cslog add consultation $T --content 咨询一)
refused 'signing without the key at hand' 65 'registered key' env SSH_AUTH_SOCK=/nonexistent cslog sign "$e1" --by 张主任
refused 'signing with another key' 65 'not the key registered' cslog sign "$e1" --by 张主任 --key "$scratch/other"
ok 'signing with the head'"'"'s key' cslog sign "$e1" --by 张主任 --key "$scratch/head"
check 'the sign-off commit carries an SSH signature' 'git cat-file commit HEAD | grep -q "^gpgsig -----BEGIN SSH SIGNATURE-----"'
printf '张主任 namespaces="git" %s\n' "$(cut -d" " -f1,2 "$scratch/head.pub")" > "$scratch/allowed"
check 'git itself verifies it against the key' 'git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$scratch/allowed" verify-commit HEAD 2>/dev/null'
expect 'the audit finds the history clean' 0 cscheck --audit
if command -v ssh-agent > /dev/null && command -v ssh-add > /dev/null; then
	eval "$(ssh-agent -s -a "$scratch/agent.sock")" > /dev/null
	ssh-add -q "$scratch/head" 2> /dev/null
	e2=$(cslog add consultation --date 2026-10-12 --start 11:00 --end 11:30 --content 咨询二)
	ok 'signing through ssh-agent (the head'"'"'s key on the clerk'"'"'s machine)' cslog sign "$e2" --by 张主任
	check 'that commit is signed too' 'git cat-file commit HEAD | grep -q "^gpgsig"'
	ssh-agent -k > /dev/null 2>&1
	unset SSH_AUTH_SOCK SSH_AGENT_PID
fi
# a forged sign-off: by hand, with a command's trailer
e3=$(cslog add consultation --date 2026-10-12 --start 12:00 --end 12:30 --content 咨询三)
f3=$(git ls-files "records/log/*$e3.yaml")
printf 'signed_by: 张主任\nsigned_at: 2026-10-12T18:00\n' >> "$f3"
git_hand commit -qm "Sign $e3" -m "Cs-Command: cslog sign
Cs-Record: $f3" "$f3"
expect 'the audit refuses a forged sign-off' 1 cscheck --audit --format json
check '... as audit.unverified-sign' 'grep -q "\"rule\": \"audit.unverified-sign\"" "$scratch/.out"'
check '... naming the entry' 'grep -q "\"record\": \"$e3\"" "$scratch/.out"'
forged=$(git rev-parse HEAD)
# a store that requires signatures
sed -i 's/^  require_signatures: false$/  require_signatures: true/' cs.yaml
check 'cs.yaml has require_signatures (csinit writes every parameter)' 'grep -qx "  require_signatures: true" cs.yaml'
git_hand commit -qam 'require signatures'
e4=$(cslog add consultation --community c2 --lawyer zhao --date 2026-10-12 --start 09:00 --end 09:30)
refused 'an unsigned sign-off where signatures are required' 65 require_signatures cslog sign "$e4" --by 周主任

# --- 3. the audit reads content, not trailers ------------------------------------
f1=$(git ls-files "records/log/*$e1.yaml")
sed -i 's/咨询一/改过/' "$f1"
git_hand commit -qm "Amend $e1" -m "Cs-Command: cslog amend
Cs-Record: $f1
Cs-Amends: $e1
Cs-Reason: 笔误" "$f1"
expect 'a hand edit of a signed entry under a forged amend trailer is an error' 1 cscheck --audit --since "$forged" --format json
check '... audit.signed-modified, whatever the trailer says' 'grep -q "\"rule\": \"audit.signed-modified\"" "$scratch/.out" && grep -q "\"record\": \"$e1\"" "$scratch/.out"'
sed -i 's/改过/再改/' "$f1"
git_hand commit -qm 'typo' "$f1"
ok 'history of the entry' cslog history "$e1"
check 'history marks the plain-git commit manual, in text' 'out | grep "  typo$" | grep -q "  manual  "'
check 'and names the command a trailer claims' 'out | grep "Amend $e1" | grep -q "  cslog amend  "'
check 'history names the command of the others' 'out | grep -q "cslog add" && out | grep -q "cslog sign"'
ok 'history --format json' cslog history "$e1" --format json
check '... "command": "manual" only for the plain-git one' '[ "$(out | grep -c "\"command\": \"manual\"")" -eq 1 ]'

# --- 4. seals that hold ------------------------------------------------------------
export CS_NOW=2026-10-20T09:00:00
refused 'filing a month that has not ended' 65 'has not ended' csreport monthly --month 2026-10 --lawyer wang --commit
refused 'filing a month in the future' 65 'has not ended' csreport monthly --month 2027-05 --lawyer wang --commit
export CS_NOW=2026-11-02T09:00:00
ok 'filing October on 11-02' csreport monthly --month 2026-10 --lawyer wang --commit
report=$(out)
filed=$(git rev-parse HEAD)
activities=$(sed -n 's/^  activities: //p' "$report")
refused 'adding to the sealed month' 65 sealed cslog add consultation $T --content 补录
check '... saying how (--late --reason)' 'grep -q -- "--late --reason" "$scratch/.err"'
printf 'kind,date,start,end,content\nconsultation,2026-10-13,09:00,10:00,补录\n' > "$scratch/late.csv"
refused 'importing into the sealed month' 65 sealed cslog import "$scratch/late.csv"
refused '--late without --reason' 64 reason cslog add consultation $T --late
ok 'a late entry with --late --reason' cslog add consultation --date 2026-10-13 --start 09:00 --end 10:00 --late --reason 纸质记录迟交
late=$(out)
check 'the entry keeps its reason' 'grep -qx "late_reason: 纸质记录迟交" "$(git ls-files "records/log/*$late.yaml")"'
refused '--late for a month not filed' 65 'not filed' cslog add consultation --date 2026-11-02 --start 08:00 --end 08:30 --late --reason x
expect 'the audit lists the late entry' 0 cscheck --audit --since "$filed" --format json
check '... as audit.late-entry, a warning' 'grep -q "\"rule\": \"audit.late-entry\"" "$scratch/.out" && grep -q "\"severity\": \"warning\"" "$scratch/.out"'
ok 'the report of the month lists it' csreport monthly --month 2026-10 --lawyer wang --format json
check '... under late_entries' 'out | grep -q "\"late_entries\"" && out | grep -q "$late"'
git_hand show "$filed:$report" > /dev/null
# by hand into the sealed month
fh=records/log/c1/2026/10/20261014-hhhhhh.yaml
printf 'kind: consultation\nid: 20261014-hhhhhh\ndate: 2026-10-14\nstart: '"'"'09:00'"'"'\nend: '"'"'10:00'"'"'\ncommunity: c1\nlawyer: wang\n' > "$fh"
git_hand add "$fh" && git_hand commit -qm 'hand entry' "$fh"
expect 'an entry added by hand to a sealed month is an error' 1 cscheck --audit --since "$filed" --format json
check '... audit.late-entry, an error' 'grep -B3 -A8 "20261014-hhhhhh" "$scratch/.out" | grep -q "\"severity\": \"error\""'
refused 'supersede without a reason' 64 reason csreport monthly --month 2026-10 --lawyer wang --commit --supersede
export CS_NOW=2026-11-06T09:00:00
ok 'a corrected report with --supersede --reason' csreport monthly --month 2026-10 --lawyer wang --commit --supersede --reason 补录迟交记录
check 'it records what it supersedes' 'grep -q "^supersedes:" "$report" && grep -q "reason: 补录迟交记录" "$report"'
check 'both filings are in the history' '[ "$(git log --format=%H -- "$report" | wc -l)" -eq 2 ]'
cscheck --rules art18 --period 2026-10 --today 2026-11-06 --format json > "$scratch/art18" 2>&1
check 'art18 keeps the first filing time: no finding for the superseded report' 'grep -q "office-o1" "$scratch/art18" && ! grep -q "lawyer-wang" "$scratch/art18"'
expect 'the audit lists the supersede as a warning' 1 cscheck --audit --since "$filed" --format json
check '... audit.filed-modified, a warning' 'grep -A6 "lawyer-wang" "$scratch/.out" | grep -q "\"severity\": \"warning\""'
sed -i 's/^  activities: .*/  activities: 99/' "$report"
git_hand commit -qam 'fix the count'
expect 'a filed report changed by hand is an error' 1 cscheck --audit --since HEAD~1 --format json
check '... audit.filed-modified, an error' 'grep -q "\"rule\": \"audit.filed-modified\"" "$scratch/.out" && grep -q "\"severity\": \"error\"" "$scratch/.out"'

# --- 5. pairings -----------------------------------------------------------------
export CS_NOW=2026-11-10T10:00:00
refused 'a change filed in the future' 65 'after today' csassign change "$p1" --schedule 'Fri 14:00-17:30' --effective 2026-12-01 --filed 2026-11-20 --reason 调整
refused 'a change taking effect before today' 65 'before today' csassign change "$p1" --lawyer zhao --effective 2026-10-01 --filed 2026-09-01 --reason 调动
today=$(cslog add consultation --date 2026-11-10 --start 08:00 --end 09:00 --content 今天)
refused 'a change from today leaving today'"'"'s entries outside any pairing' 65 'outside any pairing' csassign change "$p1" --lawyer zhao --effective 2026-11-10 --filed 2026-11-05 --reason 调动
ok 'the refused change recorded (outcome refused)' csassign change "$p1" --lawyer zhao --effective 2026-10-01 --filed 2026-09-01 --reason 调动 --outcome refused
cf=$(git ls-files 'records/changes/*.yaml' | head -1)
check '... a change record with outcome refused, no new pairing' 'grep -qx "outcome: refused" "$cf" && ! grep -q "^new_assignment:" "$cf"'
check '... the pairing goes on' 'csassign who c1 | grep -q wang'
refused 'ending a pairing before its entries' 65 'outside any pairing' csassign end "$p1" --on 2026-10-10 --reason 合同到期
csassign pair --lawyer wang --community c3 --from 2026-11-01 --schedule 'Mon 09:00-12:00' --place 室 --agreement A4 > /dev/null 2>&1
refused 'a lawyer with two pairings and no --community' 64 c3 cslog add consultation --date 2026-11-09 --start 09:00 --end 10:00
check '... naming both communities' 'grep -q c1 "$scratch/.err" && grep -q c3 "$scratch/.err"'

# --- 6. imports without doubles ------------------------------------------------------
printf 'kind,date,start,end,content\nconsultation,2026-11-04,09:00,10:00,导入\nconsultation,2026-11-05,09:00,10:00,导入二\n' > "$scratch/twice.csv"
ok 'an import' cslog import --community c1 "$scratch/twice.csv"
refused 'the same file again' 65 twice.csv:2 cslog import --community c1 "$scratch/twice.csv"
check '... naming every row' 'grep -q "twice.csv:3" "$scratch/.err"'
ok '--allow-duplicates imports it again' cslog import --community c1 --allow-duplicates "$scratch/twice.csv"

# --- 7. personal data --------------------------------------------------------------
pd=$(cslog add consultation --community c1 --date 2026-11-09 --start 10:00 --end 11:00 \
	--target-type resident --target-name 陈秀英 --target-contact 13800001234 --content '居民手机13800001234咨询')
for f in text yaml json; do
	ok "show --format $f" cslog show "$pd" --format $f
	check "show $f masks the resident" '! out | grep -q 陈秀英 && ! out | grep -q 13800001234 && out | grep -q "陈\*\*"'
done
for f in text yaml json csv md html; do
	ok "list --format $f" cslog list --month 2026-11 --format $f
	check "list $f masks the resident" '! out | grep -q 陈秀英 && ! out | grep -q 13800001234'
done
ok 'history' cslog history "$pd" --format json
check 'history masks the resident' '! out | grep -q 陈秀英 && ! out | grep -q 13800001234'
ok 'show --reveal' cslog show "$pd" --reveal
check '--reveal shows the data' 'out | grep -q 陈秀英 && out | grep -q 13800001234'
ok 'list --reveal' cslog list --month 2026-11 --reveal --format json
check '... in the list too' 'out | grep -q 陈秀英'
ok 'history --reveal' cslog history "$pd" --reveal
check '... and in the history' 'out | grep -q 陈秀英'
rep=$(cslog add representation --date 2026-11-09 --community c1 --set opposing=刘建军 --set opposing_type=resident)
expect 'art13.conflict' 1 cscheck --rules art13 --format json
check 'the finding does not carry the opposing party'"'"'s name' 'out | grep -q art13.conflict && ! out | grep -q 刘建军'

# --- more of the same kind: forged trailers on what no command writes ----------
base=$(git rev-parse HEAD)
sed -i 's/^  sign_within_days: .*/  sign_within_days: 30/' cs.yaml
git_hand commit -qam 'Relax signing' -m 'Cs-Command: cslog sign
Cs-Record: records/log/x.yaml'
expect 'cs.yaml changed under a forged trailer is caught' 1 cscheck --audit --since "$base" --format json
check '... as audit.manual naming cs.yaml' 'grep -q "\"rule\": \"audit.manual\"" "$scratch/.out" && grep -q "\"path\": \"cs.yaml\"" "$scratch/.out"'
base=$(git rev-parse HEAD)
kf=$(git ls-files 'records/keys/*.yaml' | head -1)
sed -i "s|^key: .*|key: $(cut -d' ' -f1,2 "$scratch/other.pub")|" "$kf"
git_hand commit -qam "Register the signing key" -m "Cs-Command: csassign key add
Cs-Record: $kf"
expect 'a registered key replaced under a forged trailer is caught' 1 cscheck --audit --since "$base" --format json
check '... as audit.filed-modified' 'grep -q "\"rule\": \"audit.filed-modified\"" "$scratch/.out"'
expect '... and cscheck refuses the key record (fingerprint)' 1 cscheck --format json
check '... schema.key' 'grep -q "\"rule\": \"schema.key\"" "$scratch/.out"'
# a sign-off that also changes the entry, under the sign command's trailers
e5=$(CS_NOW=2026-11-10T11:00 cslog add consultation --community c1 --date 2026-11-10 --start 10:00 --end 10:30 --content 原文)
f5=$(git ls-files "records/log/*$e5.yaml")
base=$(git rev-parse HEAD)
sed -i 's/^content: 原文/content: 改写/' "$f5"
printf 'signed_by: 李书记\nsigned_at: 2026-11-10T12:00\n' >> "$f5"
git_hand commit -qm "Sign $e5" -m "Cs-Command: cslog sign
Cs-Record: $f5" "$f5"
expect 'a sign-off that also rewrites the entry is caught' 1 cscheck --audit --since "$base" --format json
check '... as audit.signed-modified' 'grep -q "\"rule\": \"audit.signed-modified\"" "$scratch/.out" && grep -q "signed and changed in one commit" "$scratch/.out"'
# an edit hidden in a merge of two copies
base=$(git rev-parse HEAD)
git_hand checkout -q -b office
e6=$(CS_NOW=2026-11-10T13:00 cslog add consultation --community c1 --date 2026-11-10 --start 11:00 --end 11:30 --content 分所录入)
git_hand checkout -q main 2>/dev/null || git_hand checkout -q master
f6=$(git ls-tree -r --name-only office | grep "$e6")
git_hand merge -q --no-ff --no-commit office > /dev/null 2>&1
sed -i 's/分所录入/合并时改过/' "$f6"
git_hand add "$f6" && git_hand commit -qm 'Merge the office copy'
expect 'an edit hidden in a merge is caught' 1 cscheck --audit --since "$base" --format json
check '... as audit.manual naming the merge' 'grep -q "changes $f6 itself" "$scratch/.out"'

# --- confidentiality at rest (Art 15): records 0640 or tighter in a 0750 store ---
f=$(git ls-files 'records/log/*.yaml' | head -1)
check 'the store is 0750' '[ "$(stat -c %a .)" = 750 ] && [ "$(stat -c %a .git)" = 750 ]'
check 'a record file is 0640' '[ "$(stat -c %a "$f")" = 640 ]'
check 'its directory is 0750' '[ "$(stat -c %a "$(dirname "$f")")" = 750 ]'
check 'no resident'"'"'s name or number in any commit message' \
	'! git log --format=%B | grep -q -e 陈秀英 -e 13800001234 -e 刘建军'
