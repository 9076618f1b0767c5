/* version: the order of pack versions ("1.10.0" after "1.9.0"), so that
 * a kiosk offers the newest of two copies of a pack. */
#ifndef VV_COMMON_VERSION_H
#define VV_COMMON_VERSION_H

/* Compares two pack versions by Semantic Versioning 2.0.0's precedence:
 * the dot-separated parts of the core (before the first '-') in turn,
 * numbers as numbers; a missing part counts as 0 ("1.1" is "1.1.0"); a
 * pre-release ("-rc.1") comes before its release, and its parts compare
 * as the core's, with numbers before words and fewer parts first; build
 * metadata (from '+') is ignored. A part that is not a number compares
 * as ASCII text after every number, so any pack.xml version (schema:
 * [0-9A-Za-z.+-]+) has a place. Returns < 0, 0 or > 0 as `a` is older
 * than, as new as, or newer than `b`. Borrows both; NULL is older than
 * any version. */
int version_cmp(const char *a, const char *b);

#endif
