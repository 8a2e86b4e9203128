/* The prune planner: what goes, what stays and why, sparing every image a unit's rollback needs. Pure. */
#ifndef BERTH_PRUNE_H
#define BERTH_PRUNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deploy/journal.h"
#include "dockerapi/resources.h"

/* What to prune (berth prune's options). */
struct prune_opts {
	bool images;		/* dangling images */
	bool all;		/* with images: every image no container uses;
				 * with volumes: named volumes too */
	bool containers;	/* stopped containers */
	bool volumes;		/* unused anonymous volumes (named with all) */
	bool networks;		/* unused networks that are not built in */
	int keep;		/* per unit: images of its `keep` newest successful
				 * deploys besides the current one are spared */
	/* only this unit's images are candidates (berth deploy --keep);
	 * NULL: every image */
	const char *service, *branch;
};

/* What the engine and the journal say, all borrowed. */
struct prune_input {
	const struct resources_image *images;
	size_t nimages;
	const struct resources_user *users;	/* every container */
	size_t nusers;
	const struct resources_volume *volumes;
	size_t nvolumes;
	const struct resources_network *networks;
	size_t nnetworks;
	const struct resources_df *df;		/* sizes; may be NULL */
	const struct journal_history *h;	/* this engine's deploys (journal_fold) */
};

enum prune_kind { PRUNE_CONTAINER, PRUNE_IMAGE, PRUNE_VOLUME, PRUNE_NETWORK };

/* One candidate: it goes, or it stays with a reason. Strings owned by the plan. */
struct prune_item {
	enum prune_kind kind;
	char *id;		/* what the DELETE names: container/image/network id, volume name */
	char *name;		/* as a person knows it: name, REPO:TAG, <none>:<none> */
	char **tags;		/* an image's tags (each removed in turn), ntags of them */
	size_t ntags;
	int64_t size;		/* bytes it frees (an image's own layers), -1 unknown */
	bool go;
	bool needed;		/* an image a unit runs or its rollback needs */
	size_t users;		/* containers using it (after the plan's container removals) */
	char why[200];		/* why it stays, or why it goes */
	/* the unit whose deploys name this image (the protected-branch rule), NULL none */
	char *service, *branch;
};

struct prune_plan {
	struct prune_item *items;	/* containers, images, volumes, networks */
	size_t n;
	size_t ngo;
	int64_t bytes;			/* what the items that go free, as far as known */
};

/*
 * Plan a prune of in under o into *plan (free with prune_plan_clear):
 * containers first (what goes no longer counts as a user), then images,
 * volumes and networks. An image stays when a remaining container uses
 * it, when it is tagged and o->all is off, or when a unit of in->h needs
 * it: for every (service, branch), the image of its newest successful
 * deploy (the one it runs now) and the next o->keep distinct images of
 * its successful deploys newest first (to, then from: the order
 * deploy/rollback.c tries), so `berth rollback` still finds one. Pure.
 */
void prune_plan_make(const struct prune_input *in, const struct prune_opts *o,
    struct prune_plan *plan);
void prune_plan_clear(struct prune_plan *plan);

/* "container", "image", "volume", "network". */
const char *prune_kind_name(enum prune_kind k);

#endif
