#!/bin/sh
# make demo: load the sample district (records/) into a fresh store through the
# commands, one commit per record, in the order of its history: each command runs
# with CS_NOW at the moment it happened (the directory and pairings before the
# service begins, each log entry and meeting at its recorded_at, else its date at
# 18:00), and the monthly reports are filed as cron files them (lawyers' on the
# 2nd at 09:00, offices' on the 3rd) -- but for one late filing. A change record
# is added by hand with plain git, as a clerk's hand edit would be. Then it shows
# who served where on 2026-10-15, October's work log, what cscheck finds on
# 2026-11-05 (tests/demo-violations.md lists the deliberate violations,
# tests/demo-findings.txt the findings), the year's rules judged once 2026 has
# ended, and October's district report.
# Stops at the first failing command, naming it.
# CS_BIN=DIR runs the commands of DIR (default cmd/); CS_DEMO_KEEP=1 keeps the
# store (its path is printed) instead of removing it at the end.
top=$(cd "$(dirname "$0")/.." && pwd) || exit 70
cd "$top" || exit 70
bin=${CS_BIN:-$top/cmd}
# the moment the demo ends: the checks and the district report run then
end=2026-11-05T09:00:00
# the directory is entered on this day; pairings on their agreement date
dir_day=2026-06-15
# the one report filed late (Art 18): month, lawyer, when
late_month=2026-09 late_lawyer=zhang-wei late_at=2026-10-06T09:00:00
export CS_AUTHOR='示例书记员 <clerk@example.org>'
unset CS_STORE CS_LAWYER CS_NOW
[ -n "${LC_ALL}${LC_CTYPE}${LANG}" ] || export LANG=C.UTF-8

work=$(mktemp -d "${TMPDIR:-/tmp}/cs-demo.XXXXXX") || exit 73
if [ -n "$CS_DEMO_KEEP" ]; then
	trap 'rm -f "$work/out" "$work/err" "$work/heads" "$work/events" "$work/pairs" "$work/filed" "$work/due"' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM
dir=$work/store
mkdir "$dir" || exit 73
cur=
: > "$work/pairs"
: > "$work/filed"

fail() { # status, command...
	st=$1
	shift
	echo "demo: ${cur:+$cur: }command failed (exit $st): $*" >&2
	sed 's/^/demo:   /' "$work/err" >&2
	exit "$st"
}
run() { # command...: quiet unless it fails
	"$@" > "$work/out" 2> "$work/err" || fail $? "$@"
}
die() {
	echo "demo: $*" >&2
	exit 1
}

# The value of a top-level "key: value" line of a YAML file, unquoted
# ('...' with '' for a quote, or "..."); empty when absent.
val() { # file, key
	awk -v k="$2" '
	BEGIN { q = sprintf("%c", 39); dq = sprintf("%c", 34) }
	index($0, k ":") == 1 {
		v = substr($0, length(k) + 2)
		if (v != "" && substr(v, 1, 1) != " ") next
		sub(/^ +/, "", v)
		sub(/ +$/, "", v)
		if (length(v) >= 2 && substr(v, 1, 1) == q && substr(v, length(v), 1) == q) {
			v = substr(v, 2, length(v) - 2)
			gsub(q q, q, v)
		} else if (length(v) >= 2 && substr(v, 1, 1) == dq && substr(v, length(v), 1) == dq) {
			v = substr(v, 2, length(v) - 2)
		}
		print v
		exit
	}' "$1"
}
# The items of a top-level block list ("heads:" then "  - NAME" lines).
list() { # file, key
	awk -v k="$2" '
	BEGIN { q = sprintf("%c", 39) }
	$0 == k ":" { on = 1; next }
	on && /^ *- / {
		v = $0
		sub(/^ *- +/, "", v)
		sub(/ +$/, "", v)
		if (length(v) >= 2 && substr(v, 1, 1) == q && substr(v, length(v), 1) == q) {
			v = substr(v, 2, length(v) - 2)
			gsub(q q, q, v)
		}
		print v
		next
	}
	on { exit }' "$1"
}
need() { # file, key: the value, which must not be empty
	v=$(val "$1" "$2")
	[ -n "$v" ] || die "$1: no $2"
	printf '%s\n' "$v"
}

office() { # file
	cur=$1
	slug=$(need "$1" id) && name=$(need "$1" name) || exit 1
	set -- "$1" office add "$slug" --name "$name"
	v=$(val "$1" phone); [ -z "$v" ] || set -- "$@" --phone "$v"
	v=$(val "$1" address); [ -z "$v" ] || set -- "$@" --address "$v"
	shift
	run "$bin/csassign" -C "$dir" "$@"
}
firm() { # file
	cur=$1
	slug=$(need "$1" id) && name=$(need "$1" name) || exit 1
	set -- "$1" firm add "$slug" --name "$name"
	v=$(val "$1" phone); [ -z "$v" ] || set -- "$@" --phone "$v"
	v=$(val "$1" address); [ -z "$v" ] || set -- "$@" --address "$v"
	shift
	run "$bin/csassign" -C "$dir" "$@"
}
lawyer() { # file
	cur=$1
	slug=$(need "$1" id) && name=$(need "$1" name) && f=$(need "$1" firm) || exit 1
	set -- "$1" lawyer add "$slug" --name "$name" --firm "$f"
	v=$(val "$1" phone); [ -z "$v" ] || set -- "$@" --phone "$v"
	v=$(val "$1" email); [ -z "$v" ] || set -- "$@" --email "$v"
	v=$(val "$1" licence); [ -z "$v" ] || set -- "$@" --licence "$v"
	v=$(val "$1" photo); [ -z "$v" ] || set -- "$@" --photo "$v"
	shift
	run "$bin/csassign" -C "$dir" "$@"
}
community() { # file
	cur=$1
	slug=$(need "$1" id) && name=$(need "$1" name) && o=$(need "$1" office) || exit 1
	set -- "$1" community add "$slug" --name "$name" --office "$o"
	list "$1" heads > "$work/heads"
	[ -s "$work/heads" ] || die "$1: no heads"
	while IFS= read -r h; do
		set -- "$@" --head "$h"
	done < "$work/heads"
	v=$(val "$1" workroom); [ -z "$v" ] || set -- "$@" --workroom "$v"
	shift
	run "$bin/csassign" -C "$dir" "$@"
}
pair() { # file: prints the new pairing's id, remembered beside the sample's
	cur=$1
	l=$(need "$1" lawyer) && c=$(need "$1" community) && from=$(need "$1" from) &&
		s=$(need "$1" schedule) && p=$(need "$1" place) && a=$(need "$1" agreement) &&
		id=$(need "$1" id) || exit 1
	set -- "$1" pair --lawyer "$l" --community "$c" --from "$from" --schedule "$s" \
		--place "$p" --agreement "$a"
	v=$(val "$1" agreement_date); [ -z "$v" ] || set -- "$@" --agreement-date "$v"
	shift
	run "$bin/csassign" -C "$dir" "$@"
	printf '%s %s\n' "$id" "$(cat "$work/out")" >> "$work/pairs"
}
# The fields only the commands set (DESIGN 7): the entry is logged without
# them, then signed, accepted or voided by its command at that moment.
owned='^(signed_by|signed_at|accepted_at|voided_at|void_reason|late_reason|recorded_at):'
record() { # file: a log entry or meeting, as it was logged
	cur=$1
	m=$(need "$1" date | cut -c1-7) || exit 1
	l=$(val "$1" lawyer)
	# a filed lawyer's report seals the month: its entries come before it
	if [ -n "$l" ] && grep -qx "$m lawyer $l" "$work/filed"; then
		die "$1 is recorded after $l's report of $m was filed"
	fi
	grep -Ev "$owned" "$1" > "$work/entry" || exit 1
	run "$bin/cslog" -C "$dir" add - < "$work/entry"
}
sign() { # file: the head signs the entry (Art 11)
	cur="signing $1"
	run "$bin/cslog" -C "$dir" sign "$(need "$1" id)" --by "$(need "$1" signed_by)"
}
accept() { # file: the request is accepted (Art 10)
	cur="accepting $1"
	run "$bin/cslog" -C "$dir" accept "$(need "$1" id)" --on "$(need "$1" accepted_at)"
}
void() { # file
	cur="voiding $1"
	run "$bin/cslog" -C "$dir" void "$(need "$1" id)" --reason "$(need "$1" void_reason)"
}
hand_edit() { # file: a change record written by hand, committed with plain git
	cur=$1
	id=$(need "$1" id) && a=$(need "$1" assignment) || exit 1
	sid=$(awk -v a="$a" '$1 == a { print $2 }' "$work/pairs")
	[ -n "$sid" ] || die "$1: no pairing $a in records/assignments"
	mkdir -p "$dir/records/changes" || exit 73
	sed "s/^assignment: $a\$/assignment: $sid/" "$1" > "$dir/records/changes/$id.yaml" || exit 73
	name=${CS_AUTHOR% <*} email=${CS_AUTHOR##*<}
	email=${email%>}
	run git -C "$dir" add "records/changes/$id.yaml"
	GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE=$CS_NOW \
	GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE=$CS_NOW \
		run git -C "$dir" -c core.hooksPath=/dev/null commit -q \
		-m "Change request $id for pairing $sid, entered by hand"
}
report() { # lawyer|office, slug, month: what cron runs on the 2nd and the 3rd
	cur="$1 report of $2 for $3"
	run "$bin/csreport" -C "$dir" monthly --month "$3" "--$1" "$2" --commit
	echo "$3 $1 $2" >> "$work/filed"
}
commits() {
	git -C "$dir" rev-list --count HEAD 2> /dev/null || echo 0
}
# A moment as CS_NOW takes it: YYYY-MM-DDTHH:MM[:SS] -> YYYY-MM-DDTHH:MM:SS.
stamp() {
	case $1 in
	????-??-??T??:??) echo "$1:00" ;;
	????-??-??T??:??:??) echo "$1" ;;
	*) return 1 ;;
	esac
}
next_month() { # YYYY-MM
	echo "$1" | awk -F- '{ y = $1 + 0; m = $2 + 1; if (m > 12) { m = 1; y++ }; printf "%04d-%02d\n", y, m }'
}

for c in csinit csassign cslog cscheck csreport; do
	[ -x "$bin/$c" ] || die "$bin/$c is missing: run make first"
done
[ -d records/log ] || die "no records/ in $top"

# The history as a list of events: "moment<TAB>what<TAB>file or report".
events=$work/events
: > "$events"
n=0
for k in offices firms lawyers communities; do
	for f in records/$k/*.yaml; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		printf '%sT%02d:%02d:00\t%s\t%s\n' "$dir_day" $((9 + n / 60)) $((n % 60)) \
			"$k" "$f" >> "$events"
	done
done
n=0
for f in records/assignments/*.yaml; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	d=$(val "$f" agreement_date)
	[ -n "$d" ] || d=$dir_day
	printf '%sT10:%02d:00\t%s\t%s\n' "$d" $((n % 60)) pair "$f" >> "$events"
done
find records/log records/meetings -name '*.yaml' -type f | sort |
while IFS= read -r f; do
	at=$(val "$f" recorded_at)
	[ -n "$at" ] || at=$(need "$f" date)T18:00
	at=$(stamp "$at") || die "$f: recorded_at '$at' is not a date-time"
	printf '%s\t%s\t%s\n' "$at" record "$f"
	# then what its commands did to it, never before it was logged
	# (a request is accepted before it is signed: a signature closes it)
	for k in accepted_at:accept signed_at:sign voided_at:void; do
		v=$(val "$f" "${k%%:*}")
		[ -n "$v" ] || continue
		v=$(stamp "$v") || die "$f: ${k%%:*} '$v' is not a date-time"
		[ "$v" \< "$at" ] && v=$at
		at=$v
		printf '%s\t%s\t%s\n' "$v" "${k##*:}" "$f"
	done
done >> "$events" || exit 1
for f in records/changes/*.yaml; do
	[ -f "$f" ] || continue
	printf '%sT10:30:00\t%s\t%s\n' "$(need "$f" filed)" change "$f" >> "$events"
done
# Monthly reports from the first pairing's month to the month before the end:
# each lawyer paired that month on the 2nd, then each office on the 3rd.
for f in records/assignments/*.yaml; do
	[ -f "$f" ] || continue
	c=$(need "$f" community) || exit 1
	to=$(val "$f" to | cut -c1-7)
	printf '%s %s %s %s\n' "$(need "$f" from | cut -c1-7)" "${to:--}" \
		"$(need "$f" lawyer)" "$(need "records/communities/$c.yaml" office)" || exit 1
done > "$work/due"
m=$(sort "$work/due" | head -n 1 | cut -d' ' -f1)
last=$(echo "$end" | cut -c1-7)
while [ -n "$m" ] && [ "$m" \< "$last" ]; do
	nm=$(next_month "$m")
	i=0
	for who in lawyer office; do
		col=3 day=02
		[ "$who" = office ] && col=4 day=03
		awk -v m="$m" -v c=$col '$1 <= m && ($2 == "-" || $2 >= m) { print $c }' "$work/due" |
			sort -u > "$work/out"
		while IFS= read -r s; do
			i=$((i + 1))
			at=$(printf '%s-%sT09:00:%02d' "$nm" "$day" "$i")
			[ "$who $s $m" = "lawyer $late_lawyer $late_month" ] && at=$late_at
			printf '%s\treport\t%s %s %s\n' "$at" "$who" "$s" "$m" >> "$events"
		done < "$work/out"
	done
	m=$nm
done

echo "demo: a new store in $dir"
CS_NOW=${dir_day}T09:00:00 run "$bin/csinit" "$dir" --district 示例区
first=$(commits)

n_off=0 n_firm=0 n_law=0 n_com=0 n_pair=0 n_log=0 n_meet=0 n_change=0 n_rep=0 n_cmd=0
sort -s -t "$(printf '\t')" -k1,1 "$events" > "$work/out.events"
mv "$work/out.events" "$events"
while IFS="$(printf '\t')" read -r at what arg; do
	export CS_NOW="$at"
	case $what in
	offices) office "$arg" && n_off=$((n_off + 1)) ;;
	firms) firm "$arg" && n_firm=$((n_firm + 1)) ;;
	lawyers) lawyer "$arg" && n_law=$((n_law + 1)) ;;
	communities) community "$arg" && n_com=$((n_com + 1)) ;;
	pair) pair "$arg" && n_pair=$((n_pair + 1)) ;;
	record)
		record "$arg" || exit 1
		case $arg in
		records/meetings/*) n_meet=$((n_meet + 1)) ;;
		*) n_log=$((n_log + 1)) ;;
		esac ;;
	sign) sign "$arg" && n_cmd=$((n_cmd + 1)) ;;
	accept) accept "$arg" && n_cmd=$((n_cmd + 1)) ;;
	void) void "$arg" && n_cmd=$((n_cmd + 1)) ;;
	change) hand_edit "$arg" && n_change=$((n_change + 1)) ;;
	report) report $arg && n_rep=$((n_rep + 1)) ;;
	*) die "unknown event $what" ;;
	esac || exit 1
done < "$events"
cur=
export CS_NOW="$end"
echo "demo: $n_off offices, $n_firm firms, $n_law lawyers, $n_com communities, $n_pair pairings"
echo "demo: $n_log log entries, $n_meet meetings, $n_cmd sign-offs and acceptances, $n_change change by hand, $n_rep monthly reports filed"

total=$((n_off + n_firm + n_law + n_com + n_pair + n_log + n_meet + n_change + n_cmd))
made=$(($(commits) - first))
[ "$made" -eq $((total + n_rep)) ] || die "$total records and $n_rep reports but $made commits made"
in_store=$(git -C "$dir" ls-tree -r --name-only HEAD -- records/log | grep -c '\.yaml$')
[ "$in_store" -eq "$n_log" ] || die "$n_log log entries loaded but $in_store in the store"

show() { # command...: prints its output
	echo
	echo "\$ $(basename "$1") $(shift; echo "$@")"
	run "$@"
	cat "$work/out"
}
check() { # cscheck arguments...: prints its findings; exit 1 (findings) is expected
	echo
	echo "\$ cscheck $*"
	"$bin/cscheck" "$@" > "$work/out" 2> "$work/err"
	st=$?
	[ "$st" -le 1 ] || fail "$st" "$bin/cscheck" "$@"
	cat "$work/out" "$work/err"
}
show "$bin/csassign" -C "$dir" who --on 2026-10-15
show "$bin/cslog" -C "$dir" list --month 2026-10
check -C "$dir"
check -C "$dir" --today 2027-01-04 --period 2026 --rules art9.training,art20.meeting
show "$bin/csreport" -C "$dir" monthly --month 2026-10 --district
echo
n_oct=$(git -C "$dir" ls-tree -r --name-only HEAD -- records/log | grep -c '/2026/10/')
echo "demo: $total records and $n_rep reports in $made commits ($n_log log entries, $n_oct of them in 2026-10)"
[ -z "$CS_DEMO_KEEP" ] || echo "demo: the store is kept in $dir"
