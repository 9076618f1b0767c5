# The build enforces the layers of DESIGN.md ("Layout"): in a copy of the
# tree, a scratch file that breaks a rule must make `make` fail with a line
# naming the file, and one that keeps the rules must build. Covers SDL and
# libav* headers (directly and through a project header), includes against
# the layer order, and a unit test that calls outside its layer (link).
. "$TOP/tests/lib.sh"

case "$BUILD" in /*) built=$BUILD ;; *) built=$TOP/$BUILD ;; esac
W=$TMP/tree
mkdir -p "$W"
for d in Makefile scripts common builder player fetch sync locales docs tests/unit tests/tools; do
	mkdir -p "$W/$(dirname "$d")"
	cp -a "$TOP/$d" "$W/$d"
done
# The objects already built, so make compiles only the scratch file.
[ -d "$built" ] && cp -a "$built" "$W/build"

# scratch FILE LINE...: a scratch source with these lines, then a function
# (with its prototype, so -Wmissing-prototypes stays quiet).
scratch() {
	f=$W/$1
	shift
	printf '%s\n' "$@" >"$f"
	printf 'int scratch_fn(void);\nint scratch_fn(void) { return 0; }\n' >>"$f"
}
# mk TARGET...: make in the copy; output in $TMP/out, status returned.
mk() {
	make -C "$W" --no-print-directory BUILD=build "$@" >"$TMP/out" 2>&1
}
clean_scratch() {
	rm -f "$W"/common/scratch.c "$W"/builder/scratch.c \
		"$W"/player/*/scratch.c "$W"/tests/unit/test_scratch.c \
		"$W"/sync/scratch.c
}

# A control first: the copy builds as it is.
mk all
expect "the untouched copy builds" [ $? -eq 0 ]

scratch player/core/scratch.c '#include <SDL2/SDL.h>'
mk all
st=$?
expect "make fails: player/core includes SDL" [ $st -ne 0 ]
expect "the error names the file and SDL" \
	grep -q '^player/core/scratch.c: includes .*/SDL2/SDL.h; SDL is for player/out and player/text only' "$TMP/out"
expect "no object is left behind" [ ! -e "$W/build/obj/player/core/scratch.o" ]
mk all
expect "make fails again the second time" [ $? -ne 0 ]
clean_scratch

scratch player/core/scratch.c '#include "player/text/layout.h"'
mk build/obj/player/core/scratch.o
st=$?
expect "make fails: player/core reaches SDL through player/text/layout.h" [ $st -ne 0 ]
expect "that error names SDL" grep -q '^player/core/scratch.c: includes .*/SDL2/SDL.h' "$TMP/out"
expect "and the header from the wrong layer" \
	grep -q '^player/core/scratch.c: includes player/text/layout.h; this layer may include only from: common player/core' "$TMP/out"
clean_scratch

scratch player/core/scratch.c '#include "player/out/out.h"'
mk build/obj/player/core/scratch.o
expect "make fails: player/core includes player/out (no SDL in it)" [ $? -ne 0 ]
clean_scratch

scratch common/scratch.c '#include <libavutil/frame.h>'
mk build/obj/common/scratch.o
st=$?
expect "make fails: common/ includes libavutil" [ $st -ne 0 ]
expect "the error names libav" grep -q '^common/scratch.c: includes .*/libavutil/frame.h; libav\* is for player/media and the builder media code only' "$TMP/out"
clean_scratch

scratch player/text/scratch.c '#include <libavformat/avformat.h>'
mk build/obj/player/text/scratch.o
expect "make fails: player/text includes libavformat" [ $? -ne 0 ]
clean_scratch

scratch sync/scratch.c '#include "player/core/clock.h"'
mk build/obj/sync/scratch.o
st=$?
expect "make fails: the updater (sync/) includes a player header" [ $st -ne 0 ]
expect "that error names the layers sync/ may include from" \
	grep -q '^sync/scratch.c: includes player/core/clock.h; this layer may include only from: common fetch sync' "$TMP/out"
rm -f "$W"/sync/scratch.c

scratch common/scratch.c '#include <curl/curl.h>'
mk build/obj/common/scratch.o
expect "make fails: common/ includes libcurl (fetch/'s only)" [ $? -ne 0 ]
clean_scratch

# libcurl is fetch/'s alone: the updater and the builder reach it only
# through fetch/fetch.h; the player may not include fetch/ at all.
scratch builder/scratch.c '#include <curl/curl.h>'
mk build/obj/builder/scratch.o
st=$?
expect "make fails: builder/ includes libcurl directly" [ $st -ne 0 ]
expect "that error names fetch/ as libcurl's layer" \
	grep -q '^builder/scratch.c: includes .*/curl/curl.h; libcurl is for fetch/ only' "$TMP/out"
clean_scratch
scratch sync/scratch.c '#include <curl/curl.h>'
mk build/obj/sync/scratch.o
expect "make fails: sync/ includes libcurl directly" [ $? -ne 0 ]
clean_scratch
scratch player/core/scratch.c '#include "fetch/fetch.h"'
mk build/obj/player/core/scratch.o
expect "make fails: player/core includes fetch/fetch.h" [ $? -ne 0 ]
clean_scratch
scratch builder/scratch.c '#include "fetch/fetch.h"'
mk build/obj/builder/scratch.o
expect "builder/ may include fetch/fetch.h" [ $? -eq 0 ]
clean_scratch
scratch fetch/scratch.c '#include <curl/curl.h>' '#include "common/err.h"'
mk build/obj/fetch/scratch.o
expect "fetch/ may include libcurl and common/ headers" [ $? -eq 0 ]
rm -f "$W"/fetch/scratch.c

scratch builder/scratch.c '#include <libavcodec/avcodec.h>'
mk build/obj/builder/scratch.o
expect "make fails: builder code outside its media files includes libavcodec" [ $? -ne 0 ]
clean_scratch

scratch player/ui/scratch.c '#include <SDL.h>'
mk build/obj/player/ui/scratch.o
expect "make fails: player/ui includes SDL" [ $? -ne 0 ]
clean_scratch

# What the rules allow builds.
scratch player/out/scratch.c '#include <SDL.h>' '#include "player/media/media.h"'
mk build/obj/player/out/scratch.o
expect "player/out may include SDL and player/media headers" [ $? -eq 0 ]
clean_scratch
scratch player/media/scratch.c '#include <libavformat/avformat.h>'
mk build/obj/player/media/scratch.o
expect "player/media may include libavformat" [ $? -eq 0 ]
clean_scratch
rm -f "$W/build/obj/builder/remux.o"
mk build/obj/builder/remux.o
expect "builder/remux.c (media code) may include libav*" [ $? -eq 0 ]

# Link: a player/core test is linked without SDL, so reaching it fails.
cat >"$W/tests/unit/test_scratch.c" <<'EOF'
#include "player/core/clock.h"
unsigned SDL_GetTicks(void);
int main(void) { return SDL_GetTicks() == 0; }
EOF
mk build/tests/test_scratch
st=$?
expect "a player/core unit test calling SDL does not link" [ $st -ne 0 ]
expect "the linker names the SDL function" grep -q 'undefined reference to .SDL_GetTicks' "$TMP/out"
cat >"$W/tests/unit/test_scratch.c" <<'EOF'
#include "player/core/clock.h"
int main(void) { return 0; }
EOF
mk build/tests/test_scratch
expect "the same test without the SDL call links" [ $? -eq 0 ]
clean_scratch
