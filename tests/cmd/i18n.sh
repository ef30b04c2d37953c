#!/bin/sh
# gettext (DESIGN 5): messages are English, translated to Simplified Chinese
# under a zh_CN locale from po/zh_CN.po (compiled to $CS_LOCALEDIR by make).
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
# LANGUAGE would take precedence over LC_ALL for a non-C locale.
unset LANGUAGE
zh=zh_CN.UTF-8
en=C.UTF-8

check "the zh_CN.UTF-8 locale is installed (tests/deps.sh makes it)" \
	'locale -a 2>/dev/null | grep -qi "^zh_CN\.utf-\{0,1\}8$"'
check "the zh_CN catalogue is compiled into \$CS_LOCALEDIR" \
	'[ -s "$CS_LOCALEDIR/zh_CN/LC_MESSAGES/cs.mo" ]'
check "po/cs.pot holds every message of the sources, and zh_CN translates each (po/update.sh --check)" \
	'sh "$CS_TOP/po/update.sh" --check'

# --help: translated under zh_CN, English under C.
expect "csassign --help under $zh" 0 env LC_ALL=$zh csassign --help
# The synopsis ("usage: ...") is made from the option table and stays English.
check "  its help is in Chinese" 'out | grep -q "^子命令：$" && out | grep -q "律师与社区的结对"'
check "  with the programme's terms" 'out | grep -q "律师事务所" && out | grep -q "司法所"'
check "  and the option names untranslated" 'out | grep -q -e "--community" && out | grep -q -e "--schedule S"'
expect "csassign --help under $en" 0 env LC_ALL=$en csassign --help
check "  its usage is in English" 'out | grep -q "^usage: csassign"'
check "  with no Chinese in it" '! out | grep -q "用法"'

# A usage error: the diagnostic on stderr, prefixed with the command's name.
expect "csinit without --district under $zh exits 64" 64 env LC_ALL=$zh csinit store
check "  the message is in Chinese" 'err | grep -q "^csinit: 必须指定 --district$"'
check "  the hint too, naming the command" 'err | grep -q "^请执行“csinit --help”获取更多信息。$"'
check "  nothing on stdout" '[ ! -s "$scratch/.out" ]'
check "  no store created" '[ ! -e store ]'
expect "csinit without --district under $en exits 64" 64 env LC_ALL=$en csinit store
check "  the message is in English" 'err | grep -q "^csinit: --district is required$"'
check "  the hint too" 'err | grep -q "^Try '"'"'csinit --help'"'"' for more information.$"'
check "  with no Chinese in it" '! err | grep -q "必须"'

# A translated message with an argument in it.
expect "csassign with an unknown command under $zh exits 64" 64 env LC_ALL=$zh csassign frobnicate
check "  the argument is inside the translation" 'err | grep -q "^csassign: 未知子命令“frobnicate”（可用："'
expect "csassign with an unknown format under $zh exits 64" 64 \
	env LC_ALL=$zh csassign --format xml office list
check "  the format error is in Chinese" 'err | grep -q "^csassign: --format：“xml”不是可选值 text|yaml|json|csv|md|html 之一；是否要输入“yaml”？$"'

# Table headers are translated, and Chinese text aligns by display width.
expect "csinit a store" 0 csinit s --district 测试区
expect "csassign office add" 0 csassign -C s office add jiedao --name 街道司法所
expect "csassign office add (a wider name)" 0 csassign -C s office add xincun-long --name 新村
expect "csassign office list under $zh" 0 env LC_ALL=$zh csassign -C s office list
check "  the header is in Chinese" 'out | head -1 | grep -q "^编号 *名称"'
# What comes before the name on each line, measured in display columns.
check "  the name column starts at one display column on every line" '
	[ "$(out | sed "s/名称.*//; s/街道司法所.*//; s/新村.*//" |
		while IFS= read -r pre; do printf "%s\n" "$pre" | wc -L; done |
		sort -u | wc -l)" -eq 1 ] && [ "$(out | wc -l)" -eq 3 ]'
expect "csassign office list under $en" 0 env LC_ALL=$en csassign -C s office list
check "  the header is in English" 'out | head -1 | grep -q "^id *name"'
