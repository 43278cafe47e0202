/*
 * review.c - the dashboard's review endpoints on the store's review API
 * (store/review.c, docs/review.md): POST /api/events/ID/review accepts,
 * rejects, corrects or undoes, with the token and the CSRF checks of
 * security.c, on the server's one writable handle; GET
 * /api/events/ID/log is the event's audit trail.
 */
#include "serve.h"

#include <string.h>

#define TRY(x)                                                                             \
	do {                                                                               \
		enum rasd_status st_ = (x);                                                \
		if (st_ != RASD_OK)                                                        \
			return st_;                                                        \
	} while (0)

#define MAX_FIELDS 16

/* "/api/events/ID/<what>" -> ID, in the arena; NULL when malformed. */
static const char *event_ref(struct serve_request *rq, const char *what)
{
	const char *p = rq->path + strlen("/api/events/");
	const char *slash = strchr(p, '/');

	if (!slash || slash == p || strcmp(slash + 1, what) != 0)
		return NULL;
	return rasd_arena_strndup(&rq->arena, p, (size_t)(slash - p));
}

static void review_failed(struct serve_reply *rp, enum rasd_status st, const struct rasd_error *err)
{
	const char *msg = err->msg[0] ? err->msg : rasd_strerror(st);

	if (st == RASD_ENOTFOUND)
		serve_error(rp, 404, "%s", msg);
	else if (st == RASD_EINVAL || st == RASD_ESYNTAX)
		serve_error(rp, 400, "%s", msg);
	else
		serve_error(rp, 500, "%s", msg);
}

static enum rasd_status one_json(void *ctx, const struct rasd_db_event *e)
{
	struct rasd_buf *b = ctx;

	TRY(rasd_db_event_write_json(b, e));
	return rasd_buf_putc(b, '\n');
}

/* The JSON body's string member, or NULL (also for a non-string). */
static const char *member(const struct rasd_json *o, const char *key)
{
	const struct rasd_json *v = rasd_json_get(o, key);
	return v && v->type == RASD_JSON_STRING ? v->str.p : NULL;
}

static enum rasd_status apply(struct serve_request *rq, struct rasd_db *db, long long event,
			      const struct rasd_json *body, struct rasd_error *err)
{
	const char *action = member(body, "action");
	struct rasd_review_by by = {member(body, "reviewer"), member(body, "note")};
	const struct rasd_json *fields, *f;
	struct rasd_review_assign set[MAX_FIELDS];
	size_t nset = 0;
	long long dup = 0;

	if (!by.reviewer || !*by.reviewer)
		by.reviewer = "dashboard";
	if (!action)
		return rasd_error_set(err, RASD_EINVAL, 0, 0,
				      "give an action: accept, reject, set or undo");
	if (strcmp(action, "accept") == 0)
		return rasd_review_accept(db, event, &by, err);
	if (strcmp(action, "undo") == 0)
		return rasd_review_undo(db, event, &by, err);
	if (strcmp(action, "reject") == 0) {
		const char *reason = member(body, "reason");
		const char *of = member(body, "duplicate_of");
		if (!reason)
			return rasd_error_set(err, RASD_EINVAL, 0, 0, "a rejection needs a reason");
		if (of && *of)
			TRY(rasd_review_find(db, of, &dup, err));
		return rasd_review_reject(db, event, reason, dup, &by, err);
	}
	if (strcmp(action, "set") == 0) {
		fields = rasd_json_get(body, "fields");
		if (!fields || fields->type != RASD_JSON_OBJECT || !fields->count)
			return rasd_error_set(err, RASD_EINVAL, 0, 0,
					      "set needs \"fields\": {\"name\": \"value\", ...}");
		for (f = fields->child; f; f = f->next) {
			if (nset == MAX_FIELDS)
				return rasd_error_set(err, RASD_EINVAL, 0, 0, "at most %d fields at once",
						      MAX_FIELDS);
			if (f->type != RASD_JSON_STRING && f->type != RASD_JSON_NUMBER)
				return rasd_error_set(err, RASD_EINVAL, 0, 0,
						      "field '%s': give the value as a string",
						      f->key.p);
			set[nset].field = f->key.p;
			set[nset].value = f->str.p;
			nset++;
		}
		return rasd_review_set(db, rq->srv->cfg.lex, event, set, nset, &by, err);
	}
	return rasd_error_set(err, RASD_EINVAL, 0, 0,
			      "unknown action '%s' (accept, reject, set or undo)", action);
}

void api_review(struct serve_request *rq, struct serve_reply *rp)
{
	struct rasd_server *srv = rq->srv;
	const char *ref = event_ref(rq, "review");
	struct rasd_json *body = NULL;
	struct rasd_db_filter f;
	struct rasd_error err;
	enum rasd_status st;
	long long event = 0;

	rasd_error_clear(&err);
	if (!ref) {
		serve_error(rp, 404, "no such path");
		return;
	}
	if (!serve_write_allowed(rq, rp))
		return;
	if (!srv->writer) {
		serve_error(rp, 503, "this database is read-only for the server: reviews are off");
		return;
	}
	if (rasd_json_parse(&rq->arena, rq->body, rq->body_n, &body, &err) != RASD_OK ||
	    body->type != RASD_JSON_OBJECT) {
		serve_error(rp, 400, "the body must be a JSON object: %s",
			    err.msg[0] ? err.msg : "not an object");
		return;
	}
	pthread_mutex_lock(&srv->write_lock);
	st = rasd_review_find(srv->writer, ref, &event, &err);
	if (st == RASD_OK)
		st = apply(rq, srv->writer, event, body, &err);
	if (st == RASD_OK) {
		/* the event as it is now (rejected ones too) */
		memset(&f, 0, sizeof(f));
		f.number = event;
		f.review = "all";
		st = rasd_db_query(srv->writer, &f, &rq->arena, one_json, &rp->body, &err);
	}
	__atomic_add_fetch(&srv->writes, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&srv->write_lock);
	if (st != RASD_OK) {
		review_failed(rp, st, &err);
		return;
	}
	serve_json(rp);
	rp->cache = CACHE_NONE;
}

struct log_list {
	struct rasd_buf *b;
	long n;
};

static enum rasd_status str_member(struct rasd_buf *b, const char *k, const char *v)
{
	TRY(rasd_buf_printf(b, ",\"%s\":", k));
	if (!v)
		return rasd_buf_puts(b, "null");
	return rasd_buf_json_str(b, v, strlen(v));
}

static enum rasd_status log_row(void *ctx, const struct rasd_review_entry *e)
{
	struct log_list *l = ctx;
	struct rasd_buf *b = l->b;

	if (l->n++)
		TRY(rasd_buf_putc(b, ','));
	TRY(rasd_buf_printf(b, "{\"id\":%lld,\"change\":%lld", e->id, e->change));
	TRY(str_member(b, "event_id", e->event_id));
	TRY(str_member(b, "action", e->action));
	TRY(str_member(b, "field", e->field));
	TRY(str_member(b, "old_value", e->old_value));
	TRY(str_member(b, "new_value", e->new_value));
	TRY(str_member(b, "reviewer", e->reviewer));
	TRY(str_member(b, "time", e->time));
	TRY(str_member(b, "note", e->note));
	return rasd_buf_printf(b, ",\"undone\":%s}", e->undone ? "true" : "false");
}

void api_review_log(struct serve_request *rq, struct serve_reply *rp)
{
	const char *ref = event_ref(rq, "log");
	struct log_list l = {&rp->body, 0};
	struct rasd_error err;
	struct rasd_arena a;
	enum rasd_status st;
	long long event = 0;

	rasd_error_clear(&err);
	if (!ref) {
		serve_error(rp, 404, "no such path");
		return;
	}
	rasd_arena_init(&a, 0);
	st = rasd_review_find(rq->db, ref, &event, &err);
	if (st == RASD_OK)
		st = rasd_buf_puts(&rp->body, "{\"log\":[");
	if (st == RASD_OK)
		st = rasd_review_log(rq->db, event, &a, log_row, &l, &err);
	if (st == RASD_OK)
		st = rasd_buf_puts(&rp->body, "]}\n");
	rasd_arena_release(&a);
	if (st != RASD_OK) {
		review_failed(rp, st, &err);
		return;
	}
	serve_json(rp);
}
