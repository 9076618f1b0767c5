/* link: linked rooms over libmosquitto; see link.h. */
#include "player/net/link.h"

#include <errno.h>
#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"

#define QUEUE_MAX 256
#define KEEPALIVE 5          /* s: the broker sends the will after 1.5x */
#define RETRY_EVERY 1.0      /* s between reconnection attempts */
#define CRED_MAX 256

struct link {
	struct mosquitto *mosq;
	int host;
	char session[LINK_TOKEN_MAX + 1];
	char name[LINK_TOKEN_MAX + 1];
	char hostname[256];
	int port;
	int connected;
	int ever_tried;
	double next_try;
	struct link_msg birth;
	int has_birth;
	struct link_msg queue[QUEUE_MAX];
	size_t head, count;
	unsigned long refused;
};

static int lib_users;

const char *link_name(const struct link *l)
{
	return l->name;
}

int link_connected(const struct link *l)
{
	return l && l->connected;
}

unsigned long link_refused(const struct link *l)
{
	return l ? l->refused : 0;
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
}

static int send_msg(struct link *l, const struct link_msg *msg, int retain)
{
	char topic[LINK_TOPIC_MAX + 1], buf[LINK_MSG_MAX];
	size_t len;
	struct link_msg m = *msg;

	stamp(l, &m);
	if (link_topic(m.kind, l->session, room_of(&m), topic, sizeof topic)
	    != VV_OK || link_msg_format(&m, buf, sizeof buf, &len) != VV_OK)
		return -1;
	return mosquitto_publish(l->mosq, NULL, topic, (int)len, buf, 1,
				 retain) == MOSQ_ERR_SUCCESS ? 0 : 1;
}

static void on_connect(struct mosquitto *mosq, void *user, int rc)
{
	struct link *l = user;
	char topic[LINK_TOPIC_MAX + 1];

	if (rc != 0) {
		/* refused (credentials, ACL): keep the socket closed and let
		 * link_poll() try again later */
		l->connected = 0;
		return;
	}
	l->connected = 1;
	if (l->host) {
		snprintf(topic, sizeof topic, "veiviser/%s/room/+/+",
			 l->session);
		mosquitto_subscribe(mosq, NULL, topic, 1);
	} else {
		link_topic(LINK_STATE, l->session, NULL, topic, sizeof topic);
		mosquitto_subscribe(mosq, NULL, topic, 1);
		link_topic(LINK_HOST, l->session, NULL, topic, sizeof topic);
		mosquitto_subscribe(mosq, NULL, topic, 1);
		link_topic(LINK_SHOWN, l->session, NULL, topic, sizeof topic);
		mosquitto_subscribe(mosq, NULL, topic, 1);
	}
	link_topic(LINK_CONTROL, l->session, NULL, topic, sizeof topic);
	mosquitto_subscribe(mosq, NULL, topic, 1);
	if (l->has_birth)
		send_msg(l, &l->birth, 1);
}

static void on_disconnect(struct mosquitto *mosq, void *user, int rc)
{
	struct link *l = user;

	(void)mosq;
	(void)rc;
	l->connected = 0;
}

static void on_message(struct mosquitto *mosq, void *user,
		       const struct mosquitto_message *msg)
{
	struct link *l = user;
	struct link_msg m;

	(void)mosq;
	/* an empty retained payload clears a topic: nothing to hand on */
	if (msg->payloadlen == 0)
		return;
	if (msg->payloadlen < 0 ||
	    link_msg_parse(msg->topic, msg->payload, (size_t)msg->payloadlen,
			   &m) != VV_OK ||
	    strcmp(m.session, l->session) != 0) {
		l->refused++;
		return;
	}
	if (l->count == QUEUE_MAX) {
		l->head = (l->head + 1) % QUEUE_MAX;
		l->count--;
	}
	l->queue[(l->head + l->count) % QUEUE_MAX] = m;
	l->count++;
}

int link_next(struct link *l, struct link_msg *out)
{
	if (!l || l->count == 0)
		return 0;
	*out = l->queue[l->head];
	l->head = (l->head + 1) % QUEUE_MAX;
	l->count--;
	return 1;
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

static void try_connect(struct link *l, double now)
{
	l->next_try = now + RETRY_EVERY;
	if (!l->ever_tried) {
		l->ever_tried = 1;
		mosquitto_connect_async(l->mosq, l->hostname, l->port,
					KEEPALIVE);
	} else {
		mosquitto_reconnect_async(l->mosq);
	}
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
	l = calloc(1, sizeof *l);
	if (!l)
		return VV_ERR_NOMEM;
	l->host = cfg->host;
	strcpy(l->session, cfg->session);
	if (!cfg->url || !parse_url(cfg->url, l->hostname, sizeof l->hostname,
				    &l->port, &tls)) {
		vv_error(NULL, 0, _("--broker wants mqtt://HOST[:PORT] or "
			 "mqtts://HOST[:PORT], not '%s'"),
			 cfg->url ? cfg->url : "");
		free(l);
		return VV_ERR_USAGE;
	}
	if (conf && (err = read_config(conf, user, pass, cafile)) != VV_OK) {
		free(l);
		return err;
	}
	if ((env = getenv("VEIVISER_MQTT_USERNAME")) && *env &&
	    strlen(env) < CRED_MAX)
		strcpy(user, env);
	if ((env = getenv("VEIVISER_MQTT_PASSWORD")) && *env &&
	    strlen(env) < CRED_MAX)
		strcpy(pass, env);
	name = cfg->name ? cfg->name : user[0] ? user : cfg->host ? "host" :
	       NULL;
	if (!name || !link_token_valid(name)) {
		vv_error(NULL, 0, _("a room needs a name of 1 to 64 letters, "
			 "digits, '.', '_' or '-': give --room NAME or set "
			 "the broker username"));
		free(l);
		return VV_ERR_USAGE;
	}
	strcpy(l->name, name);
	if (lib_users++ == 0)
		mosquitto_lib_init();
	l->mosq = mosquitto_new(NULL, 1, l);
	if (!l->mosq) {
		link_free(l);
		return VV_ERR_NOMEM;
	}
	mosquitto_int_option(l->mosq, MOSQ_OPT_PROTOCOL_VERSION,
			     MQTT_PROTOCOL_V311);
	if (user[0] && mosquitto_username_pw_set(l->mosq, user,
			pass[0] ? pass : NULL) != MOSQ_ERR_SUCCESS) {
		link_free(l);
		return VV_ERR_NOMEM;
	}
	if (tls) {
		const char *ca = cfg->ca_file ? cfg->ca_file :
				 cafile[0] ? cafile : NULL;
		int rc = ca ? mosquitto_tls_set(l->mosq, ca, NULL, NULL, NULL,
						NULL) :
			 mosquitto_tls_set(l->mosq, NULL, "/etc/ssl/certs",
					   NULL, NULL, NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			vv_error(ca ? ca : "/etc/ssl/certs", 0, _("cannot use "
				 "this CA file for the broker: %s"),
				 mosquitto_strerror(rc));
			link_free(l);
			return VV_ERR_IO;
		}
	}
	if (cfg->will) {
		struct link_msg w = *cfg->will;
		stamp(l, &w);
		if (link_topic(w.kind, l->session, room_of(&w), topic,
			       sizeof topic) != VV_OK ||
		    link_msg_format(&w, buf, sizeof buf, &len) != VV_OK ||
		    mosquitto_will_set(l->mosq, topic, (int)len, buf, 1, 1) !=
		    MOSQ_ERR_SUCCESS) {
			link_free(l);
			return VV_ERR_USAGE;
		}
	}
	if (cfg->birth) {
		l->birth = *cfg->birth;
		l->has_birth = 1;
	}
	mosquitto_connect_callback_set(l->mosq, on_connect);
	mosquitto_disconnect_callback_set(l->mosq, on_disconnect);
	mosquitto_message_callback_set(l->mosq, on_message);
	try_connect(l, 0);
	*out = l;
	return VV_OK;
}

void link_free(struct link *l)
{
	if (!l)
		return;
	if (l->mosq) {
		if (l->connected) {
			mosquitto_disconnect(l->mosq);
			mosquitto_loop(l->mosq, 100, 1);
		}
		mosquitto_destroy(l->mosq);
	}
	if (--lib_users == 0)
		mosquitto_lib_cleanup();
	free(l);
}

void link_poll(struct link *l, double now)
{
	int rc;

	if (!l)
		return;
	rc = mosquitto_loop(l->mosq, 0, 1);
	if (rc != MOSQ_ERR_SUCCESS) {
		l->connected = 0;
		if (now >= l->next_try)
			try_connect(l, now);
	}
}

enum vv_err link_publish(struct link *l, const struct link_msg *msg,
			 int retain)
{
	int rc;

	if (!l->connected)
		return VV_ERR_IO;
	rc = send_msg(l, msg, retain);
	if (rc < 0)
		return VV_ERR_USAGE;
	return rc == 0 ? VV_OK : VV_ERR_IO;
}

void link_set_birth(struct link *l, const struct link_msg *msg)
{
	l->birth = *msg;
	l->has_birth = 1;
}
