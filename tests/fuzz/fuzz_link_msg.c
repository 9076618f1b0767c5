/* libFuzzer target for linked rooms' message parser (player/core/link_msg):
 * the first line of the input is the topic, the rest the payload. Any
 * bytes must give VV_OK or an error, never a crash, a hang or a read past
 * the payload (it is copied into a buffer of its exact size); a message
 * that parses must format again and parse back to the same fields. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "player/core/link_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size;
	char topic[LINK_TOPIC_MAX + 2];
	struct link_msg m, back;
	char buf[LINK_MSG_MAX];
	size_t plen, len;
	uint8_t *payload;

	if (tlen > LINK_TOPIC_MAX + 1)
		tlen = LINK_TOPIC_MAX + 1;
	memcpy(topic, data, tlen);
	topic[tlen] = '\0';
	plen = nl ? size - (size_t)(nl - data) - 1 : 0;
	payload = malloc(plen ? plen : 1);
	if (!payload)
		return 0;
	if (plen)
		memcpy(payload, nl + 1, plen);
	if (link_msg_parse(topic, payload, plen, &m) == VV_OK) {
		if (link_msg_format(&m, buf, sizeof buf, &len) != VV_OK)
			abort();
		if (link_msg_parse(topic, buf, len, &back) != VV_OK ||
		    back.kind != m.kind ||
		    strcmp(back.session, m.session) != 0)
			abort();
	}
	free(payload);
	return 0;
}
