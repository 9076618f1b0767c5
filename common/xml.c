/* xml: libxml2 tree helpers; see xml.h. */
#include "common/xml.h"

#include <stdlib.h>
#include <string.h>

int xml_is(const xmlNode *node, const char *ns, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return 0;
	if (ns && (!node->ns ||
		   xmlStrcmp(node->ns->href, (const xmlChar *)ns) != 0))
		return 0;
	return xmlStrEqual(node->name, (const xmlChar *)name);
}

const xmlNode *xml_first(const xmlNode *parent, const char *ns,
			 const char *name)
{
	const xmlNode *c;

	for (c = parent->children; c; c = c->next)
		if (xml_is(c, ns, name))
			return c;
	return NULL;
}

size_t xml_count(const xmlNode *parent, const char *ns, const char *name)
{
	const xmlNode *c;
	size_t n = 0;

	for (c = parent->children; c; c = c->next)
		if (xml_is(c, ns, name))
			n++;
	return n;
}

char *xml_attr(const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}
