# veiviser-build's options, read with getopt_long: an unknown option is
# called unknown, a missing value is named, an option is never taken as
# another option's value, --name=value and -jN work, and each usage error
# is one line with exit 2.
. "$TOP/tests/lib.sh"

# usage_error NAME PATTERN ARGS...: exit 2, one line on stderr matching
# PATTERN, nothing on stdout.
usage_error() {
	name=$1 pattern=$2
	shift 2
	"$VB" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	n=$(wc -l <"$TMP/err")
	if [ "$rc" -eq 2 ] && [ "$n" -eq 1 ] && [ ! -s "$TMP/out" ] &&
		grep -q -- "$pattern" "$TMP/err"; then
		pass "$name"
	else
		fail "$name" "exit $rc, $n lines: $(head -n 3 "$TMP/err" | tr '\n' '|')"
	fi
}
# reaches_pack NAME ARGS...: the options were accepted: the error is about
# the missing pack, not about the arguments.
reaches_pack() {
	name=$1
	shift
	"$VB" "$@" >/dev/null 2>"$TMP/err"
	if grep -q "$TMP/none/pack.xml" "$TMP/err"; then
		pass "$name"
	else
		fail "$name" "$(head -n 3 "$TMP/err" | tr '\n' '|')"
	fi
}

usage_error "unknown global option" "unknown option --bogus" --bogus
usage_error "unknown command" "unknown command 'bogus'" bogus
usage_error "build: unknown option" "unknown option --bogus" \
	build "$TMP/none" -o "$TMP/o" --bogus
usage_error "build: unknown short option" "unknown option -x" \
	build "$TMP/none" -x -o "$TMP/o"
usage_error "build: -o at the end needs a value" "-o needs a value" \
	build "$TMP/none" -o
usage_error "build: --lang does not take --strict as its value" \
	"--lang needs a value, not the option --strict" \
	build "$TMP/none" --lang --strict -o "$TMP/o"
usage_error "build: --strict takes no value" "--strict=yes takes no value" \
	build "$TMP/none" --strict=yes -o "$TMP/o"
usage_error "build: -j wants a number" "-j needs a number from 1" \
	build "$TMP/none" -o "$TMP/o" -j 0
usage_error "build: a second PACKDIR is refused" "unexpected argument" \
	build "$TMP/none" "$TMP/other" -o "$TMP/o"
reaches_pack "build: --output=DIR, --lang=L, -j2 accepted" \
	build "$TMP/none" --output="$TMP/o" --lang=nb -j2
reaches_pack "build: options after PACKDIR, --jobs 2 accepted" \
	build --jobs 2 "$TMP/none" -o "$TMP/o" --strict --json "$TMP/j"
usage_error "check: unknown option" "unknown option --bogus" \
	check "$TMP/none" --bogus
reaches_pack "check: --json before PACKDIR accepted" check --json "$TMP/none"
usage_error "verify: unknown option" "unknown option --bogus" \
	verify --bogus x.vvb
usage_error "info: unknown option" "unknown option -q" info -q x.vvb
usage_error "pot: unknown option" "unknown option --bogus" pot --bogus "$TMP/none"
usage_error "update-po: unknown option" "unknown option --bogus" \
	update-po "$TMP/none" --bogus
# A missing argument is one line too, pointing at --help (the full usage
# text is for --help).
usage_error "build: no PACKDIR" "build --help" build -o "$TMP/o"
usage_error "build: no -o" "build --help" build "$TMP/none"
usage_error "build: nothing" "build --help" build
usage_error "check: no PACKDIR" "check --help" check
usage_error "verify: no BUNDLE" "verify --help" verify
usage_error "info: no BUNDLE" "info --help" info
usage_error "info: two BUNDLEs" "info --help" info a.vvb b.vvb
usage_error "new: no PACKDIR" "new --help" new
usage_error "new: two PACKDIRs" "new --help" new "$TMP/a" "$TMP/b"
usage_error "pot: no PACKDIR" "pot --help" pot
usage_error "update-po: two PACKDIRs" "update-po --help" update-po a b
usage_error "check: unexpected argument names the command" \
	"^veiviser-build check: unexpected argument 'b'" check a b
"$VB" build --help >"$TMP/out" 2>&1
expect "build --help exits 0 and shows the usage" \
	grep -q 'usage: veiviser-build build' "$TMP/out"
"$VB" --version >"$TMP/out"
expect "--version" grep -q '^veiviser-build [0-9]' "$TMP/out"
