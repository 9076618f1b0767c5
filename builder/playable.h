/* playable: the audio the player plays, as the builder's probe
 * (builder/media) and --transcode (builder/transcode) decide it. */
#ifndef VV_BUILDER_PLAYABLE_H
#define VV_BUILDER_PLAYABLE_H

#include <libavcodec/avcodec.h>

/* Returns non-zero when the player plays audio in codec `id` in a file of
 * the libavformat container `container` (AAC, Opus, MP3, FLAC; plain PCM
 * only in WAV: in a film it is a mistake that makes bundles huge). */
int playable_audio_codec(enum AVCodecID id, const char *container);

/* The MPEG-4 audio object type in an AAC stream's AudioSpecificConfig
 * (2 = AAC-LC, 5 = HE-AAC, 42 = USAC, i.e. xHE-AAC, which the player
 * cannot decode), or 0 when unknown or not AAC. */
int playable_aac_object_type(const AVCodecParameters *par);

/* Returns non-zero when the player plays the audio stream `par` in a file
 * of `container`: playable_audio_codec(), and not xHE-AAC. */
int playable_audio(const AVCodecParameters *par, const char *container);

#endif
