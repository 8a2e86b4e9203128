/* The exec bridge: raw terminal <-> connection, one poll() loop, SIGWINCH resizes. */
#include "tui/bridge.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t winch;

static void
on_winch(int sig)
{
	(void)sig;
	winch = 1;
}

static void
send_size(const struct bridge_io *io)
{
	struct winsize ws;

	if (io->resize != NULL && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_row > 0 && ws.ws_col > 0)
		io->resize(io->arg, ws.ws_row, ws.ws_col);
}

int
bridge_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
bridge_detach_keys(const char *spec, char *out, size_t n)
{
	size_t len = 0;
	const char *p = spec;

	if (n > 0)
		out[0] = '\0';
	if (spec == NULL || *spec == '\0' || n == 0)
		return -1;
	for (;;) {
		size_t k = strcspn(p, ",");
		char c;

		if (k == 1)
			c = p[0];
		else if (k == 6 && strncmp(p, "ctrl-", 5) == 0 && p[5] >= 'a' && p[5] <= 'z')
			c = (char)(p[5] - 'a' + 1);
		else if (k == 6 && strncmp(p, "ctrl-", 5) == 0 && strchr("[\\]^_", p[5]) != NULL)
			c = (char)(p[5] - '@');	/* ESC, FS, GS, RS, US */
		else
			goto bad;
		if (len + 1 >= n)
			goto bad;
		out[len++] = c;
		if (p[k] == '\0')
			break;
		p += k + 1;
	}
	out[len] = '\0';
	return 0;
bad:
	out[0] = '\0';
	return -1;
}

/* Keys typed, past the detach sequence: what is not (part of) it goes
 * to the remote side; *m is how much of it has matched so far. 1 when it
 * is complete, 0, or -1 when sending failed. */
static int
keys_in(const struct bridge_io *io, const char *buf, size_t n, size_t *m, char *out)
{
	size_t len = 0;

	if (io->detach == NULL || io->detach[0] == '\0')
		return io->send == NULL || io->send(io->arg, buf, n) == 0 ? 0 : -1;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == io->detach[*m]) {
			if (io->detach[++*m] == '\0')
				return len == 0 || io->send == NULL ||
				    io->send(io->arg, out, len) == 0 ? 1 : -1;
			continue;
		}
		/* a broken match: what was held is typed text after all */
		memcpy(out + len, io->detach, *m);
		len += *m;
		*m = 0;
		if (buf[i] == io->detach[0])
			*m = 1;
		else
			out[len++] = buf[i];
	}
	if (len == 0 || io->send == NULL)
		return 0;
	return io->send(io->arg, out, len) == 0 ? 0 : -1;
}

int
bridge_run(const struct bridge_io *io, char *err, size_t errsz)
{
	struct termios saved, raw;
	struct sigaction sa, old_sa;
	bool have_tio = tcgetattr(STDIN_FILENO, &saved) == 0;
	char buf[16384], out[sizeof buf + 64];
	size_t matched = 0;
	int rc = -1;

	snprintf(err, errsz, "connection lost");
	if (io->detach != NULL && strlen(io->detach) >= sizeof out - sizeof buf) {
		snprintf(err, errsz, "the detach keys are too long");
		return -1;
	}
	if (have_tio) {
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, &old_sa);
	winch = 0;
	send_size(io);

	for (;;) {
		struct pollfd p[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = io->fd, .events = POLLIN },
		};
		int n = poll(p, 2, 1000);
		int poll_errno = errno;
		ssize_t got;

		if (winch) {
			winch = 0;
			send_size(io);
		}
		if (n < 0 && poll_errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errsz, "poll failed");
			break;
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			got = read(STDIN_FILENO, buf, sizeof buf);
			if (got <= 0 && !(got < 0 && errno == EINTR)) {
				snprintf(err, errsz, "the terminal closed");
				break;
			}
			if (got > 0) {
				int k = keys_in(io, buf, (size_t)got, &matched, out);
				if (k == 1) {
					rc = 1;
					err[0] = '\0';
					break;
				}
				if (k != 0) {
					snprintf(err, errsz, "cannot send to the container");
					break;
				}
			}
		}
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			/* TLS may hold more than the socket shows: read until dry */
			while ((got = io->recv(io->arg, buf, sizeof buf)) > 0)
				if (bridge_write_all(STDOUT_FILENO, buf, (size_t)got) != 0)
					break;
			if (got == 0) {
				rc = 0;
				err[0] = '\0';
				break;
			}
			if (got == -1) {
				snprintf(err, errsz, "the connection to the engine failed");
				break;
			}
		}
	}
	sigaction(SIGWINCH, &old_sa, NULL);
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	return rc;
}
