/* Tests player/media without SDL: the AVIO byte range, demux and decode
 * threads, seeking, damaged input, WebVTT parsing and the sync policy. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/media/media.h"
#include "player/media/sync.h"
#include "player/media/webvtt.h"
#include "tests/unit/check.h"
#include "tests/unit/test_media_fixture.h"

struct decoded {
	int frames;
	int monotonic;
	double first_pts, last_pts;
	long audio_frames;
	double audio_first;
	int ok;
};

/* Plays a member to its end as fast as possible, popping every frame and
 * reading all audio. Gives up after 20 s of waiting (a hang). */
static struct decoded drain(const char *path, uint64_t offset, uint64_t size,
			    int channels)
{
	struct decoded d = { 0, 1, -1, -1, 0, -1, 0 };
	struct media_open_args args = {
		.path = path, .offset = offset, .size = size,
		.want_video = 1, .want_audio = 1,
		.audio_rate = 48000, .audio_channels = channels,
	};
	struct media *m;
	if (media_open(&args, &m) != VV_OK)
		return d;
	float buf[4096 * 8];
	int idle = 0;
	double last = -1e9;
	while (idle < 1000) {
		int moved = 0;
		const struct media_frame *f = media_video_peek(m, 0);
		if (f) {
			if (d.frames == 0)
				d.first_pts = f->pts;
			if (f->pts <= last)
				d.monotonic = 0;
			last = f->pts;
			d.last_pts = f->pts;
			d.frames++;
			media_video_pop(m);
			moved = 1;
		}
		double pts = 0;
		int n = media_audio_read(m, buf, 4096, &pts);
		if (n > 0) {
			if (d.audio_frames == 0)
				d.audio_first = pts;
			d.audio_frames += n;
			moved = 1;
		}
		if (media_state(m) == MEDIA_FAILED ||
		    (media_video_done(m) && media_audio_done(m)))
			break;
		if (!moved) {
			media_wait(m, 0.02);
			idle++;
		} else {
			idle = 0;
		}
	}
	d.ok = media_state(m) == MEDIA_RUNNING && idle < 1000;
	media_free(m);
	return d;
}

static void test_webvtt(void)
{
	const char *doc =
		"WEBVTT\n\nNOTE a note\n--> not a cue\n\n"
		"1\n00:00:01.000 --> 00:00:02.500 align:center\n"
		"<b>Hei</b> &amp; velkommen\nline two\n\n"
		"00:03.000 --> 00:04.000\nshort form\n\n"
		"00:00:05.000 --> 00:00:04.000\nbackwards: skipped\n\n"
		"00:00:06.000 --> 00:00:07.000\r\nCRLF \xD9\x85\xD8\xB1\r\n";
	struct webvtt *vtt;
	enum vv_err err = webvtt_parse(doc, strlen(doc), &vtt);
	CHECK(err == VV_OK, "webvtt parses");
	if (err != VV_OK)
		return;
	CHECK(vtt->n_cues == 3, "webvtt cue count (bad timing skipped)");
	CHECK_STR(webvtt_text_at(vtt, 1.5), "Hei & velkommen\nline two",
		  "webvtt tags removed, lines kept");
	CHECK(webvtt_text_at(vtt, 2.6) == NULL, "webvtt no cue in a gap");
	CHECK_STR(webvtt_text_at(vtt, 3.5), "short form", "webvtt MM:SS");
	CHECK_STR(webvtt_text_at(vtt, 6.5), "CRLF \xD9\x85\xD8\xB1",
		  "webvtt CRLF and UTF-8");
	webvtt_free(vtt);
	CHECK(webvtt_parse("hello", 5, &vtt) == VV_ERR_FORMAT,
	      "webvtt refuses a non-WebVTT file");
	/* Caps are limits, not memory errors. */
	CHECK(webvtt_parse(doc, (size_t)WEBVTT_MAX_BYTES + 1, &vtt) ==
	      VV_ERR_LIMIT && !vtt, "webvtt: over the byte cap is VV_ERR_LIMIT");
	{
		size_t i, n = WEBVTT_MAX_CUES + 1, len = 0;
		char *many = malloc(8 + n * 40);

		if (many) {
			len += (size_t)sprintf(many, "WEBVTT\n\n");
			for (i = 0; i < n; i++)
				len += (size_t)sprintf(many + len,
					"%02zu:%02zu.000 --> %02zu:%02zu.500\nx\n\n",
					i / 60 % 60, i % 60, i / 60 % 60, i % 60);
			CHECK(webvtt_parse(many, len, &vtt) == VV_ERR_LIMIT &&
			      !vtt, "webvtt: over the cue cap is VV_ERR_LIMIT");
			free(many);
		}
	}
}

static void test_sync(void)
{
	double pts[3] = { 1.0, 1.04, 1.08 };
	CHECK(sync_pick(pts, 3, 0.9, 0.008) == -1, "sync waits when early");
	CHECK(sync_pick(pts, 3, 0.995, 0.008) == 0,
	      "sync shows a frame within half a tick");
	CHECK(sync_pick(pts, 3, 1.05, 0.008) == 1,
	      "sync drops a frame whose interval has passed");
	CHECK(sync_pick(pts, 0, 5, 0.008) == -1, "sync with no frame");
	CHECK(sync_overdue(1.0, 0.04, 1.06, 0.008), "sync overdue");
	CHECK(!sync_overdue(1.0, 0.04, 1.03, 0.008), "sync not overdue");
	CHECK(fabs(sync_tolerance(1.0 / 60) - 1.0 / 120) < 1e-9,
	      "sync tolerance is half a tick");
	/* decoder skipping when late (60 fps: 16.7 ms a frame) */
	double d = 1.0 / 60;
	CHECK(sync_skip_mode(SYNC_SKIP_NONE, 0.005, 0, 0, d, 0) ==
	      SYNC_SKIP_NONE, "skip: none while within a frame");
	CHECK(sync_skip_mode(SYNC_SKIP_NONE, 0.03, 0, 0, d, 0) ==
	      SYNC_SKIP_NONREF,
	      "skip: non-reference frames when over a frame late");
	CHECK(sync_skip_mode(SYNC_SKIP_NONREF, 0.01, 0, 0, d, 0) ==
	      SYNC_SKIP_NONREF, "skip: non-reference until on time");
	CHECK(sync_skip_mode(SYNC_SKIP_NONREF, -0.001, 0, 0, d, 0) ==
	      SYNC_SKIP_NONE, "skip: none once on time");
	CHECK(sync_skip_mode(SYNC_SKIP_NONE, 0.15, 0, 0.045, d, 0) ==
	      SYNC_SKIP_NONREF,
	      "skip: a frame just past 100 ms late (a stall): non-ref only");
	CHECK(sync_skip_mode(SYNC_SKIP_NONREF, 0.4, 0.4, 0.002, d, 0) ==
	      SYNC_SKIP_NONREF,
	      "skip: past 100 ms and falling behind, under 0.5 s: non-ref");
	CHECK(sync_skip_mode(SYNC_SKIP_NONREF, 0.15, 0.5, 0.002, d, 0) ==
	      SYNC_SKIP_TO_KEY,
	      "skip: to the next keyframe past 100 ms for 0.5 s and falling "
	      "behind");
	CHECK(sync_skip_mode(SYNC_SKIP_NONREF, 0.3, 0.8, -0.005, d, 0) ==
	      SYNC_SKIP_NONREF,
	      "skip: past 100 ms but catching up (after a seek): non-ref");
	CHECK(sync_skip_mode(SYNC_SKIP_NONE, 0.3, 0.6, NAN, d, 0) ==
	      SYNC_SKIP_NONREF,
	      "skip: the first frames after a start do not skip to a key");
	CHECK(sync_skip_mode(SYNC_SKIP_NONREF, 0.6, 1.0, -0.005, d, 0) ==
	      SYNC_SKIP_TO_KEY,
	      "skip: past 100 ms for a second, to the keyframe anyway");
	CHECK(sync_skip_mode(SYNC_SKIP_TO_KEY, -0.5, 0, 0, d, 0) ==
	      SYNC_SKIP_TO_KEY, "skip: to the keyframe even if early again");
	CHECK(sync_skip_mode(SYNC_SKIP_TO_KEY, -0.2, 0, 0, d, 1) ==
	      SYNC_SKIP_NONE, "skip: decoding starts again at the keyframe");
	CHECK(sync_skip_mode(SYNC_SKIP_TO_KEY, 0.2, 0.9, 0.001, d, 1) ==
	      SYNC_SKIP_TO_KEY, "skip: a late keyframe: on to the next one");
	{
		/* held counts the clock while over 100 ms without a break */
		struct sync_lateness l = { SYNC_SKIP_NONE, 0, 0, 0, 0, 0 };
		sync_lateness_update(&l, 0.15, 10.0, d, 0);
		sync_lateness_update(&l, 0.05, 10.1, d, 0);
		sync_lateness_update(&l, 0.15, 10.2, d, 0);
		sync_lateness_update(&l, 0.16, 10.5, d, 0);
		CHECK(l.skip == SYNC_SKIP_NONREF && l.over &&
		      l.over_since == 10.2,
		      "skip: a break under 100 ms starts the count again");
		sync_lateness_update(&l, 0.17, 10.7, d, 0);
		CHECK(l.skip == SYNC_SKIP_TO_KEY,
		      "skip: over 100 ms and rising for 0.5 s: to the keyframe");
	}
	CHECK(sync_drop_decoded(1.0, d, 1.02, 0) &&
	      !sync_drop_decoded(1.0, d, 1.01, 0) &&
	      !sync_drop_decoded(1.0, d, 1.5, 1),
	      "skip: a decoded frame whose time has passed is dropped, a "
	      "keyframe never");
}

/* Opens the plain file `path` for video and 48 kHz stereo audio.
 * Returns the media (media_free() it), or NULL. */
static struct media *open_plain(const char *path)
{
	struct media_open_args args = {
		.path = path, .size = (uint64_t)fixture_size(path),
		.want_video = 1, .want_audio = 1, .audio_rate = 48000,
		.audio_channels = 2,
	};
	struct media *m;

	return media_open(&args, &m) == VV_OK ? m : NULL;
}

/* open_plain(), then waits (5 s at most) until it has opened or failed. */
static struct media *open_settled(const char *path)
{
	struct media *m = open_plain(path);

	for (int i = 0; m && i < 500 && media_state(m) == MEDIA_OPENING; i++)
		media_wait(m, 0.01);
	return m;
}

/* ---- a slow decoder on a virtual clock ----
 * The decode thread's skipping (sync_lateness_update(), then
 * sync_drop_decoded(), as media.c's video_skip() calls them), run against
 * a simulated decoder and a virtual master clock instead of a real one,
 * so that how far the picture strays from the sound is exact and the
 * same on every machine. test_media_av plays the same fault at real time
 * and checks only that frames are skipped; bench-player-heavy measures
 * real films. */

struct slow_film {
	int frames;        /* at 60 fps */
	int gop;           /* a keyframe every gop frames */
	int nonref_odd;    /* 1: odd frames are non-reference (B-frames) */
	double cost;       /* decoding one frame (s of the clock) */
	int stall_frame;   /* a frame held up once (0: none) ... */
	double stall_late; /* ... so that it comes this late (s) */
};

struct slow_result {
	int shown, skipped;
	int key_skipped;    /* frames skipped to reach a keyframe */
	double last_shown;  /* pts of the last frame shown */
	double worst;       /* largest |A-V| of a shown frame */
	double longest;     /* longest stretch of the clock with the shown
			     * frames over SYNC_LATE_KEY off */
	double frozen;      /* longest time one picture stayed up (s) */
	double last_at;     /* when the last frame shown went up */
};

static struct slow_result play_slow(const struct slow_film *f)
{
	const double dur = 1.0 / 60, ahead = 0.1; /* the queue's depth */
	struct sync_lateness late = { SYNC_SKIP_NONE, 0, 0, 0, 0, 0 };
	struct slow_result r = { 0, 0, 0, -1, 0, 0, 0, 0 };
	double t = 0, over_since = -1;

	for (int i = 0; i < f->frames; i++) {
		double pts = i * dur;
		int key = i % f->gop == 0;
		int nonref = f->nonref_odd && (i & 1);

		/* the codec discards what the mode says (at a parse's cost) */
		if ((late.skip == SYNC_SKIP_TO_KEY && !key) ||
		    (late.skip == SYNC_SKIP_NONREF && nonref)) {
			t += 0.001;
			r.skipped++;
			r.key_skipped += late.skip == SYNC_SKIP_TO_KEY;
			continue;
		}
		if (t < pts - ahead)
			t = pts - ahead; /* a full queue: the decoder waits */
		t += f->cost;
		if (f->stall_frame && i == f->stall_frame)
			t = pts + f->stall_late;
		sync_lateness_update(&late, t - pts, t, dur, key);
		if (sync_drop_decoded(pts, dur, t, key)) {
			r.skipped++;
			continue;
		}
		/* shown on the first 60 Hz tick at or after both its time and
		 * its decoding */
		double at = ceil((t > pts ? t : pts) * 60 - 1e-9) / 60;
		double off = fabs(pts - at);
		r.shown++;
		r.last_shown = pts;
		if (off > r.worst)
			r.worst = off;
		if (r.shown > 1 && at - r.last_at > r.frozen)
			r.frozen = at - r.last_at;
		r.last_at = at;
		if (off > SYNC_LATE_KEY) {
			if (over_since < 0)
				over_since = at;
			if (at - over_since > r.longest)
				r.longest = at - over_since;
		} else {
			over_since = -1;
		}
	}
	return r;
}

static void test_slow_decoder_virtual(void)
{
	/* 3 s at 60 fps, keyframes every second, each decoded frame 32 ms
	 * (the 30 ms fault of test_media_av and the decoding): under 32
	 * frames a second */
	struct slow_film all_ref = { 180, 60, 0, 0.032, 0, 0 };
	struct slow_film b_frames = { 180, 60, 1, 0.032, 0, 0 };
	struct slow_film fast = { 180, 60, 1, 0.005, 0, 0 };
	struct slow_film hopeless = { 180, 60, 0, 0.9, 0, 0 };
	/* long GOPs (a keyframe every 8 s, as phones and editors write
	 * H.264): one frame at 2.5 s comes 150 ms late (a short stall on a
	 * loaded machine), decoding is otherwise at full speed */
	struct slow_film stall = { 600, 480, 1, 0.005, 150, 0.150 };
	/* the same film on a decoder slower than the film throughout */
	struct slow_film long_gop = { 600, 480, 0, 0.032, 0, 0 };
	struct slow_result r = play_slow(&all_ref);

	printf("(virtual slow decoder: %d shown, %d skipped, worst %.3f s, "
	       "over 100 ms for %.3f s)\n", r.shown, r.skipped, r.worst,
	       r.longest);
	CHECK(r.skipped > 0, "slow decoder (virtual clock): frames skipped");
	CHECK(r.longest <= 1.0,
	      "slow decoder (virtual clock): never over 100 ms off for more "
	      "than a second");
	CHECK(r.last_shown >= 2.0,
	      "slow decoder (virtual clock): shown to its last keyframe");
	r = play_slow(&b_frames);
	CHECK(r.skipped > 0 && r.longest <= 1.0 && r.last_shown >= 2.0,
	      "slow decoder with B-frames (virtual clock): skips, never over "
	      "100 ms off for more than a second");
	r = play_slow(&fast);
	CHECK(r.skipped == 0 && r.shown == 180 && r.worst <= 1.0 / 60 + 1e-9,
	      "a decoder that keeps up (virtual clock) skips nothing and "
	      "shows every frame within a tick");
	/* slower than a keyframe interval a frame: only keyframes are
	 * shown, yet the film still reaches its last keyframe */
	r = play_slow(&hopeless);
	CHECK(r.shown >= 2 && r.last_shown >= 2.0,
	      "a hopeless decoder (virtual clock) still shows keyframes to "
	      "the end");
	r = play_slow(&stall);
	printf("(virtual short stall, 8 s GOP: %d shown, %d skipped, %d to "
	       "a keyframe, picture frozen at most %.3f s, over 100 ms for "
	       "%.3f s)\n", r.shown, r.skipped, r.key_skipped, r.frozen,
	       r.longest);
	CHECK(r.key_skipped == 0,
	      "a short stall (virtual clock, 8 s GOP) does not skip to the "
	      "next keyframe");
	CHECK(r.frozen <= 1.0,
	      "a short stall (virtual clock, 8 s GOP): the picture moves "
	      "again within a second");
	CHECK(r.last_shown >= 9.9 && r.longest <= 1.0,
	      "a short stall (virtual clock, 8 s GOP): never over 100 ms off "
	      "for more than a second, shown to the end");
	r = play_slow(&long_gop);
	printf("(virtual slow decoder, 8 s GOP: %d shown, %d skipped, %d to "
	       "a keyframe, worst %.3f s, over 100 ms for %.3f s)\n",
	       r.shown, r.skipped, r.key_skipped, r.worst, r.longest);
	CHECK(r.key_skipped > 0 && r.longest <= 1.0 && r.last_shown >= 8.0,
	      "a slow decoder (virtual clock, 8 s GOP) still skips to the "
	      "keyframe, never over 100 ms off for more than a second");
}

static void test_decode(void)
{
	char clip[512], bundle[512];
	if (!fixture_make("clip.mkv",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=2 "
			  "-f lavfi -i sine=frequency=440:sample_rate=44100:"
			  "duration=2 -ac 1 -c:v libx264 -preset ultrafast "
			  "-c:a libopus -shortest",
			  clip, sizeof(clip)))
		return;
	snprintf(bundle, sizeof(bundle), "%s/bundle.bin", fixture_tmpdir());
	CHECK(fixture_embed(clip, bundle, 12345) == 0, "embed clip");
	long long size = fixture_size(clip);
	struct decoded d = drain(bundle, 12345, (uint64_t)size, 2);
	CHECK(d.ok, "decode from a byte range finishes");
	CHECK(d.frames == 50, "all 50 frames decoded from the byte range");
	CHECK(d.monotonic, "frame pts increase");
	/* Opus pre-skip makes the audio start a few ms before the video */
	CHECK(d.first_pts >= 0 && d.first_pts < 0.02, "first frame near 0");
	CHECK(fabs(d.audio_frames / 48000.0 - 2.0) < 0.05,
	      "mono 44.1 kHz opus resampled to 2 s of 48 kHz");

	/* a plain file is offset 0 */
	struct decoded p = drain(clip, 0, (uint64_t)size, 2);
	CHECK(p.frames == 50, "plain file decodes the same");

	/* 5.1 at 48 kHz, AAC in MP4, downmixed */
	char surround[512];
	if (fixture_make("surround.mp4",
			 "-f lavfi -i testsrc=size=160x120:rate=30:duration=1 "
			 "-f lavfi -i sine=frequency=300:sample_rate=48000:"
			 "duration=1 -af aformat=channel_layouts=5.1 "
			 "-c:v libx264 -preset ultrafast -c:a aac -shortest",
			 surround, sizeof(surround))) {
		struct decoded s = drain(surround, 0,
					 (uint64_t)fixture_size(surround), 2);
		CHECK(s.ok && s.frames == 30, "5.1 AAC clip decodes");
		CHECK(fabs(s.audio_frames / 48000.0 - 1.0) < 0.06,
		      "5.1 audio downmixed, 1 s long");
	}

	/* video only */
	char silent[512];
	if (fixture_make("silent.mp4",
			 "-f lavfi -i testsrc=size=160x120:rate=10:duration=1 "
			 "-c:v libx264 -preset ultrafast",
			 silent, sizeof(silent))) {
		struct decoded s = drain(silent, 0,
					 (uint64_t)fixture_size(silent), 2);
		CHECK(s.ok && s.frames == 10 && s.audio_frames == 0,
		      "video without audio decodes");
	}
}

static void test_info(void)
{
	char path[512];
	/* 4:3 storage shown 16:9, rotated by 90 degrees */
	if (!fixture_make("sar.mp4",
			  "-f lavfi -i testsrc=size=160x120:rate=10:duration=1 "
			  "-vf setsar=4/3 -c:v libx264 -preset ultrafast",
			  path, sizeof(path)))
		return;
	/* the display matrix is written on a stream copy */
	char args_buf[1024];
	snprintf(args_buf, sizeof(args_buf), "-i '%s' -c copy "
		 "-metadata:s:v:0 rotate=90", path);
	if (!fixture_make("rotated.mp4", args_buf, path, sizeof(path)))
		return;
	struct media *m = open_settled(path);
	if (!m)
		return;
	struct media_info info;
	media_get_info(m, &info);
	CHECK(info.sar_num * 3 == info.sar_den * 4, "SAR 4:3 read");
	CHECK(info.rotation == 90 || info.rotation == 270,
	      "rotation from the display matrix");
	CHECK(info.has_video && !info.has_audio, "streams found");
	media_free(m);
}

/* media_frame_to_bgra() into a buffer of exactly pitch x height bytes,
 * as SDL's software renderer locks its streaming texture: a picture whose
 * width is not a multiple of swscale's SIMD block (the 360-pixel-wide
 * picture of an interlaced DVD rip or a phone film prescaled for a small
 * window) must not be written past the buffer's end, which corrupted the
 * heap and crashed the player. */
static void test_bgra_tight(void)
{
	char path[512];
	if (!fixture_make("tight.mp4",
			  "-f lavfi -i testsrc=size=160x120:rate=10:duration=1 "
			  "-c:v libx264 -preset ultrafast",
			  path, sizeof(path)))
		return;
	struct media *m = open_plain(path);
	if (!m)
		return;
	static const int widths[] = { 360, 152, 270, 38 };
	for (size_t i = 0; i < 2 * sizeof widths / sizeof widths[0]; i++) {
		/* each width twice: rows of exactly the width (converted
		 * through padded rows), then rows of whole SIMD blocks, as
		 * the player's texture has (converted in place) */
		int w = widths[i / 2], h = 30, cw = w / 2, ch = h / 2;
		int block = i % 2;
		int pitch = block ? (w + MEDIA_BGRA_BLOCK - 1) /
				    MEDIA_BGRA_BLOCK * MEDIA_BGRA_BLOCK * 4
				  : w * 4;
		int ypitch = (w + 63) & ~63, cpitch = (cw + 63) & ~63;
		uint8_t *y = malloc((size_t)ypitch * h);
		uint8_t *u = malloc((size_t)cpitch * ch);
		uint8_t *v = malloc((size_t)cpitch * ch);
		size_t size = (size_t)pitch * h, guard = 256;
		size_t last = (size_t)pitch * (h - 1) + (size_t)w * 4;
		uint8_t *dst = malloc(size + guard);
		if (!y || !u || !v || !dst) {
			CHECK(0, "bgra: memory");
			free(y), free(u), free(v), free(dst);
			break;
		}
		/* white: Y 235, neutral chroma */
		memset(y, 235, (size_t)ypitch * h);
		memset(u, 128, (size_t)cpitch * ch);
		memset(v, 128, (size_t)cpitch * ch);
		memset(dst, 0, size);
		memset(dst + size, 0xa5, guard);
		struct media_frame f = {
			.width = w, .height = h,
			.planes = { y, u, v },
			.pitches = { ypitch, cpitch, cpitch },
		};
		int rc = media_frame_to_bgra(m, &f, dst, pitch);
		int intact = 1;
		for (size_t k = 0; k < guard; k++)
			intact &= dst[size + k] == 0xa5;
		char what[96];
		snprintf(what, sizeof what, "bgra: %dx%d (pitch %d) converted",
			 w, h, pitch);
		CHECK(rc == 0 && dst[0] == 255 && dst[last - 2] == 255 &&
		      dst[last - 1] == 255, what);
		snprintf(what, sizeof what,
			 "bgra: %dx%d (pitch %d) not written past the buffer",
			 w, h, pitch);
		CHECK(intact, what);
		free(y), free(u), free(v), free(dst);
	}
	media_free(m);
}

/* Interlaced film (a DVD rip, a camcorder's 50i): each picture weaves two
 * fields taken at different times, and shown as it is every moving edge
 * is combed. Here the fields are as far apart as they can be, white and
 * black, so an undeinterlaced picture alternates white and black lines;
 * deinterlaced, neighbouring lines are alike. */
static void test_interlaced(void)
{
	char path[512];
	if (!fixture_make("combs.mp4",
			  "-f lavfi -i color=black:s=64x48:r=50:d=0.4,"
			  "format=yuv420p,geq=lum='if(mod(N\\,2)\\,16\\,"
			  "235)':cb=128:cr=128,interlace=scan=tff "
			  "-flags +ildct+ilme -c:v libx264 -preset ultrafast "
			  "-qp 0",
			  path, sizeof(path)))
		return;
	struct media *m = open_plain(path);
	if (!m)
		return;
	const struct media_frame *f = NULL;
	for (int i = 0; i < 1000 && !f && media_state(m) != MEDIA_FAILED;
	     i++) {
		f = media_video_peek(m, 0);
		if (!f)
			media_wait(m, 0.02);
	}
	int worst = -1;
	if (f) {
		worst = 0;
		for (int y = 4; y + 4 < f->height; y++)
			for (int x = 8; x < f->width - 8; x += 8) {
				int a = f->planes[0][(size_t)y * f->pitches[0] + x];
				int b = f->planes[0][(size_t)(y + 1) *
						     f->pitches[0] + x];
				if (abs(a - b) > worst)
					worst = abs(a - b);
			}
	}
	printf("(largest step between lines: %d)\n", worst);
	/* combed: 219 (white over black); blended: none */
	CHECK(f && worst >= 0 && worst < 32,
	      "interlaced: fields blended, no combing");
	media_free(m);
}

static void test_seek(void)
{
	char path[512];
	if (!fixture_make("seek.mp4",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=6 "
			  "-f lavfi -i sine=sample_rate=48000:duration=6 "
			  "-c:v libx264 -preset ultrafast -g 50 -c:a aac "
			  "-shortest",
			  path, sizeof(path)))
		return;
	struct media *m = open_plain(path);
	if (!m)
		return;
	for (int i = 0; i < 500 && !media_video_peek(m, 0); i++)
		media_wait(m, 0.01);
	media_seek(m, 3.3);
	CHECK(media_video_peek(m, 0) == NULL, "seek empties the queue");
	const struct media_frame *f = NULL;
	for (int i = 0; i < 500 && !(f = media_video_peek(m, 0)); i++)
		media_wait(m, 0.01);
	/* the frame showing at 3.3 s is the one at 3.28 s */
	CHECK(f && fabs(f->pts - 3.28) < 0.001,
	      "accurate seek: first frame covers the target");
	double pts = -1;
	float buf[256 * 2];
	for (int i = 0; i < 500 && media_audio_read(m, buf, 256, &pts) == 0;
	     i++)
		media_wait(m, 0.01);
	CHECK(pts >= 3.29 && pts < 3.35, "accurate seek: audio at the target");
	media_free(m);
}

static void test_damaged(void)
{
	char path[512], cut[512], junk[512];
	if (!fixture_make("whole.mkv",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=4 "
			  "-f lavfi -i sine=sample_rate=48000:duration=4 "
			  "-c:v libx264 -preset ultrafast -c:a libopus "
			  "-shortest",
			  path, sizeof(path)))
		return;
	long long size = fixture_size(path);
	/* truncated: a byte range that stops half way */
	struct decoded d = drain(path, 0, (uint64_t)(size / 2), 2);
	CHECK(d.ok, "truncated media ends instead of hanging");
	CHECK(d.frames > 10 && d.frames < 100,
	      "truncated media plays what decodes");

	/* corrupt: random bytes over the middle */
	snprintf(cut, sizeof(cut), "%s/corrupt.mkv", fixture_tmpdir());
	char cmd[2000];
	snprintf(cmd, sizeof(cmd),
		 "cp '%s' '%s' && head -c 20000 /dev/urandom | dd of='%s' "
		 "bs=1 seek=%lld conv=notrunc 2>/dev/null",
		 path, cut, cut, size / 3);
	if (system(cmd) == 0) {
		struct decoded c = drain(cut, 0, (uint64_t)size, 2);
		CHECK(c.frames > 5, "corrupt media plays what decodes");
	}

	/* not media at all */
	snprintf(junk, sizeof(junk), "%s/junk.bin", fixture_tmpdir());
	FILE *f = fopen(junk, "wb");
	for (int i = 0; f && i < 5000; i++)
		fputc(i * 13, f);
	if (f)
		fclose(f);
	struct media_open_args args = {
		.path = junk, .size = 5000, .want_video = 1, .want_audio = 1,
		.audio_rate = 48000, .audio_channels = 2,
	};
	struct media *m;
	if (media_open(&args, &m) == VV_OK) {
		for (int i = 0; i < 500 && media_state(m) == MEDIA_OPENING;
		     i++)
			media_wait(m, 0.01);
		CHECK(media_state(m) == MEDIA_FAILED && media_error(m),
		      "junk fails with a message");
		CHECK(media_video_done(m) && media_audio_done(m),
		      "failed media counts as done");
		media_free(m);
	}
	/* a file that vanished */
	args.path = "/nonexistent/x.mkv";
	if (media_open(&args, &m) == VV_OK) {
		for (int i = 0; i < 500 && media_state(m) == MEDIA_OPENING;
		     i++)
			media_wait(m, 0.01);
		CHECK(media_state(m) == MEDIA_FAILED, "missing file fails");
		media_free(m);
	}
}

/* HDR (PQ, HLG) would be shown washed out: refused with advice. */
static void test_hdr(void)
{
	const char *trcs[] = { "smpte2084", "arib-std-b67" };
	for (int i = 0; i < 2; i++) {
		char path[512], name[32], args_text[512];
		snprintf(name, sizeof(name), "hdr%d.mp4", i);
		snprintf(args_text, sizeof(args_text),
			 "-f lavfi -i testsrc=size=160x120:rate=25:duration=1 "
			 "-c:v libx264 -preset ultrafast -color_primaries "
			 "bt2020 -colorspace bt2020nc -color_trc %s", trcs[i]);
		if (!fixture_make(name, args_text, path, sizeof(path)))
			return;
		struct media *m = open_settled(path);
		if (!m)
			return;
		const char *e = media_error(m);
		char what[64];
		snprintf(what, sizeof(what), "HDR (%s) video is refused",
			 trcs[i]);
		CHECK(media_state(m) == MEDIA_FAILED && e &&
		      strstr(e, "HDR") && strstr(e, "--transcode"), what);
		media_free(m);
	}
}

/* A film whose picture this libav cannot decode (a codec outside the
 * profile; here a Matroska CodecID patched to one no FFmpeg knows) fails
 * with a message: played as sound alone, it would be a black film. */
static void test_undecodable_video(void)
{
	char path[512], cmd[1200];

	struct media *m = NULL;

	/* V_MPEG4/ISO/AVC -> V_MPEG4/ISO/XYZ, same length */
	if (fixture_make("nodec.mkv",
			 "-f lavfi -i testsrc=size=160x120:rate=25:duration=1 "
			 "-f lavfi -i sine=duration=1:sample_rate=48000 "
			 "-c:v libx264 -preset ultrafast -c:a libopus "
			 "-shortest", path, sizeof(path)) &&
	    snprintf(cmd, sizeof(cmd),
		     "sed -i 's|V_MPEG4/ISO/AVC|V_MPEG4/ISO/XYZ|' '%s'",
		     path) > 0 &&
	    system(cmd) == 0)
		m = open_settled(path);
	const char *e = m ? media_error(m) : NULL;
	CHECK(m && media_state(m) == MEDIA_FAILED && e && strstr(e, "video"),
	      "a picture with no decoder fails the film, with a message");
	if (m)
		media_free(m);
}

int main(void)
{
	test_webvtt();
	test_sync();
	test_slow_decoder_virtual();
	test_decode();
	test_info();
	test_bgra_tight();
	test_interlaced();
	test_seek();
	test_damaged();
	test_hdr();
	test_undecodable_video();
	fixture_cleanup();
	return CHECK_DONE();
}
