/* icon: pictograms drawn in code from out's primitives, so they scale to
 * any screen and need no asset files: controls, attract, idle, levels. */
#ifndef VV_PLAYER_OUT_ICON_H
#define VV_PLAYER_OUT_ICON_H

#include <stdint.h>

#include "player/out/out.h"

enum icon {
	ICON_ARROW_RIGHT,
	ICON_ARROW_LEFT,
	ICON_PLAY,
	ICON_PAUSE,
	ICON_REPLAY,
	ICON_HOME,
	ICON_TOUCH,       /* a finger with ripples: "touch here" */
	ICON_HOURGLASS,
	ICON_SPEAKER,
	ICON_WARNING,
	ICON_GLOBE,
	ICON_VIDEO,
	ICON_LEVEL_1,     /* steps: one, two or three of them filled */
	ICON_LEVEL_2,
	ICON_LEVEL_3,
	ICON_LEVEL_OTHER,
	ICON_QUESTION,    /* a speech bubble with a question mark */
};

/* Draws `icon` to fit a size x size box centred at (cx, cy), in `rgba`;
 * `bg` is used for cut-outs (e.g. the door of the house). */
void icon_draw(struct out *out, enum icon icon, float cx, float cy,
	       float size, uint32_t rgba, uint32_t bg);

#endif
