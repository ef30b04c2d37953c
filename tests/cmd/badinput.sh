#!/bin/sh
# Bad input: every rejected command exits 64 (the command line: an option or
# argument not of its form), 65 (the record is refused: its schema, its
# references, the rules) or 66 (what the command line names does not exist),
# says why naming the field, and leaves HEAD, the index and the working tree
# as they were (DESIGN 3, 4, 5; README "Exit status").
. "$CS_TOP/tests/cmd/lib.sh"

csinit s --district 测试区 2>/dev/null || echo 'not ok - csinit failed'
cd s || exit 1
{
	csassign office add xincheng --name 新城司法所
	csassign firm add dacheng --name 大成律师事务所
	csassign lawyer add wang-li --name 王丽 --firm dacheng
	csassign lawyer add zhao --name 赵强 --firm dacheng
	csassign community add hepingli --name 和平里社区 --office xincheng --head 张主任
	csassign community add dongfeng --name 东风社区 --office xincheng --head 王书记
	csassign pair --lawyer wang-li --community hepingli --from 2026-01-01 \
		--schedule 'Wed 14:00-17:30' --place 和平里3号 --agreement A1
	csassign pair --lawyer zhao --community dongfeng --from 2026-01-01 \
		--schedule 'Thu 14:00-17:30' --place 东风 --agreement A2
	CS_LAWYER=wang-li cslog add consultation --date 2026-10-09 --start 09:00 --end 10:00
} > "$scratch/setup.out" 2>&1 || echo 'not ok - setting up the store failed'
entry=$(tail -1 "$scratch/setup.out")

# bad DESCRIPTION STATUS WHAT COMMAND...: exits STATUS, names WHAT (a fixed
# string) on stderr after "cslog: "/"csassign: ", prints nothing on stdout,
# changes nothing.
bad() {
	bd=$1; bst=$2; what=$3; shift 3
	b=$(snapshot .)
	expect "$bd: exit $bst" "$bst" "$@"
	check "$bd: the message names $what" 'grep -qF -- "$what" "$scratch/.err" && grep -q "^cs[a-z]*: " "$scratch/.err"'
	check "$bd: nothing on stdout" '[ ! -s "$scratch/.out" ]'
	check "$bd: HEAD, index and working tree unchanged" '[ "$(snapshot .)" = "$b" ]'
}
# stdin DESCRIPTION STATUS WHAT FILE: cslog add - < FILE
stdin() {
	bad "$1" "$2" "$3" sh -c 'exec cslog add - < "$1"' sh "$4"
}
nolawyer() { (unset CS_LAWYER; exec cslog "$@"); }
many() { # N CHAR: CHAR repeated N times
	printf "%0${1}d" 0 | sed "s/0/$2/g"
}

export CS_LAWYER=wang-li
t='--start 09:00 --end 10:00'

# --- options of cslog add ------------------------------------------------------
bad 'bad date 2026-13-40' 64 date cslog add consultation --date 2026-13-40 $t
bad 'bad date 2026-02-30' 64 date cslog add consultation --date 2026-02-30 $t
bad 'date not ISO (10/09/2026)' 64 date cslog add consultation --date 10/09/2026 $t
bad 'unknown kind' 64 frob cslog add frob $t
bad 'a directory kind is not a log kind' 64 office cslog add office $t
bad 'unknown community' 66 nowhere cslog add consultation --community nowhere $t
bad 'unknown lawyer' 66 nobody cslog add consultation --lawyer nobody --community hepingli $t
bad 'unknown lawyer from $CS_LAWYER' 66 nobody env CS_LAWYER=nobody cslog add consultation --community hepingli $t
bad '--end before --start' 65 end cslog add consultation --start 10:00 --end 09:00
bad '--end equal to --start' 65 end cslog add consultation --start 10:00 --end 10:00
bad 'bad time 25:00' 64 start cslog add consultation --start 25:00 --end 26:00
bad 'bad time 9am' 64 start cslog add consultation --start 9am --end 10:00
bad 'office hours without --end' 65 end cslog add office-hours --start 09:00
bad 'office hours without --start and --end' 65 start cslog add office-hours
bad 'slug ../x as --community' 64 ../x cslog add consultation --community ../x $t
bad 'slug ../x as --lawyer' 64 ../x cslog add consultation --lawyer ../x --community hepingli $t
check 'no file escaped records/log' '[ ! -e records/x ] && [ ! -e x ] && [ ! -e records/log/x ]'
bad 'slug with capitals as --community' 64 HePingLi cslog add consultation --community HePingLi $t
bad 'a field not in the schema via --set' 65 colour cslog add consultation $t --set colour=red
bad 'a field of another kind via --set' 65 attendees cslog add consultation $t --set attendees=3
bad 'a nested field not in the schema' 65 target.age cslog add consultation $t --set target.age=30
bad '--set kind' 65 kind cslog add consultation $t --set kind=lecture
bad '--set id' 65 id cslog add consultation $t --set id=20261012-aaaaaa
bad '--set without =' 64 attendees cslog add lecture $t --set attendees
bad 'integer field not a number' 65 attendees cslog add lecture $t --set attendees=abc
bad 'integer field negative' 65 attendees cslog add lecture $t --set attendees=-1
bad 'integer field fractional' 65 attendees cslog add lecture $t --set attendees=3.5
bad 'boolean field not a boolean' 65 typical cslog add consultation $t --set typical=maybe
bad 'enum field outside the enum' 65 outcome cslog add mediation $t --set outcome=won
bad 'gift value negative' 65 value cslog add gift --set item=锦旗 --set value=-5
bad 'gift without item' 65 item cslog add gift --set value=0
bad 'feedback score 6' 65 score cslog add feedback --community hepingli --set score=6
bad 'feedback without score' 65 score cslog add feedback --community hepingli
bad 'spot-check result not pass/fail' 65 result cslog add spot-check --community hepingli --result 良好
bad 'bad target type' 64 target-type cslog add consultation $t --target-type alien
bad 'bad channel' 64 channel cslog add consultation $t --channel fax
bad 'lawyer not paired with the community' 65 community cslog add consultation --community dongfeng $t
bad 'no pairing on the date' 65 community cslog add consultation --date 2025-06-01 $t
bad 'no lawyer and no $CS_LAWYER' 64 lawyer nolawyer add consultation --community hepingli $t
bad 'request with a bad --start' 64 start cslog add request --date 2026-10-09 --start 16:99

# Chinese text and maxLength: lengths are characters, not bytes.
n100=$(many 100 张)
n101=$(many 101 张)
bad 'target name of 101 Chinese characters (maxLength 100)' 65 target.name \
	cslog add consultation $t --target-name "$n101"
bad 'signer-length text: gift giver of 101 characters' 65 giver \
	cslog add gift --set item=锦旗 --set giver="$n101"
bad 'content of 4001 Chinese characters (maxLength 4000)' 65 content \
	cslog add consultation $t --content "$(many 4001 法)"
ok 'target name of exactly 100 Chinese characters (300 bytes) is accepted' \
	cslog add consultation $t --target-name "$n100"
check 'the 100-character name is stored whole' 'grep -qx "  name: $n100" "$(find records/log -name "$(out).yaml")"'
ok 'content of exactly 4000 Chinese characters is accepted' cslog add consultation $t --content "$(many 4000 法)"

# --- cslog add - (YAML on stdin) -----------------------------------------------
good='kind: consultation
date: 2026-10-08
start: "10:00"
end: "11:00"
community: hepingli
lawyer: wang-li'
printf '%s\nstart: &t "10:00"\nend: *t\n' 'kind: consultation
date: 2026-10-08
community: hepingli
lawyer: wang-li' > "$scratch/anchor.yaml"
stdin 'an anchor and alias on stdin' 65 '<stdin>:5' "$scratch/anchor.yaml"
check 'anchor message says anchor/alias' 'grep -Eqi "anchor|alias" "$scratch/.err"'
printf '%s\nother: *x\n' "$good" > "$scratch/alias.yaml"
stdin 'an alias without anchor on stdin' 65 '<stdin>:7' "$scratch/alias.yaml"
printf 'kind: consultation\ndate: 2026-10-08\ndate: 2026-10-09\nstart: "10:00"\nend: "11:00"\ncommunity: hepingli\nlawyer: wang-li\n' > "$scratch/dup.yaml"
stdin 'a duplicate key on stdin' 65 date "$scratch/dup.yaml"
check 'duplicate key message has the line' 'grep -q "<stdin>:3" "$scratch/.err"'
printf '%s\ntarget:\n  name: 甲\n  name: 乙\n' "$good" > "$scratch/dup2.yaml"
stdin 'a duplicate nested key on stdin' 65 name "$scratch/dup2.yaml"
printf '%s\ncolour: red\n' "$good" > "$scratch/extra.yaml"
stdin 'a field not in the schema on stdin' 65 colour "$scratch/extra.yaml"
printf 'kind: consultation\ndate: 2026-10-08\nstart: "10:00"\nend: "11:00"\ncommunity: ../x\nlawyer: wang-li\n' > "$scratch/slug.yaml"
stdin 'a slug ../x on stdin' 65 community "$scratch/slug.yaml"
printf 'kind: consultation\ndate: 2026-13-40\nstart: "10:00"\nend: "11:00"\ncommunity: hepingli\nlawyer: wang-li\n' > "$scratch/date.yaml"
stdin 'a bad date on stdin' 65 date "$scratch/date.yaml"
printf 'kind: consultation\ndate: 2026-10-08\nstart: "11:00"\nend: "10:00"\ncommunity: hepingli\nlawyer: wang-li\n' > "$scratch/order.yaml"
stdin 'end before start on stdin' 65 end "$scratch/order.yaml"
printf 'kind: frob\ndate: 2026-10-08\n' > "$scratch/kind.yaml"
stdin 'an unknown kind on stdin' 65 kind "$scratch/kind.yaml"
printf 'kind: office\nid: foo\nname: 某所\n' > "$scratch/office.yaml"
stdin 'a directory record on stdin' 65 kind "$scratch/office.yaml"
printf 'kind: consultation\ndate: 2026-10-08\nstart: "10:00"\nend: "11:00"\ncommunity: nowhere\nlawyer: wang-li\n' > "$scratch/comm.yaml"
stdin 'an unknown community on stdin' 65 nowhere "$scratch/comm.yaml"
printf 'kind: consultation\ndate: 2026-10-08\nstart: "10:00"\nend: "11:00"\ncommunity: hepingli\nlawyer: nobody\n' > "$scratch/lawyer.yaml"
stdin 'an unknown lawyer on stdin' 65 nobody "$scratch/lawyer.yaml"
printf 'kind: consultation\nid: 20261009-aaaaaa\n%s\n' "$(echo "$good" | sed 1d)" > "$scratch/id.yaml"
stdin 'an id not of the entry date on stdin' 65 id "$scratch/id.yaml"
printf 'kind: consultation\nid: %s\n%s\n' "$entry" "$(echo "$good" | sed 1d | sed 's/2026-10-08/2026-10-09/')" > "$scratch/taken.yaml"
stdin 'an id that exists already on stdin' 73 "$entry" "$scratch/taken.yaml"
printf '%s\ncontent: \377\376\n' "$good" > "$scratch/utf8.yaml"
stdin 'invalid UTF-8 on stdin' 65 '<stdin>:7' "$scratch/utf8.yaml"
printf '%s\n---\n%s\n' "$good" "$good" > "$scratch/two.yaml"
stdin 'two documents on stdin' 65 '<stdin>' "$scratch/two.yaml"
printf -- '- kind: consultation\n' > "$scratch/seq.yaml"
stdin 'a sequence on stdin' 65 '<stdin>' "$scratch/seq.yaml"
: > "$scratch/empty.yaml"
stdin 'empty stdin' 65 '<stdin>' "$scratch/empty.yaml"
printf '%s\ncontent: !!binary aGVsbG8=\n' "$good" > "$scratch/tag.yaml"
stdin 'a !!binary tag on stdin' 65 '<stdin>:7' "$scratch/tag.yaml"
printf '%s\ntarget: %s\n' "$good" "$(many 65 '[')$(many 65 ']')" > "$scratch/deep.yaml"
stdin 'nesting over 64 on stdin' 65 '<stdin>' "$scratch/deep.yaml"
{ echo "$good"; printf 'content: "'; many 1100000 a; echo '"'; } > "$scratch/big.yaml"
stdin 'a document over 1 MiB on stdin' 65 'larger than' "$scratch/big.yaml"
printf '%s\ntarget:\n  name: %s\n' "$good" "$n101" > "$scratch/long.yaml"
stdin 'a Chinese name over maxLength on stdin' 65 target.name "$scratch/long.yaml"
printf '%s\nsigned_by: 路人甲\nsigned_at: 2026-10-08T12:00\n' "$good" > "$scratch/signed.yaml"
stdin 'an entry signed by a non-head on stdin (Art 11)' 65 signed_by "$scratch/signed.yaml"

# --- other cslog commands ------------------------------------------------------
bad 'sign by a non-head' 65 signed_by cslog sign "$entry" --by 路人甲
bad 'sign an unknown id' 66 20991231-aaaaaa cslog sign 20991231-aaaaaa --by 张主任
bad 'show a slug ../x as id' 64 ../x cslog show ../x
bad 'amend a field not in the schema' 65 colour cslog amend "$entry" --set colour=red --reason x
bad 'amend end before start' 65 end cslog amend "$entry" --set end=08:00 --reason x
bad 'amend a bad time' 65 start cslog amend "$entry" --set start=24:61 --reason x
bad 'amend a Chinese name over maxLength' 65 target.name cslog amend "$entry" --set target.name="$n101" --reason x
bad 'accept a non-request' 65 request cslog accept "$entry"
bad 'list --since 2026-13-40' 64 2026-13-40 cslog list --since 2026-13-40
bad 'list --kind frob' 64 frob cslog list --kind frob
bad 'list --community nowhere' 66 nowhere cslog list --community nowhere

# --- csassign ------------------------------------------------------------------
bad 'csassign: slug ../x' 64 ../x csassign office add ../x --name 坏
bad 'csassign: slug Wang' 64 Wang csassign lawyer add Wang --name 王 --firm dacheng
bad 'csassign: unknown firm' 66 nosuch csassign lawyer add sun --name 孙 --firm nosuch
bad 'csassign: unknown office' 66 nosuch csassign community add c --name 某 --office nosuch --head 甲
bad 'csassign: name over maxLength' 65 name csassign office add long --name "$(many 101 所)"
bad 'csassign: bad --from date' 64 --from csassign pair --lawyer zhao --community hepingli \
	--from 2026-13-40 --schedule 'Wed 14:00-17:30' --place x --agreement A
bad 'csassign: second active pairing' 65 hepingli csassign pair --lawyer zhao --community hepingli \
	--from 2026-03-01 --schedule 'Wed 14:00-17:30' --place x --agreement A
bad 'csassign: bad e-mail' 65 email csassign lawyer add sun --name 孙 --firm dacheng --email 'a b@c'
check 'git status clean at the end' '[ -z "$(git status --porcelain)" ]'
check 'git fsck clean at the end' 'git fsck --strict >/dev/null 2>&1'
