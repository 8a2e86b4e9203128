/*
 * Table cells of a container record (containers pane, deploys matrix,
 * berth ps). Pure, any thread, caller buffers; each returns buf. The text
 * is raw engine text where it says so: sanitize before drawing.
 */
#ifndef BERTH_CFMT_H
#define BERTH_CFMT_H

#include <stddef.h>
#include <stdint.h>

#include "dockerapi/records.h"

/* State cell: "running", "running healthy", "running UNHEALTHY",
 * "exited(3)", "restarting", "paused", "created", "dead(1)". */
const char *cfmt_state(const struct dapi_container *c, char *buf, size_t bufsz);
/* Uptime cell at `now`: running -> time since start; exited -> "5m ago"
 * since finish; created -> "-". */
const char *cfmt_uptime(const struct dapi_container *c, int64_t now, char *buf, size_t bufsz);
/* Ports: "127.0.0.1:8080->80/tcp, 443/tcp" (raw engine text; sanitize). */
const char *cfmt_ports(const struct dapi_container *c, char *buf, size_t bufsz);

#endif
