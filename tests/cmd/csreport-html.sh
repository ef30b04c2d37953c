#!/bin/sh
# csreport --format html: one self-contained printable document with a chart
# of activity by week (DESIGN 5); headless Chromium prints a lawyer's month of
# ~20 entries on one A4 page, residents masked (Art 15). Then the printable
# report of a realistic month (issue 8, item 7): a lawyer's, an office's and
# the district's, under zh_CN.UTF-8 and C.UTF-8: one page for the lawyer and
# the office, as few as its items need for the district, nothing past the
# printable width (the PDF rendered to an image), names beside slugs, the
# issue date, page numbers and the signature and seal block, and in zh_CN
# not a word of English.
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
# html file, pdf file: print with headless Chromium
print_pdf() {
	rm -f "$2"
	HOME=$scratch $to "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$scratch/chrome" --no-pdf-header-footer --print-to-pdf="$2" \
		"file://$1" > "$scratch/chrome.log" 2>&1
}
print_pdf "$scratch/r.html" "$scratch/r.pdf"
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

# --- the printable report of a realistic month (issue 8, item 7) -----------------------------
# xincheng (新城司法所): hepingli (wang-li, above) and dongfeng (zhao-qiang);
# dongcheng (东城司法所): nanyuan (chen-jing). October: wang-li 21 entries,
# zhao-qiang 18, chen-jing 12: the office 39 items (as many as the sample
# district's offices have), the district 51.
{
	export CS_NOW=2026-09-01T10:00
	csassign office add dongcheng --name 东城司法所
	csassign lawyer add zhao-qiang --name 赵强 --firm dacheng
	csassign lawyer add chen-jing --name 陈静 --firm dacheng
	csassign community add dongfeng --name 东风社区 --office xincheng --head 王书记
	csassign community add nanyuan --name 南苑社区 --office dongcheng --head 李主任
	csassign pair --lawyer zhao-qiang --community dongfeng --from 2026-09-01 \
		--schedule 'Thu 14:00-17:30' --place 东风会议室 --agreement A2
	csassign pair --lawyer chen-jing --community nanyuan --from 2026-09-01 \
		--schedule 'Fri 09:00-12:30' --place 南苑工作室 --agreement A3
	export CS_NOW=2026-11-01T09:00
} > /dev/null 2>&1 || echo 'not ok - setting up the other offices failed'
Z='--lawyer zhao-qiang --community dongfeng'
W='--lawyer chen-jing --community nanyuan'
for day in 08 15 22 29; do
	logd 2026-10-$day office-hours $Z --start 14:00 --end 17:30 --set place=东风会议室 > /dev/null
done
for day in 09 16 23 30; do
	logd 2026-10-$day office-hours $W --start 09:00 --end 12:30 --set place=南苑工作室 > /dev/null
done
for day in 12 13 19 20 26 27; do
	logd 2026-10-$day consultation $Z --start 10:00 --end 10:30 $T --target-name 李四 --target-contact 13700001111 \
		--content 物业费纠纷咨询，建议先行协商，必要时申请人民调解 > /dev/null
done
for day in 12 14 19 21 26; do
	logd 2026-10-$day consultation $W --start 15:00 --end 15:45 $T --target-name 王五 --target-contact 13600002222 \
		--content 赡养费纠纷咨询，告知诉讼途径并协助准备材料 > /dev/null
done
logd 2026-10-21 lecture $Z --start 19:00 --end 20:30 --set attendees=48 --set topic=反电信网络诈骗宣讲 > /dev/null
logd 2026-10-28 mediation $Z --start 15:00 --end 16:30 $T --target-name 赵六 \
	--content 邻里漏水纠纷调解，双方达成书面协议 --set typical=true --set outcome=settled > /dev/null
logd 2026-10-27 lecture $W --start 14:00 --end 15:00 --set attendees=30 --set topic=老年人权益保障法讲座 > /dev/null
logd 2026-10-29 mediation $W --start 10:00 --end 11:30 $T --target-name 孙七 --content 家庭财产纠纷调解 \
	--set outcome=settled > /dev/null
logd 2026-10-30 mediation $W --start 14:00 --end 15:00 $T --target-name 周八 --content 物业服务合同纠纷调解 \
	--set outcome=settled > /dev/null
# six more of zhao-qiang's with groups served, whose names are long
for day in 09 16 23; do
	logd 2026-10-$day publicity $Z --start 09:00 --end 10:00 --target-type group --target-name 东风社区居民 \
		--content 在社区宣传栏更新法治宣传内容，发放反诈宣传资料 > /dev/null
done
logd 2026-10-14 training $Z --start 09:00 --end 11:00 --set attendees=15 --target-type mediators \
	--target-name 东风社区调解员和社区工作者 --set audience=mediators --set topic=家事纠纷调解实务 > /dev/null
logd 2026-10-20 drafting $Z --start 14:00 --end 16:00 --target-type committee --target-name 东风社区居委会 \
	--content 审核社区居民公约修订稿并提出修改意见 > /dev/null
logd 2026-10-30 research $Z --start 09:00 --end 11:00 --target-type committee --target-name 东风社区居委会 \
	--content 调查本季度居民法律需求，整理分析并形成报告 > /dev/null
m=$(cslog list --month 2026-10 --format json 2> /dev/null | grep -c '"id"')
check 'the month holds 51 entries (21 + 18 + 12)' '[ "$m" -eq 51 ]'

zh=0
locale -a 2> /dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$' && zh=1
[ "$zh" -eq 1 ] || echo "# skip - the zh_CN.UTF-8 checks need the locale (make deps)"

# pdf, page: "W R B" of the page rendered at 72 dpi (one pixel a point): its width,
# the rightmost inked column, and the tables' right edge (the rightmost vertical line
# 60 px long).
columns() {
	rm -f "$scratch"/png*.pgm
	pdftoppm -gray -r 72 -f "$2" -l "$2" "$1" "$scratch/png" 2> /dev/null
	set -- "$scratch"/png*.pgm
	[ -s "$1" ] || { echo "0 0 0"; return; }
	# P5, width height, 255: three lines of header, then a byte a pixel
	od -An -v -tu1 -w"$(sed -n 2p "$1" | cut -d' ' -f1)" -j "$(head -n 3 "$1" | wc -c)" "$1" | awk '
		{ for (i = 1; i <= NF; i++) if ($i < 250) { n[i]++; if (++run[i] > best[i]) best[i] = run[i] } else run[i] = 0 }
		END { r = 0; b = 0; for (i = 1; i <= NF; i++) { if (n[i]) r = i; if (best[i] >= 60) b = i }; print NF, r, b }'
}

# what, locale, lang, scope, pages (at most): render the report, print it, check it
report() {
	what=$1 loc=$2 lang=$3 scope=$4 most=$5
	f=$scratch/$lang-$(echo "$scope" | sed 's/^--//; s/ .*//')
	LC_ALL=$loc csreport monthly --month 2026-10 $scope --format html > "$f.html" 2> "$f.err"
	check "$what: html written" '[ -s "$f.html" ]'
	print_pdf "$f.html" "$f.pdf"
	check "$what: printed to PDF" '[ "$(head -c 5 "$f.pdf" 2> /dev/null)" = "%PDF-" ]'
	pdfinfo "$f.pdf" > "$f.info" 2>&1
	pages=$(sed -n 's/^Pages: *//p' "$f.info")
	check "$what: at most $most page(s) (has ${pages:-none})" '[ -n "$pages" ] && [ "$pages" -ge 1 ] && [ "$pages" -le "$most" ]'
	check "$what: A4" 'grep -Eq "^Page size: *59[0-9](\.[0-9]+)? x 84[0-9](\.[0-9]+)? pts" "$f.info"'
	pdftotext -layout "$f.pdf" "$f.txt" 2> /dev/null
	# every page: nothing in its right margin (10 mm, 28 px; the right 25 px are
	# white); page 1: the tables reach the printable width (to 2 mm) and nothing is
	# beyond them, so Chromium did not shrink an over-wide page to fit
	p=1 wide=
	while [ "$p" -le "${pages:-0}" ]; do
		set -- $(columns "$f.pdf" "$p")
		[ "$2" -gt 0 ] && [ "$2" -le $(($1 - 25)) ] || wide="$wide page $p: inked column $2 of $1;"
		[ "$p" -gt 1 ] || { [ "$3" -ge $(($1 - 34)) ] && [ $(($2 - $3)) -le 3 ]; } ||
			wide="$wide page 1: tables end at $3, ink at $2;"
		p=$((p + 1))
	done
	check "$what: nothing beyond the printable width${wide:+ ($wide)}" '[ -n "$pages" ] && [ -z "$wide" ]'
	# the last page holds an item besides the signature block
	pdftotext -layout -f "${pages:-1}" -l "${pages:-1}" "$f.pdf" "$f.last" 2> /dev/null
	check "$what: the signature block shares its page with items" 'grep -Eq "2026102[0-9]-[0-9a-z]{6}|2026103[01]-[0-9a-z]{6}" "$f.last"'
}

# lang, words: check the labels in the report's language (zh once the catalogue has them)
says() {
	lang=$1; shift
	for w in "$@"; do
		grep -qF -- "$w" "$scratch/$lang-$scope_name.txt" || { echo "#   missing: $w"; return 1; }
	done
}

for lang in zh en; do
	if [ "$lang" = zh ]; then
		[ "$zh" -eq 1 ] || continue
		loc=zh_CN.UTF-8
	else
		loc=C.UTF-8
	fi
	report "$lang: a lawyer's month (21 items)" $loc $lang '--lawyer wang-li' 1
	report "$lang: an office's month (39 items)" $loc $lang '--office xincheng' 1
	report "$lang: the district's month (51 items)" $loc $lang '--district' 2
	t=$scratch/$lang
	check "$lang: names beside slugs in the titles" 'grep -q "王丽 (wang-li)" "$t-lawyer.txt" &&
		grep -q "新城司法所 (xincheng)" "$t-office.txt" && grep -q 测试区 "$t-district.txt"'
	check "$lang: names beside slugs in the items" 'grep -q "和平里社区 (hepingli)" "$t-lawyer.txt" &&
		grep -q "东风社区 (dongfeng)" "$t-office.txt" && grep -q "赵强 (zhao-qiang)" "$t-office.txt" &&
		grep -q "南苑社区 (nanyuan)" "$t-district.txt" && grep -q "陈静 (chen-jing)" "$t-district.txt"'
	check "$lang: the office's items are its communities' only" '! grep -q nanyuan "$t-office.txt"'
	if [ "$lang" = en ]; then
		issued='issued on 2026-11-01' page1='page 1 of 1' sign='reported by (signature):'
		seal='judicial office (seal):' bureau='judicial bureau (seal):' review='reviewed by (signature):'
		date='date:' scope_word='lawyer'
	else
		issued='出具日期：2026-11-01' page1='第 1 页，共 1 页' sign='报告人（签字）：'
		seal='司法所（盖章）：' bureau='司法局（盖章）：' review='审核人（签字）：' date='日期：' scope_word='律师'
	fi
	for scope_name in lawyer office district; do
		check "$lang $scope_name: the issue date (the report's now)" 'says $lang "$issued"'
		check "$lang $scope_name: the signature and seal block" \
			'says $lang "$sign" "$review" "$date" && { [ $scope_name = district ] && says $lang "$bureau" || says $lang "$seal"; }'
	done
	check "$lang: page numbers on the lawyer's and the office's page" \
		'grep -qF "$page1" "$t-lawyer.txt" && grep -qF "$page1" "$t-office.txt"'
	n=$(sed -n 's/^Pages: *//p' "$t-district.info")
	if [ "$lang" = en ]; then last="page $n of $n"; else last="第 $n 页，共 $n 页"; fi
	check "$lang: page numbers on the district's pages (\"$last\")" '[ -n "$n" ] && grep -qF "$last" "$t-district.txt"'
	check "$lang: the scope in words" 'grep -q "$scope_word 王丽" "$t-lawyer.txt"'
done

# zh_CN: no word of English but slugs, ids and the commit (the lawyer, office and
# district reports)
if [ "$zh" -eq 1 ]; then
	cat "$scratch"/zh-lawyer.txt "$scratch"/zh-office.txt "$scratch"/zh-district.txt |
		sed -E 's/[0-9]{8}-[0-9a-z]{6}//g; s/[0-9a-f]{40}//g;
			s/wang-li|zhao-qiang|chen-jing|hepingli|dongfeng|nanyuan|xincheng|dongcheng//g' > "$scratch/zh.rest"
	english=$(grep -Eo '[A-Za-z]{2,}' "$scratch/zh.rest" | sort -u | tr '\n' ' ')
	check "zh_CN: every word of the reports is in Chinese${english:+ (English: $english)}" \
		'[ -z "$english" ] && ! grep -Eiq "lawyer|district|office|errors?|lecture" "$scratch/zh.rest"'
fi
