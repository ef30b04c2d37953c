# A store held by another command: EX_TEMPFAIL (75) after a while, nothing changed.
. "$CS_TOP/tests/cmd/lib.sh"

if ! command -v flock > /dev/null; then
	echo "# skip: flock(1) is not installed"
	check 'the commands exist' 'command -v cslog > /dev/null'
	exit 0
fi
export CS_LOCK_TIMEOUT_MS=300

for kind in tree bare; do
	if [ $kind = bare ]; then
		csinit $kind --district 忙区 --bare 2>/dev/null; gd=$kind
	else
		csinit $kind --district 忙区 2>/dev/null; gd=$kind/.git
	fi
	csassign -C $kind office add o1 --name 甲所 >/dev/null
	# a bare store's state is its branch (a commit object written before
	# the branch could move is unreferenced garbage, not a change)
	state() { if [ $kind = bare ]; then git -C $kind rev-parse HEAD; else snapshot $kind; fi; }
	before=$(state)
	# another command holds the store's lock for two seconds
	flock "$gd/cs.lock" sleep 2 &
	holder=$!
	sleep 0.3
	expect "$kind: a write while the store is held exits 75" 75 csassign -C $kind office add o2 --name 乙所
	check "$kind: the message says the store is busy" 'err | grep -q "busy"'
	check "$kind: nothing changed" '[ "$(state)" = "$before" ]'
	wait $holder
	expect "$kind: once it is free the write goes through" 0 csassign -C $kind office add o2 --name 乙所
done
