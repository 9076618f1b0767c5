/* sign: Ed25519 signatures (libsodium) in minisign's file formats: public
 * keys, secret keys (scrypt-encrypted, or explicitly not) and signatures
 * with a trusted comment (docs/FORMATS.md, "Keys and signatures"). Shared
 * by veiviser-build (keygen, sign, verify, publish), veiviser-play (trust
 * keys) and the kiosk updater. */
#ifndef VV_COMMON_SIGN_H
#define VV_COMMON_SIGN_H

#include <stddef.h>

#include "common/err.h"

#define SIGN_ID_BYTES 8
#define SIGN_PK_BYTES 32
/* A key id as minisign prints it: 16 uppercase hex digits and a NUL. */
#define SIGN_ID_HEX_SIZE 17
/* The largest key or signature file read (minisign's trusted comment may
 * be 8 KiB). */
#define SIGN_MAX_FILE 16384
/* The most public keys a trust folder may hold. */
#define SIGN_MAX_KEYS 256

struct sign_public {
	unsigned char id[SIGN_ID_BYTES];
	unsigned char pk[SIGN_PK_BYTES];
};

/* A secret key, held in libsodium's guarded memory. */
struct sign_secret;

/* A set of trusted public keys. */
struct sign_keyring {
	struct sign_public *keys;
	size_t n;
};

/* Writes the key id `id` as minisign prints it (16 uppercase hex digits of
 * the little-endian number) to `hex`. */
void sign_id_hex(const unsigned char id[SIGN_ID_BYTES],
		 char hex[SIGN_ID_HEX_SIZE]);

/* Makes a new key pair with a random key id. Returns VV_OK and a new key
 * in *out (free with sign_secret_free()), or VV_ERR_NOMEM / VV_ERR_INTERNAL
 * (libsodium could not start). */
enum vv_err sign_secret_new(struct sign_secret **out);

/* Frees and wipes a secret key. NULL is a no-op. */
void sign_secret_free(struct sign_secret *sk);

/* Fills *pub with the public half of `sk`. */
void sign_secret_public(const struct sign_secret *sk, struct sign_public *pub);

/* Returns minisign's secret key file text for `sk` (free() it), encrypted
 * with `password` through scrypt with minisign's limits, or unencrypted
 * when `password` is NULL; NULL when memory ran out. */
char *sign_secret_format(const struct sign_secret *sk, const char *password);

/* Returns non-zero when the secret key file text `text` is encrypted
 * (needs a password), 0 when it is not or is malformed. */
int sign_secret_is_encrypted(const char *text, size_t len);

/* Reads minisign's secret key file text `text` (`len` bytes), decrypting
 * it with `password` when it is encrypted. `name` (borrowed) names the
 * file in messages. Returns VV_OK and a new key in *out; or after one
 * line naming `name`: VV_ERR_FORMAT (not a minisign Ed25519 secret key,
 * truncated), VV_ERR_USAGE (encrypted and no password given),
 * VV_ERR_INTEGRITY (wrong password or damaged key), VV_ERR_NOMEM. */
enum vv_err sign_secret_parse(const char *text, size_t len,
			      const char *password, const char *name,
			      struct sign_secret **out);

/* Returns minisign's public key file text for `pub` (free() it), or NULL
 * when memory ran out. */
char *sign_public_format(const struct sign_public *pub);

/* Reads minisign's public key file text (an untrusted comment line, then
 * the base64 key), or the bare base64 line. Returns VV_OK, or
 * VV_ERR_FORMAT after one line naming `name`. */
enum vv_err sign_public_parse(const char *text, size_t len, const char *name,
			      struct sign_public *out);

/* Reads the public key file at `path`. Returns VV_OK, or VV_ERR_IO /
 * VV_ERR_FORMAT / VV_ERR_LIMIT after one line naming the file. */
enum vv_err sign_public_load(const char *path, struct sign_public *out);

/* Adds every "*.pub" file of the folder `dir` to `ring` (keys already in
 * it are not added twice). A missing folder adds nothing and is not an
 * error; an unreadable one, or a malformed key file in it, is refused
 * (VV_ERR_IO, VV_ERR_FORMAT, VV_ERR_LIMIT) after one line naming it.
 * Borrows `dir`. */
enum vv_err sign_keyring_load_dir(struct sign_keyring *ring, const char *dir);

/* Adds one key to `ring`. Returns VV_OK, VV_ERR_NOMEM or VV_ERR_LIMIT
 * (more than SIGN_MAX_KEYS). */
enum vv_err sign_keyring_add(struct sign_keyring *ring,
			     const struct sign_public *pub);

/* Frees the keys of `ring` and empties it. */
void sign_keyring_clear(struct sign_keyring *ring);

/* Signs `size` bytes of `msg` with `sk` as `minisign -S` does (Ed25519
 * over the BLAKE2b-512 hash of the message, algorithm "ED") with the
 * one-line trusted comment `comment` (no newline). Returns VV_OK and the
 * signature file text in *text (free() it), VV_ERR_USAGE when `comment`
 * holds a newline, or VV_ERR_NOMEM. */
enum vv_err sign_message(const struct sign_secret *sk, const void *msg,
			 size_t size, const char *comment, char **text);

/* Reads the key id of the signature file text `sig` without checking the
 * signature. Returns VV_OK, or VV_ERR_FORMAT (prints nothing). */
enum vv_err sign_signature_id(const char *sig, size_t sig_len,
			      unsigned char id[SIGN_ID_BYTES]);

/* Checks the signature file text `sig` over `size` bytes of `msg` against
 * the keys of `ring`; both signature algorithms of minisign ("Ed" over
 * the message, "ED" over its BLAKE2b-512 hash) and the trusted comment's
 * signature are checked. *id gets the signature's key id whenever it
 * could be read. Returns VV_OK (then *which, when not NULL, is the index
 * of the key in `ring`); VV_ERR_FORMAT: not a minisign signature;
 * VV_ERR_NOTFOUND: made by a key that is not in `ring`;
 * VV_ERR_INTEGRITY: the key is in `ring` but the signature does not match
 * (the message or the comment changed). Prints nothing. */
enum vv_err sign_verify(const char *sig, size_t sig_len, const void *msg,
			size_t size, const struct sign_keyring *ring,
			unsigned char id[SIGN_ID_BYTES], size_t *which);

/* Reads a password from the first line of the file at `path` (the
 * newline dropped) into a new sodium-guarded string (free with
 * sign_password_free()). Returns VV_OK, or VV_ERR_IO / VV_ERR_FORMAT
 * (empty) / VV_ERR_LIMIT after one line naming the file. */
enum vv_err sign_password_file(const char *path, char **out);

/* Asks for a password on the controlling terminal without echo, with
 * `prompt`; when `confirm` is non-zero, asks twice and refuses a
 * mismatch. Returns VV_OK and a new string (sign_password_free()), or
 * VV_ERR_USAGE after one line when there is no terminal, the answers
 * differ or the password is empty. */
enum vv_err sign_password_ask(const char *prompt, int confirm, char **out);

/* Wipes and frees a password. NULL is a no-op. */
void sign_password_free(char *password);

#endif
