-- schema.sql - the polgraph database, schema version 1.
--
-- Consumed by src/store.c, which embeds this file at build time and runs it
-- as migration 1 on a database whose PRAGMA user_version is 0, inside the
-- migration transaction. Produces the tables below and sets user_version.
-- Once released this file is frozen: a schema change is a new migration
-- (see docs/schema.md, which documents every table and column).
--
-- Spans (start, "end") are byte offsets into articles.text, end exclusive.
-- "end" is quoted because END is an SQL keyword.
--
-- Co-mentions are not stored: they are derived from mentions.sentence and
-- sentences.paragraph, so the graph builder can pick any window.

CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	ext_id      TEXT NOT NULL UNIQUE CHECK (ext_id <> ''),
	fingerprint TEXT NOT NULL
		CHECK (length(fingerprint) = 32
		       AND fingerprint NOT GLOB '*[^0-9a-fA-F]*'),
	date        TEXT
		CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	lang        TEXT NOT NULL CHECK (lang <> ''),
	title       TEXT,
	source      TEXT,
	url         TEXT,
	text        TEXT NOT NULL,
	origin      TEXT,
	origin_line INTEGER CHECK (origin_line > 0),
	ingested_at TEXT NOT NULL
		DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_fingerprint ON articles (fingerprint);
CREATE INDEX articles_date ON articles (date);

CREATE TABLE sentences (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL CHECK (idx >= 0),
	start      INTEGER NOT NULL CHECK (start >= 0),
	"end"      INTEGER NOT NULL,
	paragraph  INTEGER NOT NULL CHECK (paragraph >= 0),
	PRIMARY KEY (article_id, idx),
	CHECK (start <= "end")
) WITHOUT ROWID;

CREATE TABLE actors (
	id   INTEGER PRIMARY KEY,
	key  TEXT NOT NULL UNIQUE CHECK (key <> ''),
	type TEXT NOT NULL
		CHECK (type IN ('country', 'person', 'organization', 'location',
				'group')),
	name TEXT NOT NULL
);

CREATE TABLE aliases (
	actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
	surface  TEXT NOT NULL CHECK (surface <> ''),
	norm     TEXT NOT NULL,
	lang     TEXT,
	PRIMARY KEY (actor_id, surface)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases (norm);

CREATE TABLE mentions (
	id         INTEGER PRIMARY KEY,
	actor_id   INTEGER NOT NULL REFERENCES actors (id),
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	sentence   INTEGER NOT NULL,
	start      INTEGER NOT NULL CHECK (start >= 0),
	"end"      INTEGER NOT NULL,
	surface    TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT 'name'
		CHECK (kind IN ('name', 'demonym', 'metonym')),
	CHECK (start <= "end"),
	FOREIGN KEY (article_id, sentence)
		REFERENCES sentences (article_id, idx) ON DELETE CASCADE
);
CREATE INDEX mentions_actor ON mentions (actor_id);
CREATE INDEX mentions_article ON mentions (article_id, sentence);

CREATE TABLE relations (
	id         INTEGER PRIMARY KEY,
	type       TEXT NOT NULL CHECK (type <> ''),
	source_id  INTEGER NOT NULL REFERENCES actors (id),
	target_id  INTEGER NOT NULL REFERENCES actors (id),
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	sentence   INTEGER NOT NULL,
	start      INTEGER NOT NULL CHECK (start >= 0),
	"end"      INTEGER NOT NULL,
	negated    INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
	attrs      TEXT NOT NULL DEFAULT '{}'
		CHECK (json_valid(attrs) AND json_type(attrs) = 'object'),
	rule       TEXT,
	confidence REAL CHECK (confidence BETWEEN 0 AND 1),
	CHECK (start <= "end"),
	FOREIGN KEY (article_id, sentence)
		REFERENCES sentences (article_id, idx) ON DELETE CASCADE
);
CREATE INDEX relations_source ON relations (source_id);
CREATE INDEX relations_target ON relations (target_id);
CREATE INDEX relations_type ON relations (type);
CREATE INDEX relations_article ON relations (article_id, sentence);

PRAGMA user_version = 1;
