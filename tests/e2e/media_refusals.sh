# Media the player cannot use stop the build with one line that names the
# file and says what to do: HEVC video, a cut MKV, an MP4 without its moov,
# a zero-byte narration, a per-language file whose audio tag is another
# language. A variable-frame-rate clip is accepted and marked vfr.
. "$TOP/tests/lib.sh"

FF="ffmpeg -nostdin -v error -y"
P=$TMP/pack
mkdir -p "$P/media/nb" "$P/media/uk" "$TMP/src"

# film SECONDS OUT [ENCODER OPTIONS]: nb + ukr tracks.
film() {
	secs=$1
	out=$2
	shift 2
	$FF -f lavfi -i "testsrc=s=160x120:r=25:d=$secs" \
		-f lavfi -i "sine=f=300:d=$secs" -f lavfi -i "sine=f=500:d=$secs" \
		-map 0 -map 1 -map 2 "$@" -c:a aac \
		-metadata:s:a:0 language=nob -metadata:s:a:1 language=ukr "$out"
}
film 3 "$TMP/src/good.mkv" -c:v libx264 -preset ultrafast &&
film 3 "$TMP/src/good.mp4" -c:v libx264 -preset ultrafast &&
$FF -f lavfi -i sine=d=1 "$P/media/nb/welcome.wav" &&
$FF -f lavfi -i testsrc=s=160x120:r=25:d=1 -f lavfi -i sine=d=1 \
	-c:v libx264 -preset ultrafast -c:a aac -metadata:s:a:0 language=ara \
	"$TMP/src/ara.mp4" &&
$FF -f lavfi -i testsrc=s=160x120:r=30:d=3 \
	-vf "select='lt(mod(n\,10)\,5)'" -fps_mode vfr -c:v libx264 \
	-preset ultrafast "$TMP/src/vfr.mp4" ||
	{ fail fixture "ffmpeg could not make the media"; exit 1; }
if film 1 "$TMP/src/hevc.mkv" -c:v libx265 -preset ultrafast \
	-x265-params log-level=none 2>/dev/null; then
	bad_codec=hevc
else
	film 1 "$TMP/src/hevc.mkv" -c:v mpeg4 || exit 1
	bad_codec=mpeg4
fi

# pack SOURCES: writes pack.xml with one video whose <source> elements
# are SOURCES.
pack() {
	cat >"$P/pack.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="bad" version="1.0.0" source-lang="nb">
  <title>Feil</title>
  <languages>nb uk</languages>
  <levels><level id="no-schooling">Ingen skolegang</level></levels>
  <items>
    <slide id="welcome">
      <heading>Velkommen</heading>
      <narration lang="nb" src="media/nb/welcome.wav"/>
    </slide>
    <video id="film">
      <title>Film</title>
      $1
    </video>
  </items>
</pack>
EOF
	# uk is translated, so that its bundle is built (0 % is refused).
	translate_as_source "$P" uk
}

# refused NAME WORDS...: the build fails and stderr has every WORD.
refused() {
	name=$1
	shift
	rm -rf "$TMP/out"
	"$VB" build "$P" -o "$TMP/out" >"$TMP/out.log" 2>"$TMP/err.log"
	rc=$?
	if [ $rc -eq 0 ]; then
		fail "$name" "build succeeded"
		return
	fi
	for w in "$@"; do
		if ! grep -qF -- "$w" "$TMP/err.log"; then
			fail "$name" "no '$w' in: $(head -n 3 "$TMP/err.log")"
			return
		fi
	done
	pass "$name"
}

pack '<source src="media/film.mkv"/>'
cp "$TMP/src/good.mkv" "$P/media/film.mkv"
"$VB" build "$P" -o "$TMP/out" >/dev/null 2>&1
expect "the good film builds" [ $? -eq 0 ]

cp "$TMP/src/hevc.mkv" "$P/media/film.mkv"
refused "$bad_codec video refused with advice" "media/film.mkv:" \
	"video codec $bad_codec is not supported" "convert it to H.264" \
	"ffmpeg -i in -c:v libx264"

head -c 30000 "$TMP/src/good.mkv" >"$P/media/film.mkv"
refused "cut MKV refused" "media/film.mkv:" "truncated" \
	"copy or export it again"

pack '<source src="media/film.mp4"/>'
head -c 30000 "$TMP/src/good.mp4" >"$P/media/film.mp4"
refused "MP4 cut before its moov refused" "media/film.mp4:" "truncated" \
	"moov"

: >"$P/media/film.mp4"
refused "zero-byte video refused" "media/film.mp4:" "empty (0 bytes)"

cp "$TMP/src/good.mp4" "$P/media/film.mp4"
: >"$P/media/nb/welcome.wav"
refused "zero-byte narration refused" "media/nb/welcome.wav:" \
	"empty (0 bytes)"
$FF -f lavfi -i sine=d=1 "$P/media/nb/welcome.wav"

pack '<source lang="nb" src="media/film.mp4"/>
      <source lang="uk" src="media/uk/film.mp4"/>'
cp "$TMP/src/ara.mp4" "$P/media/uk/film.mp4"
refused "per-language file with another language's tag refused" \
	"media/uk/film.mp4:" "'ara'" "'uk'"

pack '<source src="media/film.mp4"/>'
cp "$TMP/src/vfr.mp4" "$P/media/film.mp4"
rm -rf "$TMP/out"
"$VB" build "$P" -o "$TMP/out" >/dev/null 2>&1
expect "a variable-frame-rate clip builds" [ $? -eq 0 ]
b=$(ls "$TMP/out"/bad-1.0.0-nb-*.vvb 2>/dev/null | head -n 1)
expect "the manifest marks it vfr" \
	sh -c "tar xOf '$b' manifest.xml | grep -q 'vfr=\"true\"'"
