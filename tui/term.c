/* curses set-up and teardown; monochrome-safe attributes. */
#include "tui/term.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>

static bool active;
static SCREEN *screen;
static bool color;
static volatile sig_atomic_t quit_flag;
static attr_t roles[TR_NROLES];

static void
on_signal(int sig)
{
	(void)sig;
	quit_flag = 1;
}

bool
term_quit_requested(void)
{
	return quit_flag != 0;
}

int
term_init(bool mono)
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

	/* Reverse and bold work everywhere; colour is only an addition. */
	roles[TR_NORMAL] = A_NORMAL;
	roles[TR_HEADER] = A_BOLD | A_UNDERLINE;
	roles[TR_SELECTED] = A_REVERSE;
	roles[TR_PROBLEM] = A_BOLD;
	roles[TR_STATUS] = A_REVERSE;
	roles[TR_STATUS_BAD] = A_REVERSE | A_BOLD;
	roles[TR_DIM] = A_DIM;
	color = !mono && (no_color == NULL || *no_color == '\0') && has_colors();
	if (color && start_color() == OK) {
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_WHITE, COLOR_RED);
		init_pair(3, COLOR_BLACK, COLOR_CYAN);
		roles[TR_PROBLEM] |= COLOR_PAIR(1);
		roles[TR_STATUS_BAD] = A_BOLD | COLOR_PAIR(2);
		roles[TR_STATUS] = COLOR_PAIR(3);
	} else {
		color = false;
	}

	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
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
