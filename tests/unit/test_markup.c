/* Unit tests for common/markup: the inline tags, and the one escaper the
 * builder writes pack.xml text (attributes) and WebVTT cue text with. */
#include <stdlib.h>
#include <string.h>

#include "common/markup.h"
#include "common/strbuf.h"
#include "tests/unit/check.h"

/* Returns markup_escape(s, flags) as a new string (free() it). */
static char *escaped(const char *s, unsigned flags)
{
	struct strbuf b;

	strbuf_init(&b, 4096);
	markup_escape(&b, s, flags);
	return strbuf_take(&b, NULL);
}

static void expect_escaped(const char *s, unsigned flags, const char *want,
			   const char *name)
{
	char *got = escaped(s, flags);

	CHECK_STR(got, want, name);
	free(got);
}

int main(void)
{
	CHECK(markup_tag_len("<b>x") == 3 && markup_tag_len("</i>") == 4 &&
	      markup_tag_len("<u>") == 0 && markup_tag_len("<") == 0,
	      "markup_tag_len: <b>, </i>; not <u> nor a lone <");
	expect_escaped("a & b < c > d", 0, "a &amp; b &lt; c &gt; d",
		       "escape: &, < and >");
	expect_escaped("say \"hi\"", MARKUP_QUOTES, "say &quot;hi&quot;",
		       "escape: quotes in an attribute");
	expect_escaped("say \"hi\"", MARKUP_KEEP_TAGS, "say \"hi\"",
		       "escape: quotes stay in cue text");
	expect_escaped("<b>bold</b> <i>x</i>", MARKUP_KEEP_TAGS,
		       "<b>bold</b> <i>x</i>", "escape: cue text keeps tags");
	expect_escaped("<b>bold</b>", MARKUP_QUOTES,
		       "&lt;b&gt;bold&lt;/b&gt;",
		       "escape: an attribute keeps no tags");
	expect_escaped("<u>x</u> <script>", MARKUP_KEEP_TAGS,
		       "&lt;u&gt;x&lt;/u&gt; &lt;script&gt;",
		       "escape: other tags are escaped in cue text");
	expect_escaped("one\ntwo\r\nthree\tfour\x01", MARKUP_KEEP_TAGS,
		       "one two  three four ",
		       "escape: line breaks and controls become spaces");
	expect_escaped("Ætt – ትግርኛ", MARKUP_QUOTES, "Ætt – ትግርኛ",
		       "escape: UTF-8 passes as it is");
	return CHECK_DONE();
}
