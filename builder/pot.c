/* pot: `veiviser-build pot` writes po/pack.pot from pack.xml, and
 * `veiviser-build update-po` merges it into every po/<lang>.po listed in
 * po/LINGUAS with msgmerge's semantics. Both go through libgettextpo. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include <gettext-po.h>

#include "builder/commands.h"
#include "builder/pack.h"
#include "builder/po.h"
#include "common/args.h"
#include "common/atomic.h"
#include "common/file.h"
#include "common/i18n.h"
#include "common/lang.h"

#define LINGUAS_MAX 64
/* Cap on what a gettext program may print back to us. */
#define POT_MAX_OUTPUT ((size_t)256 << 20)

/* Returns a new "dir/po/name" path. */
static char *po_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 5;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/po/%s", dir, name);
	return p;
}

/* Formats a gettext header date. SOURCE_DATE_EPOCH wins over `when`
 * so that builds can be reproduced. */
static void format_date(time_t when, char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;

	if (sde && *sde)
		when = (time_t)strtoll(sde, NULL, 10);
	gmtime_r(&when, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M+0000", &tm);
}

struct pot_builder {
	po_message_iterator_t it;
	size_t count;
};

static void add_text(const struct pack_text *t, void *user)
{
	struct pot_builder *b = user;
	po_message_t m = po_message_create();

	po_message_set_msgctxt(m, t->ctxt);
	po_message_set_msgid(m, t->text);
	po_message_set_msgstr(m, "");
	if (t->note)
		po_message_set_extracted_comments(m, t->note);
	po_message_add_filepos(m, t->file, (size_t)(t->line > 0 ? t->line
								 : 1));
	po_message_insert(b->it, m);
	b->count++;
}

/* Builds the template of `pack` in memory with POT-Creation-Date `date`.
 * Returns the file (free with po_file_free()); *count is the number of
 * messages. libgettextpo aborts the program when memory runs out. */
static po_file_t make_template(const struct pack *pack, const char *date,
			       size_t *count)
{
	po_file_t f = po_file_create();
	struct pot_builder b = { po_message_iterator(f, NULL), 0 };
	po_message_t h = po_message_create();
	char header[1024], comments[512];

	snprintf(header, sizeof header,
		 "Project-Id-Version: %s %s\n"
		 "Report-Msgid-Bugs-To: \n"
		 "POT-Creation-Date: %s\n"
		 "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
		 "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
		 "Language-Team: LANGUAGE <LL@li.org>\n"
		 "Language: \n"
		 "MIME-Version: 1.0\n"
		 "Content-Type: text/plain; charset=UTF-8\n"
		 "Content-Transfer-Encoding: 8bit\n"
		 "X-Source-Language: %s\n",
		 pack->id, pack->version, date, pack->source_lang);
	snprintf(comments, sizeof comments,
		 "Translations of the Veiviser pack \"%s\".\n"
		 "Made from pack.xml by veiviser-build; translators work in "
		 "po/LANG.po,\nwhich veiviser-build update-po keeps in step.\n"
		 "msgctxt is <item-id>/<field>; keep {placeholders} and "
		 "<b>, <i> tags.\n", pack->id);
	po_message_set_msgid(h, "");
	po_message_set_msgstr(h, header);
	po_message_set_comments(h, comments);
	po_message_set_fuzzy(h, 1);
	po_message_insert(b.it, h);
	pack_foreach_text(pack, add_text, &b);
	po_message_iterator_free(b.it);
	*count = b.count;
	return f;
}

/* Returns a new copy of the header field of an existing file, or NULL. */
static char *file_header_field(const char *path, const char *field)
{
	po_file_t f;
	char *header, *v = NULL;
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	f = po_read(path);
	if (!f)
		return NULL;
	header = (char *)po_file_domain_header(f, NULL);
	if (header)
		v = po_header_field(header, field);
	free(header);
	po_file_free(f);
	return v;
}

/* Writes PACKDIR/po/pack.pot; keeps the old file (and its date) when
 * nothing but the date would change. On success *tmpl holds the template
 * (caller frees). Returns VV_OK or an error after printing it. */
static enum vv_err write_pot(const struct pack *pack, po_file_t *tmpl,
			    int verbose)
{
	char *path = po_path(pack->dir, "pack.pot");
	char *podir = po_path(pack->dir, "");
	char *old_date;
	char date[64];
	po_file_t f;
	size_t count;
	int changed;
	enum vv_err err;

	*tmpl = NULL;
	if (!path || !podir) {
		free(path);
		free(podir);
		return VV_ERR_NOMEM;
	}
	if (mkdir(podir, 0777) != 0 && errno != EEXIST) {
		vv_error(podir, 0, _("cannot create the po directory: %s"),
			 strerror(errno));
		free(path);
		free(podir);
		return VV_ERR_IO;
	}
	free(podir);
	/* Try the old date first: an unchanged template stays byte for byte
	 * the same, so version control and make see no change. */
	old_date = file_header_field(path, "POT-Creation-Date");
	format_date(time(NULL), date, sizeof date);
	if (old_date && !getenv("SOURCE_DATE_EPOCH"))
		snprintf(date, sizeof date, "%s", old_date);
	f = make_template(pack, date, &count);
	err = po_write(f, path, &changed);
	if (!err && changed && old_date) {
		int again;

		/* Content changed: stamp it with the current date. */
		po_file_free(f);
		format_date(time(NULL), date, sizeof date);
		f = make_template(pack, date, &count);
		err = po_write(f, path, &again);
	}
	free(old_date);
	if (err) {
		po_file_free(f);
		free(path);
		return err;
	}
	if (verbose)
		printf(changed ? _("%s: wrote %zu messages\n")
			       : _("%s: up to date, %zu messages\n"),
		       path, count);
	free(path);
	*tmpl = f;
	return VV_OK;
}

/* The start of a command that takes one PACKDIR: --help, the operand and
 * the pack. Returns -1 with *pack set (free with pack_free()), or the
 * exit status after one line. */
static int load_pack_operand(int argc, char **argv, const char *cmd,
			     const char *usage, struct pack **pack)
{
	enum vv_err err;
	int c;

	c = args_help_only(argc, argv, cmd, usage);
	if (c >= 0)
		return c;
	if (optind != argc - 1)
		return args_operands_error(cmd, _("one PACKDIR"),
					   optind < argc ? argv[optind + 1]
							 : NULL);
	err = pack_load(argv[optind], pack);
	if (err)
		return err == VV_ERR_IO ? 2 : 1;
	return -1;
}

int cmd_pot(int argc, char **argv)
{
	int c;
	struct pack *pack;
	po_file_t tmpl;
	enum vv_err err;

	c = load_pack_operand(argc, argv, "veiviser-build pot",
			      _("usage: veiviser-build pot PACKDIR"), &pack);
	if (c >= 0)
		return c;
	err = write_pot(pack, &tmpl, 1);
	pack_free(pack);
	if (tmpl)
		po_file_free(tmpl);
	return err ? 2 : 0;
}

/* ---- update-po ---- */

/* Reads PACKDIR/po/LINGUAS: language codes separated by white space,
 * '#' starts a comment. Returns the count, or after printing -1 (a bad
 * code) or -2 (the file cannot be read). */
static int read_linguas(const char *dir, char codes[][16], int max)
{
	char *path = po_path(dir, "LINGUAS");
	char line[512];
	FILE *f;
	long lineno = 0;
	int n = 0, bad = 0;

	if (!path)
		return -1;
	f = fopen(path, "r");
	if (!f) {
		vv_error(path, 0, _("cannot read: %s; list the translation "
				    "languages there, one a line"),
			 strerror(errno));
		free(path);
		return -2;
	}
	while (fgets(line, sizeof line, f)) {
		char *tok, *save = NULL;

		lineno++;
		line[strcspn(line, "#")] = '\0';
		for (tok = strtok_r(line, " \t\r\n", &save); tok;
		     tok = strtok_r(NULL, " \t\r\n", &save)) {
			char known[512];

			if (!lang_find(tok) || strlen(tok) >= 16) {
				lang_known_codes(known, sizeof known);
				vv_error(path, lineno,
					 _("unknown language '%s'; known "
					   "codes: %s"), tok, known);
				bad = 1;
				continue;
			}
			if (n == max) {
				vv_error(path, lineno,
					 _("more than %d languages"), max);
				bad = 1;
				break;
			}
			snprintf(codes[n++], 16, "%s", tok);
		}
	}
	fclose(f);
	free(path);
	return bad ? -1 : n;
}

/* Plural-Forms for a new catalogue, as msginit writes them; msginit's
 * own table lacks most of the pack languages (ar, ti, prs...). These are
 * the expressions of gettext's manual and of CLDR's plural rules. */
static const struct {
	const char *code, *forms;
} plural_forms[] = {
	{ "ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
		"n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);" },
	{ "uk", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
		"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
		"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
		"(n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "fa", "nplurals=2; plural=(n > 1);" },
	{ "prs", "nplurals=2; plural=(n > 1);" },
	{ "ti", "nplurals=2; plural=(n > 1);" },
	{ "am", "nplurals=2; plural=(n > 1);" },
};

static const char *plural_forms_for(const char *lang)
{
	size_t i, n = strcspn(lang, "_-@.");

	for (i = 0; i < sizeof plural_forms / sizeof plural_forms[0]; i++)
		if (strlen(plural_forms[i].code) == n &&
		    strncmp(plural_forms[i].code, lang, n) == 0)
			return plural_forms[i].forms;
	/* nb nn en so kmr ckb tr ps ur: one form for 1, one for the rest. */
	return "nplurals=2; plural=(n != 1);";
}

/* Runs a GNU gettext program (argv[0], found in PATH) with `input`, when
 * not NULL, readable as /dev/fd/3. Its standard output is collected in
 * memory: nothing it writes can reach the disk half-done. Returns 0 and
 * the output in *out (free() it), or -1 after one line naming `name`
 * with the program's own first line of complaint. */
static int run_gettext(const char *const argv[], const char *input,
		       size_t input_len, const char *name, char **out,
		       size_t *out_len)
{
	posix_spawn_file_actions_t fa;
	int out_fd = memfd_create("veiviser-out", MFD_CLOEXEC);
	int err_fd = memfd_create("veiviser-err", MFD_CLOEXEC);
	int in_fd = input ? memfd_create("veiviser-in", MFD_CLOEXEC) : -1;
	int status = 0, rc = -1, spawn_err;
	pid_t pid;
	char *err_text = NULL;
	size_t err_len;

	*out = NULL;
	*out_len = 0;
	if (out_fd < 0 || err_fd < 0 || (input && in_fd < 0))
		goto done;
	if (input) {
		size_t done = 0;
		ssize_t n;

		while (done < input_len) {
			n = write(in_fd, input + done, input_len - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				goto done;
			done += (size_t)n;
		}
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	if (input)
		posix_spawn_file_actions_adddup2(&fa, in_fd, 3);
	spawn_err = posix_spawnp(&pid, argv[0], &fa, NULL,
				 (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (spawn_err) {
		vv_error(name, 0, _("cannot run %s: %s; install GNU gettext "
				    "(scripts/install-deps)"), argv[0],
			 strerror(spawn_err));
		goto done;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			goto done;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		const char *line = "";

		if (file_read_fd(err_fd, POT_MAX_OUTPUT, &err_text,
				 &err_len) == VV_OK) {
			line = err_text;
			/* "msgmerge: why" -> "why" */
			if (strncmp(line, argv[0], strlen(argv[0])) == 0 &&
			    line[strlen(argv[0])] == ':')
				line += strlen(argv[0]) + 1;
			line += strspn(line, " ");
			err_text[strcspn(err_text, "\n")] = '\0';
		}
		vv_error(name, 0, _("%s failed: %s; fix the .po file (msgfmt "
				    "--check shows every problem)"), argv[0],
			 line[0] ? line : _("no reason given"));
		goto done;
	}
	if (file_read_fd(out_fd, POT_MAX_OUTPUT, out, out_len) != VV_OK) {
		vv_error(name, 0, errno == EFBIG ?
			 _("%s wrote more than %u bytes; is the .po file "
			   "that large?") : _("%s: out of memory"), argv[0],
			 (unsigned)POT_MAX_OUTPUT);
		goto done;
	}
	rc = 0;
done:
	free(err_text);
	if (out_fd >= 0)
		close(out_fd);
	if (err_fd >= 0)
		close(err_fd);
	if (in_fd >= 0)
		close(in_fd);
	return rc;
}

struct merge_stats {
	size_t translated, fuzzy, untranslated, obsolete;
};

/* Counts the messages of a merged catalogue (header apart). */
static void count_messages(po_file_t f, struct merge_stats *st)
{
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t m;

	memset(st, 0, sizeof *st);
	while ((m = po_next_message(it)) != NULL) {
		const char *str = po_message_msgid_plural(m)
					  ? po_message_msgstr_plural(m, 0)
					  : po_message_msgstr(m);

		if (!po_message_msgctxt(m) && !po_message_msgid(m)[0])
			continue;
		if (po_message_is_obsolete(m))
			st->obsolete++;
		else if (po_message_is_fuzzy(m))
			st->fuzzy++;
		else if (str && str[0])
			st->translated++;
		else
			st->untranslated++;
	}
	po_message_iterator_free(it);
}

/* Returns the header field of parsed .po bytes (new, or NULL). */
static char *header_field(po_file_t f, const char *field)
{
	char *header = (char *)po_file_domain_header(f, NULL);
	char *v = header ? po_header_field(header, field) : NULL;

	free(header);
	return v;
}

/* Gives the catalogue in *data a Plural-Forms header for `lang` when it
 * has none, as msginit would (its table lacks most pack languages).
 * Returns 0, or -1 after printing. */
static int add_plural_forms(const char *path, const char *lang, char **data,
			    size_t *len)
{
	po_file_t f = po_parse(*data, *len, path);
	po_message_iterator_t it;
	po_message_t m;
	char *pf, *header, *set;
	int rc = 0;

	if (!f)
		return -1;
	pf = header_field(f, "Plural-Forms");
	if (pf) {
		free(pf);
		po_file_free(f);
		return 0;
	}
	header = (char *)po_file_domain_header(f, NULL);
	set = po_header_set_field(header ? header : "", "Plural-Forms",
				  plural_forms_for(lang));
	free(header);
	it = po_message_iterator(f, NULL);
	while ((m = po_next_message(it)) != NULL)
		if (!po_message_msgctxt(m) && !po_message_msgid(m)[0] &&
		    !po_message_is_obsolete(m)) {
			po_message_set_msgstr(m, set);
			break;
		}
	po_message_iterator_free(it);
	free(set);
	free(*data);
	if (po_serialize(f, data, len) != VV_OK) {
		vv_error(path, 0, _("out of memory"));
		rc = -1;
	}
	po_file_free(f);
	return rc;
}

/* The header part (comments, msgid "", msgstr and its lines) of .po
 * bytes: up to the first empty line. */
static size_t header_length(const char *data, size_t len)
{
	const char *e = memmem(data, len, "\n\n", 2);

	return e ? (size_t)(e - data) + 2 : len;
}

/* Returns the offset just past the header entry of .po bytes (msgid ""
 * followed by msgstr: up to the next blank line, CRLF or not; comments
 * and blank lines may come before it), or 0 when the first entry is not
 * a header. */
static size_t header_block(const char *data, size_t len)
{
	size_t at = 0, eol;
	int state = 0; /* 0: before msgid, 1: after msgid "", 2: in msgstr */

	while (at < len) {
		const char *l = data + at;
		int blank;

		eol = at;
		while (eol < len && data[eol] != '\n')
			eol++;
		blank = eol == at || (eol == at + 1 && l[0] == '\r');
		if (state == 2 && blank)
			return at;
		if (state == 0 && strncmp(l, "msgid ", 6) == 0) {
			if (strncmp(l, "msgid \"\"", 8) != 0)
				return 0;
			state = 1;
		} else if (state == 1 && l[0] != '#' && !blank) {
			if (strncmp(l, "msgstr", 6) != 0)
				return 0; /* msgid "" "wrapped": not a header */
			state = 2;
		} else if (state == 0 && !blank && l[0] != '#') {
			return 0; /* msgctxt first: not a header */
		}
		at = eol < len ? eol + 1 : len;
	}
	return state == 2 ? len : 0;
}

/* Returns a new copy of data[0..len) with `cut` bytes at `at` replaced by
 * `put`, or NULL when memory ran out. */
static char *splice(const char *data, size_t len, size_t at, size_t cut,
		    const char *put, size_t *out_len)
{
	size_t n = strlen(put);
	char *out = malloc(len - cut + n + 1);

	if (!out)
		return NULL;
	memcpy(out, data, at);
	memcpy(out + at, put, n);
	memcpy(out + at + n, data + at + cut, len - at - cut);
	*out_len = len - cut + n;
	out[*out_len] = '\0';
	return out;
}

/* Makes the catalogue in *data (NUL-terminated, *len bytes) UTF-8 with a
 * header that says charset=UTF-8, when its header declares another
 * charset or none: msgmerge refuses a missing charset and names it does
 * not call portable (utf8, windows-1252), though check and build read
 * them as `charset` (what po_catalog_load() used). Returns 0, or -1 after
 * printing one line naming `path`. */
static int utf8_header(const char *path, const char *charset, char **data,
		       size_t *len)
{
	size_t head = header_block(*data, *len), at, cut = 0, new_len;
	const char *cs, *ct, *put;
	char *out;

	cs = head ? memmem(*data, head, "charset=", 8) : NULL;
	if (!head || (cs && strncasecmp(cs + 8, "UTF-8", 5) == 0 &&
		      strchr("\\\"; \t", cs[13])))
		return 0;
	if (strcasecmp(charset, "UTF-8") != 0 &&
	    strcasecmp(charset, "UTF8") != 0) {
		iconv_t cd = iconv_open("UTF-8", charset);

		out = cd == (iconv_t)-1 ? NULL : po_to_utf8(cd, *data);
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		if (!out) {
			vv_error(path, 0, _("cannot convert it from %s to "
					    "UTF-8; save it as UTF-8"),
				 charset);
			return -1;
		}
		free(*data);
		*data = out;
		*len = strlen(out);
		head = header_block(*data, *len);
		cs = head ? memmem(*data, head, "charset=", 8) : NULL;
	}
	ct = head ? memmem(*data, head, "\"Content-Type:", 14) : NULL;
	if (cs) {
		at = (size_t)(cs - *data) + 8;
		cut = strcspn(*data + at, "\\\"; \t\r\n");
		put = "UTF-8";
	} else if (ct) {
		/* "Content-Type: text/plain\n": the charset goes before \n */
		at = (size_t)(ct - *data) + 14;
		at += strcspn(*data + at, "\\\"\r\n");
		put = "; charset=UTF-8";
	} else {
		/* After the header's msgstr line, as its second string. */
		const char *m = memmem(*data, head, "\nmsgstr", 7);
		const char *eol = m ? memchr(m + 1, '\n', head - (size_t)(m + 1 -
								 *data)) : NULL;

		if (!eol)
			return 0;
		at = (size_t)(eol - *data) + 1;
		put = eol > *data && eol[-1] == '\r'
			      ? "\"Content-Type: text/plain; charset=UTF-8\\n\"\r\n"
			      : "\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
	}
	out = splice(*data, *len, at, cut, put, &new_len);
	if (!out) {
		vv_error(path, 0, _("out of memory"));
		return -1;
	}
	free(*data);
	*data = out;
	*len = new_len;
	return 0;
}

/* Merges pack.pot (`pot`) into the .po at `path` (created when missing,
 * for `lang`) by running GNU gettext's msgmerge --previous, or msginit for
 * a new language; writes the result with atomic_write() when its bytes
 * differ. Returns VV_OK, VV_ERR_FORMAT for a bad .po, or VV_ERR_IO /
 * VV_ERR_NOMEM, after printing. */
static enum vv_err update_one(const char *path, const char *lang,
			      const char *pot)
{
	char lang_opt[48], *data = NULL, *init = NULL, *charset;
	char read_as[64] = "UTF-8";
	size_t len = 0, init_len = 0;
	struct merge_stats st;
	struct stat sb;
	po_file_t old = NULL, merged;
	int exists = stat(path, &sb) == 0, fresh_header = 0, changed;
	int converted = 0, has_header = 0, has_lang = 0;
	enum vv_err err;

	snprintf(lang_opt, sizeof lang_opt, "--lang=%.15s", lang);
	if (exists) {
		struct po_catalog *check;

		/* Header validation (Plural-Forms, charset) first. */
		err = po_catalog_load(path, &check);
		if (err)
			return err;
		converted = strcasecmp(po_catalog_charset(check), "UTF-8") != 0;
		snprintf(read_as, sizeof read_as, "%s",
			 po_catalog_charset(check));
		po_catalog_free(check);
		old = po_read(path);
		if (!old)
			return VV_ERR_FORMAT;
		{
			char *h = (char *)po_file_domain_header(old, NULL);
			char *l = h ? po_header_field(h, "Language") : NULL;

			has_header = h != NULL;
			has_lang = l && l[0];
			free(l);
			free(h);
		}
		po_file_free(old);
	}
	if (!exists || !has_header) {
		char locale_opt[48];
		const char *argv[] = { "msginit", "--no-translator",
				       locale_opt, "--input", pot,
				       "--output-file", "-", NULL };

		snprintf(locale_opt, sizeof locale_opt, "--locale=%.15s",
			 lang);
		if (run_gettext(argv, NULL, 0, path, &init, &init_len) != 0)
			return VV_ERR_IO;
		fresh_header = 1;
	}
	if (!exists) {
		data = init;
		len = init_len;
		init = NULL;
	} else {
		/* As gettext's po/Makefile.in.in does; --lang only when the
		 * file names no language, so that "ar_SA" stays. */
		const char *argv[] = { "msgmerge", "--quiet", "--previous",
				 "--output-file", "-", "/dev/fd/3",
				 pot, has_lang ? NULL : lang_opt,
				 NULL };
		char *input;
		size_t head = fresh_header ? header_length(init, init_len)
					   : 0;
		FILE *f = fopen(path, "rb");
		size_t got;
		int rc;

		/* A header-less catalogue gets msginit's header first. */
		input = malloc(head + (size_t)sb.st_size + 1);
		if (!f || !input) {
			if (f)
				fclose(f);
			free(input);
			free(init);
			vv_error(path, 0, _("cannot read: %s"),
				 strerror(errno));
			return VV_ERR_IO;
		}
		if (head)
			memcpy(input, init, head);
		got = fread(input + head, 1, (size_t)sb.st_size, f);
		fclose(f);
		free(init);
		input[head + got] = '\0';
		got += head;
		if (utf8_header(path, read_as, &input, &got) != 0) {
			free(input);
			return VV_ERR_FORMAT;
		}
		rc = run_gettext(argv, input, got, path, &data, &len);
		free(input);
		if (rc != 0)
			return VV_ERR_FORMAT;
	}
	if (fresh_header && add_plural_forms(path, lang, &data, &len) != 0) {
		free(data);
		return VV_ERR_FORMAT;
	}
	merged = po_parse(data, len, path);
	if (!merged) {
		free(data);
		return VV_ERR_FORMAT;
	}
	count_messages(merged, &st);
	charset = header_field(merged, "Content-Type");
	converted = converted && charset && strstr(charset, "UTF-8");
	free(charset);
	po_file_free(merged);
	changed = !po_same_bytes(path, data, len);
	err = changed ? atomic_write(path, data, len, ATOMIC_DURABLE) : VV_OK;
	free(data);
	if (err)
		return err;
	printf(_("%s: %s%zu translated, %zu fuzzy, %zu untranslated, "
		 "%zu obsolete%s\n"),
	       path, changed ? "" : _("unchanged; "), st.translated, st.fuzzy,
	       st.untranslated, st.obsolete,
	       converted ? _("; converted to UTF-8") : "");
	return VV_OK;
}

int cmd_update_po(int argc, char **argv)
{
	int c;
	char codes[LINGUAS_MAX][16];
	struct pack *pack;
	po_file_t tmpl;
	char *pot;
	enum vv_err err;
	int n, i, rc = 0;

	c = load_pack_operand(argc, argv, "veiviser-build update-po",
			      _("usage: veiviser-build update-po PACKDIR"), &pack);
	if (c >= 0)
		return c;
	n = read_linguas(pack->dir, codes, LINGUAS_MAX);
	if (n < 0) {
		pack_free(pack);
		return n == -1 ? 1 : 2;
	}
	if (write_pot(pack, &tmpl, 1) != VV_OK) {
		pack_free(pack);
		return 2;
	}
	po_file_free(tmpl);
	pot = po_path(pack->dir, "pack.pot");
	for (i = 0; pot && i < n; i++) {
		char name[32];
		char *path;

		if (strcmp(codes[i], pack->source_lang) == 0)
			continue; /* the source needs no translation */
		snprintf(name, sizeof name, "%.15s.po", codes[i]);
		path = po_path(pack->dir, name);
		err = path ? update_one(path, codes[i], pot) : VV_ERR_NOMEM;
		/* 1: a .po to fix; 2 (wins): a file could not be written. */
		if (err == VV_ERR_FORMAT && rc < 1)
			rc = 1;
		else if (err && err != VV_ERR_FORMAT)
			rc = 2;
		free(path);
	}
	if (!pot)
		rc = 2;
	free(pot);
	pack_free(pack);
	return rc;
}
