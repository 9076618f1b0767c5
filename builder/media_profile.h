/* media_profile: a kiosk's video budget, shared by the prober (media),
 * which checks films against it, and the re-encoder (transcode), which
 * fits films into it, so that neither includes the other's header. */
#ifndef VV_BUILDER_MEDIA_PROFILE_H
#define VV_BUILDER_MEDIA_PROFILE_H

/* A kiosk's video budget: the largest H.264 video it plays smoothly.
 * Frames may be landscape or portrait. */
struct media_profile {
	int width, height;    /* e.g. 1920x1080 */
	double fps;           /* e.g. 30 */
};

/* The profile when neither the pack nor the command line gives one. */
#define MEDIA_PROFILE_DEFAULT "1080p30"

#endif
