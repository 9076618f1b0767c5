/* inspect: `veiviser-build verify` and `veiviser-build info`, both on top
 * of the bundle reader in common/ that the player uses too. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "builder/commands.h"
#include "common/args.h"
#include "common/bundle.h"
#include "common/i18n.h"

int cmd_verify(int argc, char **argv)
{
	const char *usage = _("usage: veiviser-build verify BUNDLE...\n"
			      "Checks every bundle's structure, manifest and "
			      "member hashes; exit 0 when all are intact, 1 "
			      "when any is damaged.");
	struct bundle *b;
	int i, bad = 0, c;

	c = args_help_only(argc, argv, "veiviser-build verify", usage);
	if (c >= 0)
		return c;
	if (optind >= argc)
		return args_operands_error("veiviser-build verify",
					   _("one or more BUNDLE files"),
					   NULL);
	for (i = optind; i < argc; i++) {
		b = NULL;
		/* bundle_open and bundle_verify_members print the one line
		 * naming the bundle on failure. */
		if (bundle_open(argv[i], &b) != VV_OK ||
		    bundle_verify_members(b) != VV_OK) {
			/* 2 (an I/O error) wins over 1 (a damaged bundle). */
			if (access(argv[i], R_OK) != 0)
				bad = 2;
			else if (!bad)
				bad = 1;
		} else {
			printf(_("%s: intact (%zu members)\n"), argv[i],
			       b->n_members);
		}
		bundle_close(b);
	}
	return bad;
}

static const char *kind_name(enum bundle_item_kind kind)
{
	return kind == BUNDLE_VIDEO ? _("video") : _("slide");
}

/* Prints " (fallback)" after text that stands in for a translation. */
static const char *fb(const struct bundle_text *t)
{
	return t->fallback ? _(" [source text]") : "";
}

static void print_member_line(const struct bundle_member *m)
{
	printf("  %-40s %-9s %12llu %s", m->name, m->kind,
	       (unsigned long long)m->size, _("bytes"));
	if (m->duration > 0)
		printf("  %.2f s", m->duration);
	if (m->width > 0)
		printf("  %dx%d", m->width, m->height);
	printf("\n");
}

/* Prints one line for a text that stands in for a translation: which
 * field, and its start, so that a reviewer can find every one. */
static void print_fallback(const char *field, size_t n,
			   const struct bundle_text *t)
{
	char label[32];
	int len = 0, chars = 0;

	if (!t->fallback)
		return;
	if (n)
		snprintf(label, sizeof label, "%s %zu", field, n);
	else
		snprintf(label, sizeof label, "%s", field);
	/* The first 48 characters, cut on a UTF-8 boundary. */
	while (t->text[len] && chars < 48) {
		len++;
		while (((unsigned char)t->text[len] & 0xC0) == 0x80)
			len++;
		chars++;
	}
	printf(_("      [source text] %s: %.*s%s\n"), label, len, t->text,
	       t->text[len] ? "..." : "");
}

static void print_fallbacks(const struct bundle_item *it)
{
	size_t i;

	for (i = 0; i < it->n_paragraphs; i++)
		print_fallback(_("paragraph"), i + 1, &it->paragraphs[i]);
	for (i = 0; i < it->n_bullets; i++)
		print_fallback(_("bullet"), i + 1, &it->bullets[i]);
	print_fallback(_("alt text"), 0, &it->image_alt);
	print_fallback(_("script"), 0, &it->script);
	if (it->cue_fallback)
		printf(_("      [source text] %zu subtitle cues\n"),
		       it->cue_fallback);
}

int cmd_info(int argc, char **argv)
{
	const char *usage = _("usage: veiviser-build info BUNDLE\n"
			      "Prints a summary of the bundle's manifest.");
	const struct bundle_item *it;
	struct bundle *b = NULL;
	size_t i;
	int c;

	c = args_help_only(argc, argv, "veiviser-build info", usage);
	if (c >= 0)
		return c;
	if (optind != argc - 1)
		return args_operands_error("veiviser-build info",
					   _("one BUNDLE file"),
					   optind < argc ? argv[optind + 1]
							 : NULL);
	if (bundle_open(argv[optind], &b) != VV_OK)
		return access(argv[optind], R_OK) != 0 ? 2 : 1;
	printf(_("bundle:    %s\n"), b->path);
	printf(_("pack:      %s %s: %s%s\n"), b->pack_id, b->pack_version,
	       b->pack_title.text, fb(&b->pack_title));
	printf(_("language:  %s, %s (%s); script %s, %s%s\n"), b->lang->code,
	       b->lang->endonym, b->lang->english, b->lang->script,
	       lang_dir_name(b->lang->dir),
	       b->draft ? _("; draft translation, needs review") : "");
	printf(_("level:     %s: %s%s\n"), b->level_id, b->level_label.text,
	       fb(&b->level_label));
	printf(_("coverage:  %zu of %zu texts translated, %zu shown in the "
		 "source language\n"), b->coverage_translated,
	       b->coverage_total, b->coverage_fallback);
	printf(_("items:     %zu\n"), b->n_items);
	for (i = 0; i < b->n_items; i++) {
		it = &b->items[i];
		printf("  %2zu. %-5s %-24s %s%s\n", i + 1, kind_name(it->kind),
		       it->id, it->heading.text, fb(&it->heading));
		if (it->kind == BUNDLE_SLIDE)
			printf(_("      %zu paragraphs, %zu bullets%s%s%s\n"),
			       it->n_paragraphs, it->n_bullets,
			       it->image ? _(", image") : "",
			       it->script.text[0] ? _(", script") : "",
			       it->narration ? _(", narration") : "");
		if (it->narration)
			printf(_("      narration %.2f s\n"),
			       it->narration->duration);
		if (it->video)
			printf(_("      video %.2f s, audio %s%s%s\n"),
			       it->video->duration,
			       it->audio_lang ? it->audio_lang : "-",
			       it->subtitles ? _(", subtitles") : "",
			       it->script.text[0] ? _(", script") : "");
		print_fallbacks(it);
	}
	printf(_("members:   %zu\n"), b->n_members);
	for (i = 0; i < b->n_members; i++)
		print_member_line(&b->members[i]);
	bundle_close(b);
	return 0;
}
