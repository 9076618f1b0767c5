/* Tests player/out/av on SDL's software renderer in virtual time
 * (headless: the ticks drive the audio clock): A/V sync and no drops on
 * an easy clip, gapless preloading, VFR, 5.1, 44.1 kHz mono, no audio,
 * SAR and rotation, subtitles, controls, damaged media and the watchdog,
 * all asserted on the JSON events. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "player/out/av.h"
#include "player/text/text.h"
#include "tests/unit/check.h"
#include "tests/unit/test_media_fixture.h"

#define TICK (1.0 / 60)
#define W 320
#define H 240

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static struct text_engine *text;

/* Every event line, kept for the assertions. */
static char **events;
static size_t n_events, cap_events;

static void collect(const char *json, void *user)
{
	(void)user;
	if (n_events == cap_events) {
		cap_events = cap_events ? cap_events * 2 : 1024;
		events = realloc(events, cap_events * sizeof(*events));
	}
	events[n_events++] = strdup(json);
	if (getenv("VV_TEST_VERBOSE"))
		printf("# %llu %s\n", (unsigned long long)SDL_GetTicks64(), json);
}

static void clear_events(void)
{
	for (size_t i = 0; i < n_events; i++)
		free(events[i]);
	n_events = 0;
}

static int is_event(const char *line, const char *event, const char *item)
{
	char want[64];
	snprintf(want, sizeof(want), "\"event\":\"%s\"", event);
	if (!strstr(line, want))
		return 0;
	if (!item)
		return 1;
	char it[128];
	snprintf(it, sizeof(it), "\"item\":\"%s\"", item);
	return strstr(line, it) != NULL;
}

static double num(const char *line, const char *key)
{
	char k[64];
	snprintf(k, sizeof(k), "\"%s\":", key);
	const char *p = strstr(line, k);
	return p ? strtod(p + strlen(k), NULL) : NAN;
}

static size_t count(const char *event, const char *item)
{
	size_t n = 0;
	for (size_t i = 0; i < n_events; i++)
		n += is_event(events[i], event, item);
	return n;
}

struct frame_stats {
	size_t frames;
	double max_abs_diff;
	unsigned dropped, repeated;
	int pts_increase;
};

static struct frame_stats frame_stats(const char *item)
{
	struct frame_stats s = { 0, 0, 0, 0, 1 };
	double last = -1e9;
	for (size_t i = 0; i < n_events; i++) {
		if (!is_event(events[i], "frame", item))
			continue;
		s.frames++;
		double d = fabs(num(events[i], "av_diff"));
		if (d > s.max_abs_diff)
			s.max_abs_diff = d;
		s.dropped += (unsigned)num(events[i], "dropped");
		s.repeated += (unsigned)num(events[i], "repeated");
		double pts = num(events[i], "pts");
		if (pts <= last)
			s.pts_increase = 0;
		last = pts;
	}
	return s;
}

static struct av_member member(const char *path)
{
	struct av_member m = { path, 0, (uint64_t)fixture_size(path), path,
				0, -1, NULL };
	return m;
}

/* Opens `clip` (Norwegian audio for a Norwegian bundle) as item `id` on
 * `av` and starts it. Returns the video, or NULL after freeing `av`. */
static struct av_video *play_clip(struct av_out *av, const char *clip,
				  const char *id)
{
	struct av_video_args a = {
		.video = member(clip), .item_id = id,
		.audio_lang = "nb", .bundle_lang = "nb",
	};
	struct av_video *v;

	if (av_video_open(av, &a, &v) != VV_OK) {
		av_out_free(av);
		return NULL;
	}
	av_video_play(v);
	return v;
}

struct item {
	const char *id;
	const char *path;
	uint64_t offset, size;
	const char *vtt;
};

struct run {
	int blank_ticks;         /* ticks where the screen had no picture */
	int ticks;
	int finished, failed;
	char message[256];
};

/* Plays items in order like the ui does: the next one is opened while
 * the current plays (preload), and shown in the same tick the current
 * one ends. Stops after max_ticks (a hang would end there). */
static struct run play_all(struct av_out *av, const struct item *items,
			   int n, int max_ticks)
{
	struct run r = { 0, 0, 0, 0, "" };
	struct av_video *cur = NULL, *next = NULL;
	int at = 0;
	double now = 0;
	while (r.ticks < max_ticks && at < n) {
		if (!cur) {
			struct av_video_args a = {
				.video = { items[at].path, items[at].offset,
					   items[at].size, items[at].id },
				.item_id = items[at].id,
				.audio_lang = "nb", .bundle_lang = "ar",
			};
			if (items[at].vtt)
				a.subtitles = member(items[at].vtt);
			if (av_video_open(av, &a, &cur) != VV_OK)
				break;
			av_video_play(cur);
		}
		av_out_tick(av, now);
		if (!next && at + 1 < n) {
			struct av_video_args a = {
				.video = { items[at + 1].path,
					   items[at + 1].offset,
					   items[at + 1].size,
					   items[at + 1].id },
				.item_id = items[at + 1].id,
				.audio_lang = "nb", .bundle_lang = "nb",
			};
			if (av_video_open(av, &a, &next) != VV_OK)
				break;
		}
		enum av_state st;
		while (cur && ((st = av_video_state(cur)) == AV_FINISHED ||
			       st == AV_FAILED)) {
			if (st == AV_FINISHED)
				r.finished++;
			else
				r.failed++;
			if (av_video_message(cur))
				snprintf(r.message, sizeof(r.message), "%s",
					 av_video_message(cur));
			av_video_free(cur);
			cur = next;
			next = NULL;
			at++;
			if (cur)
				av_video_play(cur);
		}
		if (!cur) {
			if (at < n)
				continue;
			break;
		}
		SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
		SDL_RenderClear(renderer);
		if (!av_video_present(cur, 0, 0, W, H))
			r.blank_ticks++;
		SDL_RenderPresent(renderer);
		now += TICK;
		r.ticks++;
	}
	av_video_free(cur);
	av_video_free(next);
	return r;
}

/* An av_out whose decoders hang after the given counts (0: never). */
static struct av_out *make_av_stalling(long video_after, long audio_after)
{
	struct av_config cfg = {
		.renderer = renderer, .text = text, .headless = 1,
		.test_stall_video_after = video_after,
		.test_stall_audio_after = audio_after,
	};
	struct av_out *av;
	if (av_out_new(&cfg, &av) != VV_OK)
		return NULL;
	av_out_set_log(av, collect, NULL);
	return av;
}

static struct av_out *make_av(void)
{
	return make_av_stalling(0, 0);
}

static void test_sync_and_gapless(void)
{
	char a[512], b[512], c[512];
	if (!fixture_make("a.mp4",
			  "-f lavfi -i testsrc=size=320x240:rate=25:duration=2 "
			  "-f lavfi -i sine=frequency=500:sample_rate=48000:"
			  "duration=2 -c:v libx264 -preset ultrafast "
			  "-c:a aac -shortest", a, sizeof(a)) ||
	    !fixture_make("b.mkv",
			  "-f lavfi -i testsrc2=size=320x240:rate=30:"
			  "duration=1.5 -f lavfi -i sine=frequency=700:"
			  "sample_rate=44100:duration=1.5 -ac 1 "
			  "-c:v libx264 -preset ultrafast -c:a libopus "
			  "-shortest", b, sizeof(b)) ||
	    !fixture_make("c.mp4",
			  "-f lavfi -i testsrc=size=320x240:rate=24:duration=1 "
			  "-c:v libx264 -preset ultrafast", c, sizeof(c)))
		return;
	/* b sits inside a larger file, as in a bundle */
	char bundle[512];
	snprintf(bundle, sizeof(bundle), "%s/b.vvb", fixture_tmpdir());
	fixture_embed(b, bundle, 4096);
	struct item items[] = {
		{ "a", a, 0, (uint64_t)fixture_size(a), NULL },
		{ "b", bundle, 4096, (uint64_t)fixture_size(b), NULL },
		{ "c", c, 0, (uint64_t)fixture_size(c), NULL },
	};
	struct av_out *av = make_av();
	if (!av)
		return;
	clear_events();
	struct run r = play_all(av, items, 3, 60 * 20);
	CHECK(r.finished == 3, "three clips play to their end");
	CHECK(r.blank_ticks == 0 && count("blank", NULL) == 0,
	      "gapless: a picture on every tick, first item included");
	struct frame_stats sa = frame_stats("a"), sb = frame_stats("b"),
			   sc = frame_stats("c");
	CHECK(sa.frames == 50, "every frame of the 25 fps clip presented");
	CHECK(sb.frames == 45, "every frame of the 30 fps clip presented");
	CHECK(sc.frames == 24, "every frame of the silent clip presented");
	CHECK(sa.dropped + sb.dropped + sc.dropped == 0,
	      "no dropped frame on easy clips");
	CHECK(sa.repeated + sb.repeated + sc.repeated == 0,
	      "no repeated frame on easy clips");
	/* shown on the tick nearest its time: within half a tick */
	CHECK(sa.max_abs_diff <= TICK / 2 + 1e-3,
	      "A/V sync within half a tick (AAC 48 kHz)");
	CHECK(sb.max_abs_diff <= TICK / 2 + 1e-3,
	      "A/V sync within half a tick (mono Opus 44.1 kHz)");
	CHECK(sa.pts_increase && sb.pts_increase, "pts increase");
	/* the log proves the preloading: b and c were ready before they
	 * started, and each started on the tick its predecessor ended */
	int preloaded = 0, same_tick = 0;
	for (size_t i = 0; i < n_events; i++) {
		if (is_event(events[i], "video_start", NULL) &&
		    num(events[i], "preloaded") == 1)
			preloaded++;
		if (is_event(events[i], "video_end", NULL)) {
			double t = num(events[i], "t");
			for (size_t j = i + 1; j < n_events; j++) {
				if (is_event(events[j], "first_picture",
					     NULL)) {
					same_tick += fabs(num(events[j], "t") -
							  t) < 1e-6;
					break;
				}
			}
		}
	}
	CHECK(preloaded == 3, "every item was ready before it started");
	CHECK(same_tick == 2, "next item's first frame in the ending tick");
	size_t silent_master = 0;
	for (size_t i = 0; i < n_events; i++)
		silent_master += is_event(events[i], "frame", "c") &&
				 strstr(events[i], "\"master\":\"player\"");
	CHECK(silent_master == 24, "no audio: the player's clock is master");
	av_out_free(av);
}

static void test_formats(void)
{
	char vfr[512], surround[512], sar[512], rot[512];
	/* 30 fps for a second, then 10 fps: variable frame rate */
	if (!fixture_make("vfr.mkv",
			  "-f lavfi -i testsrc=size=320x240:rate=30:duration=2 "
			  "-f lavfi -i sine=sample_rate=48000:duration=2.6 "
			  "-vf \"select='lt(n\\,30)+not(mod(n\\,3))'\" "
			  "-fps_mode vfr -c:v libx264 -preset ultrafast "
			  "-c:a libopus", vfr, sizeof(vfr)) ||
	    !fixture_make("surround.mp4",
			  "-f lavfi -i testsrc=size=320x240:rate=25:duration=1 "
			  "-f lavfi -i sine=sample_rate=48000:duration=1 "
			  "-af aformat=channel_layouts=5.1 -c:v libx264 "
			  "-preset ultrafast -c:a aac -shortest",
			  surround, sizeof(surround)) ||
	    !fixture_make("sar.mp4",
			  "-f lavfi -i testsrc=size=240x240:rate=25:duration=1 "
			  "-vf setsar=4/3 -c:v libx264 -preset ultrafast",
			  sar, sizeof(sar)))
		return;
	char args[1200];
	snprintf(args, sizeof(args), "-i '%s' -c copy -metadata:s:v:0 "
		 "rotate=90", sar);
	if (!fixture_make("rot.mp4", args, rot, sizeof(rot)))
		return;
	struct item items[] = {
		{ "vfr", vfr, 0, (uint64_t)fixture_size(vfr), NULL },
		{ "surround", surround, 0, (uint64_t)fixture_size(surround),
		  NULL },
		{ "sar", sar, 0, (uint64_t)fixture_size(sar), NULL },
		{ "rot", rot, 0, (uint64_t)fixture_size(rot), NULL },
	};
	struct av_out *av = make_av();
	if (!av)
		return;
	clear_events();
	struct run r = play_all(av, items, 4, 60 * 20);
	CHECK(r.finished == 4, "VFR, 5.1, SAR and rotated clips finish");
	struct frame_stats v = frame_stats("vfr");
	CHECK(v.frames == 40 && v.dropped == 0,
	      "VFR: every frame presented");
	CHECK(v.max_abs_diff <= TICK / 2 + 1e-3, "VFR: A/V in sync");
	struct frame_stats s = frame_stats("surround");
	CHECK(s.frames == 25 && s.max_abs_diff <= TICK / 2 + 1e-3,
	      "5.1 AAC: frames presented in sync");
	int sar_ok = 0, rot_ok = 0;
	for (size_t i = 0; i < n_events; i++) {
		if (is_event(events[i], "video_info", "sar"))
			sar_ok = strstr(events[i], "\"sar\":\"4:3\"") != NULL;
		if (is_event(events[i], "video_info", "rot"))
			rot_ok = num(events[i], "rotation") == 90 ||
				 num(events[i], "rotation") == 270;
	}
	CHECK(sar_ok, "SAR taken from the stream");
	CHECK(rot_ok, "rotation taken from the display matrix");
	av_out_free(av);

	/* Drawn shapes: 240x240 at 4:3 pixels is 320 wide by 240 high and
	 * fills the 320x240 rectangle; rotated it is 240x320, scaled to
	 * 180x240 and centred, leaving black bars left and right. */
	av = make_av();
	struct av_video *vid;
	struct av_video_args a = { .video = member(rot), .item_id = "r" };
	av_video_open(av, &a, &vid);
	av_video_play(vid);
	av_out_tick(av, 0);
	SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
	SDL_RenderClear(renderer);
	av_video_present(vid, 0, 0, W, H);
	Uint32 *px = surface->pixels;
	int pitch = surface->pitch / 4;
	Uint8 r1, g1, b1, r2, g2, b2;
	SDL_GetRGB(px[120 * pitch + 10], surface->format, &r1, &g1, &b1);
	SDL_GetRGB(px[120 * pitch + 160], surface->format, &r2, &g2, &b2);
	CHECK(r1 + g1 + b1 == 0 && r2 + g2 + b2 > 0,
	      "rotated picture is drawn upright with bars at the sides");
	av_video_free(vid);
	/* 240x240 at 4:3 pixels is 320x240: it fills the rectangle, no
	 * bars above or below (pixel aspect applied once, not twice) */
	struct av_video_args sa = { .video = member(sar), .item_id = "s" };
	av_video_open(av, &sa, &vid);
	av_video_play(vid);
	av_out_tick(av, 0);
	SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
	SDL_RenderClear(renderer);
	av_video_present(vid, 0, 0, W, H);
	long lit_top = 0, lit_bottom = 0;
	for (int x = 0; x < W; x++) {
		SDL_GetRGB(px[2 * pitch + x], surface->format, &r1, &g1, &b1);
		lit_top += r1 + g1 + b1 > 0;
		SDL_GetRGB(px[(H - 3) * pitch + x], surface->format, &r1, &g1,
			   &b1);
		lit_bottom += r1 + g1 + b1 > 0;
	}
	CHECK(lit_top > W / 2 && lit_bottom > W / 2,
	      "4:3 pixels shown at 320x240: no bars");
	av_video_free(vid);
	av_out_free(av);
}

static void test_subtitles(void)
{
	char clip[512], vtt[512];
	if (!fixture_make("sub.mp4",
			  "-f lavfi -i color=c=white:size=320x240:rate=25:"
			  "duration=2 -c:v libx264 -preset ultrafast",
			  clip, sizeof(clip)))
		return;
	snprintf(vtt, sizeof(vtt), "%s/sub.vtt", fixture_tmpdir());
	FILE *f = fopen(vtt, "w");
	if (!f)
		return;
	fputs("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n"
	      "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 2024\n", f);
	fclose(f);
	struct av_out *av = make_av();
	if (!av)
		return;
	struct av_video *v;
	struct av_video_args a = {
		.video = member(clip), .subtitles = member(vtt),
		.item_id = "sub", .audio_lang = "nb", .bundle_lang = "ar",
	};
	av_video_open(av, &a, &v);
	CHECK(av_video_subtitles(v) == 1,
	      "subtitles on when the audio is not the participant's");
	av_video_play(v);
	double now = 0;
	long dark_on = 0, dark_off = 0;
	for (int tick = 0; tick < 50; tick++, now += TICK) {
		if (tick == 25)
			av_video_set_subtitles(v, 0);
		av_out_tick(av, now);
		SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
		SDL_RenderClear(renderer);
		av_video_present(v, 0, 0, W, H);
		/* the bottom fifth of a white picture: dark = the box */
		Uint32 *px = surface->pixels;
		long dark = 0;
		for (int y = H * 4 / 5; y < H; y++)
			for (int x = 0; x < W; x++) {
				Uint8 r, g, b;
				SDL_GetRGB(px[y * (surface->pitch / 4) + x],
					   surface->format, &r, &g, &b);
				dark += r < 128;
			}
		if (tick == 20)
			dark_on = dark;
		if (tick == 30)
			dark_off = dark;
	}
	CHECK(dark_on > 500, "subtitle drawn in a dark box");
	CHECK(dark_off == 0, "subtitles toggled off");
	av_video_free(v);
	a.audio_lang = "ar";
	av_video_open(av, &a, &v);
	CHECK(av_video_subtitles(v) == 0,
	      "subtitles off when the audio is in the participant's language");
	av_video_free(v);
	av_out_free(av);
}

static void test_controls(void)
{
	char clip[512];
	if (!fixture_make("ctl.mp4",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=4 "
			  "-f lavfi -i sine=sample_rate=48000:duration=4 "
			  "-c:v libx264 -preset ultrafast -c:a aac -shortest",
			  clip, sizeof(clip)))
		return;
	struct av_out *av = make_av();
	if (!av)
		return;
	clear_events();
	struct av_video *v;
	struct av_video_args a = { .video = member(clip), .item_id = "ctl" };
	av_video_open(av, &a, &v);
	av_video_play(v);
	double now = 0;
	double at_pause = 0, after_pause = 0, after_seek = 0, after_back = 0;
	double after_replay = 9;
	int frames_while_paused = -1;
	for (int tick = 0; tick < 60 * 8; tick++, now += TICK) {
		av_out_tick(av, now);
		if (tick == 30) {
			av_video_pause(v, 1);
			at_pause = av_video_position(v);
			frames_while_paused = (int)count("frame", "ctl");
		}
		if (tick == 90) {
			after_pause = av_video_position(v);
			frames_while_paused =
				(int)count("frame", "ctl") -
				frames_while_paused;
			av_video_pause(v, 0);
		}
		if (tick == 100)
			av_video_seek(v, 10);      /* clamped to the end */
		if (tick == 110)
			after_seek = av_video_position(v);
		if (tick == 111)
			av_video_seek(v, -10);     /* clamped to 0 */
		if (tick == 120)
			after_back = av_video_position(v);
		if (tick == 150)
			av_video_replay(v);
		if (tick == 152)
			after_replay = av_video_position(v);
		SDL_RenderClear(renderer);
		av_video_present(v, 0, 0, 160, 120);
	}
	CHECK(at_pause > 0.4 && fabs(after_pause - at_pause) < 1e-9,
	      "pause holds the position");
	CHECK(frames_while_paused == 0, "no frame presented while paused");
	CHECK(after_seek > 3.5, "seek +10 s clamps to the end");
	CHECK(after_back < 0.5, "seek -10 s clamps to the start");
	CHECK(after_replay < 0.1, "replay starts again");
	CHECK(av_video_state(v) == AV_FINISHED, "finishes after replay");
	av_video_free(v);
	av_out_free(av);
}

static void test_damaged(void)
{
	char whole[512], junk[512];
	if (!fixture_make("dmg.mkv",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=4 "
			  "-f lavfi -i sine=sample_rate=48000:duration=4 "
			  "-c:v libx264 -preset ultrafast -c:a libopus "
			  "-shortest", whole, sizeof(whole)))
		return;
	snprintf(junk, sizeof(junk), "%s/junk.mp4", fixture_tmpdir());
	FILE *f = fopen(junk, "wb");
	for (int i = 0; f && i < 3000; i++)
		fputc(i * 31, f);
	if (f)
		fclose(f);
	uint64_t size = (uint64_t)fixture_size(whole);
	struct item items[] = {
		{ "truncated", whole, 0, size / 2, NULL },
		{ "junk", junk, 0, 3000, NULL },
		{ "good", whole, 0, size, NULL },
	};
	struct av_out *av = make_av();
	if (!av)
		return;
	clear_events();
	struct run r = play_all(av, items, 3, 60 * 30);
	CHECK(r.finished == 2 && r.failed == 1,
	      "truncated plays, junk fails, the next one plays");
	CHECK(count("blank", NULL) == 0, "no blank tick around damage");
	int truncated_said = 0;
	for (size_t i = 0; i < n_events; i++)
		truncated_said |= is_event(events[i], "video_end",
					   "truncated") &&
				  strstr(events[i], "\"reason\":\"damaged\"");
	CHECK(truncated_said, "truncated media ends with a message");
	CHECK(frame_stats("truncated").frames > 20,
	      "truncated media plays what decodes");
	CHECK(count("media_error", "junk") >= 1, "junk logged with a message");
	CHECK(frame_stats("good").frames == 100, "the player moves on");
	av_out_free(av);

	/* A decoder that stops (fault injected after 10 frames): the
	 * watchdog skips it; the test itself never hangs. */
	av = make_av_stalling(10, 0);
	if (!av)
		return;
	clear_events();
	struct item stall[] = { { "stall", whole, 0, size, NULL } };
	r = play_all(av, stall, 1, 60 * 60);
	CHECK(r.failed == 1 && count("watchdog", "stall") == 1,
	      "watchdog skips a stalled decoder");
	av_out_free(av);
}

static void test_narration(void)
{
	char ogg[512];
	if (!fixture_make("narr.opus",
			  "-f lavfi -i sine=sample_rate=44100:duration=1.5 "
			  "-c:a libopus", ogg, sizeof(ogg)))
		return;
	struct av_out *av = make_av();
	if (!av)
		return;
	struct av_member m = member(ogg);
	av_narration_play(av, &m);
	double now = 0;
	int tick = 0;
	double paused_at = -1, paused_after = -2;
	for (; tick < 60 * 5 && !av_narration_finished(av); tick++) {
		av_out_tick(av, now);
		if (tick == 30) {
			av_narration_pause(av, 1);
			paused_at = av_narration_position(av, NULL);
		}
		if (tick == 60) {
			paused_after = av_narration_position(av, NULL);
			av_narration_pause(av, 0);
		}
		now += TICK;
	}
	CHECK(av_narration_finished(av), "narration finishes");
	CHECK(fabs(paused_at - 0.5) < 0.02 && paused_at == paused_after,
	      "narration pauses");
	/* 1.5 s of audio (90 ticks) + 0.5 s paused (30), + 1 tick at start
	 * and resume each (controls take effect from the next tick) and
	 * 1 to notice the end */
	CHECK(abs(tick - 123) <= 2, "narration length follows its audio");
	av_narration_replay(av);
	av_out_tick(av, now += TICK);
	CHECK(!av_narration_finished(av), "narration replays");
	av_narration_stop(av);
	CHECK(av_narration_finished(av), "narration stops");
	struct av_member bad = { "/nonexistent", 0, 10, "bad", 0, -1,
				  NULL };
	av_narration_play(av, &bad);
	for (tick = 0; tick < 600 && !av_narration_finished(av); tick++) {
		av_out_tick(av, now += TICK);
		SDL_Delay(1);
	}
	CHECK(av_narration_finished(av), "a bad narration counts as finished");
	av_out_free(av);
	/* a narration whose decoder hangs: the watchdog ends it */
	av = make_av_stalling(0, 5);
	if (!av)
		return;
	clear_events();
	av_narration_play(av, &m);
	for (tick = 0; tick < 600 && !av_narration_finished(av); tick++)
		av_out_tick(av, now += TICK);
	CHECK(av_narration_finished(av) && count("watchdog", NULL) == 1,
	      "watchdog ends a stalled narration");
	av_out_free(av);
}

/* The SDL audio device path (SDL's dummy driver consumes samples in real
 * time through the callback): the audio clock drives the video and the
 * clip plays to its end. No timing is asserted, only that it works. */
static void test_device(void)
{
	char clip[512];
	if (!fixture_make("dev.mp4",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=1 "
			  "-f lavfi -i sine=sample_rate=44100:duration=1 "
			  "-c:v libx264 -preset ultrafast -c:a aac -shortest",
			  clip, sizeof(clip)))
		return;
	SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
	struct av_config cfg = { .renderer = renderer, .text = text };
	struct av_out *av;
	if (av_out_new(&cfg, &av) != VV_OK)
		return;
	av_out_set_log(av, collect, NULL);
	clear_events();
	struct av_video *v;
	struct av_video_args a = { .video = member(clip), .item_id = "dev" };
	av_video_open(av, &a, &v);
	av_video_play(v);
	Uint64 t0 = SDL_GetTicks64();
	while (SDL_GetTicks64() - t0 < 10000) {
		av_out_tick(av, (double)(SDL_GetTicks64() - t0) / 1000);
		enum av_state st = av_video_state(v);
		if (st == AV_FINISHED || st == AV_FAILED)
			break;
		av_video_present(v, 0, 0, W, H);
		SDL_Delay(10);
	}
	CHECK(av_video_state(v) == AV_FINISHED,
	      "device clock: the clip plays to its end");
	const char *end = NULL;
	for (size_t i = 0; i < n_events; i++)
		if (is_event(events[i], "video_end", "dev"))
			end = events[i];
	CHECK(end && num(end, "clock") > 0.9,
	      "device clock: the audio clock ran through the clip");
	CHECK(count("frame", "dev") > 0, "device clock: frames presented");
	av_video_free(v);
	av_out_free(av);
}

/* The colour of the pixel at (x, y) of the last present, as 0xRRGGBB. */
static unsigned pixel_at(int x, int y)
{
	const Uint32 *row = (const Uint32 *)((const Uint8 *)surface->pixels +
					     (size_t)y * surface->pitch);
	return row[x] & 0xffffffu;   /* ARGB8888 */
}

/* Full-range ("JPEG levels") video: greys 8 and 247 stay 8 and 247; shown
 * as video levels they would become 0 and 255 (blacks crushed, whites
 * clipped). */
static void test_full_range(void)
{
	char clip[512];
	if (!fixture_make("full.mp4",
			  "-f lavfi -i color=c=0x080808:s=160x240:d=1 "
			  "-f lavfi -i color=c=0xf7f7f7:s=160x240:d=1 "
			  "-filter_complex hstack,scale=out_range=full,"
			  "format=yuvj420p -c:v libx264 -preset ultrafast",
			  clip, sizeof(clip)))
		return;
	struct av_out *av = make_av();
	if (!av)
		return;
	struct av_video *v = play_clip(av, clip, "full");
	if (!v)
		return;
	double now = 0;
	int drawn = 0;
	for (int i = 0; i < 10; i++) {
		av_out_tick(av, now);
		drawn = av_video_present(v, 0, 0, W, H);
		now += TICK;
	}
	unsigned dark = pixel_at(80, 120), light = pixel_at(240, 120);
	av_video_free(v);
	av_out_free(av);
	printf("(full range: dark %06x, light %06x)\n", dark, light);
	int d = (int)(dark & 0xff), l = (int)(light & 0xff);
	CHECK(drawn && abs(d - 8) <= 3,
	      "full range: near-black grey is not crushed to black");
	CHECK(drawn && abs(l - 247) <= 3,
	      "full range: near-white grey is not clipped to white");
}

static double wall_seconds(void)
{
	return (double)SDL_GetTicks64() / 1000;
}

/* A decoder too slow for its film (a fault makes each 60 fps frame cost
 * 30 ms more, so it manages under 33 a second), played at real time as
 * a kiosk would: it must skip frames (on any machine: the fault alone is
 * slower than the film), log them, and the film runs to its end. How far
 * the picture strays from the sound at real time depends on the machine,
 * so it is printed, not checked: that the skipping keeps it within
 * 100 ms but for at most a second is test_media's, on a virtual clock,
 * and bench-player-heavy measures it on real films. */
static void test_slow_decoder(void)
{
	char clip[512];
	if (!fixture_make("slow.mp4",
			  "-f lavfi -i testsrc2=size=320x240:rate=60:"
			  "duration=3 -f lavfi -i sine=sample_rate=48000:"
			  "duration=3 -c:v libx264 -preset veryfast -g 60 "
			  "-c:a aac -shortest", clip, sizeof(clip)))
		return;
	struct av_config cfg = {
		.renderer = renderer, .text = text, .headless = 1,
		.real_time = 1, .test_video_delay_ms = 30,
	};
	struct av_out *av;
	if (av_out_new(&cfg, &av) != VV_OK)
		return;
	av_out_set_log(av, collect, NULL);
	clear_events();
	struct av_video *v = play_clip(av, clip, "slow");
	if (!v)
		return;
	double start = wall_seconds();
	enum av_state st = AV_LOADING;
	while (wall_seconds() - start < 10) {
		av_out_tick(av, wall_seconds() - start);
		st = av_video_state(v);
		if (st == AV_FINISHED || st == AV_FAILED)
			break;
		av_video_present(v, 0, 0, W, H);
		SDL_Delay(16);
	}
	av_video_free(v);
	av_out_free(av);
	CHECK(st == AV_FINISHED, "slow decoder: the film plays to its end");
	double over_since = -1, longest = 0, last_pts = 0, worst = 0;
	unsigned skipped = 0;
	for (size_t i = 0; i < n_events; i++) {
		if (is_event(events[i], "video_end", "slow"))
			skipped = (unsigned)num(events[i], "skipped");
		if (!is_event(events[i], "frame", "slow"))
			continue;
		double d = fabs(num(events[i], "av_diff"));
		double c = num(events[i], "audio_clock");
		last_pts = num(events[i], "pts");
		if (d > worst)
			worst = d;
		if (d > 0.1) {
			if (over_since < 0)
				over_since = c;
			if (c - over_since > longest)
				longest = c - over_since;
		} else {
			over_since = -1;
		}
	}
	printf("(slow decoder: %u frames skipped, worst |A-V| %.3f s, "
	       "longest over 100 ms %.3f s, last pts %.3f)\n", skipped,
	       worst, longest, last_pts);
	CHECK(skipped > 0, "slow decoder: skipped frames are logged");
	CHECK(last_pts >= 2.0,
	      "slow decoder: shown at least to its last keyframe (2 s)");
}

/* Media events are JSON lines whatever the item is called: a long name
 * with a byte that is not UTF-8 is cut between characters and written
 * with U+FFFD, and the line keeps its closing quotes and brace. */
static void test_long_names(void)
{
	char clip[512], id[3001];
	if (!fixture_make("ctl.mp4",
			  "-f lavfi -i testsrc=size=160x120:rate=25:duration=4 "
			  "-f lavfi -i sine=sample_rate=48000:duration=4 "
			  "-c:v libx264 -preset ultrafast -c:a aac -shortest",
			  clip, sizeof(clip)))
		return;
	memset(id, 'x', sizeof(id) - 1);
	id[0] = (char)0xff;
	id[sizeof(id) - 1] = '\0';
	struct av_out *av = make_av();
	if (!av)
		return;
	clear_events();
	struct av_video *v;
	struct av_video_args a = { .video = member(clip), .item_id = id };
	if (av_video_open(av, &a, &v) != VV_OK) {
		av_out_free(av);
		return;
	}
	av_video_play(v);
	for (int tick = 0; tick < 30; tick++)
		av_out_tick(av, tick * TICK);
	size_t bad = 0, replaced = 0;
	for (size_t i = 0; i < n_events; i++) {
		size_t len = strlen(events[i]), quotes = 0;
		for (size_t k = 0; k < len; k++)
			quotes += events[i][k] == '"';
		if (len == 0 || events[i][len - 1] != '}' || quotes % 2 ||
		    strchr(events[i], (char)0xff))
			bad++;
		replaced += strstr(events[i], "\xef\xbf\xbd") != NULL;
	}
	CHECK(n_events > 0 && bad == 0 && replaced > 0,
	      "log: a 3000-byte item name with a non-UTF-8 byte gives whole "
	      "JSON lines");
	av_video_free(v);
	av_out_free(av);
}

int main(void)
{
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		printf("FAIL sdl init: %s\n", SDL_GetError());
		return 1;
	}
	surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32,
						 SDL_PIXELFORMAT_ARGB8888);
	renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
	if (!renderer) {
		printf("FAIL software renderer: %s\n", SDL_GetError());
		return 1;
	}
	if (text_engine_new(renderer, NULL, &text) != VV_OK)
		text = NULL;
	void (*tests[])(void) = { test_sync_and_gapless, test_formats,
				  test_subtitles, test_controls,
				  test_damaged, test_narration,
				  test_device, test_slow_decoder,
				  test_full_range, test_long_names };
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		Uint64 t0 = SDL_GetTicks64();
		tests[i]();
		if (getenv("VV_TEST_VERBOSE"))
			printf("# test %zu took %llu ms\n", i,
			       (unsigned long long)(SDL_GetTicks64() - t0));
	}
	clear_events();
	free(events);
	text_engine_free(text);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	SDL_Quit();
	fixture_cleanup();
	return CHECK_DONE();
}
