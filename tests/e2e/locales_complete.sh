#!/bin/sh
# The player's interface catalogues: every language of common/lang.c has a
# locales/<lang>.po that msgfmt accepts (placeholders kept), with no fuzzy
# entry, a header naming the language and a draft mark unless reviewed,
# and every screen string (a message the pot places in player/ui/)
# translated, also against the current pot. The checks are run once more
# on broken copies, which they must refuse.
. "$TOP/tests/lib.sh"

POT="$TOP/locales/veiviser.pot"
# Written by the developers in their own language (nb) or the msgid
# language (en); every other catalogue says whether it was reviewed.
UNMARKED_OK="nb en"

codes=$(sed -n '/langs\[\] = {/,/^};/s/^[[:space:]]*{ "\([a-z]*\)", .*/\1/p' \
	"$TOP/common/lang.c")
n=$(printf "%s\n" "$codes" | grep -c .)
# The table has 17 languages; fewer means the pattern above went stale.
if [ "$n" -lt 17 ]; then
	fail "locales: the language table" "read only $n codes from common/lang.c"
fi

# Prints the screen strings of catalogue $1 with an empty msgstr (one
# msgid a line, from the catalogue merged with the current pot).
untranslated_screen() {
	msgmerge --quiet --no-fuzzy-matching -o "$TMP/merged.po" "$1" "$POT" &&
	msggrep --no-wrap -N 'player/ui/*' -o "$TMP/screen.po" \
		"$TMP/merged.po" &&
	awk '
		/^msgid / { id = $0; next }
		/^msgstr(\[[0-9]+\])? ""$/ { pend = 1; next }
		pend && /^"/ { pend = 0; next }
		pend { if (id != "msgid \"\"") print id; pend = 0 }
		END { if (pend && id != "msgid \"\"") print id }
	' "$TMP/screen.po" | sort -u
}

# check_po FILE CODE: prints what is wrong with the catalogue; silent and
# status 0 when it is fine.
check_po() {
	po=$1
	code=$2
	if [ ! -f "$po" ]; then
		echo "missing; copy locales/veiviser.pot to it and translate"
		return 1
	fi
	bad=0
	if ! err=$(msgfmt --check --check-format -o "$TMP/out.mo" "$po" 2>&1)
	then
		echo "msgfmt --check: $(printf '%s' "$err" | head -n 2)"
		bad=1
	fi
	# With --no-wrap only the header has an empty msgid.
	fuzzy=$(msgattrib --only-fuzzy --no-wrap "$po" 2>/dev/null |
		grep '^msgid ' | grep -vcx 'msgid ""')
	if [ "$fuzzy" -ne 0 ]; then
		echo "$fuzzy fuzzy entries; translate them, then drop the mark"
		bad=1
	fi
	if sed -n '1,/^msgid ""$/p' "$po" | grep -q '^#,.*fuzzy'; then
		echo "the header is fuzzy, so msgfmt ignores it; fill it in"
		bad=1
	fi
	if ! grep -qx "\"Language: $code\\\\n\"" "$po"; then
		echo "header lacks \"Language: $code\""
		bad=1
	fi
	if ! grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"' "$po"
	then
		echo "header lacks charset=UTF-8"
		bad=1
	fi
	if ! grep -q '^"Plural-Forms: nplurals=[1-6]; plural=' "$po"; then
		echo "header lacks Plural-Forms"
		bad=1
	fi
	case " $UNMARKED_OK " in
	*" $code "*) ;;
	*)
		if ! grep -q '^"X-Translation-Status: \(draft\|reviewed\)' \
		     "$po"; then
			echo "header lacks X-Translation-Status (draft or reviewed)"
			bad=1
		fi ;;
	esac
	missing=$(untranslated_screen "$po")
	if [ -n "$missing" ]; then
		echo "untranslated screen strings: $(printf '%s' "$missing" |
			head -n 3 | tr '\n' ' ')"
		bad=1
	fi
	return $bad
}

nscreen=$(msggrep --no-wrap -N 'player/ui/*' "$POT" | grep -c '^msgid ')
if [ "$nscreen" -ge 20 ]; then
	pass "locales: the pot has $nscreen screen strings"
else
	fail "locales: screen strings" "only $nscreen found in $POT"
fi

for code in $codes; do
	if why=$(check_po "$TOP/locales/$code.po" "$code"); then
		pass "locales: $code.po complete and well-formed"
	else
		fail "locales: $code.po" "$(printf '%s' "$why" | tr '\n' ';')"
	fi
done

# The compiled catalogues in the build are what the player reads: each
# language's invitation comes out translated (not the English msgid).
msgid="Touch the screen to start"
bad=""
for code in $codes; do
	[ "$code" = en ] && continue
	mo="$TOP/$BUILD/locale/$code/LC_MESSAGES/veiviser.mo"
	case "$BUILD" in /*) mo="$BUILD/locale/$code/LC_MESSAGES/veiviser.mo" ;;
	esac
	got=$(LC_ALL=C.UTF-8 LANGUAGE=$code \
	      TEXTDOMAINDIR="${mo%/"$code"/LC_MESSAGES/veiviser.mo}" \
	      gettext -d veiviser "$msgid")
	if [ ! -f "$mo" ] || [ "$got" = "$msgid" ]; then
		bad="$bad $code"
	fi
done
if [ -z "$bad" ]; then
	pass "locales: every compiled catalogue translates the invitation"
else
	fail "locales: compiled catalogues" "untranslated or not built:$bad"
fi

# The checks themselves: broken copies of a catalogue must be refused.
msgcat --no-wrap -o "$TMP/good.po" "$TOP/locales/uk.po"
good="$TMP/good.po"
refuses() {
	name=$1
	if why=$(check_po "$TMP/broken.po" uk); then
		fail "locales: refuses $name" "check_po accepted it"
	else
		pass "locales: refuses $name ($(printf '%s' "$why" | head -n 1))"
	fi
}
# A lost placeholder in a format string.
awk 'prev ~ /^msgid "No usable bundle was found in: %s"$/ { sub(/%s/, "") }
     { print; prev = $0 }' "$good" >"$TMP/broken.po"
refuses "a lost placeholder"
# A fuzzy screen string.
sed '0,/^#: player\/ui\//s//#, fuzzy\n&/' "$good" >"$TMP/broken.po"
refuses "a fuzzy entry"
# An untranslated screen string.
awk 'prev ~ /^msgid "Touch the screen to start"$/ { $0 = "msgstr \"\"" }
     { print; prev = $0 }' "$good" >"$TMP/broken.po"
refuses "an untranslated screen string"
# A screen string new in the pot and not yet in the catalogue.
msggrep --no-wrap -v -K -e '^Choose your schooling$' "$good" \
	>"$TMP/broken.po"
refuses "a screen string missing from it"
# A fuzzy header (msgfmt would drop it, and the plural forms with it).
sed '0,/^msgid ""$/s//#, fuzzy\n&/' "$good" >"$TMP/broken.po"
refuses "a fuzzy header"
# No draft mark.
grep -v '^"X-Translation-Status:' "$good" >"$TMP/broken.po"
refuses "a catalogue without the draft mark"
