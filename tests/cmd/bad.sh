#!/bin/sh
# The catalogue of bad input (tests/bad/*.case, README "Bad input"): each case
# runs in a fresh copy of one base store, and must exit with its documented
# status, say on stderr what its "# message:" pattern (an extended regular
# expression naming the file, line and field) matches, print nothing on
# stdout, and leave the store as it was: HEAD, the refs, the index, the
# working tree and the git objects. One TAP line per case.
. "$CS_TOP/tests/cmd/lib.sh"

base=$scratch/base
{
	csinit "$base" --district 测试区 &&
	cd "$base" &&
	csassign office add xincheng --name 新城司法所 &&
	csassign firm add dacheng --name 大成律师事务所 &&
	csassign lawyer add wang-li --name 王丽 --firm dacheng --phone 13900001001 &&
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任 &&
	csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1 &&
	CS_LAWYER=wang-li cslog add consultation --date 2026-09-09 --start 09:00 --end 10:00 \
		--target-name 陈秀英 --target-contact 13800001234 --content 租房押金 &&
	CS_LAWYER=wang-li cslog add office-hours --date 2026-09-16 --start 14:00 --end 17:30 &&
	CS_LAWYER=wang-li cslog add request --date 2026-10-09 --start 09:00 --target-name 刘建军
} > "$scratch/base.out" 2> "$scratch/base.err" ||
	{ echo 'not ok - building the base store'; sed 's/^/#   /' "$scratch/base.err"; }
cd "$scratch" || exit 1
# the ids of the base's entries, for the cases
consultation=$(sed -n 6p "$scratch/base.out")
officehours=$(sed -n 7p "$scratch/base.out")
request=$(sed -n 8p "$scratch/base.out")
assignment=$(sed -n 5p "$scratch/base.out")
export consultation officehours request assignment base

# The state a bad command must leave alone. The cache of parsed folders is no
# record (README "The store") and reads may write it; cs.lock is held, never written.
state() {
	snapshot "$1"
	(cd "$1" && find .git -path .git/cs-cache -prune -o -type f ! -name cs.lock -print |
		sort | xargs -r sha1sum) 2>/dev/null | sha1sum
}

# In a case: t COMMAND... runs the command under test in the current
# directory, after the setup lines before it (its stdin is the case's).
t() {
	state . > "$scratch/.before"
	pwd > "$scratch/.where"
	"$@" > "$scratch/.out" 2> "$scratch/.err"
	echo $? > "$scratch/.status"
}
# hand GIT-ARGS...: a git step of a case's setup, made as a hand edit is
# (without the pre-commit hook, which would refuse the bad record)
hand() { git -c core.hooksPath=/dev/null "$@" > /dev/null 2>&1; }
many() { # N CHAR: CHAR repeated N times
	printf "%0${1}d" 0 | sed "s/0/$2/g"
}
# ro: the case goes on in a read-only bind mount of its store (a read-only
# file system: root ignores file modes); small_disk: in a full tmpfs.
ro() {
	mkdir -p "$scratch/mnt" && mount --bind "$PWD" "$scratch/mnt" 2>/dev/null &&
		mount -o remount,ro,bind "$scratch/mnt" 2>/dev/null ||
		{ umount "$scratch/mnt" 2>/dev/null; echo "SKIP cannot mount a read-only bind mount here"; return 1; }
	cd "$scratch/mnt"
}
small_disk() {
	mkdir -p "$scratch/mnt" && mount -t tmpfs -o size=2m tmpfs "$scratch/mnt" 2>/dev/null ||
		{ echo "SKIP cannot mount a tmpfs here"; return 1; }
	cp -a . "$scratch/mnt/store" && cd "$scratch/mnt/store" &&
		{ dd if=/dev/zero of="$scratch/mnt/fill" bs=4k 2>/dev/null; :; }
}
unmount() { while umount "$scratch/mnt" 2>/dev/null; do :; done; }
trap 'unmount; rm -rf "$scratch"' EXIT

n=0
for c in "$CS_TOP"/tests/bad/*.case; do
	n=$((n + 1))
	name=$(basename "$c" .case)
	want=$(sed -n 's/^# status: *//p' "$c" | head -1)
	pat=$(sed -n 's/^# message: *//p' "$c" | head -1)
	# "# output: stdout": the message is a finding on stdout (cscheck)
	on=$(sed -n 's/^# output: *//p' "$c" | head -1)
	rm -rf "$scratch/store" "$scratch/.status" "$scratch/.out" "$scratch/.err" "$scratch/.where"
	cp -a "$base" "$scratch/store"
	(cd "$scratch/store" && export CS_LAWYER=wang-li && . "$c") > "$scratch/.setup" 2>&1
	if grep -q '^SKIP ' "$scratch/.setup"; then
		unmount
		echo "ok $n - $name # SKIP $(sed -n 's/^SKIP //p' "$scratch/.setup" | head -1)"
		continue
	fi
	if [ -z "$want" ] || [ -z "$pat" ] || [ ! -s "$scratch/.status" ]; then
		unmount
		echo "not ok $n - $name: no '# status:', no '# message:' or no 't COMMAND' in the case"
		sed 's/^/#   /' "$scratch/.setup" | head -5
		continue
	fi
	got=$(cat "$scratch/.status")
	where=$(cat "$scratch/.where")
	why=
	[ "$got" = "$want" ] || why="$why; exit $got, wanted $want"
	if [ "$on" = stdout ]; then
		grep -Eq -- "$pat" "$scratch/.out" || why="$why; stdout does not match /$pat/"
	else
		grep -Eq -- "$pat" "$scratch/.err" || why="$why; stderr does not match /$pat/"
		[ ! -s "$scratch/.out" ] || why="$why; something on stdout"
	fi
	grep -q '^cs[a-z]*: ' "$scratch/.err" || why="$why; no 'command: ' message on stderr"
	[ "$(state "$where")" = "$(cat "$scratch/.before")" ] || why="$why; the store changed"
	unmount
	if [ -z "$why" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name${why}"
		sed 's/^/#   /' "$scratch/.err" | head -5
	fi
done
[ "$n" -ge 60 ] && echo "ok - the catalogue has $n cases (at least 60)" ||
	echo "not ok - the catalogue has $n cases, fewer than 60"

# Beside the catalogue: a read-only store is still read (only writes fail).
rm -rf "$scratch/store"
cp -a "$base" "$scratch/store"
if mkdir -p "$scratch/mnt" && mount --bind "$scratch/store" "$scratch/mnt" 2>/dev/null &&
	mount -o remount,ro,bind "$scratch/mnt" 2>/dev/null; then
	cd "$scratch/mnt" || exit 1
	ok 'a read-only store: cslog list' cslog list
	check 'a read-only store: cslog list lists the entries' "grep -q '$consultation' '$scratch/.out'"
	ok 'a read-only store: csassign who' csassign who
	ok 'a read-only store: csreport monthly' csreport monthly --month 2026-09 --lawyer wang-li
	ok 'a read-only store: cscheck --audit' cscheck --audit
	expect 'a read-only store: cscheck finds the rule findings' 1 cscheck
	cd "$scratch" || exit 1
	unmount
else
	unmount
	echo 'ok - a read-only store is read # SKIP cannot mount a read-only bind mount here'
fi

# ... and so is a store on a full disk (its cache cannot be written).
rm -rf "$scratch/store"
cp -a "$base" "$scratch/store"
cd "$scratch/store" || exit 1
rm -rf .git/cs-cache
if small_disk > "$scratch/.setup" 2>&1 && ! grep -q '^SKIP' "$scratch/.setup"; then
	ok 'a full disk: csreport monthly' csreport monthly --month 2026-09 --lawyer wang-li
	check 'a full disk: the report counts the consultation' "grep -q '$consultation' '$scratch/.out'"
	ok 'a full disk: cslog list' cslog list
	expect 'a full disk: cscheck finds the rule findings' 1 cscheck
else
	echo 'ok - a store on a full disk is read # SKIP cannot mount a tmpfs here'
fi
cd "$scratch" || exit 1
unmount
