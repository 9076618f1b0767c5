/* version: the precedence of pack versions; see version.h. */
#include "common/version.h"

#include <string.h>

/* The length of the part at `s`, up to '.' or any of `end`. */
static size_t part_len(const char *s, const char *end)
{
	size_t n = 0;

	while (s[n] && s[n] != '.' && !strchr(end, s[n]))
		n++;
	return n;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Compares one part of each: numbers by value (of any length: leading
 * zeros skipped, then the longer is larger), a number before a word,
 * words as ASCII text, the shorter first when one starts the other. */
static int part_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int ad = all_digits(a, an), bd = all_digits(b, bn), c;

	if (ad && bd) {
		while (an > 1 && *a == '0')
			a++, an--;
		while (bn > 1 && *b == '0')
			b++, bn--;
		if (an != bn)
			return an < bn ? -1 : 1;
		return memcmp(a, b, an);
	}
	if (ad != bd)
		return ad ? -1 : 1;
	c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c;
	return an == bn ? 0 : an < bn ? -1 : 1;
}

/* Compares the dot-separated lists at *a and *b, each up to a character
 * of `end` or the string's end, and moves both past them. With `pad`, a
 * list that ends first goes on with zeros (a core); without, the shorter
 * list is the older (a pre-release). */
static int list_cmp(const char **a, const char **b, const char *end,
		    int pad)
{
	int c = 0;

	for (;;) {
		int a_done = !**a || strchr(end, **a);
		int b_done = !**b || strchr(end, **b);
		size_t an, bn;

		if (a_done && b_done)
			return c;
		if (!pad && (a_done || b_done)) {
			if (!c)
				c = a_done ? -1 : 1;
			break;
		}
		an = a_done ? 0 : part_len(*a, end);
		bn = b_done ? 0 : part_len(*b, end);
		if (!c)
			c = part_cmp(a_done ? "0" : *a, a_done ? 1 : an,
				     b_done ? "0" : *b, b_done ? 1 : bn);
		*a += an + (!a_done && (*a)[an] == '.');
		*b += bn + (!b_done && (*b)[bn] == '.');
	}
	/* skip what is left of the longer list */
	*a += strcspn(*a, end);
	*b += strcspn(*b, end);
	return c;
}

int version_cmp(const char *a, const char *b)
{
	int c;

	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	c = list_cmp(&a, &b, "-+", 1);
	if (c)
		return c < 0 ? -1 : 1;
	/* a pre-release before its release */
	if ((*a == '-') != (*b == '-'))
		return *a == '-' ? -1 : 1;
	if (*a != '-')
		return 0;
	a++;
	b++;
	c = list_cmp(&a, &b, "+", 0);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}
