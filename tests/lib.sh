# Shared helpers for end-to-end tests; source it, do not run it.
# pass NAME / fail NAME WHY print lines that tests/run counts.
BUILD=${BUILD:-build}
TOP=${TOP:-$(pwd)}
VB="$TOP/$BUILD/veiviser-build"
VP="$TOP/$BUILD/veiviser-play"
case "$BUILD" in /*) VB="$BUILD/veiviser-build"; VP="$BUILD/veiviser-play" ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The player's state (records of verified bundles, sessions) stays in the
# test's own folder.
XDG_STATE_HOME="$TMP/state"
export XDG_STATE_HOME
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# expect NAME COND...: runs COND, passes when it succeeds.
expect() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "command failed: $*"; fi
}
