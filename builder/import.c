/* import: veiviser-build import turns a PowerPoint or Impress deck into a
 * pack (pack.xml, media/, import.map), prints what became what on each
 * slide and what could not be carried over, and aligns translated copies
 * of the deck into po/LANG.po. The pack is built whole in a temporary
 * folder beside PACKDIR and renamed into place, so a failed import
 * writes nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder/commands.h"
#include "builder/import_pack.h"
#include "builder/import_render.h"
#include "common/args.h"
#include "common/i18n.h"

static int usage(FILE *to)
{
	fprintf(to, _(
"usage: veiviser-build import DECK -o PACKDIR [--id ID] [--source-lang L]\n"
"                              [--render] [--render-timeout SECONDS]\n"
"       veiviser-build import --update PACKDIR DECK [--render]\n"
"       veiviser-build import --translation LANG DECK PACKDIR\n"
"Turns a PowerPoint (.pptx) or Impress (.odp) deck into a pack: each\n"
"slide becomes an item, its speaker notes the script. Prints what became\n"
"what on each slide and what could not be carried over.\n"
"  -o, --output PACKDIR  the new pack's folder (must not hold files)\n"
"  --id ID               the pack id (default: from the deck's name)\n"
"  --source-lang L       the deck's language (default: nb)\n"

"  --render              slides whose content is not text (charts, tables)\n"
"                        become pictures of the slide, marked\n"
"                        untranslatable (needs LibreOffice and\n"
"                        poppler-utils)\n"
"  --render-timeout S    stops LibreOffice (or pdftoppm, rsvg-convert)\n"
"                        when one run takes longer than S seconds, and\n"
"                        fails without writing anything (default: 120)\n"
"  --update PACKDIR DECK re-imports an edited deck, keeping po/ and the ids\n"
"                        of its slides\n"
"  --translation LANG    aligns a translated copy of the deck with the\n"
"                        pack by slide and shape ids and writes\n"
"                        po/LANG.po (imported texts are fuzzy: review\n"
"                        them)\n"
));
	return to == stdout ? 0 : 2;
}

enum { OPT_ID = 256, OPT_SOURCE_LANG, OPT_RENDER, OPT_UPDATE,
       OPT_TRANSLATION, OPT_RENDER_TIMEOUT };

static const struct option options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "id", required_argument, NULL, OPT_ID },
	{ "source-lang", required_argument, NULL, OPT_SOURCE_LANG },
	{ "render", no_argument, NULL, OPT_RENDER },
	{ "render-timeout", required_argument, NULL, OPT_RENDER_TIMEOUT },
	{ "update", no_argument, NULL, OPT_UPDATE },
	{ "translation", required_argument, NULL, OPT_TRANSLATION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int valid_id(const char *s)
{
	const char *c;

	if (!s[0] || !((s[0] >= 'a' && s[0] <= 'z') ||
		       (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '-'))
			return 0;
	return strlen(s) <= 64;
}

/* A pack id from the deck's file name: lower case, [a-z0-9-]. */
static void id_from_name(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t n = 0;

	base = base ? base + 1 : path;
	for (; *base && *base != '.' && n + 1 < size; base++) {
		char c = *base;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "deck");
}

int cmd_import(int argc, char **argv)
{
	struct import_options o = { 0 };
	int c, update = 0;

	o.source_lang = "nb";
	args_begin();
	while ((c = args_next(argc, argv, "ho:", options,
			      "veiviser-build import")) != -1) {
		switch (c) {
		case 'h':
			return usage(stdout);
		case 'o':
			o.pack_dir = optarg;
			break;
		case OPT_ID:
			o.id = optarg;
			break;
		case OPT_SOURCE_LANG:
			o.source_lang = optarg;
			break;
		case OPT_RENDER:
			o.render = 1;
			break;
		case OPT_UPDATE:
			update = 1;
			break;
		case OPT_RENDER_TIMEOUT: {
			char *end;
			unsigned long t;

			errno = 0;
			t = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || t < 1 ||
			    t > 86400 || optarg[0] == '-') {
				fprintf(stderr, _("veiviser-build import: "
						  "--render-timeout %s: give "
						  "the seconds, from 1 to "
						  "86400\n"), optarg);
				return 2;
			}
			import_render_set_timeout((unsigned)t);
			break;
		}
		case OPT_TRANSLATION:
			o.translation = optarg;
			break;
		default:
			return 2;
		}
	}
	if (o.translation) {
		if (update || o.pack_dir || argc - optind != 2) {
			fprintf(stderr, _("veiviser-build import: --translation "
					  "takes LANG DECK PACKDIR; run "
					  "'veiviser-build import --help'\n"));
			return 2;
		}
		return import_translation(o.translation, argv[optind],
					  argv[optind + 1]);
	}
	if (update) {
		if (o.pack_dir || o.id || argc - optind != 2) {
			fprintf(stderr, _("veiviser-build import: --update "
					  "takes PACKDIR DECK; run "
					  "'veiviser-build import --help'\n"));
			return 2;
		}
		o.pack_dir = argv[optind];
		o.deck = argv[optind + 1];
		o.update = 1;
		return import_pack(&o);
	}
	if (!o.pack_dir || argc - optind != 1) {
		fprintf(stderr, _("veiviser-build import: give one DECK and "
				  "-o PACKDIR; run 'veiviser-build import "
				  "--help'\n"));
		return 2;
	}
	o.deck = argv[optind];
	if (o.id && !valid_id(o.id)) {
		fprintf(stderr, _("veiviser-build import: --id %s: use lower "
				  "case letters, digits and '-'\n"), o.id);
		return 2;
	}
	if (!o.id) {
		id_from_name(o.deck, o.id_buf, sizeof o.id_buf);
		o.id = o.id_buf;
	}
	return import_pack(&o);
}
