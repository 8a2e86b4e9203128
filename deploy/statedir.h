/* The state directory's sharing rule: modes and ownership of the journal and locks. */
#ifndef BERTH_STATEDIR_H
#define BERTH_STATEDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * A state directory is shared when it is group-writable (what
 * `install -d -m 2775 -g docker /var/lib/berth` makes): then the files and
 * directories berth creates in it are group-writable too (0660, 02770) and
 * carry the directory's group, so every member of the group can deploy and
 * every deploy lands in one journal. Otherwise they stay private (0640,
 * 0750). Nothing berth creates is ever world-writable.
 */
struct statedir {
	bool shared;
	gid_t gid;		/* the directory's group */
};

/* Look at the existing directory dir. Returns 0, or -1 with errno (stat
 * failed, or dir is not a directory: ENOTDIR). Any thread; blocks. */
int statedir_probe(const char *dir, struct statedir *sd);

/* The mode for a new file (0660 shared, else 0640) or directory (02770
 * shared, else 0750). */
mode_t statedir_file_mode(const struct statedir *sd);
mode_t statedir_dir_mode(const struct statedir *sd);

/*
 * fd was just created by us (O_CREAT|O_EXCL): give it its mode whatever
 * the umask and, when shared, the directory's group (the setgid bit does
 * that already; a directory without it needs the chown). Any thread.
 */
void statedir_adopt(int fd, const struct statedir *sd, bool is_dir);

/*
 * Check an opened journal or lock file (or the locks directory) before
 * writing: a regular file (directory when is_dir); never world-writable;
 * in a shared directory, of the directory's group (a file of another group
 * is refused, not silently shared). A file of ours from before the
 * directory was shared is made group-writable. Returns 0, or -1 with why
 * (a short English reason, e.g. "is world-writable") filled. Any thread.
 */
int statedir_check(int fd, const struct statedir *sd, bool is_dir, char *why, size_t whysz);

/*
 * Open the journal or a lock file at path for flags (O_RDWR, O_APPEND...;
 * O_NOFOLLOW and O_CLOEXEC are added), creating it when missing (then
 * statedir_adopt), and statedir_check it. Returns the fd, or -1: with why
 * empty and errno from open (ELOOP: a symlink), or with why filled when
 * the check refused the file. Any thread; blocks.
 */
int statedir_open(const char *path, int flags, const struct statedir *sd, char *why, size_t whysz);

/*
 * Make the directory path (mkdir path's last component if missing, with
 * statedir_dir_mode) inside the state directory sd describes, refusing a
 * symlink in its place, and check it with statedir_check. Returns 0, or -1
 * with errno set: why empty when mkdir or open failed, else the reason it
 * was refused. Any thread; blocks.
 */
int statedir_subdir(const char *path, const struct statedir *sd, char *why, size_t whysz);

#endif
