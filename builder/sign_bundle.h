/* sign_bundle: signs bundles (docs/FORMATS.md, "Keys and signatures"):
 * `veiviser-build keygen`, `veiviser-build sign` and `build --sign`. The
 * minisign formats themselves are in common/sign. */
#ifndef VV_BUILDER_SIGN_BUNDLE_H
#define VV_BUILDER_SIGN_BUNDLE_H

#include <stddef.h>

#include "common/err.h"
#include "common/sign.h"

/* Reads the secret key file `path`, asking for its password when it is
 * encrypted: from the first line of `password_file` when that is not
 * NULL, else on the terminal. Returns VV_OK and a new key in *out
 * (sign_secret_free()), or an error after one line naming the file. */
enum vv_err sign_bundle_load_key(const char *path, const char *password_file,
				 struct sign_secret **out);

/* Writes the trusted comment of a bundle signature to `buf`:
 * "timestamp:T\tfile:NAME", minisign's own shape, with T from
 * SOURCE_DATE_EPOCH when it is set (reproducible builds) and NAME the
 * bundle's file name. */
void sign_bundle_comment(const char *bundle_path, char *buf, size_t cap);

/* Signs the bundle at `path` with `sk`: checks it whole first (structure
 * and every member's hash), then rewrites it atomically with a signature
 * member over manifest.sha256 as its last member, replacing any earlier
 * signature. Returns VV_OK, or an error after one line naming the
 * bundle (the file is then untouched). */
enum vv_err sign_bundle_file(const char *path, const struct sign_secret *sk);

#endif
