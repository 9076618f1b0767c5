#!/bin/sh
# veiviser-build and veiviser-sync speak Norwegian Bokmål to nb staff:
# --help and a refusal come out in nb, also where the nb_NO locale is not
# generated (LANG alone names the language), and every message of the
# catalogue has an nb translation (the developers write nb themselves).
. "$TOP/tests/lib.sh"

VS="$TOP/$BUILD/veiviser-sync"
case "$BUILD" in /*) VS="$BUILD/veiviser-sync" ;; esac
# The build tree's catalogues, found beside the programs: not an
# installed or a caller's folder.
unset VV_LOCALEDIR LC_ALL LC_MESSAGES LANGUAGE

# in_nb OUT CMD...: runs CMD under LANGUAGE=nb LANG=nb_NO.UTF-8, stdout and
# stderr to OUT; returns CMD's status.
in_nb() {
	out=$1
	shift
	LANGUAGE=nb LANG=nb_NO.UTF-8 "$@" >"$out" 2>&1
}

# has FILE LINE: FILE holds LINE (a whole line, fixed string).
has() {
	if grep -qxF -- "$2" "$1"; then
		return 0
	fi
	echo "    wanted: $2" >&2
	head -n 3 "$1" | sed 's/^/    got: /' >&2
	return 1
}

build_help_nb() {
	in_nb "$TMP/help" "$VB" --help &&
	has "$TMP/help" "bruk: veiviser-build KOMMANDO [ARGUMENTER]" &&
	has "$TMP/help" "kommandoer:" &&
	has "$TMP/help" "  pot PAKKEMAPPE              skriv PAKKEMAPPE/po/pack.pot"
}
expect "locale nb: veiviser-build --help in nb" build_help_nb

# LANG alone, with nb_NO not among the system's locales (locale -a): the
# language comes from LANG all the same.
build_help_lang_only() {
	LANG=nb_NO.UTF-8 "$VB" --help >"$TMP/help2" 2>&1 &&
	has "$TMP/help2" "bruk: veiviser-build KOMMANDO [ARGUMENTER]"
}
expect "locale nb: LANG=nb_NO.UTF-8 alone gives nb" build_help_lang_only

# A refusal: one line in nb, naming the file, exit 2.
build_error_nb() {
	in_nb "$TMP/err" "$VB" check "$TMP/nopack"
	rc=$?
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
	grep -q "^$TMP/nopack/pack.xml: kan ikke lese kildepakken: .*; oppgi mappen som inneholder pack.xml\$" \
		"$TMP/err"
}
expect "locale nb: veiviser-build check of a missing pack refuses in nb" \
	build_error_nb

# The same in English, so that the nb lines above are translations of
# what the programs print and not of something else.
build_error_en() {
	LANGUAGE= LANG=C "$VB" check "$TMP/nopack" >"$TMP/err-en" 2>&1
	grep -q "cannot read the pack: .*; give the directory that holds pack.xml\$" \
		"$TMP/err-en"
}
expect "locale nb: the same refusal in English under LANG=C" build_error_en

sync_help_nb() {
	in_nb "$TMP/shelp" "$VS" --help &&
	grep -q '^bruk: veiviser-sync URL MAPPE ' "$TMP/shelp" &&
	has "$TMP/shelp" "  --trust MAPPE     offentlige nøkler som godtas (standard /etc/veiviser/trusted-keys)"
}
expect "locale nb: veiviser-sync --help in nb, with the default trust folder" \
	sync_help_nb

sync_error_nb() {
	in_nb "$TMP/serr" "$VS" --interval often
	rc=$?
	[ "$rc" -eq 2 ] &&
	has "$TMP/serr" "veiviser: --interval vil ha et positivt tall, ikke «often»"
}
expect "locale nb: veiviser-sync refuses a bad --interval in nb" sync_error_nb

# Every message of the current sources (the pot as update-locales makes
# it) has an nb translation: a string added without one is found here.
untranslated_nb() {
	msgmerge --quiet --no-fuzzy-matching -o "$TMP/nb.po" \
		"$TOP/locales/nb.po" "$TOP/locales/veiviser.pot" || return 1
	msgattrib --untranslated --no-wrap --no-obsolete "$TMP/nb.po" |
		grep '^msgid ' | grep -vx 'msgid ""'
	msgattrib --only-fuzzy --no-wrap --no-obsolete "$TMP/nb.po" |
		grep '^msgid ' | grep -vx 'msgid ""'
}
missing=$(untranslated_nb)
if [ -z "$missing" ]; then
	pass "locale nb: every message of the catalogue is translated into nb"
else
	fail "locale nb: untranslated or fuzzy in nb.po" \
		"$(printf '%s\n' "$missing" | head -n 3 | tr '\n' ' ')"
fi
