#!/bin/sh
# scripts/build-libav when the Debian archive cannot be reached (an offline
# machine): the media module falls back to Debian's shared libav with one
# line saying so, and the build goes on; with VV_LIBAV_REQUIRED=1 (CI) it
# stops instead. Nothing half-built is left behind either way.
. "$TOP/tests/lib.sh"

out="$TMP/b/libav"
# (CI sets VV_LIBAV_REQUIRED=1 for its own build)
VV_LIBAV_REQUIRED=0 VV_DEBIAN_MIRROR=http://127.0.0.1:9 \
	"$TOP/scripts/build-libav" "$out" \
	>"$TMP/out" 2>"$TMP/err"
rc=$?
expect "libav fallback: exit 0 without the archive" [ "$rc" -eq 0 ]
expect "libav fallback: one line on stderr ($(cat "$TMP/err"))" \
	[ "$(wc -l <"$TMP/err")" -eq 1 ]
expect "libav fallback: the line says what it does" \
	grep -q "links Debian's libav instead" "$TMP/err"
expect "libav fallback: the flags name Debian's libavcodec" \
	grep -q -- "-lavcodec" "$out/libs"
expect "libav fallback: it says which libav" \
	[ "$(cat "$out/which")" = "Debian's" ]
expect "libav fallback: no work folder left" [ ! -e "$out.tmp" ]

out2="$TMP/c/libav"
VV_LIBAV_REQUIRED=1 VV_DEBIAN_MIRROR=http://127.0.0.1:9 \
	"$TOP/scripts/build-libav" "$out2" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "libav required: exit non-zero without the archive" [ "$rc" -ne 0 ]
expect "libav required: one line on stderr ($(cat "$TMP/err"))" \
	[ "$(wc -l <"$TMP/err")" -eq 1 ]
expect "libav required: no flags written" [ ! -e "$out2/libs" ]
expect "libav required: no work folder left" [ ! -e "$out2.tmp" ]
