#!/bin/sh
# End-to-end: decks saved by LibreOffice number their slides by position
# (pptx sldId 256, 257, ...; odp pages page1, page2, ...), emulated with
# make-deck.py --positional. After a slide is inserted at the start and
# one bullet of another is edited, import --update matches the slides to
# the pack's items by their text and keeps their ids: after update-po
# only the edited bullet is fuzzy, the inserted slide's texts are new
# (an id no item had) and every other translation in po/uk.po is as it
# was. A slide left out is reported as removed.
. "$TOP/tests/lib.sh"

MD="python3 $TOP/tests/tools/make-deck.py"

fuzzy_ctxts() {
	msgattrib --no-wrap --only-fuzzy "$1" 2>/dev/null |
		sed -n 's/^msgctxt "\(.*\)"$/\1/p' | sort | tr '\n' ' '
}
untranslated_ctxts() {
	msgattrib --no-wrap --untranslated "$1" 2>/dev/null |
		sed -n 's/^msgctxt "\(.*\)"$/\1/p' | sort | tr '\n' ' '
}
# The entries of PO except those whose msgctxt matches one of the
# patterns given, without comments and header, sorted by msgctxt.
entries_but() {
	po=$1
	shift
	args=""
	for pat in "$@"; do args="$args -e $pat"; done
	# shellcheck disable=SC2086
	msggrep --no-wrap -v -J $args "$po" 2>/dev/null |
		msgcat --no-wrap --sort-output - 2>/dev/null | grep -v '^#' |
		sed '1,/^$/d'
}

for fmt in pptx odp; do
	P=$TMP/$fmt
	if [ $fmt = pptx ]; then first=slide-256 new=slide-261
	else first=slide-page1 new=slide-page6; fi
	$MD $fmt "$TMP/nb.$fmt" --positional
	"$VB" import "$TMP/nb.$fmt" -o "$P" >"$TMP/$fmt.import" 2>&1 ||
		fail "$fmt: import" "$(cat "$TMP/$fmt.import")"
	sed -i 's|<languages>nb</languages>|<languages>nb uk</languages>|' "$P/pack.xml"
	translate_as_source "$P" uk
	echo uk >"$P/po/LINGUAS"
	cp "$P/po/uk.po" "$TMP/$fmt.uk.before"
	cp "$P/pack.xml" "$TMP/$fmt.pack.before"
	$MD $fmt "$TMP/nb-edit.$fmt" --positional --insert-first --edit
	"$VB" import --update "$P" "$TMP/nb-edit.$fmt" >"$TMP/$fmt.update" 2>&1
	expect "$fmt: import --update exits 0" [ $? -eq 0 ]
	expect "$fmt: the inserted slide, first, gets $new, an id no item had" \
		sh -c "grep -o '<slide id=\"[^\"]*\"' '$P/pack.xml' | sed -n 1p | grep -q '\"$new\"' &&
		       ! grep -q '\"$new\"' '$TMP/$fmt.pack.before'"
	expect "$fmt: the first slide keeps its id, now second" \
		sh -c "grep -o '<slide id=\"[^\"]*\"' '$P/pack.xml' | sed -n 2p | grep -q '\"$first\"'"
	"$VB" update-po "$P" >"$TMP/$fmt.update-po" 2>&1
	expect "$fmt: update-po exits 0" [ $? -eq 0 ]
	expect "$fmt: only the edited bullet is fuzzy" \
		[ "$(fuzzy_ctxts "$P/po/uk.po")" = "$first/li.2 " ]
	expect "$fmt: the inserted slide's texts are new" \
		[ "$(untranslated_ctxts "$P/po/uk.po")" = "$new/heading $new/li.1 $new/script " ]
	entries_but "$TMP/$fmt.uk.before" "^$first/li.2\$" >"$TMP/$fmt.kept.before"
	entries_but "$P/po/uk.po" "^$first/li.2\$" "^$new/" >"$TMP/$fmt.kept.after"
	expect "$fmt: every other translation is kept unchanged" \
		sh -c "[ -s '$TMP/$fmt.kept.before' ] && cmp -s '$TMP/$fmt.kept.before' '$TMP/$fmt.kept.after'"
	# The last slide left out: reported as removed.
	$MD $fmt "$TMP/nb-drop.$fmt" --positional --insert-first --edit --drop-last
	"$VB" import --update "$P" "$TMP/nb-drop.$fmt" >"$TMP/$fmt.drop" 2>&1
	expect "$fmt: a removed slide is reported" \
		sh -c "[ $? -eq 0 ] && grep -q 'removed: .*(Spørsmål?)' '$TMP/$fmt.drop'"
done
