#!/bin/sh
# make install and make uninstall (README "Other targets"), on a copy of the tree:
# installing with another PREFIX rebuilds what compiles the paths in (cmd/.build-paths),
# so that the installed commands find their catalogue without $CS_LOCALEDIR; uninstall
# removes what install put there and nothing else. The installs go to scratch prefixes.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
# The installed commands must find the catalogue compiled into them.
unset CS_LOCALEDIR LANGUAGE
# Not the flags of a make that runs this test (make check -j, PREFIX=...).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
zh=zh_CN.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	echo "ok - make install # SKIP no zh_CN.UTF-8 locale (tests/deps.sh generates it)"
	exit 0
fi

# The copy keeps the tree's objects and their times (cp -a), so that make rebuilds only
# what the new paths require, and the tree under test is only read. Its stamp holds the
# tree's own paths (the default PREFIX), like a tree built before being installed.
src=$scratch/src
mkdir -p "$src/tests" "$scratch/elsewhere"
for f in "$CS_TOP"/* "$CS_TOP"/tests/*.sh; do
	case "${f#"$CS_TOP"/}" in tests|records) continue ;; esac
	cp -a "$f" "$src/${f#"$CS_TOP"/}"
done
san=
case "$CS_BIN" in */tests/san) [ -d "$CS_TOP/tests/san" ] && san=1 && cp -a "$CS_TOP/tests/san" "$src/tests/" ;; esac
cmds="csinit csassign cslog cscheck csreport"
mk() { make -C "$src" -j2 "$@"; }

# What install puts under a prefix, as the README lists it: one path a line, sorted.
expected() {
	for c in $cmds; do
		echo "bin/$c"
		echo "share/man/man1/$c.1"
		echo "share/bash-completion/completions/$c"
		echo "share/fish/vendor_completions.d/$c.fish"
	done
	echo share/zsh/site-functions/_cs
	for s in "$CS_TOP"/schemas/*.schema.yaml; do echo "share/cs/schemas/${s##*/}"; done
	echo share/locale/zh_CN/LC_MESSAGES/cs.mo
}
expected | LC_ALL=C sort > "$scratch/expected"
# The files under a directory, relative to it, sorted.
files() { (cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); }
# Same as the expected list, and the copies are those of the tree.
installed() { # prefix
	files "$1" | cmp -s - "$scratch/expected" &&
	for c in $cmds; do
		[ -x "$1/bin/$c" ] && cmp -s "$1/share/man/man1/$c.1" "$CS_TOP/cmd/$c.1" &&
		cmp -s "$1/share/bash-completion/completions/$c" "$CS_TOP/completions/cs.bash" &&
		cmp -s "$1/share/fish/vendor_completions.d/$c.fish" "$CS_TOP/completions/cs.fish" &&
		cmp -s "$1/share/zsh/site-functions/_cs" "$CS_TOP/completions/_cs" ||
		return 1
	done &&
	for s in "$CS_TOP"/schemas/*.schema.yaml; do
		cmp -s "$1/share/cs/schemas/${s##*/}" "$s" || return 1
	done &&
	cmp -s "$1/share/locale/zh_CN/LC_MESSAGES/cs.mo" "$src/po/locale/zh_CN/LC_MESSAGES/cs.mo"
}
# The installed commands, run from elsewhere under zh_CN: their messages are Chinese.
chinese() { # label, bin directory
	cd "$scratch/elsewhere" || return
	expect "$1: csinit --help under $zh exits 0" 0 env LC_ALL=$zh "$2/csinit" --help
	check "  its usage is in Chinese" 'out | grep -q "^用法：csinit"'
	expect "$1: csinit without --district under $zh exits 64" 64 env LC_ALL=$zh "$2/csinit" store
	check "  the message is in Chinese" 'err | grep -q "^csinit: 必须指定 --district$"'
	for c in $cmds; do
		expect "$1: $c with an unknown option under $zh exits 64" 64 \
			env LC_ALL=$zh "$2/$c" --frobnicate
		check "  the hint is in Chinese" 'err | grep -q "^请执行“$c --help”获取更多信息。$"'
	done
	cd "$scratch" || return
}

# 1. Install into a first prefix: the commands are relinked with its catalogue path.
p1=$scratch/p1
expect "make install PREFIX=p1 exits 0" 0 mk install PREFIX="$p1"
check "  the commands, man pages, completions, schemas and catalogue, where the README says" \
	'installed "$p1"'
check "  the commands have p1's catalogue directory compiled in" \
	'grep -q -F "$p1/share/locale" "$p1/bin/cslog"'
check "  and no other" \
	'[ "$(grep -a -o "/[[:graph:]]*/share/locale" "$p1/bin/cslog" | sort -u)" = "$p1/share/locale" ]'
check "  the stamp records it" \
	'grep -q -F "\"$p1/share/locale\"" "$src/cmd/.build-paths" 2>/dev/null'
chinese p1 "$p1/bin"
check "  (the tree under test is untouched: its commands still name its own paths)" \
	'! grep -q -F "$p1" "$CS_TOP/cmd/cslog"'

# 2. Building or installing again with the same paths rebuilds nothing.
sleep 1; : > "$scratch/mark"
expect "make all PREFIX=p1 again exits 0" 0 mk all PREFIX="$p1"
check "  rebuilds nothing, and leaves the stamp alone" \
	'[ -z "$(find "$src" -newer "$scratch/mark" -type f)" ]'
expect "make install PREFIX=p1 again exits 0" 0 mk install PREFIX="$p1"
check "  rebuilds nothing" '[ -z "$(find "$src" -newer "$scratch/mark" -type f)" ]'
check "  the installation is the same" 'installed "$p1"'

# 3. Uninstall removes what install put there and nothing else.
mkdir -p "$p1/share/cs/other"
for f in bin/other share/man/man1/other.1 share/locale/zh_CN/LC_MESSAGES/other.mo \
		share/zsh/site-functions/_other share/cs/other/file; do
	echo other > "$p1/$f"
done
expect "make uninstall PREFIX=p1 exits 0" 0 mk uninstall PREFIX="$p1"
check "  no cs file is left, the others are" \
	'[ "$(files "$p1" | tr "\n" " ")" = "bin/other share/cs/other/file share/locale/zh_CN/LC_MESSAGES/other.mo share/man/man1/other.1 share/zsh/site-functions/_other " ]'
check "  the empty schemas directory is gone" '[ ! -e "$p1/share/cs/schemas" ]'
check "  share/cs, not empty, is kept" '[ -d "$p1/share/cs" ]'
rm -r "$p1/share/cs/other"
expect "make uninstall PREFIX=p1 once more exits 0" 0 mk uninstall PREFIX="$p1"
check "  removes share/cs once it is empty" '[ ! -e "$p1/share/cs" ] && [ -f "$p1/bin/other" ]'
rm -rf "$p1"

# 4. Another prefix, no make clean: the commands must find p2's catalogue, p1's is gone.
p2=$scratch/p2
: > "$scratch/mark"; sleep 1
expect "make install PREFIX=p2 (after p1, without make clean) exits 0" 0 mk install PREFIX="$p2"
check "  rebuilds the commands" '[ -n "$(find "$src/cmd/cslog" -newer "$scratch/mark")" ]'
check "  not the library" '[ -z "$(find "$src/lib" -newer "$scratch/mark" -type f)" ]'
check "  installs everything where the README says" 'installed "$p2"'
check "  the commands have p2's catalogue directory compiled in, not p1's" \
	'grep -q -F "$p2/share/locale" "$p2/bin/cslog" && ! grep -q -F "$p1" "$p2/bin/cslog"'
chinese p2 "$p2/bin"
if [ -n "$san" ]; then
	# The sanitized build compiles the path in too.
	expect "make the sanitized commands with PREFIX=p2 exits 0" 0 \
		mk $(for c in $cmds; do echo tests/san/$c; done) PREFIX="$p2"
	for c in $cmds; do
		check "  relinks $c with p2's catalogue directory" \
			'grep -q -F "$p2/share/locale" "$src/tests/san/$c"'
	done
	chinese "p2 sanitized" "$src/tests/san"
fi

# 5. DESTDIR stages the installation; the paths compiled in are PREFIX's.
stage=$scratch/stage
expect "make install PREFIX=/opt/cs-test DESTDIR=stage exits 0" 0 \
	mk install PREFIX=/opt/cs-test DESTDIR="$stage"
check "  everything is under stage/opt/cs-test, where the README says" \
	'[ "$(ls -A "$stage")" = opt ] && [ "$(ls -A "$stage/opt")" = cs-test ] && installed "$stage/opt/cs-test"'
check "  the commands look for /opt/cs-test/share/locale" \
	'grep -q -F "\"/opt/cs-test/share/locale\"" "$src/cmd/.build-paths" 2>/dev/null &&
	 grep -q -F "/opt/cs-test/share/locale" "$stage/opt/cs-test/bin/cslog" &&
	 ! grep -q -F "$p2" "$stage/opt/cs-test/bin/cslog"'
check "  p2's installation is untouched" 'installed "$p2"'
expect "make uninstall PREFIX=/opt/cs-test DESTDIR=stage exits 0" 0 \
	mk uninstall PREFIX=/opt/cs-test DESTDIR="$stage"
check "  no file is left in the stage" '[ -z "$(files "$stage")" ]'
check "  p2's installation is untouched" 'installed "$p2"'

expect "make uninstall PREFIX=p2 exits 0" 0 mk uninstall PREFIX="$p2"
check "  no file is left" '[ -z "$(files "$p2")" ] && [ ! -e "$p2/share/cs" ]'
