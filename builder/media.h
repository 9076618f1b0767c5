/* media: probes and validates media files with libavformat/libavcodec, and
 * prepares per-language video files by remuxing (never re-encoding), with
 * a content-addressed cache under the build directory. */
#ifndef VV_BUILDER_MEDIA_H
#define VV_BUILDER_MEDIA_H

#include <stddef.h>

#include "builder/media_profile.h"
#include "common/err.h"

#define MEDIA_MAX_STREAMS 16

struct media_stream_info {
	int index;
	char type[12];        /* "video", "audio", "subtitle", "data" */
	char codec[32];       /* libavcodec name: "h264", "opus", ... */
	char lang[8];         /* ISO 639-2 tag from the container, or "" */
	int channels;
	char layout[64];      /* "stereo", "mono", "5.1", ... */
	int sample_rate;
};

struct media_info {
	char kind[12];        /* "image", "audio", "video", "subtitles" */
	char container[64];   /* libavformat name, e.g. "matroska,webm" */
	double duration;      /* seconds */
	int width, height;
	double fps;           /* average frame rate, 0 when not video */
	int vfr;              /* non-zero when the frame rate is variable */
	char video_codec[32];
	int n_streams;
	struct media_stream_info streams[MEDIA_MAX_STREAMS];
	char video_profile[32]; /* "High", "Main", "High 10", ... or "" */
	int bit_depth;        /* of the video's samples; 0 when unknown */
	int hdr;              /* 0 SDR, 1 HDR PQ (SMPTE 2084), 2 HDR HLG */
};

/* Silences libav*'s own log lines (the builder reports one line per
 * file; VV_AV_LOG=1 keeps them for debugging). Call before any libav*
 * use; thread-safe, runs once. */
void media_av_init(void);

/* Parses a profile: "1080p30" (a 16:9 frame that high, at 30 frames a
 * second), "720p" (30 implied), or "1280x720@25". Returns VV_OK, or
 * VV_ERR_USAGE for anything else (no message: the caller names the
 * source). */
enum vv_err media_profile_parse(const char *text,
				struct media_profile *out);

/* Returns 0 when the video `info` fits `profile`: H.264 at most High
 * profile with 8-bit samples, frame and rate within it, in a container
 * and with audio the player plays. Otherwise
 * returns non-zero and writes what is above it into why (a translated
 * phrase, e.g. "3840x2160 is larger than 1920x1080"). Non-video info
 * always fits. */
int media_profile_exceeds(const struct media_info *info,
			  const struct media_profile *profile,
			  char *why, size_t size);

/* Probes `path` and checks it is something the player can use (H.264,
 * VP9, AV1; AAC, Opus, MP3, FLAC, PCM WAV; PNG/JPEG images; in MP4, MKV,
 * WebM, Ogg, ...), or a film that --transcode can make so (codecs
 * libavcodec decodes, in any container it reads: see
 * media_refuse_unplayable()). Fills *info. On failure prints one line
 * naming the file and saying what to convert it to, and returns
 * VV_ERR_MEDIA or VV_ERR_IO. */
enum vv_err media_probe(const char *path, struct media_info *info);

/* Like media_probe(), but keeps the result of a successful probe under
 * `cache_dir` (key: the file's path, size and mtime, and the builder
 * version), so an unchanged file is not read again by later builds.
 * cache_dir NULL means plain media_probe(). Failures are not cached: a
 * bad file gets its message on every build. Thread-safe. */
enum vv_err media_probe_cached(const char *path, const char *cache_dir,
			       struct media_info *info);

/* Checks that the probed file `path` is of the kind the pack uses it as
 * (`kind`: "video", "audio", "image" or "subtitles"), so that check and
 * build say the same. Returns VV_OK, or VV_ERR_MEDIA after one line
 * naming the file and both kinds. Borrows everything. */
enum vv_err media_expect_kind(const char *path,
			      const struct media_info *info,
			      const char *kind);

/* Returns VV_OK for what the player can show as it is: SDR video `info`
 * (as probed from `path`) in a codec and container it plays, with audio
 * it plays, or no video. For a codec it does not decode (HEVC, MPEG-4
 * Part 2, MPEG-2; AC-3, DTS, MP2, PCM in a film; media_probe() lets
 * through any that libavcodec decodes), a container it does not read
 * (a DVD's MPEG-PS, AVI) and for HDR (PQ, HLG), which a kiosk would show
 * washed out, VV_ERR_MEDIA after one line naming the file and saying how
 * to convert it (or --transcode, which re-encodes and tone-maps).
 * Borrows everything. */
enum vv_err media_refuse_unplayable(const char *path,
				    const struct media_info *info);

/* Checks that a bundle in `lang` can pick its audio from `info` (as probed
 * from `src`, a file shared by every language): with several audio
 * tracks, one must be tagged `lang` or `source_lang`, as
 * media_for_language() picks. Returns VV_OK (also for one track or none),
 * or VV_ERR_MEDIA after one line naming the file, its tags and what to
 * do. Borrows everything. */
enum vv_err media_check_audio_tags(const char *src,
				   const struct media_info *info,
				   const char *lang, const char *source_lang);

/* Checks that every language-tagged audio stream of `info` (as probed from
 * `path`) is in the declared language `lang` (BCP 47); ISO 639-2 tags map
 * through lang_find_iso639_2(). Untagged and "und" streams pass. Returns
 * VV_OK, or VV_ERR_MEDIA after one line naming the file, the tag and the
 * declared language. Borrows everything. */
enum vv_err media_check_language(const char *path,
				 const struct media_info *info,
				 const char *lang);

/* Returns non-zero when the stream language tag `tag` (ISO 639-2, or a
 * BCP 47 code) denotes the BCP 47 language `lang`. */
int media_tag_is_lang(const char *tag, const char *lang);

/* Returns in *out_path (caller frees) the video `src` re-encoded to fit
 * `profile` (builder/transcode: libx264, frame and rate within it, audio
 * the player plays copied, other audio re-encoded to Opus), made once per (file, profile) and kept in cache_dir like a
 * remux; *info describes it. While it is made, a progress bar on stderr
 * when that is a terminal; a line when it is done. Returns VV_OK,
 * VV_ERR_MEDIA, VV_ERR_IO or VV_ERR_NOMEM after one line naming the
 * file. Thread-safe: concurrent calls for one file wait for one
 * transcode. */
enum vv_err media_transcode(const char *src,
			    const struct media_profile *profile,
			    const char *cache_dir, char **out_path,
			    struct media_info *info);

/* Returns in *out_path (caller frees) a file holding what a bundle in
 * language `lang` needs from the video `src`:
 * - src has several audio tracks: a remux (stream copy, same container
 *   family, MP4 with moov first, timestamps kept) of the first video
 *   stream plus the audio track tagged `lang`, or, when there is none,
 *   the one tagged `source_lang`. The remux is made once per (file, kept
 *   language) and kept in cache_dir for every level and later builds.
 * - src has at most one audio track: src itself (a file per language is
 *   taken as it is). Its tag, when present, must be `lang` or
 *   `source_lang`; an untagged track counts as `source_lang`. For a
 *   per-language file, pass the file's own language as source_lang.
 * *audio_lang (caller frees) is the BCP 47 code of the audio kept (NULL
 * when the video has no audio); when it differs from `lang` the bundle
 * needs translated subtitles. *info describes the returned file. Returns
 * VV_OK, VV_ERR_MEDIA, VV_ERR_IO or VV_ERR_NOMEM (after one line naming
 * the file). Thread-safe: concurrent calls for the same file and
 * language wait for one remux. */
enum vv_err media_for_language(const char *src, const char *lang,
			       const char *source_lang, const char *cache_dir,
			       char **out_path, char **audio_lang,
			       struct media_info *info);

#endif
