/* The one drawing gate: sanitize, fit, draw. */
#include <stdlib.h>
#include <string.h>

#include "tui/gate.h"
#include "tui/sanitize.h"
#include "xmalloc.h"

/* sanitized text takes at most 4 bytes per column (a UTF-8 character),
 * so width * 8 bytes always hold more than the fitted part */
#define GATE_STACK 4096

int
gate_putn(WINDOW *w, int y, int x, int width, attr_t attr, const char *raw, size_t len)
{
	char sbuf[GATE_STACK], fbuf[GATE_STACK];
	char *safe = sbuf, *fit = fbuf;
	size_t need;
	int maxy, maxx, used;

	if (w == NULL || raw == NULL)
		return 0;
	getmaxyx(w, maxy, maxx);
	if (y < 0 || y >= maxy || x < 0 || x >= maxx)
		return 0;
	if (width > maxx - x)
		width = maxx - x;
	if (width <= 0)
		return 0;
	need = (size_t)width * 8 + 8;
	if (need > GATE_STACK) {
		safe = xmalloc(need);
		fit = xmalloc(need);
	} else {
		need = GATE_STACK;
	}
	/* only a prefix can show: do not scan a megabyte for 80 columns */
	if (len > need * 4)
		len = need * 4;
	sanitize_into(raw, len, safe, need);
	used = sanitize_fit(safe, width, fit, need);
	wattrset(w, attr);
	mvwaddstr(w, y, x, fit);
	if (safe != sbuf) {
		free(safe);
		free(fit);
	}
	return used;
}

int
gate_put(WINDOW *w, int y, int x, int width, attr_t attr, const char *raw)
{
	return gate_putn(w, y, x, width, attr, raw, raw != NULL ? strlen(raw) : 0);
}
