#!/bin/sh
# Fault injection and crash test of every write command (issue 11; `make faults`).
#
# For each write command, on a copy of a prepared store (with a working tree and
# bare), through tests/faults/shim.so (LD_PRELOAD):
#   fault  the Nth file-changing call (write, pwrite, close, fsync, fdatasync,
#          rename, link, open for writing, mkdir) fails, for N = 1, 2, ... until
#          the command makes fewer calls than N (the fault was not injected);
#   alloc  the Nth allocation fails, for FAULT_ALLOC_POINTS values of N spread
#          evenly over the allocations of a run (0: every N) made outside
#          libgit2; gitalloc, not run by default, those made by libgit2 (1.5.1
#          crashes on some of them);
#   crash  the command is killed (SIGKILL) at the Nth such call or unlink, for
#          FAULT_CRASH_POINTS values of N spread over the calls of a run (every
#          call when there are fewer).
# After each run: a failure exits with a documented status (70, 73, 74) and says
# why on stderr (a command that died of a signal inside libgit2 or glibc on a
# failed allocation is counted apart: their bug, not ours), a success is the new state; `git fsck --strict` is clean; the
# records are the old state (HEAD unchanged) or the new one (one commit on the old
# HEAD with the changes of a run that was left alone, ids aside); the command run
# again without faults succeeds (no lock left, the working tree caught up), and
# then `git status` is clean.
#
# Prints TAP: one "ok"/"not ok" line per command, store and mode, "#" lines for
# the first failures. Environment:
#   CS_BIN              the commands (default cmd/)
#   FAULT_SHIM          the shim (default tests/faults/shim.so)
#   FAULT_CASES         the commands to run (names below; default all)
#   FAULT_STORES        worktree and/or bare (default both)
#   FAULT_MODES         fault, alloc, crash and/or gitalloc (default the first three)
#   FAULT_STEP          run every FAULT_STEP-th N only (default 1)
#   FAULT_CRASH_POINTS  default 200
#   FAULT_ALLOC_POINTS  default 200
#   FAULT_CAP           the largest N tried (default 2000)
#   FAULT_SHOW          how many failures of each line to show (default 3)
#   FAULT_WORK          a directory to work in, kept (default a temporary one)
: "${CS_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${CS_BIN:=$CS_TOP/cmd}"
: "${FAULT_SHIM:=$CS_TOP/tests/faults/shim.so}"
: "${FAULT_CASES:=csinit csassign-add csassign-pair csassign-change csassign-end cslog-add cslog-sign cslog-accept cslog-amend cslog-void cslog-import csreport-commit}"
: "${FAULT_STORES:=worktree bare}"
: "${FAULT_MODES:=fault alloc crash}"
: "${FAULT_STEP:=1}"
: "${FAULT_CRASH_POINTS:=200}"
: "${FAULT_ALLOC_POINTS:=200}"
: "${FAULT_CAP:=2000}"
PATH=$CS_BIN:$PATH
export PATH
export CS_LOCALEDIR="$CS_TOP/po/locale"
export CS_NOW=2026-10-12T10:00:00
export CS_AUTHOR='Test Clerk <clerk@example.org>'
export LC_ALL=C.UTF-8
export CS_LOCK_TIMEOUT_MS=2000
unset CS_STORE CS_LAWYER NO_COLOR CS_FAULT CS_CRASH CS_FAULT_COUNT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
# the shim is not linked with the sanitizer runtime, which wants to come first
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

if [ ! -f "$FAULT_SHIM" ]; then
	echo "ok - fault injection # SKIP no shim at $FAULT_SHIM"
	exit 0
fi
if [ -n "$FAULT_WORK" ]; then
	work=$FAULT_WORK
	rm -rf "$work" && mkdir -p "$work" || exit 1
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/cs-faults.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
cd "$work" || exit 1

# --- the prepared stores ---------------------------------------------------------
# setup DIR [--bare]: a directory, two pairings and a few entries; the ids the
# cases need are left in DIR.ids
setup() {
	d=$1
	csinit $2 "$d" --district 测试区 &&
	csassign -C "$d" office add xincheng --name 新城司法所 &&
	csassign -C "$d" firm add dacheng --name 大成律师事务所 &&
	csassign -C "$d" lawyer add wang-li --name 王丽 --firm dacheng &&
	csassign -C "$d" lawyer add zhao --name 赵强 --firm dacheng &&
	csassign -C "$d" lawyer add chen --name 陈静 --firm dacheng &&
	csassign -C "$d" community add hepingli --name 和平里社区 --office xincheng --head 张主任 &&
	csassign -C "$d" community add dongfeng --name 东风社区 --office xincheng --head 王书记 &&
	csassign -C "$d" community add sunny --name 阳光社区 --office xincheng --head 刘主任 &&
	p1=$(csassign -C "$d" pair --lawyer wang-li --community hepingli --from 2026-01-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1) &&
	p2=$(csassign -C "$d" pair --lawyer zhao --community dongfeng --from 2026-01-01 \
		--schedule 'Thu 14:00-17:30' --place 东风 --agreement A2) &&
	con=$(cslog -C "$d" add consultation --lawyer wang-li --date 2026-10-07 --start 14:00 \
		--end 15:00 --target-type resident --target-name 张三 --target-contact 13900001111 \
		--content 劳动合同纠纷咨询 --result 已解答) &&
	signed=$(cslog -C "$d" add lecture --lawyer wang-li --date 2026-10-08 --start 09:00 \
		--end 10:30 --set attendees=35 --set topic=民法典) &&
	cslog -C "$d" sign "$signed" --by 张主任 > /dev/null &&
	req=$(cslog -C "$d" add request --lawyer wang-li --date 2026-10-09 --start 16:00 \
		--set from=居民李某) &&
	gift=$(cslog -C "$d" add gift --lawyer zhao --date 2026-10-09 --set item=锦旗 --set value=0 \
		--set giver=居民) &&
	printf 'p1=%s\np2=%s\ncon=%s\nsigned=%s\nreq=%s\ngift=%s\n' "$p1" "$p2" "$con" "$signed" \
		"$req" "$gift" > "$d.ids"
}
{
	setup src && cslog -C src list --format csv --reveal > import.csv &&
	rm -rf src src.ids &&
	setup base && setup base.git --bare
} > setup.log 2>&1 || {
	echo "not ok - preparing the stores failed"
	sed 's/^/#   /' setup.log | tail -5
	exit 0
}

# the command line of a case, run in store $st
case_cmd() {
	case $1 in
	csinit) if [ "$st" = bare ]; then echo "csinit \$S --bare --district 新区"; else
		echo "csinit \$S --district 新区"; fi ;;
	csassign-add) echo "csassign -C \$S office add second --name 第二司法所" ;;
	csassign-pair) echo "csassign -C \$S pair --lawyer chen --community sunny --from 2026-10-01 --schedule 'Mon 09:00-12:00' --place 阳光 --agreement A3" ;;
	csassign-change) echo "CS_NOW=2026-10-29T10:00 csassign -C \$S change $p1 --lawyer chen --effective 2026-11-01 --filed 2026-10-29 --reason 律师调动" ;;
	csassign-end) echo "csassign -C \$S end $p2 --on 2026-12-31 --reason 合同到期" ;;
	cslog-add) echo "cslog -C \$S add consultation --lawyer wang-li --date 2026-10-09 --start 09:00 --end 10:00 --content 咨询" ;;
	cslog-sign) echo "cslog -C \$S sign $con --by 张主任" ;;
	cslog-accept) echo "cslog -C \$S accept $req --on 2026-10-12T09:30" ;;
	cslog-amend) echo "cslog -C \$S amend $signed --set topic=宪法 --reason 更正" ;;
	cslog-void) echo "cslog -C \$S void $gift --reason 重复登记" ;;
	cslog-import) echo "cslog -C \$S import --lawyer wang-li --allow-duplicates $work/import.csv" ;;
	csreport-commit) echo "CS_NOW=2026-11-02T18:00 csreport -C \$S monthly --month 2026-10 --lawyer wang-li --commit" ;;
	esac
}

# The store a case writes: $S; the new store of csinit.
fresh() {
	rm -rf run
	mkdir run
	if [ "$case" = csinit ]; then
		S=$work/run/$(if [ "$st" = bare ]; then echo new.git; else echo new; fi)
	else
		cp -a "$base" run/s
		S=$work/run/s
	fi
	export S
}
# What a commit changed, ids and object names aside.
changes() { # store, from, to
	{
		git -C "$1" log -1 --format=%B "$3"
		if [ -n "$2" ]; then git -C "$1" diff --no-renames "$2" "$3"; else git -C "$1" show --format= "$3"; fi
	} | grep -v '^index ' | sed -E 's/[0-9]{8}-[0-9a-hjkmnp-tv-z]{6}/ID/g'
}
head_of() { git -C "$1" rev-parse -q --verify HEAD 2>/dev/null; }
parent_of() { git -C "$1" rev-parse -q --verify HEAD^ 2>/dev/null; }

# run MODE N: one run of the case with the shim; sets rc, state (old, new) and
# leaves the reasons it fails in $work/why
run_one() {
	fresh
	: > why
	: > count
	eval "LD_PRELOAD=\$FAULT_SHIM CS_FAULT_COUNT=\$work/count $(shim_var "$1" "$2") $cmd" \
		> out 2> err
	rc=$?
	fired=$(sed -n 's/^fired //p' count)
	if grep -q 'Sanitizer' err; then
		echo "sanitizer: $(grep -m1 'SUMMARY\|ERROR' err)" >> why
	fi
	upstream=
	if [ "$rc" -gt 128 ] && [ "$rc" -ne 137 ] && grep -q '^shim: signal' err; then
		upstream=$(culprit)
	fi
	if [ -n "$upstream" ]; then
		# died inside libgit2 or glibc on a failed allocation: their bug, not
		# ours; the store must still be the old state or the new
		:
	elif [ "$1" = crash ]; then
		[ "$rc" -eq 137 ] || [ "$rc" -eq 0 ] || echo "exit $rc, not a kill" >> why
		[ "$rc" -eq 137 ] && fired=1
	elif [ "$rc" -ne 0 ]; then
		case $rc in 70|73|74) ;; *) echo "exit $rc (not 70, 73 or 74)" >> why ;; esac
		grep -q '^cs[a-z]*: ..' err || echo "no message on stderr" >> why
	fi
	judge_state
}
# Where a command that died of a signal died (the shim prints its stack): the
# library, when the first frame past the signal and free()'s abort is libgit2's
# or glibc's; nothing when it is the command's own.
culprit() {
	sed -n '/^shim: signal/,$p' err | sed 1,2d | awk '
		/libgit2/ { print "libgit2"; exit }
		/libc\.so/ {
			if (match($0, /\(([A-Za-z_][A-Za-z0-9_]*)\+/)) {
				f = substr($0, RSTART + 1, RLENGTH - 2)
				if (f !~ /^(gsignal|raise|abort|__libc_free|free|cfree|pthread_kill|__pthread_kill_implementation)$/) {
					print "glibc " f; exit
				}
			}
			next
		}
		{ exit }'
}
shim_var() {
	case $1 in
	fault) echo "CS_FAULT=io:$2" ;;
	alloc) echo "CS_FAULT=alloc:$2" ;;
	gitalloc) echo "CS_FAULT=gitalloc:$2" ;;
	crash) echo "CS_CRASH=$2" ;;
	esac
}
judge_state() {
	h=$(head_of "$S")
	if [ "$case" = csinit ]; then
		# old: no store; new: a store whose first commit is the one expected
		if [ -z "$h" ]; then state=old
		elif [ "$(changes "$S" "" HEAD)" = "$expected" ]; then state=new
		else state=bad; fi
	elif [ "$h" = "$base_head" ]; then state=old
	elif [ "$(parent_of "$S")" = "$base_head" ] &&
	     [ "$(changes "$S" "$base_head" HEAD)" = "$expected" ]; then state=new
	else state=bad; fi
	[ "$state" = bad ] && echo "the records are neither the old nor the new state" >> why
	[ "$rc" -eq 0 ] && [ "$state" != new ] && echo "exit 0 without the new state" >> why
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && [ "$state" = new ] &&
		echo "exit $rc, yet the write was made" >> why
	if [ -n "$h" ] && ! git -C "$S" fsck --strict > fsck.out 2>&1; then
		echo "git fsck --strict: $(grep -v '^dangling' fsck.out | head -1)" >> why
	fi
	# the command again: it finishes the write (old) or is refused as a repeat,
	# but never blocked
	if [ "$state" = old ]; then
		if ! eval "$cmd" > again.out 2> again.err; then
			echo "the command again without faults: exit $? $(head -1 again.err)" >> why
		elif [ "$case" = csinit ] && [ "$(changes "$S" "" HEAD)" != "$expected" ]; then
			echo "the command again did not make the new state" >> why
		elif [ "$case" != csinit ] && { [ "$(parent_of "$S")" != "$base_head" ] ||
		     [ "$(changes "$S" "$base_head" HEAD)" != "$expected" ]; }; then
			echo "the command again did not make the new state" >> why
		fi
	fi
	# a write after it works, and a store with a working tree is clean
	csassign -C "$S" office add probe --name 探针 > /dev/null 2> probe.err ||
		echo "the next write: exit $? $(head -1 probe.err)" >> why
	if grep -q 'Sanitizer' again.err probe.err 2> /dev/null; then
		echo "sanitizer, in the command after: $(cat again.err probe.err 2> /dev/null | grep -m1 'SUMMARY\|ERROR')" >> why
	fi
	rm -f again.err
	if [ "$st" = worktree ] && [ -n "$(git -C "$S" status --porcelain 2>&1)" ]; then
		echo "git status not clean: $(git -C "$S" status --porcelain 2>&1 | head -2 | tr '\n' ' ')" >> why
	fi
	if [ "$st" = worktree ] && [ -n "$(cd "$S" && find . -name '*.tmp' -not -path './.git/*')" ]; then
		echo "temporary files left in the working tree" >> why
	fi
}

# points COUNT WANT: WANT values of N spread over 1..COUNT (all when fewer)
points() {
	awk -v n="$1" -v w="$2" -v s="$FAULT_STEP" 'BEGIN {
		if (w <= 0 || w >= n) { for (i = 1; i <= n; i += s) print i; exit }
		last = 0
		for (k = 0; k < w; k += s) { i = int(1 + k * (n - 1) / (w - 1) + 0.5); if (i != last) print i; last = i }
	}'
}

total=0
failed=0
for st in $FAULT_STORES; do
	if [ "$st" = bare ]; then base=$work/base.git; else base=$work/base; fi
	. "$base.ids"
	base_head=$(head_of "$base")
	for case in $FAULT_CASES; do
		cmd=$(case_cmd "$case")
		# a run left alone: what it changes and how many calls it makes
		fresh
		: > count
		eval "LD_PRELOAD=\$FAULT_SHIM CS_FAULT_COUNT=\$work/count $cmd" > out 2> err
		rc=$?
		if [ "$rc" -ne 0 ]; then
			echo "not ok - $case ($st): the command fails without faults (exit $rc)"
			sed 's/^/#   /' err | head -3
			failed=$((failed + 1))
			continue
		fi
		if [ "$case" = csinit ]; then expected=$(changes "$S" "" HEAD)
		else expected=$(changes "$S" "$base_head" HEAD); fi
		npoints=$(sed -n 's/^point //p' count)
		nalloc=$(sed -n 's/^alloc //p' count)
		ngitalloc=$(sed -n 's/^gitalloc //p' count)
		for mode in $FAULT_MODES; do
			case $mode in
			fault) list=$(points "$FAULT_CAP" 0) ;;
			alloc) list=$(points "$nalloc" "$FAULT_ALLOC_POINTS") ;;
			gitalloc) list=$(points "$ngitalloc" "$FAULT_ALLOC_POINTS") ;;
			crash) list=$(points "$npoints" "$FAULT_CRASH_POINTS") ;;
			esac
			runs=0 bad=0 olds=0 news=0 last=0 ups=0
			: > fails
			: > upfails
			for n in $list; do
				run_one "$mode" "$n"
				runs=$((runs + 1))
				if [ -s why ]; then
					bad=$((bad + 1))
					[ "$bad" -le "${FAULT_SHOW:-3}" ] && { echo "#   N=$n exit $rc: $(tr '\n' ';' < why)"; 
						sed 's/^/#     stderr: /' err | head -2; } >> fails
				fi
				case $state in old) olds=$((olds + 1)) ;; new) news=$((news + 1)) ;; esac
				if [ -n "$upstream" ]; then
					ups=$((ups + 1))
					[ "$ups" -le "${FAULT_SHOW:-3}" ] &&
						echo "#   N=$n died of signal $((rc - 128)) inside $upstream" >> upfails
				fi
				last=$n
				# the fault no longer reached: the command made fewer calls than N
				[ "$mode" = fault ] && [ "$fired" != 1 ] && break
			done
			if [ "$mode" = fault ] && [ "$fired" = 1 ]; then
				bad=$((bad + 1))
				echo "#   the fault was still injected at N=$last: raise FAULT_CAP" >> fails
			fi
			total=$((total + runs))
			what="$case ($st, $mode): $runs runs, N up to $last, $olds left the old state, $news the new"
			[ "$ups" -gt 0 ] && what="$what, $ups died inside libgit2 or glibc"
			if [ "$bad" -eq 0 ]; then
				echo "ok - $what"
			else
				echo "not ok - $what; $bad failed"
				cat fails
				failed=$((failed + 1))
			fi
			cat upfails
		done
	done
done
echo "# $total runs"
[ "$failed" -eq 0 ]
