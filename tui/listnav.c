/* Moving a list's selection and scroll position with the movement keys. */
#include "tui/listnav.h"

bool
listnav_move(enum listnav_step step, size_t *sel, size_t n, int page)
{
	long d, s;

	switch (step) {
	case LISTNAV_UP: d = -1; break;
	case LISTNAV_DOWN: d = 1; break;
	case LISTNAV_PAGE_UP: d = -(long)page; break;
	case LISTNAV_PAGE_DOWN: d = page; break;
	case LISTNAV_TOP: d = -(long)n; break;
	case LISTNAV_BOTTOM: d = (long)n; break;
	default: return false;
	}
	if (n == 0)
		return true;
	s = (long)*sel + d;
	if (s < 0)
		s = 0;
	if (s >= (long)n)
		s = (long)n - 1;
	*sel = (size_t)s;
	return true;
}

void
listnav_scroll(size_t sel, size_t *top, int rows)
{
	if (sel < *top)
		*top = sel;
	if (sel >= *top + (size_t)rows)
		*top = sel - (size_t)rows + 1;
}

bool
listnav_pan(enum listnav_step step, size_t *top, size_t n, int page)
{
	switch (step) {
	case LISTNAV_UP:
		if (*top > 0)
			(*top)--;
		break;
	case LISTNAV_DOWN:
		(*top)++;
		break;
	case LISTNAV_PAGE_UP:
		*top = *top > (size_t)page ? *top - (size_t)page : 0;
		break;
	case LISTNAV_PAGE_DOWN:
		*top += (size_t)page;
		break;
	case LISTNAV_TOP:
		*top = 0;
		break;
	case LISTNAV_BOTTOM:
		*top = n;
		break;
	default:
		return false;
	}
	return true;
}
