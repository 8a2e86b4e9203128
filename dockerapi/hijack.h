/* An exec or attach session: create, start with a hijacked (upgraded) connection, resize. */
#ifndef BERTH_HIJACK_H
#define BERTH_HIJACK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "dockerapi/dapi.h"

struct hijack;

/*
 * POST /containers/{id}/exec {AttachStdin, AttachStdout, AttachStderr,
 * Tty: true, Cmd: argv}. Writes the exec id into exec_id. Blocks (short
 * request). Returns 0 or -1 with err.
 */
int hijack_exec_create(struct dapi_client *c, const char *id,
    const char *const *argv, size_t argc, char *exec_id, size_t idsz,
    struct dapi_error *err);

/*
 * POST /exec/{exec_id}/start with Upgrade: tcp / Connection: Upgrade over a
 * CONNECT_ONLY curl handle (so unix sockets and TLS both work), and take
 * over the connection once the engine answers 101 (or 200 from old
 * engines). Blocks up to 10 s for the answer. NULL with err on failure.
 */
struct hijack *hijack_start(struct dapi_client *c, const char *exec_id,
    struct dapi_error *err);
/*
 * POST /containers/{id}/attach?stream=1&stdin=input&stdout=1&stderr=1
 * (&detachKeys=detach_keys unless NULL or ""), upgraded the same way: the
 * container's main process, its output multiplexed unless it has a TTY
 * (dockerapi/logframe). Closing the connection detaches and sends no
 * signal. Blocks up to 10 s for the answer. NULL with err on failure.
 */
struct hijack *hijack_attach(struct dapi_client *c, const char *id, bool input,
    const char *detach_keys, struct dapi_error *err);
/* The socket to poll for input. */
int hijack_fd(const struct hijack *h);
/* Send all n bytes (waits for the socket as needed). 0 or -1. */
int hijack_send(struct hijack *h, const void *buf, size_t n);
/* Read what is there: > 0 bytes, 0 at end of stream, -1 on error,
 * -2 when nothing is ready yet. */
ssize_t hijack_recv(struct hijack *h, void *buf, size_t n);
void hijack_close(struct hijack *h);

/* POST /exec/{exec_id}/resize?h=rows&w=cols. 0 or -1. */
int hijack_resize(struct dapi_client *c, const char *exec_id, int rows, int cols);
/* POST /containers/{id}/resize?h=rows&w=cols (an attached TTY). 0 or -1. */
int hijack_resize_container(struct dapi_client *c, const char *id, int rows, int cols);
/* GET /exec/{exec_id}/json: the exit code once it ended. 0 or -1 (still
 * running, or unknown). */
int hijack_exit_code(struct dapi_client *c, const char *exec_id, int *code);

#endif
