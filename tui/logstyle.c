/* SGR styles as curses attributes; colour pairs cached above term.c's own. */
#include "tui/logstyle.h"

#include "tui/term.h"
#include "tui/theme.h"

/* Above term.c's pairs: 1..3 for the themes, 16 + one per element for the
 * `color` lines. */
#define PAIR_FIRST 48
#define PAIR_CACHE 64
_Static_assert(16 + THEME_NELEMENTS <= PAIR_FIRST, "log colour pairs overlap term.c's");

static enum logstyle_mode mode = LOGSTYLE_MONO;
static struct {
	short fg, bg;
	bool used;
} cache[PAIR_CACHE];
static size_t next_slot;

void
logstyle_set_mode(enum logstyle_mode m)
{
	if (m == LOGSTYLE_COLOR && !term_has_color())
		m = LOGSTYLE_MONO;
	mode = m;
}

enum logstyle_mode
logstyle_mode(void)
{
	return mode;
}

/* Colour c as a curses colour number for this terminal; -1 = default. */
static short
curses_color(uint32_t c)
{
	if (SGR_KIND(c) == SGR_DEFAULT)
		return -1;
	if (COLORS >= 256) {
		if (SGR_KIND(c) == SGR_INDEX)
			return (short)SGR_VALUE(c);
		return (short)sgr_rgb_to_256(SGR_VALUE(c));
	}
	if (COLORS >= 16)
		return (short)sgr_to_16(c);
	return (short)(sgr_to_16(c) & 7);
}

static attr_t
pair_of(short fg, short bg)
{
	size_t max = COLOR_PAIRS > PAIR_FIRST ? (size_t)(COLOR_PAIRS - PAIR_FIRST) : 0;
	size_t slot;

	if (max > PAIR_CACHE)
		max = PAIR_CACHE;
	if (max == 0)
		return A_NORMAL;
	for (size_t i = 0; i < max; i++)
		if (cache[i].used && cache[i].fg == fg && cache[i].bg == bg)
			return COLOR_PAIR((int)(PAIR_FIRST + i));
	slot = next_slot % max;
	next_slot = slot + 1;
	if (init_pair((short)(PAIR_FIRST + slot), fg, bg) != OK)
		return A_NORMAL;
	cache[slot].fg = fg;
	cache[slot].bg = bg;
	cache[slot].used = true;
	return COLOR_PAIR((int)(PAIR_FIRST + slot));
}

attr_t
logstyle_attr(const struct sgr_style *st)
{
	attr_t a = A_NORMAL;

	if (mode == LOGSTYLE_OFF)
		return A_NORMAL;
	if (st->flags & SGR_BOLD)
		a |= A_BOLD;
	if (st->flags & SGR_DIM)
		a |= A_DIM;
	if (st->flags & SGR_UNDERLINE)
		a |= A_UNDERLINE;
	if (st->flags & SGR_REVERSE)
		a |= A_REVERSE;
#ifdef A_ITALIC
	if (st->flags & SGR_ITALIC)
		a |= A_ITALIC;
#endif
	if (mode == LOGSTYLE_COLOR && (st->fg != SGR_DEFAULT || st->bg != SGR_DEFAULT))
		a |= pair_of(curses_color(st->fg), curses_color(st->bg));
	return a;
}

attr_t
logstyle_source(size_t i)
{
	/* cyan, yellow, green, magenta, blue, red, then the bright ones */
	static const uint8_t order[] = { 6, 3, 2, 5, 4, 1, 14, 11, 10, 13, 12, 9 };
	struct sgr_style st = SGR_PLAIN;

	if (!term_has_color())
		return A_BOLD;
	st.fg = SGR_INDEX | order[i % sizeof order];
	return pair_of(curses_color(st.fg), -1);
}

attr_t
logstyle_merge(attr_t base, attr_t a)
{
	if ((a & A_COLOR) != 0)
		base &= ~A_COLOR;
	return base | a;
}
