# Copies of a store merge without conflict (DESIGN 8), and a report filed in an
# office's copy counts from the office's commit, not from the merge.
. "$CS_TOP/tests/cmd/lib.sh"
export GIT_CONFIG_NOSYSTEM=1

at() { CS_NOW=$1; export CS_NOW; shift; "$@"; }
at 2026-09-01T09:00 csinit bureau --district 合区 2>/dev/null
cd bureau || exit 1
at 2026-09-01T09:01 csassign office add o1 --name 甲所 >/dev/null
at 2026-09-01T09:02 csassign firm add f1 --name 甲律所 >/dev/null
at 2026-09-01T09:03 csassign lawyer add wang --name 王 --firm f1 >/dev/null
at 2026-09-01T09:04 csassign community add c1 --name 东风 --office o1 --head 张 >/dev/null
at 2026-09-01T09:05 csassign pair --lawyer wang --community c1 --from 2026-10-01 \
	--schedule 'Wed 14:00-17:30' --place 室 --agreement A >/dev/null
cd .. && git clone -q bureau office 2>/dev/null
# each copy goes on by itself
cd office || exit 1
at 2026-10-14T18:00 cslog add consultation --lawyer wang --date 2026-10-14 --content 办公室副本 >/dev/null
at 2026-11-02T09:00 csreport monthly --month 2026-10 --lawyer wang --commit >/dev/null
at 2026-11-03T09:00 csreport monthly --month 2026-10 --office o1 --commit >/dev/null
cd ../bureau || exit 1
at 2026-10-20T18:00 cslog add consultation --lawyer wang --date 2026-10-20 --content 区局副本 >/dev/null
# the bureau merges the office's copy three days later
GIT_AUTHOR_DATE=2026-11-05T10:00:00 GIT_COMMITTER_DATE=2026-11-05T10:00:00 \
	git -c user.name=b -c user.email=b@x -c core.hooksPath=/dev/null pull -q --no-rebase --no-edit ../office main > /dev/null 2>&1
check 'the copies merged without a conflict' '[ "$(git rev-list --count --merges HEAD)" = 1 ] && [ -z "$(git status --porcelain)" ]'
expect 'both entries are in the merged store' 0 cslog list --month 2026-10
check 'the two consultations' '[ "$(out | grep -c consultation)" = 2 ]'
expect 'the reports filed in the office copy on 11-02 and 11-03 are on time' 0 cscheck --rules art18.report --today 2026-11-10 --format json
check 'no art18 finding for the lawyer' '! out | grep -q "lawyer-wang"'
expect 'the merge is no audit finding of deletion' 0 cscheck --audit --format json
