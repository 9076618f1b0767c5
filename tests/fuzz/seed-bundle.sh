#!/bin/sh
# Writes a small valid bundle to $1, as a seed for fuzz_bundle: GNU tar in
# ustar format gives the same layout as the builder's libarchive writer.
set -e
out=$1
case $out in /*) ;; *) out=$PWD/$out ;; esac
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/media"
printf 'PNG-ish image bytes\n' >"$dir/media/aaaaaaaaaaaa-pic.png"
printf 'WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHei\n' >"$dir/media/bbbbbbbbbbbb-film.nb.vtt"
printf 'not really a video\n' >"$dir/media/cccccccccccc-film.mkv"
s3=$(sha256sum "$dir/media/cccccccccccc-film.mkv" | cut -c1-64)
s1=$(sha256sum "$dir/media/aaaaaaaaaaaa-pic.png" | cut -c1-64)
s2=$(sha256sum "$dir/media/bbbbbbbbbbbb-film.nb.vtt" | cut -c1-64)
cat >"$dir/manifest.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<bundle xmlns="urn:veiviser:bundle:1" format="1">
  <pack id="seed" version="1.0.0"><title>Seed</title></pack>
  <language code="ar" script="Arab" dir="rtl" draft="true"/>
  <level id="no-schooling"><label fallback="true">Ingen</label></level>
  <coverage total="3" translated="2" fallback="1"/>
  <items>
    <slide id="welcome"><heading>مرحبا</heading><p fallback="true">x</p>
      <list><li>a</li></list>
      <image member="media/aaaaaaaaaaaa-pic.png"><alt>alt</alt></image>
      <script>s</script></slide>
    <video id="film" member="media/cccccccccccc-film.mkv" audio-lang="nb"
      subtitles="media/bbbbbbbbbbbb-film.nb.vtt"><title>Film</title></video>
  </items>
  <members>
    <member name="media/aaaaaaaaaaaa-pic.png" kind="image" size="20" sha256="$s1" width="2" height="2"/>
    <member name="media/bbbbbbbbbbbb-film.nb.vtt" kind="subtitles" size="$(wc -c <"$dir/media/bbbbbbbbbbbb-film.nb.vtt")" sha256="$s2" duration="2.000"/>
    <member name="media/cccccccccccc-film.mkv" kind="video" size="19" sha256="$s3" duration="1.000" width="4" height="2"/>
  </members>
</bundle>
XML
sha256sum "$dir/manifest.xml" | cut -c1-64 >"$dir/manifest.sha256"
(cd "$dir" && tar --format=ustar --owner=0 --group=0 --numeric-owner \
	--mtime=@0 -cf "$out" manifest.xml media/aaaaaaaaaaaa-pic.png \
	media/bbbbbbbbbbbb-film.nb.vtt media/cccccccccccc-film.mkv \
	manifest.sha256)
