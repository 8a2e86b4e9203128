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
bridge_run(const struct bridge_io *io, char *err, size_t errsz)
{
	struct termios saved, raw;
	struct sigaction sa, old_sa;
	bool have_tio = tcgetattr(STDIN_FILENO, &saved) == 0;
	char buf[16384];
	int rc = -1;

	snprintf(err, errsz, "connection lost");
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
			if (got > 0 && io->send(io->arg, buf, (size_t)got) != 0) {
				snprintf(err, errsz, "cannot send to the container");
				break;
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
