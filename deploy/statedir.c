/* The state directory's sharing rule: modes and ownership of the journal and locks. */
#include "deploy/statedir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int
statedir_probe(const char *dir, struct statedir *sd)
{
	struct stat st;

	sd->shared = false;
	sd->gid = (gid_t)-1;
	if (stat(dir, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	/* a world-writable directory is no place to share from */
	sd->shared = (st.st_mode & (S_IWGRP | S_IWOTH)) == S_IWGRP;
	sd->gid = st.st_gid;
	return 0;
}

mode_t
statedir_file_mode(const struct statedir *sd)
{
	return sd->shared ? 0660 : 0640;
}

mode_t
statedir_dir_mode(const struct statedir *sd)
{
	return sd->shared ? 02770 : 0750;
}

void
statedir_adopt(int fd, const struct statedir *sd, bool is_dir)
{
	struct stat st;

	/* a member of the group may give its file to the group; if not, the
	 * check of the next user says so */
	if (sd->shared && fstat(fd, &st) == 0 && st.st_gid != sd->gid)
		(void)fchown(fd, (uid_t)-1, sd->gid);
	(void)fchmod(fd, is_dir ? statedir_dir_mode(sd) : statedir_file_mode(sd));
}

int
statedir_check(int fd, const struct statedir *sd, bool is_dir, char *why, size_t whysz)
{
	struct stat st;

	if (fstat(fd, &st) != 0) {
		snprintf(why, whysz, "cannot be examined");
		return -1;
	}
	if (is_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) {
		snprintf(why, whysz, "is not a %s", is_dir ? "directory" : "regular file");
		errno = is_dir ? ENOTDIR : EINVAL;
		return -1;
	}
	if ((st.st_mode & S_IWOTH) != 0) {
		snprintf(why, whysz, "is world-writable (chmod o-w it)");
		errno = EPERM;
		return -1;
	}
	if (!sd->shared)
		return 0;
	if (st.st_gid != sd->gid) {
		snprintf(why, whysz, "belongs to group %ld, not to the state directory's group %ld",
		    (long)st.st_gid, (long)sd->gid);
		errno = EPERM;
		return -1;
	}
	/* made before the directory was shared: share it now */
	if ((st.st_mode & S_IWGRP) == 0 && st.st_uid == geteuid())
		(void)fchmod(fd, (st.st_mode & 07777) | S_IRGRP | S_IWGRP);
	return 0;
}

int
statedir_open(const char *path, int flags, const struct statedir *sd, char *why, size_t whysz)
{
	int fd, e;

	flags |= O_NOFOLLOW | O_CLOEXEC;
	why[0] = '\0';
	fd = open(path, flags);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, flags | O_CREAT | O_EXCL, statedir_file_mode(sd));
		if (fd >= 0)
			statedir_adopt(fd, sd, false);
		else if (errno == EEXIST)	/* another berth made it first */
			fd = open(path, flags);
	}
	if (fd < 0)
		return -1;
	if (statedir_check(fd, sd, false, why, whysz) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
statedir_subdir(const char *path, const struct statedir *sd, char *why, size_t whysz)
{
	bool made = false;
	int fd, e;

	why[0] = '\0';
	if (mkdir(path, statedir_dir_mode(sd)) == 0)
		made = true;
	else if (errno != EEXIST)
		return -1;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		if (e == ELOOP || e == ENOTDIR)
			snprintf(why, whysz, "is a symlink or not a directory (remove it)");
		errno = e;
		return -1;
	}
	if (made)
		statedir_adopt(fd, sd, true);
	if (statedir_check(fd, sd, true, why, whysz) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}
