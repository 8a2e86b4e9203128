/* The redeploy create body: POST /containers/create from an old container's inspect. */
#ifndef BERTH_CREATEBODY_H
#define BERTH_CREATEBODY_H

#include <jansson.h>

/*
 * The body for POST /containers/create from the old container's inspect,
 * its image's inspect (NULL if that image is gone) and the new image's
 * ref: everything `docker run` set explicitly (values equal to the old
 * image's defaults are left for the new image to supply), Image = ref,
 * commit/build labels dropped so the new image's come through, anonymous
 * volumes kept by name, one network in NetworkingConfig and the others in
 * *extra_nets (an object name -> EndpointConfig, or NULL) to connect after
 * create. Returns a new reference; *extra_nets is one too. Inputs are not
 * changed. Pure; any thread.
 */
json_t *createbody_build(json_t *inspect, json_t *old_image, const char *ref,
    json_t **extra_nets);

/* Make body's container a member of the unit: the identity labels for
 * service and branch (a first deploy from a template). Pure. */
void createbody_add_unit(json_t *body, const char *service, const char *branch);

#endif
