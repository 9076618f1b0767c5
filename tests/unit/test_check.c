/* Unit tests for builder/check's comparisons. */
#include "builder/check.h"
#include "tests/unit/check.h"

#include <string.h>

int main(void)
{
	char why[512];

	CHECK(check_text_length("Velkommen") == 9, "check: ASCII length");
	CHECK(check_text_length("møte") == 4, "check: length counts characters");
	CHECK(check_text_length("أهلاً") == 5, "check: Arabic length");
	CHECK(check_text_length("a <b>b</b> <i>c</i>") == 5,
	      "check: tags do not count");

	CHECK(check_placeholders("Hei {name}.", "مرحبا {name}.", why,
				 sizeof why) == 0, "check: placeholder kept");
	CHECK(check_placeholders("Hei {name}.", "مرحبا {nom}.", why,
				 sizeof why) != 0 && strstr(why, "{name}"),
	      "check: renamed placeholder is a mismatch");
	CHECK(check_placeholders("Hei {name}.", "مرحبا.", why, sizeof why) != 0,
	      "check: dropped placeholder");
	CHECK(check_placeholders("Hei.", "Hei {x}.", why, sizeof why) != 0 &&
	      strstr(why, "{x}"), "check: extra placeholder");
	CHECK(check_placeholders("{a} {a} {b}", "{b} {a} {a}", why,
				 sizeof why) == 0,
	      "check: placeholders may move");
	CHECK(check_placeholders("{a} {a}", "{a}", why, sizeof why) != 0,
	      "check: placeholders counted as a multiset");
	CHECK(check_placeholders("{ not one }", "", why, sizeof why) == 0,
	      "check: braces with spaces are no placeholder");

	CHECK(check_markup("om <b>x</b>.", "عن <b>y</b>.", why, sizeof why) == 0,
	      "check: markup kept");
	CHECK(check_markup("om <b>x</b>.", "عن y.", why, sizeof why) != 0 &&
	      strstr(why, "<b>"), "check: dropped <b> is a mismatch");
	CHECK(check_markup("<i>x</i>", "<b>x</b>", why, sizeof why) != 0,
	      "check: <i> turned into <b>");
	CHECK(check_markup("<b><i>x</i></b>", "<b><i>x</b></i>", why,
			   sizeof why) != 0 && strstr(why, "nested"),
	      "check: crossed tags are a mismatch");
	CHECK(check_markup("<b>x</b>", "</b>x<b>", why, sizeof why) != 0,
	      "check: closing before opening is a mismatch");
	CHECK(check_markup("<b>a</b> <i>b</i>", "<i>b</i> <b>a</b>", why,
			   sizeof why) == 0, "check: tags may change order");

	CHECK(check_end_punctuation("Har du spørsmål?", "هل لديك أسئلة؟", why,
				    sizeof why) == 0,
	      "check: Arabic question mark equals ?");
	CHECK(check_end_punctuation("Ja, nei;", "نعم، لا؛", why,
				    sizeof why) == 0,
	      "check: Arabic semicolon equals ;");
	CHECK(check_end_punctuation("A,", "ب،", why, sizeof why) == 0,
	      "check: Arabic comma equals ,");
	CHECK(check_end_punctuation("Har du spørsmål?", "ሕቶ ኣሎካ ድዩ፧", why,
				    sizeof why) == 0,
	      "check: Ethiopic question mark equals ?");
	CHECK(check_end_punctuation("Slutt.", "ተወዲኡ።", why, sizeof why) == 0,
	      "check: Ethiopic full stop equals .");
	CHECK(check_end_punctuation("Slutt.", "ተወዲኡ፡፡", why, sizeof why) == 0,
	      "check: two Ethiopic wordspaces (፡፡) equal .");
	CHECK(check_end_punctuation("Slutt.", "ተወዲኡ፡", why, sizeof why) != 0,
	      "check: one Ethiopic wordspace is no full stop");

	/* A subtitle cue of two speakers: one line each ('\n'). */
	CHECK(check_turns("- Hei!\n- Hallo.", "- Hi!\n- Hello.", why,
			  sizeof why) == 0, "check: turns kept");
	CHECK(check_turns("- Hei!\n- Hallo.", "- Hi! - Hello.", why,
			  sizeof why) != 0 && strstr(why, "2") &&
	      strstr(why, "\\n"), "check: turns joined in the translation");
	CHECK(check_turns("- Hei!\n- Hallo.", "- Hi!\n\n- Hello.\n", why,
			  sizeof why) == 0, "check: empty lines do not count");
	CHECK(check_turns("Hei der.", "Hi\nthere.", why, sizeof why) == 0,
	      "check: a one-line source leaves the lines to the translator");
	{
		const char *kind;
		char many[400];

		memset(many, 'x', sizeof many - 1);
		many[sizeof many - 1] = '\0';
		CHECK(check_translation("Hei {name}.", "Hei.", 60, &kind, why,
					sizeof why) == CHECK_REFUSE &&
			      strcmp(kind, "placeholder") == 0,
		      "check: a missing placeholder is refused");
		CHECK(check_translation("<b>Hei</b>", "<b>Hei", 60, &kind, why,
					sizeof why) == CHECK_REFUSE &&
			      strcmp(kind, "markup") == 0,
		      "check: unbalanced markup is refused");
		CHECK(check_translation("Hei", many, 60, &kind, why,
					sizeof why) == CHECK_REFUSE &&
			      strcmp(kind, "length") == 0,
		      "check: over twice the budget is refused");
		many[100] = '\0';
		CHECK(check_translation("Hei", many, 60, &kind, why,
					sizeof why) == CHECK_SHIP_LONG,
		      "check: over the budget but fitting is shipped");
		CHECK(check_translation("Hei", many, 0, &kind, why,
					sizeof why) == CHECK_SHIP,
		      "check: no budget, no length limit");
		CHECK(check_translation("Hei", "<b></b>", 60, &kind, why,
					sizeof why) == CHECK_REFUSE,
		      "check: a translation that shows nothing is refused");
		/* msgfmt -c's rule: a "\n" at either end in both or none. */
		CHECK(check_translation("Velkommen", "Welcome\n", 60, &kind,
					why, sizeof why) == CHECK_REFUSE &&
			      strcmp(kind, "newline") == 0 &&
			      strstr(why, "end"),
		      "check: a line break the source does not end with");
		CHECK(check_translation("Velkommen", "\nWelcome", 60, &kind,
					why, sizeof why) == CHECK_REFUSE &&
			      strstr(why, "start"),
		      "check: a line break the source does not start with");
		CHECK(check_translation("Hei\n", "Hello", 60, &kind, why,
					sizeof why) == CHECK_REFUSE,
		      "check: a final line break dropped");
		CHECK(check_translation("A: Hei\nB: Hallo", "A: Hi\nB: Hello",
					60, &kind, why,
					sizeof why) == CHECK_SHIP,
		      "check: line breaks inside a text are the translator's");
	}
	CHECK(check_end_punctuation("Har du spørsmål?", "هل لديك أسئلة.", why,
				    sizeof why) != 0 && strstr(why, "'?'"),
	      "check: full stop for a question is flagged");
	CHECK(check_end_punctuation("Ferdig.", "Done", why, sizeof why) != 0,
	      "check: missing final punctuation is flagged");
	CHECK(check_end_punctuation("Ferdig", "Done.", why, sizeof why) == 0,
	      "check: source without punctuation is not compared");
	CHECK(check_end_punctuation("om <b>x</b>.", "about <b>x.</b>", why,
				    sizeof why) == 0,
	      "check: punctuation inside a closing tag counts");

	CHECK(check_is_empty("  <b> </b> "), "check: tags and spaces are empty");
	CHECK(!check_is_empty(" x "), "check: text is not empty");
	return CHECK_DONE();
}
