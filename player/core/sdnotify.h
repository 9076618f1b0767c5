/* sdnotify: systemd's service notification protocol, the few lines the
 * player needs of it (READY=1, WATCHDOG=1, STOPPING=1), as datagrams on the
 * unix socket named by $NOTIFY_SOCKET. Without systemd (no NOTIFY_SOCKET)
 * every call does nothing. No SDL, no libav, no libsystemd. */
#ifndef VV_PLAYER_CORE_SDNOTIFY_H
#define VV_PLAYER_CORE_SDNOTIFY_H

struct sdnotify;

/* Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the environment
 * and returns a notifier (free with sdnotify_free()), or NULL when the
 * process is not under systemd's notification (NOTIFY_SOCKET unset, empty,
 * not an absolute path or "@abstract" name, or too long) or memory ran
 * out. The watchdog is on when WATCHDOG_USEC is a positive number and
 * WATCHDOG_PID is unset, this process, or this process's parent: under
 * cage the service's main process is the compositor, and the player, its
 * child, is what must prove it is alive. */
struct sdnotify *sdnotify_open(void);

/* Closes the socket. No operation is performed if `n` is NULL. */
void sdnotify_free(struct sdnotify *n);

/* Sends `state` (e.g. "READY=1", "STOPPING=1", "STATUS=...") as one
 * datagram. Returns 0 when sent, -1 when it could not be (errno set) or
 * when `n` is NULL. */
int sdnotify_send(struct sdnotify *n, const char *state);

/* The watchdog interval in seconds (WATCHDOG_USEC), 0 when off or when
 * `n` is NULL. */
double sdnotify_watchdog_interval(const struct sdnotify *n);

/* Call once per turn of the main loop with the wall clock (seconds, any
 * monotonic origin): sends "WATCHDOG=1" when half the interval has passed
 * since the last one (or none was sent yet). A loop that stops turning
 * stops the pings, and systemd restarts the service. Returns 1 when a
 * ping was sent, 0 otherwise. */
int sdnotify_watchdog(struct sdnotify *n, double wall);

/* Seconds from `wall` until the next ping is due (0 when due now), or
 * -1 when the watchdog is off: the loop should not sleep longer. */
double sdnotify_watchdog_due(const struct sdnotify *n, double wall);

#endif
