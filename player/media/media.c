/* media: demux and decode threads with bounded queues; see media.h for the
 * threads and locking rules. */
#include "player/media/media.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

#include "common/i18n.h"
#include "player/media/avio_range.h"
#include "player/media/sync.h"

/* Packet queue limits, as ffplay does: the demuxer pauses when every
 * stream holds "enough" (more than MIN_PACKETS and a second of data), or
 * when all queues together hold MAX_QUEUE_BYTES (bad interleaving). */
#define MIN_PACKETS 25
#define MAX_QUEUE_BYTES (12 * 1024 * 1024)
/* Decoded audio blocks larger than this are cut (memory cap). */
#define MAX_AUDIO_BLOCK 16384

struct packet_node {
	AVPacket *packet;          /* NULL: end of stream marker */
	struct packet_node *next;
};

struct packet_queue {
	struct packet_node *head, *tail;
	int count;
	size_t bytes;
	int64_t duration;          /* in the stream's time base */
};

struct audio_chunk {
	struct audio_chunk *next;
	double pts;
	int frames;
	int read;
	float data[];
};

/* Scaled pictures come from a pool of buffers of one size, so that a
 * film does not allocate (and fault in) a new picture for every frame. */
struct picture_pool {
	AVBufferPool *pool;
	int w, h;
	enum AVPixelFormat format;
};

struct frame_slot {
	AVFrame *av;
	struct media_frame frame;
};

enum { DEC_VIDEO, DEC_AUDIO, DEC_COUNT };

struct decoder;

/* What differs between the audio and the video decoder: the shared loop
 * (decoder_main) takes packets, feeds the codec and handles seeks, stalls
 * and the end; a back-end turns decoded frames into queued output, as
 * mpv's decoder wrapper has audio and video back-ends. Every function
 * runs on the decoder's own thread, without the lock. */
struct decoder_backend {
	/* Sets up the back-end's state; 0, or -1 when out of memory. */
	int (*start)(struct decoder *d);
	/* A seek: forget what came from before it. */
	void (*restart)(struct decoder *d);
	/* Queues one decoded frame (and unrefs it). Returns -1 when the
	 * generation changed (stale: stop and flush), else 0. */
	int (*output)(struct decoder *d, AVFrame *frame, uint64_t generation);
	/* The stream ended: queue what is held back. -1 when stale. */
	int (*drain)(struct decoder *d, uint64_t generation);
	void (*stop)(struct decoder *d);
};

/* One decoded stream and its thread. index, codec and the stream are set
 * by the demuxer before state leaves MEDIA_OPENING; packets and eof are
 * guarded by the media's lock; the rest belongs to the decode thread. */
struct decoder {
	struct media *m;
	const struct decoder_backend *backend;
	pthread_t thread;
	int started;
	pthread_cond_t wake;       /* packets, room for output, a seek */
	int index;                 /* stream index, -1: none */
	AVCodecContext *codec;
	struct packet_queue packets;
	int eof;                   /* decoded to the end (this generation) */
	long stall_after;          /* media_open_args test fault, 0: none */
	AVStream *stream;
	double next_pts;           /* for frames without a timestamp */
	/* video back-end */
	AVFrame *converted;
	struct picture_pool pool;
	AVFrame *deinterlaced;     /* the blended picture, before scaling */
	struct picture_pool deint_pool;
	struct SwsContext *sws;
	double nominal;            /* frame duration from the frame rate */
	struct sync_lateness late; /* how far behind the clock it is */
	double expect_pts;         /* where the next frame should be, to */
	int have_expect;           /* count the frames the codec skipped */
	/* audio back-end */
	SwrContext *swr;
	int swr_format, swr_rate, swr_channels;
};

struct media {
	/* set before the threads start, then read-only */
	char *path;
	int fd;                    /* dup of media_open_args' fd, or -1 */
	char sha256[65];           /* checked as it streams; "": not */
	uint64_t offset, size;
	int want_video, want_audio, rate, channels, threads;
	int video_delay_ms;        /* media_open_args test fault */

	pthread_t demux_thread;
	int demux_started;
	struct decoder dec[DEC_COUNT];

	pthread_mutex_t lock;
	pthread_cond_t changed;    /* output, ends, state: for consumers */
	pthread_cond_t demux_wake; /* room in the packet queues, a seek */

	/* guarded by lock */
	int abort;
	enum media_state state;
	struct media_info info;
	const char *error;
	unsigned damage;
	uint64_t generation;
	int seek_pending;
	double seek_target;
	double drop_before;        /* accurate seek: drop earlier output */
	int demux_eof;
	struct frame_slot frames[MEDIA_VIDEO_FRAMES];
	int frame_head, frame_count;
	uint64_t frame_counter;
	struct audio_chunk *audio_head, *audio_tail;
	int audio_frames;
	uint64_t progress;
	int box_w, box_h;          /* media_set_video_box(), 0: as decoded */
	int box_smooth;
	double clock;              /* media_set_clock(): the master clock, */
	double clock_wall;         /* when it was given; NAN: unknown */
	unsigned skipped;          /* video frames skipped for being late */
	/* media_frame_to_bgra(): the consumer's own converter (its thread) */
	struct SwsContext *rgb_sws;
	int rgb_709;
	uint8_t *rgb_scratch;      /* padded rows for media_frame_to_bgra() */
	size_t rgb_scratch_size;

	/* owned by the demux thread until state leaves MEDIA_OPENING */
	struct avio_range *range;
	AVFormatContext *format;
	double start_time;         /* seconds subtracted from every pts */
	double max_read;           /* latest packet end read, seconds */
};

/* ---- packet queues (lock held) ---- */

static int packet_queue_push(struct packet_queue *q, AVPacket *packet)
{
	struct packet_node *n = malloc(sizeof(*n));
	if (!n)
		return -1;
	n->packet = packet;
	n->next = NULL;
	if (q->tail)
		q->tail->next = n;
	else
		q->head = n;
	q->tail = n;
	q->count++;
	if (packet) {
		q->bytes += (size_t)packet->size + sizeof(*n);
		q->duration += packet->duration;
	}
	return 0;
}

/* Returns 1 and the head in *packet (NULL for the end marker), or 0 when
 * the queue is empty. */
static int packet_queue_pop(struct packet_queue *q, AVPacket **packet)
{
	struct packet_node *n = q->head;
	if (!n)
		return 0;
	q->head = n->next;
	if (!q->head)
		q->tail = NULL;
	q->count--;
	if (n->packet) {
		q->bytes -= (size_t)n->packet->size + sizeof(*n);
		q->duration -= n->packet->duration;
	}
	*packet = n->packet;
	free(n);
	return 1;
}

static void packet_queue_clear(struct packet_queue *q)
{
	AVPacket *p;
	while (packet_queue_pop(q, &p))
		av_packet_free(&p);
	q->bytes = 0;
	q->duration = 0;
}

/* Under half the packets of "enough": time to read more. */
static int packet_queue_low(const struct packet_queue *q)
{
	return q->count <= MIN_PACKETS / 2;
}

static int packet_queue_enough(const struct packet_queue *q,
			       const AVStream *st)
{
	if (!st)
		return 1;
	double secs = (double)q->duration * av_q2d(st->time_base);
	return q->count > MIN_PACKETS && (q->duration == 0 || secs > 1.0);
}

/* ---- helpers (lock held) ---- */

static void clear_frames(struct media *m)
{
	while (m->frame_count > 0) {
		av_frame_unref(m->frames[m->frame_head].av);
		m->frame_head = (m->frame_head + 1) % MEDIA_VIDEO_FRAMES;
		m->frame_count--;
	}
	m->frame_head = 0;
}

static void clear_audio(struct media *m)
{
	while (m->audio_head) {
		struct audio_chunk *c = m->audio_head;
		m->audio_head = c->next;
		free(c);
	}
	m->audio_tail = NULL;
	m->audio_frames = 0;
}

/* Wakes every thread and waiter (lock held): abort, seek, open, failure. */
static void wake_all(struct media *m)
{
	pthread_cond_broadcast(&m->changed);
	pthread_cond_broadcast(&m->demux_wake);
	for (int i = 0; i < DEC_COUNT; i++)
		pthread_cond_broadcast(&m->dec[i].wake);
}

static void set_failed(struct media *m, const char *why)
{
	pthread_mutex_lock(&m->lock);
	m->state = MEDIA_FAILED;
	if (!m->error)
		m->error = why;
	wake_all(m);
	pthread_mutex_unlock(&m->lock);
}

static int rotation_of(const AVStream *st)
{
	const uint8_t *matrix =
		av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, NULL);
	if (!matrix)
		return 0;
	double theta = -av_display_rotation_get((const int32_t *)matrix);
	if (isnan(theta))
		return 0;
	theta -= 360 * floor(theta / 360 + 0.9 / 360);
	int r = (int)lround(theta / 90.0) * 90;
	return ((r % 360) + 360) % 360;
}

/* Decoder threads for a video when none were asked for: one while the
 * picture rate (pixels a second) is at most 1080p30's, which one core
 * decodes in real time with room to spare and which keeps a kiosk's
 * memory lowest (each frame thread holds pictures of its own); above it
 * (1080p60, 4K) one per core, up to 4, since a single thread falls
 * behind there and the film could only be kept in step with the sound by
 * skipping to keyframes, a picture every few seconds. */
static int auto_threads(const AVCodecContext *c, const AVStream *st)
{
	AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate
						   : st->r_frame_rate;
	double fps = fr.num > 0 && fr.den > 0 ? av_q2d(fr) : 30.0;
	double rate = (double)c->width * c->height * (fps > 0 ? fps : 30.0);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	if (rate <= 1920.0 * 1088 * 30.5 || cores < 2)
		return 1;
	return cores > 4 ? 4 : (int)cores;
}

static AVCodecContext *open_decoder(struct media *m, AVStream *st,
				    int threads)
{
	const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
	if (!codec)
		return NULL;
	AVCodecContext *c = avcodec_alloc_context3(codec);
	if (!c)
		return NULL;
	if (avcodec_parameters_to_context(c, st->codecpar) < 0)
		goto fail;
	c->pkt_timebase = st->time_base;
	if (threads <= 0)
		threads = auto_threads(c, st);
	c->thread_count = threads;
	if (threads > 1)
		c->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
	if (avcodec_open2(c, codec, NULL) < 0)
		goto fail;
	(void)m;
	return c;
fail:
	avcodec_free_context(&c);
	return NULL;
}

static int interrupt_cb(void *opaque)
{
	struct media *m = opaque;
	/* Racy read by design: a stale 0 only delays the abort by one
	 * read, and the flag only ever goes from 0 to 1. */
	return __atomic_load_n(&m->abort, __ATOMIC_RELAXED);
}

static double frame_seconds(struct media *m, AVStream *st, int64_t ts)
{
	return (double)ts * av_q2d(st->time_base) - m->start_time;
}

/* ---- demux thread ---- */

static int headers_complete(const AVFormatContext *f)
{
	const char *name = f->iformat ? f->iformat->name : "";
	if (!strstr(name, "mp4") && !strstr(name, "matroska"))
		return 0;
	int video = 0;
	for (unsigned i = 0; i < f->nb_streams; i++) {
		const AVCodecParameters *p = f->streams[i]->codecpar;
		if (p->codec_id == AV_CODEC_ID_NONE)
			return 0;
		if (p->codec_type == AVMEDIA_TYPE_VIDEO) {
			if (p->width <= 0 || p->height <= 0)
				return 0;
			video = 1;
		}
		if (p->codec_type == AVMEDIA_TYPE_AUDIO &&
		    (p->sample_rate <= 0 || p->ch_layout.nb_channels <= 0))
			return 0;
		/* without extradata an H.264/HEVC stream's parameters are
		 * in-band: probe */
		if ((p->codec_id == AV_CODEC_ID_H264 ||
		     p->codec_id == AV_CODEC_ID_HEVC) && !p->extradata_size)
			return 0;
	}
	return video && f->duration > 0;
}

/* HDR transfer functions: shown as SDR they look washed out. */
static int is_hdr(enum AVColorTransferCharacteristic trc)
{
	return trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67;
}

static int demux_open(struct media *m)
{
	if (avio_range_new(m->path, m->fd, m->offset, m->size, &m->range) !=
	    VV_OK) {
		set_failed(m, N_("cannot read the media member"));
		return -1;
	}
	if (m->sha256[0] && avio_range_expect(m->range, m->sha256) != VV_OK) {
		set_failed(m, N_("out of memory"));
		return -1;
	}
	m->format = avformat_alloc_context();
	if (!m->format) {
		set_failed(m, N_("out of memory"));
		return -1;
	}
	m->format->pb = avio_range_context(m->range);
	m->format->flags |= AVFMT_FLAG_CUSTOM_IO;
	m->format->interrupt_callback.callback = interrupt_cb;
	m->format->interrupt_callback.opaque = m;
	if (avformat_open_input(&m->format, NULL, NULL, NULL) < 0) {
		/* avformat_open_input frees the context on failure */
		set_failed(m, N_("not a media file, or damaged at the start"));
		return -1;
	}
	/* MP4 and Matroska (what the builder writes) carry full codec
	 * parameters in their headers; probing decodes frames, which costs
	 * a 1080p item a large part of its time to first picture. Other
	 * containers, or headers that leave something out, are probed. */
	if (!headers_complete(m->format) &&
	    avformat_find_stream_info(m->format, NULL) < 0) {
		set_failed(m, N_("no playable stream in the media file"));
		return -1;
	}
	m->dec[DEC_VIDEO].index = -1;
	m->dec[DEC_AUDIO].index = -1;
	for (unsigned i = 0; i < m->format->nb_streams; i++) {
		AVStream *st = m->format->streams[i];
		enum AVMediaType type = st->codecpar->codec_type;
		st->discard = AVDISCARD_ALL;
		if (type == AVMEDIA_TYPE_VIDEO && m->want_video &&
		    m->dec[DEC_VIDEO].index < 0 &&
		    !(st->disposition & AV_DISPOSITION_ATTACHED_PIC))
			m->dec[DEC_VIDEO].index = (int)i;
		else if (type == AVMEDIA_TYPE_AUDIO && m->want_audio &&
			 m->dec[DEC_AUDIO].index < 0)
			m->dec[DEC_AUDIO].index = (int)i;
	}
	if (m->dec[DEC_VIDEO].index >= 0) {
		AVStream *st = m->format->streams[m->dec[DEC_VIDEO].index];
		m->dec[DEC_VIDEO].codec = open_decoder(m, st, m->threads);
		if (!m->dec[DEC_VIDEO].codec) {
			/* Not a codec of the bundle profile (the player's
			 * FFmpeg decodes those only): its sound alone would
			 * be a black film. */
			set_failed(m, N_("the film's video codec is not one "
					 "the player plays; build the bundle "
					 "again with veiviser-build build "
					 "--transcode"));
			return -1;
		}
		st->discard = AVDISCARD_DEFAULT;
	}
	if (m->dec[DEC_AUDIO].index >= 0) {
		AVStream *st = m->format->streams[m->dec[DEC_AUDIO].index];
		m->dec[DEC_AUDIO].codec = open_decoder(m, st, 1);
		if (!m->dec[DEC_AUDIO].codec)
			m->dec[DEC_AUDIO].index = -1;
		else
			st->discard = AVDISCARD_DEFAULT;
	}
	if (m->dec[DEC_VIDEO].index >= 0 &&
	    is_hdr(m->format->streams[m->dec[DEC_VIDEO].index]->codecpar->
		   color_trc)) {
		/* Shown as SDR, PQ and HLG pictures look washed out; the
		 * builder refuses them or tone-maps them (--transcode), so
		 * only a bundle made another way gets here. */
		set_failed(m, N_("HDR video (PQ or HLG) cannot be shown "
				 "without washing out its colours; build the "
				 "bundle again with veiviser-build build "
				 "--transcode to tone-map it"));
		return -1;
	}
	if (m->dec[DEC_VIDEO].index < 0 && m->dec[DEC_AUDIO].index < 0) {
		set_failed(m, N_("no playable stream in the media file"));
		return -1;
	}

	struct media_info info;
	memset(&info, 0, sizeof(info));
	info.sar_num = info.sar_den = 1;
	m->start_time = m->format->start_time != AV_NOPTS_VALUE
		? (double)m->format->start_time / AV_TIME_BASE : 0;
	if (m->format->duration != AV_NOPTS_VALUE && m->format->duration > 0)
		info.duration = (double)m->format->duration / AV_TIME_BASE;
	if (m->dec[DEC_VIDEO].index >= 0) {
		AVStream *st = m->format->streams[m->dec[DEC_VIDEO].index];
		info.has_video = 1;
		info.width = st->codecpar->width;
		info.height = st->codecpar->height;
		AVRational sar = av_guess_sample_aspect_ratio(m->format, st,
							      NULL);
		if (sar.num > 0 && sar.den > 0) {
			info.sar_num = sar.num;
			info.sar_den = sar.den;
		}
		info.rotation = rotation_of(st);
		snprintf(info.video_codec, sizeof(info.video_codec), "%s",
			 avcodec_get_name(st->codecpar->codec_id));
		info.video_threads = m->dec[DEC_VIDEO].codec
			? m->dec[DEC_VIDEO].codec->thread_count : 0;
	}
	if (m->dec[DEC_AUDIO].index >= 0) {
		AVStream *st = m->format->streams[m->dec[DEC_AUDIO].index];
		info.has_audio = 1;
		info.in_rate = st->codecpar->sample_rate;
		info.in_channels = st->codecpar->ch_layout.nb_channels;
		snprintf(info.audio_codec, sizeof(info.audio_codec), "%s",
			 avcodec_get_name(st->codecpar->codec_id));
	}
	pthread_mutex_lock(&m->lock);
	m->info = info;
	m->state = MEDIA_RUNNING;
	wake_all(m);
	pthread_mutex_unlock(&m->lock);
	return 0;
}

static int queues_full(struct media *m)
{
	if (m->dec[DEC_VIDEO].packets.bytes + m->dec[DEC_AUDIO].packets.bytes > MAX_QUEUE_BYTES)
		return 1;
	AVStream *vs = m->dec[DEC_VIDEO].index >= 0
		? m->format->streams[m->dec[DEC_VIDEO].index] : NULL;
	AVStream *as = m->dec[DEC_AUDIO].index >= 0
		? m->format->streams[m->dec[DEC_AUDIO].index] : NULL;
	return packet_queue_enough(&m->dec[DEC_VIDEO].packets, vs) &&
	       packet_queue_enough(&m->dec[DEC_AUDIO].packets, as);
}

static void demux_seek(struct media *m, double target)
{
	int64_t ts = (int64_t)((target + m->start_time) * AV_TIME_BASE);
	if (avformat_seek_file(m->format, -1, INT64_MIN, ts, ts, 0) < 0)
		av_seek_frame(m->format, -1, ts, AVSEEK_FLAG_BACKWARD);
}

static void *demux_main(void *arg)
{
	struct media *m = arg;
	if (demux_open(m) != 0)
		return NULL;
	AVPacket *packet = NULL;
	for (;;) {
		pthread_mutex_lock(&m->lock);
		while (!m->abort && !m->seek_pending &&
		       (m->demux_eof || queues_full(m)))
			pthread_cond_wait(&m->demux_wake, &m->lock);
		if (m->abort) {
			pthread_mutex_unlock(&m->lock);
			break;
		}
		if (m->seek_pending) {
			double target = m->seek_target;
			m->seek_pending = 0;
			m->demux_eof = 0;
			pthread_mutex_unlock(&m->lock);
			demux_seek(m, target);
			continue;
		}
		pthread_mutex_unlock(&m->lock);

		if (!packet && !(packet = av_packet_alloc())) {
			set_failed(m, N_("out of memory"));
			break;
		}
		int ret = av_read_frame(m->format, packet);

		/* At the end (or a read refused on a mismatch): the member
		 * must match its manifest digest, or nothing more plays. */
		if (ret < 0 && ret != AVERROR_EXIT &&
		    avio_range_verify(m->range) == VV_ERR_INTEGRITY) {
			set_failed(m, N_("the media member does not match its "
					 "SHA-256; the bundle is damaged: "
					 "copy it again"));
			break;
		}
		pthread_mutex_lock(&m->lock);
		if (m->seek_pending || m->abort) {
			av_packet_unref(packet);
		} else if (ret < 0) {
			/* The end, or damage: either way play what was read
			 * and tell the decoders to drain. */
			if (ret != AVERROR_EOF && ret != AVERROR_EXIT) {
				m->damage++;
				if (!m->error)
					m->error = N_("the media file is "
						      "damaged or truncated");
			}
			/* A container that promised more than it held was
			 * cut short: say so, though all of it played. */
			if (ret == AVERROR_EOF && m->info.duration > 0 &&
			    m->max_read < m->info.duration - 1.0 &&
			    !m->error) {
				m->damage++;
				m->error = N_("the media file is truncated");
			}
			if (m->dec[DEC_VIDEO].index >= 0)
				packet_queue_push(&m->dec[DEC_VIDEO].packets, NULL);
			if (m->dec[DEC_AUDIO].index >= 0)
				packet_queue_push(&m->dec[DEC_AUDIO].packets, NULL);
			m->demux_eof = 1;
		} else if (packet->stream_index != m->dec[DEC_VIDEO].index &&
			   packet->stream_index != m->dec[DEC_AUDIO].index) {
			av_packet_unref(packet);
		} else {
			int64_t ts = packet->pts != AV_NOPTS_VALUE
				? packet->pts : packet->dts;
			AVStream *st = m->format->streams[packet->stream_index];
			if (ts != AV_NOPTS_VALUE) {
				int64_t end = ts + (packet->duration > 0
						    ? packet->duration : 0);
				double t = frame_seconds(m, st, end);
				if (t > m->max_read)
					m->max_read = t;
			}
			struct packet_queue *q =
				packet->stream_index == m->dec[DEC_VIDEO].index
				? &m->dec[DEC_VIDEO].packets : &m->dec[DEC_AUDIO].packets;
			if (packet_queue_push(q, packet) == 0)
				packet = NULL;
		}
		if (packet)
			av_packet_unref(packet);
		for (int i = 0; i < DEC_COUNT; i++)
			pthread_cond_broadcast(&m->dec[i].wake);
		pthread_mutex_unlock(&m->lock);
	}
	av_packet_free(&packet);
	return NULL;
}

/* ---- decode threads ---- */

/* Waits for the demuxer to open; returns 0 when the stream exists. */
static int wait_open(struct media *m, const int *index)
{
	pthread_mutex_lock(&m->lock);
	while (!m->abort && m->state == MEDIA_OPENING)
		pthread_cond_wait(&m->changed, &m->lock);
	int ok = !m->abort && m->state == MEDIA_RUNNING && *index >= 0;
	pthread_mutex_unlock(&m->lock);
	return ok ? 0 : -1;
}

/* Takes the next packet for a decoder. Returns 1 with *packet (NULL =
 * end marker) and *generation, or 0 on abort. */
static int next_packet(struct media *m, struct packet_queue *q,
		       pthread_cond_t *wake, AVPacket **packet,
		       uint64_t *generation)
{
	pthread_mutex_lock(&m->lock);
	while (!m->abort && !q->head)
		pthread_cond_wait(wake, &m->lock);
	if (m->abort) {
		pthread_mutex_unlock(&m->lock);
		return 0;
	}
	packet_queue_pop(q, packet);
	*generation = m->generation;
	/* Wake the demuxer when the queue runs low, not for every packet:
	 * it then reads a batch, and sleeps longer. */
	if (packet_queue_low(q))
		pthread_cond_signal(&m->demux_wake);
	pthread_mutex_unlock(&m->lock);
	return 1;
}

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The master clock now (extrapolated from the last media_set_clock()),
 * or NAN when the consumer gave none. */
static double clock_now(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	double c = m->clock, at = m->clock_wall;
	pthread_mutex_unlock(&m->lock);
	return isnan(c) ? c : c + (mono_now() - at);
}

static void count_skipped(struct media *m, unsigned n)
{
	if (!n)
		return;
	pthread_mutex_lock(&m->lock);
	m->skipped += n;
	pthread_mutex_unlock(&m->lock);
}

/* 1 for BT.709 pictures (tagged so, or untagged and larger than SD, as
 * players assume), 0 for BT.601. */
static int is_bt709(const AVFrame *frame)
{
	switch (frame->colorspace) {
	case AVCOL_SPC_BT709:
	case AVCOL_SPC_BT2020_NCL:
	case AVCOL_SPC_BT2020_CL:
		return 1;
	case AVCOL_SPC_UNSPECIFIED:
	case AVCOL_SPC_RESERVED:
		return frame->height > 576;
	default:
		return 0;
	}
}

/* 1 when the picture uses the full 0-255 range (JPEG levels); SDL's
 * textures expect 16-235 video levels, so these are converted, or their
 * blacks would be crushed and their whites clipped. */
static int is_full_range(const AVFrame *frame)
{
	return frame->format == AV_PIX_FMT_YUVJ420P ||
	       frame->color_range == AVCOL_RANGE_JPEG;
}


/* Queues a decoded picture; returns -1 when the generation changed
 * (a seek: the frame is stale and the decoder must be flushed). */
static int push_picture(struct media *m, AVFrame *frame, double pts,
			double duration, AVRational sar, int bt709,
			uint64_t generation)
{
	pthread_mutex_lock(&m->lock);
	while (!m->abort && m->generation == generation &&
	       m->frame_count == MEDIA_VIDEO_FRAMES)
		pthread_cond_wait(&m->dec[DEC_VIDEO].wake, &m->lock);
	if (m->abort || m->generation != generation) {
		pthread_mutex_unlock(&m->lock);
		av_frame_unref(frame);
		return -1;
	}
	if (pts + duration * 0.5 < m->drop_before) {
		pthread_mutex_unlock(&m->lock);
		av_frame_unref(frame);
		return 0;
	}
	int at = (m->frame_head + m->frame_count) % MEDIA_VIDEO_FRAMES;
	struct frame_slot *slot = &m->frames[at];
	av_frame_move_ref(slot->av, frame);
	slot->frame.pts = pts;
	slot->frame.duration = duration;
	slot->frame.width = slot->av->width;
	slot->frame.height = slot->av->height;
	for (int i = 0; i < 3; i++) {
		slot->frame.planes[i] = slot->av->data[i];
		slot->frame.pitches[i] = slot->av->linesize[i];
	}
	slot->frame.sar_num = sar.num;
	slot->frame.sar_den = sar.den;
	slot->frame.bt709 = bt709;
	slot->frame.index = m->frame_counter++;
	m->frame_count++;
	m->progress++;
	pthread_cond_broadcast(&m->changed);
	pthread_mutex_unlock(&m->lock);
	return 0;
}

static void mark_eof(struct media *m, int *flag, uint64_t generation)
{
	pthread_mutex_lock(&m->lock);
	if (m->generation == generation)
		*flag = 1;
	m->progress++;
	pthread_cond_broadcast(&m->changed);
	pthread_mutex_unlock(&m->lock);
}

static void count_damage(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	m->damage++;
	if (!m->error)
		m->error = N_("the media file is damaged: some frames could "
			      "not be decoded");
	pthread_mutex_unlock(&m->lock);
}


/* Gives `f` a w x h picture of `format` (planar) from the pool. Returns
 * 0 or -1. */
static int pooled_picture(struct picture_pool *p, AVFrame *f,
			  enum AVPixelFormat format, int w, int h)
{
	int linesizes[4];
	if (av_image_fill_linesizes(linesizes, format, FFALIGN(w, 64)) < 0)
		return -1;
	int size = av_image_get_buffer_size(format, FFALIGN(w, 64), h, 64);
	if (size < 0)
		return -1;
	if (!p->pool || p->w != w || p->h != h || p->format != format) {
		av_buffer_pool_uninit(&p->pool);
		p->pool = av_buffer_pool_init((size_t)size + 64, NULL);
		p->w = w;
		p->h = h;
		p->format = format;
		if (!p->pool)
			return -1;
	}
	av_frame_unref(f);
	f->buf[0] = av_buffer_pool_get(p->pool);
	if (!f->buf[0])
		return -1;
	f->format = format;
	f->width = w;
	f->height = h;
	if (av_image_fill_arrays(f->data, f->linesize, f->buf[0]->data,
				 format, FFALIGN(w, 64), h, 64) < 0) {
		av_frame_unref(f);
		return -1;
	}
	/* the pictures are w wide, in rows of the aligned pitch */
	return 0;
}

/* Blends an interlaced picture into a progressive one ("linear blend":
 * each line a quarter of the line above, half its own and a quarter of
 * the line below). Its two fields were taken half a frame apart, and
 * woven as they are they comb every moving edge; mpv, too, deinterlaces
 * the frames that say they are interlaced. On success `frame` holds the
 * blended picture (from d->deint_pool) and 0 is returned; -1 leaves it as
 * it is (a format other than 8-bit planar YUV, or out of memory). */
static int deinterlace(struct decoder *d, AVFrame *frame)
{
	const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(frame->format);
	if (!desc || !(desc->flags & AV_PIX_FMT_FLAG_PLANAR) ||
	    (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL |
			    AV_PIX_FMT_FLAG_HWACCEL |
			    AV_PIX_FMT_FLAG_BITSTREAM)) ||
	    desc->comp[0].depth != 8 || frame->height < 2)
		return -1;
	if (pooled_picture(&d->deint_pool, d->deinterlaced, frame->format,
			   frame->width, frame->height) < 0 ||
	    av_frame_copy_props(d->deinterlaced, frame) < 0)
		return -1;
	int planes = av_pix_fmt_count_planes(frame->format);
	for (int p = 0; p < planes; p++) {
		int chroma = p == 1 || p == 2;
		int h = chroma ? AV_CEIL_RSHIFT(frame->height,
						desc->log2_chroma_h)
			       : frame->height;
		int bytes = av_image_get_linesize(frame->format, frame->width,
						  p);
		const uint8_t *in = frame->data[p];
		uint8_t *out = d->deinterlaced->data[p];
		int in_pitch = frame->linesize[p];
		int out_pitch = d->deinterlaced->linesize[p];
		for (int y = 0; y < h; y++) {
			int up = y > 0 ? y - 1 : (h > 1 ? 1 : 0);
			int down = y + 1 < h ? y + 1 : (h > 1 ? y - 1 : y);
			const uint8_t *a = in + (ptrdiff_t)up * in_pitch;
			const uint8_t *b = in + (ptrdiff_t)y * in_pitch;
			const uint8_t *c = in + (ptrdiff_t)down * in_pitch;
			uint8_t *o = out + (ptrdiff_t)y * out_pitch;
			for (int x = 0; x < bytes; x++)
				o[x] = (uint8_t)((a[x] + 2 * b[x] + c[x] +
						  2) >> 2);
		}
	}
	d->deinterlaced->interlaced_frame = 0;
	av_frame_unref(frame);
	av_frame_move_ref(frame, d->deinterlaced);
	return 0;
}

/* The pixel aspect of a decoded picture: its own (from the bitstream),
 * else the container's, else square. */
static AVRational picture_sar(struct media *m, const AVFrame *frame)
{
	AVRational r = frame->sample_aspect_ratio;
	if (r.num > 0 && r.den > 0)
		return r;
	pthread_mutex_lock(&m->lock);
	r.num = m->info.sar_num;
	r.den = m->info.sar_den;
	pthread_mutex_unlock(&m->lock);
	if (r.num <= 0 || r.den <= 0)
		r.num = r.den = 1;
	return r;
}

/* The picture size for the box (see media_set_video_box()). */
static void fit_box(struct media *m, const AVFrame *frame, int *w, int *h)
{
	pthread_mutex_lock(&m->lock);
	int bw = m->box_w, bh = m->box_h;
	int quarter = m->info.rotation == 90 || m->info.rotation == 270;
	pthread_mutex_unlock(&m->lock);
	AVRational r = picture_sar(m, frame);
	double sar = av_q2d(r);
	if (bw <= 0 || bh <= 0 || !(sar > 0))
		return;
	double dw = frame->width * sar, dh = frame->height;
	if (quarter) {
		double t = dw;
		dw = dh;
		dh = t;
	}
	double scale = fmin(bw / dw, bh / dh);
	if (scale >= 1)
		return;
	double fw = dw * scale, fh = dh * scale;
	double pw = quarter ? fh : fw, ph = quarter ? fw : fh;
	/* even sizes (the chroma planes are half), at least 16 */
	int iw = ((int)lround(pw) + 1) & ~1, ih = ((int)lround(ph) + 1) & ~1;
	if (iw < 16 || ih < 16 || iw >= frame->width || ih >= frame->height)
		return;
	*w = iw;
	*h = ih;
}

/* ---- video back-end ---- */

static int video_start(struct decoder *d)
{
	AVRational rate = av_guess_frame_rate(d->m->format, d->stream, NULL);
	d->nominal = rate.num > 0 && rate.den > 0 ? av_q2d(av_inv_q(rate))
						  : 0.04;
	d->converted = av_frame_alloc();
	d->deinterlaced = av_frame_alloc();
	return d->converted && d->deinterlaced ? 0 : -1;
}

/* A seek or a new start: decode every frame again. */
static void video_restart(struct decoder *d)
{
	memset(&d->late, 0, sizeof d->late);
	d->codec->skip_frame = AVDISCARD_DEFAULT;
	d->have_expect = 0;
}

/* Frame skipping (sync.h): how late this frame came decides what the
 * codec skips next. Returns 1 when this frame is to be dropped. */
static int video_skip(struct decoder *d, const AVFrame *frame, double pts,
		      double duration)
{
	struct media *m = d->m;
	/* frames the codec skipped show as a gap in the timestamps */
	if (d->have_expect && pts > d->expect_pts + duration * 0.5)
		count_skipped(m, (unsigned)lround((pts - d->expect_pts) /
						  duration));
	d->expect_pts = pts + duration;
	d->have_expect = 1;
	double clock = clock_now(m);
	if (isnan(clock)) {
		if (d->late.skip != SYNC_SKIP_NONE)
			video_restart(d);
		return 0;
	}
	/* frames before a seek's target are dropped anyway (and late by
	 * design): they say nothing about keeping up */
	pthread_mutex_lock(&m->lock);
	double target = m->drop_before;
	pthread_mutex_unlock(&m->lock);
	if (pts + duration * 0.5 < target)
		return 0;
	int key = frame->key_frame != 0;
	enum sync_skip skip = sync_lateness_update(&d->late, clock - pts,
						   clock, duration, key);
	d->codec->skip_frame = skip == SYNC_SKIP_TO_KEY ? AVDISCARD_NONKEY
		: skip == SYNC_SKIP_NONREF ? AVDISCARD_NONREF
		: AVDISCARD_DEFAULT;
	if (sync_drop_decoded(pts, duration, clock, key)) {
		count_skipped(m, 1);
		return 1;
	}
	return 0;
}

static int video_output(struct decoder *d, AVFrame *frame,
			uint64_t generation)
{
	struct media *m = d->m;
	if (m->video_delay_ms > 0) {
		struct timespec slow = { 0, m->video_delay_ms * 1000000L };
		nanosleep(&slow, NULL);
	}
	int64_t ts = frame->best_effort_timestamp;
	double pts = ts != AV_NOPTS_VALUE ? frame_seconds(m, d->stream, ts)
					  : d->next_pts;
	double duration = frame->pkt_duration > 0
		? frame->pkt_duration * av_q2d(d->stream->time_base)
		: d->nominal;
	d->next_pts = pts + duration;
	if (video_skip(d, frame, pts, duration)) {
		av_frame_unref(frame);
		return 0;
	}
	if (frame->interlaced_frame)
		deinterlace(d, frame);  /* else shown as it is */
	int bt709 = is_bt709(frame), full = is_full_range(frame);
	AVFrame *out = frame;
	int ow = frame->width, oh = frame->height;
	AVRational sar = picture_sar(m, frame);
	fit_box(m, frame, &ow, &oh);
	if (ow != frame->width || oh != frame->height)
		sar = (AVRational){ 1, 1 }; /* scaled to its shape */
	if (frame->format != AV_PIX_FMT_YUV420P || full ||
	    ow != frame->width || oh != frame->height) {
		pthread_mutex_lock(&m->lock);
		int smooth = m->box_smooth;
		pthread_mutex_unlock(&m->lock);
		d->sws = sws_getCachedContext(d->sws, frame->width,
			frame->height, frame->format, ow, oh,
			AV_PIX_FMT_YUV420P,
			smooth || (ow == frame->width && oh == frame->height)
			? SWS_FAST_BILINEAR : SWS_POINT, NULL, NULL, NULL);
		if (!d->sws || pooled_picture(&d->pool, d->converted,
					      AV_PIX_FMT_YUV420P, ow,
					      oh) < 0) {
			av_frame_unref(frame);
			count_damage(m);
			return 0;
		}
		/* to video levels (yuvj formats say so themselves); the
		 * matrix stays */
		const int *coefficients = sws_getCoefficients(
			bt709 ? SWS_CS_ITU709 : SWS_CS_ITU601);
		sws_setColorspaceDetails(d->sws, coefficients, full,
					 coefficients, 0, 0, 1 << 16, 1 << 16);
		sws_scale(d->sws, (const uint8_t *const *)frame->data,
			  frame->linesize, 0, frame->height,
			  d->converted->data, d->converted->linesize);
		av_frame_unref(frame);
		out = d->converted;
	}
	return push_picture(m, out, pts, duration, sar, bt709, generation);
}

static int video_drain(struct decoder *d, uint64_t generation)
{
	(void)d;
	(void)generation;
	return 0;
}

static void video_stop(struct decoder *d)
{
	sws_freeContext(d->sws);
	d->sws = NULL;
	av_frame_free(&d->converted);
	av_buffer_pool_uninit(&d->pool.pool);
	av_frame_free(&d->deinterlaced);
	av_buffer_pool_uninit(&d->deint_pool.pool);
}

static int push_audio(struct media *m, struct audio_chunk *chunk,
		      uint64_t generation)
{
	int limit = (int)(m->rate * MEDIA_AUDIO_SECONDS);
	pthread_mutex_lock(&m->lock);
	while (!m->abort && m->generation == generation &&
	       m->audio_frames >= limit)
		pthread_cond_wait(&m->dec[DEC_AUDIO].wake, &m->lock);
	if (m->abort || m->generation != generation) {
		pthread_mutex_unlock(&m->lock);
		free(chunk);
		return -1;
	}
	/* accurate seek: skip what comes before the target */
	double end = chunk->pts + (double)chunk->frames / m->rate;
	if (end <= m->drop_before) {
		pthread_mutex_unlock(&m->lock);
		free(chunk);
		return 0;
	}
	if (chunk->pts < m->drop_before) {
		chunk->read = (int)((m->drop_before - chunk->pts) * m->rate);
		if (chunk->read >= chunk->frames)
			chunk->read = chunk->frames - 1;
	}
	chunk->next = NULL;
	if (m->audio_tail)
		m->audio_tail->next = chunk;
	else
		m->audio_head = chunk;
	m->audio_tail = chunk;
	m->audio_frames += chunk->frames - chunk->read;
	m->progress++;
	pthread_cond_broadcast(&m->changed);
	pthread_mutex_unlock(&m->lock);
	return 0;
}

/* Resamples `frame` (NULL: flush) into a new chunk; NULL when empty. */
static struct audio_chunk *resample(struct media *m, SwrContext *swr,
				    const AVFrame *frame, double pts)
{
	int in = frame ? frame->nb_samples : 0;
	int cap = swr_get_out_samples(swr, in);
	if (cap <= 0)
		return NULL;
	if (cap > MAX_AUDIO_BLOCK)
		cap = MAX_AUDIO_BLOCK;
	struct audio_chunk *chunk = malloc(sizeof(*chunk) +
		(size_t)cap * (size_t)m->channels * sizeof(float));
	if (!chunk)
		return NULL;
	uint8_t *out[1] = { (uint8_t *)chunk->data };
	int n = swr_convert(swr, out, cap,
			    frame ? (const uint8_t **)frame->extended_data
				  : NULL, in);
	if (n <= 0) {
		free(chunk);
		return NULL;
	}
	chunk->frames = n;
	chunk->read = 0;
	chunk->pts = pts;
	return chunk;
}

static SwrContext *make_resampler(struct media *m, const AVFrame *frame)
{
	SwrContext *swr = NULL;
	AVChannelLayout out_layout;
	av_channel_layout_default(&out_layout, m->channels);
	AVChannelLayout in_layout;
	if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
		av_channel_layout_default(&in_layout,
					  frame->ch_layout.nb_channels);
	else if (av_channel_layout_copy(&in_layout, &frame->ch_layout) < 0)
		return NULL;
	if (swr_alloc_set_opts2(&swr, &out_layout, AV_SAMPLE_FMT_FLT, m->rate,
				&in_layout, frame->format, frame->sample_rate,
				0, NULL) < 0 || swr_init(swr) < 0)
		swr_free(&swr);
	av_channel_layout_uninit(&in_layout);
	av_channel_layout_uninit(&out_layout);
	return swr;
}

/* ---- audio back-end ---- */

static int audio_start(struct decoder *d)
{
	d->swr = NULL;
	d->swr_format = -1;
	return 0;
}

static void audio_restart(struct decoder *d)
{
	swr_free(&d->swr);
}

static int audio_output(struct decoder *d, AVFrame *frame,
			uint64_t generation)
{
	struct media *m = d->m;
	if (!d->swr || frame->format != d->swr_format ||
	    frame->sample_rate != d->swr_rate ||
	    frame->ch_layout.nb_channels != d->swr_channels) {
		swr_free(&d->swr);
		d->swr = make_resampler(m, frame);
		d->swr_format = frame->format;
		d->swr_rate = frame->sample_rate;
		d->swr_channels = frame->ch_layout.nb_channels;
	}
	int64_t ts = frame->best_effort_timestamp;
	/* The resampler holds back a few samples; the chunk starts that
	 * much before this frame. */
	double pts = ts != AV_NOPTS_VALUE ? frame_seconds(m, d->stream, ts)
					  : d->next_pts;
	if (d->swr)
		pts -= (double)swr_get_delay(d->swr, m->rate) / m->rate;
	struct audio_chunk *chunk =
		d->swr ? resample(m, d->swr, frame, pts) : NULL;
	if (!d->swr)
		count_damage(m);
	av_frame_unref(frame);
	if (!chunk)
		return 0;
	d->next_pts = pts + (double)chunk->frames / m->rate;
	return push_audio(m, chunk, generation);
}

static int audio_drain(struct decoder *d, uint64_t generation)
{
	int ret = 0;
	if (d->swr) {
		struct audio_chunk *tail =
			resample(d->m, d->swr, NULL, d->next_pts);
		if (tail)
			ret = push_audio(d->m, tail, generation);
	}
	swr_free(&d->swr);
	return ret;
}

static void audio_stop(struct decoder *d)
{
	swr_free(&d->swr);
}

static const struct decoder_backend backends[DEC_COUNT] = {
	[DEC_VIDEO] = { video_start, video_restart, video_output,
			video_drain, video_stop },
	[DEC_AUDIO] = { audio_start, audio_restart, audio_output,
			audio_drain, audio_stop },
};

/* ---- the decode loop, one thread per stream ---- */

/* Fault injection for the watchdog tests (media_open_args): the decoder
 * hangs, as a broken codec or a stuck read would, until media_free(). */
static void stall_forever(struct decoder *d)
{
	pthread_mutex_lock(&d->m->lock);
	while (!d->m->abort)
		pthread_cond_wait(&d->wake, &d->m->lock);
	pthread_mutex_unlock(&d->m->lock);
}

static void *decoder_main(void *arg)
{
	struct decoder *d = arg;
	struct media *m = d->m;
	if (wait_open(m, &d->index) != 0)
		return NULL;
	d->stream = m->format->streams[d->index];
	AVCodecContext *c = d->codec;
	AVFrame *frame = av_frame_alloc();
	uint64_t decoder_generation = 0;
	long decoded = 0;
	if (!frame || d->backend->start(d) != 0) {
		set_failed(m, N_("out of memory"));
		goto done;
	}
	for (;;) {
		AVPacket *packet;
		uint64_t generation;
		if (!next_packet(m, &d->packets, &d->wake, &packet,
				 &generation))
			break;
		if (generation != decoder_generation) {
			avcodec_flush_buffers(c);
			d->backend->restart(d);
			decoder_generation = generation;
		}
		int ret = avcodec_send_packet(c, packet);
		if (ret < 0 && ret != AVERROR(EAGAIN) && ret != AVERROR_EOF)
			count_damage(m);
		int stale = 0;
		while (!stale) {
			ret = avcodec_receive_frame(c, frame);
			if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
				break;
			if (ret < 0) {
				count_damage(m);
				break;
			}
			if (d->backend->output(d, frame, generation) < 0)
				stale = 1;
			if (d->stall_after > 0 && ++decoded >= d->stall_after)
				stall_forever(d);
		}
		if (!packet) {
			/* drained: reset for a later seek or replay */
			if (!stale && d->backend->drain(d, generation) < 0)
				stale = 1;
			avcodec_flush_buffers(c);
			if (!stale)
				mark_eof(m, &d->eof, generation);
		}
		av_packet_free(&packet);
	}
done:
	d->backend->stop(d);
	av_frame_free(&frame);
	return NULL;
}

/* ---- consumer API ---- */

/* libav's own messages would flood a kiosk's stderr on a damaged file;
 * the player reports damage itself, once, in its log. */
static void quiet_libav(void)
{
	if (!getenv("VV_AV_DEBUG"))
		av_log_set_level(AV_LOG_FATAL);
}

enum vv_err media_open(const struct media_open_args *args, struct media **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, quiet_libav);
	*out = NULL;
	struct media *m = calloc(1, sizeof(*m));
	if (!m)
		return VV_ERR_NOMEM;
	m->path = strdup(args->path ? args->path : "");
	m->fd = args->has_fd ? fcntl(args->fd, F_DUPFD_CLOEXEC, 3) : -1;
	if (args->sha256 && strlen(args->sha256) == 64)
		memcpy(m->sha256, args->sha256, sizeof m->sha256);
	m->offset = args->offset;
	m->size = args->size;
	m->want_video = args->want_video;
	m->want_audio = args->want_audio;
	m->rate = args->audio_rate > 0 ? args->audio_rate : 48000;
	m->channels = args->audio_channels > 0 && args->audio_channels <= 8
		? args->audio_channels : 2;
	m->threads = args->threads > 0 ? args->threads : 0;
	for (int i = 0; i < DEC_COUNT; i++) {
		m->dec[i].m = m;
		m->dec[i].backend = &backends[i];
		m->dec[i].index = -1;
	}
	m->dec[DEC_VIDEO].stall_after = args->test_stall_video_after;
	m->video_delay_ms = args->test_video_delay_ms;
	m->dec[DEC_AUDIO].stall_after = args->test_stall_audio_after;
	m->state = MEDIA_OPENING;
	m->clock = NAN;
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->changed, &attr);
	pthread_cond_init(&m->demux_wake, &attr);
	for (int i = 0; i < DEC_COUNT; i++)
		pthread_cond_init(&m->dec[i].wake, &attr);
	pthread_condattr_destroy(&attr);
	int ok = m->path != NULL;
	for (int i = 0; ok && i < MEDIA_VIDEO_FRAMES; i++)
		ok = (m->frames[i].av = av_frame_alloc()) != NULL;
	if (ok)
		ok = pthread_create(&m->demux_thread, NULL, demux_main, m) == 0;
	m->demux_started = ok;
	for (int i = 0; ok && i < DEC_COUNT; i++) {
		ok = pthread_create(&m->dec[i].thread, NULL, decoder_main,
				    &m->dec[i]) == 0;
		m->dec[i].started = ok;
	}
	if (!ok) {
		media_free(m);
		return VV_ERR_NOMEM;
	}
	*out = m;
	return VV_OK;
}

void media_free(struct media *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	__atomic_store_n(&m->abort, 1, __ATOMIC_RELAXED);
	wake_all(m);
	pthread_mutex_unlock(&m->lock);
	if (m->demux_started)
		pthread_join(m->demux_thread, NULL);
	for (int i = 0; i < DEC_COUNT; i++) {
		if (m->dec[i].started)
			pthread_join(m->dec[i].thread, NULL);
		packet_queue_clear(&m->dec[i].packets);
	}
	clear_frames(m);
	clear_audio(m);
	sws_freeContext(m->rgb_sws);
	av_free(m->rgb_scratch);
	for (int i = 0; i < MEDIA_VIDEO_FRAMES; i++)
		av_frame_free(&m->frames[i].av);
	for (int i = 0; i < DEC_COUNT; i++)
		avcodec_free_context(&m->dec[i].codec);
	if (m->format)
		avformat_close_input(&m->format);
	avio_range_free(m->range);
	pthread_cond_destroy(&m->changed);
	pthread_cond_destroy(&m->demux_wake);
	for (int i = 0; i < DEC_COUNT; i++)
		pthread_cond_destroy(&m->dec[i].wake);
	pthread_mutex_destroy(&m->lock);
	free(m->path);
	if (m->fd >= 0)
		close(m->fd);
	free(m);
}

enum media_state media_state(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	enum media_state s = m->state;
	pthread_mutex_unlock(&m->lock);
	return s;
}

void media_get_info(struct media *m, struct media_info *info)
{
	pthread_mutex_lock(&m->lock);
	*info = m->info;
	pthread_mutex_unlock(&m->lock);
}

const char *media_error(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	const char *e = m->error;
	pthread_mutex_unlock(&m->lock);
	return e;
}

unsigned media_damage(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	unsigned d = m->damage;
	pthread_mutex_unlock(&m->lock);
	return d;
}

const struct media_frame *media_video_peek(struct media *m, int i)
{
	const struct media_frame *f = NULL;
	pthread_mutex_lock(&m->lock);
	if (i >= 0 && i < m->frame_count)
		f = &m->frames[(m->frame_head + i) % MEDIA_VIDEO_FRAMES].frame;
	pthread_mutex_unlock(&m->lock);
	return f;
}

void media_video_pop(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	if (m->frame_count > 0) {
		av_frame_unref(m->frames[m->frame_head].av);
		m->frame_head = (m->frame_head + 1) % MEDIA_VIDEO_FRAMES;
		m->frame_count--;
		pthread_cond_signal(&m->dec[DEC_VIDEO].wake);
	}
	pthread_mutex_unlock(&m->lock);
}

int media_video_done(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	int done = m->state == MEDIA_FAILED ||
		   (m->state == MEDIA_RUNNING &&
		    (m->dec[DEC_VIDEO].index < 0 ||
		     (m->dec[DEC_VIDEO].eof && m->frame_count == 0)));
	pthread_mutex_unlock(&m->lock);
	return done;
}

int media_audio_read(struct media *m, float *out, int frames, double *pts)
{
	int done = 0;
	pthread_mutex_lock(&m->lock);
	while (done < frames && m->audio_head) {
		struct audio_chunk *c = m->audio_head;
		int n = c->frames - c->read;
		if (n > frames - done)
			n = frames - done;
		if (done == 0)
			*pts = c->pts + (double)c->read / m->rate;
		memcpy(out + (size_t)done * (size_t)m->channels,
		       c->data + (size_t)c->read * (size_t)m->channels,
		       (size_t)n * (size_t)m->channels * sizeof(float));
		c->read += n;
		done += n;
		m->audio_frames -= n;
		if (c->read == c->frames) {
			m->audio_head = c->next;
			if (!m->audio_head)
				m->audio_tail = NULL;
			free(c);
		}
	}
	if (done > 0)
		pthread_cond_signal(&m->dec[DEC_AUDIO].wake);
	pthread_mutex_unlock(&m->lock);
	return done;
}

int media_audio_next_pts(struct media *m, double *pts)
{
	pthread_mutex_lock(&m->lock);
	struct audio_chunk *c = m->audio_head;
	if (c)
		*pts = c->pts + (double)c->read / m->rate;
	pthread_mutex_unlock(&m->lock);
	return c != NULL;
}

int media_audio_available(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	int n = m->audio_frames;
	pthread_mutex_unlock(&m->lock);
	return n;
}

int media_audio_done(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	int done = m->state == MEDIA_FAILED ||
		   (m->state == MEDIA_RUNNING &&
		    (m->dec[DEC_AUDIO].index < 0 ||
		     (m->dec[DEC_AUDIO].eof && !m->audio_head)));
	pthread_mutex_unlock(&m->lock);
	return done;
}

void media_seek(struct media *m, double seconds)
{
	pthread_mutex_lock(&m->lock);
	if (seconds < 0)
		seconds = 0;
	m->generation++;
	m->seek_pending = 1;
	m->seek_target = seconds;
	m->drop_before = seconds;
	for (int i = 0; i < DEC_COUNT; i++) {
		packet_queue_clear(&m->dec[i].packets);
		m->dec[i].eof = 0;
	}
	clear_frames(m);
	clear_audio(m);
	m->demux_eof = 0;
	m->frame_counter = 0;
	wake_all(m);
	pthread_mutex_unlock(&m->lock);
}

void media_set_video_box(struct media *m, int w, int h, int smooth)
{
	pthread_mutex_lock(&m->lock);
	m->box_w = w > 0 ? w : 0;
	m->box_h = h > 0 ? h : 0;
	m->box_smooth = smooth;
	pthread_mutex_unlock(&m->lock);
}

int media_frame_to_bgra(struct media *m, const struct media_frame *f,
			uint8_t *dst, int pitch)
{
	if (!m || !f || !dst || f->width <= 0 || f->height <= 0)
		return -1;
	struct SwsContext *prev = m->rgb_sws;
	m->rgb_sws = sws_getCachedContext(m->rgb_sws, f->width, f->height,
		AV_PIX_FMT_YUV420P, f->width, f->height, AV_PIX_FMT_BGRA,
		SWS_POINT, NULL, NULL, NULL);
	if (!m->rgb_sws)
		return -1;
	if (m->rgb_sws != prev || m->rgb_709 != f->bt709) {
		/* video levels in (media_frame promises them), full-range
		 * RGB out, in the picture's own matrix */
		const int *k = sws_getCoefficients(f->bt709 ? SWS_CS_ITU709
							    : SWS_CS_ITU601);
		sws_setColorspaceDetails(m->rgb_sws, k, 0, k, 1, 0, 1 << 16,
					 1 << 16);
		m->rgb_709 = f->bt709;
	}
	/* swscale's SIMD converters write whole blocks of pixels, past the
	 * end of a row whose width is not a multiple of the block: on the
	 * last row of a tight buffer that is past the buffer, into the heap.
	 * The player's texture is block-wide (converted in place); a tighter
	 * destination gets padded rows here and a copy. */
	int block_pitch = FFALIGN(f->width, MEDIA_BGRA_BLOCK) * 4;
	int direct = pitch >= block_pitch;
	int work_pitch = direct ? pitch : block_pitch;
	uint8_t *work = dst;
	if (!direct) {
		size_t need = (size_t)work_pitch * (size_t)f->height;
		if (m->rgb_scratch_size < need) {
			av_free(m->rgb_scratch);
			m->rgb_scratch_size = 0;
			m->rgb_scratch = av_malloc(need);
			if (!m->rgb_scratch)
				return -1;
			m->rgb_scratch_size = need;
		}
		work = m->rgb_scratch;
	}
	uint8_t *out[4] = { work, NULL, NULL, NULL };
	int out_pitch[4] = { work_pitch, 0, 0, 0 };
	if (sws_scale(m->rgb_sws, (const uint8_t *const *)f->planes,
		      f->pitches, 0, f->height, out, out_pitch) != f->height)
		return -1;
	if (!direct)
		av_image_copy_plane(dst, pitch, work, work_pitch,
				    f->width * 4, f->height);
	return 0;
}

void media_set_clock(struct media *m, double clock)
{
	double now = mono_now();
	pthread_mutex_lock(&m->lock);
	m->clock = clock;
	m->clock_wall = now;
	pthread_mutex_unlock(&m->lock);
}

unsigned media_video_skipped(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	unsigned n = m->skipped;
	pthread_mutex_unlock(&m->lock);
	return n;
}

uint64_t media_progress(struct media *m)
{
	pthread_mutex_lock(&m->lock);
	uint64_t p = m->progress;
	pthread_mutex_unlock(&m->lock);
	return p;
}

void media_wait(struct media *m, double timeout)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long ns = (long long)(timeout * 1e9);
	ts.tv_sec += (time_t)(ns / 1000000000LL);
	ts.tv_nsec += (long)(ns % 1000000000LL);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&m->lock);
	pthread_cond_timedwait(&m->changed, &m->lock, &ts);
	pthread_mutex_unlock(&m->lock);
}
