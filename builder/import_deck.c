/* import_deck: opens a deck and hands it to the reader of its kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder/import_deck.h"
#include "common/i18n.h"

enum vv_err import_deck_read(const char *path, struct import_deck *deck)
{
	enum vv_err err;
	const char *mime;

	memset(deck, 0, sizeof *deck);
	deck->path = (char *)path;
	err = import_zip_open(path, &deck->zip);
	if (err != VV_OK)
		return err;
	mime = import_zip_get(deck->zip, "mimetype", NULL);
	if (import_zip_get(deck->zip, "ppt/presentation.xml", NULL)) {
		err = import_pptx_read(deck);
	} else if (mime && strncmp(mime, "application/vnd.oasis."
					 "opendocument.presentation",
				   46) == 0) {
		err = import_odp_read(deck);
	} else {
		vv_error(path, 0, _("not a PowerPoint (.pptx) or Impress "
				    "(.odp) presentation; save the deck in "
				    "one of those formats"));
		err = VV_ERR_FORMAT;
	}
	if (err != VV_OK)
		import_deck_clear(deck);
	return err;
}

