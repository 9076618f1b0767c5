/* cuetime: subtitle cue times; see cuetime.h. */
#include "common/cuetime.h"

#include <stdio.h>
#include <string.h>

long cuetime_parse(const char **p)
{
	long part[3];
	int n = 0, digits;
	const char *s = *p;
	long ms = 0;

	for (;;) {
		long v = 0;

		digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 9) {
			v = v * 10 + (*s - '0');
			s++;
			digits++;
		}
		if (digits == 0)
			return -1;
		part[n++] = v;
		if (*s == ':' && n < 3) {
			s++;
			continue;
		}
		break;
	}
	if (n < 2 || (*s != '.' && *s != ','))
		return -1;
	s++;
	for (digits = 0; digits < 3; digits++) {
		if (*s < '0' || *s > '9')
			return -1;
		ms = ms * 10 + (*s++ - '0');
	}
	if (part[n - 1] > 59 || (n == 3 && part[1] > 59))
		return -1;
	*p = s;
	if (n == 3)
		return ((part[0] * 60 + part[1]) * 60 + part[2]) * 1000 + ms;
	return (part[0] * 60 + part[1]) * 1000 + ms;
}

int cuetime_parse_timing(const char *line, long *start, long *end)
{
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	*start = cuetime_parse(&p);
	if (*start < 0)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "-->", 3) != 0)
		return -1;
	p += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	*end = cuetime_parse(&p);
	return *end < 0 ? -1 : 0;
}

void cuetime_format(long ms, char *buf, size_t size)
{
	if (ms < 0)
		ms = 0;
	snprintf(buf, size, "%02ld:%02ld:%02ld.%03ld", ms / 3600000,
		 ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}
