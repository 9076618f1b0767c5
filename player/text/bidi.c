/* bidi: FriBidi resolves levels; runs are reordered here because each run
 * is shaped as a whole by HarfBuzz, in its own direction. */
#include "player/text/bidi.h"

#include <stdlib.h>

#include <fribidi.h>

enum vv_err bidi_paragraph(const uint32_t *cps, int n, int base_rtl,
			   uint8_t *levels, int *rtl)
{
	FriBidiCharType *types;
	FriBidiBracketType *brackets;
	FriBidiParType dir;
	FriBidiLevel max;
	int i;

	*rtl = base_rtl == 1;
	if (n <= 0)
		return VV_OK;
	types = malloc((size_t)n * sizeof *types);
	brackets = malloc((size_t)n * sizeof *brackets);
	if (!types || !brackets) {
		free(types);
		free(brackets);
		return VV_ERR_NOMEM;
	}
	fribidi_get_bidi_types(cps, n, types);
	fribidi_get_bracket_types(cps, n, types, brackets);
	dir = base_rtl == 1 ? FRIBIDI_PAR_RTL
	    : base_rtl == 0 ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_WLTR;
	{
		FriBidiLevel *lv = malloc((size_t)n * sizeof *lv);

		if (!lv) {
			free(types);
			free(brackets);
			return VV_ERR_NOMEM;
		}
		max = fribidi_get_par_embedding_levels_ex(types, brackets, n,
							  &dir, lv);
		for (i = 0; i < n; i++)
			levels[i] = (uint8_t)lv[i];
		free(lv);
	}
	free(types);
	free(brackets);
	if (!max)
		return VV_ERR_NOMEM;
	*rtl = FRIBIDI_IS_RTL(dir) ? 1 : 0;
	return VV_OK;
}

void bidi_reorder_runs(const uint8_t *levels, int n, int *order)
{
	int i, lo = 255, hi = 0, level;

	for (i = 0; i < n; i++) {
		order[i] = i;
		if (levels[i] > hi)
			hi = levels[i];
		if (levels[i] < lo)
			lo = levels[i];
	}
	/* L2: from the highest level down to the lowest odd one, reverse
	 * every maximal sequence of runs at that level or higher. */
	if (!(lo & 1))
		lo++;
	for (level = hi; level >= lo; level--) {
		i = 0;
		while (i < n) {
			int j, a, b;

			if (levels[order[i]] < level) {
				i++;
				continue;
			}
			j = i;
			while (j < n && levels[order[j]] >= level)
				j++;
			for (a = i, b = j - 1; a < b; a++, b--) {
				int t = order[a];

				order[a] = order[b];
				order[b] = t;
			}
			i = j;
		}
	}
}
