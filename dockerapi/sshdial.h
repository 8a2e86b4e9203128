/* Engines over ssh: each curl connection is `ssh ... docker system dial-stdio`. */
#ifndef BERTH_SSHDIAL_H
#define BERTH_SSHDIAL_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "dockerapi/endpoint.h"

struct sshdial;

/*
 * The options put first on every ssh command line: `set ssh-options` from
 * the config file, or $BERTH_SSH_OPTS (split by the caller, no shell).
 * argv[0..n) is copied; n == 0 clears. Call before any thread dials.
 */
void sshdial_set_options(const char *const *argv, size_t n);

/* Forget the options and stop any ssh still running (at exit). Main thread. */
void sshdial_cleanup(void);

/*
 * The ssh command line for ep (an ssh:// endpoint):
 * ssh OPTIONS... -o ConnectTimeout=30 -o BatchMode=yes -T [-l USER] [-p PORT]
 *     -- HOST docker system dial-stdio
 * NULL-terminated; *n gets the count. Free with xstrv_free. Pure
 * apart from reading the options.
 */
char **sshdial_argv(const struct endpoint *ep, size_t *n);

/*
 * A dialer for ep (ep->ssh_host must be set). Owns a copy of what it needs.
 * Free with sshdial_free after every easy handle set up with it is gone
 * (connections still cached in a multi handle may outlive it: closing them
 * needs nothing from it). Never blocks.
 */
struct sshdial *sshdial_new(const struct endpoint *ep);
void sshdial_free(struct sshdial *d);

/*
 * Make h connect through d: CURLOPT_OPENSOCKETFUNCTION forks a child
 * that accepts curl's connection on a private listener and becomes ssh
 * with it as stdin and stdout (stderr kept for sshdial_last_error);
 * CURLOPT_CLOSESOCKETFUNCTION closes it and reaps ssh. No file
 * descriptor leaks into any child (O_CLOEXEC). Any thread.
 */
void sshdial_setup(struct sshdial *d, CURL *h);

/*
 * The last line ssh wrote on stderr for d's most recent connection that
 * ended, e.g. "ssh: connect to host h port 22: Connection refused", with
 * control characters replaced. Returns false (buf "") when there is none.
 * Any thread.
 */
bool sshdial_last_error(const struct sshdial *d, char *buf, size_t bufsz);

#endif
