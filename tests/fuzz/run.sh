#!/bin/sh
# Run each libFuzzer target named (yaml schema csv date) for $FUZZ_TIME
# seconds (default 60) on a corpus seeded at run time from tests/data,
# records/, schemas/, tests/fuzz/seeds/ and tests/fuzz/regress/, in
# tests/tmp/fuzz/TARGET/corpus (kept from run to run, so that it grows).
# A crash is left there as crash-*; keep it as tests/fuzz/regress/TARGET/NAME
# once fixed (make check replays it).
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 70
: "${FUZZ_TIME:=60}"
export CS_TOP="$top"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
seed() { # target, corpus dir
	case $1 in
	yaml)
		for f in tests/data/yaml-test-suite/data/*/in.yaml; do
			cp "$f" "$2/suite-$(basename "$(dirname "$f")").yaml"
		done
		set -- "$1" "$2" "json" ;;
	schema) set -- "$1" "$2" "json" ;;
	csv) set -- "$1" "$2" "" ;;
	date) set -- "$1" "$2" "" ;;
	esac
	if [ "$1" = yaml ] || [ "$1" = schema ]; then
		find records -name '*.yaml' | sort | while read -r f; do
			cp "$f" "$2/$(echo "$f" | tr / _)"
		done
		cp schemas/*.schema.yaml "$2/"
		cp tests/data/json-schema-test-suite/tests/draft2020-12/*.json "$2/"
	fi
	if [ "$1" = date ]; then
		# every scalar of the sample that looks like a date, time or schedule
		grep -rhoE "[0-9]{4}-[0-9]{2}(-[0-9]{2}([T ][0-9:]{5,8})?)?|[0-9]{1,2}:[0-9]{2}|[A-Z][a-z]{2} [0-9:-]{11}" \
			records | sort -u > "$2/sample"
	fi
	for d in tests/fuzz/seeds/$1 tests/fuzz/regress/$1; do
		[ -d "$d" ] && find "$d" -type f -exec cp {} "$2/" \;
	done
	return 0
}
status=0
for t in "$@"; do
	dir=tests/tmp/fuzz/$t
	mkdir -p "$dir/corpus"
	seed "$t" "$dir/corpus"
	echo "fuzz $t: $(ls "$dir/corpus" | wc -l) seeds, ${FUZZ_TIME}s"
	if (cd "$dir" && "$top/tests/fuzz/fuzz_$t" -max_total_time="$FUZZ_TIME" -max_len=16384 \
		-timeout=10 -rss_limit_mb=1024 -print_final_stats=1 corpus > log 2>&1); then
		echo "fuzz $t: ok ($(grep -c . "$dir/log") log lines, $(ls "$dir/corpus" | wc -l) in the corpus)"
	else
		status=1
		echo "fuzz $t: FAILED, see $dir/log:"
		grep -E 'ERROR|fuzz:|SUMMARY|Test unit written' "$dir/log" | head -10 | sed 's/^/  /'
	fi
done
exit $status
