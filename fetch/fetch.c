/* fetch: libcurl downloads with size caps and time limits. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "common/i18n.h"
#include "fetch/fetch.h"

enum vv_err fetch_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK
		       ? VV_OK
		       : VV_ERR_INTERNAL;
}

/* Where the bytes go: a capped buffer (fd < 0) or a file. */
struct sink {
	int fd;
	char *buf;
	size_t len, cap;
	uint64_t max, total;
	int over;       /* more than max arrived */
	int write_errno; /* a write to fd failed */
	uint64_t offset;   /* Range start, 0: the whole file */
	int checked;       /* the response status was looked at */
	CURL *curl;
	const char *etag;  /* If-None-Match, or NULL */
	char *etag_out;    /* the response's ETag, or NULL */
	size_t etag_cap;
	long status;
};

/* Keeps the ETag header of the response. */
static size_t sink_header(char *ptr, size_t size, size_t n, void *user)
{
	struct sink *s = user;
	size_t bytes = size * n, v;

	if (s->etag_out && bytes > 5 && strncasecmp(ptr, "etag:", 5) == 0) {
		v = 5;
		while (v < bytes && (ptr[v] == ' ' || ptr[v] == '\t'))
			v++;
		while (bytes > v && (ptr[bytes - 1] == '\r' ||
				     ptr[bytes - 1] == '\n' ||
				     ptr[bytes - 1] == ' '))
			bytes--;
		if (bytes - v < s->etag_cap)
			snprintf(s->etag_out, s->etag_cap, "%.*s",
				 (int)(bytes - v), ptr + v);
	}
	return size * n;
}

static size_t sink_write(char *ptr, size_t size, size_t n, void *user)
{
	struct sink *s = user;
	size_t bytes = size * n, off = 0;

	if (s->offset && !s->checked) {
		long status = 0;

		/* 200 instead of 206: the server sends the whole file. */
		s->checked = 1;
		curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
		if (status != 206) {
			if (ftruncate(s->fd, 0) != 0 ||
			    lseek(s->fd, 0, SEEK_SET) != 0) {
				s->write_errno = errno;
				return 0;
			}
			s->max += s->offset;
			s->offset = 0;
		}
	}
	if (bytes > s->max - s->total) {
		s->over = 1;
		return 0;
	}
	if (s->fd < 0) {
		if (s->len + bytes + 1 > s->cap) {
			size_t cap = s->cap ? s->cap : 4096;
			char *b;

			while (cap < s->len + bytes + 1)
				cap *= 2;
			b = realloc(s->buf, cap);
			if (!b)
				return 0;
			s->buf = b;
			s->cap = cap;
		}
		memcpy(s->buf + s->len, ptr, bytes);
		s->len += bytes;
		s->buf[s->len] = '\0';
	} else {
		while (off < bytes) {
			ssize_t w = write(s->fd, ptr + off, bytes - off);

			if (w < 0) {
				if (errno == EINTR)
					continue;
				s->write_errno = errno;
				return 0;
			}
			off += (size_t)w;
		}
	}
	s->total += bytes;
	return bytes;
}

static enum vv_err run(const char *url, struct sink *s,
		       const struct fetch_limits *limits)
{
	CURL *c = curl_easy_init();
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = NULL;
	char *line = NULL, range[32];
	CURLcode rc;
	long status = 0;

	if (!c)
		return VV_ERR_NOMEM;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, limits->connect_time);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)FETCH_LOW_SPEED);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, limits->low_speed_time);
	/* s->max: the bytes expected (a bundle's rest) or the cap. */
	curl_easy_setopt(c, CURLOPT_TIMEOUT,
			 limits->connect_time + limits->low_speed_time +
				 (long)(s->max / FETCH_MIN_AVERAGE));
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "veiviser-sync/" VV_VERSION);
	s->curl = c;
	if (s->offset) {
		/* A Range header of our own rather than
		 * CURLOPT_RESUME_FROM, with which libcurl fails a server
		 * that answers 200 ("doesn't seem to support byte ranges")
		 * and the part would never complete; sink_write() restarts
		 * the file on a 200 instead. */
		snprintf(range, sizeof range, "%llu-",
			 (unsigned long long)s->offset);
		curl_easy_setopt(c, CURLOPT_RANGE, range);
		/* The cap is on what is left, and a 200 may send it all. */
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
				 (curl_off_t)(s->max + s->offset));
	}
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, sink_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	if (s->etag && s->etag[0] && strlen(s->etag) < 1024 &&
	    asprintf(&line, "If-None-Match: %s", s->etag) >= 0) {
		headers = curl_slist_append(NULL, line);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	curl_slist_free_all(headers);
	free(line);
	s->status = status;
	if (rc == CURLE_OK)
		return VV_OK;
	if (s->over || rc == CURLE_FILESIZE_EXCEEDED) {
		vv_error(url, 0, _("the server sent more than the %llu bytes "
				   "expected; refused"),
			 (unsigned long long)s->max);
		return VV_ERR_LIMIT;
	}
	if (s->write_errno) {
		errno = s->write_errno;
		vv_error(url, 0, _("cannot write the download: %s"),
			 strerror(s->write_errno));
		return VV_ERR_IO;
	}
	if (rc == CURLE_OPERATION_TIMEDOUT)
		vv_error(url, 0, _("the server is too slow (time limit "
				   "reached); will try again later"));
	else
		vv_error(url, 0, _("cannot download: %s"),
			 errbuf[0] ? errbuf : curl_easy_strerror(rc));
	return VV_ERR_IO;
}

enum vv_err fetch_memory(const char *url, size_t max,
			 const struct fetch_limits *limits, char **data,
			 size_t *len)
{
	int not_modified;

	return fetch_memory_if(url, max, limits, NULL, NULL, 0, &not_modified,
			       data, len);
}

enum vv_err fetch_memory_if(const char *url, size_t max,
			    const struct fetch_limits *limits,
			    const char *etag, char *etag_out, size_t cap,
			    int *not_modified, char **data, size_t *len)
{
	struct sink s = { -1, NULL, 0, 0, max, 0, 0, 0, 0, 0, NULL, etag,
			  etag_out, cap, 0 };
	enum vv_err err;

	if (etag_out && cap)
		etag_out[0] = '\0';
	err = run(url, &s, limits);
	*not_modified = err == VV_OK && s.status == 304;
	if (*not_modified) {
		free(s.buf);
		*data = NULL;
		*len = 0;
		return VV_OK;
	}
	if (err == VV_OK && !s.buf) {
		s.buf = calloc(1, 1);
		if (!s.buf)
			err = VV_ERR_NOMEM;
	}
	if (err != VV_OK) {
		free(s.buf);
		return err;
	}
	*data = s.buf;
	*len = s.len;
	return VV_OK;
}

enum vv_err fetch_file(const char *url, int fd, uint64_t max,
		       const struct fetch_limits *limits, uint64_t *written)
{
	return fetch_file_from(url, fd, 0, max, limits, written);
}

enum vv_err fetch_file_from(const char *url, int fd, uint64_t offset,
			    uint64_t size, const struct fetch_limits *limits,
			    uint64_t *written)
{
	struct sink s = { fd, NULL, 0, 0, size - offset, 0, 0, 0, offset, 0,
			  NULL, NULL, NULL, 0, 0 };
	enum vv_err err;

	if (offset && lseek(fd, (off_t)offset, SEEK_SET) < 0)
		return VV_ERR_IO;
	err = run(url, &s, limits);
	*written = s.total;
	return err;
}
