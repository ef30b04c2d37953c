#!/bin/sh
# Man pages and shell completions agree with each other and with --help:
# every page is clean under `mandoc -Tlint -W warning`; every completion file
# parses (bash; zsh and fish when installed); every long option a command's
# --help prints is in its man page and in its three completion files; every
# option in the man page's SYNOPSIS is in --help.
. "$(dirname "$0")/lib.sh"

cmds='csinit csassign cslog cscheck csreport'
bs=$(printf '\b')

has() { command -v "$1" > /dev/null 2>&1; }

# The rendered page, without overstrike.
render() { mandoc -Tascii "$1" | sed "s/.$bs//g"; }

# OPTION appears in FILE as an option (not as the prefix of a longer name).
mentions() { # option, file
	grep -q -e "$1\([^a-zA-Z0-9_-]\|\$\)" "$2"
}
# fish spells --name as `-l name`.
fish_mentions() { # option, file
	grep -q -e "-l ${1#--}\([^a-zA-Z0-9_-]\|\$\)" "$2"
}
# A short option -X of the help text, not part of a long one or of a word.
short_in() { # option, file
	grep -q -e "\(^\|[^a-zA-Z0-9-]\)$1\([^a-zA-Z0-9-]\|\$\)" "$2"
}

if has mandoc; then
	echo "ok - mandoc is installed"
else
	echo "not ok - mandoc is installed (the man page checks need it)"
fi

for c in $cmds; do
	page=$CS_TOP/cmd/$c.1
	comp=$CS_TOP/completions
	check "$c: man page cmd/$c.1 exists" '[ -f "$page" ]'
	if has mandoc && [ -f "$page" ]; then
		mandoc -Tlint -W warning "$page" > "$scratch/lint" 2>&1
		st=$?
		check "$c: mandoc -Tlint -W warning is clean" \
			'[ "$st" -eq 0 ] && [ ! -s "$scratch/lint" ]'
		[ -s "$scratch/lint" ] && sed 's/^/#   /' "$scratch/lint" | head -5
		render "$page" > "$scratch/$c.man"
		sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$scratch/$c.man" > "$scratch/$c.syn"
		check "$c: man page has a SYNOPSIS naming $c" 'grep -q "$c" "$scratch/$c.syn"'
	fi

	check "$c: completions/$c.bash exists" '[ -f "$comp/$c.bash" ]'
	check "$c: completions/_$c exists" '[ -f "$comp/_$c" ]'
	check "$c: completions/$c.fish exists" '[ -f "$comp/$c.fish" ]'
	if has bash; then
		ok "$c: bash -n completions/$c.bash" bash -n "$comp/$c.bash"
		check "$c: completions/$c.bash uses complete -F" \
			'grep -q "^complete -F [_a-z]* $c\$" "$comp/$c.bash"'
	else
		echo "# skip $c: bash not installed"
	fi
	check "$c: completions/_$c starts with #compdef $c" \
		'[ "$(head -n 1 "$comp/_$c")" = "#compdef $c" ]'
	if has zsh; then
		ok "$c: zsh -n completions/_$c" zsh -n "$comp/_$c"
	else
		echo "# skip $c: zsh not installed, completions/_$c not parsed"
	fi
	if has fish; then
		ok "$c: fish -n completions/$c.fish" fish -n "$comp/$c.fish"
	else
		echo "# skip $c: fish not installed, completions/$c.fish not parsed"
	fi

	bin=$CS_BIN/$c
	if [ ! -x "$bin" ]; then
		echo "# skip $c: $bin not built, --help not compared"
		continue
	fi
	"$bin" --help > "$scratch/$c.help" 2>&1
	st=$?
	check "$c --help exits 0" '[ "$st" -eq 0 ]'
	opts=$(grep -o -- '--[a-z][a-z-]*' "$scratch/$c.help" | sed 's/-*$//' | sort -u)
	check "$c --help names long options" '[ -n "$opts" ]'
	missing_man='' missing_bash='' missing_zsh='' missing_fish=''
	for o in $opts; do
		if [ -f "$scratch/$c.man" ] && ! mentions "$o" "$scratch/$c.man"; then
			missing_man="$missing_man $o"
		fi
		mentions "$o" "$comp/$c.bash" 2> /dev/null || missing_bash="$missing_bash $o"
		mentions "$o" "$comp/_$c" 2> /dev/null || missing_zsh="$missing_zsh $o"
		fish_mentions "$o" "$comp/$c.fish" 2> /dev/null || missing_fish="$missing_fish $o"
	done
	check "$c: every --help option is in the man page${missing_man:+ (missing:$missing_man)}" \
		'[ -z "$missing_man" ]'
	check "$c: every --help option is in $c.bash${missing_bash:+ (missing:$missing_bash)}" \
		'[ -z "$missing_bash" ]'
	check "$c: every --help option is in _$c${missing_zsh:+ (missing:$missing_zsh)}" \
		'[ -z "$missing_zsh" ]'
	check "$c: every --help option is in $c.fish${missing_fish:+ (missing:$missing_fish)}" \
		'[ -z "$missing_fish" ]'

	[ -f "$scratch/$c.syn" ] || continue
	syn_long=$(grep -o -- '--[a-z][a-z-]*' "$scratch/$c.syn" | sed 's/-*$//' | sort -u)
	syn_short=$(grep -oE -- '(^|[][ (|])-[A-Za-z]([][ )|]|$)' "$scratch/$c.syn" |
		sed 's/^[^-]*//; s/[^A-Za-z]*$//' | sort -u)
	missing=''
	for o in $syn_long; do
		mentions "$o" "$scratch/$c.help" || missing="$missing $o"
	done
	for o in $syn_short; do
		short_in "$o" "$scratch/$c.help" || missing="$missing $o"
	done
	check "$c: every SYNOPSIS option is in --help${missing:+ (missing:$missing)}" \
		'[ -z "$missing" ]'
done
