/* Open a container's published port: the browser with a display, else the URL in the status bar. */
#ifndef BERTH_BROWSE_H
#define BERTH_BROWSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockerapi/endpoint.h"
#include "views/view.h"

struct app;

/*
 * Open a published port of t's container (its list record's Ports): one
 * port at once, several after a chooser prompt (the port's number, or
 * its position in the list). With a display ($DISPLAY or
 * $WAYLAND_DISPLAY) the URL is given, as one argument, to $BROWSER (its
 * first ':'-separated entry, run as one program, no shell) or else
 * xdg-open, by fork and execvp in a detached child (stdin, stdout and
 * stderr on /dev/null); berth does not wait for it. Without a display,
 * or when the program cannot run, the URL is shown in the status bar.
 * UI thread.
 */
void browse_open(struct app *app, const struct target *t);

/* The host the engine's published ports are reached at, into buf (n
 * bytes): the ssh engine's host (without user@), a tcp engine's host,
 * "127.0.0.1" for a unix socket. Pure. */
void browse_engine_host(const struct endpoint *ep, char *buf, size_t n);

/*
 * The URL of public port `port` bound to host_ip (NULL, "", "0.0.0.0"
 * or "::": every address) on an engine reached at engine_host:
 * "http://HOST:PORT/", HOST the bound address when it is a specific one,
 * else engine_host; an IPv6 address is bracketed. Into buf (n bytes).
 * Pure.
 */
void browse_url(const char *engine_host, const char *host_ip, uint16_t port, char *buf,
    size_t n);

#endif
