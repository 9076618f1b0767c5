/* Unit tests for common/lang. */
#include "common/lang.h"
#include "tests/unit/check.h"

#include <string.h>

int main(void)
{
	static const char *required[] = { "nb", "nn", "en", "uk", "ru", "ar",
		"prs", "fa", "ps", "ti", "am", "so", "kmr", "ckb", "tr", "pl",
		"ur" };
	const struct vv_lang *l;
	char codes[512];
	size_t i, missing = 0;

	for (i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!lang_find(required[i]))
			missing++;
	CHECK(missing == 0, "lang: every required language is in the table");

	l = lang_find("ar");
	CHECK(l && l->dir == VV_DIR_RTL && strcmp(l->script, "Arab") == 0,
	      "lang: Arabic is right-to-left in Arabic script");
	l = lang_find("ti");
	CHECK(l && l->dir == VV_DIR_LTR && strcmp(l->script, "Ethi") == 0,
	      "lang: Tigrinya is left-to-right in Ethiopic script");
	CHECK_STR(lang_find("ti") ? lang_find("ti")->endonym : NULL, "ትግርኛ",
		  "lang: Tigrinya endonym is in Ge'ez script");
	CHECK(lang_find("nb-NO") == lang_find("nb"), "lang: region subtag ignored");
	CHECK(lang_find("xx") == NULL, "lang: unknown code gives NULL");
	CHECK(lang_find_iso639_2("ukr") == lang_find("uk"),
	      "lang: ISO 639-2 media tag maps to code");
	lang_known_codes(codes, sizeof codes);
	CHECK(strstr(codes, "prs") && strstr(codes, "kmr"),
	      "lang: known codes list names Dari and Kurmanji");
	for (i = 0; i < lang_count(); i++)
		if (!lang_at(i)->endonym || !lang_at(i)->font_family)
			missing++;
	CHECK(missing == 0, "lang: every entry has endonym and font");
	return CHECK_DONE();
}
