#!/bin/sh
# A figures load (cs_snapshot_load_figures: period reports, the assessment,
# the monthly report and the stipend read entries from the cache as their
# facts, not their records; a month's items read the records again)
# gives the same reports as a load of every record from the objects: on a
# generated store, for each scope and period, warm and cold, after damage to
# the cache and after one new entry; an entry with a resident's number in its
# text is still found by art15.privacy.
. "$(dirname "$0")/lib.sh"
export CS_NOW=2027-01-05T09:00:00
sh "$CS_TOP/tests/bench/gen.sh" g 2500 > gen.log 2>&1 || { echo 'not ok - generating the store'; cat gen.log; }
C=g/cs-cache
jobs='period --year 2026 --district
period --quarter 2026-Q4 --office hexi-office
period --half 2026-H2 --lawyer chen-jie
period --year 2025 --district
assess --year 2026
monthly --month 2026-12 --district --reveal
monthly --month 2026-11 --office hexi-office
monthly --month 2026-12 --lawyer chen-jie
stipend --month 2026-11'
run_all() { # tag, env assignments...: every job's JSON into $tag.N
	tag=$1; shift
	i=0
	echo "$jobs" | while read -r job; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		env "$@" csreport -C g $job --format json > "$tag.$i" 2>&1
		echo "$?" >> "$tag.$i"
	done
}
same() { # tag, tag: every job's output the same
	for f in "$1".*; do cmp -s "$f" "$2.${f##*.}" || return 1; done
}
csl() { cslog -C g add consultation --lawyer chen-jie --start "$2" --end "$3" --date "$1" \
	--target-type resident --target-name 李四 --content "$4" --result 解答 > /dev/null 2>&1; }
check 'an entry with a mobile number in its content is added' \
	"csl 2026-12-15 10:00 10:30 '来电 13912345678 咨询'"
rm -rf "$C"
run_all cold CS_CACHE=0
check 'CS_CACHE=0 writes no cache' '[ ! -d "$C" ] || [ "$(ls "$C" | wc -l)" -eq 0 ]'
check 'every job ran (exit 0)' '[ "$(tail -qn1 cold.* | sort -u)" = 0 ]'
run_all first
check 'a period report keeps a figures file beside the records file of each folder' \
	'[ "$(ls "$C" | wc -l)" -ge 40 ]'
run_all warm
check 'the figures from the cache are the figures from the objects' 'same cold first && same cold warm'
check 'art15.privacy still finds the number in a figures load' \
	'grep -q "art15.privacy" warm.1 && grep -q "a mobile number" warm.1'
check 'the year report counts every entry of 2026' \
	'[ "$(grep -m1 "\"activities\":" warm.1 | tr -dc 0-9)" -gt 500 ]'
check 'a month'"'"'s report from the cache lists its items, their records read again' \
	'[ "$(grep -c "\"summary\":" warm.6)" -gt 20 ] && grep -q "\"name\": \"李四\"" warm.6'
check 'and masks them unless --reveal' \
	'[ "$(grep -c "\"summary\":" warm.8)" -gt 0 ] && grep -q "\"name\": \"李\*\*\"" warm.8'
for f in "$C"/*; do printf 'damage' >> "$f"; done
run_all damaged
check 'damaged figures files are read around' 'same cold damaged'
for f in "$C"/*; do head -c 200 "$f" > "$f.cut" && mv "$f.cut" "$f"; done
run_all cut
check 'cut figures files are read around' 'same cold cut'
md5sum "$C"/* | sort > before
check 'one more entry' "csl 2026-11-03 15:00 15:20 '咨询劳动合同'"
run_all after
run_all aftercold CS_CACHE=0
check 'after one new entry the figures are the objects'"'"' figures' 'same aftercold after'
check 'and they changed' '! same cold after'
check 'after one new entry two files are rewritten: the folder'"'"'s records and figures' \
	'[ "$(ls "$C" | wc -l)" -eq "$(wc -l < before)" ] && [ "$(md5sum "$C"/* | sort | comm -13 before - | wc -l)" -eq 2 ]'
# cscheck --period holds the entries as facts, as the reports do, and checks
# each record as its folder is read again (one folder's records at a time),
# taking the cache's verdicts of the schemas and art15 on each
CS_CACHE=0 cscheck -C g --period 2026 > check0 2>&1
cscheck -C g --period 2026 > check1 2>&1
cscheck -C g --period 2026 > check2 2>&1
check 'cscheck from the cache finds what it finds from the objects' \
	'cmp -s check0 check1 && cmp -s check0 check2'
check 'and art15.privacy among it, the number found once when the folder was cached' \
	'grep -q "art15.privacy: content: a mobile number" check2'
check 'cscheck --period checks the records of the entries held as facts: each one dated after "now" is found' \
	'CS_NOW=2026-11-01T00:00:00 cscheck -C g --period 2026 > future1 2>&1
	 CS_NOW=2026-11-01T00:00:00 CS_CACHE=0 cscheck -C g --period 2026 > future0 2>&1
	 grep -q "schema.future" future1 && cmp -s future0 future1'
n=$(ls "$C" | wc -l)
for f in "$C"/*; do head -2 "$f" | grep -q '#figures$' || rm -f "$f"; done
check 'the figures files kept, the records files removed: cscheck --period reads the records from the objects' \
	'[ "$(ls "$C" | wc -l)" -lt "$n" ] &&
	 { CS_NOW=2026-11-01T00:00:00 cscheck -C g --period 2026 > future2 2>&1; cmp -s future0 future2; } &&
	 { cscheck -C g --period 2026 > check3 2>&1; cmp -s check0 check3; }'
# and so does a check of the whole store (no --period)
CS_NOW=2026-11-01T00:00:00 CS_CACHE=0 cscheck -C g > all0 2>&1
CS_NOW=2026-11-01T00:00:00 cscheck -C g > all1 2>&1
CS_NOW=2026-11-01T00:00:00 cscheck -C g > all2 2>&1
check 'cscheck of the whole store from the cache finds what it finds from the objects, records held as facts checked too' \
	'grep -q "schema.future" all2 && cmp -s all0 all1 && cmp -s all0 all2'
