/* av: plays a bundle's media members on SDL: narration audio on slides and
 * video items (picture, sound, WebVTT subtitles), straight from the bundle
 * file. Decoding is in player/media; this is the SDL side: one audio device
 * for everything, YUV textures, subtitles drawn with player/text.
 *
 * Use from the ui thread only: every av_* call, including the log callback,
 * happens on the thread that calls av_out_tick() and av_video_present().
 * Callers never see SDL or libav types. */
#ifndef VV_PLAYER_OUT_AV_H
#define VV_PLAYER_OUT_AV_H

#include <stdint.h>

#include "common/bundle.h"
#include "common/err.h"

struct av_out;
struct av_video;
struct text_engine;

/* A media member inside a bundle file: common/bundle.h's bundle->path and
 * the member's offset and size. Nothing is extracted; the decoder reads
 * the byte range through an AVIOContext. A plain file is offset 0 and its
 * size. All strings are borrowed for the duration of the call only. */
struct av_member {
	const char *path;   /* bundle file */
	uint64_t offset;    /* byte offset of the member's data */
	uint64_t size;      /* member size in bytes */
	const char *name;   /* member name, for messages and the log */
	/* 1: read `fd` (bundle->fd, borrowed), not path: the file that was
	 * verified, even when another was put in its place since */
	int has_fd;
	int fd;
	/* the member's SHA-256, checked as it streams (a mismatch stops
	 * it); NULL: not checked (the bundle was hashed whole already) */
	const char *sha256;
};

struct av_config {
	void *renderer;     /* SDL_Renderer *; NULL: audio only (no video) */
	struct text_engine *text; /* draws subtitles; NULL: none drawn */
	int headless;       /* 1: open no audio device; the audio clock is
	                     * driven by the times given to av_out_tick() */
	int frame_threads;  /* decoder threads per video; 0: chosen by the
	                     * film's picture rate (1 up to 1080p30, which
	                     * keeps memory and CPU lowest) */
	/* Fault injection for the watchdog tests, handed to every media
	 * opened (media_open_args): decoders hang after this many video
	 * frames (audio blocks). 0: never. */
	long test_stall_video_after, test_stall_audio_after;
	int test_video_delay_ms; /* test fault: a slow video decoder (ms
	                     * more per frame); 0: none */
	double test_load_seconds; /* test fault: a film stays AV_LOADING
	                     * for this long on the clock given to
	                     * av_out_tick() after it was opened, however
	                     * soon its first frame is decoded; 0: none */
	int real_time;      /* headless: the times given to av_out_tick()
	                     * are real time (VV_REAL_TIME), so decoders are
	                     * not waited for: a late one skips frames, as
	                     * with a device */
};

/* Events: av_out_set_log()'s function receives one JSON object (no
 * newline) per event, each with "t" (the player's clock at the last
 * av_out_tick()), "event" and "item":
 * - "frame" per presented video frame: pts, audio_clock (the master
 *   clock), av_diff (pts - clock, s), dropped and repeated (since the
 *   previous frame; the policy is in player/media/sync.h), skipped (frames
 *   the late decoder skipped since the previous frame), index, master
 *   ("audio" or "player");
 * - "first_picture" when an item's first picture reaches the screen
 *   (wait_ms from play, since_open_ms, preloaded): with the "item" and
 *   "video_end" events it proves a switch had no gap; "blank" when a
 *   present had no picture to draw;
 * - "video_open", "video_info", "video_ready" (first frame decoded),
 *   "video_start", "video_pause", "video_resume", "video_seek",
 *   "video_replay", "subtitles", "video_end" (reason end, damaged,
 *   failed or closed, with frame, drop, skip and repeat totals);
 * - "narration_start", "narration_end", "watchdog", "media_error"
 *   (message);
 * - "audio_device" (no item) with state "lost" when the sound device
 *   goes away, "back" when one opens again, "found" when the first one
 *   opens for a player that started without any, and "moved" (device:
 *   the new output's name) when the sound server moved the sound to
 *   another output (the one in use went away, or another was chosen).
 * The player writes them to --log-json. */

/* Opens the audio device (unless headless) at a fixed format that every
 * source is resampled to. Returns VV_OK and a new av_out in *out (free
 * with av_out_free()). With no usable audio device it logs the reason and
 * falls back to the headless clock rather than failing: a kiosk without
 * sound still shows videos. Returns VV_ERR_NOMEM only. Borrows cfg's
 * renderer and text engine; they must outlive the av_out. Also limits
 * glibc to one malloc arena (decode threads would otherwise keep several
 * MB of free pages each). */
enum vv_err av_out_new(const struct av_config *cfg, struct av_out **out);

/* Stops the narration, closes the audio device. Every av_video must be
 * freed first. NULL is a no-op. */
void av_out_free(struct av_out *av);

/* Sets the event sink (NULL: no events); see the event list above. */
void av_out_set_log(struct av_out *av,
		    void (*fn)(const char *json, void *user), void *user);

/* Call once per ui frame before drawing, with the player's clock in
 * seconds (monotonic; virtual time in scripted headless runs). Headless,
 * this is what advances the audio clock: it consumes (now - previous now)
 * seconds of samples from the playing sources, so A/V sync and the log
 * work the same as with a device; a decoder that is behind is waited for
 * (at most 0.5 s a tick), so virtual time never outruns decoding and a
 * scripted run plays the same every time. Also runs the watchdogs (a
 * clock or decoder that does not move for 3 s of real time: the item
 * fails with a message) and notices the end of narration and videos. */
void av_out_tick(struct av_out *av, double now);

/* ---- Narration (one at a time) ---- */

/* Starts playing an audio member, replacing any narration that plays
 * (not one held by av_narration_hold()).
 * Returns VV_OK at once; decoding runs in the background. A member that
 * cannot be decoded logs a "media_error" event and counts as finished
 * (av_narration_finished() returns 1), so auto-advance never waits on it.
 * Returns VV_ERR_NOMEM only. */
enum vv_err av_narration_play(struct av_out *av, const struct av_member *m);

/* Pauses (1) or resumes (0) the narration; no-op when none. */
void av_narration_pause(struct av_out *av, int paused);

/* Plays the current narration again from the start; no-op when none. */
void av_narration_replay(struct av_out *av);

/* Stops and frees the narration, and the one held by
 * av_narration_hold(). No-op when none. */
void av_narration_stop(struct av_out *av);

/* Sets the narration aside, where it neither plays nor counts (as if none
 * played), so that a prompt can be spoken over it; a narration held
 * before is freed. No-op when none plays. */
void av_narration_hold(struct av_out *av);

/* Stops the narration that plays and puts the held one back, at the
 * position and in the state (playing or paused) it was held in. With none
 * held it only stops. */
void av_narration_restore(struct av_out *av);

/* Returns 1 when the narration played to its end, failed, was stopped or
 * none was started; 0 while it plays or is paused. */
int av_narration_finished(const struct av_out *av);

/* Returns the narration's position in seconds (what has been heard), 0
 * when none; and its duration in *duration when not NULL (0: unknown). */
double av_narration_position(const struct av_out *av, double *duration);

/* ---- Video items ---- */

struct av_video_args {
	struct av_member video;
	struct av_member subtitles; /* WebVTT; path NULL: none */
	const char *item_id;        /* for the log; may be NULL */
	const char *audio_lang;     /* the audio's language; NULL: unknown */
	const char *bundle_lang;    /* the participant's language */
};

enum av_state {
	AV_LOADING,   /* opening; the first frame is not decoded yet */
	AV_READY,     /* first frame decoded, waiting for av_video_play() */
	AV_PLAYING,
	AV_PAUSED,
	AV_FINISHED,  /* played to the end, or to where damage starts (then
	               * av_video_message() says so): move on */
	AV_FAILED,    /* nothing decodable, or the watchdog found the decoder
	               * or clock stalled: move on, show av_video_message() */
};

/* Opens a video item and starts demuxing and decoding in the background;
 * returns at once with the video in AV_LOADING. It stays stopped on its
 * first frame until av_video_play(): open the next item while the current
 * one plays (preload) and the switch is gapless. Subtitles are on when
 * audio_lang differs from bundle_lang (or is unknown). Errors in the
 * member show up later as AV_FAILED, never as a hang. Returns VV_OK and a
 * new video (free with av_video_free()), or VV_ERR_NOMEM. */
enum vv_err av_video_open(struct av_out *av, const struct av_video_args *args,
			  struct av_video **out);

/* Stops the threads and frees everything. NULL is a no-op. */
void av_video_free(struct av_video *v);

enum av_state av_video_state(const struct av_video *v);

/* Returns a translated one-line message on damage or failure, else NULL.
 * Owned by the video. */
const char *av_video_message(const struct av_video *v);

/* Starts playback (from AV_READY or AV_LOADING: it starts as soon as the
 * first frame is there, and forgets a pause asked for while loading) or
 * resumes after a pause. Only one video should
 * play at a time: its audio goes to the device. */
void av_video_play(struct av_video *v);

/* Pauses (1) or resumes (0). A video in AV_LOADING keeps the last one
 * of them: when av_video_play() asked it to start, it starts paused on
 * its first frame (AV_PAUSED), or plays when resumed meanwhile. */
void av_video_pause(struct av_video *v, int paused);

/* Seeks by delta seconds (+10 / -10), clamped to the media. */
void av_video_seek(struct av_video *v, double delta);

/* Plays again from the start. */
void av_video_replay(struct av_video *v);

/* Subtitles on (1) or off (0), and the current setting. */
void av_video_set_subtitles(struct av_video *v, int on);
int av_video_subtitles(const struct av_video *v);

/* Position and duration in seconds (duration 0 when unknown). */
double av_video_position(const struct av_video *v);
double av_video_duration(const struct av_video *v);

/* Draws the frame due now (audio clock is the master) into the rectangle,
 * letterboxed at its display aspect (pixel aspect and rotation applied),
 * and the current subtitle cue in a box at the bottom of the rectangle.
 * Does not clear the rest of the rectangle. Call once per ui frame after
 * av_out_tick(); a video in AV_READY or AV_PAUSED shows its current frame.
 * Returns 1 when a picture was drawn, 0 when none is decoded yet. */
int av_video_present(struct av_video *v, int x, int y, int w, int h);

/* As av_video_present(), with a band `band` px high under the rectangle
 * (0: none) for the subtitles: a portrait screen has room under a wide
 * film, and a cue there covers none of it and is larger (a sixth of the
 * band's height, at most a sixteenth of the width). While subtitles
 * show, the band is painted black and holds the cue, and it returns 2;
 * else the band is left alone (the caller may draw there) and the cue,
 * if any, is over the picture's foot. Returns 1 when a picture was drawn
 * without the band, 0 when none is decoded yet. */
int av_video_present_band(struct av_video *v, int x, int y, int w, int h,
			  int band);

/* ---- Sequence helper: video items of a bundle for the ui ----
 * Owns the current video item and preloads the next one: when item i
 * starts, item i+1 (if a video) is opened and its first frame decoded, so
 * the switch shows no black frame. The main loop calls av_sequence_item()
 * on every item change, av_sequence_finished() each frame (to feed the
 * navigation's "item done"), and passes av_sequence_draw() to the ui as
 * its video hook. */
struct av_sequence;

/* Returns VV_OK and a new sequence helper (free with av_sequence_free(),
 * before av_out_free()), or VV_ERR_NOMEM. Borrows av. */
enum vv_err av_sequence_new(struct av_out *av, struct av_sequence **out);
void av_sequence_free(struct av_sequence *seq);

/* Item `index` of `bundle` became current: plays it when it is a video
 * (the preloaded one when it was next; a pause of the item before does
 * not carry over), stops a video otherwise, and
 * preloads the following item when it is a video. Borrows the bundle; it
 * must stay open until the next call or av_sequence_stop(). */
void av_sequence_item(struct av_sequence *seq, const struct bundle *bundle,
		      size_t index);

/* Left the sequence (home, reset, idle): frees every video and forgets
 * the pause, so the next visit starts from a clean state. */
void av_sequence_stop(struct av_sequence *seq);

/* Returns 1 once when the current video item finished, failed or was
 * skipped by the watchdog (the reason is in the log and on stderr): the
 * caller moves on to the next item. */
int av_sequence_finished(struct av_sequence *seq);

/* Returns 1 while the current video item is playing or about to (loading
 * to play), 0 when there is none or it is paused, finished or failed. */
int av_sequence_playing(const struct av_sequence *seq);

/* The current video item's position in seconds, and its duration in
 * *duration (0: unknown); -1 when no video item is current. For the
 * presenter console. */
double av_sequence_position(const struct av_sequence *seq,
			    double *duration);

/* Controls for the current video item (no-ops on a slide). */
void av_sequence_pause(struct av_sequence *seq, int paused);
void av_sequence_replay(struct av_sequence *seq);
void av_sequence_seek(struct av_sequence *seq, double delta);
void av_sequence_toggle_subtitles(struct av_sequence *seq);

/* Maps a key name ("J": -10 s, "L": +10 s, "C": subtitles on/off, any
 * case) to a control on the current video; returns 1 when used, 0 when
 * no video plays or the key is another one. */
int av_sequence_key(struct av_sequence *seq, const char *key);

/* What a tap on the film did (av_sequence_tap()). */
enum av_tap {
	AV_TAP_NONE,    /* hit no control over the film */
	AV_TAP_SEEK,    /* a chevron: seeks add up, tap after tap */
	AV_TAP_TOGGLE,  /* the caption sign: a second tap undoes the first */
	AV_TAP_PICTURE, /* the picture of a paused film: nothing done; the
	                 * caller plays it on */
};

/* Touch controls drawn over the film by av_sequence_draw(): a double
 * chevron at its left and right edges seeks -10 / +10 s, a caption sign
 * at its top right (when it has subtitles) turns them on or off, and a
 * paused film shows a large play sign in its middle. Returns what the
 * tap at (x, y) hit (and did), AV_TAP_NONE when nothing. */
enum av_tap av_sequence_tap(struct av_sequence *seq, int x, int y);

/* Touch controls on (1, the default) or off (0): a group's room screen
 * shows the film only; the facilitator seeks from the keyboard. */
void av_sequence_set_touch(struct av_sequence *seq, int on);

/* Returns 1 when the current video item would look different if drawn
 * now (a frame is due or overdue, its state or subtitle changed since the
 * last av_sequence_draw()), 0 when a redraw would show the same picture;
 * call after av_out_tick(). Lets the main loop skip redrawing an unchanged
 * screen between video frames, as ffplay does. Returns 0 when no video
 * item is current. */
int av_sequence_redraw_due(const struct av_sequence *seq);

/* Returns 1 while the current video item loads or plays, when its frames
 * fall due at the film's rate, or, paused, waits for the picture at the
 * place a seek took it to: the main loop ticks often then. Returns 0
 * when it is paused, ready, over, or no video item is current: then the
 * screen changes only on input and the loop sleeps. */
int av_sequence_busy(const struct av_sequence *seq);

/* A whole frame is about to be drawn: until av_sequence_draw() draws the
 * video in it, av_sequence_redraw_alone() draws nothing, since that frame
 * may cover the film's rectangle with something else (the staff overlay).
 * NULL is a no-op. */
void av_sequence_frame_begin(struct av_sequence *seq);

/* Redraws only the current video into the rectangle of the last
 * av_sequence_draw() and returns 1, when that is valid: the renderer
 * draws on the CPU into a target that keeps its pixels between frames
 * (SDL's software renderer), so the rest of the screen is still there.
 * Returns 0 (nothing drawn) otherwise: draw the whole frame. Use when
 * av_sequence_redraw_due() says the video changed and nothing else did. */
int av_sequence_redraw_alone(struct av_sequence *seq);

/* The ui's video hook (ui_video_fn): `user` is the av_sequence. Fills the
 * rectangle black and draws the current video into it, its subtitles in
 * the band `band` px high under it when band > 0 (as
 * av_video_present_band()); returns 2 when it drew a picture and used
 * the band, 1 when it drew a picture only, 0 when `item` is not the
 * playing video. */
int av_sequence_draw(void *user, const struct bundle_item *item, int x,
		     int y, int w, int h, int band);

/* The ui's band hook (ui_video_band_fn): `user` is the av_sequence.
 * Returns 1 when `item` is the current video and its subtitles show
 * (av_sequence_draw() would fill a band with them), else 0. */
int av_sequence_subtitled(void *user, const struct bundle_item *item);

/* The ui's aspect hook (ui_video_aspect_fn): `user` is the av_sequence.
 * Returns the width over the height at which `item` shows, its pixels'
 * aspect (SAR) and its rotation applied, when it is the current video
 * and its stream is open; else 0. */
double av_sequence_aspect(void *user, const struct bundle_item *item);

#endif
