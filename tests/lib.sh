# tests/lib.sh - tiny shell test helpers shared by tests/cli and tests/golden.
# Each script ends by printing "NAME: N passed, N failed[, N skipped]".
T_PASS=0; T_FAIL=0; T_SKIP=0
T_NAME=${T_NAME:-$(basename "$0")}
RASD=${RASD:-build/rasd}
SHARED=${SHARED:-../shared}
T_TMP=$(mktemp -d); trap 'rm -rf "$T_TMP"' EXIT

pass() { T_PASS=$((T_PASS + 1)); }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL: $*"; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "SKIP: $*"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() { d=$1; shift; if "$@"; then pass; else fail "$d"; fi; }
finish() { echo "$T_NAME: $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"; [ "$T_FAIL" -eq 0 ]; }
