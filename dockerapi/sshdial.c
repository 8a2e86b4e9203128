/* Engines over ssh, as the docker CLI reaches them: one ssh per connection. */
#include "config.h"
#include "dockerapi/sshdial.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "monotime.h"
#include "xmalloc.h"

#define KEY_MAX 300
#define LAST_ERRORS 16
#define REAP_WAIT_MS 500

struct sshdial {
	char **argv;
	char key[KEY_MAX];	/* user@host:port: names the last error */
	char fake_path[64];	/* keeps curl's connection cache per endpoint */
};

/* A running ssh, found again by its socket when curl closes it. */
struct child {
	char path[108];		/* the listener's socket file (gone once taken) */
	int fd;			/* the socket curl has, connected to ssh */
	pid_t pid;
	int errfd;		/* ssh's stderr (a memfd) */
	char key[KEY_MAX];
};

struct last_error {
	char key[KEY_MAX];
	char text[256];
	unsigned long stamp;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char **user_opts;	/* set before threads start, read-only after */
static size_t nuser_opts;
static struct child *children;
static size_t nchildren, capchildren;
static struct last_error last_errors[LAST_ERRORS];
static char sockdir[64];	/* private 0700 directory for the listeners */
static unsigned long error_stamp;

void
sshdial_set_options(const char *const *argv, size_t n)
{
	for (size_t i = 0; i < nuser_opts; i++)
		free(user_opts[i]);
	free(user_opts);
	user_opts = NULL;
	nuser_opts = 0;
	if (n == 0)
		return;
	user_opts = xcalloc(n, sizeof *user_opts);
	for (size_t i = 0; i < n; i++)
		user_opts[i] = xstrdup(argv[i]);
	nuser_opts = n;
}

static void
argv_push(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 2, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
	(*v)[*n] = NULL;
}

char **
sshdial_argv(const struct endpoint *ep, size_t *n)
{
	static const char *const defaults[] = { "-o", "ConnectTimeout=30", "-o",
	    "BatchMode=yes", "-T" };
	static const char *const remote[] = { "docker", "system", "dial-stdio" };
	char **v = NULL, port[16];

	*n = 0;
	argv_push(&v, n, "ssh");
	for (size_t i = 0; i < nuser_opts; i++)
		argv_push(&v, n, user_opts[i]);
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		argv_push(&v, n, defaults[i]);
	if (ep->ssh_user != NULL) {
		argv_push(&v, n, "-l");
		argv_push(&v, n, ep->ssh_user);
	}
	if (ep->ssh_port > 0) {
		snprintf(port, sizeof port, "%d", ep->ssh_port);
		argv_push(&v, n, "-p");
		argv_push(&v, n, port);
	}
	argv_push(&v, n, "--");
	argv_push(&v, n, ep->ssh_host != NULL ? ep->ssh_host : "");
	for (size_t i = 0; i < sizeof remote / sizeof remote[0]; i++)
		argv_push(&v, n, remote[i]);
	return v;
}

struct sshdial *
sshdial_new(const struct endpoint *ep)
{
	struct sshdial *d = xcalloc(1, sizeof *d);
	size_t n;
	uint64_t h = 14695981039346656037ull;	/* FNV-1a */

	d->argv = sshdial_argv(ep, &n);
	snprintf(d->key, sizeof d->key, "%s%s%s:%d", ep->ssh_user ? ep->ssh_user : "",
	    ep->ssh_user ? "@" : "", ep->ssh_host ? ep->ssh_host : "", ep->ssh_port);
	for (const char *p = d->key; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	/* never a real socket: curl only uses it to tell connections apart */
	snprintf(d->fake_path, sizeof d->fake_path, "/nonexistent/berth-ssh/%016llx",
	    (unsigned long long)h);
	return d;
}

void
sshdial_free(struct sshdial *d)
{
	if (d == NULL)
		return;
	xstrv_free(d->argv);
	free(d);
}

static void
say(const char *msg)
{
	ssize_t r = write(2, msg, strlen(msg));
	(void)r;
}

/*
 * The child between fork and exec: async-signal-safe calls only. It takes
 * the connection curl makes to the listener (from its parent only, though
 * the directory is private anyway), removes the socket file and runs ssh
 * on the connection.
 */
static void __attribute__((noreturn))
child_exec(char **argv, int listener, int errfd, const char *path)
{
	struct sigaction sa;
	sigset_t none;
	int sock = -1;

	/* berth's handlers (they write to its wake-up pipe) must not run here */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);	/* SIGKILL/SIGSTOP just fail */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid();	/* no controlling terminal: ssh cannot open /dev/tty */
	if (dup2(errfd, 2) < 0)
		_exit(127);
	for (int tries = 0; tries < 16 && sock < 0; tries++) {
		struct ucred cred;
		socklen_t len = sizeof cred;
		int s = accept(listener, NULL, NULL);
		if (s < 0) {
			if (errno == EINTR)
				continue;
			_exit(127);
		}
		if (getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
		    cred.pid == getppid())
			sock = s;
		else
			close(s);
	}
	unlink(path);
	if (sock < 0 || dup2(sock, 0) < 0 || dup2(sock, 1) < 0)
		_exit(127);
	if (close_range(3, ~0u, 0) != 0) {
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
	}
	execvp(argv[0], argv);
	say("ssh: cannot run ssh (is openssh-client installed?)\n");
	_exit(127);
}

/*
 * The last non-empty line of ssh's stderr, control bytes replaced, leaving
 * out ssh's note about a host key it has just added (not an error).
 */
static void
read_stderr(int errfd, char *out, size_t outsz)
{
	static const char added[] = "Warning: Permanently added";
	char buf[4096];
	struct stat st;
	off_t off = 0;
	ssize_t n;
	char *line = NULL, *end;

	out[0] = '\0';
	if (fstat(errfd, &st) == 0 && st.st_size > (off_t)sizeof buf - 1)
		off = st.st_size - (off_t)(sizeof buf - 1);
	if ((n = pread(errfd, buf, sizeof buf - 1, off)) <= 0)
		return;
	buf[n] = '\0';
	end = buf + n;
	for (;;) {
		while (end > buf && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
			*--end = '\0';
		if (end == buf)
			return;
		line = end;
		while (line > buf && line[-1] != '\n')
			line--;
		if (strncmp(line, added, sizeof added - 1) != 0)
			break;
		end = line;
	}
	for (char *p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	snprintf(out, outsz, "%.*s", (int)(outsz - 1), line);
}

static void
set_last_error(const char *key, const char *text)
{
	size_t slot = 0;

	for (size_t i = 0; i < LAST_ERRORS; i++) {
		if (strcmp(last_errors[i].key, key) == 0) {
			slot = i;
			break;
		}
		if (last_errors[i].stamp < last_errors[slot].stamp)
			slot = i;
	}
	snprintf(last_errors[slot].key, sizeof last_errors[slot].key, "%s", key);
	snprintf(last_errors[slot].text, sizeof last_errors[slot].text, "%s", text);
	last_errors[slot].stamp = ++error_stamp;
}

bool
sshdial_last_error(const struct sshdial *d, char *buf, size_t bufsz)
{
	bool found = false;

	buf[0] = '\0';
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < LAST_ERRORS; i++) {
		if (last_errors[i].stamp != 0 && strcmp(last_errors[i].key, d->key) == 0 &&
		    last_errors[i].text[0] != '\0') {
			snprintf(buf, bufsz, "%s", last_errors[i].text);
			found = true;
		}
	}
	pthread_mutex_unlock(&lock);
	return found;
}

/* Stop ssh (it may have gone already) and reap it; never leaves a zombie. */
static void
reap(pid_t pid)
{
	uint64_t deadline;
	int status;

	if (waitpid(pid, &status, WNOHANG) == pid)
		return;
	kill(pid, SIGTERM);
	deadline = monotime_ms() + REAP_WAIT_MS;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return;
		if (monotime_ms() >= deadline)
			break;
		nanosleep(&(struct timespec){ .tv_nsec = 5 * 1000000L }, NULL);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/* Close one child: our end first (ssh sees EOF), keep its message, reap it. */
static void
child_finish(struct child *c)
{
	char msg[256];

	close(c->fd);
	unlink(c->path);	/* when curl never connected */
	read_stderr(c->errfd, msg, sizeof msg);
	close(c->errfd);
	reap(c->pid);
	if (msg[0] != '\0') {
		pthread_mutex_lock(&lock);
		set_last_error(c->key, msg);
		pthread_mutex_unlock(&lock);
	}
}

/* Take the child owning fd out of the table into *out. */
static bool
child_take(int fd, struct child *out)
{
	bool found = false;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < nchildren; i++) {
		if (children[i].fd == fd) {
			*out = children[i];
			children[i] = children[--nchildren];
			found = true;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return found;
}

/* The private directory for listeners, made on first use. Under lock. */
static bool
sockdir_ready(void)
{
	const char *base = getenv("XDG_RUNTIME_DIR");
	char tmpl[64];

	if (sockdir[0] != '\0')
		return true;
	/* sun_path is 108 bytes: keep the directory name short */
	if (base == NULL || base[0] != '/' || strlen(base) > 40)
		base = "/tmp";
	snprintf(tmpl, sizeof tmpl, "%s/berth-ssh-XXXXXX", base);
	if (mkdtemp(tmpl) == NULL)
		return false;
	snprintf(sockdir, sizeof sockdir, "%s", tmpl);
	return true;
}

/*
 * Instead of socket(2). libcurl 7.88 ignores CURL_SOCKOPT_ALREADY_CONNECTED
 * (curl issue 10626), so a socketpair cannot be handed over; instead curl
 * gets a fresh socket and the address of a listener in a private directory
 * and connects to it itself; the child accepts that one connection and
 * becomes ssh. (Not an abstract socket: curl 7.88 then sees an empty peer
 * address and never reuses the connection.) Works with any libcurl.
 */
static curl_socket_t
open_cb(void *arg, curlsocktype purpose, struct curl_sockaddr *addr)
{
	static unsigned long serial;
	struct sshdial *d = arg;
	struct sockaddr_un sun;
	struct child c, stale;
	sigset_t all, old;
	socklen_t sunlen;
	int listener = -1, sock = -1, errfd = -1;
	pid_t pid;

	(void)purpose;
	if (addr->family != AF_UNIX)	/* sshdial_setup gives curl a unix path */
		return CURL_SOCKET_BAD;
	memset(&c, 0, sizeof c);
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	pthread_mutex_lock(&lock);
	if (!sockdir_ready()) {
		pthread_mutex_unlock(&lock);
		return CURL_SOCKET_BAD;
	}
	snprintf(c.path, sizeof c.path, "%s/%lu", sockdir, ++serial);
	set_last_error(d->key, "");	/* what an earlier ssh said is old news */
	pthread_mutex_unlock(&lock);
	memcpy(sun.sun_path, c.path, strlen(c.path) + 1);
	sunlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(c.path) + 1);
	if ((listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(listener, (struct sockaddr *)&sun, sunlen) != 0 ||
	    listen(listener, 4) != 0 ||
	    (sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    (errfd = memfd_create("berth-ssh-stderr", MFD_CLOEXEC)) < 0)
		goto fail;
	/* no signal may reach berth's handlers in the child before it resets them */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0)
		child_exec(d->argv, listener, errfd, c.path);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		goto fail;
	close(listener);
	/* curl's own sockaddr_un has room for ours (see CURLOPT_OPENSOCKETFUNCTION) */
	memcpy(&addr->addr, &sun, sunlen);
	addr->addrlen = sunlen;
	/* a socket curl closed without our callback: its fd number is back */
	if (child_take(sock, &stale))
		child_finish(&stale);
	c.fd = sock;
	c.pid = pid;
	c.errfd = errfd;
	snprintf(c.key, sizeof c.key, "%s", d->key);
	pthread_mutex_lock(&lock);
	children = xgrowarray(children, &capchildren, nchildren + 1, sizeof *children);
	children[nchildren++] = c;
	pthread_mutex_unlock(&lock);
	return sock;
fail:
	if (listener >= 0) {
		close(listener);
		unlink(c.path);
	}
	if (sock >= 0)
		close(sock);
	if (errfd >= 0)
		close(errfd);
	return CURL_SOCKET_BAD;
}

static int
close_cb(void *arg, curl_socket_t fd)
{
	struct child c;

	(void)arg;
	if (child_take(fd, &c))
		child_finish(&c);
	else
		close(fd);
	return 0;
}

void
sshdial_setup(struct sshdial *d, CURL *h)
{
	curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, d->fake_path);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_cb);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, d);
	curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, close_cb);
	curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, NULL);
}

void
sshdial_cleanup(void)
{
	struct child c;

	for (;;) {
		pthread_mutex_lock(&lock);
		if (nchildren == 0) {
			pthread_mutex_unlock(&lock);
			break;
		}
		c = children[--nchildren];
		pthread_mutex_unlock(&lock);
		child_finish(&c);
	}
	pthread_mutex_lock(&lock);
	free(children);
	children = NULL;
	nchildren = capchildren = 0;
	if (sockdir[0] != '\0')
		rmdir(sockdir);
	sockdir[0] = '\0';
	pthread_mutex_unlock(&lock);
	sshdial_set_options(NULL, 0);
}
