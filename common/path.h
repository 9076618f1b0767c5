/* path: file path strings shared by the builder and the player. */
#ifndef VV_COMMON_PATH_H
#define VV_COMMON_PATH_H

/* Returns a new "dir/name" (free() it), or NULL when memory ran out.
 * Borrows both; adds exactly one slash and normalises nothing. */
char *path_join(const char *dir, const char *name);

#endif
