/*
 * status.c - status names and error reports (status.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "polgraph/status.h"

static const char *const messages[] = {
#define POLGRAPH_STATUS_MESSAGE(name, msg) msg,
	POLGRAPH_STATUS(POLGRAPH_STATUS_MESSAGE)
#undef POLGRAPH_STATUS_MESSAGE
};

const char *polgraph_strerror(enum polgraph_status status)
{
	if ((unsigned)status >= sizeof(messages) / sizeof(messages[0]))
		return "unknown status";
	return messages[status];
}

const char *polgraph_version(void)
{
	return POLGRAPH_VERSION;
}

enum polgraph_status polgraph_error_set(struct polgraph_error *err,
                                        enum polgraph_status status,
                                        const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return status;
}

void polgraph_error_clear(struct polgraph_error *err)
{
	if (!err)
		return;
	err->status = POLGRAPH_OK;
	err->message[0] = '\0';
}
