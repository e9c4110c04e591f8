/*
 * store.c - the SQLite store (store.h); the only user of SQLite.
 *
 * Consumes pipeline results and writes them as rows of the schema in
 * src/schema.sql (embedded at build time, versioned with PRAGMA
 * user_version); reads rows back into results, lists articles and counts
 * rows. Every statement has bound parameters, and the ones used per article
 * are prepared once at open. The layout is documented in docs/schema.md.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>
#include <sqlite3.h>

#include "polgraph/store.h"
#include "polgraph/strmap.h"
#include "polgraph/text.h"

/* Generated from src/schema.sql by cmake/embed.cmake. */
extern const char polgraph_schema_sql[];
extern const unsigned long polgraph_schema_sql_len;
/* Generated from src/views.sql: the TEMP views of polgraph_store_sql. */
extern const char polgraph_views_sql[];

/* How long a writer waits for another's transaction, polling every
 * BUSY_POLL_MS; and how long a writer that just committed waits before
 * its next transaction, so a polling writer gets its turn (SQLite's locks
 * do not queue: without the pause one ingest can starve another). */
#define BUSY_TIMEOUT_MS 60000
#define BUSY_POLL_MS    1
#define TURN_PAUSE_MS   3

/*
 * Schema migrations, oldest first. Entry N takes a database from version
 * N - 1 to N and sets PRAGMA user_version = N itself (a pragma cannot take
 * a bound parameter); open checks that it did. A released entry is never
 * edited: a schema change is a new entry.
 */
static const struct {
	int version;
	const char *sql;
} migrations[] = {
	{ 1, polgraph_schema_sql },
};

#define MIGRATION_COUNT (sizeof(migrations) / sizeof(migrations[0]))

/* Statements prepared once at open: name, SQL. */
#define STORE_STATEMENTS(_)                                                    \
	_(BEGIN, "BEGIN IMMEDIATE")                                            \
	_(COMMIT, "COMMIT")                                                    \
	_(ROLLBACK, "ROLLBACK")                                                \
	_(SAVEPOINT, "SAVEPOINT article")                                      \
	_(RELEASE, "RELEASE article")                                          \
	_(ROLLBACK_TO, "ROLLBACK TO article")                                  \
	_(FIND_EXT_ID, "SELECT 1 FROM articles WHERE ext_id = ?1")             \
	_(FIND_FINGERPRINT,                                                    \
	  "SELECT ext_id FROM articles WHERE fingerprint = ?1 LIMIT 1")        \
	_(INSERT_ARTICLE,                                                      \
	  "INSERT INTO articles (ext_id, fingerprint, date, lang, title,"      \
	  " source, url, text, origin, origin_line)"                           \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                 \
	_(INSERT_ACTOR,                                                        \
	  "INSERT INTO actors (key, type, name) VALUES (?1, ?2, ?3)"           \
	  " ON CONFLICT (key) DO NOTHING")                                     \
	_(FIND_ACTOR, "SELECT id FROM actors WHERE key = ?1")                  \
	_(INSERT_ALIAS, "INSERT INTO aliases (actor_id, surface, norm, lang)"  \
	                " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (actor_id, "     \
	                "surface) DO NOTHING")                                 \
	_(LOAD_ARTICLE,                                                        \
	  "SELECT id, ext_id, date, lang, title, source, url, text, origin,"   \
	  " origin_line FROM articles WHERE ext_id = ?1")                      \
	_(LOAD_SENTENCES, "SELECT start, \"end\", paragraph FROM sentences"    \
	                  " WHERE article_id = ?1 ORDER BY idx")               \
	_(LOAD_ACTORS,                                                         \
	  "SELECT id, key, type, name FROM actors WHERE id IN"                 \
	  " (SELECT actor_id FROM mentions WHERE article_id = ?1"              \
	  " UNION SELECT source_id FROM relations WHERE article_id = ?1"       \
	  " UNION SELECT target_id FROM relations WHERE article_id = ?1)"      \
	  " ORDER BY key")                                                     \
	_(LOAD_MENTIONS,                                                       \
	  "SELECT m.actor_id, m.sentence, m.start, m.\"end\", m.surface,"      \
	  " m.kind"                                                            \
	  " FROM mentions m JOIN actors a ON a.id = m.actor_id"                \
	  " WHERE m.article_id = ?1 ORDER BY a.key, m.id")                     \
	_(LOAD_RELATIONS,                                                      \
	  "SELECT r.type, s.key, t.key, r.sentence, r.start, r.\"end\","       \
	  " r.negated, r.rule, r.confidence, r.attrs FROM relations r"         \
	  " JOIN actors s ON s.id = r.source_id"                               \
	  " JOIN actors t ON t.id = r.target_id"                               \
	  " WHERE r.article_id = ?1 ORDER BY r.id")                            \
	_(SENTENCE_TEXT,                                                       \
	  "SELECT CAST(substr(CAST(a.text AS BLOB), se.start + 1,"             \
	  " se.\"end\" - se.start) AS TEXT) FROM sentences se"                 \
	  " JOIN articles a ON a.id = se.article_id"                           \
	  " WHERE se.article_id = ?1 AND se.idx = ?2")

enum statement {
#define STORE_STATEMENT_ENUM(name, sql) STMT_##name,
	STORE_STATEMENTS(STORE_STATEMENT_ENUM)
#undef STORE_STATEMENT_ENUM
		STMT_COUNT
};

static const char *const statement_sql[] = {
#define STORE_STATEMENT_SQL(name, sql) sql,
	STORE_STATEMENTS(STORE_STATEMENT_SQL)
#undef STORE_STATEMENT_SQL
};

/*
 * Row inserts of the write path, several rows per statement: one
 * statement run costs about as much as the rows it writes (cursors on the
 * table and every index opened and closed, CHECK lists built), so the
 * rows of an article go in chunks of BULK_MAX_ROWS, then halving chunks.
 * Prepared on first use, one statement per table and chunk size. OR FAIL:
 * a statement of many rows that may abort needs a statement journal (a
 * copy of every page it touches, to undo its own rows); a failing one here
 * keeps its earlier rows instead, and put_article rolls the article's
 * savepoint back anyway.
 */
enum bulk_table { BULK_SENTENCES, BULK_MENTIONS, BULK_RELATIONS, BULK_COUNT };

#define BULK_SIZES    6 /* chunks of 1, 2, 4, ... BULK_MAX_ROWS rows */
#define BULK_MAX_ROWS (1u << (BULK_SIZES - 1))

static const struct {
	const char *head; /* up to VALUES */
	int columns;
} bulk_tables[BULK_COUNT] = {
	[BULK_SENTENCES] = { "INSERT OR FAIL INTO sentences (article_id, idx, "
	                     "start,"
	                     " \"end\", paragraph) VALUES ",
	                     5 },
	[BULK_MENTIONS] = { "INSERT OR FAIL INTO mentions (actor_id, "
	                    "article_id,"
	                    " sentence, start, \"end\", surface, kind)"
	                    " VALUES ",
	                    7 },
	[BULK_RELATIONS] = { "INSERT OR FAIL INTO relations (type, source_id,"
	                     " target_id, article_id, sentence, start,"
	                     " \"end\", negated, attrs, rule, confidence)"
	                     " VALUES ",
	                     11 },
};

/*
 * What the writer knows is stored, so an article's actors and aliases
 * cost a hash probe instead of an upsert and a lookup each: actor key ->
 * id, and "id:surface" of each alias. Rows go in as they are written;
 * the whole cache is cleared when an article's savepoint or the
 * transaction rolls back, so it holds only rows that exist. Ids never
 * change once given (nothing deletes actors), so entries stay true while
 * other processes write. Cleared at WRITE_CACHE_MAX entries to bound
 * memory.
 */
#define WRITE_CACHE_MAX 65536

struct write_cache {
	struct polgraph_strmap actors;  /* key -> actor id */
	struct polgraph_strmap aliases; /* "id:surface" -> 1 */
	struct polgraph_arena keys;     /* the keys of both maps */
};

/* Cold-path statements, prepared per call. */
static const char list_sql[] =
	"SELECT a.ext_id, a.date, a.lang, a.title, a.source,"
	" (SELECT count(*) FROM sentences s WHERE s.article_id = a.id),"
	" (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),"
	" (SELECT count(*) FROM relations r WHERE r.article_id = a.id)"
	" FROM articles a ORDER BY a.date IS NULL, a.date, a.ext_id";
static const char stats_sql[] =
	"SELECT (SELECT count(*) FROM articles),"
	" (SELECT count(*) FROM sentences), (SELECT count(*) FROM actors),"
	" (SELECT count(*) FROM aliases), (SELECT count(*) FROM mentions),"
	" (SELECT count(*) FROM relations),"
	" (SELECT min(date) FROM articles), (SELECT max(date) FROM articles)";

struct polgraph_store {
	sqlite3 *db;
	char *path;                     /* as given to open, for messages */
	sqlite3_stmt *stmt[STMT_COUNT]; /* see STORE_STATEMENTS */
	bool readonly;                  /* opened POLGRAPH_STORE_READONLY */
	bool sql_ready;                 /* views made, connection query_only */
	double committed_at;            /* monotonic seconds, 0 = not yet */
	double busy_since;              /* first try of the current wait */
	sqlite3_stmt *bulk[BULK_COUNT][BULK_SIZES]; /* see bulk_tables */
	struct write_cache cache;                   /* see write_cache */
};

static void write_cache_clear(struct write_cache *cache)
{
	polgraph_strmap_release(&cache->actors);
	polgraph_strmap_release(&cache->aliases);
	polgraph_arena_release(&cache->keys);
}

static double now_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void sleep_ms(double ms)
{
	struct timespec pause = { 0, (long)(ms * 1e6) };

	nanosleep(&pause, NULL);
}

/*
 * Busy handler: poll often, so a lock released for a moment is caught,
 * until BUSY_TIMEOUT_MS has passed since the first try (SQLite's own
 * handler backs off to 100 ms sleeps and can miss every window).
 */
static int on_busy(void *context, int tries)
{
	double *first_try = context;

	if (tries == 0)
		*first_try = now_seconds();
	if ((now_seconds() - *first_try) * 1000 > BUSY_TIMEOUT_MS)
		return 0;
	sleep_ms(BUSY_POLL_MS);
	return 1;
}

/* ---- errors ---- */

/* Out of memory inside SQLite is as fatal as anywhere else (mem.h). */
static void die_oom(void)
{
	fputs("polgraph: fatal: out of memory in SQLite\n", stderr);
	abort();
}

static enum polgraph_status status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return POLGRAPH_BUSY;
	case SQLITE_NOMEM:
		return POLGRAPH_NOMEM;
	case SQLITE_CONSTRAINT:
		return POLGRAPH_INVALID;
	case SQLITE_INTERRUPT:
		return POLGRAPH_INTERRUPTED;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return POLGRAPH_IO;
	default:
		return POLGRAPH_DB;
	}
}

/*
 * Fills err with "WHAT: sqlite message" for the failure rc just returned
 * by SQLite; call before anything else runs on db.
 */
static enum polgraph_status fail(sqlite3 *db, int rc,
                                 struct polgraph_error *err, const char *fmt,
                                 ...) __attribute__((format(printf, 4, 5)));

static enum polgraph_status
fail(sqlite3 *db, int rc, struct polgraph_error *err, const char *fmt, ...)
{
	const char *detail = sqlite3_errstr(rc);
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	/* Codes we raise ourselves (SQLITE_CORRUPT) have no message in db. */
	if (db && (sqlite3_errcode(db) & 0xff) == (rc & 0xff))
		detail = sqlite3_errmsg(db);
	/* "disk I/O error" says little: the system's reason says which
	 * (file too large, read-only file system, no space left). Not for
	 * CANTOPEN, where errno is of the last of several tries. */
	switch (rc & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
		if (db && sqlite3_system_errno(db))
			return polgraph_error_set(
				err, status_of(rc), "%s: %s (%s)", what, detail,
				strerror(sqlite3_system_errno(db)));
		break;
	default:
		break;
	}
	return polgraph_error_set(err, status_of(rc), "%s: %s", what, detail);
}

/* ---- statement helpers ---- */

/*
 * Binders keep the first failure in *rc and do nothing once it is set,
 * so a run of binds needs one check (at run() or step time).
 */
static void bind_text(sqlite3_stmt *stmt, int index, const char *s, int *rc)
{
	if (*rc != SQLITE_OK)
		return;
	*rc = s ? sqlite3_bind_text(stmt, index, s, -1, SQLITE_STATIC)
	        : sqlite3_bind_null(stmt, index);
}

static void bind_int64(sqlite3_stmt *stmt, int index, int64_t value, int *rc)
{
	if (*rc == SQLITE_OK)
		*rc = sqlite3_bind_int64(stmt, index, value);
}

static void bind_size(sqlite3_stmt *stmt, int index, size_t value, int *rc)
{
	bind_int64(stmt, index, (int64_t)value, rc);
}

/* Runs a statement for its effect, then readies it for reuse. */
static int run(sqlite3_stmt *stmt, int rc)
{
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE || rc == SQLITE_ROW)
			rc = SQLITE_OK;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* Runs a one-parameter lookup; *found says whether it returned a row. */
static int lookup(sqlite3_stmt *stmt, const char *key, bool *found,
                  int64_t *first_column)
{
	int rc = SQLITE_OK;

	*found = false;
	bind_text(stmt, 1, key, &rc);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*found = true;
			if (first_column)
				*first_column = sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* Copies a text column into arena; NULL for SQL NULL. */
static const char *column_string(sqlite3_stmt *stmt, int column,
                                 struct polgraph_arena *arena)
{
	const unsigned char *text;

	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return NULL;
	text = sqlite3_column_text(stmt, column);
	if (!text)
		die_oom();
	return polgraph_arena_strndup(
		arena, (const char *)text,
		(size_t)sqlite3_column_bytes(stmt, column));
}

static size_t column_size(sqlite3_stmt *stmt, int column)
{
	sqlite3_int64 value = sqlite3_column_int64(stmt, column);

	return value > 0 ? (size_t)value : 0;
}

static int read_user_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*version = 0;
	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* ---- open and close ---- */

int polgraph_store_schema_version(void)
{
	return migrations[MIGRATION_COUNT - 1].version;
}

static enum polgraph_status check_version(const char *path, int version,
                                          struct polgraph_error *err)
{
	int latest = polgraph_store_schema_version();

	if (version > latest)
		return polgraph_error_set(err, POLGRAPH_SCHEMA,
		                          "database '%s' has schema version "
		                          "%d, newer than this polgraph (%d)",
		                          path, version, latest);
	if (version < 0)
		return polgraph_error_set(err, POLGRAPH_SCHEMA,
		                          "database '%s' has schema version %d",
		                          path, version);
	return POLGRAPH_OK;
}

/*
 * Brings the schema from `version` to the newest, in one transaction so a
 * failed step leaves the database as it was.
 */
static enum polgraph_status migrate(struct polgraph_store *store, int version,
                                    struct polgraph_error *err)
{
	sqlite3 *db = store->db;
	enum polgraph_status status = POLGRAPH_OK;
	bool in_transaction = false;
	int rc;

	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		status = fail(db, rc, err, "cannot upgrade database '%s'",
		              store->path);
		goto out;
	}
	in_transaction = true;
	/* Another process may have migrated before we took the lock. */
	rc = read_user_version(db, &version);
	if (rc != SQLITE_OK) {
		status = fail(db, rc, err, "cannot upgrade database '%s'",
		              store->path);
		goto out;
	}
	status = check_version(store->path, version, err);
	if (status != POLGRAPH_OK)
		goto out;
	for (size_t i = 0; i < MIGRATION_COUNT; i++) {
		int reached;

		if (migrations[i].version <= version)
			continue;
		rc = sqlite3_exec(db, migrations[i].sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = read_user_version(db, &reached);
		if (rc != SQLITE_OK) {
			status = fail(db, rc, err,
			              "cannot upgrade database '%s' to schema "
			              "version %d",
			              store->path, migrations[i].version);
			goto out;
		}
		if (reached != migrations[i].version) {
			status = polgraph_error_set(
				err, POLGRAPH_SCHEMA,
				"schema migration %d left database '%s' at "
				"version %d",
				migrations[i].version, store->path, reached);
			goto out;
		}
	}
	rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		status = fail(db, rc, err, "cannot upgrade database '%s'",
		              store->path);
		goto out;
	}
	in_transaction = false;
out:
	if (in_transaction)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return status;
}

/*
 * Reads the version (the first read of the file, so this is where a file
 * that is not a database fails), sets the connection up and migrates.
 */
static enum polgraph_status set_up(struct polgraph_store *store, bool readonly,
                                   struct polgraph_error *err)
{
	sqlite3 *db = store->db;
	int version, rc;
	enum polgraph_status status;

	rc = read_user_version(db, &version);
	if (rc != SQLITE_OK)
		return fail(db, rc, err, "cannot open database '%s'",
		            store->path);
	status = check_version(store->path, version, err);
	if (status != POLGRAPH_OK)
		return status;
	if (readonly && version < polgraph_store_schema_version())
		return polgraph_error_set(
			err, POLGRAPH_SCHEMA,
			"database '%s' has schema version %d, older than this "
			"polgraph (%d); open it for writing to upgrade it",
			store->path, version, polgraph_store_schema_version());

	/* Foreign keys are not enforced by SQLite: every row the store
	   writes references rows it checked (check_result) or wrote itself,
	   and checking them again costs a third of a mention insert. The
	   tests run PRAGMA foreign_key_check on every store they make. */
	rc = sqlite3_exec(db,
	                  "PRAGMA foreign_keys = OFF;"
	                  " PRAGMA synchronous = NORMAL;",
	                  NULL, NULL, NULL);
	if (rc == SQLITE_OK && !readonly)
		rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL,
		                  NULL);
	/* Graph queries read every mention and relation: 64 MB of cache
	   (the default is 2 MB) and the file mapped save most reads. A
	   writer (ingest, merge) keeps 8 MB (16 MB was no faster, 10 MB more),
	   so its memory stays bounded by the batch (docs/scale.md), and keeps
	   the journal of each article's savepoint in memory: on disk it was
	   rewritten for every article, ten times the bytes of the database. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(
			db,
			readonly ? "PRAGMA cache_size = -65536;"
				   " PRAGMA mmap_size = 1073741824;"
				 : "PRAGMA cache_size = -8192;"
				   " PRAGMA temp_store = MEMORY;"
				   " PRAGMA wal_autocheckpoint = 10000;",
			NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail(db, rc, err, "cannot open database '%s'",
		            store->path);
	if (version < polgraph_store_schema_version())
		return migrate(store, version, err);
	return POLGRAPH_OK;
}

static enum polgraph_status prepare_all(struct polgraph_store *store,
                                        struct polgraph_error *err)
{
	for (int i = 0; i < STMT_COUNT; i++) {
		int rc = sqlite3_prepare_v3(store->db, statement_sql[i], -1,
		                            SQLITE_PREPARE_PERSISTENT,
		                            &store->stmt[i], NULL);

		if (rc != SQLITE_OK)
			return fail(store->db, rc, err,
			            "cannot open database '%s'", store->path);
	}
	return POLGRAPH_OK;
}

/*
 * Library-wide SQLite settings, made once before SQLite initialises.
 * Memory statistics take a global mutex on every allocation; nothing here
 * reads them. If the application initialised SQLite first, sqlite3_config
 * refuses (SQLITE_MISUSE) and the defaults stay, which is only slower.
 */
static void configure_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void configure_sqlite(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, configure_once);
}

enum polgraph_status polgraph_store_open(const char *path, unsigned flags,
                                         struct polgraph_store **out,
                                         struct polgraph_error *err)
{
	bool readonly = flags & POLGRAPH_STORE_READONLY;
	int open_flags = readonly ? SQLITE_OPEN_READONLY
	                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	struct polgraph_store *store = NULL;
	enum polgraph_status status = POLGRAPH_OK;
	double started;
	int rc;

	*out = NULL;
	polgraph_error_clear(err);
	if (readonly && access(path, F_OK) != 0 && errno == ENOENT)
		return polgraph_error_set(err, POLGRAPH_NOTFOUND,
		                          "database '%s' does not exist", path);
	store = polgraph_xcalloc(1, sizeof(*store));
	store->path = polgraph_xstrdup(path);
	store->readonly = readonly;
	configure_sqlite();
	rc = sqlite3_open_v2(path, &store->db, open_flags | SQLITE_OPEN_NOMUTEX,
	                     NULL);
	if (rc != SQLITE_OK) {
		status = fail(store->db, rc, err, "cannot open database '%s'",
		              path);
		goto out;
	}
	sqlite3_busy_handler(store->db, on_busy, &store->busy_since);
	/* Two processes opening a new database at once race to switch it
	   to WAL and create the schema; SQLite reports some of those
	   conflicts as SQLITE_BUSY without calling the busy handler, so the
	   whole (idempotent) set-up is retried, polling like on_busy. */
	started = now_seconds();
	while ((status = set_up(store, readonly, err)) == POLGRAPH_BUSY &&
	       (now_seconds() - started) * 1000 < BUSY_TIMEOUT_MS)
		sleep_ms(BUSY_POLL_MS);
	if (status != POLGRAPH_OK)
		goto out;
	status = prepare_all(store, err);
	if (status != POLGRAPH_OK)
		goto out;
	*out = store;
	store = NULL;
out:
	polgraph_store_close(store);
	return status;
}

void polgraph_store_close(struct polgraph_store *store)
{
	if (!store)
		return;
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(store->stmt[i]);
	for (int t = 0; t < BULK_COUNT; t++)
		for (int k = 0; k < BULK_SIZES; k++)
			sqlite3_finalize(store->bulk[t][k]);
	write_cache_clear(&store->cache);
	if (store->db && !sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(store->db);
	free(store->path);
	free(store);
}

/* ---- transactions ---- */

enum polgraph_status polgraph_store_begin(struct polgraph_store *store,
                                          struct polgraph_error *err)
{
	int rc;

	if (store->committed_at) {
		double waited = (now_seconds() - store->committed_at) * 1000;

		if (waited < TURN_PAUSE_MS)
			sleep_ms(TURN_PAUSE_MS - waited);
	}
	rc = run(store->stmt[STMT_BEGIN], SQLITE_OK);

	if (rc != SQLITE_OK)
		return fail(store->db, rc, err,
		            "cannot begin a transaction in '%s'", store->path);
	return POLGRAPH_OK;
}

enum polgraph_status polgraph_store_commit(struct polgraph_store *store,
                                           struct polgraph_error *err)
{
	int rc = run(store->stmt[STMT_COMMIT], SQLITE_OK);

	if (rc != SQLITE_OK) {
		/* A failed commit may have rolled the transaction back. */
		write_cache_clear(&store->cache);
		return fail(store->db, rc, err, "cannot commit to '%s'",
		            store->path);
	}
	store->committed_at = now_seconds();
	return POLGRAPH_OK;
}

void polgraph_store_rollback(struct polgraph_store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		run(store->stmt[STMT_ROLLBACK], SQLITE_OK);
	/* The cache may hold actors of the transaction rolled back. */
	write_cache_clear(&store->cache);
}

/* ---- writing ---- */

enum polgraph_status polgraph_store_has_article(struct polgraph_store *store,
                                                const char *ext_id,
                                                const char *fingerprint,
                                                bool *exists,
                                                struct polgraph_error *err)
{
	int rc = SQLITE_OK;

	*exists = false;
	if (ext_id)
		rc = lookup(store->stmt[STMT_FIND_EXT_ID], ext_id, exists,
		            NULL);
	if (rc == SQLITE_OK && !*exists && fingerprint)
		rc = lookup(store->stmt[STMT_FIND_FINGERPRINT], fingerprint,
		            exists, NULL);
	if (rc != SQLITE_OK)
		return fail(store->db, rc, err, "cannot look up article '%s'",
		            ext_id ? ext_id : fingerprint);
	return POLGRAPH_OK;
}

/* An actor key and the actor's index in result->actors. */
struct key_slot {
	const char *key;
	size_t index;
};

static int compare_slots(const void *left, const void *right)
{
	const struct key_slot *x = left, *y = right;

	return strcmp(x->key, y->key);
}

static const struct key_slot *find_slot(const struct key_slot *slots,
                                        size_t count, const char *key)
{
	struct key_slot probe = { key, 0 };

	return bsearch(&probe, slots, count, sizeof(*slots), compare_slots);
}

static bool span_ok(const struct polgraph_result *result, size_t sentence,
                    size_t start, size_t end)
{
	return sentence < result->sentence_count && start <= end &&
	       end <= result->article.text_len;
}

/*
 * Checks what the schema cannot say clearly before anything is written:
 * required strings, spans inside the text and its sentences, unique actor
 * keys and relations between known actors. Fills *slots (caller frees)
 * with the actor keys sorted for lookup.
 */
static enum polgraph_status check_result(const struct polgraph_result *result,
                                         struct key_slot **slots,
                                         struct polgraph_error *err)
{
	const struct polgraph_article *article = &result->article;
	const char *id = article->id;

	*slots = NULL;
	if (!id || !*id)
		return polgraph_error_set(
			err, POLGRAPH_INVALID,
			"cannot store an article without an id");
	if (!article->text || !article->lang)
		return polgraph_error_set(
			err, POLGRAPH_INVALID,
			"cannot store article '%s': it has no %s", id,
			article->text ? "language" : "text");
	for (size_t i = 0; i < result->sentence_count; i++) {
		const struct polgraph_sentence *sentence =
			&result->sentences[i];

		if (sentence->start > sentence->end ||
		    sentence->end > article->text_len)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"cannot store article '%s': sentence %zu spans "
				"%zu-%zu of %zu bytes",
				id, i, sentence->start, sentence->end,
				article->text_len);
	}
	*slots = polgraph_xmalloc(result->actor_count * sizeof(**slots));
	for (size_t i = 0; i < result->actor_count; i++) {
		const struct polgraph_actor *actor = &result->actors[i];

		if (!actor->key || !actor->name ||
		    !polgraph_actor_type_name(actor->type))
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"cannot store article '%s': actor %zu has no "
				"key, name or type",
				id, i);
		for (size_t a = 0; a < actor->alias_count; a++)
			if (!actor->aliases[a])
				return polgraph_error_set(
					err, POLGRAPH_INVALID,
					"cannot store article '%s': actor '%s' "
					"has a null alias",
					id, actor->key);
		for (size_t m = 0; m < actor->mention_count; m++) {
			const struct polgraph_mention *mention =
				&actor->mentions[m];

			if (!mention->text ||
			    !span_ok(result, mention->sentence, mention->start,
			             mention->end))
				return polgraph_error_set(
					err, POLGRAPH_INVALID,
					"cannot store article '%s': mention "
					"%zu of '%s' has a bad span or "
					"sentence",
					id, m, actor->key);
		}
		(*slots)[i].key = actor->key;
		(*slots)[i].index = i;
	}
	qsort(*slots, result->actor_count, sizeof(**slots), compare_slots);
	for (size_t i = 1; i < result->actor_count; i++)
		if (strcmp((*slots)[i - 1].key, (*slots)[i].key) == 0)
			return polgraph_error_set(err, POLGRAPH_INVALID,
			                          "cannot store article '%s': "
			                          "actor '%s' appears twice",
			                          id, (*slots)[i].key);
	for (size_t i = 0; i < result->relation_count; i++) {
		const struct polgraph_relation *relation =
			&result->relations[i];
		const char *unknown = NULL;

		if (!relation->type || !relation->source || !relation->target ||
		    !span_ok(result, relation->sentence, relation->start,
		             relation->end))
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"cannot store article '%s': relation %zu is "
				"incomplete or has a bad span",
				id, i);
		if (!find_slot(*slots, result->actor_count, relation->source))
			unknown = relation->source;
		else if (!find_slot(*slots, result->actor_count,
		                    relation->target))
			unknown = relation->target;
		if (unknown)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"cannot store article '%s': relation '%s' "
				"names actor '%s', which is not among its "
				"actors",
				id, relation->type, unknown);
	}
	return POLGRAPH_OK;
}

/* Fails with POLGRAPH_DUPLICATE if the id or fingerprint is stored. */
static enum polgraph_status check_duplicate(struct polgraph_store *store,
                                            const char *ext_id,
                                            const char *fingerprint,
                                            struct polgraph_error *err)
{
	sqlite3_stmt *stmt = store->stmt[STMT_FIND_FINGERPRINT];
	enum polgraph_status status = POLGRAPH_OK;
	bool found;
	int rc;

	rc = lookup(store->stmt[STMT_FIND_EXT_ID], ext_id, &found, NULL);
	if (rc != SQLITE_OK)
		return fail(store->db, rc, err, "cannot store article '%s'",
		            ext_id);
	if (found)
		return polgraph_error_set(err, POLGRAPH_DUPLICATE,
		                          "article '%s' is already stored",
		                          ext_id);
	bind_text(stmt, 1, fingerprint, &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		status = polgraph_error_set(
			err, POLGRAPH_DUPLICATE,
			"article '%s' has the same text as stored article '%s'",
			ext_id, (const char *)sqlite3_column_text(stmt, 0));
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	} else {
		status = fail(store->db, rc, err, "cannot store article '%s'",
		              ext_id);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

static int insert_article(struct polgraph_store *store,
                          const struct polgraph_article *article,
                          const char *fingerprint, int64_t *article_id)
{
	sqlite3_stmt *stmt = store->stmt[STMT_INSERT_ARTICLE];
	int rc = SQLITE_OK;

	bind_text(stmt, 1, article->id, &rc);
	bind_text(stmt, 2, fingerprint, &rc);
	bind_text(stmt, 3, article->date, &rc);
	bind_text(stmt, 4, article->lang, &rc);
	bind_text(stmt, 5, article->title, &rc);
	bind_text(stmt, 6, article->source, &rc);
	bind_text(stmt, 7, article->url, &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text64(stmt, 8, article->text,
		                         article->text_len, SQLITE_STATIC,
		                         SQLITE_UTF8);
	bind_text(stmt, 9, article->origin, &rc);
	/* Lines count from 1; 0 means unknown and is stored as NULL. */
	if (article->line)
		bind_size(stmt, 10, article->line, &rc);
	rc = run(stmt, rc);
	*article_id = sqlite3_last_insert_rowid(store->db);
	return rc;
}

/* The statement that inserts 2^size rows into table, prepared on first
   use; NULL (and *rc set) if that fails or *rc is already an error. */
static sqlite3_stmt *bulk_statement(struct polgraph_store *store,
                                    enum bulk_table table, unsigned size,
                                    int *rc)
{
	sqlite3_stmt **stmt = &store->bulk[table][size];
	struct polgraph_buf sql = { 0 };

	if (*rc != SQLITE_OK)
		return NULL;
	if (*stmt)
		return *stmt;
	polgraph_buf_puts(&sql, bulk_tables[table].head);
	for (unsigned row = 0; row < 1u << size; row++) {
		polgraph_buf_puts(&sql, row ? ",(?" : "(?");
		for (int column = 1; column < bulk_tables[table].columns;
		     column++)
			polgraph_buf_puts(&sql, ",?");
		polgraph_buf_puts(&sql, ")");
	}
	*rc = sqlite3_prepare_v3(store->db, sql.data, (int)sql.len,
	                         SQLITE_PREPARE_PERSISTENT, stmt, NULL);
	polgraph_buf_release(&sql);
	return *rc == SQLITE_OK ? *stmt : NULL;
}

/* The chunk size (a power of two, as an exponent) for n > 0 rows left. */
static unsigned chunk_size(size_t rows)
{
	unsigned size = 0;

	while (size + 1 < BULK_SIZES && rows >> (size + 1))
		size++;
	return size;
}

/* run() for a statement that may be NULL because preparing it failed. */
static int run_bulk(sqlite3_stmt *stmt, int rc)
{
	return stmt ? run(stmt, rc) : rc;
}

static int insert_sentences(struct polgraph_store *store,
                            const struct polgraph_result *result,
                            int64_t article_id)
{
	size_t count = result->sentence_count, i = 0;
	int rc = SQLITE_OK;

	while (i < count && rc == SQLITE_OK) {
		unsigned size = chunk_size(count - i);
		sqlite3_stmt *stmt =
			bulk_statement(store, BULK_SENTENCES, size, &rc);

		for (int row = 0; row < 1 << size; row++, i++) {
			const struct polgraph_sentence *sentence =
				&result->sentences[i];
			int at = row * bulk_tables[BULK_SENTENCES].columns;

			bind_int64(stmt, at + 1, article_id, &rc);
			bind_size(stmt, at + 2, i, &rc);
			bind_size(stmt, at + 3, sentence->start, &rc);
			bind_size(stmt, at + 4, sentence->end, &rc);
			bind_size(stmt, at + 5, sentence->paragraph, &rc);
		}
		rc = run_bulk(stmt, rc);
	}
	return rc;
}

/* Puts key (copied) into map, which does not hold it. Rows remembered
   before the article's savepoint is released are forgotten with the whole
   cache if it is rolled back (put_article). */
static void remember(struct write_cache *cache, struct polgraph_strmap *map,
                     const char *key, size_t value)
{
	if (cache->actors.count + cache->aliases.count >= WRITE_CACHE_MAX)
		write_cache_clear(cache);
	polgraph_strmap_put(map, polgraph_arena_strdup(&cache->keys, key),
	                    value);
}

/* Creates the actor unless its key exists (the first name and type stay)
   and gives its id: from the cache if it has it, else from SQLite. */
static int insert_actor(struct polgraph_store *store,
                        const struct polgraph_actor *actor, int64_t *actor_id)
{
	sqlite3_stmt *stmt = store->stmt[STMT_INSERT_ACTOR];
	bool found;
	size_t cached;
	int rc = SQLITE_OK;

	if (polgraph_strmap_get(&store->cache.actors, actor->key,
	                        strlen(actor->key), &cached)) {
		*actor_id = (int64_t)cached;
		return SQLITE_OK;
	}
	bind_text(stmt, 1, actor->key, &rc);
	bind_text(stmt, 2, polgraph_actor_type_name(actor->type), &rc);
	bind_text(stmt, 3, actor->name, &rc);
	rc = run(stmt, rc);
	if (rc == SQLITE_OK)
		rc = lookup(store->stmt[STMT_FIND_ACTOR], actor->key, &found,
		            actor_id);
	if (rc == SQLITE_OK && !found)
		rc = SQLITE_INTERNAL;
	if (rc == SQLITE_OK)
		remember(&store->cache, &store->cache.actors, actor->key,
		         (size_t)*actor_id);
	return rc;
}

/* The cache key of an alias: "id:surface", in key (reset first). */
static const char *alias_key(struct polgraph_buf *key, int64_t actor_id,
                             const char *surface)
{
	polgraph_buf_reset(key);
	polgraph_buf_printf(key, "%lld:%s", (long long)actor_id, surface);
	return key->data;
}

static int insert_aliases(struct polgraph_store *store,
                          const struct polgraph_actor *actor, int64_t actor_id,
                          const char *lang, struct polgraph_buf *key,
                          struct polgraph_arena *scratch)
{
	sqlite3_stmt *stmt = store->stmt[STMT_INSERT_ALIAS];
	int rc = SQLITE_OK;

	for (size_t i = 0; i < actor->alias_count && rc == SQLITE_OK; i++) {
		const char *surface = actor->aliases[i];

		alias_key(key, actor_id, surface);
		if (polgraph_strmap_get(&store->cache.aliases, key->data,
		                        key->len, NULL))
			continue;
		bind_int64(stmt, 1, actor_id, &rc);
		bind_text(stmt, 2, surface, &rc);
		bind_text(stmt, 3,
		          polgraph_text_normalize(surface, strlen(surface),
		                                  scratch, NULL),
		          &rc);
		bind_text(stmt, 4, lang, &rc);
		rc = run(stmt, rc);
		if (rc == SQLITE_OK)
			remember(&store->cache, &store->cache.aliases,
			         key->data, 1);
	}
	return rc;
}

/* Every mention of every actor, in actor order, as one row sequence. */
static int insert_mentions(struct polgraph_store *store,
                           const struct polgraph_result *result,
                           const int64_t *actor_ids, int64_t article_id)
{
	size_t count = 0, actor = 0, next = 0;
	int rc = SQLITE_OK;

	for (size_t i = 0; i < result->actor_count; i++)
		count += result->actors[i].mention_count;
	while (count && rc == SQLITE_OK) {
		unsigned size = chunk_size(count);
		sqlite3_stmt *stmt =
			bulk_statement(store, BULK_MENTIONS, size, &rc);

		for (int row = 0; row < 1 << size; row++) {
			const struct polgraph_mention *mention;
			int at = row * bulk_tables[BULK_MENTIONS].columns;

			while (next == result->actors[actor].mention_count) {
				actor++;
				next = 0;
			}
			mention = &result->actors[actor].mentions[next++];
			bind_int64(stmt, at + 1, actor_ids[actor], &rc);
			bind_int64(stmt, at + 2, article_id, &rc);
			bind_size(stmt, at + 3, mention->sentence, &rc);
			bind_size(stmt, at + 4, mention->start, &rc);
			bind_size(stmt, at + 5, mention->end, &rc);
			bind_text(stmt, at + 6, mention->text, &rc);
			bind_text(stmt, at + 7,
			          polgraph_mention_kind_name(mention->kind),
			          &rc);
		}
		count -= 1u << size;
		rc = run_bulk(stmt, rc);
	}
	return rc;
}

static int insert_relations(struct polgraph_store *store,
                            const struct polgraph_result *result,
                            const struct key_slot *slots,
                            const int64_t *actor_ids, int64_t article_id)
{
	size_t count = result->relation_count, i = 0;
	int rc = SQLITE_OK;

	while (i < count && rc == SQLITE_OK) {
		unsigned size = chunk_size(count - i);
		sqlite3_stmt *stmt =
			bulk_statement(store, BULK_RELATIONS, size, &rc);

		for (int row = 0; row < 1 << size; row++, i++) {
			const struct polgraph_relation *relation =
				&result->relations[i];
			int at = row * bulk_tables[BULK_RELATIONS].columns;
			/* check_result made sure both keys are found. */
			size_t source = find_slot(slots, result->actor_count,
			                          relation->source)
			                        ->index;
			size_t target = find_slot(slots, result->actor_count,
			                          relation->target)
			                        ->index;

			bind_text(stmt, at + 1, relation->type, &rc);
			bind_int64(stmt, at + 2, actor_ids[source], &rc);
			bind_int64(stmt, at + 3, actor_ids[target], &rc);
			bind_int64(stmt, at + 4, article_id, &rc);
			bind_size(stmt, at + 5, relation->sentence, &rc);
			bind_size(stmt, at + 6, relation->start, &rc);
			bind_size(stmt, at + 7, relation->end, &rc);
			bind_int64(stmt, at + 8, relation->negated, &rc);
			bind_text(stmt, at + 9,
			          relation->attrs ? relation->attrs : "{}",
			          &rc);
			bind_text(stmt, at + 10, relation->rule, &rc);
			if (rc == SQLITE_OK && stmt)
				rc = sqlite3_bind_double(stmt, at + 11,
				                         relation->confidence);
		}
		rc = run_bulk(stmt, rc);
	}
	return rc;
}

/* Writes every row of result; the caller holds the savepoint. */
static int insert_result(struct polgraph_store *store,
                         const struct polgraph_result *result,
                         const char *fingerprint, const struct key_slot *slots,
                         int64_t *article_id)
{
	struct polgraph_arena scratch = { 0 };
	struct polgraph_buf key = { 0 };
	int64_t *actor_ids;
	int rc;

	actor_ids = polgraph_xmalloc(result->actor_count * sizeof(*actor_ids));
	rc = insert_article(store, &result->article, fingerprint, article_id);
	if (rc == SQLITE_OK)
		rc = insert_sentences(store, result, *article_id);
	for (size_t i = 0; i < result->actor_count && rc == SQLITE_OK; i++) {
		const struct polgraph_actor *actor = &result->actors[i];

		rc = insert_actor(store, actor, &actor_ids[i]);
		if (rc == SQLITE_OK)
			rc = insert_aliases(store, actor, actor_ids[i],
			                    result->article.lang, &key,
			                    &scratch);
	}
	if (rc == SQLITE_OK)
		rc = insert_mentions(store, result, actor_ids, *article_id);
	if (rc == SQLITE_OK)
		rc = insert_relations(store, result, slots, actor_ids,
		                      *article_id);
	free(actor_ids);
	polgraph_buf_release(&key);
	polgraph_arena_release(&scratch);
	return rc;
}

enum polgraph_status
polgraph_store_put_article(struct polgraph_store *store,
                           const struct polgraph_result *result,
                           const char *fingerprint, int64_t *article_rowid,
                           struct polgraph_error *err)
{
	const char *id = result->article.id;
	struct key_slot *slots = NULL;
	bool own_transaction = false, in_savepoint = false;
	enum polgraph_status status;
	char computed[33];
	int64_t article_id = 0;
	int rc;

	if (article_rowid)
		*article_rowid = 0;
	status = check_result(result, &slots, err);
	if (status != POLGRAPH_OK)
		goto out;
	if (!fingerprint) {
		polgraph_text_fingerprint(result->article.text,
		                          result->article.text_len, computed);
		fingerprint = computed;
	}
	/*
	 * Outside a batch, take the write lock up front: a deferred
	 * transaction that reads (the duplicate check) and then writes can
	 * fail with SQLITE_BUSY without waiting for the busy timeout.
	 */
	if (sqlite3_get_autocommit(store->db)) {
		rc = run(store->stmt[STMT_BEGIN], SQLITE_OK);
		if (rc != SQLITE_OK) {
			status = fail(store->db, rc, err,
			              "cannot store article '%s'", id);
			goto out;
		}
		own_transaction = true;
	}
	rc = run(store->stmt[STMT_SAVEPOINT], SQLITE_OK);
	if (rc != SQLITE_OK) {
		status = fail(store->db, rc, err, "cannot store article '%s'",
		              id);
		goto out;
	}
	in_savepoint = true;
	status = check_duplicate(store, id, fingerprint, err);
	if (status != POLGRAPH_OK)
		goto out;
	rc = insert_result(store, result, fingerprint, slots, &article_id);
	if (rc == SQLITE_OK)
		rc = run(store->stmt[STMT_RELEASE], SQLITE_OK);
	if (rc != SQLITE_OK) {
		/* The cache may hold actors and aliases of this article. */
		write_cache_clear(&store->cache);
		status = fail(store->db, rc, err, "cannot store article '%s'",
		              id);
		goto out;
	}
	in_savepoint = false;
	if (own_transaction) {
		rc = run(store->stmt[STMT_COMMIT], SQLITE_OK);
		if (rc != SQLITE_OK) {
			status = fail(store->db, rc, err,
			              "cannot store article '%s'", id);
			goto out;
		}
		own_transaction = false;
	}
	if (article_rowid)
		*article_rowid = article_id;
out:
	/* Some errors end the transaction themselves; ignore what fails. */
	if (in_savepoint && !sqlite3_get_autocommit(store->db)) {
		run(store->stmt[STMT_ROLLBACK_TO], SQLITE_OK);
		run(store->stmt[STMT_RELEASE], SQLITE_OK);
	}
	if (own_transaction && !sqlite3_get_autocommit(store->db))
		run(store->stmt[STMT_ROLLBACK], SQLITE_OK);
	/* No transaction left after a failure: it was rolled back, maybe
	   with actors the cache holds. */
	if (status != POLGRAPH_OK && sqlite3_get_autocommit(store->db))
		write_cache_clear(&store->cache);
	free(slots);
	return status;
}

/* ---- reading ---- */

/* Steps stmt to its end; fills *rc with SQLITE_OK or the error. */
static bool next_row(sqlite3_stmt *stmt, int *rc)
{
	if (*rc != SQLITE_OK)
		return false;
	*rc = sqlite3_step(stmt);
	if (*rc == SQLITE_ROW) {
		*rc = SQLITE_OK;
		return true;
	}
	if (*rc == SQLITE_DONE)
		*rc = SQLITE_OK;
	return false;
}

static int finish(sqlite3_stmt *stmt, int rc)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int load_article_row(struct polgraph_store *store, const char *ext_id,
                            struct polgraph_result *result, bool *found,
                            int64_t *article_id)
{
	sqlite3_stmt *stmt = store->stmt[STMT_LOAD_ARTICLE];
	struct polgraph_article *article = &result->article;
	struct polgraph_arena *arena = &result->arena;
	int rc = SQLITE_OK;

	bind_text(stmt, 1, ext_id, &rc);
	*found = next_row(stmt, &rc);
	if (*found) {
		*article_id = sqlite3_column_int64(stmt, 0);
		article->id = column_string(stmt, 1, arena);
		article->date = column_string(stmt, 2, arena);
		article->lang = column_string(stmt, 3, arena);
		article->title = column_string(stmt, 4, arena);
		article->source = column_string(stmt, 5, arena);
		article->url = column_string(stmt, 6, arena);
		article->text = column_string(stmt, 7, arena);
		article->text_len = (size_t)sqlite3_column_bytes(stmt, 7);
		article->origin = column_string(stmt, 8, arena);
		article->line = column_size(stmt, 9);
	}
	return finish(stmt, rc);
}

static int load_sentences(struct polgraph_store *store, int64_t article_id,
                          struct polgraph_result *result)
{
	sqlite3_stmt *stmt = store->stmt[STMT_LOAD_SENTENCES];
	size_t capacity = 0;
	int rc = SQLITE_OK;

	bind_int64(stmt, 1, article_id, &rc);
	while (next_row(stmt, &rc)) {
		struct polgraph_sentence *sentence;

		polgraph_arena_grow(&result->arena, (void **)&result->sentences,
		                    &capacity, result->sentence_count + 1,
		                    sizeof(*result->sentences));
		sentence = &result->sentences[result->sentence_count++];
		sentence->start = column_size(stmt, 0);
		sentence->end = column_size(stmt, 1);
		sentence->paragraph = column_size(stmt, 2);
	}
	return finish(stmt, rc);
}

/* Actors of the article by key; *actor_ids (caller frees) parallel. */
static int load_actors(struct polgraph_store *store, int64_t article_id,
                       struct polgraph_result *result, int64_t **actor_ids)
{
	sqlite3_stmt *stmt = store->stmt[STMT_LOAD_ACTORS];
	size_t capacity = 0, id_capacity = 0;
	int rc = SQLITE_OK;

	bind_int64(stmt, 1, article_id, &rc);
	while (next_row(stmt, &rc)) {
		struct polgraph_actor *actor;
		const char *type;

		polgraph_arena_grow(&result->arena, (void **)&result->actors,
		                    &capacity, result->actor_count + 1,
		                    sizeof(*result->actors));
		polgraph_xgrow((void **)actor_ids, &id_capacity,
		               result->actor_count + 1, sizeof(**actor_ids));
		(*actor_ids)[result->actor_count] =
			sqlite3_column_int64(stmt, 0);
		actor = &result->actors[result->actor_count++];
		actor->key = column_string(stmt, 1, &result->arena);
		actor->name = column_string(stmt, 3, &result->arena);
		type = (const char *)sqlite3_column_text(stmt, 2);
		if (!actor->key || !actor->name || !type ||
		    !polgraph_actor_type_parse(type, &actor->type))
			rc = SQLITE_CORRUPT;
	}
	return finish(stmt, rc);
}

static int compare_strings(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

/* An actor's aliases: the distinct surfaces of its mentions, sorted. */
static void derive_aliases(struct polgraph_actor *actor,
                           struct polgraph_arena *arena)
{
	const char **aliases;
	size_t count = 0;

	if (!actor->mention_count)
		return;
	aliases = polgraph_arena_alloc(arena,
	                               actor->mention_count * sizeof(*aliases));
	for (size_t i = 0; i < actor->mention_count; i++)
		aliases[i] = actor->mentions[i].text;
	qsort(aliases, actor->mention_count, sizeof(*aliases), compare_strings);
	for (size_t i = 0; i < actor->mention_count; i++)
		if (!count || strcmp(aliases[count - 1], aliases[i]) != 0)
			aliases[count++] = aliases[i];
	actor->aliases = aliases;
	actor->alias_count = count;
}

/*
 * Mentions come ordered by actor key like the actors, then in the order
 * they were stored (the pipeline's text order), so each actor's mentions
 * are one run of a flat array.
 */
static int load_mentions(struct polgraph_store *store, int64_t article_id,
                         struct polgraph_result *result,
                         const int64_t *actor_ids)
{
	sqlite3_stmt *stmt = store->stmt[STMT_LOAD_MENTIONS];
	struct polgraph_mention *mentions = NULL;
	size_t count = 0, capacity = 0, actor = 0, first = 0;
	int rc = SQLITE_OK;

	bind_int64(stmt, 1, article_id, &rc);
	while (next_row(stmt, &rc)) {
		int64_t actor_id = sqlite3_column_int64(stmt, 0);
		struct polgraph_mention *mention;

		while (actor < result->actor_count &&
		       actor_ids[actor] != actor_id)
			actor++;
		if (actor == result->actor_count) {
			rc = SQLITE_CORRUPT;
			break;
		}
		polgraph_arena_grow(&result->arena, (void **)&mentions,
		                    &capacity, count + 1, sizeof(*mentions));
		mention = &mentions[count++];
		mention->sentence = column_size(stmt, 1);
		mention->start = column_size(stmt, 2);
		mention->end = column_size(stmt, 3);
		mention->text = column_string(stmt, 4, &result->arena);
		if (!mention->text ||
		    !polgraph_mention_kind_parse(
			    (const char *)sqlite3_column_text(stmt, 5),
			    &mention->kind))
			rc = SQLITE_CORRUPT;
		result->actors[actor].mention_count++;
	}
	rc = finish(stmt, rc);
	for (size_t i = 0; i < result->actor_count; i++) {
		struct polgraph_actor *each = &result->actors[i];

		each->mentions = each->mention_count ? mentions + first : NULL;
		first += each->mention_count;
		derive_aliases(each, &result->arena);
	}
	return rc;
}

static int load_relations(struct polgraph_store *store, int64_t article_id,
                          struct polgraph_result *result)
{
	sqlite3_stmt *stmt = store->stmt[STMT_LOAD_RELATIONS];
	struct polgraph_arena *arena = &result->arena;
	size_t capacity = 0;
	int rc = SQLITE_OK;

	bind_int64(stmt, 1, article_id, &rc);
	while (next_row(stmt, &rc)) {
		struct polgraph_relation *relation;
		const char *attrs;

		polgraph_arena_grow(arena, (void **)&result->relations,
		                    &capacity, result->relation_count + 1,
		                    sizeof(*result->relations));
		relation = &result->relations[result->relation_count++];
		relation->type = column_string(stmt, 0, arena);
		relation->source = column_string(stmt, 1, arena);
		relation->target = column_string(stmt, 2, arena);
		relation->sentence = column_size(stmt, 3);
		relation->start = column_size(stmt, 4);
		relation->end = column_size(stmt, 5);
		relation->negated = sqlite3_column_int(stmt, 6) != 0;
		relation->rule = column_string(stmt, 7, arena);
		relation->confidence = sqlite3_column_double(stmt, 8);
		attrs = column_string(stmt, 9, arena);
		/* put stores NULL as "{}"; give back the pipeline's NULL. */
		relation->attrs =
			attrs && strcmp(attrs, "{}") != 0 ? attrs : NULL;
	}
	return finish(stmt, rc);
}

enum polgraph_status polgraph_store_load_article(struct polgraph_store *store,
                                                 const char *ext_id,
                                                 struct polgraph_result *result,
                                                 struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	int64_t *actor_ids = NULL;
	int64_t article_id = 0;
	bool found = false;
	int rc;

	rc = load_article_row(store, ext_id, result, &found, &article_id);
	if (rc == SQLITE_OK && !found) {
		status = polgraph_error_set(err, POLGRAPH_NOTFOUND,
		                            "article '%s' is not in '%s'",
		                            ext_id, store->path);
		goto out;
	}
	if (rc == SQLITE_OK)
		rc = load_sentences(store, article_id, result);
	if (rc == SQLITE_OK)
		rc = load_actors(store, article_id, result, &actor_ids);
	if (rc == SQLITE_OK)
		rc = load_mentions(store, article_id, result, actor_ids);
	if (rc == SQLITE_OK)
		rc = load_relations(store, article_id, result);
	if (rc != SQLITE_OK) {
		status = fail(store->db, rc, err, "cannot load article '%s'",
		              ext_id);
		goto out;
	}
	polgraph_result_comentions(result);
out:
	if (status != POLGRAPH_OK)
		polgraph_result_release(result);
	free(actor_ids);
	return status;
}

/* ---- listing and statistics ---- */

enum polgraph_status polgraph_store_list_articles(
	struct polgraph_store *store,
	enum polgraph_status (*fn)(const struct polgraph_article_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(store->db, list_sql, -1, &stmt, NULL);
	while (status == POLGRAPH_OK && next_row(stmt, &rc)) {
		struct polgraph_article_row row = {
			.id = (const char *)sqlite3_column_text(stmt, 0),
			.date = (const char *)sqlite3_column_text(stmt, 1),
			.lang = (const char *)sqlite3_column_text(stmt, 2),
			.title = (const char *)sqlite3_column_text(stmt, 3),
			.source = (const char *)sqlite3_column_text(stmt, 4),
			.sentence_count = column_size(stmt, 5),
			.mention_count = column_size(stmt, 6),
			.relation_count = column_size(stmt, 7),
		};

		status = fn(&row, ctx);
	}
	if (rc != SQLITE_OK)
		status = fail(store->db, rc, err,
		              "cannot list articles in '%s'", store->path);
	sqlite3_finalize(stmt);
	return status;
}

static void copy_date(char out[11], sqlite3_stmt *stmt, int column)
{
	const char *date = (const char *)sqlite3_column_text(stmt, column);

	out[0] = '\0';
	if (date && strlen(date) == 10)
		memcpy(out, date, 11);
}

enum polgraph_status polgraph_store_stats(struct polgraph_store *store,
                                          struct polgraph_store_stats *stats,
                                          struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(stats, 0, sizeof(*stats));
	rc = sqlite3_prepare_v2(store->db, stats_sql, -1, &stmt, NULL);
	if (next_row(stmt, &rc)) {
		stats->articles = sqlite3_column_int64(stmt, 0);
		stats->sentences = sqlite3_column_int64(stmt, 1);
		stats->actors = sqlite3_column_int64(stmt, 2);
		stats->aliases = sqlite3_column_int64(stmt, 3);
		stats->mentions = sqlite3_column_int64(stmt, 4);
		stats->relations = sqlite3_column_int64(stmt, 5);
		copy_date(stats->first_date, stmt, 6);
		copy_date(stats->last_date, stmt, 7);
	}
	if (rc == SQLITE_OK)
		rc = read_user_version(store->db, &stats->schema_version);
	if (rc != SQLITE_OK)
		status = fail(store->db, rc, err,
		              "cannot read statistics of '%s'", store->path);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- graph building ---- */

/*
 * Graph queries share their parameters: ?1 since, ?2 until, ?3 lang,
 * ?4 source, ?5 relation types and ?6 actor types (comma-joined lists,
 * NULL for all), ?7 sentence window, ?8 fill evidence. A statement binds
 * only the parameters up to its highest one.
 */
#define GRAPH_ARTICLE_FILTER                                                   \
	"(?1 IS NULL OR a.date >= ?1) AND (?2 IS NULL OR a.date <= ?2)"        \
	" AND (?3 IS NULL OR a.lang = ?3) AND (?4 IS NULL OR a.source = ?4)"
/* "Is COLUMN in the list ?N": instr over ",a,b," (names hold no commas). */
#define GRAPH_RELATION_TYPE_IN                                                 \
	" AND (?5 IS NULL OR instr(',' || ?5 || ',', ',' || r.type || ',') > " \
	"0)"
#define GRAPH_SOURCE_TYPE_IN                                                   \
	" AND (?6 IS NULL OR instr(',' || ?6 || ',', ',' || s.type || ',') > " \
	"0)"
#define GRAPH_TARGET_TYPE_IN                                                   \
	" AND (?6 IS NULL OR instr(',' || ?6 || ',', ',' || t.type || ',') > " \
	"0)"
#define GRAPH_ACTOR_TYPE_IN                                                    \
	" AND (?6 IS NULL OR instr(',' || ?6 || ',', ',' || ac.type || ',') "  \
	"> 0)"

static const char graph_actors_sql[] =
	"SELECT ac.key, ac.name, ac.type, count(*), min(a.date), max(a.date),"
	" ac.id"
	" FROM mentions m JOIN articles a ON a.id = m.article_id"
	" JOIN actors ac ON ac.id = m.actor_id"
	" WHERE " GRAPH_ARTICLE_FILTER GRAPH_ACTOR_TYPE_IN
	" GROUP BY ac.id ORDER BY ac.key";

/*
 * In storage order (rowid: no sort; graph.c aggregates through hash maps,
 * so it needs a stable order, not a sorted one); the sentence is looked
 * up only when evidence is asked for.
 */
#define GRAPH_RELATIONS_SELECT                                                 \
	"SELECT s.key, t.key, r.type, a.ext_id, a.date, r.sentence,"           \
	" CASE WHEN ?8 THEN CAST(substr(CAST(a.text AS BLOB), r.start + 1,"    \
	" r.\"end\" - r.start) AS TEXT) END, a.source,"                        \
	" CASE WHEN ?8 THEN (SELECT CAST(substr(CAST(a.text AS BLOB),"         \
	" se.start + 1, se.\"end\" - se.start) AS TEXT) FROM sentences se"     \
	" WHERE se.article_id = r.article_id AND se.idx = r.sentence) END,"    \
	" r.article_id, r.source_id, r.target_id, r.rule"                      \
	" FROM relations r JOIN articles a ON a.id = r.article_id"             \
	" JOIN actors s ON s.id = r.source_id"                                 \
	" JOIN actors t ON t.id = r.target_id"                                 \
	" WHERE r.negated = 0 AND " GRAPH_ARTICLE_FILTER                       \
		GRAPH_RELATION_TYPE_IN GRAPH_SOURCE_TYPE_IN                    \
			GRAPH_TARGET_TYPE_IN

static const char graph_relations_sql[] =
	GRAPH_RELATIONS_SELECT " ORDER BY r.article_id, r.sentence, r.id";
/* The same rows without the actor joins: keys NULL, for ids_only. */
static const char graph_relation_ids_sql[] =
	"SELECT NULL, NULL, r.type, a.ext_id, a.date, r.sentence, NULL,"
	" a.source, NULL, r.article_id, r.source_id, r.target_id, r.rule"
	" FROM relations r JOIN articles a ON a.id = r.article_id"
	" WHERE r.negated = 0 AND " GRAPH_ARTICLE_FILTER GRAPH_RELATION_TYPE_IN
	" ORDER BY r.article_id, r.sentence, r.id";
/* The same rows for people reading evidence: grouped by relation. */
static const char graph_evidence_sql[] = GRAPH_RELATIONS_SELECT
	" ORDER BY r.type, s.key, t.key, a.ext_id, r.sentence";

/*
 * Co-mentions (docs/schema.md): the pairs of distinct actors present in
 * one article that GRAPH_CLOSE admits, one row per window unit
 * (GRAPH_UNIT), the smaller key first.
 */
#define GRAPH_PRESENT                                                          \
	"present AS (SELECT DISTINCT m.article_id, m.sentence,"                \
	" se.paragraph, m.actor_id FROM mentions m"                            \
	" JOIN articles a ON a.id = m.article_id"                              \
	" JOIN sentences se ON se.article_id = m.article_id"                   \
	" AND se.idx = m.sentence JOIN actors ac ON ac.id = m.actor_id"        \
	" WHERE " GRAPH_ARTICLE_FILTER GRAPH_ACTOR_TYPE_IN ")"
#define GRAPH_PAIRS                                                            \
	", pairs AS (SELECT x.actor_id AS xa, y.actor_id AS ya,"               \
	" x.article_id AS art, min(x.sentence, y.sentence) AS sent,"
#define GRAPH_JOIN                                                             \
	" FROM present x JOIN present y ON y.article_id = x.article_id"        \
	" AND y.actor_id <> x.actor_id AND "
/*
 * The sentence window as offsets d, |d| < ?7, so that y is found by an
 * equality on (article, sentence): an index then serves the join, where
 * abs(y.sentence - x.sentence) < ?7 would compare every pair of mentions
 * in an article. CROSS JOIN fixes the loop order.
 */
#define GRAPH_OFFSETS                                                          \
	"WITH RECURSIVE offsets(d) AS (SELECT 1 - ?7 UNION ALL"                \
	" SELECT d + 1 FROM offsets WHERE d + 1 < ?7), "

#define GRAPH_UNITS(where)                                                     \
	"), units AS (SELECT ka.key AS sk, kb.key AS tk, a.ext_id AS ext,"     \
	" a.date AS dt, min(p.sent) AS sent, a.id AS aid, a.source AS src,"    \
	" ka.id AS sid, kb.id AS tid"                                          \
	" FROM pairs p"                                                        \
	" JOIN actors ka ON ka.id = p.xa JOIN actors kb ON kb.id = p.ya"       \
	" JOIN articles a ON a.id = p.art WHERE ka.key < kb.key" where         \
	" GROUP BY ka.key, kb.key, p.art, p.unit)"                             \
	" SELECT sk, tk, '" POLGRAPH_COMENTION "', ext, dt, sent, NULL, src,"  \
	" CASE WHEN ?8 THEN (SELECT CAST(substr(CAST(ar.text AS BLOB),"        \
	" se.start + 1, se.\"end\" - se.start) AS TEXT) FROM sentences se"     \
	" JOIN articles ar ON ar.id = se.article_id"                           \
	" WHERE se.article_id = aid AND se.idx = sent) END, aid, sid, tid,"    \
	" NULL"                                                                \
	" FROM units ORDER BY sk, tk, ext, sent"
#define GRAPH_SELECT GRAPH_UNITS("")
/* The actor type filter on both ends of a pair. */
#define GRAPH_PAIR_TYPES_IN                                                    \
	" AND (?6 IS NULL OR (instr(',' || ?6 || ',', ',' || ka.type || ',')"  \
	" > 0 AND instr(',' || ?6 || ',', ',' || kb.type || ',') > 0))"
/*
 * The sentence window straight from mentions: mentions_article (article,
 * sentence) serves the join, so nothing is materialised; a pair repeated
 * in a sentence collapses in units' GROUP BY. Articles first (CROSS JOIN
 * fixes the order), then each one's mentions: left to itself SQLite
 * walked x by mentions_actor with a table lookup per mention, a quarter
 * slower (and the date filter can use articles_date).
 */
#define GRAPH_SENTENCE_PAIRS                                                   \
	"pairs AS (SELECT x.actor_id AS xa, y.actor_id AS ya,"                 \
	" x.article_id AS art, min(x.sentence, y.sentence) AS sent,"           \
	" min(x.sentence, y.sentence) AS unit FROM articles a"                 \
	" CROSS JOIN mentions x ON x.article_id = a.id CROSS JOIN offsets o"   \
	" CROSS JOIN mentions y ON y.article_id = x.article_id"                \
	" AND y.sentence = x.sentence + o.d AND y.actor_id <> x.actor_id"      \
	" WHERE " GRAPH_ARTICLE_FILTER

/*
 * The sentence window for ids_only without actor types: the same units
 * keyed by actor rowids, each pair once with the lower rowid first, keys
 * NULL, in (source id, target id, article id, sentence) order. No actor
 * is looked up and no key compared: about a third faster on the 10k
 * corpus. (graph.c puts the edges back in key order.)
 */
static const char graph_comention_ids_sql[] = GRAPH_OFFSETS GRAPH_SENTENCE_PAIRS
	" AND y.actor_id > x.actor_id), units AS (SELECT xa, ya, art,"
	" min(sent) AS sent FROM pairs GROUP BY xa, ya, art, unit"
	" ORDER BY xa, ya, art, unit)"
	" SELECT NULL, NULL, '" POLGRAPH_COMENTION "', a.ext_id, a.date, sent,"
	" NULL, a.source, NULL, art, xa, ya, NULL"
	" FROM units JOIN articles a ON a.id = units.art";

static const char *const graph_comention_sql[] = {
	[POLGRAPH_WINDOW_SENTENCES] =
		GRAPH_OFFSETS GRAPH_SENTENCE_PAIRS GRAPH_UNITS(
			GRAPH_PAIR_TYPES_IN),
	[POLGRAPH_WINDOW_PARAGRAPH] = "WITH " GRAPH_PRESENT GRAPH_PAIRS
				      " x.paragraph AS unit" GRAPH_JOIN
				      "y.paragraph = x.paragraph" GRAPH_SELECT,
	[POLGRAPH_WINDOW_DOCUMENT] = "WITH " GRAPH_PRESENT GRAPH_PAIRS
				     " 0 AS unit" GRAPH_JOIN "1" GRAPH_SELECT,
};

/* Joins a NULL-terminated list with commas into buf; false on a comma. */
static bool join_list(const char **list, struct polgraph_buf *buf)
{
	for (size_t i = 0; list && list[i]; i++) {
		if (strchr(list[i], ',') || !*list[i])
			return false;
		if ((i && polgraph_buf_puts(buf, ",") != POLGRAPH_OK) ||
		    polgraph_buf_puts(buf, list[i]) != POLGRAPH_OK)
			return false;
	}
	return true;
}

/* A graph filter with its lists joined, ready to bind. */
struct graph_params {
	const struct polgraph_graph_filter *filter;
	struct polgraph_buf types, actor_types;
	bool comention; /* co-mentions wanted */
};

static enum polgraph_status
graph_params_init(struct graph_params *params,
                  const struct polgraph_graph_filter *filter,
                  struct polgraph_error *err)
{
	memset(params, 0, sizeof(*params));
	params->filter = filter;
	params->comention = !filter->types && !filter->no_comention;
	for (size_t i = 0; filter->types && filter->types[i]; i++)
		if (strcmp(filter->types[i], POLGRAPH_COMENTION) == 0)
			params->comention = !filter->no_comention;
	if (!join_list(filter->types, &params->types) ||
	    !join_list(filter->actor_types, &params->actor_types))
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "empty type name or a comma in a "
		                          "type name");
	if ((unsigned)filter->window > POLGRAPH_WINDOW_DOCUMENT)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "unknown co-mention window %d",
		                          (int)filter->window);
	return POLGRAPH_OK;
}

static void graph_params_release(struct graph_params *params)
{
	polgraph_buf_release(&params->types);
	polgraph_buf_release(&params->actor_types);
}

/* Prepares sql and binds the filter; *stmt is NULL on failure. */
static int graph_prepare(struct polgraph_store *store, const char *sql,
                         const struct graph_params *params, sqlite3_stmt **stmt)
{
	const struct polgraph_graph_filter *filter = params->filter;
	const char *texts[] = {
		filter->since,
		filter->until,
		filter->lang,
		filter->source,
		params->filter->types
			? (params->types.data ? params->types.data : "")
			: NULL,
		params->filter->actor_types
			? (params->actor_types.data ? params->actor_types.data
		                                    : "")
			: NULL,
	};
	int count, rc;

	rc = sqlite3_prepare_v2(store->db, sql, -1, stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	count = sqlite3_bind_parameter_count(*stmt);
	for (int i = 0; i < 6 && i < count; i++)
		bind_text(*stmt, i + 1, texts[i], &rc);
	if (count >= 7)
		bind_int64(*stmt, 7,
		           filter->window_sentences > 1
		                   ? filter->window_sentences
		                   : 1,
		           &rc);
	if (count >= 8)
		bind_int64(*stmt, 8,
		           filter->evidence && !filter->no_sentence_text ? 1
		                                                         : 0,
		           &rc);
	return rc;
}

static const char *column_text(sqlite3_stmt *stmt, int column)
{
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return NULL;
	return (const char *)sqlite3_column_text(stmt, column);
}

enum polgraph_status polgraph_store_graph_actors(
	struct polgraph_store *store,
	const struct polgraph_graph_filter *filter,
	enum polgraph_status (*fn)(const struct polgraph_graph_actor_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status;
	struct graph_params params;
	sqlite3_stmt *stmt = NULL;
	int rc;

	status = graph_params_init(&params, filter, err);
	if (status != POLGRAPH_OK)
		goto out;
	rc = graph_prepare(store, graph_actors_sql, &params, &stmt);
	while (status == POLGRAPH_OK && next_row(stmt, &rc)) {
		struct polgraph_graph_actor_row row = {
			.key = column_text(stmt, 0),
			.name = column_text(stmt, 1),
			.type = column_text(stmt, 2),
			.mentions = sqlite3_column_int64(stmt, 3),
			.first_seen = column_text(stmt, 4),
			.last_seen = column_text(stmt, 5),
			.actor_id = sqlite3_column_int64(stmt, 6),
		};

		status = fn(&row, ctx);
	}
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = fail(store->db, rc, err, "cannot read actors of '%s'",
		              store->path);
out:
	sqlite3_finalize(stmt);
	graph_params_release(&params);
	return status;
}

/* Streams the rows of one edge query to fn. */
static enum polgraph_status graph_edge_rows(
	struct polgraph_store *store, const char *sql,
	const struct graph_params *params,
	enum polgraph_status (*fn)(const struct polgraph_graph_edge_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = graph_prepare(store, sql, params, &stmt);
	while (status == POLGRAPH_OK && next_row(stmt, &rc)) {
		struct polgraph_graph_edge_row row = {
			.source = column_text(stmt, 0),
			.target = column_text(stmt, 1),
			.type = column_text(stmt, 2),
			.article = column_text(stmt, 3),
			.date = column_text(stmt, 4),
			.sentence = sqlite3_column_int64(stmt, 5),
			.evidence = column_text(stmt, 6),
			.article_source = column_text(stmt, 7),
			.sentence_text = column_text(stmt, 8),
			.article_id = sqlite3_column_int64(stmt, 9),
			.source_id = sqlite3_column_int64(stmt, 10),
			.target_id = sqlite3_column_int64(stmt, 11),
			.rule = column_text(stmt, 12),
		};

		status = fn(&row, ctx);
	}
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = fail(store->db, rc, err, "cannot read edges of '%s'",
		              store->path);
	sqlite3_finalize(stmt);
	return status;
}

enum polgraph_status polgraph_store_graph_edges(
	struct polgraph_store *store,
	const struct polgraph_graph_filter *filter,
	enum polgraph_status (*fn)(const struct polgraph_graph_edge_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	bool comention_by_ids = filter->ids_only && !filter->actor_types &&
	                        !filter->evidence &&
	                        filter->window == POLGRAPH_WINDOW_SENTENCES;
	enum polgraph_status status;
	struct graph_params params;

	status = graph_params_init(&params, filter, err);
	if (status == POLGRAPH_OK)
		status = graph_edge_rows(store,
		                         filter->evidence ? graph_evidence_sql
		                         : filter->ids_only &&
		                                         !filter->actor_types
		                                 ? graph_relation_ids_sql
		                                 : graph_relations_sql,
		                         &params, fn, ctx, err);
	if (status == POLGRAPH_OK && params.comention)
		status = graph_edge_rows(
			store,
			comention_by_ids ? graph_comention_ids_sql
					 : graph_comention_sql[filter->window],
			&params, fn, ctx, err);
	graph_params_release(&params);
	return status;
}

/* ---- finding actors by name ---- */

static const char find_actors_sql[] =
	"SELECT key, name, type FROM actors WHERE key = ?1"
	" OR name = ?1 COLLATE NOCASE"
	" OR id IN (SELECT actor_id FROM aliases WHERE norm = ?2)"
	" ORDER BY key";

enum polgraph_status polgraph_store_find_actors(
	struct polgraph_store *store, const char *name,
	enum polgraph_status (*fn)(const struct polgraph_actor_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	struct polgraph_arena scratch = { 0 };
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(store->db, find_actors_sql, -1, &stmt, NULL);
	bind_text(stmt, 1, name, &rc);
	bind_text(stmt, 2,
	          polgraph_text_normalize(name, strlen(name), &scratch, NULL),
	          &rc);
	while (status == POLGRAPH_OK && next_row(stmt, &rc)) {
		struct polgraph_actor_row row = {
			.key = column_text(stmt, 0),
			.name = column_text(stmt, 1),
			.type = column_text(stmt, 2),
		};

		status = fn(&row, ctx);
	}
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = fail(store->db, rc, err, "cannot find actors in '%s'",
		              store->path);
	sqlite3_finalize(stmt);
	polgraph_arena_release(&scratch);
	return status;
}

/* ---- aliases ---- */

static const char actor_aliases_sql[] =
	"SELECT al.surface, al.lang FROM aliases al"
	" JOIN actors ac ON ac.id = al.actor_id WHERE ac.key = ?1"
	" ORDER BY al.surface";

enum polgraph_status polgraph_store_actor_aliases(
	struct polgraph_store *store, const char *key,
	enum polgraph_status (*fn)(const char *surface, const char *lang,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(store->db, actor_aliases_sql, -1, &stmt, NULL);
	bind_text(stmt, 1, key, &rc);
	while (status == POLGRAPH_OK && next_row(stmt, &rc))
		status = fn(column_text(stmt, 0), column_text(stmt, 1), ctx);
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = fail(store->db, rc, err,
		              "cannot read the aliases of '%s'", key);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- read-only SQL ---- */

/* Pragmas that only read, with an argument (a table or index name)... */
static const char *const pragmas_with_argument[] = {
	"table_info",      "table_xinfo", "index_list",
	"index_info",      "index_xinfo", "foreign_key_list",
	"integrity_check", "quick_check", "table_list",
};
/* ...and without one (with one they would set something). */
static const char *const pragmas_without_argument[] = {
	"user_version",    "schema_version",  "application_id", "page_count",
	"page_size",       "freelist_count",  "encoding",       "foreign_keys",
	"query_only",      "database_list",   "collation_list", "function_list",
	"pragma_list",     "compile_options", "data_version",   "table_list",
	"integrity_check", "quick_check",
};

/* What the authorizer refused first, for the message. */
struct sql_guard {
	char refused[160];
};

static bool listed(const char *name, const char *const *list, size_t count)
{
	for (size_t i = 0; name && i < count; i++)
		if (sqlite3_stricmp(name, list[i]) == 0)
			return true;
	return false;
}

/* The action a refused authorizer code stands for. */
static const char *action_name(int code)
{
	switch (code) {
	case SQLITE_INSERT:
		return "INSERT into";
	case SQLITE_UPDATE:
		return "UPDATE of";
	case SQLITE_DELETE:
		return "DELETE from";
	case SQLITE_ATTACH:
		return "ATTACH of";
	case SQLITE_DETACH:
		return "DETACH of";
	case SQLITE_TRANSACTION:
		return "transaction";
	case SQLITE_SAVEPOINT:
		return "savepoint";
	case SQLITE_PRAGMA:
		return "PRAGMA";
	case SQLITE_ALTER_TABLE:
		return "ALTER TABLE of";
	case SQLITE_REINDEX:
		return "REINDEX of";
	case SQLITE_ANALYZE:
		return "ANALYZE of";
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TEMP_INDEX:
	case SQLITE_CREATE_TEMP_TABLE:
	case SQLITE_CREATE_TEMP_TRIGGER:
	case SQLITE_CREATE_TEMP_VIEW:
	case SQLITE_CREATE_TRIGGER:
	case SQLITE_CREATE_VIEW:
	case SQLITE_CREATE_VTABLE:
		return "CREATE";
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TEMP_INDEX:
	case SQLITE_DROP_TEMP_TABLE:
	case SQLITE_DROP_TEMP_TRIGGER:
	case SQLITE_DROP_TEMP_VIEW:
	case SQLITE_DROP_TRIGGER:
	case SQLITE_DROP_VIEW:
	case SQLITE_DROP_VTABLE:
		return "DROP";
	default:
		return "statement";
	}
}

/* Allows reading only (see polgraph_store_sql). */
static int authorize(void *ctx, int code, const char *arg1, const char *arg2,
                     const char *database, const char *trigger)
{
	struct sql_guard *guard = ctx;
	const char *subject = arg1;

	(void)database;
	(void)trigger;
	switch (code) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		if (listed(arg1, pragmas_with_argument,
		           sizeof(pragmas_with_argument) /
		                   sizeof(*pragmas_with_argument)) ||
		    (!arg2 &&
		     listed(arg1, pragmas_without_argument,
		            sizeof(pragmas_without_argument) /
		                    sizeof(*pragmas_without_argument))))
			return SQLITE_OK;
		break;
	case SQLITE_TRANSACTION:
		subject = NULL;
		break;
	case SQLITE_SAVEPOINT:
	case SQLITE_ALTER_TABLE:
		subject = arg2; /* arg1 is the operation or the database */
		break;
	default:
		break;
	}
	/* SQLite stops at the first refusal; CREATE and DROP are refused as
	   the write to the schema table they begin with. */
	if (subject && strncmp(subject, "sqlite_", 7) == 0 &&
	    strstr(subject, "master"))
		snprintf(guard->refused, sizeof(guard->refused),
		         "schema change (CREATE, DROP) refused");
	else
		snprintf(guard->refused, sizeof(guard->refused),
		         "%s%s%s%s refused", action_name(code),
		         subject ? " '" : "", subject ? subject : "",
		         subject ? "'" : "");
	return SQLITE_DENY;
}

/* Makes the views, then the connection query-only, once per store. */
static enum polgraph_status sql_ready(struct polgraph_store *store,
                                      struct polgraph_error *err)
{
	int rc;

	if (store->sql_ready)
		return POLGRAPH_OK;
	if (!store->readonly)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "read-only SQL needs a store opened "
		                          "read-only");
	rc = sqlite3_exec(store->db, polgraph_views_sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(store->db, "PRAGMA query_only = ON", NULL,
		                  NULL, NULL);
	if (rc != SQLITE_OK)
		return fail(store->db, rc, err,
		            "cannot set up read-only SQL on '%s'", store->path);
	store->sql_ready = true;
	return POLGRAPH_OK;
}

/* Prepares one statement under the guard; *stmt NULL for none. */
static enum polgraph_status sql_prepare(struct polgraph_store *store,
                                        const char *sql, sqlite3_stmt **stmt,
                                        const char **tail,
                                        struct polgraph_error *err)
{
	struct sql_guard guard = { { 0 } };
	int rc;

	sqlite3_set_authorizer(store->db, authorize, &guard);
	rc = sqlite3_prepare_v2(store->db, sql, -1, stmt, tail);
	sqlite3_set_authorizer(store->db, NULL, NULL);
	if (guard.refused[0]) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "SQL is read-only here: %s",
		                          guard.refused);
	}
	if (rc != SQLITE_OK)
		return polgraph_error_set(err, POLGRAPH_INVALID, "%s",
		                          sqlite3_errmsg(store->db));
	if (*stmt && !sqlite3_stmt_readonly(*stmt)) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "SQL is read-only here: a statement "
		                          "that writes is refused");
	}
	return POLGRAPH_OK;
}

static char *hex_of(const unsigned char *bytes, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *hex = polgraph_xmalloc(2 * len + 1);

	for (size_t i = 0; i < len; i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 15];
	}
	hex[2 * len] = '\0';
	return hex;
}

/* Hands the rows of stmt to fn. */
static enum polgraph_status
sql_rows(struct polgraph_store *store, sqlite3_stmt *stmt,
         enum polgraph_status (*fn)(const struct polgraph_sql_row *row,
                                    void *ctx),
         void *ctx, struct polgraph_error *err)
{
	size_t count = (size_t)sqlite3_column_count(stmt);
	const char **names = polgraph_xcalloc(count + 1, sizeof(*names));
	const char **values = polgraph_xcalloc(count + 1, sizeof(*values));
	char **hex = polgraph_xcalloc(count + 1, sizeof(*hex));
	enum polgraph_sql_type *types =
		polgraph_xcalloc(count + 1, sizeof(*types));
	struct polgraph_sql_row row = { count, names, NULL, NULL };
	enum polgraph_status status;
	int rc = SQLITE_OK;

	for (size_t i = 0; i < count; i++)
		names[i] = sqlite3_column_name(stmt, (int)i);
	status = fn(&row, ctx);
	row.values = values;
	row.types = types;
	while (status == POLGRAPH_OK && next_row(stmt, &rc)) {
		for (size_t i = 0; i < count; i++) {
			int column = (int)i;

			free(hex[i]);
			hex[i] = NULL;
			switch (sqlite3_column_type(stmt, column)) {
			case SQLITE_NULL:
				types[i] = POLGRAPH_SQL_NULL;
				values[i] = NULL;
				continue;
			case SQLITE_INTEGER:
				types[i] = POLGRAPH_SQL_INTEGER;
				break;
			case SQLITE_FLOAT:
				types[i] = POLGRAPH_SQL_REAL;
				break;
			case SQLITE_BLOB:
				types[i] = POLGRAPH_SQL_BLOB;
				hex[i] = hex_of(
					sqlite3_column_blob(stmt, column),
					(size_t)sqlite3_column_bytes(stmt,
				                                     column));
				values[i] = hex[i];
				continue;
			default:
				types[i] = POLGRAPH_SQL_TEXT;
				break;
			}
			values[i] =
				(const char *)sqlite3_column_text(stmt, column);
			if (!values[i])
				die_oom();
		}
		status = fn(&row, ctx);
	}
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = polgraph_error_set(err, status_of(rc), "%s",
		                            sqlite3_errmsg(store->db));
	for (size_t i = 0; i < count; i++)
		free(hex[i]);
	free(hex);
	free(types);
	free(values);
	free(names);
	return status;
}

enum polgraph_status polgraph_store_sql(
	struct polgraph_store *store, const char *sql,
	enum polgraph_status (*fn)(const struct polgraph_sql_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	sqlite3_stmt *stmt = NULL, *extra = NULL;
	const char *tail = NULL;
	enum polgraph_status status;

	status = sql_ready(store, err);
	if (status == POLGRAPH_OK)
		status = sql_prepare(store, sql, &stmt, &tail, err);
	if (status == POLGRAPH_OK && !stmt)
		status = polgraph_error_set(err, POLGRAPH_INVALID,
		                            "no SQL statement given");
	if (status == POLGRAPH_OK && tail && *tail) {
		status = sql_prepare(store, tail, &extra, NULL, err);
		if (status == POLGRAPH_OK && extra)
			status = polgraph_error_set(
				err, POLGRAPH_INVALID,
				"give one SQL statement, not several");
	}
	if (status == POLGRAPH_OK)
		status = sql_rows(store, stmt, fn, ctx, err);
	sqlite3_finalize(extra);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- surface forms ---- */

/* Mentions counted per (actor, surface) first, then the actor and alias
   looked up once per group rather than once per mention. */
static const char actor_surfaces_sql[] =
	"SELECT a.key, g.surface, al.lang, g.mentions, g.is_name"
	" FROM (SELECT actor_id, surface, count(*) AS mentions,"
	" max(kind = 'name') AS is_name FROM mentions"
	" GROUP BY actor_id, surface) g"
	" JOIN actors a ON a.id = g.actor_id LEFT JOIN aliases al"
	" ON al.actor_id = g.actor_id AND al.surface = g.surface"
	" ORDER BY a.key, g.surface";

enum polgraph_status polgraph_store_actor_surfaces(
	struct polgraph_store *store,
	enum polgraph_status (*fn)(const struct polgraph_surface_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(store->db, actor_surfaces_sql, -1, &stmt, NULL);
	while (status == POLGRAPH_OK && next_row(stmt, &rc)) {
		struct polgraph_surface_row row = {
			.key = column_text(stmt, 0),
			.surface = column_text(stmt, 1),
			.lang = column_text(stmt, 2),
			.mentions = sqlite3_column_int64(stmt, 3),
			.is_name = sqlite3_column_int(stmt, 4) != 0,
		};

		status = fn(&row, ctx);
	}
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = fail(store->db, rc, err,
		              "cannot read actor names in '%s'", store->path);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- merging shard stores ---- */

/*
 * The merge, one statement per step, run in order inside one transaction
 * with the source attached as merge_source. temp.merge_articles maps the
 * source's article ids to new ones (duplicates by ext_id or fingerprint
 * get none); temp.merge_actors maps actor ids by key. New rows are inserted
 * in the order a single ingest of the shards' inputs, one after the other,
 * would have inserted them: articles and their rows in source id order,
 * new actors by their first kept article, then key (as put_article takes
 * an article's actors in key order).
 */
static const char *const merge_steps[] = {
	"DROP TABLE IF EXISTS temp.merge_articles",
	"DROP TABLE IF EXISTS temp.merge_actors",
	"CREATE TEMP TABLE merge_articles"
	" (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"CREATE TEMP TABLE merge_actors"
	" (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO temp.merge_articles (old, new)"
	" SELECT s.id, (SELECT coalesce(max(id), 0) FROM main.articles)"
	"  + row_number() OVER (ORDER BY s.id)"
	" FROM merge_source.articles s"
	" WHERE NOT EXISTS (SELECT 1 FROM main.articles m"
	"                   WHERE m.ext_id = s.ext_id)"
	"  AND NOT EXISTS (SELECT 1 FROM main.articles m"
	"                  WHERE m.fingerprint = s.fingerprint)",
	"INSERT INTO main.articles (id, ext_id, fingerprint, date, lang,"
	" title, source, url, text, origin, origin_line, ingested_at)"
	" SELECT k.new, s.ext_id, s.fingerprint, s.date, s.lang, s.title,"
	"  s.source, s.url, s.text, s.origin, s.origin_line, s.ingested_at"
	" FROM merge_source.articles s"
	" JOIN temp.merge_articles k ON k.old = s.id ORDER BY k.new",
	"INSERT INTO main.sentences (article_id, idx, start, \"end\","
	" paragraph)"
	" SELECT k.new, s.idx, s.start, s.\"end\", s.paragraph"
	" FROM merge_source.sentences s"
	" JOIN temp.merge_articles k ON k.old = s.article_id"
	" ORDER BY k.new, s.idx",
	"INSERT INTO main.actors (key, type, name)"
	" SELECT a.key, a.type, a.name FROM merge_source.actors a"
	" JOIN (SELECT u.actor_id, min(k.new) AS first"
	"       FROM (SELECT actor_id, article_id FROM merge_source.mentions"
	"             UNION ALL SELECT source_id, article_id"
	"             FROM merge_source.relations"
	"             UNION ALL SELECT target_id, article_id"
	"             FROM merge_source.relations) u"
	"       JOIN temp.merge_articles k ON k.old = u.article_id"
	"       GROUP BY u.actor_id) f ON f.actor_id = a.id"
	" WHERE true ORDER BY f.first, a.key"
	" ON CONFLICT (key) DO NOTHING",
	"INSERT INTO temp.merge_actors (old, new)"
	" SELECT s.id, m.id FROM merge_source.actors s"
	" JOIN main.actors m ON m.key = s.key",
	/* An actor's aliases are the surfaces of its mentions: take those
	   of the kept articles' mentions. */
	"INSERT INTO main.aliases (actor_id, surface, norm, lang)"
	" SELECT am.new, a.surface, a.norm, a.lang"
	" FROM (SELECT DISTINCT x.actor_id, x.surface"
	"       FROM merge_source.mentions x"
	"       JOIN temp.merge_articles k ON k.old = x.article_id) u"
	" JOIN merge_source.aliases a"
	"  ON a.actor_id = u.actor_id AND a.surface = u.surface"
	" JOIN temp.merge_actors am ON am.old = a.actor_id"
	" WHERE true ON CONFLICT (actor_id, surface) DO NOTHING",
	"INSERT INTO main.mentions (actor_id, article_id, sentence, start,"
	" \"end\", surface, kind)"
	" SELECT am.new, k.new, x.sentence, x.start, x.\"end\", x.surface,"
	"  x.kind FROM merge_source.mentions x"
	" JOIN temp.merge_articles k ON k.old = x.article_id"
	" JOIN temp.merge_actors am ON am.old = x.actor_id ORDER BY x.id",
	"INSERT INTO main.relations (type, source_id, target_id, article_id,"
	" sentence, start, \"end\", negated, attrs, rule, confidence)"
	" SELECT r.type, src.new, tgt.new, k.new, r.sentence, r.start,"
	"  r.\"end\", r.negated, r.attrs, r.rule, r.confidence"
	" FROM merge_source.relations r"
	" JOIN temp.merge_articles k ON k.old = r.article_id"
	" JOIN temp.merge_actors src ON src.old = r.source_id"
	" JOIN temp.merge_actors tgt ON tgt.old = r.target_id ORDER BY r.id",
};

/* Indices into merge_steps whose row counts the caller gets. */
enum { MERGE_STEP_ARTICLES = 5, MERGE_STEP_ACTORS = 7 };

/* Runs sql (no parameters, no rows) and returns the rows it changed. */
static int exec_counting(sqlite3 *db, const char *sql, int64_t *changes)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	*changes = rc == SQLITE_OK ? sqlite3_changes64(db) : 0;
	return rc;
}

/* Is the source a store we can read: there, and of our schema version?
   Opening it read-only says so with the usual messages. */
static enum polgraph_status check_source(const char *path,
                                         struct polgraph_error *err)
{
	struct polgraph_store *source = NULL;
	enum polgraph_status status;

	status = polgraph_store_open(path, POLGRAPH_STORE_READONLY, &source,
	                             err);
	polgraph_store_close(source);
	return status;
}

enum polgraph_status polgraph_store_merge(struct polgraph_store *store,
                                          const char *source_path,
                                          struct polgraph_merge_counts *counts,
                                          struct polgraph_error *err)
{
	sqlite3 *db = store->db;
	sqlite3_stmt *attach = NULL;
	enum polgraph_status status;
	bool attached = false, in_transaction = false;
	int64_t changes, total = 0;
	int rc = SQLITE_OK;

	memset(counts, 0, sizeof(*counts));
	polgraph_error_clear(err);
	if (store->readonly || !sqlite3_get_autocommit(db))
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "cannot merge into '%s' now: it is "
		                          "read-only or in a transaction",
		                          store->path);
	status = check_source(source_path, err);
	if (status != POLGRAPH_OK)
		return status;
	/* ATTACH cannot run inside a transaction; the filename is bound. */
	rc = sqlite3_prepare_v2(db, "ATTACH ?1 AS merge_source", -1, &attach,
	                        NULL);
	if (rc == SQLITE_OK) {
		bind_text(attach, 1, source_path, &rc);
		rc = run(attach, rc);
	}
	sqlite3_finalize(attach);
	attach = NULL;
	if (rc != SQLITE_OK)
		goto failed;
	attached = true;
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto failed;
	in_transaction = true;
	for (size_t i = 0; i < sizeof(merge_steps) / sizeof(merge_steps[0]);
	     i++) {
		rc = exec_counting(db, merge_steps[i], &changes);
		if (rc != SQLITE_OK)
			goto failed;
		if (i == MERGE_STEP_ARTICLES)
			counts->articles = changes;
		else if (i == MERGE_STEP_ACTORS)
			counts->actors = changes;
	}
	rc = exec_counting(db,
	                   "DROP TABLE temp.merge_articles;"
	                   " DROP TABLE temp.merge_actors",
	                   &changes);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
		                        "SELECT count(*) FROM "
		                        "merge_source.articles",
		                        -1, &attach, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(attach);
		if (rc == SQLITE_ROW) {
			total = sqlite3_column_int64(attach, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(attach);
	counts->duplicates = total - counts->articles;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto failed;
	in_transaction = false;
	rc = sqlite3_exec(db, "DETACH merge_source", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto failed;
	return POLGRAPH_OK;

failed:
	status = fail(db, rc, err, "cannot merge '%s' into '%s'", source_path,
	              store->path);
	if (in_transaction && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (attached)
		sqlite3_exec(db, "DETACH merge_source", NULL, NULL, NULL);
	memset(counts, 0, sizeof(*counts));
	return status;
}

/* ---- one sentence's text ---- */

enum polgraph_status polgraph_store_sentence_text(struct polgraph_store *store,
                                                  int64_t article_id,
                                                  int64_t sentence,
                                                  struct polgraph_buf *out,
                                                  struct polgraph_error *err)
{
	sqlite3_stmt *stmt = store->stmt[STMT_SENTENCE_TEXT];
	enum polgraph_status status = POLGRAPH_OK;
	int rc = SQLITE_OK;

	polgraph_buf_reset(out);
	bind_int64(stmt, 1, article_id, &rc);
	bind_int64(stmt, 2, sentence, &rc);
	if (next_row(stmt, &rc)) {
		const char *text = column_text(stmt, 0);

		if (text)
			status = polgraph_buf_puts(out, text);
		while (next_row(stmt, &rc))
			;
	}
	if (status == POLGRAPH_OK && rc != SQLITE_OK)
		status = fail(store->db, rc, err,
		              "cannot read a sentence of '%s'", store->path);
	sqlite3_reset(stmt);
	return status;
}

/* ---- read transactions ---- */

bool polgraph_store_read_begin(struct polgraph_store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		return false; /* one is open: the reads are inside it */
	return sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void polgraph_store_read_end(struct polgraph_store *store, bool began)
{
	/* nothing was written: COMMIT only ends the snapshot */
	if (began &&
	    sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}
