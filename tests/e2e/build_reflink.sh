# Bundles at disk speed: big media members start block-aligned (after a
# .pad.N member), the bundles stay tar that `tar tf` lists and verify
# takes; on a file system that shares blocks (a loop-mounted XFS image,
# when this runs as root with mkfs.xfs) nine bundles of one film cost
# about one copy of it on disk.
. "$TOP/tests/lib.sh"

FF="ffmpeg -nostdin -v error -y"
P=$TMP/pack
mkdir -p "$P/media"

# A film with noise, so it stays big (about 2 MB), and three audio tracks.
$FF -f lavfi -i "testsrc2=s=640x360:r=25:d=4" -f lavfi -i sine=f=300:d=4 \
	-f lavfi -i sine=f=400:d=4 -f lavfi -i sine=f=500:d=4 \
	-map 0 -map 1 -map 2 -map 3 -vf "noise=alls=20:allf=t" \
	-c:v libx264 -preset ultrafast -b:v 4M -pix_fmt yuv420p -c:a aac \
	-metadata:s:a:0 language=nob -metadata:s:a:1 language=eng \
	-metadata:s:a:2 language=ukr "$P/media/film.mkv" &&
$FF -f lavfi -i sine=d=1 -c:a libopus "$P/media/hei.opus" ||
	{ fail fixture "ffmpeg could not make the media"; exit 1; }
cat >"$P/pack.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="reflink" version="1.0.0"
      source-lang="nb">
  <title>Film</title>
  <languages>nb en uk</languages>
  <items>
    <slide id="hei">
      <heading>Hei</heading>
      <narration lang="nb" src="media/hei.opus"/>
    </slide>
    <video id="film"><title>Film</title><source src="media/film.mkv"/></video>
  </items>
</pack>
EOF
translate_as_source "$P" en uk || { fail fixture "no po/en.po, po/uk.po"; exit 1; }

# layout BUNDLE: every member of 64 KiB or more starts at a multiple of
# 4096, and a .pad.N member is zeros only; prints the member count.
layout() {
	python3 - "$1" <<'EOF'
import sys
d = open(sys.argv[1], 'rb').read()
off = n = 0
while off + 512 <= len(d) and d[off]:
    name = d[off:off + 100].split(b'\0')[0].decode()
    size = int(d[off + 124:off + 136].split(b'\0')[0].strip() or b'0', 8)
    data = off + 512
    if name.startswith('.pad.'):
        assert d[data:data + size] == bytes(size), name + ' holds data'
    elif size >= 65536:
        assert data % 4096 == 0, name + ' starts at %d' % data
    n += 1
    off = data + (size + 511) // 512 * 512
assert off + 1024 == len(d), 'end of archive at %d of %d' % (off, len(d))
print(n)
EOF
}

# check_out DIR LABEL: the nine bundles list with tar, verify, and have
# their big members aligned.
check_out() {
	dir=$1
	label=$2
	n=$(ls "$dir"/*.vvb 2>/dev/null | wc -l)
	expect "$label: nine bundles" [ "$n" -eq 9 ]
	ok=1
	for b in "$dir"/*.vvb; do
		tar tf "$b" >"$TMP/list" 2>&1 || ok=0
		grep -q '^media/.*film.*\.mkv$' "$TMP/list" || ok=0
		layout "$b" >/dev/null 2>"$TMP/layout.log" || ok=0
	done
	expect "$label: tar tf lists every bundle, film included" [ $ok -eq 1 ]
	expect "$label: big members start block-aligned" \
		sh -c "! grep -q . '$TMP/layout.log'"
	expect "$label: .pad members are there" \
		sh -c "tar tf '$b' | grep -q '^\.pad\.[0-9]*$'"
	"$VB" verify "$dir"/*.vvb >"$TMP/verify.log" 2>&1
	expect "$label: verify takes every bundle" [ $? -eq 0 ]
}

"$VB" build "$P" -o "$TMP/out" >"$TMP/build.log" 2>&1
expect "build on $(stat -f -c %T "$TMP")" [ $? -eq 0 ]
check_out "$TMP/out" "$(stat -f -c %T "$TMP")"

# The same on XFS, where the bundles share the film's blocks.
why=""
[ "$(id -u)" -eq 0 ] || why="not root"
[ -n "$why" ] || command -v mkfs.xfs >/dev/null || why="no mkfs.xfs"
if [ -z "$why" ]; then
	truncate -s 512M "$TMP/xfs.img" && mkfs.xfs -q "$TMP/xfs.img" &&
		mkdir "$TMP/xfs" &&
		mount -o loop "$TMP/xfs.img" "$TMP/xfs" 2>"$TMP/mount.log" ||
		why="cannot loop-mount: $(head -c 200 "$TMP/mount.log")"
fi
if [ -n "$why" ]; then
	echo "SKIP reflink on XFS: $why"
	exit 0
fi
trap 'umount "$TMP/xfs" 2>/dev/null; rm -rf "$TMP"' EXIT
cp -r "$P" "$TMP/xfs/pack"
sync
used_before=$(df -k --output=used "$TMP/xfs" | tail -n 1)
"$VB" build "$TMP/xfs/pack" -o "$TMP/xfs/out" >"$TMP/build.log" 2>&1
expect "build on XFS" [ $? -eq 0 ]
sync
used_after=$(df -k --output=used "$TMP/xfs" | tail -n 1)
check_out "$TMP/xfs/out" "xfs"
bundles_k=$(($(cat "$TMP/xfs/out"/*.vvb | wc -c) / 1024))
cache_k=$(du -sk "$TMP/xfs/out/.veiviser-cache" | cut -f1)
grew=$((used_after - used_before))
echo "# xfs: bundles ${bundles_k} KiB, disk use grew ${grew} KiB (cache ${cache_k} KiB)"
# Copied, the bundles would add their own size on top of the cache's
# remuxes; cloned, they add little more than their manifests.
expect "xfs: nine bundles of the film cost less than a third of their size" \
	[ "$grew" -lt $((cache_k + bundles_k / 3)) ]
film=$(ls "$TMP/xfs/out"/reflink-1.0.0-uk-*.vvb | head -n 1)
if command -v filefrag >/dev/null; then
	expect "xfs: the film's blocks are shared (filefrag)" \
		sh -c "filefrag -v '$film' | grep -q shared"
fi
umount "$TMP/xfs"
