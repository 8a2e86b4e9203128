/* poll()-driven main loop; all keys, resizes and wake-ups enter here. */
#include "tui/loop.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <unistd.h>

#include "monotime.h"
#include "tui/term.h"

static void
read_keys(const struct loop_handlers *h)
{
	wint_t wc;
	int rc;

	/* nodelay: drain everything typed so far, then draw once. */
	while ((rc = get_wch(&wc)) != ERR) {
		h->key(h->arg, (int)wc, rc == KEY_CODE_YES);
		if (h->done(h->arg))
			return;
	}
}

void
loop_run(const struct loop_handlers *h)
{
	uint64_t next_tick = monotime_ms() + (uint64_t)h->tick_ms;

	h->draw(h->arg);
	while (!h->done(h->arg) && !term_quit_requested()) {
		struct pollfd pfd[3] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = h->wake_fd, .events = POLLIN },
			{ .fd = term_signal_fd(), .events = POLLIN },
		};
		uint64_t now = monotime_ms();
		int timeout = next_tick > now ? (int)(next_tick - now) : 0;
		int n = poll(pfd, 3, timeout);

		if (n > 0 && (pfd[2].revents & POLLIN))
			term_drain_signals();
		if (term_suspend_requested()) {
			term_suspend();
			/* as after a resize: lay out again and repaint it all */
			h->key(h->arg, KEY_RESIZE, true);
		}
		if (n > 0 && (pfd[2].revents & POLLIN))
			read_keys(h);	/* a SIGWINCH becomes KEY_RESIZE here */

		if (n < 0 && errno != EINTR)
			break;
		/* EINTR is usually SIGWINCH: curses turns it into KEY_RESIZE. */
		if (n < 0 || (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			read_keys(h);
		if (n > 0 && (pfd[0].revents & (POLLHUP | POLLERR)) &&
		    !(pfd[0].revents & POLLIN))
			break;	/* the terminal went away */
		if (n > 0 && (pfd[1].revents & POLLIN))
			h->wake(h->arg);
		now = monotime_ms();
		if (now >= next_tick) {
			h->tick(h->arg);
			next_tick = now + (uint64_t)h->tick_ms;
		}
		h->draw(h->arg);
	}
}
