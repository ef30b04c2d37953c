#!/bin/sh
# Man pages, --help and the shell completions agree with each command's one
# option table: each man page is clean under `mandoc -Tlint -W warning` and
# its SYNOPSIS has exactly the verbs and options of the table (CMD --usage
# prints the table's); every verb's --help lists its options; the one
# completion file per shell parses and, called as the shell calls it, offers
# the verbs, options, ids, slugs and heads of a real store.
. "$(dirname "$0")/lib.sh"

cmds='csinit csassign cslog cscheck csreport'
comp=$CS_TOP/completions
has() { command -v "$1" > /dev/null 2>&1; }

if has mandoc; then
	echo "ok - mandoc is installed"
else
	echo "not ok - mandoc is installed (the man page checks need it)"
fi

# "verb<TAB>option option..." lines of a man page's SYNOPSIS (mdoc source):
# an entry starts at .Nm; its verb is the words of the .Cm lines before its
# first argument; its options are the Fl -name of the entry.
man_entries() { # page
	awk '
	/^\.Sh / { on = ($2 == "SYNOPSIS") }
	!on { next }
	function flush() { if (started && (verb != "" || opts != "")) print verb "\t" opts }
	/^\.Nm/ { flush(); started = 1; verb = ""; opts = ""; args = 0; next }
	/^\.Cm / && !args {
		for (i = 2; i <= NF; i++) if ($i ~ /^[a-z][a-z-]*$/) verb = verb (verb == "" ? "" : " ") $i
		next
	}
	/^\.(Ar|Op|Fl|Oo)/ && !/^\.Op Fl C Ar/ { args = 1 }
	{ for (i = 1; i <= NF; i++) if (($i == "Fl" || $i == ".Fl") && $(i + 1) ~ /^-[a-z]/) opts = opts " -" $(i + 1) }
	END { flush() }' "$1" | merge
}
# One line per verb ("-" for a command without verbs): the union of its options.
merge() {
	awk -F '\t' '{ v = $1 == "" ? "-" : $1; o[v] = o[v] " " $2 } END { for (v in o) print v "\t" o[v] }' |
	while IFS="$(printf '\t')" read -r v o; do
		printf '%s\t%s\n' "$v" "$(printf '%s\n' $o | grep -- '^--' | sort -u | tr '\n' ' ')"
	done | sort
}
# The same from CMD --usage (the table).
usage_entries() { # command
	"$1" --usage | awk -v c="$(basename "$1")" '
	function flush() { if (started) print verb "\t" opts }
	$1 == "usage:" || $1 == c {
		flush(); started = 1; verb = ""; opts = ""; args = 0
		for (i = ($1 == "usage:" ? 3 : 2); i <= NF; i++) {
			if ($i == "[-C" || $i == "DIR]") continue
			if (!args && $i ~ /^[a-z][a-z-]*$/) { verb = verb (verb == "" ? "" : " ") $i; continue }
			args = 1
			if (match($i, /--[a-z][a-z-]*/)) opts = opts " " substr($i, RSTART, RLENGTH)
		}
		next
	}
	{ for (i = 1; i <= NF; i++) if (match($i, /--[a-z][a-z-]*/)) opts = opts " " substr($i, RSTART, RLENGTH) }
	END { flush() }' | merge
}

for c in $cmds; do
	page=$CS_TOP/cmd/$c.1
	bin=$CS_BIN/$c
	check "$c: man page cmd/$c.1 exists" '[ -f "$page" ]'
	if has mandoc && [ -f "$page" ]; then
		mandoc -Tlint -W warning "$page" > "$scratch/lint" 2>&1
		st=$?
		check "$c: mandoc -Tlint -W warning is clean" '[ "$st" -eq 0 ] && [ ! -s "$scratch/lint" ]'
		[ -s "$scratch/lint" ] && sed 's/^/#   /' "$scratch/lint" | head -5
	fi
	[ -x "$bin" ] || { echo "not ok - $c: $bin is built"; continue; }
	ok "$c --usage prints the table's synopsis" "$bin" --usage
	usage_entries "$bin" > "$scratch/$c.table"
	man_entries "$page" > "$scratch/$c.mansyn"
	check "$c: the man page's SYNOPSIS has the table's verbs and options" \
		'diff "$scratch/$c.table" "$scratch/$c.mansyn" > "$scratch/$c.diff"'
	sed 's/^/#   /' "$scratch/$c.diff" | head -12
	ok "$c --help" "$bin" --help
	cut -f1 "$scratch/$c.table" | while IFS= read -r v; do
		opts=$(grep "^$v	" "$scratch/$c.table" | cut -f2)
		[ "$v" = - ] && v=
		# shellcheck disable=SC2086
		"$bin" $v --help > "$scratch/vh" 2>&1 || echo "not ok - $c $v --help exits 0"
		missing=
		for o in $opts; do
			grep -q -e "$o\([^a-z-]\|\$\)" "$scratch/vh" || missing="$missing $o"
		done
		check "$c ${v:+$v }--help lists its options${missing:+ (missing:$missing)}" '[ -z "$missing" ]'
	done
done

# --- the completions: one file per shell, calling CMD --complete ------------
check 'completions/cs.bash exists' '[ -f "$comp/cs.bash" ]'
check 'completions/_cs exists' '[ -f "$comp/_cs" ]'
check 'completions/cs.fish exists' '[ -f "$comp/cs.fish" ]'
check 'there is one completion file per shell' '[ "$(ls "$comp" | wc -l)" -eq 3 ]'
ok 'bash -n completions/cs.bash' bash -n "$comp/cs.bash"
check 'cs.bash completes every command' \
	'grep -qx "complete -F _cs_complete csinit csassign cslog cscheck csreport" "$comp/cs.bash"'
check '_cs starts with #compdef for every command' \
	'[ "$(head -n 1 "$comp/_cs")" = "#compdef csinit csassign cslog cscheck csreport" ]'
if has zsh; then ok 'zsh -n completions/_cs' zsh -n "$comp/_cs"; else echo 'not ok - zsh is installed'; fi
if has fish; then ok 'fish -n completions/cs.fish' fish -n "$comp/cs.fish"; else echo 'not ok - fish is installed'; fi

# a store to complete from
{
	csinit st --district 补全区
	csassign -C st office add o1 --name 甲所
	csassign -C st firm add f1 --name 甲律所
	csassign -C st lawyer add wang-li --name 王丽 --firm f1
	csassign -C st community add c1 --name 东风社区 --office o1 --head 张主任 --head 李书记
	csassign -C st pair --lawyer wang-li --community c1 --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 室 --agreement A1
	CS_LAWYER=wang-li cslog -C st add consultation --date 2026-10-09 --start 09:00 --end 10:00
	CS_LAWYER=wang-li cslog -C st add consultation --date 2026-10-10 --start 09:00 --end 10:00
} > "$scratch/ids" 2> "$scratch/setup.err" || echo 'not ok - setting up the store'
signed=$(sed -n 6p "$scratch/ids") open=$(sed -n 7p "$scratch/ids")
cslog -C st sign "$signed" --by 张主任 > /dev/null 2>&1
cd st || exit 1

# Each shell, asked as it asks: the candidates for the last word.
bash_c() { bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cs_complete; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp/cs.bash" "$@"; }
zsh_c() { zsh -c 'autoload -Uz compinit; . "$1"; shift; _cs_candidates "$@"' sh "$comp/_cs" "$@"; }
fish_c() { fish -c 'source $argv[1]; __cs_candidates $argv[2..-1]' "$comp/cs.fish" "$@"; }
for sh in bash zsh fish; do
	has $sh || continue
	${sh}_c cslog sign '' > "$scratch/c"
	check "$sh: cslog sign offers the unsigned entry first" '[ "$(head -1 "$scratch/c")" = "$open" ] && grep -qx "$signed" "$scratch/c"'
	${sh}_c cslog show '' > "$scratch/c"
	check "$sh: cslog show offers every entry id" 'grep -qx "$open" "$scratch/c" && grep -qx "$signed" "$scratch/c"'
	${sh}_c cslog sign "$open" --by '' > "$scratch/c"
	check "$sh: --by offers the heads" 'grep -qx 张主任 "$scratch/c" && grep -qx 李书记 "$scratch/c"'
	${sh}_c cslog import -- > "$scratch/c"
	check "$sh: cslog import offers its options" 'grep -qx -- --allow-duplicates "$scratch/c" && grep -qx -- --encoding "$scratch/c" && ! grep -qx -- --on "$scratch/c"'
	${sh}_c cslog add '' > "$scratch/c"
	check "$sh: cslog add offers the kinds" 'grep -qx consultation "$scratch/c" && grep -qx office-hours "$scratch/c"'
	${sh}_c cslog add consultation --channel '' > "$scratch/c"
	check "$sh: --channel offers its values" '[ "$(tr "\n" " " < "$scratch/c")" = "in-person phone email online " ]'
	${sh}_c csassign lawyer show '' > "$scratch/c"
	check "$sh: csassign lawyer show offers the slugs" 'grep -qx wang-li "$scratch/c"'
	${sh}_c csassign '' > "$scratch/c"
	check "$sh: csassign offers its verbs" 'grep -qx key "$scratch/c" && grep -qx pair "$scratch/c" && grep -qx who "$scratch/c"'
	${sh}_c csassign change '' > "$scratch/c"
	check "$sh: csassign change offers the pairings" '[ "$(wc -l < "$scratch/c")" -eq 1 ] && grep -q "^20260901-" "$scratch/c"'
	${sh}_c cscheck --rules art1 > "$scratch/c"
	check "$sh: cscheck --rules offers rule ids" 'grep -qx art10.accept "$scratch/c" && ! grep -q "^art9" "$scratch/c"'
	${sh}_c csreport '' > "$scratch/c"
	check "$sh: csreport offers its verbs" 'grep -qx monthly "$scratch/c" && grep -qx assess "$scratch/c"'
done
for c in $cmds; do
	cut -f1 "$scratch/$c.table" | while IFS= read -r v; do
		grep "^$v	" "$scratch/$c.table" | cut -f2 | tr ' ' '\n' | grep . | sort > "$scratch/want"
		[ "$v" = - ] && v=
		# shellcheck disable=SC2086
		bash_c "$c" $v -- | grep -v -- '--help' | sort > "$scratch/got"
		check "bash: $c ${v:+$v }-- offers exactly its options" 'cmp -s "$scratch/got" "$scratch/want"'
	done
done
