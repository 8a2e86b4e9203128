/* The one place a pane's copy goes through: the config switch, then OSC 52. */
#include "views/copy.h"

#include <unistd.h>

#include "tui/clip.h"

bool
views_copy(struct app *app, const char *text, size_t len, const char *what)
{
	long n;

	if (app->opts.cfg != NULL && !app->opts.cfg->clipboard) {
		app_message(app, 4, "copy is off (set clipboard off in the config)");
		return false;
	}
	n = clip_osc52(STDOUT_FILENO, text, len);
	if (n < 0)
		app_message(app, 4, "could not copy: the terminal write failed");
	else if ((size_t)n < len)
		app_message(app, 4, "copied the first %ld bytes of the %s (OSC 52)", n, what);
	else
		app_message(app, 3, "copied the %s to the clipboard (OSC 52)", what);
	return n >= 0;
}
