/* Sorting and filtering of container rows. */
#include "model/rowsel.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const key_names[ROWSEL_NKEYS] = {
	"problems", "name", "service", "image", "state", "uptime", "cpu", "mem", "net",
	"engine"
};

const char *
rowsel_key_name(enum rowsel_key k)
{
	return k < ROWSEL_NKEYS ? key_names[k] : "?";
}

bool
rowsel_key_needs_stats(enum rowsel_key k)
{
	return k == ROWSEL_CPU || k == ROWSEL_MEM || k == ROWSEL_NET;
}

bool
rowsel_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (hay == NULL)
		return false;
	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

bool
rowsel_match(const struct ctable_row *r, const char *f)
{
	if (f == NULL || *f == '\0')
		return true;
	return rowsel_contains_ci(r->c.name, f) ||
	    rowsel_contains_ci(r->c.image, f) ||
	    rowsel_contains_ci(r->ident.service, f) ||
	    rowsel_contains_ci(r->ident.branch, f) ||
	    rowsel_contains_ci(r->c.virtual_host, f);
}

static int
cmp_str(const char *a, const char *b)
{
	return strcasecmp(a != NULL ? a : "", b != NULL ? b : "");
}

static int
cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

/* Higher rank = more urgent. */
static int
state_rank(const struct ctable_row *r)
{
	if (ctable_row_problem(r))
		return 3;
	switch (r->c.state) {
	case DAPI_ST_RUNNING: return 1;
	case DAPI_ST_PAUSED: return 2;
	default: return 0;
	}
}

static double
uptime_key(const struct ctable_row *r)
{
	int64_t t = r->c.state == DAPI_ST_RUNNING ? r->c.started_at : r->c.finished_at;
	if (t == 0)
		t = r->c.created;
	return -(double)t;	/* longer uptime (earlier start) sorts later */
}

static double
stat_key(const struct ctable_row *r, enum rowsel_key k)
{
	if (!r->has_stats)
		return -1;
	switch (k) {
	case ROWSEL_CPU: return r->st.cpu_percent;
	case ROWSEL_MEM: return (double)r->st.mem_used;
	case ROWSEL_NET: return (r->st.rx_rate > 0 ? r->st.rx_rate : 0) +
	    (r->st.tx_rate > 0 ? r->st.tx_rate : 0);
	default: return 0;
	}
}

/* qsort has no context argument in C11, so the key lives here (UI thread only). */
static const struct rowsel_opts *sort_opts;

static int
row_cmp(const void *pa, const void *pb)
{
	const struct ctable_row *a = *(struct ctable_row *const *)pa;
	const struct ctable_row *b = *(struct ctable_row *const *)pb;
	int c = 0;

	switch (sort_opts->key) {
	case ROWSEL_PROBLEMS:
		c = -cmp_num(ctable_row_problem(a), ctable_row_problem(b));
		break;
	case ROWSEL_NAME:
		break;
	case ROWSEL_SERVICE:
		c = cmp_str(a->ident.service, b->ident.service);
		if (c == 0)
			c = cmp_str(a->ident.branch, b->ident.branch);
		break;
	case ROWSEL_IMAGE:
		c = cmp_str(a->c.image, b->c.image);
		break;
	case ROWSEL_STATE:
		c = -cmp_num(state_rank(a), state_rank(b));
		break;
	case ROWSEL_UPTIME:
		c = cmp_num(uptime_key(a), uptime_key(b));
		break;
	case ROWSEL_CPU:
	case ROWSEL_MEM:
	case ROWSEL_NET:
		c = -cmp_num(stat_key(a, sort_opts->key), stat_key(b, sort_opts->key));
		break;
	case ROWSEL_ENGINE:
		c = cmp_num(a->engine, b->engine);
		if (c == 0)
			c = -cmp_num(ctable_row_problem(a), ctable_row_problem(b));
		break;
	case ROWSEL_NKEYS:
		break;
	}
	if (c == 0)
		c = cmp_str(a->c.name, b->c.name);
	if (c == 0)
		c = cmp_num(a->engine, b->engine);
	if (c == 0)
		c = strcmp(a->c.id, b->c.id);
	return sort_opts->reverse ? -c : c;
}

size_t
rowsel_build(const struct ctable *t, const struct rowsel_opts *o,
    struct ctable_row **out)
{
	size_t n = 0;

	for (size_t i = 0; i < ctable_count(t); i++) {
		struct ctable_row *r = ctable_at(t, i);
		if (o->one_engine && r->engine != o->engine)
			continue;
		if (o->running_only && r->c.state != DAPI_ST_RUNNING &&
		    r->c.state != DAPI_ST_RESTARTING && r->c.state != DAPI_ST_PAUSED)
			continue;
		if (!rowsel_match(r, o->filter))
			continue;
		out[n++] = r;
	}
	if (n > 1) {
		sort_opts = o;
		qsort(out, n, sizeof *out, row_cmp);
		sort_opts = NULL;
	}
	return n;
}
