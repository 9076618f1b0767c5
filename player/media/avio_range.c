/* avio_range: AVIOContext over a file byte range; see avio_range.h. */
#include "player/media/avio_range.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavformat/avio.h>
#include <libavutil/error.h>
#include <libavutil/mem.h>

/* 64 KiB reads: large enough that pread calls are rare, small enough to
 * keep memory flat (libavformat may grow it for probing). */
#define AVIO_RANGE_BUFFER (64 * 1024)

struct avio_range {
	int fd;
	uint64_t offset;
	uint64_t size;
	uint64_t pos;           /* relative to offset */
	AVIOContext *avio;
};

static int range_read(void *opaque, uint8_t *buf, int len)
{
	struct avio_range *r = opaque;
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
	close(range->fd);
	free(range);
}
