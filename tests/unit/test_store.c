/*
 * test_store.c - unit tests for the SQLite store (store.h).
 *
 * Builds pipeline results by hand (strings in the result arena) and stores
 * them in real database files under a fresh temporary directory: schema
 * creation and versioning, put/has/load round trips down to the extract
 * JSON, duplicates, atomicity of one article and of a batch, read-only
 * opens, files that are not databases, listing order and statistics.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "polgraph/json.h"
#include "polgraph/store.h"
#include "polgraph/text.h"

static char tmpdir[] = "/tmp/polgraph-test-store-XXXXXX";

/* Fingerprints given explicitly, so tests do not depend on text.c. */
#define FP_A     "0123456789abcdef0123456789abcdef"
#define FP_OTHER "fedcba9876543210fedcba9876543210"

/* ---- fixtures ---- */

/* Cyrillic (2 bytes), an em dash (3) and a flag (two 4-byte symbols). */
static const char base_text[] =
	"Посол Беларуси в России встретился с коллегами. "
	"Lukashenko did not meet Merkel in Russia 🇧🇾.\n\n"
	"Лукашенко — президент Беларуси.";

static size_t offset_of(const char *text, const char *needle, size_t from)
{
	const char *hit = strstr(text + from, needle);

	if (!hit) {
		fprintf(stderr, "fixture: '%s' not found\n", needle);
		abort();
	}
	return (size_t)(hit - text);
}

static void set_sentence(struct polgraph_result *result, size_t index,
                         const char *first, const char *last, size_t from,
                         size_t paragraph)
{
	const char *text = result->article.text;
	struct polgraph_sentence *sentence = &result->sentences[index];

	sentence->start = offset_of(text, first, from);
	sentence->end = offset_of(text, last, sentence->start) + strlen(last);
	sentence->paragraph = paragraph;
}

static void set_mention(struct polgraph_result *result,
                        struct polgraph_mention *mention, const char *surface,
                        size_t sentence)
{
	mention->start = offset_of(result->article.text, surface,
	                           result->sentences[sentence].start);
	mention->end = mention->start + strlen(surface);
	mention->sentence = sentence;
	mention->text = polgraph_arena_strdup(&result->arena, surface);
}

static void set_actor(struct polgraph_result *result, size_t index,
                      const char *key, const char *name,
                      enum polgraph_actor_type type, size_t mention_count)
{
	struct polgraph_actor *actor = &result->actors[index];

	actor->key = polgraph_arena_strdup(&result->arena, key);
	actor->name = polgraph_arena_strdup(&result->arena, name);
	actor->type = type;
	actor->mention_count = mention_count;
	actor->mentions = polgraph_arena_alloc(
		&result->arena, mention_count * sizeof(*actor->mentions));
}

static void set_aliases(struct polgraph_result *result, size_t index,
                        const char *first, const char *second)
{
	struct polgraph_actor *actor = &result->actors[index];

	actor->alias_count = second ? 2 : 1;
	actor->aliases = polgraph_arena_alloc(&result->arena,
	                                      2 * sizeof(*actor->aliases));
	actor->aliases[0] = first;
	actor->aliases[1] = second;
}

static void set_relation(struct polgraph_result *result, size_t index,
                         const char *type, const char *source,
                         const char *target, size_t sentence, bool negated,
                         const char *rule, double confidence, const char *attrs)
{
	struct polgraph_relation *relation = &result->relations[index];
	struct polgraph_arena *arena = &result->arena;

	relation->type = polgraph_arena_strdup(arena, type);
	relation->source = polgraph_arena_strdup(arena, source);
	relation->target = polgraph_arena_strdup(arena, target);
	relation->sentence = sentence;
	relation->start = result->sentences[sentence].start;
	relation->end = result->sentences[sentence].end;
	relation->negated = negated;
	relation->rule = rule ? polgraph_arena_strdup(arena, rule) : NULL;
	relation->confidence = confidence;
	relation->attrs = attrs ? polgraph_arena_strdup(arena, attrs) : NULL;
}

/*
 * The main fixture: three sentences in two paragraphs (plus a fourth,
 * "Выпуск N.", when variant > 0, so texts and fingerprints differ), three
 * actors and three relations, one negated, one without rule or attrs.
 */
static void build(struct polgraph_result *result, const char *id,
                  const char *date, int variant)
{
	struct polgraph_arena *arena = &result->arena;
	struct polgraph_article *article = &result->article;
	struct polgraph_actor *actor;

	memset(result, 0, sizeof(*result));
	article->id = polgraph_arena_strdup(arena, id);
	article->date = date ? polgraph_arena_strdup(arena, date) : NULL;
	article->lang = polgraph_arena_strdup(arena, "ru");
	article->title = polgraph_arena_strdup(arena, "Посол и «коллеги»");
	article->source = polgraph_arena_strdup(arena, "Test Wire");
	article->url = polgraph_arena_strdup(arena, "https://example.org/1");
	article->text =
		variant ? polgraph_arena_printf(arena, "%s\n\nВыпуск %d.",
	                                        base_text, variant)
			: polgraph_arena_strdup(arena, base_text);
	article->text_len = strlen(article->text);
	article->origin = polgraph_arena_strdup(arena, "feed.jsonl");
	article->line = 7;

	result->sentence_count = variant ? 4 : 3;
	result->sentences = polgraph_arena_alloc(
		arena, result->sentence_count * sizeof(*result->sentences));
	set_sentence(result, 0, "Посол", "коллегами.", 0, 0);
	set_sentence(result, 1, "Lukashenko", "🇧🇾.", 0, 0);
	set_sentence(result, 2, "Лукашенко —", "Беларуси.", 0, 1);
	if (variant)
		set_sentence(result, 3, "Выпуск", ".", 0, 2);

	result->actor_count = 3;
	result->actors =
		polgraph_arena_alloc(arena, 3 * sizeof(*result->actors));
	/* Aliases are the distinct surfaces in strcmp order, not text order. */
	set_actor(result, 0, "country:BLR", "Belarus", POLGRAPH_ACTOR_COUNTRY,
	          3);
	actor = &result->actors[0];
	set_mention(result, &actor->mentions[0], "Беларуси", 0);
	set_mention(result, &actor->mentions[1], "🇧🇾", 1);
	set_mention(result, &actor->mentions[2], "Беларуси", 2);
	set_aliases(result, 0, actor->mentions[0].text,
	            actor->mentions[1].text);
	set_actor(result, 1, "country:RUS", "Russia", POLGRAPH_ACTOR_COUNTRY,
	          2);
	actor = &result->actors[1];
	set_mention(result, &actor->mentions[0], "России", 0);
	set_mention(result, &actor->mentions[1], "Russia", 1);
	set_aliases(result, 1, actor->mentions[1].text,
	            actor->mentions[0].text);
	set_actor(result, 2, "person:lukashenko", "Alexander Lukashenko",
	          POLGRAPH_ACTOR_PERSON, 2);
	actor = &result->actors[2];
	set_mention(result, &actor->mentions[0], "Lukashenko", 1);
	set_mention(result, &actor->mentions[1], "Лукашенко", 2);
	set_aliases(result, 2, actor->mentions[0].text,
	            actor->mentions[1].text);

	result->relation_count = 3;
	result->relations =
		polgraph_arena_alloc(arena, 3 * sizeof(*result->relations));
	set_relation(result, 0, "diplomatic-post", "country:BLR", "country:RUS",
	             0, false, "ru-ambassador", 0.8,
	             "{\"post\":\"ambassador\"}");
	set_relation(result, 1, "meets-with", "person:lukashenko",
	             "country:RUS", 1, true, "en-meet", 0.625, NULL);
	set_relation(result, 2, "head-of", "person:lukashenko", "country:BLR",
	             2, false, NULL, 1.0, "{\"role\":\"президент\"}");
	polgraph_result_comentions(result);
}

/* A one-sentence article naming one actor already in the main fixture. */
static void build_small(struct polgraph_result *result, const char *id,
                        const char *date)
{
	struct polgraph_arena *arena = &result->arena;

	memset(result, 0, sizeof(*result));
	result->article.id = polgraph_arena_strdup(arena, id);
	result->article.date = date ? polgraph_arena_strdup(arena, date) : NULL;
	result->article.lang = polgraph_arena_strdup(arena, "ru");
	result->article.text = polgraph_arena_strdup(
		arena, "Президент Лукашенко выступил в Минске.");
	result->article.text_len = strlen(result->article.text);
	result->sentence_count = 1;
	result->sentences =
		polgraph_arena_alloc(arena, sizeof(*result->sentences));
	set_sentence(result, 0, "Президент", "Минске.", 0, 0);
	result->actor_count = 1;
	result->actors = polgraph_arena_alloc(arena, sizeof(*result->actors));
	/* A different display name: the store keeps the first one seen. */
	set_actor(result, 0, "person:lukashenko", "A. Lukashenko",
	          POLGRAPH_ACTOR_PERSON, 1);
	set_mention(result, &result->actors[0].mentions[0], "Лукашенко", 0);
	set_aliases(result, 0, result->actors[0].mentions[0].text, NULL);
	polgraph_result_comentions(result);
}

/* ---- helpers ---- */

static void path_in_tmp(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", tmpdir, name);
}

static void remove_tmpdir(void)
{
	DIR *dir = opendir(tmpdir);
	struct dirent *entry;
	char path[512];

	if (!dir)
		return;
	while ((entry = readdir(dir))) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		path_in_tmp(path, sizeof(path), entry->d_name);
		remove(path);
	}
	closedir(dir);
	rmdir(tmpdir);
}

static struct polgraph_store *open_or_die(const char *path, unsigned flags)
{
	struct polgraph_error err = { 0 };
	struct polgraph_store *store = NULL;

	if (polgraph_store_open(path, flags, &store, &err) != POLGRAPH_OK) {
		fprintf(stderr, "cannot open %s: %s\n", path, err.message);
		exit(1);
	}
	return store;
}

static struct polgraph_store_stats stats_of(struct polgraph_store *store)
{
	struct polgraph_store_stats stats;
	struct polgraph_error err = { 0 };

	CHECK(polgraph_store_stats(store, &stats, &err) == POLGRAPH_OK, "%s",
	      err.message);
	return stats;
}

static void check_same_counts(const struct polgraph_store_stats *got,
                              const struct polgraph_store_stats *want,
                              const char *label)
{
	CHECK(got->articles == want->articles &&
	              got->sentences == want->sentences &&
	              got->actors == want->actors &&
	              got->aliases == want->aliases &&
	              got->mentions == want->mentions &&
	              got->relations == want->relations,
	      "%s: counts changed: articles %lld->%lld sentences %lld->%lld "
	      "actors %lld->%lld aliases %lld->%lld mentions %lld->%lld "
	      "relations %lld->%lld",
	      label, (long long)want->articles, (long long)got->articles,
	      (long long)want->sentences, (long long)got->sentences,
	      (long long)want->actors, (long long)got->actors,
	      (long long)want->aliases, (long long)got->aliases,
	      (long long)want->mentions, (long long)got->mentions,
	      (long long)want->relations, (long long)got->relations);
}

static enum polgraph_status put(struct polgraph_store *store,
                                const struct polgraph_result *result,
                                const char *fingerprint,
                                struct polgraph_error *err)
{
	return polgraph_store_put_article(store, result, fingerprint, NULL,
	                                  err);
}

static bool has(struct polgraph_store *store, const char *id,
                const char *fingerprint)
{
	struct polgraph_error err = { 0 };
	bool exists = false;

	CHECK(polgraph_store_has_article(store, id, fingerprint, &exists,
	                                 &err) == POLGRAPH_OK,
	      "has %s: %s", id ? id : fingerprint, err.message);
	return exists;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Compares every field of two results, down to the text bytes. */
static void check_same_result(const struct polgraph_result *got,
                              const struct polgraph_result *want)
{
	const struct polgraph_article *ga = &got->article, *wa = &want->article;

	CHECK_STR(ga->id, wa->id, "id");
	CHECK_STR(ga->date, wa->date, "date");
	CHECK_STR(ga->lang, wa->lang, "lang");
	CHECK_STR(ga->title, wa->title, "title");
	CHECK_STR(ga->source, wa->source, "source");
	CHECK_STR(ga->url, wa->url, "url");
	CHECK_STR(ga->origin, wa->origin, "origin");
	CHECK_INT(ga->line, wa->line, "line");
	CHECK_INT(ga->text_len, wa->text_len, "text_len");
	CHECK(ga->text && ga->text_len == wa->text_len &&
	              memcmp(ga->text, wa->text, wa->text_len + 1) == 0,
	      "text bytes differ");

	CHECK_INT(got->sentence_count, want->sentence_count, "sentence_count");
	for (size_t i = 0; i < got->sentence_count && i < want->sentence_count;
	     i++) {
		CHECK_INT(got->sentences[i].start, want->sentences[i].start,
		          "sentence start");
		CHECK_INT(got->sentences[i].end, want->sentences[i].end,
		          "sentence end");
		CHECK_INT(got->sentences[i].paragraph,
		          want->sentences[i].paragraph, "sentence paragraph");
	}

	CHECK_INT(got->actor_count, want->actor_count, "actor_count");
	for (size_t i = 0; i < got->actor_count && i < want->actor_count; i++) {
		const struct polgraph_actor *g = &got->actors[i];
		const struct polgraph_actor *w = &want->actors[i];

		CHECK_STR(g->key, w->key, "actor key");
		CHECK_STR(g->name, w->name, "actor name");
		CHECK_INT(g->type, w->type, "actor type");
		CHECK_INT(g->alias_count, w->alias_count, "alias_count");
		for (size_t a = 0; a < g->alias_count && a < w->alias_count;
		     a++)
			CHECK_STR(g->aliases[a], w->aliases[a], "alias");
		CHECK_INT(g->mention_count, w->mention_count, "mention_count");
		for (size_t m = 0; m < g->mention_count && m < w->mention_count;
		     m++) {
			CHECK_INT(g->mentions[m].start, w->mentions[m].start,
			          "mention start");
			CHECK_INT(g->mentions[m].end, w->mentions[m].end,
			          "mention end");
			CHECK_INT(g->mentions[m].sentence,
			          w->mentions[m].sentence, "mention sentence");
			CHECK_STR(g->mentions[m].text, w->mentions[m].text,
			          "mention text");
		}
	}

	CHECK_INT(got->relation_count, want->relation_count, "relation_count");
	for (size_t i = 0; i < got->relation_count && i < want->relation_count;
	     i++) {
		const struct polgraph_relation *g = &got->relations[i];
		const struct polgraph_relation *w = &want->relations[i];

		CHECK_STR(g->type, w->type, "relation type");
		CHECK_STR(g->source, w->source, "relation source");
		CHECK_STR(g->target, w->target, "relation target");
		CHECK_INT(g->sentence, w->sentence, "relation sentence");
		CHECK_INT(g->start, w->start, "relation start");
		CHECK_INT(g->end, w->end, "relation end");
		CHECK_INT(g->negated, w->negated, "relation negated");
		CHECK_STR(g->rule, w->rule, "relation rule");
		CHECK(g->confidence == w->confidence,
		      "relation confidence: got %.17g, want %.17g",
		      g->confidence, w->confidence);
		CHECK_STR(g->attrs, w->attrs, "relation attrs");
	}

	CHECK_INT(got->comention_count, want->comention_count,
	          "comention_count");
	for (size_t i = 0;
	     i < got->comention_count && i < want->comention_count; i++) {
		const struct polgraph_comention *g = &got->comentions[i];
		const struct polgraph_comention *w = &want->comentions[i];

		CHECK_STR(g->a, w->a, "comention a");
		CHECK_STR(g->b, w->b, "comention b");
		CHECK_INT(g->sentence_count, w->sentence_count,
		          "comention sentence_count");
		for (size_t s = 0;
		     s < g->sentence_count && s < w->sentence_count; s++)
			CHECK_INT(g->sentences[s], w->sentences[s],
			          "comention sentence");
	}
}

/* The loaded result prints exactly as the stored one (`polgraph extract`). */
static void check_same_json(const struct polgraph_result *got,
                            const struct polgraph_result *want)
{
	struct polgraph_buf got_json = { 0 }, want_json = { 0 };

	CHECK(polgraph_json_write_result(got, &got_json, NULL) == POLGRAPH_OK,
	      "write loaded JSON");
	CHECK(polgraph_json_write_result(want, &want_json, NULL) == POLGRAPH_OK,
	      "write stored JSON");
	CHECK_STR(got_json.data, want_json.data, "extract JSON");
	polgraph_buf_release(&got_json);
	polgraph_buf_release(&want_json);
}

/* Writes the big-endian user_version at byte 60 of a closed database. */
static void poke_user_version(const char *path, uint32_t version)
{
	unsigned char bytes[4] = { (unsigned char)(version >> 24),
		                   (unsigned char)(version >> 16),
		                   (unsigned char)(version >> 8),
		                   (unsigned char)version };
	FILE *file = fopen(path, "r+b");

	CHECK(file != NULL, "cannot open %s", path);
	if (!file)
		return;
	CHECK(fseek(file, 60, SEEK_SET) == 0 && fwrite(bytes, 1, 4, file) == 4,
	      "cannot write %s", path);
	fclose(file);
}

static void write_file(const char *path, const char *content, size_t repeat)
{
	FILE *file = fopen(path, "wb");

	if (!file) {
		perror(path);
		exit(1);
	}
	for (size_t i = 0; i < repeat; i++)
		fputs(content, file);
	fclose(file);
}

/* ---- tests ---- */

static void test_open_creates_schema(void)
{
	struct polgraph_store *store;
	struct polgraph_store_stats stats;
	char path[256];

	path_in_tmp(path, sizeof(path), "new.db");
	store = open_or_die(path, 0);
	stats = stats_of(store);
	CHECK_INT(stats.schema_version, polgraph_store_schema_version(),
	          "new database schema version");
	CHECK_INT(polgraph_store_schema_version(), 1, "schema version");
	CHECK_INT(stats.articles + stats.sentences + stats.actors +
	                  stats.aliases + stats.mentions + stats.relations,
	          0, "new database rows");
	CHECK_STR(stats.first_date, "", "first date of empty store");
	CHECK_STR(stats.last_date, "", "last date of empty store");
	polgraph_store_close(store);
	polgraph_store_close(NULL);

	/* Reopening runs no migration and keeps the version. */
	store = open_or_die(path, 0);
	stats = stats_of(store);
	CHECK_INT(stats.schema_version, polgraph_store_schema_version(),
	          "reopened schema version");
	polgraph_store_close(store);
}

static void test_put_has_duplicate_load(void)
{
	struct polgraph_result stored = { 0 }, loaded = { 0 }, twin = { 0 };
	struct polgraph_store_stats before, after;
	struct polgraph_error err = { 0 };
	struct polgraph_store *store;
	int64_t rowid = 0;
	char path[256];

	path_in_tmp(path, sizeof(path), "main.db");
	store = open_or_die(path, 0);
	build(&stored, "a", "2024-03-01", 0);
	CHECK(polgraph_store_put_article(store, &stored, FP_A, &rowid, &err) ==
	              POLGRAPH_OK,
	      "put: %s", err.message);
	CHECK(rowid > 0, "rowid %lld", (long long)rowid);
	CHECK(has(store, "a", NULL), "has by id");
	CHECK(has(store, NULL, FP_A), "has by fingerprint");
	CHECK(has(store, "missing", FP_A), "has by either");
	CHECK(!has(store, "missing", FP_OTHER), "has neither");
	CHECK(!has(store, NULL, NULL), "has nothing asked");

	before = stats_of(store);
	CHECK_INT(before.articles, 1, "articles");
	CHECK_INT(before.sentences, 3, "sentences");
	CHECK_INT(before.actors, 3, "actors");
	CHECK_INT(before.aliases, 6, "aliases");
	CHECK_INT(before.mentions, 7, "mentions");
	CHECK_INT(before.relations, 3, "relations");

	/* Same id: duplicate; same text under another id: duplicate too. */
	CHECK_INT(put(store, &stored, FP_OTHER, &err), POLGRAPH_DUPLICATE,
	          "same id");
	CHECK_STR(err.message, "article 'a' is already stored",
	          "same id message");
	build(&twin, "twin", "2024-03-02", 0);
	rowid = 42;
	CHECK_INT(polgraph_store_put_article(store, &twin, FP_A, &rowid, &err),
	          POLGRAPH_DUPLICATE, "same fingerprint");
	CHECK_STR(err.message,
	          "article 'twin' has the same text as stored article 'a'",
	          "same fingerprint message");
	CHECK_INT(rowid, 0, "rowid after a duplicate");
	after = stats_of(store);
	check_same_counts(&after, &before, "after duplicates");
	CHECK(!has(store, "twin", NULL), "duplicate not stored");

	CHECK(polgraph_store_load_article(store, "a", &loaded, &err) ==
	              POLGRAPH_OK,
	      "load: %s", err.message);
	check_same_result(&loaded, &stored);
	check_same_json(&loaded, &stored);
	polgraph_result_release(&loaded);

	CHECK_INT(polgraph_store_load_article(store, "nope", &loaded, &err),
	          POLGRAPH_NOTFOUND, "load missing");
	CHECK(loaded.actor_count == 0 && loaded.article.id == NULL &&
	              loaded.arena.head == NULL,
	      "result left empty");

	polgraph_result_release(&twin);
	polgraph_result_release(&stored);
	polgraph_store_close(store);

	/* The data survives a reopen. */
	store = open_or_die(path, 0);
	build(&stored, "a", "2024-03-01", 0);
	CHECK(polgraph_store_load_article(store, "a", &loaded, &err) ==
	              POLGRAPH_OK,
	      "load after reopen: %s", err.message);
	check_same_result(&loaded, &stored);
	polgraph_result_release(&loaded);
	polgraph_result_release(&stored);
	polgraph_store_close(store);
}

/* ---- results the store must refuse, leaving no row behind ---- */

static void unknown_target(struct polgraph_result *result)
{
	result->relations[1].target = "person:merkel";
}

static void unknown_source(struct polgraph_result *result)
{
	result->relations[2].source = "person:lukashenka";
}

static void mention_sentence_out_of_range(struct polgraph_result *result)
{
	result->actors[2].mentions[1].sentence = result->sentence_count;
}

static void mention_past_text(struct polgraph_result *result)
{
	result->actors[0].mentions[2].end = result->article.text_len + 1;
}

static void duplicate_actor_key(struct polgraph_result *result)
{
	result->actors[1].key = result->actors[0].key;
	result->relations[0].target = result->actors[0].key;
	result->relations[1].target = result->actors[0].key;
}

static void no_id(struct polgraph_result *result)
{
	result->article.id = NULL;
}

static void malformed_date(struct polgraph_result *result)
{
	result->article.date = "1.3.2024";
}

/* A new actor is written before the bad relation: it must go too. */
static void rename_russia(struct polgraph_result *result)
{
	result->actors[1].key = "country:UKR";
	result->relations[0].target = "country:UKR";
	result->relations[1].target = "country:UKR";
}

static void attrs_not_object(struct polgraph_result *result)
{
	rename_russia(result);
	result->relations[2].attrs = "[1, 2]";
}

static void confidence_above_one(struct polgraph_result *result)
{
	rename_russia(result);
	result->relations[2].confidence = 1.5;
}

static void test_invalid_results(void)
{
	static const struct {
		const char *name;
		void (*mutate)(struct polgraph_result *result);
		const char *fingerprint;
		const char *message; /* expected prefix */
	} rows[] = {
		{ "unknown relation target", unknown_target, NULL,
		  "cannot store article 'bad': relation 'meets-with' names "
		  "actor 'person:merkel', which is not among its actors" },
		{ "unknown relation source", unknown_source, NULL,
		  "cannot store article 'bad': relation 'head-of' names actor "
		  "'person:lukashenka'" },
		{ "mention sentence out of range",
		  mention_sentence_out_of_range, NULL,
		  "cannot store article 'bad': mention 1 of "
		  "'person:lukashenko'" },
		{ "mention past the text", mention_past_text, NULL,
		  "cannot store article 'bad': mention 2 of 'country:BLR'" },
		{ "duplicate actor key", duplicate_actor_key, NULL,
		  "cannot store article 'bad': actor 'country:BLR' appears "
		  "twice" },
		{ "no id", no_id, NULL,
		  "cannot store an article without an id" },
		{ "malformed date", malformed_date, NULL,
		  "cannot store article 'bad': CHECK constraint failed" },
		{ "attrs not an object", attrs_not_object, NULL,
		  "cannot store article 'bad': CHECK constraint failed" },
		{ "confidence above one", confidence_above_one, NULL,
		  "cannot store article 'bad': CHECK constraint failed" },
		{ "fingerprint not hex", NULL, "not-a-fingerprint",
		  "cannot store article 'bad': CHECK constraint failed" },
	};
	struct polgraph_store_stats before, after;
	struct polgraph_store *store;
	char path[256];

	path_in_tmp(path, sizeof(path), "main.db");
	store = open_or_die(path, 0);
	before = stats_of(store);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct polgraph_result result = { 0 };
		struct polgraph_error err = { 0 };
		enum polgraph_status status;

		build(&result, "bad", "2024-05-05", 9);
		if (rows[i].mutate)
			rows[i].mutate(&result);
		status = put(store, &result,
		             rows[i].fingerprint ? rows[i].fingerprint
		                                 : FP_OTHER,
		             &err);
		CHECK(status == POLGRAPH_INVALID, "%s: status %s (%s)",
		      rows[i].name, polgraph_strerror(status), err.message);
		CHECK(starts_with(err.message, rows[i].message),
		      "%s: message \"%s\"", rows[i].name, err.message);
		after = stats_of(store);
		check_same_counts(&after, &before, rows[i].name);
		CHECK(!has(store, "bad", FP_OTHER), "%s: article stored",
		      rows[i].name);
		polgraph_result_release(&result);
	}
	polgraph_store_close(store);
}

static void test_batches(void)
{
	struct polgraph_result c = { 0 }, d = { 0 }, bad = { 0 }, late = { 0 };
	struct polgraph_store_stats before, after;
	struct polgraph_error err = { 0 };
	struct polgraph_store *store;
	char path[256];

	path_in_tmp(path, sizeof(path), "main.db");
	store = open_or_die(path, 0);
	build(&c, "c", NULL, 1);
	build(&d, "d", NULL, 2);
	build(&bad, "bad", NULL, 3);
	unknown_target(&bad);
	/* Fails at its last relation, after writing rows and a new actor. */
	build(&late, "late", NULL, 4);
	attrs_not_object(&late);
	before = stats_of(store);

	/* A rolled-back batch leaves nothing. */
	CHECK(polgraph_store_begin(store, &err) == POLGRAPH_OK, "begin: %s",
	      err.message);
	CHECK(put(store, &c, NULL, &err) == POLGRAPH_OK, "put c: %s",
	      err.message);
	CHECK(put(store, &d, NULL, &err) == POLGRAPH_OK, "put d: %s",
	      err.message);
	CHECK(has(store, "c", NULL), "c visible inside the batch");
	polgraph_store_rollback(store);
	after = stats_of(store);
	check_same_counts(&after, &before, "after rollback");
	CHECK(!has(store, "c", NULL) && !has(store, "d", NULL),
	      "rolled back articles gone");
	polgraph_store_rollback(store); /* no transaction: a no-op */

	/* A failed article inside a batch leaves the rest of it intact. */
	CHECK(polgraph_store_begin(store, &err) == POLGRAPH_OK, "begin: %s",
	      err.message);
	CHECK(put(store, &c, NULL, &err) == POLGRAPH_OK, "put c: %s",
	      err.message);
	CHECK_INT(put(store, &bad, NULL, &err), POLGRAPH_INVALID, "put bad");
	CHECK_INT(put(store, &late, NULL, &err), POLGRAPH_INVALID, "put late");
	CHECK_INT(put(store, &c, NULL, &err), POLGRAPH_DUPLICATE,
	          "put c twice in a batch");
	CHECK(put(store, &d, NULL, &err) == POLGRAPH_OK, "put d: %s",
	      err.message);
	CHECK(polgraph_store_commit(store, &err) == POLGRAPH_OK, "commit: %s",
	      err.message);
	after = stats_of(store);
	CHECK_INT(after.articles, before.articles + 2, "articles after batch");
	CHECK_INT(after.actors, before.actors, "actors shared across articles");
	CHECK_INT(after.aliases, before.aliases, "aliases after batch");
	CHECK_INT(after.sentences, before.sentences + 8,
	          "sentences after batch");
	CHECK_INT(after.mentions, before.mentions + 14, "mentions after batch");
	CHECK_INT(after.relations, before.relations + 6,
	          "relations after batch");
	CHECK(has(store, "c", NULL) && has(store, "d", NULL) &&
	              !has(store, "bad", NULL),
	      "batch contents");

	/* A NULL fingerprint is computed from the text. */
	{
		char fingerprint[33];

		polgraph_text_fingerprint(c.article.text, c.article.text_len,
		                          fingerprint);
		CHECK(has(store, NULL, fingerprint), "computed fingerprint");
	}

	/* Commit without begin fails cleanly; close rolls back. */
	CHECK_INT(polgraph_store_commit(store, &err), POLGRAPH_DB,
	          "commit without begin");
	CHECK(polgraph_store_begin(store, &err) == POLGRAPH_OK, "begin: %s",
	      err.message);
	CHECK(put(store, &bad, NULL, &err) == POLGRAPH_INVALID, "put bad");
	polgraph_store_close(store);

	polgraph_result_release(&c);
	polgraph_result_release(&d);
	polgraph_result_release(&bad);
	polgraph_result_release(&late);
}

/*
 * The writer remembers actor ids; a rolled-back batch must not leave it
 * remembering actors that are gone: storing the article again recreates
 * them and every mention still points at an actor.
 */
static void test_rollback_forgets_actors(void)
{
	struct polgraph_result c = { 0 }, late = { 0 }, loaded = { 0 };
	struct polgraph_store_stats stats;
	struct polgraph_error err = { 0 };
	struct polgraph_store *store;
	char path[256];

	path_in_tmp(path, sizeof(path), "forget.db");
	store = open_or_die(path, 0);
	build(&c, "c", NULL, 1);
	build(&late, "late", NULL, 4);
	attrs_not_object(&late);
	CHECK(polgraph_store_begin(store, &err) == POLGRAPH_OK, "begin: %s",
	      err.message);
	CHECK(put(store, &c, NULL, &err) == POLGRAPH_OK, "put c: %s",
	      err.message);
	polgraph_store_rollback(store);
	/* Fails at its last relation, after writing its actors and aliases:
	   its savepoint is rolled back inside a batch that goes on. */
	CHECK(polgraph_store_begin(store, &err) == POLGRAPH_OK, "begin: %s",
	      err.message);
	CHECK_INT(put(store, &late, NULL, &err), POLGRAPH_INVALID, "put late");
	CHECK(put(store, &c, NULL, &err) == POLGRAPH_OK, "put c again: %s",
	      err.message);
	CHECK(polgraph_store_commit(store, &err) == POLGRAPH_OK, "commit: %s",
	      err.message);
	stats = stats_of(store);
	CHECK_INT(stats.actors, 3, "actors recreated");
	CHECK_INT(stats.aliases, 6, "aliases recreated");
	CHECK(polgraph_store_load_article(store, "c", &loaded, &err) ==
	              POLGRAPH_OK,
	      "load c: %s", err.message);
	check_same_result(&loaded, &c);
	polgraph_result_release(&loaded);
	polgraph_store_close(store);
	polgraph_result_release(&c);
	polgraph_result_release(&late);
}

/* ---- listing ---- */

struct listed {
	char ids[8][16];
	size_t sentences[8], mentions[8], relations[8];
	bool dated[8];
	size_t count;
	size_t stop_after; /* 0: never */
};

static enum polgraph_status collect(const struct polgraph_article_row *row,
                                    void *ctx)
{
	struct listed *listed = ctx;

	if (listed->count < 8) {
		snprintf(listed->ids[listed->count], sizeof(listed->ids[0]),
		         "%s", row->id);
		listed->sentences[listed->count] = row->sentence_count;
		listed->mentions[listed->count] = row->mention_count;
		listed->relations[listed->count] = row->relation_count;
		listed->dated[listed->count] = row->date != NULL;
	}
	listed->count++;
	if (listed->stop_after && listed->count == listed->stop_after)
		return POLGRAPH_INTERRUPTED;
	return POLGRAPH_OK;
}

static void test_list_and_stats(void)
{
	static const struct {
		const char *id;
		const char *date;
		int variant; /* -1: the small article */
	} inputs[] = {
		{ "b", "2024-03-01", 1 }, { "a", "2024-03-01", 2 },
		{ "z", NULL, 3 },         { "c", "2023-12-31", 4 },
		{ "y", NULL, 5 },         { "m", "2024-01-15", -1 },
	};
	static const struct {
		const char *id;
		size_t sentences, mentions, relations;
	} expected[] = {
		{ "c", 4, 7, 3 }, { "m", 1, 1, 0 }, { "a", 4, 7, 3 },
		{ "b", 4, 7, 3 }, { "y", 4, 7, 3 }, { "z", 4, 7, 3 },
	};
	struct polgraph_result small = { 0 }, loaded = { 0 };
	struct polgraph_error err = { 0 };
	struct polgraph_store_stats stats;
	struct polgraph_store *store;
	struct listed listed = { 0 };
	char path[256];

	path_in_tmp(path, sizeof(path), "list.db");
	store = open_or_die(path, 0);
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct polgraph_result result = { 0 };

		if (inputs[i].variant < 0)
			build_small(&result, inputs[i].id, inputs[i].date);
		else
			build(&result, inputs[i].id, inputs[i].date,
			      inputs[i].variant);
		CHECK(put(store, &result, NULL, &err) == POLGRAPH_OK,
		      "put %s: %s", inputs[i].id, err.message);
		polgraph_result_release(&result);
	}

	CHECK(polgraph_store_list_articles(store, collect, &listed, &err) ==
	              POLGRAPH_OK,
	      "list: %s", err.message);
	CHECK_INT(listed.count, 6, "listed rows");
	for (size_t i = 0; i < 6 && i < listed.count; i++) {
		CHECK_STR(listed.ids[i], expected[i].id, "list order");
		CHECK_INT(listed.sentences[i], expected[i].sentences,
		          "listed sentences");
		CHECK_INT(listed.mentions[i], expected[i].mentions,
		          "listed mentions");
		CHECK_INT(listed.relations[i], expected[i].relations,
		          "listed relations");
		CHECK_INT(listed.dated[i], i < 4, "listed date");
	}

	memset(&listed, 0, sizeof(listed));
	listed.stop_after = 2;
	CHECK_INT(polgraph_store_list_articles(store, collect, &listed, &err),
	          POLGRAPH_INTERRUPTED, "callback stops the listing");
	CHECK_INT(listed.count, 2, "rows before stopping");

	stats = stats_of(store);
	CHECK_INT(stats.articles, 6, "articles");
	CHECK_INT(stats.sentences, 21, "sentences");
	CHECK_INT(stats.actors, 3, "one actors row per key");
	CHECK_INT(stats.aliases, 6, "aliases");
	CHECK_INT(stats.mentions, 36, "mentions");
	CHECK_INT(stats.relations, 15, "relations");
	CHECK_STR(stats.first_date, "2023-12-31", "first date");
	CHECK_STR(stats.last_date, "2024-03-01", "last date");

	/* Only this article's actors, aliases and mentions; first name kept. */
	build_small(&small, "m", "2024-01-15");
	small.actors[0].name = "Alexander Lukashenko";
	CHECK(polgraph_store_load_article(store, "m", &loaded, &err) ==
	              POLGRAPH_OK,
	      "load m: %s", err.message);
	check_same_result(&loaded, &small);
	check_same_json(&loaded, &small);
	polgraph_result_release(&loaded);
	polgraph_result_release(&small);
	polgraph_store_close(store);
}

/* ---- opening what cannot be opened ---- */

static void test_readonly(void)
{
	struct polgraph_result result = { 0 }, loaded = { 0 };
	struct polgraph_error err = { 0 };
	struct polgraph_store *store = NULL;
	char path[256], want[512];

	path_in_tmp(path, sizeof(path), "missing.db");
	CHECK_INT(polgraph_store_open(path, POLGRAPH_STORE_READONLY, &store,
	                              &err),
	          POLGRAPH_NOTFOUND, "read-only open of a missing file");
	snprintf(want, sizeof(want), "database '%s' does not exist", path);
	CHECK_STR(err.message, want, "missing file message");
	CHECK(store == NULL, "no store on failure");
	CHECK(access(path, F_OK) != 0, "read-only open created the file");

	path_in_tmp(path, sizeof(path), "list.db");
	store = open_or_die(path, POLGRAPH_STORE_READONLY);
	CHECK(polgraph_store_load_article(store, "c", &loaded, &err) ==
	              POLGRAPH_OK,
	      "read-only load: %s", err.message);
	CHECK_INT(loaded.relation_count, 3, "read-only load relations");
	build(&result, "new", NULL, 7);
	CHECK_INT(put(store, &result, NULL, &err), POLGRAPH_DB,
	          "read-only put");
	CHECK(strstr(err.message, "readonly") != NULL, "read-only message: %s",
	      err.message);
	polgraph_result_release(&result);
	polgraph_result_release(&loaded);
	polgraph_store_close(store);
}

static void test_unusable_files(void)
{
	static const struct {
		const char *name;
		unsigned flags;
		enum polgraph_status status;
		const char *before, *after; /* the message around the path */
	} rows[] = {
		{ "future.db", 0, POLGRAPH_SCHEMA, "database '",
		  "' has schema version 99, newer than this polgraph (1)" },
		{ "future.db", POLGRAPH_STORE_READONLY, POLGRAPH_SCHEMA,
		  "database '",
		  "' has schema version 99, newer than this polgraph (1)" },
		{ "junk.db", 0, POLGRAPH_DB, "cannot open database '",
		  "': file is not a database" },
		{ "junk.db", POLGRAPH_STORE_READONLY, POLGRAPH_DB,
		  "cannot open database '", "': file is not a database" },
		{ "no-such-dir/x.db", 0, POLGRAPH_DB, "cannot open database '",
		  "': unable to open database file" },
		{ "empty.db", POLGRAPH_STORE_READONLY, POLGRAPH_SCHEMA,
		  "database '",
		  "' has schema version 0, older than this polgraph (1); open "
		  "it for writing to upgrade it" },
	};
	struct polgraph_store *store;
	char path[256], want[512];

	path_in_tmp(path, sizeof(path), "future.db");
	polgraph_store_close(open_or_die(path, 0));
	poke_user_version(path, 99);
	path_in_tmp(path, sizeof(path), "junk.db");
	write_file(path, "This is not a database, only some text.\n", 200);
	path_in_tmp(path, sizeof(path), "empty.db");
	write_file(path, "", 0);

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct polgraph_error err = { 0 };
		enum polgraph_status status;

		path_in_tmp(path, sizeof(path), rows[i].name);
		status = polgraph_store_open(path, rows[i].flags, &store, &err);
		CHECK(status == rows[i].status, "%s (flags %u): status %s",
		      rows[i].name, rows[i].flags, polgraph_strerror(status));
		CHECK(store == NULL, "%s: store set on failure", rows[i].name);
		snprintf(want, sizeof(want), "%s%s%s", rows[i].before, path,
		         rows[i].after);
		CHECK_STR(err.message, want, rows[i].name);
		polgraph_store_close(store);
	}

	/* An empty file opened for writing becomes a new database. */
	path_in_tmp(path, sizeof(path), "empty.db");
	store = open_or_die(path, 0);
	CHECK_INT(stats_of(store).schema_version,
	          polgraph_store_schema_version(), "empty file migrated");
	polgraph_store_close(store);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_open_creates_schema();
	test_put_has_duplicate_load();
	test_invalid_results();
	test_batches();
	test_rollback_forgets_actors();
	test_list_and_stats();
	test_readonly();
	test_unusable_files();
	remove_tmpdir();
	return check_done();
}
