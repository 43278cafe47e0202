/*
 * rasd_ext.c - rasd as a SQLite loadable extension (rasd.so): the "rasd"
 * FTS5 tokenizer and rasd's SQL functions on any connection, so the sqlite3
 * shell (.load rasd), Python (conn.load_extension) or R can search an
 * events database and write to its articles and mentions. Built by
 * mk/sqlite.mk from the library's objects; not part of librasd.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "rasd.h"

int sqlite3_rasd_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

int sqlite3_rasd_init(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
	SQLITE_EXTENSION_INIT2(api);
	if (rasd_fts_register(db) != RASD_OK) {
		*err = sqlite3_mprintf("rasd: cannot register the FTS5 tokenizer (is FTS5 there?)");
		return SQLITE_ERROR;
	}
	if (rasd_sql_functions_register(db) != RASD_OK) {
		*err = sqlite3_mprintf("rasd: cannot register the SQL functions");
		return SQLITE_ERROR;
	}
	return SQLITE_OK;
}
