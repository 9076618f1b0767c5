/* path: file path strings shared by the builder and the player. */
#ifndef VV_COMMON_PATH_H
#define VV_COMMON_PATH_H

#include <sys/types.h>

/* Returns a new "dir/name" (free() it), or NULL when memory ran out.
 * Borrows both; adds exactly one slash and normalises nothing. */
char *path_join(const char *dir, const char *name);

/* mkdir -p: creates `path` and every missing parent with `mode` (less the
 * umask). Returns 0 when the directory exists afterwards, else -1 with
 * errno set (ENOENT for "", ENAMETOOLONG past PATH_MAX). */
int path_make_dirs(const char *path, mode_t mode);

#endif
