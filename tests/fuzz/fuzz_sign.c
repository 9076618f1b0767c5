/* libFuzzer target for minisign's formats (common/sign): a signature
 * member comes from any bundle a kiosk is handed, and key files from its
 * trust folder. The same bytes are read as a signature (checked against a
 * fixed key over a fixed message), a public key and an unencrypted secret
 * key (an encrypted one is refused before scrypt: no password is given,
 * and scrypt's gigabyte would only slow the fuzzer). Any bytes must give
 * VV_OK or an error, never a crash or a read past the input; a signature
 * that verifies must be one the fixed key made. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(const char *line, void *user)
{
	(void)line;
	(void)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sign_secret *sk;
	static struct sign_keyring ring;
	static const char msg[] = "fuzz message\n";
	unsigned char id[SIGN_ID_BYTES];
	struct sign_public pub;
	struct sign_secret *back = NULL;
	char *text;

	if (!sk) {
		struct sign_public p;

		if (sign_secret_new(&sk) != VV_OK)
			abort();
		sign_secret_public(sk, &p);
		sign_keyring_add(&ring, &p);
		vv_error_set_hook(quiet, NULL);
	}
	if (size > SIGN_MAX_FILE)
		return 0;
	/* An exact-size copy: a read past it is caught by ASan. */
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	if (sign_verify(text, size, msg, sizeof msg - 1, &ring, id, NULL) ==
	    VV_OK) {
		struct sign_public p;

		sign_secret_public(sk, &p);
		if (memcmp(id, p.id, sizeof id) != 0)
			abort();
	}
	(void)sign_signature_id(text, size, id);
	(void)sign_public_parse(text, size, "fuzz.pub", &pub);
	if (!sign_secret_is_encrypted(text, size) &&
	    sign_secret_parse(text, size, NULL, "fuzz.key", &back) == VV_OK)
		sign_secret_free(back);
	free(text);
	return 0;
}
