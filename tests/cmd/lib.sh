# Shared helpers for command tests: source it, then call ok/expect.
# Each check prints "ok - what" or "not ok - what" (TAP-like).
: "${CS_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${CS_BIN:=$CS_TOP/cmd}"
PATH=$CS_BIN:$PATH
export PATH CS_TOP
export CS_LOCALEDIR="$CS_TOP/po/locale"
export CS_NOW=2026-10-12T10:00:00
export CS_AUTHOR='Test Clerk <clerk@example.org>'
export LC_ALL=C.UTF-8
unset CS_STORE CS_LAWYER NO_COLOR
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cs-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1

ok() { # description, command...: passes when the command exits 0
	d=$1; shift
	if "$@" > "$scratch/.out" 2> "$scratch/.err"; then
		echo "ok - $d"
	else
		echo "not ok - $d (exit $?)"; sed 's/^/#   /' "$scratch/.err" | head -5
	fi
}
expect() { # description, expected status, command...
	d=$1; want=$2; shift 2
	"$@" > "$scratch/.out" 2> "$scratch/.err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		echo "ok - $d"
	else
		echo "not ok - $d (exit $got, wanted $want)"
		sed 's/^/#   /' "$scratch/.err" | head -5
	fi
}
check() { # description, shell condition (evaluated)
	d=$1; shift
	if eval "$*"; then echo "ok - $d"; else echo "not ok - $d"; fi
}
# Last command's output and error output.
out() { cat "$scratch/.out"; }
err() { cat "$scratch/.err"; }
# Snapshot of a store's HEAD, index and working tree, for "changes nothing".
snapshot() {
	git -C "$1" rev-parse HEAD 2>/dev/null
	git -C "$1" ls-files -s 2>/dev/null | sha1sum
	(cd "$1" && find . -path ./.git -prune -o -type f -print | sort | xargs -r sha1sum) 2>/dev/null | sha1sum
}
