#!/bin/sh
# A busy public kiosk, replayed: a seeded random stream of taps (mostly
# where buttons sit, some in bursts of 2-5), keys, staff overlay chords and
# pauses up to 100 s (so the idle question and resets come mid-film,
# mid-narration and on the end screen), for 10 minutes of player time, in
# a landscape and a portrait window; and the same for a group screen
# (digits and Enter, b, w, p, Tab, ?, +, -, Esc then y or n) with the
# console as an overlay and as its own screen. The player must end cleanly
# every time, say nothing on stderr and draw every screenshot with all its
# glyphs. The seeds are fixed: every run plays the same. Under a sanitizer
# build this is also a memory check. (tests/tools/monkey.py does the same
# in a real X window, with resizes and SIGSTOP, for a person to watch.)
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player monkey: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# the pack's one {placeholder}, so that the player has nothing to say
echo 'name = Veiviser' >"$TMP/site.conf"
# gen SEED SECONDS W H MODE: the script on stdout
gen() {
	python3 - "$@" <<'PY'
import random, sys
seed, dur, w, h, mode = (int(sys.argv[1]), float(sys.argv[2]),
                         int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
r = random.Random(seed)
kiosk = ["Right", "Left", "Home", "Escape", "Space", "P", "J", "L", "C",
         "Return", "Up", "Down", "Tab", "End", "R", "Backspace"]
group = ["B", "W", "P", "Tab", "?", "+", "-", "Escape", "Y", "N", "Right",
         "Left", "Space", "PageDown", "PageUp", "Home", "End", "T", "Z",
         "Return", "S", "H"]
keys = group if mode == "group" else kiosk
def spot():
    x = r.random()
    if x < .35:  # the bar of buttons at the bottom
        return r.randint(0, w - 1), int(h * r.uniform(.82, .98))
    if x < .6:  # pickers and the middle
        return int(w * r.uniform(.25, .75)), int(h * r.uniform(.15, .85))
    if x < .7:  # corners: signs over a film
        return (int(w * r.choice([r.uniform(0, .1), r.uniform(.9, 1)])),
                int(h * r.choice([r.uniform(0, .12), r.uniform(.88, 1)])))
    return r.randint(0, w - 1), r.randint(0, h - 1)
t, n = 0.3, 0
while t < dur:
    x = r.random()
    if x < .4:
        print("%.3f tap %d %d" % ((t,) + spot()))
    elif x < .5:
        px, py = spot()
        for i in range(r.randint(2, 5)):
            t += r.uniform(.02, .12)
            print("%.3f tap %d %d" % (t, px, py))
    elif x < .8:
        k = r.choice(keys)
        if mode == "group" and r.random() < .2:
            for d in range(r.randint(1, 2)):
                t += .05
                print("%.3f key %d" % (t, r.randint(0, 9)))
            k = "Return"
        print("%.3f key %s" % (t, k))
    elif x < .86:
        print("%.3f key %s" % (t, r.choice("ABDEFGIKMOQUVXYZ0123456789")))
    elif x < .9:
        print("%.3f key ctrl+alt+o" % t)
    elif x < .93:
        n += 1
        print("%.3f screenshot s%04d" % (t, n))
    t += r.uniform(0, 1.2) if r.random() > .05 else r.uniform(0, 100)
print("%.3f screenshot last" % t)
print("%.3f quit" % (t + 0.5))
PY
}
# run NAME SEED W H MODE [OPTION...]: one monkey, checked
run() {
	mk=$1 mk_w=$3 mk_h=$4
	gen "$2" 600 "$3" "$4" "$5" >"$TMP/$mk.script"
	shift 5
	"$VP" --headless --window "${mk_w}x$mk_h" --idle-timeout 6 \
		--script "$TMP/$mk.script" --screenshot-dir "$TMP/$mk" \
		--session-dir "$TMP/sessions" --site "$TMP/site.conf" --log-json "$TMP/$mk.json" \
		"$@" "$TMP/b" 2>"$TMP/$mk.err"
	rc=$?
	expect "player monkey $mk: ends cleanly" [ "$rc" -eq 0 ]
	# a group writes the path of its session record, nothing else
	expect "player monkey $mk: nothing on stderr" \
		eval "! grep -v '$TMP/sessions/' '$TMP/$mk.err'"
	inputs=$(grep -c '"event":"input"' "$TMP/$mk.json")
	expect "player monkey $mk: was used ($inputs inputs)" \
		[ "$inputs" -ge 50 ]
	# a film's picture keeps to its sound (the staff overlay let the
	# sound run on while the picture stood still)
	off=$(jq -r 'select(.event == "frame" and .av_diff != null and
		(.av_diff | fabs) > 1) | "\(.t) \(.av_diff)"' \
		"$TMP/$mk.json" | head -n 1)
	expect "player monkey $mk: picture in step with sound${off:+ (off at $off)}" \
		[ -z "$off" ]
	bad=$(jq -r 'select(.event == "screenshot" and
		(.ok != 1 or .missing_glyphs != 0)) | .path' "$TMP/$mk.json")
	expect "player monkey $mk: every screen drawn, every glyph found" \
		[ -z "$bad" ]
}
run kiosk-wide 10 1280 720 kiosk
run kiosk-tall 2 1080 1920 kiosk
run group-single 3 1024 600 group --group --console single
run group 4 1920 1080 group --group
