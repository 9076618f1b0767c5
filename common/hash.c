/* hash: SHA-256 through libsodium's crypto_hash_sha256, or on x86 CPUs
 * with the SHA extensions through their instructions (about 5x faster:
 * hashing was most of a build's CPU time). Both work on libsodium's state
 * struct with its meaning (state words, bit count, partial block). */
#include "common/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/i18n.h"

#define HASH_CHUNK (1024 * 1024)

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int use_shani;

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

#define HASH_SHANI 1

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static int cpu_has_shani(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	if (!(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & bit_SHA) != 0;
}

/* Runs the compression function over `n` 64-byte blocks. The state is
 * kept as the instructions want it: ABEF and CDGH halves. */
__attribute__((target("sha,ssse3,sse4.1")))
static void shani_blocks(uint32_t state[8], const unsigned char *p,
			 size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
					     0x0405060700010203ULL);
	__m128i s0, s1, t, abef, cdgh, msg, m[4];
	int i;

	t = _mm_loadu_si128((const __m128i *)&state[0]);     /* ABCD */
	s1 = _mm_loadu_si128((const __m128i *)&state[4]);    /* EFGH */
	t = _mm_shuffle_epi32(t, 0xb1);                      /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1b);                    /* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);                      /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xf0);                   /* CDGH */
	for (; n > 0; n--, p += 64) {
		abef = s0;
		cdgh = s1;
		/* Sixteen groups of four rounds; the message schedule
		 * for group i needs groups i-4 .. i-1, kept in m[].
		 * Unrolled, m[] lives in registers. */
#pragma GCC unroll 16
		for (i = 0; i < 16; i++) {
			if (i < 4) {
				m[i] = _mm_shuffle_epi8(_mm_loadu_si128(
					(const __m128i *)(p + 16 * i)), bswap);
			} else {
				t = _mm_sha256msg1_epu32(m[i & 3],
							 m[(i - 3) & 3]);
				t = _mm_add_epi32(t, _mm_alignr_epi8(
					m[(i - 1) & 3], m[(i - 2) & 3], 4));
				m[i & 3] = _mm_sha256msg2_epu32(
					t, m[(i - 1) & 3]);
			}
			msg = _mm_add_epi32(m[i & 3], _mm_loadu_si128(
				(const __m128i *)&sha256_k[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			msg = _mm_shuffle_epi32(msg, 0x0e);
			s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	t = _mm_shuffle_epi32(s0, 0x1b);                     /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xb1);                    /* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xf0);                   /* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);                      /* HGFE */
	_mm_storeu_si128((__m128i *)&state[0], s0);
	_mm_storeu_si128((__m128i *)&state[4], s1);
}

static void shani_update(crypto_hash_sha256_state *st,
			 const unsigned char *p, size_t size)
{
	size_t have = (size_t)(st->count >> 3) & 63, take;

	st->count += (uint64_t)size << 3;
	if (have) {
		take = 64 - have < size ? 64 - have : size;
		memcpy(st->buf + have, p, take);
		p += take;
		size -= take;
		if (have + take < 64)
			return;
		shani_blocks(st->state, st->buf, 1);
	}
	if (size >= 64) {
		shani_blocks(st->state, p, size / 64);
		p += size & ~(size_t)63;
		size &= 63;
	}
	memcpy(st->buf, p, size);
}

static void shani_final(crypto_hash_sha256_state *st,
			unsigned char out[32])
{
	size_t have = (size_t)(st->count >> 3) & 63;
	uint64_t bits = st->count;
	int i;

	st->buf[have++] = 0x80;
	if (have > 56) {
		memset(st->buf + have, 0, 64 - have);
		shani_blocks(st->state, st->buf, 1);
		have = 0;
	}
	memset(st->buf + have, 0, 56 - have);
	for (i = 0; i < 8; i++)
		st->buf[63 - i] = (unsigned char)(bits >> (8 * i));
	shani_blocks(st->state, st->buf, 1);
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(st->state[i / 4] >>
					 (24 - 8 * (i % 4)));
}
#endif

static void sodium_start(void)
{
#ifdef HASH_SHANI
	use_shani = cpu_has_shani();
#endif
	/* SHA-256 needs no random source, so a failure here (it can only
	 * concern the RNG) does not stop hashing. */
	if (sodium_init() < 0)
		return;
}

void hash_sha256_begin(struct hash_sha256 *hash)
{
	pthread_once(&sodium_once, sodium_start);
	crypto_hash_sha256_init(&hash->state);
}

void hash_sha256_update(struct hash_sha256 *hash, const void *data,
			size_t size)
{
	if (!size)
		return;
#ifdef HASH_SHANI
	if (use_shani) {
		shani_update(&hash->state, data, size);
		return;
	}
#endif
	crypto_hash_sha256_update(&hash->state, data, size);
}

static void to_hex(const unsigned char *bin, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[bin[i] >> 4];
		hex[2 * i + 1] = digits[bin[i] & 15];
	}
	hex[2 * n] = '\0';
}

void hash_sha256_end(struct hash_sha256 *hash, char hex[HASH_HEX_SIZE])
{
	unsigned char out[crypto_hash_sha256_BYTES];

#ifdef HASH_SHANI
	if (use_shani)
		shani_final(&hash->state, out);
	else
#endif
		crypto_hash_sha256_final(&hash->state, out);
	to_hex(out, sizeof out, hex);
}

void hash_sha256_buffer(const void *data, size_t size,
			char hex[HASH_HEX_SIZE])
{
	struct hash_sha256 hash;

	hash_sha256_begin(&hash);
	hash_sha256_update(&hash, data, size);
	hash_sha256_end(&hash, hex);
}

enum vv_err hash_sha256_file(const char *path, char hex[HASH_HEX_SIZE],
			     uint64_t *size)
{
	struct hash_sha256 hash;
	unsigned char *buf;
	uint64_t total = 0;
	ssize_t got;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		vv_error(path, 0, _("cannot open: %s; check the path"),
			 strerror(errno));
		return VV_ERR_IO;
	}
	buf = malloc(HASH_CHUNK);
	if (!buf) {
		close(fd);
		return VV_ERR_NOMEM;
	}
	hash_sha256_begin(&hash);
	for (;;) {
		got = read(fd, buf, HASH_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		hash_sha256_update(&hash, buf, (size_t)got);
		total += (uint64_t)got;
	}
	if (got < 0) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		free(buf);
		close(fd);
		return VV_ERR_IO;
	}
	free(buf);
	close(fd);
	hash_sha256_end(&hash, hex);
	if (size)
		*size = total;
	return VV_OK;
}

enum vv_err hash_sha256_range(int fd, uint64_t offset, uint64_t size,
			      char hex[HASH_HEX_SIZE])
{
	struct hash_sha256 hash;
	unsigned char *buf;
	ssize_t got;
	size_t want;

	buf = malloc(HASH_CHUNK);
	if (!buf)
		return VV_ERR_NOMEM;
	hash_sha256_begin(&hash);
	while (size > 0) {
		want = size < HASH_CHUNK ? (size_t)size : HASH_CHUNK;
		got = pread(fd, buf, want, (off_t)offset);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO; /* the file ends early */
			free(buf);
			return VV_ERR_IO;
		}
		hash_sha256_update(&hash, buf, (size_t)got);
		offset += (uint64_t)got;
		size -= (uint64_t)got;
	}
	free(buf);
	hash_sha256_end(&hash, hex);
	return VV_OK;
}

int hash_is_hex(const char *hex)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') ||
		      (hex[i] >= 'a' && hex[i] <= 'f')))
			return 0;
	return hex[64] == '\0';
}
