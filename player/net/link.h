/* link: the MQTT side of linked rooms, over libmosquitto. It connects to
 * the broker (mqtt:// or mqtts:// with a CA file), keeps trying while the
 * broker is down or after it went away, sets the last will, subscribes to
 * what a host or a room reads, and hands on only messages that
 * link_msg_parse() accepted. The network work runs on a thread of its
 * own, which sleeps until the broker's socket is readable and then calls
 * the config's wake(), so the player's loop takes a message as soon as it
 * arrives rather than at its next tick. Credentials come from a config
 * file or the environment, never from the command line. */
#ifndef VV_PLAYER_NET_LINK_H
#define VV_PLAYER_NET_LINK_H

#include "common/err.h"
#include "player/core/link_msg.h"

struct link_config {
	int host;                /* 1: host (reads rooms), 0: room */
	int copresenter;         /* with host: a co-presenter, which
	                          * publishes its state and presence under
	                          * presenter/NAME/ and reads the host's */
	const char *session;     /* a token (link_token_valid()) */
	const char *url;         /* mqtt://HOST[:PORT] or mqtts://HOST[:PORT] */
	const char *ca_file;     /* TLS: CA file; NULL: the config file's
	                          * cafile, else the system's */
	const char *config_file; /* NULL: $VEIVISER_MQTT_CONFIG, if set */
	const char *name;        /* room name or driver id; NULL: the
	                          * username */
	/* The retained message published at every (re)connection, and the
	 * last will the broker publishes when the connection is lost. Like
	 * every message sent, they get this side's session and name (as the
	 * room, or as the driver) filled in. */
	const struct link_msg *birth, *will;
	/* Called from the network thread (so it must be thread-safe) when a
	 * message was queued for link_next() after the queue was empty, when
	 * the connection came or went, and when the broker's certificate was
	 * refused. NULL: the player polls. */
	void (*wake)(void *user);
	void *wake_user;
};

struct link;

/* Checks the URL and reads the credentials: VEIVISER_MQTT_USERNAME and
 * VEIVISER_MQTT_PASSWORD, or "username = ..", "password = ..", "cafile =
 * .." lines of the config file (the environment wins). Starts connecting
 * but does not wait: a broker that is down is retried every second.
 * Returns VV_OK and a new link (free with link_free()); VV_ERR_USAGE after
 * one line for a bad URL or name; VV_ERR_IO or VV_ERR_FORMAT after one
 * line naming the config file (and line); VV_ERR_NOMEM. */
enum vv_err link_new(const struct link_config *cfg, struct link **out);

/* Disconnects cleanly (the broker does not send the will), after what
 * link_publish() queued; waits for the network thread (at most about a
 * second when not connected). NULL is a no-op. */
void link_free(struct link *l);

/* The name this side uses in topics and payloads (room or driver). */
const char *link_name(const struct link *l);

/* What the network thread found that the player must act on: returns
 * non-zero once the broker's TLS certificate was refused (not signed by
 * the CA file, or not for this host), or the broker refused the login
 * (wrong username or password), after one line naming the CA file or
 * the file the password came from (written from the caller's thread, the
 * first time only); retrying cannot help and the link stays down. Else
 * 0. */
int link_poll(struct link *l);

/* 1 while connected to the broker. */
int link_connected(const struct link *l);

/* How many times the connection was made since start: a change means the
 * broker may have lost what was retained. */
unsigned long link_connections(const struct link *l);

/* Takes the next message received (oldest first; at most 256 are kept,
 * older ones dropped). Returns 1 and fills *out, or 0 when none. */
int link_next(struct link *l, struct link_msg *out);

/* Messages refused by the parser since start (counted, never logged:
 * a question's text may be personal). */
unsigned long link_refused(const struct link *l);

/* Replaces the message published at every (re)connection (copied). */
void link_set_birth(struct link *l, const struct link_msg *msg);

/* Publishes msg (QoS 1; retained when `retain`) with this side's session
 * and name filled in; the topic is made from msg->kind, the session and
 * the name. Returns VV_OK, or
 * VV_ERR_IO when not connected (the caller publishes again later),
 * VV_ERR_USAGE when msg is out of bounds. */
enum vv_err link_publish(struct link *l, const struct link_msg *msg,
			 int retain);

#endif
