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

void markup_escape(struct strbuf *b, const char *s, unsigned flags)
{
	while (*s) {
		size_t tl = flags & MARKUP_KEEP_TAGS ? markup_tag_len(s) : 0;

		if (tl) {
			strbuf_add(b, s, tl);
			s += tl;
			continue;
		}
		if (*s == '&')
			strbuf_puts(b, "&amp;");
		else if (*s == '<')
			strbuf_puts(b, "&lt;");
		else if (*s == '>')
			strbuf_puts(b, "&gt;");
		else if (*s == '"' && flags & MARKUP_QUOTES)
			strbuf_puts(b, "&quot;");
		else if ((unsigned char)*s < 0x20)
			strbuf_add(b, " ", 1);
		else
			strbuf_add(b, s, 1);
		s++;
	}
}
