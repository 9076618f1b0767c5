/* transcode_audio: decode, resample (libswresample), encode with libopus. */
#include "builder/transcode_audio.h"

#include <stdlib.h>

#include <libavcodec/avcodec.h>
#include <libavutil/audio_fifo.h>
#include <libswresample/swresample.h>

#include "builder/transcode_error.h"
#include "common/i18n.h"

#define OPUS_RATE 48000
/* Per channel: transparent for speech and music at Opus's quality. */
#define OPUS_BITRATE 64000
/* A gap in the source's timestamps longer than this is filled with
 * silence; a longer jump is taken as a broken timestamp, not a gap. */
#define MAX_GAP_SECONDS 60

struct transcode_audio {
	const char *src;
	AVFormatContext *out;
	int stream;               /* in out */
	AVRational in_time_base;
	AVCodecContext *dec, *enc;
	struct SwrContext *swr;
	AVChannelLayout swr_layout;  /* what swr was made for */
	int swr_rate, swr_format;
	AVAudioFifo *fifo;
	AVFrame *decoded, *resampled, *chunk;
	AVPacket *pkt;
	int64_t next_pts;         /* of the fifo's first sample, 1/48000 s */
	int started;
};

int transcode_audio_stream(const struct transcode_audio *t)
{
	return t->stream;
}

static enum vv_err open_decoder(struct transcode_audio *t, const AVStream *in)
{
	const AVCodec *codec = avcodec_find_decoder(in->codecpar->codec_id);
	int rc;

	if (!codec) {
		transcode_error(t->src, _("opening the audio decoder"),
			       AVERROR_DECODER_NOT_FOUND);
		return VV_ERR_MEDIA;
	}
	t->dec = avcodec_alloc_context3(codec);
	if (!t->dec ||
	    avcodec_parameters_to_context(t->dec, in->codecpar) < 0)
		return VV_ERR_NOMEM;
	t->dec->pkt_timebase = in->time_base;
	rc = avcodec_open2(t->dec, codec, NULL);
	if (rc < 0) {
		transcode_error(t->src, _("opening the audio decoder"), rc);
		return VV_ERR_MEDIA;
	}
	return VV_OK;
}

/* Kiosks have two speakers: more channels are mixed down to stereo,
 * which also spares Opus's surround mapping and its channel order. */
static enum vv_err open_encoder(struct transcode_audio *t, const AVStream *in)
{
	const AVCodec *opus = avcodec_find_encoder_by_name("libopus");
	AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
	AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
	AVStream *ost;
	int rc;

	if (!opus) {
		vv_error(t->src, 0, _("this FFmpeg has no libopus encoder; "
				      "install Debian's libavcodec59 with "
				      "libopus, or convert the audio by "
				      "hand"));
		return VV_ERR_MEDIA;
	}
	t->enc = avcodec_alloc_context3(opus);
	ost = avformat_new_stream(t->out, NULL);
	if (!t->enc || !ost)
		return VV_ERR_NOMEM;
	t->enc->sample_rate = OPUS_RATE;
	t->enc->sample_fmt = AV_SAMPLE_FMT_FLT;
	if (av_channel_layout_copy(&t->enc->ch_layout,
				   t->dec->ch_layout.nb_channels == 1 ?
				   &mono : &stereo) < 0)
		return VV_ERR_NOMEM;
	t->enc->bit_rate = (int64_t)OPUS_BITRATE *
			   t->enc->ch_layout.nb_channels;
	t->enc->time_base = (AVRational){ 1, OPUS_RATE };
	if (t->out->oformat->flags & AVFMT_GLOBALHEADER)
		t->enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	rc = avcodec_open2(t->enc, opus, NULL);
	if (rc < 0) {
		transcode_error(t->src, _("opening libopus"), rc);
		return VV_ERR_MEDIA;
	}
	if (avcodec_parameters_from_context(ost->codecpar, t->enc) < 0)
		return VV_ERR_NOMEM;
	ost->time_base = t->enc->time_base;
	ost->disposition = in->disposition;
	if (av_dict_copy(&ost->metadata, in->metadata, 0) < 0)
		return VV_ERR_NOMEM;
	t->stream = ost->index;
	return VV_OK;
}

enum vv_err transcode_audio_new(const char *src, const AVStream *in,
				AVFormatContext *out,
				struct transcode_audio **track)
{
	struct transcode_audio *t = calloc(1, sizeof *t);
	enum vv_err err;
	int size;

	*track = NULL;
	if (!t)
		return VV_ERR_NOMEM;
	t->src = src;
	t->out = out;
	t->in_time_base = in->time_base;
	t->swr_format = -1;
	err = open_decoder(t, in);
	if (err == VV_OK)
		err = open_encoder(t, in);
	if (err != VV_OK) {
		transcode_audio_free(t);
		return err;
	}
	size = t->enc->frame_size > 0 ? t->enc->frame_size : 960;
	t->fifo = av_audio_fifo_alloc(t->enc->sample_fmt,
				      t->enc->ch_layout.nb_channels, size * 4);
	t->decoded = av_frame_alloc();
	t->resampled = av_frame_alloc();
	t->chunk = av_frame_alloc();
	t->pkt = av_packet_alloc();
	if (!t->fifo || !t->decoded || !t->resampled || !t->chunk ||
	    !t->pkt) {
		transcode_audio_free(t);
		return VV_ERR_NOMEM;
	}
	*track = t;
	return VV_OK;
}

void transcode_audio_free(struct transcode_audio *t)
{
	if (!t)
		return;
	avcodec_free_context(&t->dec);
	avcodec_free_context(&t->enc);
	swr_free(&t->swr);
	av_channel_layout_uninit(&t->swr_layout);
	if (t->fifo)
		av_audio_fifo_free(t->fifo);
	av_frame_free(&t->decoded);
	av_frame_free(&t->resampled);
	av_frame_free(&t->chunk);
	av_packet_free(&t->pkt);
	free(t);
}

/* Writes what the encoder has; frame NULL flushes it. */
static enum vv_err encode(struct transcode_audio *t, const AVFrame *frame)
{
	AVRational to = t->out->streams[t->stream]->time_base;
	int rc = avcodec_send_frame(t->enc, frame);

	while (rc >= 0) {
		rc = avcodec_receive_packet(t->enc, t->pkt);
		if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) {
			rc = 0;
			break;
		}
		if (rc < 0)
			break;
		av_packet_rescale_ts(t->pkt, t->enc->time_base, to);
		t->pkt->stream_index = t->stream;
		rc = av_interleaved_write_frame(t->out, t->pkt);
	}
	if (rc < 0) {
		transcode_error(t->src, _("encoding audio"), rc);
		return VV_ERR_MEDIA;
	}
	return VV_OK;
}

/* A frame of the encoder's format with room for n samples, writable. */
static enum vv_err chunk_ready(struct transcode_audio *t, AVFrame *f, int n)
{
	av_frame_unref(f);
	f->format = t->enc->sample_fmt;
	f->sample_rate = t->enc->sample_rate;
	f->nb_samples = n;
	if (av_channel_layout_copy(&f->ch_layout, &t->enc->ch_layout) < 0 ||
	    av_frame_get_buffer(f, 0) < 0)
		return VV_ERR_NOMEM;
	return VV_OK;
}

/* Encodes n samples (at most a frame's) from the fifo; fewer than are
 * in it at the end of the input, padded with silence when the encoder
 * takes only whole frames. */
static enum vv_err encode_from_fifo(struct transcode_audio *t, int n)
{
	int size = t->enc->frame_size, small =
		t->enc->codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME;
	enum vv_err err = chunk_ready(t, t->chunk, size > 0 && !small ?
				      size : n);

	if (err != VV_OK)
		return err;
	av_samples_set_silence(t->chunk->data, 0, t->chunk->nb_samples,
			       t->enc->ch_layout.nb_channels,
			       t->enc->sample_fmt);
	if (av_audio_fifo_read(t->fifo, (void **)t->chunk->data, n) != n)
		return VV_ERR_NOMEM;
	t->chunk->pts = t->next_pts;
	t->next_pts += n;
	return encode(t, t->chunk);
}

/* Adds n samples of silence to the fifo. */
static enum vv_err fifo_silence(struct transcode_audio *t, int64_t n)
{
	enum vv_err err = chunk_ready(t, t->resampled, OPUS_RATE / 10);

	if (err != VV_OK)
		return err;
	av_samples_set_silence(t->resampled->data, 0, OPUS_RATE / 10,
			       t->enc->ch_layout.nb_channels,
			       t->enc->sample_fmt);
	while (n > 0) {
		int k = n < OPUS_RATE / 10 ? (int)n : OPUS_RATE / 10;

		if (av_audio_fifo_write(t->fifo, (void **)t->resampled->data,
					k) != k)
			return VV_ERR_NOMEM;
		n -= k;
	}
	return VV_OK;
}

/* Makes the resampler for the frame f's format, rate and channels, when
 * they are not those of the last frame (a DVD may switch from stereo to
 * 5.1 between its parts). */
static enum vv_err resampler_for(struct transcode_audio *t, const AVFrame *f)
{
	AVChannelLayout layout;
	int rc;

	if (t->swr && f->format == t->swr_format &&
	    f->sample_rate == t->swr_rate &&
	    !av_channel_layout_compare(&f->ch_layout, &t->swr_layout))
		return VV_OK;
	if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
		av_channel_layout_default(&layout, f->ch_layout.nb_channels);
	else if (av_channel_layout_copy(&layout, &f->ch_layout) < 0)
		return VV_ERR_NOMEM;
	swr_free(&t->swr);
	rc = swr_alloc_set_opts2(&t->swr, &t->enc->ch_layout,
				 t->enc->sample_fmt, t->enc->sample_rate,
				 &layout, f->format, f->sample_rate, 0, NULL);
	av_channel_layout_uninit(&layout);
	if (rc >= 0)
		rc = swr_init(t->swr);
	if (rc < 0) {
		transcode_error(t->src, _("resampling audio"), rc);
		return VV_ERR_MEDIA;
	}
	av_channel_layout_uninit(&t->swr_layout);
	if (av_channel_layout_copy(&t->swr_layout, &f->ch_layout) < 0)
		return VV_ERR_NOMEM;
	t->swr_format = f->format;
	t->swr_rate = f->sample_rate;
	return VV_OK;
}

/* Resamples f (NULL drains the resampler) into the fifo. */
static enum vv_err resample(struct transcode_audio *t, const AVFrame *f)
{
	int room = swr_get_out_samples(t->swr, f ? f->nb_samples : 0), n;
	enum vv_err err;

	if (room <= 0)
		return VV_OK;
	err = chunk_ready(t, t->resampled, room);
	if (err != VV_OK)
		return err;
	n = swr_convert(t->swr, t->resampled->data, room,
			f ? (const uint8_t **)f->extended_data : NULL,
			f ? f->nb_samples : 0);
	if (n < 0) {
		transcode_error(t->src, _("resampling audio"), n);
		return VV_ERR_MEDIA;
	}
	if (n > 0 && av_audio_fifo_write(t->fifo,
					 (void **)t->resampled->data, n) != n)
		return VV_ERR_NOMEM;
	return VV_OK;
}

/* Takes a decoded frame: its timestamp, not a count of samples, places
 * it, so that a gap in the source stays a gap (of silence) and the sound
 * cannot drift from the picture over a long film. */
static enum vv_err take_frame(struct transcode_audio *t, const AVFrame *f)
{
	int64_t pts = f->best_effort_timestamp, at, gap;
	enum vv_err err = resampler_for(t, f);

	if (err != VV_OK)
		return err;
	at = t->next_pts + av_audio_fifo_size(t->fifo) +
	     swr_get_delay(t->swr, OPUS_RATE);
	if (pts != AV_NOPTS_VALUE) {
		pts = av_rescale_q(pts, t->in_time_base,
				   (AVRational){ 1, OPUS_RATE });
		if (!t->started)
			t->next_pts = at = pts;
		gap = pts - at;
		/* Less than a frame of Opus is jitter in the source's
		 * timestamps, not a gap. */
		if (gap > OPUS_RATE / 50 &&
		    gap < (int64_t)MAX_GAP_SECONDS * OPUS_RATE)
			err = fifo_silence(t, gap);
	}
	t->started = 1;
	if (err == VV_OK)
		err = resample(t, f);
	while (err == VV_OK &&
	       av_audio_fifo_size(t->fifo) >= t->enc->frame_size)
		err = encode_from_fifo(t, t->enc->frame_size);
	return err;
}

/* At the end: what the resampler and the fifo still hold, then the
 * encoder's own delay. */
static enum vv_err flush(struct transcode_audio *t)
{
	enum vv_err err = t->swr ? resample(t, NULL) : VV_OK;

	while (err == VV_OK && av_audio_fifo_size(t->fifo) > 0) {
		int n = av_audio_fifo_size(t->fifo);

		err = encode_from_fifo(t, n < t->enc->frame_size ?
				       n : t->enc->frame_size);
	}
	return err == VV_OK ? encode(t, NULL) : err;
}

enum vv_err transcode_audio_packet(struct transcode_audio *t,
				   const AVPacket *pkt)
{
	enum vv_err err = VV_OK;
	int rc = avcodec_send_packet(t->dec, pkt);

	if (rc < 0 && rc != AVERROR_EOF) {
		transcode_error(t->src, _("decoding audio"), rc);
		return VV_ERR_MEDIA;
	}
	while (err == VV_OK) {
		rc = avcodec_receive_frame(t->dec, t->decoded);
		if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
			break;
		if (rc < 0) {
			transcode_error(t->src, _("decoding audio"), rc);
			return VV_ERR_MEDIA;
		}
		err = take_frame(t, t->decoded);
		av_frame_unref(t->decoded);
	}
	if (err == VV_OK && !pkt)
		err = flush(t);
	return err;
}
