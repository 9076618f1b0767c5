/* link: linked rooms over libmosquitto; see link.h. */
#include "player/net/link.h"

#include <dlfcn.h>
#include <errno.h>
#include <mosquitto.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/i18n.h"

#define QUEUE_MAX 256
#define KEEPALIVE 5          /* s: the broker sends the will after 1.5x */
#define RETRY_EVERY 1.0      /* s between reconnection attempts */
#define CRED_MAX 256
#define LOOP_WAIT_MS 1000    /* the network thread's longest sleep */

/* The network thread runs libmosquitto's loop; the player's thread reads
 * the queue and publishes. `mu` guards everything below it. */
struct link {
	struct mosquitto *mosq;
	int host, copresenter;
	char session[LINK_TOKEN_MAX + 1];
	char name[LINK_TOKEN_MAX + 1];
	char hostname[256];
	int port;
	char ca[CRED_MAX];       /* mqtts://: the CA file, for the message */
	void (*wake)(void *user);
	void *wake_user;
	pthread_t thread;
	int thread_started;
	pthread_mutex_t mu;
	pthread_cond_t cond;     /* link_free() ends the wait between tries */
	int stop;
	int connected;
	int ever_tried;
	struct link_msg birth;
	int has_birth;
	struct link_msg queue[QUEUE_MAX];
	size_t head, count;
	unsigned long refused;
	char tls_error[256];     /* libmosquitto's last OpenSSL error line */
	int failed;              /* FAILED_*: retrying cannot help; give up */
	char user[CRED_MAX];     /* the login, for the refusal's line */
	char cred_file[512];     /* where its password came from; "": the
	                          * environment */
	int failed_told;
	unsigned long connections;
};

static int lib_users;

/* libmosquitto is loaded at the first link_new(), not linked: a kiosk or
 * a group screen without linked rooms then pays neither the memory nor
 * the start of libmosquitto and the OpenSSL it brings (about 2 MB). The
 * soname's major version is the ABI mosquitto.h describes. */
#define MOSQ_LIB "libmosquitto.so.1"
#define MOSQ_FUNCS(X) \
	X(connect_async) X(connect_callback_set) X(destroy) X(disconnect) \
	X(disconnect_callback_set) X(int_option) X(lib_cleanup) X(lib_init) \
	X(log_callback_set) X(loop) X(message_callback_set) X(new) \
	X(publish) X(reconnect_async) X(strerror) X(subscribe) \
	X(threaded_set) X(tls_set) X(username_pw_set) X(will_set)

static struct {
#define MOSQ_FIELD(name) __typeof__(mosquitto_##name) *name;
	MOSQ_FUNCS(MOSQ_FIELD)
#undef MOSQ_FIELD
} mq;
static pthread_once_t mq_once = PTHREAD_ONCE_INIT;
static char mq_error[256]; /* why it could not be loaded; "": loaded */

static void mq_load(void)
{
	void *h = dlopen(MOSQ_LIB, RTLD_NOW | RTLD_LOCAL);
	const char *err;

	if (!h) {
		err = dlerror();
		snprintf(mq_error, sizeof mq_error, "%s", err ? err : MOSQ_LIB);
		return;
	}
#define MOSQ_SYM(name) \
	if (!mq_error[0] && \
	    !(*(void **)&mq.name = dlsym(h, "mosquitto_" #name))) \
		snprintf(mq_error, sizeof mq_error, "%s", dlerror());
	MOSQ_FUNCS(MOSQ_SYM)
#undef MOSQ_SYM
	/* the library stays loaded for the process: its threads and
	 * callbacks may outlive any one link */
}

enum { FAILED_CERT = 1, FAILED_LOGIN = 2 };

/* Frees a link that link_new() gave up on before libmosquitto. */
static void free_early(struct link *l)
{
	pthread_cond_destroy(&l->cond);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

const char *link_name(const struct link *l)
{
	return l->name;
}

/* The player's thread is told that something came in (wake() may be
 * called from the network thread; it must be thread-safe). */
static void wake(struct link *l)
{
	if (l->wake)
		l->wake(l->wake_user);
}

int link_connected(const struct link *l)
{
	int c;

	if (!l)
		return 0;
	pthread_mutex_lock((pthread_mutex_t *)&l->mu);
	c = l->connected;
	pthread_mutex_unlock((pthread_mutex_t *)&l->mu);
	return c;
}

unsigned long link_connections(const struct link *l)
{
	unsigned long n;

	if (!l)
		return 0;
	pthread_mutex_lock((pthread_mutex_t *)&l->mu);
	n = l->connections;
	pthread_mutex_unlock((pthread_mutex_t *)&l->mu);
	return n;
}

unsigned long link_refused(const struct link *l)
{
	unsigned long n;

	if (!l)
		return 0;
	pthread_mutex_lock((pthread_mutex_t *)&l->mu);
	n = l->refused;
	pthread_mutex_unlock((pthread_mutex_t *)&l->mu);
	return n;
}

static const char *room_of(const struct link_msg *m)
{
	switch (m->kind) {
	case LINK_PRESENCE: return m->u.presence.room;
	case LINK_QUESTION: return m->u.question.room;
	case LINK_HAND: return m->u.hand.room;
	default: return NULL;
	}
}

/* Every message speaks for this side: its session, and its own name as
 * the room or the driver. */
static void stamp(const struct link *l, struct link_msg *m)
{
	memcpy(m->session, l->session, sizeof m->session);
	switch (m->kind) {
	case LINK_PRESENCE: memcpy(m->u.presence.room, l->name, sizeof l->name);
		break;
	case LINK_QUESTION: memcpy(m->u.question.room, l->name, sizeof l->name);
		break;
	case LINK_HAND: memcpy(m->u.hand.room, l->name, sizeof l->name);
		break;
	case LINK_HOST: memcpy(m->u.host.driver, l->name, sizeof l->name);
		break;
	case LINK_STATE: memcpy(m->u.state.driver, l->name, sizeof l->name);
		break;
	case LINK_CONTROL:
	case LINK_SHOWN:
		break;
	}
	/* a co-presenter's state and presence go under its own topics,
	 * the only ones its login may write */
	if (l->copresenter && (m->kind == LINK_STATE || m->kind == LINK_HOST))
		memcpy(m->topic_presenter, l->name, sizeof l->name);
	else
		m->topic_presenter[0] = '\0';
}

static enum vv_err msg_topic(const struct link_msg *m, char *buf,
			     size_t size)
{
	if (m->topic_presenter[0])
		return link_presenter_topic(m->kind, m->session,
					    m->topic_presenter, buf, size);
	return link_topic(m->kind, m->session, room_of(m), buf, size);
}

static int send_msg(struct link *l, const struct link_msg *msg, int retain)
{
	char topic[LINK_TOPIC_MAX + 1], buf[LINK_MSG_MAX];
	size_t len;
	struct link_msg m = *msg;

	stamp(l, &m);
	if (msg_topic(&m, topic, sizeof topic) != VV_OK ||
	    link_msg_format(&m, buf, sizeof buf, &len) != VV_OK)
		return -1;
	return mq.publish(l->mosq, NULL, topic, (int)len, buf, 1,
				 retain) == MOSQ_ERR_SUCCESS ? 0 : 1;
}

static void on_connect(struct mosquitto *mosq, void *user, int rc)
{
	struct link *l = user;
	char topic[LINK_TOPIC_MAX + 1];
	struct link_msg birth;
	int has_birth;

	if (rc != 0) {
		/* A wrong username or password (CONNACK 4, and 5, which
		 * Mosquitto answers for a password that does not match)
		 * cannot get better by trying again: the player stops with
		 * one line. Else (server unavailable) the network thread
		 * tries again later. */
		pthread_mutex_lock(&l->mu);
		l->connected = 0;
		if (rc == 4 || rc == 5)
			l->failed = FAILED_LOGIN;
		pthread_mutex_unlock(&l->mu);
		if (rc == 4 || rc == 5)
			wake(l);
		return;
	}
	pthread_mutex_lock(&l->mu);
	l->connected = 1;
	l->connections++;
	birth = l->birth;
	has_birth = l->has_birth;
	pthread_mutex_unlock(&l->mu);
	/* the control record first: its retained copy then arrives before
	 * any state, so a side knows who drives before it sees one */
	link_topic(LINK_CONTROL, l->session, NULL, topic, sizeof topic);
	mq.subscribe(mosq, NULL, topic, 1);
	if (l->host) {
		snprintf(topic, sizeof topic, "veiviser/%s/room/+/+",
			 l->session);
		mq.subscribe(mosq, NULL, topic, 1);
		/* the presenters see each other: state and presence */
		snprintf(topic, sizeof topic, "veiviser/%s/presenter/+/+",
			 l->session);
		mq.subscribe(mosq, NULL, topic, 1);
	} else {
		snprintf(topic, sizeof topic, "veiviser/%s/presenter/+/state",
			 l->session);
		mq.subscribe(mosq, NULL, topic, 1);
	}
	/* the host too reads the state: its earlier run's retained copy
	 * says where to resume after a restart */
	link_topic(LINK_STATE, l->session, NULL, topic, sizeof topic);
	mq.subscribe(mosq, NULL, topic, 1);
	if (!l->host || l->copresenter) {
		link_topic(LINK_HOST, l->session, NULL, topic, sizeof topic);
		mq.subscribe(mosq, NULL, topic, 1);
		link_topic(LINK_SHOWN, l->session, NULL, topic, sizeof topic);
		mq.subscribe(mosq, NULL, topic, 1);
	}
	if (has_birth)
		send_msg(l, &birth, 1);
	wake(l);
}

static void on_disconnect(struct mosquitto *mosq, void *user, int rc)
{
	struct link *l = user;

	(void)mosq;
	(void)rc;
	pthread_mutex_lock(&l->mu);
	l->connected = 0;
	pthread_mutex_unlock(&l->mu);
	wake(l);
}

/* libmosquitto says why a TLS connection failed only in its log: keep
 * the OpenSSL error line. */
static void on_log(struct mosquitto *mosq, void *user, int level,
		   const char *line)
{
	struct link *l = user;

	(void)mosq;
	if (level != MOSQ_LOG_ERR || strncmp(line, "OpenSSL Error", 13) != 0)
		return;
	pthread_mutex_lock(&l->mu);
	snprintf(l->tls_error, sizeof l->tls_error, "%s", line);
	pthread_mutex_unlock(&l->mu);
}

static void on_message(struct mosquitto *mosq, void *user,
		       const struct mosquitto_message *msg)
{
	struct link *l = user;
	struct link_msg m;
	int ok, was_empty;

	(void)mosq;
	/* an empty retained payload clears a topic: nothing to hand on */
	if (msg->payloadlen == 0)
		return;
	ok = msg->payloadlen > 0 &&
	     link_msg_parse(msg->topic, msg->payload, (size_t)msg->payloadlen,
			    &m) == VV_OK &&
	     strcmp(m.session, l->session) == 0;
	pthread_mutex_lock(&l->mu);
	if (!ok) {
		l->refused++;
		pthread_mutex_unlock(&l->mu);
		return;
	}
	if (l->count == QUEUE_MAX) {
		l->head = (l->head + 1) % QUEUE_MAX;
		l->count--;
	}
	l->queue[(l->head + l->count) % QUEUE_MAX] = m;
	was_empty = l->count++ == 0;
	pthread_mutex_unlock(&l->mu);
	/* one wake-up per batch: the player takes the whole queue */
	if (was_empty)
		wake(l);
}

int link_next(struct link *l, struct link_msg *out)
{
	int got = 0;

	if (!l)
		return 0;
	pthread_mutex_lock(&l->mu);
	if (l->count > 0) {
		*out = l->queue[l->head];
		l->head = (l->head + 1) % QUEUE_MAX;
		l->count--;
		got = 1;
	}
	pthread_mutex_unlock(&l->mu);
	return got;
}

static int parse_url(const char *url, char *host, size_t size, int *port,
		     int *tls)
{
	const char *rest, *colon;
	size_t n;
	char *end;
	long p;

	if (strncmp(url, "mqtt://", 7) == 0) {
		rest = url + 7;
		*tls = 0;
		*port = 1883;
	} else if (strncmp(url, "mqtts://", 8) == 0) {
		rest = url + 8;
		*tls = 1;
		*port = 8883;
	} else {
		return 0;
	}
	colon = strrchr(rest, ':');
	if (rest[0] == '[') {     /* [::1]:1883 */
		const char *close = strchr(rest, ']');
		if (!close || (close[1] != '\0' && close[1] != ':'))
			return 0;
		colon = close[1] == ':' ? close + 1 : NULL;
		n = (size_t)(close - rest - 1);
		rest++;
	} else {
		n = colon ? (size_t)(colon - rest) : strlen(rest);
	}
	if (n == 0 || n >= size || memchr(rest, '/', n))
		return 0;
	memcpy(host, rest, n);
	host[n] = '\0';
	if (colon) {
		errno = 0;
		p = strtol(colon + 1, &end, 10);
		if (errno || end == colon + 1 || *end || p < 1 || p > 65535)
			return 0;
		*port = (int)p;
	}
	return 1;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
			 e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Reads "key = value" lines: username, password, cafile. */
static enum vv_err read_config(const char *path, char *user, char *pass,
			       char *cafile)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	long n = 0;

	if (!f) {
		vv_error(path, 0, _("cannot read the broker config file: %s"),
			 strerror(errno));
		return VV_ERR_IO;
	}
	while (fgets(line, sizeof line, f)) {
		char *eq, *key, *value, *dst;

		n++;
		if (!strchr(line, '\n') && !feof(f)) {
			vv_error(path, n, _("line too long (at most %d "
				 "bytes)"), (int)sizeof line - 2);
			fclose(f);
			return VV_ERR_FORMAT;
		}
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			vv_error(path, n, _("write \"key = value\" (username, "
				 "password or cafile)"));
			fclose(f);
			return VV_ERR_FORMAT;
		}
		*eq = '\0';
		value = trim(eq + 1);
		key = trim(key);
		if (strcmp(key, "username") == 0)
			dst = user;
		else if (strcmp(key, "password") == 0)
			dst = pass;
		else if (strcmp(key, "cafile") == 0)
			dst = cafile;
		else {
			vv_error(path, n, _("unknown key '%s'; the keys are "
				 "username, password and cafile"), key);
			fclose(f);
			return VV_ERR_FORMAT;
		}
		if (strlen(value) >= CRED_MAX) {
			vv_error(path, n, _("value too long (at most %d "
				 "bytes)"), CRED_MAX - 1);
			fclose(f);
			return VV_ERR_FORMAT;
		}
		strcpy(dst, value);
	}
	fclose(f);
	return VV_OK;
}

static int stopping(struct link *l)
{
	int s;

	pthread_mutex_lock(&l->mu);
	s = l->stop;
	pthread_mutex_unlock(&l->mu);
	return s;
}

/* A refused certificate (the wrong CA, or a broker whose certificate
 * does not name the host) cannot get better by trying again. */
static int tls_refused(struct link *l, int rc)
{
	int bad;

	if (rc != MOSQ_ERR_TLS)
		return 0;
	pthread_mutex_lock(&l->mu);
	bad = strstr(l->tls_error, "certificate verify failed") != NULL;
	if (bad)
		l->failed = FAILED_CERT;
	pthread_mutex_unlock(&l->mu);
	if (bad)
		wake(l);
	return bad;
}

/* The network thread: connects (without blocking on the TCP connect, so
 * link_free() is never kept waiting), then sleeps in libmosquitto's loop
 * until the socket is readable or a publish from the player's thread
 * wakes it; on_message() queues and wakes the player at once. A broker
 * that is down or went away is tried again every RETRY_EVERY. */
static void *net_thread(void *arg)
{
	struct link *l = arg;

	while (!stopping(l)) {
		int rc;

		if (!l->ever_tried) {
			l->ever_tried = 1;
			rc = mq.connect_async(l->mosq, l->hostname,
						     l->port, KEEPALIVE);
		} else {
			rc = mq.reconnect_async(l->mosq);
		}
		if (tls_refused(l, rc))
			break;
		if (rc == MOSQ_ERR_SUCCESS) {
			int flush = 0;

			while ((rc = mq.loop(l->mosq, LOOP_WAIT_MS, 1)) ==
			       MOSQ_ERR_SUCCESS) {
				if (!stopping(l))
					continue;
				/* link_free(): what is queued goes out, then
				 * the DISCONNECT (again, in case this
				 * connection began after link_free()'s) */
				if (flush++ == 0)
					mq.disconnect(l->mosq);
				else if (flush > 20)
					break;
			}
			if (tls_refused(l, rc))
				break;
		}
		pthread_mutex_lock(&l->mu);
		if (l->failed) {
			pthread_mutex_unlock(&l->mu);
			break;
		}
		pthread_mutex_unlock(&l->mu);
		pthread_mutex_lock(&l->mu);
		if (l->connected) {
			l->connected = 0;
			pthread_mutex_unlock(&l->mu);
			wake(l);
			pthread_mutex_lock(&l->mu);
		}
		if (!l->stop) {
			struct timespec until;

			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += (time_t)RETRY_EVERY;
			pthread_cond_timedwait(&l->cond, &l->mu, &until);
		}
		pthread_mutex_unlock(&l->mu);
	}
	return NULL;
}

enum vv_err link_new(const struct link_config *cfg, struct link **out)
{
	struct link *l;
	char user[CRED_MAX] = "", pass[CRED_MAX] = "", cafile[CRED_MAX] = "";
	const char *conf = cfg->config_file ? cfg->config_file :
			   getenv("VEIVISER_MQTT_CONFIG");
	const char *env;
	const char *name;
	int tls = 0;
	char topic[LINK_TOPIC_MAX + 1], buf[LINK_MSG_MAX];
	size_t len;
	enum vv_err err;

	*out = NULL;
	if (!link_token_valid(cfg->session)) {
		vv_error(NULL, 0, _("the session name '%s' must be 1 to 64 "
			 "letters, digits, '.', '_' or '-'"), cfg->session);
		return VV_ERR_USAGE;
	}
	pthread_once(&mq_once, mq_load);
	if (mq_error[0]) {
		vv_error(NULL, 0, _("linked rooms need libmosquitto, which "
			 "cannot be loaded (%s): install the package "
			 "libmosquitto1"), mq_error);
		return VV_ERR_IO;
	}
	l = calloc(1, sizeof *l);
	if (!l)
		return VV_ERR_NOMEM;
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cond, NULL);
	l->host = cfg->host;
	l->wake = cfg->wake;
	l->wake_user = cfg->wake_user;
	l->copresenter = cfg->host && cfg->copresenter;
	strcpy(l->session, cfg->session);
	if (!cfg->url || !parse_url(cfg->url, l->hostname, sizeof l->hostname,
				    &l->port, &tls)) {
		vv_error(NULL, 0, _("--broker wants mqtt://HOST[:PORT] or "
			 "mqtts://HOST[:PORT], not '%s'"),
			 cfg->url ? cfg->url : "");
		free_early(l);
		return VV_ERR_USAGE;
	}
	if (conf && (err = read_config(conf, user, pass, cafile)) != VV_OK) {
		free_early(l);
		return err;
	}
	if ((env = getenv("VEIVISER_MQTT_USERNAME")) && *env &&
	    strlen(env) < CRED_MAX)
		strcpy(user, env);
	if (conf)
		snprintf(l->cred_file, sizeof l->cred_file, "%s", conf);
	if ((env = getenv("VEIVISER_MQTT_PASSWORD")) && *env &&
	    strlen(env) < CRED_MAX) {
		strcpy(pass, env);
		l->cred_file[0] = '\0';
	}
	strcpy(l->user, user);
	name = cfg->name ? cfg->name : user[0] ? user : cfg->host ? "host" :
	       NULL;
	if (!name || !link_token_valid(name)) {
		vv_error(NULL, 0, _("a room needs a name of 1 to 64 letters, "
			 "digits, '.', '_' or '-': give --room NAME or set "
			 "the broker username"));
		free_early(l);
		return VV_ERR_USAGE;
	}
	strcpy(l->name, name);
	if (lib_users++ == 0)
		mq.lib_init();
	l->mosq = mq.new(NULL, 1, l);
	if (!l->mosq) {
		link_free(l);
		return VV_ERR_NOMEM;
	}
	mq.int_option(l->mosq, MOSQ_OPT_PROTOCOL_VERSION,
			     MQTT_PROTOCOL_V311);
	if (user[0] && mq.username_pw_set(l->mosq, user,
			pass[0] ? pass : NULL) != MOSQ_ERR_SUCCESS) {
		link_free(l);
		return VV_ERR_NOMEM;
	}
	if (tls) {
		const char *ca = cfg->ca_file ? cfg->ca_file :
				 cafile[0] ? cafile : NULL;
		int rc;

		snprintf(l->ca, sizeof l->ca, "%s", ca ? ca : "/etc/ssl/certs");
		rc = ca ? mq.tls_set(l->mosq, ca, NULL, NULL, NULL,
						NULL) :
			 mq.tls_set(l->mosq, NULL, "/etc/ssl/certs",
					   NULL, NULL, NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			vv_error(ca ? ca : "/etc/ssl/certs", 0, _("cannot use "
				 "this CA file for the broker: %s"),
				 mq.strerror(rc));
			link_free(l);
			return VV_ERR_IO;
		}
	}
	if (cfg->will) {
		struct link_msg w = *cfg->will;
		stamp(l, &w);
		if (msg_topic(&w, topic, sizeof topic) != VV_OK ||
		    link_msg_format(&w, buf, sizeof buf, &len) != VV_OK ||
		    mq.will_set(l->mosq, topic, (int)len, buf, 1, 1) !=
		    MOSQ_ERR_SUCCESS) {
			link_free(l);
			return VV_ERR_USAGE;
		}
	}
	if (cfg->birth) {
		l->birth = *cfg->birth;
		l->has_birth = 1;
	}
	mq.connect_callback_set(l->mosq, on_connect);
	mq.disconnect_callback_set(l->mosq, on_disconnect);
	mq.message_callback_set(l->mosq, on_message);
	mq.log_callback_set(l->mosq, on_log);
	/* publishes from the player's thread are written by the network
	 * thread, which they wake */
	mq.threaded_set(l->mosq, true);
	if (pthread_create(&l->thread, NULL, net_thread, l) != 0) {
		link_free(l);
		return VV_ERR_NOMEM;
	}
	l->thread_started = 1;
	*out = l;
	return VV_OK;
}

void link_free(struct link *l)
{
	if (!l)
		return;
	if (l->thread_started) {
		pthread_mutex_lock(&l->mu);
		l->stop = 1;
		pthread_cond_signal(&l->cond);
		pthread_mutex_unlock(&l->mu);
		/* what was published goes out first, then the DISCONNECT
		 * (the broker does not send the will); the loop then ends.
		 * Not connected: the loop ends within LOOP_WAIT_MS. */
		mq.disconnect(l->mosq);
		pthread_join(l->thread, NULL);
	}
	if (l->mosq)
		mq.destroy(l->mosq);
	if (--lib_users == 0)
		mq.lib_cleanup();
	pthread_cond_destroy(&l->cond);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

int link_poll(struct link *l)
{
	int failed, told;

	if (!l)
		return 0;
	pthread_mutex_lock(&l->mu);
	failed = l->failed;
	told = l->failed_told;
	l->failed_told = failed;
	pthread_mutex_unlock(&l->mu);
	if (failed == FAILED_LOGIN && !told)
		vv_error(l->cred_file[0] ? l->cred_file : NULL, 0,
			 _("the broker at %s:%d refused the login '%s': wrong "
			 "username or password (%s)"), l->hostname, l->port,
			 l->user, l->cred_file[0] ? _("the password in this "
			 "file") : "VEIVISER_MQTT_USERNAME, "
			 "VEIVISER_MQTT_PASSWORD");
	else if (failed && !told)
		vv_error(l->ca, 0, _("the TLS certificate of the broker at "
			 "%s:%d is not signed by this CA file, or not made "
			 "out to %s (certificate verify failed); give the "
			 "broker's CA with --broker-ca"),
			 l->hostname, l->port, l->hostname);
	return failed;
}

enum vv_err link_publish(struct link *l, const struct link_msg *msg,
			 int retain)
{
	int rc;

	if (!link_connected(l))
		return VV_ERR_IO;
	rc = send_msg(l, msg, retain);
	if (rc < 0)
		return VV_ERR_USAGE;
	return rc == 0 ? VV_OK : VV_ERR_IO;
}

void link_set_birth(struct link *l, const struct link_msg *msg)
{
	pthread_mutex_lock(&l->mu);
	l->birth = *msg;
	l->has_birth = 1;
	pthread_mutex_unlock(&l->mu);
}
