/* Copying a value to the clipboard from any pane (OSC 52, `set clipboard`). */
#ifndef BERTH_COPY_H
#define BERTH_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "views/app.h"

/*
 * Copy text[0..len) (raw engine bytes are fine: only base64 reaches the
 * terminal) through tui/clip's OSC 52, unless `set clipboard off`; say
 * so in the status bar with `what` ("name", "3 lines"). Returns true if
 * it was sent (whole or cut). UI thread.
 */
bool views_copy(struct app *app, const char *text, size_t len, const char *what);

#endif
