/* Opening a published port: a chooser for several, the browser by execvp in a detached child. */
#include "views/copy.h"
#include "views/browse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/prompt.h"
#include "views/app.h"
#include "xmalloc.h"

#define MAX_PORTS 16

struct choice {
	size_t n;
	uint16_t port[MAX_PORTS];
	char url[MAX_PORTS][300];
};

static bool
wildcard(const char *ip)
{
	return ip == NULL || ip[0] == '\0' || strcmp(ip, "0.0.0.0") == 0 || strcmp(ip, "::") == 0;
}

void
browse_engine_host(const struct endpoint *ep, char *buf, size_t n)
{
	const char *h, *at;
	size_t len;

	if (ep->ssh_host != NULL) {
		at = strrchr(ep->ssh_host, '@');
		snprintf(buf, n, "%s", at != NULL ? at + 1 : ep->ssh_host);
		return;
	}
	if (ep->socket_path != NULL || ep->base == NULL || (h = strstr(ep->base, "://")) == NULL) {
		snprintf(buf, n, "127.0.0.1");
		return;
	}
	h += 3;
	if (*h == '[') {	/* [v6]:port */
		len = strcspn(h, "]");
		snprintf(buf, n, "%.*s", (int)(len > 0 ? len - 1 : 0), h + 1);
		return;
	}
	len = strcspn(h, ":/");
	snprintf(buf, n, "%.*s", (int)len, h);
	if (buf[0] == '\0' || strcmp(buf, "localhost") == 0)
		snprintf(buf, n, "127.0.0.1");
}

void
browse_url(const char *engine_host, const char *host_ip, uint16_t port, char *buf, size_t n)
{
	const char *h = wildcard(host_ip) ? engine_host : host_ip;
	bool v6 = strchr(h, ':') != NULL;

	snprintf(buf, n, "http://%s%s%s:%u/", v6 ? "[" : "", h, v6 ? "]" : "", (unsigned)port);
}

/*
 * prog url, in a grandchild that berth never waits for (its parent exits
 * at once and is reaped here), with no terminal. A close-on-exec pipe
 * tells whether execvp worked. 0, or -1 with errno.
 */
static int
launch(const char *prog, const char *url)
{
	int p[2], e = 0;
	pid_t pid;
	ssize_t got;

	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	if ((pid = fork()) < 0) {
		e = errno;
		close(p[0]);
		close(p[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { (char *)prog, (char *)url, NULL };
		pid_t g = fork();
		int fd;
		if (g != 0) {
			if (g < 0) {
				e = errno;
				(void)!write(p[1], &e, sizeof e);
			}
			_exit(0);
		}
		setsid();
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(prog, argv);
		e = errno;
		(void)!write(p[1], &e, sizeof e);
		_exit(127);
	}
	close(p[1]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	do
		got = read(p[0], &e, sizeof e);
	while (got < 0 && errno == EINTR);
	close(p[0]);
	if (got == (ssize_t)sizeof e) {
		errno = e;
		return -1;
	}
	return 0;
}

static void
open_url(struct app *app, const char *url)
{
	const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
	const char *browser = getenv("BROWSER");
	char prog[512];

	if ((display == NULL || display[0] == '\0') && (wayland == NULL || wayland[0] == '\0')) {
		bool copied = views_copy(app, url, strlen(url), "URL");
		app_message(app, 0, "%s  (no display to open it on%s)", url,
		    copied ? "; copied, OSC 52" : "");
		return;
	}
	/* $BROWSER is a ':'-separated list of programs; the first is run */
	if (browser != NULL && browser[0] != '\0')
		snprintf(prog, sizeof prog, "%.*s", (int)strcspn(browser, ":"), browser);
	else
		snprintf(prog, sizeof prog, "xdg-open");
	if (launch(prog, url) != 0) {
		char why[128];
		strerror_r(errno, why, sizeof why);
		app_message(app, 0, "%s  (cannot run %s: %s)", url, prog, why);
	} else
		app_message(app, 6, "opening %s with %s", url, prog);
}

static void
chosen(struct app *app, void *arg, enum prompt_result res, const char *text)
{
	struct choice *c = arg;
	char *end;
	unsigned long k = strtoul(text != NULL ? text : "", &end, 10);

	if (res != PROMPT_YES)
		goto out;
	if (end == text || *end != '\0') {
		app_message(app, 4, "open port: type a number from the list");
		goto out;
	}
	for (size_t i = 0; i < c->n; i++)
		if (k == i + 1 || k == c->port[i]) {
			open_url(app, c->url[i]);
			goto out;
		}
	app_message(app, 4, "open port: %lu is not one of the container's ports", k);
out:
	free(c);
}

void
browse_open(struct app *app, const struct target *t)
{
	struct choice *c;
	struct app_engine *e;
	struct ctable_row *r;
	struct prompt *p;
	int engine;
	char id[65], host[256], line[400];

	r = views_container(app, t, &engine, id, sizeof id);
	if (r == NULL || (e = app_engine(app, engine)) == NULL) {
		app_message(app, 4, "open port: no such container");
		return;
	}
	browse_engine_host(&e->ep, host, sizeof host);
	c = xcalloc(1, sizeof *c);
	for (size_t i = 0; i < r->c.nports && c->n < MAX_PORTS; i++) {
		const struct dapi_port *pt = &r->c.ports[i];
		bool seen = false;
		if (pt->public_port == 0 || strcmp(pt->proto, "tcp") != 0)
			continue;
		/* the same port on 0.0.0.0 and :: is one choice */
		for (size_t j = 0; j < c->n; j++)
			seen = seen || (c->port[j] == pt->public_port && wildcard(pt->ip));
		if (seen)
			continue;
		c->port[c->n] = pt->public_port;
		browse_url(host, pt->ip, pt->public_port, c->url[c->n], sizeof c->url[c->n]);
		c->n++;
	}
	if (c->n <= 1) {
		if (c->n == 0)
			app_message(app, 5, "%s publishes no tcp port", r->c.name ? r->c.name : id);
		else
			open_url(app, c->url[0]);
		free(c);
		return;
	}
	p = prompt_new_text("Open which port? (its number or its position)", NULL, NULL);
	for (size_t i = 0; i < c->n; i++) {
		snprintf(line, sizeof line, "%zu) %s", i + 1, c->url[i]);
		prompt_add_line(p, line);
	}
	app_prompt(app, p, chosen, c);
}
