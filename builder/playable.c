/* playable: the audio the player plays (codecs, containers, AAC types). */
#include "builder/playable.h"

#include <string.h>

static int pcm_codec(enum AVCodecID id)
{
	switch (id) {
	case AV_CODEC_ID_PCM_S16LE:
	case AV_CODEC_ID_PCM_S24LE:
	case AV_CODEC_ID_PCM_S32LE:
	case AV_CODEC_ID_PCM_F32LE:
	case AV_CODEC_ID_PCM_U8:
		return 1;
	default:
		return 0;
	}
}

int playable_audio_codec(enum AVCodecID id, const char *container)
{
	if (id == AV_CODEC_ID_AAC || id == AV_CODEC_ID_OPUS ||
	    id == AV_CODEC_ID_MP3 || id == AV_CODEC_ID_FLAC)
		return 1;
	/* Plain PCM only for narration in WAV; in a film it is a mistake
	 * that makes bundles huge. */
	return pcm_codec(id) && strcmp(container, "wav") == 0;
}

int playable_aac_object_type(const AVCodecParameters *par)
{
	const uint8_t *d = par->extradata;
	int aot;

	if (par->codec_id != AV_CODEC_ID_AAC || !d || par->extradata_size < 1)
		return 0;
	aot = d[0] >> 3;
	if (aot == 31) {
		if (par->extradata_size < 2)
			return 0;
		aot = 32 + (((d[0] & 7) << 3) | (d[1] >> 5));
	}
	return aot;
}

int playable_audio(const AVCodecParameters *par, const char *container)
{
	return playable_aac_object_type(par) != 42 &&
	       playable_audio_codec(par->codec_id, container);
}
