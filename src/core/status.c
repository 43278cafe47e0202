/*
 * status.c - names of status codes and the error record every parser fills.
 * Part of core/: depends on nothing.
 */
#include "rasd.h"

#include <stdio.h>
#include <string.h>

const char *rasd_strerror(enum rasd_status status)
{
	switch (status) {
	case RASD_OK: return "success";
	case RASD_ENOMEM: return "out of memory";
	case RASD_EUTF8: return "invalid UTF-8";
	case RASD_ETOOBIG: return "input too large";
	case RASD_EIO: return "input/output error";
	case RASD_EDB: return "database error";
	case RASD_ESYNTAX: return "syntax error";
	case RASD_EEMPTY: return "empty input";
	case RASD_EINVAL: return "invalid value";
	case RASD_ENOTFOUND: return "not found";
	}
	return "unknown error";
}

void rasd_error_clear(struct rasd_error *err)
{
	if (!err)
		return;
	err->status = RASD_OK;
	err->line = 0;
	err->column = 0;
	err->msg[0] = '\0';
}

enum rasd_status rasd_error_set(struct rasd_error *err, enum rasd_status status, long line,
				long column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return status;
}
