/* SGR styles (tui/sgr) as curses attributes, with a small colour pair cache. */
#ifndef BERTH_LOGSTYLE_H
#define BERTH_LOGSTYLE_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/sgr.h"

enum logstyle_mode {
	LOGSTYLE_OFF,		/* `set log-colors off`: no styles at all */
	LOGSTYLE_MONO,		/* bold, dim, underline, reverse, italic; no colour */
	LOGSTYLE_COLOR		/* and colours, mapped to what the terminal has */
};

/* The mode for log text: LOGSTYLE_COLOR is lowered to LOGSTYLE_MONO when
 * the terminal shows no colour (NO_COLOR, the mono theme, no colours: see
 * term_has_color). UI thread, after term_init. */
void logstyle_set_mode(enum logstyle_mode m);
enum logstyle_mode logstyle_mode(void);

/*
 * The attributes that show st on this terminal: 24-bit colours become the
 * nearest of 256 (or of 16 or 8), each fg/bg pair gets a colour pair from
 * a small cache (the least recently made is reused when it is full).
 * A_NORMAL in LOGSTYLE_OFF. UI thread.
 */
attr_t logstyle_attr(const struct sgr_style *st);

/* Attributes of source number i of a merged log (a colour per source,
 * cycling; bold in monochrome). UI thread. */
attr_t logstyle_source(size_t i);

/* base (the line's own attributes) with span attributes a on top: a's
 * colour pair, if it has one, replaces base's. Pure. */
attr_t logstyle_merge(attr_t base, attr_t a);

#endif
