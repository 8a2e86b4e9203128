/* Test hooks of the deploy engine: BERTH_DEPLOY_PAUSE_AT stops a deploy at a step. */
#include "deploy/testhook.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t pause_resumed;

static void
on_resume(int sig)
{
	(void)sig;
	pause_resumed = 1;
}

void
testhook_pause_at(const char *step)
{
	const char *at = getenv("BERTH_DEPLOY_PAUSE_AT");
	struct sigaction sa = { 0 };

	if (at == NULL || strcmp(at, step) != 0)
		return;
	if (getenv("BERTH_DEPLOY_PAUSE_RESUME") != NULL) {
		sa.sa_handler = on_resume;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
	}
	fprintf(stderr, "berth: paused at %s (BERTH_DEPLOY_PAUSE_AT)\n", step);
	fflush(stderr);
	while (!pause_resumed)
		pause();
}
