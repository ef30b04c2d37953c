#!/bin/sh
# A synthetic district store of N work-log entries for make bench.
#
#   sh tests/bench/gen.sh [--worktree] DIR N
#
# The district: 4 judicial offices, 8 firms, 24 lawyers, 20 communities and
# their pairings from 2024-01-01 (four of them changed lawyer through a change
# record on the way), and N log entries and meetings over 2024-2026 (fewer
# months when N is too small for three years of the weekly office hours):
# office hours every week of each pairing on its schedule's day (moved within
# the week when that day is a public holiday), a visit of the judicial office
# every month, feedback every quarter, a lecture every quarter, a training
# every year, two spot checks a year, the district's joint, summary and
# exchange meetings, and the rest consultations mostly, then requests (received
# and accepted), mediations, drafting, publicity, lectures, legal aid,
# research, negotiations, conflict reports, representations, gifts. Chinese
# names and text like the sample district's (records/). Every record is valid
# under its schema and its references (a pairing active on each entry's date,
# signed by a head of its community, ids YYYYMMDD-xxxxxx unique, real dates,
# nothing after the store's "now", 2027-01-05T09:00 -- export CS_NOW so).
# A few entries break the rules as real ones do (late signatures and
# acceptances, a few unsigned or voided); no monthly reports are filed.
#
# csinit makes the store (cs.yaml, calendar/), bare unless --worktree; the
# records are one more commit written by git fast-import (uncompressed: the
# packing compresses them), then packed (git repack -adf). The same N and
# BENCH_SEED (default 1) give the same records, ids included.
# CS_BIN: where csinit is (default cmd/ of this tree).
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 70
bin=${CS_BIN:-$top/cmd}
worktree=
[ "$1" = --worktree ] && { worktree=1; shift; }
[ $# -eq 2 ] || { echo "usage: gen.sh [--worktree] DIR N" >&2; exit 64; }
dir=$1 n=$2
case $n in ''|*[!0-9]*) echo "gen.sh: N must be a number" >&2; exit 64 ;; esac
[ ! -e "$dir" ] || { echo "gen.sh: $dir exists" >&2; exit 73; }
for y in 2024 2025 2026; do
	[ -f "$top/lib/calendar/$y.yaml" ] || { echo "gen.sh: no lib/calendar/$y.yaml" >&2; exit 66; }
done

if [ -n "$worktree" ]; then
	CS_NOW=2023-12-01T09:00:00 "$bin/csinit" "$dir" --district 滨江区 2>/dev/null || exit $?
	gd=$dir/.git
else
	CS_NOW=2023-12-01T09:00:00 "$bin/csinit" "$dir" --district 滨江区 --bare 2>/dev/null || exit $?
	gd=$dir
fi
ref=$(git --git-dir="$gd" symbolic-ref HEAD) || exit 70
t0=$(date +%s)

LC_ALL=C awk -v n="$n" -v seed="${BENCH_SEED:-1}" -v ref="$ref" \
	-v cal="$top/lib/calendar/2024.yaml $top/lib/calendar/2025.yaml $top/lib/calendar/2026.yaml" \
	-f "$top/tests/bench/gen.awk" 2>"$gd/gen.log" |
	git -c core.compression=0 --git-dir="$gd" fast-import --quiet || { cat "$gd/gen.log" >&2; exit 70; }
grep -v '^gen: done$' "$gd/gen.log" >&2
grep -q '^gen: done$' "$gd/gen.log" || exit 70
rm -f "$gd/gen.log"
t1=$(date +%s)
git --git-dir="$gd" repack -adfq || exit 70
git --git-dir="$gd" prune-packed || exit 70
t2=$(date +%s)
if [ -n "$worktree" ]; then
	git -C "$dir" reset -q --hard || exit 70
fi
t3=$(date +%s)
echo "gen: $((t1 - t0)) s to write the records (awk | git fast-import), $((t2 - t1)) s to pack them (git repack -adf)${worktree:+, $((t3 - t2)) s to check them out}; $(du -sk "$gd/objects" | cut -f1) KiB of objects" >&2
exit 0
