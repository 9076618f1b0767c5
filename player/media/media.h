/* media: demuxes and decodes one media member (audio, video or both) on
 * its own threads, for player/out/av.c. With avio_range, this is the only
 * player code that includes libav* headers.
 *
 * Threads and locking rules:
 * - Each media object runs up to three threads: demux (reads packets from
 *   the bundle's byte range into the audio and video packet queues) and
 *   one decode thread per stream. Both decode threads run one loop with a
 *   back-end per stream type: video (into the frame queue) and audio
 *   (swresample into the sample queue, in the device format given to
 *   media_open()).
 * - One mutex per media object guards every queue, the status fields, the
 *   seek request and the generation counter; one condition variable
 *   ("changed") is broadcast on every change. No lock is held while
 *   reading the file, decoding or resampling, so the consumer never waits
 *   behind a slow decode.
 * - The queues are bounded: packets by bytes and by duration, video frames
 *   by count (MEDIA_VIDEO_FRAMES), audio by seconds (MEDIA_AUDIO_SECONDS).
 *   A producer that finds its queue full waits on "changed".
 * - Consumer side: media_audio_read() may run on the SDL audio thread;
 *   every other function is for one thread (the ui). Consumer calls never
 *   block, except media_wait(), which blocks at most its timeout.
 * - A seek increments the generation under the lock and empties every
 *   queue at once; producers drop whatever they made for an older
 *   generation, so the consumer never sees a stale frame.
 * - media_free() sets abort, broadcasts, and joins all threads. */
#ifndef VV_PLAYER_MEDIA_MEDIA_H
#define VV_PLAYER_MEDIA_MEDIA_H

#include <stdint.h>

#include "common/err.h"

#define MEDIA_VIDEO_FRAMES 3
#define MEDIA_AUDIO_SECONDS 0.5

struct media;

struct media_open_args {
	const char *path;     /* file holding the member (borrowed) */
	int has_fd;           /* 1: read `fd` (the bundle's descriptor,
	                       * borrowed; media_open() dup()s it), not path */
	int fd;
	const char *sha256;   /* the member's digest, checked as it streams
	                       * (copied); NULL: not checked. A mismatch
	                       * fails the media: playback stops. */
	uint64_t offset;      /* member byte range in that file */
	uint64_t size;
	int want_video;       /* 0: ignore video streams (narration) */
	int want_audio;
	int audio_rate;       /* output: interleaved float samples at this */
	int audio_channels;   /* rate and channel count (1..8) */
	int threads;          /* video decoder threads; 0: chosen by the
	                       * picture rate (see media.c: one up to
	                       * 1080p at 30 frames a second, one per core
	                       * up to 4 above it) */
	/* Fault injection for the watchdog tests: the video (audio) decoder
	 * hangs after this many frames, as a broken codec or a stuck read
	 * would. 0: never. */
	long test_stall_video_after, test_stall_audio_after;
	/* Test fault: every decoded video frame costs this many more
	 * milliseconds, as on a machine too slow for the film. 0: none. */
	int test_video_delay_ms;
};

/* What the demuxer found; valid once media_state() is past
 * MEDIA_OPENING. */
struct media_info {
	int has_video, has_audio;
	double duration;          /* seconds; 0 when unknown */
	int width, height;        /* coded picture size */
	int sar_num, sar_den;     /* sample (pixel) aspect ratio, 1:1 if unset */
	int rotation;             /* clockwise degrees to rotate for display:
	                           * 0, 90, 180 or 270 (from the display
	                           * matrix) */
	int in_rate, in_channels; /* the audio as stored */
	char video_codec[32], audio_codec[32];
	int video_threads;        /* the video decoder's threads */
};

enum media_state {
	MEDIA_OPENING,  /* the demuxer is opening the member */
	MEDIA_RUNNING,  /* open: frames and samples are coming */
	MEDIA_FAILED,   /* could not open, or no wanted stream */
};

/* A decoded picture in planar YUV 4:2:0 (converted in the decode thread
 * when the stream has another pixel format, never to RGB). Owned by the
 * media's queue. */
struct media_frame {
	double pts;               /* seconds from the start of the media */
	double duration;          /* seconds; estimated for the last frame */
	int width, height;
	const uint8_t *planes[3];
	int pitches[3];
	int sar_num, sar_den;     /* this picture's pixel aspect (1:1 once
	                           * scaled to a box) */
	uint64_t index;           /* decode order within a generation */
	int bt709;                /* 1: BT.709 colours, 0: BT.601; always
	                           * video levels (16-235): full-range
	                           * pictures are converted */
};

/* Starts the threads for a member and returns at once (state
 * MEDIA_OPENING). Returns VV_OK and a new media in *out (free with
 * media_free()), or VV_ERR_NOMEM. Problems with the file show up as
 * MEDIA_FAILED and media_error(). Borrows args. */
enum vv_err media_open(const struct media_open_args *args, struct media **out);

/* Stops and joins the threads, frees everything. NULL is a no-op. */
void media_free(struct media *m);

enum media_state media_state(struct media *m);

/* Copies the stream info (valid when state is MEDIA_RUNNING). */
void media_get_info(struct media *m, struct media_info *info);

/* A static English description of what went wrong, or NULL: set on
 * failure, and for damage found while playing (read or decode errors). */
const char *media_error(struct media *m);

/* Counts of decoder errors and of packets lost to read errors; the av
 * layer reports "damaged" when non-zero at the end. */
unsigned media_damage(struct media *m);

/* The i-th queued video frame (0 = next to show) or NULL when not decoded
 * yet. Valid until media_video_pop() or media_seek(). */
const struct media_frame *media_video_peek(struct media *m, int i);

/* Removes the head frame (after it was uploaded or dropped). */
void media_video_pop(struct media *m);

/* 1 when the video stream has been decoded to its end and every frame was
 * popped (or there is no video stream). */
int media_video_done(struct media *m);

/* Copies up to `frames` interleaved float frames into out; returns how
 * many (0 when none is decoded yet, or at the end). *pts gets the time of
 * the first one copied (unchanged when none). Never blocks on decoding:
 * safe on the audio thread. */
int media_audio_read(struct media *m, float *out, int frames, double *pts);

/* Returns 1 and the time of the next audio frame to read in *pts, or 0
 * when none is queued. */
int media_audio_next_pts(struct media *m, double *pts);

/* Audio frames queued and ready. */
int media_audio_available(struct media *m);

/* 1 when the audio stream was decoded to its end and fully read (or there
 * is no audio stream). */
int media_audio_done(struct media *m);

/* Requests a seek to `seconds` from the start (accurate: frames before it
 * are decoded and dropped). Empties the queues at once. */
void media_seek(struct media *m, double seconds);

/* Asks the video thread to scale pictures down (planar YUV, never up,
 * never to RGB) to the size they take when fitted into a box of w x h
 * pixels at their display aspect (pixel aspect and rotation applied; the
 * picture stays unrotated, with square pixels). For renderers that would
 * otherwise convert and scale the full picture on the CPU every frame.
 * 0 x 0: the decoded size. smooth: bilinear; else nearest neighbour,
 * which is what SDL's software renderer itself scales with unless
 * SDL_HINT_RENDER_SCALE_QUALITY asks for better. Takes effect from the
 * next decoded frame. */
void media_set_video_box(struct media *m, int w, int h, int smooth);

/* swscale's widest SIMD block, in pixels: it writes rows converted to
 * BGRA in whole blocks. A destination whose pitch holds the width
 * rounded up to it is written directly; a tighter one goes through
 * padded rows and a copy. */
#define MEDIA_BGRA_BLOCK 64

/* Converts a frame from media_video_peek() to 32-bit BGRA (SDL's
 * ARGB8888 on a little-endian machine; alpha 255) at its own size, into
 * dst with `pitch` bytes a row (at least 4 x width), in the frame's
 * matrix and with its video levels expanded to full range: for
 * renderers without YUV textures, which would otherwise convert in
 * portable C on every draw. Call from the consumer's thread only (one
 * converter per media). Returns 0, or -1 when it cannot convert. */
int media_frame_to_bgra(struct media *m, const struct media_frame *f,
			uint8_t *dst, int pitch);

/* Tells the video decoder where the master clock is now, at real-time
 * speed from here on, so that it can skip frames when it falls behind
 * (the policy is in sync.h). Call every ui frame while playing; NAN (the
 * default) while paused, preloading, or in virtual time: then every frame
 * is decoded. */
void media_set_clock(struct media *m, double clock);

/* Video frames skipped so far (by the codec or dropped after decoding)
 * because the decoder was late; a total since media_open(). */
unsigned media_video_skipped(struct media *m);

/* Monotonic count of frames and audio blocks made by the decoders; the
 * watchdog sees a stall when it stops moving while the queues are empty. */
uint64_t media_progress(struct media *m);

/* Blocks until the decoders change something (a frame or samples queued,
 * an end, a failure) or `timeout` seconds pass. For headless runs in
 * virtual time, where the clock must not outrun the decoder. */
void media_wait(struct media *m, double timeout);

#endif
