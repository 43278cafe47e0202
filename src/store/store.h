/*
 * store.h - what the files of the events database share (store/ internal):
 * the connection handle, its cache of prepared statements, the one-line
 * report of a SQLite failure, binding values in order, and the coded
 * fields of an event as `event` and `mention` store them. Each concern
 * has its own file: sql.c (statements, failures), db.c (open, close,
 * transactions), schema.c (tables and migrations), row.c (binding and
 * reading fields), hash.c (what "the same article" means), ingest.c,
 * dedup.c (which stored event a report is), merge.c (an event from its
 * reports), filter.c, query.c, search.c, stats.c, functions.c (SQL
 * functions). A new concern gets a new file, with its statements in it.
 */
#ifndef RASD_STORE_H
#define RASD_STORE_H

#include "rasd.h"

#include <sqlite3.h>
#include <string.h>

/* PRAGMA application_id: "rasd" in ASCII, so other programs can tell. */
#define STORE_APP_ID 1918989156
#define STORE_ACTOR_CACHE 256
#define STORE_STMT_CACHE 64

/* One prepared statement, cached under the address of its SQL text. */
struct store_stmt {
	const char *sql;
	sqlite3_stmt *st;
};

struct rasd_db {
	sqlite3 *db;
	char *path;
	int version;
	int busy_ms;
	bool readonly;
	bool damaged; /* SQLITE_CORRUPT or SQLITE_NOTADB was met */
	struct store_stmt stmts[STORE_STMT_CACHE];
	size_t nstmts;
	struct rasd_arena scratch; /* keys and rows while storing one article */
	/* actors already written by this connection (lexicon entries live
	 * as long as the lexicon, so the pointer identifies the actor) */
	const struct rasd_actor *actors_seen[STORE_ACTOR_CACHE];
	size_t nactors_seen;
};

/* Report a SQLite failure as one line that names the file. */
enum rasd_status store_fail(struct rasd_db *db, struct rasd_error *err, int rc, const char *what);

/*
 * The statement for sql, prepared on first use and kept until
 * rasd_db_free(). sql must be a static array: its address is the key, so
 * each file keeps its statements next to the code that runs them.
 */
enum rasd_status store_stmt(struct rasd_db *db, const char *sql, sqlite3_stmt **out,
			    struct rasd_error *err);

/* review_carry.c: the reviewed events of the damaged database at `damaged`
 * that can still be read, with their reports, corrections, audit trail and
 * the actors corrections name, copied into `out` (whose events are emptied
 * first: the caller rebuilds it); *lost counts those on damaged pages. */
enum rasd_status store_carry_reviews(struct rasd_db *out, const char *damaged, long *kept,
				     long *lost, struct rasd_error *err);

/* Make a cached statement ready for its next use. */
void store_done(sqlite3_stmt *st);

/* Run constant SQL (no rows). */
enum rasd_status store_exec(struct rasd_db *db, const char *sql, const char *what,
			    struct rasd_error *err);

/* A single integer from constant SQL, e.g. a PRAGMA; 0 when no row. */
enum rasd_status store_query_int(struct rasd_db *db, const char *sql, long long *out,
				 struct rasd_error *err);

/* A single integer from SQL whose ?1 is bound to `id` (an event, an
 * article); 0 when no row; `what` names the failure. */
enum rasd_status store_query_int_of(struct rasd_db *db, const char *sql, long long id,
				    long long *out, const char *what, struct rasd_error *err);

/* schema.c: what the file holds (version, whether it is ours), and
 * bringing it up to RASD_DB_SCHEMA_VERSION. */
enum rasd_status store_check_schema(struct rasd_db *db, struct rasd_error *err);
enum rasd_status store_migrate(struct rasd_db *db, struct rasd_error *err);

/* summary.c: the counts kept by triggers (schema 7), and stats.c's
 * answers from them when the filter is the default one. */
extern const char *const store_schema_v7[];
bool store_summary_fits(const struct rasd_db_filter *f);
enum rasd_status store_summary_totals(struct rasd_db *db, struct rasd_db_totals *t,
				      struct rasd_error *err);
enum rasd_status store_summary_count(struct rasd_db *db, enum rasd_db_stat by, long limit,
				     rasd_db_count_fn fn, void *ctx, struct rasd_error *err);

/* functions.c: the SQL functions every connection has. */
enum rasd_status store_register_functions(struct rasd_db *db, struct rasd_error *err);
double store_distance_km(double lat1, double lon1, double lat2, double lon2);

/* ------------------------------------------------------------ columns */

/*
 * The coded fields of an event, stored alike in `event` (the merged
 * record) and in `mention` (what one article said). FIELD_COLS and
 * struct store_fields list them in the same order.
 */
#define FIELD_COLS                                                                         \
	"event_date, time_precision, event_type, sub_event_type, actor1, assoc_actor1, "   \
	"actor2, assoc_actor2, location, location_key, admin1, admin1_key, admin2, "        \
	"country, pcode, latitude, longitude, geo_precision, fatalities, claimed, "         \
	"modality, trigger, confidence"
#define E_FIELD_COLS                                                                       \
	"e.event_date, e.time_precision, e.event_type, e.sub_event_type, e.actor1, "       \
	"e.assoc_actor1, e.actor2, e.assoc_actor2, e.location, e.location_key, e.admin1, "  \
	"e.admin1_key, e.admin2, e.country, e.pcode, e.latitude, e.longitude, "             \
	"e.geo_precision, e.fatalities, e.claimed, e.modality, e.trigger, e.confidence"
#define M_FIELD_COLS                                                                       \
	"m.event_date, m.time_precision, m.event_type, m.sub_event_type, m.actor1, "       \
	"m.assoc_actor1, m.actor2, m.assoc_actor2, m.location, m.location_key, m.admin1, "  \
	"m.admin1_key, m.admin2, m.country, m.pcode, m.latitude, m.longitude, "             \
	"m.geo_precision, m.fatalities, m.claimed, m.modality, m.trigger, m.confidence"
#define FIELD_QS "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"
#define NFIELDS 23

struct store_fields {
	const char *event_date; /* YYYY-MM-DD or NULL */
	int time_precision;
	const char *event_type, *sub_event_type;
	const char *actor[4]; /* actor1, assoc_actor1, actor2, assoc_actor2 codes */
	const char *location, *location_key, *admin1, *admin1_key, *admin2, *country, *pcode;
	bool has_coords;
	double lat, lon;
	int geo_precision;
	long fatalities;
	bool claimed;
	const char *modality, *trigger;
	double confidence;
};

/* Binding in order, the first failure sticks. */
struct store_binder {
	sqlite3_stmt *st;
	int i;
	int rc;
};

void store_bind_init(struct store_binder *b, sqlite3_stmt *st);
void store_bind_text_n(struct store_binder *b, const char *s, size_t n);
/* Strings that are NULL or empty are stored as NULL. */
void store_bind_text(struct store_binder *b, const char *s);
void store_bind_int(struct store_binder *b, long long v);
void store_bind_real(struct store_binder *b, double v);
void store_bind_null(struct store_binder *b);
void store_bind_fields(struct store_binder *b, const struct store_fields *f);
/* Run the statement the binder bound (it returns no rows) and make it
 * ready for its next use; a failure is reported as `what`. */
enum rasd_status store_bind_step(struct rasd_db *db, struct store_binder *b, const char *what,
				 struct rasd_error *err);

/* Column text copied into the arena; NULL stays NULL; *oom set on failure. */
const char *store_col_text(sqlite3_stmt *st, int col, struct rasd_arena *a, bool *oom);
/* The NFIELDS columns from col on. */
void store_read_fields(sqlite3_stmt *st, int col, struct rasd_arena *a, struct store_fields *f,
		       bool *oom);
/* A name in rasd's match-key form (rasd_norm_phrase), or NULL when empty. */
const char *store_key_of(struct rasd_arena *a, const char *s, bool *oom);

static inline bool store_str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* export.c: rasd_event_write_json with the evidence sentence given (a
 * stored event's, whose article text is not read), or NULL to cut it from
 * the article. */
enum rasd_status store_event_write_json(struct rasd_buf *b, const struct rasd_article *art,
					const struct rasd_event *e, const char *sentence,
					size_t sentence_n);

/* ------------------------------------------------------------ filters */

enum store_param_kind { P_TEXT, P_INT, P_REAL };

struct store_param {
	enum store_param_kind kind;
	const char *s;
	long long i;
	double d;
};

#define MAX_PARAMS 48

/*
 * filter.c: a WHERE clause made only of constant fragments, with the
 * user's values kept aside for binding.
 */
struct store_where {
	struct rasd_buf sql;
	struct rasd_buf fts; /* the translated FTS query */
	struct store_param p[MAX_PARAMS];
	int np;
	bool any;
};

/* Build the clause of a filter (NULL: none); its strings go into a. */
enum rasd_status store_where_build(const struct rasd_db_filter *f, struct rasd_arena *a,
				   struct store_where *w, struct rasd_error *err);
void store_where_release(struct store_where *w);
/* Prepare prefix + WHERE + suffix and bind the filter's values; *next is
 * the number of the first parameter left for the caller. */
enum rasd_status store_prepare_where(struct rasd_db *db, const char *prefix,
				     struct store_where *w, const char *suffix,
				     sqlite3_stmt **out, int *next, struct rasd_error *err);

/* dedup.c: a set of event ids (those one article already reports),
 * in an arena, for at most max ids. */
struct store_event_set {
	long long *slot; /* 0: empty */
	size_t cap, n;
};
bool store_event_set_init(struct store_event_set *s, struct rasd_arena *a, size_t max);
void store_event_set_add(struct store_event_set *s, long long id);
bool store_event_set_has(const struct store_event_set *s, long long id);

/* dedup.c: the stored event, not in linked, that the mention m reports,
 * or 0 (docs/schema.md, "Deduplication"). */
enum rasd_status store_find_event(struct rasd_db *db, const struct store_event_set *linked,
				  const struct store_fields *m, long long *event,
				  struct rasd_error *err);

/* ingest.c: link the events coded from the stored article (row id
 * `article`) to the events they report, or store them as new ones. */
enum rasd_status store_put_events(struct rasd_db *db, long long article,
				  const struct rasd_article *art, const struct rasd_event *events,
				  size_t nevents, struct rasd_ingest_counts *counts,
				  struct rasd_error *err);

/* merge.c: recompute an event from the mentions linked to it
 * (docs/schema.md, "Merging"); *empty is set when none is left, and
 * then nothing is written. */
enum rasd_status store_recompute(struct rasd_db *db, long long event, bool *empty,
				 struct rasd_error *err);

#endif
