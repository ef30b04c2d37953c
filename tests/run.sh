#!/bin/sh
# Run every test: unit tests and command tests, first in the normal build,
# then in the AddressSanitizer/UBSan build. Ends with "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 70
log=$top/tests/tmp/run.log
mkdir -p tests/tmp
: > "$log"
pass=0
fail=0
skip=0
count() { # name, output file, exit status
	p=$(grep -c '^ok ' "$2")
	f=$(grep '^not ok ' "$2" | grep -vc '# SKIP')
	s=$(grep -c '^\(not \)\{0,1\}ok .*# SKIP' "$2")
	p=$((p - $(grep -c '^ok .*# SKIP' "$2")))
	skip=$((skip + s))
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $1 exited with status $3 outside any test" >> "$2"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		echo "not ok - $1 ran no test" >> "$2"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	grep -E '^(not ok|#)' "$2" | grep -v '# SKIP' | sed "s|^|$1: |"
	grep '# SKIP' "$2" | sed "s|^|$1: skipped: |"
	cat "$2" >> "$log"
}
run_suite() { # label, unit binary dir, command binary dir
	for t in "$2"/test_*; do
		[ -x "$t" ] || continue
		case "$t" in *.c|*.o) continue ;; esac
		out=tests/tmp/out.$$
		CMOCKA_MESSAGE_OUTPUT=TAP CS_TOP=$top "$t" > "$out" 2>&1
		count "$1 $(basename "$t")" "$out" $?
	done
	for t in tests/cmd/*.sh; do
		[ "$(basename "$t")" = lib.sh ] && continue
		out=tests/tmp/out.$$
		CS_BIN=$3 CS_TOP=$top sh "$t" > "$out" 2>&1
		count "$1 $(basename "$t" .sh)" "$out" $?
	done
}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build tests/unit "$top/cmd"
run_suite sanitize tests/san "$top/tests/san"
rm -f tests/tmp/out.$$
echo "full log: tests/tmp/run.log"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
