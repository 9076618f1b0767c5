/* transcode: decode, scale, drop frames, encode with libx264; audio the
 * player plays copied, other audio re-encoded (builder/transcode_audio). */
#include "builder/transcode.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

#include "builder/playable.h"
#include "builder/transcode_error.h"
#include "builder/transcode_audio.h"
#include "common/i18n.h"

/* x264's quality and speed: visually clean for films of talks and
 * pictograms, fast enough for a build on a laptop. */
#define X264_PRESET "veryfast"
#define X264_CRF "21"

void transcode_fit(int w, int h, const struct media_profile *p, int *out_w,
		   int *out_h)
{
	int pw = p->width, ph = p->height;
	double scale = 1.0;

	/* A portrait film fits the screen turned. */
	if ((h > w) != (ph > pw)) {
		int t = pw;

		pw = ph;
		ph = t;
	}
	if (w > pw)
		scale = (double)pw / w;
	if (h * scale > ph)
		scale = (double)ph / h;
	*out_w = (int)lround(w * scale) & ~1;
	*out_h = (int)lround(h * scale) & ~1;
	if (*out_w < 2)
		*out_w = 2;
	if (*out_h < 2)
		*out_h = 2;
}

/* ---- HDR to SDR --------------------------------------------------------
 * PQ (SMPTE 2084) and HLG pictures are turned into BT.709 SDR: R'G'B' to
 * linear light (nits over a 100-nit SDR white), BT.2020 to BT.709
 * primaries, Hable's filmic curve from a 1000-nit peak, the BT.709
 * transfer back, as ffmpeg's zscale+tonemap=hable chain does. */

#define TONEMAP_PEAK 10.0   /* 1000 nits over the 100-nit SDR white */
/* Hable's exposure bias: the curve is applied to twice the light, so SDR
 * white lands near the middle of the output, not at a fifth of it. */
#define TONEMAP_EXPOSURE 2.0

struct tonemap {
	float in[65536];         /* 16-bit R'G'B' -> linear, SDR white 1 */
	uint16_t out[4096];      /* linear 0..1 in 4096 steps -> 16-bit V */
};

static double pq_to_linear(double e)
{
	const double m1 = 0.1593017578125, m2 = 78.84375;
	const double c1 = 0.8359375, c2 = 18.8515625, c3 = 18.6875;
	double p = pow(e, 1.0 / m2);
	double num = fmax(p - c1, 0.0), den = c2 - c3 * p;

	return pow(num / den, 1.0 / m1) * 10000.0 / 100.0;
}

static double hlg_to_linear(double e)
{
	const double a = 0.17883277, b = 0.28466892, c = 0.55991073;
	double scene = e <= 0.5 ? e * e / 3.0 : (exp((e - c) / a) + b) / 12.0;

	/* The OOTF of a 1000-nit display, per channel (gamma 1.2). */
	return pow(scene, 1.2) * 1000.0 / 100.0;
}

static double hable(double x)
{
	const double A = 0.15, B = 0.50, C = 0.10, D = 0.20, E = 0.02,
		     F = 0.30;

	return (x * (A * x + C * B) + D * E) / (x * (A * x + B) + D * F) -
	       E / F;
}

static struct tonemap *tonemap_new(int pq)
{
	struct tonemap *t = malloc(sizeof *t);

	if (!t)
		return NULL;
	for (int i = 0; i < 65536; i++)
		t->in[i] = (float)(pq ? pq_to_linear(i / 65535.0)
				      : hlg_to_linear(i / 65535.0));
	for (int i = 0; i < 4096; i++) {
		double v = i / 4095.0;

		v = v < 0.018 ? 4.5 * v : 1.099 * pow(v, 0.45) - 0.099;
		t->out[i] = (uint16_t)lround(fmin(fmax(v, 0.0), 1.0) * 65535);
	}
	return t;
}

/* Tone-maps a packed RGB48 picture in place. */
static void tonemap_frame(const struct tonemap *t, AVFrame *f)
{
	const double white = hable(TONEMAP_PEAK * TONEMAP_EXPOSURE);

	for (int y = 0; y < f->height; y++) {
		uint16_t *p = (uint16_t *)(f->data[0] + (size_t)y *
					   (size_t)f->linesize[0]);

		for (int x = 0; x < f->width; x++, p += 3) {
			double r = t->in[p[0]], g = t->in[p[1]],
			       b = t->in[p[2]];
			/* BT.2020 to BT.709 primaries, in linear light. */
			double c[3] = {
				1.6605 * r - 0.5876 * g - 0.0728 * b,
				-0.1246 * r + 1.1329 * g - 0.0083 * b,
				-0.0182 * r - 0.1006 * g + 1.1187 * b,
			};

			for (int k = 0; k < 3; k++) {
				double v = hable(TONEMAP_EXPOSURE *
						 fmax(c[k], 0.0)) / white;

				v = fmin(fmax(v, 0.0), 1.0);
				p[k] = t->out[(int)(v * 4095 + 0.5)];
			}
		}
	}
}

struct job {
	const char *src, *dst;
	const struct media_profile *profile;
	AVFormatContext *in, *out;
	AVCodecContext *dec, *enc;
	struct SwsContext *sws;
	AVFrame *scaled;
	/* HDR input: scaled to RGB48 (sws), tone-mapped, then to YUV. */
	struct tonemap *tonemap;
	struct SwsContext *sws_out;
	AVFrame *rgb;
	/* A film stored sideways (phones): quarter turns clockwise that
	 * show it upright, and the scaled frame turned so. */
	int turns;
	AVFrame *turned;
	/* The picture fits the profile and only the sound is unplayable:
	 * the video packets are copied, not re-encoded. */
	int copy_video;
	int video_in, video_out;
	int *map;              /* input stream -> output stream, or -1 */
	/* input stream -> its re-encoding, or NULL (copied or dropped) */
	struct transcode_audio **audio;
	double last_kept;      /* seconds of the last frame encoded */
	int kept_any;
	int64_t next_pts;      /* for frames without a timestamp */
	double duration, reported;
	transcode_progress_fn progress;
	void *user;
};

/* The quarter turns clockwise (0 to 3) that show the stream upright,
 * from its display matrix, read as ffmpeg's command line reads it. The
 * re-encoding is turned in its pixels, as ffmpeg's autorotate does: the
 * Matroska it is written to keeps no display matrix. */
static int quarter_turns(const AVStream *st)
{
	const uint8_t *matrix =
		av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, NULL);
	double theta;

	if (!matrix)
		return 0;
	theta = -av_display_rotation_get((const int32_t *)matrix);
	if (isnan(theta))
		return 0;
	return (int)((lround(theta / 90.0) % 4 + 4) % 4);
}

/* Writes `src` (8-bit planes of 4:2:0) into `dst`, turned `turns`
 * quarter turns clockwise; dst has src's sides swapped for 1 and 3. */
static void turn_frame(const AVFrame *src, AVFrame *dst, int turns)
{
	for (int p = 0; p < 3; p++) {
		int w = p ? src->width / 2 : src->width;
		int h = p ? src->height / 2 : src->height;
		const uint8_t *in = src->data[p];
		uint8_t *out = dst->data[p];
		int is = src->linesize[p], os = dst->linesize[p];

		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				uint8_t v = in[y * is + x];

				if (turns == 1)      /* top row -> right column */
					out[x * os + (h - 1 - y)] = v;
				else if (turns == 2)
					out[(h - 1 - y) * os + (w - 1 - x)] = v;
				else                 /* top row -> left column */
					out[(w - 1 - x) * os + y] = v;
			}
	}
}

static enum vv_err open_input(struct job *j)
{
	const AVCodec *codec;
	AVStream *st;
	int rc;

	rc = avformat_open_input(&j->in, j->src, NULL, NULL);
	if (rc >= 0)
		rc = avformat_find_stream_info(j->in, NULL);
	if (rc < 0) {
		transcode_error(j->src, _("reading"), rc);
		return VV_ERR_MEDIA;
	}
	j->video_in = av_find_best_stream(j->in, AVMEDIA_TYPE_VIDEO, -1, -1,
					  &codec, 0);
	if (j->video_in < 0 || !codec) {
		vv_error(j->src, 0, _("has no video stream to transcode"));
		return VV_ERR_MEDIA;
	}
	st = j->in->streams[j->video_in];
	j->dec = avcodec_alloc_context3(codec);
	if (!j->dec || avcodec_parameters_to_context(j->dec, st->codecpar) < 0)
		return VV_ERR_NOMEM;
	j->dec->pkt_timebase = st->time_base;
	j->dec->thread_count = 0;  /* as many as the machine has */
	rc = avcodec_open2(j->dec, codec, NULL);
	if (rc < 0) {
		transcode_error(j->src, _("opening the decoder"), rc);
		return VV_ERR_MEDIA;
	}
	j->turns = quarter_turns(st);
	j->duration = j->in->duration > 0 ?
		      j->in->duration / (double)AV_TIME_BASE : 0;
	return VV_OK;
}

/* The video stream as it is, for a picture that fits (copy_video). */
static enum vv_err copy_video_stream(struct job *j)
{
	AVStream *ist = j->in->streams[j->video_in];
	AVStream *ost = avformat_new_stream(j->out, NULL);

	if (!ost || avcodec_parameters_copy(ost->codecpar, ist->codecpar) < 0)
		return VV_ERR_NOMEM;
	ost->codecpar->codec_tag = 0;
	ost->time_base = ist->time_base;
	ost->avg_frame_rate = ist->avg_frame_rate;
	ost->sample_aspect_ratio = ist->sample_aspect_ratio;
	ost->disposition = ist->disposition;
	av_dict_copy(&ost->metadata, ist->metadata, 0);
	j->video_out = ost->index;
	j->map[j->video_in] = ost->index;
	return VV_OK;
}

/* The video stream re-encoded to the profile with libx264, and the
 * frames the scaling, tone-mapping and turning write into. */
static enum vv_err encode_video_stream(struct job *j)
{
	const AVCodec *x264 = avcodec_find_encoder_by_name("libx264");
	AVStream *ist = j->in->streams[j->video_in], *ost;
	AVRational rate = av_guess_frame_rate(j->in, ist, NULL);
	double fps = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 25;
	int w, h, rc;

	if (!x264) {
		vv_error(j->src, 0, _("this FFmpeg has no libx264 encoder; "
				      "install Debian's libavcodec59 with "
				      "libx264, or convert by hand"));
		return VV_ERR_MEDIA;
	}
	transcode_fit(j->dec->width, j->dec->height, j->profile, &w, &h);
	if (fps > j->profile->fps * 1.01)
		fps = j->profile->fps;
	j->enc = avcodec_alloc_context3(x264);
	ost = avformat_new_stream(j->out, NULL);
	if (!j->enc || !ost)
		return VV_ERR_NOMEM;
	j->enc->width = j->turns % 2 ? h : w;
	j->enc->height = j->turns % 2 ? w : h;
	j->enc->pix_fmt = AV_PIX_FMT_YUV420P;
	j->enc->sample_aspect_ratio = j->dec->sample_aspect_ratio;
	if (j->turns % 2 && j->enc->sample_aspect_ratio.num > 0)
		j->enc->sample_aspect_ratio =
			av_inv_q(j->enc->sample_aspect_ratio);
	j->enc->time_base = ist->time_base;
	j->enc->framerate = av_d2q(fps, 100000);
	j->enc->gop_size = (int)lround(fps * 2);
	j->enc->color_primaries = AVCOL_PRI_BT709;
	j->enc->color_trc = AVCOL_TRC_BT709;
	j->enc->colorspace = AVCOL_SPC_BT709;
	j->enc->color_range = AVCOL_RANGE_MPEG;
	j->enc->thread_count = 0;
	if (j->out->oformat->flags & AVFMT_GLOBALHEADER)
		j->enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	av_opt_set(j->enc->priv_data, "profile", "high", 0);
	av_opt_set(j->enc->priv_data, "preset", X264_PRESET, 0);
	av_opt_set(j->enc->priv_data, "crf", X264_CRF, 0);
	rc = avcodec_open2(j->enc, x264, NULL);
	if (rc < 0) {
		transcode_error(j->src, _("opening libx264"), rc);
		return VV_ERR_MEDIA;
	}
	if (avcodec_parameters_from_context(ost->codecpar, j->enc) < 0)
		return VV_ERR_NOMEM;
	ost->time_base = j->enc->time_base;
	ost->avg_frame_rate = j->enc->framerate;
	av_dict_copy(&ost->metadata, ist->metadata, 0);
	av_dict_set(&ost->metadata, "rotate", NULL, 0); /* done in pixels */
	j->video_out = ost->index;
	j->map[j->video_in] = ost->index;

	if (j->dec->color_trc == AVCOL_TRC_SMPTE2084 ||
	    j->dec->color_trc == AVCOL_TRC_ARIB_STD_B67) {
		j->tonemap = tonemap_new(j->dec->color_trc ==
					 AVCOL_TRC_SMPTE2084);
		j->rgb = av_frame_alloc();
		if (!j->tonemap || !j->rgb)
			return VV_ERR_NOMEM;
		j->rgb->format = AV_PIX_FMT_RGB48;
		j->rgb->width = w;
		j->rgb->height = h;
		if (av_frame_get_buffer(j->rgb, 0) < 0)
			return VV_ERR_NOMEM;
	}
	j->scaled = av_frame_alloc();
	if (!j->scaled)
		return VV_ERR_NOMEM;
	j->scaled->format = AV_PIX_FMT_YUV420P;
	j->scaled->width = w;
	j->scaled->height = h;
	if (av_frame_get_buffer(j->scaled, 0) < 0)
		return VV_ERR_NOMEM;
	if (j->turns) {
		j->turned = av_frame_alloc();
		if (!j->turned)
			return VV_ERR_NOMEM;
		j->turned->format = AV_PIX_FMT_YUV420P;
		j->turned->width = j->enc->width;
		j->turned->height = j->enc->height;
		if (av_frame_get_buffer(j->turned, 0) < 0)
			return VV_ERR_NOMEM;
	}
	return VV_OK;
}

static enum vv_err open_output(struct job *j)
{
	enum vv_err err;
	int rc;

	rc = avformat_alloc_output_context2(&j->out, NULL, "matroska",
					    j->dst);
	if (rc < 0 || !j->out)
		return VV_ERR_NOMEM;
	j->map = malloc(j->in->nb_streams * sizeof *j->map);
	j->audio = calloc(j->in->nb_streams, sizeof *j->audio);
	if (!j->map || !j->audio)
		return VV_ERR_NOMEM;
	for (unsigned i = 0; i < j->in->nb_streams; i++)
		j->map[i] = -1;
	err = j->copy_video ? copy_video_stream(j) : encode_video_stream(j);
	if (err != VV_OK)
		return err;
	/* Every audio track, with its language tag and disposition: as it
	 * is when the player plays it in Matroska, else re-encoded. */
	for (unsigned i = 0; i < j->in->nb_streams; i++) {
		AVStream *a = j->in->streams[i], *o;

		if (a->codecpar->codec_type != AVMEDIA_TYPE_AUDIO ||
		    (a->disposition & AV_DISPOSITION_ATTACHED_PIC))
			continue;
		if (!playable_audio(a->codecpar, "matroska,webm")) {
			err = transcode_audio_new(j->src, a, j->out,
						  &j->audio[i]);
			if (err != VV_OK)
				return err;
			continue;
		}
		o = avformat_new_stream(j->out, NULL);
		if (!o || avcodec_parameters_copy(o->codecpar,
						  a->codecpar) < 0)
			return VV_ERR_NOMEM;
		o->codecpar->codec_tag = 0;
		o->time_base = a->time_base;
		o->disposition = a->disposition;
		av_dict_copy(&o->metadata, a->metadata, 0);
		j->map[i] = o->index;
	}
	rc = avio_open(&j->out->pb, j->dst, AVIO_FLAG_WRITE);
	if (rc >= 0)
		rc = avformat_write_header(j->out, NULL);
	if (rc < 0) {
		transcode_error(j->src, _("writing"), rc);
		return VV_ERR_IO;
	}
	return VV_OK;
}

/* Writes what the encoder has; frame NULL flushes it. */
static enum vv_err encode(struct job *j, AVFrame *frame)
{
	AVPacket *pkt = av_packet_alloc();
	int rc;

	if (!pkt)
		return VV_ERR_NOMEM;
	rc = avcodec_send_frame(j->enc, frame);
	while (rc >= 0) {
		rc = avcodec_receive_packet(j->enc, pkt);
		if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) {
			rc = 0;
			break;
		}
		if (rc < 0)
			break;
		av_packet_rescale_ts(pkt, j->enc->time_base,
				     j->out->streams[j->video_out]->time_base);
		pkt->stream_index = j->video_out;
		rc = av_interleaved_write_frame(j->out, pkt);
	}
	av_packet_free(&pkt);
	if (rc < 0) {
		transcode_error(j->src, _("encoding"), rc);
		return VV_ERR_MEDIA;
	}
	return VV_OK;
}

/* Scales a decoded frame and encodes it, unless it comes sooner after
 * the last one than the profile's frame rate allows. */
static enum vv_err take_frame(struct job *j, AVFrame *f)
{
	AVRational tb = j->in->streams[j->video_in]->time_base;
	int64_t pts = f->best_effort_timestamp;
	double t;

	if (pts == AV_NOPTS_VALUE)
		pts = j->next_pts;
	j->next_pts = pts + 1;
	t = pts * av_q2d(tb);
	if (j->kept_any && t < j->last_kept + 1.0 / j->profile->fps - 0.002)
		return VV_OK;
	j->kept_any = 1;
	j->last_kept = t;
	if (j->tonemap) {
		/* HDR: to full-range R'G'B' (BT.2020 matrix) at the output
		 * size, tone-mapped, then to BT.709 video-range YUV. */
		j->sws = sws_getCachedContext(j->sws, f->width, f->height,
					      f->format, j->rgb->width,
					      j->rgb->height, AV_PIX_FMT_RGB48,
					      SWS_BICUBIC, NULL, NULL, NULL);
		j->sws_out = sws_getCachedContext(j->sws_out, j->rgb->width,
						  j->rgb->height,
						  AV_PIX_FMT_RGB48,
						  j->scaled->width,
						  j->scaled->height,
						  AV_PIX_FMT_YUV420P,
						  SWS_POINT, NULL, NULL, NULL);
		if (!j->sws || !j->sws_out ||
		    av_frame_make_writable(j->rgb) < 0 ||
		    av_frame_make_writable(j->scaled) < 0)
			return VV_ERR_NOMEM;
		sws_setColorspaceDetails(j->sws,
					 sws_getCoefficients(SWS_CS_BT2020),
					 f->color_range == AVCOL_RANGE_JPEG,
					 sws_getCoefficients(SWS_CS_ITU709), 1,
					 0, 1 << 16, 1 << 16);
		sws_setColorspaceDetails(j->sws_out,
					 sws_getCoefficients(SWS_CS_ITU709), 1,
					 sws_getCoefficients(SWS_CS_ITU709), 0,
					 0, 1 << 16, 1 << 16);
		sws_scale(j->sws, (const uint8_t *const *)f->data,
			  f->linesize, 0, f->height, j->rgb->data,
			  j->rgb->linesize);
		tonemap_frame(j->tonemap, j->rgb);
		sws_scale(j->sws_out, (const uint8_t *const *)j->rgb->data,
			  j->rgb->linesize, 0, j->rgb->height,
			  j->scaled->data, j->scaled->linesize);
	} else {
		j->sws = sws_getCachedContext(j->sws, f->width, f->height,
					      f->format, j->scaled->width,
					      j->scaled->height,
					      AV_PIX_FMT_YUV420P, SWS_BICUBIC,
					      NULL, NULL, NULL);
		if (!j->sws || av_frame_make_writable(j->scaled) < 0)
			return VV_ERR_NOMEM;
		sws_scale(j->sws, (const uint8_t *const *)f->data,
			  f->linesize, 0, f->height, j->scaled->data,
			  j->scaled->linesize);
	}
	j->scaled->pts = pts;
	if (j->turns) {
		if (av_frame_make_writable(j->turned) < 0)
			return VV_ERR_NOMEM;
		turn_frame(j->scaled, j->turned, j->turns);
		j->turned->pts = pts;
	}
	if (j->progress && j->duration > 0 &&
	    t - j->reported >= j->duration / 100) {
		j->reported = t;
		j->progress(j->src, fmin(1.0, t / j->duration), j->user);
	}
	return encode(j, j->turns ? j->turned : j->scaled);
}

/* Sends a packet (NULL flushes) to the decoder and takes its frames. */
static enum vv_err decode(struct job *j, AVPacket *pkt, AVFrame *frame)
{
	enum vv_err err = VV_OK;
	int rc = avcodec_send_packet(j->dec, pkt);

	if (rc < 0 && rc != AVERROR_EOF) {
		transcode_error(j->src, _("decoding"), rc);
		return VV_ERR_MEDIA;
	}
	while (err == VV_OK) {
		rc = avcodec_receive_frame(j->dec, frame);
		if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
			break;
		if (rc < 0) {
			transcode_error(j->src, _("decoding"), rc);
			return VV_ERR_MEDIA;
		}
		err = take_frame(j, frame);
		av_frame_unref(frame);
	}
	return err;
}

/* Progress of a copied picture, from its packets' times. */
static void copy_progress(struct job *j, const AVPacket *pkt)
{
	AVStream *st = j->in->streams[j->video_in];
	double t;

	if (!j->progress || j->duration <= 0 || pkt->pts == AV_NOPTS_VALUE)
		return;
	t = (pkt->pts - (st->start_time != AV_NOPTS_VALUE ? st->start_time
							   : 0)) *
	    av_q2d(st->time_base);
	if (t - j->reported >= j->duration / 100) {
		j->reported = t;
		j->progress(j->src, fmin(1.0, t / j->duration), j->user);
	}
}

static enum vv_err run(struct job *j)
{
	AVPacket *pkt = av_packet_alloc();
	AVFrame *frame = av_frame_alloc();
	enum vv_err err = VV_OK;
	int rc;

	if (!pkt || !frame) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	while (err == VV_OK && (rc = av_read_frame(j->in, pkt)) >= 0) {
		int to = j->map[pkt->stream_index];

		if (pkt->stream_index == j->video_in && !j->copy_video) {
			err = decode(j, pkt, frame);
		} else if (j->audio[pkt->stream_index]) {
			err = transcode_audio_packet(
				j->audio[pkt->stream_index], pkt);
		} else if (to >= 0) {
			if (pkt->stream_index == j->video_in)
				copy_progress(j, pkt);
			av_packet_rescale_ts(pkt,
					     j->in->streams[pkt->stream_index]->
					     time_base,
					     j->out->streams[to]->time_base);
			pkt->stream_index = to;
			pkt->pos = -1;
			rc = av_interleaved_write_frame(j->out, pkt);
			if (rc < 0) {
				transcode_error(j->src, _("writing"), rc);
				err = VV_ERR_IO;
			}
		}
		av_packet_unref(pkt);
	}
	if (err == VV_OK && rc != AVERROR_EOF) {
		transcode_error(j->src, _("reading"), rc);
		err = VV_ERR_MEDIA;
	}
	if (err == VV_OK && !j->copy_video)
		err = decode(j, NULL, frame);
	if (err == VV_OK && !j->copy_video)
		err = encode(j, NULL);
	for (unsigned i = 0; err == VV_OK && i < j->in->nb_streams; i++)
		if (j->audio[i])
			err = transcode_audio_packet(j->audio[i], NULL);
	if (err == VV_OK) {
		rc = av_write_trailer(j->out);
		if (rc >= 0)
			rc = avio_closep(&j->out->pb);
		if (rc < 0) {
			transcode_error(j->src, _("writing"), rc);
			err = VV_ERR_IO;
		}
	}
	if (err == VV_OK && j->progress)
		j->progress(j->src, 1.0, j->user);
out:
	av_packet_free(&pkt);
	av_frame_free(&frame);
	return err;
}

enum vv_err transcode_to_profile(const char *src, const char *dst,
				 const struct media_profile *profile,
				 int picture_fits, int *copied,
				 transcode_progress_fn progress, void *user)
{
	struct job j;
	enum vv_err err;

	memset(&j, 0, sizeof j);
	j.src = src;
	j.dst = dst;
	j.profile = profile;
	j.progress = progress;
	j.user = user;
	err = open_input(&j);
	/* A sideways or interlaced picture is re-encoded all the same:
	 * upright and progressive. */
	if (err == VV_OK && picture_fits && j.turns == 0) {
		enum AVFieldOrder fo =
			j.in->streams[j.video_in]->codecpar->field_order;
		j.copy_video = fo == AV_FIELD_PROGRESSIVE ||
			       fo == AV_FIELD_UNKNOWN;
	}
	if (copied)
		*copied = j.copy_video;
	if (err == VV_OK)
		err = open_output(&j);
	if (err == VV_OK)
		err = run(&j);
	for (unsigned i = 0; j.audio && i < j.in->nb_streams; i++)
		transcode_audio_free(j.audio[i]);
	if (j.out) {
		if (j.out->pb)
			avio_closep(&j.out->pb);
		avformat_free_context(j.out);
	}
	avformat_close_input(&j.in);
	avcodec_free_context(&j.dec);
	avcodec_free_context(&j.enc);
	sws_freeContext(j.sws);
	sws_freeContext(j.sws_out);
	av_frame_free(&j.scaled);
	av_frame_free(&j.turned);
	av_frame_free(&j.rgb);
	free(j.tonemap);
	free(j.audio);
	free(j.map);
	if (err != VV_OK)
		unlink(dst);
	return err;
}
