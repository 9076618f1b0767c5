#!/bin/sh
# A group session ends cleanly however it is stopped: SIGTERM (systemd,
# shutdown), SIGINT (Ctrl+C in the terminal), SIGHUP (the terminal
# closed) and the window's close button each end the session, write its
# record and exit 0. A session folder that cannot be written is found at
# start: stderr and the log say so at once, and the console warns the
# facilitator, rather than losing the record at the end.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"
. "$TOP/tests/e2e/player_fixture.inc"

if ! make_group_bundles "$TMP"; then
	fail "group end: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi

# records DIR: how many session records DIR holds.
records() {
	find "$1" -name '*.json' 2>/dev/null | wc -l
}

for sig in TERM INT HUP; do
	d=$TMP/sessions-$sig
	"$VP" --headless --group --lang nb --level lower-secondary \
		--participants 7 --session-dir "$d" --log-json "$TMP/$sig.json" \
		"$TMP/bundles" >"$TMP/$sig.out" 2>&1 &
	pid=$!
	# wait for the first slide, then go to the second
	i=0
	while [ $i -lt 100 ] && ! grep -q '"event":"frame"' "$TMP/$sig.json" \
		2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -$sig $pid
	# a player that does not end within 10 s is killed: a failure
	i=0
	while [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL $pid 2>/dev/null && echo "still running" >>"$TMP/$sig.out"
	wait $pid
	rc=$?
	n=$(records "$d")
	if [ "$rc" -eq 0 ] && [ "$n" -eq 1 ] &&
	   grep -q '"participants": *7' "$d"/*.json; then
		pass "group end: SIG$sig writes the session record and exits 0"
	else
		fail "group end: SIG$sig" "exit $rc, $n records; $(tail -n 2 "$TMP/$sig.out")"
	fi
done

# The close button of the full-screen window (a group session is not a
# kiosk: staff may close it), in a real window under Xvfb.
cat >"$TMP/drive.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
"$VP" --group --console single --lang nb \
	--level lower-secondary --participants 4 --session-dir "$TMP/sx" \
	--exit-after 90 --log-json "$TMP/x.json" "$TMP/bundles" \
	>"$TMP/x.out" 2>&1 &
pid=$!
w=$(xwin)
sleep 1
xkey "$w" Next
sleep 0.5
xclose "$w"
wait $pid
DRIVE
xdrive "$TMP/drive.sh"
rc=$?
t=$(jfield "$(grep '"event":"exit"' "$TMP/x.json")" t)
if [ "$rc" -eq 0 ] && [ "$(records "$TMP/sx")" -eq 1 ] &&
   grep -q '"event":"close_request","honoured":1' "$TMP/x.json"; then
	pass "group end: the window's close button writes the record (at $t s)"
else
	fail "group end: close button" "exit $rc at '$t', $(records "$TMP/sx") records; $(tail -n 2 "$TMP/x.out")"
fi

# With a console window there are two windows, and SDL reports no quit
# while one is still open: the close button of either one must end the
# session too (it did nothing). The room's window is the 640-wide one.
for which in room console; do
	op='='
	[ $which = console ] && op='!='
	cat >"$TMP/drive2.sh" <<DRIVE
. "\$TOP/tests/e2e/xdrive.inc"
"\$VP" --group --console window --window 640x360 --lang nb \\
	--level lower-secondary --participants 5 \\
	--session-dir "\$TMP/sw-$which" --exit-after 20 \\
	--log-json "\$TMP/w-$which.json" "\$TMP/bundles" \\
	>"\$TMP/w-$which.out" 2>&1 &
pid=\$!
xwin >/dev/null
sleep 1
for w in \$(xdotool search --onlyvisible --classname '^veiviser-play\$'); do
	width=\$(xdotool getwindowgeometry "\$w" 2>/dev/null |
		sed -n 's/.*Geometry: \\([0-9]*\\)x.*/\\1/p')
	if [ "\$width" $op 640 ]; then
		xclose "\$w"
		break
	fi
done
wait \$pid
DRIVE
	xdrive "$TMP/drive2.sh"
	rc=$?
	t=$(jfield "$(grep '"event":"exit"' "$TMP/w-$which.json")" t)
	if [ "$rc" -eq 0 ] && [ "$(records "$TMP/sw-$which")" -eq 1 ] &&
	   grep -q '"event":"close_request","honoured":1' "$TMP/w-$which.json"
	then
		pass "group end: the $which window's close button (console window) writes the record (at $t s)"
	else
		fail "group end: close the $which window" "exit $rc at '$t', $(records "$TMP/sw-$which") records; $(tail -n 2 "$TMP/w-$which.out")"
	fi
done

# unwritable NAME DIR END: a session with its records going to DIR, which
# cannot be written: the message comes at start (t 0), the console says
# so, and the exit status says the record was lost. Both stderr lines, at
# start and at the end (whose nb text starts with END), are in the
# staff's language (nb, the default --console-lang), whatever language
# the player was started in: the one at start came out in English.
unwritable() {
	printf '0.2 key Right\n1.0 screenshot s\n2.0 quit\n' >"$TMP/u.script"
	LANGUAGE=en "$VP" --headless --group --lang nb --level lower-secondary \
		--participants 3 --session-dir "$2" --script "$TMP/u.script" \
		--screenshot-dir "$TMP/u-$1" --log-json "$TMP/u-$1.json" \
		"$TMP/bundles" >"$TMP/u-$1.out" 2>&1
	rc=$?
	first=$(grep -m1 '"event":"error"' "$TMP/u-$1.json")
	shot=$(grep '"event":"console_screenshot"' "$TMP/u-$1.json")
	if [ "$rc" -ne 0 ] && [ "$(jfield "$first" t)" = 0 ] &&
	   grep -q "^$2" "$TMP/u-$1.out" &&
	   [ "$(jfield "$shot" record_ok)" = 0 ]; then
		pass "group end: $1 session folder: warned at start, exit $rc"
	else
		fail "group end: $1 session folder" "exit $rc; first error: $first; console: $(jfield "$shot" record_ok); $(head -c 300 "$TMP/u-$1.out")"
	fi
	if sed -n 1p "$TMP/u-$1.out" |
	   grep -q "^$2: øktrapporter kan ikke skrives her: " &&
	   sed -n 2p "$TMP/u-$1.out" | grep -q "^$2[^:]*: $3"; then
		pass "group end: $1 session folder: both messages in nb"
	else
		fail "group end: $1 session folder: both messages in nb" \
			"$(head -c 400 "$TMP/u-$1.out")"
	fi
}
echo "not a folder" >"$TMP/afile"
unwritable "file-in-path" "$TMP/afile/sessions" \
	"kan ikke opprette mappen for øktrapporter: "
mkdir -p "$TMP/ro"
if mount -t tmpfs -o ro,size=64k tmpfs "$TMP/ro" 2>/dev/null; then
	unwritable read-only "$TMP/ro" "kan ikke skrive: "
	umount "$TMP/ro"
fi
# A full disk: a file can still be made there (the check made and
# removed an empty one), but the record's bytes do not fit.
mkdir -p "$TMP/full"
if mount -t tmpfs -o size=16k tmpfs "$TMP/full" 2>/dev/null; then
	dd if=/dev/zero of="$TMP/full/fill" bs=1k count=16 2>/dev/null
	unwritable full "$TMP/full" "kan ikke skrive: "
	umount "$TMP/full"
fi

# The console's status line holds a lot at once: the lost record, what
# the room sees, pause, captions, and a slide number being typed. On a
# 1024x600 console it was cut at "Tekst på andre språk nb: på", so the
# typed number ("Gå til lysbilde: 4_") was not seen. It comes first now,
# and the line shrinks before anything is cut.
printf '%s\n' '0.2 key p' '0.3 key 4' '0.5 screenshot s' '0.6 quit' \
	>"$TMP/st.script"
"$VP" --headless --group --window 1024x600 --lang ti --captions nb \
	--level lower-secondary --participants 3 --script "$TMP/st.script" \
	--session-dir "$TMP/afile/sessions" --screenshot-dir "$TMP/st" \
	--log-json "$TMP/st.json" "$TMP/bundles" >"$TMP/st.out" 2>&1
status_whole() {
	jq -s -e 'map(select(.event == "console_box" and .kind == "text"))
		as $b | ($b | map(select(.cut == 1)) | length == 0) and
		($b | map(select(.text | startswith("Gå til lysbilde: 4_"))) |
		 length == 1)' "$TMP/st.json" >/dev/null
}
expect "group end: the console's status at 1024x600: the typed number first, nothing cut" \
	status_whole
