/* media_dl: loads the player's media module (veiviser-media.so, libav*)
 * for player/media's functions; see media_dl.c. */
#ifndef VV_PLAYER_MEDIADL_MEDIA_DL_H
#define VV_PLAYER_MEDIADL_MEDIA_DL_H

/* Starts loading the media module on a background thread and returns at
 * once: call after the first screen is shown, so that the first tap does
 * not wait for libav either. media_open() waits for a load in progress.
 * A second call is a no-op. */
void media_dl_preload(void);

#endif
