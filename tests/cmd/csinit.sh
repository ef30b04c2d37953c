#!/bin/sh
# csinit: creating a store (DESIGN 2, 5).
. "$CS_TOP/tests/cmd/lib.sh"

# A store with a working tree.
ok 'csinit creates a store' csinit s --district 测试区
check 'a message on stderr, nothing on stdout' '[ ! -s "$scratch/.out" ] && grep -q "^csinit: " "$scratch/.err"'
check 'cs.yaml exists' '[ -f s/cs.yaml ]'
check 'cs.yaml is a config with the district' \
	'grep -qx "kind: config" s/cs.yaml && grep -qx "district: 测试区" s/cs.yaml'
check 'cs.yaml has the default rules' \
	'grep -qx "  notice_days: 3" s/cs.yaml && grep -qx "  half_day_minutes: 180" s/cs.yaml &&
	 grep -qx "  accept_working_days: 2" s/cs.yaml && grep -qx "  min_feedback: 3" s/cs.yaml'
for y in 2020 2021 2022 2023 2024 2025 2026 2027; do
	check "calendar/$y.yaml in the working tree" "[ -s s/calendar/$y.yaml ]"
	check "calendar/$y.yaml committed" \
		"git -C s cat-file -e HEAD:calendar/$y.yaml"
	check "calendar/$y.yaml committed as written" \
		"[ \"\$(git -C s rev-parse HEAD:calendar/$y.yaml)\" = \"\$(git -C s hash-object calendar/$y.yaml)\" ]"
done
check 'cs.yaml committed as written' \
	'[ "$(git -C s rev-parse HEAD:cs.yaml)" = "$(git -C s hash-object cs.yaml)" ]'
check 'HEAD holds cs.yaml and calendar/ only' \
	'[ "$(git -C s ls-tree --name-only HEAD | tr "\n" " ")" = "calendar cs.yaml " ]'
check 'git status is clean' '[ -z "$(git -C s status --porcelain)" ]'
check 'the index matches HEAD' 'git -C s diff --cached --quiet HEAD'
check 'exactly one commit' '[ "$(git -C s rev-list --count HEAD)" -eq 1 ]'
check 'the commit has a Cs-Command: csinit trailer' \
	'git -C s log -1 --format=%B | grep -qx "Cs-Command: csinit"'
check 'the commit message names no other command' \
	'[ "$(git -C s log -1 --format=%B | grep -c "^Cs-Command:")" -eq 1 ]'
check 'the commit time is $CS_NOW' \
	'[ "$(git -C s log -1 --format=%cd --date=format:%Y-%m-%dT%H:%M:%S)" = 2026-10-12T10:00:00 ]'
check 'the author is $CS_AUTHOR' \
	'[ "$(git -C s log -1 --format="%an <%ae>")" = "Test Clerk <clerk@example.org>" ]'
check 'the branch is checked out (HEAD is symbolic)' 'git -C s symbolic-ref -q HEAD >/dev/null'
check 'git fsck is clean' 'git -C s fsck --strict >/dev/null 2>&1'
check 'pre-commit hook installed' '[ -f s/.git/hooks/pre-commit ]'
check 'pre-commit hook executable' '[ -x s/.git/hooks/pre-commit ]'
check 'pre-commit hook runs cscheck --worktree' 'grep -q "cscheck.*--worktree" s/.git/hooks/pre-commit'
check 'not bare' '[ "$(git -C s rev-parse --is-bare-repository)" = false ]'

# An existing store is refused and left as it was.
before=$(snapshot s)
hook_before=$(sha1sum < s/.git/hooks/pre-commit)
expect 'csinit on an existing store is 73' 73 csinit s --district 别的区
check 'the refusal says why on stderr, prefixed' 'grep -q "^csinit: " "$scratch/.err"'
check 'the existing store is unchanged' '[ "$(snapshot s)" = "$before" ]'
check 'still one commit' '[ "$(git -C s rev-list --count --all)" -eq 1 ]'
check 'cs.yaml still names the first district' 'grep -qx "district: 测试区" s/cs.yaml'
check 'the hook is unchanged' '[ "$(sha1sum < s/.git/hooks/pre-commit)" = "$hook_before" ]'
expect 'csinit --bare on an existing store is 73' 73 csinit s --bare --district 别的区
check 'the existing store is still unchanged' '[ "$(snapshot s)" = "$before" ]'

# A plain git repository is not taken over either.
git init -q plain && echo x > plain/f && git -C plain add f && git -C plain commit -qm x
before=$(snapshot plain)
expect 'csinit on an existing git repository is 73' 73 csinit plain --district 某区
check 'the git repository is unchanged' '[ "$(snapshot plain)" = "$before" ] && [ ! -e plain/cs.yaml ]'

# The current directory by default, and -C.
mkdir here
(cd here && csinit --district 本区 > /dev/null 2>&1)
check 'csinit without DIR uses the current directory' \
	'[ -f here/cs.yaml ] && git -C here cat-file -e HEAD:cs.yaml'
mkdir there
ok 'csinit -C DIR' csinit -C there --district 那区
check '-C DIR creates the store in DIR' 'git -C there cat-file -e HEAD:cs.yaml && [ -z "$(git -C there status --porcelain)" ]'
expect 'csinit -C a missing directory is 66' 66 csinit -C nowhere --district 某区
check 'nothing created for a missing -C directory' '[ ! -e nowhere ]'

# A bare store.
ok 'csinit --bare' csinit b.git --bare --district 中心区
check 'a bare repository' '[ "$(git -C b.git rev-parse --is-bare-repository)" = true ]'
check 'no working tree files in a bare store' '[ ! -e b.git/cs.yaml ] && [ ! -e b.git/calendar ]'
check 'HEAD tree of the bare store has cs.yaml' 'git -C b.git cat-file -e HEAD:cs.yaml'
check 'the bare cs.yaml names the district' \
	'git -C b.git show HEAD:cs.yaml | grep -qx "district: 中心区"'
check 'HEAD tree of the bare store has the calendars' \
	'[ "$(git -C b.git ls-tree --name-only HEAD:calendar | wc -l)" -eq 8 ]'
check 'the bare store has one commit with the trailer' \
	'[ "$(git -C b.git rev-list --count HEAD)" -eq 1 ] &&
	 git -C b.git log -1 --format=%B | grep -qx "Cs-Command: csinit"'
check 'the bare store fscks clean' 'git -C b.git fsck --strict >/dev/null 2>&1'
check 'bare and non-bare stores have the same calendars' \
	'[ "$(git -C b.git rev-parse HEAD:calendar)" = "$(git -C s rev-parse HEAD:calendar)" ]'
check 'a clone of the bare store checks out cleanly' \
	'git clone -q b.git clone 2>/dev/null && [ -f clone/cs.yaml ] && [ -z "$(git -C clone status --porcelain)" ]'
before=$(git -C b.git rev-parse HEAD)
expect 'csinit --bare on an existing bare store is 73' 73 csinit b.git --bare --district 中心区
check 'the bare store is unchanged' '[ "$(git -C b.git rev-parse HEAD)" = "$before" ]'

# Usage.
expect 'missing --district is 64' 64 csinit nod
check 'missing --district creates nothing' '[ ! -e nod ]'
check 'missing --district names the option' 'grep -q -- "--district" "$scratch/.err"'
expect 'empty --district is 64' 64 csinit nod --district ''
check 'empty --district creates nothing' '[ ! -e nod ]'
expect '--district without its argument is 64' 64 csinit nod --district
expect 'unknown option is 64' 64 csinit nod --district 某区 --frobnicate
check 'unknown option creates nothing' '[ ! -e nod ]'
check 'unknown option error is prefixed' 'grep -q "^csinit: " "$scratch/.err"'
expect 'two directories is 64' 64 csinit d1 d2 --district 某区
check 'two directories create nothing' '[ ! -e d1 ] && [ ! -e d2 ]'
ok '--help exits 0' csinit --help
check '--help prints the usage on stdout' 'grep -q "usage: csinit" "$scratch/.out"'
check '--help creates nothing' '[ ! -e .git ] && [ ! -e cs.yaml ]'
ok '-h exits 0' csinit -h
check '-h prints the usage' 'grep -q -- "--district" "$scratch/.out"'
ok '--version exits 0' csinit --version
check '--version names the command' 'grep -q "^csinit " "$scratch/.out"'

# What a killed csinit leaves: its temporary git directory, never a store; the
# next csinit removes it (its command is gone) and makes the store.
mkdir -p left/.csinit-4194305.tmp/objects && : > left/.csinit-4194305.tmp/config.lock
ok 'csinit where a killed csinit left its temporary directory' csinit left --district 某区
check 'the store is made' 'git -C left cat-file -e HEAD:cs.yaml && [ -f left/cs.yaml ]'
check 'the dead csinit'"'"'s directory is gone' '[ ! -e left/.csinit-4194305.tmp ]'
check 'the working tree is clean' '[ -z "$(git -C left status --porcelain)" ]'
mkdir -p .leftb.git.csinit-4194305.tmp/refs
ok 'csinit --bare beside a dead one'"'"'s temporary directory' csinit leftb.git --bare --district 某区
check 'the bare store is made, the dead one'"'"'s directory gone' \
	'git -C leftb.git cat-file -e HEAD:cs.yaml && [ ! -e .leftb.git.csinit-4194305.tmp ]'
check 'no temporary directory of its own is left' '[ -z "$(ls -a left leftb.git . | grep csinit-)" ]'
