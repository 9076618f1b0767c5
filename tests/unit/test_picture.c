/* Unit tests for builder/picture: the screen-size setting and when a
 * picture fits a screen (in its own orientation). */
#include "builder/picture.h"
#include "tests/unit/check.h"

int main(void)
{
	int w = 0, h = 0;

	CHECK(picture_screen_parse(PICTURE_SCREEN_DEFAULT, &w, &h) == VV_OK &&
	      w == 3840 && h == 2160, "screen: the default parses");
	CHECK(picture_screen_parse("1080x1920", &w, &h) == VV_OK &&
	      w == 1080 && h == 1920, "screen: portrait parses");
	CHECK(picture_screen_parse("8192x8192", &w, &h) == VV_ERR_USAGE,
	      "screen: over the player's pixel cap is refused");
	CHECK(picture_screen_parse("0x100", &w, &h) == VV_ERR_USAGE &&
	      picture_screen_parse("100x", &w, &h) == VV_ERR_USAGE &&
	      picture_screen_parse("100x100 ", &w, &h) == VV_ERR_USAGE,
	      "screen: malformed sizes are refused");
	CHECK(picture_fits(3840, 2160, 3840, 2160) &&
	      !picture_fits(3841, 2160, 3840, 2160),
	      "fits: up to the screen, not a pixel more");
	CHECK(picture_fits(2160, 3840, 3840, 2160) &&
	      picture_fits(2000, 3000, 1920, 1080) == 0,
	      "fits: a portrait picture against the screen turned");
	CHECK(!picture_fits(8192, 8192, 3840, 2160),
	      "fits: 8192x8192 does not fit 4K");
	return CHECK_DONE();
}
