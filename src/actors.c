/*
 * actors.c - the actors stage (actors.h): lexicon, recognition of unknown
 * people and organisations, and resolution of surface forms to actors.
 *
 * Consumes a result with its text and sentences; produces result->actors.
 * Names are matched on a "name key": the case-folded word with one
 * inflectional ending removed (data/recognize/endings.json), so
 * Беларусь/Беларуси and Трамп/Трампом meet. Snowball stems are used for
 * common words (titles, organisation and agent nouns), where they are
 * reliable; on names they are not (Беларусь -> белар, Беларуси -> беларус).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/actors.h"
#include "polgraph/json.h"
#include "polgraph/strmap.h"
#include "polgraph/text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the lexicon ---- */

struct polgraph_lexicon {
	struct polgraph_arena arena; /* every string and array */
	struct polgraph_lexicon_entry *entries;
	size_t count, capacity;
	struct polgraph_strmap by_key; /* key -> index */
};

struct polgraph_lexicon *polgraph_lexicon_new(void)
{
	return polgraph_xcalloc(1, sizeof(struct polgraph_lexicon));
}

void polgraph_lexicon_free(struct polgraph_lexicon *lexicon)
{
	if (!lexicon)
		return;
	polgraph_strmap_release(&lexicon->by_key);
	free(lexicon->entries);
	polgraph_arena_release(&lexicon->arena);
	free(lexicon);
}

size_t polgraph_lexicon_count(const struct polgraph_lexicon *lexicon)
{
	return lexicon->count;
}

const struct polgraph_lexicon_entry *
polgraph_lexicon_entry(const struct polgraph_lexicon *lexicon, size_t i)
{
	return i < lexicon->count ? &lexicon->entries[i] : NULL;
}

const struct polgraph_lexicon_entry *
polgraph_lexicon_find(const struct polgraph_lexicon *lexicon, const char *key)
{
	size_t index;

	if (!polgraph_strmap_get(&lexicon->by_key, key, strlen(key), &index))
		return NULL;
	return &lexicon->entries[index];
}

/* Parsing one line: the JSON walker hands us (path, value) pairs. */
struct entry_parse {
	struct polgraph_arena *arena;
	struct polgraph_lexicon_entry *entry;
	size_t alias_capacity, role_capacity;
	const char *type_name;
	const char *bad_field;
};

static const struct {
	const char *field;
	enum polgraph_alias_kind kind;
} alias_fields[] = {
	{ "names", POLGRAPH_ALIAS_NAME },
	{ "demonyms", POLGRAPH_ALIAS_DEMONYM },
	{ "metonyms", POLGRAPH_ALIAS_METONYM },
};

static const char *arena_copy(struct polgraph_arena *arena, const char *s)
{
	return s ? polgraph_arena_strdup(arena, s) : NULL;
}

/* "names.ru.3" -> field "names", lang "ru"; false if not that shape. */
static bool split_alias_path(const char *path, const char *field, char lang[16])
{
	size_t field_len = strlen(field);
	const char *lang_start, *dot;

	if (strncmp(path, field, field_len) != 0 || path[field_len] != '.')
		return false;
	lang_start = path + field_len + 1;
	dot = strchr(lang_start, '.');
	if (!dot || dot == lang_start || (size_t)(dot - lang_start) >= 16)
		return false;
	memcpy(lang, lang_start, (size_t)(dot - lang_start));
	lang[dot - lang_start] = '\0';
	return true;
}

static enum polgraph_status visit_entry(void *ctx, const char *path,
                                        const char *value)
{
	struct entry_parse *parse = ctx;
	struct polgraph_lexicon_entry *entry = parse->entry;
	char lang[16];
	size_t role;
	int consumed = 0;

	if (strcmp(path, "key") == 0) {
		entry->key = arena_copy(parse->arena, value);
		return POLGRAPH_OK;
	}
	if (strcmp(path, "name") == 0) {
		entry->name = arena_copy(parse->arena, value);
		return POLGRAPH_OK;
	}
	if (strcmp(path, "type") == 0) {
		parse->type_name = arena_copy(parse->arena, value);
		return POLGRAPH_OK;
	}
	if (strcmp(path, "belongs_to") == 0) {
		entry->belongs_to = arena_copy(parse->arena, value);
		return POLGRAPH_OK;
	}
	for (size_t i = 0; i < ARRAY_SIZE(alias_fields); i++) {
		struct polgraph_alias *alias;

		if (!split_alias_path(path, alias_fields[i].field, lang))
			continue;
		if (!value || !*value) {
			parse->bad_field = alias_fields[i].field;
			return POLGRAPH_INVALID;
		}
		polgraph_arena_grow(parse->arena, (void **)&entry->aliases,
		                    &parse->alias_capacity,
		                    entry->alias_count + 1,
		                    sizeof(*entry->aliases));
		alias = &entry->aliases[entry->alias_count++];
		alias->text = polgraph_arena_strdup(parse->arena, value);
		alias->lang = polgraph_arena_strdup(parse->arena, lang);
		alias->kind = alias_fields[i].kind;
		return POLGRAPH_OK;
	}
	if (sscanf(path, "roles.%zu.%n", &role, &consumed) == 1 && consumed) {
		static const struct {
			const char *name;
			size_t offset;
		} role_fields[] = {
			{ "position",
			  offsetof(struct polgraph_role, position) },
			{ "of", offsetof(struct polgraph_role, of) },
			{ "to", offsetof(struct polgraph_role, to) },
			{ "from", offsetof(struct polgraph_role, from) },
			{ "until", offsetof(struct polgraph_role, until) },
		};
		const char *field = path + consumed;

		if (role > 1000)
			return POLGRAPH_INVALID;
		if (role >= entry->role_count) {
			polgraph_arena_grow(parse->arena,
			                    (void **)&entry->roles,
			                    &parse->role_capacity, role + 1,
			                    sizeof(*entry->roles));
			entry->role_count = role + 1;
		}
		for (size_t i = 0; i < ARRAY_SIZE(role_fields); i++) {
			if (strcmp(field, role_fields[i].name) == 0) {
				const char **slot =
					(const char **)((char *)&entry
				                                ->roles[role] +
				                        role_fields[i].offset);

				*slot = arena_copy(parse->arena, value);
			}
		}
	}
	return POLGRAPH_OK; /* codes and unknown fields: kept out */
}

enum polgraph_status polgraph_lexicon_parse(
	const char *line, size_t len, struct polgraph_arena *arena,
	struct polgraph_lexicon_entry *entry, struct polgraph_error *err)
{
	struct entry_parse parse = { .arena = arena, .entry = entry };
	enum polgraph_status status;

	memset(entry, 0, sizeof(*entry));
	status = polgraph_json_walk(line, len, visit_entry, &parse, err);
	if (status == POLGRAPH_INVALID)
		return polgraph_error_set(err, status, "empty or mistyped '%s'",
		                          parse.bad_field ? parse.bad_field
		                                          : "roles");
	if (status != POLGRAPH_OK)
		return status;
	if (!entry->key || !*entry->key)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "missing 'key'");
	if (!strchr(entry->key, ':'))
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "key '%s' is not TYPE:ID",
		                          entry->key);
	if (!entry->name || !*entry->name)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "'%s' has no 'name'", entry->key);
	if (!parse.type_name ||
	    !polgraph_actor_type_parse(parse.type_name, &entry->type))
		return polgraph_error_set(
			err, POLGRAPH_INVALID,
			"'%s' has no valid 'type' (country, person, "
			"organization, location, group)",
			entry->key);
	if (!entry->alias_count)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "'%s' has no names", entry->key);
	for (size_t i = 0; i < entry->role_count; i++)
		if (!entry->roles[i].position || !entry->roles[i].of)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"'%s': role %zu needs 'position' and 'of'",
				entry->key, i);
	return POLGRAPH_OK;
}

static void copy_aliases(struct polgraph_arena *arena,
                         struct polgraph_alias *to,
                         const struct polgraph_alias *from, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		to[i].text = polgraph_arena_strdup(arena, from[i].text);
		to[i].lang = polgraph_arena_strdup(arena, from[i].lang);
		to[i].kind = from[i].kind;
	}
}

static void copy_roles(struct polgraph_arena *arena, struct polgraph_role *to,
                       const struct polgraph_role *from, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		to[i].position = arena_copy(arena, from[i].position);
		to[i].of = arena_copy(arena, from[i].of);
		to[i].to = arena_copy(arena, from[i].to);
		to[i].from = arena_copy(arena, from[i].from);
		to[i].until = arena_copy(arena, from[i].until);
	}
}

/* A second entry with a known key adds its aliases and roles to it. */
static enum polgraph_status merge_entry(
	struct polgraph_lexicon *lexicon, struct polgraph_lexicon_entry *old,
	const struct polgraph_lexicon_entry *entry, struct polgraph_error *err)
{
	struct polgraph_arena *arena = &lexicon->arena;
	struct polgraph_alias *aliases;
	struct polgraph_role *roles;

	if (old->type != entry->type) {
		if (old->origin)
			return polgraph_error_set(
				err, POLGRAPH_INVALID,
				"'%s' is a %s, but %s:%zu says %s", entry->key,
				polgraph_actor_type_name(entry->type),
				old->origin, old->line,
				polgraph_actor_type_name(old->type));
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "'%s' has two types", entry->key);
	}
	aliases = polgraph_arena_alloc(arena,
	                               (old->alias_count + entry->alias_count) *
	                                       sizeof(*aliases));
	memcpy(aliases, old->aliases, old->alias_count * sizeof(*aliases));
	copy_aliases(arena, aliases + old->alias_count, entry->aliases,
	             entry->alias_count);
	old->aliases = aliases;
	old->alias_count += entry->alias_count;
	if (entry->role_count) {
		roles = polgraph_arena_alloc(
			arena,
			(old->role_count + entry->role_count) * sizeof(*roles));
		if (old->role_count)
			memcpy(roles, old->roles,
			       old->role_count * sizeof(*roles));
		copy_roles(arena, roles + old->role_count, entry->roles,
		           entry->role_count);
		old->roles = roles;
		old->role_count += entry->role_count;
	}
	if (!old->belongs_to)
		old->belongs_to = arena_copy(arena, entry->belongs_to);
	return POLGRAPH_OK;
}

enum polgraph_status
polgraph_lexicon_add(struct polgraph_lexicon *lexicon,
                     const struct polgraph_lexicon_entry *entry,
                     struct polgraph_error *err)
{
	struct polgraph_arena *arena = &lexicon->arena;
	struct polgraph_lexicon_entry *copy;
	size_t index;

	if (!entry->key || !entry->name || !entry->alias_count)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "a lexicon entry needs a key, a name "
		                          "and at least one alias");
	if (polgraph_strmap_get(&lexicon->by_key, entry->key,
	                        strlen(entry->key), &index))
		return merge_entry(lexicon, &lexicon->entries[index], entry,
		                   err);
	polgraph_xgrow((void **)&lexicon->entries, &lexicon->capacity,
	               lexicon->count + 1, sizeof(*lexicon->entries));
	copy = &lexicon->entries[lexicon->count];
	*copy = *entry;
	copy->key = polgraph_arena_strdup(arena, entry->key);
	copy->name = polgraph_arena_strdup(arena, entry->name);
	copy->belongs_to = arena_copy(arena, entry->belongs_to);
	copy->origin = arena_copy(arena, entry->origin);
	copy->aliases = polgraph_arena_alloc(
		arena, entry->alias_count * sizeof(*copy->aliases));
	copy_aliases(arena, copy->aliases, entry->aliases, entry->alias_count);
	copy->roles = entry->role_count
	                      ? polgraph_arena_alloc(
					arena, entry->role_count *
						       sizeof(*copy->roles))
	                      : NULL;
	copy_roles(arena, copy->roles, entry->roles, entry->role_count);
	polgraph_strmap_put(&lexicon->by_key, copy->key, lexicon->count);
	lexicon->count++;
	return POLGRAPH_OK;
}

static bool skip_line(const char *line, size_t len)
{
	size_t at = 0;

	while (at < len && (line[at] == ' ' || line[at] == '\t' ||
	                    line[at] == '\r' || line[at] == '\n'))
		at++;
	return at == len ||
	       (len - at >= 2 && line[at] == '/' && line[at + 1] == '/');
}

enum polgraph_status
polgraph_lexicon_load_file(struct polgraph_lexicon *lexicon, const char *path,
                           struct polgraph_error *err)
{
	struct polgraph_arena scratch = { 0 };
	enum polgraph_status status = POLGRAPH_OK;
	char *line = NULL;
	size_t capacity = 0, line_number = 0;
	ssize_t got;
	FILE *file = fopen(path, "r");

	if (!file)
		return polgraph_error_set(err, POLGRAPH_IO,
		                          "cannot open lexicon '%s': %s", path,
		                          strerror(errno));
	while ((got = getline(&line, &capacity, file)) >= 0) {
		struct polgraph_lexicon_entry entry;

		line_number++;
		if (skip_line(line, (size_t)got))
			continue;
		status = polgraph_lexicon_parse(line, (size_t)got, &scratch,
		                                &entry, err);
		if (status == POLGRAPH_OK) {
			entry.origin = path;
			entry.line = line_number;
			status = polgraph_lexicon_add(lexicon, &entry, err);
		}
		polgraph_arena_release(&scratch);
		if (status != POLGRAPH_OK) {
			char detail[sizeof(err->message)];

			if (!err)
				break;
			snprintf(detail, sizeof(detail), "%s", err->message);
			polgraph_error_set(err, status, "%s:%zu: %s", path,
			                   line_number, detail);
			break;
		}
	}
	free(line);
	fclose(file);
	return status;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t len = strlen(s), suffix_len = strlen(suffix);

	return len >= suffix_len && strcmp(s + len - suffix_len, suffix) == 0;
}

static bool ends_with_any(const char *s, const char *const *endings,
                          size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (has_suffix(s, endings[i]))
			return true;
	return false;
}

/* Sorted names of the files in dir ending in suffix; NULL if no dir. */
static char **list_files(const char *dir, const char *suffix, size_t *count)
{
	char **names = NULL;
	size_t capacity = 0;
	struct dirent *entry;
	DIR *handle = opendir(dir);

	*count = 0;
	if (!handle)
		return NULL;
	while ((entry = readdir(handle))) {
		if (entry->d_name[0] == '.' ||
		    !has_suffix(entry->d_name, suffix))
			continue;
		polgraph_xgrow((void **)&names, &capacity, *count + 1,
		               sizeof(*names));
		names[(*count)++] = polgraph_xstrdup(entry->d_name);
	}
	closedir(handle);
	for (size_t i = 1; i < *count; i++) /* insertion sort: few files */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char *swap = names[j];

			names[j] = names[j - 1];
			names[j - 1] = swap;
		}
	return names;
}

static char *join_path(const char *dir, const char *name)
{
	char *path = polgraph_xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(path, "%s/%s", dir, name);
	return path;
}

enum polgraph_status polgraph_lexicon_load_dir(struct polgraph_lexicon *lexicon,
                                               const char *dir,
                                               struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	size_t count;
	char **names = list_files(dir, ".jsonl", &count);

	for (size_t i = 0; i < count; i++) {
		char *path = join_path(dir, names[i]);

		if (status == POLGRAPH_OK)
			status = polgraph_lexicon_load_file(lexicon, path, err);
		free(path);
		free(names[i]);
	}
	free(names);
	return status;
}

/* ---- writing entries ---- */

static void write_key_string(struct polgraph_buf *out, const char *key,
                             const char *value, bool comma)
{
	if (comma)
		polgraph_buf_puts(out, ",");
	polgraph_json_write_string(out, key);
	polgraph_buf_puts(out, ":");
	if (value)
		polgraph_json_write_string(out, value);
	else
		polgraph_buf_puts(out, "null");
}

enum polgraph_status
polgraph_lexicon_write(const struct polgraph_lexicon_entry *entry,
                       struct polgraph_buf *out)
{
	polgraph_buf_puts(out, "{");
	write_key_string(out, "key", entry->key, false);
	write_key_string(out, "type", polgraph_actor_type_name(entry->type),
	                 true);
	write_key_string(out, "name", entry->name, true);
	for (size_t f = 0; f < ARRAY_SIZE(alias_fields); f++) {
		bool any = false;

		/* Group by language in first-seen order. */
		for (size_t i = 0; i < entry->alias_count; i++) {
			const struct polgraph_alias *alias = &entry->aliases[i];
			bool seen = false;

			if (alias->kind != alias_fields[f].kind)
				continue;
			for (size_t j = 0; j < i && !seen; j++)
				seen = entry->aliases[j].kind == alias->kind &&
				       strcmp(entry->aliases[j].lang,
				              alias->lang) == 0;
			if (seen)
				continue;
			polgraph_buf_puts(out, any ? "]," : ",");
			if (!any) {
				polgraph_json_write_string(
					out, alias_fields[f].field);
				polgraph_buf_puts(out, ":{");
			}
			any = true;
			polgraph_json_write_string(out, alias->lang);
			polgraph_buf_puts(out, ":[");
			for (size_t j = i, n = 0; j < entry->alias_count; j++) {
				if (entry->aliases[j].kind != alias->kind ||
				    strcmp(entry->aliases[j].lang, alias->lang))
					continue;
				if (n++)
					polgraph_buf_puts(out, ",");
				polgraph_json_write_string(
					out, entry->aliases[j].text);
			}
		}
		if (any)
			polgraph_buf_puts(out, "]}");
	}
	if (entry->belongs_to)
		write_key_string(out, "belongs_to", entry->belongs_to, true);
	if (entry->role_count) {
		polgraph_buf_puts(out, ",\"roles\":[");
		for (size_t i = 0; i < entry->role_count; i++) {
			const struct polgraph_role *role = &entry->roles[i];

			polgraph_buf_puts(out, i ? ",{" : "{");
			write_key_string(out, "position", role->position,
			                 false);
			write_key_string(out, "of", role->of, true);
			if (role->to)
				write_key_string(out, "to", role->to, true);
			write_key_string(out, "from", role->from, true);
			write_key_string(out, "until", role->until, true);
			polgraph_buf_puts(out, "}");
		}
		polgraph_buf_puts(out, "]");
	}
	return polgraph_buf_puts(out, "}");
}

/* ---- romanisation (BGN/PCGN, simplified) ---- */

/*
 * Lower-case Cyrillic letter -> Latin. Simplified BGN/PCGN as English news
 * writes it: no apostrophes for ь and ъ, е as "ye" only where BGN says
 * (word start, after a vowel or ь ъ й), and -ий / -ый at a word's end as
 * "-y" (Yury, Dmitry, Zelensky).
 */
static const struct {
	const char *cyrillic;
	const char *latin;
} romanization[] = {
	{ "а", "a" },  { "б", "b" },  { "в", "v" },    { "г", "g" },
	{ "д", "d" },  { "е", "e" },  { "ё", "e" },    { "ж", "zh" },
	{ "з", "z" },  { "и", "i" },  { "й", "y" },    { "к", "k" },
	{ "л", "l" },  { "м", "m" },  { "н", "n" },    { "о", "o" },
	{ "п", "p" },  { "р", "r" },  { "с", "s" },    { "т", "t" },
	{ "у", "u" },  { "ф", "f" },  { "х", "kh" },   { "ц", "ts" },
	{ "ч", "ch" }, { "ш", "sh" }, { "щ", "shch" }, { "ъ", "" },
	{ "ы", "y" },  { "ь", "" },   { "э", "e" },    { "ю", "yu" },
	{ "я", "ya" }, { "і", "i" },  { "ї", "yi" },   { "є", "ye" },
	{ "ґ", "g" },  { "ў", "w" },
};

/* Is letter (a char[3] from cyrillic_lower, or "" or "a") the two-byte
 * letter cyrillic? Compares the NUL too, without a call to strcmp. */
#define SAME_LETTER(letter, cyrillic) (memcmp((letter), (cyrillic), 3) == 0)

/* Lower-case form of an upper-case Cyrillic letter (2-byte UTF-8). */
static bool cyrillic_lower(const unsigned char *s, char out[3], bool *upper)
{
	unsigned code;

	if (s[0] < 0xd0 || s[0] > 0xd3 || (s[1] & 0xc0) != 0x80)
		return false;
	code = ((unsigned)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	*upper = false;
	if (code >= 0x410 && code <= 0x42f) { /* А-Я */
		code += 0x20;
		*upper = true;
	} else if (code >= 0x400 && code <= 0x40f) { /* Ѐ-Џ: Ё, Є, І, Ї, Ў */
		code += 0x50;
		*upper = true;
	} else if (code == 0x490) { /* Ґ */
		code = 0x491;
		*upper = true;
	}
	if (!((code >= 0x430 && code <= 0x45f) || code == 0x491))
		return false;
	out[0] = (char)(0xc0 | (code >> 6));
	out[1] = (char)(0x80 | (code & 0x3f));
	out[2] = '\0';
	return true;
}

static bool is_cyrillic_vowel(const char *letter)
{
	static const char *const vowels[] = { "а", "е", "ё", "и", "о", "у",
		                              "ы", "э", "ю", "я", "ь", "ъ",
		                              "й", "і", "ї", "є" };

	for (size_t i = 0; i < ARRAY_SIZE(vowels); i++)
		if (SAME_LETTER(letter, vowels[i]))
			return true;
	return false;
}

/* The lower-case Cyrillic letter at text[at], if there is one. */
static bool cyrillic_at(const char *text, size_t len, size_t at, char letter[3],
                        bool *upper)
{
	return at + 1 < len &&
	       cyrillic_lower((const unsigned char *)text + at, letter, upper);
}

/*
 * Is the word starting at text[at] Ukrainian? It has ї, є or ґ, or both і
 * and и (Belarusian writes і but never и; Russian never і).
 */
static bool ukrainian_word(const char *text, size_t len, size_t at)
{
	bool i_dotted = false, i_plain = false;
	char letter[3];
	bool upper;

	while (cyrillic_at(text, len, at, letter, &upper)) {
		if (SAME_LETTER(letter, "ї") || SAME_LETTER(letter, "є") ||
		    SAME_LETTER(letter, "ґ"))
			return true;
		i_dotted |= SAME_LETTER(letter, "і");
		i_plain |= SAME_LETTER(letter, "и");
		at += 2;
	}
	return i_dotted && i_plain;
}

/* Ukrainian letters romanised the Ukrainian way (Київ -> Kyiv). */
static const char *ukrainian_latin(const char *letter, bool word_start)
{
	static const struct {
		const char *cyrillic, *medial, *initial;
	} letters[] = {
		{ "и", "y", "y" },   { "г", "h", "h" }, { "ї", "i", "yi" },
		{ "є", "ie", "ye" }, { "й", "i", "y" }, { "ю", "iu", "yu" },
		{ "я", "ia", "ya" }, { "е", "e", "e" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(letters); i++)
		if (SAME_LETTER(letter, letters[i].cyrillic))
			return word_start ? letters[i].initial
			                  : letters[i].medial;
	return NULL;
}

char *polgraph_romanize(const char *text, size_t len,
                        struct polgraph_arena *arena)
{
	struct polgraph_buf out = { 0 };
	char previous[3] = "";
	bool ukrainian = false;
	char *result;

	for (size_t at = 0; at < len;) {
		char letter[3], next[3];
		bool upper, next_upper;
		const char *latin = "";

		if (!cyrillic_at(text, len, at, letter, &upper)) {
			unsigned char c = (unsigned char)text[at];

			polgraph_buf_append(&out, text + at, 1);
			strcpy(previous,
			       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
			               ? "a"
			               : "");
			at++;
			continue;
		}
		if (!previous[0])
			ukrainian = ukrainian_word(text, len, at);
		for (size_t i = 0; i < ARRAY_SIZE(romanization); i++) {
			if (SAME_LETTER(letter, romanization[i].cyrillic)) {
				latin = romanization[i].latin; /* each once */
				break;
			}
		}
		if (SAME_LETTER(letter, "е") &&
		    (!previous[0] || is_cyrillic_vowel(previous)))
			latin = "ye";
		if (ukrainian && ukrainian_latin(letter, !previous[0]))
			latin = ukrainian_latin(letter, !previous[0]);
		/* -ий / -ый at the end of a word: "y", the й consumed. */
		if (!ukrainian &&
		    (SAME_LETTER(letter, "и") || SAME_LETTER(letter, "ы")) &&
		    cyrillic_at(text, len, at + 2, next, &next_upper) &&
		    SAME_LETTER(next, "й") &&
		    !cyrillic_at(text, len, at + 4, next, &next_upper)) {
			latin = "y";
			at += 2;
		}
		if (*latin) {
			char first = latin[0];

			if (upper)
				first = (char)(first - 'a' + 'A');
			polgraph_buf_append(&out, &first, 1);
			polgraph_buf_puts(&out, latin + 1);
		}
		strcpy(previous, letter);
		at += 2;
	}
	result = polgraph_arena_strndup(arena, out.data ? out.data : "",
	                                out.len);
	polgraph_buf_release(&out);
	return result;
}

/* Latin letters that have no decomposition to strip. */
static const struct {
	const char *letter;
	const char *ascii;
} latin_letters[] = {
	{ "ł", "l" },  { "Ł", "L" },  { "ø", "o" },  { "Ø", "O" },
	{ "đ", "d" },  { "Đ", "D" },  { "ß", "ss" }, { "æ", "ae" },
	{ "Æ", "AE" }, { "œ", "oe" }, { "ı", "i" },  { "ð", "d" },
	{ "þ", "th" },
};

/*
 * "Yury Ambrazevich" -> "yury-ambrazevich", "Szijjártó" -> "szijjarto":
 * accents stripped, ASCII letters and digits kept, runs of anything else
 * become one hyphen.
 */
static char *slug(const char *latin, struct polgraph_arena *arena)
{
	const char *folded = polgraph_text_ascii_fold(latin, arena);
	size_t len = strlen(folded), n = 0;
	char *out = polgraph_arena_alloc(arena, 2 * len + 1);
	bool hyphen = false;

	for (size_t i = 0; i < len; i++) {
		const char *replacement = NULL;
		char c = folded[i];

		/* the letters are all beyond ASCII */
		for (size_t k = 0;
		     (unsigned char)c >= 0x80 && k < ARRAY_SIZE(latin_letters);
		     k++) {
			size_t letter_len = strlen(latin_letters[k].letter);

			if (strncmp(folded + i, latin_letters[k].letter,
			            letter_len) == 0) {
				replacement = latin_letters[k].ascii;
				i += letter_len - 1;
				break;
			}
		}
		for (const char *r = replacement ? replacement : &c;
		     replacement ? *r != '\0' : r == &c; r++) {
			char ch = *r;

			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			if ((ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9')) {
				if (hyphen && n)
					out[n++] = '-';
				out[n++] = ch;
				hyphen = false;
			} else if ((unsigned char)ch < 0x80) {
				hyphen = true;
			}
		}
	}
	out[n] = '\0';
	return out;
}

/* ---- the recogniser's data ---- */

#define WORD_EXACT   0x1u /* compare the surface byte for byte (acronyms) */
#define WORD_CAPITAL 0x2u /* the text token must be capitalised */
#define WORD_PUNCT   0x4u /* a punctuation token */

#define LOOKUP_MAX 256 /* bytes of a bucket's lookup string, with the NUL */

struct alias_word {
	const char *match; /* the exact surface or punctuation */
	const char *norm;  /* normalised form, for scoring */
	unsigned flags;
	struct keyset *keys; /* name keys (ordinary words) */
};

struct pattern {
	struct alias_word *words;
	size_t word_count;
	size_t entry; /* lexicon index */
	enum polgraph_alias_kind kind;
	const char *alias; /* as the lexicon writes it */
};

/* A pattern filed in a bucket, with its place in the order patterns are
 * tried in (best_pattern keeps the first of equally good ones). */
struct filed {
	size_t pattern;  /* index into patterns */
	size_t position; /* its place among the patterns of the first word */
};

/* The patterns filed under one lookup string of their first word: those
 * of one word, and longer ones whose second word has no lookup string
 * (too long); the others are in pairs, by their first two words. */
struct bucket {
	struct filed *patterns;
	size_t count, capacity;
	size_t filed; /* patterns filed under this first word, pairs too */
	bool leads, follows; /* first (second) word of some pair */
};

/* Patterns of two or more words by the lookup strings of their first two
 * words (bucket indices): "~республика" + "~беларусь". A slot is empty
 * when first is SIZE_MAX. */
struct pair {
	size_t first, second; /* bucket indices */
	struct filed *patterns;
	size_t count, capacity;
};

struct first_name {
	const char *name;  /* nominative, as written */
	const char *latin; /* romanised display form */
	char gender;       /* 'm', 'f' or '?' */
};

struct polgraph_actors {
	struct polgraph_lexicon *lexicon;
	struct polgraph_arena arena; /* index and cue strings */
	struct polgraph_stemmer *stem_ru, *stem_en;

	const char **endings_ru, **endings_en; /* longest first */
	size_t endings_ru_count, endings_en_count;

	/* Cue phrases as Snowball stems joined by spaces. */
	struct polgraph_strmap person_titles, org_nouns, agent_nouns,
		group_nouns;
	struct polgraph_strmap place_nouns, region_adjectives;
	struct polgraph_strmap
		bodies; /* body noun stems -> index into body_ids */
	/* Every phrase of the seven sets above and each of its first words
	 * ("a", "a b" of "a b c"), so matching stops at a dead end. */
	struct polgraph_strmap cue_prefixes;
	/* The first words of the phrases of two or more words ("a", "a b" of
	 * "a b c"): a word whose stem is not one ends every phrase at it. */
	struct polgraph_strmap cue_heads;
	const char **body_ids; /* "government", "city-hall", ... */
	struct polgraph_strmap state_bodies; /* ids that stand for the state */
	size_t body_count, body_capacity;
	/* Normalised word forms. */
	struct polgraph_strmap not_names, particles, org_suffixes, not_orgs,
		common;
	struct polgraph_strmap
		common_stems; /* Snowball stems of the common words */
	struct polgraph_strmap
		first_name_forms; /* any case form -> names[] index */
	struct first_name *names;
	size_t name_count, name_capacity;

	struct pattern *patterns;
	size_t pattern_count, pattern_capacity;
	/* "~key" / "=surface" / ".punct" -> bucket: every lookup string of a
	 * first or second word of a pattern. */
	struct polgraph_strmap first_word;
	struct bucket *buckets;
	size_t bucket_count, bucket_capacity;
	struct pair *pairs; /* open addressing by (first, second) */
	size_t pair_count, pair_capacity; /* capacity: 0 or a power of 2 */

	/* The name keys of lexicon words, once each: a word form's keys
	 * are swapped for these copies (lexicon_key), so matching a word
	 * against the lexicon compares pointers. */
	struct polgraph_strmap key_index; /* key -> index into keys */
	const char **keys;
	size_t key_count, key_capacity;

	/* What recognition derives from each word form (struct form), by
	 * the form ids of the pipeline's table (result->forms), derived the
	 * first time a form is met. Tokens without an id have their forms
	 * derived per article. */
	const struct polgraph_forms *form_table; /* whose ids index forms */
	struct form **forms; /* by form id, each in form_arena; NULL: not met */
	size_t form_capacity;
	struct polgraph_arena form_arena; /* strings of forms */
};

const struct polgraph_lexicon *
polgraph_actors_lexicon(const struct polgraph_actors *actors)
{
	return actors->lexicon;
}

void polgraph_actors_free(struct polgraph_actors *actors)
{
	if (!actors)
		return;
	polgraph_lexicon_free(actors->lexicon);
	polgraph_stemmer_free(actors->stem_ru);
	polgraph_stemmer_free(actors->stem_en);
	polgraph_strmap_release(&actors->person_titles);
	polgraph_strmap_release(&actors->org_nouns);
	polgraph_strmap_release(&actors->agent_nouns);
	polgraph_strmap_release(&actors->group_nouns);
	polgraph_strmap_release(&actors->place_nouns);
	polgraph_strmap_release(&actors->region_adjectives);
	polgraph_strmap_release(&actors->bodies);
	polgraph_strmap_release(&actors->cue_prefixes);
	polgraph_strmap_release(&actors->cue_heads);
	polgraph_strmap_release(&actors->state_bodies);
	free(actors->body_ids);
	polgraph_strmap_release(&actors->not_names);
	polgraph_strmap_release(&actors->particles);
	polgraph_strmap_release(&actors->org_suffixes);
	polgraph_strmap_release(&actors->not_orgs);
	polgraph_strmap_release(&actors->common);
	polgraph_strmap_release(&actors->common_stems);
	polgraph_strmap_release(&actors->first_name_forms);
	polgraph_strmap_release(&actors->first_word);
	polgraph_strmap_release(&actors->key_index);
	free(actors->keys);
	free(actors->forms);
	polgraph_arena_release(&actors->form_arena);
	for (size_t i = 0; i < actors->bucket_count; i++)
		free(actors->buckets[i].patterns);
	free(actors->buckets);
	for (size_t i = 0; i < actors->pair_capacity; i++)
		free(actors->pairs[i].patterns);
	free(actors->pairs);
	free(actors->patterns);
	free(actors->names);
	free(actors->endings_ru);
	free(actors->endings_en);
	polgraph_arena_release(&actors->arena);
	free(actors);
}

/* Number of code points in a UTF-8 string. */
static size_t utf8_length(const char *s, size_t len)
{
	size_t count = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

static bool has_cyrillic(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xd0 && (unsigned char)*s <= 0xd4)
			return true;
	return false;
}

/*
 * The name keys of a normalised word: the word itself and the word with
 * each inflectional ending it has removed (data/recognize/endings.json),
 * as long as two letters stay (three for Latin words), longest ending
 * last. Two forms are the same name when their key sets meet:
 * Харьков {харьков, харьк} and Харькове {харькове, харьков}; Беларусь
 * {беларусь, беларус} and Беларуси {беларуси, беларус}.
 */
#define MAX_KEYS 6

struct keyset {
	const char *keys[MAX_KEYS];
	size_t count;
};

static void name_keys(const struct polgraph_actors *actors, const char *norm,
                      struct polgraph_arena *arena, struct keyset *out)
{
	bool cyrillic = has_cyrillic(norm);
	const char **endings =
		cyrillic ? actors->endings_ru : actors->endings_en;
	size_t count =
		cyrillic ? actors->endings_ru_count : actors->endings_en_count;
	size_t len = strlen(norm), keep = cyrillic ? 2 : 3;

	out->keys[0] = norm;
	out->count = 1;
	/* endings are sorted longest first; walk them shortest first */
	for (size_t i = count; i-- > 0 && out->count < MAX_KEYS;) {
		size_t ending_len = strlen(endings[i]);

		if (ending_len < len &&
		    memcmp(norm + len - ending_len, endings[i], ending_len) ==
		            0 &&
		    utf8_length(norm, len - ending_len) >= keep)
			out->keys[out->count++] = polgraph_arena_strndup(
				arena, norm, len - ending_len);
	}
}

/* The lexicon's copy of a name key, added if new (at load). */
static const char *intern_key(struct polgraph_actors *actors, const char *key)
{
	size_t index;

	if (polgraph_strmap_get(&actors->key_index, key, strlen(key), &index))
		return actors->keys[index];
	polgraph_xgrow((void **)&actors->keys, &actors->key_capacity,
	               actors->key_count + 1, sizeof(*actors->keys));
	actors->keys[actors->key_count] = key;
	polgraph_strmap_put(&actors->key_index, key, actors->key_count);
	return actors->keys[actors->key_count++];
}

/* The lexicon's copy of key, or key itself when no lexicon word has it
 * (then it meets no lexicon word's keys either). */
static const char *lexicon_key(const struct polgraph_actors *actors,
                               const char *key)
{
	size_t index;

	if (polgraph_strmap_get(&actors->key_index, key, strlen(key), &index))
		return actors->keys[index];
	return key;
}

/* keysets_meet for a word form's keys and a lexicon word's: both hold
 * interned keys (lexicon_key, intern_key), so pointers compare. */
static bool meets_lexicon(const struct keyset *form_keys,
                          const struct keyset *word_keys)
{
	for (size_t i = 0; i < form_keys->count; i++)
		for (size_t j = 0; j < word_keys->count; j++)
			if (form_keys->keys[i] == word_keys->keys[j])
				return true;
	return false;
}

static bool keysets_meet(const struct keyset *x, const struct keyset *y)
{
	for (size_t i = 0; i < x->count; i++)
		for (size_t j = 0; j < y->count; j++)
			if (strcmp(x->keys[i], y->keys[j]) == 0)
				return true;
	return false;
}

/* The shortest key: the stem a surname's endings hang on. */
static const char *shortest_key(const struct keyset *keys)
{
	return keys->keys[keys->count - 1];
}

/* Snowball stem of a normalised word; hyphenated words are stemmed part
 * by part ("коллегами-послами" -> "коллег-посл"), so their cue lists can
 * name them in any case. */
static const char *stem_of(const struct polgraph_actors *actors,
                           const char *norm, struct polgraph_arena *arena)
{
	struct polgraph_stemmer *stemmer =
		has_cyrillic(norm) ? actors->stem_ru : actors->stem_en;
	const char *hyphen = strchr(norm, '-');
	struct polgraph_buf joined = { 0 };
	const char *result;

	if (!hyphen)
		return polgraph_stemmer_stem(stemmer, norm, strlen(norm),
		                             arena);
	for (const char *part = norm; part;) {
		const char *end = strchr(part, '-');
		size_t len = end ? (size_t)(end - part) : strlen(part);

		if (joined.len)
			polgraph_buf_puts(&joined, "-");
		polgraph_buf_puts(&joined, polgraph_stemmer_stem(stemmer, part,
		                                                 len, arena));
		part = end ? end + 1 : NULL;
	}
	result = polgraph_arena_strdup(arena, joined.data ? joined.data : "");
	polgraph_buf_release(&joined);
	return result;
}

/* Cue phrase -> its words' stems joined by spaces. */
static const char *phrase_stems(const struct polgraph_actors *actors,
                                const char *phrase,
                                struct polgraph_arena *arena)
{
	struct polgraph_arena scratch = { 0 };
	struct polgraph_token *tokens;
	struct polgraph_buf joined = { 0 };
	size_t count;
	const char *result;

	polgraph_text_tokens(phrase, 0, strlen(phrase), &scratch, &tokens,
	                     &count);
	for (size_t i = 0; i < count; i++) {
		const char *norm = polgraph_text_normalize(
			phrase + tokens[i].start,
			tokens[i].end - tokens[i].start, &scratch, NULL);

		if (joined.len)
			polgraph_buf_puts(&joined, " ");
		polgraph_buf_puts(&joined,
		                  tokens[i].kind == POLGRAPH_TOKEN_WORD
		                          ? stem_of(actors, norm, &scratch)
		                          : norm);
	}
	result = polgraph_arena_strdup(arena, joined.data ? joined.data : "");
	polgraph_buf_release(&joined);
	polgraph_arena_release(&scratch);
	return result;
}

/* ---- loading cue files ---- */

static char *read_file(const char *path, size_t *len)
{
	struct polgraph_buf buf = { 0 };
	char chunk[65536];
	size_t got;
	FILE *file = fopen(path, "rb");

	if (!file)
		return NULL;
	while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0)
		polgraph_buf_append(&buf, chunk, got);
	fclose(file);
	return polgraph_buf_detach(&buf, len);
}

struct cue_load {
	struct polgraph_actors *actors;
	const char *file;
};

static const char *norm_copy(struct polgraph_actors *actors, const char *s)
{
	return polgraph_text_normalize(s, strlen(s), &actors->arena, NULL);
}

static enum polgraph_status visit_cues(void *ctx, const char *path,
                                       const char *value)
{
	struct cue_load *load = ctx;
	struct polgraph_actors *actors = load->actors;
	const struct {
		const char *name;
		struct polgraph_strmap *set;
		bool stems;
		bool exact; /* compared as written: "Capital", "Inc." */
	} lists[] = {
		{ "person_titles", &actors->person_titles, true, false },
		{ "org_nouns", &actors->org_nouns, true, false },
		{ "agent_nouns", &actors->agent_nouns, true, false },
		{ "group_nouns", &actors->group_nouns, true, false },
		{ "place_nouns", &actors->place_nouns, true, false },
		{ "region_adjectives", &actors->region_adjectives, true,
		  false },
		{ "not_names", &actors->not_names, false, false },
		{ "name_particles", &actors->particles, false, false },
		{ "org_suffixes", &actors->org_suffixes, false, true },
		{ "not_orgs", &actors->not_orgs, false, false },
	};

	if (!value || !*value)
		return POLGRAPH_OK;
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		size_t len = strlen(lists[i].name);

		if (strncmp(path, lists[i].name, len) != 0 || path[len] != '.')
			continue;
		polgraph_strmap_put(
			lists[i].set,
			lists[i].stems
				? phrase_stems(actors, value, &actors->arena)
			: lists[i].exact
				? polgraph_arena_strdup(&actors->arena, value)
				: norm_copy(actors, value),
			1);
	}
	return POLGRAPH_OK;
}

static enum polgraph_status visit_common(void *ctx, const char *path,
                                         const char *value)
{
	struct cue_load *load = ctx;

	(void)path;
	if (value && *value) {
		const char *norm = norm_copy(load->actors, value);

		polgraph_strmap_put(&load->actors->common, norm, 1);
		polgraph_strmap_put(
			&load->actors->common_stems,
			stem_of(load->actors, norm, &load->actors->arena), 1);
	}
	return POLGRAPH_OK;
}

struct ending_load {
	const char **ru, **en;
	size_t ru_count, ru_capacity, en_count, en_capacity;
	struct polgraph_arena *arena;
};

static enum polgraph_status visit_endings(void *ctx, const char *path,
                                          const char *value)
{
	struct ending_load *load = ctx;
	bool ru = strncmp(path, "ru.", 3) == 0,
	     en = strncmp(path, "en.", 3) == 0;

	if (!value || !*value || (!ru && !en))
		return POLGRAPH_OK;
	if (ru) {
		polgraph_xgrow((void **)&load->ru, &load->ru_capacity,
		               load->ru_count + 1, sizeof(*load->ru));
		load->ru[load->ru_count++] =
			polgraph_arena_strdup(load->arena, value);
	} else {
		polgraph_xgrow((void **)&load->en, &load->en_capacity,
		               load->en_count + 1, sizeof(*load->en));
		load->en[load->en_count++] =
			polgraph_arena_strdup(load->arena, value);
	}
	return POLGRAPH_OK;
}

/* bodies.json: {"ru": [{"noun": "правительство", "body": "government"}]} */
struct body_load {
	struct polgraph_actors *actors;
	char index[32];   /* "ru.3" of the pair being read */
	const char *noun; /* stems, waiting for their body */
	const char *body;
};

static void body_flush(struct body_load *load)
{
	struct polgraph_actors *actors = load->actors;

	if (load->noun && load->body) {
		polgraph_xgrow((void **)&actors->body_ids,
		               &actors->body_capacity, actors->body_count + 1,
		               sizeof(*actors->body_ids));
		actors->body_ids[actors->body_count] = load->body;
		polgraph_strmap_put(&actors->bodies, load->noun,
		                    actors->body_count);
		actors->body_count++;
	}
	load->noun = load->body = NULL;
}

static enum polgraph_status visit_bodies(void *ctx, const char *path,
                                         const char *value)
{
	struct body_load *load = ctx;
	const char *field = strrchr(path, '.');
	size_t index_len = field ? (size_t)(field - path) : 0;

	if (strncmp(path, "state.", 6) == 0 && value) {
		polgraph_strmap_put(
			&load->actors->state_bodies,
			polgraph_arena_strdup(&load->actors->arena, value), 1);
		return POLGRAPH_OK;
	}
	if (!field || !value || index_len >= sizeof(load->index))
		return POLGRAPH_OK;
	if (strncmp(load->index, path, index_len) != 0 ||
	    load->index[index_len] != '\0') {
		body_flush(load);
		memcpy(load->index, path, index_len);
		load->index[index_len] = '\0';
	}
	if (strcmp(field, ".noun") == 0)
		load->noun =
			phrase_stems(load->actors, value, &load->actors->arena);
	else if (strcmp(field, ".body") == 0)
		load->body = polgraph_arena_strdup(&load->actors->arena, value);
	return POLGRAPH_OK;
}

static int longer_first(const void *left, const void *right)
{
	size_t x = strlen(*(const char *const *)left);
	size_t y = strlen(*(const char *const *)right);

	if (x != y)
		return x > y ? -1 : 1;
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

struct name_load {
	struct polgraph_actors *actors;
	struct first_name current;
	const char *forms[32];
	size_t form_count;
};

static enum polgraph_status visit_first_name(void *ctx, const char *path,
                                             const char *value)
{
	struct name_load *load = ctx;

	if (!value)
		return POLGRAPH_OK;
	if (strcmp(path, "name") == 0)
		load->current.name =
			polgraph_arena_strdup(&load->actors->arena, value);
	else if (strcmp(path, "latin") == 0)
		load->current.latin =
			polgraph_arena_strdup(&load->actors->arena, value);
	else if (strcmp(path, "gender") == 0)
		load->current.gender = value[0];
	else if (strncmp(path, "forms.", 6) == 0 &&
	         load->form_count < ARRAY_SIZE(load->forms))
		load->forms[load->form_count++] =
			norm_copy(load->actors, value);
	return POLGRAPH_OK;
}

/* Reads a JSON Lines file line by line through visit; calls done(ctx)
 * after each line. Missing files are not an error. */
static enum polgraph_status
load_jsonl(const char *path,
           enum polgraph_status (*visit)(void *, const char *, const char *),
           void (*done)(void *ctx), void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status = POLGRAPH_OK;
	char *line = NULL;
	size_t capacity = 0, line_number = 0;
	ssize_t got;
	FILE *file = fopen(path, "r");

	if (!file)
		return POLGRAPH_OK;
	while ((got = getline(&line, &capacity, file)) >= 0) {
		line_number++;
		if (skip_line(line, (size_t)got))
			continue;
		status = polgraph_json_walk(line, (size_t)got, visit, ctx, err);
		if (status != POLGRAPH_OK) {
			if (err) {
				char detail[sizeof(err->message)];

				snprintf(detail, sizeof(detail), "%s",
				         err->message);
				polgraph_error_set(err, status, "%s:%zu: %s",
				                   path, line_number, detail);
			}
			break;
		}
		done(ctx);
	}
	free(line);
	fclose(file);
	return status;
}

static void first_name_done(void *ctx)
{
	struct name_load *load = ctx;
	struct polgraph_actors *actors = load->actors;
	struct first_name *name;
	size_t index = actors->name_count;

	if (load->current.name) {
		polgraph_xgrow((void **)&actors->names, &actors->name_capacity,
		               actors->name_count + 1, sizeof(*actors->names));
		name = &actors->names[actors->name_count++];
		*name = load->current;
		if (!name->latin)
			name->latin = polgraph_romanize(
				name->name, strlen(name->name), &actors->arena);
		if (!name->gender)
			name->gender = '?';
		polgraph_strmap_put(&actors->first_name_forms,
		                    norm_copy(actors, name->name), index);
		for (size_t i = 0; i < load->form_count; i++)
			polgraph_strmap_put(&actors->first_name_forms,
			                    load->forms[i], index);
	}
	memset(&load->current, 0, sizeof(load->current));
	load->form_count = 0;
}

/* Loads one whole-file JSON document through visit; missing is fine. */
static enum polgraph_status
load_json(const char *path,
          enum polgraph_status (*visit)(void *, const char *, const char *),
          void *ctx, struct polgraph_error *err)
{
	enum polgraph_status status;
	size_t len;
	char *text = read_file(path, &len);

	if (!text)
		return POLGRAPH_OK;
	status = polgraph_json_walk(text, len, visit, ctx, err);
	free(text);
	if (status != POLGRAPH_OK && err) {
		char detail[sizeof(err->message)];

		snprintf(detail, sizeof(detail), "%s", err->message);
		polgraph_error_set(err, status, "%s: %s", path, detail);
	}
	return status;
}

static enum polgraph_status load_cues(struct polgraph_actors *actors,
                                      const char *dir,
                                      struct polgraph_error *err)
{
	struct cue_load load = { .actors = actors };
	struct ending_load endings = { .arena = &actors->arena };
	struct name_load names = { .actors = actors };
	static const char *const common_files[] = { "common-ru.json",
		                                    "common-en.json" };
	enum polgraph_status status;
	char *path;

	path = join_path(dir, "endings.json");
	status = load_json(path, visit_endings, &endings, err);
	free(path);
	if (endings.ru_count)
		qsort(endings.ru, endings.ru_count, sizeof(*endings.ru),
		      longer_first);
	if (endings.en_count)
		qsort(endings.en, endings.en_count, sizeof(*endings.en),
		      longer_first);
	actors->endings_ru = endings.ru;
	actors->endings_ru_count = endings.ru_count;
	actors->endings_en = endings.en;
	actors->endings_en_count = endings.en_count;
	if (status != POLGRAPH_OK)
		return status;

	path = join_path(dir, "cues.json");
	status = load_json(path, visit_cues, &load, err);
	free(path);
	for (size_t i = 0;
	     status == POLGRAPH_OK && i < ARRAY_SIZE(common_files); i++) {
		path = join_path(dir, common_files[i]);
		status = load_json(path, visit_common, &load, err);
		free(path);
	}
	if (status != POLGRAPH_OK)
		return status;
	path = join_path(dir, "bodies.json");
	{
		struct body_load bodies = { .actors = actors };

		status = load_json(path, visit_bodies, &bodies, err);
		body_flush(&bodies);
	}
	free(path);
	if (status != POLGRAPH_OK)
		return status;
	path = join_path(dir, "first-names.jsonl");
	status = load_jsonl(path, visit_first_name, first_name_done, &names,
	                    err);
	free(path);
	return status;
}

/* ---- the alias index ---- */

static size_t bucket_for(struct polgraph_actors *actors, const char *match)
{
	size_t index;

	if (polgraph_strmap_get(&actors->first_word, match, strlen(match),
	                        &index))
		return index;
	polgraph_xgrow((void **)&actors->buckets, &actors->bucket_capacity,
	               actors->bucket_count + 1, sizeof(*actors->buckets));
	memset(&actors->buckets[actors->bucket_count], 0,
	       sizeof(*actors->buckets));
	polgraph_strmap_put(&actors->first_word, match, actors->bucket_count);
	return actors->bucket_count++;
}

/* Upper-case letters in a token: ASCII, and Cyrillic Ѐ-Я (D0 80-AF). */
static size_t capitals(const char *s, size_t len)
{
	size_t count = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z') {
			count++;
		} else if (c == 0xd0 && i + 1 < len &&
		           (unsigned char)s[i + 1] >= 0x80 &&
		           (unsigned char)s[i + 1] <= 0xaf) {
			count++;
			i++;
		}
	}
	return count;
}

static bool has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* A word with two or more capitals is an acronym compared as written
 * (OPEC, БелТА, G7), unless it is Title-Case parts joined by hyphens
 * (Санкт-Петербург, Нью-Йорк), which inflect like other names. */
static bool acronym(const char *surface, size_t len)
{
	size_t start = 0;

	if (has_digit(surface, len))
		return true;
	if (capitals(surface, len) < 2)
		return false;
	while (start < len) {
		size_t end = start;

		while (end < len && surface[end] != '-')
			end++;
		if (capitals(surface + start, end - start) != 1 ||
		    utf8_length(surface + start, end - start) < 2)
			return true;
		start = end + 1;
	}
	return false;
}

/* Describes one alias token as the matcher compares it. */
static void describe_word(struct polgraph_actors *actors, const char *text,
                          const struct polgraph_token *token,
                          struct polgraph_arena *arena, struct alias_word *word)
{
	const char *surface = text + token->start;
	size_t len = token->end - token->start;
	const char *norm = polgraph_text_normalize(surface, len, arena, NULL);

	word->norm = norm;
	word->flags = 0;
	word->keys = NULL;
	if (token->kind == POLGRAPH_TOKEN_PUNCT) {
		word->flags = WORD_PUNCT;
		word->match = norm;
		return;
	}
	if (acronym(surface, len) ||
	    (utf8_length(surface, len) == 1 &&
	     (token->flags & POLGRAPH_TOKEN_CAPITALIZED))) {
		word->flags = WORD_EXACT;
		word->match = polgraph_arena_strndup(arena, surface, len);
		return;
	}
	if (token->flags & POLGRAPH_TOKEN_CAPITALIZED)
		word->flags = WORD_CAPITAL;
	word->match = norm;
	word->keys = polgraph_arena_alloc(arena, sizeof(*word->keys));
	name_keys(actors, norm, arena, word->keys);
	for (size_t k = 0; k < word->keys->count; k++)
		word->keys->keys[k] = intern_key(actors, word->keys->keys[k]);
}

static void add_filed(struct filed **list, size_t *count, size_t *capacity,
                      size_t pattern, size_t position)
{
	polgraph_xgrow((void **)list, capacity, *count + 1, sizeof(**list));
	(*list)[*count].pattern = pattern;
	(*list)[*count].position = position;
	(*count)++;
}

static size_t pair_slot(size_t first, size_t second, size_t capacity)
{
	uint64_t hash = ((uint64_t)first * 0x9e3779b97f4a7c15u) ^ second;

	hash *= 0xff51afd7ed558ccdu;
	return (size_t)(hash ^ hash >> 32) & (capacity - 1);
}

/* The pair of buckets (first, second); NULL if no pattern has it. */
static const struct pair *find_pair(const struct polgraph_actors *actors,
                                    size_t first, size_t second)
{
	size_t at;

	if (!actors->pair_capacity)
		return NULL;
	for (at = pair_slot(first, second, actors->pair_capacity);
	     actors->pairs[at].first != SIZE_MAX;
	     at = (at + 1) & (actors->pair_capacity - 1))
		if (actors->pairs[at].first == first &&
		    actors->pairs[at].second == second)
			return &actors->pairs[at];
	return NULL;
}

static struct pair *add_pair(struct polgraph_actors *actors, size_t first,
                             size_t second)
{
	struct pair *found = (struct pair *)find_pair(actors, first, second);
	size_t at;

	if (found)
		return found;
	if ((actors->pair_count + 1) * 2 > actors->pair_capacity) {
		struct pair *old = actors->pairs;
		size_t old_capacity = actors->pair_capacity;

		actors->pair_capacity = old_capacity ? old_capacity * 2 : 64;
		actors->pairs = polgraph_xcalloc(actors->pair_capacity,
		                                 sizeof(*actors->pairs));
		for (size_t i = 0; i < actors->pair_capacity; i++)
			actors->pairs[i].first = SIZE_MAX;
		for (size_t i = 0; i < old_capacity; i++) {
			if (old[i].first == SIZE_MAX)
				continue;
			at = pair_slot(old[i].first, old[i].second,
			               actors->pair_capacity);
			while (actors->pairs[at].first != SIZE_MAX)
				at = (at + 1) & (actors->pair_capacity - 1);
			actors->pairs[at] = old[i];
		}
		free(old);
	}
	at = pair_slot(first, second, actors->pair_capacity);
	while (actors->pairs[at].first != SIZE_MAX)
		at = (at + 1) & (actors->pair_capacity - 1);
	actors->pairs[at].first = first;
	actors->pairs[at].second = second;
	actors->pair_count++;
	return &actors->pairs[at];
}

/* The lookup strings a pattern word is filed under (note_bucket finds
 * them from a text word): ".(" for punctuation, "=OPEC" for an exact
 * word, "~key" for each name key. False if one is too long to look up. */
#define MAX_LOOKUPS MAX_KEYS
static bool word_lookups(struct polgraph_arena *arena,
                         const struct alias_word *word,
                         const char *lookups[MAX_LOOKUPS], size_t *count)
{
	*count = 0;
	if (word->flags & WORD_PUNCT)
		lookups[(*count)++] =
			polgraph_arena_concat(arena, ".", word->match, NULL);
	else if (word->flags & WORD_EXACT)
		lookups[(*count)++] =
			polgraph_arena_concat(arena, "=", word->match, NULL);
	else
		for (size_t k = 0; k < word->keys->count; k++)
			lookups[(*count)++] = polgraph_arena_concat(
				arena, "~", word->keys->keys[k], NULL);
	for (size_t i = 0; i < *count; i++)
		if (strlen(lookups[i]) >= LOOKUP_MAX)
			return false;
	return true;
}

/* Files pattern under each lookup string of its first word and, when it
 * has a second word, of that too (in pairs). */
static void file_pattern(struct polgraph_actors *actors, size_t index)
{
	const struct pattern *pattern = &actors->patterns[index];
	const char *firsts[MAX_LOOKUPS], *seconds[MAX_LOOKUPS];
	size_t first_count, second_count = 0, second_buckets[MAX_LOOKUPS];
	bool paired = pattern->word_count >= 2 &&
	              word_lookups(&actors->arena, &pattern->words[1], seconds,
	                           &second_count);

	word_lookups(&actors->arena, &pattern->words[0], firsts, &first_count);
	for (size_t k = 0; paired && k < second_count; k++) {
		second_buckets[k] = bucket_for(actors, seconds[k]);
		actors->buckets[second_buckets[k]].follows = true;
	}
	for (size_t k = 0; k < first_count; k++) {
		size_t first = bucket_for(actors, firsts[k]); /* may move */
		struct bucket *bucket = &actors->buckets[first];
		size_t position = bucket->filed++;

		if (!paired) {
			add_filed(&bucket->patterns, &bucket->count,
			          &bucket->capacity, index, position);
			continue;
		}
		bucket->leads = true;
		for (size_t j = 0; j < second_count; j++) {
			struct pair *pair =
				add_pair(actors, first, second_buckets[j]);

			add_filed(&pair->patterns, &pair->count,
			          &pair->capacity, index, position);
		}
	}
}

/* Indexes a pattern under every form its first two words can take. */
static void index_alias(struct polgraph_actors *actors, size_t entry,
                        const struct polgraph_alias *alias)
{
	struct polgraph_arena *arena = &actors->arena;
	struct polgraph_arena scratch = { 0 };
	struct polgraph_token *tokens;
	struct pattern *pattern;
	size_t count, index;

	polgraph_text_tokens(alias->text, 0, strlen(alias->text), &scratch,
	                     &tokens, &count);
	if (!count) {
		polgraph_arena_release(&scratch);
		return;
	}
	polgraph_xgrow((void **)&actors->patterns, &actors->pattern_capacity,
	               actors->pattern_count + 1, sizeof(*actors->patterns));
	index = actors->pattern_count++;
	pattern = &actors->patterns[index];
	pattern->entry = entry;
	pattern->kind = alias->kind;
	pattern->alias = alias->text;
	pattern->word_count = count;
	pattern->words =
		polgraph_arena_alloc(arena, count * sizeof(*pattern->words));
	for (size_t i = 0; i < count; i++)
		describe_word(actors, alias->text, &tokens[i], arena,
		              &pattern->words[i]);
	file_pattern(actors, index);
	polgraph_arena_release(&scratch);
}

/* Fills cue_prefixes from the phrase sets phrase_at matches against. */
static void index_cue_prefixes(struct polgraph_actors *actors)
{
	const struct polgraph_strmap *sets[] = {
		&actors->person_titles, &actors->org_nouns,
		&actors->agent_nouns,   &actors->group_nouns,
		&actors->place_nouns,   &actors->region_adjectives,
		&actors->bodies,
	};

	for (size_t k = 0; k < ARRAY_SIZE(sets); k++) {
		for (size_t i = 0; i < sets[k]->capacity; i++) {
			const char *phrase = sets[k]->slots[i].key;

			if (!phrase)
				continue;
			for (const char *space = strchr(phrase, ' '); space;
			     space = strchr(space + 1, ' ')) {
				const char *head = polgraph_arena_strndup(
					&actors->arena, phrase,
					(size_t)(space - phrase));

				polgraph_strmap_put(&actors->cue_prefixes, head,
				                    1);
				polgraph_strmap_put(&actors->cue_heads, head,
				                    1);
			}
			polgraph_strmap_put(&actors->cue_prefixes, phrase, 1);
		}
	}
}

struct polgraph_actors *polgraph_actors_new(const char *data_dir,
                                            struct polgraph_lexicon *extra,
                                            struct polgraph_error *err)
{
	struct polgraph_actors *actors = polgraph_xcalloc(1, sizeof(*actors));
	char *dir = NULL;
	enum polgraph_status status;

	actors->lexicon = extra ? extra : polgraph_lexicon_new();
	actors->stem_ru = polgraph_stemmer_new("ru");
	actors->stem_en = polgraph_stemmer_new("en");

	dir = join_path(data_dir, "recognize");
	status = load_cues(actors, dir, err);
	free(dir);
	if (status != POLGRAPH_OK)
		goto fail;
	dir = join_path(data_dir, "actors");
	status = polgraph_lexicon_load_dir(actors->lexicon, dir, err);
	free(dir);
	if (status != POLGRAPH_OK)
		goto fail;
	for (size_t i = 0; i < actors->lexicon->count; i++) {
		const struct polgraph_lexicon_entry *entry =
			&actors->lexicon->entries[i];

		for (size_t a = 0; a < entry->alias_count; a++)
			index_alias(actors, i, &entry->aliases[a]);
	}
	index_cue_prefixes(actors);
	return actors;
fail:
	polgraph_actors_free(actors);
	return NULL;
}

/* ---- recognition ---- */

/*
 * What add_token derives from a token's bytes and kind alone, kept per
 * form id so a word seen before costs no lookup at all.
 */
struct form {
	enum polgraph_token_kind kind;
	const char *surface, *bare, *norm, *stem; /* as in struct tok */
	struct keyset keys;
	/* Buckets of first_word to try at this word (best_pattern). */
	size_t buckets[MAX_KEYS + 1];
	size_t bucket_count;
	unsigned leads, follows; /* bit b: buckets[b] leads (follows) a pair */
	bool cue_start;          /* a word whose stem starts a cue phrase */
	/* What phrase_at asks of a word that starts a cue phrase: the sets
	 * (cue_bit) where its stem alone is a phrase, and whether it starts
	 * a longer one. */
	unsigned cue_sets;
	bool cue_continues;
	/* Shape tests that depend on the word alone. */
	bool acronym_shape; /* find_acronym_orgs: 2-7 letters, 2+ capitals,
	                       no hyphen or digit, no roman numeral, not an
	                       acronym of not_orgs */
	bool org_suffix;    /* bare form is an organisation suffix (Inc) */
	bool connector;     /* "and", "of", ... inside a Latin name */
	bool preposition;   /* "в", "from", ...: see body_link */
	bool one_letter;    /* the surface is one character (is_initial) */
	bool adjective;     /* Cyrillic with an adjective's ending */
};

struct tok {
	size_t start, end; /* bytes in the article text */
	enum polgraph_token_kind kind;
	unsigned flags;            /* POLGRAPH_TOKEN_* */
	const char *surface;       /* NUL-terminated copy */
	const char *bare;          /* surface without a possessive 's */
	const char *norm;          /* normalised, possessive 's removed */
	const struct keyset *keys; /* name keys (words), the form's */
	const char *stem;          /* Snowball stem (words) */
	size_t sentence;
	bool sentence_start;     /* first word of its sentence */
	long hit;                /* covering hit, or -1 */
	const struct form *form; /* its word form, for the lexicon buckets */
};

enum hit_source { FROM_LEXICON, FROM_PERSON, FROM_ORG };

struct hit {
	size_t first, last; /* tokens [first, last) */
	enum hit_source source;
	size_t entry;                    /* lexicon entry (FROM_LEXICON) */
	enum polgraph_mention_kind kind; /* name, demonym, metonym */
	const char *alias;               /* the lexicon alias it matched */
	bool dropped;                    /* absorbed by a larger hit */
	const char *key; /* actor key, name and type once resolved */
	const char *name;
	enum polgraph_actor_type type;
	const struct keyset
		*surname_keys; /* people: "Амбразевич" -> full name */
	bool full_name;        /* people: first name or initials + surname */
	bool candidate; /* a lone capitalised word awaiting a full name */
	bool titled;    /* a person title stands before it */
	const char *first_name; /* people: romanised first name, or NULL */
	bool first_only; /* a first name alone: "Марк сказал" */
	bool resolved;   /* a candidate that stands */
};

struct run {
	struct polgraph_actors *actors;
	struct polgraph_result *result;
	struct polgraph_arena *arena; /* result->arena */
	const char *text;
	struct tok *toks;
	size_t tok_count, tok_capacity;
	struct hit *hits;
	size_t hit_count, hit_capacity;
	bool lenient; /* lookups: any case */
};

static bool is_word(const struct tok *tok)
{
	return tok->kind == POLGRAPH_TOKEN_WORD;
}

static bool is_capitalized(const struct tok *tok)
{
	return is_word(tok) && (tok->flags & POLGRAPH_TOKEN_CAPITALIZED);
}

static bool is_punct(const struct tok *tok, const char *which)
{
	return tok->kind == POLGRAPH_TOKEN_PUNCT &&
	       strcmp(tok->norm, which) == 0;
}

/* A single capital letter followed by a period: "В." or "J." */
static bool is_initial(const struct run *run, size_t i)
{
	const struct tok *tok = &run->toks[i];

	return is_capitalized(tok) && tok->hit < 0 && tok->form->one_letter &&
	       i + 1 < run->tok_count && is_punct(&run->toks[i + 1], ".") &&
	       run->toks[i + 1].sentence == tok->sentence &&
	       run->toks[i + 1].hit < 0;
}

/* Appends separator and word to buf; defined below with the matchers. */
static bool append_word(char *buf, size_t size, size_t *len,
                        const char *separator, const char *word);

/* Notes the first_word bucket filed under prefix + word, if any. */
static void note_bucket(const struct polgraph_actors *actors, struct form *form,
                        const char *prefix, const char *word)
{
	char lookup[LOOKUP_MAX];
	size_t len = 0, index;

	if (append_word(lookup, sizeof(lookup), &len, prefix, word) &&
	    polgraph_strmap_get(&actors->first_word, lookup, len, &index)) {
		form->leads |= (unsigned)actors->buckets[index].leads
		               << form->bucket_count;
		form->follows |= (unsigned)actors->buckets[index].follows
		                 << form->bucket_count;
		form->buckets[form->bucket_count++] = index;
	}
}

/* Words that join capitalised Latin words into one name (find_latin_orgs):
 * "Bank of America", "Procter & Gamble". */
static const char *const latin_connectors[] = {
	"and", "of", "for", "the", "de", "du", "la", "le", "von", "&",
};

/* Prepositions that part a body from a place (body_link). */
static const char *const body_prepositions[] = {
	"в",     "во", "из",   "с",  "со",  "от",  "по",  "для",  "на",
	"у",     "к",  "о",    "об", "при", "за",  "под", "над",  "между",
	"через", "in", "from", "to", "at",  "for", "on",  "with", "by",
};

/* Endings of Russian adjectives (adjective_like). */
static const char *const adjective_endings[] = {
	"ая", "яя", "ой", "ей", "ий",  "ый",  "ое",  "ее",  "ую", "юю",
	"ом", "ем", "ых", "их", "ого", "его", "ому", "ему", "ым", "им",
};

static bool roman_numeral(const char *s);
static bool not_org_keys(const struct polgraph_actors *actors,
                         const struct keyset *keys);

/* The bit of one of the cue phrase sets in form->cue_sets; 0 for another
 * map. */
static unsigned cue_bit(const struct polgraph_actors *actors,
                        const struct polgraph_strmap *set)
{
	const struct polgraph_strmap *const sets[] = {
		&actors->person_titles, &actors->org_nouns,
		&actors->agent_nouns,   &actors->group_nouns,
		&actors->place_nouns,   &actors->region_adjectives,
		&actors->bodies,
	};

	for (size_t k = 0; k < ARRAY_SIZE(sets); k++)
		if (sets[k] == set)
			return 1u << k;
	return 0;
}

/* The shape tests of a form that depend on its bytes alone. */
static void derive_shape(const struct polgraph_actors *actors,
                         struct form *form)
{
	const struct polgraph_strmap *const sets[] = {
		&actors->person_titles, &actors->org_nouns,
		&actors->agent_nouns,   &actors->group_nouns,
		&actors->place_nouns,   &actors->region_adjectives,
		&actors->bodies,
	};
	size_t bare_len = strlen(form->bare);
	size_t letters = utf8_length(form->bare, bare_len);
	size_t stem_len = strlen(form->stem);

	form->acronym_shape = letters >= 2 && letters <= 7 &&
	                      capitals(form->bare, bare_len) >= 2 &&
	                      !strchr(form->bare, '-') &&
	                      !has_digit(form->bare, bare_len) &&
	                      !roman_numeral(form->bare) &&
	                      !not_org_keys(actors, &form->keys);
	form->org_suffix =
		polgraph_strmap_has(&actors->org_suffixes, form->bare);
	form->one_letter =
		utf8_length(form->surface, strlen(form->surface)) == 1;
	form->adjective = has_cyrillic(form->norm) &&
	                  ends_with_any(form->norm, adjective_endings,
	                                ARRAY_SIZE(adjective_endings));
	for (size_t c = 0; c < ARRAY_SIZE(latin_connectors); c++)
		form->connector |= strcmp(form->norm, latin_connectors[c]) == 0;
	for (size_t p = 0; p < ARRAY_SIZE(body_prepositions); p++)
		form->preposition |=
			strcmp(form->norm, body_prepositions[p]) == 0;
	/* phrase_at joins stems in 256 bytes: a longer one matches none */
	if (!form->cue_start || stem_len >= 256)
		return;
	for (size_t k = 0; k < ARRAY_SIZE(sets); k++)
		if (polgraph_strmap_get(sets[k], form->stem, stem_len, NULL))
			form->cue_sets |= 1u << k;
	form->cue_continues = polgraph_strmap_get(&actors->cue_heads,
	                                          form->stem, stem_len, NULL);
}

/* Derives the form of surface[0..len) (a token of kind) in arena. */
static void derive_form(const struct polgraph_actors *actors,
                        const char *surface, size_t len,
                        enum polgraph_token_kind kind,
                        struct polgraph_arena *arena, struct form *form)
{
	size_t norm_len;
	char *norm;

	memset(form, 0, sizeof(*form));
	form->kind = kind;
	form->surface = polgraph_arena_strndup(arena, surface, len);
	form->bare = form->surface;
	if (kind == POLGRAPH_TOKEN_WORD && len > 2 &&
	    (has_suffix(form->surface, "'s") ||
	     has_suffix(form->surface, "’s")))
		form->bare = polgraph_arena_strndup(
			arena, form->surface,
			len - (has_suffix(form->surface, "'s") ? 2 : 4));
	norm = polgraph_text_normalize(form->surface, len, arena, &norm_len);
	if (kind == POLGRAPH_TOKEN_WORD && norm_len > 2 &&
	    strcmp(norm + norm_len - 2, "'s") == 0)
		norm[norm_len - 2] = '\0';
	form->norm = norm;
	if (kind == POLGRAPH_TOKEN_WORD) {
		name_keys(actors, norm, arena, &form->keys);
		form->stem = stem_of(actors, norm, arena);
	} else {
		form->keys.keys[0] = norm;
		form->keys.count = 1;
		form->stem = norm;
	}
	for (size_t k = 0; k < form->keys.count; k++)
		form->keys.keys[k] = lexicon_key(actors, form->keys.keys[k]);
	form->cue_start = kind == POLGRAPH_TOKEN_WORD &&
	                  polgraph_strmap_get(&actors->cue_prefixes, form->stem,
	                                      strlen(form->stem), NULL);
	derive_shape(actors, form);
	/* The order best_pattern has always tried them in. */
	if (kind == POLGRAPH_TOKEN_PUNCT) {
		note_bucket(actors, form, ".", form->norm);
		return;
	}
	note_bucket(actors, form, "=", form->bare);
	for (size_t k = 0; k < form->keys.count; k++)
		note_bucket(actors, form, "~", form->keys.keys[k]);
}

/* The form of a token: remembered by its form id, newly remembered, or
 * (a token without an id) derived into the article's arena. */
static const struct form *form_of(struct run *run,
                                  const struct polgraph_token *token)
{
	struct polgraph_actors *actors = run->actors;
	const struct polgraph_forms *table =
		run->result ? run->result->forms : NULL;
	const char *surface = run->text + token->start;
	size_t len = token->end - token->start, id = token->form;
	struct form *form;

	if (id == POLGRAPH_FORM_NONE || !table) {
		form = polgraph_arena_alloc(run->arena, sizeof(*form));
		derive_form(actors, surface, len, token->kind, run->arena,
		            form);
		return form;
	}
	if (actors->form_table != table) { /* ids of another table */
		if (actors->form_capacity)
			memset(actors->forms, 0,
			       actors->form_capacity * sizeof(*actors->forms));
		polgraph_arena_release(&actors->form_arena);
		actors->form_table = table;
	}
	if (id >= actors->form_capacity) {
		size_t old = actors->form_capacity;

		polgraph_xgrow((void **)&actors->forms, &actors->form_capacity,
		               id + 1, sizeof(*actors->forms));
		memset(actors->forms + old, 0,
		       (actors->form_capacity - old) * sizeof(*actors->forms));
	}
	if (!actors->forms[id]) {
		form = polgraph_arena_alloc(&actors->form_arena, sizeof(*form));
		derive_form(actors, surface, len, token->kind,
		            &actors->form_arena, form);
		actors->forms[id] = form;
	}
	return actors->forms[id];
}

static void add_token(struct run *run, const struct polgraph_token *token,
                      size_t sentence, bool first_word)
{
	const struct form *form = form_of(run, token);
	struct tok *tok;

	if (run->tok_count == run->tok_capacity)
		polgraph_xgrow((void **)&run->toks, &run->tok_capacity,
		               run->tok_count + 1, sizeof(*run->toks));
	tok = &run->toks[run->tok_count++];
	memset(tok, 0, sizeof(*tok));
	tok->start = token->start;
	tok->end = token->end;
	tok->kind = token->kind;
	tok->flags = token->flags;
	tok->sentence = sentence;
	tok->sentence_start = first_word;
	tok->hit = -1;
	tok->surface = form->surface;
	tok->bare = form->bare;
	tok->norm = form->norm;
	tok->keys = &form->keys;
	tok->stem = form->stem;
	tok->form = form;
}

static void tokenize(struct run *run)
{
	const struct polgraph_result *result = run->result;

	for (size_t s = 0; result->tokens && s < result->sentence_count; s++) {
		bool first_word = true;

		for (size_t i = result->sentence_tokens[s];
		     i < result->sentence_tokens[s + 1]; i++) {
			bool word =
				result->tokens[i].kind == POLGRAPH_TOKEN_WORD;

			add_token(run, &result->tokens[i], s,
			          word && first_word);
			if (word)
				first_word = false;
		}
	}
	for (size_t s = 0; !result->tokens && s < result->sentence_count; s++) {
		const struct polgraph_sentence *sentence =
			&result->sentences[s];
		struct polgraph_token *tokens;
		size_t count;
		bool first_word = true;

		polgraph_text_tokens(run->text, sentence->start, sentence->end,
		                     run->arena, &tokens, &count);
		for (size_t i = 0; i < count; i++) {
			bool word = tokens[i].kind == POLGRAPH_TOKEN_WORD;

			add_token(run, &tokens[i], s, word && first_word);
			if (word)
				first_word = false;
		}
	}
}

static size_t add_hit(struct run *run, size_t first, size_t last,
                      enum hit_source source)
{
	struct hit *hit;

	polgraph_xgrow((void **)&run->hits, &run->hit_capacity,
	               run->hit_count + 1, sizeof(*run->hits));
	hit = &run->hits[run->hit_count];
	memset(hit, 0, sizeof(*hit));
	hit->first = first;
	hit->last = last;
	hit->source = source;
	for (size_t i = first; i < last; i++)
		run->toks[i].hit = (long)run->hit_count;
	return run->hit_count++;
}

/*
 * Appends separator and word to buf[0..*len) (NUL-terminated), without
 * printf: this runs for every word of every article. False when it does
 * not fit.
 */
static bool append_word(char *buf, size_t size, size_t *len,
                        const char *separator, const char *word)
{
	size_t separator_len = strlen(separator), word_len = strlen(word);

	if (*len + separator_len + word_len + 1 > size)
		return false;
	memcpy(buf + *len, separator, separator_len);
	memcpy(buf + *len + separator_len, word, word_len + 1);
	*len += separator_len + word_len;
	return true;
}

/*
 * Length in words of the cue phrase from set that starts at token i
 * (0 if none). Phrases are up to four words; punctuation ends them.
 */
static size_t phrase_from(const struct run *run,
                          const struct polgraph_strmap *set, size_t i)
{
	char joined[256];
	size_t best = 0, len = 0;
	const struct form *form = run->toks[i].form;
	unsigned bit = cue_bit(run->actors, set);

	if (bit && !form->cue_continues) /* a one-word phrase or none */
		return form->cue_sets & bit ? 1 : 0;
	for (size_t n = 0; n < 4 && i + n < run->tok_count; n++) {
		const struct tok *tok = &run->toks[i + n];

		if (!is_word(tok) || tok->sentence != run->toks[i].sentence ||
		    !append_word(joined, sizeof(joined), &len, n ? " " : "",
		                 tok->stem))
			break;
		if (n && !polgraph_strmap_get(&run->actors->cue_prefixes,
		                              joined, len, NULL))
			break;
		if (polgraph_strmap_get(set, joined, len, NULL))
			best = n + 1;
	}
	return best;
}

/* Inline: most words start no cue phrase, and it is asked at every one. */
static inline size_t phrase_at(const struct run *run,
                               const struct polgraph_strmap *set, size_t i)
{
	if (i >= run->tok_count || !run->toks[i].form->cue_start)
		return 0;
	return phrase_from(run, set, i);
}

/* Does a cue phrase from set end at token i? */
static bool phrase_ends_at(const struct run *run,
                           const struct polgraph_strmap *set, size_t i)
{
	for (size_t n = 0; n < 4 && n <= i; n++)
		if (phrase_at(run, set, i - n) == n + 1)
			return true;
	return false;
}

static size_t common_prefix(const char *x, const char *y)
{
	size_t n = 0;

	while (x[n] && x[n] == y[n])
		n++;
	return n;
}

/* Does pattern match at token i? *score rewards closer word forms. */
static bool pattern_matches(const struct run *run,
                            const struct pattern *pattern, size_t i,
                            size_t *score)
{
	bool lenient = run->lenient;

	*score = 0;
	if (i + pattern->word_count > run->tok_count)
		return false;
	/* Most patterns fail on a word: test them all before scoring. */
	for (size_t w = 0; w < pattern->word_count; w++) {
		const struct alias_word *word = &pattern->words[w];
		const struct tok *tok = &run->toks[i + w];

		if (tok->sentence != run->toks[i].sentence || tok->hit >= 0)
			return false;
		if (word->flags & WORD_PUNCT) {
			if (tok->kind != POLGRAPH_TOKEN_PUNCT ||
			    strcmp(tok->norm, word->match) != 0)
				return false;
		} else if (word->flags & WORD_EXACT) {
			if (strcmp(lenient ? tok->norm : tok->bare,
			           lenient ? word->norm : word->match) != 0)
				return false;
		} else {
			if (!is_word(tok) ||
			    !meets_lexicon(tok->keys, word->keys))
				return false;
			if ((word->flags & WORD_CAPITAL) &&
			    !is_capitalized(tok) && !lenient)
				return false;
		}
	}
	for (size_t w = 0; w < pattern->word_count; w++) {
		const struct alias_word *word = &pattern->words[w];
		const struct tok *tok = &run->toks[i + w];

		if (word->flags & WORD_PUNCT)
			continue;
		if (word->flags & WORD_EXACT) {
			*score += 2 * strlen(word->match);
		} else {
			*score += common_prefix(tok->norm, word->norm);
			if (strcmp(tok->norm, word->norm) == 0)
				*score += 1;
		}
	}
	return true;
}

/* The best match so far and where it was filed. */
struct best {
	const struct pattern *pattern; /* NULL: none yet */
	size_t score;
	size_t bucket, position; /* try order: earlier wins a tie */
};

/* Tries the patterns of list at token i, filed under the form's bucket
 * number b; keeps the best: the longest, then the closest, then the first
 * lexicon entry, then the first filed (as if tried in filing order). */
static void try_filed(const struct run *run, size_t i, size_t b,
                      const struct filed *list, size_t count, struct best *best)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t p = 0; p < count; p++) {
		const struct pattern *pattern =
			&actors->patterns[list[p].pattern];
		const struct pattern *old = best->pattern;
		size_t score;

		if (!pattern_matches(run, pattern, i, &score))
			continue;
		if (!old || pattern->word_count > old->word_count ||
		    (pattern->word_count == old->word_count &&
		     (score > best->score ||
		      (score == best->score &&
		       (pattern->entry < old->entry ||
		        (pattern->entry == old->entry &&
		         (b < best->bucket ||
		          (b == best->bucket &&
		           list[p].position < best->position)))))))) {
			best->pattern = pattern;
			best->score = score;
			best->bucket = b;
			best->position = list[p].position;
		}
	}
}

/* The longest, closest lexicon pattern that matches at token i: those
 * filed under the token's surface ("=Minsk"), its name keys ("~минск") or,
 * for punctuation, the mark (".("), and, for longer ones, under those of
 * the next token too - found once per word form. */
static const struct pattern *best_pattern(const struct run *run, size_t i)
{
	const struct polgraph_actors *actors = run->actors;
	const struct form *form = run->toks[i].form;
	const struct form *next =
		i + 1 < run->tok_count && run->toks[i + 1].sentence ==
						  run->toks[i].sentence
			? run->toks[i + 1].form
			: NULL;
	struct best best = { 0 };

	for (size_t b = 0; b < form->bucket_count; b++) {
		const struct bucket *bucket =
			&actors->buckets[form->buckets[b]];

		try_filed(run, i, b, bucket->patterns, bucket->count, &best);
		if (!next || !(form->leads & 1u << b))
			continue;
		for (size_t n = 0; n < next->bucket_count; n++) {
			const struct pair *pair =
				next->follows & 1u << n
					? find_pair(actors, form->buckets[b],
			                            next->buckets[n])
					: NULL;

			if (pair)
				try_filed(run, i, b, pair->patterns,
				          pair->count, &best);
		}
	}
	return best.pattern;
}

/* Next word token after i in the same sentence, or SIZE_MAX. */
static size_t next_word(const struct run *run, size_t i)
{
	for (size_t j = i + 1; j < run->tok_count; j++) {
		if (run->toks[j].sentence != run->toks[i].sentence)
			break;
		if (is_word(&run->toks[j]))
			return j;
	}
	return SIZE_MAX;
}

/* A demonym stands for its state only before an agent noun:
 * "белорусское посольство", "American officials". */
static bool demonym_acts(const struct run *run, size_t last)
{
	size_t j = next_word(run, last - 1);

	for (int n = 0; n < 2 && j != SIZE_MAX; n++, j = next_word(run, j))
		if (phrase_at(run, &run->actors->agent_nouns, j))
			return true;
	return false;
}

/* Is the word at i free to be part of a name? */
static bool name_word(const struct run *run, size_t i)
{
	const struct tok *tok = &run->toks[i];

	return is_capitalized(tok) && tok->hit < 0 &&
	       (!(tok->flags & POLGRAPH_TOKEN_ALLCAPS) || is_initial(run, i));
}

static const struct first_name *first_name_of(const struct run *run,
                                              const struct tok *tok)
{
	size_t index;

	if (!polgraph_strmap_get(&run->actors->first_name_forms, tok->norm,
	                         strlen(tok->norm), &index))
		return NULL;
	return &run->actors->names[index];
}

/* Does any name of the entry contain a word meeting tok ("Реджеп" in
 * "Реджеп Тайип Эрдоган")? */
static bool entry_has_word(const struct run *run, size_t entry,
                           const struct tok *tok)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t p = 0; p < actors->pattern_count; p++) {
		const struct pattern *pattern = &actors->patterns[p];

		if (pattern->entry != entry)
			continue;
		for (size_t w = 0; w < pattern->word_count; w++)
			if (pattern->words[w].keys &&
			    meets_lexicon(tok->keys, pattern->words[w].keys))
				return true;
	}
	return false;
}

static void find_lexicon_actors(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 0; i < run->tok_count; i++) {
		const struct pattern *pattern;
		const struct tok *tok = &run->toks[i];
		size_t first, last, hit;

		if (tok->hit >= 0 || !(pattern = best_pattern(run, i)))
			continue;
		last = i + pattern->word_count;
		if (pattern->word_count == 1 &&
		    !(pattern->words[0].flags & WORD_EXACT)) {
			/* Sentence-initial function words ("Того") and
			 * common words read as names are not actors. */
			if (polgraph_strmap_has(&actors->not_names, tok->norm))
				continue;
			if (tok->sentence_start &&
			    polgraph_strmap_has(&actors->common, tok->norm) &&
			    (pattern->words[0].flags & WORD_CAPITAL))
				continue;
		}
		if (pattern->kind == POLGRAPH_ALIAS_DEMONYM &&
		    !demonym_acts(run, last))
			continue;
		first = i;
		/* "А. Г. Лукашенко", "J. D. Vance": initials join the name. */
		if (actors->lexicon->entries[pattern->entry].type ==
		    POLGRAPH_ACTOR_PERSON)
			while (first >= 2 && is_initial(run, first - 2))
				first -= 2;
		/* "Реджеп Эрдоган" where the lexicon knows "Эрдоган"; but
		 * "Андрей Кравчук" is not Leonid Kravchuk: another first
		 * name makes another person, left to the people pass. */
		if (actors->lexicon->entries[pattern->entry].type ==
		            POLGRAPH_ACTOR_PERSON &&
		    first == i && first >= 1 &&
		    run->toks[first - 1].sentence == tok->sentence &&
		    name_word(run, first - 1) &&
		    first_name_of(run, &run->toks[first - 1])) {
			if (!entry_has_word(run, pattern->entry,
			                    &run->toks[first - 1]))
				continue;
			first--;
		}
		hit = add_hit(run, first, last, FROM_LEXICON);
		run->hits[hit].entry = pattern->entry;
		run->hits[hit].alias = pattern->alias;
		run->hits[hit].kind = pattern->kind == POLGRAPH_ALIAS_DEMONYM
		                              ? POLGRAPH_MENTION_DEMONYM
		                      : pattern->kind == POLGRAPH_ALIAS_METONYM
		                              ? POLGRAPH_MENTION_METONYM
		                              : POLGRAPH_MENTION_NAME;
		i = last - 1;
	}
}

/* ---- organisations the lexicon does not know ---- */

static const char *span_text(const struct run *run, size_t first, size_t last)
{
	return polgraph_arena_strndup(
		run->arena, run->text + run->toks[first].start,
		run->toks[last - 1].end - run->toks[first].start);
}

static void name_org(struct run *run, size_t hit, const char *surface)
{
	const char *latin =
		polgraph_romanize(surface, strlen(surface), run->arena);

	run->hits[hit].type = POLGRAPH_ACTOR_ORGANIZATION;
	run->hits[hit].name = latin;
	run->hits[hit].key = polgraph_arena_concat(
		run->arena, "org:", slug(latin, run->arena), NULL);
}

static bool closes(const struct tok *open, const struct tok *tok)
{
	if (is_punct(open, "«"))
		return is_punct(tok, "»");
	if (is_punct(open, "“"))
		return is_punct(tok, "”") || is_punct(tok, "“");
	if (is_punct(open, "„"))
		return is_punct(tok, "“") || is_punct(tok, "”");
	return is_punct(open, "\"") && is_punct(tok, "\"");
}

/* «Белавиа» after авиакомпания, "Reuters" after agency, ... */
static void find_quoted_orgs(struct run *run)
{
	for (size_t i = 1; i + 2 < run->tok_count; i++) {
		const struct tok *open = &run->toks[i];
		size_t close, prev = i - 1;
		bool clean = true;

		if (!(is_punct(open, "«") || is_punct(open, "“") ||
		      is_punct(open, "\"") || is_punct(open, "„")) ||
		    run->toks[prev].sentence != open->sentence ||
		    !phrase_ends_at(run, &run->actors->org_nouns, prev) ||
		    !is_capitalized(&run->toks[i + 1]))
			continue;
		for (close = i + 1; close < run->tok_count && close < i + 10;
		     close++) {
			if (run->toks[close].sentence != open->sentence ||
			    closes(open, &run->toks[close]))
				break;
			if (run->toks[close].hit >= 0)
				clean = false;
		}
		if (close >= run->tok_count || close == i + 10 ||
		    close == i + 1 || !closes(open, &run->toks[close]) ||
		    !clean)
			continue;
		name_org(run, add_hit(run, i + 1, close, FROM_ORG),
		         span_text(run, i + 1, close));
		i = close;
	}
}

static bool roman_numeral(const char *s)
{
	for (; *s; s++)
		if (!strchr("IVXLCDM", *s))
			return false;
	return true;
}

/* Acronyms and words that name no organisation, in any form (МИДа). */
static bool not_org_keys(const struct polgraph_actors *actors,
                         const struct keyset *keys)
{
	for (size_t k = 0; k < keys->count; k++)
		if (polgraph_strmap_has(&actors->not_orgs, keys->keys[k]))
			return true;
	return false;
}

static bool not_org(const struct run *run, const struct tok *tok)
{
	return not_org_keys(run->actors, tok->keys);
}

/* Sentences mostly in capitals (headlines, datelines) have no acronyms. */
static bool shouting(const struct run *run, size_t sentence)
{
	size_t words = 0, caps = 0;

	for (size_t i = 0; i < run->tok_count; i++) {
		if (run->toks[i].sentence != sentence ||
		    !is_word(&run->toks[i]))
			continue;
		words++;
		if (run->toks[i].flags & POLGRAPH_TOKEN_ALLCAPS)
			caps++;
	}
	return words >= 3 && caps * 2 > words;
}

/* БелТА, ЦСКА, OSCE: acronyms no lexicon or stop list knows. */
static void find_acronym_orgs(struct run *run)
{
	for (size_t i = 0; i < run->tok_count; i++) {
		const struct tok *tok = &run->toks[i];

		if (!is_word(tok) || tok->hit >= 0 ||
		    !tok->form->acronym_shape || !is_capitalized(tok) ||
		    shouting(run, tok->sentence))
			continue;
		name_org(run, add_hit(run, i, i + 1, FROM_ORG), tok->bare);
	}
}

/* "Acme Inc.", "Harwick Group": capitalised words before a suffix. */
static void find_suffixed_orgs(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 1; i < run->tok_count; i++) {
		const struct tok *tok = &run->toks[i];
		size_t first = i, last = i + 1;

		if (!is_word(tok) || tok->hit >= 0 || !tok->form->org_suffix)
			continue;
		while (first > 0 &&
		       run->toks[first - 1].sentence == tok->sentence &&
		       is_capitalized(&run->toks[first - 1]) &&
		       run->toks[first - 1].hit < 0 && i - first < 4 &&
		       !polgraph_strmap_has(&actors->not_names,
		                            run->toks[first - 1].norm))
			first--;
		if (first == i)
			continue;
		if (last < run->tok_count && is_punct(&run->toks[last], ".") &&
		    run->toks[last].sentence == tok->sentence)
			last++;
		name_org(run, add_hit(run, first, last, FROM_ORG),
		         span_text(run, first, i + 1));
		i = last - 1;
	}
}

/* ---- descriptors, bodies, named organisations and places ---- */

/* Where does the cue phrase from set that ends at token i start? */
static bool phrase_start(const struct run *run,
                         const struct polgraph_strmap *set, size_t i,
                         size_t *start)
{
	for (size_t n = 4; n >= 1; n--)
		if (n <= i + 1 && phrase_at(run, set, i - n + 1) == n) {
			*start = i - n + 1;
			return true;
		}
	return false;
}

/* Is every token in [first, last) a free word of one sentence? */
static bool free_words(const struct run *run, size_t first, size_t last)
{
	for (size_t t = first; t < last; t++)
		if (!is_word(&run->toks[t]) || run->toks[t].hit >= 0 ||
		    run->toks[t].sentence != run->toks[first].sentence)
			return false;
	return true;
}

static void take_tokens(struct run *run, size_t hit, size_t first, size_t last)
{
	for (size_t t = first; t < last; t++)
		run->toks[t].hit = (long)hit;
	run->hits[hit].first = first;
	run->hits[hit].last = last;
}

/*
 * An organisation in quotes takes its descriptor and quotes with it, as
 * the text names it: "авиакомпании «Белавиа»", "партии «Яблоко»".
 */
static void widen_quoted(struct run *run, size_t hit)
{
	const struct hit *h = &run->hits[hit];
	size_t start;

	if (h->first < 2 || h->last >= run->tok_count ||
	    !closes(&run->toks[h->first - 1], &run->toks[h->last]) ||
	    run->toks[h->last].hit >= 0 ||
	    !phrase_start(run, &run->actors->org_nouns, h->first - 2, &start) ||
	    !free_words(run, start, h->first - 1))
		return;
	run->toks[h->first - 1].hit = (long)hit;
	take_tokens(run, hit, start, h->last + 1);
}

static void widen_quoted_orgs(struct run *run)
{
	for (size_t i = 0; i < run->hit_count; i++) {
		const struct hit *hit = &run->hits[i];
		bool org = hit->source == FROM_ORG ||
		           (hit->source == FROM_LEXICON &&
		            run->actors->lexicon->entries[hit->entry].type ==
		                    POLGRAPH_ACTOR_ORGANIZATION);

		if (org && !hit->dropped)
			widen_quoted(run, i);
	}
}

/* "city-hall" -> "City hall". */
static const char *body_title(const char *id, struct polgraph_arena *arena)
{
	char *title = polgraph_arena_strdup(arena, id);

	for (char *c = title; *c; c++)
		if (*c == '-')
			*c = ' ';
	if (title[0] >= 'a' && title[0] <= 'z')
		title[0] = (char)(title[0] - 'a' + 'A');
	return title;
}

/* Words that may stand between a body and its place: genitives
 * ("министерства сельского хозяйства Германии") and English "of", but no
 * preposition ("посольство в Киеве" is an embassy somewhere else). */
static bool body_link(const struct tok *tok)
{
	return !tok->form->preposition;
}

/* The body id of the longest body phrase starting at first and ending
 * before last: "министерство иностранных дел", not "министерство". */
static bool longest_body(const struct run *run, size_t first, size_t last,
                         size_t *body)
{
	char joined[256];
	size_t len = 0;
	bool found = false;

	for (size_t t = first; t < last && t < first + 4; t++) {
		if (!append_word(joined, sizeof(joined), &len,
		                 t > first ? " " : "", run->toks[t].stem))
			break;
		if (polgraph_strmap_get(&run->actors->bodies, joined, len,
		                        body))
			found = true;
	}
	return found;
}

/* Names an organisation hit as body of the place: org:CHN-government,
 * "Government of China". */
static void name_body(struct run *run, size_t hit, const char *target,
                      const char *target_name, size_t body)
{
	const char *id = run->actors->body_ids[body];

	run->hits[hit].type = POLGRAPH_ACTOR_ORGANIZATION;
	run->hits[hit].key = polgraph_arena_concat(run->arena, "org:", target,
	                                           "-", id, NULL);
	run->hits[hit].name =
		polgraph_arena_concat(run->arena, body_title(id, run->arena),
	                              " of ", target_name, NULL);
}

/*
 * A body of a state or city: a body noun, up to three lower-case words,
 * then the state or city ("правительства Китая", "Министерства сельского
 * хозяйства Германии", "мэрии Москвы"). It is an organisation that
 * belongs to that state, keyed by state and body: org:CHN-government.
 * A capital names its city here, not the state: org:moskva-city-hall.
 */
static void find_bodies(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 0; i < run->hit_count; i++) {
		struct hit *place = &run->hits[i];
		const struct polgraph_lexicon_entry *entry;
		const char *target, *target_name;
		size_t body, start = 0, hit;
		bool found = false;

		if (place->source != FROM_LEXICON || place->dropped)
			continue;
		entry = &actors->lexicon->entries[place->entry];
		/* "японского МИДа", "American government": demonym first. */
		if (place->kind == POLGRAPH_MENTION_DEMONYM) {
			size_t length =
				place->last < run->tok_count
					? phrase_at(run, &actors->bodies,
			                            place->last)
					: 0;

			if (!length ||
			    !free_words(run, place->last,
			                place->last + length) ||
			    !longest_body(run, place->last,
			                  place->last + length, &body) ||
			    polgraph_strmap_has(&actors->state_bodies,
			                        actors->body_ids[body]))
				continue;
			place->dropped = true;
			hit = add_hit(run, place->first, place->last + length,
			              FROM_ORG);
			name_body(run, hit, strchr(entry->key, ':') + 1,
			          entry->name, body);
			continue;
		}
		if (entry->type != POLGRAPH_ACTOR_COUNTRY &&
		    entry->type != POLGRAPH_ACTOR_LOCATION)
			continue;
		for (size_t back = 1;
		     back <= 4 && back <= place->first && !found; back++) {
			size_t end = place->first - back;
			const struct tok *tok = &run->toks[end];

			if (!is_word(tok) || tok->hit >= 0 ||
			    tok->sentence != run->toks[place->first].sentence)
				break;
			if (phrase_start(run, &actors->bodies, end, &start) &&
			    free_words(run, start, place->first))
				found = true;
			else if (is_capitalized(tok) || !body_link(tok))
				break;
		}
		if (!found || !longest_body(run, start, place->first, &body) ||
		    polgraph_strmap_has(&actors->state_bodies,
		                        actors->body_ids[body]))
			continue;
		if (place->kind == POLGRAPH_MENTION_METONYM) {
			const char *city = polgraph_romanize(
				place->alias, strlen(place->alias), run->arena);

			target = slug(city, run->arena);
			target_name = city;
		} else {
			target = strchr(entry->key, ':') + 1;
			target_name = entry->name;
		}
		place->dropped = true;
		hit = add_hit(run, start, place->last, FROM_ORG);
		name_body(run, hit, target, target_name, body);
	}
}

/* Lower-case words that can hang off a name in the genitive ("Комитет
 * защиты журналистов"), but not verbs ("Совет заявил"). */
static bool genitive_like(const struct tok *tok)
{
	static const char *const endings[] = {
		"а",  "я",  "ы",   "и",   "ов", "ев",   "ей",
		"ых", "их", "ого", "его", "ой", "ства", "ств",
	};
	static const char *const verbs[] = { "ли", "ла", "ся", "сь",
		                             "ть", "ти", "ет", "ит" };

	return is_word(tok) && !is_capitalized(tok) &&
	       has_cyrillic(tok->norm) &&
	       utf8_length(tok->norm, strlen(tok->norm)) >= 4 &&
	       ends_with_any(tok->norm, endings, ARRAY_SIZE(endings)) &&
	       !ends_with_any(tok->norm, verbs, ARRAY_SIZE(verbs));
}

/* An organisation's key from its words' stems, so every case of one name
 * meets: "Общественной палаты" and "Общественная палата". */
static const char *stem_key(struct run *run, const char *prefix, size_t first,
                            size_t last)
{
	struct polgraph_buf joined = { 0 };
	const char *key;

	for (size_t t = first; t < last; t++) {
		const struct tok *tok = &run->toks[t];

		if (!is_word(tok))
			continue;
		if (joined.len)
			polgraph_buf_puts(&joined, " ");
		polgraph_buf_puts(&joined, shortest_key(tok->keys));
	}
	key = polgraph_arena_concat(
		run->arena, prefix, ":",
		slug(polgraph_romanize(joined.data ? joined.data : "",
	                               joined.len, run->arena),
	             run->arena),
		NULL);
	polgraph_buf_release(&joined);
	return key;
}

static bool adjective_like(const struct tok *tok)
{
	return tok->form->adjective;
}

/*
 * Russian names of organisations: capitalised words around a head noun
 * with the genitive words that complete it: "Комитет защиты журналистов",
 * "Общественной палаты", "Русская православная церковь", "Нью-йоркская
 * фондовая биржа".
 */
static void find_named_orgs(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 0; i < run->tok_count; i++) {
		const struct tok *tok = &run->toks[i];
		size_t head = SIZE_MAX, end, hit;

		if (!is_capitalized(tok) || tok->hit >= 0 ||
		    !has_cyrillic(tok->norm) ||
		    (tok->flags & POLGRAPH_TOKEN_ALLCAPS) ||
		    polgraph_strmap_has(&actors->not_names, tok->norm))
			continue;
		/* At a sentence start every word has a capital: only an
		 * adjective there can begin a name ("Российский фонд"). */
		if (tok->sentence_start && !adjective_like(tok))
			continue;
		for (size_t k = i; k < i + 3 && k < run->tok_count; k++) {
			size_t length;

			if (!free_words(run, i, k + 1))
				break;
			length = phrase_at(run, &actors->org_nouns, k);
			if (length && free_words(run, k, k + length)) {
				head = k + length - 1;
				break;
			}
			if (k > i && !is_capitalized(&run->toks[k]) &&
			    !genitive_like(&run->toks[k]) &&
			    run->toks[k].norm[0] != '\0' &&
			    !has_suffix(run->toks[k].norm, "ая") &&
			    !has_suffix(run->toks[k].norm, "ой") &&
			    !has_suffix(run->toks[k].norm, "ый") &&
			    !has_suffix(run->toks[k].norm, "ий"))
				break;
		}
		if (head == SIZE_MAX)
			continue;
		end = head + 1;
		while (end < run->tok_count && end < head + 4 &&
		       run->toks[end].sentence == tok->sentence &&
		       run->toks[end].hit < 0 && genitive_like(&run->toks[end]))
			end++;
		/* A lone capitalised noun ("Совет", "Правительство") is too
		 * vague; a sentence-initial one is just a capital letter. */
		if (end - i < 2 ||
		    (tok->sentence_start && head == i && end == head + 1))
			continue;
		hit = add_hit(run, i, end, FROM_ORG);
		run->hits[hit].type = POLGRAPH_ACTOR_ORGANIZATION;
		run->hits[hit].name = polgraph_romanize(
			span_text(run, i, end), strlen(span_text(run, i, end)),
			run->arena);
		run->hits[hit].key = stem_key(run, "org", i, end);
		i = end - 1;
	}
}

/*
 * In Cyrillic text, capitalised words in Latin letters that are no one's
 * name are organisations, brands or titles: Vestas, Microsoft, MySQL.
 */
static void find_latin_orgs(struct run *run)
{
	const char *lang = run->result->article.lang;

	if (!lang || (strcmp(lang, "ru") != 0 && strcmp(lang, "uk") != 0 &&
	              strcmp(lang, "be") != 0))
		return;
	for (size_t i = 0; i < run->tok_count; i++) {
		size_t end = i, hit;

		while (end < run->tok_count && end < i + 6 &&
		       run->toks[end].hit < 0 &&
		       run->toks[end].sentence == run->toks[i].sentence) {
			const struct tok *tok = &run->toks[end];
			bool connector = tok->form->connector;

			if (connector && end > i && end + 1 < run->tok_count &&
			    is_capitalized(&run->toks[end + 1]) &&
			    !has_cyrillic(run->toks[end + 1].norm)) {
				end++;
				continue;
			}
			if (!is_capitalized(tok) || has_cyrillic(tok->norm) ||
			    not_org(run, tok))
				break;
			end++;
		}
		if (end == i)
			continue;
		hit = add_hit(run, i, end, FROM_ORG);
		/* "Джошуа Вольфа (Joshua Wolf)": the Latin spelling in
		 * brackets is the same actor as the name before it. */
		if (i >= 2 && end < run->tok_count &&
		    is_punct(&run->toks[i - 1], "(") &&
		    is_punct(&run->toks[end], ")") &&
		    run->toks[i - 2].hit >= 0 &&
		    run->toks[i - 2].sentence == run->toks[i].sentence) {
			const struct hit *before =
				&run->hits[run->toks[i - 2].hit];

			if (before->source == FROM_LEXICON) {
				const struct polgraph_lexicon_entry *entry =
					&run->actors->lexicon
						 ->entries[before->entry];

				run->hits[hit].key = entry->key;
				run->hits[hit].name = entry->name;
				run->hits[hit].type = entry->type;
			} else if (before->key) {
				run->hits[hit].key = before->key;
				run->hits[hit].name = before->name;
				run->hits[hit].type = before->type;
			}
			if (run->hits[hit].key) {
				i = end - 1;
				continue;
			}
		}
		name_org(run, hit, span_text(run, i, end));
		i = end - 1;
	}
}

/*
 * Places no gazetteer lists: a place noun and a name ("реки Славянки",
 * "города Феникс", "района «Отрадное»") or a capitalised adjective and a
 * place noun ("Манежной площади", "Кронштадтском бульваре").
 */
static void find_places(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 0; i < run->tok_count; i++) {
		const struct tok *tok = &run->toks[i];
		size_t length, end, hit, name_first;

		if (!is_word(tok) || tok->hit >= 0)
			continue;
		length = phrase_at(run, &actors->place_nouns, i);
		if (length && !is_capitalized(tok) &&
		    free_words(run, i, i + length)) {
			name_first = i + length;
			end = name_first;
			if (end < run->tok_count &&
			    (is_punct(&run->toks[end], "«") ||
			     is_punct(&run->toks[end], "\"")))
				end++;
			/* "округе Александр Хлопонин" names a person. */
			while (end < run->tok_count && end < name_first + 3 &&
			       run->toks[end].sentence == tok->sentence &&
			       name_word(run, end) &&
			       !first_name_of(run, &run->toks[end]))
				end++;
			if (end > name_first &&
			    is_capitalized(&run->toks[end - 1])) {
				if (end < run->tok_count && name_first < end &&
				    is_punct(&run->toks[name_first], "«") &&
				    is_punct(&run->toks[end], "»"))
					end++;
				hit = add_hit(run, i, end, FROM_ORG);
				run->hits[hit].type = POLGRAPH_ACTOR_LOCATION;
				run->hits[hit].name = polgraph_romanize(
					span_text(run, name_first, end),
					strlen(span_text(run, name_first, end)),
					run->arena);
				run->hits[hit].key =
					stem_key(run, "loc", name_first, end);
				i = end - 1;
				continue;
			}
		}
		if (is_capitalized(tok) && adjective_like(tok) &&
		    !(tok->flags & POLGRAPH_TOKEN_ALLCAPS) &&
		    i + 1 < run->tok_count &&
		    !is_capitalized(&run->toks[i + 1]) &&
		    (length = phrase_at(run, &actors->place_nouns, i + 1)) &&
		    free_words(run, i, i + 1 + length)) {
			end = i + 1 + length;
			hit = add_hit(run, i, end, FROM_ORG);
			run->hits[hit].type = POLGRAPH_ACTOR_LOCATION;
			run->hits[hit].name = polgraph_romanize(
				span_text(run, i, end),
				strlen(span_text(run, i, end)), run->arena);
			run->hits[hit].key = stem_key(run, "loc", i, end);
			i = end - 1;
		}
	}
}

/* A plural title ("депутаты Сейма", "officials") names no one person. */
static bool plural(const struct tok *tok)
{
	static const char *const ru[] = { "ы",  "и",  "ами", "ями",
		                          "ов", "ев", "ей" };

	if (has_cyrillic(tok->norm))
		return ends_with_any(tok->norm, ru, ARRAY_SIZE(ru));
	return has_suffix(tok->norm, "s") && !has_suffix(tok->norm, "ss");
}

/* ---- groups ---- */

/*
 * Groups that act without a name: a regional adjective and a group noun
 * ("европейскими дипломатами", "Western officials"), or a compound group
 * noun ("коллегами-послами", "opposition figures"). A group noun alone
 * ("дипломаты") is too vague. Keyed by the words' stems, so every case of
 * one group meets: group:yevropeysk-diplomat.
 */
static void find_groups(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 0; i < run->tok_count; i++) {
		size_t first = i, head = i, length, hit;

		if (!is_word(&run->toks[i]) || run->toks[i].hit >= 0)
			continue;
		if (phrase_at(run, &actors->region_adjectives, i)) {
			head = i + 1;
			/* one more adjective may stand between */
			if (head < run->tok_count &&
			    !phrase_at(run, &actors->group_nouns, head) &&
			    head + 1 < run->tok_count)
				head++;
		}
		length = head < run->tok_count
		                 ? phrase_at(run, &actors->group_nouns, head)
		                 : 0;
		/* Groups are plural: "opposition leader" is a title. */
		if (!length ||
		    (head == first && length == 1 &&
		     !strchr(run->toks[head].norm, '-')) ||
		    !plural(&run->toks[head + length - 1]) ||
		    !free_words(run, first, head + length))
			continue;
		hit = add_hit(run, first, head + length, FROM_ORG);
		run->hits[hit].type = POLGRAPH_ACTOR_GROUP;
		run->hits[hit].name = polgraph_romanize(
			span_text(run, first, head + length),
			strlen(span_text(run, first, head + length)),
			run->arena);
		run->hits[hit].key =
			stem_key(run, "group", first, head + length);
		i = head + length - 1;
	}
}

/* ---- people the lexicon does not know ---- */

/* Is a person title ("посол", "President", "Mr.") just before token i?
 * Looks back over up to reach tokens of the same sentence, across lexicon
 * actors ("посол Минска в Ватикане Юрий ..."). */
static bool titled(const struct run *run, size_t i, size_t reach)
{
	for (size_t back = 1; back <= reach && back <= i; back++) {
		const struct tok *tok = &run->toks[i - back];

		if (tok->sentence != run->toks[i].sentence)
			break;
		if (tok->kind == POLGRAPH_TOKEN_PUNCT && !is_punct(tok, ".") &&
		    !is_punct(tok, ",") && !is_punct(tok, "-"))
			break;
		if (is_word(tok) &&
		    phrase_ends_at(run, &run->actors->person_titles, i - back))
			return reach > 2 || !plural(tok);
		if (is_capitalized(tok) && tok->hit < 0 && back > 1)
			break;
	}
	return false;
}

/* Patronymic shape (Григорьевич, Николаевной); only used between a
 * first name and a surname, since -евич is also a surname ending. */
static char patronymic_gender(const char *norm)
{
	static const char *const male[] = { "ович", "евич", "ича", "ичу",
		                            "ичем", "иче",  "ич" };
	static const char *const female[] = {
		"овна", "евна", "ична", "овны", "евны",  "ичны",
		"овне", "евне", "овну", "евну", "овной", "евной"
	};

	if (ends_with_any(norm, female, ARRAY_SIZE(female)))
		return 'f';
	if (ends_with_any(norm, male, ARRAY_SIZE(male)))
		return 'm';
	return 0;
}

/* Upper-cases the first letter (ASCII or Cyrillic а-я, ё). */
static char *capitalize(const char *s, struct polgraph_arena *arena)
{
	char *copy = polgraph_arena_strdup(arena, s);
	unsigned char *u = (unsigned char *)copy;

	if (u[0] >= 'a' && u[0] <= 'z') {
		u[0] = (unsigned char)(u[0] - 'a' + 'A');
	} else if (u[0] == 0xd0 && u[1] >= 0xb0 && u[1] <= 0xbf) {
		u[1] = (unsigned char)(u[1] - 0x20);
	} else if (u[0] == 0xd1 && u[1] >= 0x80 && u[1] <= 0x8f) {
		u[0] = 0xd0;
		u[1] = (unsigned char)(u[1] + 0x20);
	} else if (u[0] == 0xd1 && u[1] >= 0x90 && u[1] <= 0x9f) {
		u[0] = 0xd0;
		u[1] = (unsigned char)(u[1] - 0x10);
	}
	return copy;
}

/*
 * The nominative of a Russian surname from one inflected form, given its
 * name key and the person's gender ('m', 'f' or 0 when unknown):
 * Амбразевичем -> Амбразевич, Тихановской -> Тихановская, Науседой ->
 * Науседа, Рыженковым -> Рыженков, Левченко -> Левченко. An ending the
 * rules do not know is kept: an unknown form is better than a wrong one.
 */
static const char *surname_lemma(const char *form, const char *key, char gender,
                                 struct polgraph_arena *arena)
{
	static const struct {
		char gender; /* 'm', 'f', 'u' unknown, '?' any */
		char stem;   /* 'a' adjective (-ск/-цк), 'p' possessive
		                (-ов/-ев/-ин/-ын), 'c' other, '?' any */
		const char *ending; /* of the inflected form */
		const char *lemma;  /* ending of the nominative */
	} rules[] = {
		{ '?', 'a', "ий", "ий" },  { '?', 'a', "ого", "ий" },
		{ '?', 'a', "ому", "ий" }, { 'm', 'a', "им", "ий" },
		{ 'm', 'a', "ом", "ий" },  { '?', 'a', "ая", "ая" },
		{ '?', 'a', "ую", "ая" },  { 'f', 'a', "ой", "ая" },
		{ '?', 'a', "ой", "ая" },  { 'f', 'p', "а", "а" },
		{ 'f', 'p', "ой", "а" },   { 'f', 'p', "у", "а" },
		{ 'f', 'p', "е", "а" },    { '?', 'p', "ым", "" },
		{ 'm', 'p', "а", "" },     { 'm', 'p', "у", "" },
		{ 'm', 'p', "е", "" },     { '?', 'c', "ом", "" },
		{ '?', 'c', "ем", "" },    { 'm', 'c', "а", "" },
		{ 'm', 'c', "у", "" },     { 'm', 'c', "е", "" },
		{ 'f', 'c', "ой", "а" },   { 'u', 'c', "ой", "а" },
		{ '?', 'c', "ы", "а" },    { '?', 'c', "ою", "а" },
	};
	const char *ending = form + strlen(key);
	char stem = has_suffix(key, "ск") || has_suffix(key, "цк") ? 'a'
	            : has_suffix(key, "ов") || has_suffix(key, "ев") ||
	                            has_suffix(key, "ин") ||
	                            has_suffix(key, "ын")
	                    ? 'p'
	                    : 'c';

	if (!has_cyrillic(form) || strncmp(form, key, strlen(key)) != 0)
		return form;
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		if ((rules[i].gender != '?' &&
		     rules[i].gender != (gender ? gender : 'u')) ||
		    (rules[i].stem != '?' && rules[i].stem != stem) ||
		    strcmp(rules[i].ending, ending) != 0)
			continue;
		return polgraph_arena_concat(arena, key, rules[i].lemma, NULL);
	}
	return form;
}

struct person_words {
	size_t words[6]; /* token indices of the name's words */
	size_t count;
	bool initials; /* starts with initials */
};

/* Names do not mix scripts: "Regnum Минченко" is two things. */
static bool same_script(const struct tok *x, const struct tok *y)
{
	return has_cyrillic(x->norm) == has_cyrillic(y->norm);
}

/* Collects the capitalised run starting at token i; *end gets the token
 * after it. */
static void collect_run(const struct run *run, size_t i,
                        struct person_words *person, size_t *end)
{
	size_t j = i;

	person->count = 0;
	person->initials = is_initial(run, i);
	while (j < run->tok_count &&
	       person->count < ARRAY_SIZE(person->words) &&
	       run->toks[j].sentence == run->toks[i].sentence) {
		if (is_initial(run, j)) {
			person->words[person->count++] = j;
			j += 2;
		} else if (name_word(run, j) &&
		           (!person->count ||
		            same_script(&run->toks[person->words[0]],
		                        &run->toks[j]))) {
			person->words[person->count++] = j++;
		} else if (person->count && is_word(&run->toks[j]) &&
		           polgraph_strmap_has(&run->actors->particles,
		                               run->toks[j].norm) &&
		           j + 1 < run->tok_count && name_word(run, j + 1)) {
			j++; /* "фон", "van": kept in the span */
		} else {
			break;
		}
	}
	*end = j;
}

/* A common word in any of its forms ("Министерства", "Русской"). */
static bool is_common(const struct run *run, const struct tok *tok)
{
	return polgraph_strmap_has(&run->actors->common, tok->norm) ||
	       polgraph_strmap_has(&run->actors->common_stems, tok->stem);
}

/*
 * Does a Cyrillic word look like a surname? Slavic, Baltic and Caucasian
 * endings: -ов -ев -ин -ский -ич -ко -ук -дзе -швили -ян -ас -ис ...
 * Latin words always pass: English gives no such hint.
 */
static bool surname_shape(const struct tok *tok)
{
	static const char *const endings[] = {
		"ов",    "ев",   "ёв",  "ин",   "ын",   "ск",   "цк",
		"ич",    "ко",   "ук",  "юк",   "як",   "чук",  "дзе",
		"швили", "иани", "ян",  "янц",  "заде", "оглу", "ас",
		"ис",    "ус",   "ене", "айте", "ых",   "их",   "ец",
	};

	if (!has_cyrillic(tok->norm))
		return true;
	for (size_t k = 0; k < tok->keys->count; k++)
		if (ends_with_any(tok->keys->keys[k], endings,
		                  ARRAY_SIZE(endings)))
			return true;
	return false;
}

/* Drops leading words that are not names ("Об", "Президент"). */
static void trim_run(const struct run *run, struct person_words *person)
{
	const struct polgraph_actors *actors = run->actors;

	while (person->count) {
		const struct tok *tok = &run->toks[person->words[0]];

		if (is_initial(run, person->words[0]))
			break;
		if (!polgraph_strmap_has(&actors->not_names, tok->norm) &&
		    !(polgraph_strmap_has(&actors->common, tok->norm) &&
		      !first_name_of(run, tok)) &&
		    !phrase_at(run, &actors->person_titles, person->words[0]))
			break;
		memmove(person->words, person->words + 1,
		        --person->count * sizeof(person->words[0]));
		person->initials = false;
	}
	while (person->count &&
	       (polgraph_strmap_has(
			&actors->not_names,
			run->toks[person->words[person->count - 1]].norm) ||
	        (person->count > 1 &&
	         polgraph_strmap_has(
			 &actors->common,
			 run->toks[person->words[person->count - 1]].norm) &&
	         /* "Олег Станиславович Малыш": a patronymic vouches for
	          * the surname after it. */
	         !patronymic_gender(
			 run->toks[person->words[person->count - 2]].norm))))
		person->count--;
	/* "Минкомсвязи Игоря Щеголёва": a name starts at its first name. */
	for (size_t w = 1; w < person->count; w++) {
		if (!is_initial(run, person->words[w]) &&
		    first_name_of(run, &run->toks[person->words[w]]) &&
		    !first_name_of(run, &run->toks[person->words[w - 1]]) &&
		    !is_initial(run, person->words[w - 1])) {
			memmove(person->words, person->words + w,
			        (person->count - w) * sizeof(person->words[0]));
			person->count -= w;
			person->initials = false;
			break;
		}
	}
}

static void name_person(struct run *run, size_t hit,
                        const struct person_words *person,
                        const struct first_name *first, char gender)
{
	struct hit *h = &run->hits[hit];
	const struct tok *surname =
		&run->toks[person->words[person->count - 1]];
	const char *lemma, *latin;

	lemma = surname_lemma(surname->norm, shortest_key(surname->keys),
	                      gender, run->arena);
	latin = polgraph_romanize(capitalize(lemma, run->arena), strlen(lemma),
	                          run->arena);
	h->first_name = first ? first->latin : NULL;
	if (first)
		h->name = polgraph_arena_concat(run->arena, first->latin, " ",
		                                latin, NULL);
	else if (person->initials && person->count >= 2)
		h->name = polgraph_arena_concat(
			run->arena,
			polgraph_romanize(
				run->toks[person->words[0]].surface,
				strlen(run->toks[person->words[0]].surface),
				run->arena),
			". ", latin, NULL);
	else
		h->name = latin;
	h->type = POLGRAPH_ACTOR_PERSON;
	h->key = polgraph_arena_concat(
		run->arena, "person:", slug(h->name, run->arena), NULL);
	h->surname_keys = surname->keys;
}

/*
 * Endings that mark a Cyrillic word as a surname even with no title before
 * it (Овечкин, Ковальчук, Гацелицадзе); weaker ones (-ас, -ис, -их) need
 * a title.
 */
static bool strong_surname(const struct tok *tok)
{
	static const char *const endings[] = {
		"ов", "ев", "ёв",  "ин",  "ын",   "ск",  "цк", "енк",
		"ук", "юк", "чук", "вич", "швил", "дзе", "ян",
	};

	/* Place names in -ово/-ино (Сколково) and adjectives (Русский,
	 * Московская) share these endings. */
	static const char *const not_names[] = {
		"ово",  "ево",  "ино", "ыно", "ский", "ская", "ское", "ские",
		"цкий", "цкая", "ный", "ная", "ное",  "ые",   "ий",   "ая",
	};

	if (!has_cyrillic(tok->norm) ||
	    utf8_length(tok->norm, strlen(tok->norm)) < 5 ||
	    ends_with_any(tok->norm, not_names, ARRAY_SIZE(not_names)))
		return false;
	for (size_t k = 0; k < tok->keys->count; k++)
		if (ends_with_any(tok->keys->keys[k], endings,
		                  ARRAY_SIZE(endings)))
			return true;
	return false;
}

/*
 * Can a word stand alone after a title as a surname? It must look like
 * one, not be an adjective in an oblique case ("секретаря Свердловского
 * обкома", "Американского бюро"), and in Cyrillic text not be in Latin
 * letters ("глава Microsoft" is a company).
 */
static bool lone_surname(const struct run *run, const struct tok *tok)
{
	static const char *const adjectival[] = {
		"ого",  "его",  "ому",  "ему",  "ской", "цкой", "ским",
		"ских", "ском", "ское", "ские", "ных",  "ной",  "ным",
	};
	const char *lang = run->result ? run->result->article.lang : NULL;

	if (!has_cyrillic(tok->norm))
		return !(lang &&
		         (strcmp(lang, "ru") == 0 || strcmp(lang, "uk") == 0 ||
		          strcmp(lang, "be") == 0));
	return surname_shape(tok) &&
	       !ends_with_any(tok->norm, adjectival, ARRAY_SIZE(adjectival));
}

/*
 * Two capitalised words with no other cue are a name when neither is a
 * common word and the second looks like a Slavic, Baltic or Caucasian
 * surname ("Леван Гацелицадзе", "Мустафа Джемилев").
 */
static bool unknown_pair(const struct run *run,
                         const struct person_words *person)
{
	const struct tok *given = &run->toks[person->words[0]];
	const struct tok *surname = &run->toks[person->words[1]];

	return person->count == 2 && !person->initials &&
	       has_cyrillic(surname->norm) && surname_shape(surname) &&
	       !is_common(run, given) && !is_common(run, surname) &&
	       !polgraph_strmap_has(&run->actors->not_names, given->norm);
}

static void find_people(struct run *run)
{
	const struct polgraph_actors *actors = run->actors;

	for (size_t i = 0; i < run->tok_count;) {
		struct person_words person;
		const struct first_name *first = NULL;
		char gender = 0;
		bool title;
		size_t end, hit;

		if (!name_word(run, i) && !is_initial(run, i)) {
			i++;
			continue;
		}
		collect_run(run, i, &person, &end);
		trim_run(run, &person);
		if (!person.count) {
			i = end > i ? end : i + 1;
			continue;
		}
		if (person.initials) {
			size_t names = 0;

			for (size_t w = 0; w < person.count; w++)
				names += !is_initial(run, person.words[w]);
			if (!names) {
				i = end > i ? end : i + 1;
				continue;
			}
		}
		/* A full name may stand a few words after its title; a lone
		 * surname only right after it ("посол Амбразевич", "Mr.
		 * Budrys"). */
		title = titled(run, person.words[0], person.count >= 2 ? 6 : 2);
		first = person.initials
		                ? NULL
		                : first_name_of(run,
		                                &run->toks[person.words[0]]);
		if (first)
			gender = first->gender == 'f' || first->gender == 'm'
			                 ? first->gender
			                 : 0;
		if (person.count == 3 && !gender)
			gender = patronymic_gender(
				run->toks[person.words[1]].norm);
		if (person.count >= 2 &&
		    (first || person.initials || title ||
		     (person.count == 3 &&
		      patronymic_gender(run->toks[person.words[1]].norm)) ||
		     unknown_pair(run, &person))) {
			hit = add_hit(run, person.words[0],
			              person.words[person.count - 1] + 1,
			              FROM_PERSON);
			run->hits[hit].full_name = true;
			run->hits[hit].titled = title;
			name_person(run, hit, &person, first, gender);
		} else if (person.count == 1) {
			const struct tok *tok = &run->toks[person.words[0]];
			const struct first_name *alone =
				first_name_of(run, tok);

			if (!alone && (is_common(run, tok) ||
			               polgraph_strmap_has(&actors->not_names,
			                                   tok->norm))) {
				i = end > i ? end : i + 1;
				continue;
			}
			hit = add_hit(run, person.words[0], person.words[0] + 1,
			              FROM_PERSON);
			run->hits[hit].candidate = true;
			/* A lone titled word must look like a surname:
			 * "председатель Меджлиса" names a body. */
			run->hits[hit].titled =
				!alone && lone_surname(run, tok) &&
				(title ||
			         (!tok->sentence_start && strong_surname(tok)));
			name_person(run, hit, &person, NULL, 0);
			run->hits[hit].first_name = alone ? alone->latin : NULL;
			run->hits[hit].first_only = alone != NULL;
		}
		i = end > i ? end : i + 1;
	}
}

/*
 * A lone surname is the person named in full elsewhere in the article
 * ("Амбразевич" -> "Юрий Амбразевич"); with a title before it and no full
 * name it is a person known by surname; otherwise it is dropped.
 */
static void resolve_people(struct run *run)
{
	/* One person per (first name, surname key): "Юрий Амбразевич" and
	 * "Юрия Амбразевича" share the first one's key and name. */
	for (size_t i = 0; i < run->hit_count; i++) {
		struct hit *later = &run->hits[i];

		if (later->source != FROM_PERSON || !later->full_name)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct hit *earlier = &run->hits[j];

			if (earlier->source == FROM_PERSON &&
			    earlier->full_name &&
			    keysets_meet(earlier->surname_keys,
			                 later->surname_keys) &&
			    (!earlier->first_name || !later->first_name ||
			     strcmp(earlier->first_name, later->first_name) ==
			             0)) {
				later->key = earlier->key;
				later->name = earlier->name;
				break;
			}
		}
	}
	for (size_t i = 0; i < run->hit_count; i++) {
		struct hit *lone = &run->hits[i];
		const struct hit *full = NULL;

		if (lone->source != FROM_PERSON || !lone->candidate)
			continue;
		for (size_t j = 0; j < run->hit_count && !full; j++) {
			const struct hit *other = &run->hits[j];

			if (other->source != FROM_PERSON || !other->full_name)
				continue;
			if (lone->first_only
			            ? other->first_name &&
			                      strcmp(other->first_name,
			                             lone->first_name) == 0
			            : keysets_meet(other->surname_keys,
			                           lone->surname_keys))
				full = other;
		}
		if (full) {
			lone->key = full->key;
			lone->name = full->name;
			lone->resolved = true;
			continue;
		}
		/* No full name: a surname with a title anywhere stands. */
		for (size_t j = 0; j < run->hit_count && !lone->first_only;
		     j++) {
			const struct hit *other = &run->hits[j];

			if (other->source == FROM_PERSON && other->titled &&
			    other->candidate &&
			    keysets_meet(other->surname_keys,
			                 lone->surname_keys))
				lone->resolved = true;
		}
	}
	for (size_t i = 0; i < run->hit_count; i++) {
		struct hit *hit = &run->hits[i];

		if (hit->source == FROM_PERSON && hit->candidate &&
		    !hit->resolved) {
			for (size_t t = hit->first; t < hit->last; t++)
				run->toks[t].hit = -1;
			hit->key = NULL; /* dropped */
		}
	}
}

/* ---- assembling result->actors ---- */

struct found {
	const char *key, *name;
	enum polgraph_actor_type type;
	size_t start, end, sentence;
	const char *surface;
	enum polgraph_mention_kind kind;
};

static int compare_found(const void *left, const void *right)
{
	const struct found *x = left, *y = right;
	int by_key = strcmp(x->key, y->key);

	if (by_key)
		return by_key;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int compare_strings(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

static void assemble(struct run *run)
{
	struct polgraph_result *result = run->result;
	struct found *found = NULL;
	size_t count = 0, actor_capacity = 0;

	if (run->hit_count)
		found = polgraph_xmalloc(run->hit_count * sizeof(*found));
	for (size_t i = 0; i < run->hit_count; i++) {
		const struct hit *hit = &run->hits[i];
		struct found *f = &found[count];

		if (hit->dropped)
			continue;
		if (hit->source == FROM_LEXICON) {
			const struct polgraph_lexicon_entry *entry =
				&run->actors->lexicon->entries[hit->entry];

			f->key = entry->key;
			f->name = entry->name;
			f->type = entry->type;
		} else if (hit->key) {
			f->key = hit->key;
			f->name = hit->name;
			f->type = hit->type;
		} else {
			continue;
		}
		if (!f->key[strcspn(f->key, ":") + 1])
			continue; /* a name that romanised to nothing */
		f->start = run->toks[hit->first].start;
		f->end = run->toks[hit->last - 1].end;
		f->sentence = run->toks[hit->first].sentence;
		f->surface = span_text(run, hit->first, hit->last);
		f->kind = hit->kind;
		count++;
	}
	if (count)
		qsort(found, count, sizeof(*found), compare_found);

	for (size_t first = 0; first < count;) {
		struct polgraph_actor *actor;
		size_t last = first, aliases = 0;

		while (last < count &&
		       strcmp(found[last].key, found[first].key) == 0)
			last++;
		polgraph_arena_grow(run->arena, (void **)&result->actors,
		                    &actor_capacity, result->actor_count + 1,
		                    sizeof(*result->actors));
		actor = &result->actors[result->actor_count++];
		memset(actor, 0, sizeof(*actor));
		actor->key =
			polgraph_arena_strdup(run->arena, found[first].key);
		actor->name =
			polgraph_arena_strdup(run->arena, found[first].name);
		actor->type = found[first].type;
		actor->mentions = polgraph_arena_alloc(
			run->arena, (last - first) * sizeof(*actor->mentions));
		actor->aliases = polgraph_arena_alloc(
			run->arena, (last - first) * sizeof(*actor->aliases));
		for (size_t i = first; i < last; i++) {
			struct polgraph_mention *mention =
				&actor->mentions[actor->mention_count++];

			mention->start = found[i].start;
			mention->end = found[i].end;
			mention->sentence = found[i].sentence;
			mention->text = found[i].surface;
			mention->kind = found[i].kind;
			actor->aliases[aliases++] = found[i].surface;
		}
		qsort(actor->aliases, aliases, sizeof(*actor->aliases),
		      compare_strings);
		for (size_t i = 0; i < aliases; i++)
			if (!actor->alias_count ||
			    strcmp(actor->aliases[actor->alias_count - 1],
			           actor->aliases[i]) != 0)
				actor->aliases[actor->alias_count++] =
					actor->aliases[i];
		first = last;
	}
	free(found);
}

enum polgraph_status polgraph_actors_run(struct polgraph_actors *actors,
                                         struct polgraph_result *result,
                                         struct polgraph_error *err)
{
	struct run run = {
		.actors = actors,
		.result = result,
		.arena = &result->arena,
		.text = result->article.text,
	};

	(void)err;
	result->actors = NULL;
	result->actor_count = 0;
	if (result->token_count) { /* one allocation, not a doubling series */
		run.tok_capacity = result->token_count;
		run.toks =
			polgraph_xmalloc(run.tok_capacity * sizeof(*run.toks));
	}
	tokenize(&run);
	find_lexicon_actors(&run);
	find_bodies(&run);
	find_quoted_orgs(&run);
	widen_quoted_orgs(&run);
	find_suffixed_orgs(&run);
	find_places(&run);
	find_named_orgs(&run);
	find_groups(&run);
	find_people(&run);
	resolve_people(&run);
	find_latin_orgs(&run);
	find_acronym_orgs(&run);
	assemble(&run);
	free(run.toks);
	free(run.hits);
	return POLGRAPH_OK;
}

/* ---- looking actors up by name ---- */

size_t polgraph_actors_lookup(struct polgraph_actors *actors, const char *name,
                              const struct polgraph_lexicon_entry **matches,
                              size_t max)
{
	struct polgraph_arena arena = { 0 };
	struct polgraph_token *tokens;
	struct run run = {
		.actors = actors, .arena = &arena, .text = name, .lenient = true
	};
	const struct polgraph_lexicon_entry *by_key;
	size_t count, found = 0;

	by_key = polgraph_lexicon_find(actors->lexicon, name);
	if (by_key) {
		if (max)
			matches[0] = by_key;
		return 1;
	}
	polgraph_text_tokens(name, 0, strlen(name), &arena, &tokens, &count);
	for (size_t i = 0; i < count; i++)
		add_token(&run, &tokens[i], 0, i == 0);
	/* Every pattern whose words cover the whole name, in any case. */
	for (size_t p = 0; count && p < actors->pattern_count; p++) {
		const struct pattern *pattern = &actors->patterns[p];
		const struct polgraph_lexicon_entry *entry;
		bool seen = false;
		size_t score;

		if (pattern->word_count != count ||
		    !pattern_matches(&run, pattern, 0, &score))
			continue;
		entry = &actors->lexicon->entries[pattern->entry];
		for (size_t m = 0; m < found && m < max; m++)
			seen |= matches[m] == entry;
		if (seen)
			continue;
		if (found < max)
			matches[found] = entry;
		found++;
	}
	free(run.toks);
	polgraph_arena_release(&arena);
	return found;
}
