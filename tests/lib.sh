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
# translate_as_source PACKDIR LANG...: writes PACKDIR/po/LANG.po with each
# text "translated" as its source text, for tests about other things than
# translation: a language at 0 % gets no bundle.
translate_as_source() {
	tas_pack=$1
	shift
	"$VB" pot "$tas_pack" >/dev/null || return 1
	for tas_lang in "$@"; do
		msgen "$tas_pack/po/pack.pot" |
			sed -e "s|^\"Language: .*\"\$|\"Language: $tas_lang\\\\n\"|" \
			    -e 's|charset=CHARSET|charset=UTF-8|' \
			>"$tas_pack/po/$tas_lang.po" || return 1
	done
}
