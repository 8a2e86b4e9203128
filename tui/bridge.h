/* Bridges the terminal, in raw mode, to a remote TTY (an exec session). */
#ifndef BERTH_BRIDGE_H
#define BERTH_BRIDGE_H

#include <stddef.h>
#include <sys/types.h>

struct bridge_io {
	int fd;			/* the connection, polled for input */
	/* Send all n bytes; 0 or -1. */
	int (*send)(void *arg, const void *buf, size_t n);
	/* > 0 bytes, 0 at end, -1 error, -2 nothing ready. */
	ssize_t (*recv)(void *arg, void *buf, size_t n);
	/* The terminal is rows x cols: at start and after every SIGWINCH. */
	void (*resize)(void *arg, int rows, int cols);
	void *arg;
	/* With detach (NUL-terminated key bytes, under 64, e.g. "\x10\x11" for ctrl-p
	 * ctrl-q; NULL: none), typing it ends the session (bridge_run returns
	 * 1) and its bytes are not sent; a partial match is held back and
	 * sent once the next key breaks it. send NULL: keys are read (for the
	 * detach keys) and dropped, an output-only session. */
	const char *detach;
};

/*
 * With curses suspended (endwin): put stdin in raw mode, copy keys to
 * io->send and io->recv's bytes to stdout with poll(), until the remote
 * side ends the stream or fails, or stdin closes. Restores the terminal
 * mode and the previous SIGWINCH handler. Returns 0 when the remote side
 * ended, 1 when the user typed io->detach, -1 otherwise with a reason
 * in err. UI thread.
 */
int bridge_run(const struct bridge_io *io, char *err, size_t errsz);

/* Write all n bytes to fd, retrying after EINTR and short writes; blocks.
 * Returns 0, or -1 with errno set. Any thread. */
int bridge_write_all(int fd, const char *p, size_t n);

/*
 * The bytes of a docker detach-keys spec ("ctrl-p,ctrl-q": comma-separated
 * keys, each a single character or ctrl-X for X in a-z, [, \\, ], ^ or _;
 * not ctrl-@, a NUL) into out (n bytes, NUL-terminated). Returns 0, or -1 for a spec that
 * is empty, malformed or too long (out is then ""). Pure.
 */
int bridge_detach_keys(const char *spec, char *out, size_t n);

#endif
