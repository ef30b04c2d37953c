#!/bin/sh
# make bench: the figures of DESIGN 9, measured as ratios in one run on
# synthetic stores made by tests/bench/gen.sh: BENCH_N log entries over
# 2024-2026 (default 20000; DESIGN's figures are for 200000, and 1000000 is
# the memory target's size). Medians of several runs by hyperfine, side by
# side with a floor (libyaml parsing the same records) or a peer (GNU
# recutils, hledger, grep | sort | uniq on the same entries converted to their
# formats), then a table: job, cs median, floor or peer median, ratio, and
# the target for that ratio. It prints figures and asserts nothing: a missed
# target is a "no" in the table, never a failure; but a command that fails
# (or prints a schema.* or ref.* finding on the generated store) fails it.
#
# BENCH_N: entries (default 20000). BENCH_CACHE=DIR: keep the generated stores
# in DIR (by N and generator) and start each run from a copy of them (remove
# DIR when csinit changes what it writes).
# BENCH_KEEP=1: keep the scratch directory (hyperfine's JSON, the streams).
top=$(cd "$(dirname "$0")/.." && pwd) || exit 70
bin=$top/cmd
n=${BENCH_N:-20000}
case $n in ''|*[!0-9]*) echo "bench: BENCH_N must be a number" >&2; exit 64 ;; esac
[ "$n" -ge 2000 ] || { echo "bench: BENCH_N must be at least 2000" >&2; exit 64; }
small=1000

die() { echo "bench: $*" >&2; exit 1; }
sh "$top/tests/deps.sh" hyperfine recutils hledger time || die "cannot install hyperfine, recutils, hledger, time"
for c in csinit csassign cslog cscheck csreport; do
	[ -x "$bin/$c" ] || die "$bin/$c is missing: run make first"
done
[ -x "$top/tests/bench_parse" ] || die "tests/bench_parse is missing: make tests/bench_parse"

work=$(mktemp -d "${TMPDIR:-/tmp}/cs-bench.XXXXXX") || exit 73
if [ -n "$BENCH_KEEP" ]; then
	trap 'echo "bench: kept $work" >&2' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM
# the generated stores' "now": every record happened before it
export CS_NOW=2027-01-05T09:00:00 CS_AUTHOR='基准测试 <bench@example.org>'
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
unset CS_STORE CS_LAWYER
[ -n "${LC_ALL}${LC_CTYPE}${LANG}" ] || export LANG=C.UTF-8

secs() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.1f", $2 - $1 }'; }

# A store of the generator's, generated once per N and generator into
# BENCH_CACHE when set; each run works on a copy.
store() { # name count [--worktree]
	if [ -z "$BENCH_CACHE" ]; then
		sh "$top/tests/bench/gen.sh" $3 "$work/$1" "$2" 2>"$work/gen-$1.log" ||
			{ cat "$work/gen-$1.log" >&2; die "tests/bench/gen.sh $3 $1 $2 failed"; }
		sed 's/^/  /' "$work/gen-$1.log"
		return
	fi
	v=$(cat "$top/tests/bench/gen.sh" "$top/tests/bench/gen.awk" | cksum | cut -d' ' -f1)
	c=$BENCH_CACHE/$2${3:+-tree}-$v
	if [ ! -d "$c" ]; then
		mkdir -p "$BENCH_CACHE" || exit 73
		rm -rf "$c.tmp"
		sh "$top/tests/bench/gen.sh" $3 "$c.tmp" "$2" 2>"$work/gen-$1.log" ||
			{ cat "$work/gen-$1.log" >&2; die "tests/bench/gen.sh $3 $1 $2 failed"; }
		sed 's/^/  /' "$work/gen-$1.log"
		mv "$c.tmp" "$c" || exit 73
	else
		echo "  $1: a copy of $c"
	fi
	cp -a "$c" "$work/$1" || exit 73
}

echo "make bench: $(date '+%Y-%m-%d %H:%M'), BENCH_N=$n, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(hyperfine --version), $(recsel --version | head -1), $(hledger --version | cut -d, -f1), $(git --version)"
t0=$(secs)
echo "bench: generating the stores (tests/bench/gen.sh)"
store bare "$n"
store small "$small"
store tree "$n" --worktree
echo "bench: stores made in $(elapsed "$t0" "$(secs)") s"
bare=$work/bare

# no schema.* or ref.* finding on the generated records
"$bin/cscheck" -C "$bare" --format csv > "$work/check.csv" 2>"$work/check.err"
st=$?
[ "$st" -le 1 ] || { cat "$work/check.err" >&2; die "cscheck on the generated store failed (exit $st)"; }
bad=$(grep -c ',error,\(schema\|ref\)\.\|,warning,\(schema\|ref\)\.' "$work/check.csv")
[ "$bad" -eq 0 ] || { grep ',\(schema\|ref\)\.' "$work/check.csv" | head >&2; die "$bad schema/ref findings on the generated store"; }
echo "bench: cscheck finds no schema.* or ref.* finding in the generated store ($(sed 's/^cscheck: //' "$work/check.err"))"

# The floors' streams, extracted beforehand from the packed objects: the
# month's work log, the year's work log and meetings; the peers get the
# year's work log converted to their formats.
stream() { # pattern: the files of HEAD matching it, as one YAML stream
	git --git-dir="$bare" ls-tree -r --name-only HEAD records | grep -E "$1" |
		sed 's/^/HEAD:/' | git --git-dir="$bare" cat-file --batch='---'
}
stream '^records/log/[^/]+/2026/10/' > "$work/month.yaml" || die "cannot extract the month's records"
stream '^records/(log/[^/]+|meetings)/2026/' > "$work/year.yaml" || die "cannot extract the year's records"
stream '^records/log/[^/]+/2026/' > "$work/yearlog.yaml" || die "cannot extract the year's log"
LC_ALL=C awk -v to=rec -f "$top/tests/bench/convert.awk" "$work/yearlog.yaml" > "$work/year.rec" || die "rec conversion failed"
LC_ALL=C awk -v to=journal -f "$top/tests/bench/convert.awk" "$work/yearlog.yaml" > "$work/year.journal" || die "journal conversion failed"
nm=$(grep -c '^---$' "$work/month.yaml") ny=$(grep -c '^---$' "$work/year.yaml") nl=$(grep -c '^---$' "$work/yearlog.yaml")
echo "bench: floors parse streams extracted beforehand from the packed objects into files (in the page cache):"
echo "  month floor: $nm entries of 2026-10, $(du -k "$work/month.yaml" | cut -f1) KiB; year floor: $ny entries and meetings of 2026, $(du -k "$work/year.yaml" | cut -f1) KiB"
echo "  peers: the $nl work-log entries of 2026 as year.rec (recsel), year.journal (hledger), the YAML stream (grep); the cs commands read git's packed objects"

# Jobs. Each command runs once first (it must succeed; its time chooses the
# runs), then hyperfine takes the median.
: > "$work/table"
job=0
measure() { # name, ok-status (0, or 1 for cscheck), command line (sh); sets med
	job=$((job + 1))
	f=$work/job$job
	t1=$(secs)
	sh -c "$3" > "$f.out" 2> "$f.err"
	st=$?
	t2=$(secs)
	if [ "$st" -gt "$2" ]; then
		sed 's/^/  /' "$f.err" >&2
		die "$1: exit $st: $3"
	fi
	# the first run warmed the page cache; a quick command gets a warm-up
	# run more and more runs, a slow one 3
	set -- "$@" $(echo "$t1 $t2" | awk '{ t = $2 - $1
		print t < 0.05 ? "--runs 30 --warmup 1" : t < 0.5 ? "--runs 10 --warmup 1" : t < 5 ? "--runs 5 --warmup 0" : "--runs 3 --warmup 0" }')
	[ "$2" -eq 0 ] || set -- "$@" --ignore-failure
	measure_hf "$@"
}
measure_hf() { # name, ok-status, command, hyperfine options...
	name=$1 cmd=$3
	shift 3
	hyperfine --style basic --shell sh "$@" --export-json "$f.json" "$cmd" > "$f.hf" 2>&1 ||
		{ cat "$f.hf" >&2; die "$name: hyperfine failed: $cmd"; }
	med=$(awk -F: '/"median"/ { gsub(/[ ,]/, "", $2); printf "%.4f", $2; exit }' "$f.json")
	[ -n "$med" ] || die "$name: no median in $f.json"
	cpu=$(awk -F: '/"user"|"system"/ { gsub(/[ ,]/, "", $2); t += $2 } END { printf "%.3f", t }' "$f.json")
	printf '  %-56s %9s s  (cpu %s s; %s)\n' "$name" "$med" "$cpu" \
		"$(sed -n 's/^ *Range (min … max): *//p' "$f.hf" | head -1 | tr -s ' ')"
}
keep() { eval "$1=\$med ${1}_cpu=\$cpu"; }
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }'; }
row() { # job, cs, other, ratio, cpu ratio, target, met
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" >> "$work/table"
}
# within: ratio <= limit
within() { echo "$1 $2" | awk '{ print ($1 != "-" && $1 <= $2) ? "yes" : "no" }'; }
# A row comparing job a with job b (variables kept by keep): the ratio of
# their medians, and of their CPU times; met when that ratio is <= limit
# (or a's median < T, with a limit <T).
cmp() { # label, a, b, target, limit
	eval "a=\$$2 ac=\$${2}_cpu b=\$$3 bc=\$${3}_cpu"
	r=$(ratio "$a" "$b")
	case $5 in
	'') met=- ;;
	'<'*) met=$(echo "$a ${5#<}" | awk '{ print $1 < $2 ? "yes" : "no" }') ;; # a time
	*) met=$(within "$r" "$5") ;;
	esac
	row "$1" "$a" "$b" "$r" "$(ratio "$ac" "$bc")" "$4" "$met"
}

C="'$bin/csreport' -C '$bare'"
K="'$bin/cscheck' -C '$bare'"
P="'$top/tests/bench_parse'"
echo "bench: timing: median wall-clock time of the runs (mean user+system CPU time; range and runs)"
measure "libyaml floor, 2026-10 work log" 0 "$P < '$work/month.yaml'"; keep mfloor
measure "libyaml floor, 2026 work log and meetings" 0 "$P < '$work/year.yaml'"; keep yfloor
measure "csreport monthly --month 2026-10 --district" 0 "$C monthly --month 2026-10 --district"; keep month
measure "csreport period --year 2026 --district" 0 "$C period --year 2026 --district"; keep year
measure "cscheck --period 2026" 1 "$K --period 2026"; keep check
measure "csreport assess --year 2026" 0 "$C assess --year 2026"; keep assess
measure "recsel -G Community,Month (year.rec)" 0 \
	"recsel -G Community,Month -p 'Community,Month,Count(Id)' '$work/year.rec'"; keep recsel
measure "hledger bal -M community (year.journal)" 0 "hledger -f '$work/year.journal' bal -M community"; keep hledger
cat > "$work/grep.sh" <<'EOF'
grep -E '^(date|community): ' "$1" | paste - - |
	sed -E "s/^date: '([0-9]{4}-[0-9]{2})-[0-9]{2}'	community: (.*)$/\2 \1/" | sort | uniq -c
EOF
measure "grep | paste | sed | sort | uniq -c (2026 log, YAML)" 0 "sh '$work/grep.sh' '$work/yearlog.yaml'"; keep grep

cmp "monthly --month 2026-10 --district / month floor" month mfloor "<= 1.5" 1.5
cmp "period --year 2026 --district / year floor" year yfloor "<= 1.5" 1.5
cmp "cscheck --period 2026 / year floor" check yfloor "<= 1.5" 1.5
cmp "assess --year 2026 / year floor" assess yfloor "-"
for peer in recsel hledger; do
	cmp "period --year 2026 / $peer" year $peer "<= 0.2 (5x faster)" 0.2
	cmp "cscheck --period 2026 / $peer" check $peer "<= 0.2 (5x faster)" 0.2
done
cmp "period --year 2026 / grep | sort | uniq" year grep "-"

# The same year report again, each run after one new entry of 2026.
add_args="add consultation --lawyer wang-li --community xinqiao --start 10:00 --end 10:30 --channel in-person --target-type resident --target-name 陈秀英 --target-contact 13800001234 --content 咨询房屋租赁押金纠纷 --result 告知先协商，协商不成可申请人民调解"
addc="'$bin/cslog' -C '$bare' $add_args --date 2026-12-31"
sh -c "$addc" > /dev/null 2> "$work/add.err" || { cat "$work/add.err" >&2; die "cslog add failed: $addc"; }
job=$((job + 1)); f=$work/job$job
measure_hf "period --year 2026, each run after one cslog add" 0 "$C period --year 2026 --district" \
	--runs "$(echo "$year" | awk '{ print $1 < 5 ? 5 : 3 }')" --warmup 0 --prepare "$addc > /dev/null"
keep after
cmp "period --year 2026 after one new entry / before" after year "< 0.1 s" "<0.1"

# cslog add: a bare store of 1k entries and of N; one with a working tree
# against git add && git commit of one file (the pre-commit hook, which runs
# cscheck, left out: cslog add does not run it either).
measure "cslog add, bare, $small entries" 0 "'$bin/cslog' -C '$work/small' $add_args --date 2026-12-30"; keep add1k
measure "cslog add, bare, $n entries" 0 "'$bin/cslog' -C '$bare' $add_args --date 2026-12-30"; keep addn
cmp "cslog add bare: $n / $small entries" addn add1k "1x (<= 1.25)" 1.25
measure "cslog add, working tree, $n entries" 0 "'$bin/cslog' -C '$work/tree' $add_args --date 2026-12-30"; keep addw
cat > "$work/mkentry.sh" <<EOF
i=\$(cat '$work/seq' 2>/dev/null || echo 0); i=\$((i + 1)); echo \$i > '$work/seq'
id=20261230-i\$(printf '%05d' \$i | tr 0-9 a-j)
p=records/log/xinqiao/2026/12/\$id.yaml
printf 'kind: consultation\nid: %s\ndate: %s\nstart: %s\nend: %s\ncommunity: xinqiao\nlawyer: wang-li\nchannel: in-person\ncontent: 咨询房屋租赁押金纠纷\nrecorded_at: %s\n' \
	"\$id" "'2026-12-30'" "'10:00'" "'10:30'" "'2026-12-30T11:00'" > '$work/tree/'\$p
echo \$p > '$work/next'
EOF
gitc="read -r p < '$work/next' && cd '$work/tree' && git add \"\$p\" && git -c core.hooksPath=/dev/null commit -q -m 'Log consultation' -m 'Cs-Command: git'"
sh "$work/mkentry.sh" && sh -c "$gitc" || die "git add && git commit failed"
job=$((job + 1)); f=$work/job$job
measure_hf "git add && git commit, working tree, $n entries" 0 "$gitc" --runs 10 --warmup 1 --prepare "sh '$work/mkentry.sh'"
keep gitw
cmp "cslog add working tree / git add+commit ($n)" addw gitw "<= 0.33 (3x faster, at 100k)" 0.334

# Peak memory (GNU time's maximum resident set size).
mem() { # name, ok-status, command
	/usr/bin/time -f '%M' -o "$work/mem" sh -c "exec $3" > /dev/null 2> "$work/mem.err"
	st=$?
	[ "$st" -le "$2" ] || { cat "$work/mem.err" >&2; die "$1: exit $st"; }
	kb=$(tail -1 "$work/mem")
	mib=$(echo "$kb" | awk '{ printf "%.1f", $1 / 1024 }')
	# the target is at 1M entries: judged only there (BENCH_N=1000000)
	met=-
	[ "$n" -lt 1000000 ] || met=$(echo "$mib" | awk '{ print $1 < 64 ? "yes" : "no" }')
	row "peak memory, $1 (MiB)" "$mib" "-" "-" "-" "< 64 MiB (at 1M)" "$met"
}
mem "monthly --district" 0 "$C monthly --month 2026-10 --district"
mem "monthly --all" 0 "$C monthly --month 2026-10 --all"
mem "period --year 2026" 0 "$C period --year 2026 --district"
mem "assess --year 2026" 0 "$C assess --year 2026"
mem "cscheck --period 2026" 1 "$K --period 2026"
mem "cscheck (the whole store)" 1 "$K"

echo
echo "make bench, BENCH_N=$n ($(date +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)): medians in seconds,"
echo "ratio = cs / other (met or not judged on it), cpu = the same ratio of mean user+system CPU times;"
echo "floors: tests/bench_parse (libyaml) over YAML streams extracted beforehand from the packed objects"
awk -F'\t' 'BEGIN { printf "%-50s %9s %9s %7s %7s  %-28s %s\n", "job", "cs", "other", "ratio", "cpu", "target", "met" }
	{ printf "%-50s %9s %9s %7s %7s  %-28s %s\n", $1, $2, $3, $4, $5, $6, $7 }' "$work/table"
exit 0
