/* made by make from git describe; empty in a tarball */
#define BERTH_COMMIT "3b82ff49f7b2-dirty"
