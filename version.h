/* made by make from git describe; empty in a tarball */
#define BERTH_COMMIT "7ea5def48eea-dirty"
