/* transcode_audio: re-encodes one audio track that the player cannot play
 * (AC-3, DTS, PCM in a film, MP2, ...) to Opus for builder/transcode. */
#ifndef VV_BUILDER_TRANSCODE_AUDIO_H
#define VV_BUILDER_TRANSCODE_AUDIO_H

#include <libavformat/avformat.h>

#include "common/err.h"

struct transcode_audio;

/* Opens a decoder for the input stream `in` of the file `src` and an Opus
 * encoder (libopus, 48 kHz, mono or stereo) for a new stream of `out`,
 * which keeps in's language and disposition; call before `out`'s header
 * is written. Returns VV_OK and the track in *track (free with
 * transcode_audio_free()); on failure prints one line naming src and
 * returns VV_ERR_MEDIA or VV_ERR_NOMEM. Borrows everything. */
enum vv_err transcode_audio_new(const char *src, const AVStream *in,
				AVFormatContext *out,
				struct transcode_audio **track);

/* The index of the track's stream in the output. */
int transcode_audio_stream(const struct transcode_audio *track);

/* Decodes the packet `pkt` of the input stream (NULL at the end of the
 * input: flushes the decoder and the encoder) and writes what is encoded
 * to the output, interleaved. The output's timestamps follow the decoded
 * frames' (a gap in them is filled with silence, so the sound stays with
 * the picture). Returns VV_OK, or VV_ERR_MEDIA, VV_ERR_IO or VV_ERR_NOMEM
 * after one line naming the source. */
enum vv_err transcode_audio_packet(struct transcode_audio *track,
				   const AVPacket *pkt);

/* NULL is a no-op. */
void transcode_audio_free(struct transcode_audio *track);

#endif
