/*
 * text.h - the text stage: UTF-8 checks, language guess, sentence
 * segmentation, tokenisation and normalisation for matching.
 *
 * Consumes an article's UTF-8 text; produces sentence and token spans as
 * byte offsets into that same text (end exclusive) and normalised copies of
 * words for lexicon and rule matching. The original text is never modified.
 * This module is the only user of utf8proc and libstemmer.
 */
#ifndef POLGRAPH_TEXT_H
#define POLGRAPH_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "polgraph/mem.h"
#include "polgraph/status.h"

/*
 * Returns true when s[0..len) is valid UTF-8 with no NUL byte, no overlong
 * form, surrogate or code point above U+10FFFF. Otherwise stores the byte
 * offset of the first bad sequence in *bad_offset (if not NULL).
 */
bool polgraph_text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/*
 * Appends s[0..len) to out as text any output format can carry: each
 * invalid UTF-8 byte and each noncharacter U+FFFE/U+FFFF becomes U+FFFD;
 * control characters (C0, DEL, C1) become a space, except LF, which is
 * kept, and U+2028/U+2029, which become LF. Writers (render, export)
 * run untrusted text through this before escaping it for their format.
 * Returns the status of the buffer appends (POLGRAPH_TOOBIG at its cap).
 */
enum polgraph_status polgraph_text_sanitize(const char *s, size_t len,
                                            struct polgraph_buf *out);

/*
 * Guesses the language by script share: "ru" when Cyrillic letters are the
 * majority of letters, "uk" when they are and Ukrainian-only letters
 * (і ї є ґ) are at least 2% of them, "en" when Latin letters are the
 * majority, "und" when the text has no letters or neither script has a
 * majority. Returns a static string.
 */
const char *polgraph_text_detect_lang(const char *text, size_t len);

struct polgraph_sentence {
	size_t start;     /* byte offset of the first character */
	size_t end;       /* byte offset past the last character */
	size_t paragraph; /* 0-based paragraph index in the article */
};

/*
 * Splits text into sentences. Spans cover no leading or trailing
 * whitespace; whitespace-only stretches yield no sentence. A blank line
 * (two newlines, possibly with spaces between) starts a new paragraph and
 * always ends a sentence. Handles abbreviations and initials (т.е., г.,
 * В. Путин, Mr., U.S., Jan.), closing quotes and brackets after the final
 * punctuation (.» ." .” .)), ellipses (... and …) and runs of ?! .
 * Russian and English abbreviation lists apply to every language (lang is
 * reserved for languages whose lists would collide).
 * The array is allocated in arena (NULL when *count is 0); *count receives
 * its length. Thread-safe, like everything here but the stemmer.
 */
void polgraph_text_sentences(const char *text, size_t len, const char *lang,
                             struct polgraph_arena *arena,
                             struct polgraph_sentence **sentences,
                             size_t *count);

enum polgraph_token_kind {
	/* Letters, and digits mixed with letters, with inner - ' ’ ʼ:
	 * Нью-Йорк, Russia's, G7. */
	POLGRAPH_TOKEN_WORD,
	/* Digits, with inner . , : as in 1,5  10.10  12:30. */
	POLGRAPH_TOKEN_NUMBER,
	/* One punctuation or symbol character. */
	POLGRAPH_TOKEN_PUNCT,
};

/* Token flags. */
/* The first letter is upper case. */
#define POLGRAPH_TOKEN_CAPITALIZED 0x1u
/* Every letter is upper case, and there are at least two. */
#define POLGRAPH_TOKEN_ALLCAPS 0x2u
/* Has a Cyrillic letter. */
#define POLGRAPH_TOKEN_CYRILLIC 0x4u
/* Has a Latin letter. */
#define POLGRAPH_TOKEN_LATIN 0x8u

/* The form id of a token no form table has numbered. */
#define POLGRAPH_FORM_NONE ((size_t)-1)

struct polgraph_token {
	size_t start; /* byte offset into the text */
	size_t end;   /* byte offset past the token */
	enum polgraph_token_kind kind;
	unsigned flags; /* POLGRAPH_TOKEN_* bits */
	size_t form;    /* id in a form table (polgraph_forms_assign), or
	                   POLGRAPH_FORM_NONE as the tokenizer leaves it */
};

/*
 * Tokenises text[start..end) (usually one sentence) into words, numbers and
 * punctuation; whitespace separates tokens and is not returned. Offsets are
 * into text, not relative to start. Letters include combining marks, so
 * NFD input stays in one word. A hyphen or apostrophe (' ’ ʼ) joins two
 * letter runs into one word (коллегами-послами, Russia's, O’Neil); a
 * trailing or doubled one does not. The array is allocated in arena.
 */
void polgraph_text_tokens(const char *text, size_t start, size_t end,
                          struct polgraph_arena *arena,
                          struct polgraph_token **tokens, size_t *count);

/*
 * The same, appending to *tokens (*count used, room for *capacity; all
 * zero for a new array), which grows in arena: one array for the tokens
 * of sentence after sentence.
 */
void polgraph_text_tokens_append(const char *text, size_t start, size_t end,
                                 struct polgraph_arena *arena,
                                 struct polgraph_token **tokens, size_t *count,
                                 size_t *capacity);

/*
 * A form table numbers the distinct forms of tokens (the same bytes and
 * kind) 0, 1, 2, ... in the order they are first met, so later stages can
 * keep what they derive from a word form in arrays indexed by its id and
 * find it again without hashing the word. Not thread-safe: one per
 * pipeline. Memory is bounded by max forms (of at most 126 bytes each).
 */
struct polgraph_forms;

/* A table that numbers up to max forms. Free with polgraph_forms_free. */
struct polgraph_forms *polgraph_forms_new(size_t max);
void polgraph_forms_free(struct polgraph_forms *forms);

/*
 * Sets tokens[i].form for the tokens[0..count) of text: the id of the
 * token's form, numbering it if new. Once max forms are numbered, new
 * ones get POLGRAPH_FORM_NONE, as do tokens longer than 126 bytes or
 * holding a NUL byte. One hash lookup per token.
 */
void polgraph_forms_assign(struct polgraph_forms *forms, const char *text,
                           struct polgraph_token *tokens, size_t count);

/*
 * Normalises s[0..len) for matching: NFC, Unicode case folding, ё→е and
 * Ё→е, typographic apostrophes (’ ʼ ‘) → ', dashes (‐ ‑ – —) → '-'.
 * Returns a NUL-terminated copy allocated in arena; *out_len (if not NULL)
 * receives its length. Invalid UTF-8 bytes are replaced by U+FFFD.
 */
char *polgraph_text_normalize(const char *s, size_t len,
                              struct polgraph_arena *arena, size_t *out_len);

/*
 * Strips accents and other combining marks from NUL-terminated UTF-8
 * (Bodnár -> Bodnar, Nausėda -> Nauseda, Szijjártó -> Szijjarto), for
 * identifiers made of names. Letters without a decomposition (ł, ø) stay.
 * Returns a copy in arena; invalid UTF-8 comes back unchanged.
 */
char *polgraph_text_ascii_fold(const char *s, struct polgraph_arena *arena);

/*
 * Fingerprint of a whole article for duplicate detection: normalises as
 * above, collapses every run of whitespace to one space and trims, then
 * hashes. Two texts differing only in case, Unicode form, ё/е or spacing
 * get the same fingerprint. out receives 32 hex digits and a NUL.
 */
void polgraph_text_fingerprint(const char *text, size_t len, char out[33]);

/*
 * Snowball stemmer for one language. Not thread-safe: one per thread.
 */
struct polgraph_stemmer;

/*
 * lang is "ru", "en" (or "uk", stemmed as Russian). Returns NULL for a
 * language without a stemmer. Free with polgraph_stemmer_free.
 */
struct polgraph_stemmer *polgraph_stemmer_new(const char *lang);
void polgraph_stemmer_free(struct polgraph_stemmer *stemmer);

/*
 * Stems one already normalised word (see polgraph_text_normalize). Returns
 * a copy allocated in arena; words the stemmer cannot handle, and every
 * word when stemmer is NULL, come back unchanged.
 */
char *polgraph_stemmer_stem(struct polgraph_stemmer *stemmer, const char *word,
                            size_t len, struct polgraph_arena *arena);

#endif
