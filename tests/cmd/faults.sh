#!/bin/sh
# A sample of `make faults` (tests/faults/run.sh): every 25th fault, allocation
# failure and crash point of three write commands, with a working tree and bare.
# Under the AddressSanitizer build the shim leaves the allocator alone (shim-io.so)
# and a leak or a sanitizer report on any run fails the line.
. "$CS_TOP/tests/cmd/lib.sh"
case $CS_BIN in
*/tests/san*) shim=$CS_TOP/tests/faults/shim-io.so modes='fault crash' ;;
*) shim=$CS_TOP/tests/faults/shim.so modes='fault alloc crash' ;;
esac
[ -f "$shim" ] || make -s -C "$CS_TOP" "tests/faults/$(basename "$shim")" > /dev/null 2>&1
if [ ! -f "$shim" ]; then
	echo "ok - fault injection # SKIP the shim $shim cannot be built"
	exit 0
fi
export CS_BIN
FAULT_SHIM=$shim FAULT_STEP=${FAULT_STEP:-25} FAULT_MODES=$modes FAULT_STORES=worktree \
	FAULT_CASES='cslog-add cslog-sign csassign-pair' sh "$CS_TOP/tests/faults/run.sh"
FAULT_SHIM=$shim FAULT_STEP=${FAULT_STEP:-25} FAULT_MODES=$modes FAULT_STORES=bare \
	FAULT_CASES='cslog-amend' sh "$CS_TOP/tests/faults/run.sh"
