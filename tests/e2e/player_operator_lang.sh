#!/bin/sh
# The staff's overlay (Ctrl+Alt+O) is in the staff's language (nb, or
# --console-lang), not in the participant's: staff opening it on an
# Arabic visit read Arabic.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "operator language: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# 960x540: ar is the second language button (y 190-270).
printf '0.5 tap 480 270\n1.0 tap 480 230\n1.5 key ctrl+alt+o\n2.0 screenshot op\n2.5 quit\n' \
	>"$TMP/s.script"
run() {
	tag=$1
	shift
	"$VP" --headless --window 960x540 --script "$TMP/s.script" \
		--screenshot-dir "$TMP/shots-$tag" --log-json "$TMP/$tag.json" \
		"$@" "$TMP/b" 2>/dev/null
}
# title TAG: the first text box after the screenshot
title() {
	awk '/"event":"screenshot"/ { on = 1; next }
	     on && /"event":"box","kind":"text"/ { print; exit }' "$TMP/$1.json" |
		sed -n 's/.*"text":"\([^"]*\)".*/\1/p'
}
run nb
t=$(title nb)
if [ "$t" = Bibliotek ]; then
	pass "operator language: over an Arabic visit, the overlay is in nb"
else
	fail "operator language: nb" "title '$t'"
fi
run en --console-lang en
t=$(title en)
if [ "$t" = Library ]; then
	pass "operator language: --console-lang en gives English"
else
	fail "operator language: --console-lang" "title '$t'"
fi
# --help says what --console-lang does: the staff's language, for the
# group console and for this overlay, not only the console's script.
help_console_lang() {
	LANGUAGE=en "$VP" --help |
		awk '/--console-lang/ { on = 1 } on && /^  --/ && !/--console-lang/ { exit }
		     on { print }' >"$TMP/help.txt" &&
	grep -q "staff's language" "$TMP/help.txt" &&
	grep -q "ctrl+alt+o" "$TMP/help.txt"
}
expect "operator language: --help describes --console-lang as the staff's language" \
	help_console_lang
