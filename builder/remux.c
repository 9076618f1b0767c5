/* remux: stream copy of selected streams into the same container family;
 * see remux.h. */
#include "builder/remux.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>

#include "common/i18n.h"

const char *remux_format(const char *input_format, const char *src)
{
	const char *dot = strrchr(src, '.');
	const char *ext = dot && !strchr(dot, '/') ? dot + 1 : "";

	if (strcmp(input_format, "mov,mp4,m4a,3gp,3g2,mj2") == 0)
		return strcasecmp(ext, "mov") == 0 ? "mov" : "mp4";
	if (strcmp(input_format, "matroska,webm") == 0)
		return strcasecmp(ext, "webm") == 0 ? "webm" : "matroska";
	return NULL;
}

const char *remux_extension(const char *format)
{
	if (strcmp(format, "mp4") == 0)
		return ".mp4";
	if (strcmp(format, "mov") == 0)
		return ".mov";
	if (strcmp(format, "webm") == 0)
		return ".webm";
	return ".mkv";
}

/* what: the step that failed, translated by the caller (TRANSLATORS:
 * "open", "probe", "create", "write header", "read", "write", "finish"
 * and "close" are a remux's steps, shown as "cannot remux (STEP: why)"). */
static void remux_error(const char *src, const char *what, int averr)
{
	char msg[128];

	if (av_strerror(averr, msg, sizeof msg) < 0)
		snprintf(msg, sizeof msg, _("error %d"), averr);
	vv_error(src, 0, _("cannot remux (%s: %s); check free space, or "
			   "export the file again"), what, msg);
}

/* Copies stream-level side data (rotation, spherical, ...) so the copy
 * displays as the source does. */
static int copy_side_data(AVStream *out, const AVStream *in)
{
	for (int i = 0; i < in->nb_side_data; i++) {
		const AVPacketSideData *sd = &in->side_data[i];
		uint8_t *dst = av_stream_new_side_data(out, sd->type, sd->size);

		if (!dst)
			return AVERROR(ENOMEM);
		memcpy(dst, sd->data, sd->size);
	}
	return 0;
}

/* Returns what to add to each timestamp of output stream `st` so that a
 * reader gets back the source's timestamps. The Matroska demuxer of
 * libavformat < 60 subtracts an Opus track's CodecDelay from every block,
 * but its muxer writes CodecDelay without adding it to the blocks, so a
 * plain copy moves the audio earlier by the delay (6.5 ms) on each pass
 * (ffmpeg -c copy does too). Newer muxers add it themselves. */
static int64_t codec_delay_shift(const AVFormatContext *out,
				 const AVStream *st)
{
#if LIBAVFORMAT_VERSION_MAJOR < 60
	const AVCodecParameters *par = st->codecpar;

	if ((strcmp(out->oformat->name, "matroska") == 0 ||
	     strcmp(out->oformat->name, "webm") == 0) &&
	    par->codec_type == AVMEDIA_TYPE_AUDIO &&
	    par->codec_id == AV_CODEC_ID_OPUS && par->initial_padding > 0 &&
	    par->sample_rate > 0)
		return av_rescale_q(par->initial_padding,
				    (AVRational){ 1, 48000 }, st->time_base);
#else
	(void)out;
	(void)st;
#endif
	return 0;
}

enum vv_err remux_streams(const char *src, const char *dst,
			  const char *format, const int *streams, int n)
{
	AVFormatContext *in = NULL, *out = NULL;
	AVDictionary *opts = NULL;
	AVPacket *pkt = NULL;
	int *map = NULL;
	int64_t shift[8] = { 0 };
	enum vv_err err = VV_ERR_MEDIA;
	int rc, header = 0;

	rc = avformat_open_input(&in, src, NULL, NULL);
	if (rc < 0) {
		remux_error(src, _("open"), rc);
		return VV_ERR_MEDIA;
	}
	rc = avformat_find_stream_info(in, NULL);
	if (rc < 0) {
		remux_error(src, _("probe"), rc);
		goto out;
	}
	rc = avformat_alloc_output_context2(&out, NULL, format, dst);
	if (rc < 0) {
		remux_error(src, format, rc);
		goto out;
	}
	/* No random UIDs or version strings: the same input gives the same
	 * bytes, so bundles are reproducible. */
	out->flags |= AVFMT_FLAG_BITEXACT;
	out->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
	/* Opus and FLAC in MP4 are marked experimental in this FFmpeg; the
	 * player reads them. */
	out->strict_std_compliance = FF_COMPLIANCE_EXPERIMENTAL;
	if (n > 8) {
		vv_error(src, 0, _("too many streams to keep; give one file "
				   "per language"));
		goto out;
	}
	map = av_malloc_array(in->nb_streams, sizeof *map);
	pkt = av_packet_alloc();
	if (!map || !pkt) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	for (unsigned i = 0; i < in->nb_streams; i++)
		map[i] = -1;
	for (int k = 0; k < n; k++) {
		AVStream *is, *os;

		if (streams[k] < 0 || (unsigned)streams[k] >= in->nb_streams) {
			vv_error(src, 0, _("stream %d does not exist; the file "
					   "changed while building; build "
					   "again"), streams[k]);
			goto out;
		}
		is = in->streams[streams[k]];
		os = avformat_new_stream(out, NULL);
		if (!os) {
			err = VV_ERR_NOMEM;
			goto out;
		}
		rc = avcodec_parameters_copy(os->codecpar, is->codecpar);
		if (rc >= 0)
			rc = av_dict_copy(&os->metadata, is->metadata, 0);
		if (rc >= 0)
			rc = copy_side_data(os, is);
		if (rc < 0) {
			err = VV_ERR_NOMEM;
			goto out;
		}
		/* The muxer picks its own tag for the codec. */
		os->codecpar->codec_tag = 0;
		os->time_base = is->time_base;
		os->avg_frame_rate = is->avg_frame_rate;
		os->r_frame_rate = is->r_frame_rate;
		os->disposition = is->disposition | AV_DISPOSITION_DEFAULT;
		map[streams[k]] = os->index;
	}
	for (unsigned i = 0; i < in->nb_streams; i++)
		if (map[i] < 0)
			in->streams[i]->discard = AVDISCARD_ALL;
	rc = avio_open(&out->pb, dst, AVIO_FLAG_WRITE);
	if (rc < 0) {
		remux_error(dst, _("create"), rc);
		err = VV_ERR_IO;
		goto out;
	}
	/* moov before mdat, so the player can start without seeking to the
	 * end of the member. */
	if (strcmp(format, "mp4") == 0 || strcmp(format, "mov") == 0)
		av_dict_set(&opts, "movflags", "+faststart", 0);
	rc = avformat_write_header(out, &opts);
	if (rc < 0) {
		remux_error(src, _("write header"), rc);
		goto out;
	}
	header = 1;
	for (int k = 0; k < n; k++)
		shift[k] = codec_delay_shift(out, out->streams[k]);
	for (;;) {
		AVStream *is, *os;

		rc = av_read_frame(in, pkt);
		if (rc == AVERROR_EOF)
			break;
		if (rc < 0) {
			remux_error(src, _("read"), rc);
			goto out;
		}
		if ((unsigned)pkt->stream_index >= in->nb_streams ||
		    map[pkt->stream_index] < 0) {
			av_packet_unref(pkt);
			continue;
		}
		is = in->streams[pkt->stream_index];
		os = out->streams[map[pkt->stream_index]];
		pkt->stream_index = os->index;
		/* Same instants, in the muxer's time base: no re-zeroing, so
		 * audio and video stay where they were relative to each
		 * other. */
		av_packet_rescale_ts(pkt, is->time_base, os->time_base);
		if (pkt->pts != AV_NOPTS_VALUE)
			pkt->pts += shift[os->index];
		if (pkt->dts != AV_NOPTS_VALUE)
			pkt->dts += shift[os->index];
		pkt->pos = -1;
		rc = av_interleaved_write_frame(out, pkt);
		if (rc < 0) {
			remux_error(src, _("write"), rc);
			goto out;
		}
	}
	rc = av_write_trailer(out);
	header = 0;
	if (rc < 0) {
		remux_error(src, _("finish"), rc);
		goto out;
	}
	rc = avio_closep(&out->pb);
	if (rc < 0) {
		remux_error(dst, _("close"), rc);
		err = VV_ERR_IO;
		goto out;
	}
	err = VV_OK;
out:
	if (out) {
		if (header)
			av_write_trailer(out);
		if (out->pb)
			avio_closep(&out->pb);
		avformat_free_context(out);
	}
	if (err != VV_OK)
		unlink(dst);
	av_dict_free(&opts);
	av_packet_free(&pkt);
	av_free(map);
	avformat_close_input(&in);
	return err;
}
