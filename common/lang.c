/* lang: the language table. Fonts are families the player maps to files. */
#include "common/lang.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SANS "Noto Sans"
#define NASKH "Noto Naskh Arabic UI"
#define ETHI "Noto Sans Ethiopic"
/* Urdu is read in Nastaliq; Naskh looks foreign to its readers. */
#define NASTALIQ "Noto Nastaliq Urdu"

static const struct vv_lang langs[] = {
	{ "nb", "Norsk bokmål", "Norwegian Bokmål", "Latn", VV_DIR_LTR, SANS, "nob" },
	{ "nn", "Norsk nynorsk", "Norwegian Nynorsk", "Latn", VV_DIR_LTR, SANS, "nno" },
	{ "en", "English", "English", "Latn", VV_DIR_LTR, SANS, "eng" },
	{ "uk", "Українська", "Ukrainian", "Cyrl", VV_DIR_LTR, SANS, "ukr" },
	{ "ru", "Русский", "Russian", "Cyrl", VV_DIR_LTR, SANS, "rus" },
	{ "ar", "العربية", "Arabic", "Arab", VV_DIR_RTL, NASKH, "ara" },
	{ "prs", "دری", "Dari", "Arab", VV_DIR_RTL, NASKH, "prs" },
	{ "fa", "فارسی", "Persian", "Arab", VV_DIR_RTL, NASKH, "fas" },
	{ "ps", "پښتو", "Pashto", "Arab", VV_DIR_RTL, NASKH, "pus" },
	{ "ti", "ትግርኛ", "Tigrinya", "Ethi", VV_DIR_LTR, ETHI, "tir" },
	{ "am", "አማርኛ", "Amharic", "Ethi", VV_DIR_LTR, ETHI, "amh" },
	{ "so", "Soomaali", "Somali", "Latn", VV_DIR_LTR, SANS, "som" },
	{ "kmr", "Kurmancî", "Kurmanji Kurdish", "Latn", VV_DIR_LTR, SANS, "kmr" },
	{ "ckb", "کوردیی ناوەندی", "Central Kurdish (Sorani)", "Arab", VV_DIR_RTL, NASKH, "ckb" },
	{ "tr", "Türkçe", "Turkish", "Latn", VV_DIR_LTR, SANS, "tur" },
	{ "pl", "Polski", "Polish", "Latn", VV_DIR_LTR, SANS, "pol" },
	{ "ur", "اردو", "Urdu", "Arab", VV_DIR_RTL, NASTALIQ, "urd" },
};

/* Other ISO 639-2 tags that media tools write for the same languages. */
static const struct {
	const char *tag;
	const char *code;
} iso_aliases[] = {
	{ "nor", "nb" }, { "per", "fa" }, { "fas", "fa" }, { "kur", "kmr" },
	{ "ara", "ar" },
};

const struct vv_lang *lang_find(const char *code)
{
	size_t i, n;

	if (!code)
		return NULL;
	n = strcspn(code, "-_");
	for (i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (strlen(langs[i].code) == n &&
		    strncasecmp(langs[i].code, code, n) == 0)
			return &langs[i];
	return NULL;
}

const struct vv_lang *lang_find_iso639_2(const char *tag)
{
	size_t i;

	if (!tag)
		return NULL;
	for (i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (strcasecmp(langs[i].iso639_2, tag) == 0)
			return &langs[i];
	for (i = 0; i < sizeof iso_aliases / sizeof iso_aliases[0]; i++)
		if (strcasecmp(iso_aliases[i].tag, tag) == 0)
			return lang_find(iso_aliases[i].code);
	return NULL;
}

size_t lang_count(void)
{
	return sizeof langs / sizeof langs[0];
}

const struct vv_lang *lang_at(size_t i)
{
	return i < lang_count() ? &langs[i] : NULL;
}

void lang_known_codes(char *buf, size_t size)
{
	size_t i, used = 0;

	if (!size)
		return;
	buf[0] = '\0';
	for (i = 0; i < lang_count(); i++) {
		int n = snprintf(buf + used, size - used, "%s%s",
				 i ? ", " : "", langs[i].code);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

const char *lang_dir_name(enum vv_dir dir)
{
	return dir == VV_DIR_RTL ? "rtl" : "ltr";
}
