/* pack_text: whitespace normalisation of source texts. */
#include "builder/pack_text.h"

void pack_text_normalise(char *s)
{
	char *r = s, *w = s;
	int space = 0;

	while (*r) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = 1;
			r++;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r++;
	}
	*w = '\0';
}
