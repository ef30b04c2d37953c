#!/bin/sh
# Concurrency soak (make soak): $SOAK_WRITES writes (default 1000) of mixed
# commands from $SOAK_PROCS processes (default 16) on one store, once with a
# working tree and once bare. Each process adds entries of several kinds,
# signs, amends, accepts and voids its own, adds offices and firms, and
# imports spreadsheets of two entries.
# Half the processes pack the loose objects after every write (CS_PACK_LOOSE=0).
# Three quarters of the writes wait for the store as long as they must
# (CS_LOCK_TIMEOUT_MS=120000): every one succeeds. The last quarter waits
# 1 ms: many find the store busy, and those must exit 75 and write nothing.
# Then: every id printed is in HEAD's tree with what was written, every
# failed write left no trace in HEAD, one commit per success, git fsck
# --strict clean, and git status clean for the working-tree store.
# tests/cmd/soak.sh runs a reduced sample of it in make check.
: "${CS_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$CS_TOP/tests/cmd/lib.sh"
export CS_NOW=2026-10-31T18:00:00
: "${SOAK_WRITES:=1000}" "${SOAK_PROCS:=16}"

setup() { # store: a directory of two offices' communities, two pairings
	{
		csassign -C "$1" office add xincheng --name 新城司法所 &&
		csassign -C "$1" firm add dacheng --name 大成律师事务所 &&
		csassign -C "$1" lawyer add wang-li --name 王丽 --firm dacheng &&
		csassign -C "$1" lawyer add zhao --name 赵强 --firm dacheng &&
		csassign -C "$1" community add hepingli --name 和平里社区 --office xincheng --head 张主任 &&
		csassign -C "$1" community add dongfeng --name 东风社区 --office xincheng --head 王书记 &&
		csassign -C "$1" pair --lawyer wang-li --community hepingli --from 2026-01-01 \
			--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1 &&
		csassign -C "$1" pair --lawyer zhao --community dongfeng --from 2026-01-01 \
			--schedule 'Thu 14:00-17:30' --place 东风 --agreement A2
	} > /dev/null 2> "$scratch/setup.err" || { echo "not ok - setting up $1"; sed 's/^/#   /' "$scratch/setup.err"; }
}

# One process's writes: n of them, in a cycle of ten (four adds, then a sign,
# an amend, an accept and a void of those four, an office, a firm or an
# import of two entries, an office-hours), each process starting elsewhere in it. A write on an entry whose add did
# not commit is an add instead. Each write is a line of its log:
# step|exit|printed|marker|target (step 10: the import).
worker() { # store, phase, worker, n
	st=$1 ph=$2 w=$3 n=$4
	if [ $((w % 2)) -eq 0 ]; then l=wang-li head=张主任; else l=zhao head=王书记; fi
	A= B= C= D= i=0
	log=$scratch/$ph/$w.log
	: > "$log"
	while [ "$i" -lt "$n" ]; do
		m=soak-$ph-$w-$i
		day=2026-10-$(printf '%02d' $((1 + (i / 10 + w) % 30)))
		hh=$(printf '%02d' $((8 + i % 10)))
		mm=$(printf '%02d' $((w * 3 % 60)))
		step=$(((i + w) % 10)) target=
		case $step in
		4) [ -n "$A" ] || step=0 ;;
		5) [ -n "$B" ] || step=1 ;;
		6) [ -n "$C" ] || step=2 ;;
		7) [ -n "$D" ] || step=3 ;;
		esac
		case $step in
		0) set -- cslog add consultation --lawyer $l --date $day --start $hh:$mm --end $hh:59 \
			--channel in-person --target-type resident --target-name 陈秀英 --content "$m" ;;
		1) set -- cslog add lecture --lawyer $l --date $day --start $hh:$mm --end $hh:59 \
			--target-type group --target-name 社区居民 --content "$m" --set topic=普法 \
			--set attendees=$((10 + i)) ;;
		2) set -- cslog add request --lawyer $l --date $day --start $hh:$mm --channel phone \
			--target-type resident --target-name 刘建军 --content "$m" --set from=居民 ;;
		3) set -- cslog add publicity --lawyer $l --date $day --start $hh:$mm --end $hh:59 \
			--content "$m" ;;
		4) target=$A A=; set -- cslog sign "$target" --by $head ;;
		5) target=$B B=; set -- cslog amend "$target" --set "content=$m" --reason 更正内容 ;;
		6) target=$C C=; set -- cslog accept "$target" --on 2026-10-31T17:00 ;;
		7) target=$D D=; set -- cslog void "$target" --reason "$m" ;;
		8) case $(((i / 10 + w) % 3)) in
		   0) set -- csassign office add "$m" --name "司法所$m" ;;
		   1) set -- csassign firm add "$m" --name "律师事务所$m" ;;
		   *) step=10
			printf 'kind,lawyer,date,start,end,content\n%s\n%s\n' \
				"consultation,$l,$day,$hh:$mm,$hh:59,$m-1" "publicity,$l,$day,$hh:$mm,$hh:59,$m-2" \
				> "$scratch/$ph/$w.csv"
			set -- cslog import "$scratch/$ph/$w.csv" ;;
		   esac ;;
		9) set -- cslog add office-hours --lawyer $l --date $day --start 14:00 --end 17:30 \
			--content "$m" --set place=工作室 ;;
		esac
		cmd=$1; shift
		"$cmd" -C "$st" "$@" > "$scratch/$ph/$w.out" 2> "$scratch/$ph/$w.err"
		rc=$?
		out=$(cat "$scratch/$ph/$w.out")
		if [ $rc -ne 0 ]; then
			sed "s/^/$ph $w $i: /" "$scratch/$ph/$w.err" >> "$scratch/$ph/errors"
		elif [ "$step" -le 3 ]; then
			eval "$(echo ABCD | cut -c$((step + 1)))=\$out"
		fi
		echo "$step|$rc|$out|$m|$target" >> "$log"
		i=$((i + 1))
	done
}

# Run a phase: procs workers at once, writes between them.
phase() { # store, phase, writes, procs
	mkdir -p "$scratch/$2"
	: > "$scratch/$2/errors"
	w=1
	while [ $w -le "$4" ]; do
		n=$(( $3 / $4 + (w <= $3 % $4) ))
		# odd ones pack the loose objects after each write, while the others write
		if [ $((w % 2)) -eq 1 ]; then pack=0; else pack=2048; fi
		CS_PACK_LOOSE=$pack worker "$1" "$2" $w $n &
		w=$((w + 1))
	done
	wait
	cat "$scratch/$2"/[0-9]*.log > "$scratch/$2/all"
}

# Judge the writes of the phases against HEAD.
judge() { # label, store, phases...
	label=$1 st=$2; shift 2
	git -C "$st" ls-tree -r --name-only HEAD > "$scratch/tree"
	git -C "$st" grep -h -e '^content:' -e '^void_reason:' HEAD -- records/log \
		| sed 's/^[a-z_]*: //' | sort > "$scratch/markers"
	for ph in "$@"; do cat "$scratch/$ph/all"; done > "$scratch/judged"
	awk -F'|' '$2 == 0' "$scratch/judged" > "$scratch/ok"
	awk -F'|' '$2 != 0' "$scratch/judged" > "$scratch/failed"
	awk -F'|' '$1 == 5 { print $5 }' "$scratch/ok" > "$scratch/amended"
	bad=0 why=
	path_of() { grep "/$1\.yaml\$" "$scratch/tree" | head -1; }
	while IFS='|' read -r step rc out m target; do
		case $step in
		[0-39])
			# an entry amended later holds the amend's content
			p=$(path_of "$out")
			if [ -z "$out" ] || [ -z "$p" ] || { ! grep -qx "$out" "$scratch/amended" &&
			   ! git -C "$st" show "HEAD:$p" | grep -qx "content: $m"; }; then
				bad=$((bad + 1)) why="$why $m(add:$out)"; fi ;;
		4) p=$(path_of "$target")
			git -C "$st" show "HEAD:$p" 2>/dev/null | grep -q '^signed_by:' ||
				{ bad=$((bad + 1)) why="$why $m(sign)"; } ;;
		5) p=$(path_of "$target")
			[ "$out" = "$target" ] && git -C "$st" show "HEAD:$p" 2>/dev/null | grep -qx "content: $m" ||
				{ bad=$((bad + 1)) why="$why $m(amend)"; } ;;
		6) p=$(path_of "$target")
			git -C "$st" show "HEAD:$p" 2>/dev/null | grep -q '^accepted_at:' ||
				{ bad=$((bad + 1)) why="$why $m(accept)"; } ;;
		7) p=$(path_of "$target")
			git -C "$st" show "HEAD:$p" 2>/dev/null | grep -qx "void_reason: $m" ||
				{ bad=$((bad + 1)) why="$why $m(void)"; } ;;
		8) grep -qx "records/\(offices\|firms\)/$out\.yaml" "$scratch/tree" ||
				{ bad=$((bad + 1)) why="$why $m(directory:$out)"; } ;;
		10) [ "$out" = 2 ] && grep -qx "$m-1" "$scratch/markers" && grep -qx "$m-2" "$scratch/markers" ||
				{ bad=$((bad + 1)) why="$why $m(import:$out)"; } ;;
		esac
	done < "$scratch/ok"
	check "$label: every write that succeeded is in HEAD as written ($(wc -l < "$scratch/ok") writes)" \
		'[ $bad -eq 0 ]'
	[ $bad -eq 0 ] || echo "#   missing:$why" | cut -c1-400
	check "$label: every new id printed is distinct" \
		'[ "$(awk -F"|" "\$1 <= 3 || \$1 == 8 || \$1 == 9" "$scratch/ok" | cut -d"|" -f3 | sort | uniq -d | wc -l)" -eq 0 ]'
	bad=0 why=
	while IFS='|' read -r step rc out m target; do
		[ "$rc" -eq 75 ] || { bad=$((bad + 1)) why="$why $m(exit $rc)"; continue; }
		[ -z "$out" ] || { bad=$((bad + 1)) why="$why $m(printed $out)"; continue; }
		case $step in
		[0-35]) grep -qx "$m" "$scratch/markers" && { bad=$((bad + 1)) why="$why $m(in HEAD)"; } ;;
		7) grep -qx "$m" "$scratch/markers" && { bad=$((bad + 1)) why="$why $m(void in HEAD)"; } ;;
		4) p=$(path_of "$target")
			git -C "$st" show "HEAD:$p" | grep -q '^signed_by:' &&
				{ bad=$((bad + 1)) why="$why $m(signed)"; } ;;
		6) p=$(path_of "$target")
			git -C "$st" show "HEAD:$p" | grep -q '^accepted_at:' &&
				{ bad=$((bad + 1)) why="$why $m(accepted)"; } ;;
		8) grep -qi "/$m\.yaml\$" "$scratch/tree" && { bad=$((bad + 1)) why="$why $m(directory)"; } ;;
		9) grep -qx "$m" "$scratch/markers" && { bad=$((bad + 1)) why="$why $m(in HEAD)"; } ;;
		10) grep -q "^$m-[12]\$" "$scratch/markers" && { bad=$((bad + 1)) why="$why $m(import in HEAD)"; } ;;
		esac
	done < "$scratch/failed"
	check "$label: every write that failed exited 75, printed nothing and left nothing in HEAD ($(wc -l < "$scratch/failed") failed)" \
		'[ $bad -eq 0 ]'
	[ $bad -eq 0 ] || echo "#   wrong:$why" | cut -c1-400
	check "$label: every failure says the store is busy" \
		'[ "$(cat "$scratch"/[ab]-*/errors | grep -vc busy)" -eq 0 ]'
	cat "$scratch"/[ab]-*/errors | grep -v busy | head -5 | sed 's/^/#   /'
	check "$label: one commit per write that succeeded" \
		'[ "$(git -C "$st" rev-list --count HEAD)" -eq $((base + $(wc -l < "$scratch/ok"))) ]'
	check "$label: history is linear" '[ "$(git -C "$st" rev-list --merges --count HEAD)" -eq 0 ]'
	if [ -d "$st/.git" ]; then gd=$st/.git; else gd=$st; fi
	check "$label: no marker, lock or temporary file left in the git directory" \
		'[ -z "$(find "$gd" \( -name cs-pending -o -name cs-ref -o -name cs-index -o -name "*.tmp" \
			-o -name "*.lock" \) ! -name cs.lock -print | head -5 | tee "$scratch/left")" ]'
	sed 's/^/#   left: /' "$scratch/left"
	check "$label: git fsck --strict clean" 'git -C "$st" fsck --strict > "$scratch/fsck" 2>&1 ||
		{ sed "s/^/#   /" "$scratch/fsck" | grep -v dangling | head -5; false; }'
}

for kind in worktree bare; do
	if [ $kind = bare ]; then st=$scratch/b.git; bare=--bare; else st=$scratch/t; bare=; fi
	csinit "$st" $bare --district 压力区 > /dev/null 2>&1 || echo "not ok - csinit $kind"
	setup "$st"
	base=$(git -C "$st" rev-list --count HEAD)
	waiting=$((SOAK_WRITES * 3 / 4))
	CS_LOCK_TIMEOUT_MS=120000 phase "$st" a-$kind $waiting "$SOAK_PROCS"
	check "$kind: the $waiting writes that may wait all succeed" \
		'[ "$(awk -F"|" "\$2 != 0" "$scratch/a-$kind/all" | wc -l)" -eq 0 ] &&
		 [ "$(wc -l < "$scratch/a-$kind/all")" -eq $waiting ]'
	head -5 "$scratch/a-$kind/errors" | sed 's/^/#   /'
	CS_LOCK_TIMEOUT_MS=1 phase "$st" b-$kind $((SOAK_WRITES - waiting)) "$SOAK_PROCS"
	check "$kind: with a 1 ms wait, some of the $((SOAK_WRITES - waiting)) writes find the store busy and some succeed" \
		'awk -F"|" "\$2 == 75" "$scratch/b-$kind/all" | grep -q . &&
		 awk -F"|" "\$2 == 0" "$scratch/b-$kind/all" | grep -q .'
	judge "$kind" "$st" a-$kind b-$kind
	if [ $kind = worktree ]; then
		check "worktree: git status --porcelain empty" '[ -z "$(git -C "$st" status --porcelain)" ]'
		git -C "$st" status --porcelain | head -5 | sed 's/^/#   /'
		check 'worktree: the index and the working tree are HEAD' \
			'git -C "$st" diff --quiet HEAD -- && git -C "$st" diff --cached --quiet'
		check 'worktree: no temporary files left' \
			'[ -z "$(cd "$st" && find . -path ./.git -prune -o -type f -name "*.tmp" -print)" ]'
	else
		check 'bare: still no working tree' '[ ! -e "$st/records" ]'
	fi
	rm -rf "$scratch"/[ab]-$kind
done
