/* Unit tests for common/file (whole-file reads with a size cap) and the
 * error descriptions of common/err. */
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
	char path[] = "/tmp/test_file.XXXXXX";
	char *data = NULL;
	size_t len = 0;
	int fd = mkstemp(path);

	CHECK(fd >= 0 && write(fd, "0123456789", 10) == 10,
	      "file: a ten-byte file");
	CHECK(file_read(path, 10, &data, &len) == VV_OK && len == 10 &&
	      data && strcmp(data, "0123456789") == 0,
	      "file: read at exactly the cap");
	free(data);
	data = NULL;
	errno = 0;
	CHECK(file_read(path, 9, &data, &len) == VV_ERR_LIMIT && !data &&
	      errno == EFBIG, "file: over the cap is VV_ERR_LIMIT (EFBIG)");
	CHECK(file_read("/nonexistent/x", 9, &data, &len) == VV_ERR_IO,
	      "file: a missing file is VV_ERR_IO");
	CHECK(!strstr(vv_strerror(VV_ERR_LIMIT), "memory") &&
	      strstr(vv_strerror(VV_ERR_LIMIT), "limit"),
	      "err: a size limit is not described as memory");
	CHECK(!strstr(vv_strerror(VV_ERR_NOMEM), "limit"),
	      "err: out of memory is only that");
	if (fd >= 0)
		close(fd);
	unlink(path);
	return CHECK_DONE();
}
