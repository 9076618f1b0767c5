/* veiviser-play: plays bundles on a kiosk (default) or a group screen.
 * The main loop feeds input (SDL or a --script) and clock ticks into the
 * core's state machine, starts and stops media on its effects, and draws
 * the ui. Headless runs use a virtual clock that advances 1/30 s per frame,
 * so a script replays identically every time. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "common/args.h"
#include "common/i18n.h"
#include "common/lang.h"
#include "common/sign.h"
#include "common/syncstatus.h"
#include "player/core/clock.h"
#include "player/core/jsonlog.h"
#include "player/core/keys.h"
#include "player/core/library.h"
#include "player/core/nav.h"
#include "player/core/script.h"
#include "player/core/sdnotify.h"
#include "player/core/trust.h"
#include "player/core/site.h"
#include "player/core/uilang.h"
#include "player/core/rescan.h"
#include "player/core/task.h"
#include "player/core/watch.h"
#include "player/core/watch_setup.h"
#include "player/mediadl/media_dl.h"
#include "player/out/av.h"
#include "player/out/out.h"
#include "player/text/text.h"
#include "player/ui/group.h"
#include "player/ui/linked.h"
#include "player/ui/ui.h"

#ifndef VV_VERSION
#define VV_VERSION "0"
#endif

/* Headless frame step: 30 frames a second of virtual time. */
#define HEADLESS_STEP (1.0 / 30.0)
/* While a film loads or plays, the loop looks this often whether a frame
 * is due; otherwise it sleeps until an input, the screen's next change
 * (ui_next_change()), or at most IDLE_TICK, which is what the idle timer,
 * narration and the watchdogs need. */
#define BUSY_TICK (1.0 / 60.0)
#define IDLE_TICK 0.1
#define MAX_PATHS 256
/* Seconds without a new change in the bundle folders before the kiosk,
 * on its attract screen, rescans them: an updater installs a set of
 * bundles one rename at a time. */
#define RESCAN_SETTLE 1.0
/* Seconds between tries to watch the PATHs again after one went away (a
 * USB stick pulled out, a folder replaced), and between looks whether
 * they still lead to the watched folders (watch_check(), on a thread of
 * its own). */
#define REWATCH_PERIOD 2.0
/* How long a kiosk's start waits for the first scan of its library
 * (seconds) before it opens its screen without it: first_scan(). */
#define FIRST_SCAN_WAIT 3.0
/* How long a headless player at virtual time waits for a file read on a
 * thread (the sync status) before its clock goes on (seconds). */
#define HEADLESS_TASK_WAIT 2.0
/* Seconds after a screen change in which a tap is not a choice. */
#define TAP_GUARD 0.3
/* s: the staff overlay closes by itself this long after its last key */
#define OPERATOR_TIMEOUT 120.0
/* The idle question on the language picker speaks every language's
 * prompt in turn; it stays up until the last has ended plus this long,
 * for the participant to answer... */
#define IDLE_ANSWER 5.0
/* ... allowing this much for each prompt to start (a frame, the audio
 * device's buffer), and this long for a prompt of unknown duration. */
#define IDLE_PROMPT_SLACK 0.25
#define IDLE_PROMPT_GUESS 5.0

struct options {
	enum nav_mode mode;
	int headless;
	int no_render;          /* --no-render: headless, nothing drawn */
	int width, height;      /* --window; 0: fullscreen */
	const char *lang, *level;
	const char *script, *screenshot_dir, *log_json;
	double exit_after;      /* < 0: never */
	double idle_timeout, idle_countdown;
	const char *exit_chord;
	/* --group */
	enum group_console console;
	const char *console_lang, *captions, *session_dir;
	long participants;      /* -1: asked at the end */
	double planned;         /* --planned, in seconds; 0: none */
	/* --group --host / --follow: linked rooms (player/ui/linked) */
	const char *link_host, *link_follow, *broker, *broker_ca,
		   *broker_config, *room;
	int copresenter;        /* --co-presenter, with --host */
	const char *site;       /* --site; NULL: SITE_DEFAULT_PATH if there */
	const char *trust_dir;  /* --trust; NULL: LIBRARY_KEYS_DIR if there */
	const char *sync_status; /* --sync-status; NULL: the first folder's */
	const char *paths[MAX_PATHS];
	int n_paths;
};

struct player {
	struct options opt;
	struct clock *clock;
	struct jsonlog *log;
	struct library *lib;
	struct trust *trust;    /* verified-bundle records */
	struct out *out;
	struct text_engine *text;
	struct av_out *av;
	struct av_sequence *seq;  /* video items (player/out/av) */
	struct nav *nav;
	struct ui *ui;
	struct group *group;    /* --group only */
	struct linked *linked;  /* --host or --follow only */
	struct script *script;
	struct site *site;      /* local details for {placeholders} */
	struct sign_keyring keys; /* trusted signers; none: origin unchecked */
	struct sdnotify *notify; /* systemd: READY, watchdog; NULL without */
	struct watch *watch;    /* the bundle folders (kiosk); NULL: none */
	int lib_stale;          /* the folders changed since the last scan */
	double lib_stale_at;    /* clock time of the last such change */
	int rewatch;            /* a watched folder went away */
	double rewatch_at;      /* clock time of the next try to watch */
	double watch_check_at;  /* clock time of the next watch_check() */
	int check_waiting;      /* its look was still running at the last
	                         * one (watch_check_waiting logged) */
	/* Work on the bundle folders that runs on a thread of its own,
	 * since a folder on a network share that stopped answering blocks
	 * it: a watch being made (at start, or anew), and a rescan. */
	struct watch_setup *watch_setup; /* NULL: none */
	int watch_setup_first;  /* it is the first (setup_watch()) */
	int watch_setup_waiting; /* it ran REWATCH_PERIOD (logged) */
	struct rescan *rescan;  /* NULL: none running or not taken */
	int rescan_waiting;     /* it ran REWATCH_PERIOD (logged) */
	int not_answering;      /* the staff overlay says so */
	struct task *sync_read; /* the status file's read; NULL: none */
	int sync_again;         /* read it again after that one */
	char sync_status[4096]; /* veiviser-sync's status file, or "" */
	struct keys_chord chord;
	struct keys_chord operator_chord;
	double operator_key_at;  /* the staff overlay's last key (or open) */
	double wall_start;      /* clock_wall() at main() */
	double input_wall;      /* wall time of the last input not yet shown,
	                         * or 0 */
	double input_cpu;       /* thread CPU time at that input */
	int quit;
	double tap_guard_until; /* clock time before which taps are not
	                         * choices (a screen just changed) */
	int targets_stale;      /* the screen changed and is not drawn yet:
	                         * the ui's touch targets are the old
	                         * screen's */
	int input_held;         /* group: the slide changed this turn; the
	                         * inputs after it wait for the next turn,
	                         * when the new slide has been laid out */
	int hidden_seen;        /* the room was black or white (group), or
	                         * under the staff overlay (kiosk), at the
	                         * last turn */
	int media_held;         /* hiding it paused the film and narration;
	                         * showing it again plays them */
	int dirty;              /* something changed: draw the next frame */
	int verify_done;        /* background verification all collected */
	int lib_changed;        /* a bundle was dropped: tell the nav */
	double wake;            /* clock time the screen changes by itself */
	double tick;            /* clock time of the last loop turn */
	int frames;
	int logged_screen, logged_item, logged_paused, logged_first;
	int end_spoken;          /* the end screen's prompt was played */
	/* the idle question's prompt was played (from this bundle's
	 * member), the narration it interrupted held under it */
	const struct bundle_member *idle_spoken;
	/* on the language picker's question: the next language whose
	 * prompt is spoken when the one before has ended */
	size_t idle_next_lang;
	int errors;
	char paths[2048];       /* the PATH arguments, for the operator */
	/* Steady frames (not the first after a change) per screen, for the
	 * benchmark: count, total and worst drawing time in seconds. */
	long steady_n[NAV_SCREEN_END + 1];
	double steady_sum[NAV_SCREEN_END + 1];
	double steady_max[NAV_SCREEN_END + 1];
	double steady_cpu[NAV_SCREEN_END + 1];
};

static void usage(FILE *to)
{
	fprintf(to, "%s", _(
"Usage: veiviser-play [OPTIONS] PATH...\n"
"Plays Veiviser bundles. PATH is a bundle (.vvb) or a folder of bundles.\n"
"\n"
"  --kiosk              self-service kiosk (default): attract screen,\n"
"                       language and level pickers, idle reset\n"
"  --group              facilitator-driven group screen\n"
"  --window WxH         windowed, e.g. 1280x720 (default: fullscreen)\n"
"  --lang L             start in language L, skipping the language picker\n"
"  --level X            start at level X, skipping the level picker\n"
"  --headless           no display or audio device (tests, benchmarks);\n"
"                       1920x1080 unless --window; virtual clock\n"
"  --script FILE        replay timed input: \"0.50 key Right\",\n"
"                       \"1.2 tap 960 540\", \"2.0 screenshot NAME\", "
"\"3 quit\"\n"
"  --screenshot-dir DIR where screenshot events write NAME.png\n"
"  --log-json FILE      one JSON object a line (\"-\": stderr)\n"
"  --exit-after SECONDS leave after this much (player clock) time\n"
"  --idle-timeout SECONDS  kiosk: ask \"are you still there?\" after this\n"
"                       long without input (default 90)\n"
"  --exit-chord CHORD   the only way to leave a kiosk (default\n"
"                       ctrl+alt+q; also $VV_EXIT_CHORD); ctrl+alt+o\n"
"                       shows what is loaded and what was skipped\n"
"  --console MODE       group: presenter console on a second display or\n"
"                       window (auto, the default), a window (window),\n"
"                       an overlay on the one screen (single), or off\n"
"  --console-lang L     the staff's language (default nb): the group\n"
"                       console's script, labels and dialogs, and the\n"
"                       kiosk's staff overlay (ctrl+alt+o)\n"
"  --captions L         group: each slide also in language L, under it\n"
"  --participants N     group: the count for the session record (else\n"
"                       asked at the end)\n"
"  --session-dir DIR    group: where session records go (default\n"
"                       $XDG_STATE_HOME/veiviser/sessions)\n"));
	/* the paths are arguments, so that the message is whole in the
	 * catalogues (a macro inside _() cuts xgettext's msgid) */
	fprintf(to, _(
"  --site FILE          local details (centre_phone = ...) for the texts'\n"
"                       {placeholders} (default %s)\n"
"  --trust DIR          play only bundles signed by a key in DIR (*.pub,\n"
"                       minisign format; default %s;\n"
"                       no keys there: origin is not checked)\n"),
		SITE_DEFAULT_PATH, LIBRARY_KEYS_DIR);
	fprintf(to, "%s", _(
"  --planned MINUTES    group: the session's planned length; the console\n"
"                       counts down, amber near the end, red when over\n"
"                       (t pauses and resumes the timer, z resets it,\n"
"                       + and - size the script)\n"));
	/* its own message, so the catalogues' translations of the others
	 * stay valid */
	fprintf(to, "%s", _(
"  --host SESSION       group: lead linked rooms through --broker\n"
"  --follow SESSION     group: this room follows SESSION's host\n"
"  --broker URL         linked rooms: mqtt://HOST[:PORT] or mqtts://...\n"
"  --broker-ca FILE     linked rooms: CA file for mqtts://\n"
"  --broker-config FILE linked rooms: username, password, cafile lines\n"
"                       (also $VEIVISER_MQTT_CONFIG; credentials never\n"
"                       on the command line)\n"
"  --room NAME          linked rooms: this room's name (default: the\n"
"                       broker username)\n"));
	fprintf(to, "%s", _(
"  --no-render          with --headless: draw nothing (many linked rooms\n"
"                       on one machine, for a benchmark)\n"));
	fprintf(to, "%s", _(
"  --sync-status FILE   kiosk: the status file of veiviser-sync that the\n"
"                       staff overlay shows (default: .veiviser-sync.json\n"
"                       in the first PATH that is a folder)\n"));
	fprintf(to, "%s", _(
"  --co-presenter       with --host: a second presenter (such as NAV), who\n"
"                       drives the rooms only while the host has handed\n"
"                       it the control (F6 on the host's side)\n"));
	/* last, after every option */
	fprintf(to, "%s", _(
"  --help, --version\n"
"\n"
"Environment: VV_LOCALEDIR (interface translations), VV_FONT_DIR (fonts).\n"));
}

static int parse_size(const char *s, int *w, int *h)
{
	char x;

	return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') &&
	       *w >= 160 && *h >= 120 && *w <= 16384 && *h <= 16384;
}

static int parse_seconds(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return !errno && end != s && !*end && *v >= 0 && *v < 1e7;
}

/* Long options; none has a short form but -h. */
enum {
	OPT_KIOSK = 256, OPT_GROUP, OPT_HEADLESS, OPT_WINDOW, OPT_LANG,
	OPT_LEVEL, OPT_SCRIPT, OPT_SCREENSHOT_DIR, OPT_LOG_JSON, OPT_SITE,
	OPT_EXIT_AFTER, OPT_IDLE_TIMEOUT, OPT_EXIT_CHORD, OPT_CONSOLE,
	OPT_CONSOLE_LANG, OPT_CAPTIONS, OPT_SESSION_DIR, OPT_PARTICIPANTS,
	OPT_PLANNED, OPT_VERSION, OPT_TRUST, OPT_HOST, OPT_FOLLOW, OPT_BROKER,
	OPT_BROKER_CA, OPT_BROKER_CONFIG, OPT_ROOM, OPT_NO_RENDER,
	OPT_SYNC_STATUS, OPT_CO_PRESENTER
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "kiosk", no_argument, NULL, OPT_KIOSK },
	{ "group", no_argument, NULL, OPT_GROUP },
	{ "headless", no_argument, NULL, OPT_HEADLESS },
	{ "no-render", no_argument, NULL, OPT_NO_RENDER },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "script", required_argument, NULL, OPT_SCRIPT },
	{ "screenshot-dir", required_argument, NULL, OPT_SCREENSHOT_DIR },
	{ "log-json", required_argument, NULL, OPT_LOG_JSON },
	{ "site", required_argument, NULL, OPT_SITE },
	{ "exit-after", required_argument, NULL, OPT_EXIT_AFTER },
	{ "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
	{ "exit-chord", required_argument, NULL, OPT_EXIT_CHORD },
	{ "console", required_argument, NULL, OPT_CONSOLE },
	{ "console-lang", required_argument, NULL, OPT_CONSOLE_LANG },
	{ "captions", required_argument, NULL, OPT_CAPTIONS },
	{ "session-dir", required_argument, NULL, OPT_SESSION_DIR },
	{ "participants", required_argument, NULL, OPT_PARTICIPANTS },
	{ "planned", required_argument, NULL, OPT_PLANNED },
	{ "trust", required_argument, NULL, OPT_TRUST },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "follow", required_argument, NULL, OPT_FOLLOW },
	{ "broker", required_argument, NULL, OPT_BROKER },
	{ "broker-ca", required_argument, NULL, OPT_BROKER_CA },
	{ "broker-config", required_argument, NULL, OPT_BROKER_CONFIG },
	{ "room", required_argument, NULL, OPT_ROOM },
	{ "sync-status", required_argument, NULL, OPT_SYNC_STATUS },
	{ "co-presenter", no_argument, NULL, OPT_CO_PRESENTER },
	{ NULL, 0, NULL, 0 }
};

/* The field of `o` that an option taking a string keeps as given, or NULL
 * for the other options. */
static const char **string_option(struct options *o, int c)
{
	switch (c) {
	case OPT_LANG: return &o->lang;
	case OPT_LEVEL: return &o->level;
	case OPT_SCRIPT: return &o->script;
	case OPT_SCREENSHOT_DIR: return &o->screenshot_dir;
	case OPT_LOG_JSON: return &o->log_json;
	case OPT_SITE: return &o->site;
	case OPT_TRUST: return &o->trust_dir;
	case OPT_EXIT_CHORD: return &o->exit_chord;
	case OPT_CONSOLE_LANG: return &o->console_lang;
	case OPT_CAPTIONS: return &o->captions;
	case OPT_SESSION_DIR: return &o->session_dir;
	case OPT_HOST: return &o->link_host;
	case OPT_FOLLOW: return &o->link_follow;
	case OPT_BROKER: return &o->broker;
	case OPT_BROKER_CA: return &o->broker_ca;
	case OPT_BROKER_CONFIG: return &o->broker_config;
	case OPT_ROOM: return &o->room;
	case OPT_SYNC_STATUS: return &o->sync_status;
	}
	return NULL;
}

/* Returns 0 to run, 1 to exit 0 (help, version), 2 on a usage error. */
static int parse_args(int argc, char **argv, struct options *o)
{
	int c, i;

	memset(o, 0, sizeof *o);
	o->mode = NAV_MODE_KIOSK;
	o->exit_after = -1;
	o->exit_chord = getenv("VV_EXIT_CHORD");
	o->participants = -1;
	args_begin();
	while ((c = args_next(argc, argv, "h", long_options,
			      "veiviser-play")) != -1) {
		const char *v = optarg;
		const char **field = string_option(o, c);

		if (field) {
			*field = v;
			continue;
		}
		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case OPT_VERSION:
			printf("veiviser-play %s\n", VV_VERSION);
			return 1;
		case OPT_KIOSK:
			o->mode = NAV_MODE_KIOSK;
			break;
		case OPT_GROUP:
			o->mode = NAV_MODE_GROUP;
			break;
		case OPT_CO_PRESENTER:
			o->copresenter = 1;
			break;
		case OPT_HEADLESS:
			o->headless = 1;
			break;
		case OPT_NO_RENDER:
			o->no_render = 1;
			break;
		case OPT_WINDOW:
			if (!parse_size(v, &o->width, &o->height)) {
				vv_error(NULL, 0, _("--window wants "
					 "WIDTHxHEIGHT, e.g. 1280x720, "
					 "not '%s'"), v);
				return 2;
			}
			break;
		case OPT_CONSOLE:
			if (!group_parse_console(v, &o->console)) {
				vv_error(NULL, 0, _("--console wants "
					 "auto, window, single or off, "
					 "not '%s'"), v);
				return 2;
			}
			break;
		case OPT_PLANNED: {
			double m;

			if (!parse_seconds(v, &m) || m > 24 * 60) {
				vv_error(NULL, 0, _("--planned wants the "
					 "session's length in minutes, not "
					 "'%s'"), v);
				return 2;
			}
			o->planned = m * 60;
			break;
		}
		case OPT_PARTICIPANTS: {
			char *end;

			errno = 0;
			o->participants = strtol(v, &end, 10);
			if (errno || end == v || *end || o->participants < 0 ||
			    o->participants > 10000) {
				vv_error(NULL, 0, _("--participants "
					 "wants a count from 0 to "
					 "10000, not '%s'"), v);
				return 2;
			}
			break;
		}
		case OPT_EXIT_AFTER:
		case OPT_IDLE_TIMEOUT: {
			double s;

			if (!parse_seconds(v, &s)) {
				vv_error(NULL, 0, _("%s wants a number "
					 "of seconds, not '%s'"),
					 c == OPT_EXIT_AFTER ? "--exit-after" :
					 "--idle-timeout", v);
				return 2;
			}
			if (c == OPT_EXIT_AFTER)
				o->exit_after = s;
			else
				o->idle_timeout = s;
			break;
		}
		default:        /* '?': args_next() said what is wrong */
			return 2;
		}
	}
	for (i = optind; i < argc; i++) {
		if (o->n_paths >= MAX_PATHS) {
			vv_error(NULL, 0, _("more than %d paths; give "
				 "a folder instead"), MAX_PATHS);
			return 2;
		}
		o->paths[o->n_paths++] = argv[i];
	}
	if (o->n_paths == 0) {
		vv_error(NULL, 0, _("no bundle or folder given; run "
			 "'veiviser-play --help'"));
		return 2;
	}
	if (o->no_render && !o->headless) {
		vv_error(NULL, 0, _("--no-render goes with --headless"));
		return 2;
	}
	if ((o->link_host || o->link_follow) &&
	    (o->mode != NAV_MODE_GROUP || !o->broker ||
	     (o->link_host && o->link_follow))) {
		vv_error(NULL, 0, _("linked rooms: give --group with either "
			 "--host SESSION or --follow SESSION, and --broker "
			 "URL"));
		return 2;
	}
	if (o->copresenter && !o->link_host) {
		vv_error(NULL, 0, _("--co-presenter goes with --group --host "
			 "SESSION"));
		return 2;
	}
	return 0;
}

/* The last of SIGTERM, SIGINT or SIGHUP that arrived, or 0. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* SIGTERM (systemd, shutdown), SIGINT (Ctrl+C) and SIGHUP (the terminal
 * closed) end the player through the main loop, so a group session
 * writes its record. Installed after SDL's own handlers (which turn
 * SIGTERM and SIGINT into a close request that a kiosk ignores, and a
 * headless run never reads). No SA_RESTART: a sleep ends at once. */
static void catch_stop_signals(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* under nohup, SIGHUP stays ignored */
	if (sigaction(SIGHUP, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGHUP, &sa, NULL);
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGTERM: return "SIGTERM";
	case SIGINT: return "SIGINT";
	case SIGHUP: return "SIGHUP";
	}
	return "signal";
}

static void log_error_line(const char *line, void *user)
{
	struct player *p = user;

	p->errors++;
	jsonlog_begin(p->log, p->clock ? clock_now(p->clock) : 0, "error");
	jsonlog_str(p->log, "message", line);
	jsonlog_end(p->log);
}

static void log_av_event(const char *json, void *user)
{
	struct player *p = user;

	jsonlog_line(p->log, json);
}

static double now(const struct player *p)
{
	return clock_now(p->clock);
}

static void screenshot(struct player *p, const char *name)
{
	char path[4096];
	const char *dir = p->opt.screenshot_dir ? p->opt.screenshot_dir : ".";
	enum vv_err err;

	/* The frame shown right now, drawn again so it is complete. */
	av_sequence_frame_begin(p->seq);
	if (p->group)
		group_draw(p->group, p->nav, now(p));
	else
		ui_draw(p->ui, p->nav, now(p));
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	err = out_screenshot(p->out, path);
	if (p->group) {
		char cpath[4200];

		/* The presenter console's own screen, beside the room's. */
		snprintf(cpath, sizeof cpath, "%s/%s-console.png", dir, name);
		group_screenshot_console(p->group, cpath, now(p));
	}
	jsonlog_begin(p->log, now(p), "screenshot");
	jsonlog_str(p->log, "path", path);
	jsonlog_str(p->log, "screen", nav_screen_name(nav_screen(p->nav)));
	jsonlog_int(p->log, "item", (long)nav_item(p->nav));
	jsonlog_int(p->log, "paused", nav_paused(p->nav));
	/* where a slide's narration is: tests check it stands still while
	 * the room is blank */
	if (!av_narration_finished(p->av))
		jsonlog_num(p->log, "narration_pos",
			    av_narration_position(p->av, NULL));
	jsonlog_int(p->log, "missing_glyphs", ui_missing_glyphs(p->ui));
	/* frames drawn so far (not counting screenshots): two screenshots
	 * tell how often an unchanged screen was drawn between them */
	jsonlog_int(p->log, "frames", p->frames);
	jsonlog_int(p->log, "ok", err == VV_OK);
	jsonlog_end(p->log);
	/* What the frame holds, box by box: tests check overlaps on it. */
	ui_log_boxes(p->ui, p->log, now(p), "box");
}

/* Plays audio member pm of bundle b as narration. */
static void speak(struct player *p, const struct bundle *b,
		  const struct bundle_member *pm)
{
	struct av_member m;

	m.path = b->path;
	m.has_fd = b->fd >= 0;
	m.fd = b->fd;
	m.sha256 = b->members_checked ? NULL : pm->sha256;
	m.offset = pm->offset;
	m.size = pm->size;
	m.name = pm->name;
	av_narration_play(p->av, &m);
}

/* Plays the spoken prompt of the picker button the input picks, when
 * its bundle has one: the language's "continue in <language>" (from any
 * bundle of that language) or the level's label. Logs a "prompt" event.
 * The flow goes on as without a prompt; narration of the first slide
 * replaces a prompt still playing. */
static void play_prompt(struct player *p, enum nav_screen s,
			enum nav_input in, long arg)
{
	const struct bundle_member *pm = NULL;
	const struct bundle *b = NULL, *c;
	long lang = -1;
	size_t i, n;

	if (arg < 0)
		return;
	if (in == NAV_IN_PICK_LANG && (s == NAV_SCREEN_LANGUAGE ||
	    (s == NAV_SCREEN_ATTRACT && nav_language_choice(p->nav))) &&
	    (size_t)arg < library_n_langs(p->lib)) {
		lang = arg;
		n = library_n_levels(p->lib, (size_t)lang);
		for (i = 0; i < n && !pm; i++) {
			c = library_bundle(p->lib, (size_t)lang, i);
			if (c && c->language_prompt) {
				b = c;
				pm = c->language_prompt;
			}
		}
	} else if (in == NAV_IN_PICK_LEVEL && s == NAV_SCREEN_LEVEL &&
		   nav_lang(p->nav) >= 0) {
		lang = nav_lang(p->nav);
		if ((size_t)arg < library_n_levels(p->lib, (size_t)lang))
			b = library_bundle(p->lib, (size_t)lang, (size_t)arg);
		pm = b ? b->level_prompt : NULL;
	}
	if (!pm)
		return;
	jsonlog_begin(p->log, now(p), "prompt");
	jsonlog_str(p->log, "lang", library_lang(p->lib, (size_t)lang)->code);
	if (in == NAV_IN_PICK_LEVEL)
		jsonlog_str(p->log, "level", b->level_id);
	jsonlog_str(p->log, "member", pm->name);
	jsonlog_end(p->log);
	speak(p, b, pm);
}

/* Once each time the end screen appears: its spoken prompt ("again,
 * another language or home") from the bundle just played, when it has
 * one. Logged as a "prompt" event with screen "end". */
static void end_prompt(struct player *p)
{
	const struct bundle *b = nav_bundle(p->nav);

	if (nav_screen(p->nav) != NAV_SCREEN_END) {
		p->end_spoken = 0;
		return;
	}
	if (p->end_spoken || !b || !b->end_prompt)
		return;
	p->end_spoken = 1;
	jsonlog_begin(p->log, now(p), "prompt");
	jsonlog_str(p->log, "screen", "end");
	jsonlog_str(p->log, "lang", b->lang->code);
	jsonlog_str(p->log, "member", b->end_prompt->name);
	jsonlog_end(p->log);
	speak(p, b, b->end_prompt);
}

/* A bundle of language `lang` whose idle question's prompt ("are you
 * still there?") is there, or NULL. */
static const struct bundle *lang_idle_bundle(const struct player *p,
					     size_t lang)
{
	const struct bundle *c;
	size_t i, n = library_n_levels(p->lib, lang);

	for (i = 0; i < n; i++) {
		c = library_bundle(p->lib, lang, i);
		if (c && c->idle_prompt)
			return c;
	}
	return NULL;
}

/* Tells the nav how long the idle question must stay up on the language
 * picker: long enough to speak each language's prompt once, one after
 * the other (idle_prompt()), and then to answer. Call it whenever the
 * library changes. */
static void idle_language_countdown(struct player *p)
{
	size_t i, n = library_n_langs(p->lib), voiced = 0;
	double total = 0;

	for (i = 0; i < n; i++) {
		const struct bundle *c = lang_idle_bundle(p, i);
		double d;

		if (!c)
			continue;
		d = c->idle_prompt->duration;
		total += (d > 0 ? d : IDLE_PROMPT_GUESS) + IDLE_PROMPT_SLACK;
		voiced++;
	}
	/* whole seconds: the number shown counts down to the reset */
	nav_set_language_countdown(p->nav, voiced ?
				   ceil(total + IDLE_ANSWER) : 0);
}

/* Speaks the idle prompt of `b` as the question's (logged as a "prompt"
 * event with screen "idle"). */
static void idle_speak(struct player *p, const struct bundle *b)
{
	p->idle_spoken = b->idle_prompt;
	jsonlog_begin(p->log, now(p), "prompt");
	jsonlog_str(p->log, "screen", "idle");
	jsonlog_str(p->log, "lang", b->lang->code);
	jsonlog_str(p->log, "member", b->idle_prompt->name);
	jsonlog_end(p->log);
	speak(p, b, b->idle_prompt);
}

/* While the kiosk's idle question shows (call it on each turn of the
 * loop, and after the effects that paused the screen under it): its
 * spoken prompt, over the narration it interrupted, which is held (not
 * lost) meanwhile. Once, in the language chosen (from the bundle chosen,
 * or on the level picker any of its language); before a language is
 * chosen (the language picker), the participant's language is not known,
 * so each language that has a prompt speaks it in the picker's order, one
 * after the other, and the question there lasts until the last has
 * ended and a few seconds more (idle_language_countdown()). The
 * countdown runs on while it speaks: nav does not count media as
 * activity on the question. */
static void idle_prompt(struct player *p)
{
	const struct bundle *b = nav_bundle(p->nav), *c = NULL;
	int lang = nav_lang(p->nav);
	size_t n = library_n_langs(p->lib);

	if (nav_screen(p->nav) != NAV_SCREEN_IDLE)
		return;
	if (b || lang >= 0) {
		if (p->idle_spoken)
			return;
		c = b ? (b->idle_prompt ? b : NULL) :
			lang_idle_bundle(p, (size_t)lang);
		if (!c)
			return;
		av_narration_hold(p->av);
		idle_speak(p, c);
		return;
	}
	if (!p->idle_spoken)
		p->idle_next_lang = 0;
	else if (!av_narration_finished(p->av))
		return;
	while (!c && p->idle_next_lang < n)
		c = lang_idle_bundle(p, p->idle_next_lang++);
	if (!c)
		return;
	if (!p->idle_spoken)
		av_narration_hold(p->av);
	idle_speak(p, c);
}

/* When the idle question went (a tap, or the reset; before the effects
 * that resume the screen under it): stops its prompt and puts back the
 * narration it held. A prompt cut short logs "prompt_stop". */
static void idle_prompt_stop(struct player *p)
{
	if (!p->idle_spoken || nav_screen(p->nav) == NAV_SCREEN_IDLE)
		return;
	if (!av_narration_finished(p->av)) {
		jsonlog_begin(p->log, now(p), "prompt_stop");
		jsonlog_str(p->log, "screen", "idle");
		jsonlog_str(p->log, "member", p->idle_spoken->name);
		jsonlog_end(p->log);
	}
	p->idle_spoken = NULL;
	av_narration_restore(p->av);
}

static void feed(struct player *p, enum nav_input in, long arg,
		 const char *source)
{
	enum nav_screen s = nav_screen(p->nav);
	size_t item;

	/* Digits pick on the picker screens. */
	if (in == NAV_IN_JUMP && s == NAV_SCREEN_LANGUAGE)
		in = NAV_IN_PICK_LANG;
	else if (in == NAV_IN_JUMP && s == NAV_SCREEN_LEVEL)
		in = NAV_IN_PICK_LEVEL;
	if (!p->input_wall) {
		p->input_wall = clock_wall();
		p->input_cpu = clock_thread_cpu();
	}
	jsonlog_begin(p->log, now(p), "input");
	jsonlog_str(p->log, "source", source);
	jsonlog_str(p->log, "input", nav_input_name(in));
	jsonlog_int(p->log, "arg", arg);
	jsonlog_str(p->log, "screen", nav_screen_name(s));
	jsonlog_end(p->log);
	play_prompt(p, s, in, arg);
	item = nav_item(p->nav);
	nav_input(p->nav, in, arg, now(p));
	/* At once, not when the effects are applied: taps queued behind
	 * this one (a slow frame) must not land on the new screen. */
	if (nav_screen(p->nav) != s || nav_item(p->nav) != item) {
		p->tap_guard_until = now(p) + TAP_GUARD;
		p->targets_stale = 1;
		/* A clicker pressed twice fast: the second press is for the
		 * new slide, whose text pages are known once it is drawn.
		 * Taken now, it counted against the slide just left (Back
		 * then Next stayed back, the Next used as its page 2). */
		if (p->group)
			p->input_held = 1;
	}
}

static void load_sync_status(struct player *p);

/* Shows or hides the staff overlay; `reason` is logged when it is not
 * the chord ("timeout"). */
static void set_operator(struct player *p, int on, const char *reason)
{
	ui_set_operator(p->ui, on);
	if (on) {
		load_sync_status(p);
		p->operator_key_at = now(p);
	}
	p->dirty = 1;
	jsonlog_begin(p->log, now(p), "operator");
	jsonlog_int(p->log, "shown", on);
	if (reason)
		jsonlog_str(p->log, "reason", reason);
	/* What the screen tells the staff about the site file. */
	jsonlog_str(p->log, "site_missing", site_missing(p->site));
	/* and about a state folder that cannot be written */
	jsonlog_str(p->log, "state_unwritable", trust_unwritable(p->trust));
	jsonlog_end(p->log);
}

/* An overlay that staff forgot to close gives the kiosk back
 * OPERATOR_TIMEOUT after their last key: participants' taps do not reach
 * it, and a kiosk seldom has a keyboard. */
static void close_forgotten_operator(struct player *p)
{
	if (!p->group && ui_operator(p->ui) &&
	    now(p) - p->operator_key_at >= OPERATOR_TIMEOUT)
		set_operator(p, 0, "timeout");
}

static void handle_key(struct player *p, const char *key, unsigned mods)
{
	enum nav_input in;
	long arg;

	if (keys_chord_match(&p->chord, mods, key)) {
		jsonlog_begin(p->log, now(p), "admin_exit");
		jsonlog_end(p->log);
		p->quit = 1;
		return;
	}
	/* The staff's overlay is drawn by the kiosk's ui only. */
	if (!p->group && keys_chord_match(&p->operator_chord, mods, key)) {
		set_operator(p, !ui_operator(p->ui), NULL);
		return;
	}
	if (ui_operator(p->ui)) {
		/* the staff's screen: the kiosk waits underneath, and a
		 * key says that staff are still there */
		p->operator_key_at = now(p);
		return;
	}
	/* A linked room's question entry takes every key while it is open:
	 * typing never moves the slides nor seeks the film. */
	if (linked_typing(p->linked)) {
		linked_key(p->linked, key, now(p));
		out_text_input(p->out, linked_typing(p->linked));
		p->dirty = 1;
		return;
	}
	/* Ctrl, Alt and GUI chords are other programs' shortcuts (Ctrl+W
	 * closes a browser tab): in a group they neither blank nor move. */
	if (p->group && (mods & (KEYS_CTRL | KEYS_ALT | KEYS_GUI)))
		return;
	/* J/L seek 10 s, C toggles subtitles while a video plays; in group
	 * mode C hides the console overlay and S is the subtitles key. */
	/* a linked room's d, r and h; the host's handover; a presenter
	 * that does not drive keeps its keys from moving its screen
	 * (seeking too) */
	if (p->group && linked_key(p->linked, key, now(p))) {
		/* q: a room's question entry (text input on while open) */
		out_text_input(p->out, linked_typing(p->linked));
		p->dirty = 1;
		return;
	}
	if (!(p->group && strcasecmp(key, "c") == 0) &&
	    av_sequence_key(p->seq, key))
		return;
	if (p->group) {
		int subtitles = group_subtitles(p->group);

		/* A group key may change only the console or the windows
		 * (x swaps them): draw again, for scripted keys too, which
		 * come with no window event. */
		p->dirty = 1;
		if (group_key(p->group, p->nav, key, now(p), &in, &arg))
			feed(p, in, arg, "key");
		/* s: the facilitator's subtitles key reaches the video too. */
		if (group_subtitles(p->group) != subtitles)
			av_sequence_toggle_subtitles(p->seq);
		if (group_done(p->group))
			p->quit = 1;
		return;
	}
	if (keys_to_nav(key, p->opt.mode, &in, &arg))
		feed(p, in, arg, "key");
}

static void handle_tap(struct player *p, int x, int y)
{
	enum nav_input in = NAV_IN_WAKE;
	enum av_tap film = AV_TAP_NONE;
	long arg = 0;

	if (ui_operator(p->ui))
		return;
	/* A tap within TAP_GUARD of a screen change was aimed at the screen
	 * before (the second tap of a double tap on a language must not
	 * pick a level too). A tap ignored so extends the guard: a burst of
	 * fast taps moves one step, not through the whole pack. But the
	 * idle question ("are you still there?") is answered by any tap:
	 * one aimed at the slide as it appeared says someone is there, and
	 * goes back there, acting on nothing. Ignored, it let the countdown
	 * run on to the reset. */
	if (now(p) < p->tap_guard_until || p->targets_stale) {
		p->tap_guard_until = now(p) + TAP_GUARD;
		if (nav_screen(p->nav) == NAV_SCREEN_IDLE) {
			feed(p, NAV_IN_WAKE, 0, "tap");
			return;
		}
		jsonlog_begin(p->log, now(p), "input_ignored");
		jsonlog_str(p->log, "source", "tap");
		jsonlog_str(p->log, "screen",
			    nav_screen_name(nav_screen(p->nav)));
		jsonlog_end(p->log);
		return;
	}
	/* Seek and subtitle signs over a playing film: someone is there,
	 * and a whole frame follows, since subtitles shown or hidden move
	 * the film on a portrait screen. */
	if (nav_screen(p->nav) == NAV_SCREEN_SEQUENCE)
		film = av_sequence_tap(p->seq, x, y);
	if (film == AV_TAP_PICTURE) {
		/* the paused film's picture is its play sign */
		in = nav_paused(p->nav) ? NAV_IN_PAUSE : NAV_IN_WAKE;
		feed(p, in, arg, "tap");
	} else if (film != AV_TAP_NONE) {
		nav_touch(p->nav, now(p));
		p->dirty = 1;
	} else {
		if (!ui_hit(p->ui, x, y, &in, &arg))
			in = NAV_IN_WAKE;
		feed(p, in, arg, "tap");
	}
	/* A toggle (pause, the caption sign) tapped twice would undo
	 * itself: a bouncing finger, or a hand used to double-clicking,
	 * left the film playing. Its second tap is ignored as after a
	 * screen change. Seeks add up, tap after tap. */
	if (film == AV_TAP_TOGGLE || in == NAV_IN_PAUSE)
		p->tap_guard_until = now(p) + TAP_GUARD;
}

static void apply_effects(struct player *p);

static void poll_input(struct player *p, int wait_ms);

static void run_script(struct player *p)
{
	const struct script_event *e;

	while (p->script && !p->quit && !p->input_held &&
	       (e = script_next(p->script, now(p)))) {
		switch (e->kind) {
		case SCRIPT_KEY: {
			struct keys_chord c;

			if (keys_parse_chord(e->arg, &c) == VV_OK)
				handle_key(p, c.key, c.mods);
			break;
		}
		case SCRIPT_TAP:
			handle_tap(p, e->x, e->y);
			break;
		case SCRIPT_SCREENSHOT:
			/* Let the state settle first (effects of earlier
			 * events at the same time). */
			nav_tick(p->nav, now(p));
			apply_effects(p);
			screenshot(p, e->arg);
			break;
		case SCRIPT_TYPE:
			/* as a keyboard types: text input events, taken at
			 * once so later keys come after them */
			out_type_text(p->out, e->text);
			poll_input(p, 0);
			break;
		case SCRIPT_QUIT:
			p->quit = 1;
			break;
		case SCRIPT_HANG:
			/* Tests only: the main loop stops turning, as in a
			 * hung player, until a stop signal. */
			jsonlog_begin(p->log, now(p), "hang");
			jsonlog_end(p->log);
			while (!stop_signal) {
				struct timespec ts = { 0, 50000000L };

				nanosleep(&ts, NULL);
			}
			break;
		}
	}
}

static void play_narration(struct player *p)
{
	const struct bundle *b = nav_bundle(p->nav);
	const struct bundle_item *it = nav_current(p->nav);
	struct av_member m;

	av_narration_stop(p->av);
	if (!b || !it || it->kind != BUNDLE_SLIDE || !it->narration)
		return;
	m.path = b->path;
	m.has_fd = b->fd >= 0;
	m.fd = b->fd;
	m.sha256 = b->members_checked ? NULL : it->narration->sha256;
	m.offset = it->narration->offset;
	m.size = it->narration->size;
	m.name = it->narration->name;
	av_narration_play(p->av, &m);
}

/* Pauses (paused 1) or plays again (0) the narration and the film. */
static void media_pause(struct player *p, int paused)
{
	av_narration_pause(p->av, paused);
	av_sequence_pause(p->seq, paused);
}

/* A black or white room holds the film and the narration: the room
 * would hear what it cannot see, and miss that part. So does a kiosk
 * under the staff overlay, which waits underneath (its timers too, with
 * nav_set_held()): its film's sound ran on while the picture stood still,
 * and a narration ran out and moved the kiosk on unseen. When the room is
 * hidden, what plays is paused; when it is seen again, what was held
 * plays on from there, unless p paused it meanwhile (p while blank only
 * says whether it plays when shown). A new item's media play as always
 * (apply_effects() lets go of the hold). */
static void hold_while_hidden(struct player *p)
{
	int hidden = p->group ? group_blank(p->group) != FACILITATOR_SHOW :
				ui_operator(p->ui);

	if (hidden == p->hidden_seen)
		return;
	p->hidden_seen = hidden;
	if (!p->group)
		nav_set_held(p->nav, hidden);
	if (hidden && !nav_paused(p->nav)) {
		p->media_held = 1;
		media_pause(p, 1);
	} else if (!hidden && p->media_held) {
		p->media_held = 0;
		if (!nav_paused(p->nav))
			media_pause(p, 0);
	}
}

static void apply_effects(struct player *p)
{
	unsigned fx;
	int lang = nav_lang(p->nav);

	hold_while_hidden(p);
	fx = nav_take_effects(p->nav);
	if (!fx)
		return;
	p->dirty = 1;
	idle_prompt_stop(p);
	if (fx & NAV_FX_UILANG) {
		const char *code = lang >= 0 ?
				   library_lang(p->lib, (size_t)lang)->code :
				   NULL;

		uilang_set(code);
		jsonlog_begin(p->log, now(p), "uilang");
		jsonlog_str(p->log, "lang", code ? code : "default");
		/* What the interface now says, as a check for tests. */
		jsonlog_str(p->log, "sample", _("Are you still there?"));
		jsonlog_end(p->log);
	}
	/* the item's media start again (or stop): nothing is held */
	if (fx & (NAV_FX_STOP | NAV_FX_ITEM | NAV_FX_REPLAY))
		p->media_held = 0;
	if (fx & NAV_FX_STOP) {
		av_narration_stop(p->av);
		av_sequence_stop(p->seq);
	}
	if (fx & (NAV_FX_SCREEN | NAV_FX_ITEM)) {
		/* not the first screen: no tap was aimed at another */
		if (p->frames)
			p->tap_guard_until = now(p) + TAP_GUARD;
		p->targets_stale = 1;
		ui_changed(p->ui);
		jsonlog_begin(p->log, now(p), "screen");
		jsonlog_str(p->log, "name",
			    nav_screen_name(nav_screen(p->nav)));
		/* the idle question's seconds to the reset */
		if (nav_screen(p->nav) == NAV_SCREEN_IDLE)
			jsonlog_num(p->log, "countdown",
				    nav_idle_countdown(p->nav));
		if (lang >= 0)
			jsonlog_str(p->log, "lang",
				    library_lang(p->lib, (size_t)lang)->code);
		jsonlog_end(p->log);
	}
	if (fx & NAV_FX_ITEM) {
		const struct bundle_item *it = nav_current(p->nav);
		const struct bundle *b = nav_bundle(p->nav);

		jsonlog_begin(p->log, now(p), "item");
		jsonlog_str(p->log, "id", it ? it->id : NULL);
		jsonlog_int(p->log, "index", (long)nav_item(p->nav));
		jsonlog_str(p->log, "kind", it && it->kind == BUNDLE_VIDEO ?
			    "video" : "slide");
		jsonlog_str(p->log, "bundle", b ? b->path : NULL);
		jsonlog_num(p->log, "narration", it && it->narration ?
			    it->narration->duration : 0);
		jsonlog_end(p->log);
		play_narration(p);
		av_sequence_item(p->seq, b, nav_item(p->nav));
	} else if (fx & NAV_FX_REPLAY) {
		play_narration(p);
		av_sequence_replay(p->seq);
	}
	if (fx & NAV_FX_PAUSE)
		media_pause(p, 1);
	/* p on a blank room: the media play when it sees the slide */
	if ((fx & NAV_FX_RESUME) && p->hidden_seen)
		p->media_held = 1;
	else if (fx & NAV_FX_RESUME)
		media_pause(p, 0);
	if (fx & NAV_FX_RESET) {
		jsonlog_begin(p->log, now(p), "reset");
		jsonlog_end(p->log);
	}
	idle_prompt(p);
}

static long rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Draws a frame when the screen would look different from the last one:
 * after an input or a change of state, when a film's next picture is
 * due, or when the screen said it changes by itself now (an animation
 * step, a countdown tick). Otherwise nothing is drawn: a kiosk that shows
 * a still slide all day costs no CPU for it. */
static void frame(struct player *p)
{
	double t0 = clock_wall(), t1, c0 = clock_thread_cpu(), c1;
	enum nav_screen s = nav_screen(p->nav);
	int item = (int)nav_item(p->nav), paused = nav_paused(p->nav);
	int was_stale;

	end_prompt(p);
	idle_prompt(p);
	/* --no-render: the state moves on, nothing is drawn (many linked
	 * rooms on one machine in the benchmark); a script's screenshot
	 * still draws its frame */
	if (p->opt.no_render) {
		p->dirty = 0;
		p->wake = DBL_MAX;
		return;
	}
	if (!p->dirty && p->logged_first && !p->input_wall &&
	    (int)s == p->logged_screen && item == p->logged_item &&
	    paused == p->logged_paused && now(p) < p->wake) {
		if (s != NAV_SCREEN_SEQUENCE ||
		    !av_sequence_redraw_due(p->seq))
			return;
		/* only the film changed: on a software renderer, draw just
		 * the film over the last frame */
		if (!p->group && av_sequence_redraw_alone(p->seq)) {
			out_present(p->out);
			p->frames++;
			return;
		}
	}
	p->dirty = 0;
	was_stale = p->targets_stale;
	av_sequence_frame_begin(p->seq);
	if (p->group)
		group_draw(p->group, p->nav, now(p));
	else
		ui_draw(p->ui, p->nav, now(p));
	p->targets_stale = 0;
	p->wake = ui_next_change(p->ui);
	t1 = clock_wall();
	c1 = clock_thread_cpu();
	out_present(p->out);
	if (p->group)
		group_present(p->group);
	/* The guard runs from when the new screen can be seen: a slow
	 * frame (a loaded machine, a sanitizer build) must not use it up
	 * before anyone saw the screen the next tap would land on. */
	if (was_stale && p->frames && p->tap_guard_until < now(p) + TAP_GUARD)
		p->tap_guard_until = now(p) + TAP_GUARD;
	p->frames++;
	/* One "frame" line when what is shown changed, or after an input,
	 * so a kiosk that runs for weeks writes a small log. */
	if (!p->logged_first || (int)s != p->logged_screen ||
	    item != p->logged_item || paused != p->logged_paused ||
	    p->input_wall) {
		jsonlog_begin(p->log, now(p), "frame");
		jsonlog_str(p->log, "screen", nav_screen_name(s));
		jsonlog_int(p->log, "item", item);
		jsonlog_num(p->log, "draw_ms", (t1 - t0) * 1000);
		jsonlog_num(p->log, "draw_cpu_ms", (c1 - c0) * 1000);
		if (p->input_wall) {
			jsonlog_num(p->log, "input_to_frame_ms",
				    (t1 - p->input_wall) * 1000);
			jsonlog_num(p->log, "input_to_frame_cpu_ms",
				    (c1 - p->input_cpu) * 1000);
		}
		jsonlog_num(p->log, "wall_ms", (t1 - p->wall_start) * 1000);
		jsonlog_num(p->log, "proc_cpu_ms", clock_process_cpu() * 1000);
		jsonlog_int(p->log, "missing_glyphs",
			    ui_missing_glyphs(p->ui));
		if (ui_min_target(p->ui) > 0)  /* 9 mm at least */
			jsonlog_num(p->log, "min_target_mm",
				    ui_min_target(p->ui) * 9.0 /
				    out_mm(p->out, 9));
		jsonlog_int(p->log, "rss_kb", rss_kb());
		jsonlog_end(p->log);
		p->logged_first = 1;
		p->logged_screen = (int)s;
		p->logged_item = item;
		p->logged_paused = paused;
		p->input_wall = 0;
	} else {
		p->steady_n[s]++;
		p->steady_sum[s] += t1 - t0;
		p->steady_cpu[s] += c1 - c0;
		if (t1 - t0 > p->steady_max[s])
			p->steady_max[s] = t1 - t0;
	}
}

static void log_frame_stats(struct player *p)
{
	int s;

	for (s = 0; s <= NAV_SCREEN_END; s++) {
		if (!p->steady_n[s])
			continue;
		jsonlog_begin(p->log, now(p), "frame_stats");
		jsonlog_str(p->log, "screen",
			    nav_screen_name((enum nav_screen)s));
		jsonlog_int(p->log, "frames", p->steady_n[s]);
		jsonlog_num(p->log, "avg_ms",
			    p->steady_sum[s] * 1000 / (double)p->steady_n[s]);
		jsonlog_num(p->log, "max_ms", p->steady_max[s] * 1000);
		jsonlog_num(p->log, "avg_cpu_ms",
			    p->steady_cpu[s] * 1000 / (double)p->steady_n[s]);
		jsonlog_end(p->log);
	}
}

/* Handles every pending input; waits up to wait_ms for the first. */
static void poll_input(struct player *p, int wait_ms)
{
	struct out_event ev;

	for (; !p->quit && !p->input_held && out_poll(p->out, &ev, wait_ms);
	     wait_ms = 0) {
		/* Every input and window event may change what is shown
		 * (a group key that only blanks the room feeds nothing). */
		if (ev.kind != OUT_EV_NONE)
			p->dirty = 1;
		switch (ev.kind) {
		case OUT_EV_KEY:
			handle_key(p, ev.key, ev.mods);
			break;
		case OUT_EV_TAP:
			handle_tap(p, ev.x, ev.y);
			break;
		case OUT_EV_TEXT:
			linked_text(p->linked, ev.text);
			break;
		case OUT_EV_EDIT:
			linked_editing(p->linked, ev.text);
			break;
		case OUT_EV_DISPLAYS:
			if (p->group)
				group_displays_changed(p->group, now(p));
			break;
		case OUT_EV_CLOSE:
		{
			/* A kiosk cannot be closed; a developer's window
			 * can, and so can a group session (its record is
			 * written on the way out). */
			int ok = p->opt.width > 0 || p->group;

			jsonlog_begin(p->log, now(p), "close_request");
			jsonlog_int(p->log, "honoured", ok);
			jsonlog_end(p->log);
			if (ok)
				p->quit = 1;
			break;
		}
		default:
			break;
		}
	}
}

static enum vv_err fill_one(struct bundle *b, void *user)
{
	return site_fill_bundle(user, b);
}

/* Reads the trusted keys (--trust DIR, or the default folder when it is
 * there) and makes the library accept only bundles they signed; logs an
 * "origin" event. A --trust folder that is missing, or a bad key file,
 * stops the player after one line: a typing error must not turn the
 * check off. */
static enum vv_err load_keys(struct player *p)
{
	const char *dir = p->opt.trust_dir ? p->opt.trust_dir
					   : LIBRARY_KEYS_DIR;
	struct stat st;
	enum vv_err err;

	if (p->opt.trust_dir && stat(dir, &st) != 0) {
		vv_error(dir, 0, _("cannot read the trusted keys: %s; check "
				   "--trust"), strerror(errno));
		return VV_ERR_IO;
	}
	err = sign_keyring_load_dir(&p->keys, dir);
	if (err != VV_OK)
		return err;
	library_set_keys(p->lib, &p->keys);
	jsonlog_begin(p->log, now(p), "origin");
	jsonlog_str(p->log, "dir", dir);
	jsonlog_int(p->log, "keys", (long)p->keys.n);
	jsonlog_end(p->log);
	return VV_OK;
}

/* Reads the site file (--site, or the default path when it is there) and
 * fills the {placeholders} of every bundle's texts; logs a "site" event
 * and warns once about names without a value. Returns VV_OK, or an error
 * after one line (a bad or missing --site file: the staff must fix it). */
static enum vv_err fill_site(struct player *p)
{
	enum vv_err err;

	err = site_load(p->opt.site ? p->opt.site : SITE_DEFAULT_PATH,
			p->opt.site != NULL, &p->site);
	if (err == VV_OK)
		err = library_each(p->lib, fill_one, p->site);
	if (err != VV_OK)
		return err;
	jsonlog_begin(p->log, now(p), "site");
	jsonlog_str(p->log, "path", site_path(p->site));
	jsonlog_str(p->log, "missing", site_missing(p->site));
	jsonlog_end(p->log);
	if (site_missing(p->site)[0])
		vv_error(site_path(p->site)[0] ? site_path(p->site)
					       : SITE_DEFAULT_PATH, 0,
			 _("no value for %s; the texts show a neutral mark "
			   "there; add a line \"name = value\" for each"),
			 site_missing(p->site));
	return VV_OK;
}

/* A read of veiviser-sync's status file on a thread of its own
 * (load_sync_status()). */
struct sync_read {
	char path[4096];
	struct sync_status st;
	enum vv_err err;
};

static void sync_read_run(void *arg)
{
	struct sync_read *r = arg;

	r->err = sync_status_read(r->path, &r->st);
}

/* Reads veiviser-sync's status file (when the player knows one) for the
 * staff overlay, on a thread of its own: the file is in the library's
 * folder, which may be on a network share that stopped answering, and
 * staff opening the overlay must not freeze the screen. The result is
 * taken up by poll_sync_status(). A read asked for while one runs
 * follows it. */
static void load_sync_status(struct player *p)
{
	struct sync_read *r;

	if (!p->sync_status[0])
		return;
	if (p->sync_read) {
		p->sync_again = 1;
		return;
	}
	r = calloc(1, sizeof *r);
	if (!r)
		return;
	snprintf(r->path, sizeof r->path, "%s", p->sync_status);
	/* At virtual time (headless) the clock does not wait for the read:
	 * wait a bounded while here, so that the overlay drawn next shows
	 * the file, as a film's first picture is waited for. */
	if (task_start(sync_read_run, free, r, &p->sync_read) == VV_OK &&
	    clock_is_virtual(p->clock))
		task_wait(p->sync_read, HEADLESS_TASK_WAIT);
}

/* Shows the status file's read that ended on the staff overlay; logs a
 * "sync_status" event. */
static void poll_sync_status(struct player *p)
{
	const struct sync_read *r = task_collect(p->sync_read);

	if (!r)
		return;
	ui_set_sync_status(p->ui, r->path, r->err == VV_OK ? &r->st : NULL,
			   r->err);
	jsonlog_begin(p->log, now(p), "sync_status");
	jsonlog_str(p->log, "path", r->path);
	jsonlog_str(p->log, "read", vv_strerror(r->err));
	if (r->err == VV_OK) {
		jsonlog_int(p->log, "catalogue_version", r->st.version);
		jsonlog_str(p->log, "last_success", r->st.last_success);
		jsonlog_str(p->log, "last_error", r->st.last_error);
		jsonlog_num(p->log, "bytes", (double)r->st.bytes);
	}
	jsonlog_end(p->log);
	p->dirty = 1;
	task_free(p->sync_read);
	p->sync_read = NULL;
	if (p->sync_again) {
		p->sync_again = 0;
		load_sync_status(p);
	}
}

/* A kiosk watches its PATHs (inotify), so that bundles an updater adds
 * or removes reach the pickers at the next attract screen; and finds the
 * sync status file for the staff overlay (--sync-status, or the first
 * folder's). The watch is made on a thread of its own (watch_setup) and
 * taken up by poll_watch_setup(). */
static void setup_watch(struct player *p)
{
	if (watch_setup_start(p->opt.paths, p->opt.n_paths, 0,
			      &p->watch_setup) == VV_OK)
		p->watch_setup_first = 1;
}

/* Takes up the first watch: a folder that cannot be watched costs one
 * line (its new bundles show after a restart). */
static void first_watch_made(struct player *p,
			     const struct watch_setup_result *r)
{
	if (!p->opt.sync_status && r->first_dir >= 0)
		snprintf(p->sync_status, sizeof p->sync_status, "%s/%s",
			 p->opt.paths[r->first_dir], SYNC_STATUS_FILE);
	p->watch = r->watch;
	/* A PATH not there yet (the USB stick not in at start) is watched,
	 * and its bundles offered, once it appears (rewatch()). */
	if (r->missing && p->watch) {
		p->rewatch = 1;
		p->rewatch_at = now(p) + REWATCH_PERIOD;
	}
	if (p->opt.sync_status)
		snprintf(p->sync_status, sizeof p->sync_status, "%s",
			 p->opt.sync_status);
	jsonlog_begin(p->log, now(p), "watch");
	jsonlog_int(p->log, "paths", r->watched);
	jsonlog_str(p->log, "sync_status", p->sync_status);
	jsonlog_end(p->log);
	ui_set_watched(p->ui, r->watched > 0 || p->rewatch);
	load_sync_status(p);
}

/* Logs the library's note `n`: a "bundle_skipped" event, or for an
 * older version of a pack offered in a newer one, which is no fault, a
 * "bundle_replaced" event. */
static void log_note(struct player *p, const struct library_note *n)
{
	if (n->kind == LIBRARY_NOTE_REPLACED) {
		jsonlog_begin(p->log, now(p), "bundle_replaced");
		jsonlog_str(p->log, "path", n->path);
		jsonlog_str(p->log, "by_version", n->arg[0]);
		jsonlog_str(p->log, "by", n->arg[1]);
	} else {
		jsonlog_begin(p->log, now(p), "bundle_skipped");
		jsonlog_str(p->log, "path", n->path);
	}
	jsonlog_str(p->log, "message", n->message);
	jsonlog_end(p->log);
}

static void log_library(struct player *p, int reload)
{
	size_t i;

	for (i = 0; i < library_n_notes(p->lib); i++)
		log_note(p, library_note(p->lib, i));
	jsonlog_begin(p->log, now(p), "library");
	jsonlog_int(p->log, "bundles", (long)library_n_bundles(p->lib));
	jsonlog_int(p->log, "languages", (long)library_n_langs(p->lib));
	jsonlog_int(p->log, "skipped", (long)(library_n_notes(p->lib) -
					      library_n_replaced(p->lib)));
	jsonlog_int(p->log, "replaced", (long)library_n_replaced(p->lib));
	jsonlog_int(p->log, "verified", (long)library_n_verified(p->lib));
	jsonlog_int(p->log, "trusted", (long)library_n_trusted(p->lib));
	jsonlog_int(p->log, "unsigned", (long)library_n_unsigned(p->lib));
	jsonlog_int(p->log, "pending", (long)library_n_pending(p->lib));
	if (reload) {
		char codes[512];
		size_t len = 0;

		/* The languages the pickers now offer, for the tests. */
		codes[0] = '\0';
		for (i = 0; i < library_n_langs(p->lib) &&
			    len + 16 < sizeof codes; i++)
			len += (size_t)snprintf(codes + len, sizeof codes - len,
						"%s%s", i ? "," : "",
						library_lang(p->lib, i)->code);
		jsonlog_str(p->log, "langs", codes);
		jsonlog_int(p->log, "reload", 1);
	} else {
		jsonlog_num(p->log, "scan_ms",
			    (clock_wall() - p->wall_start) * 1000);
	}
	jsonlog_end(p->log);
}

static void report_verified(const struct bundle *b, const char *message,
			    void *user);

/* Starts scanning the PATHs again, on a thread of its own (rescan), as
 * at start: the trust records and keys apply (bundles the records know
 * are not hashed again; new ones are offered at once and hashed in the
 * background; unsigned or foreign ones are skipped with a note). Changes
 * seen from now on make the library stale again. */
static void start_rescan(struct player *p)
{
	struct rescan_config c;

	memset(&c, 0, sizeof c);
	c.paths = p->opt.paths;
	c.n_paths = p->opt.n_paths;
	c.trust = p->trust;
	c.keys = &p->keys;
	c.writing = watch_writing_list(p->watch, &c.n_writing);
	if (rescan_start(&c, &p->rescan) == VV_OK)
		p->lib_stale = 0;
}

/* Takes the library of the rescan that ended into *lib, with the
 * player's trust records and keys, and lets the rescan go. Returns VV_OK,
 * or the scan's error (*lib NULL). */
static enum vv_err take_rescan(struct player *p, struct library **lib)
{
	enum vv_err err = rescan_take(p->rescan, lib);

	rescan_free(p->rescan);
	p->rescan = NULL;
	if (err != VV_OK)
		return err;
	library_set_trust(*lib, p->trust);
	library_set_keys(*lib, &p->keys);
	return VV_OK;
}

/* Puts the library of the rescan that ended in place of the old one:
 * only on the attract or operator screen, where no participant uses a
 * bundle. Out of memory keeps the old library, and scans again. */
static void reload_library(struct player *p)
{
	struct library *lib = NULL, *old = p->lib;
	int fixed;

	if (take_rescan(p, &lib) != VV_OK)
		goto again;
	/* A prompt still speaking (the end screen's) reads the old
	 * bundle's file. */
	av_narration_stop(p->av);
	av_sequence_stop(p->seq);
	if (library_each(lib, fill_one, p->site) != VV_OK)
		goto again;
	/* What the old worker finished is recorded; it hashes no more. */
	library_stop_verify(old);
	library_poll(old, 0, report_verified, p);
	fixed = p->opt.lang ? library_find_lang(lib, p->opt.lang) : -1;
	if (nav_set_library(p->nav, lib, fixed, now(p)) != VV_OK)
		goto again;
	ui_set_library(p->ui, lib);
	p->lib = lib;
	library_free(old);
	idle_language_countdown(p);
	trust_save(p->trust);
	library_start_verify(lib);
	p->verify_done = 0;
	p->lib_changed = 0;
	/* lib_stale stays: a change seen during the scan scans again */
	log_library(p, 1);
	apply_effects(p);
	return;
again:
	library_free(lib);
	p->lib_stale = 1;
	p->lib_stale_at = now(p);
}

/* Watches the PATHs anew once they are all there again (a folder that
 * went away, e.g. a USB stick pulled out and put back, or a folder
 * replaced): the watch is made on a thread of its own (watch_setup),
 * and taken up by poll_watch_setup(). Quiet while a PATH is missing: it
 * tries again after REWATCH_PERIOD. */
static void rewatch(struct player *p)
{
	p->rewatch_at = now(p) + REWATCH_PERIOD;
	if (!p->watch_setup)
		watch_setup_start(p->opt.paths, p->opt.n_paths, 1,
				  &p->watch_setup);
}

/* Takes up a watch made anew by rewatch(); then rescans, for what
 * arrived meanwhile. None made: tried again later. */
static void watch_renewed(struct player *p,
			  const struct watch_setup_result *r)
{
	if (!r->watch) {
		p->rewatch_at = now(p) + REWATCH_PERIOD;
		return;
	}
	watch_free(p->watch);
	p->watch = r->watch;
	p->rewatch = 0;
	p->lib_stale = 1;
	p->lib_stale_at = now(p);
	jsonlog_begin(p->log, now(p), "watch");
	jsonlog_int(p->log, "paths", p->opt.n_paths);
	jsonlog_int(p->log, "renewed", 1);
	jsonlog_end(p->log);
}

/* The staff overlay says that the library folder is not answering
 * while a look, a watch's setup or a rescan waits on it. */
static void show_answering(struct player *p)
{
	int on = p->check_waiting || p->watch_setup_waiting ||
		 p->rescan_waiting;

	if (on != p->not_answering) {
		p->not_answering = on;
		ui_set_not_answering(p->ui, on);
		/* only the staff overlay says it: no frame for the others
		 * (a still slide draws none) */
		if (nav_screen(p->nav) == NAV_SCREEN_OPERATOR)
			p->dirty = 1;
	}
}

/* Logs `event` once when work on the folders on a thread of its own
 * (`age` seconds old, not `done`) still waits a period later: a call
 * blocked on a network share that stopped answering; and `answered`
 * when it ends after that. `*waiting` keeps what was logged. */
static void log_waiting(struct player *p, int done, double age,
			int *waiting, const char *event, const char *answered)
{
	if (!done && !*waiting && age >= REWATCH_PERIOD) {
		*waiting = 1;
		jsonlog_begin(p->log, now(p), event);
		jsonlog_str(p->log, "paths", p->paths);
		jsonlog_end(p->log);
	} else if (done && *waiting) {
		*waiting = 0;
		jsonlog_begin(p->log, now(p), answered);
		jsonlog_end(p->log);
	}
	show_answering(p);
}

/* Takes up a watch made on its thread, once made. */
static void poll_watch_setup(struct player *p)
{
	struct watch_setup_result r;
	int done = watch_setup_done(p->watch_setup);

	log_waiting(p, done, watch_setup_age(p->watch_setup),
		    &p->watch_setup_waiting, "watch_waiting",
		    "watch_answering");
	if (!done)
		return;
	watch_setup_take(p->watch_setup, &r);
	watch_setup_free(p->watch_setup);
	p->watch_setup = NULL;
	if (p->watch_setup_first)
		first_watch_made(p, &r);
	else
		watch_renewed(p, &r);
	p->watch_setup_first = 0;
}

/* Scans the PATHs again once they changed and settled, on the attract
 * or operator screen; a rescan that ended is taken up there (one that
 * ends under a participant waits for it). */
static void poll_rescan(struct player *p)
{
	int idle = nav_screen(p->nav) == NAV_SCREEN_ATTRACT ||
		   nav_screen(p->nav) == NAV_SCREEN_OPERATOR;

	if (!p->rescan && p->lib_stale && idle &&
	    now(p) - p->lib_stale_at >= RESCAN_SETTLE)
		start_rescan(p);
	if (!p->rescan)
		return;
	log_waiting(p, rescan_done(p->rescan), rescan_age(p->rescan),
		    &p->rescan_waiting, "library_waiting", "library_answering");
	if (rescan_done(p->rescan) && idle)
		reload_library(p);
}

/* Reads what changed in the watched folders: a change of bundles marks
 * the library stale (rescanned below at the attract screen, never under
 * a participant); a folder that went away is watched anew when it is
 * back; a new sync status is read. */
static void poll_watch(struct player *p)
{
	unsigned bits = watch_poll(p->watch);

	/* A USB stick pulled out or swapped sends the watch no event: look
	 * now and then whether the PATHs still lead to the watched
	 * folders. */
	if (!p->rewatch && now(p) >= p->watch_check_at) {
		int waiting = watch_checking(p->watch);

		/* The look runs on a thread of its own: one still running
		 * a period later is a stat() blocked on a network share
		 * that stopped answering. The screen goes on; say so once. */
		if (waiting && !p->check_waiting) {
			jsonlog_begin(p->log, now(p), "watch_check_waiting");
			jsonlog_end(p->log);
		}
		p->check_waiting = waiting;
		show_answering(p);
		p->watch_check_at = now(p) + REWATCH_PERIOD;
		bits |= watch_check(p->watch);
	}
	if ((bits & WATCH_LOST) && !p->rewatch) {
		p->rewatch = 1;
		p->rewatch_at = now(p) + RESCAN_SETTLE;
		jsonlog_begin(p->log, now(p), "watch_lost");
		jsonlog_end(p->log);
	}
	if (p->rewatch && now(p) >= p->rewatch_at)
		rewatch(p);
	if (p->watch_setup)
		poll_watch_setup(p);

	if (bits & (WATCH_BUNDLES | WATCH_LOST)) {
		if (!p->lib_stale) {
			jsonlog_begin(p->log, now(p), "library_changed");
			jsonlog_str(p->log, "screen",
				    nav_screen_name(nav_screen(p->nav)));
			jsonlog_end(p->log);
		}
		p->lib_stale = 1;
		p->lib_stale_at = now(p);
	}
	if (bits & WATCH_STATUS)
		load_sync_status(p);
	poll_rescan(p);
}

/* Resolves --lang and --level into library indexes; a bad value is
 * reported (stderr and log) and the picker is shown instead. */
static void resolve_start(struct player *p, struct nav_config *cfg)
{
	size_t i;
	int found = 0;

	cfg->fixed_lang = -1;
	cfg->fixed_level = NULL;
	if (p->opt.lang) {
		char known[512];

		if (!lang_find(p->opt.lang)) {
			lang_known_codes(known, sizeof known);
			vv_error(NULL, 0, _("unknown language code '%s' in "
				 "--lang; known codes: %s"), p->opt.lang,
				 known);
		} else if (p->rescan) {
			/* the library is not read yet: reload_library()
			 * fixes the language once it is */
		} else if ((cfg->fixed_lang = library_find_lang(p->lib,
					p->opt.lang)) < 0) {
			vv_error(NULL, 0, _("no bundle in the library is in "
				 "language '%s'; showing the language picker"),
				 p->opt.lang);
		}
	}
	/* A level not in the library shows the level picker (nav). */
	if (p->opt.level && p->rescan)
		cfg->fixed_level = p->opt.level;
	else if (p->opt.level) {
		for (i = 0; i < library_n_langs(p->lib); i++)
			if ((cfg->fixed_lang < 0 ||
			     (size_t)cfg->fixed_lang == i) &&
			    library_find_level(p->lib, i, p->opt.level) >= 0)
				found = 1;
		if (found)
			cfg->fixed_level = p->opt.level;
		else
			vv_error(NULL, 0, _("level '%s' is not in the library "
				 "for the chosen language; showing the level "
				 "picker"), p->opt.level);
	}
}

/* group_config's film_position hook. */
static double film_position(void *user, double *duration)
{
	return av_sequence_position(user, duration);
}

/* The linked rooms' network thread has news: end the loop's wait. */
static void link_woke(void *user)
{
	out_wake(user);
}

/* Scans the PATHs into p->lib, on a thread (rescan) as at the attract
 * screen: a library on a network share that does not answer blocks
 * every call on it. A kiosk waits FIRST_SCAN_WAIT seconds at most: it
 * booted before its file server, and blocked before its first frame its
 * service's watchdog would restart it again and again. It then starts
 * with no bundle, p->rescan still running, and takes its library up
 * when the scan ends (poll_rescan()). A group screen waits for it (the
 * session needs the bundles), and after FIRST_SCAN_WAIT says so on one
 * line to the facilitator at the terminal. Returns VV_OK, or an error
 * (out of memory). */
static enum vv_err first_scan(struct player *p)
{
	struct library *lib;
	const struct timespec tick = { 0, 2 * 1000 * 1000 };
	int kiosk = p->opt.mode == NAV_MODE_KIOSK, said = 0;
	enum vv_err err;

	start_rescan(p);
	if (!p->rescan)
		return VV_ERR_NOMEM;
	while (!rescan_done(p->rescan)) {
		if (rescan_age(p->rescan) >= FIRST_SCAN_WAIT && kiosk)
			return VV_OK;
		if (rescan_age(p->rescan) >= FIRST_SCAN_WAIT && !said++)
			vv_error(p->paths, 0, _("the library folder is not "
				 "answering; waiting for it (Ctrl+C stops)"));
		nanosleep(&tick, NULL);
	}
	if ((err = take_rescan(p, &lib)) != VV_OK)
		return err;
	library_free(p->lib);
	p->lib = lib;
	return VV_OK;
}

static int setup(struct player *p)
{
	struct out_config oc;
	struct ui_config uc;
	struct nav_config nc;
	struct av_config ac;
	char *paths = p->paths;
	int i;
	enum vv_err err;

	/* One malloc arena for every thread, set before the first one
	 * starts (the library's scan, its hashing): each arena keeps its
	 * own free pages, and the scan's alone cost 2 MB of resident
	 * memory for good. av_out_new() says why the decoders need it. */
	mallopt(M_ARENA_MAX, 1);
	if (keys_parse_chord(p->opt.exit_chord ? p->opt.exit_chord :
			     KEYS_DEFAULT_EXIT, &p->chord) != VV_OK) {
		vv_error(NULL, 0, _("'%s' is not a key chord; write it like "
			 "ctrl+alt+q"), p->opt.exit_chord);
		return 2;
	}
	/* VV_REAL_TIME=1: headless at real time (the video benchmark) */
	keys_parse_chord(KEYS_OPERATOR, &p->operator_chord);
	if (clock_new(p->opt.headless && !getenv("VV_REAL_TIME"),
		      &p->clock) != VV_OK)
		return 1;
	if (p->opt.log_json && jsonlog_open(p->opt.log_json, &p->log) != VV_OK)
		return 2;
	vv_error_set_hook(log_error_line, p);
	jsonlog_begin(p->log, 0, "start");
	jsonlog_str(p->log, "version", VV_VERSION);
	/* main()'s CLOCK_MONOTONIC time: a benchmark that noted the time of
	 * exec adds wall_ms of a frame to this to get exec to that frame */
	jsonlog_num(p->log, "main_mono_ms", p->wall_start * 1000);
	/* and the CLOCK_MONOTONIC time at which the player's clock ("t")
	 * was 0 (real clock only) */
	jsonlog_num(p->log, "clock_mono_ms", (clock_wall() - now(p)) * 1000);
	jsonlog_str(p->log, "mode", p->opt.mode == NAV_MODE_KIOSK ? "kiosk" :
		    "group");
	jsonlog_int(p->log, "headless", p->opt.headless);
	jsonlog_str(p->log, "locale_dir", uilang_dir());
	jsonlog_end(p->log);
	if (p->opt.script && script_load(p->opt.script, &p->script) != VV_OK)
		return 2;
	if (p->opt.screenshot_dir) {
		struct stat st;

		if (stat(p->opt.screenshot_dir, &st) != 0 &&
		    mkdir(p->opt.screenshot_dir, 0777) != 0) {
			vv_error(p->opt.screenshot_dir, 0, _("cannot create "
				 "the screenshot folder: %s"), strerror(errno));
			return 2;
		}
	}
	if (library_new(log_error_line, p, &p->lib) != VV_OK)
		return 1;
	{
		char tp[4096];

		/* A bundle verified whole at an earlier start is not hashed
		 * again while its file is the same one. */
		if (trust_open(trust_default_path(tp, sizeof tp),
			       &p->trust) != VV_OK)
			return 1;
		library_set_trust(p->lib, p->trust);
		/* Bundles without a record are offered at once and checked
		 * as they are read; a thread hashes them whole meanwhile. */
		library_set_background(p->lib, 1);
	}
	if (load_keys(p) != VV_OK)
		return 2;
	for (i = 0; i < p->opt.n_paths; i++) {
		if (strlen(paths) + strlen(p->opt.paths[i]) + 3 <
		    sizeof p->paths) {
			if (i)
				strcat(paths, ", ");
			strcat(paths, p->opt.paths[i]);
		}
	}
	if (first_scan(p) != VV_OK)
		return 1;
	/* An unwritable state folder only costs hashing again next time. */
	trust_save(p->trust);
	library_start_verify(p->lib);
	log_library(p, 0);
	if (p->rescan)
		vv_error(paths, 0, _("the library folder is not answering; "
			 "the kiosk starts when it answers"));
	else if (library_n_bundles(p->lib) == 0)
		vv_error(NULL, 0, _("no usable bundle in %s; the operator "
			 "screen says what to do"), paths);
	if (fill_site(p) != VV_OK)
		return 2;

	memset(&oc, 0, sizeof oc);
	oc.headless = p->opt.headless;
	oc.width = p->opt.width;
	oc.height = p->opt.height;
	oc.fullscreen = !p->opt.headless && p->opt.width == 0;
	oc.title = "Veiviser";
	if (out_new(&oc, &p->out) != VV_OK)
		return 1;
	/* Without fonts the player still runs: icons need none. */
	err = text_engine_new(out_renderer(p->out), getenv("VV_FONT_DIR"),
			      &p->text);
	if (err != VV_OK) {
		vv_error(NULL, 0, _("no text can be drawn (%s); the kiosk "
			 "shows icons only until the fonts are installed"),
			 _(vv_strerror(err)));
		p->text = NULL;
	}
	memset(&ac, 0, sizeof ac);
	ac.renderer = out_renderer(p->out);
	ac.text = p->text;
	ac.headless = p->opt.headless;
	ac.real_time = p->opt.headless && getenv("VV_REAL_TIME") != NULL;
	/* tests: every film takes this many seconds of the player's clock
	 * to load, so that a key can come while it loads */
	if (p->opt.headless && getenv("VV_TEST_FILM_LOAD"))
		ac.test_load_seconds = atof(getenv("VV_TEST_FILM_LOAD"));
	if (av_out_new(&ac, &p->av) != VV_OK)
		return 1;
	av_out_set_log(p->av, log_av_event, p);
	if (av_sequence_new(p->av, &p->seq) != VV_OK)
		return 1;

	memset(&nc, 0, sizeof nc);
	nc.mode = p->opt.mode;
	nc.idle_timeout = p->opt.idle_timeout;
	nc.idle_countdown = 15;
	nc.advance_gap = 1.0;
	/* Video items end when av_sequence_finished() says so. */
	nc.video_placeholder = 0;
	resolve_start(p, &nc);
	if (nav_new(p->lib, &nc, now(p), &p->nav) != VV_OK)
		return 1;
	idle_language_countdown(p);
	memset(&uc, 0, sizeof uc);
	uc.out = p->out;
	uc.text = p->text;
	uc.lib = p->lib;
	uc.log = p->log;
	uc.library_paths = paths;
	uc.staff_lang = p->opt.console_lang;
	uc.site_missing = site_missing(p->site);
	uc.site_path = p->opt.site ? p->opt.site : site_path(p->site);
	uc.trust_dir = p->opt.trust_dir ? p->opt.trust_dir : LIBRARY_KEYS_DIR;
	uc.trust_keys = p->keys.n;
	uc.records = p->trust;
	if (ui_new(&uc, &p->ui) != VV_OK)
		return 1;
	ui_set_video(p->ui, av_sequence_draw, av_sequence_subtitled,
		     av_sequence_aspect, p->seq);
	if (p->opt.mode == NAV_MODE_KIOSK)
		setup_watch(p);
	/* The room sees the film, not the seek and subtitle signs. */
	av_sequence_set_touch(p->seq, p->opt.mode != NAV_MODE_GROUP);
	if (p->opt.mode == NAV_MODE_GROUP) {
		struct group_config gc;

		memset(&gc, 0, sizeof gc);
		gc.out = p->out;
		gc.ui = p->ui;
		gc.text = p->text;
		gc.lib = p->lib;
		gc.log = p->log;
		gc.console = p->opt.console;
		gc.headless = p->opt.headless;
		gc.font_dir = getenv("VV_FONT_DIR");
		gc.console_lang = p->opt.console_lang;
		gc.captions = p->opt.captions;
		gc.participants = p->opt.participants;
		gc.planned = p->opt.planned;
		gc.film_position = film_position;
		gc.film_user = p->seq;
		gc.session_dir = p->opt.session_dir;
		if (group_new(&gc, &p->group) != VV_OK) {
			/* No second window: the console goes on the one
			 * screen rather than not at all. */
			gc.console = GROUP_CONSOLE_SINGLE;
			if (group_new(&gc, &p->group) != VV_OK)
				return 1;
		}
	}
	if (p->opt.link_host || p->opt.link_follow) {
		struct linked_config lc;

		memset(&lc, 0, sizeof lc);
		lc.host = p->opt.link_host != NULL;
		lc.copresenter = p->opt.copresenter;
		lc.session = lc.host ? p->opt.link_host : p->opt.link_follow;
		lc.url = p->opt.broker;
		lc.ca_file = p->opt.broker_ca;
		lc.config_file = p->opt.broker_config;
		lc.room = p->opt.room;
		lc.lang = p->opt.lang;
		lc.console_lang = p->opt.console_lang;
		lc.participants = p->opt.participants;
		lc.group = p->group;
		lc.session_dir = p->opt.session_dir;
		lc.log = p->log;
		/* a message wakes the loop at once, not at its next tick */
		lc.wake = link_woke;
		lc.wake_user = p->out;
		err = linked_new(&lc, &p->linked);
		if (err != VV_OK)
			return err == VV_ERR_NOMEM ? 1 : 2;
	}
	return 0;
}

static void report_verified(const struct bundle *b, const char *message,
			    void *user)
{
	struct player *p = user;

	jsonlog_begin(p->log, now(p), message ? "bundle_dropped" :
		      "bundle_verified");
	jsonlog_str(p->log, "path", b->path);
	if (message)
		jsonlog_str(p->log, "message", message);
	jsonlog_end(p->log);
	p->dirty = 1;
	if (message)
		p->lib_changed = 1;
}

/* Collects the background verification of the library: an intact bundle
 * is recorded; a damaged one is dropped from the pickers, and an intact
 * newer version of a pack offered in the older's place, but only on the
 * attract or operator screen, where no bundle is in use. */
static void poll_verify(struct player *p)
{
	enum nav_screen s;
	size_t i = library_n_notes(p->lib);

	if (p->verify_done)
		return;
	s = nav_screen(p->nav);
	/* A group session keeps its bundles: they are checked as read. */
	library_poll(p->lib, !p->group && (s == NAV_SCREEN_ATTRACT ||
		     s == NAV_SCREEN_OPERATOR), report_verified, p);
	for (; i < library_n_notes(p->lib); i++) {
		const struct library_note *n = library_note(p->lib, i);

		/* the dropped are logged by report_verified() */
		if (n->kind == LIBRARY_NOTE_REPLACED) {
			log_note(p, n);
			p->lib_changed = 1;
		}
	}
	if (p->lib_changed) {
		p->lib_changed = 0;
		nav_library_changed(p->nav, p->opt.lang ?
				    library_find_lang(p->lib, p->opt.lang) :
				    -1, now(p));
		idle_language_countdown(p);
		apply_effects(p);
	}
	if (library_n_pending(p->lib) == 0) {
		p->verify_done = 1;
		trust_save(p->trust);
	}
}

static void teardown(struct player *p)
{
	/* Work still blocked on a folder is left to its thread. */
	rescan_free(p->rescan);
	watch_setup_free(p->watch_setup);
	task_free(p->sync_read);
	watch_free(p->watch);
	linked_free(p->linked);
	group_free(p->group);
	ui_free(p->ui);
	nav_free(p->nav);
	av_sequence_free(p->seq);
	av_out_free(p->av);
	text_engine_free(p->text);
	out_free(p->out);
	script_free(p->script);
	library_free(p->lib);
	trust_free(p->trust);
	site_free(p->site);
	sign_keyring_clear(&p->keys);
	vv_error_set_hook(NULL, NULL);
	jsonlog_free(p->log);
	clock_free(p->clock);
}

/* Keeps the loop near one frame a `period` when nothing else does: a
 * windowed renderer without vsync (software, Xvfb), or a headless run
 * without a script. */
static void pace(struct player *p, double period)
{
	static double last;
	double t = clock_wall(), wait = period - (t - last);

	if (last > 0 && wait > 0) {
		struct timespec ts = { 0, (long)(wait * 1e9) };

		nanosleep(&ts, NULL);
	}
	last = clock_wall();
	(void)p;
}

/* How long the loop may sleep (ms, real clock) before its next turn. */
static int sleep_ms(struct player *p)
{
	double t = now(p), until = t + IDLE_TICK;

	if (av_sequence_busy(p->seq))
		until = p->tick + BUSY_TICK;
	if (p->wake < until)
		until = p->wake;
	if (p->script && script_next_time(p->script) >= 0 &&
	    script_next_time(p->script) < until)
		until = script_next_time(p->script);
	if (p->opt.exit_after >= 0 && p->opt.exit_after < until)
		until = p->opt.exit_after;
	/* the next watchdog ping is due (real seconds) */
	if (sdnotify_watchdog_due(p->notify, clock_wall()) >= 0 &&
	    t + sdnotify_watchdog_due(p->notify, clock_wall()) < until)
		until = t + sdnotify_watchdog_due(p->notify, clock_wall());
	if (until <= t)
		return 0;
	return (int)((until - t) * 1000 + 0.999);
}

int main(int argc, char **argv)
{
	struct player p;
	int rc;

	memset(&p, 0, sizeof p);
	p.wall_start = clock_wall();
	uilang_init();
	rc = parse_args(argc, argv, &p.opt);
	if (rc)
		return rc == 1 ? 0 : 2;
	rc = setup(&p);
	if (rc) {
		teardown(&p);
		return rc;
	}
	p.logged_screen = -1;
	p.dirty = 1;
	catch_stop_signals();
	/* Under systemd (Type=notify): the player is up, and from now on it
	 * proves it is alive by turning this loop (WatchdogSec=). */
	p.notify = sdnotify_open();
	sdnotify_send(p.notify, "READY=1");
	while (!p.quit) {
		int wait = 0;

		sdnotify_watchdog(p.notify, clock_wall());
		p.tick = now(&p);
		run_script(&p);
		if (p.quit)
			break;
		poll_input(&p, 0);
		if (stop_signal) {
			jsonlog_begin(p.log, now(&p), "signal");
			jsonlog_str(p.log, "name", signal_name(stop_signal));
			jsonlog_end(p.log);
			break;
		}
		/* Films, narration and prompts hold the idle timer. */
		nav_set_playing(p.nav, av_sequence_playing(p.seq) ||
				!av_narration_finished(p.av), now(&p));
		nav_tick(p.nav, now(&p));
		apply_effects(&p);
		if (p.linked) {
			enum nav_input in;
			long arg;
			int n;
			double dur, delta;

			/* a few inputs a turn at most: jump, then pause */
			for (n = 0; n < 4 && linked_tick(p.linked, p.nav,
					now(&p),
					av_sequence_position(p.seq, &dur),
					&in, &arg); n++) {
				feed(&p, in, arg, "link");
				apply_effects(&p);
				p.dirty = 1;
			}
			if (linked_changed(p.linked))
				p.dirty = 1;
			/* a room's film that drifted from the host's */
			if (linked_seek(p.linked, &delta)) {
				av_sequence_seek(p.seq, delta);
				p.dirty = 1;
			}
			if (linked_refused(p.linked)) {
				rc = 2;
				break;
			}
		}
		poll_verify(&p);
		close_forgotten_operator(&p);
		/* a kiosk's, once its watch is made or being made */
		if (p.watch || p.watch_setup)
			poll_watch(&p);
		else if (p.rescan)  /* the first, on a share that hangs */
			poll_rescan(&p);
		poll_sync_status(&p);
		if (av_sequence_finished(p.seq)) {
			feed(&p, NAV_IN_ITEM_DONE, 0, "media");
			apply_effects(&p);
		}
		av_out_tick(p.av, now(&p));
		frame(&p);
		p.input_held = 0;  /* the slide change is drawn */
		if (p.opt.exit_after >= 0 && now(&p) >= p.opt.exit_after)
			p.quit = 1;
		if (p.script && script_done(p.script))
			p.quit = 1;
		if (clock_is_virtual(p.clock)) {
			clock_advance(p.clock, HEADLESS_STEP);
			/* Without a script nothing needs time to run fast: keep
			 * to the clock rather than spin a core. */
			if (!p.script)
				pace(&p, HEADLESS_STEP);
		} else if ((wait = sleep_ms(&p)) > 0) {
			/* Idle with the screen up: libav loads behind it,
			 * ready for the first narration or film (not for
			 * --no-render's many rooms on one machine: it loads
			 * at a first film, if any). */
			if (!p.opt.no_render)
				media_dl_preload();
			/* Sleep until an input (SDL_WaitEventTimeout), a
			 * linked room's message (out_wake()) or the next
			 * thing due; headless only the last two. */
			poll_input(&p, wait);
		}
	}
	sdnotify_send(p.notify, "STOPPING=1");
	sdnotify_free(p.notify);
	/* A session whose record was lost is not a clean exit. */
	if (p.group && !linked_refused(p.linked) &&
	    group_finish(p.group, now(&p)) != VV_OK)
		rc = 1;
	/* The host's webinar record, after a quit or SIGTERM/SIGHUP too. */
	if (p.linked && !linked_refused(p.linked)) {
		const char *record = NULL;

		if (linked_finish(p.linked, now(&p), &record) != VV_OK)
			rc = 1;
		else if (record)
			fprintf(stderr, "%s: %s\n", _("webinar record"), record);
	}
	/* What the worker finished is recorded; the rest is hashed again
	 * at the next start. */
	if (!p.verify_done) {
		library_stop_verify(p.lib);
		if (library_poll(p.lib, 0, report_verified, &p) == VV_OK)
			trust_save(p.trust);
	}
	log_frame_stats(&p);
	jsonlog_begin(p.log, now(&p), "exit");
	jsonlog_int(p.log, "frames", p.frames);
	jsonlog_int(p.log, "errors", p.errors);
	jsonlog_int(p.log, "rss_kb", rss_kb());
	jsonlog_int(p.log, "status", rc);
	jsonlog_end(p.log);
	teardown(&p);
	return rc;
}
