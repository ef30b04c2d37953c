#!/bin/sh
# csassign: the directory and the pairings (DESIGN 5, Art 5, 17).
. "$CS_TOP/tests/cmd/lib.sh"

# Display-width view of a line: every non-ASCII character (here all CJK,
# two columns wide) becomes two columns.
wide() { sed 's/[^ -~]/XX/g'; }
# Display column (1-based) where VALUE starts on the line that begins with KEY.
col_of() { # file, key, value
	grep -- "^$2 " "$1" | head -1 | wide | awk -v v="$3" '{ print index($0, v) }'
}
json_ok() { # file: parses as JSON
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json,sys; json.load(sys.stdin)' < "$1"
	else
		grep -q '^[[{]' "$1" && grep -q '[]}]$' "$1"
	fi
}
# Keys of every object of a JSON array include all the given ones.
json_keys() { # file, key...
	f=$1; shift
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json,sys
a = json.load(open(sys.argv[1]))
a = a if isinstance(a, list) else [a]
sys.exit(0 if a and all(all(k in o for k in sys.argv[2:]) for o in a) else 1)' "$f" "$@"
	else
		for k in "$@"; do grep -q "\"$k\":" "$f" || return 1; done
	fi
}
trailer() { # store, trailer line: the last commit carries it
	git -C "$1" log -1 --format=%B | grep -qxF -- "$2"
}
commits() { git -C "$1" rev-list --count HEAD; }

csinit s --district 测试区 2>/dev/null || echo 'not ok - csinit failed'
cd s || exit 1

# --- offices, firms, lawyers, communities -----------------------------------
ok 'office add' csassign office add xincheng --name 新城司法所 --phone 010-1234 --address 新城路1号
check 'office add prints the slug' '[ "$(out)" = xincheng ]'
check 'office file written' '[ -f records/offices/xincheng.yaml ]'
check 'office file has name, phone, address' \
	'grep -qx "name: 新城司法所" records/offices/xincheng.yaml &&
	 grep -q "^phone: .*010-1234" records/offices/xincheng.yaml &&
	 grep -qx "address: 新城路1号" records/offices/xincheng.yaml'
check 'office file starts with kind and id' \
	'[ "$(head -2 records/offices/xincheng.yaml | tr "\n" " ")" = "kind: office id: xincheng " ]'
check 'office add commit has Cs-Command trailer' 'trailer . "Cs-Command: csassign office add"'
check 'office add commit has Cs-Record trailer' 'trailer . "Cs-Record: records/offices/xincheng.yaml"'
check 'office add committed the file as written' \
	'[ "$(git rev-parse HEAD:records/offices/xincheng.yaml)" = "$(git hash-object records/offices/xincheng.yaml)" ]'
check 'git status clean after office add' '[ -z "$(git status --porcelain)" ]'
ok 'second office add' csassign office add dongcheng --name 东城司法所

ok 'firm add' csassign firm add dacheng --name 大成律师事务所 --phone 010-5555 --address 大成路2号
check 'firm file has its fields' \
	'grep -qx "name: 大成律师事务所" records/firms/dacheng.yaml &&
	 grep -q "^phone: .*010-5555" records/firms/dacheng.yaml &&
	 grep -qx "address: 大成路2号" records/firms/dacheng.yaml'
check 'firm add trailers' \
	'trailer . "Cs-Command: csassign firm add" && trailer . "Cs-Record: records/firms/dacheng.yaml"'
ok 'second firm add' csassign firm add junhe --name 君合律师事务所

ok 'lawyer add with every option' csassign lawyer add wang-li --name 王丽 --firm dacheng \
	--phone 13800001111 --email wl@example.org --licence 11101201010 --photo photos/wl.jpg
check 'lawyer add prints the slug' '[ "$(out)" = wang-li ]'
check 'lawyer file has every field' \
	'f=records/lawyers/wang-li.yaml; grep -qx "name: 王丽" $f && grep -qx "firm: dacheng" $f &&
	 grep -q "^phone: .*13800001111" $f && grep -qx "email: wl@example.org" $f &&
	 grep -q "^licence: .*11101201010" $f && grep -qx "photo: photos/wl.jpg" $f'
check 'a digit-only phone is quoted (stays a string)' \
	'grep -qx "phone: '"'"'13800001111'"'"'" records/lawyers/wang-li.yaml ||
	 grep -qx "phone: \"13800001111\"" records/lawyers/wang-li.yaml'
check 'lawyer add trailers' \
	'trailer . "Cs-Command: csassign lawyer add" && trailer . "Cs-Record: records/lawyers/wang-li.yaml"'
ok 'lawyer add (zhao)' csassign lawyer add zhao --name 赵强 --firm dacheng
ok 'lawyer add with an ASCII name' csassign lawyer add li --name 'Li Ming' --firm junhe
ok 'lawyer add (chen)' csassign lawyer add chen --name 陈静 --firm dacheng

ok 'community add with two heads and a workroom' csassign community add hepingli \
	--name 和平里社区 --office xincheng --head 张主任 --head 李书记 --workroom 和平里3号
check 'community file has office, heads, workroom' \
	'f=records/communities/hepingli.yaml; grep -qx "office: xincheng" $f &&
	 grep -qx "heads:" $f && grep -qx -- "- 张主任" $f && grep -qx -- "- 李书记" $f &&
	 grep -qx "workroom: 和平里3号" $f'
check 'community add trailers' \
	'trailer . "Cs-Command: csassign community add" &&
	 trailer . "Cs-Record: records/communities/hepingli.yaml"'
ok 'community add (dongfeng)' csassign community add dongfeng --name 东风社区 --office xincheng --head 王书记
ok 'community add with an ASCII name' csassign community add sunny --name Sunny --office dongcheng --head Ann
check 'one commit per add (11 adds + csinit)' '[ "$(commits .)" -eq 12 ]'
check 'git status clean after the adds' '[ -z "$(git status --porcelain)" ]'

# --- list and show ----------------------------------------------------------
ok 'lawyer list' csassign lawyer list
out > "$scratch/lawyers.txt"
check 'lawyer list has a header and four rows' '[ "$(wc -l < "$scratch/lawyers.txt")" -eq 5 ]'
check 'lawyer list header' 'head -1 "$scratch/lawyers.txt" | grep -q "^id  *name  *firm  *phone"'
check 'lawyer list shows the Chinese name' 'grep -q "^wang-li  *王丽  *dacheng  *13800001111" "$scratch/lawyers.txt"'
check 'lawyer list: firm column aligned for a Chinese and an ASCII name' \
	'[ "$(col_of "$scratch/lawyers.txt" wang-li dacheng)" -gt 0 ] &&
	 [ "$(col_of "$scratch/lawyers.txt" wang-li dacheng)" -eq "$(col_of "$scratch/lawyers.txt" li junhe)" ]'
check 'lawyer list: firm column aligned with its header' \
	'[ "$(col_of "$scratch/lawyers.txt" wang-li dacheng)" -eq "$(col_of "$scratch/lawyers.txt" id firm)" ]'
check 'lawyer list: name column starts at the same column on every row' \
	'[ "$(col_of "$scratch/lawyers.txt" li "Li Ming")" -eq "$(col_of "$scratch/lawyers.txt" zhao "XXXX")" ]'
check 'lawyer list: id column padding (zhao + 5 spaces under wang-li)' \
	'[ "$(col_of "$scratch/lawyers.txt" zhao XXXX)" -eq "$(col_of "$scratch/lawyers.txt" wang-li XXXX)" ]'
ok 'community list' csassign community list
out > "$scratch/communities.txt"
check 'community list shows every community' \
	'grep -q "^hepingli " "$scratch/communities.txt" && grep -q "^dongfeng " "$scratch/communities.txt" && grep -q "^sunny " "$scratch/communities.txt"'
check 'community list shows the heads' 'grep "^hepingli " "$scratch/communities.txt" | grep -q "张主任" && grep "^hepingli " "$scratch/communities.txt" | grep -q "李书记"'
check 'community list: office column aligned (和平里社区 / 东风社区 / Sunny)' \
	'a=$(col_of "$scratch/communities.txt" hepingli xincheng); b=$(col_of "$scratch/communities.txt" dongfeng xincheng);
	 c=$(col_of "$scratch/communities.txt" sunny dongcheng); [ "$a" -gt 0 ] && [ "$a" -eq "$b" ] && [ "$a" -eq "$c" ]'
ok 'office list' csassign office list
check 'office list has both offices' 'out | grep -q "^xincheng  *新城司法所" && out | grep -q "^dongcheng  *东城司法所"'
ok 'firm list' csassign firm list
check 'firm list has both firms' 'out | grep -q "^dacheng " && out | grep -q "^junhe "'

for kind in office firm lawyer community; do
	ok "$kind list --format json" csassign $kind list --format json
	out > "$scratch/list.json"
	check "$kind list json parses" 'json_ok "$scratch/list.json"'
	check "$kind list json objects have kind, id and name" 'json_keys "$scratch/list.json" kind id name'
	ok "$kind list --format yaml" csassign $kind list --format yaml
	check "$kind list yaml is a sequence of records" 'out | head -1 | grep -qx -- "- kind: '$kind'"'
	ok "$kind list --format csv" csassign $kind list --format csv
	check "$kind list csv header" 'out | head -1 | grep -q "^id,name,"'
	ok "$kind list --format md" csassign $kind list --format md
	check "$kind list md table" 'out | head -1 | grep -q "^| id | name |"'
	ok "$kind list --format html" csassign $kind list --format html
	check "$kind list html table" 'out | grep -q "<table"'
done
ok 'community list json' csassign community list --format json
check 'community list json has the heads as an array' \
	'out | tr -d " \n" | grep -q "\"heads\":\[\"张主任\",\"李书记\"\]"'

ok 'lawyer show' csassign lawyer show wang-li
check 'lawyer show (text) is the record' '[ "$(out)" = "$(cat records/lawyers/wang-li.yaml)" ]'
ok 'lawyer show --format yaml' csassign lawyer show wang-li --format yaml
check 'lawyer show yaml is the record' '[ "$(out)" = "$(cat records/lawyers/wang-li.yaml)" ]'
ok 'lawyer show --format json' csassign lawyer show wang-li --format json
out > "$scratch/show.json"
check 'lawyer show json parses' 'json_ok "$scratch/show.json"'
check 'lawyer show json has the fields' 'json_keys "$scratch/show.json" kind id name firm phone email licence photo'
check 'lawyer show json keeps the phone a string' 'grep -q "\"phone\": *\"13800001111\"" "$scratch/show.json"'
check 'lawyer show json has the Chinese name' 'grep -q "\"name\": *\"王丽\"" "$scratch/show.json"'
ok 'office show' csassign office show xincheng
check 'office show has the name' 'out | grep -qx "name: 新城司法所"'
ok 'firm show' csassign firm show junhe
ok 'community show --format json' csassign community show hepingli --format json
out > "$scratch/show.json"
check 'community show json parses' 'json_ok "$scratch/show.json"'
expect 'show --format csv is 64' 64 csassign lawyer show wang-li --format csv
expect 'show of an unknown slug is 66' 66 csassign lawyer show nobody
check 'show of an unknown slug names it' 'grep -q nobody "$scratch/.err"'
expect 'office show of a lawyer slug is 66' 66 csassign office show wang-li
expect 'list with an operand is 64' 64 csassign lawyer list extra
expect 'list --format xml is 64' 64 csassign lawyer list --format xml
expect 'show without a slug is 64' 64 csassign lawyer show

# Found from a subdirectory, by CS_STORE and -C.
(cd records && csassign office list > "$scratch/.out" 2>&1)
check 'store found from a subdirectory' 'grep -q "^xincheng " "$scratch/.out"'
(cd "$scratch" && CS_STORE="$scratch/s" csassign firm list > "$scratch/.out" 2>&1)
check 'store found by CS_STORE' 'grep -q "^dacheng " "$scratch/.out"'
(cd "$scratch" && csassign -C s firm list > "$scratch/.out" 2>&1)
check 'store found by -C' 'grep -q "^dacheng " "$scratch/.out"'
(cd "$scratch" && csassign firm list > "$scratch/.out" 2>&1; echo $? > "$scratch/.rc")
check 'no store: exit 66' '[ "$(cat "$scratch/.rc")" -eq 66 ]'
expect '-C a directory that is not a store is 66' 66 csassign -C "$scratch" office list

# --- directory errors: nothing written --------------------------------------
before=$(snapshot .)
expect 'duplicate office slug is 73' 73 csassign office add xincheng --name 别的
check 'duplicate message names the slug' 'grep -q xincheng "$scratch/.err"'
check 'duplicate office: the file is unchanged' 'grep -qx "name: 新城司法所" records/offices/xincheng.yaml'
expect 'duplicate firm slug is 73' 73 csassign firm add dacheng --name 别的
expect 'duplicate lawyer slug is 73' 73 csassign lawyer add wang-li --name 别的 --firm junhe
expect 'duplicate community slug is 73' 73 csassign community add hepingli --name 别的 --office dongcheng --head X
expect 'slug ../x is 64' 64 csassign office add ../x --name 坏
check 'bad slug message names it' 'grep -qF "../x" "$scratch/.err"'
expect 'slug Wang (capital) is 64' 64 csassign lawyer add Wang --name 王 --firm dacheng
expect 'slug with a slash is 64' 64 csassign firm add a/b --name 坏
expect 'slug starting with - is 64' 64 csassign firm add -- -ab --name 坏
expect 'slug of 41 characters is 64' 64 csassign office add aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa --name 长
expect 'slug with a Chinese character is 64' 64 csassign office add 新城 --name 新城
expect 'empty slug is 64' 64 csassign office add '' --name 空
expect 'add without --name is 64' 64 csassign office add nameless
check 'missing --name is named' 'grep -q -- "--name" "$scratch/.err"'
expect 'add with an empty --name is 65' 65 csassign office add empty --name ''
check 'empty name: the field is named' 'grep -q "name" "$scratch/.err"'
expect 'lawyer add without --firm is 64' 64 csassign lawyer add nofirm --name 某
expect 'lawyer with an unknown firm is 66' 66 csassign lawyer add sun --name 孙 --firm nosuch
check 'unknown firm is named' 'grep -q nosuch "$scratch/.err"'
expect 'lawyer with a bad e-mail is 65' 65 csassign lawyer add sun --name 孙 --firm dacheng --email not-an-address
check 'bad e-mail: the field is named' 'grep -q email "$scratch/.err"'
expect 'community with an unknown office is 66' 66 csassign community add xx --name 某 --office nosuch --head 甲
check 'unknown office is named' 'grep -q nosuch "$scratch/.err"'
expect 'community without --head is 64' 64 csassign community add xx --name 某 --office xincheng
expect 'community without --office is 64' 64 csassign community add xx --name 某 --head 甲
expect 'community with a repeated head is 65' 65 csassign community add xx --name 某 --office xincheng --head 甲 --head 甲
expect 'an option of another kind is 64' 64 csassign office add xx --name 某 --firm dacheng
expect 'unknown subcommand is 64' 64 csassign office frob
expect 'unknown command is 64' 64 csassign frob
expect 'no command is 64' 64 csassign
expect 'kind without subcommand is 64' 64 csassign lawyer
expect 'unknown option is 64' 64 csassign office list --frobnicate
check 'usage errors are prefixed' 'grep -q "^csassign: " "$scratch/.err"'
check 'no failed command changed the store' '[ "$(snapshot .)" = "$before" ]'
ok '--help exits 0' csassign --help
check '--help prints usage on stdout' 'grep -q "usage: csassign" "$scratch/.out"'
ok '--version exits 0' csassign --version
check '--version names the command' 'grep -q "^csassign " "$scratch/.out"'

# --- pairings ---------------------------------------------------------------
ok 'pair' csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
	--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement XC-2026-01 --agreement-date 2025-12-20
p1=$(out)
check 'pair prints an event id dated --from' 'echo "$p1" | grep -Eqx "20260101-[0-9a-hjkmnp-tv-z]{6}"'
f1=records/assignments/$p1.yaml
check 'pairing file records/assignments/<id>.yaml' '[ -f "$f1" ]'
check 'the pairing takes the firm from the lawyer' 'grep -qx "firm: dacheng" "$f1"'
check 'pairing fields' \
	'grep -qx "kind: assignment" "$f1" && grep -qx "id: $p1" "$f1" && grep -qx "lawyer: wang-li" "$f1" &&
	 grep -qx "community: hepingli" "$f1" && grep -q "^from: .*2026-01-01" "$f1" &&
	 grep -qx "schedule: Wed 14:00-17:30" "$f1" && grep -qx "place: 和平里3号" "$f1" &&
	 grep -qx "agreement: XC-2026-01" "$f1" && grep -q "^agreement_date: .*2025-12-20" "$f1"'
check 'a date in a string field is quoted' "grep -qx \"from: '2026-01-01'\" \"\$f1\" || grep -qx 'from: \"2026-01-01\"' \"\$f1\""
check 'pairing has no to: yet' '! grep -q "^to:" "$f1"'
check 'pair trailers' 'trailer . "Cs-Command: csassign pair" && trailer . "Cs-Record: $f1"'
check 'git status clean after pair' '[ -z "$(git status --porcelain)" ]'
ok 'pair with an ASCII-named lawyer of another firm' csassign pair --lawyer li --community dongfeng \
	--from 2026-01-01 --schedule 'Thu 09:00-12:00' --place 东风会议室 --agreement XC-2026-02
p2=$(out)
check 'second pairing firm is junhe' 'grep -qx "firm: junhe" records/assignments/$p2.yaml'

before=$(snapshot .)
expect 'second active pairing for a community is 65' 65 csassign pair --lawyer zhao --community hepingli \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A
check 'the refusal names the existing pairing' 'grep -q "$p1" "$scratch/.err"'
expect 'pairing before the active one is 65' 65 csassign pair --lawyer zhao --community hepingli \
	--from 2025-06-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A
expect 'pair with an unknown lawyer is 66' 66 csassign pair --lawyer nobody --community sunny \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A
expect 'pair with an unknown community is 66' 66 csassign pair --lawyer zhao --community nowhere \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A
expect 'pair with a bad date is 64' 64 csassign pair --lawyer zhao --community sunny \
	--from 2026-13-40 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A
check 'bad date names the option' 'grep -q -- "--from" "$scratch/.err"'
expect 'pair with a bad agreement date is 64' 64 csassign pair --lawyer zhao --community sunny \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A --agreement-date 2026-02-30
expect 'pair with a bad weekday is 64' 64 csassign pair --lawyer zhao --community sunny \
	--from 2026-03-01 --schedule 'Xed 14:00-17:30' --place 某处 --agreement A
expect 'pair with end before start is 64' 64 csassign pair --lawyer zhao --community sunny \
	--from 2026-03-01 --schedule 'Wed 18:00-17:30' --place 某处 --agreement A
expect 'pair with a malformed schedule is 64' 64 csassign pair --lawyer zhao --community sunny \
	--from 2026-03-01 --schedule 'Wednesday 2pm' --place 某处 --agreement A
check 'bad schedule names the option' 'grep -q -- "--schedule" "$scratch/.err"'
pair_without() { # option to leave out: runs csassign pair without it
	skip=$1
	set -- --lawyer zhao --community sunny --from 2026-03-01 --schedule 'Wed 14:00-17:30' \
		--place 某处 --agreement A
	n=$#
	while [ "$n" -gt 0 ]; do
		if [ "$1" = "--$skip" ]; then shift 2; else set -- "$@" "$1" "$2"; shift 2; fi
		n=$((n - 2))
	done
	csassign pair "$@"
}
for opt in lawyer community from schedule place agreement; do
	expect "pair without --$opt is 64" 64 pair_without $opt
	check "missing --$opt is named" "grep -q -- '--$opt' \"\$scratch/.err\""
done
expect 'pair with an operand is 64' 64 csassign pair extra --lawyer zhao --community sunny \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A
expect 'pair with a directory option is 64' 64 csassign pair --lawyer zhao --community sunny \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place 某处 --agreement A --phone 1
check 'no refused pairing changed the store' '[ "$(snapshot .)" = "$before" ]'

# --- who --------------------------------------------------------------------
ok 'who (today from CS_NOW)' csassign who
check 'who lists both pairings' 'out | grep -q "$p1" && out | grep -q "$p2"'
check 'who shows lawyer and community names' 'out | grep "$p1" | grep -q 王丽 && out | grep "$p1" | grep -q 和平里社区'
ok 'who COMMUNITY' csassign who hepingli
check 'who COMMUNITY shows only that community' 'out | grep -q "$p1" && ! out | grep -q "$p2"'
ok 'who --on before any pairing' csassign who --on 2025-12-31
check 'nobody served before the pairings' '! out | grep -q "$p1" && ! out | grep -q "$p2"'
ok 'who --format json' csassign who --format json
out > "$scratch/who.json"
check 'who json parses' 'json_ok "$scratch/who.json"'
check 'who json has id, community, lawyer, firm, schedule, place, from, to' \
	'json_keys "$scratch/who.json" id community lawyer firm schedule place from to'
expect 'who for an unknown community is 66' 66 csassign who nowhere
expect 'who --on a bad date is 64' 64 csassign who --on 2026-99-01
expect 'who with two communities is 64' 64 csassign who hepingli dongfeng

# --- changes (Art 17) -------------------------------------------------------
c0=$(commits .)
export CS_NOW=2026-10-29T10:00
ok 'change filed 3 days before effective is accepted' csassign change "$p1" --lawyer zhao \
	--effective 2026-11-01 --filed 2026-10-29 --reason 律师调动
p1b=$(out)
check 'change prints the new pairing id dated effective' 'echo "$p1b" | grep -Eqx "20261101-[0-9a-hjkmnp-tv-z]{6}"'
check 'a change is one commit' '[ "$(commits .)" -eq $((c0 + 1)) ]'
check 'old pairing ends the day before effective' 'grep -q "^to: .*2026-10-31" "$f1"'
check 'old pairing records the reason' 'grep -qx "end_reason: 律师调动" "$f1"'
f1b=records/assignments/$p1b.yaml
check 'new pairing starts on effective' 'grep -q "^from: .*2026-11-01" "$f1b"'
check 'new pairing has the new lawyer, same schedule and place' \
	'grep -qx "lawyer: zhao" "$f1b" && grep -qx "schedule: Wed 14:00-17:30" "$f1b" && grep -qx "place: 和平里3号" "$f1b"'
check 'new pairing replaces the old one' 'grep -qx "replaces: $p1" "$f1b"'
check 'new pairing has no to:' '! grep -q "^to:" "$f1b"'
cfile=$(ls records/changes/*.yaml 2>/dev/null | head -1)
check 'change record written, dated filed' 'echo "$cfile" | grep -Eq "records/changes/20261029-[0-9a-hjkmnp-tv-z]{6}\.yaml$"'
cid=$(basename "$cfile" .yaml)
check 'change record fields' \
	'grep -qx "kind: change" "$cfile" && grep -qx "assignment: $p1" "$cfile" &&
	 grep -q "^filed: .*2026-10-29" "$cfile" && grep -q "^effective: .*2026-11-01" "$cfile" &&
	 grep -qx "reason: 律师调动" "$cfile" && grep -qx "lawyer: zhao" "$cfile" &&
	 grep -qx "new_assignment: $p1b" "$cfile" && grep -qx "outcome: applied" "$cfile"'
check 'change without approval has no approved_by' '! grep -q "^approved_by:" "$cfile"'
check 'new pairing names its change' 'grep -qx "change: $cid" "$f1b"'
check 'change trailers' \
	'trailer . "Cs-Command: csassign change" && trailer . "Cs-Record: $cfile" &&
	 trailer . "Cs-Record: $f1" && trailer . "Cs-Record: $f1b"'
check 'git status clean after change' '[ -z "$(git status --porcelain)" ]'
ok 'who --on the day before effective' csassign who hepingli --on 2026-10-31
check 'the old lawyer serves the day before' 'out | grep -q "$p1" && out | grep -q wang-li && ! out | grep -q zhao'
ok 'who --on effective' csassign who hepingli --on 2026-11-01
check 'the new lawyer serves from effective' 'out | grep -q "$p1b" && out | grep -q zhao && ! out | grep -q wang-li'
ok 'who --on effective --format json' csassign who hepingli --on 2026-11-01 --format json
out > "$scratch/who.json"
check 'who json for the new pairing' 'json_ok "$scratch/who.json" && grep -q "\"lawyer\": *\"zhao\"" "$scratch/who.json" &&
	 grep -q "\"from\": *\"2026-11-01\"" "$scratch/who.json"'

export CS_NOW=2026-10-30T10:00
before=$(snapshot .)
expect 'change filed 2 days before effective is refused with 65' 65 csassign change "$p2" \
	--lawyer chen --effective 2026-11-01 --filed 2026-10-30 --reason 律师调动
check 'the refusal cites Art 17' 'grep -q "Art 17" "$scratch/.err"'
check 'refused change wrote nothing' '[ "$(snapshot .)" = "$before" ]'
check 'refused change made no records/changes file' '[ "$(ls records/changes | wc -l)" -eq 1 ]'
expect 'change filed on the effective day is refused' 65 csassign change "$p2" \
	--lawyer chen --effective 2026-11-01 --filed 2026-11-01 --reason 律师调动
check 'still nothing written' '[ "$(snapshot .)" = "$before" ]'
ok 'the refused change is accepted with --approved-by' csassign change "$p2" --lawyer chen \
	--effective 2026-11-01 --filed 2026-10-30 --reason 律师调动 --approved-by 区工作小组
p2b=$(out)
c2=$(grep -l "^assignment: $p2\$" records/changes/*.yaml)
check 'the change record has approved_by' 'grep -qx "approved_by: 区工作小组" "$c2"'
check 'the new pairing takes the new lawyer'"'"'s firm' 'grep -qx "firm: dacheng" records/assignments/$p2b.yaml'
check 'old pairing of dongfeng ends 2026-10-31' 'grep -q "^to: .*2026-10-31" records/assignments/$p2.yaml'

export CS_NOW=2026-12-01T10:00
ok 'change the schedule' csassign change "$p2b" --schedule 'Fri 09:00-12:00' \
	--effective 2026-12-07 --filed 2026-12-01 --reason 时间调整
p2c=$(out)
check 'schedule change: new pairing has the new schedule, same lawyer' \
	'grep -qx "schedule: Fri 09:00-12:00" records/assignments/$p2c.yaml &&
	 grep -qx "lawyer: chen" records/assignments/$p2c.yaml'
check 'schedule change record has schedule' \
	'grep -qx "schedule: Fri 09:00-12:00" "$(grep -l "^assignment: $p2b\$" records/changes/*.yaml)"'

before=$(snapshot .)
expect 'change to a community that has a pairing is 65' 65 csassign change "$p2c" --community hepingli \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change with two new values is 64' 64 csassign change "$p2c" --lawyer li --schedule 'Mon 09:00-12:00' \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change with no new value is 64' 64 csassign change "$p2c" \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change without --reason is 64' 64 csassign change "$p2c" --lawyer li \
	--effective 2027-01-04 --filed 2026-12-01
expect 'change without --filed is 64' 64 csassign change "$p2c" --lawyer li --effective 2027-01-04 --reason 调整
expect 'change without --effective is 64' 64 csassign change "$p2c" --lawyer li --filed 2026-12-01 --reason 调整
expect 'change with a bad --effective is 64' 64 csassign change "$p2c" --lawyer li \
	--effective 2027-02-30 --filed 2026-12-01 --reason 调整
expect 'change with a bad --schedule is 64' 64 csassign change "$p2c" --schedule 'Fri 12:00-09:00' \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change to an unknown lawyer is 66' 66 csassign change "$p2c" --lawyer nobody \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change to an unknown community is 66' 66 csassign change "$p2c" --community nowhere \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change of an unknown pairing is 66' 66 csassign change 20250101-aaaaaa --lawyer li \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
expect 'change effective on the pairing start is 65' 65 csassign change "$p2c" --lawyer li \
	--effective 2026-12-07 --filed 2026-12-01 --reason 调整
expect 'change of a pairing that ended before effective is 65' 65 csassign change "$p1" --lawyer li \
	--effective 2026-12-07 --filed 2026-12-01 --reason 调整
expect 'change without the pairing is 64' 64 csassign change --lawyer li \
	--effective 2027-01-04 --filed 2026-12-01 --reason 调整
check 'no refused change changed the store' '[ "$(snapshot .)" = "$before" ]'

# --- end --------------------------------------------------------------------
expect 'end --on before the pairing start is 65' 65 csassign end "$p1b" --on 2026-10-01 --reason 合同到期
expect 'end without --reason is 64' 64 csassign end "$p1b" --on 2026-12-31
expect 'end without --on is 64' 64 csassign end "$p1b" --reason 合同到期
expect 'end with a bad date is 64' 64 csassign end "$p1b" --on 2026-12-32 --reason 合同到期
expect 'end of an unknown pairing is 66' 66 csassign end 20250101-aaaaaa --on 2026-12-31 --reason 合同到期
expect 'end by an ambiguous prefix is 64' 64 csassign end 2026 --on 2026-12-31 --reason 合同到期
check 'ambiguous prefix names the candidates' 'grep -q ambiguous "$scratch/.err"'
expect 'end without the pairing is 64' 64 csassign end --on 2026-12-31 --reason 合同到期
check 'no refused end changed the store' '[ "$(snapshot .)" = "$before" ]'
short=$(echo "$p1b" | cut -c1-12)
ok 'end by a unique prefix' csassign end "$short" --on 2026-12-31 --reason 合同到期
check 'end prints the full id' '[ "$(out)" = "$p1b" ]'
check 'ended pairing has to: and end_reason' \
	'grep -q "^to: .*2026-12-31" "$f1b" && grep -qx "end_reason: 合同到期" "$f1b"'
check 'end trailers' 'trailer . "Cs-Command: csassign end" && trailer . "Cs-Record: $f1b"'
check 'git status clean after end' '[ -z "$(git status --porcelain)" ]'
before=$(snapshot .)
expect 'end after it ended already is 65' 65 csassign end "$p1b" --on 2027-01-31 --reason 再次
check 'nothing written' '[ "$(snapshot .)" = "$before" ]'
ok 'who --on after the end' csassign who hepingli --on 2027-01-01
check 'no pairing after the end' '! out | grep -q "$p1b"'
expect 'a new pairing overlapping the ended one is 65' 65 csassign pair --lawyer li --community hepingli \
	--from 2026-12-01 --schedule 'Mon 09:00-12:00' --place 某处 --agreement B
ok 'a new pairing after the end is accepted' csassign pair --lawyer li --community hepingli \
	--from 2027-01-01 --schedule 'Mon 09:00-12:00' --place 某处 --agreement B
check 'store fscks clean' 'git fsck --strict >/dev/null 2>&1'
check 'every commit has a csassign or csinit Cs-Command' \
	'[ "$(git log --format=%B | grep -c "^Cs-Command: cs\(assign\|init\)")" -eq "$(commits .)" ]'
cd "$scratch" || exit 1

# --- a bare store -----------------------------------------------------------
csinit b.git --bare --district 中心区 2>/dev/null || echo 'not ok - csinit --bare failed'
ok 'bare: office add with -C' csassign -C b.git office add xincheng --name 新城司法所
check 'bare: the office is in HEAD' 'git -C b.git cat-file -e HEAD:records/offices/xincheng.yaml'
check 'bare: no working-tree file written' '[ ! -e b.git/records ] && [ ! -e records ]'
check 'bare: trailers' 'trailer b.git "Cs-Command: csassign office add" &&
	 trailer b.git "Cs-Record: records/offices/xincheng.yaml"'
export CS_STORE="$scratch/b.git"
ok 'bare: firm add with CS_STORE' csassign firm add dacheng --name 大成律师事务所
ok 'bare: lawyer add' csassign lawyer add wang-li --name 王丽 --firm dacheng
ok 'bare: lawyer add (zhao)' csassign lawyer add zhao --name 赵强 --firm dacheng
expect 'bare: lawyer with an unknown firm is 66' 66 csassign lawyer add x --name 某 --firm nosuch
ok 'bare: community add' csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
expect 'bare: duplicate slug is 73' 73 csassign office add xincheng --name 别的
ok 'bare: lawyer list' csassign lawyer list
check 'bare: lawyer list shows both' 'out | grep -q "^wang-li  *王丽" && out | grep -q "^zhao  *赵强"'
ok 'bare: community show --format json' csassign community show hepingli --format json
out > "$scratch/show.json"
check 'bare: show json parses' 'json_ok "$scratch/show.json"'
ok 'bare: pair' csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
	--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement XC-1
bp=$(out)
check 'bare: the pairing is in HEAD with the firm' \
	'git -C b.git show HEAD:records/assignments/$bp.yaml | grep -qx "firm: dacheng"'
expect 'bare: second active pairing is 65' 65 csassign pair --lawyer zhao --community hepingli \
	--from 2026-02-01 --schedule 'Wed 14:00-17:30' --place x --agreement Y
before=$(git -C b.git rev-parse HEAD)
export CS_NOW=2026-10-30T10:00
expect 'bare: change with 2 days notice is 65' 65 csassign change "$bp" --lawyer zhao \
	--effective 2026-11-01 --filed 2026-10-30 --reason 调动
check 'bare: refused change moved nothing' '[ "$(git -C b.git rev-parse HEAD)" = "$before" ]'
ok 'bare: change with 3 days notice' csassign change "$bp" --lawyer zhao \
	--effective 2026-11-01 --filed 2026-10-29 --reason 调动
bp2=$(out)
check 'bare: old pairing ends on 2026-10-31' \
	'git -C b.git show HEAD:records/assignments/$bp.yaml | grep -q "^to: .*2026-10-31"'
ok 'bare: who --on 2026-10-31' csassign who hepingli --on 2026-10-31
check 'bare: old lawyer before effective' 'out | grep -q wang-li && ! out | grep -q zhao'
ok 'bare: who --on 2026-11-01' csassign -C b.git who hepingli --on 2026-11-01
check 'bare: new lawyer from effective' 'out | grep -q zhao && ! out | grep -q wang-li'
ok 'bare: end' csassign end "$bp2" --on 2026-12-31 --reason 合同到期
check 'bare: end written to HEAD' \
	'git -C b.git show HEAD:records/assignments/$bp2.yaml | grep -q "^to: .*2026-12-31"'
check 'bare: end trailers' 'trailer b.git "Cs-Command: csassign end"'
check 'bare: still no working tree' '[ ! -e b.git/records ] && [ ! -e b.git/cs.yaml ]'
check 'bare: fsck clean' 'git -C b.git fsck --strict >/dev/null 2>&1'
check 'bare: one commit per change (csinit + 8)' '[ "$(commits b.git)" -eq 9 ]'
unset CS_STORE
