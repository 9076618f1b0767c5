/* av: SDL side of media playback (audio device, YUV textures, subtitles);
 * see av.h. Decoding and the sync policy are in player/media. */
#include "player/out/av.h"

#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "common/i18n.h"
#include "common/json.h"
#include "common/lang.h"
#include "player/media/media.h"
#include "player/media/sync.h"
#include "player/media/webvtt.h"
#include "player/out/out.h"
#include "player/out/pulse.h"
#include "player/text/text.h"

#define AV_RATE 48000
#define AV_CHANNELS 2
#define AV_DEVICE_FRAMES 1024
/* Watchdog: a clock or decoder that does not move for this long (real
 * time) while playing is stalled; an item that shows no first frame in
 * AV_OPEN_TIMEOUT failed to open. */
#define AV_STALL_SECONDS 3.0
#define AV_OPEN_TIMEOUT 8.0
/* Headless, in virtual time the clock must not outrun the decoder: wait
 * for it, at most this long per tick (real time). */
#define AV_HEADLESS_WAIT 0.5
#define AV_LOG_MAX 4096
/* A lost audio device is looked for again after 1 s, then 2, 4, ... at
 * most every 16 s. */
#define AV_RETRY_MIN 1.0
#define AV_RETRY_MAX 16.0
/* Where a playing device's sound goes is asked this often, not on every
 * tick: SDL copies the default output's name under its driver's lock. */
#define AV_FOLLOW_GAP 1.0

/* One decoded audio stream feeding the device (or the headless clock). */
struct av_audio {
	struct media *media;
	int running;       /* consumed: playing, not paused */
	double position;   /* pts of the next frame to hand out */
	/* device clock, written by the callback (device locked) */
	double cb_end;     /* position after the last callback */
	double cb_span;    /* seconds of audio that callback wrote */
	double cb_wall;    /* real time of that callback */
	int cb_valid;
	double held;       /* clock while not running or before callbacks */
	int ended;         /* media_audio_done() seen */
	int fresh;         /* headless: (re)started since the last tick, so
	                    * the first tick's elapsed time was not heard */
};

struct av_sound {
	struct av_audio audio;
	char *name;
	int finished;
	int failed;
	double last_position;  /* watchdog: where it was, and when (real */
	double last_move;      /* time) it last moved */
};

struct av_video {
	struct av_out *av;
	struct av_video *next;     /* av->videos list */
	struct media *media;
	struct media_info info;
	struct av_audio audio;
	int has_info;
	char *item;
	char *bundle_lang;
	struct webvtt *subs;
	int subtitles_on;
	enum av_state state;
	int play_requested;
	int pause_requested;       /* paused while loading: it starts paused
	                            * on its first frame */
	const char *message;       /* English; translated on the way out */
	char message_buf[256];
	SDL_Texture *texture;
	int tex_w, tex_h;
	int box_w, box_h;          /* box given to the decoder (prescale) */
	int have_picture;
	int unlogged;              /* picture uploaded, no frame event yet */
	int first_drawn;           /* first_picture logged since play */
	/* what the last av_video_present() showed */
	enum av_state drawn_state;
	uint64_t drawn_index;
	const char *drawn_cue;
	const char *logged_cue;      /* the last cue told in the log */
	int drawn_subtitles;
	int drawn_any;
	int fill_bars;             /* next present paints the letterbox */
	double pic_pts, pic_duration;
	int seek_still;            /* sought while paused: the first picture
	                            * at the new place is shown once decoded */
	int pic_sar_num, pic_sar_den;  /* the texture's pixel aspect */
	uint64_t pic_index;
	int presented;             /* frames presented since (re)start */
	unsigned dropped_pending, repeated_pending;
	int repeating;
	unsigned total_dropped, total_repeated, total_frames;
	unsigned skipped_logged;   /* media_video_skipped() at the last
	                            * frame event */
	int pic_709;               /* the texture's colours are BT.709 */
	/* clock when there is no audio (or it ended) */
	double ext_base, ext_since;
	int ext_running;
	int ext_fresh;             /* started since the last tick */
	double last_clock;
	double last_clock_wall;    /* real time the clock last moved */
	double last_pic_wall;      /* real time a picture last came */
	double open_wall, play_wall, ready_wall;
	double open_now;           /* av->now when opened */
	int ready_logged;
	int preloaded;             /* ready before play was called */
	int end_logged;
};

struct av_out {
	SDL_Renderer *renderer;
	struct text_engine *text;
	int headless;              /* no device: ticks drive the clock */
	int wait_decoders;         /* --headless (not a missing device):
	                            * bounded waits for late decoders */
	int threads;
	long stall_video_after, stall_audio_after; /* av_config tests */
	int video_delay_ms;
	double load_seconds;       /* av_config test_load_seconds */
	int prescale;              /* the renderer converts YUV on the CPU:
	                            * decode threads scale down first */
	int rgb_upload;            /* SDL's software renderer: pictures are
	                            * converted to BGRA once, at upload, by
	                            * libswscale (SIMD) straight into the
	                            * texture, instead of by SDL's portable
	                            * YUV code */
	int box_w, box_h;          /* the last video rectangle, or the
	                            * output size before any */
	int smooth;                /* SDL_HINT_RENDER_SCALE_QUALITY > 0 */
	SDL_AudioDeviceID device;
	int rate, channels;
	int device_frames;
	int lost;                  /* no device, though not --headless: one
	                            * is looked for at retry_at */
	int had_device;            /* a device opened once: one that opens
	                            * after is "back", not "found" */
	char *output;              /* the system's default output when the
	                            * device opened, as SDL names it (free
	                            * with SDL_free); NULL: not told */
	double retry_at, retry_gap;
	double follow_at;          /* the next look at the default output */
	float *scratch;            /* callback / headless mixing buffer */
	int scratch_frames;
	void (*log)(const char *json, void *user);
	void *log_user;
	double now, prev_now, interval;
	int ticked;
	double carry;              /* headless: fractional frames */
	struct av_sound *narration;
	struct av_sound *held;     /* set aside by av_narration_hold() */
	int held_running;          /* it was playing (not paused) then */
	struct av_video *videos;
	struct av_video *current;  /* the one whose audio plays */
};

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- log ---- */

/* Writes {"t":..,"event":"EVENT","item":"ITEM"<fmt fields>}. */
static void av_log(struct av_out *av, const char *event, const char *item,
		   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void av_log(struct av_out *av, const char *event, const char *item,
		   const char *fmt, ...)
{
	if (!av->log)
		return;
	char buf[AV_LOG_MAX];
	size_t len = (size_t)snprintf(buf, sizeof(buf),
				      "{\"t\":%.4f,\"event\":\"%s\"", av->now,
				      event);
	if (item) {
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
					",\"item\":\"");
		/* A long name is cut between characters, at a quarter of the
		 * line: the fields after it always fit. */
		json_escape(buf, len + AV_LOG_MAX / 4, &len, item);
		buf[len++] = '"';
		buf[len] = '\0';
	}
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(buf + len, sizeof(buf) - len - 1, fmt, ap);
		va_end(ap);
		/* Fields that do not fit whole are left out, not cut: the
		 * line stays valid JSON. */
		if (n > 0 && (size_t)n < sizeof(buf) - len - 1)
			len += (size_t)n;
	}
	buf[len++] = '}';
	buf[len] = '\0';
	av->log(buf, av->log_user);
}

static void av_log_message(struct av_out *av, const char *event,
			   const char *item, const char *what)
{
	char msg[AV_LOG_MAX / 4];
	size_t len = 0;
	msg[0] = '\0';
	json_escape(msg, sizeof(msg), &len, what);
	av_log(av, event, item, ",\"message\":\"%s\"", msg);
}

/* ---- audio sources ---- */

static void audio_reset(struct av_audio *a, double at)
{
	a->position = at;
	a->held = at;
	a->cb_valid = 0;
	a->ended = 0;
	a->fresh = 1;
}

/* Hands out up to `frames` frames of `a` into out (mixed in by adding),
 * silence where the stream has a gap, and advances a->position. Returns
 * the frames accounted for (played or silent); fewer when the decoder is
 * behind. Runs on the audio thread with a device. */
static int audio_pull(struct av_out *av, struct av_audio *a, float *out,
		      int frames)
{
	int done = 0;
	float *tmp = av->scratch;
	while (done < frames) {
		double next;
		if (!media_audio_next_pts(a->media, &next))
			break;
		double gap = next - a->position;
		if (gap > 0.5 / av->rate) {
			/* a gap (late start, VFR audio): play silence so the
			 * clock still advances */
			int n = (int)(gap * av->rate + 0.5);
			if (n > frames - done)
				n = frames - done;
			if (n <= 0)
				break;
			done += n;
			a->position += (double)n / av->rate;
			continue;
		}
		int want = frames - done;
		if (want > av->scratch_frames)
			want = av->scratch_frames;
		double pts = next;
		int n = media_audio_read(a->media, tmp, want, &pts);
		if (n <= 0)
			break;
		float *dst = out + (size_t)done * (size_t)av->channels;
		for (int i = 0; i < n * av->channels; i++)
			dst[i] += tmp[i];
		done += n;
		a->position = pts + (double)n / av->rate;
	}
	return done;
}

/* The audio clock: what is being heard now. Device locked by caller. */
static double audio_clock(const struct av_out *av, const struct av_audio *a)
{
	if (!a->running || !a->cb_valid || av->headless)
		return a->held;
	double latency = (double)av->device_frames / av->rate;
	double c = a->cb_end - a->cb_span - latency +
		   (wall_now() - a->cb_wall);
	if (c > a->cb_end)
		c = a->cb_end;
	if (c < a->held)
		c = a->held;
	return c;
}

static void lock_device(struct av_out *av)
{
	if (av->device)
		SDL_LockAudioDevice(av->device);
}

static void unlock_device(struct av_out *av)
{
	if (av->device)
		SDL_UnlockAudioDevice(av->device);
}

static void audio_set_running(struct av_out *av, struct av_audio *a,
			      int running)
{
	lock_device(av);
	if (a->running && !running)
		a->held = audio_clock(av, a);
	if (!a->running && running) {
		a->cb_valid = 0;
		a->fresh = 1;
	}
	a->running = running;
	unlock_device(av);
}

static void feed(struct av_out *av, struct av_audio *a, float *out,
		 int frames, int device)
{
	if (!a || !a->running || !a->media || a->ended)
		return;
	if (media_state(a->media) != MEDIA_RUNNING)
		return;
	int n = audio_pull(av, a, out, frames);
	if (device) {
		a->cb_end = a->position;
		a->cb_span = (double)n / av->rate;
		a->cb_wall = wall_now();
		if (!a->cb_valid && n > 0)
			a->held = a->position - a->cb_span;
		a->cb_valid = 1;
	} else {
		a->held = a->position;
	}
}

static void SDLCALL device_callback(void *user, Uint8 *stream, int len)
{
	struct av_out *av = user;
	float *out = (float *)(void *)stream;
	int frames = len / (int)(sizeof(float) * (size_t)av->channels);
	memset(stream, 0, (size_t)len);
	/* The device buffer is never larger than the scratch buffer. */
	if (av->narration)
		feed(av, &av->narration->audio, out, frames, 1);
	if (av->current)
		feed(av, &av->current->audio, out, frames, 1);
}

/* Headless: hand out `frames` frames from a source as a device would,
 * waiting (bounded) for a decoder that is behind so that virtual time
 * cannot outrun it. */
static void headless_consume(struct av_out *av, struct av_audio *a,
			     int frames)
{
	if (!a->running || !a->media || a->ended)
		return;
	if (a->fresh) {
		a->fresh = 0;
		return;
	}
	/* only a --headless run waits; a kiosk without a sound device
	 * keeps its screen moving and lets the watchdog judge */
	double deadline = wall_now() + (av->wait_decoders ? AV_HEADLESS_WAIT
							   : 0);
	int left = frames;
	float *sink = av->scratch + (size_t)av->scratch_frames *
				    (size_t)av->channels;
	while (left > 0) {
		if (media_state(a->media) == MEDIA_FAILED ||
		    media_audio_done(a->media))
			break;
		int chunk = left < av->scratch_frames ? left
						      : av->scratch_frames;
		memset(sink, 0, (size_t)chunk * (size_t)av->channels *
				sizeof(float));
		int n = media_state(a->media) == MEDIA_RUNNING
			? audio_pull(av, a, sink, chunk) : 0;
		left -= n;
		if (n == 0) {
			if (wall_now() > deadline)
				break;
			media_wait(a->media, 0.02);
		}
	}
	a->held = a->position;
}

/* ---- out ---- */

/* Whether SDL may start its audio driver `name`: none is asked for
 * (SDL_AUDIODRIVER, or the hint set after the first open), or the list
 * asked for names it (as SDL compares: ignoring case). */
static int audio_driver_may_be(const char *name)
{
	const char *hint = SDL_GetHint(SDL_HINT_AUDIODRIVER);
	return !hint || !*hint || strcasestr(hint, name) != NULL;
}

/* The name of the system's default output, as SDL tells it (PulseAudio
 * and PipeWire: the sink's description). Returns it (free with
 * SDL_free), or NULL when SDL does not tell. */
static char *output_name(void)
{
	char *name = NULL;
	SDL_AudioSpec spec;
	if (SDL_GetDefaultAudioInfo(&name, &spec, 0) != 0)
		return NULL;
	return name;
}

/* Opens the audio subsystem and the default device and starts it. The
 * first time (!again) the device's own rate, channels and buffer are
 * taken; when it opens again (a device came back), SDL converts to the
 * format the sources were opened at. Returns 0, or -1 after one line
 * that says why (the first time only: retries are quiet). */
static int device_open(struct av_out *av, int again)
{
	/* SDL 2.26's PulseAudio driver ("pulseaudio", or "pulse") crashes
	 * starting while the server has no sink: then there is no output to
	 * open anyway. Opened again, the subsystem stays (a device connects
	 * to the server anew each time it opens). */
	if (!SDL_WasInit(SDL_INIT_AUDIO) &&
	    audio_driver_may_be("pulse") && pulse_without_sink()) {
		if (!again)
			vv_error(NULL, 0, _("the sound server has no sound "
					    "device; films and narration play "
					    "without sound until one is "
					    "there"));
		return -1;
	}
	if (!SDL_WasInit(SDL_INIT_AUDIO) &&
	    SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		if (!again)
			vv_error(NULL, 0, _("no audio device (%s); videos "
					    "play without sound"),
				 SDL_GetError());
		return -1;
	}
	SDL_AudioSpec want, have;
	SDL_zero(want);
	want.freq = av->rate;
	want.format = AUDIO_F32SYS;
	want.channels = (Uint8)av->channels;
	want.samples = (Uint16)av->device_frames;
	want.callback = device_callback;
	want.userdata = av;
	av->device = SDL_OpenAudioDevice(NULL, 0, &want, &have, again ? 0 :
		SDL_AUDIO_ALLOW_FREQUENCY_CHANGE |
		SDL_AUDIO_ALLOW_CHANNELS_CHANGE |
		SDL_AUDIO_ALLOW_SAMPLES_CHANGE);
	if (!av->device) {
		if (again)
			return -1;
		vv_error(NULL, 0, _("cannot open the audio device (%s); "
				    "videos play without sound"),
			 SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return -1;
	}
	/* Again, the same kind of driver: while a sound server restarts,
	 * the player must not take the sound card from under it. */
	const char *driver = SDL_GetCurrentAudioDriver();
	if (driver)
		SDL_SetHint(SDL_HINT_AUDIODRIVER, driver);
	av->had_device = 1;
	SDL_free(av->output);
	av->output = output_name();
	if (!again) {
		av->rate = have.freq;
		av->channels = have.channels > 8 ? 8 : have.channels;
		av->device_frames = have.samples;
	}
	return 0;
}

/* The clock of a source that plays holds where it is heard now, for the
 * ticks (no device) or the next device's first callback to go on from. */
static void audio_rebase(struct av_out *av, struct av_audio *a)
{
	if (a->running)
		a->held = audio_clock(av, a);
	a->cb_valid = 0;
}

/* The device was lost, or is tried again: closes it and opens the
 * default device (anew on a restarted sound server). Meanwhile, and if
 * none opens, the ticks drive the clocks as with no device: films and
 * narration go on silently. */
static void device_reopen(struct av_out *av)
{
	if (av->device) {
		/* SDL stopped it: closing does not wait on a sound server */
		SDL_CloseAudioDevice(av->device);
		av->device = 0;
	}
	/* no callback runs now: no lock */
	if (av->narration)
		audio_rebase(av, &av->narration->audio);
	if (av->held)
		audio_rebase(av, &av->held->audio);
	for (struct av_video *v = av->videos; v; v = v->next)
		audio_rebase(av, &v->audio);
	av->headless = 1;
	double wall = wall_now();
	int found = !av->had_device;
	if (device_open(av, 1) != 0) {
		av->retry_at = wall + av->retry_gap;
		av->retry_gap = av->retry_gap * 2 < AV_RETRY_MAX
			? av->retry_gap * 2 : AV_RETRY_MAX;
		return;
	}
	av->headless = 0;
	av->lost = 0;
	SDL_PauseAudioDevice(av->device, 0);
	if (found) {
		vv_error(NULL, 0, _("a sound device is there now: sound is "
				    "on"));
		av_log(av, "audio_device", NULL, ",\"state\":\"found\"");
	} else {
		vv_error(NULL, 0, _("a sound device is there again: sound is "
				    "back"));
		av_log(av, "audio_device", NULL, ",\"state\":\"back\"");
	}
}

/* The device is the system's default output, and the sound servers that
 * SDL names it for (PulseAudio, PipeWire) move its sound when the default
 * changes: when the device in use goes away and there is another, or
 * another is chosen. SDL tells no move for the opened device (it goes on
 * playing), but a new default output's name while it plays is one. */
static void device_follow(struct av_out *av)
{
	char *name = output_name();
	if (!name)
		return;   /* none for a moment, or not told: the last stays */
	if (av->output && strcmp(name, av->output) != 0) {
		char json[AV_LOG_MAX / 4];
		size_t len = 0;
		json[0] = '\0';
		json_escape(json, sizeof(json), &len, name);
		vv_error(NULL, 0, _("sound now goes to another device: %s"),
			 name);
		av_log(av, "audio_device", NULL,
		       ",\"state\":\"moved\",\"device\":\"%s\"", json);
	}
	SDL_free(av->output);
	av->output = name;
}

/* Called on each tick: notices a device that went away (SDL then stops
 * it) and tries again, less and less often, while there is none, and
 * notices where the sound of one that plays went. */
static void device_check(struct av_out *av)
{
	SDL_AudioStatus status = av->device && !av->lost
		? SDL_GetAudioDeviceStatus(av->device) : SDL_AUDIO_STOPPED;
	if (status == SDL_AUDIO_PLAYING && wall_now() >= av->follow_at) {
		av->follow_at = wall_now() + AV_FOLLOW_GAP;
		device_follow(av);
	}
	if (av->device && !av->lost && status == SDL_AUDIO_STOPPED) {
		av->lost = 1;
		vv_error(NULL, 0, _("the sound device was lost; films and "
				    "narration go on without sound until "
				    "it is back"));
		av_log(av, "audio_device", NULL, ",\"state\":\"lost\"");
		av->retry_gap = AV_RETRY_MIN;
		device_reopen(av);
	} else if (av->lost && wall_now() >= av->retry_at) {
		device_reopen(av);
	}
}

enum vv_err av_out_new(const struct av_config *cfg, struct av_out **out)
{
	*out = NULL;
	struct av_out *av = calloc(1, sizeof(*av));
	if (!av)
		return VV_ERR_NOMEM;
	av->renderer = cfg->renderer;
	av->text = cfg->text;
	av->headless = cfg->headless;
	av->wait_decoders = cfg->headless && !cfg->real_time;
	av->threads = cfg->frame_threads > 0 ? cfg->frame_threads : 0;
	av->stall_video_after = cfg->test_stall_video_after;
	av->stall_audio_after = cfg->test_stall_audio_after;
	av->video_delay_ms = cfg->test_video_delay_ms;
	av->load_seconds = cfg->test_load_seconds;
	av->rate = AV_RATE;
	av->channels = AV_CHANNELS;
	av->device_frames = AV_DEVICE_FRAMES;
	SDL_SetYUVConversionMode(SDL_YUV_CONVERSION_AUTOMATIC);
	/* Decode threads allocate picture-sized blocks; with an arena per
	 * thread each keeps its own free pages, which costs ~8 MB of RSS at
	 * 1080p and makes a kiosk's memory less flat. One arena is enough:
	 * the threads allocate a few blocks per frame. Must run before the
	 * first thread starts. */
	mallopt(M_ARENA_MAX, 1);
	if (av->renderer) {
		/* A renderer without native YUV textures (SDL's software
		 * one) converts the whole picture to RGB at upload and
		 * scales it on every draw: hand it pictures at the size
		 * they are shown instead. */
		SDL_RendererInfo info;
		av->prescale = 1;
		if (SDL_GetRendererInfo(av->renderer, &info) == 0)
			for (Uint32 i = 0; i < info.num_texture_formats; i++)
				if (info.texture_formats[i] ==
					    SDL_PIXELFORMAT_IYUV ||
				    info.texture_formats[i] ==
					    SDL_PIXELFORMAT_YV12)
					av->prescale = 0;
		if (!av->prescale && out_renderer_software_gl(av->renderer))
			av->prescale = 1;
		if (av->prescale && SDL_GetRendererInfo(av->renderer,
							&info) == 0 &&
		    (info.flags & SDL_RENDERER_SOFTWARE))
			av->rgb_upload = 1;
		SDL_GetRendererOutputSize(av->renderer, &av->box_w,
					  &av->box_h);
		/* scale as well as SDL would: nearest unless asked */
		const char *q = SDL_GetHint(SDL_HINT_RENDER_SCALE_QUALITY);
		av->smooth = q && (!strcmp(q, "1") || !strcmp(q, "2") ||
				   !strcasecmp(q, "linear") ||
				   !strcasecmp(q, "best"));
	}
	if (!av->headless && device_open(av, 0) != 0) {
		av->headless = 1;
		av->lost = 1;   /* tried again: the sound server may start later */
		av->retry_gap = AV_RETRY_MIN;
		av->retry_at = wall_now() + av->retry_gap;
	}
	av->scratch_frames = av->device_frames > 4096 ? av->device_frames
						      : 4096;
	/* two halves: mixing input and the headless sink */
	av->scratch = calloc((size_t)av->scratch_frames * 2,
			     (size_t)av->channels * sizeof(float));
	if (!av->scratch) {
		av_out_free(av);
		return VV_ERR_NOMEM;
	}
	if (av->device)
		SDL_PauseAudioDevice(av->device, 0);
	*out = av;
	return VV_OK;
}

static void sound_free(struct av_sound *s)
{
	if (!s)
		return;
	media_free(s->audio.media);
	free(s->name);
	free(s);
}

void av_out_free(struct av_out *av)
{
	if (!av)
		return;
	if (av->device)
		SDL_CloseAudioDevice(av->device);
	SDL_free(av->output);
	if (SDL_WasInit(SDL_INIT_AUDIO))
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	sound_free(av->narration);
	sound_free(av->held);
	free(av->scratch);
	free(av);
}

void av_out_set_log(struct av_out *av,
		    void (*fn)(const char *json, void *user), void *user)
{
	av->log = fn;
	av->log_user = user;
}

static void video_tick(struct av_video *v);

void av_out_tick(struct av_out *av, double now)
{
	double dt = av->ticked ? now - av->now : 0;
	if (dt < 0)
		dt = 0;
	if (av->ticked && dt > 0)
		av->interval = av->interval > 0
			? av->interval * 0.9 + dt * 0.1 : dt;
	av->prev_now = av->now;
	av->now = now;
	av->ticked = 1;
	if (av->device || av->lost)
		device_check(av);
	if (av->headless && dt > 0) {
		double want = dt * av->rate + av->carry;
		int frames = (int)want;
		av->carry = want - frames;
		if (av->narration)
			headless_consume(av, &av->narration->audio, frames);
		if (av->current)
			headless_consume(av, &av->current->audio, frames);
	}
	struct av_sound *s = av->narration;
	if (s && !s->finished && s->audio.running) {
		/* watchdog: a narration whose clock stops is skipped, so
		 * auto-advance never waits on it forever */
		lock_device(av);
		double pos = s->audio.position;
		unlock_device(av);
		double wall = wall_now();
		if (pos != s->last_position || s->last_move == 0) {
			s->last_position = pos;
			s->last_move = wall;
		} else if (wall - s->last_move > AV_STALL_SECONDS) {
			s->finished = s->failed = 1;
			audio_set_running(av, &s->audio, 0);
			av_log_message(av, "watchdog", s->name,
				       N_("the narration stopped advancing; "
					  "skipped"));
		}
	}
	if (s && !s->finished) {
		enum media_state st = media_state(s->audio.media);
		if (st == MEDIA_FAILED) {
			s->finished = s->failed = 1;
			av_log_message(av, "media_error", s->name,
				       media_error(s->audio.media));
		} else if (st == MEDIA_RUNNING &&
			   media_audio_done(s->audio.media)) {
			s->finished = 1;
			audio_set_running(av, &s->audio, 0);
			av_log(av, "narration_end", s->name, NULL);
		}
	}
	for (struct av_video *v = av->videos; v; v = v->next) {
		if (v->ext_fresh) {
			/* started between ticks: its clock starts now */
			v->ext_since = now;
			v->ext_fresh = 0;
		}
		video_tick(v);
	}
}

/* ---- narration ---- */

/* Stops and frees the narration that plays, not a held one. */
static void narration_drop(struct av_out *av)
{
	struct av_sound *s = av->narration;
	if (!s)
		return;
	lock_device(av);
	av->narration = NULL;
	unlock_device(av);
	sound_free(s);
}

enum vv_err av_narration_play(struct av_out *av, const struct av_member *m)
{
	narration_drop(av);
	struct av_sound *s = calloc(1, sizeof(*s));
	if (!s)
		return VV_ERR_NOMEM;
	s->name = strdup(m->name ? m->name : "narration");
	struct media_open_args args = {
		.path = m->path, .has_fd = m->has_fd, .fd = m->fd,
		.sha256 = m->sha256, .offset = m->offset, .size = m->size,
		.want_video = 0, .want_audio = 1,
		.audio_rate = av->rate, .audio_channels = av->channels,
		.test_stall_audio_after = av->stall_audio_after,
	};
	if (!s->name || media_open(&args, &s->audio.media) != VV_OK) {
		sound_free(s);
		return VV_ERR_NOMEM;
	}
	audio_reset(&s->audio, 0);
	s->audio.running = 1;
	lock_device(av);
	av->narration = s;
	unlock_device(av);
	av_log(av, "narration_start", s->name, NULL);
	return VV_OK;
}

void av_narration_pause(struct av_out *av, int paused)
{
	struct av_sound *s = av->narration;
	if (s && !s->finished) {
		audio_set_running(av, &s->audio, !paused);
		s->last_move = 0;   /* the watchdog starts again */
	}
}

void av_narration_replay(struct av_out *av)
{
	struct av_sound *s = av->narration;
	if (!s || s->failed)
		return;
	lock_device(av);
	media_seek(s->audio.media, 0);
	audio_reset(&s->audio, 0);
	s->audio.running = 1;
	s->finished = 0;
	s->last_move = 0;
	unlock_device(av);
	av_log(av, "narration_start", s->name, ",\"replay\":1");
}

void av_narration_stop(struct av_out *av)
{
	narration_drop(av);
	/* not reachable from the device callback: no lock */
	sound_free(av->held);
	av->held = NULL;
}

void av_narration_hold(struct av_out *av)
{
	struct av_sound *s = av->narration;
	if (!s)
		return;
	sound_free(av->held);
	av->held_running = s->audio.running;
	audio_set_running(av, &s->audio, 0);
	lock_device(av);
	av->narration = NULL;
	unlock_device(av);
	av->held = s;
}

void av_narration_restore(struct av_out *av)
{
	struct av_sound *s = av->held;
	av->held = NULL;
	narration_drop(av);
	if (!s)
		return;
	s->last_move = 0;   /* the watchdog starts again */
	lock_device(av);
	av->narration = s;
	unlock_device(av);
	if (av->held_running && !s->finished)
		audio_set_running(av, &s->audio, 1);
}

int av_narration_finished(const struct av_out *av)
{
	return !av->narration || av->narration->finished;
}

double av_narration_position(const struct av_out *av, double *duration)
{
	struct av_sound *s = av->narration;
	if (duration)
		*duration = 0;
	if (!s)
		return 0;
	if (duration && media_state(s->audio.media) == MEDIA_RUNNING) {
		struct media_info info;
		media_get_info(s->audio.media, &info);
		*duration = info.duration;
	}
	lock_device((struct av_out *)av);
	double c = audio_clock(av, &s->audio);
	unlock_device((struct av_out *)av);
	return c < 0 ? 0 : c;
}

/* ---- video ---- */

static int same_language(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	const struct vv_lang *la = lang_find(a), *lb = lang_find(b);
	if (!la)
		la = lang_find_iso639_2(a);
	if (!lb)
		lb = lang_find_iso639_2(b);
	if (la && lb)
		return la == lb;
	return strcasecmp(a, b) == 0;
}

static void video_fail(struct av_video *v, const char *event,
		       const char *why)
{
	if (v->state == AV_FAILED)
		return;
	v->state = AV_FAILED;
	if (!v->message)
		v->message = why;
	audio_set_running(v->av, &v->audio, 0);
	av_log_message(v->av, event, v->item, why);
	av_log(v->av, "video_end", v->item,
	       ",\"reason\":\"failed\",\"frames\":%u,\"dropped\":%u,"
	       "\"repeated\":%u,\"skipped\":%u", v->total_frames,
	       v->total_dropped, v->total_repeated,
	       media_video_skipped(v->media));
	v->end_logged = 1;
}

static double video_clock(struct av_video *v)
{
	struct av_out *av = v->av;
	if (v->info.has_audio && !v->audio.ended) {
		lock_device(av);
		double c = audio_clock(av, &v->audio);
		unlock_device(av);
		return c;
	}
	return v->ext_base + (v->ext_running ? av->now - v->ext_since : 0);
}

static void clock_run(struct av_video *v, int running)
{
	if (running && !v->ext_running) {
		v->ext_since = v->av->now;
		v->ext_running = 1;
		v->ext_fresh = 1;
	} else if (!running && v->ext_running) {
		v->ext_base = video_clock(v);
		v->ext_running = 0;
	}
	if (!running)
		media_set_clock(v->media, NAN);
	if (v->info.has_audio && !v->audio.ended)
		audio_set_running(v->av, &v->audio, running);
	v->last_clock_wall = wall_now();
	v->last_pic_wall = v->last_clock_wall;
}

/* The YUV to RGB matrix of the picture, not the one SDL would guess from
 * the texture's size (which is the prescaled size, often under 576
 * lines, for an HD film). Global in SDL: set before each upload and
 * draw; one video is drawn at a time. */
static void set_matrix(int bt709)
{
	SDL_SetYUVConversionMode(bt709 ? SDL_YUV_CONVERSION_BT709
				       : SDL_YUV_CONVERSION_BT601);
}

/* Uploads a frame into the video's texture. Returns 0, or -1 on an SDL
 * failure (the video fails). */
static int upload(struct av_video *v, const struct media_frame *f)
{
	SDL_Renderer *r = v->av->renderer;
	if (!r)
		return 0;
	if (!v->texture || v->tex_w != f->width || v->tex_h != f->height) {
		if (v->texture)
			SDL_DestroyTexture(v->texture);
		/* An RGB texture is as wide as swscale writes its rows (a
		 * whole block), so frames are converted straight into it;
		 * only f->width of it is drawn. */
		int w = f->width;
		if (v->av->rgb_upload)
			w = (w + MEDIA_BGRA_BLOCK - 1) / MEDIA_BGRA_BLOCK *
			    MEDIA_BGRA_BLOCK;
		v->texture = SDL_CreateTexture(r, v->av->rgb_upload
					       ? SDL_PIXELFORMAT_RGB888
					       : SDL_PIXELFORMAT_IYUV,
					       SDL_TEXTUREACCESS_STREAMING,
					       w, f->height);
		v->tex_w = f->width;
		v->tex_h = f->height;
		if (!v->texture)
			return -1;
	}
	if (v->av->rgb_upload) {
		void *pixels;
		int pitch, rc;
		if (SDL_LockTexture(v->texture, NULL, &pixels, &pitch) != 0)
			return -1;
		rc = media_frame_to_bgra(v->media, f, pixels, pitch);
		SDL_UnlockTexture(v->texture);
		return rc;
	}
	set_matrix(f->bt709);
	if (SDL_UpdateYUVTexture(v->texture, NULL, f->planes[0],
				 f->pitches[0], f->planes[1], f->pitches[1],
				 f->planes[2], f->pitches[2]) != 0)
		return -1;
	return 0;
}

/* Makes queued frame k the picture; frames before it are dropped. */
static int take_frame(struct av_video *v, int k)
{
	for (int i = 0; i < k; i++) {
		media_video_pop(v->media);
		v->total_dropped++;
		v->dropped_pending++;
	}
	const struct media_frame *f = media_video_peek(v->media, 0);
	if (!f)
		return -1;
	if (upload(v, f) != 0) {
		video_fail(v, "media_error",
			   N_("the screen cannot show this video"));
		return -1;
	}
	const struct media_frame *next = media_video_peek(v->media, 1);
	v->pic_pts = f->pts;
	v->pic_duration = next && next->pts > f->pts ? next->pts - f->pts
						     : f->duration;
	v->pic_index = f->index;
	v->pic_sar_num = f->sar_num > 0 ? f->sar_num : 1;
	v->pic_sar_den = f->sar_den > 0 ? f->sar_den : 1;
	v->pic_709 = f->bt709;
	v->have_picture = 1;
	v->unlogged = 1;
	v->last_pic_wall = wall_now();
	media_video_pop(v->media);
	return 0;
}

/* Resident memory now (not the peak), and how much of it is file-backed
 * (shared libraries, fonts): for the long-run test's log and for bench/,
 * which tells the player's own memory from the libraries'. */
static void rss_now_kb(long *resident_kb, long *file_kb)
{
	long pages = 0, resident = -1, shared = -1;
	long kb = sysconf(_SC_PAGESIZE) / 1024;
	FILE *f = fopen("/proc/self/statm", "r");

	*resident_kb = *file_kb = -1;
	if (!f)
		return;
	if (fscanf(f, "%ld %ld %ld", &pages, &resident, &shared) == 3) {
		*resident_kb = resident * kb;
		*file_kb = shared * kb;
	}
	fclose(f);
}

static void video_start(struct av_video *v)
{
	long rss, rss_file;

	v->state = AV_PLAYING;
	v->play_wall = wall_now();
	v->presented = 0;
	v->first_drawn = 0;
	lock_device(v->av);
	v->av->current = v;
	unlock_device(v->av);
	clock_run(v, 1);
	rss_now_kb(&rss, &rss_file);
	av_log(v->av, "video_start", v->item,
	       ",\"preloaded\":%d,\"open_to_ready_ms\":%.1f,"
	       "\"rss_now_kb\":%ld,\"rss_file_kb\":%ld",
	       v->preloaded, (v->ready_wall - v->open_wall) * 1000,
	       rss, rss_file);
}

/* The test fault av_config.test_load_seconds: the film still counts as
 * loading, whatever its decoder has done. */
static int load_held(const struct av_video *v)
{
	return v->av->load_seconds > 0 &&
	       v->av->now < v->open_now + v->av->load_seconds;
}

static void video_tick(struct av_video *v)
{
	struct av_out *av = v->av;
	if (v->state == AV_FAILED || v->state == AV_FINISHED)
		return;
	enum media_state ms = media_state(v->media);
	if (ms == MEDIA_FAILED) {
		video_fail(v, "media_error", media_error(v->media));
		return;
	}
	if (ms == MEDIA_OPENING) {
		if (wall_now() - v->open_wall > AV_OPEN_TIMEOUT)
			video_fail(v, "watchdog",
				   N_("the video did not start in time"));
		return;
	}
	if (!v->has_info) {
		media_get_info(v->media, &v->info);
		v->has_info = 1;
		if (!v->info.has_video) {
			video_fail(v, "media_error",
				   N_("the video file has no picture"));
			return;
		}
		av_log(av, "video_info", v->item,
		       ",\"width\":%d,\"height\":%d,\"sar\":\"%d:%d\","
		       "\"rotation\":%d,\"duration\":%.3f,\"audio\":%d,"
		       "\"audio_rate\":%d,\"audio_channels\":%d,"
		       "\"video_codec\":\"%s\",\"audio_codec\":\"%s\","
		       "\"threads\":%d",
		       v->info.width, v->info.height, v->info.sar_num,
		       v->info.sar_den, v->info.rotation, v->info.duration,
		       v->info.has_audio, v->info.in_rate,
		       v->info.in_channels, v->info.video_codec,
		       v->info.audio_codec, v->info.video_threads);
	}
	if (v->state == AV_LOADING) {
		if (load_held(v))
			return;
		if (media_video_peek(v->media, 0)) {
			if (take_frame(v, 0) != 0)
				return;
			v->ready_wall = wall_now();
			v->state = AV_READY;
			v->preloaded = !v->play_requested;
			av_log(av, "video_ready", v->item,
			       ",\"open_ms\":%.1f,\"pts\":%.4f",
			       (v->ready_wall - v->open_wall) * 1000,
			       v->pic_pts);
			if (v->play_requested)
				video_start(v);
			if (v->play_requested && v->pause_requested)
				av_video_pause(v, 1);
		} else if (media_video_done(v->media)) {
			video_fail(v, "media_error",
				   media_error(v->media) ? media_error(v->media)
				   : N_("no frame of the video could be "
					"decoded"));
		} else if (wall_now() - v->open_wall > AV_OPEN_TIMEOUT) {
			video_fail(v, "watchdog",
				   N_("the video did not start in time"));
		}
		return;
	}
	if (v->state != AV_PLAYING)
		return;

	if (v->info.has_audio && !v->audio.ended &&
	    media_audio_done(v->media)) {
		/* audio over: the player's clock takes over where it was */
		double c = video_clock(v);
		audio_set_running(av, &v->audio, 0);
		v->audio.ended = 1;
		v->ext_base = c;
		v->ext_since = av->now;
		v->ext_running = 1;
	}
	double c = video_clock(v);
	double wall = wall_now();
	/* at real time the decoder skips frames when it falls behind this
	 * clock; in virtual time it is waited for instead */
	if (!av->wait_decoders)
		media_set_clock(v->media, c);
	if (c != v->last_clock) {
		v->last_clock = c;
		v->last_clock_wall = wall;
	}
	int video_done = media_video_done(v->media);
	double tol = sync_tolerance(av->interval);
	if (video_done) {
		int audio_left = v->info.has_audio && !v->audio.ended;
		int pic_left = v->have_picture &&
			c + tol < v->pic_pts + v->pic_duration;
		if (!audio_left && !pic_left) {
			v->state = AV_FINISHED;
			clock_run(v, 0);
			if (media_damage(v->media) && !v->message)
				v->message = N_("the video is damaged: it "
						"played what could be decoded");
			const char *why = v->message ? "damaged" : "end";
			av_log(av, "video_end", v->item,
			       ",\"reason\":\"%s\",\"frames\":%u,"
			       "\"dropped\":%u,\"repeated\":%u,"
			       "\"skipped\":%u,\"clock\":%.4f",
			       why, v->total_frames, v->total_dropped,
			       v->total_repeated,
			       media_video_skipped(v->media), c);
			if (v->message)
				av_log_message(av, "media_error", v->item,
					       v->message);
			v->end_logged = 1;
			return;
		}
	}
	if (wall - v->last_clock_wall > AV_STALL_SECONDS) {
		video_fail(v, "watchdog",
			   N_("the video stopped advancing (stalled clock); "
			      "skipped"));
		return;
	}
	/* A frame has been needed for AV_STALL_SECONDS of real time and the
	 * decoder gave none (headless, the bounded waits add up to it). */
	if (!video_done && v->have_picture &&
	    !media_video_peek(v->media, 0) &&
	    sync_overdue(v->pic_pts, v->pic_duration, c, tol) &&
	    wall - v->last_pic_wall > AV_STALL_SECONDS) {
		video_fail(v, "watchdog",
			   N_("the video decoder stopped advancing; skipped"));
		return;
	}
}

enum vv_err av_video_open(struct av_out *av, const struct av_video_args *args,
			  struct av_video **out)
{
	*out = NULL;
	struct av_video *v = calloc(1, sizeof(*v));
	if (!v)
		return VV_ERR_NOMEM;
	v->av = av;
	v->item = strdup(args->item_id ? args->item_id
			 : args->video.name ? args->video.name : "video");
	v->bundle_lang = args->bundle_lang ? strdup(args->bundle_lang) : NULL;
	v->subtitles_on = !same_language(args->audio_lang, args->bundle_lang);
	v->state = AV_LOADING;
	v->open_wall = wall_now();
	v->open_now = av->now;
	v->last_clock = -1;
	struct media_open_args margs = {
		.path = args->video.path, .has_fd = args->video.has_fd,
		.fd = args->video.fd, .sha256 = args->video.sha256,
		.offset = args->video.offset,
		.size = args->video.size, .want_video = 1, .want_audio = 1,
		.audio_rate = av->rate, .audio_channels = av->channels,
		.threads = av->threads,
		.test_stall_video_after = av->stall_video_after,
		.test_stall_audio_after = av->stall_audio_after,
		.test_video_delay_ms = av->video_delay_ms,
	};
	if (!v->item || (args->bundle_lang && !v->bundle_lang) ||
	    media_open(&margs, &v->media) != VV_OK) {
		free(v->item);
		free(v->bundle_lang);
		free(v);
		return VV_ERR_NOMEM;
	}
	v->audio.media = v->media;
	audio_reset(&v->audio, 0);
	if (av->prescale) {
		/* the first frames already at about the size they will be
		 * shown: the last video's rectangle, or the screen */
		v->box_w = av->box_w;
		v->box_h = av->box_h;
		media_set_video_box(v->media, v->box_w, v->box_h,
				    av->smooth);
	}
	v->next = av->videos;
	av->videos = v;
	SDL_RendererInfo rinfo;
	if (!av->renderer || SDL_GetRendererInfo(av->renderer, &rinfo) != 0 ||
	    !rinfo.name)
		rinfo.name = "";
	/* prescale: the decode thread scales the pictures down to their
	 * box (a renderer that would do it on the CPU anyway) */
	av_log(av, "video_open", v->item, ",\"member\":\"%s\","
	       "\"subtitles\":%d,\"renderer\":\"%s\",\"prescale\":%d",
	       args->video.name ? args->video.name : "", v->subtitles_on,
	       rinfo.name, av->prescale);
	if (args->subtitles.path) {
		enum vv_err err = webvtt_load(args->subtitles.path,
					      args->subtitles.has_fd ?
					      args->subtitles.fd : -1,
					      args->subtitles.offset,
					      args->subtitles.size, &v->subs);
		if (err != VV_OK)
			av_log_message(av, "media_error", v->item,
				       vv_strerror(err));
	}
	if (av->wait_decoders) {
		/* Headless runs go by virtual time, which can race ahead of
		 * a background open: wait (bounded) for the first frame so
		 * that preloading is as reliable as on a real kiosk. */
		double deadline = wall_now() + AV_HEADLESS_WAIT;
		while (v->state == AV_LOADING && !load_held(v) &&
		       wall_now() < deadline) {
			media_wait(v->media, 0.02);
			video_tick(v);
		}
	}
	*out = v;
	return VV_OK;
}

void av_video_free(struct av_video *v)
{
	if (!v)
		return;
	struct av_out *av = v->av;
	lock_device(av);
	if (av->current == v)
		av->current = NULL;
	unlock_device(av);
	for (struct av_video **p = &av->videos; *p; p = &(*p)->next) {
		if (*p == v) {
			*p = v->next;
			break;
		}
	}
	if (!v->end_logged && v->state != AV_LOADING &&
	    v->state != AV_READY)
		av_log(av, "video_end", v->item,
		       ",\"reason\":\"closed\",\"frames\":%u,\"dropped\":%u,"
		       "\"repeated\":%u,\"skipped\":%u", v->total_frames,
		       v->total_dropped, v->total_repeated,
		       media_video_skipped(v->media));
	media_free(v->media);
	if (v->texture)
		SDL_DestroyTexture(v->texture);
	webvtt_free(v->subs);
	free(v->item);
	free(v->bundle_lang);
	free(v);
	/* A film or narration frees megabytes of pictures, packets and
	 * decoder state, mostly in the middle of the one arena (see
	 * av_out_new): give those pages back now, or a kiosk keeps the
	 * largest film's memory all day. */
	malloc_trim(0);
}

enum av_state av_video_state(const struct av_video *v)
{
	return v->state;
}

const char *av_video_message(const struct av_video *v)
{
	return v->message ? _(v->message) : NULL;
}

void av_video_play(struct av_video *v)
{
	if (v->state == AV_PAUSED) {
		av_video_pause(v, 0);
		return;
	}
	if (v->state == AV_READY)
		video_start(v);
	else if (v->state == AV_LOADING) {
		v->play_requested = 1;
		v->pause_requested = 0;
	}
}

void av_video_pause(struct av_video *v, int paused)
{
	/* a pause while loading is kept: the film would start behind a
	 * blanked room, or against the pause asked for */
	if (v->state == AV_LOADING) {
		v->pause_requested = paused;
	} else if (paused && v->state == AV_PLAYING) {
		clock_run(v, 0);
		v->state = AV_PAUSED;
		av_log(v->av, "video_pause", v->item, ",\"pos\":%.4f",
		       video_clock(v));
	} else if (!paused && v->state == AV_PAUSED) {
		v->state = AV_PLAYING;
		clock_run(v, 1);
		av_log(v->av, "video_resume", v->item, ",\"pos\":%.4f",
		       video_clock(v));
	}
}

static void seek_to(struct av_video *v, double target, const char *event)
{
	if (v->state == AV_FAILED || v->state == AV_LOADING ||
	    !v->has_info)
		return;
	if (v->info.duration > 0 && target > v->info.duration - 0.1)
		target = v->info.duration - 0.1;
	if (target < 0)
		target = 0;
	int was_running = v->state == AV_PLAYING || v->state == AV_FINISHED;
	if (v->state == AV_FINISHED)
		v->state = AV_PLAYING;
	clock_run(v, 0);
	lock_device(v->av);
	media_seek(v->media, target);
	audio_reset(&v->audio, target);
	v->av->current = v;
	unlock_device(v->av);
	v->ext_base = target;
	v->end_logged = 0;
	v->repeating = 0;
	v->dropped_pending = v->repeated_pending = 0;
	/* Keep showing the old picture until the new one is decoded; it is
	 * "due" no longer, so the first frame at the target replaces it. */
	v->pic_pts = target - 1;
	v->pic_duration = 0;
	if (v->state == AV_READY)
		v->state = AV_PAUSED;
	/* Paused, the clock stays at the target and no frame would ever
	 * be due: the participant would see the old picture, as if the
	 * tap did nothing. */
	v->seek_still = !was_running && v->state == AV_PAUSED;
	if (was_running)
		clock_run(v, 1);
	av_log(v->av, event, v->item, ",\"to\":%.4f", target);
}

void av_video_seek(struct av_video *v, double delta)
{
	seek_to(v, av_video_position(v) + delta, "video_seek");
}

void av_video_replay(struct av_video *v)
{
	if (v->state == AV_PAUSED) {
		v->state = AV_PLAYING;
		clock_run(v, 1);
	}
	seek_to(v, 0, "video_replay");
}

void av_video_set_subtitles(struct av_video *v, int on)
{
	v->subtitles_on = on != 0;
	av_log(v->av, "subtitles", v->item, ",\"on\":%d", v->subtitles_on);
}

int av_video_subtitles(const struct av_video *v)
{
	return v->subtitles_on;
}

double av_video_position(const struct av_video *v)
{
	if (!v->has_info)
		return 0;
	double c = video_clock((struct av_video *)v);
	return c < 0 ? 0 : c;
}

double av_video_duration(const struct av_video *v)
{
	return v->has_info ? v->info.duration : 0;
}

static void log_frame(struct av_video *v, double c);

/* Picks, uploads and logs the frame due now. */
/* Headless (virtual time): waits, a bounded time, until the decoder has
 * a picture, ended or failed. */
static void wait_for_picture(struct av_video *v)
{
	double deadline = wall_now() + AV_HEADLESS_WAIT;

	while (!media_video_peek(v->media, 0) &&
	       !media_video_done(v->media) &&
	       media_state(v->media) == MEDIA_RUNNING &&
	       wall_now() < deadline)
		media_wait(v->media, 0.02);
}

static void advance(struct av_video *v)
{
	struct av_out *av = v->av;
	double tol = sync_tolerance(av->interval);
	double c = video_clock(v);
	int done = media_video_done(v->media);
	if (av->wait_decoders && !done && v->have_picture &&
	    v->pic_pts + v->pic_duration <= c + tol &&
	    !media_video_peek(v->media, 0)) {
		/* virtual time must not outrun the decoder */
		wait_for_picture(v);
	}
	double pts[MEDIA_VIDEO_FRAMES];
	int n = 0;
	for (; n < MEDIA_VIDEO_FRAMES; n++) {
		const struct media_frame *f = media_video_peek(v->media, n);
		if (!f)
			break;
		pts[n] = f->pts;
	}
	/* VFR: the real interval is known once the next frame is there */
	if (n > 0 && v->have_picture && pts[0] > v->pic_pts)
		v->pic_duration = pts[0] - v->pic_pts;
	int k = sync_pick(pts, n, c, tol);
	if (k < 0 && v->unlogged && v->pic_pts <= c + tol) {
		/* the first picture, decoded while loading, shown as a
		 * still until its time: presented now */
		log_frame(v, c);
		return;
	}
	if (k < 0) {
		/* a repeat: the picture's time is over and the decoder has
		 * nothing to replace it with */
		if (n == 0 && v->have_picture && !done && !v->repeating &&
		    sync_overdue(v->pic_pts, v->pic_duration, c, tol)) {
			v->repeating = 1;
			v->repeated_pending++;
			v->total_repeated++;
		}
		return;
	}
	if (v->unlogged) {
		/* superseded before it was ever presented */
		v->total_dropped++;
		v->dropped_pending++;
	}
	if (take_frame(v, k) != 0)
		return;
	log_frame(v, c);
}

/* Paused after a seek: takes the first picture at the new place when the
 * decoder has it (headless: waits for it, a bounded time), as a still. */
static void show_sought(struct av_video *v)
{
	if (v->av->wait_decoders)
		wait_for_picture(v);
	if (!media_video_peek(v->media, 0)) {
		if (media_video_done(v->media))
			v->seek_still = 0;  /* nothing left to show */
		return;
	}
	v->seek_still = 0;
	if (take_frame(v, 0) == 0)
		log_frame(v, video_clock(v));
}

static void log_frame(struct av_video *v, double c)
{
	struct av_out *av = v->av;
	v->unlogged = 0;
	v->total_frames++;
	v->repeating = 0;
	double diff = v->pic_pts - c;
	char extra[96] = "";
	if (v->presented == 0)
		snprintf(extra, sizeof(extra),
			 ",\"first\":1,\"wait_ms\":%.1f",
			 (wall_now() - v->play_wall) * 1000);
	unsigned skipped = media_video_skipped(v->media);
	av_log(av, "frame", v->item,
	       ",\"pts\":%.4f,\"audio_clock\":%.4f,\"av_diff\":%.4f,"
	       "\"dropped\":%u,\"repeated\":%u,\"skipped\":%u,"
	       "\"index\":%llu,\"master\":\"%s\"%s",
	       v->pic_pts, c, diff, v->dropped_pending, v->repeated_pending,
	       skipped - v->skipped_logged, (unsigned long long)v->pic_index,
	       v->info.has_audio && !v->audio.ended ? "audio" : "player",
	       extra);
	v->skipped_logged = skipped;
	v->presented++;
	v->dropped_pending = 0;
	v->repeated_pending = 0;
}

/* Draws `cue` centred in the span x..x+w at `size` px in a dark box:
 * its last line ends at `edge` (band 0: over the picture's foot) or its
 * first line starts there (in a band of that height under the picture,
 * where a long cue may take more lines while they fit). */
/* Whether `cue` is a dialogue: two lines or more, each a speaker's turn
 * starting with a dash (hyphen, en or em dash), as subtitlers write one
 * cue for two speakers. */
static int is_dialogue(const char *cue)
{
	int turns = 0;

	while (cue && *cue) {
		while (*cue == ' ')
			cue++;
		if (*cue != '-' && strncmp(cue, "\xe2\x80\x93", 3) != 0 &&
		    strncmp(cue, "\xe2\x80\x94", 3) != 0)
			return 0;
		turns++;
		cue = strchr(cue, '\n');
		if (cue)
			cue++;
	}
	return turns >= 2;
}

static void draw_subtitle(struct av_video *v, const char *cue, int x, int w,
			  int size, int edge, int band)
{
	int dialogue = is_dialogue(cue);
	int from_top = band > 0;
	struct av_out *av = v->av;
	const struct vv_lang *bl = lang_find(v->bundle_lang);
	struct text_style style = {
		.size_px = size,
		.rgba = 0xFFFFFFFFu,
		/* a dialogue's turns start under each other, the block
		 * centred below (each turn centred on its own hides who
		 * speaks when) */
		.align = dialogue ? TEXT_ALIGN_START : TEXT_ALIGN_CENTER,
		.lang = v->bundle_lang,
		.max_width_px = w * 8 / 10,
		.max_lines = 3,
		/* a long cue (a whole sentence, as other subtitle tools
		 * write them) shrinks before it is cut or a word broken;
		 * two thirds of the size stay legible at every screen */
		.min_size_px = size * 2 / 3 > 14 ? size * 2 / 3 : 14,
	};
	/* A cue without a letter of the bundle's own script is source text
	 * standing in for a missing translation (the subtitle file carries
	 * no mark per cue): its direction is its own, so a Norwegian
	 * "22 33 44 55." keeps its order in an Arabic bundle. */
	if (bl && strcmp(bl->script, "Latn") != 0 &&
	    !text_has_script(cue, bl->script))
		style.lang = NULL;
	const struct text_layout *layout = text_layout(av->text, cue, &style);
	if (!layout)
		return;
	int tw, th, pad = size / 3;
	text_layout_size(layout, &tw, &th);
	/* In the band (a portrait screen's), a cue still cut at the floor
	 * takes a line more while its box fits the band: the band is there
	 * for the subtitles and covers no picture. */
	while (band > 0 && text_layout_cut(layout) && style.max_lines < 8) {
		const struct text_layout *more;
		int mw, mh;

		style.max_lines++;
		more = text_layout(av->text, cue, &style);
		if (!more)
			break;
		text_layout_size(more, &mw, &mh);
		if (mh + 2 * pad > band)
			break;
		layout = more;
		tw = mw;
		th = mh;
	}
	int top = from_top ? edge + pad : edge - th;
	/* The box holds what the lines cover, centred under the picture,
	 * and the block is drawn so that its lines sit in it. */
	int ex, ew;
	text_layout_extent(layout, &ex, &ew);
	if (ew <= 0) {
		ex = 0;
		ew = tw;
	}
	int left = x + (w - ew) / 2;
	SDL_Rect box = { left - pad, top - pad, ew + 2 * pad, th + 2 * pad };
	if (cue != v->logged_cue) {
		/* once a cue: what a reader got of it, and where */
		av_log(av, "cue", v->item,
		       ",\"lines\":%d,\"size\":%d,\"cut\":%d,\"broken\":%d,"
		       "\"box\":[%d,%d,%d,%d]",
		       text_layout_lines(layout), text_layout_size_px(layout),
		       text_layout_cut(layout), text_layout_broken(layout),
		       box.x, box.y, box.w, box.h);
		v->logged_cue = cue;
	}
	SDL_BlendMode mode;
	Uint8 r, g, b, a;
	SDL_GetRenderDrawBlendMode(av->renderer, &mode);
	SDL_GetRenderDrawColor(av->renderer, &r, &g, &b, &a);
	SDL_SetRenderDrawBlendMode(av->renderer, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(av->renderer, 0, 0, 0, 190);
	SDL_RenderFillRect(av->renderer, &box);
	SDL_SetRenderDrawBlendMode(av->renderer, mode);
	SDL_SetRenderDrawColor(av->renderer, r, g, b, a);
	text_draw(av->text, layout, left - ex, top);
}

/* Paints the band under the picture black, as the letterbox, so a cue
 * drawn there before does not stay when the video is redrawn alone. */
static void clear_band(struct av_out *av, int x, int y, int w, int h)
{
	Uint8 cr, cg, cb, ca;
	SDL_Rect band = { x, y, w, h };
	SDL_GetRenderDrawColor(av->renderer, &cr, &cg, &cb, &ca);
	SDL_SetRenderDrawColor(av->renderer, 0, 0, 0, 255);
	SDL_RenderFillRect(av->renderer, &band);
	SDL_SetRenderDrawColor(av->renderer, cr, cg, cb, ca);
}

int av_video_present(struct av_video *v, int x, int y, int w, int h)
{
	return av_video_present_band(v, x, y, w, h, 0);
}

int av_video_present_band(struct av_video *v, int x, int y, int w, int h,
			  int band)
{
	struct av_out *av = v->av;
	if (!av->renderer)
		return 0;
	if (av->wait_decoders && v->state == AV_LOADING &&
	    v->play_requested) {
		/* headless runs start the first frame without a gap */
		double deadline = wall_now() + AV_HEADLESS_WAIT;
		while (v->state == AV_LOADING && !load_held(v) &&
		       wall_now() < deadline) {
			media_wait(v->media, 0.02);
			video_tick(v);
		}
	}
	if (v->state == AV_PLAYING) {
		v->seek_still = 0;
		advance(v);
	} else if (v->seek_still && v->state == AV_PAUSED) {
		show_sought(v);
	}
	if (!v->have_picture || !v->texture || w <= 0 || h <= 0) {
		av_log(av, "blank", v->item, ",\"state\":%d", (int)v->state);
		return 0;
	}
	if (v->state == AV_PLAYING && !v->first_drawn) {
		/* for the log's proof of gapless switching: the tick on
		 * which this item's first picture reached the screen */
		v->first_drawn = 1;
		double drawn = wall_now();
		av_log(av, "first_picture", v->item,
		       ",\"pts\":%.4f,\"wait_ms\":%.1f,\"since_open_ms\":%.1f,"
		       "\"preloaded\":%d",
		       v->pic_pts, (drawn - v->play_wall) * 1000,
		       (drawn - v->open_wall) * 1000, v->preloaded);
	}
	double dw = (double)v->tex_w * v->pic_sar_num /
		    (v->pic_sar_den > 0 ? v->pic_sar_den : 1);
	double dh = v->tex_h;
	int quarter = v->info.rotation == 90 || v->info.rotation == 270;
	if (quarter) {
		double t = dw;
		dw = dh;
		dh = t;
	}
	double scale = fmin(w / dw, h / dh);
	int fw = (int)lround(dw * scale), fh = (int)lround(dh * scale);
	SDL_Rect dst = { x + (w - fw) / 2, y + (h - fh) / 2, fw, fh };
	if (av->prescale && (w != v->box_w || h != v->box_h)) {
		/* pictures come at the size they are shown */
		v->box_w = av->box_w = w;
		v->box_h = av->box_h = h;
		media_set_video_box(v->media, w, h, av->smooth);
	}
	if (quarter) {
		/* SDL rotates about the centre: give the unrotated box */
		dst.x = x + (w - fh) / 2;
		dst.y = y + (h - fw) / 2;
		dst.w = fh;
		dst.h = fw;
	}
	if (v->fill_bars) {
		/* black around the picture only: the picture covers the
		 * rest, so filling all of it would be wasted on a CPU
		 * renderer */
		SDL_Rect pic = { x + (w - fw) / 2, y + (h - fh) / 2, fw, fh };
		SDL_Rect bars[4] = {
			{ x, y, w, pic.y - y },
			{ x, pic.y + pic.h, w, y + h - pic.y - pic.h },
			{ x, pic.y, pic.x - x, pic.h },
			{ pic.x + pic.w, pic.y, x + w - pic.x - pic.w, pic.h },
		};
		Uint8 cr, cg, cb, ca;
		SDL_GetRenderDrawColor(av->renderer, &cr, &cg, &cb, &ca);
		SDL_SetRenderDrawColor(av->renderer, 0, 0, 0, 255);
		for (int i = 0; i < 4; i++)
			if (bars[i].w > 0 && bars[i].h > 0)
				SDL_RenderFillRect(av->renderer, &bars[i]);
		SDL_SetRenderDrawColor(av->renderer, cr, cg, cb, ca);
		v->fill_bars = 0;
	}
	set_matrix(v->pic_709);
	SDL_Rect src = { 0, 0, v->tex_w, v->tex_h };
	if (v->info.rotation)
		SDL_RenderCopyEx(av->renderer, v->texture, &src, &dst,
				 v->info.rotation, NULL, SDL_FLIP_NONE);
	else
		SDL_RenderCopy(av->renderer, v->texture, &src, &dst);
	v->drawn_cue = NULL;
	/* The band is used only while subtitles show: else it is the
	 * caller's, who may draw there. */
	if (!v->subtitles_on || !v->subs || !av->text)
		band = 0;
	if (band > 0)
		clear_band(av, x, y + h, w, band);
	if (v->subtitles_on && v->subs && av->text) {
		double t = v->state == AV_PLAYING ? video_clock(v) : v->pic_pts;
		const char *cue = webvtt_text_at(v->subs, t);
		/* In the band: three lines of a sixth of its height fit. */
		int size = band > 0 ? band / 6 : h / 16;
		if (band > 0 && size > w / 16)
			size = w / 16;
		if (size < 14)
			size = 14;
		if (cue && band > 0)
			draw_subtitle(v, cue, x, w, size, y + h, band);
		else if (cue)
			draw_subtitle(v, cue, x, w, size, y + h - size, 0);
		v->drawn_cue = cue;
	}
	v->drawn_state = v->state;
	v->drawn_index = v->pic_index;
	v->drawn_subtitles = v->subtitles_on;
	v->drawn_any = 1;
	return band > 0 ? 2 : 1;
}

/* ---- sequence helper ---- */

struct av_sequence {
	struct av_out *av;
	struct av_video *current, *next;
	const struct bundle_item *current_item, *next_item;
	int paused;
	int reported;      /* av_sequence_finished() said so already */
	int no_touch;      /* av_sequence_set_touch(0): no controls drawn */
	SDL_Rect rect;     /* where the last av_sequence_draw() drew */
	int band;          /* and the height of its subtitle band */
	const struct av_video *rect_video; /* the video whose picture the
	                                    * last whole frame drew there,
	                                    * or NULL */
};

enum vv_err av_sequence_new(struct av_out *av, struct av_sequence **out)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return VV_ERR_NOMEM;
	(*out)->av = av;
	return VV_OK;
}

void av_sequence_stop(struct av_sequence *seq)
{
	av_video_free(seq->current);
	av_video_free(seq->next);
	seq->current = seq->next = NULL;
	seq->rect_video = NULL;
	seq->current_item = seq->next_item = NULL;
	seq->reported = 0;
	seq->paused = 0;
}

void av_sequence_free(struct av_sequence *seq)
{
	if (!seq)
		return;
	av_sequence_stop(seq);
	free(seq);
}

/* Where member `m` of bundle `b` lies, for av_video_open(). */
static struct av_member member_of(const struct bundle *b,
				  const struct bundle_member *m)
{
	struct av_member am;

	memset(&am, 0, sizeof(am));
	am.path = b->path;
	am.has_fd = b->fd >= 0;
	am.fd = b->fd;
	am.offset = m->offset;
	am.size = m->size;
	am.name = m->name;
	return am;
}

static struct av_video *open_item(struct av_sequence *seq,
				  const struct bundle *b,
				  const struct bundle_item *it)
{
	struct av_video_args a;
	memset(&a, 0, sizeof(a));
	a.video = member_of(b, it->video);
	a.video.sha256 = b->members_checked ? NULL : it->video->sha256;
	if (it->subtitles)
		a.subtitles = member_of(b, it->subtitles);
	a.item_id = it->id;
	a.audio_lang = it->audio_lang;
	a.bundle_lang = b->lang ? b->lang->code : NULL;
	struct av_video *v = NULL;
	if (av_video_open(seq->av, &a, &v) != VV_OK)
		return NULL;
	return v;
}

void av_sequence_item(struct av_sequence *seq, const struct bundle *bundle,
		      size_t index)
{
	const struct bundle_item *it = bundle && index < bundle->n_items
		? &bundle->items[index] : NULL;
	const struct bundle_item *following =
		bundle && index + 1 < bundle->n_items
		? &bundle->items[index + 1] : NULL;
	struct av_video *old = seq->current;
	seq->current = NULL;
	seq->current_item = NULL;
	seq->reported = 0;
	/* Every item starts playing: a pause belongs to the item it was
	 * made on (it left the next film stopped on a black frame). */
	seq->paused = 0;
	if (it && it->kind == BUNDLE_VIDEO && it->video) {
		if (seq->next && seq->next_item == it) {
			seq->current = seq->next;
			seq->next = NULL;
			seq->next_item = NULL;
		} else {
			seq->current = open_item(seq, bundle, it);
		}
		seq->current_item = seq->current ? it : NULL;
		if (seq->current)
			av_video_play(seq->current);
	}
	/* the old one goes after the new one is up: no gap in between */
	av_video_free(old);
	if (seq->next && seq->next_item != following) {
		av_video_free(seq->next);
		seq->next = NULL;
		seq->next_item = NULL;
	}
	if (!seq->next && following && following->kind == BUNDLE_VIDEO &&
	    following->video) {
		seq->next = open_item(seq, bundle, following);
		seq->next_item = seq->next ? following : NULL;
	}
}

int av_sequence_finished(struct av_sequence *seq)
{
	if (!seq->current || seq->reported)
		return 0;
	enum av_state st = av_video_state(seq->current);
	if (st != AV_FINISHED && st != AV_FAILED)
		return 0;
	seq->reported = 1;
	const char *msg = av_video_message(seq->current);
	if (msg)
		vv_error(seq->current_item->video->name, 0, "%s", msg);
	return 1;
}

double av_sequence_position(const struct av_sequence *seq,
			    double *duration)
{
	*duration = 0;
	if (!seq->current)
		return -1;
	*duration = av_video_duration(seq->current);
	return av_video_position(seq->current);
}

int av_sequence_playing(const struct av_sequence *seq)
{
	if (!seq->current)
		return 0;
	switch (av_video_state(seq->current)) {
	case AV_LOADING:
	case AV_READY:
	case AV_PLAYING:
		return !seq->paused;
	default:
		return 0;
	}
}

void av_sequence_pause(struct av_sequence *seq, int paused)
{
	seq->paused = paused;
	if (seq->current)
		av_video_pause(seq->current, paused);
}

void av_sequence_replay(struct av_sequence *seq)
{
	seq->paused = 0;
	seq->reported = 0;
	if (seq->current)
		av_video_replay(seq->current);
}

void av_sequence_seek(struct av_sequence *seq, double delta)
{
	if (seq->current) {
		seq->reported = 0;
		av_video_seek(seq->current, delta);
	}
}

void av_sequence_toggle_subtitles(struct av_sequence *seq)
{
	if (seq->current)
		av_video_set_subtitles(seq->current,
				       !av_video_subtitles(seq->current));
}

int av_sequence_key(struct av_sequence *seq, const char *key)
{
	if (!seq || !seq->current || !key)
		return 0;
	if (!strcasecmp(key, "j")) {
		av_sequence_seek(seq, -10);
		return 1;
	}
	if (!strcasecmp(key, "l")) {
		av_sequence_seek(seq, 10);
		return 1;
	}
	if (!strcasecmp(key, "c")) {
		av_sequence_toggle_subtitles(seq);
		return 1;
	}
	return 0;
}

static int video_redraw_due(struct av_video *v)
{
	if (!v->drawn_any || v->state != v->drawn_state || v->unlogged ||
	    v->pic_index != v->drawn_index ||
	    v->subtitles_on != v->drawn_subtitles)
		return 1;
	if (v->seek_still && v->state == AV_PAUSED)
		return media_video_peek(v->media, 0) != NULL;
	if (v->state != AV_PLAYING)
		return 0;
	double c = video_clock(v);
	double tol = sync_tolerance(v->av->interval);
	const struct media_frame *f = media_video_peek(v->media, 0);
	if (f && f->pts <= c + tol)
		return 1;
	/* the picture's time is over: present, so that a late decoder is
	 * waited for (headless) or the repeat is counted */
	if (!f && !media_video_done(v->media) &&
	    v->pic_pts + v->pic_duration <= c + tol)
		return 1;
	if (v->subtitles_on && v->subs && v->av->text &&
	    webvtt_text_at(v->subs, c) != v->drawn_cue)
		return 1;
	return 0;
}

int av_sequence_redraw_due(const struct av_sequence *seq)
{
	if (!seq || !seq->current)
		return 0;
	return video_redraw_due(seq->current);
}

int av_sequence_busy(const struct av_sequence *seq)
{
	if (!seq || !seq->current)
		return 0;
	return seq->current->state == AV_LOADING ||
	       seq->current->state == AV_PLAYING ||
	       (seq->current->state == AV_PAUSED && seq->current->seek_still);
}

/* Touch controls over the film, without text: a double chevron at the
 * left and right edges (seek -10 s / +10 s) and, when the film has
 * subtitles, a caption sign at the top right (on/off). Hit areas are
 * larger than the signs. Index 0: back, 1: forward, 2: subtitles. */
static int overlay_area(const struct av_sequence *seq, int i, SDL_Rect *r)
{
	const SDL_Rect *v = &seq->rect;
	int size = v->h / 7;
	if (size < 40)
		size = 40;
	if (i == 2 && (!seq->current || !seq->current->subs))
		return 0;
	r->w = r->h = size;
	r->x = i == 0 ? v->x + size / 4 : v->x + v->w - size - size / 4;
	r->y = i == 2 ? v->y + size / 4 : v->y + (v->h - size) / 2;
	return 1;
}

static void draw_chevron(SDL_Renderer *r, const SDL_Rect *a, int dir,
			 float shift)
{
	float cx = a->x + a->w / 2.0f + shift, cy = a->y + a->h / 2.0f;
	float s = a->w * 0.22f;
	SDL_Vertex v[3];
	memset(v, 0, sizeof(v));
	for (int i = 0; i < 3; i++)
		v[i].color = (SDL_Color){ 255, 255, 255, 230 };
	v[0].position = (SDL_FPoint){ cx - dir * s, cy - s };
	v[1].position = (SDL_FPoint){ cx - dir * s, cy + s };
	v[2].position = (SDL_FPoint){ cx + dir * s, cy };
	SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

/* A paused film's play sign: a white triangle on a dark square in the
 * middle of the picture, a quarter of its height (at least 48 px), as
 * video players show it; a tap anywhere on the picture plays on. */
static void draw_play_sign(SDL_Renderer *r, const SDL_Rect *v)
{
	int size = v->h / 4 < 48 ? 48 : v->h / 4;
	SDL_Rect a = { v->x + (v->w - size) / 2, v->y + (v->h - size) / 2,
		       size, size };
	float cx = a.x + size / 2.0f, cy = a.y + size / 2.0f;
	SDL_Vertex t[3];

	SDL_SetRenderDrawColor(r, 0, 0, 0, 120);
	SDL_RenderFillRect(r, &a);
	memset(t, 0, sizeof t);
	for (int i = 0; i < 3; i++)
		t[i].color = (SDL_Color){ 255, 255, 255, 240 };
	t[0].position = (SDL_FPoint){ cx - size * 0.26f, cy - size * 0.34f };
	t[1].position = (SDL_FPoint){ cx - size * 0.26f, cy + size * 0.34f };
	t[2].position = (SDL_FPoint){ cx + size * 0.36f, cy };
	SDL_RenderGeometry(r, NULL, t, 3, NULL, 0);
}

static void draw_overlay(struct av_sequence *seq)
{
	SDL_Renderer *r = seq->av->renderer;
	SDL_BlendMode mode;
	Uint8 cr, cg, cb, ca;
	if (seq->no_touch)
		return;
	SDL_GetRenderDrawBlendMode(r, &mode);
	SDL_GetRenderDrawColor(r, &cr, &cg, &cb, &ca);
	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
	if (seq->paused)
		draw_play_sign(r, &seq->rect);
	for (int i = 0; i < 3; i++) {
		SDL_Rect a;
		if (!overlay_area(seq, i, &a))
			continue;
		SDL_SetRenderDrawColor(r, 0, 0, 0, 120);
		SDL_RenderFillRect(r, &a);
		if (i < 2) {
			int dir = i == 0 ? -1 : 1;
			draw_chevron(r, &a, dir, -a.w * 0.12f);
			draw_chevron(r, &a, dir, a.w * 0.12f);
			continue;
		}
		/* caption sign: a frame with two text lines; dimmed off */
		int on = av_video_subtitles(seq->current);
		Uint8 alpha = on ? 240 : 110;
		SDL_SetRenderDrawColor(r, 255, 255, 255, alpha);
		SDL_Rect box = { a.x + a.w / 6, a.y + a.h / 4, a.w * 2 / 3,
				 a.h / 2 };
		SDL_RenderDrawRect(r, &box);
		SDL_Rect l1 = { box.x + box.w / 6, box.y + box.h / 3,
				box.w * 2 / 3, box.h / 8 + 1 };
		SDL_Rect l2 = { box.x + box.w / 6, box.y + box.h * 2 / 3 - 1,
				box.w / 2, box.h / 8 + 1 };
		SDL_RenderFillRect(r, &l1);
		SDL_RenderFillRect(r, &l2);
	}
	SDL_SetRenderDrawBlendMode(r, mode);
	SDL_SetRenderDrawColor(r, cr, cg, cb, ca);
}

void av_sequence_set_touch(struct av_sequence *seq, int on)
{
	seq->no_touch = !on;
}

enum av_tap av_sequence_tap(struct av_sequence *seq, int x, int y)
{
	if (!seq || !seq->current || seq->rect_video != seq->current ||
	    seq->no_touch)
		return AV_TAP_NONE;
	SDL_Point pt = { x, y };
	for (int i = 0; i < 3; i++) {
		SDL_Rect a;
		if (!overlay_area(seq, i, &a))
			continue;
		/* a finger is wider than the sign */
		SDL_Rect hit = { a.x - a.w / 3, a.y - a.h / 3,
				 a.w * 5 / 3, a.h * 5 / 3 };
		if (!SDL_PointInRect(&pt, &hit))
			continue;
		if (i == 2) {
			av_sequence_toggle_subtitles(seq);
			return AV_TAP_TOGGLE;
		}
		av_sequence_seek(seq, i == 0 ? -10 : 10);
		return AV_TAP_SEEK;
	}
	/* paused: the whole picture is the play sign's target */
	if (seq->paused && SDL_PointInRect(&pt, &seq->rect))
		return AV_TAP_PICTURE;
	return AV_TAP_NONE;
}

void av_sequence_frame_begin(struct av_sequence *seq)
{
	if (seq)
		seq->rect_video = NULL;
}

int av_sequence_redraw_alone(struct av_sequence *seq)
{
	/* Only the software renderer keeps its target's pixels after a
	 * present (its own surface); the others' back buffers are
	 * undefined then. The software renderer is also the one without
	 * YUV textures, which is what prescale notes. */
	if (!seq || !seq->current || seq->rect_video != seq->current ||
	    !seq->av->prescale || !seq->av->renderer)
		return 0;
	SDL_RendererInfo info;
	if (SDL_GetRendererInfo(seq->av->renderer, &info) != 0 ||
	    !(info.flags & SDL_RENDERER_SOFTWARE))
		return 0;
	SDL_Rect r = seq->rect;
	seq->current->fill_bars = 1;
	if (av_video_present_band(seq->current, r.x, r.y, r.w, r.h,
				  seq->band))
		draw_overlay(seq);
	return 1;
}

int av_sequence_subtitled(void *user, const struct bundle_item *item)
{
	struct av_sequence *seq = user;
	const struct av_video *v = seq ? seq->current : NULL;

	/* as av_video_present_band() decides whether to use the band */
	return v && seq->current_item == item && v->subtitles_on && v->subs &&
	       seq->av->text;
}

double av_sequence_aspect(void *user, const struct bundle_item *item)
{
	struct av_sequence *seq = user;
	const struct av_video *v = seq ? seq->current : NULL;

	if (!v || seq->current_item != item || !v->has_info ||
	    v->info.width <= 0 || v->info.height <= 0)
		return 0;
	double dw = (double)v->info.width *
		    (v->info.sar_num > 0 ? v->info.sar_num : 1) /
		    (v->info.sar_den > 0 ? v->info.sar_den : 1);
	double dh = v->info.height;
	if (v->info.rotation == 90 || v->info.rotation == 270)
		return dh / dw;
	return dw / dh;
}

int av_sequence_draw(void *user, const struct bundle_item *item, int x,
		     int y, int w, int h, int band)
{
	struct av_sequence *seq = user;
	if (!seq || !seq->current || seq->current_item != item ||
	    !seq->av->renderer)
		return 0;
	SDL_Rect r = { x, y, w, h };
	if (band < 0)
		band = 0;
	if (r.x != seq->rect.x || r.y != seq->rect.y || r.w != seq->rect.w ||
	    r.h != seq->rect.h || band != seq->band)
		av_log(seq->av, "video_rect", seq->current->item,
		       ",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"band\":%d",
		       x, y, w, h, band);
	seq->rect = r;
	seq->band = band;
	seq->current->fill_bars = 1;
	int drawn = av_video_present_band(seq->current, x, y, w, h, band);
	/* Without a picture the caller draws its own stand-in, and lays
	 * out around a box without the subtitle band (the title under it):
	 * the first picture then needs a whole frame, not the film alone
	 * over the stand-in. */
	seq->rect_video = drawn ? seq->current : NULL;
	if (drawn)
		draw_overlay(seq);
	return drawn;
}
