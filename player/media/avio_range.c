/* avio_range: AVIOContext over a file byte range; see avio_range.h. */
#include "player/media/avio_range.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavformat/avio.h>
#include <libavutil/error.h>
#include <libavutil/mem.h>

#include "common/hash.h"

/* 64 KiB reads: large enough that pread calls are rare, small enough to
 * keep memory flat (libavformat may grow it for probing). */
#define AVIO_RANGE_BUFFER (64 * 1024)

struct avio_range {
	int fd;
	uint64_t offset;
	uint64_t size;
	uint64_t pos;           /* relative to offset */
	AVIOContext *avio;
	/* avio_range_expect(): the digest, and how far the bytes are
	 * hashed (relative to offset) */
	int checking;
	int bad;                /* all hashed, and they did not match */
	struct hash_sha256 hash;
	uint64_t hashed;
	char want[HASH_HEX_SIZE];
};

/* A forward gap up to this size is read in to keep the hash going; a
 * larger one (a seek) is left for avio_range_verify(). */
#define AVIO_RANGE_GAP (1024 * 1024)

/* Hashes [hashed, upto) by reading it; 0, or -1 on a read error. */
static int catch_up(struct avio_range *r, uint64_t upto)
{
	unsigned char buf[16384];

	while (r->hashed < upto) {
		size_t want = upto - r->hashed < sizeof buf ?
			      (size_t)(upto - r->hashed) : sizeof buf;
		ssize_t n = pread(r->fd, buf, want,
				  (off_t)(r->offset + r->hashed));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		hash_sha256_update(&r->hash, buf, (size_t)n);
		r->hashed += (uint64_t)n;
	}
	return 0;
}

static void check_done(struct avio_range *r)
{
	char hex[HASH_HEX_SIZE];

	hash_sha256_end(&r->hash, hex);
	r->checking = 0;
	r->bad = strcmp(hex, r->want) != 0;
}

/* Feeds n bytes just read at `at` to the hash. */
static void check_feed(struct avio_range *r, uint64_t at,
		       const uint8_t *buf, size_t n)
{
	if (at > r->hashed && at - r->hashed <= AVIO_RANGE_GAP &&
	    catch_up(r, at) != 0)
		return;
	if (at <= r->hashed && at + n > r->hashed) {
		size_t skip = (size_t)(r->hashed - at);

		hash_sha256_update(&r->hash, buf + skip, n - skip);
		r->hashed = at + n;
	}
	if (r->hashed == r->size)
		check_done(r);
}

static int range_read(void *opaque, uint8_t *buf, int len)
{
	struct avio_range *r = opaque;
	if (r->bad)
		return AVERROR_INVALIDDATA;
	if (r->pos >= r->size)
		return AVERROR_EOF;
	uint64_t left = r->size - r->pos;
	if ((uint64_t)len > left)
		len = (int)left;
	ssize_t n;
	do
		n = pread(r->fd, buf, (size_t)len, (off_t)(r->offset + r->pos));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return AVERROR(errno);
	if (n == 0)
		return AVERROR_EOF;   /* the file was truncated under us */
	if (r->checking) {
		check_feed(r, r->pos, buf, (size_t)n);
		if (r->bad)
			return AVERROR_INVALIDDATA;
	}
	r->pos += (uint64_t)n;
	return (int)n;
}

static int64_t range_seek(void *opaque, int64_t where, int whence)
{
	struct avio_range *r = opaque;
	int64_t base;
	switch (whence & ~AVSEEK_FORCE) {
	case AVSEEK_SIZE:
		return (int64_t)r->size;
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)r->pos;
		break;
	case SEEK_END:
		base = (int64_t)r->size;
		break;
	default:
		return AVERROR(EINVAL);
	}
	int64_t target = base + where;
	if (target < 0)
		return AVERROR(EINVAL);
	r->pos = (uint64_t)target;
	return target;
}

enum vv_err avio_range_new(const char *path, int file, uint64_t offset,
			   uint64_t size, struct avio_range **out)
{
	*out = NULL;
	int fd = file >= 0 ? fcntl(file, F_DUPFD_CLOEXEC, 3)
			   : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return VV_ERR_IO;
	struct stat st;
	if (fstat(fd, &st) != 0 || (uint64_t)st.st_size < offset) {
		close(fd);
		return VV_ERR_IO;
	}
	/* A bundle truncated after it was verified still plays what is
	 * there: clamp rather than refuse. */
	if ((uint64_t)st.st_size - offset < size)
		size = (uint64_t)st.st_size - offset;
	struct avio_range *r = calloc(1, sizeof(*r));
	unsigned char *buf = av_malloc(AVIO_RANGE_BUFFER);
	if (!r || !buf) {
		free(r);
		av_free(buf);
		close(fd);
		return VV_ERR_NOMEM;
	}
	r->fd = fd;
	r->offset = offset;
	r->size = size;
	r->avio = avio_alloc_context(buf, AVIO_RANGE_BUFFER, 0, r, range_read,
				     NULL, range_seek);
	if (!r->avio) {
		av_free(buf);
		free(r);
		close(fd);
		return VV_ERR_NOMEM;
	}
	*out = r;
	return VV_OK;
}

enum vv_err avio_range_expect(struct avio_range *r, const char *sha256)
{
	if (!sha256 || strlen(sha256) != 64)
		return VV_OK;
	if (r->checking)
		hash_sha256_cancel(&r->hash);
	if (hash_sha256_begin(&r->hash) != VV_OK)
		return VV_ERR_NOMEM;
	memcpy(r->want, sha256, HASH_HEX_SIZE);
	r->checking = 1;
	r->bad = 0;
	r->hashed = 0;
	if (r->size == 0)
		check_done(r);
	return VV_OK;
}

enum vv_err avio_range_verify(struct avio_range *r)
{
	if (!r)
		return VV_OK;
	if (r->checking) {
		if (catch_up(r, r->size) != 0) {
			hash_sha256_cancel(&r->hash);
			r->checking = 0;
			return VV_ERR_IO;
		}
		check_done(r);
	}
	return r->bad ? VV_ERR_INTEGRITY : VV_OK;
}

struct AVIOContext *avio_range_context(struct avio_range *range)
{
	return range->avio;
}

void avio_range_free(struct avio_range *range)
{
	if (!range)
		return;
	if (range->avio) {
		av_freep(&range->avio->buffer);
		avio_context_free(&range->avio);
	}
	if (range->checking)
		hash_sha256_cancel(&range->hash);
	close(range->fd);
	free(range);
}
