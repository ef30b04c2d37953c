#!/bin/sh
# The concurrency soak of make soak (tests/soak/soak.sh) on a reduced sample:
# 80 writes of mixed commands from 8 processes, with a working tree and bare.
: "${CS_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
SOAK_WRITES=80 SOAK_PROCS=8
. "$CS_TOP/tests/soak/soak.sh"
