/* curses set-up and teardown; monochrome-safe attributes. */
#include "tui/term.h"

#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>

static bool active;
static SCREEN *screen;
static bool color;
static volatile sig_atomic_t quit_flag;
static volatile sig_atomic_t suspend_flag;
static int sigpipe_fd[2] = { -1, -1 };
static struct sigaction curses_winch;	/* curses' own SIGWINCH handler */
static attr_t roles[TR_NROLES];
static bool mouse_on;

/* The pairs the themes use; `color` lines get PAIR_LINE + their element. */
enum { PAIR_PROBLEM = 1, PAIR_STATUS_BAD, PAIR_STATUS, PAIR_LINE = 16 };

/*
 * Signals only set a flag and write a byte to a pipe the main loop polls,
 * so they wake the loop whichever thread takes them, and the real work
 * (leaving curses for Ctrl-Z, quitting) happens on the UI thread, never
 * inside a handler that may have interrupted curses mid-output.
 */
static void
on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGTSTP)
		suspend_flag = 1;
	else if (sig == SIGWINCH) {
		/* curses' handler only notes the new size for KEY_RESIZE */
		if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN &&
		    curses_winch.sa_handler != NULL)
			curses_winch.sa_handler(sig);
	} else
		quit_flag = 1;
	if (sigpipe_fd[1] >= 0)
		(void)!write(sigpipe_fd[1], "", 1);
	errno = saved;
}

int
term_signal_fd(void)
{
	return sigpipe_fd[0];
}

void
term_drain_signals(void)
{
	char buf[64];

	while (sigpipe_fd[0] >= 0 && read(sigpipe_fd[0], buf, sizeof buf) > 0)
		;
}

bool
term_suspend_requested(void)
{
	bool s = suspend_flag != 0;
	suspend_flag = 0;
	return s;
}

void
term_suspend(void)
{
	struct sigaction dfl = { 0 }, mine = { 0 };

	endwin();
	fflush(stdout);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, NULL);
	raise(SIGTSTP);		/* stopped here until SIGCONT (fg) */
	mine.sa_handler = on_signal;
	sigemptyset(&mine.sa_mask);
	sigaction(SIGTSTP, &mine, NULL);
	/* back: curses repaints everything on the next refresh */
	clearok(curscr, TRUE);
}

bool
term_quit_requested(void)
{
	return quit_flag != 0;
}

static attr_t
attrs_of(unsigned a)
{
	return (a & THEME_A_BOLD ? A_BOLD : 0) | (a & THEME_A_DIM ? A_DIM : 0) |
	    (a & THEME_A_UNDERLINE ? A_UNDERLINE : 0) | (a & THEME_A_REVERSE ? A_REVERSE : 0) |
	    (a & THEME_A_ITALIC ? A_ITALIC : 0) | (a & THEME_A_BLINK ? A_BLINK : 0);
}

/*
 * The roles for theme t. Reverse and bold work everywhere; colour is only
 * an addition, on the terminal's own background (-1) so that a dark and
 * a light terminal both keep their text readable.
 */
static void
set_roles(const struct theme *t, bool want_color)
{
	enum theme_base base = t != NULL ? t->base : THEME_DEFAULT;

	roles[TR_NORMAL] = A_NORMAL;
	roles[TR_HEADER] = A_BOLD | A_UNDERLINE;
	roles[TR_SELECTED] = base == THEME_HIGH_CONTRAST ? A_REVERSE | A_BOLD : A_REVERSE;
	roles[TR_PROBLEM] = A_BOLD;
	roles[TR_STATUS] = A_REVERSE;
	roles[TR_STATUS_BAD] = A_REVERSE | A_BOLD;
	/* dim text all but vanishes on some light and high-contrast set-ups */
	roles[TR_DIM] = base == THEME_DEFAULT || base == THEME_MONO ? A_DIM : A_NORMAL;
	roles[TR_MARKED] = A_BOLD;
	color = want_color && start_color() == OK && COLORS >= 8;
	if (color) {
		use_default_colors();
		init_pair(PAIR_PROBLEM, COLOR_RED, -1);
		init_pair(PAIR_STATUS_BAD, COLOR_WHITE, COLOR_RED);
		if (base == THEME_LIGHT)
			init_pair(PAIR_STATUS, COLOR_WHITE, COLOR_BLUE);
		else if (base == THEME_HIGH_CONTRAST)
			init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_WHITE);
		else
			init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_CYAN);
		roles[TR_PROBLEM] |= COLOR_PAIR(PAIR_PROBLEM);
		roles[TR_STATUS_BAD] = A_BOLD | COLOR_PAIR(PAIR_STATUS_BAD);
		roles[TR_STATUS] = COLOR_PAIR(PAIR_STATUS) |
		    (base == THEME_HIGH_CONTRAST ? A_BOLD : 0);
	}
	for (int i = 0; t != NULL && i < THEME_NELEMENTS && i < TR_NROLES; i++) {
		const struct theme_style *st = &t->el[i];
		if (!st->set)
			continue;
		roles[i] = attrs_of(st->attrs);
		if (color && PAIR_LINE + i < COLOR_PAIRS &&
		    init_pair((short)(PAIR_LINE + i), (short)theme_nearest(&st->fg, COLORS),
		    (short)theme_nearest(&st->bg, COLORS)) == OK)
			roles[i] |= COLOR_PAIR(PAIR_LINE + i);
	}
}

void
term_mouse_set(bool on)
{
	/* raw presses and releases: the panes tell clicks from double clicks */
	mouseinterval(0);
	mousemask(on ? ALL_MOUSE_EVENTS : 0, NULL);
	mouse_on = on;
}

bool
term_mouse_on(void)
{
	return mouse_on;
}

int
term_init(const struct theme *t)
{
	const char *no_color = getenv("NO_COLOR");
	struct sigaction sa = { 0 };

	if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "berth: cannot start the terminal (TERM=%s)\n",
		    getenv("TERM") ? getenv("TERM") : "unset");
		return -1;
	}
	active = true;
	{
		/* Without cursor addressing (TERM=dumb) nothing can be drawn. */
		const char *cup = tigetstr((char *)"cup");
		if (cup == NULL || cup == (char *)-1) {
			term_release();
			fprintf(stderr, "berth: cannot drive the terminal (TERM=%s): it has no "
			    "cursor addressing; use e.g. TERM=xterm, or 'berth ps'\n",
			    getenv("TERM") ? getenv("TERM") : "unset");
			return -1;
		}
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	/* Nothing is drawn on stdscr, but get_wch() refreshes it while it is
	 * "touched" (as it is after start-up), which would blank the screen
	 * under panes that redraw only what changed. */
	wnoutrefresh(stdscr);

	set_roles(t, !(t != NULL && t->base == THEME_MONO) &&
	    (no_color == NULL || *no_color == '\0') && has_colors());
	term_mouse_set(t != NULL && t->mouse);

	if (sigpipe_fd[0] < 0 && pipe(sigpipe_fd) == 0) {
		for (int i = 0; i < 2; i++) {
			fcntl(sigpipe_fd[i], F_SETFL, fcntl(sigpipe_fd[i], F_GETFL) | O_NONBLOCK);
			fcntl(sigpipe_fd[i], F_SETFD, FD_CLOEXEC);
		}
	}
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGWINCH, &sa, &curses_winch);
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

void
term_fini(void)
{
	if (!active)
		return;
	active = false;
	curs_set(1);
	endwin();
}

void
term_release(void)
{
	term_fini();
	if (screen != NULL)
		delscreen(screen);
	screen = NULL;
}

attr_t
term_attr(enum term_role r)
{
	return r < TR_NROLES ? roles[r] : A_NORMAL;
}

bool
term_has_color(void)
{
	return color;
}
