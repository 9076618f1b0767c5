/* xml: small libxml2 tree helpers shared by the pack loader (builder/pack)
 * and the bundle manifest reader (common/bundle), so both match elements
 * and copy attributes the same way. */
#ifndef VV_COMMON_XML_H
#define VV_COMMON_XML_H

#include <stddef.h>

#include <libxml/tree.h>

/* Returns 1 when `node` is an element called `name` in namespace `ns`
 * (NULL: any namespace or none), else 0. A NULL node is no element. */
int xml_is(const xmlNode *node, const char *ns, const char *name);

/* Returns the first child element of `parent` that xml_is(ns, name), or
 * NULL. Borrows `parent`; the result points into its tree. */
const xmlNode *xml_first(const xmlNode *parent, const char *ns,
			 const char *name);

/* Returns how many child elements of `parent` are xml_is(ns, name). */
size_t xml_count(const xmlNode *parent, const char *ns, const char *name);

/* Returns a new copy of attribute `name` (free() it), or NULL when it is
 * absent or memory ran out. */
char *xml_attr(const xmlNode *node, const char *name);

#endif
