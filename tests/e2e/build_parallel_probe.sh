#!/bin/sh
# A bundle's media files are probed on several threads before its manifest
# is written (-j N with fewer bundles than N): the bundle's bytes are the
# same with 1 and 4 threads, and when the 3rd and 4th of five narrations
# are broken, both report the same one line, naming the 3rd, and leave no
# bundle behind.
. "$TOP/tests/lib.sh"

PACK=$TMP/pack
mkdir -p "$PACK/media/nb"
ok=1
for i in 1 2 3 4 5; do
	ffmpeg -nostdin -v error -y -f lavfi -i "sine=f=$((200 + 60 * i)):d=1" \
		-c:a libopus -b:a 24k "$PACK/media/nb/s$i.opus" || ok=0
	ffmpeg -nostdin -v error -y -f lavfi -i "testsrc=s=64x48:d=1" \
		-vf "hue=h=$((i * 50))" -frames:v 1 "$PACK/media/s$i.png" || ok=0
done
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc=s=160x120:r=25:d=1" \
	-f lavfi -i "sine=f=300:d=1" -c:v libx264 -pix_fmt yuv420p -c:a aac \
	-metadata:s:a:0 language=nob "$PACK/media/film.mp4" || ok=0
printf 'WEBVTT\n\n00:00.100 --> 00:00.900\nHei\n' >"$PACK/media/film.nb.vtt"
{
	cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="probe" version="1.0.0" source-lang="nb">
  <title>Prøve</title>
  <languages>nb</languages>
  <items>
XML
	for i in 1 2 3 4 5; do
		cat <<XML
    <slide id="s$i">
      <heading>Lysbilde $i</heading>
      <image src="media/s$i.png"><alt>Bilde $i</alt></image>
      <narration lang="nb" src="media/nb/s$i.opus"/>
    </slide>
XML
	done
	cat <<'XML'
    <video id="film">
      <title>Film</title>
      <source src="media/film.mp4"/>
      <subtitles src="media/film.nb.vtt"/>
    </video>
  </items>
</pack>
XML
} >"$PACK/pack.xml"
expect "fixture made" [ "$ok" -eq 1 ]

# build OUT JOBS: one bundle (one language, one level: -j N then gives its
# threads to probing), from a fresh output folder (no probe cache).
build() {
	rm -rf "$1"
	"$VB" build "$PACK" -o "$1" -j "$2" --level no-schooling \
		>"$1.out" 2>"$1.err"
}
# both: builds into one/ with -j 1 and four/ with -j 4; sets rc1, rc4.
both() {
	build "$TMP/one" 1
	rc1=$?
	build "$TMP/four" 4
	rc4=$?
}
both
expect "builds with -j 1 (exit $rc1)" [ "$rc1" -eq 0 ]
expect "builds with -j 4 (exit $rc4)" [ "$rc4" -eq 0 ]
n=$(ls "$TMP/one"/*.vvb 2>/dev/null | wc -l)
expect "one bundle ($n)" [ "$n" -eq 1 ]
same_bundles() {
	for b in "$TMP/one"/*.vvb; do
		cmp -s "$b" "$TMP/four/$(basename "$b")" || return 1
	done
}
expect "bundle bytes are the same with 1 and 4 probing threads" same_bundles

printf 'not an Ogg file\n' >"$PACK/media/nb/s3.opus"
head -c 4000 /dev/urandom >"$PACK/media/nb/s4.opus"
both
expect "a broken narration fails -j 1 (exit $rc1)" [ "$rc1" -ne 0 ]
expect "a broken narration fails -j 4 (exit $rc4)" [ "$rc4" -ne 0 ]
lines=$(wc -l <"$TMP/four.err")
expect "one line of error with -j 4 ($lines)" [ "$lines" -eq 1 ]
expect "it names the 3rd narration: $(cat "$TMP/four.err")" \
	grep -q 'media/nb/s3\.opus' "$TMP/four.err"
expect "the same error with -j 1 and -j 4" cmp -s "$TMP/one.err" "$TMP/four.err"
left=$(ls "$TMP/one" "$TMP/four" | grep -c '\.vvb')
expect "no bundle left behind ($left)" [ "$left" -eq 0 ]
