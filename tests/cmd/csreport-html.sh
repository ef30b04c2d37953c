#!/bin/sh
# csreport --format html: one self-contained printable document with a chart
# of activity by week (DESIGN 5); headless Chromium prints a lawyer's month of
# ~20 entries on one A4 page, residents masked (Art 15).
. "$CS_TOP/tests/cmd/lib.sh"

# date, kind, cslog add arguments...: log an entry that day (at noon), print its id
logd() {
	d=$1; k=$2; shift 2
	CS_NOW=${d}T23:00 cslog add "$k" --date "$d" "$@" 2> "$scratch/.logerr" ||
		{ echo "not ok - cslog add $k on $d failed" >&2; sed 's/^/#   /' "$scratch/.logerr" >&2; }
}

csinit s --district 测试区 > /dev/null 2>&1 || echo 'not ok - csinit failed'
cd s || exit 1
{
	export CS_NOW=2026-09-01T09:00
	csassign office add xincheng --name 新城司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
	csassign pair --lawyer wang-li --community hepingli --from 2026-09-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里活动室 --agreement A1
	export CS_NOW=2026-11-01T09:00
} > /dev/null 2>&1 || echo 'not ok - setting up the directory failed'
H='--lawyer wang-li --community hepingli'
T='--target-type resident'
n=0
for d in 08 09 12 13 14 15 16 19 20 21 22 23 26 27 28 29 30; do
	logd 2026-10-$d consultation $H --start 09:00 --end 09:40 $T --target-name 张三丰 \
		--target-contact 13912345678 --content "第$d日的劳动合同纠纷咨询，已解答并告知仲裁时效" > /dev/null && n=$((n + 1))
done
for d in 14 21 28; do
	logd 2026-10-$d office-hours $H --start 14:00 --end 17:30 --set place=和平里活动室 > /dev/null && n=$((n + 1))
done
logd 2026-10-15 lecture $H --start 10:00 --end 11:30 --set attendees=35 --set topic=民法典宣讲 > /dev/null && n=$((n + 1))
check 'a month of 21 entries was logged' '[ "$n" -eq 21 ]'

# --- the document ---------------------------------------------------------------------
ok 'monthly --format html' csreport monthly --month 2026-10 --lawyer wang-li --format html
h=$scratch/r.html
out > "$h"
check 'one document: a doctype, one <html> and one </html>' \
	'head -1 "$h" | grep -qi "^<!DOCTYPE html>" && [ "$(grep -c "<html" "$h")" -eq 1 ] &&
	 [ "$(grep -c "</html>" "$h")" -eq 1 ] && tail -1 "$h" | grep -q "</html>"'
check 'utf-8 declared' 'grep -qi "<meta charset=\"utf-8\">" "$h"'
check 'printable A4 (@page size)' 'grep -q "@page *{[^}]*A4" "$h"'
check 'a chart of activity by week in <svg>' 'grep -q "<svg" "$h" && grep -q "</svg>" "$h" && grep -q "<rect" "$h"'
check 'the chart has a bar per week touching the month (5)' '[ "$(grep -c "<rect" "$h")" -eq 5 ]'
check 'self-contained: no external URL in src or href' '! grep -Eiq "(src|href) *= *[\"'"'"']? *(https?:)?//" "$h"'
check 'self-contained: no <link>, <script src> or <img>' '! grep -Eiq "<link|<script[^>]*src|<img" "$h"'
check 'no url() in the style' '! grep -qi "url(" "$h"'
check 'the lawyer, the month and masked residents' 'grep -q wang-li "$h" && grep -q 2026-10 "$h" && grep -q "张\*\*" "$h" &&
	grep -q "139\*\*\*\*5678" "$h"'
check 'no resident'"'"'s real name or phone' '! grep -q 张三丰 "$h" && ! grep -q 13912345678 "$h"'
check 'every item is listed' '[ "$(grep -c "<tr><td>202610" "$h")" -eq 21 ]'

# --- the PDF ------------------------------------------------------------------------------
chrome=
for c in chromium chromium-browser; do
	command -v "$c" > /dev/null 2>&1 && { chrome=$c; break; }
done
if [ -z "$chrome" ] || ! command -v pdftotext > /dev/null 2>&1 || ! command -v pdfinfo > /dev/null 2>&1; then
	echo "# skip - the PDF checks need chromium, pdftotext and pdfinfo (make deps)"
	exit 0
fi
to=
command -v timeout > /dev/null 2>&1 && to='timeout 60'
HOME=$scratch $to "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$scratch/chrome" --no-pdf-header-footer --print-to-pdf="$scratch/r.pdf" \
	"file://$scratch/r.html" > "$scratch/chrome.log" 2>&1
check 'chromium printed the report to PDF' '[ -s "$scratch/r.pdf" ] && [ "$(head -c 5 "$scratch/r.pdf")" = "%PDF-" ]'
[ -s "$scratch/r.pdf" ] || tail -5 "$scratch/chrome.log" | sed 's/^/#   /'
pdfinfo "$scratch/r.pdf" > "$scratch/info.txt" 2>&1
check 'the month fits one page' 'grep -q "^Pages: *1$" "$scratch/info.txt"'
grep -q "^Pages: *1$" "$scratch/info.txt" || grep '^Pages' "$scratch/info.txt" | sed 's/^/#   /'
check 'the page is A4' 'grep -Eq "^Page size: *59[0-9](\.[0-9]+)? x 84[0-9](\.[0-9]+)? pts" "$scratch/info.txt"'
pdftotext -layout "$scratch/r.pdf" "$scratch/r.txt" 2> /dev/null
check 'the PDF shows the lawyer'"'"'s slug' 'grep -q wang-li "$scratch/r.txt"'
check 'the PDF shows the month' 'grep -q 2026-10 "$scratch/r.txt"'
check 'the PDF shows masked names' 'grep -q "张\*\*" "$scratch/r.txt" && grep -q "139\*\*\*\*5678" "$scratch/r.txt"'
check 'the PDF does not show the real name' '! grep -q 张三丰 "$scratch/r.txt" && ! grep -q 13912345678 "$scratch/r.txt"'
check 'the PDF shows the chart'"'"'s heading' 'grep -q "Activity by week" "$scratch/r.txt"'
