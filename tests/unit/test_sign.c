/* Unit tests for common/sign: minisign formats, signing and checking, and
 * refusals of damaged or foreign input. */
#include <stdlib.h>
#include <string.h>

#include "common/sign.h"
#include "tests/unit/check.h"

int main(void)
{
	struct sign_secret *sk = NULL, *sk2 = NULL, *back = NULL, *none;
	struct sign_public pub, pub2, parsed;
	struct sign_keyring ring = { NULL, 0 }, other = { NULL, 0 };
	unsigned char id[SIGN_ID_BYTES];
	char *sk_text, *pk_text, *sig = NULL, *bad, hex[SIGN_ID_HEX_SIZE];
	const char msg[] = "0123456789abcdef0123456789abcdef"
			   "0123456789abcdef0123456789abcdef\n";
	size_t which = 99, len;

	CHECK(sign_secret_new(&sk) == VV_OK && sign_secret_new(&sk2) == VV_OK,
	      "two new keys");
	sign_secret_public(sk, &pub);
	sign_secret_public(sk2, &pub2);
	CHECK(memcmp(pub.id, pub2.id, sizeof pub.id) != 0,
	      "key ids are random");

	pk_text = sign_public_format(&pub);
	sign_id_hex(pub.id, hex);
	CHECK(pk_text && strncmp(pk_text, "untrusted comment: minisign public "
				 "key ", 39) == 0 && strstr(pk_text, hex),
	      "public key file: minisign's comment with the id");
	CHECK(sign_public_parse(pk_text, strlen(pk_text), "k.pub", &parsed) ==
		      VV_OK && memcmp(&parsed, &pub, sizeof pub) == 0,
	      "public key: read back");
	CHECK(sign_public_parse(strchr(pk_text, '\n') + 1,
				strlen(strchr(pk_text, '\n') + 1), "k.pub",
				&parsed) == VV_OK,
	      "public key: the bare base64 line is accepted");
	CHECK(sign_public_parse(pk_text, strlen(pk_text) - 10, "k.pub",
				&parsed) == VV_ERR_FORMAT,
	      "public key: cut short is refused");

	sk_text = sign_secret_format(sk, NULL);
	CHECK(sk_text && !sign_secret_is_encrypted(sk_text, strlen(sk_text)),
	      "unencrypted secret key");
	CHECK(sign_secret_parse(sk_text, strlen(sk_text), NULL, "k.key",
				&back) == VV_OK,
	      "unencrypted secret key: read back");
	CHECK(sign_secret_parse(sk_text, strlen(sk_text) / 2, NULL, "k.key",
				&none) == VV_ERR_FORMAT && !none,
	      "secret key: cut short is refused");
	CHECK(sign_secret_parse(pk_text, strlen(pk_text), NULL, "k.key",
				&none) == VV_ERR_FORMAT && !none,
	      "secret key: a public key is refused");

	sign_keyring_add(&ring, &pub);
	sign_keyring_add(&ring, &pub);
	sign_keyring_add(&other, &pub2);
	CHECK(ring.n == 1, "keyring: a key is added once");
	CHECK(sign_message(back, msg, strlen(msg), "timestamp:1\tfile:x",
			   &sig) == VV_OK && sig,
	      "sign with the key read back");
	CHECK(sign_verify(sig, strlen(sig), msg, strlen(msg), &ring, id,
			  &which) == VV_OK && which == 0 &&
		      memcmp(id, pub.id, sizeof id) == 0,
	      "verify: good, which and id");
	CHECK(sign_verify(sig, strlen(sig), msg, strlen(msg) - 1, &ring, id,
			  NULL) == VV_ERR_INTEGRITY,
	      "verify: another message does not match");
	CHECK(sign_verify(sig, strlen(sig), msg, strlen(msg), &other, id,
			  NULL) == VV_ERR_NOTFOUND,
	      "verify: a foreign key is not found");
	CHECK(sign_verify(sig, strlen(sig), msg, strlen(msg), NULL, id,
			  NULL) == VV_ERR_NOTFOUND,
	      "verify: no keys, not found");
	len = strlen(sig);
	bad = malloc(len + 1);
	memcpy(bad, sig, len + 1);
	*strstr(bad, "file:x") = 'F';
	CHECK(sign_verify(bad, len, msg, strlen(msg), &ring, id, NULL) ==
		      VV_ERR_INTEGRITY,
	      "verify: a changed trusted comment does not match");
	memcpy(bad, sig, len + 1);
	CHECK(sign_verify(bad, len / 2, msg, strlen(msg), &ring, id, NULL) ==
		      VV_ERR_FORMAT,
	      "verify: a cut signature is malformed");
	CHECK(sign_verify("", 0, msg, strlen(msg), &ring, id, NULL) ==
		      VV_ERR_FORMAT,
	      "verify: an empty signature is malformed");
	CHECK(sign_signature_id(sig, len, id) == VV_OK &&
		      memcmp(id, pub.id, sizeof id) == 0,
	      "signature id without checking");
	free(bad);
	CHECK(sign_message(back, msg, 3, "two\nlines", &bad) == VV_ERR_USAGE &&
		      !bad,
	      "a trusted comment with a newline is refused");
	free(sig);
	free(sk_text);
	free(pk_text);
	sign_keyring_clear(&ring);
	sign_keyring_clear(&other);
	sign_secret_free(sk);
	sign_secret_free(sk2);
	sign_secret_free(back);
	return CHECK_DONE();
}
