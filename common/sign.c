/* sign: Ed25519 signatures in minisign's file formats. The layouts are
 * minisign's (src/minisign.h there): each binary record is stored as one
 * line of standard base64 after an "untrusted comment:" line. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "common/file.h"
#include "common/i18n.h"
#include "common/path.h"
#include "common/sign.h"

#define SK_BYTES crypto_sign_SECRETKEYBYTES   /* 64 */
#define SIG_BYTES crypto_sign_BYTES           /* 64 */
#define CHK_BYTES crypto_generichash_BYTES    /* 32 */
#define SALT_BYTES crypto_pwhash_scryptsalsa208sha256_SALTBYTES /* 32 */
/* minisign's key generation limits (its -G). */
#define KDF_OPSLIMIT crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE
#define KDF_MEMLIMIT crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE
/* What a key file may ask of scrypt: a hostile file must not take all
 * memory. Twice minisign's own limits. */
#define KDF_MAX_OPS (2ull * KDF_OPSLIMIT)
#define KDF_MAX_MEM (2ull * KDF_MEMLIMIT)
#define PASSWORD_MAX 1024

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "

/* Binary records, byte for byte as minisign stores them. */
struct keynum_sk {
	unsigned char id[SIGN_ID_BYTES];
	unsigned char sk[SK_BYTES];
	unsigned char chk[CHK_BYTES];
};

struct seckey_record {
	unsigned char sig_alg[2];   /* "Ed" */
	unsigned char kdf_alg[2];   /* "Sc", or two zero bytes: unencrypted */
	unsigned char chk_alg[2];   /* "B2" */
	unsigned char salt[SALT_BYTES];
	unsigned char opslimit_le[8];
	unsigned char memlimit_le[8];
	struct keynum_sk keynum_sk;
};

struct pubkey_record {
	unsigned char sig_alg[2];   /* "Ed" */
	unsigned char id[SIGN_ID_BYTES];
	unsigned char pk[SIGN_PK_BYTES];
};

struct sig_record {
	unsigned char sig_alg[2];   /* "Ed": the message; "ED": its hash */
	unsigned char id[SIGN_ID_BYTES];
	unsigned char sig[SIG_BYTES];
};

_Static_assert(sizeof(struct seckey_record) == 158, "minisign secret key");
_Static_assert(sizeof(struct pubkey_record) == 42, "minisign public key");
_Static_assert(sizeof(struct sig_record) == 74, "minisign signature");

struct sign_secret {
	unsigned char id[SIGN_ID_BYTES];
	unsigned char sk[SK_BYTES];
};

static int sodium_ready(void)
{
	return sodium_init() >= 0;
}

static uint64_t le64_load(const unsigned char p[8])
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void le64_store(unsigned char p[8], uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

void sign_id_hex(const unsigned char id[SIGN_ID_BYTES],
		 char hex[SIGN_ID_HEX_SIZE])
{
	snprintf(hex, SIGN_ID_HEX_SIZE, "%016llX",
		 (unsigned long long)le64_load(id));
}

enum vv_err sign_secret_new(struct sign_secret **out)
{
	struct sign_secret *sk;
	unsigned char pk[SIGN_PK_BYTES];

	*out = NULL;
	if (!sodium_ready())
		return VV_ERR_INTERNAL;
	sk = sodium_malloc(sizeof *sk);
	if (!sk)
		return VV_ERR_NOMEM;
	randombytes_buf(sk->id, sizeof sk->id);
	crypto_sign_keypair(pk, sk->sk);
	*out = sk;
	return VV_OK;
}

void sign_secret_free(struct sign_secret *sk)
{
	if (sk)
		sodium_free(sk); /* wipes */
}

void sign_secret_public(const struct sign_secret *sk, struct sign_public *pub)
{
	memcpy(pub->id, sk->id, sizeof pub->id);
	crypto_sign_ed25519_sk_to_pk(pub->pk, sk->sk);
}

/* minisign's checksum: BLAKE2b-256 of sig_alg, key id and secret key. */
static void seckey_chk(unsigned char chk[CHK_BYTES],
		       const struct seckey_record *r)
{
	crypto_generichash_state hs;

	crypto_generichash_init(&hs, NULL, 0, CHK_BYTES);
	crypto_generichash_update(&hs, r->sig_alg, sizeof r->sig_alg);
	crypto_generichash_update(&hs, r->keynum_sk.id, sizeof r->keynum_sk.id);
	crypto_generichash_update(&hs, r->keynum_sk.sk, sizeof r->keynum_sk.sk);
	crypto_generichash_final(&hs, chk, CHK_BYTES);
}

/* XORs the key part of `r` with scrypt(password, salt). Returns 0, or -1
 * when scrypt could not run (memory). */
static int seckey_crypt(struct seckey_record *r, const char *password)
{
	unsigned char *stream = sodium_malloc(sizeof r->keynum_sk);
	unsigned char *p = (unsigned char *)&r->keynum_sk;
	size_t i;

	if (!stream)
		return -1;
	if (crypto_pwhash_scryptsalsa208sha256(
		    stream, sizeof r->keynum_sk, password, strlen(password),
		    r->salt, le64_load(r->opslimit_le),
		    (size_t)le64_load(r->memlimit_le)) != 0) {
		sodium_free(stream);
		return -1;
	}
	for (i = 0; i < sizeof r->keynum_sk; i++)
		p[i] ^= stream[i];
	sodium_free(stream);
	return 0;
}

/* Returns "COMMENT_PREFIX comment\nBASE64\n" for `size` bytes of `bin`,
 * or NULL. */
static char *format_record(const char *comment, const void *bin, size_t size)
{
	size_t b64 = sodium_base64_ENCODED_LEN(size,
					       sodium_base64_VARIANT_ORIGINAL);
	size_t len = strlen(COMMENT_PREFIX) + strlen(comment) + 1 + b64 + 1;
	char *text = malloc(len + 1), *p;

	if (!text)
		return NULL;
	p = text + snprintf(text, len + 1, "%s%s\n", COMMENT_PREFIX, comment);
	sodium_bin2base64(p, b64, bin, size, sodium_base64_VARIANT_ORIGINAL);
	strcat(p, "\n");
	return text;
}

char *sign_secret_format(const struct sign_secret *sk, const char *password)
{
	struct seckey_record *r;
	char *text;

	if (!sodium_ready())
		return NULL;
	r = sodium_malloc(sizeof *r);
	if (!r)
		return NULL;
	memset(r, 0, sizeof *r);
	memcpy(r->sig_alg, "Ed", 2);
	memcpy(r->chk_alg, "B2", 2);
	memcpy(r->keynum_sk.id, sk->id, sizeof sk->id);
	memcpy(r->keynum_sk.sk, sk->sk, sizeof sk->sk);
	/* As minisign: the checksum is made (and checked) only for an
	 * encrypted key; an unencrypted one has 32 zero bytes there. */
	if (password) {
		seckey_chk(r->keynum_sk.chk, r);
		memcpy(r->kdf_alg, "Sc", 2);
		randombytes_buf(r->salt, sizeof r->salt);
		le64_store(r->opslimit_le, KDF_OPSLIMIT);
		le64_store(r->memlimit_le, KDF_MEMLIMIT);
		if (seckey_crypt(r, password) != 0) {
			sodium_free(r);
			return NULL;
		}
	}
	text = format_record(password ? "minisign encrypted secret key"
				      : "minisign unencrypted secret key",
			     r, sizeof *r);
	sodium_free(r);
	return text;
}

/* Finds the base64 line of a key or signature file: the line after the
 * "untrusted comment:" line, or (public keys) the only line. Copies it,
 * trimmed, into `line` (`cap` bytes). Returns a pointer just past it in
 * `text`, or NULL when the text does not have that shape. */
static const char *record_line(const char *text, size_t len, int bare_ok,
			       char *line, size_t cap)
{
	const char *p = text, *end = text + len, *eol;
	size_t n;

	if (memchr(text, '\0', len))
		return NULL;
	if (len >= strlen(COMMENT_PREFIX) &&
	    memcmp(text, COMMENT_PREFIX, strlen(COMMENT_PREFIX)) == 0) {
		eol = memchr(p, '\n', len);
		if (!eol)
			return NULL;
		p = eol + 1;
	} else if (!bare_ok) {
		return NULL;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	n = (size_t)(eol - p);
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= cap)
		return NULL;
	memcpy(line, p, n);
	line[n] = '\0';
	return eol < end ? eol + 1 : end;
}

/* Decodes exactly `size` bytes of base64 from `line`. Returns 0 or -1. */
static int decode_exact(const char *line, void *bin, size_t size)
{
	size_t got = 0;
	const char *end = NULL;

	if (sodium_base642bin(bin, size, line, strlen(line), NULL, &got, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != size || (end && *end))
		return -1;
	return 0;
}

int sign_secret_is_encrypted(const char *text, size_t len)
{
	char line[512];
	struct seckey_record r;
	int enc;

	if (!record_line(text, len, 0, line, sizeof line) ||
	    decode_exact(line, &r, sizeof r) != 0)
		return 0;
	enc = memcmp(r.kdf_alg, "Sc", 2) == 0;
	sodium_memzero(&r, sizeof r);
	sodium_memzero(line, sizeof line);
	return enc;
}

enum vv_err sign_secret_parse(const char *text, size_t len,
			      const char *password, const char *name,
			      struct sign_secret **out)
{
	unsigned char chk[CHK_BYTES];
	struct seckey_record *r;
	struct sign_secret *sk;
	char *line;
	enum vv_err err = VV_ERR_FORMAT;

	*out = NULL;
	if (!sodium_ready())
		return VV_ERR_INTERNAL;
	r = sodium_malloc(sizeof *r);
	line = sodium_malloc(512);
	if (!r || !line) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	if (!record_line(text, len, 0, line, 512) ||
	    decode_exact(line, r, sizeof *r) != 0) {
		vv_error(name, 0, _("not a minisign secret key (or cut "
				    "short); give the key file that keygen "
				    "wrote"));
		goto done;
	}
	if (memcmp(r->sig_alg, "Ed", 2) != 0 ||
	    memcmp(r->chk_alg, "B2", 2) != 0) {
		vv_error(name, 0, _("a secret key of an algorithm other than "
				    "Ed25519; make a key with veiviser-build "
				    "keygen"));
		goto done;
	}
	if (memcmp(r->kdf_alg, "Sc", 2) == 0) {
		if (!password) {
			vv_error(name, 0, _("the secret key is encrypted; "
					    "give its password (a terminal "
					    "or --password-file FILE)"));
			err = VV_ERR_USAGE;
			goto done;
		}
		if (le64_load(r->opslimit_le) > KDF_MAX_OPS ||
		    le64_load(r->memlimit_le) > KDF_MAX_MEM) {
			vv_error(name, 0, _("the secret key asks more of "
					    "scrypt than minisign does; "
					    "make a new key"));
			err = VV_ERR_LIMIT;
			goto done;
		}
		if (seckey_crypt(r, password) != 0) {
			vv_error(name, 0, _("out of memory deriving the key "
					    "from the password"));
			err = VV_ERR_NOMEM;
			goto done;
		}
	} else if (r->kdf_alg[0] != 0 || r->kdf_alg[1] != 0) {
		vv_error(name, 0, _("the secret key uses an unknown key "
				    "derivation; make a new key"));
		goto done;
	}
	if (memcmp(r->kdf_alg, "Sc", 2) == 0) {
		seckey_chk(chk, r);
		if (sodium_memcmp(chk, r->keynum_sk.chk, sizeof chk) != 0) {
			vv_error(name, 0, _("wrong password for this secret "
					    "key (or the key is damaged)"));
			err = VV_ERR_INTEGRITY;
			goto done;
		}
	}
	/* An Ed25519 secret key is its seed and its public key: a damaged
	 * one (unencrypted keys have no checksum) gives another public key
	 * from the seed. */
	{
		unsigned char pk[SIGN_PK_BYTES], full[SK_BYTES];

		crypto_sign_seed_keypair(pk, full, r->keynum_sk.sk);
		if (sodium_memcmp(pk, r->keynum_sk.sk + 32, sizeof pk) != 0) {
			sodium_memzero(full, sizeof full);
			vv_error(name, 0, _("the secret key is damaged (its "
					    "two halves do not match); use "
					    "a backup of the key"));
			err = VV_ERR_INTEGRITY;
			goto done;
		}
		sodium_memzero(full, sizeof full);
	}
	sk = sodium_malloc(sizeof *sk);
	if (!sk) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	memcpy(sk->id, r->keynum_sk.id, sizeof sk->id);
	memcpy(sk->sk, r->keynum_sk.sk, sizeof sk->sk);
	*out = sk;
	err = VV_OK;
done:
	if (r)
		sodium_free(r);
	if (line)
		sodium_free(line);
	return err;
}

char *sign_public_format(const struct sign_public *pub)
{
	struct pubkey_record r;
	char comment[64], hex[SIGN_ID_HEX_SIZE];

	memcpy(r.sig_alg, "Ed", 2);
	memcpy(r.id, pub->id, sizeof r.id);
	memcpy(r.pk, pub->pk, sizeof r.pk);
	sign_id_hex(pub->id, hex);
	snprintf(comment, sizeof comment, "minisign public key %s", hex);
	return format_record(comment, &r, sizeof r);
}

enum vv_err sign_public_parse(const char *text, size_t len, const char *name,
			      struct sign_public *out)
{
	struct pubkey_record r;
	char line[256];

	if (!record_line(text, len, 1, line, sizeof line) ||
	    decode_exact(line, &r, sizeof r) != 0) {
		vv_error(name, 0, _("not a minisign public key (or cut "
				    "short); give the .pub file that keygen "
				    "or minisign -G wrote"));
		return VV_ERR_FORMAT;
	}
	if (memcmp(r.sig_alg, "Ed", 2) != 0) {
		vv_error(name, 0, _("a public key of an algorithm other than "
				    "Ed25519; it cannot be used"));
		return VV_ERR_FORMAT;
	}
	memcpy(out->id, r.id, sizeof out->id);
	memcpy(out->pk, r.pk, sizeof out->pk);
	return VV_OK;
}

enum vv_err sign_public_load(const char *path, struct sign_public *out)
{
	enum vv_err err;
	size_t len;
	char *text;

	err = file_read(path, SIGN_MAX_FILE, &text, &len);
	if (err == VV_ERR_LIMIT) {
		vv_error(path, 0, _("larger than a public key can be (%d "
				    "bytes); give the .pub file"),
			 SIGN_MAX_FILE);
		return err;
	}
	if (err != VV_OK) {
		vv_error(path, 0, _("cannot read: %s; check the path"),
			 strerror(errno));
		return err;
	}
	err = sign_public_parse(text, len, path, out);
	free(text);
	return err;
}

enum vv_err sign_keyring_add(struct sign_keyring *ring,
			     const struct sign_public *pub)
{
	struct sign_public *grown;
	size_t i;

	for (i = 0; i < ring->n; i++)
		if (memcmp(&ring->keys[i], pub, sizeof *pub) == 0)
			return VV_OK;
	if (ring->n >= SIGN_MAX_KEYS)
		return VV_ERR_LIMIT;
	grown = realloc(ring->keys, (ring->n + 1) * sizeof *grown);
	if (!grown)
		return VV_ERR_NOMEM;
	ring->keys = grown;
	ring->keys[ring->n++] = *pub;
	return VV_OK;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum vv_err sign_keyring_load_dir(struct sign_keyring *ring, const char *dir)
{
	struct sign_public pub;
	struct dirent *de;
	char **names = NULL, **grown, *path;
	size_t n = 0, i, len;
	enum vv_err err = VV_OK;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return VV_OK;
		vv_error(dir, 0, _("cannot read the trusted keys: %s; check "
				   "the folder"), strerror(errno));
		return VV_ERR_IO;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".pub") != 0)
			continue;
		if (n >= SIGN_MAX_KEYS) {
			vv_error(dir, 0, _("more than %d key files; remove "
					   "keys no longer trusted"),
				 SIGN_MAX_KEYS);
			err = VV_ERR_LIMIT;
			break;
		}
		grown = realloc(names, (n + 1) * sizeof *names);
		if (!grown || !(grown[n] = strdup(de->d_name))) {
			names = grown ? grown : names;
			err = VV_ERR_NOMEM;
			break;
		}
		names = grown;
		n++;
	}
	closedir(d);
	/* In name order, so that messages come out the same every time. */
	if (err == VV_OK && n)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; err == VV_OK && i < n; i++) {
		path = path_join(dir, names[i]);
		if (!path) {
			err = VV_ERR_NOMEM;
			break;
		}
		err = sign_public_load(path, &pub);
		if (err == VV_OK) {
			err = sign_keyring_add(ring, &pub);
			if (err == VV_ERR_LIMIT)
				vv_error(dir, 0, _("more than %d keys; remove "
						   "keys no longer trusted"),
					 SIGN_MAX_KEYS);
		}
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (err == VV_ERR_NOMEM)
		vv_error(dir, 0, _("out of memory reading the trusted keys"));
	return err;
}

void sign_keyring_clear(struct sign_keyring *ring)
{
	free(ring->keys);
	ring->keys = NULL;
	ring->n = 0;
}

enum vv_err sign_message(const struct sign_secret *sk, const void *msg,
			 size_t size, const char *comment, char **text)
{
	unsigned char hash[crypto_generichash_BYTES_MAX];
	unsigned char global[SIG_BYTES];
	struct sig_record r;
	unsigned char *signed_comment;
	size_t clen = strlen(comment), b64r, b64g, len;
	char *out, *p;

	*text = NULL;
	if (strchr(comment, '\n') || strchr(comment, '\r'))
		return VV_ERR_USAGE;
	if (!sodium_ready())
		return VV_ERR_INTERNAL;
	crypto_generichash(hash, sizeof hash, msg, size, NULL, 0);
	memcpy(r.sig_alg, "ED", 2);
	memcpy(r.id, sk->id, sizeof r.id);
	crypto_sign_detached(r.sig, NULL, hash, sizeof hash, sk->sk);
	/* The global signature covers the signature and the comment. */
	signed_comment = malloc(SIG_BYTES + clen);
	if (!signed_comment)
		return VV_ERR_NOMEM;
	memcpy(signed_comment, r.sig, SIG_BYTES);
	memcpy(signed_comment + SIG_BYTES, comment, clen);
	crypto_sign_detached(global, NULL, signed_comment, SIG_BYTES + clen,
			     sk->sk);
	free(signed_comment);
	b64r = sodium_base64_ENCODED_LEN(sizeof r,
					 sodium_base64_VARIANT_ORIGINAL);
	b64g = sodium_base64_ENCODED_LEN(sizeof global,
					 sodium_base64_VARIANT_ORIGINAL);
	len = 128 + b64r + clen + b64g;
	out = malloc(len);
	if (!out)
		return VV_ERR_NOMEM;
	p = out + snprintf(out, len, "%ssignature from minisign secret key\n",
			   COMMENT_PREFIX);
	sodium_bin2base64(p, b64r, (const unsigned char *)&r, sizeof r,
			  sodium_base64_VARIANT_ORIGINAL);
	p += strlen(p);
	p += snprintf(p, len - (size_t)(p - out), "\n%s%s\n", TRUSTED_PREFIX,
		      comment);
	sodium_bin2base64(p, b64g, global, sizeof global,
			  sodium_base64_VARIANT_ORIGINAL);
	strcat(p, "\n");
	*text = out;
	return VV_OK;
}

/* The parts of a signature file. */
struct sig_parts {
	struct sig_record record;
	unsigned char global[SIG_BYTES];
	char comment[SIGN_MAX_FILE];
};

static enum vv_err sig_parse(const char *sig, size_t sig_len,
			     struct sig_parts *s)
{
	char line[256];
	const char *p, *end = sig + sig_len, *eol;
	size_t n;

	p = record_line(sig, sig_len, 0, line, sizeof line);
	if (!p || decode_exact(line, &s->record, sizeof s->record) != 0)
		return VV_ERR_FORMAT;
	if (memcmp(s->record.sig_alg, "Ed", 2) != 0 &&
	    memcmp(s->record.sig_alg, "ED", 2) != 0)
		return VV_ERR_FORMAT;
	n = strlen(TRUSTED_PREFIX);
	if ((size_t)(end - p) < n || memcmp(p, TRUSTED_PREFIX, n) != 0)
		return VV_ERR_FORMAT;
	p += n;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		return VV_ERR_FORMAT;
	n = (size_t)(eol - p);
	/* minisign trims the trailing CR, spaces and tabs too. */
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= sizeof s->comment)
		return VV_ERR_FORMAT;
	memcpy(s->comment, p, n);
	s->comment[n] = '\0';
	p = eol + 1;
	eol = memchr(p, '\n', (size_t)(end - p));
	n = eol ? (size_t)(eol - p) : (size_t)(end - p);
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof line)
		return VV_ERR_FORMAT;
	memcpy(line, p, n);
	line[n] = '\0';
	if (decode_exact(line, s->global, sizeof s->global) != 0)
		return VV_ERR_FORMAT;
	return VV_OK;
}

enum vv_err sign_signature_id(const char *sig, size_t sig_len,
			      unsigned char id[SIGN_ID_BYTES])
{
	struct sig_parts *s = malloc(sizeof *s);
	enum vv_err err;

	if (!s)
		return VV_ERR_NOMEM;
	err = sig_parse(sig, sig_len, s);
	if (err == VV_OK)
		memcpy(id, s->record.id, SIGN_ID_BYTES);
	free(s);
	return err;
}

enum vv_err sign_verify(const char *sig, size_t sig_len, const void *msg,
			size_t size, const struct sign_keyring *ring,
			unsigned char id[SIGN_ID_BYTES], size_t *which)
{
	unsigned char hash[crypto_generichash_BYTES_MAX];
	unsigned char *signed_comment = NULL;
	const unsigned char *pk = NULL;
	struct sig_parts *s;
	enum vv_err err;
	size_t i, clen;

	if (!sodium_ready())
		return VV_ERR_INTERNAL;
	s = malloc(sizeof *s);
	if (!s)
		return VV_ERR_NOMEM;
	err = sig_parse(sig, sig_len, s);
	if (err != VV_OK)
		goto done;
	memcpy(id, s->record.id, SIGN_ID_BYTES);
	for (i = 0; ring && i < ring->n; i++)
		if (memcmp(ring->keys[i].id, s->record.id, SIGN_ID_BYTES) ==
		    0) {
			pk = ring->keys[i].pk;
			break;
		}
	if (!pk) {
		err = VV_ERR_NOTFOUND;
		goto done;
	}
	err = VV_ERR_INTEGRITY;
	if (memcmp(s->record.sig_alg, "ED", 2) == 0) {
		crypto_generichash(hash, sizeof hash, msg, size, NULL, 0);
		if (crypto_sign_verify_detached(s->record.sig, hash,
						sizeof hash, pk) != 0)
			goto done;
	} else if (crypto_sign_verify_detached(s->record.sig, msg, size,
					       pk) != 0) {
		goto done;
	}
	clen = strlen(s->comment);
	signed_comment = malloc(SIG_BYTES + clen);
	if (!signed_comment) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	memcpy(signed_comment, s->record.sig, SIG_BYTES);
	memcpy(signed_comment + SIG_BYTES, s->comment, clen);
	if (crypto_sign_verify_detached(s->global, signed_comment,
					SIG_BYTES + clen, pk) != 0)
		goto done;
	if (which)
		*which = i;
	err = VV_OK;
done:
	free(signed_comment);
	free(s);
	return err;
}

enum vv_err sign_password_file(const char *path, char **out)
{
	enum vv_err err;
	char *text, *pw;
	size_t len, n;

	*out = NULL;
	if (!sodium_ready())
		return VV_ERR_INTERNAL;
	err = file_read(path, PASSWORD_MAX, &text, &len);
	if (err != VV_OK) {
		if (err == VV_ERR_LIMIT)
			vv_error(path, 0, _("a password file holds one line "
					    "of at most %d bytes"),
				 PASSWORD_MAX);
		else
			vv_error(path, 0, _("cannot read the password: %s; "
					    "check the path"),
				 strerror(errno));
		return err;
	}
	n = strcspn(text, "\r\n");
	if (n == 0) {
		sodium_memzero(text, len);
		free(text);
		vv_error(path, 0, _("the password file's first line is "
				    "empty; write the password there"));
		return VV_ERR_FORMAT;
	}
	pw = sodium_malloc(n + 1);
	if (pw) {
		memcpy(pw, text, n);
		pw[n] = '\0';
	}
	sodium_memzero(text, len);
	free(text);
	if (!pw)
		return VV_ERR_NOMEM;
	*out = pw;
	return VV_OK;
}

/* Reads one line from the terminal `fd` without echo into `buf`. Returns
 * 0, or -1. */
static int tty_read(int fd, const char *prompt, char *buf, size_t cap)
{
	struct termios old, quiet;
	size_t n = 0;
	ssize_t r;
	char c;
	int rc = 0;

	if (write(fd, prompt, strlen(prompt)) < 0 || tcgetattr(fd, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0)
		return -1;
	for (;;) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			rc = -1;
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 >= cap) {
			rc = -1;
			break;
		}
		buf[n++] = c;
	}
	buf[n] = '\0';
	(void)tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0)
		rc = -1;
	return rc;
}

enum vv_err sign_password_ask(const char *prompt, int confirm, char **out)
{
	char *pw, *again = NULL;
	enum vv_err err = VV_ERR_USAGE;
	int fd;

	*out = NULL;
	if (!sodium_ready())
		return VV_ERR_INTERNAL;
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		vv_error(NULL, 0, _("no terminal to ask for the password on; "
				    "give --password-file FILE"));
		return VV_ERR_USAGE;
	}
	pw = sodium_malloc(PASSWORD_MAX);
	if (confirm)
		again = sodium_malloc(PASSWORD_MAX);
	if (!pw || (confirm && !again)) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	if (tty_read(fd, prompt, pw, PASSWORD_MAX) != 0) {
		vv_error(NULL, 0, _("could not read the password from the "
				    "terminal; give --password-file FILE"));
		goto done;
	}
	if (!pw[0]) {
		vv_error(NULL, 0, _("an empty password; type one, or choose "
				    "--unencrypted"));
		goto done;
	}
	if (confirm && (tty_read(fd, _("Password (again): "), again,
				 PASSWORD_MAX) != 0 ||
			strcmp(pw, again) != 0)) {
		vv_error(NULL, 0, _("the passwords differ; run it again"));
		goto done;
	}
	*out = pw;
	pw = NULL;
	err = VV_OK;
done:
	close(fd);
	if (pw)
		sodium_free(pw);
	if (again)
		sodium_free(again);
	return err;
}

void sign_password_free(char *password)
{
	if (password)
		sodium_free(password);
}
