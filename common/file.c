/* file: whole-file reads; see file.h. */
#include "common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum vv_err file_read_fd(int fd, size_t max, char **data, size_t *len)
{
	struct stat st;
	size_t got = 0, size;
	ssize_t n;
	char *buf;

	*data = NULL;
	*len = 0;
	if (fstat(fd, &st) != 0)
		return VV_ERR_IO;
	if (st.st_size < 0 || (uint64_t)st.st_size > max) {
		errno = EFBIG;
		return VV_ERR_LIMIT;
	}
	size = (size_t)st.st_size;
	buf = malloc(size + 1);
	if (!buf)
		return VV_ERR_NOMEM;
	while (got < size) {
		n = pread(fd, buf + got, size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return VV_ERR_IO;
		}
		if (n == 0)
			break;  /* the file shrank: what is there */
		got += (size_t)n;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return VV_OK;
}

enum vv_err file_read(const char *path, size_t max, char **data,
		      size_t *len)
{
	enum vv_err err;
	int fd = open(path, O_RDONLY | O_CLOEXEC), saved;

	*data = NULL;
	*len = 0;
	if (fd < 0)
		return VV_ERR_IO;
	err = file_read_fd(fd, max, data, len);
	saved = errno;
	close(fd);
	errno = saved;
	return err;
}
