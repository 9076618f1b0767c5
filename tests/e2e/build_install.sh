# make install PREFIX=... DESTDIR=... puts the programs, the schema and the
# man pages in place, and the installed builder runs.
. "$TOP/tests/lib.sh"

D=$TMP/dest
make -C "$TOP" --no-print-directory BUILD="$BUILD" PREFIX=/opt/vv \
	DESTDIR="$D" install >"$TMP/log" 2>&1
rc=$?
expect "make install exits 0" [ $rc -eq 0 ]
[ $rc -eq 0 ] || tail -n 5 "$TMP/log"
expect "veiviser-build installed, executable" [ -x "$D/opt/vv/bin/veiviser-build" ]
expect "veiviser-sync installed, executable" [ -x "$D/opt/vv/bin/veiviser-sync" ]
if [ -f "$TOP/player/main.c" ]; then
	expect "veiviser-play installed, executable" [ -x "$D/opt/vv/bin/veiviser-play" ]
	expect "the player's media module installed" \
		[ -f "$D/opt/vv/lib/veiviser/veiviser-media.so" ]
fi
for s in "$TOP"/builder/schema/*; do
	[ -e "$s" ] || continue
	expect "schema $(basename "$s") installed" cmp -s "$s" "$D/opt/vv/share/veiviser/$(basename "$s")"
done
for m in veiviser-build.1 veiviser-play.1 veiviser-sync.1; do
	expect "man page $m installed" cmp -s "$TOP/man/$m" "$D/opt/vv/share/man/man1/$m"
	if command -v groff >/dev/null 2>&1; then
		w=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$D/opt/vv/share/man/man1/$m" 2>&1)
		expect "man page $m renders without warnings" [ -z "$w" ]
	fi
done
v=$("$D/opt/vv/bin/veiviser-build" --version 2>&1)
expect "the installed builder runs" [ "${v#veiviser-build }" != "$v" ]
# /etc/veiviser/trusted-keys: the kiosk's trusted signing keys, where
# veiviser-play looks for them; installed empty (origin not checked).
expect "nothing installed outside DESTDIR/PREFIX and DESTDIR/etc" \
	[ "$(ls "$D" | tr '\n' ' ')" = "etc opt " ]
expect "an empty folder of trusted keys under DESTDIR/etc" \
	eval '[ -d "$D/etc/veiviser/trusted-keys" ] &&
	[ -z "$(ls -A "$D/etc/veiviser/trusted-keys")" ] &&
	[ "$(ls -A "$D/etc/veiviser")" = trusted-keys ]'
if [ -f "$TOP/player/main.c" ]; then
	# The installed player finds its media module from where it is (the
	# build's PREFIX may differ): a narration plays, no load error.
	. "$TOP/tests/e2e/player_fixture.inc"
	if player_bundles "$TMP"; then
		printf '0.5 key Right\n2 quit\n' >"$TMP/n.script"
		"$D/opt/vv/bin/veiviser-play" --headless --script "$TMP/n.script" \
			--log-json "$TMP/n.json" \
			"$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb" >"$TMP/n.out" 2>&1
		expect "the installed player loads its media module" \
			grep -q '"event":"narration_end"' "$TMP/n.json"
	else
		fail "installed player: fixture" "$(tail -n 3 "$TMP/build.out")"
	fi
fi
