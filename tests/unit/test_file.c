/* Unit tests for common/file: whole-file reads with a cap; and that a cap
 * is described as a limit, not as memory (common/err). */
#include "common/err.h"
#include "common/file.h"
#include "tests/unit/check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char path[] = "/tmp/vv-test-file-XXXXXX";
	int fd = mkstemp(path);
	char *data = NULL;
	size_t len = 0;
	enum vv_err err;

	if (fd < 0 || write(fd, "hello\n", 6) != 6)
		return 1;
	err = file_read(path, 6, &data, &len);
	CHECK(err == VV_OK && len == 6 && data && strcmp(data, "hello\n") == 0,
	      "file: reads a file whole, NUL-terminated, up to the cap");
	free(data);
	err = file_read_fd(fd, 5, &data, &len);
	CHECK(err == VV_ERR_LIMIT && errno == EFBIG && !data && len == 0,
	      "file: over the cap is refused with VV_ERR_LIMIT (EFBIG)");
	CHECK(lseek(fd, 0, SEEK_CUR) == 6 &&
	      file_read_fd(fd, 64, &data, &len) == VV_OK && len == 6,
	      "file: reads from the start without moving the offset");
	free(data);
	close(fd);
	unlink(path);
	err = file_read(path, 64, &data, &len);
	CHECK(err == VV_ERR_IO && errno == ENOENT && !data,
	      "file: a missing file is an I/O error with errno kept");
	CHECK(!strstr(vv_strerror(VV_ERR_LIMIT), "memory") &&
	      strstr(vv_strerror(VV_ERR_LIMIT), "limit"),
	      "err: a size limit is not described as memory");
	CHECK(!strstr(vv_strerror(VV_ERR_NOMEM), "limit"),
	      "err: out of memory is only that");
	return CHECK_DONE();
}
