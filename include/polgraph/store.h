/*
 * store.h - the SQLite store: one database file holds articles, sentences,
 * actors, aliases, mentions and relations.
 *
 * Consumes pipeline results (pipeline.h); produces stored rows and reads
 * them back. The schema lives in src/schema.sql, is embedded at build time
 * and versioned with PRAGMA user_version; opening an older database migrates
 * it forward. This module is the only user of SQLite. See docs/schema.md.
 */
#ifndef POLGRAPH_STORE_H
#define POLGRAPH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polgraph/pipeline.h"
#include "polgraph/status.h"

struct polgraph_store;

#define POLGRAPH_STORE_READONLY 0x1u /* open read-only; never create */

/* Schema version this build writes (PRAGMA user_version). */
int polgraph_store_schema_version(void);

/*
 * Opens (creating unless READONLY) the database at path, enables WAL,
 * foreign keys and a busy timeout, and migrates the schema forward.
 * A database whose version is newer than this build fails with
 * POLGRAPH_SCHEMA. On success *store is set; close with
 * polgraph_store_close. On failure *store is NULL and err says why.
 */
enum polgraph_status polgraph_store_open(const char *path, unsigned flags,
                                         struct polgraph_store **store,
                                         struct polgraph_error *err);
/* Rolls back an open transaction and closes. Accepts NULL. */
void polgraph_store_close(struct polgraph_store *store);

/*
 * Batches: writes between begin and commit share one transaction. Each
 * polgraph_store_put_article is atomic on its own (a savepoint), so a
 * failed article leaves the batch intact.
 */
enum polgraph_status polgraph_store_begin(struct polgraph_store *store,
                                          struct polgraph_error *err);
enum polgraph_status polgraph_store_commit(struct polgraph_store *store,
                                           struct polgraph_error *err);
void polgraph_store_rollback(struct polgraph_store *store);

/*
 * Is an article with this external id, or with this text fingerprint
 * (polgraph_text_fingerprint), already stored? Cheap: two index lookups.
 */
enum polgraph_status polgraph_store_has_article(struct polgraph_store *store,
                                                const char *ext_id,
                                                const char *fingerprint,
                                                bool *exists,
                                                struct polgraph_error *err);

/*
 * Stores the article of result with its sentences, actors (created or
 * reused by key), aliases, mentions and relations, all or nothing.
 * Returns POLGRAPH_DUPLICATE (storing nothing) if the id or fingerprint is
 * already present. *article_rowid (if not NULL) receives the new row id.
 */
enum polgraph_status
polgraph_store_put_article(struct polgraph_store *store,
                           const struct polgraph_result *result,
                           const char *fingerprint, int64_t *article_rowid,
                           struct polgraph_error *err);

/*
 * Loads a stored article by external id into *result (zero-initialised by
 * the caller; release with polgraph_result_release): the article, its
 * sentences, actors with the aliases and mentions seen in this article,
 * relations, and co-mentions derived as the pipeline derives them. The
 * result is what `polgraph extract` printed for that article when it was
 * ingested. POLGRAPH_NOTFOUND if there is no such article.
 */
enum polgraph_status polgraph_store_load_article(struct polgraph_store *store,
                                                 const char *ext_id,
                                                 struct polgraph_result *result,
                                                 struct polgraph_error *err);

/* One row of polgraph_store_list_articles. Strings valid during the call. */
struct polgraph_article_row {
	const char *id;
	const char *date; /* NULL if unknown */
	const char *lang;
	const char *title;  /* NULL if none */
	const char *source; /* NULL if none */
	size_t sentence_count;
	size_t mention_count;
	size_t relation_count;
};

/*
 * Calls fn for every stored article in (date, id) order; stops early and
 * returns the callback's status if it is not POLGRAPH_OK.
 */
enum polgraph_status polgraph_store_list_articles(
	struct polgraph_store *store,
	enum polgraph_status (*fn)(const struct polgraph_article_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

struct polgraph_store_stats {
	int64_t articles, sentences, actors, aliases, mentions, relations;
	char first_date[11], last_date[11]; /* "" when no dated article */
	int schema_version;
};

enum polgraph_status polgraph_store_stats(struct polgraph_store *store,
                                          struct polgraph_store_stats *stats,
                                          struct polgraph_error *err);

/* ---- merging shard stores (polgraph merge) ---- */

/* What polgraph_store_merge did with one source. */
struct polgraph_merge_counts {
	int64_t articles;   /* articles added */
	int64_t duplicates; /* source articles already present (same ext_id or
	                       fingerprint), skipped with all their rows */
	int64_t actors;     /* actors new to the store */
};

/*
 * Adds the store at source_path (read, never changed) to store, in one
 * transaction: its articles, except those whose ext_id or fingerprint is
 * already present, with their sentences, mentions and relations under new
 * ids; actors resolved by key (an existing actor keeps its name and type)
 * with the aliases the added mentions use. Merging shards in input order
 * gives the rows one ingest of the whole input would have, ids included
 * (docs/scale.md). The source must exist and have this build's schema
 * version (POLGRAPH_NOTFOUND, POLGRAPH_SCHEMA otherwise); store must be
 * writable and not in a transaction (POLGRAPH_INVALID). Fills *counts.
 * Cost: one pass over the source's rows plus an index lookup per article,
 * actor and alias.
 */
enum polgraph_status polgraph_store_merge(struct polgraph_store *store,
                                          const char *source_path,
                                          struct polgraph_merge_counts *counts,
                                          struct polgraph_error *err);

/* ---- graph building (graph.h reads the store through these) ---- */

/* Co-mention window: how close two mentions must be to co-occur. */
enum polgraph_window {
	POLGRAPH_WINDOW_SENTENCES, /* within window_sentences sentences */
	POLGRAPH_WINDOW_PARAGRAPH, /* in the same paragraph */
	POLGRAPH_WINDOW_DOCUMENT,  /* anywhere in the same article */
};

/* Name of the derived co-mention edge type, usable in filter types. */
#define POLGRAPH_COMENTION "comention"

/*
 * What enters a graph. Zero-initialise, then set what you need: a zeroed
 * filter takes every article, every relation type plus co-mentions in
 * one sentence, every actor type. Strings are borrowed for the call.
 * Lists are NULL-terminated arrays of names (no commas in names).
 */
struct polgraph_graph_filter {
	const char *since;  /* first article date, YYYY-MM-DD, or NULL */
	const char *until;  /* last article date (inclusive), or NULL */
	const char **types; /* relation types and/or "comention"; NULL = all */
	const char *lang;   /* article language, or NULL for any */
	const char *source; /* article source, or NULL for any */
	const char **actor_types; /* country, person...; NULL = all */
	long min_weight;          /* graph.h: drop edges with fewer articles */
	enum polgraph_window window; /* co-mention window */
	long window_sentences;       /* N for SENTENCES; <= 1 = same sentence */
	bool evidence;               /* fill edge rows' evidence text */
	bool no_sentence_text; /* with evidence: the evidence order, but no
	                          sentence_text (fetch the few needed with
	                          polgraph_store_sentence_text) */
	bool no_comention;     /* relations only, even when types is NULL */
	bool ids_only;         /* relation rows, and without actor_types and
	                          evidence sentence-window co-mention rows,
	                          may leave source and target keys NULL (their
	                          rowids are always set): saves the actor
	                          lookups when building a graph */
	long keep_evidence;    /* graph.h: polgraph_graph_build keeps the first
	                          N rows of each edge in evidence order, so
	                          drawings need no second pass (0: none) */
};

/* One actor of polgraph_store_graph_actors. Strings valid during the call. */
struct polgraph_graph_actor_row {
	const char *key;
	const char *name;
	const char *type;
	int64_t mentions;       /* mentions in the filtered articles */
	const char *first_seen; /* earliest article date, NULL if none dated */
	const char *last_seen;  /* latest article date, NULL if none dated */
	int64_t actor_id;       /* the actor's rowid */
};

/*
 * One piece of evidence for an edge: a non-negated relation, or one
 * co-mention (one per window unit: the lower sentence index of a pair in
 * a sentence window, the paragraph, or the article). Strings valid during
 * the call.
 */
struct polgraph_graph_edge_row {
	const char *source;        /* actor key; for co-mentions the smaller key
	                              (NULL with ids_only, see the filter) */
	const char *target;        /* actor key */
	const char *type;          /* relation type or "comention" */
	const char *article;       /* article external id */
	const char *date;          /* article date, NULL if unknown */
	int64_t sentence;          /* sentence index of the evidence */
	const char *evidence;      /* relation span text, when filter->evidence;
	                              NULL for co-mentions */
	const char *sentence_text; /* the whole evidence sentence, when
	                              filter->evidence; else NULL */
	const char *article_source;   /* article source, NULL if none */
	int64_t article_id;           /* the article's rowid */
	int64_t source_id, target_id; /* the actors' rowids */
	const char *rule; /* id of the relation rule; NULL if none and for
	                     co-mentions */
};

/*
 * Calls fn for every actor mentioned in the articles the filter admits
 * (date, lang, source; actor type), in key order. Stops early and returns
 * the callback's status if it is not POLGRAPH_OK. POLGRAPH_INVALID for a
 * malformed filter. Cost: one pass over the mentions of those articles.
 */
enum polgraph_status polgraph_store_graph_actors(
	struct polgraph_store *store,
	const struct polgraph_graph_filter *filter,
	enum polgraph_status (*fn)(const struct polgraph_graph_actor_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

/*
 * Calls fn for every edge row the filter admits: relations (negated ones
 * never), then co-mentions derived from mentions with the filter's window
 * (docs/schema.md), both endpoints of the admitted actor types. Order is
 * deterministic: relations by (article rowid, sentence) without
 * filter->evidence, by (type, source, target, article, sentence) with it;
 * then co-mentions by (source, target, article, sentence), except that
 * ids_only co-mentions in a sentence window without actor types come keys
 * NULL, the lower actor rowid as source, by (source rowid, target rowid,
 * article rowid, sentence). Either way the
 * rows of one (source, target, type) come in article and sentence order,
 * which lets graph.h count distinct articles and sentences without a set.
 * min_weight is not applied here (graph.h aggregates).
 */
enum polgraph_status polgraph_store_graph_edges(
	struct polgraph_store *store,
	const struct polgraph_graph_filter *filter,
	enum polgraph_status (*fn)(const struct polgraph_graph_edge_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

/* One actor of polgraph_store_find_actors. Strings valid during the call. */
struct polgraph_actor_row {
	const char *key;
	const char *name;
	const char *type;
};

/*
 * Calls fn for every stored actor whose key is name, whose display name
 * equals name ignoring ASCII case, or one of whose aliases normalises
 * (polgraph_text_normalize) like name; each actor once, in key order.
 * For naming actors the lexicon does not know (unknown people found by
 * rules). Stops early with the callback's status if not POLGRAPH_OK.
 * Cost: index lookups on actors.key and aliases.norm, a scan of actors.
 */
enum polgraph_status polgraph_store_find_actors(
	struct polgraph_store *store, const char *name,
	enum polgraph_status (*fn)(const struct polgraph_actor_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

/*
 * Calls fn(surface, lang, ctx) for every alias (surface form seen in a
 * text) of the actor with this key, in byte order of surface; lang may be
 * NULL. Nothing for an unknown key. Stops early with the callback's
 * status if not POLGRAPH_OK. Cost: an index lookup per alias.
 */
enum polgraph_status polgraph_store_actor_aliases(
	struct polgraph_store *store, const char *key,
	enum polgraph_status (*fn)(const char *surface, const char *lang,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

/* ---- read-only SQL (polgraph sql, pg.sql) ---- */

/* Storage class of a value of polgraph_store_sql. */
enum polgraph_sql_type {
	POLGRAPH_SQL_NULL,
	POLGRAPH_SQL_INTEGER,
	POLGRAPH_SQL_REAL,
	POLGRAPH_SQL_TEXT,
	POLGRAPH_SQL_BLOB, /* value is the bytes in lowercase hex */
};

/*
 * One call of polgraph_store_sql's callback: the header (values and
 * types NULL) once, then each result row. Valid during the call.
 */
struct polgraph_sql_row {
	size_t column_count;
	const char *const *names;  /* column names */
	const char *const *values; /* text of each value, NULL for NULL */
	const enum polgraph_sql_type *types;
};

/*
 * Runs one SQL statement on a store opened with POLGRAPH_STORE_READONLY
 * (else POLGRAPH_INVALID) and hands fn the header and every row; stops
 * early with the callback's status if not POLGRAPH_OK. The statement can
 * only read: the file is opened read-only, the connection is made
 * query_only, an authorizer refuses everything but reading (writes,
 * schema changes, ATTACH, DETACH, transactions, pragmas other than
 * read-only ones such as table_info) and sqlite3_stmt_readonly must
 * agree; a refusal fails with POLGRAPH_INVALID and a message saying what
 * was refused. More than one statement is POLGRAPH_INVALID too. The first
 * call creates the TEMP views of src/views.sql (relations_named,
 * mentions_named, actor_stats, comentions, comention_pairs; see
 * docs/schema.md) on the connection. Cost: whatever the statement costs.
 */
enum polgraph_status polgraph_store_sql(
	struct polgraph_store *store, const char *sql,
	enum polgraph_status (*fn)(const struct polgraph_sql_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

/* One surface form of polgraph_store_actor_surfaces. Strings valid during
   the call. */
struct polgraph_surface_row {
	const char *key;     /* actor key */
	const char *surface; /* as written in an article */
	const char *lang;    /* language it was seen in, NULL if unknown */
	int64_t mentions;    /* mentions with this surface, all articles */
	bool is_name;        /* some of them are names, not demonyms or
	                        metonyms */
};

/*
 * Calls fn for every distinct (actor, surface form) of the stored
 * mentions, in key then surface (byte) order: the aliases the articles
 * used, for labels and tooltips. Stops early with the callback's status
 * if not POLGRAPH_OK. Cost: one grouped pass over the mentions.
 */
enum polgraph_status polgraph_store_actor_surfaces(
	struct polgraph_store *store,
	enum polgraph_status (*fn)(const struct polgraph_surface_row *row,
                                   void *ctx),
	void *ctx, struct polgraph_error *err);

/*
 * The text of sentence idx of the article with this rowid into out
 * (reset first; empty if there is no such sentence). Cost: two index
 * lookups and one read of the article text; outside a transaction also
 * taking and dropping the database's read locks (system calls), so wrap
 * many calls in polgraph_store_read_begin/_end.
 */
enum polgraph_status polgraph_store_sentence_text(struct polgraph_store *store,
                                                  int64_t article_id,
                                                  int64_t sentence,
                                                  struct polgraph_buf *out,
                                                  struct polgraph_error *err);

/*
 * Opens a read transaction unless one is open: the reads up to
 * polgraph_store_read_end see one snapshot and take the database's locks
 * once, not once each (thousands of polgraph_store_sentence_text calls).
 * Returns whether it opened one; pass that to polgraph_store_read_end.
 * On failure the reads simply run on their own (false).
 */
bool polgraph_store_read_begin(struct polgraph_store *store);
/* Ends the read transaction polgraph_store_read_begin opened, if began. */
void polgraph_store_read_end(struct polgraph_store *store, bool began);

#endif
