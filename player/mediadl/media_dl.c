/* media_dl: the player program's side of player/media. It loads
 * veiviser-media.so (player/media/media.c and avio_range.c built as a
 * module, linked with the player's own static libav: scripts/build-libav)
 * at the first media_open() and forwards every media_* call of media.h to
 * it, so libav costs neither the start nor the memory of a kiosk until a
 * narration or a film plays. Unit tests link player/media itself; only the program links
 * this. Every function of media.h needs its forwarder here (the link
 * fails with duplicate symbols otherwise). */
#include "player/mediadl/media_dl.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/i18n.h"
#include "player/media/media.h"

#ifndef VV_LIBDIR
#define VV_LIBDIR "/usr/local/lib/veiviser"
#endif
#define MODULE "veiviser-media.so"

static struct {
	enum vv_err (*open)(const struct media_open_args *, struct media **);
	void (*free)(struct media *);
	enum media_state (*state)(struct media *);
	void (*get_info)(struct media *, struct media_info *);
	const char *(*error)(struct media *);
	unsigned (*damage)(struct media *);
	const struct media_frame *(*video_peek)(struct media *, int);
	void (*video_pop)(struct media *);
	int (*video_done)(struct media *);
	int (*audio_read)(struct media *, float *, int, double *);
	int (*audio_next_pts)(struct media *, double *);
	int (*audio_available)(struct media *);
	int (*audio_done)(struct media *);
	void (*seek)(struct media *, double);
	void (*set_video_box)(struct media *, int, int, int);
	int (*frame_to_bgra)(struct media *, const struct media_frame *,
			     uint8_t *, int);
	void (*set_clock)(struct media *, double);
	unsigned (*video_skipped)(struct media *);
	uint64_t (*progress)(struct media *);
	void (*wait)(struct media *, double);
} fn;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;

/* $VV_MEDIA_MODULE; else the module beside the program (a build tree),
 * in ../lib/veiviser from it (an install under any prefix), or in the
 * configured VV_LIBDIR. */
static void *open_module(char *tried, size_t size)
{
	char exe[PATH_MAX], path[PATH_MAX + 64];
	const char *env = getenv("VV_MEDIA_MODULE");
	ssize_t n;
	void *h;

	if (env && *env) {
		snprintf(tried, size, "%s", env);
		return dlopen(env, RTLD_NOW | RTLD_LOCAL);
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			static const char *const rel[] = {
				"", "/../lib/veiviser",
			};
			size_t i;

			*slash = '\0';
			for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
				snprintf(path, sizeof path, "%s%s/%s", exe,
					 rel[i], MODULE);
				if (access(path, R_OK) == 0 &&
				    (h = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
					snprintf(tried, size, "%s", path);
					return h;
				}
			}
		}
	}
	snprintf(tried, size, "%s/%s", VV_LIBDIR, MODULE);
	return dlopen(tried, RTLD_NOW | RTLD_LOCAL);
}

#define RESOLVE(field, name)                                                   \
	do {                                                                   \
		*(void **)&fn.field = dlsym(h, name);                          \
		if (!fn.field)                                                 \
			missing = name;                                        \
	} while (0)

/* Why the module did not load: load() may run on the preload thread,
 * which must not write to stderr's JSON log beside the main loop, so the
 * reason waits here and media_open() reports it on the caller's thread. */
static char tried[PATH_MAX + 64];
static char load_err[PATH_MAX + 256];

static void load(void)
{
	const char *missing = NULL;
	void *h = open_module(tried, sizeof tried);

	if (!h) {
		snprintf(load_err, sizeof load_err,
			 _("cannot load the media module (%s); slides show, "
			   "films and narration do not: reinstall Veiviser"),
			 dlerror());
		return;
	}
	RESOLVE(open, "media_open");
	RESOLVE(free, "media_free");
	RESOLVE(state, "media_state");
	RESOLVE(get_info, "media_get_info");
	RESOLVE(error, "media_error");
	RESOLVE(damage, "media_damage");
	RESOLVE(video_peek, "media_video_peek");
	RESOLVE(video_pop, "media_video_pop");
	RESOLVE(video_done, "media_video_done");
	RESOLVE(audio_read, "media_audio_read");
	RESOLVE(audio_next_pts, "media_audio_next_pts");
	RESOLVE(audio_available, "media_audio_available");
	RESOLVE(audio_done, "media_audio_done");
	RESOLVE(seek, "media_seek");
	RESOLVE(set_video_box, "media_set_video_box");
	RESOLVE(frame_to_bgra, "media_frame_to_bgra");
	RESOLVE(set_clock, "media_set_clock");
	RESOLVE(video_skipped, "media_video_skipped");
	RESOLVE(progress, "media_progress");
	RESOLVE(wait, "media_wait");
	if (missing) {
		snprintf(load_err, sizeof load_err,
			 _("the media module lacks %s; it is from another "
			   "version: reinstall Veiviser"), missing);
		dlclose(h);
		return;
	}
	loaded = 1;  /* the module stays loaded until the program ends */
}

static void *preload(void *unused)
{
	(void)unused;
	pthread_once(&once, load);
	return NULL;
}

void media_dl_preload(void)
{
	static int started;
	pthread_attr_t attr;
	pthread_t t;

	if (started)
		return;
	started = 1;
	/* Without a thread, the first media_open() loads it. */
	if (pthread_attr_init(&attr) != 0)
		return;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_create(&t, &attr, preload, NULL);
	pthread_attr_destroy(&attr);
}

enum vv_err media_open(const struct media_open_args *args, struct media **out)
{
	static int reported;

	*out = NULL;
	pthread_once(&once, load);
	if (!loaded) {
		if (!reported)
			vv_error(tried, 0, "%s", load_err);
		reported = 1;
		return VV_ERR_MEDIA;
	}
	return fn.open(args, out);
}

/* Every other call has a media from media_open(), so the module is
 * loaded; media_free(NULL) is a no-op as the module's is. */
void media_free(struct media *m)
{
	if (m)
		fn.free(m);
}

enum media_state media_state(struct media *m)
{
	return fn.state(m);
}

void media_get_info(struct media *m, struct media_info *info)
{
	fn.get_info(m, info);
}

const char *media_error(struct media *m)
{
	return fn.error(m);
}

unsigned media_damage(struct media *m)
{
	return fn.damage(m);
}

const struct media_frame *media_video_peek(struct media *m, int i)
{
	return fn.video_peek(m, i);
}

void media_video_pop(struct media *m)
{
	fn.video_pop(m);
}

int media_video_done(struct media *m)
{
	return fn.video_done(m);
}

int media_audio_read(struct media *m, float *out, int frames, double *pts)
{
	return fn.audio_read(m, out, frames, pts);
}

int media_audio_next_pts(struct media *m, double *pts)
{
	return fn.audio_next_pts(m, pts);
}

int media_audio_available(struct media *m)
{
	return fn.audio_available(m);
}

int media_audio_done(struct media *m)
{
	return fn.audio_done(m);
}

void media_seek(struct media *m, double seconds)
{
	fn.seek(m, seconds);
}

void media_set_video_box(struct media *m, int w, int h, int smooth)
{
	fn.set_video_box(m, w, h, smooth);
}

int media_frame_to_bgra(struct media *m, const struct media_frame *f,
			uint8_t *dst, int pitch)
{
	return fn.frame_to_bgra(m, f, dst, pitch);
}

void media_set_clock(struct media *m, double clock)
{
	fn.set_clock(m, clock);
}

unsigned media_video_skipped(struct media *m)
{
	return fn.video_skipped(m);
}

uint64_t media_progress(struct media *m)
{
	return fn.progress(m);
}

void media_wait(struct media *m, double timeout)
{
	fn.wait(m, timeout);
}
