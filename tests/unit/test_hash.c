/* Unit tests for common/hash: known SHA-256 vectors, incremental hashing,
 * files and byte ranges. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "common/hash.h"
#include "tests/unit/check.h"

#define EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

int main(void)
{
	char hex[HASH_HEX_SIZE], hex2[HASH_HEX_SIZE];
	char path[] = "/tmp/vv-test-hash-XXXXXX";
	struct hash_sha256 h;
	uint64_t size = 0;
	unsigned char *big;
	size_t i;
	int fd;

	hash_sha256_buffer("", 0, hex);
	CHECK_STR(hex, EMPTY, "sha256 of the empty string");
	hash_sha256_buffer("abc", 3, hex);
	CHECK_STR(hex, ABC, "sha256 of abc (FIPS 180-2 vector)");
	hash_sha256_buffer("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
			   56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		  "sha256 of the 448-bit message (FIPS 180-2 vector)");
	{
		/* One million 'a', fed 1000 at a time. */
		char a[1000];

		memset(a, 'a', sizeof a);
		hash_sha256_begin(&h);
		for (i = 0; i < 1000; i++)
			hash_sha256_update(&h, a, sizeof a);
		hash_sha256_end(&h, hex);
		CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
			  "sha256 of a million 'a' (FIPS 180-2 vector)");
	}

	hash_sha256_begin(&h);
	hash_sha256_update(&h, "a", 1);
	hash_sha256_update(&h, "", 0);
	hash_sha256_update(&h, "bc", 2);
	hash_sha256_end(&h, hex);
	CHECK_STR(hex, ABC, "incremental hash equals one-shot hash");

	/* Against libsodium's one-shot hash (an independent implementation): every length around the block
	 * and padding edges, fed in uneven pieces. */
	{
		unsigned char buf[1000], bin[crypto_hash_sha256_BYTES];
		char want[HASH_HEX_SIZE];
		size_t len, at, step;
		int bad = 0;

		for (i = 0; i < sizeof buf; i++)
			buf[i] = (unsigned char)(i * 131 + 7);
		for (len = 0; len < sizeof buf && !bad; len++) {
			crypto_hash_sha256(bin, buf, len);
			sodium_bin2hex(want, sizeof want, bin, sizeof bin);
			hash_sha256_begin(&h);
			for (at = 0, step = 1; at < len;
			     at += step, step = step * 3 % 97 + 1)
				hash_sha256_update(&h, buf + at,
						   step < len - at ? step
								   : len - at);
			hash_sha256_end(&h, hex);
			hash_sha256_buffer(buf, len, hex2);
			bad = strcmp(hex, want) != 0 || strcmp(hex2, want) != 0;
		}
		CHECK(!bad, "equals libsodium for lengths 0..999 in pieces");
	}

	CHECK(hash_is_hex(ABC), "hash_is_hex accepts a digest");
	CHECK(!hash_is_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9C"
			   "B410FF61F20015AD"),
	      "hash_is_hex refuses upper case");
	CHECK(!hash_is_hex("abc"), "hash_is_hex refuses a short string");

	/* A file larger than the read chunk, hashed whole and by range. */
	big = malloc(600000);
	for (i = 0; i < 600000; i++)
		big[i] = (unsigned char)(i * 7 + (i >> 9));
	fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, big, 600000) == 600000, "write fixture");
	hash_sha256_buffer(big, 600000, hex2);
	CHECK(hash_sha256_file(path, hex, &size) == VV_OK &&
		      strcmp(hex, hex2) == 0 && size == 600000,
	      "file hash equals buffer hash, size reported");
	hash_sha256_buffer(big + 1000, 300000, hex2);
	CHECK(hash_sha256_range(fd, 1000, 300000, hex) == VV_OK &&
		      strcmp(hex, hex2) == 0,
	      "range hash equals buffer hash of the range");
	CHECK(hash_sha256_range(fd, 599990, 20, hex) == VV_ERR_IO,
	      "range past the end of the file is an I/O error");
	close(fd);
	unlink(path);
	free(big);
	CHECK(hash_sha256_file("/nonexistent/vv-hash", hex, NULL) == VV_ERR_IO,
	      "missing file is an I/O error");
	return CHECK_DONE();
}
