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
#include "common/sign.h"

enum { OPT_TRUST = 256 };

static const struct option verify_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "trust", required_argument, NULL, OPT_TRUST },
	{ "public-key", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

/* Checks the signature of the intact bundle `b` against `ring` and prints
 * its line. Returns 0, or 1 after one line on stderr when the signature
 * is malformed, does not match, is by a key not in a non-empty `ring`, or
 * is missing while `ring` holds keys. */
static int verify_signature(const struct bundle *b,
			    const struct sign_keyring *ring)
{
	unsigned char id[SIGN_ID_BYTES];
	char hex[SIGN_ID_HEX_SIZE];
	enum vv_err err;

	if (!b->signature) {
		if (ring->n) {
			vv_error(b->path, 0, _("unsigned; sign it with "
					       "veiviser-build sign"));
			return 1;
		}
		printf(_("%s: intact (%zu members), unsigned\n"), b->path,
		       b->n_members);
		return 0;
	}
	if (!ring->n) {
		if (sign_signature_id(b->signature, b->signature_size, id) !=
		    VV_OK) {
			vv_error(b->path, 0, _("the signature member is not "
					       "a minisign signature; sign "
					       "the bundle again"));
			return 1;
		}
		sign_id_hex(id, hex);
		printf(_("%s: intact (%zu members), signed by key %s (not "
			 "checked: give -p KEY.pub or --trust DIR)\n"),
		       b->path, b->n_members, hex);
		return 0;
	}
	err = sign_verify(b->signature, b->signature_size, b->manifest_sum,
			  65, ring, id, NULL);
	sign_id_hex(id, hex);
	switch (err) {
	case VV_OK:
		printf(_("%s: intact (%zu members), signed by key %s\n"),
		       b->path, b->n_members, hex);
		return 0;
	case VV_ERR_NOTFOUND:
		vv_error(b->path, 0, _("signed by key %s, which is not a "
				       "trusted key"), hex);
		return 1;
	case VV_ERR_INTEGRITY:
		vv_error(b->path, 0, _("the signature of key %s does not "
				       "match: the bundle or its signature "
				       "was altered"), hex);
		return 1;
	default:
		vv_error(b->path, 0, _("the signature member is not a "
				       "minisign signature; sign the bundle "
				       "again"));
		return 1;
	}
}

int cmd_verify(int argc, char **argv)
{
	const char *usage = _("usage: veiviser-build verify BUNDLE... "
			      "[--trust DIR] [-p KEY.pub]...\n"
			      "Checks every bundle's structure, manifest and "
			      "member hashes, and reports\nwhich key signed it "
			      "or that it is unsigned. With --trust DIR (its "
			      "*.pub\nfiles) or -p, a bundle must also be "
			      "signed by one of those keys.\nExit 0 when all "
			      "are intact, 1 when any is damaged or not "
			      "signed as\nrequired, 2 on a usage or I/O "
			      "error.");
	struct sign_keyring ring = { NULL, 0 };
	struct sign_public pub;
	struct bundle *b;
	int i, bad = 0, c;

	args_begin();
	while ((c = args_next(argc, argv, "hp:", verify_options,
			      "veiviser-build verify")) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", usage);
			sign_keyring_clear(&ring);
			return 0;
		case 'p':
			if (sign_public_load(optarg, &pub) != VV_OK ||
			    sign_keyring_add(&ring, &pub) != VV_OK) {
				sign_keyring_clear(&ring);
				return 2;
			}
			break;
		case OPT_TRUST:
			if (sign_keyring_load_dir(&ring, optarg) != VV_OK) {
				sign_keyring_clear(&ring);
				return 2;
			}
			if (access(optarg, R_OK) != 0) {
				vv_error(optarg, 0, _("no such folder of "
						      "trusted keys; check "
						      "the path"));
				sign_keyring_clear(&ring);
				return 2;
			}
			break;
		default:
			sign_keyring_clear(&ring);
			return 2;
		}
	}
	if (optind >= argc) {
		sign_keyring_clear(&ring);
		return args_operands_error("veiviser-build verify",
					   _("one or more BUNDLE files"),
					   NULL);
	}
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
		} else if (verify_signature(b, &ring) && !bad) {
			bad = 1;
		}
		bundle_close(b);
	}
	sign_keyring_clear(&ring);
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
