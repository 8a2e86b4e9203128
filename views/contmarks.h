/* The containers pane's marks: what Space and * make, and the actions that then apply to all of them. */
#ifndef BERTH_CONTMARKS_H
#define BERTH_CONTMARKS_H

#include <stddef.h>

#include "keymaps/keymap.h"
#include "model/ctable.h"
#include "model/marks.h"

struct app;

/* Esc with marks: ask "Clear the N marks?", clear them on yes (m must
 * outlive the prompt: the pane's, and the pane stays open under it).
 * Returns VIEW_* bits. UI thread. */
int contmarks_clear(struct app *app, struct marks *m);

/* Action a (s r p K D or a custom command) on every marked container
 * still in app's table, in the order marked. Returns VIEW_* bits. UI thread. */
int contmarks_act(struct app *app, const struct marks *m, enum keymap_action a);

/* l with marks: the logs of the marked containers. UI thread. */
int contmarks_logs(struct app *app, const struct marks *m);

/* M: the mouse on or off, said in the status bar. UI thread. */
void contmarks_mouse_toggle(struct app *app);

/* "3 marked | " for the status bar, or "" without marks. Returns buf. Pure. */
const char *contmarks_note(const struct marks *m, char *buf, size_t n);

#endif
