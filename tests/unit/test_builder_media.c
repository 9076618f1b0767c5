/* Tests builder/media: probe, validation messages, per-language remux and
 * its cache. Fixtures are made with Debian's ffmpeg in a temporary dir;
 * every remuxed file is checked through libavformat. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavformat/avformat.h>
#include <libavutil/avutil.h>

#include "builder/cache.h"
#include "builder/media.h"
#include "builder/remux.h"
#include "common/err.h"
#include "tests/unit/check.h"

static char dir[256];
static char last_error[1400];
static int have_x265;

static void remember_error(const char *line, void *user)
{
	(void)user;
	snprintf(last_error, sizeof last_error, "%s", line);
}

static const char *fx(const char *name)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];

	snprintf(p, 512, "%s/%s", dir, name);
	return p;
}

/* "<prefix>: <what>" in a rotating static buffer, for case names. */
static const char *tn(const char *prefix, const char *what)
{
	static char names[4][192];
	static int next;
	char *n = names[next++ % 4];

	snprintf(n, 192, "%s: %s", prefix, what);
	return n;
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

#define FF "ffmpeg -nostdin -hide_banner -loglevel error -y "
#define AV3 "-f lavfi -i sine=f=440:d=3 -f lavfi -i sine=f=550:d=3 " \
	    "-f lavfi -i sine=f=660:d=3 "
#define TAGS "-metadata:s:a:0 language=nob -metadata:s:a:1 language=ukr " \
	     "-metadata:s:a:2 language=ara "

static int make_fixtures(void)
{
	int rc = 0;

	rc |= sh(FF "-f lavfi -i testsrc=s=320x240:r=25:d=3 " AV3
		 "-map 0 -map 1 -map 2 -map 3 -c:v libx264 -preset ultrafast "
		 "-g 25 -c:a aac -b:a 48k " TAGS "%s", fx("multi.mkv"));
	/* B-frames: negative DTS at the start, which a remux must keep. */
	rc |= sh(FF "-f lavfi -i testsrc=s=320x240:r=25:d=3 " AV3
		 "-map 0 -map 1 -map 2 -map 3 -c:v libx264 -preset veryfast "
		 "-g 25 -c:a aac -b:a 48k " TAGS "%s", fx("multi.mp4"));
	rc |= sh(FF "-f lavfi -i testsrc=s=320x240:r=25:d=3 " AV3
		 "-map 0 -map 1 -map 2 -map 3 -c:v libvpx-vp9 -deadline "
		 "realtime -cpu-used 8 -b:v 200k -c:a libopus " TAGS "%s",
		 fx("multi.webm"));
	/* Frames dropped in bursts: steps of 33 ms and 200 ms. */
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=30:d=3 -vf "
		 "\"select='lt(mod(n\\,10)\\,5)'\" -fps_mode vfr -c:v libx264 "
		 "-preset ultrafast %s", fx("vfr.mp4"));
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=30:d=3 -c:v libx264 "
		 "-preset ultrafast %s", fx("cfr.mkv"));
	rc |= sh(FF "-f lavfi -i sine=f=440:d=2:sample_rate=44100 -ac 1 %s",
		 fx("mono.wav"));
	rc |= sh(FF "-f lavfi -i sine=f=440:d=2:sample_rate=44100 -ac 1 "
		 "-c:a libmp3lame %s", fx("mono.mp3"));
	rc |= sh(FF "-f lavfi -i sine=f=440:d=2.5 -c:a libopus %s",
		 fx("narration.opus"));
	rc |= sh(FF "-f lavfi -i sine=f=440:d=2 -c:a flac %s", fx("n.flac"));
	/* One audio track, tagged Ukrainian: a per-language file. */
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=2 -f lavfi -i "
		 "sine=d=2 -c:v libx264 -preset ultrafast -c:a aac "
		 "-metadata:s:a:0 language=ukr %s", fx("uk.mp4"));
	/* Two untagged audio tracks: nothing to choose by. */
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=2 -f lavfi -i "
		 "sine=d=2 -f lavfi -i sine=d=2 -map 0 -map 1 -map 2 -c:v "
		 "libx264 -preset ultrafast -c:a aac %s", fx("untagged.mkv"));
	rc |= sh(FF "-f lavfi -i testsrc=s=64x48:d=1 -frames:v 1 %s",
		 fx("img.png"));
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=1 -c:v mpeg4 %s",
		 fx("mpeg4.mp4"));
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=1 -f lavfi -i "
		 "sine=d=1 -c:v libx264 -preset ultrafast -c:a ac3 %s",
		 fx("ac3.mkv"));
	rc |= sh(FF "-f lavfi -i sine=d=1 -c:a ac3 %s", fx("ac3.mka"));
	rc |= sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=1 -c:v libx264 "
		 "-preset ultrafast %s", fx("video.avi"));
	have_x265 = sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=1 -c:v "
		       "libx265 -preset ultrafast -x265-params log-level=none "
		       "%s", fx("hevc.mp4")) == 0;
	rc |= sh(FF "-i %s -map 0 -c copy -movflags +faststart %s",
		 fx("multi.mkv"), fx("faststart.mp4"));
	/* Cut files: MP4 with moov at the end loses its index; with moov
	 * first it loses samples; MKV loses clusters. */
	rc |= sh("head -c 60000 %s > %s", fx("multi.mp4"), fx("cut.mp4"));
	rc |= sh("head -c 60000 %s > %s", fx("faststart.mp4"),
		 fx("cutfs.mp4"));
	rc |= sh("head -c 60000 %s > %s", fx("multi.mkv"), fx("cut.mkv"));
	rc |= sh("head -c 200 %s > %s", fx("img.png"), fx("cut.png"));
	rc |= sh(": > %s", fx("zero.mp4"));
	rc |= sh("printf 'WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHei\\n' > %s",
		 fx("film.nb.vtt"));
	rc |= sh("printf '1\\n00:00:00,000 --> 00:00:01,000\\nK\\370r\\n' > %s",
		 fx("latin1.srt"));
	return rc;
}

/* ---- a DTS fixture: MKV with one block's time moved back ------------ */

static uint64_t ebml_vint(const unsigned char *d, size_t n, size_t p,
			  int keep_marker, size_t *len)
{
	unsigned mask = 0x80;
	size_t l = 1;
	uint64_t v;

	*len = 0;
	if (p >= n)
		return 0;
	while (l <= 8 && !(d[p] & mask)) {
		mask >>= 1;
		l++;
	}
	if (l > 8 || p + l > n)
		return 0;
	v = keep_marker ? d[p] : (d[p] & (mask - 1));
	for (size_t i = 1; i < l; i++)
		v = (v << 8) | d[p + i];
	*len = l;
	return v;
}

/* Collects the offsets of SimpleBlock bodies inside Segment/Cluster. */
static void ebml_blocks(const unsigned char *d, size_t n, size_t p,
			size_t end, size_t *blocks, int *count, int cap)
{
	while (p < end && *count < cap) {
		size_t il, sl = 0;
		uint64_t id = ebml_vint(d, n, p, 1, &il);
		uint64_t size = il ? ebml_vint(d, n, p + il, 0, &sl) : 0;
		size_t body;

		if (!il || !sl)
			return;
		body = p + il + sl;
		if (size > n - body)
			size = n - body; /* unknown or cut: to the end */
		if (id == 0x18538067 || id == 0x1F43B675)
			ebml_blocks(d, n, body, body + size, blocks, count, cap);
		else if (id == 0xA3)
			blocks[(*count)++] = body;
		p = body + size;
	}
}

static int make_dts_fixture(void)
{
	FILE *f;
	unsigned char *d;
	long n;
	size_t blocks[128], tl;
	int count = 0;

	if (sh(FF "-f lavfi -i testsrc=s=160x120:r=25:d=2 -c:v libx264 "
	       "-preset ultrafast -bf 0 %s", fx("dts.mkv")) != 0)
		return -1;
	f = fopen(fx("dts.mkv"), "r+b");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	d = malloc((size_t)n);
	rewind(f);
	if (!d || fread(d, 1, (size_t)n, f) != (size_t)n) {
		free(d);
		fclose(f);
		return -1;
	}
	ebml_blocks(d, (size_t)n, 0, (size_t)n, blocks, &count, 128);
	if (count < 12) {
		free(d);
		fclose(f);
		return -1;
	}
	/* Block 10's cluster-relative time becomes 0: earlier than block 9. */
	ebml_vint(d, (size_t)n, blocks[10], 0, &tl);
	d[blocks[10] + tl] = 0;
	d[blocks[10] + tl + 1] = 0;
	fseek(f, (long)(blocks[10] + tl), SEEK_SET);
	fwrite(d + blocks[10] + tl, 1, 2, f);
	free(d);
	return fclose(f) == 0 ? 0 : -1;
}

/* ---- helpers --------------------------------------------------------- */

/* The video `name` probes (--transcode could re-encode it), but the
 * player cannot show it as it is: one message naming it, with words. */
static int unplayable_with(const char *name, const char *words)
{
	struct media_info info;

	last_error[0] = '\0';
	if (media_probe(fx(name), &info) != VV_OK) {
		printf("  %s: probe failed: %s\n", name, last_error);
		return 0;
	}
	if (media_refuse_unplayable(fx(name), &info) == VV_OK) {
		printf("  %s: taken as playable\n", name);
		return 0;
	}
	if (!strstr(last_error, words) || !strstr(last_error, name)) {
		printf("  %s: message \"%s\" lacks \"%s\"\n", name,
		       last_error, words);
		return 0;
	}
	return 1;
}

static int probe_fails_with(const char *name, const char *words)
{
	struct media_info info;
	enum vv_err err;

	last_error[0] = '\0';
	err = media_probe(fx(name), &info);
	if (err == VV_OK) {
		printf("  %s: probe succeeded\n", name);
		return 0;
	}
	if (!strstr(last_error, words) || !strstr(last_error, name)) {
		printf("  %s: message \"%s\" lacks \"%s\"\n", name, last_error,
		       words);
		return 0;
	}
	return 1;
}

static const struct media_stream_info *stream_of(const struct media_info *in,
						 const char *type, int nth)
{
	for (int i = 0; i < in->n_streams; i++)
		if (strcmp(in->streams[i].type, type) == 0 && nth-- == 0)
			return &in->streams[i];
	return NULL;
}

/* What libavformat itself says of a file: streams, the audio language,
 * and the first pts of the first video and audio packet, in seconds. */
struct firsts {
	int n_streams;
	int n_video, n_audio;
	char audio_lang[16];
	double video_pts, audio_pts;
	char format[64];
};

static int read_firsts(const char *path, struct firsts *out)
{
	AVFormatContext *fmt = NULL;
	AVPacket *pkt;
	int got_v = 0, got_a = 0;

	memset(out, 0, sizeof *out);
	if (avformat_open_input(&fmt, path, NULL, NULL) < 0)
		return -1;
	if (avformat_find_stream_info(fmt, NULL) < 0) {
		avformat_close_input(&fmt);
		return -1;
	}
	snprintf(out->format, sizeof out->format, "%s", fmt->iformat->name);
	out->n_streams = (int)fmt->nb_streams;
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		AVStream *st = fmt->streams[i];
		AVDictionaryEntry *tag;

		if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
			out->n_video++;
		if (st->codecpar->codec_type != AVMEDIA_TYPE_AUDIO)
			continue;
		out->n_audio++;
		tag = av_dict_get(st->metadata, "language", NULL, 0);
		snprintf(out->audio_lang, sizeof out->audio_lang, "%s",
			 tag ? tag->value : "");
	}
	pkt = av_packet_alloc();
	while (pkt && (!got_v || !got_a) && av_read_frame(fmt, pkt) >= 0) {
		AVStream *st = fmt->streams[pkt->stream_index];
		double t = pkt->pts == AV_NOPTS_VALUE ? NAN :
			   pkt->pts * av_q2d(st->time_base);

		if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !got_v) {
			out->video_pts = t;
			got_v = 1;
		} else if (st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO &&
			   !got_a) {
			out->audio_pts = t;
			got_a = 1;
		}
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	avformat_close_input(&fmt);
	return 0;
}

/* Position of the first top-level box named `type` in an MP4, or -1. */
static long mp4_box(const char *path, const char *type)
{
	FILE *f = fopen(path, "rb");
	long pos = 0, found = -1;
	unsigned char h[8];

	if (!f)
		return -1;
	while (fseek(f, pos, SEEK_SET) == 0 && fread(h, 1, 8, f) == 8) {
		unsigned long size = ((unsigned long)h[0] << 24) |
				     ((unsigned long)h[1] << 16) |
				     ((unsigned long)h[2] << 8) | h[3];

		if (memcmp(h + 4, type, 4) == 0) {
			found = pos;
			break;
		}
		if (size < 8)
			break;
		pos += (long)size;
	}
	fclose(f);
	return found;
}

/* ---- tests ----------------------------------------------------------- */

static void test_probe(void)
{
	struct media_info in;
	const struct media_stream_info *a;

	CHECK(media_probe(fx("multi.mkv"), &in) == VV_OK, "probe mkv");
	CHECK_STR(in.kind, "video", "mkv kind");
	CHECK_STR(in.container, "matroska,webm", "mkv container");
	CHECK_STR(in.video_codec, "h264", "mkv video codec");
	CHECK(in.width == 320 && in.height == 240, "mkv size");
	CHECK(fabs(in.fps - 25) < 0.01 && !in.vfr, "mkv 25 fps constant");
	CHECK(fabs(in.duration - 3) < 0.2, "mkv duration");
	CHECK(in.n_streams == 4, "mkv four streams");
	a = stream_of(&in, "audio", 1);
	CHECK(a && strcmp(a->lang, "ukr") == 0, "mkv second audio ukr");
	CHECK(a && strcmp(a->codec, "aac") == 0 && a->channels == 1 &&
	      strcmp(a->layout, "mono") == 0, "mkv audio codec and layout");
	a = stream_of(&in, "audio", 2);
	CHECK(a && strcmp(a->lang, "ara") == 0, "mkv third audio ara");

	CHECK(media_probe(fx("multi.mp4"), &in) == VV_OK, "probe mp4");
	CHECK_STR(in.container, "mov,mp4,m4a,3gp,3g2,mj2", "mp4 container");
	a = stream_of(&in, "audio", 0);
	CHECK(a && strcmp(a->lang, "nob") == 0, "mp4 first audio nob");

	CHECK(media_probe(fx("multi.webm"), &in) == VV_OK, "probe webm");
	CHECK_STR(in.video_codec, "vp9", "webm vp9");
	a = stream_of(&in, "audio", 2);
	CHECK(a && strcmp(a->codec, "opus") == 0 && a->sample_rate == 48000,
	      "webm opus 48 kHz");

	CHECK(media_probe(fx("vfr.mp4"), &in) == VV_OK && in.vfr,
	      "vfr clip is variable");
	CHECK(media_probe(fx("cfr.mkv"), &in) == VV_OK && !in.vfr &&
	      fabs(in.fps - 30) < 0.01, "30 fps mkv (ms steps) is constant");

	CHECK(media_probe(fx("mono.wav"), &in) == VV_OK, "probe wav");
	a = stream_of(&in, "audio", 0);
	CHECK_STR(in.kind, "audio", "wav is audio");
	CHECK(a && a->sample_rate == 44100 && a->channels == 1 &&
	      strcmp(a->layout, "mono") == 0, "wav 44.1 kHz mono");
	CHECK(fabs(in.duration - 2) < 0.05, "wav duration");
	CHECK(media_probe(fx("mono.mp3"), &in) == VV_OK &&
	      strcmp(in.kind, "audio") == 0 && fabs(in.duration - 2) < 0.1,
	      "mp3 44.1 kHz mono duration");
	a = stream_of(&in, "audio", 0);
	CHECK(a && a->sample_rate == 44100, "mp3 sample rate");
	CHECK(media_probe(fx("narration.opus"), &in) == VV_OK &&
	      fabs(in.duration - 2.5) < 0.05, "opus narration duration");
	CHECK(media_probe(fx("n.flac"), &in) == VV_OK &&
	      strcmp(in.container, "flac") == 0 &&
	      fabs(in.duration - 2) < 0.05, "flac narration");

	CHECK(media_probe(fx("img.png"), &in) == VV_OK &&
	      strcmp(in.kind, "image") == 0 && in.width == 64 &&
	      in.height == 48, "png image 64x48");
	CHECK(media_probe(fx("film.nb.vtt"), &in) == VV_OK &&
	      strcmp(in.kind, "subtitles") == 0, "vtt is subtitles");
}

static void test_refusals(void)
{
	CHECK(probe_fails_with("zero.mp4", "empty (0 bytes)"), "zero-byte");
	CHECK(probe_fails_with("cut.mp4", "truncated"), "cut mp4 (no moov)");
	CHECK(probe_fails_with("cut.mp4", "moov"), "cut mp4 names moov");
	CHECK(probe_fails_with("cutfs.mp4", "truncated"),
	      "cut faststart mp4");
	CHECK(probe_fails_with("cut.mkv", "truncated"), "cut mkv");
	CHECK(probe_fails_with("cut.png", "save it again"), "cut png");
	CHECK(probe_fails_with("dts.mkv", "non-monotonic"),
	      "non-monotonic DTS");
	CHECK(unplayable_with("mpeg4.mp4", "mpeg4 is not supported"),
	      "mpeg4 refused");
	CHECK(unplayable_with("mpeg4.mp4", "convert it to H.264"),
	      "mpeg4 advice");
	CHECK(unplayable_with("mpeg4.mp4", "--transcode"),
	      "mpeg4: --transcode offered");
	if (have_x265) {
		CHECK(unplayable_with("hevc.mp4", "video codec hevc is not "
				      "supported"), "hevc refused");
		CHECK(unplayable_with("hevc.mp4", "ffmpeg -i in -c:v libx264"),
		      "hevc advice");
	}
	/* In a film, --transcode re-encodes them; in narration, nothing
	 * does. */
	CHECK(unplayable_with("ac3.mkv", "audio codec ac3"), "ac3 refused");
	CHECK(unplayable_with("ac3.mkv", "--transcode"),
	      "ac3: --transcode offered");
	CHECK(probe_fails_with("ac3.mka", "audio codec ac3"),
	      "ac3 narration refused");
	CHECK(unplayable_with("video.avi", "container avi"), "avi refused");
	CHECK(unplayable_with("video.avi", "--transcode"),
	      "avi: --transcode offered");
	CHECK(probe_fails_with("latin1.srt", "not UTF-8"), "non-UTF-8 srt");
	CHECK(probe_fails_with("missing.mp4", "cannot read"), "missing file");
}

static void test_language_check(void)
{
	struct media_info in;

	CHECK(media_probe(fx("uk.mp4"), &in) == VV_OK, "probe uk.mp4");
	CHECK(media_check_language(fx("uk.mp4"), &in, "uk") == VV_OK,
	      "ukr tag matches uk");
	last_error[0] = '\0';
	CHECK(media_check_language(fx("uk.mp4"), &in, "ar") == VV_ERR_MEDIA &&
	      strstr(last_error, "'ukr'") && strstr(last_error, "'ar'"),
	      "ukr tag refused for ar");
	CHECK(media_tag_is_lang("nor", "nb") && media_tag_is_lang("fas", "fa")
	      && media_tag_is_lang("per", "fa") && !media_tag_is_lang("", "nb")
	      && !media_tag_is_lang("ara", "uk"), "tag aliases");
}

static void check_remux(const char *src, const char *lang,
			const char *want_tag, const char *want_audio_lang,
			const char *cache)
{
	struct media_info in;
	struct firsts got, orig;
	char *out = NULL, *audio = NULL;
	char name[128];
	enum vv_err err;

	snprintf(name, sizeof name, "%s %s", strrchr(src, '/') + 1, lang);
	err = media_for_language(src, lang, "nb", cache, &out, &audio, &in);
	CHECK(err == VV_OK && out && strcmp(out, src) != 0,
	      tn(name, "remux made"));
	if (err != VV_OK || !out) {
		free(out);
		free(audio);
		return;
	}
	CHECK_STR(audio, want_audio_lang, tn(name, "audio_lang"));
	CHECK(read_firsts(out, &got) == 0 && read_firsts(src, &orig) == 0,
	      tn(name, "remux output readable"));
	CHECK(got.n_streams == 2 && got.n_video == 1 && got.n_audio == 1,
	      tn(name, "remux keeps video + one audio"));
	CHECK_STR(got.audio_lang, want_tag, tn(name, "audio language tag"));
	CHECK_STR(got.format, orig.format, tn(name, "same container family"));
	CHECK(fabs(got.video_pts - orig.video_pts) < 1e-6 &&
	      fabs(got.audio_pts - orig.audio_pts) < 1e-6,
	      tn(name, "first video and audio pts preserved"));
	CHECK(in.n_streams == 2 && strcmp(in.streams[1].lang, want_tag) == 0,
	      tn(name, "info describes the output"));
	if (strstr(src, ".mp4")) {
		long moov = mp4_box(out, "moov"), mdat = mp4_box(out, "mdat");

		CHECK(moov > 0 && mdat > 0 && moov < mdat,
		      tn(name, "mp4 moov before mdat"));
	}
	if (strstr(src, ".webm"))
		CHECK(strstr(out, ".webm") != NULL,
		      tn(name, "webm stays webm"));
	free(out);
	free(audio);
}

static void test_remux(void)
{
	char cache[512];
	const char *srcs[] = { "multi.mkv", "multi.mp4", "multi.webm" };

	snprintf(cache, sizeof cache, "%s/cache", dir);
	for (int i = 0; i < 3; i++) {
		char src[512];

		snprintf(src, sizeof src, "%s", fx(srcs[i]));
		check_remux(src, "nb", "nob", "nb", cache);
		check_remux(src, "uk", "ukr", "uk", cache);
		check_remux(src, "ar", "ara", "ar", cache);
		/* No Somali track: the source audio, and the build turns
		 * on subtitles. */
		check_remux(src, "so", "nob", "nb", cache);
	}
}

static void test_cache(void)
{
	char cache[512], src[512];
	struct media_info in;
	struct stat a, b;
	struct firsts got;
	char *out1 = NULL, *out2 = NULL, *audio = NULL, *info_path;
	FILE *f;

	snprintf(cache, sizeof cache, "%s/cache2", dir);
	snprintf(src, sizeof src, "%s", fx("multi.mkv"));
	CHECK(media_for_language(src, "uk", "nb", cache, &out1, &audio,
				 &in) == VV_OK, "cache first remux");
	free(audio);
	audio = NULL;
	if (!out1)
		return;
	CHECK(stat(out1, &a) == 0, "cache entry exists");
	CHECK(media_for_language(src, "uk", "nb", cache, &out2, &audio,
				 &in) == VV_OK && out2 &&
	      strcmp(out1, out2) == 0, "cache hit gives the same path");
	free(audio);
	audio = NULL;
	CHECK(out2 && stat(out2, &b) == 0 && a.st_ino == b.st_ino &&
	      a.st_mtim.tv_nsec == b.st_mtim.tv_nsec &&
	      a.st_mtim.tv_sec == b.st_mtim.tv_sec,
	      "cache hit does not remux again");
	free(out2);
	out2 = NULL;

	/* A build killed after writing half the media file: the entry is
	 * there but its record is not, so it must be made again; the
	 * killed build's temporary file goes. */
	info_path = malloc(strlen(out1) + 8);
	if (!info_path) {
		free(out1);
		return;
	}
	strcpy(info_path, out1);
	strcpy(strrchr(info_path, '.'), ".info");
	CHECK(unlink(info_path) == 0, "cache record removed");
	f = fopen(out1, "wb");
	if (f) {
		fputs("half a file", f);
		fclose(f);
	}
	/* A killed build's temporary, in atomic_temp_path()'s scheme. */
	{
		char *slash = strrchr(out1, '/');

		sh("echo partial > '%.*s/.%s.tmp-99999-7'",
		   (int)(slash - out1), out1, slash + 1);
	}
	CHECK(media_for_language(src, "uk", "nb", cache, &out2, &audio,
				 &in) == VV_OK && out2, "cache rebuilds");
	free(audio);
	audio = NULL;
	CHECK(out2 && read_firsts(out2, &got) == 0 && got.n_streams == 2 &&
	      strcmp(got.audio_lang, "ukr") == 0, "partial entry never used");
	free(out2);
	out2 = NULL;

	/* Touching the source changes the key. */
	sh("touch -d '2001-01-01' %s", src);
	CHECK(media_for_language(src, "uk", "nb", cache, &out2, &audio,
				 &in) == VV_OK && out2 &&
	      strcmp(out1, out2) != 0, "changed source gets a new entry");
	free(audio);
	free(out2);
	free(out1);
	free(info_path);

	/* No temporary file stays behind after successful builds. */
	CHECK(sh("! find %s -name '*.tmp-*' | grep -q .", cache) == 0,
	      "no temporaries left");
}

static void test_as_is(void)
{
	char cache[512], src[512];
	struct media_info in;
	char *out = NULL, *audio = NULL;

	snprintf(cache, sizeof cache, "%s/cache3", dir);
	snprintf(src, sizeof src, "%s", fx("uk.mp4"));
	CHECK(media_for_language(src, "uk", "uk", cache, &out, &audio,
				 &in) == VV_OK && out &&
	      strcmp(out, src) == 0 && audio && strcmp(audio, "uk") == 0,
	      "per-language file taken as it is");
	free(out);
	free(audio);
	out = audio = NULL;
	last_error[0] = '\0';
	CHECK(media_for_language(src, "ar", "ar", cache, &out, &audio,
				 &in) == VV_ERR_MEDIA && !out &&
	      strstr(last_error, "'ukr'"), "per-language file wrong tag");
	last_error[0] = '\0';
	snprintf(src, sizeof src, "%s", fx("untagged.mkv"));
	CHECK(media_for_language(src, "uk", "nb", cache, &out, &audio,
				 &in) == VV_ERR_MEDIA && !out &&
	      strstr(last_error, "untagged"), "untagged tracks refused");
	/* Matroska with H.264 + AAC named .webm: remuxed as Matroska. */
	sh("cp %s %s", fx("multi.mkv"), fx("h264.webm"));
	snprintf(src, sizeof src, "%s", fx("h264.webm"));
	CHECK(media_for_language(src, "uk", "nb", cache, &out, &audio,
				 &in) == VV_OK && out && strstr(out, ".mkv"),
	      "H.264 in a .webm file is remuxed to Matroska");
	free(out);
	free(audio);
	out = audio = NULL;
	snprintf(src, sizeof src, "%s", fx("mono.wav"));
	CHECK(media_for_language(src, "uk", "nb", cache, &out, &audio,
				 &in) == VV_ERR_MEDIA && !out,
	      "audio file is not a video source");
}

static void test_probe_cache(void)
{
	char cache[512];
	struct media_info a, b;

	snprintf(cache, sizeof cache, "%s/cache4", dir);
	CHECK(media_probe_cached(fx("multi.mp4"), cache, &a) == VV_OK &&
	      media_probe_cached(fx("multi.mp4"), cache, &b) == VV_OK &&
	      memcmp(&a, &b, sizeof a) == 0, "probe cache round trip");
	CHECK(media_probe_cached(fx("zero.mp4"), cache, &a) == VV_ERR_MEDIA &&
	      media_probe_cached(fx("zero.mp4"), cache, &a) == VV_ERR_MEDIA,
	      "probe failures are not cached");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/vv-media-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		printf("FAIL media fixtures: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	vv_error_set_hook(remember_error, NULL);
	CHECK(make_fixtures() == 0, "media fixtures made with ffmpeg");
	CHECK(make_dts_fixture() == 0, "DTS fixture made");
	test_probe();
	test_refusals();
	test_language_check();
	test_remux();
	test_cache();
	test_as_is();
	test_probe_cache();
	sh("rm -rf %s", dir);
	return CHECK_DONE();
}
