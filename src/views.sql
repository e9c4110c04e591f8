-- views.sql - convenience views for read-only SQL (polgraph sql, pg.sql).
--
-- Consumed by src/store.c, which embeds this file at build time and runs
-- it on a read-only connection the first time polgraph_store_sql is
-- called, before the connection is made query-only. The views are TEMP:
-- they live in the connection, never in the database file, so they need
-- no schema version and no migration, and a database of any polgraph
-- version 1 build gets them. Documented in docs/schema.md.
--
-- Evidence text is sliced from articles.text by byte offsets (the spans
-- are bytes), hence the casts to BLOB and back.

-- Every relation with actor keys, names and types, the article and its
-- date, the evidence span and the whole evidence sentence.
CREATE TEMP VIEW relations_named AS
SELECT r.id AS id, r.type AS type,
	s.key AS source, s.name AS source_name, s.type AS source_type,
	t.key AS target, t.name AS target_name, t.type AS target_type,
	a.ext_id AS article, a.date AS date, a.lang AS lang,
	a.source AS article_source, r.sentence AS sentence,
	r.negated AS negated, r.rule AS rule, r.confidence AS confidence,
	r.attrs AS attrs,
	CAST(substr(CAST(a.text AS BLOB), r.start + 1, r."end" - r.start)
		AS TEXT) AS evidence,
	(SELECT CAST(substr(CAST(a.text AS BLOB), se.start + 1,
			se."end" - se.start) AS TEXT)
		FROM sentences se
		WHERE se.article_id = r.article_id AND se.idx = r.sentence)
		AS sentence_text
FROM relations r
JOIN actors s ON s.id = r.source_id
JOIN actors t ON t.id = r.target_id
JOIN articles a ON a.id = r.article_id;

-- Every mention with the actor's key, name and type and the article.
CREATE TEMP VIEW mentions_named AS
SELECT ac.key AS key, ac.name AS name, ac.type AS type,
	a.ext_id AS article, a.date AS date, m.sentence AS sentence,
	m.surface AS surface, m.kind AS kind
FROM mentions m
JOIN actors ac ON ac.id = m.actor_id
JOIN articles a ON a.id = m.article_id;

-- One row per actor: mentions, articles, first and last article date.
CREATE TEMP VIEW actor_stats AS
SELECT ac.key AS key, ac.name AS name, ac.type AS type,
	count(m.id) AS mentions, count(DISTINCT m.article_id) AS articles,
	min(a.date) AS first_seen, max(a.date) AS last_seen
FROM actors ac
LEFT JOIN mentions m ON m.actor_id = ac.id
LEFT JOIN articles a ON a.id = m.article_id
GROUP BY ac.id;

-- Co-mentions in one sentence (the graph's default window): one row per
-- pair of distinct actors per sentence, the smaller key first.
CREATE TEMP VIEW comentions AS
WITH present AS (SELECT DISTINCT article_id, sentence, actor_id
	FROM mentions)
SELECT ka.key AS actor1, ka.name AS name1, kb.key AS actor2,
	kb.name AS name2, a.ext_id AS article, a.date AS date,
	x.sentence AS sentence
FROM present x
JOIN present y ON y.article_id = x.article_id AND y.sentence = x.sentence
JOIN actors ka ON ka.id = x.actor_id
JOIN actors kb ON kb.id = y.actor_id
JOIN articles a ON a.id = x.article_id
WHERE ka.key < kb.key;

-- Co-mention pairs: the articles and sentences they share, first and
-- last date. The weight of the graph's comention edge is `articles`.
CREATE TEMP VIEW comention_pairs AS
SELECT actor1, name1, actor2, name2, count(DISTINCT article) AS articles,
	count(*) AS sentences, min(date) AS first_date, max(date) AS last_date
FROM comentions
GROUP BY actor1, actor2;
