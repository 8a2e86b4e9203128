/* KEY_MOUSE to table actions; double clicks timed here (mouseinterval is 0, see term.c). */
#include "tui/mouse.h"

#include <stdint.h>

#include "monotime.h"

/* The last press, for double clicks. UI thread only. */
static uint64_t last_ms;
static int last_y = -1;

int
mouse_column(const struct table *t, int x)
{
	int at = t->indent;

	for (int c = 0; c < t->ncols; c++) {
		if (t->width[c] == 0)
			continue;
		if (x >= at && x < at + t->width[c] + 1)
			return c;
		at += t->width[c] + 1;
	}
	return -1;
}

enum mouse_kind
mouse_table(struct table *t, WINDOW *w, size_t nrows, struct mouse_hit *hit)
{
	MEVENT ev;
	int y, x;
	uint64_t now;
	bool twice;

	hit->row = 0;
	hit->col = -1;
	if (getmouse(&ev) != OK)
		return MOUSE_NONE;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		enum listnav_step s = ev.bstate & BUTTON4_PRESSED ? LISTNAV_UP : LISTNAV_DOWN;
		for (int i = 0; i < MOUSE_WHEEL_ROWS; i++)
			table_move(t, s, nrows);
		return MOUSE_WHEEL;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return MOUSE_NONE;
	y = ev.y;
	x = ev.x;
	if (!wmouse_trafo(w, &y, &x, FALSE))
		return MOUSE_NONE;
	if (y == 0) {
		hit->col = mouse_column(t, x);
		return hit->col >= 0 ? MOUSE_HEADER : MOUSE_NONE;
	}
	hit->row = *t->top + (size_t)(y - 1);
	if (hit->row >= nrows || t->sel == NULL)
		return MOUSE_NONE;
	now = monotime_ms();
	twice = (ev.bstate & BUTTON1_DOUBLE_CLICKED) ||
	    (y == last_y && now - last_ms <= MOUSE_DOUBLE_MS);
	last_ms = twice ? 0 : now;
	last_y = y;
	*t->sel = hit->row;
	return twice ? MOUSE_DOUBLE : MOUSE_CLICK;
}

bool
mouse_table_moved(struct table *t, WINDOW *w, size_t nrows)
{
	struct mouse_hit h;
	enum mouse_kind k = mouse_table(t, w, nrows, &h);

	return k == MOUSE_WHEEL || k == MOUSE_CLICK || k == MOUSE_DOUBLE;
}
