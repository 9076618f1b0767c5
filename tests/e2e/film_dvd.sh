# A film from a DVD (.VOB: MPEG-PS, MPEG-2 video, AC-3 audio) or one with
# an audio codec the player cannot play: build refuses it in one line
# that names the file and points at --transcode; build --transcode
# re-encodes the video and each such audio track (to Opus), copies the
# tracks the player plays, keeps their languages, the length and the
# sync of sound and picture. A VOB cut short is refused in one line.
. "$TOP/tests/lib.sh"

FF="ffmpeg -nostdin -v error -y"
P=$TMP/pack
mkdir -p "$P/media"
# 4 s of a test picture and a 1 kHz tone, as a DVD holds them.
$FF -f lavfi -i "testsrc2=s=352x288:r=25:d=4" \
	-f lavfi -i "sine=f=1000:d=4:sample_rate=48000" \
	-c:v mpeg2video -c:a ac3 -f vob "$P/media/film.vob" ||
	{ fail fixture "ffmpeg could not make the VOB"; exit 1; }
cat >"$P/pack.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="dvd" version="1.0.0" source-lang="nb"
      video-profile="360p25">
  <title>Film</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
    <video id="film"><title>Film</title><source src="media/film.vob"/></video>
  </items>
</pack>
EOF

# refused NAME FILE LOG: the build failed in one line naming FILE and
# advising --transcode (the same line for each bundle it was in), and
# left no bundle in $TMP/NAME.
refused() {
	[ "$(sort -u "$3" | wc -l)" -eq 1 ] &&
	grep -q "media/$2: .*--transcode" "$3" &&
	! ls "$TMP/$1"/*.vvb >/dev/null 2>&1
}
# film BUNDLE DIR: extracts the film member of BUNDLE into DIR, prints
# its path.
film() {
	mkdir -p "$2"
	m=$(tar tf "$1" 2>/dev/null | grep 'film\.[a-z0-9.]*$' | head -n 1)
	[ -n "$m" ] && tar xf "$1" -C "$2" "$m" && echo "$2/$m"
}
# probe FILE SELECTOR ENTRY: one entry of one stream ("language": its
# language tag).
probe() {
	case $3 in language) e=stream_tags=language ;; *) e=stream=$3 ;; esac
	ffprobe -v error -select_streams "$2" -show_entries "$e" \
		-of csv=p=0 "$1" | head -n 1
}
# audible FILE: the first audio track is a tone, not silence (mean
# volume above -30 dB; the fixture's tone is at -21 dB).
audible() {
	v=$(ffmpeg -nostdin -i "$1" -map 0:a:0 -af volumedetect -f null - \
		2>&1 | sed -n 's/.*mean_volume: \(-*[0-9.]*\) dB/\1/p')
	[ -n "$v" ] && awk -v v="$v" 'BEGIN { exit !(v > -30) }'
}
# near A B LIMIT: |A - B| <= LIMIT (seconds).
near() {
	[ -n "$1" ] && [ -n "$2" ] &&
	awk -v a="$1" -v b="$2" -v l="$3" \
		'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= l) }'
}
# length FILE: the video stream's end minus the first frame's time.
length() {
	ffprobe -v error -select_streams v:0 -show_entries \
		packet=pts_time,duration_time -of csv=p=0 "$1" |
		awk -F, 'NR == 1 || $1 < s { s = $1 }
			 $1 + $2 > e { e = $1 + $2 } END { print e - s }'
}

"$VB" build "$P" -o "$TMP/plain" >/dev/null 2>"$TMP/plain.err"
rc=$?
expect "a VOB without --transcode fails" [ $rc -ne 0 ]
expect "it is refused in one line naming it, advising --transcode" \
	refused plain film.vob "$TMP/plain.err"

"$VB" build "$P" -o "$TMP/out" --transcode >"$TMP/tc.log" 2>&1
expect "a VOB with --transcode builds" [ $? -eq 0 ]
f=$(film "$TMP/out/dvd-1.0.0-nb-all.vvb" "$TMP/x")
expect "the film's audio is Opus" [ "$(probe "$f" a:0 codec_name)" = opus ]
# The member is named for what it holds (Matroska), not for its source.
expect "the re-encoded film's member ends in .mkv (${f##*/})" \
	eval 'case $f in *.mkv) true ;; *) false ;; esac'
expect "the film's video is H.264" [ "$(probe "$f" v:0 codec_name)" = h264 ]
expect "its length is the VOB's, within two frames" \
	near "$(length "$f")" "$(length "$P/media/film.vob")" 0.08
expect "its audio is the tone, not silence" audible "$f"
expect "its audio starts with its picture (within 40 ms)" \
	near "$(probe "$f" a:0 start_time)" "$(probe "$f" v:0 start_time)" 0.04

printf '0.2 key Space\n5.5 quit\n' >"$TMP/s.script"
"$VP" --headless --lang nb --level all --script "$TMP/s.script" \
	--log-json "$TMP/play.json" --exit-after 30 "$TMP/out" >/dev/null 2>&1
played=$(jq -s 'any(.[]; .event == "video_info" and .audio_codec == "opus")
	and any(.[]; .event == "video_end" and .reason == "end")' \
	"$TMP/play.json")
expect "the player plays it to its end, with its Opus sound" \
	[ "$played" = true ]

# A VOB cut short (a rip or a copy that stopped): one line, no bundle.
size=$(stat -c %s "$P/media/film.vob")
head -c $((size * 2 / 5)) "$P/media/film.vob" >"$TMP/cut.vob"
mv "$TMP/cut.vob" "$P/media/film.vob"
"$VB" build "$P" -o "$TMP/cut" --transcode >/dev/null 2>"$TMP/cut.err"
rc=$?
cut_refused() {
	[ $rc -ne 0 ] && [ "$(wc -l <"$TMP/cut.err")" -eq 1 ] &&
	grep -q "media/film.vob: .*corrupt" "$TMP/cut.err" &&
	! ls "$TMP/cut"/*.vvb >/dev/null 2>&1
}
expect "a cut VOB with --transcode: one line naming it, no bundle" \
	cut_refused

# Two languages: H.264 that fits the profile, AC-3 in Norwegian (default
# track) and AAC in Ukrainian. Without --transcode it is refused for the
# AC-3; with it the AC-3 is re-encoded and the AAC copied, each bundle
# with its language's track.
rm "$P/media/film.vob"
$FF -f lavfi -i "testsrc2=s=352x288:r=25:d=4" \
	-f lavfi -i "sine=f=1000:d=4:sample_rate=48000" \
	-f lavfi -i "sine=f=500:d=4:sample_rate=44100" \
	-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
	-c:a:0 ac3 -c:a:1 aac -metadata:s:a:0 language=nob \
	-metadata:s:a:1 language=ukr -disposition:a:0 default \
	-disposition:a:1 0 "$P/media/film.mkv" ||
	{ fail fixture "ffmpeg could not make the two-track film"; exit 1; }
sed -i -e 's/film.vob/film.mkv/' -e 's|<languages>nb|<languages>nb uk|' \
	"$P/pack.xml"
translate_as_source "$P" uk || { fail fixture "no po/uk.po"; exit 1; }
"$VB" build "$P" -o "$TMP/plain2" >/dev/null 2>"$TMP/plain2.err"
expect "AC-3 beside AAC without --transcode: refused in one line per bundle" \
	refused plain2 film.mkv "$TMP/plain2.err"
expect "the line names the AC-3" grep -q "audio codec ac3" "$TMP/plain2.err"
"$VB" build "$P" -o "$TMP/two" --transcode >"$TMP/two.log" 2>&1
expect "AC-3 beside AAC with --transcode builds" [ $? -eq 0 ]
nb=$(film "$TMP/two/dvd-1.0.0-nb-all.vvb" "$TMP/nb")
uk=$(film "$TMP/two/dvd-1.0.0-uk-all.vvb" "$TMP/uk")
expect "the Norwegian AC-3 is re-encoded to Opus, tag kept" \
	[ "$(probe "$nb" a:0 codec_name):$(probe "$nb" a:0 \
	     language)" = opus:nob ]
expect "the Ukrainian AAC is copied, tag kept" \
	[ "$(probe "$uk" a:0 codec_name):$(probe "$uk" a:0 \
	     language):$(probe "$uk" a:0 sample_rate)" = \
	  aac:ukr:44100 ]
# The picture fits the profile (H.264 352x288 at 25): only the sound is
# re-encoded, the picture's packets are the source's.
vhash() {
	ffmpeg -nostdin -v error -i "$1" -map 0:v:0 -c copy -f streamhash \
		-hash md5 - 2>/dev/null
}
expect "the picture, which fits, is copied as it is, not re-encoded" \
	[ -n "$(vhash "$nb")" -a "$(vhash "$nb")" = "$(vhash "$P/media/film.mkv")" ]
expect "the builder says it copied the picture" \
	grep -q "film.mkv: sound re-encoded to Opus, picture copied" "$TMP/two.log"
expect "the re-encoded track sounds" audible "$nb"
expect "the copied track sounds" audible "$uk"
expect "the re-encoded track starts with the picture (within 40 ms)" \
	near "$(probe "$nb" a:0 start_time)" "$(probe "$nb" v:0 start_time)" \
	0.04
