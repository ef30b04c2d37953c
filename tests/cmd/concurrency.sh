#!/bin/sh
# Concurrent commands never corrupt a store or lose an entry; a command killed
# at any moment leaves the old state or the new one (DESIGN 4).
. "$CS_TOP/tests/cmd/lib.sh"
# the entries below are logged after lib.sh's "now"
export CS_NOW=2026-10-31T18:00:00

setup() { # store directory: a directory with two pairings
	{
		csassign -C "$1" office add xincheng --name 新城司法所
		csassign -C "$1" firm add dacheng --name 大成律师事务所
		csassign -C "$1" lawyer add wang-li --name 王丽 --firm dacheng
		csassign -C "$1" lawyer add zhao --name 赵强 --firm dacheng
		csassign -C "$1" community add hepingli --name 和平里社区 --office xincheng --head 张主任
		csassign -C "$1" community add dongfeng --name 东风社区 --office xincheng --head 王书记
		csassign -C "$1" pair --lawyer wang-li --community hepingli --from 2026-01-01 \
			--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
		csassign -C "$1" pair --lawyer zhao --community dongfeng --from 2026-01-01 \
			--schedule 'Thu 14:00-17:30' --place 东风 --agreement A2
	} > /dev/null 2>&1 || echo "not ok - setting up $1 failed"
}
logfiles() { # store: the log entry files in HEAD, one a line
	git -C "$1" ls-tree -r --name-only HEAD -- records/log | sort
}
commits() { git -C "$1" rev-list --count HEAD; }
round=0

# Eight concurrent adds into DIR; checks they all land.
eight() { # label, store
	label=$1; st=$2
	round=$((round + 1))
	c0=$(commits "$st")
	n0=$(logfiles "$st" | wc -l)
	rm -rf "$scratch/par"
	mkdir "$scratch/par"
	i=1
	while [ $i -le 8 ]; do
		if [ $((i % 2)) -eq 0 ]; then l=wang-li; else l=zhao; fi
		( cslog -C "$st" add consultation --lawyer $l --date 2026-10-0$i --start 09:00 --end 10:00 \
			--content "并发${round}-${i}" > "$scratch/par/$i.out" 2> "$scratch/par/$i.err"
		  echo $? > "$scratch/par/$i.rc" ) &
		i=$((i + 1))
	done
	wait
	check "$label: all 8 concurrent adds exit 0" \
		'[ "$(cat "$scratch"/par/*.rc | tr -d "\n")" = 00000000 ]'
	for f in "$scratch"/par/*.err; do
		[ -s "$f" ] && sed 's/^/#   /' "$f"
	done
	check "$label: 8 distinct ids printed" '[ "$(cat "$scratch"/par/*.out | sort -u | wc -l)" -eq 8 ]'
	check "$label: 8 new commits" '[ "$(commits "$st")" -eq $((c0 + 8)) ]'
	check "$label: 8 new files in HEAD" '[ "$(logfiles "$st" | wc -l)" -eq $((n0 + 8)) ]'
	check "$label: every printed id is a file in HEAD" \
		'(for id in $(cat "$scratch"/par/*.out); do logfiles "$st" | grep -q "/$id.yaml\$" || exit 1; done)'
	check "$label: each new commit adds one entry" \
		'[ "$(git -C "$st" log -8 --format=%B | grep -c "^Cs-Command: cslog add")" -eq 8 ] &&
		 [ "$(git -C "$st" log -8 --format=%B | grep -c "^Cs-Record: records/log/")" -eq 8 ]'
	check "$label: history is linear (no lost update)" \
		'[ "$(git -C "$st" rev-list --merges --count HEAD)" -eq 0 ]'
	check "$label: git fsck --strict clean" 'git -C "$st" fsck --strict >/dev/null 2>&1'
	check "$label: the contents are the ones written" \
		'[ "$(i=1; while [ $i -le 8 ]; do git -C "$st" grep -l "^content: 并发${round}-${i}\$" HEAD -- records/log; i=$((i + 1)); done | wc -l)" -eq 8 ]'
}

# --- a store with a working tree ------------------------------------------------
csinit s --district 测试区 2>/dev/null || echo 'not ok - csinit failed'
setup s
eight worktree s
check 'worktree: git status --porcelain empty' '[ -z "$(git -C s status --porcelain)" ]'
check 'worktree: the files are in the working tree' \
	'(for f in $(logfiles s); do [ -f "s/$f" ] || exit 1; done)'

# Concurrent signs of different entries, and a second round of adds at once.
ids=$(cat "$scratch"/par/*.out)
c0=$(commits s)
for id in $ids; do
	case $(logfiles s | grep "/$id.yaml\$") in
	*/hepingli/*) by=张主任 ;;
	*) by=王书记 ;;
	esac
	( cslog -C s sign "$id" --by $by > /dev/null 2>> "$scratch/sign.err"; echo $? >> "$scratch/sign.rc" ) &
done
wait
check 'worktree: 8 concurrent signs exit 0' '[ "$(tr -d "\n" < "$scratch/sign.rc")" = 00000000 ]'
check 'worktree: 8 sign commits' '[ "$(commits s)" -eq $((c0 + 8)) ]'
check 'worktree: every entry signed in HEAD' \
	'(for id in $ids; do git -C s show "HEAD:$(logfiles s | grep "/$id.yaml\$")" | grep -q "^signed_by:" || exit 1; done)'
check 'worktree: status clean after concurrent signs' '[ -z "$(git -C s status --porcelain)" ]'
eight 'worktree, second round' s
check 'worktree: git status --porcelain empty after the second round' '[ -z "$(git -C s status --porcelain)" ]'

# --- SIGKILL at any moment -----------------------------------------------------
# Each round starts an add, kills it after a few milliseconds (how far it gets
# does not matter), then the next command must find a consistent store.
c0=$(commits s)
i=1
while [ $i -le 20 ]; do
	cslog -C s add consultation --lawyer wang-li --date 2026-10-12 --start 09:00 --end 10:00 \
		--content "第${i}次" > /dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' $(( (i * 7) % 60 )))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
ok 'after the kills: cslog list succeeds' cslog -C s list
check 'after the kills: git status --porcelain empty' '[ -z "$(git -C s status --porcelain)" ]'
git -C s status --porcelain | head -5 | sed 's/^/#   /'
check 'after the kills: git fsck --strict clean' 'git -C s fsck --strict >/dev/null 2>&1'
check 'after the kills: no leftover temporary files in the tree' \
	'[ -z "$(cd s && find records -type f ! -name "*.yaml")" ]'
check 'after the kills: at most 20 new commits, each a cslog add' \
	'n=$(( $(commits s) - c0 )); [ "$n" -le 20 ] &&
	 [ "$(git -C s log -$n --format=%B | grep -c "^Cs-Command: cslog add")" -eq "$n" ]'
check 'after the kills: every log file in HEAD is shown by cslog show' \
	'(for f in $(logfiles s); do cslog -C s show "$(basename "$f" .yaml)" > /dev/null 2>&1 || exit 1; done)'
check 'after the kills: every log file in HEAD is in the working tree, as committed' \
	'(for f in $(logfiles s); do [ "$(git -C s rev-parse "HEAD:$f")" = "$(git -C s hash-object "$f")" ] || exit 1; done)'
check 'after the kills: cslog list shows every entry in HEAD' \
	'[ "$(cslog -C s list --format csv | sed 1d | wc -l)" -eq "$(logfiles s | wc -l)" ]'
ok 'after the kills: a new add succeeds (no stale lock)' cslog -C s add consultation --lawyer zhao \
	--date 2026-10-12 --start 11:00 --end 12:00
check 'after the kills: the new add is committed' '[ -f "s/records/log/dongfeng/2026/10/$(out).yaml" ]'
check 'after the kills: status still clean' '[ -z "$(git -C s status --porcelain)" ]'

# Kill the same way, then run a command that writes: it must catch up first.
i=1
while [ $i -le 10 ]; do
	cslog -C s add consultation --lawyer zhao --date 2026-10-13 --start 09:00 --end 10:00 \
		> /dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' $(( (i * 11) % 50 )))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	ok "kill round $i: the next add succeeds" cslog -C s add publicity --lawyer zhao \
		--date 2026-10-13 --start 14:00 --end 15:00
	i=$((i + 1))
done
check 'after the kill/add rounds: status clean' '[ -z "$(git -C s status --porcelain)" ]'
check 'after the kill/add rounds: fsck clean' 'git -C s fsck --strict >/dev/null 2>&1'
check 'after the kill/add rounds: 10 publicity entries in HEAD' \
	'[ "$(git -C s grep -l "^kind: publicity" HEAD -- records/log | wc -l)" -eq 10 ]'

# A stale .git/index.lock (as a command killed while writing the index leaves
# it): an add either succeeds or changes nothing; it never reports a failure
# after its commit was made (the branch update is the commit point).
: > s/.git/index.lock
h0=$(git -C s rev-parse HEAD)
cslog -C s add consultation --lawyer zhao --date 2026-10-14 --start 09:00 --end 10:00 \
	> "$scratch/.out" 2> "$scratch/.err"
rc=$?
check 'stale index.lock: add exits 0, or fails with HEAD unchanged' \
	'[ $rc -eq 0 ] || [ "$(git -C s rev-parse HEAD)" = "$h0" ]'
[ $rc -ne 0 ] && sed 's/^/#   /' "$scratch/.err"
check 'stale index.lock: a failure is not reported as success' \
	'[ $rc -ne 0 ] || [ "$(git -C s rev-parse HEAD)" != "$h0" ]'
rm -f s/.git/index.lock
ok 'stale index.lock removed: cslog list' cslog -C s list
check 'stale index.lock removed: status clean again' '[ -z "$(git -C s status --porcelain)" ]'

# --- a bare store --------------------------------------------------------------
csinit b.git --bare --district 中心区 2>/dev/null || echo 'not ok - csinit --bare failed'
setup b.git
eight bare b.git
check 'bare: still no working tree' '[ ! -e b.git/records ]'
i=1
while [ $i -le 10 ]; do
	cslog -C b.git add consultation --lawyer wang-li --date 2026-10-12 --start 09:00 --end 10:00 \
		> /dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' $(( (i * 7) % 50 )))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
ok 'bare, after the kills: cslog list succeeds' cslog -C b.git list
check 'bare, after the kills: fsck clean' 'git -C b.git fsck --strict >/dev/null 2>&1'
check 'bare, after the kills: every log file in HEAD is shown' \
	'(for f in $(logfiles b.git); do cslog -C b.git show "$(basename "$f" .yaml)" > /dev/null 2>&1 || exit 1; done)'
eight 'bare, after the kills' b.git
