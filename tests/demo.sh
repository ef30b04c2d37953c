#!/bin/sh
# make demo: load the sample district (records/) into a fresh store through the
# commands, one commit per record, then show who served where on 2026-10-15 and
# October's work log. Stops at the first failing command, naming it.
# CS_BIN=DIR runs the commands of DIR (default cmd/); CS_DEMO_KEEP=1 keeps the
# store (its path is printed) instead of removing it at the end.
top=$(cd "$(dirname "$0")/.." && pwd) || exit 70
cd "$top" || exit 70
bin=${CS_BIN:-$top/cmd}
export CS_NOW=2026-11-05T09:00:00
export CS_AUTHOR='示例书记员 <clerk@example.org>'
unset CS_STORE CS_LAWYER
[ -n "${LC_ALL}${LC_CTYPE}${LANG}" ] || export LANG=C.UTF-8

work=$(mktemp -d "${TMPDIR:-/tmp}/cs-demo.XXXXXX") || exit 73
if [ -n "$CS_DEMO_KEEP" ]; then
	trap 'rm -f "$work/out" "$work/err" "$work/heads"' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM
dir=$work/store
mkdir "$dir" || exit 73
cur=

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
pair() { # file
	cur=$1
	l=$(need "$1" lawyer) && c=$(need "$1" community) && from=$(need "$1" from) &&
		s=$(need "$1" schedule) && p=$(need "$1" place) && a=$(need "$1" agreement) || exit 1
	run "$bin/csassign" -C "$dir" pair --lawyer "$l" --community "$c" --from "$from" \
		--schedule "$s" --place "$p" --agreement "$a"
}
record() { # file: a log entry or meeting, as it is
	cur=$1
	run "$bin/cslog" -C "$dir" add - < "$1"
}
commits() {
	git -C "$dir" rev-list --count HEAD 2> /dev/null || echo 0
}

for c in csinit csassign cslog; do
	[ -x "$bin/$c" ] || die "$bin/$c is missing: run make first"
done
[ -d records/log ] || die "no records/ in $top"

echo "demo: a new store in $dir"
run "$bin/csinit" "$dir" --district 示例区
first=$(commits)

n_off=0 n_firm=0 n_law=0 n_com=0 n_pair=0 n_log=0 n_meet=0
for f in records/offices/*.yaml; do [ -f "$f" ] && office "$f" && n_off=$((n_off + 1)); done
for f in records/firms/*.yaml; do [ -f "$f" ] && firm "$f" && n_firm=$((n_firm + 1)); done
for f in records/lawyers/*.yaml; do [ -f "$f" ] && lawyer "$f" && n_law=$((n_law + 1)); done
for f in records/communities/*.yaml; do [ -f "$f" ] && community "$f" && n_com=$((n_com + 1)); done
for f in records/assignments/*.yaml; do [ -f "$f" ] && pair "$f" && n_pair=$((n_pair + 1)); done
echo "demo: $n_off offices, $n_firm firms, $n_law lawyers, $n_com communities, $n_pair pairings"

find records/log -name '*.yaml' -type f | sort > "$work/logs"
while IFS= read -r f; do
	record "$f"
	n_log=$((n_log + 1))
done < "$work/logs"
for f in records/meetings/*/*.yaml; do [ -f "$f" ] && record "$f" && n_meet=$((n_meet + 1)); done
rm -f "$work/logs"
cur=
echo "demo: $n_log log entries, $n_meet meetings"

total=$((n_off + n_firm + n_law + n_com + n_pair + n_log + n_meet))
made=$(($(commits) - first))
[ "$made" -eq "$total" ] || die "$total records loaded but $made commits made"
in_store=$(git -C "$dir" ls-tree -r --name-only HEAD -- records/log | grep -c '\.yaml$')
[ "$in_store" -eq "$n_log" ] || die "$n_log log entries loaded but $in_store in the store"

show() { # command...: prints its output
	echo
	echo "\$ $(basename "$1") $(shift; echo "$@")"
	run "$@"
	cat "$work/out"
}
show "$bin/csassign" -C "$dir" who --on 2026-10-15
show "$bin/cslog" -C "$dir" list --month 2026-10
echo
n_oct=$(git -C "$dir" ls-tree -r --name-only HEAD -- records/log | grep -c '/2026/10/')
echo "demo: $total records in $made commits ($n_log log entries, $n_oct of them in 2026-10)"
[ -z "$CS_DEMO_KEEP" ] || echo "demo: the store is kept in $dir"
