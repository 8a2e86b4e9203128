/* The images pane's pull (p): the reference asked, the pull on a thread of its own, progress in the status bar. */
#ifndef BERTH_IMGPULL_H
#define BERTH_IMGPULL_H

struct app;
struct resviews;

/*
 * p in the images pane r: under --read-only refuse (confirm_refused);
 * while a pull of r's is running, say so; else ask for the reference
 * (initial: proposed text, NULL none) and pull it on a new thread with
 * its own client for r's engine, with the X-Registry-Auth header of the
 * docker CLI's config (dockerapi/pull.c). Progress comes to the status
 * bar at most four times a second ("pulling REF: 3/5 layers, 12.3/40.1
 * MB"), then "pulled REF (digest ...)" or the refusal, and r refreshes.
 * When r closes (or berth quits) a pull still running is cancelled:
 * its fini waits up to 1.5 s for the thread, and nothing more of it
 * reaches the pane or the app. Returns the VIEW_*
 * result. UI thread.
 */
int imgpull_ask(struct resviews *r, struct app *app, const char *initial);

#endif
