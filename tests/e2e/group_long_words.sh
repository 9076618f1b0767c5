#!/bin/sh
# A Norwegian compound wider than its box is not broken while the text
# can shrink to hold it whole (down to the legible floor): on a portrait
# room screen "karriereveiledning" was broken "karriereveiled" / "ning",
# with no mark, which a reader with little schooling cannot join again.
# Only a word too wide even at the floor is broken, and then with a
# hyphen (tests/unit/test_text.c checks the hyphen). The group screen's
# body, its captions and the kiosk's slide, at 1080x1920 and 1024x600;
# read from the text boxes logged with each screenshot ("broken": words
# broken inside, "size": the size laid out at).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP" words; then
	fail "long words: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi

# run NAME SIZE OPTIONS...: slide six, a screenshot: End on the group
# screen; on the kiosk (which starts at the attract screen) Right six
# times.
run() {
	name=$1
	size=$2
	shift 2
	case " $* " in
	*" --group "*) printf '0.1 key End\n0.3 screenshot s\n' ;;
	*) for t in 1 2 3 4 5 6; do echo "$t.0 key Right"; done
	   echo "6.5 screenshot s" ;;
	esac >"$TMP/$name.script"
	echo "7 quit" >>"$TMP/$name.script"
	"$VP" --headless --window "$size" --lang "$LANG_" \
		--level lower-secondary --script "$TMP/$name.script" \
		--screenshot-dir "$TMP/$name" --log-json "$TMP/$name.log" \
		--session-dir "$TMP/sess" --exit-after 10 "$@" \
		"$TMP/bundles" >"$TMP/$name.out" 2>&1
}

# box NAME TEXT: "broken size" of the first text box logged after the
# screenshot whose text starts with TEXT ("none" when there is none).
box() {
	awk '/"event":"screenshot"/ { on = 1; next }
		/"event":"box"/ && on { print; next } { on = 0 }' \
		"$TMP/$1.log" |
		jq -r --arg t "$2" 'select(.kind == "text" and
			(.text | startswith($t))) |
			"\(.broken // "absent") \(.size)"' | head -n 1 | grep . ||
		echo none
}

# whole NAME TEXT: the box holds its words whole.
whole() {
	got=$(box "$1" "$2")
	case "$got" in
	"0 "*) pass "long words $1: '$2' whole at ${got#* } px" ;;
	*) fail "long words $1: '$2' broken" "broken and size: $got" ;;
	esac
}

# whole_or_hyphen NAME TEXT FLOOR: whole, or the one word broken once
# (it breaks at every size; the text is not shrunk below the size where
# the rest fits for it), at the floor or above.
whole_or_hyphen() {
	got=$(box "$1" "$2")
	case "$got" in
	"0 "*|"1 "*) [ "${got#* }" -ge "$3" ] &&
		pass "long words $1: '$2' (broken, size: $got)" && return ;;
	esac
	fail "long words $1: '$2'" "broken and size: $got (floor $3)"
}

LANG_=nb
for size in 1080x1920 1024x600; do
	H=${size#*x}
	run "group-$size" "$size" --group --participants 2
	whole "group-$size" "Om karriereveiledning."
	# the body's floor: 4.5 % of the height
	# too wide even at the body's floor (4.5 % of the height) at
	# 1080x1920: one break, with a hyphen
	whole_or_hyphen "group-$size" "Hva skjer i karriereveiledningssamtalen?" \
		$(((H * 45 + 999) / 1000))
	run "kiosk-$size" "$size"
	whole "kiosk-$size" "Karriereveiledningssamtalen"
	whole "kiosk-$size" "Hva skjer i karriereveiledningssamtalen?"
done
whole group-1024x600 "Hva skjer i karriereveiledningssamtalen?"

# The captions (nb under ti): the captions' floor is 3.5 % of the height.
LANG_=ti
run captions-1080x1920 1080x1920 --group --participants 2 --captions nb
n=$(grep -c '"text":"Om karriereveiledning\.' "$TMP/captions-1080x1920.log")
if [ "$n" -ge 2 ]; then
	pass "long words captions: body and captions both show the text"
else
	fail "long words captions: shown $n times" "$(tail -n 3 "$TMP/captions-1080x1920.out")"
fi
got=$(awk '/"event":"screenshot"/ { on = 1; next }
	/"event":"box"/ && on { print; next } { on = 0 }' \
	"$TMP/captions-1080x1920.log" |
	jq -r 'select(.kind == "text" and (.text |
		startswith("Om karriereveiledning."))) |
		"\(.broken // "absent")"' | sort -u | tr '\n' ' ')
if [ "$got" = "0 " ]; then
	pass "long words captions 1080x1920: 'karriereveiledning' whole in body and captions"
else
	fail "long words captions 1080x1920: broken" "broken: $got"
fi
