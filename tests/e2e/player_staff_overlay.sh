#!/bin/sh
# The staff overlay (Ctrl+Alt+O) speaks the staff's language (nb by
# default) all through: the lines on skipped bundles too, which were
# written at scan time in the process's language (English here). And it
# says when the state folder cannot be written, which otherwise shows on
# stderr only while the kiosk hashes every bundle again at each start.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "staff overlay: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# A library with one good bundle, a damaged copy (cut short) and a second
# bundle for the same language and level.
mkdir -p "$TMP/lib"
good=$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb
cp "$good" "$TMP/lib/a.vvb"
cp "$good" "$TMP/lib/b-again.vvb"
head -c 3000 "$good" >"$TMP/lib/c-cut.vvb"
printf '1.5 key ctrl+alt+o\n2.0 screenshot op\n2.2 key ctrl+alt+o\n2.5 screenshot attract\n3.0 quit\n' \
	>"$TMP/s.script"
# run TAG [OPTION...]: the overlay's text boxes (the log keeps each one's
# first 48 bytes), one a line, in TAG.txt; the attract screen's after it
# in TAG-attract.txt. The library is named "lib", from $TMP.
run() {
	tag=$1
	shift
	(cd "$TMP" && LANGUAGE= LANG=C.UTF-8 "$VP" --headless \
		--window 1024x600 --script s.script --log-json "$tag.json" \
		"$@" lib 2>"$tag.err")
	awk '/"event":"screenshot"/ { n++; next }
	     n == 1 && /"event":"box","kind":"text"/' "$TMP/$tag.json" |
		jq -r .text >"$TMP/$tag.txt"
	awk '/"event":"screenshot"/ { n++; next }
	     n == 2 && /"event":"box","kind":"text"/' "$TMP/$tag.json" |
		jq -r .text >"$TMP/$tag-attract.txt"
}
run nb
# starts TAG TEXT: a box of the overlay starts with TEXT (a path in it is
# isolated, FSI..PDI, for right-to-left staff)
fsi=$(printf '\342\201\250')
pdi=$(printf '\342\201\251')
starts() { awk -v p="$2" 'index($0, p) == 1 { f = 1 } END { exit !f }' \
	"$TMP/$1.txt"; }
expect "staff overlay: stderr stays in the process's language (English)" \
	grep -q "already provides language nb" "$TMP/nb.err"
expect "staff overlay: the duplicate's line is in nb" \
	starts nb "${fsi}lib/b-again.vvb${pdi}: hoppet over"
expect "staff overlay: the damaged bundle's line is in nb" \
	starts nb "${fsi}lib/c-cut.vvb${pdi}: skadet"
expect "staff overlay: no English is left in the skipped lines" \
	eval '! grep -q -e "skipped" -e "damaged" -e "already provides" "$TMP/nb.txt"'
expect "staff overlay: the attract screen's hint for the staff is in nb too" \
	starts nb-attract "2 pakker hoppet over"

# An unwritable state folder (sysfs refuses mkdir, even for root): the
# overlay names it and what it costs, after the background check that
# wanted to record the bundle.
XDG_STATE_HOME=/sys run state
expect "staff overlay: stderr names the state folder" \
	grep -q "/sys/veiviser: cannot write" "$TMP/state.err"
expect "staff overlay: the overlay says the state folder cannot be written" \
	starts state "Kan ikke skrive i tilstandsmappen ${fsi}/sys/"
expect "staff overlay: and what it costs" \
	starts state "Uten den kontrollerer kiosken hver pakke helt"
expect "staff overlay: the attract screen's hint mentions it" \
	starts state-attract "tilstandsmappen kan ikke skrives"
expect "staff overlay: the log names the folder with the overlay" \
	eval '[ "$(jq -r "select(.event == \"operator\") | .state_unwritable" \
		"$TMP/state.json" | head -n 1)" = /sys/veiviser ]'
# A state folder on a full disk, or on a read-only one: the overlay says
# so, where it said "make the folder writable" and staff checked
# permissions that were right.
for disk in full ro; do
	mkdir -p "$TMP/$disk"
	opt=size=16k
	[ "$disk" = ro ] && opt=ro,size=16k
	if [ "$(id -u)" -eq 0 ] &&
	   mount -t tmpfs -o "$opt" tmpfs "$TMP/$disk" 2>/dev/null; then
		trap 'umount "$TMP/full" "$TMP/ro" 2>/dev/null; rm -rf "$TMP"' EXIT
		if [ "$disk" = full ]; then
			mkdir "$TMP/full/veiviser"
			dd if=/dev/zero of="$TMP/full/fill" bs=1k count=64 \
				2>/dev/null
		fi
		XDG_STATE_HOME=$TMP/$disk run "$disk"
		umount "$TMP/$disk"
	else
		echo "# skipped the $disk state folder: cannot mount a tmpfs here"
		disk=""
	fi
	case "$disk" in
	full)
		expect "staff overlay: stderr says the state folder's disk is full" \
			grep -q "full/veiviser/verified: cannot write: No space left" \
			"$TMP/full.err"
		expect "staff overlay: a full disk is said so, not permissions" \
			starts full "Disken er full."
		;;
	ro)
		expect "staff overlay: a read-only disk is said so" \
			starts ro "Disken er skrivebeskyttet."
		;;
	esac
done
expect "staff overlay: a writable state folder is not mentioned" \
	eval '! grep -q "tilstandsmappen" "$TMP/nb.txt"'

# --console-lang ar: the same lines in Arabic's interface (or English
# where it is not translated), never the nb ones.
run ar --console-lang ar
expect "staff overlay: --console-lang ar does not show the nb lines" \
	eval '! grep -q "gir allerede" "$TMP/ar.txt"'
# In a right-to-left line a path keeps its order only when isolated
# ("/tmp/lib" showed as "tmp/lib/"), and the layout is mirrored: the
# icon at the right, where the title starts.
expect "staff overlay: ar: the library's folder is isolated" \
	grep -q -F "${fsi}lib${pdi}" "$TMP/ar.txt"
# side TAG: "right" when the overlay's first icon is right of its title
side() {
	awk '/"event":"screenshot"/ { n++; next } n == 1' "$TMP/$1.json" |
		jq -s -r '[.[] | select(.event == "box")] as $b |
			($b | map(select(.kind == "icon")) | first) as $i |
			($b | map(select(.kind == "text")) | first) as $t |
			if $i.x > $t.x then "right" else "left" end'
}
expect "staff overlay: nb: the icon is left of the title" \
	[ "$(side nb)" = left ]
expect "staff overlay: ar: the icon is right of the title" \
	[ "$(side ar)" = right ]
