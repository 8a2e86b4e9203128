/* docker-credential-NAME get through posix_spawnp: stdin the server, stdout JSON. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* pipe2 and the char * strerror_r, also in the fuzz build */
#endif
#include "dockerapi/credhelper.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "monotime.h"
#include "xmalloc.h"

#define HELPER_MAX_OUT (64 * 1024)

extern char **environ;

static bool
plain_word(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* write(2) to a pipe whose reader may have exited: EPIPE, never SIGPIPE
 * (blocked for this thread, and a pending one taken back). */
static ssize_t
write_nosigpipe(int fd, const char *p, size_t n)
{
	sigset_t pipe_set, old;
	struct timespec zero = { 0, 0 };
	ssize_t w;
	int saved;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	w = write(fd, p, n);
	saved = errno;
	if (w < 0 && errno == EPIPE)
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return w;
}

/* Feed stdin, drain stdout until EOF or the deadline. Returns 0, or -1 on timeout. */
static int
exchange(int in_fd, int out_fd, const char *line, uint64_t deadline, char **out, size_t *outlen)
{
	size_t sent = 0, want = strlen(line);
	char chunk[4096];

	while (out_fd >= 0) {
		struct pollfd p[2] = { { out_fd, POLLIN, 0 }, { in_fd, POLLOUT, 0 } };
		uint64_t now = monotime_ms();
		int n, np = in_fd >= 0 ? 2 : 1;

		if (now >= deadline)
			return -1;
		n = poll(p, (nfds_t)np, (int)(deadline - now));
		if (n < 0 && errno != EINTR)
			return -1;
		if (n <= 0)
			continue;
		if (np == 2 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
			ssize_t w = write_nosigpipe(in_fd, line + sent, want - sent);
			if (w > 0)
				sent += (size_t)w;
			if (w < 0 || sent == want) {
				close(in_fd);
				in_fd = -1;
			}
		}
		if ((p[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
			ssize_t r = read(out_fd, chunk, sizeof chunk);
			if (r > 0 && *outlen + (size_t)r <= HELPER_MAX_OUT) {
				memcpy(*out + *outlen, chunk, (size_t)r);
				*outlen += (size_t)r;
				(*out)[*outlen] = '\0';
			} else if (r > 0) {
				continue;	/* more than a helper ever says: keep draining */
			} else if (r == 0 || errno != EINTR) {
				out_fd = -1;
			}
		}
	}
	if (in_fd >= 0)
		close(in_fd);
	return 0;
}

int
credhelper_get(const char *name, const char *server, long timeout_ms,
    char **out, size_t *outlen, struct dapi_error *err)
{
	char prog[96], line[512];
	char *argv[3];
	int inp[2] = { -1, -1 }, outp[2] = { -1, -1 }, status = 0, rc = -1;
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	uint64_t deadline = monotime_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 30000);

	memset(err, 0, sizeof *err);
	*out = xmalloc(HELPER_MAX_OUT + 1);
	**out = '\0';
	*outlen = 0;
	if (!plain_word(name)) {
		snprintf(err->text, sizeof err->text, "credential helper name '%.60s' is not a plain word", name);
		return -1;
	}
	snprintf(prog, sizeof prog, "docker-credential-%s", name);
	snprintf(line, sizeof line, "%s\n", server);
	argv[0] = prog;
	argv[1] = (char *)"get";
	argv[2] = NULL;
	if (pipe2(inp, O_CLOEXEC) != 0 || pipe2(outp, O_CLOEXEC) != 0) {
		snprintf(err->text, sizeof err->text, "cannot run %s: no pipe", prog);
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, inp[0], 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	/* its complaints would land on the dashboard's screen */
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if ((errno = posix_spawnp(&pid, prog, &fa, NULL, argv, environ)) != 0) {
		char why[128];
		pid = -1;
		posix_spawn_file_actions_destroy(&fa);
		snprintf(err->text, sizeof err->text, "cannot run %s (named in the docker config): %s",
		    prog, strerror_r(errno, why, sizeof why));
		goto out;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(inp[0]);
	close(outp[1]);
	inp[0] = outp[1] = -1;
	if (exchange(inp[1], outp[0], line, deadline, out, outlen) != 0) {
		kill(pid, SIGKILL);
		snprintf(err->text, sizeof err->text, "%s get took longer than %ld s", prog,
		    (timeout_ms > 0 ? timeout_ms : 30000) / 1000);
	}
	inp[1] = -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (err->text[0] != '\0')
		goto out;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = 0;
	} else if (strstr(*out, "credentials not found") != NULL) {
		rc = 1;
	} else {
		char said[120];
		snprintf(said, sizeof said, "%s%.*s", **out ? ": " : "", (int)strcspn(*out, "\n"), *out);
		snprintf(err->text, sizeof err->text, "%s get failed (%s %d)%s", prog,
		    WIFEXITED(status) ? "exit" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), said);
	}
out:
	for (int i = 0; i < 2; i++) {
		if (inp[i] >= 0)
			close(inp[i]);
		if (outp[i] >= 0)
			close(outp[i]);
	}
	return rc;
}
