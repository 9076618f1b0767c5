/* sign_bundle: keygen, sign, and the signature member of a bundle. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "builder/commands.h"
#include "builder/sign_bundle.h"
#include "common/args.h"
#include "common/atomic.h"
#include "common/bundle.h"
#include "common/file.h"
#include "common/i18n.h"

enum vv_err sign_bundle_load_key(const char *path, const char *password_file,
				 struct sign_secret **out)
{
	char *text = NULL, *password = NULL;
	enum vv_err err;
	size_t len;

	*out = NULL;
	err = file_read(path, SIGN_MAX_FILE, &text, &len);
	if (err != VV_OK) {
		if (err == VV_ERR_LIMIT)
			vv_error(path, 0, _("larger than a secret key can be; "
					    "give the key file that keygen "
					    "wrote"));
		else
			vv_error(path, 0, _("cannot read the secret key: %s; "
					    "check the path"),
				 strerror(errno));
		return err;
	}
	if (sign_secret_is_encrypted(text, len)) {
		if (password_file)
			err = sign_password_file(password_file, &password);
		else
			err = sign_password_ask(_("Password: "), 0, &password);
	}
	if (err == VV_OK)
		err = sign_secret_parse(text, len, password, path, out);
	sign_password_free(password);
	memset(text, 0, len);
	free(text);
	return err;
}

void sign_bundle_comment(const char *bundle_path, char *buf, size_t cap)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	const char *name = strrchr(bundle_path, '/');
	unsigned long long t = (unsigned long long)time(NULL);
	char *end;

	if (epoch && *epoch) {
		unsigned long long v = strtoull(epoch, &end, 10);

		if (!*end)
			t = v;
	}
	snprintf(buf, cap, "timestamp:%llu\tfile:%s", t,
		 name ? name + 1 : bundle_path);
}

/* Makes the tar tail that follows manifest.sha256: the signature member's
 * header and data, padded, then the two zero blocks that end an archive.
 * The header is libarchive's ustar with the builder's fixed fields. */
static enum vv_err make_tail(const char *sig, size_t sig_len,
			     unsigned char **out, size_t *out_len)
{
	struct archive_entry *e;
	struct archive *a;
	size_t cap = 512 + ((sig_len + 511) & ~(size_t)511) + 1024, used = 0;
	unsigned char *buf = calloc(1, cap);
	int ok;

	*out = NULL;
	if (!buf)
		return VV_ERR_NOMEM;
	a = archive_write_new();
	e = archive_entry_new();
	ok = a && e && archive_write_set_format_ustar(a) == ARCHIVE_OK &&
	     archive_write_set_bytes_per_block(a, 0) == ARCHIVE_OK &&
	     archive_write_set_bytes_in_last_block(a, 1) == ARCHIVE_OK &&
	     archive_write_open_memory(a, buf, cap, &used) == ARCHIVE_OK;
	if (ok) {
		archive_entry_set_pathname(e, BUNDLE_SIGNATURE_MEMBER);
		archive_entry_set_size(e, (la_int64_t)sig_len);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_mtime(e, 0, 0);
		ok = archive_write_header(a, e) == ARCHIVE_OK &&
		     archive_write_data(a, sig, sig_len) == (la_ssize_t)sig_len &&
		     archive_write_close(a) == ARCHIVE_OK;
	}
	archive_entry_free(e);
	if (a)
		archive_write_free(a);
	if (!ok || used != cap) {
		free(buf);
		return ok ? VV_ERR_INTERNAL : VV_ERR_NOMEM;
	}
	*out = buf;
	*out_len = used;
	return VV_OK;
}

/* Copies `size` bytes from the start of `in` to `out` (the kernel's copy,
 * which shares blocks where the file system can). Returns 0 or -1. */
static int copy_prefix(int in, int out, uint64_t size)
{
	loff_t off_in = 0;
	char buf[65536];
	ssize_t n;

	while ((uint64_t)off_in < size) {
		n = copy_file_range(in, &off_in, out, NULL,
				    (size_t)(size - (uint64_t)off_in), 0);
		if (n > 0)
			continue;
		if (n == 0) {
			errno = EIO; /* the bundle became shorter */
			return -1;
		}
		if (errno != EXDEV && errno != ENOSYS && errno != EINVAL &&
		    errno != EOPNOTSUPP)
			return -1;
		break;
	}
	while ((uint64_t)off_in < size) {
		size_t want = sizeof buf;

		if (size - (uint64_t)off_in < want)
			want = (size_t)(size - (uint64_t)off_in);
		n = pread(in, buf, want, off_in);
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		if (write(out, buf, (size_t)n) != n)
			return -1;
		off_in += n;
	}
	return 0;
}

enum vv_err sign_bundle_file(const char *path, const struct sign_secret *sk)
{
	struct atomic_file *af = NULL;
	struct bundle *b = NULL;
	unsigned char *tail = NULL;
	char comment[512], *sig = NULL;
	size_t tail_len = 0;
	enum vv_err err;

	err = bundle_open(path, &b);
	if (err == VV_OK)
		err = bundle_verify_members(b);
	if (err != VV_OK)
		goto done;
	sign_bundle_comment(path, comment, sizeof comment);
	err = sign_message(sk, b->manifest_sum, 65, comment, &sig);
	if (err == VV_OK)
		err = make_tail(sig, strlen(sig), &tail, &tail_len);
	if (err != VV_OK) {
		vv_error(path, 0, _("could not make the signature: %s"),
			 _(vv_strerror(err)));
		goto done;
	}
	err = atomic_file_open(path, ATOMIC_DURABLE, &af);
	if (err != VV_OK)
		goto done;
	if (copy_prefix(b->fd, atomic_file_fd(af), b->unsigned_size) != 0) {
		vv_error(path, 0, _("cannot copy the bundle: %s%s"),
			 strerror(errno), errno == ENOSPC ?
			 _("; free some space") : "");
		atomic_file_abort(af);
		err = VV_ERR_IO;
		goto done;
	}
	if (lseek(atomic_file_fd(af), (off_t)b->unsigned_size, SEEK_SET) < 0) {
		atomic_file_abort(af);
		err = VV_ERR_IO;
		goto done;
	}
	atomic_file_write(af, tail, tail_len);
	err = atomic_file_commit(af); /* reports a full disk itself */
done:
	free(tail);
	free(sig);
	bundle_close(b);
	return err;
}

/* ---- veiviser-build keygen ------------------------------------------ */

static const char keygen_usage[] =
	N_("usage: veiviser-build keygen [-s SECRETKEY] [-p PUBLICKEY] "
	   "[--unencrypted | --password-file FILE] [--force]\n"
	   "Makes an Ed25519 key pair in minisign's formats (default "
	   "veiviser.key and\nveiviser.pub). The secret key is encrypted "
	   "with a password (asked on the\nterminal, or the first line of "
	   "--password-file), or not with --unencrypted.\n"
	   "  --force   replace existing key files");

enum { OPT_UNENCRYPTED = 256, OPT_PASSWORD_FILE, OPT_FORCE, OPT_KEY };

static const struct option keygen_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "secret-key", required_argument, NULL, 's' },
	{ "public-key", required_argument, NULL, 'p' },
	{ "unencrypted", no_argument, NULL, OPT_UNENCRYPTED },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ NULL, 0, NULL, 0 }
};

/* Writes `text` to `path` atomically with permissions `mode`. */
static enum vv_err write_key(const char *path, const char *text, int mode)
{
	struct atomic_file *af;
	enum vv_err err;

	err = atomic_file_open(path, ATOMIC_DURABLE, &af);
	if (err != VV_OK)
		return err;
	if (fchmod(atomic_file_fd(af), (mode_t)mode) != 0) {
		vv_error(path, 0, _("cannot set the permissions: %s"),
			 strerror(errno));
		atomic_file_abort(af);
		return VV_ERR_IO;
	}
	atomic_file_write(af, text, strlen(text));
	return atomic_file_commit(af);
}

int cmd_keygen(int argc, char **argv)
{
	const char *sk_path = "veiviser.key", *pk_path = "veiviser.pub";
	const char *password_file = NULL;
	struct sign_secret *sk = NULL;
	struct sign_public pub;
	char *password = NULL, *sk_text = NULL, *pk_text = NULL;
	char id[SIGN_ID_HEX_SIZE];
	int c, unencrypted = 0, force = 0, rc = 2;

	args_begin();
	while ((c = args_next(argc, argv, "hs:p:", keygen_options,
			      "veiviser-build keygen")) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", _(keygen_usage));
			return 0;
		case 's':
			sk_path = optarg;
			break;
		case 'p':
			pk_path = optarg;
			break;
		case OPT_UNENCRYPTED:
			unencrypted = 1;
			break;
		case OPT_PASSWORD_FILE:
			password_file = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		default:
			return 2;
		}
	}
	if (optind < argc)
		return args_operands_error("veiviser-build keygen",
					   _("no operands (key files go with "
					     "-s and -p)"), argv[optind]);
	if (unencrypted && password_file) {
		vv_error(NULL, 0, _("--unencrypted and --password-file "
				    "exclude each other; choose one"));
		return 2;
	}
	if (strcmp(sk_path, pk_path) == 0) {
		vv_error(sk_path, 0, _("the secret and the public key need "
				       "two files; give -s and -p"));
		return 2;
	}
	if (!force && (access(sk_path, F_OK) == 0 ||
		       access(pk_path, F_OK) == 0)) {
		vv_error(access(sk_path, F_OK) == 0 ? sk_path : pk_path, 0,
			 _("exists already; a new key would replace it (give "
			   "--force to do that)"));
		return 2;
	}
	if (!unencrypted &&
	    (password_file ? sign_password_file(password_file, &password)
			   : sign_password_ask(_("Password for the new key: "),
					       1, &password)) != VV_OK)
		return 2;
	if (sign_secret_new(&sk) != VV_OK) {
		vv_error(NULL, 0, _("could not make a key (libsodium)"));
		goto done;
	}
	sign_secret_public(sk, &pub);
	sk_text = sign_secret_format(sk, password);
	pk_text = sign_public_format(&pub);
	if (!sk_text || !pk_text) {
		vv_error(sk_path, 0, _("out of memory making the key"));
		goto done;
	}
	/* The public key first: a secret key without its public half is
	 * of no use, the other way round nothing leaks. */
	if (write_key(pk_path, pk_text, 0644) != VV_OK ||
	    write_key(sk_path, sk_text, 0600) != VV_OK)
		goto done;
	sign_id_hex(pub.id, id);
	printf(_("key %s: secret key %s (%s), public key %s\n"), id, sk_path,
	       password ? _("encrypted") : _("unencrypted"), pk_path);
	rc = 0;
done:
	if (sk_text) {
		memset(sk_text, 0, strlen(sk_text));
		free(sk_text);
	}
	free(pk_text);
	sign_password_free(password);
	sign_secret_free(sk);
	return rc;
}

/* ---- veiviser-build sign --------------------------------------------- */

static const char sign_usage[] =
	N_("usage: veiviser-build sign BUNDLE... --key SECRETKEY "
	   "[--password-file FILE]\n"
	   "Checks each bundle whole, then adds (or replaces) its "
	   "signature over\nmanifest.sha256 as its last member. Exit 0 when "
	   "every bundle was signed, 1\nwhen one is damaged, 2 on a usage or "
	   "I/O error or a bad key.");

static const struct option sign_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ NULL, 0, NULL, 0 }
};

int cmd_sign(int argc, char **argv)
{
	const char *key = NULL, *password_file = NULL;
	struct sign_secret *sk = NULL;
	struct sign_public pub;
	char id[SIGN_ID_HEX_SIZE];
	enum vv_err err;
	int c, i, rc = 0;

	args_begin();
	while ((c = args_next(argc, argv, "hk:", sign_options,
			      "veiviser-build sign")) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", _(sign_usage));
			return 0;
		case 'k':
		case OPT_KEY:
			key = optarg;
			break;
		case OPT_PASSWORD_FILE:
			password_file = optarg;
			break;
		default:
			return 2;
		}
	}
	if (!key || optind >= argc)
		return args_operands_error("veiviser-build sign",
					   _("one or more BUNDLE files and "
					     "--key KEY"), NULL);
	if (sign_bundle_load_key(key, password_file, &sk) != VV_OK)
		return 2;
	sign_secret_public(sk, &pub);
	sign_id_hex(pub.id, id);
	for (i = optind; i < argc; i++) {
		err = sign_bundle_file(argv[i], sk);
		if (err == VV_OK)
			printf(_("%s: signed by key %s\n"), argv[i], id);
		else if (err == VV_ERR_IO || err == VV_ERR_NOMEM ||
			 err == VV_ERR_NOTFOUND)
			rc = 2;
		else if (!rc)
			rc = 1;
	}
	sign_secret_free(sk);
	return rc;
}
