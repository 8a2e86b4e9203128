/* The ':' command line: a pane or a keymap action by name. */
#ifndef BERTH_CMDLINE_H
#define BERTH_CMDLINE_H

struct app;

/* Open the command line at the bottom of the screen (a prompt with Tab
 * completion over every registered pane and every action name, and the
 * session's history in app->cmd_history). UI thread. */
void cmdline_open(struct app *app);

/*
 * Run one command line (leading ':' and blanks ignored): an action
 * bound in the current pane runs as if its key were pressed; a pane by
 * name is shown (the one on the stack, else opened the way the
 * containers pane opens it, else pushed with no argument); anything
 * else says so in the status bar. UI thread.
 */
void cmdline_run(struct app *app, const char *line);

#endif
