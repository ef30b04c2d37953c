# cscheck --audit: the history itself is checked (DESIGN 7).
. "$CS_TOP/tests/cmd/lib.sh"

git_hand() { git -C s -c core.hooksPath=/dev/null -c user.name=h -c user.email=h@x "$@"; }

csinit s --district 审计区 2>/dev/null
C="-C s"
csassign $C office add o1 --name 甲所 >/dev/null
csassign $C firm add f1 --name 甲所律师事务所 >/dev/null
csassign $C lawyer add wang --name 王律师 --firm f1 >/dev/null
csassign $C community add c1 --name 东风社区 --office o1 --head 张主任 >/dev/null
csassign $C pair --lawyer wang --community c1 --from 2026-09-01 --schedule 'Wed 14:00-17:30' \
	--place 工作室 --agreement A1 >/dev/null
id=$(CS_NOW=2026-10-08T10:00 cslog $C add consultation --lawyer wang --date 2026-10-08 --content 咨询)
id2=$(CS_NOW=2026-10-08T11:00 cslog $C add consultation --lawyer wang --date 2026-10-08 --start 10:00 --end 10:30 --content 二次咨询)
CS_NOW=2026-10-09T10:00 cslog $C sign "$id" "$id2" --by 张主任 >/dev/null

expect 'a history made by the commands is clean' 0 cscheck $C --audit
check 'and the summary says so' 'grep -q "0 errors" "$scratch/.err"'

CS_NOW=2026-10-10T10:00 cslog $C amend "$id" --set result=已解答 --reason 补充 >/dev/null
expect 'an amendment of a signed entry is no finding' 0 cscheck $C --audit
base=$(git -C s rev-parse HEAD)

# a signed entry edited by hand
f=$(git -C s ls-files "records/log/*$id2.yaml")
sed -i 's/二次咨询/改过的内容/' "s/$f"
git_hand commit -qam 'edit by hand'
expect 'a signed entry changed by hand is an error' 1 cscheck $C --audit --format json
check 'audit.signed-modified names the record' 'grep -q "\"rule\": \"audit.signed-modified\"" "$scratch/.out" && grep -q "\"record\": \"$id2\"" "$scratch/.out"'
check 'audit.manual for a commit without Cs-Command' 'grep -q "\"rule\": \"audit.manual\"" "$scratch/.out"'
check 'each audit finding names its commit' 'grep -q "\"commit\": \"$(git -C s rev-parse HEAD)\"" "$scratch/.out"'

# --since limits the walk
expect '--since the last clean commit still sees the hand edit' 1 cscheck $C --audit --since "$base"
expect '--since HEAD sees nothing' 0 cscheck $C --audit --since HEAD

# a deleted record
git_hand rm -q records/offices/o1.yaml
git_hand commit -qm 'remove an office'
expect 'a removed record is an error' 1 cscheck $C --audit --since HEAD~1 --format json
check 'audit.deleted names the file' 'grep -q "\"rule\": \"audit.deleted\"" "$scratch/.out" && grep -q "records/offices/o1.yaml" "$scratch/.out"'

# a sealed month changed
git_hand revert --no-edit HEAD >/dev/null 2>&1
CS_NOW=2026-11-02T09:00 csreport $C monthly --month 2026-10 --lawyer wang --commit >/dev/null
sealed=$(git -C s rev-parse HEAD)
CS_NOW=2026-11-04T09:00 cslog $C amend "$id" --set result=已解答并回访 --reason 回访 >/dev/null
expect 'an amendment of a sealed entry is only a warning' 0 cscheck $C --audit --since "$sealed" --format json
check 'audit.sealed-modified lists it' 'grep -q "\"rule\": \"audit.sealed-modified\"" "$scratch/.out" && grep -q "\"severity\": \"warning\"" "$scratch/.out"'

# a rewritten history
old=$(git -C s rev-parse HEAD)
git -C s reset -q --hard HEAD~1
expect 'the bureau copy not an ancestor: rewritten' 1 cscheck $C --audit --since HEAD --against "$old"
check 'audit.rewritten reported' 'grep -q "audit.rewritten" "$scratch/.out"'
expect 'an ancestor is no finding' 0 cscheck $C --audit --since HEAD --against HEAD~1

expect 'an unknown --since is 66' 66 cscheck $C --audit --since nosuchrev
expect '--since without --audit is 64' 64 cscheck $C --since HEAD
expect '--audit with --period is 64' 64 cscheck $C --audit --period 2026-10
