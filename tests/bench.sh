#!/bin/sh
# make bench: figures for DESIGN 9, as ratios measured in one run on a
# synthetic store. BENCH_N sets its size (default 20000 records; DESIGN's
# figures are for 200000). Prints figures; asserts nothing.
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/cmd
n=${BENCH_N:-20000}
work=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export CS_NOW=2026-11-05T09:00:00 CS_AUTHOR='Bench <bench@example.org>'
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@example.org

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | sed 's/^\./0./'; }
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
timed() { # seconds a command takes
	t0=$(now); "$@" > /dev/null 2>&1; t1=$(now); secs "$t0" "$t1"
}

# A store: directory, pairings, and n log entries over 2026, via fast-import.
make_store() { # dir count bare
	dir=$1 count=$2
	if [ "$3" = bare ]; then "$bin/csinit" "$dir" --district 基准区 --bare 2>/dev/null
	else "$bin/csinit" "$dir" --district 基准区 2>/dev/null; fi
	C="$bin/csassign -C $dir"
	$C office add o1 --name 甲司法所 >/dev/null
	$C firm add f1 --name 甲律师事务所 >/dev/null
	for i in 1 2 3 4 5 6; do
		$C lawyer add l$i --name 律师$i --firm f1 >/dev/null
		$C community add c$i --name 社区$i --office o1 --head 主任$i >/dev/null
		$C pair --lawyer l$i --community c$i --from 2026-01-01 --schedule 'Wed 14:00-17:30' \
			--place 工作室 --agreement A$i >/dev/null
	done
	LC_ALL=C awk -v n="$count" 'BEGIN {
		srand(7); split("0123456789abcdefghjkmnpqrstvwxyz", al, "");
		print "commit refs/heads/main"; print "mark :1";
		print "committer bench <b@example.org> 1790000000 +0800";
		print "data 33"; print "Bench records\n\nCs-Command: bench";
		print "from refs/heads/main^0";
		for (i = 0; i < n; i++) {
			c = i % 6 + 1; m = int(i / 6) % 12 + 1; d = int(i / 72) % 28 + 1;
			id = sprintf("2026%02d%02d-", m, d);
			for (k = 0; k < 6; k++) id = id al[int(rand() * 32) + 1];
			body = sprintf("kind: consultation\nid: %s\ndate: '\''2026-%02d-%02d'\''\nstart: '\''09:00'\''\nend: '\''09:30'\''\ncommunity: c%d\nlawyer: l%d\nchannel: in-person\ntarget:\n  type: resident\n  name: 居民%d\n  contact: '\''139%08d'\''\ncontent: 咨询邻里纠纷的处理办法，律师解答了相关法律规定。\nresult: 已解答\nsigned_by: 主任%d\nsigned_at: '\''2026-%02d-%02dT18:00'\''\nrecorded_at: '\''2026-%02d-%02dT18:00'\''\n", id, m, d, c, c, i, i, c, m, d, m, d);
			printf "M 100644 inline records/log/c%d/2026/%02d/%s.yaml\ndata %d\n%s\n", c, m, id, length(body) + 0, body;
		}
	}' > "$work/import"
	if [ "$3" = bare ]; then gd=$dir; else gd=$dir/.git; fi
	git --git-dir="$gd" fast-import --quiet --force < "$work/import"
	git --git-dir="$gd" repack -adq
	[ "$3" = bare ] || (cd "$dir" && git reset -q --hard)
}

echo "make bench: synthetic stores of $n records (BENCH_N to change)"
make_store "$work/bare" "$n" bare
make_store "$work/small" 1000 bare
make_store "$work/tree" "$n" tree

# 1. the libyaml parse floor against the district monthly report
git --git-dir="$work/bare" ls-tree -r --name-only HEAD records/log |
	sed 's/^/HEAD:/' | git --git-dir="$work/bare" cat-file --batch |
	awk '/^[0-9a-f]+ blob [0-9]+$/ { print "---"; next } { print }' > "$work/stream.yaml"
git --git-dir="$work/bare" ls-tree -r --name-only HEAD records/log | grep '/2026/10/' |
	sed 's/^/HEAD:/' | git --git-dir="$work/bare" cat-file --batch |
	awk '/^[0-9a-f]+ blob [0-9]+$/ { print "---"; next } { print }' > "$work/month.yaml"
t0=$(now); "$top/tests/bench_parse" < "$work/stream.yaml" > /dev/null; t1=$(now)
floor=$(secs "$t0" "$t1")
t0=$(now); "$top/tests/bench_parse" < "$work/month.yaml" > /dev/null; t1=$(now)
mfloor=$(secs "$t0" "$t1")
report=$(timed "$bin/csreport" -C "$work/bare" monthly --month 2026-10 --district --format json)
echo "libyaml parse floor, all records:       ${floor}s"
echo "libyaml parse floor, October's records: ${mfloor}s"
echo "csreport monthly --district:            ${report}s  ($(ratio "$report" "$floor")x the whole floor, $(ratio "$report" "$mfloor")x the month's; target 1.2x)"
for tool in recsel hledger; do
	command -v $tool > /dev/null || echo "$tool: not installed, not compared"
done

# 2. cslog add in a bare store: 1k against n records
add() { "$bin/cslog" -C "$1" add consultation --lawyer l1 --community c1 --date 2026-11-04 \
	--start 10:00 --end 10:30 > /dev/null; }
s1=$(timed add "$work/small")
sn=$(timed add "$work/bare")
echo "cslog add, bare, 1000 records:          ${s1}s"
echo "cslog add, bare, $n records:       ${sn}s  ($(ratio "$sn" "$s1")x; target 1x)"

# 3. cslog add with a working tree against git add && git commit
w=$(timed add "$work/tree")
printf 'kind: office\nid: zz\nname: x\n' > "$work/tree/records/offices/zz.yaml"
t0=$(now); (cd "$work/tree" && git add records/offices/zz.yaml &&
	git -c core.hooksPath=/dev/null commit -qm x) > /dev/null; t1=$(now)
g=$(secs "$t0" "$t1")
echo "cslog add, working tree, $n records: ${w}s; git add && git commit: ${g}s ($(ratio "$g" "$w")x faster; target 3x)"

# 4. peak memory of the report
if [ -x /usr/bin/time ]; then
	kb=$(/usr/bin/time -f %M "$bin/csreport" -C "$work/bare" monthly --month 2026-10 --district \
		--format json 2>&1 >/dev/null | tail -1)
	echo "csreport peak memory at $n records:    $((kb / 1024)) MiB (target < 64 MiB at 1M)"
else
	echo "peak memory: /usr/bin/time not installed"
fi
