/* hash: SHA-256 through OpenSSL libcrypto's EVP interface, which picks
 * the CPU's SHA instructions (SHA-NI, ARMv8 crypto) when it has them:
 * about 5x libsodium's portable code on the same machine. */
#include "common/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "common/i18n.h"

#define HASH_CHUNK (1024 * 1024)

/* The algorithm is fetched once: EVP_sha256() would look it up in the
 * provider tables for every hash. */
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static EVP_MD *md_sha256;

static void md_fetch(void)
{
	md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

enum vv_err hash_sha256_begin(struct hash_sha256 *hash)
{
	pthread_once(&md_once, md_fetch);
	hash->ctx = EVP_MD_CTX_new();
	if (!hash->ctx)
		return VV_ERR_NOMEM;
	if (!EVP_DigestInit_ex(hash->ctx, md_sha256 ? md_sha256 :
			       EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(hash->ctx);
		hash->ctx = NULL;
		return VV_ERR_NOMEM;
	}
	return VV_OK;
}

void hash_sha256_update(struct hash_sha256 *hash, const void *data,
			size_t size)
{
	if (!size || !hash->ctx)
		return;
	EVP_DigestUpdate(hash->ctx, data, size);
}

void hash_sha256_cancel(struct hash_sha256 *hash)
{
	EVP_MD_CTX_free(hash->ctx);
	hash->ctx = NULL;
}

static void to_hex(const unsigned char *bin, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[bin[i] >> 4];
		hex[2 * i + 1] = digits[bin[i] & 15];
	}
	hex[2 * n] = '\0';
}

void hash_sha256_end(struct hash_sha256 *hash, char hex[HASH_HEX_SIZE])
{
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	hex[0] = '\0';
	if (hash->ctx && EVP_DigestFinal_ex(hash->ctx, out, &n) && n == 32)
		to_hex(out, n, hex);
	hash_sha256_cancel(hash);
}

void hash_sha256_buffer(const void *data, size_t size,
			char hex[HASH_HEX_SIZE])
{
	struct hash_sha256 hash;

	hash_sha256_begin(&hash);
	hash_sha256_update(&hash, data, size);
	hash_sha256_end(&hash, hex);
}

enum vv_err hash_sha256_file(const char *path, char hex[HASH_HEX_SIZE],
			     uint64_t *size)
{
	struct hash_sha256 hash;
	unsigned char *buf;
	uint64_t total = 0;
	ssize_t got;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		vv_error(path, 0, _("cannot open: %s; check the path"),
			 strerror(errno));
		return VV_ERR_IO;
	}
	buf = malloc(HASH_CHUNK);
	if (!buf || hash_sha256_begin(&hash) != VV_OK) {
		free(buf);
		close(fd);
		return VV_ERR_NOMEM;
	}
	for (;;) {
		got = read(fd, buf, HASH_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		hash_sha256_update(&hash, buf, (size_t)got);
		total += (uint64_t)got;
	}
	if (got < 0) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		hash_sha256_cancel(&hash);
		free(buf);
		close(fd);
		return VV_ERR_IO;
	}
	free(buf);
	close(fd);
	hash_sha256_end(&hash, hex);
	if (size)
		*size = total;
	return VV_OK;
}

enum vv_err hash_sha256_range(int fd, uint64_t offset, uint64_t size,
			      char hex[HASH_HEX_SIZE])
{
	struct hash_sha256 hash;
	unsigned char *buf;
	ssize_t got;
	size_t want;

	buf = malloc(HASH_CHUNK);
	if (!buf || hash_sha256_begin(&hash) != VV_OK) {
		free(buf);
		return VV_ERR_NOMEM;
	}
	while (size > 0) {
		want = size < HASH_CHUNK ? (size_t)size : HASH_CHUNK;
		got = pread(fd, buf, want, (off_t)offset);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO; /* the file ends early */
			hash_sha256_cancel(&hash);
			free(buf);
			return VV_ERR_IO;
		}
		hash_sha256_update(&hash, buf, (size_t)got);
		offset += (uint64_t)got;
		size -= (uint64_t)got;
	}
	free(buf);
	hash_sha256_end(&hash, hex);
	return VV_OK;
}

int hash_is_hex(const char *hex)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') ||
		      (hex[i] >= 'a' && hex[i] <= 'f')))
			return 0;
	return hex[64] == '\0';
}
