/* media: probes and validates media files with libavformat/libavcodec.
 * Every packet of a timed file is read once (DTS order, truncation), and
 * enough of each stream is decoded to prove the player can decode it. */
#include "builder/media.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdint.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>

#include "builder/cache.h"
#include "builder/picture.h"
#include "builder/remux.h"
#include "builder/playable.h"
#include "builder/transcode.h"
#include "common/utf16.h"
#include "common/utf8.h"
#include "common/i18n.h"
#include "common/lang.h"

/* A subtitle file larger than this is not a subtitle file. */
#define SUBTITLE_MAX_BYTES (16u << 20)
/* Decode at most this many packets per stream when the container is
 * trusted (enough for the first GOP's frames to come out of the decoder
 * and prove the codec setup); the whole stream otherwise. */
#define DECODE_PROBE_VIDEO_PACKETS 16
#define DECODE_PROBE_AUDIO_PACKETS 48
/* Audio-only files are small: decode them whole. */
#define AUDIO_FULL_DECODE_MAX_BYTES (64u << 20)
/* A file whose packets end this much before the declared duration is cut
 * short (seconds, and fraction of the duration). */
#define SHORT_ABS 1.0
#define SHORT_REL 0.02

static pthread_once_t quiet_log_once = PTHREAD_ONCE_INIT;

static void quiet_av_log(void)
{
	/* libav* would print its own lines for every damaged packet; the
	 * builder reports one line per file instead. VV_AV_LOG=1 keeps them
	 * for debugging. */
	if (!getenv("VV_AV_LOG"))
		av_log_set_level(AV_LOG_QUIET);
}

void media_av_init(void)
{
	pthread_once(&quiet_log_once, quiet_av_log);
}

static void av_message(int averr, char *buf, size_t size)
{
	if (av_strerror(averr, buf, size) < 0)
		snprintf(buf, size, _("error %d"), averr);
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');

	if (!dot || (slash && dot < slash))
		return "";
	return dot + 1;
}

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* ---- subtitles ---------------------------------------------------- */

static enum vv_err probe_subtitles(const char *path, const char *ext,
				   off_t size, struct media_info *info)
{
	FILE *f;
	unsigned char *buf;
	size_t got;
	int ok;

	if ((unsigned long long)size > SUBTITLE_MAX_BYTES) {
		vv_error(path, 0, _("subtitle file is larger than %u MB; "
				    "check that it is really a WebVTT or SRT "
				    "file"), SUBTITLE_MAX_BYTES >> 20);
		return VV_ERR_LIMIT;
	}
	f = fopen(path, "rb");
	if (!f) {
		vv_error(path, 0, _("cannot open: %s; check the file's "
				    "permissions"), strerror(errno));
		return VV_ERR_IO;
	}
	buf = malloc((size_t)size);
	if (!buf) {
		fclose(f);
		return VV_ERR_NOMEM;
	}
	got = fread(buf, 1, (size_t)size, f);
	ok = !ferror(f);
	fclose(f);
	if (!ok || got != (size_t)size) {
		free(buf);
		vv_error(path, 0, _("cannot read the whole file; check the "
				    "disk and copy it again"));
		return VV_ERR_IO;
	}
	/* UTF-16 with a byte order mark, as Windows tools save it, is read
	 * by subtitle_load(), which converts it to UTF-8 and names the line
	 * of a broken character: the bundle gets the WebVTT rendered from
	 * that, never this file. */
	ok = utf16_bom(buf, got) != UTF16_NONE || utf8_valid(buf, got);
	free(buf);
	if (!ok) {
		vv_error(path, 0, _("subtitle file is not UTF-8; save it as "
				    "UTF-8, e.g. iconv -f WINDOWS-1252 -t "
				    "UTF-8 in.srt > out.srt"));
		return VV_ERR_MEDIA;
	}
	copy_str(info->kind, sizeof info->kind, "subtitles");
	copy_str(info->container, sizeof info->container,
		 strcasecmp(ext, "vtt") == 0 ? "webvtt" : "srt");
	return VV_OK;
}

/* ---- MP4 box walk (diagnosis only) --------------------------------- */

enum mp4_state {
	MP4_NOT_MP4,     /* no ftyp/moov/mdat box at the start */
	MP4_COMPLETE,    /* top-level boxes fit the file and moov is there */
	MP4_CUT,         /* a top-level box runs past the end of the file */
	MP4_NO_MOOV,     /* boxes fit, but there is no moov */
};

/* Walks the top-level ISO BMFF boxes; tells a cut file (a box runs past
 * the end, or moov never came) from a complete one. */
static enum mp4_state mp4_walk(const char *path, off_t file_size)
{
	FILE *f = fopen(path, "rb");
	unsigned long long pos = 0;
	int boxes = 0, moov = 0;
	enum mp4_state state = MP4_NOT_MP4;

	if (!f)
		return MP4_NOT_MP4;
	while (pos < (unsigned long long)file_size && boxes < 10000) {
		unsigned char h[16];
		unsigned long long box;
		size_t need = 8;

		if (fseeko(f, (off_t)pos, SEEK_SET) != 0 ||
		    fread(h, 1, 8, f) != 8) {
			state = boxes ? MP4_CUT : MP4_NOT_MP4;
			goto out;
		}
		if (boxes == 0 && memcmp(h + 4, "ftyp", 4) != 0 &&
		    memcmp(h + 4, "moov", 4) != 0 &&
		    memcmp(h + 4, "mdat", 4) != 0 &&
		    memcmp(h + 4, "free", 4) != 0)
			goto out;
		box = ((unsigned long long)h[0] << 24) | (h[1] << 16) |
		      (h[2] << 8) | h[3];
		if (box == 1) {
			if (fread(h + 8, 1, 8, f) != 8) {
				state = MP4_CUT;
				goto out;
			}
			box = 0;
			for (int i = 8; i < 16; i++)
				box = (box << 8) | h[i];
			need = 16;
		} else if (box == 0) {
			box = (unsigned long long)file_size - pos;
		}
		if (box < need) {
			state = MP4_CUT;
			goto out;
		}
		if (memcmp(h + 4, "moov", 4) == 0)
			moov = 1;
		boxes++;
		if (pos + box > (unsigned long long)file_size) {
			state = MP4_CUT;
			goto out;
		}
		pos += box;
	}
	state = moov ? MP4_COMPLETE : MP4_NO_MOOV;
out:
	fclose(f);
	return state;
}

/* Returns non-zero when the 4-byte box type `type` is one of `boxes`
 * (NULL-terminated). */
static int mp4_box_in(const unsigned char *type, const char *const *boxes)
{
	for (int i = 0; boxes[i]; i++)
		if (memcmp(type, boxes[i], 4) == 0)
			return 1;
	return 0;
}

/* Boxes whose children are boxes, on the way to the sample entries and
 * the protection boxes; "stsd" holds sample entries after 8 bytes. */
static const char *const mp4_container_boxes[] = {
	"moov", "trak", "mdia", "minf", "stbl", "mvex", "moof", "traf", NULL
};

/* Box types that say the media is protected: an encrypted sample entry
 * (encv, enca, encs, enct), a protection scheme (sinf, tenc), a DRM
 * system header (pssh) or per-sample encryption data (senc). */
static const char *const mp4_protection_boxes[] = {
	"encv", "enca", "encs", "enct", "sinf", "tenc", "pssh", "senc", NULL
};

/* Walks the boxes in [start, end) of `f`, down to `depth` levels, looking
 * for protection boxes. *budget caps the boxes read, so a crafted file
 * cannot make this slow. */
static int mp4_walk_protected(FILE *f, unsigned long long start,
			      unsigned long long end, int depth,
			      int *budget)
{
	unsigned long long pos = start;

	while (pos + 8 <= end && (*budget)-- > 0) {
		unsigned char h[16];
		unsigned long long box, head = 8;

		if (fseeko(f, (off_t)pos, SEEK_SET) != 0 ||
		    fread(h, 1, 8, f) != 8)
			return 0;
		box = ((unsigned long long)h[0] << 24) | (h[1] << 16) |
		      (h[2] << 8) | h[3];
		if (box == 1) {
			if (fread(h + 8, 1, 8, f) != 8)
				return 0;
			box = 0;
			for (int i = 8; i < 16; i++)
				box = (box << 8) | h[i];
			head = 16;
		} else if (box == 0) {
			box = end - pos;
		}
		if (box < head || box > end - pos)
			return 0;
		if (mp4_box_in(h + 4, mp4_protection_boxes))
			return 1;
		if (depth > 0 && mp4_box_in(h + 4, mp4_container_boxes) &&
		    mp4_walk_protected(f, pos + head, pos + box, depth - 1,
				       budget))
			return 1;
		/* stsd: version, flags and an entry count, then the sample
		 * entries, whose type is the (encrypted) codec. */
		if (depth > 0 && memcmp(h + 4, "stsd", 4) == 0 &&
		    box >= head + 8 &&
		    mp4_walk_protected(f, pos + head + 8, pos + box, 0,
				       budget))
			return 1;
		pos += box;
	}
	return 0;
}

/* Returns non-zero when the ISO BMFF file `path` carries Common
 * Encryption (CENC, cbcs) or another protection scheme. */
static int mp4_protected(const char *path, off_t file_size)
{
	FILE *f = fopen(path, "rb");
	int budget = 100000, found;

	if (!f)
		return 0;
	found = mp4_walk_protected(f, 0, (unsigned long long)file_size, 8,
				   &budget);
	fclose(f);
	return found;
}

static void protected_message(const char *path)
{
	vv_error(path, 0, _("file is encrypted (DRM or Common Encryption); "
			    "the player cannot show protected media; export "
			    "an unprotected copy from the original"));
}

/* ---- what the player accepts --------------------------------------- */

static int is_mp4_family(const char *fmt)
{
	return strcmp(fmt, "mov,mp4,m4a,3gp,3g2,mj2") == 0;
}

static int is_mkv_family(const char *fmt)
{
	return strcmp(fmt, "matroska,webm") == 0;
}

static int video_codec_ok(enum AVCodecID id)
{
	return id == AV_CODEC_ID_H264 || id == AV_CODEC_ID_VP9 ||
	       id == AV_CODEC_ID_AV1;
}

static int audio_container_ok(const char *fmt)
{
	return is_mp4_family(fmt) || is_mkv_family(fmt) ||
	       strcmp(fmt, "ogg") == 0 || strcmp(fmt, "wav") == 0 ||
	       strcmp(fmt, "flac") == 0 || strcmp(fmt, "mp3") == 0 ||
	       strcmp(fmt, "aac") == 0;
}

/* The codec of the first audio track of the film `info` that the player
 * cannot play, or NULL. */
static const char *unplayable_audio(const struct media_info *info)
{
	for (int i = 0; i < info->n_streams; i++) {
		const struct media_stream_info *si = &info->streams[i];
		const AVCodecDescriptor *d;

		if (strcmp(si->type, "audio") != 0)
			continue;
		d = avcodec_descriptor_get_by_name(si->codec);
		if (!d || !playable_audio_codec(d->id, info->container))
			return si->codec;
	}
	return NULL;
}

static int video_container_ok(const char *fmt)
{
	return is_mp4_family(fmt) || is_mkv_family(fmt);
}

static const char *codec_name(enum AVCodecID id)
{
	const char *name = avcodec_get_name(id);

	return name ? name : "unknown";
}

/* WAV without a channel mask has no named layout; describe the usual
 * one for its channel count ("mono", "stereo"), as players assume. */
static void describe_layout(const AVChannelLayout *layout, char *buf,
			    size_t size)
{
	AVChannelLayout def;

	if (layout->order == AV_CHANNEL_ORDER_UNSPEC) {
		av_channel_layout_default(&def, layout->nb_channels);
		if (av_channel_layout_describe(&def, buf, size) < 0)
			buf[0] = '\0';
		av_channel_layout_uninit(&def);
		return;
	}
	if (av_channel_layout_describe(layout, buf, size) < 0)
		buf[0] = '\0';
}

/* ---- packet scan ---------------------------------------------------- */

struct stream_scan {
	AVCodecContext *dec;  /* NULL when this stream is not decoded */
	int full;             /* decode every packet */
	long limit;           /* else decode this many packets */
	long sent;            /* packets sent to the decoder */
	long frames;          /* frames that came out */
	int64_t last_dts;
	int64_t first_ts;     /* smallest pts (or dts) seen */
	int64_t end_ts;       /* largest pts + duration seen */
	int64_t min_delta, max_delta; /* video DTS steps, for VFR */
	long packets;
};

struct scan {
	const char *path;
	AVFormatContext *fmt;
	struct stream_scan *st;
	off_t file_size;
	int video_index;      /* the stream whose frame rate we report */
};

static void scan_free(struct scan *scan)
{
	if (!scan->st)
		return;
	for (unsigned i = 0; i < scan->fmt->nb_streams; i++)
		avcodec_free_context(&scan->st[i].dec);
	free(scan->st);
	scan->st = NULL;
}

static double ts_seconds(int64_t ts, AVRational tb)
{
	return ts == AV_NOPTS_VALUE ? 0.0 : (double)ts * av_q2d(tb);
}

/* Where `ts` (in stream i's time base) lies in the film, in seconds from
 * its start: what an author can find in an editor. Containers start
 * anywhere (an MP4 edit list makes the first timestamps negative, a
 * Matroska cut may start at minutes), so raw timestamps would give times
 * like "-576.00 s". Never negative. */
static double scan_at(const struct scan *scan, unsigned i, int64_t ts)
{
	const AVStream *st = scan->fmt->streams[i];
	int64_t start = st->start_time;
	double at;

	if (ts == AV_NOPTS_VALUE)
		ts = scan->st[i].end_ts;
	if (ts == AV_NOPTS_VALUE)
		return 0.0;
	if (start == AV_NOPTS_VALUE)
		start = scan->st[i].first_ts;
	if (start == AV_NOPTS_VALUE || start > ts)
		start = ts;
	at = (double)(ts - start) * av_q2d(st->time_base);
	return at > 0 && isfinite(at) ? at : 0.0;
}

static enum vv_err open_decoder(struct scan *scan, unsigned i)
{
	AVStream *st = scan->fmt->streams[i];
	const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
	AVCodecContext *ctx;

	if (!codec) {
		vv_error(scan->path, 0, _("stream %u (%s) cannot be decoded "
					  "by this FFmpeg; convert it to H.264 "
					  "video and AAC or Opus audio"),
			 i, codec_name(st->codecpar->codec_id));
		return VV_ERR_MEDIA;
	}
	ctx = avcodec_alloc_context3(codec);
	if (!ctx)
		return VV_ERR_NOMEM;
	if (avcodec_parameters_to_context(ctx, st->codecpar) < 0) {
		avcodec_free_context(&ctx);
		return VV_ERR_NOMEM;
	}
	/* One thread: frame threading would hold frames back and blur where
	 * an error happened. EXPLODE turns concealed damage into errors. */
	ctx->thread_count = 1;
	ctx->err_recognition = AV_EF_CRCCHECK | AV_EF_BITSTREAM |
			       AV_EF_EXPLODE;
	ctx->pkt_timebase = st->time_base;
	if (avcodec_open2(ctx, codec, NULL) < 0) {
		avcodec_free_context(&ctx);
		vv_error(scan->path, 0, _("stream %u (%s) cannot be decoded; "
					  "export the file again"), i,
			 codec_name(st->codecpar->codec_id));
		return VV_ERR_MEDIA;
	}
	scan->st[i].dec = ctx;
	return VV_OK;
}

/* Drains frames; returns 0, or the libav error of a damaged frame. */
static int drain_frames(struct stream_scan *ss, AVFrame *frame)
{
	for (;;) {
		int rc = avcodec_receive_frame(ss->dec, frame);

		if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
			return 0;
		if (rc < 0)
			return rc;
		if (frame->decode_error_flags ||
		    (frame->flags & AV_FRAME_FLAG_CORRUPT)) {
			av_frame_unref(frame);
			return AVERROR_INVALIDDATA;
		}
		ss->frames++;
		av_frame_unref(frame);
	}
}

static void corrupt_message(const char *path, double at, int averr)
{
	char msg[128];

	av_message(averr, msg, sizeof msg);
	vv_error(path, 0, _("file is corrupt: decoding fails at %.2f s (%s); "
			    "export it again from the original"), at, msg);
}

static void truncated_message(const char *path, double at, double want)
{
	if (want > 0)
		vv_error(path, 0, _("file is truncated: its data ends at "
				    "%.2f s but it declares %.2f s; copy or "
				    "export it again"), at, want);
	else
		vv_error(path, 0, _("file is truncated: its data ends "
				    "abruptly at %.2f s; copy or export it "
				    "again"), at);
}

/* Reads every packet: checks DTS order per stream, that packets lie inside
 * the file, and decodes (part of) each stream. */
static enum vv_err scan_packets(struct scan *scan)
{
	AVFormatContext *fmt = scan->fmt;
	AVPacket *pkt = av_packet_alloc();
	AVFrame *frame = av_frame_alloc();
	enum vv_err err = VV_OK;
	int rc;

	if (!pkt || !frame) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	for (;;) {
		struct stream_scan *ss;
		int64_t ts;

		rc = av_read_frame(fmt, pkt);
		if (rc == AVERROR_EOF)
			break;
		if (rc < 0) {
			char msg[128];
			double at = 0;

			for (unsigned i = 0; i < fmt->nb_streams; i++) {
				double e = scan_at(scan, i, scan->st[i].end_ts);

				if (e > at)
					at = e;
			}
			av_message(rc, msg, sizeof msg);
			vv_error(scan->path, 0, _("file is truncated or corrupt: "
						  "reading fails after %.2f s "
						  "(%s); copy or export it "
						  "again"), at, msg);
			err = VV_ERR_MEDIA;
			goto out;
		}
		if ((unsigned)pkt->stream_index >= fmt->nb_streams) {
			av_packet_unref(pkt);
			continue;
		}
		ss = &scan->st[pkt->stream_index];
		ss->packets++;
		if (pkt->pos >= 0 && pkt->pos + pkt->size > scan->file_size) {
			truncated_message(scan->path,
					  scan_at(scan, (unsigned)pkt->stream_index,
						  pkt->pts), 0);
			err = VV_ERR_MEDIA;
			goto out;
		}
		if (av_packet_get_side_data(pkt, AV_PKT_DATA_ENCRYPTION_INFO,
					    NULL)) {
			protected_message(scan->path);
			err = VV_ERR_MEDIA;
			goto out;
		}
		if (pkt->flags & AV_PKT_FLAG_CORRUPT) {
			corrupt_message(scan->path,
					scan_at(scan, (unsigned)pkt->stream_index,
						pkt->pts), AVERROR_INVALIDDATA);
			err = VV_ERR_MEDIA;
			goto out;
		}
		if (pkt->dts != AV_NOPTS_VALUE) {
			if (ss->last_dts != AV_NOPTS_VALUE &&
			    pkt->dts < ss->last_dts) {
				vv_error(scan->path, 0,
					 _("stream %d has non-monotonic "
					   "timestamps (DTS %.3f s after %.3f "
					   "s); export it again, or re-encode "
					   "it, e.g. ffmpeg -i in -c:v libx264 "
					   "-c:a aac out.mp4"),
					 pkt->stream_index,
					 scan_at(scan,
						 (unsigned)pkt->stream_index,
						 pkt->dts),
					 scan_at(scan,
						 (unsigned)pkt->stream_index,
						 ss->last_dts));
				err = VV_ERR_MEDIA;
				goto out;
			}
			if (ss->last_dts != AV_NOPTS_VALUE &&
			    pkt->stream_index == scan->video_index) {
				int64_t d = pkt->dts - ss->last_dts;

				if (ss->min_delta < 0 || d < ss->min_delta)
					ss->min_delta = d;
				if (d > ss->max_delta)
					ss->max_delta = d;
			}
			ss->last_dts = pkt->dts;
		}
		ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
		if (ts != AV_NOPTS_VALUE) {
			if (ss->first_ts == AV_NOPTS_VALUE || ts < ss->first_ts)
				ss->first_ts = ts;
			if (ss->end_ts == AV_NOPTS_VALUE ||
			    ts + pkt->duration > ss->end_ts)
				ss->end_ts = ts + pkt->duration;
		}
		if (ss->dec && (ss->full || ss->sent < ss->limit)) {
			rc = avcodec_send_packet(ss->dec, pkt);
			if (rc >= 0) {
				ss->sent++;
				rc = drain_frames(ss, frame);
			}
			if (rc < 0 && rc != AVERROR(EAGAIN)) {
				corrupt_message(scan->path,
						scan_at(scan,
							(unsigned)pkt->
							stream_index,
							pkt->pts), rc);
				err = VV_ERR_MEDIA;
				goto out;
			}
		}
		av_packet_unref(pkt);
	}
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		struct stream_scan *ss = &scan->st[i];

		if (!ss->dec)
			continue;
		/* Flush: a whole-file decode must also finish cleanly. */
		if (ss->full || ss->sent < ss->limit) {
			avcodec_send_packet(ss->dec, NULL);
			rc = drain_frames(ss, frame);
			if (rc < 0) {
				corrupt_message(scan->path,
						scan_at(scan, i, ss->end_ts),
						rc);
				err = VV_ERR_MEDIA;
				goto out;
			}
		}
		if (ss->sent > 0 && ss->frames == 0) {
			corrupt_message(scan->path, 0, AVERROR_INVALIDDATA);
			err = VV_ERR_MEDIA;
			goto out;
		}
	}
out:
	av_packet_free(&pkt);
	av_frame_free(&frame);
	return err;
}

/* ---- probe ---------------------------------------------------------- */

static void open_failed(const char *path, const char *ext, off_t size,
			int averr)
{
	char msg[128];
	enum mp4_state mp4 = mp4_walk(path, size);

	av_message(averr, msg, sizeof msg);
	if (mp4 == MP4_CUT || mp4 == MP4_NO_MOOV) {
		vv_error(path, 0, _("file is truncated: the MP4 index (moov "
				    "atom) is missing or cut, usually because "
				    "copying or exporting stopped early; copy "
				    "or export it again"));
		return;
	}
	if (strcasecmp(ext, "png") == 0 || strcasecmp(ext, "jpg") == 0 ||
	    strcasecmp(ext, "jpeg") == 0) {
		vv_error(path, 0, _("image cannot be read (%s); save it "
				    "again as PNG or JPEG"), msg);
		return;
	}
	vv_error(path, 0, _("cannot be read as media (%s): the file is "
			    "corrupt or not audio/video; export it again as "
			    "MP4 (H.264 + AAC)"), msg);
}

static enum vv_err probe_image(const char *path, AVFormatContext *fmt,
			       struct media_info *info)
{
	AVStream *st;
	enum AVCodecID id;

	if (fmt->nb_streams != 1 ||
	    fmt->streams[0]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) {
		vv_error(path, 0, _("image cannot be read; save it again as "
				    "PNG or JPEG"));
		return VV_ERR_MEDIA;
	}
	st = fmt->streams[0];
	id = st->codecpar->codec_id;
	if (id != AV_CODEC_ID_PNG && id != AV_CODEC_ID_MJPEG) {
		vv_error(path, 0, _("image format %s is not supported by the "
				    "player; convert it to PNG, e.g. ffmpeg -i "
				    "in out.png"), codec_name(id));
		return VV_ERR_MEDIA;
	}
	copy_str(info->kind, sizeof info->kind, "image");
	info->width = st->codecpar->width;
	info->height = st->codecpar->height;
	if (info->width <= 0 || info->height <= 0) {
		vv_error(path, 0, _("image has no size; it is corrupt; save "
				    "it again as PNG or JPEG"));
		return VV_ERR_MEDIA;
	}
	/* Decode it, with the player's own decoder: a cut PNG or JPEG
	 * still has a valid header, and what libavcodec accepts (a cut
	 * zlib stream) the kiosk may not. */
	return picture_validate(path, &info->width, &info->height);
}

static int is_image_format(const char *name)
{
	return strcmp(name, "png_pipe") == 0 ||
	       strcmp(name, "jpeg_pipe") == 0 ||
	       strcmp(name, "image2") == 0 || strstr(name, "_pipe") != NULL;
}

/* The refusal of an audio codec that --transcode cannot help: in a file
 * without video, or one libavcodec does not decode. */
static enum vv_err refuse_audio(const char *path, const char *codec)
{
	vv_error(path, 0, _("audio codec %s is not supported by the player; "
			    "convert it to AAC or Opus, e.g. ffmpeg -i in "
			    "-c:v copy -c:a aac out.mp4"), codec);
	return VV_ERR_MEDIA;
}

/* Fills the stream table and checks codecs and container; sets
 * scan->video_index. */
static enum vv_err check_streams(const char *path, AVFormatContext *fmt,
				 struct media_info *info, int *video_index)
{
	const char *fname = fmt->iformat->name;
	const char *bad_audio = NULL;
	int n_video = 0, n_audio = 0;

	*video_index = -1;
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		AVStream *st = fmt->streams[i];
		AVCodecParameters *par = st->codecpar;
		struct media_stream_info *si;
		AVDictionaryEntry *tag;

		if (st->disposition & AV_DISPOSITION_ATTACHED_PIC)
			continue;   /* cover art; the player ignores it */
		/* MP4 "pssh" (DRM system data) and Matroska ContentEncryption
		 * (the demuxer keeps its key id as a tag). */
		if (av_stream_get_side_data(st,
					    AV_PKT_DATA_ENCRYPTION_INIT_INFO,
					    NULL) ||
		    av_dict_get(st->metadata, "enc_key_id", NULL, 0)) {
			protected_message(path);
			return VV_ERR_MEDIA;
		}
		if (info->n_streams >= MEDIA_MAX_STREAMS) {
			vv_error(path, 0, _("file has more than %d streams; "
					    "keep only the video and the "
					    "audio tracks, e.g. ffmpeg -i in "
					    "-map 0:v:0 -map 0:a -c copy "
					    "out.mkv"), MEDIA_MAX_STREAMS);
			return VV_ERR_MEDIA;
		}
		si = &info->streams[info->n_streams++];
		si->index = (int)i;
		copy_str(si->codec, sizeof si->codec, codec_name(par->codec_id));
		tag = av_dict_get(st->metadata, "language", NULL, 0);
		if (tag && strcmp(tag->value, "und") != 0)
			copy_str(si->lang, sizeof si->lang, tag->value);
		switch (par->codec_type) {
		case AVMEDIA_TYPE_VIDEO:
			copy_str(si->type, sizeof si->type, "video");
			/* One libavcodec decodes (HEVC from phones, MPEG-2
			 * from DVDs) passes here for --transcode to re-encode;
			 * media_refuse_unplayable() refuses it otherwise. */
			if (!video_codec_ok(par->codec_id) &&
			    !avcodec_find_decoder(par->codec_id)) {
				vv_error(path, 0, _("video codec %s is not "
						    "supported by the player; "
						    "convert it to H.264, e.g. "
						    "ffmpeg -i in -c:v libx264 "
						    "-c:a copy out.mp4"),
					 si->codec);
				return VV_ERR_MEDIA;
			}
			if (*video_index < 0) {
				const AVPixFmtDescriptor *d =
					av_pix_fmt_desc_get(par->format);
				const char *prof = avcodec_profile_name(
					par->codec_id, par->profile);

				*video_index = (int)i;
				info->hdr = par->color_trc ==
					    AVCOL_TRC_SMPTE2084 ? 1 :
					    par->color_trc ==
					    AVCOL_TRC_ARIB_STD_B67 ? 2 : 0;
				copy_str(info->video_profile,
					 sizeof info->video_profile, prof);
				info->bit_depth = d ? d->comp[0].depth : 0;
			}
			n_video++;
			break;
		case AVMEDIA_TYPE_AUDIO:
			copy_str(si->type, sizeof si->type, "audio");
			si->channels = par->ch_layout.nb_channels;
			si->sample_rate = par->sample_rate;
			describe_layout(&par->ch_layout, si->layout,
					sizeof si->layout);
			if (playable_aac_object_type(par) == 42) {
				vv_error(path, 0, _("audio is xHE-AAC (USAC), "
						    "which the player cannot "
						    "decode; convert it to "
						    "AAC-LC or Opus, e.g. "
						    "ffmpeg -i in -c:v copy "
						    "-c:a aac out.mp4"));
				return VV_ERR_MEDIA;
			}
			/* In a film, one libavcodec decodes passes for
			 * --transcode, as the video's codec does. */
			if (!playable_audio_codec(par->codec_id, fname)) {
				if (!avcodec_find_decoder(par->codec_id))
					return refuse_audio(path, si->codec);
				if (!bad_audio)
					bad_audio = si->codec;
			}
			if (par->sample_rate <= 0 || si->channels <= 0) {
				vv_error(path, 0, _("audio stream %u has no "
						    "sample rate or channels; "
						    "the file is corrupt; "
						    "export it again"), i);
				return VV_ERR_MEDIA;
			}
			n_audio++;
			break;
		case AVMEDIA_TYPE_SUBTITLE:
			copy_str(si->type, sizeof si->type, "subtitle");
			break;
		default:
			copy_str(si->type, sizeof si->type, "data");
			break;
		}
	}
	if (n_video > 0) {
		/* Any container: media_refuse_unplayable() refuses one the
		 * player does not read unless --transcode re-encodes it. */
		copy_str(info->kind, sizeof info->kind, "video");
	} else if (n_audio > 0) {
		if (bad_audio)
			return refuse_audio(path, bad_audio);
		if (!audio_container_ok(fname)) {
			vv_error(path, 0, _("container %s is not supported by "
					    "the player; convert it to Opus, "
					    "e.g. ffmpeg -i in -c:a libopus "
					    "out.opus"), fname);
			return VV_ERR_MEDIA;
		}
		copy_str(info->kind, sizeof info->kind, "audio");
	} else {
		vv_error(path, 0, _("file has no video or audio stream; "
				    "export it again as MP4 (H.264 + AAC)"));
		return VV_ERR_MEDIA;
	}
	return VV_OK;
}

static int duration_trusted(const AVFormatContext *fmt)
{
	return fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0 &&
	       fmt->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE;
}

static enum vv_err probe_timed(const char *path, AVFormatContext *fmt,
			       off_t size, struct media_info *info)
{
	struct scan scan = { path, fmt, NULL, size, -1 };
	enum vv_err err;
	int trusted = duration_trusted(fmt);
	int full;
	double declared = trusted ? fmt->duration / (double)AV_TIME_BASE : 0;
	double start = 0, end = 0;
	int have = 0;

	err = check_streams(path, fmt, info, &scan.video_index);
	if (err)
		return err;
	/* With moov first, a cut MP4 opens fine and only its last samples
	 * are missing: the box sizes tell. */
	if (is_mp4_family(fmt->iformat->name) &&
	    mp4_walk(path, size) == MP4_CUT) {
		vv_error(path, 0, _("file is truncated: its media data (mdat) "
				    "is cut short, usually because copying or "
				    "exporting stopped early; copy or export "
				    "it again"));
		return VV_ERR_MEDIA;
	}
	/* No trustworthy duration: only a complete decode tells whether the
	 * file is whole. Audio-only files are cheap enough to always do so. */
	full = !trusted || (strcmp(info->kind, "audio") == 0 &&
			    (unsigned long long)size <
			    AUDIO_FULL_DECODE_MAX_BYTES);
	scan.st = calloc(fmt->nb_streams, sizeof *scan.st);
	if (!scan.st)
		return VV_ERR_NOMEM;
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		struct stream_scan *ss = &scan.st[i];
		AVStream *st = fmt->streams[i];
		enum AVMediaType t = st->codecpar->codec_type;

		ss->last_dts = ss->first_ts = ss->end_ts = AV_NOPTS_VALUE;
		ss->min_delta = -1;
		if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) {
			st->discard = AVDISCARD_ALL;
			continue;
		}
		if ((t == AVMEDIA_TYPE_VIDEO && (int)i == scan.video_index) ||
		    t == AVMEDIA_TYPE_AUDIO) {
			ss->full = full;
			ss->limit = t == AVMEDIA_TYPE_VIDEO ?
				    DECODE_PROBE_VIDEO_PACKETS :
				    DECODE_PROBE_AUDIO_PACKETS;
			err = open_decoder(&scan, i);
			if (err)
				goto out;
		}
	}
	err = scan_packets(&scan);
	if (err)
		goto out;
	for (unsigned i = 0; i < fmt->nb_streams; i++) {
		struct stream_scan *ss = &scan.st[i];
		AVRational tb = fmt->streams[i]->time_base;

		if (ss->first_ts == AV_NOPTS_VALUE || ss->dec == NULL)
			continue;
		if (!have || ts_seconds(ss->first_ts, tb) < start)
			start = ts_seconds(ss->first_ts, tb);
		if (!have || ts_seconds(ss->end_ts, tb) > end)
			end = ts_seconds(ss->end_ts, tb);
		have = 1;
	}
	if (!have) {
		vv_error(path, 0, _("file has no audio or video data; it is "
				    "truncated or empty; copy or export it "
				    "again"));
		err = VV_ERR_MEDIA;
		goto out;
	}
	if (trusted && end - start < declared - fmax(SHORT_ABS,
						    SHORT_REL * declared)) {
		truncated_message(path, end - start, declared);
		err = VV_ERR_MEDIA;
		goto out;
	}
	info->duration = trusted ? declared : end - start;
	if (scan.video_index >= 0) {
		AVStream *st = fmt->streams[scan.video_index];
		struct stream_scan *ss = &scan.st[scan.video_index];
		AVRational avg = st->avg_frame_rate, r = st->r_frame_rate;

		info->width = st->codecpar->width;
		info->height = st->codecpar->height;
		copy_str(info->video_codec, sizeof info->video_codec,
			 codec_name(st->codecpar->codec_id));
		info->fps = avg.num > 0 && avg.den > 0 ? av_q2d(avg) :
			    r.num > 0 && r.den > 0 ? av_q2d(r) : 0;
		/* Variable when the frame steps differ by more than the
		 * container's rounding (MKV stores milliseconds: 33/34 ms
		 * at 30 fps is still constant). */
		if (ss->min_delta > 0 &&
		    ss->max_delta - ss->min_delta >
		    FFMAX(2, ss->min_delta / 10))
			info->vfr = 1;
		else if (ss->min_delta < 0 && avg.num > 0 && r.num > 0 &&
			 fabs(av_q2d(avg) / av_q2d(r) - 1.0) > 0.05)
			info->vfr = 1;
		if (info->width <= 0 || info->height <= 0) {
			vv_error(path, 0, _("video has no frame size; the file "
					    "is corrupt; export it again"));
			err = VV_ERR_MEDIA;
		}
	}
out:
	scan_free(&scan);
	return err;
}

enum vv_err media_probe(const char *path, struct media_info *info)
{
	struct stat sb;
	AVFormatContext *fmt = NULL;
	const char *ext = extension(path);
	enum vv_err err;
	int rc;

	media_av_init();
	memset(info, 0, sizeof *info);
	if (stat(path, &sb) != 0) {
		vv_error(path, 0, _("cannot read: %s; check the path"),
			 strerror(errno));
		return errno == ENOENT ? VV_ERR_NOTFOUND : VV_ERR_IO;
	}
	if (!S_ISREG(sb.st_mode)) {
		vv_error(path, 0, _("is not a regular file; give the path of "
				    "a media file"));
		return VV_ERR_IO;
	}
	if (sb.st_size == 0) {
		vv_error(path, 0, _("file is empty (0 bytes); copy or export "
				    "it again"));
		return VV_ERR_MEDIA;
	}
	if (strcasecmp(ext, "vtt") == 0 || strcasecmp(ext, "srt") == 0)
		return probe_subtitles(path, ext, sb.st_size, info);
	/* Before libavformat: an encrypted MP4 opens and then decodes to
	 * noise, which would be called corrupt, or, for audio, pass. */
	if (mp4_walk(path, sb.st_size) != MP4_NOT_MP4 &&
	    mp4_protected(path, sb.st_size)) {
		protected_message(path);
		return VV_ERR_MEDIA;
	}

	rc = avformat_open_input(&fmt, path, NULL, NULL);
	if (rc < 0) {
		open_failed(path, ext, sb.st_size, rc);
		return rc == AVERROR(ENOENT) || rc == AVERROR(EACCES) ?
		       VV_ERR_IO : VV_ERR_MEDIA;
	}
	rc = avformat_find_stream_info(fmt, NULL);
	if (rc < 0) {
		open_failed(path, ext, sb.st_size, rc);
		avformat_close_input(&fmt);
		return VV_ERR_MEDIA;
	}
	copy_str(info->container, sizeof info->container, fmt->iformat->name);
	if (is_image_format(fmt->iformat->name))
		err = probe_image(path, fmt, info);
	else
		err = probe_timed(path, fmt, sb.st_size, info);
	avformat_close_input(&fmt);
	return err;
}

/* ---- languages ------------------------------------------------------ */

int media_tag_is_lang(const char *tag, const char *lang)
{
	const struct vv_lang *want = lang_find(lang);
	const struct vv_lang *got;

	if (!tag || !tag[0] || !want)
		return 0;
	if (strcasecmp(tag, want->iso639_2) == 0 ||
	    strcasecmp(tag, want->code) == 0)
		return 1;
	got = lang_find_iso639_2(tag);
	if (!got)
		got = lang_find(tag);
	return got == want;
}

enum vv_err media_expect_kind(const char *path,
			      const struct media_info *info,
			      const char *kind)
{
	if (strcmp(info->kind, kind) == 0)
		return VV_OK;
	if (strcmp(kind, "video") == 0 && strcmp(info->kind, "audio") == 0)
		vv_error(path, 0, _("has no video stream (it is audio only) "
				    "but the pack uses it as a video source; "
				    "give a video file, or use it as "
				    "<narration> of a slide"));
	else
		vv_error(path, 0, _("is %s, but the pack uses it as %s; give "
				    "a file of the right kind"),
			 info->kind, kind);
	return VV_ERR_MEDIA;
}

enum vv_err media_refuse_unplayable(const char *path,
				    const struct media_info *info)
{
	const AVCodecDescriptor *codec =
		avcodec_descriptor_get_by_name(info->video_codec);
	const char *audio;
	int pq = info->hdr == 1;

	if (info->video_codec[0] &&
	    (!codec || !video_codec_ok(codec->id))) {
		vv_error(path, 0, _("video codec %s is not supported by the "
				    "player; build with --transcode to "
				    "re-encode it, or convert it to H.264, "
				    "e.g. ffmpeg -i in -c:v libx264 -c:a copy "
				    "out.mp4"), info->video_codec);
		return VV_ERR_MEDIA;
	}
	if (info->video_codec[0] && !video_container_ok(info->container)) {
		vv_error(path, 0, _("container %s is not supported by the "
				    "player; build with --transcode to "
				    "re-encode it, or remux it to MP4, e.g. "
				    "ffmpeg -i in -c copy out.mp4 (or "
				    "MKV/WebM)"), info->container);
		return VV_ERR_MEDIA;
	}
	audio = info->video_codec[0] ? unplayable_audio(info) : NULL;
	if (audio) {
		vv_error(path, 0, _("audio codec %s is not supported by the "
				    "player; build with --transcode to "
				    "re-encode it, or convert it to AAC or "
				    "Opus, e.g. ffmpeg -i in -c:v copy -c:a aac "
				    "out.mp4"), audio);
		return VV_ERR_MEDIA;
	}
	if (!info->hdr)
		return VV_OK;
	/* Filter chains tried with Debian's ffmpeg (zimg): PQ needs tone
	 * mapping from linear light; HLG converts directly. */
	vv_error(path, 0, _("video is HDR (%s); a kiosk would show it washed "
			    "out; build with --transcode to tone-map it, or "
			    "convert it to SDR BT.709, e.g. ffmpeg -i in -vf "
			    "%s -c:v libx264 -c:a copy out.mp4"),
		 pq ? "PQ" : "HLG",
		 pq ? "zscale=tin=smpte2084:min=bt2020nc:pin=bt2020:t=linear:"
		      "npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=hable,"
		      "zscale=t=bt709:m=bt709:r=tv,format=yuv420p"
		    : "zscale=tin=arib-std-b67:min=bt2020nc:pin=bt2020:rin=tv:"
		      "t=bt709:m=bt709:p=bt709:r=tv,format=yuv420p");
	return VV_ERR_MEDIA;
}

enum vv_err media_check_language(const char *path,
				 const struct media_info *info,
				 const char *lang)
{
	for (int i = 0; i < info->n_streams; i++) {
		const struct media_stream_info *si = &info->streams[i];
		const struct vv_lang *want = lang_find(lang);

		if (strcmp(si->type, "audio") != 0 || !si->lang[0])
			continue;
		if (media_tag_is_lang(si->lang, lang))
			continue;
		vv_error(path, 0, _("audio stream %d is tagged language '%s' "
				    "but the file is declared as '%s'; fix "
				    "the lang attribute in pack.xml or the "
				    "tag, e.g. ffmpeg -i in -map 0 -c copy "
				    "-metadata:s:a:0 language=%s out.mkv"),
			 si->index, si->lang, lang,
			 want ? want->iso639_2 : lang);
		return VV_ERR_MEDIA;
	}
	return VV_OK;
}

/* ---- probe cache and per-language files ----------------------------- */

#define RECORD_MAGIC "VVMEDIA1"

/* What the cache keeps for a probe or a remux: the struct as it is (the
 * key includes the builder version, so the layout cannot change under
 * it) and the language of the audio kept. */
struct media_record {
	char magic[8];
	uint32_t size;
	struct media_info info;
	char audio_lang[16];
};

/* The paths of a cache entry (the media file, with `ext`) and of its
 * .info record, and the entry's lock. Returns VV_OK, or an error after one
 * line; the caller frees *entry and *meta and releases *lock in both
 * cases. */
static enum vv_err cache_open_entry(const char *cache_dir, const char *key,
				    const char *ext, char **entry, char **meta,
				    struct cache_lock **lock)
{
	*entry = cache_entry_path(cache_dir, key, ext);
	*meta = cache_entry_path(cache_dir, key, ".info");
	if (!*entry || !*meta)
		return VV_ERR_IO;
	return cache_lock(*entry, lock);
}

static enum vv_err record_load(const char *entry, struct media_record *rec)
{
	if (cache_get(entry, rec, sizeof *rec) != VV_OK ||
	    memcmp(rec->magic, RECORD_MAGIC, 8) != 0 ||
	    rec->size != sizeof *rec)
		return VV_ERR_NOTFOUND;
	rec->audio_lang[sizeof rec->audio_lang - 1] = '\0';
	return VV_OK;
}

static enum vv_err record_store(const char *entry,
				const struct media_info *info,
				const char *audio_lang)
{
	struct media_record rec;

	memset(&rec, 0, sizeof rec);
	memcpy(rec.magic, RECORD_MAGIC, 8);
	rec.size = sizeof rec;
	rec.info = *info;
	copy_str(rec.audio_lang, sizeof rec.audio_lang, audio_lang);
	return cache_put(entry, &rec, sizeof rec);
}

enum vv_err media_probe_cached(const char *path, const char *cache_dir,
			       struct media_info *info)
{
	char key[CACHE_KEY_SIZE];
	struct media_record rec;
	char *entry;
	enum vv_err err;

	media_av_init();
	if (!cache_dir)
		return media_probe(path, info);
	/* A missing file: let media_probe say so in its words. */
	if (cache_key(path, "probe", key) != VV_OK)
		return media_probe(path, info);
	entry = cache_entry_path(cache_dir, key, ".probe");
	if (!entry)
		return VV_ERR_IO;
	if (record_load(entry, &rec) == VV_OK) {
		*info = rec.info;
		free(entry);
		return VV_OK;
	}
	err = media_probe(path, info);
	/* The cache only saves time: failing to store is not an error. */
	if (err == VV_OK && record_store(entry, info, "") != VV_OK)
		unlink(entry);
	free(entry);
	return err;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void audio_tags(const struct media_info *info, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < info->n_streams && used < n; i++) {
		const struct media_stream_info *si = &info->streams[i];

		if (strcmp(si->type, "audio") != 0)
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
					 used ? ", " : "",
					 si->lang[0] ? si->lang : "untagged");
	}
}

enum vv_err media_check_audio_tags(const char *src,
				   const struct media_info *info,
				   const char *lang, const char *source_lang)
{
	int n_audio = 0;
	char tags[160];

	for (int i = 0; i < info->n_streams; i++) {
		const struct media_stream_info *si = &info->streams[i];

		if (strcmp(si->type, "audio") != 0)
			continue;
		n_audio++;
		if (media_tag_is_lang(si->lang, lang) ||
		    media_tag_is_lang(si->lang, source_lang))
			return VV_OK;
	}
	if (n_audio <= 1)
		return VV_OK;
	audio_tags(info, tags, sizeof tags);
	vv_error(src, 0, _("has %d audio tracks (%s) but none is "
			   "tagged with '%s' or the source language "
			   "'%s'; tag them, e.g. ffmpeg -i in -map 0 "
			   "-c copy -metadata:s:a:0 language=nob "
			   "out.mkv"), n_audio, tags, lang, source_lang);
	return VV_ERR_MEDIA;
}

static int webm_codec(const char *codec)
{
	return strcmp(codec, "vp8") == 0 || strcmp(codec, "vp9") == 0 ||
	       strcmp(codec, "av1") == 0 || strcmp(codec, "opus") == 0 ||
	       strcmp(codec, "vorbis") == 0;
}

/* The single-track case: the file is used as it is. */
static enum vv_err take_as_is(const char *src, const char *lang,
			      const char *source_lang,
			      const struct media_info *in, int audio,
			      char **out_path, char **audio_lang)
{
	const char *kept = NULL;

	if (audio >= 0) {
		const char *tag = in->streams[audio].lang;

		if (!tag[0] || media_tag_is_lang(tag, source_lang))
			kept = source_lang;
		else if (media_tag_is_lang(tag, lang))
			kept = lang;
		else {
			vv_error(src, 0, _("the audio track is tagged language "
					   "'%s' but the file is declared as "
					   "'%s'; fix the lang attribute in "
					   "pack.xml or the tag"),
				 tag, source_lang);
			return VV_ERR_MEDIA;
		}
	}
	*out_path = strdup(src);
	*audio_lang = dup_or_null(kept);
	if (!*out_path || (kept && !*audio_lang)) {
		free(*out_path);
		free(*audio_lang);
		*out_path = *audio_lang = NULL;
		return VV_ERR_NOMEM;
	}
	return VV_OK;
}

/* Describes the remux of streams `video` and `audio` of `in`. */
static void remuxed_info(const struct media_info *in, int video, int audio,
			 struct media_info *out)
{
	*out = *in;
	out->n_streams = 0;
	if (video >= 0)
		out->streams[out->n_streams++] = in->streams[video];
	out->streams[out->n_streams++] = in->streams[audio];
	for (int i = 0; i < out->n_streams; i++)
		out->streams[i].index = i;
}

enum vv_err media_for_language(const char *src, const char *lang,
			       const char *source_lang, const char *cache_dir,
			       char **out_path, char **audio_lang,
			       struct media_info *info)
{
	struct media_info in;
	struct media_record rec;
	struct cache_lock *lock = NULL;
	char key[CACHE_KEY_SIZE], variant[64];
	char *entry = NULL, *meta = NULL, *tmp = NULL;
	const char *format, *kept;
	int video = -1, audio = -1, n_audio = 0, pick = -1, pick_src = -1;
	enum vv_err err;

	*out_path = NULL;
	*audio_lang = NULL;
	err = media_probe_cached(src, cache_dir, &in);
	if (err)
		return err;
	err = media_expect_kind(src, &in, "video");
	if (!err)
		err = media_refuse_unplayable(src, &in);
	if (err)
		return err;
	for (int i = 0; i < in.n_streams; i++) {
		const struct media_stream_info *si = &in.streams[i];

		if (strcmp(si->type, "video") == 0 && video < 0)
			video = i;
		if (strcmp(si->type, "audio") != 0)
			continue;
		n_audio++;
		audio = i;
		if (pick < 0 && media_tag_is_lang(si->lang, lang))
			pick = i;
		if (pick_src < 0 && media_tag_is_lang(si->lang, source_lang))
			pick_src = i;
	}
	if (n_audio <= 1) {
		err = take_as_is(src, lang, source_lang, &in,
				 n_audio ? audio : -1, out_path, audio_lang);
		if (!err)
			*info = in;
		return err;
	}
	kept = pick >= 0 ? lang : source_lang;
	if (pick < 0)
		pick = pick_src;
	if (pick < 0)
		return media_check_audio_tags(src, &in, lang, source_lang);
	format = remux_format(in.container, src);
	/* A .webm that holds H.264 or AAC is really Matroska; the WebM
	 * muxer would refuse it. */
	if (format && strcmp(format, "webm") == 0 &&
	    (!webm_codec(in.streams[video >= 0 ? video : pick].codec) ||
	     !webm_codec(in.streams[pick].codec)))
		format = "matroska";
	if (!format || !cache_dir) {
		vv_error(src, 0, _("cannot select the audio track of this "
				   "file; give one file per language"));
		return VV_ERR_MEDIA;
	}
	/* Keyed by the language kept, not the bundle's: every language that
	 * falls back to the source audio shares one remux. */
	snprintf(variant, sizeof variant, "remux:%s:%d:%d:%s", format,
		 in.streams[video >= 0 ? video : 0].index,
		 in.streams[pick].index, kept);
	err = cache_key(src, variant, key);
	if (err)
		return err;
	err = cache_open_entry(cache_dir, key, remux_extension(format), &entry,
			       &meta, &lock);
	if (err)
		goto out;
	/* The record is written after the media file is in place, so a
	 * record means a complete entry. */
	if (cache_has(entry) && record_load(meta, &rec) == VV_OK) {
		*info = rec.info;
	} else {
		int streams[2], n = 0;

		cache_clean_temps(entry);
		tmp = cache_temp_path(entry);
		if (!tmp) {
			err = VV_ERR_NOMEM;
			goto out;
		}
		if (video >= 0)
			streams[n++] = in.streams[video].index;
		streams[n++] = in.streams[pick].index;
		err = remux_streams(src, tmp, format, streams, n);
		if (!err)
			err = cache_commit(tmp, entry);
		if (err)
			goto out;
		remuxed_info(&in, video, pick, info);
		err = record_store(meta, info, kept);
		if (err)
			goto out;
	}
	*audio_lang = strdup(kept);
	if (!*audio_lang) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	*out_path = entry;
	entry = NULL;
out:
	cache_unlock(lock);
	free(entry);
	free(meta);
	free(tmp);
	return err;
}

/* ---- transcoding ----------------------------------------------------- */

static void progress_bar(const char *src, double done, void *user)
{
	int width = 30, fill = (int)(done * width + 0.5);
	const char *slash = strrchr(src, '/');

	(void)user;
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r%s %-40.40s [%.*s%*s] %3d%%",
		_("transcoding"), slash ? slash + 1 : src, fill,
		"##############################", width - fill, "",
		(int)(done * 100 + 0.5));
	if (done >= 1.0)
		fputc('\n', stderr);
	fflush(stderr);
}

static int picture_exceeds(const struct media_info *info,
			   const struct media_profile *p, char *why,
			   size_t size);

enum vv_err media_transcode(const char *src,
			    const struct media_profile *profile,
			    const char *cache_dir, char **out_path,
			    struct media_info *info)
{
	struct media_record rec;
	struct cache_lock *lock = NULL;
	char key[CACHE_KEY_SIZE], variant[64];
	char *entry = NULL, *meta = NULL, *tmp = NULL;
	enum vv_err err;
	/* Only the sound is unplayable: the picture can be copied. */
	int fits = !picture_exceeds(info, profile, variant, sizeof variant);

	*out_path = NULL;
	media_av_init();
	if (!cache_dir) {
		vv_error(src, 0, _("cannot transcode without a cache "
				   "folder"));
		return VV_ERR_INTERNAL;
	}
	snprintf(variant, sizeof variant, "transcode:%dx%d@%.3f:%s",
		 profile->width, profile->height, profile->fps,
		 fits ? "copy" : "x264");
	err = cache_key(src, variant, key);
	if (err)
		return err;
	err = cache_open_entry(cache_dir, key, ".mkv", &entry, &meta, &lock);
	if (err)
		goto out;
	if (cache_has(entry) && record_load(meta, &rec) == VV_OK) {
		*info = rec.info;
	} else {
		double start = 0;
		struct timespec ts;
		int copied = 0;

		cache_clean_temps(entry);
		tmp = cache_temp_path(entry);
		if (!tmp) {
			err = VV_ERR_NOMEM;
			goto out;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		start = ts.tv_sec + ts.tv_nsec / 1e9;
		err = transcode_to_profile(src, tmp, profile, fits, &copied,
					   progress_bar, NULL);
		if (!err)
			err = media_probe(tmp, info);
		if (!err && media_profile_exceeds(info, profile, variant,
						  sizeof variant)) {
			vv_error(src, 0, _("the transcoded file is still "
					   "above the profile (%s)"), variant);
			err = VV_ERR_INTERNAL;
		}
		if (!err)
			err = cache_commit(tmp, entry);
		if (err) {
			unlink(tmp);
			goto out;
		}
		err = record_store(meta, info, "");
		if (err)
			goto out;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (copied)
			fprintf(stderr, _("%s: sound re-encoded to Opus, "
					  "picture copied as it is, in %.1f "
					  "s\n"), src,
				ts.tv_sec + ts.tv_nsec / 1e9 - start);
		else
			fprintf(stderr, _("%s: transcoded to %dx%d at %.0f "
					  "frames a second (H.264 High) in "
					  "%.1f s\n"), src,
				info->width, info->height, info->fps,
				ts.tv_sec + ts.tv_nsec / 1e9 - start);
	}
	*out_path = entry;
	entry = NULL;
out:
	cache_unlock(lock);
	free(entry);
	free(meta);
	free(tmp);
	return err;
}

/* ---- kiosk profile -------------------------------------------------- */

enum vv_err media_profile_parse(const char *text, struct media_profile *out)
{
	int w = 0, h = 0, n = 0, m = 0;
	double fps = 30;

	if (!text)
		return VV_ERR_USAGE;
	if (sscanf(text, "%dx%d@%lf%n", &w, &h, &fps, &n) == 3 && !text[n]) {
		/* WxH@FPS */
	} else if (n = 0, sscanf(text, "%dp%n", &h, &n) == 1 && n > 0) {
		w = (h * 16 + 8) / 9;
		if (text[n] && (sscanf(text + n, "%lf%n", &fps, &m) != 1 ||
				text[n + m]))
			return VV_ERR_USAGE;
	} else {
		return VV_ERR_USAGE;
	}
	if (w < 16 || h < 16 || w > 16384 || h > 16384 || !(fps >= 1) ||
	    fps > 1000)
		return VV_ERR_USAGE;
	out->width = w;
	out->height = h;
	out->fps = fps;
	return VV_OK;
}

static int h264_profile_ok(const char *profile)
{
	return !profile[0] || strcmp(profile, "Baseline") == 0 ||
	       strcmp(profile, "Constrained Baseline") == 0 ||
	       strcmp(profile, "Main") == 0 || strcmp(profile, "High") == 0;
}

/* media_profile_exceeds() for the picture and container alone. */
static int picture_exceeds(const struct media_info *info,
			   const struct media_profile *p, char *why,
			   size_t size)
{
	int long_side = info->width > info->height ? info->width
						    : info->height;
	int short_side = info->width > info->height ? info->height
						     : info->width;
	int p_long = p->width > p->height ? p->width : p->height;
	int p_short = p->width > p->height ? p->height : p->width;

	if (strcmp(info->kind, "video") != 0)
		return 0;
	if (info->hdr) {
		snprintf(why, size, _("HDR (%s) is not SDR"),
			 info->hdr == 1 ? "PQ" : "HLG");
		return 1;
	}
	if (long_side > p_long || short_side > p_short) {
		snprintf(why, size, _("%dx%d is larger than %dx%d"),
			 info->width, info->height, p->width, p->height);
		return 1;
	}
	/* 29.97 is 30 for this purpose. */
	if (info->fps > p->fps * 1.01) {
		snprintf(why, size, _("%.2f frames a second is more than "
				      "%.0f"), info->fps, p->fps);
		return 1;
	}
	if (strcmp(info->video_codec, "h264") != 0) {
		snprintf(why, size, _("%s video is harder to decode than "
				      "H.264"), info->video_codec);
		return 1;
	}
	if (!h264_profile_ok(info->video_profile) || info->bit_depth > 8) {
		snprintf(why, size, _("H.264 %s profile (%d-bit) is above "
				      "High (8-bit)"), info->video_profile,
			 info->bit_depth);
		return 1;
	}
	if (!video_container_ok(info->container)) {
		snprintf(why, size, _("the player does not read the %s "
				      "container"), info->container);
		return 1;
	}
	return 0;
}

int media_profile_exceeds(const struct media_info *info,
			  const struct media_profile *p, char *why,
			  size_t size)
{
	const char *audio;

	if (picture_exceeds(info, p, why, size))
		return 1;
	if (strcmp(info->kind, "video") != 0)
		return 0;
	audio = unplayable_audio(info);
	if (audio) {
		snprintf(why, size, _("the player does not play %s audio"),
			 audio);
		return 1;
	}
	return 0;
}
