/* Terminal lifecycle, attributes for monochrome and colour, signals. */
#ifndef BERTH_TERM_H
#define BERTH_TERM_H

#include <stdbool.h>

#include <curses.h>

#include "tui/theme.h"

enum term_role {
	TR_NORMAL = 0,
	TR_HEADER,		/* column titles */
	TR_SELECTED,		/* the cursor row */
	TR_PROBLEM,		/* unhealthy / exited non-zero / restarting */
	TR_STATUS,		/* status bar */
	TR_STATUS_BAD,		/* status bar while the engine is down */
	TR_DIM,			/* exited, created */
	TR_MARKED,		/* a marked row (containers pane) */
	TR_NROLES
};

/*
 * Start curses on the controlling terminal: cbreak, noecho, keypad,
 * no cursor, short ESC delay, the theme's colours (t NULL: the default
 * theme) unless it is mono, NO_COLOR is set or the terminal has none;
 * its `color` lines' colours mapped to the nearest the terminal has (their
 * attributes apply without colour too); the mouse if t->mouse. Installs
 * SIGINT/SIGTERM/SIGHUP handlers that ask the loop to quit. Returns 0, or
 * -1 with a message on stderr. UI thread.
 */
int term_init(const struct theme *t);
/* Report mouse events (KEY_MOUSE) or not: off leaves the terminal's own
 * selection working. UI thread, after term_init. */
void term_mouse_set(bool on);
bool term_mouse_on(void);
/* Restore the terminal. Idempotent; safe from the xmalloc fatal hook. */
void term_fini(void);
/* term_fini, then free curses' screen (normal exit only). */
void term_release(void);
attr_t term_attr(enum term_role r);
bool term_has_color(void);
/* Set by the signal handlers; the loop checks it. */
bool term_quit_requested(void);
/* A pipe that becomes readable when a signal arrives (INT, TERM, HUP,
 * TSTP, WINCH), whichever thread took it; the loop polls it. -1 before
 * term_init. */
int term_signal_fd(void);
void term_drain_signals(void);
/* Ctrl-Z was pressed since the last call (clears the flag). UI thread. */
bool term_suspend_requested(void);
/* Leave curses, stop the process as Ctrl-Z would, and on SIGCONT return
 * with curses set to repaint everything. UI thread. */
void term_suspend(void);

#endif
