/* The prune planner: candidates from the engine's lists, spared by use, by tag and by the journal. */
#include "deploy/prune.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

const char *
prune_kind_name(enum prune_kind k)
{
	static const char *const names[] = { "container", "image", "volume", "network" };

	return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static struct prune_item *
plan_add(struct prune_plan *p, enum prune_kind k, const char *id, const char *name,
    int64_t size)
{
	struct prune_item *it;

	p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->id = xstrdup(id);
	it->name = xstrdup(name);
	it->size = size;
	return it;
}

static void
plan_go(struct prune_plan *p, struct prune_item *it, const char *why)
{
	it->go = true;
	snprintf(it->why, sizeof it->why, "%s", why);
	p->ngo++;
	if (it->size > 0)
		p->bytes += it->size;
}

static bool
stopped(const char *state)
{
	return streq(state, "exited") || streq(state, "created") || streq(state, "dead");
}

/* Is user i gone in this plan (a container that goes)? */
static bool
user_gone(const struct prune_input *in, const struct prune_opts *o, size_t i)
{
	return o->containers && stopped(in->users[i].state);
}

/* How many remaining users have image id. */
static size_t
image_users(const struct prune_input *in, const struct prune_opts *o, const char *id)
{
	size_t k = 0;

	for (size_t i = 0; i < in->nusers; i++)
		if (!user_gone(in, o, i) && streq(in->users[i].image_id, id))
			k++;
	return k;
}

/* Remaining users of a volume (vol) or a network. */
static size_t
list_users(const struct prune_input *in, const struct prune_opts *o, const char *name,
    bool vol)
{
	size_t k = 0;

	for (size_t i = 0; i < in->nusers; i++) {
		const struct resources_user *u = &in->users[i];
		if (user_gone(in, o, i))
			continue;
		k += vol ? resources_volume_users(u, 1, name, NULL, 0) :
		    resources_network_users(u, 1, name, NULL, 0);
	}
	return k;
}

/*
 * Why unit (service, branch) of h needs image, or "" when it does not:
 * the current image (newest success's to_image), or one of the next keep
 * distinct candidates after it.
 */
static void
unit_needs(const struct journal_history *h, const char *service, const char *branch,
    int keep, const char *image, char *why, size_t whysz)
{
	const char *seen[64];
	size_t nseen = 0;
	const char *current = NULL;

	why[0] = '\0';
	for (size_t i = h->n; i > 0; i--) {
		const struct journal_entry *e = &h->e[i - 1];
		const char *c[2] = { e->to_image, e->from_image };

		if (!streq(e->service, service) || !streq(e->branch, branch) ||
		    e->result != JOURNAL_SUCCEEDED)
			continue;
		if (current == NULL && e->to_image != NULL) {
			current = e->to_image;
			if (streq(current, image)) {
				snprintf(why, whysz, "%.80s/%.80s runs it (deploy %.20s)", service,
				    branch, e->id);
				return;
			}
		}
		for (int k = 0; k < 2; k++) {
			bool dup = false;
			if (c[k] == NULL || streq(c[k], current))
				continue;
			for (size_t s = 0; s < nseen; s++)
				dup = dup || streq(seen[s], c[k]);
			if (dup)
				continue;
			if (nseen >= (size_t)keep || nseen >= sizeof seen / sizeof seen[0])
				return;
			seen[nseen++] = c[k];
			if (streq(c[k], image)) {
				snprintf(why, whysz, "rollback of %.60s/%.60s needs it (deploy %.20s, "
				    "--keep %d)", service, branch, e->id, keep);
				return;
			}
		}
	}
}

/* Why some unit of h needs image, "" if none; into svc and br (borrowed)
 * the unit that needs it, else the last one whose deploys name it. */
static void
image_needed(const struct prune_input *in, const struct prune_opts *o, const char *image,
    char *why, size_t whysz, const char **svc, const char **br)
{
	const struct journal_history *h = in->h;

	why[0] = '\0';
	*svc = *br = NULL;
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n && why[0] == '\0'; i++) {
		const struct journal_entry *e = &h->e[i];
		bool dup = false;

		if (e->service == NULL || e->branch == NULL)
			continue;
		if (streq(e->to_image, image) || streq(e->from_image, image)) {
			*svc = e->service;
			*br = e->branch;
		}
		for (size_t j = 0; j < i && !dup; j++)
			dup = streq(h->e[j].service, e->service) && streq(h->e[j].branch, e->branch);
		if (!dup) {
			unit_needs(h, e->service, e->branch, o->keep, image, why, whysz);
			if (why[0] != '\0') {	/* the unit that needs it is the one to protect */
				*svc = e->service;
				*br = e->branch;
			}
		}
	}
}

/* Does unit (o->service, o->branch) name image in the journal? */
static bool
image_of_unit(const struct prune_input *in, const struct prune_opts *o, const char *image)
{
	for (size_t i = 0; in->h != NULL && i < in->h->n; i++) {
		const struct journal_entry *e = &in->h->e[i];
		if (streq(e->service, o->service) && streq(e->branch, o->branch) &&
		    (streq(e->to_image, image) || streq(e->from_image, image)))
			return true;
	}
	return false;
}

/* The disk use figures of a volume or an image, NULL unknown. */
static const struct resources_df_item *
df_item(const struct prune_input *in, bool vol, const char *name)
{
	if (in->df == NULL)
		return NULL;
	return vol ? resources_df_find(in->df->vols, in->df->nvols, name) :
	    resources_df_find(in->df->imgs, in->df->nimgs, name);
}

static void
plan_images(const struct prune_input *in, const struct prune_opts *o, struct prune_plan *p)
{
	for (size_t i = 0; i < in->nimages; i++) {
		const struct resources_image *im = &in->images[i];
		const struct resources_df_item *d = df_item(in, false, im->id);
		int64_t size = d != NULL && d->size >= 0 ? d->size - d->shared : im->size;
		char why[200], name[600];
		const char *svc, *br;
		size_t users;
		struct prune_item *it;

		if (o->service != NULL && !image_of_unit(in, o, im->id))
			continue;
		snprintf(name, sizeof name, "%s%s", im->ntags > 0 ? im->tags[0] : "<none>:<none>",
		    im->ntags > 1 ? " (and more tags)" : "");
		it = plan_add(p, PRUNE_IMAGE, im->id, name, size);
		if (im->ntags > 0) {
			it->tags = xreallocarray(NULL, im->ntags, sizeof *it->tags);
			for (size_t t = 0; t < im->ntags; t++)
				it->tags[t] = xstrdup(im->tags[t]);
			it->ntags = im->ntags;
		}
		image_needed(in, o, im->id, why, sizeof why, &svc, &br);
		it->service = svc != NULL ? xstrdup(svc) : NULL;
		it->branch = br != NULL ? xstrdup(br) : NULL;
		it->needed = why[0] != '\0';
		it->users = users = image_users(in, o, im->id);
		if (users > 0)
			snprintf(it->why, sizeof it->why, "in use by %zu container%s", users,
			    users == 1 ? "" : "s");
		else if (why[0] != '\0')
			snprintf(it->why, sizeof it->why, "%s", why);
		else if (im->ntags > 0 && !o->all)
			snprintf(it->why, sizeof it->why, "tagged (--all removes unused tagged images)");
		else
			plan_go(p, it, im->ntags > 0 ? "unused" : "dangling");
	}
}

static void
plan_volumes(const struct prune_input *in, const struct prune_opts *o, struct prune_plan *p)
{
	for (size_t i = 0; i < in->nvolumes; i++) {
		const struct resources_volume *v = &in->volumes[i];
		const struct resources_df_item *d = df_item(in, true, v->name);
		struct prune_item *it = plan_add(p, PRUNE_VOLUME, v->name, v->name,
		    d != NULL ? d->size : -1);
		size_t users = it->users = list_users(in, o, v->name, true);

		if (users > 0)
			snprintf(it->why, sizeof it->why, "in use by %zu container%s", users,
			    users == 1 ? "" : "s");
		else if (!v->anonymous && !o->all)
			snprintf(it->why, sizeof it->why, "named (--all removes unused named volumes)");
		else
			plan_go(p, it, v->anonymous ? "unused anonymous volume" : "unused");
	}
}

static void
plan_networks(const struct prune_input *in, const struct prune_opts *o, struct prune_plan *p)
{
	for (size_t i = 0; i < in->nnetworks; i++) {
		const struct resources_network *nw = &in->networks[i];
		struct prune_item *it;
		size_t users;

		if (nw->builtin)
			continue;
		it = plan_add(p, PRUNE_NETWORK, nw->id, nw->name, 0);
		if ((users = it->users = list_users(in, o, nw->name, false)) > 0)
			snprintf(it->why, sizeof it->why, "in use by %zu container%s", users,
			    users == 1 ? "" : "s");
		else
			plan_go(p, it, "unused");
	}
}

void
prune_plan_make(const struct prune_input *in, const struct prune_opts *o,
    struct prune_plan *plan)
{
	memset(plan, 0, sizeof *plan);
	if (o->containers)
		for (size_t i = 0; i < in->nusers; i++) {
			const struct resources_user *u = &in->users[i];
			struct prune_item *it = plan_add(plan, PRUNE_CONTAINER, u->id, u->name, -1);
			if (user_gone(in, o, i))
				plan_go(plan, it, u->state);
			else
				snprintf(it->why, sizeof it->why, "%s", u->state);
		}
	if (o->images)
		plan_images(in, o, plan);
	if (o->volumes)
		plan_volumes(in, o, plan);
	if (o->networks)
		plan_networks(in, o, plan);
}

/* Everything an item owns. */
static void
item_clear(struct prune_item *it)
{
	char *owned[] = { it->id, it->name, it->service, it->branch };

	for (size_t k = 0; k < sizeof owned / sizeof owned[0]; k++)
		free(owned[k]);
	while (it->ntags > 0)
		free(it->tags[--it->ntags]);
	free(it->tags);
}

void
prune_plan_clear(struct prune_plan *plan)
{
	while (plan->n > 0)
		item_clear(&plan->items[--plan->n]);
	free(plan->items);
	memset(plan, 0, sizeof *plan);	/* ngo and bytes too */
}
