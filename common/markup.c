/* markup: inline tags of pack text; see markup.h. */
#include "common/markup.h"

#include <string.h>

size_t markup_tag_len(const char *s)
{
	if (strncmp(s, "<b>", 3) == 0 || strncmp(s, "<i>", 3) == 0)
		return 3;
	if (strncmp(s, "</b>", 4) == 0 || strncmp(s, "</i>", 4) == 0)
		return 4;
	return 0;
}
