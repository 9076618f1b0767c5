#!/bin/sh
# With a display (Xvfb here): windowed at the asked size and full screen
# at the display's size, the kiosk flow driven by scripted taps, and
# screenshots read back from the window's own renderer.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! command -v xvfb-run >/dev/null 2>&1; then
	fail "player xvfb" "xvfb-run is missing; run scripts/install-deps"
	exit 0
fi
if ! player_bundles "$TMP"; then
	fail "player xvfb: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# SDL's X11 driver leaves libdbus allocations behind at exit (outside our
# code; SDL 2.26 has no hint to shut dbus down), so a sanitizer build
# checks leaks in the headless tests and not here.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
# 640x360 (unit 3): nb's language button from y 60, 80 high at most.
printf '0.8 screenshot attract\n1.0 tap 320 180\n2.0 tap 320 90\n2.6 screenshot level\n3.0 quit\n' \
	>"$TMP/w.script"
SDL_AUDIODRIVER=dummy xvfb-run -a -n "${VV_XVFB_NUM:-99}" -s "-screen 0 1024x768x24" \
	"$VP" --window 640x360 --script "$TMP/w.script" \
	--screenshot-dir "$TMP/w" --log-json "$TMP/w.json" "$TMP/b" \
	>"$TMP/w.out" 2>&1
rc=$?
size=$(od -An -tu1 -j16 -N8 "$TMP/w/attract.png" 2>/dev/null | tr -s ' ')
if [ "$rc" -eq 0 ] && [ "$size" = " 0 0 2 128 0 0 1 104" ]; then
	pass "player xvfb: windowed 640x360 screenshot"
else
	fail "player xvfb: window" "exit $rc, size bytes '$size'; $(tail -n 2 "$TMP/w.out")"
fi
if grep '"event":"screenshot"' "$TMP/w.json" | grep -q '"screen":"level"'
then
	pass "player xvfb: scripted taps drive the flow in a window"
else
	fail "player xvfb: flow" "$(grep '"event":"screen"' "$TMP/w.json" | tr '\n' ' ')"
fi

printf '1.0 screenshot full\n1.2 quit\n' >"$TMP/f.script"
SDL_AUDIODRIVER=dummy xvfb-run -a -n "${VV_XVFB_NUM:-99}" -s "-screen 0 800x600x24" \
	"$VP" --script "$TMP/f.script" --screenshot-dir "$TMP/f" "$TMP/b" \
	>"$TMP/f.out" 2>&1
size=$(od -An -tu1 -j16 -N8 "$TMP/f/full.png" 2>/dev/null | tr -s ' ')
top=$("$IMGCMP" --pixel "$TMP/f/full.png" 400 2 2>/dev/null)
if [ "$size" = " 0 0 3 32 0 0 2 88" ] && [ "$top" = 10263f ]; then
	pass "player xvfb: full screen fills the 800x600 display"
else
	fail "player xvfb: full screen" "size bytes '$size', top pixel '$top'"
fi

# A film through OpenGL drawn in software (Mesa's llvmpipe under Xvfb, as
# on a kiosk without a GPU driver): the decode thread scales the pictures
# to their box (prescale), as for SDL's software renderer, instead of
# uploading every full-size picture for a shader to scale on the CPU.
. "$TOP/tests/e2e/video_fixture.inc"
mkdir -p "$TMP/v"
if video_pack "$TMP/v"; then
	printf '0.5 key Right\n1.5 quit\n' >"$TMP/v.script"
	SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=opengl xvfb-run -a -n "${VV_XVFB_NUM:-99}" \
		-s "-screen 0 1024x768x24" "$VP" --window 640x360 --lang nb \
		--script "$TMP/v.script" --log-json "$TMP/v.json" "$TMP/v/b" \
		>"$TMP/v.out" 2>&1
	open=$(grep -m 1 '"event":"video_open"' "$TMP/v.json")
	case $open in
	*'"renderer":"opengl"'*'"prescale":1'*)
		pass "player xvfb: software OpenGL gets pictures scaled by the decoder" ;;
	*'"renderer":"opengl"'*)
		fail "player xvfb: software OpenGL prescale" "$open" ;;
	*)
		fail "player xvfb: no OpenGL renderer under Xvfb" "'$open'; $(tail -n 2 "$TMP/v.out")" ;;
	esac
else
	fail "player xvfb: video fixture" "$(tail -n 3 "$TMP/v/build.out")"
fi

# The same film with the renderer left to the player: an X server without
# direct rendering (Xvfb; Xorg on fbdev or vesa) means OpenGL would run
# on the CPU, so the player takes SDL's software renderer on the X
# server's shared memory and never loads Mesa (llvmpipe alone is ~70 MB
# of LLVM); pictures are converted to RGB once by libswscale. The film's
# middle pixel must be testsrc's colours, not black or the background.
if [ -d "$TMP/v/b" ]; then
	printf '0.5 key Right\n1.4 screenshot film\n1.6 quit\n' >"$TMP/s.script"
	SDL_AUDIODRIVER=dummy xvfb-run -a -n "${VV_XVFB_NUM:-99}" -s "-screen 0 1024x768x24" sh -c '
		"$1" --window 640x360 --lang nb --script "$2" \
			--screenshot-dir "$3/s" --log-json "$3/s.json" "$3/v/b" &
		p=$!
		sleep 1.2
		grep -c -E "swrast|libLLVM|libGLX_mesa" /proc/$p/maps >"$3/s.maps"
		wait $p' sh "$VP" "$TMP/s.script" "$TMP" >"$TMP/s.out" 2>&1
	open=$(grep -m 1 '"event":"video_open"' "$TMP/s.json")
	case $open in
	*'"renderer":"software"'*) pass "player xvfb: no direct rendering: SDL's software renderer" ;;
	*) fail "player xvfb: renderer without DRI" "'$open'; $(tail -n 2 "$TMP/s.out")" ;;
	esac
	expect "player xvfb: Mesa's GL never loaded without direct rendering" \
		test "$(cat "$TMP/s.maps" 2>/dev/null)" = 0
	rect=$(grep -m 1 '"event":"video_rect"' "$TMP/s.json")
	x=$(echo "$rect" | jq '.x + (.w / 2 | floor)')
	y=$(echo "$rect" | jq '.y + (.h / 2 | floor)')
	mid=$("$IMGCMP" --pixel "$TMP/s/film.png" "$x" "$y" 2>/dev/null)
	bg=$("$IMGCMP" --pixel "$TMP/s/film.png" 2 2 2>/dev/null)
	case $mid in
	'' | 000000 | "$bg") fail "player xvfb: film shown in the software window" "middle '$mid', background '$bg', rect '$rect'" ;;
	*) pass "player xvfb: film shown in the software window" ;;
	esac
fi
