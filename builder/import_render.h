/* import_render: pictures of whole slides for import --render, made by
 * LibreOffice (deck to PDF) and poppler's pdftoppm (page to PNG), run as
 * child processes. */
#ifndef VV_BUILDER_IMPORT_RENDER_H
#define VV_BUILDER_IMPORT_RENDER_H

/* How long one run of soffice, pdftoppm or rsvg-convert may take, in
 * seconds, unless import --render-timeout says otherwise: a LibreOffice
 * that hangs (a dialog in a headless profile, a locked profile) would
 * hold the import for ever. Past it, the program's process group is
 * killed and the import fails, writing nothing. */
#define IMPORT_RENDER_TIMEOUT 120

/* Sets that limit for the runs that follow. */
void import_render_set_timeout(unsigned seconds);

/* Returns 1 when soffice and pdftoppm are on PATH; else 0 after one line
 * naming `deck` and the package to install. */
int import_render_available(const char *deck);

/* Converts `deck` to PDF in `workdir` (which also holds LibreOffice's
 * throw-away profile). Returns the PDF's path (free() it), or NULL after
 * one line naming the deck. The PDF holds the visible slides only. */
char *import_render_pdf(const char *deck, const char *workdir);

/* Writes page `page` (from 1) of `pdf` as the PNG file `png` (a path
 * ending in ".png"), 1920 pixels wide. Returns 0, or -1 after one line. */
int import_render_page(const char *pdf, int page, const char *png);

/* Rasterises the SVG file `svg` into the PNG file `png`, 1920 pixels wide
 * at most, with rsvg-convert (librsvg). Returns 0, or -1 after one line
 * naming `name` (the picture in the deck). */
int import_render_svg(const char *svg, const char *png, const char *name);

#endif
