/* hash: SHA-256 through Nettle, whose "fat" build picks the CPU's SHA
 * instructions (SHA-NI, ARMv8 crypto) at run time when it has them: about
 * 5x libsodium's portable code on the same machine, as fast as OpenSSL's
 * EVP, and without the ~2 MB of resident memory that OpenSSL's provider
 * set-up costs a kiosk. */
#include "common/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "common/i18n.h"

#define HASH_CHUNK (1024 * 1024)

enum vv_err hash_sha256_begin(struct hash_sha256 *hash)
{
	hash->ctx = malloc(sizeof(struct sha256_ctx));
	if (!hash->ctx)
		return VV_ERR_NOMEM;
	sha256_init(hash->ctx);
	return VV_OK;
}

void hash_sha256_update(struct hash_sha256 *hash, const void *data,
			size_t size)
{
	if (!size || !hash->ctx)
		return;
	sha256_update(hash->ctx, size, data);
}

void hash_sha256_cancel(struct hash_sha256 *hash)
{
	free(hash->ctx);
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
	unsigned char out[SHA256_DIGEST_SIZE];

	hex[0] = '\0';
	if (hash->ctx) {
		sha256_digest(hash->ctx, sizeof out, out);
		to_hex(out, sizeof out, hex);
	}
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
