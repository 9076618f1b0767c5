/* sdnotify: service notifications to systemd over $NOTIFY_SOCKET. */
#include "player/core/sdnotify.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct sdnotify {
	int fd;
	struct sockaddr_un addr;
	socklen_t addr_len;
	double interval;   /* watchdog interval, seconds; 0 when off */
	double last;       /* wall time of the last ping; < 0: none yet */
};

/* Parses a positive decimal number; returns 0 when `s` is not one. */
static unsigned long long parse_ull(const char *s)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return 0;
	return v;
}

static double watchdog_from_env(void)
{
	unsigned long long usec = parse_ull(getenv("WATCHDOG_USEC"));
	const char *pid_s = getenv("WATCHDOG_PID");

	if (usec == 0)
		return 0;
	if (pid_s && *pid_s) {
		unsigned long long pid = parse_ull(pid_s);

		if (pid != (unsigned long long)getpid() &&
		    pid != (unsigned long long)getppid())
			return 0;
	}
	return (double)usec / 1e6;
}

struct sdnotify *sdnotify_open(void)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sdnotify *n;
	size_t len;

	if (!path || (path[0] != '/' && path[0] != '@'))
		return NULL;
	len = strlen(path);
	if (len < 2 || len >= sizeof n->addr.sun_path)
		return NULL;
	n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	n->addr.sun_family = AF_UNIX;
	memcpy(n->addr.sun_path, path, len);
	if (path[0] == '@')
		n->addr.sun_path[0] = '\0'; /* abstract namespace */
	n->addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				  len + (path[0] == '/'));
	n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (n->fd < 0) {
		free(n);
		return NULL;
	}
	n->interval = watchdog_from_env();
	n->last = -1;
	return n;
}

void sdnotify_free(struct sdnotify *n)
{
	if (!n)
		return;
	close(n->fd);
	free(n);
}

int sdnotify_send(struct sdnotify *n, const char *state)
{
	ssize_t r;

	if (!n) {
		errno = EINVAL;
		return -1;
	}
	do
		r = sendto(n->fd, state, strlen(state), MSG_NOSIGNAL,
			   (const struct sockaddr *)&n->addr, n->addr_len);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -1 : 0;
}

double sdnotify_watchdog_interval(const struct sdnotify *n)
{
	return n ? n->interval : 0;
}

double sdnotify_watchdog_due(const struct sdnotify *n, double wall)
{
	double due;

	if (!n || n->interval <= 0)
		return -1;
	if (n->last < 0)
		return 0;
	due = n->last + n->interval / 2 - wall;
	return due > 0 ? due : 0;
}

int sdnotify_watchdog(struct sdnotify *n, double wall)
{
	if (sdnotify_watchdog_due(n, wall) != 0)
		return 0;
	/* A failed send is retried on the next turn: the time of the
	 * last ping only moves when one went out. */
	if (sdnotify_send(n, "WATCHDOG=1") != 0)
		return 0;
	n->last = wall;
	return 1;
}
