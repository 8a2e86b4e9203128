/* Test hooks of the deploy engine: stop a deploy at a chosen step. */
#ifndef BERTH_TESTHOOK_H
#define BERTH_TESTHOOK_H

/*
 * Tests only (BERTH_DEPLOY_PAUSE_AT=STEP): after the journal record of
 * step, say so on stderr and wait to be killed, or, with
 * BERTH_DEPLOY_PAUSE_RESUME set, until SIGUSR1 (to break things
 * mid-deploy, then go on). Returns at once for any other step or when the
 * variable is unset. The deploying thread; blocks while paused.
 */
void testhook_pause_at(const char *step);

#endif
