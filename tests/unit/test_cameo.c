/*
 * test_cameo.c - unit tests for cameo.h: CAMEO actor dictionaries read
 * into the lexicon. Dates (YYMMDD with the 00-30 rule, YYYYMMDD, calendar
 * checks), Title Case, the kind of entry each record makes, merging into
 * an entry already there, and malformed records reported by line and
 * skipped while the rest is imported.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "polgraph/polgraph.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Imports text into a fresh lexicon; the caller frees it. */
static struct polgraph_lexicon *import(const char *text,
                                       enum polgraph_status *status,
                                       struct polgraph_cameo_report *report,
                                       struct polgraph_error *err)
{
	struct polgraph_lexicon *lexicon = polgraph_lexicon_new();

	*status = polgraph_cameo_import_from_buffer(lexicon, "t.txt", text,
	                                            strlen(text), report, err);
	return lexicon;
}

/* The aliases of entry joined by "|", in a static buffer. */
static const char *aliases_of(const struct polgraph_lexicon_entry *entry)
{
	static char joined[1024];
	size_t len = 0;

	joined[0] = '\0';
	for (size_t i = 0; entry && i < entry->alias_count; i++)
		len += (size_t)snprintf(joined + len, sizeof(joined) - len,
		                        "%s%s:%s", i ? "|" : "",
		                        entry->aliases[i].lang,
		                        entry->aliases[i].text);
	return joined;
}

/* ---- dates ---- */

static void test_dates(void)
{
	static const struct {
		const char *restriction; /* inside [USAGOV ...] */
		const char *want_from;   /* NULL: none, or the row fails */
		const char *want_until;
		const char *want_error; /* NULL: imported */
	} rows[] = {
		/* YYMMDD: 00-30 are 20YY, 31-99 19YY */
		{ ">000101", "2000-01-01", NULL, NULL },
		{ ">300615", "2030-06-15", NULL, NULL },
		{ ">310101", "1931-01-01", NULL, NULL },
		{ ">991231", "1999-12-31", NULL, NULL },
		{ "<050301", NULL, "2005-03-01", NULL },
		{ "940720-990101", "1994-07-20", "1999-01-01", NULL },
		/* YYYYMMDD, and the two mixed */
		{ ">20240229", "2024-02-29", NULL, NULL },
		{ "<18631119", NULL, "1863-11-19", NULL },
		{ "20020115-091130", "2002-01-15", "2009-11-30", NULL },
		{ " >  990101 ", "1999-01-01", NULL, NULL },
		{ "940720 - 20010101", "1994-07-20", "2001-01-01", NULL },
		{ "000229-000229", "2000-02-29", "2000-02-29", NULL },
		/* not calendar dates */
		{ ">20230229", NULL, NULL, "no such date '20230229'" },
		{ ">19000229", NULL, NULL, "no such date '19000229'" },
		{ ">20100931", NULL, NULL, "no such date '20100931'" },
		{ ">991301", NULL, NULL, "no such date '991301'" },
		{ ">990100", NULL, NULL, "no such date '990100'" },
		{ "<990132", NULL, NULL, "no such date '990132'" },
		/* not dates at all */
		{ ">9907201", NULL, NULL, "bad date '9907201'" },
		{ ">1231", NULL, NULL, "bad date '1231'" },
		{ ">99O101", NULL, NULL, "bad date '99O101'" },
		{ "990101-", NULL, NULL, "bad date ''" },
		{ "990101", NULL, NULL, "cannot read restriction '990101'" },
		{ "990101-980101", NULL, NULL, "ends before it starts" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_error err = { 0 };
		struct polgraph_cameo_report report = { 0 };
		enum polgraph_status status;
		struct polgraph_lexicon *lexicon;
		const struct polgraph_lexicon_entry *entry;
		char text[256];

		snprintf(text, sizeof(text), "JOHN_DOE_\n\t[USAGOV %s]\n",
		         rows[i].restriction);
		lexicon = import(text, &status, &report, &err);
		entry = polgraph_lexicon_find(lexicon, "person:john-doe");
		if (rows[i].want_error) {
			CHECK_INT(status, POLGRAPH_INVALID,
			          rows[i].restriction);
			CHECK(strstr(err.message, rows[i].want_error) != NULL &&
			              strncmp(err.message, "t.txt:2: ", 9) == 0,
			      "%s: got '%s', want t.txt:2: ...%s",
			      rows[i].restriction, err.message,
			      rows[i].want_error);
			CHECK(entry == NULL, "%s: record skipped",
			      rows[i].restriction);
			CHECK_INT(report.skipped, 1, rows[i].restriction);
		} else {
			CHECK_INT(status, POLGRAPH_OK, rows[i].restriction);
			CHECK(entry && entry->role_count == 1,
			      "%s: one role, %s", rows[i].restriction,
			      err.message);
			if (entry && entry->role_count == 1) {
				CHECK_STR(entry->roles[0].from,
				          rows[i].want_from,
				          rows[i].restriction);
				CHECK_STR(entry->roles[0].until,
				          rows[i].want_until,
				          rows[i].restriction);
			}
		}
		polgraph_lexicon_free(lexicon);
	}
}

/* ---- Title Case ---- */

static void test_title_case(void)
{
	static const struct {
		const char *phrase;
		const char *code;
		const char *want; /* the display name */
	} rows[] = {
		{ "HAMID_KARZAI_", "AFGGOV", "Hamid Karzai" },
		{ "HAMID KARZAI", "AFGGOV", "Hamid Karzai" },
		{ "HAMID__KARZAI_  ", "AFGGOV", "Hamid Karzai" },
		{ "BAN_KI-MOON_", "IGOUNO 070101-161231", "Ban Ki-Moon" },
		{ "SEAN_O'BRIEN_", "IRLGOV", "Sean O'Brien" },
		{ "PEOPLE'S_LIBERATION_ARMY_", "CHNMIL",
		  "People's Liberation Army" },
		{ "REPUBLIC_OF_THE_CONGO_", "COG", "Republic of the Congo" },
		{ "THE_GAMBIA_", "GMB", "The Gambia" },
		{ "U.S._STATE_DEPARTMENT_", "USAGOV", "U.S. State Department" },
		{ "KGB_", "RUSSPY", "KGB" },
		{ "G20_", "IGOGTW", "G20" },
		/* words in mixed case are kept as written */
		{ "McDonald_ADAMS_", "USABUS", "McDonald Adams" },
		/* one short word: an acronym for states and organisations */
		{ "UN_", "IGOUNO", "UN" },
		{ "USA_", "USA", "USA" },
		{ "XI_", "CHNGOV", "Xi" },
		{ "UNITED_NATIONS_", "IGOUNO", "United Nations" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_error err = { 0 };
		enum polgraph_status status;
		struct polgraph_lexicon *lexicon;
		char text[256];

		snprintf(text, sizeof(text), "%s [%s]\n", rows[i].phrase,
		         rows[i].code);
		lexicon = import(text, &status, NULL, &err);
		CHECK_INT(status, POLGRAPH_OK, rows[i].phrase);
		CHECK_INT(polgraph_lexicon_count(lexicon), 1, rows[i].phrase);
		if (polgraph_lexicon_count(lexicon) == 1) {
			const struct polgraph_lexicon_entry *entry =
				polgraph_lexicon_entry(lexicon, 0);

			CHECK_STR(entry->name, rows[i].want, rows[i].phrase);
			CHECK_INT(entry->alias_count, 1, rows[i].phrase);
			CHECK_STR(entry->aliases[0].text, rows[i].want,
			          rows[i].phrase);
			CHECK_STR(entry->aliases[0].lang, "en", rows[i].phrase);
		}
		polgraph_lexicon_free(lexicon);
	}
}

/* ---- what each record becomes ---- */

static void test_records(void)
{
	static const struct {
		const char *text;
		const char *key;
		enum polgraph_actor_type type;
		const char *aliases; /* lang:text joined by | */
		size_t role_count;
		const char *roles; /* position@of@from@until joined by | */
	} rows[] = {
		/* a bare country code: that country */
		{ "BELARUS_  [BLR]   ; CountryInfo.txt\n+BYELORUSSIA_\n"
		  "+BELARUS_\n+MINSK_\n",
		  "country:BLR", POLGRAPH_ACTOR_COUNTRY,
		  "en:Belarus|en:Byelorussia|en:Minsk", 0, "" },
		{ "AFGHANISTAN_\n\t[AFG]\n", "country:AFG",
		  POLGRAPH_ACTOR_COUNTRY, "en:Afghanistan", 0, "" },
		/* IGO, NGO, MNC: an organisation */
		{ "UNITED_NATIONS_ [IGOUNO]\n+UN_\n", "org:IGOUNO",
		  POLGRAPH_ACTOR_ORGANIZATION, "en:United Nations|en:UN", 0,
		  "" },
		{ "AMNESTY_INTERNATIONAL_ [NGOAMN]\n", "org:NGOAMN",
		  POLGRAPH_ACTOR_ORGANIZATION, "en:Amnesty International", 0,
		  "" },
		{ "GAZPROM_ [MNCRUS]\n", "org:MNCRUS",
		  POLGRAPH_ACTOR_ORGANIZATION, "en:Gazprom", 0, "" },
		/* a role code or dates: a person, one role per code line */
		{ "HAMID_KARZAI_  [AFGMIL]; CountryInfo.txt\n"
		  "+KARZAI_  ; CountryInfo.txt\n"
		  "\t[AFGGOV 791227-861124]\n\t[AFGELI >20141001]\n",
		  "person:hamid-karzai", POLGRAPH_ACTOR_PERSON,
		  "en:Hamid Karzai|en:Karzai", 3,
		  "military@country:AFG@@|"
		  "government@country:AFG@1979-12-27@1986-11-24|"
		  "elite@country:AFG@2014-10-01@" },
		{ "JOHN_DOE_ [USAGOVMIL]\n", "person:john-doe",
		  POLGRAPH_ACTOR_PERSON, "en:John Doe", 1,
		  "government-military@country:USA@@" },
		{ "JOHN_DOE_ [RUSXYZ]\n\t[RUSGOVX]\n", "person:john-doe",
		  POLGRAPH_ACTOR_PERSON, "en:John Doe", 2,
		  "cameo-rusxyz@country:RUS@@|cameo-rusgovx@country:RUS@@" },
		{ "JOHN_DOE_\n\t[USA 010101-021231]\n", "person:john-doe",
		  POLGRAPH_ACTOR_PERSON, "en:John Doe", 1,
		  "representative@country:USA@2001-01-01@2002-12-31" },
		{ "JOHN_DOE_\n\t[USA <20010101]\n", "person:john-doe",
		  POLGRAPH_ACTOR_PERSON, "en:John Doe", 1,
		  "representative@country:USA@@2001-01-01" },
		{ "JOHN_DOE_ [USA]\n\t[CAN]\n", "person:john-doe",
		  POLGRAPH_ACTOR_PERSON, "en:John Doe", 2,
		  "representative@country:USA@@|"
		  "representative@country:CAN@@" },
		{ "KOFI_ANNAN_\n\t[IGOUNO 970101-061231]\n",
		  "person:kofi-annan", POLGRAPH_ACTOR_PERSON, "en:Kofi Annan",
		  1, "official@org:IGOUNO@1997-01-01@2006-12-31" },
		/* a repeated code line gives one role */
		{ "JOHN_DOE_ [USAGOV]\n\t[USAGOV]\n", "person:john-doe",
		  POLGRAPH_ACTOR_PERSON, "en:John Doe", 1,
		  "government@country:USA@@" },
		/* ignored: comments, '<!' lines, blank lines, after STOP */
		{ "# header\n<!-- xml -->\n\n   \nJOHN_DOE_ [USAGOV] # c\n"
		  "+J._DOE_ ; c\n\n\t# c\n---STOP---\n+NOT_THIS_ONE_\n",
		  "person:john-doe", POLGRAPH_ACTOR_PERSON,
		  "en:John Doe|en:J. Doe", 1, "government@country:USA@@" },
		/* CRLF line ends and a byte order mark */
		{ "\xef\xbb\xbfJOHN_DOE_ [USAGOV]\r\n+J._DOE_\r\n",
		  "person:john-doe", POLGRAPH_ACTOR_PERSON,
		  "en:John Doe|en:J. Doe", 1, "government@country:USA@@" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct polgraph_error err = { 0 };
		struct polgraph_cameo_report report = { 0 };
		enum polgraph_status status;
		struct polgraph_lexicon *lexicon;
		const struct polgraph_lexicon_entry *entry;
		char roles[1024] = "";
		size_t len = 0;

		lexicon = import(rows[i].text, &status, &report, &err);
		CHECK(status == POLGRAPH_OK, "row %zu: %s", i, err.message);
		CHECK_INT(polgraph_lexicon_count(lexicon), 1, rows[i].key);
		CHECK_INT(report.imported, 1, rows[i].key);
		entry = polgraph_lexicon_find(lexicon, rows[i].key);
		CHECK(entry != NULL, "row %zu: no '%s'", i, rows[i].key);
		if (!entry) {
			polgraph_lexicon_free(lexicon);
			continue;
		}
		CHECK_INT(entry->type, rows[i].type, rows[i].key);
		CHECK_STR(aliases_of(entry), rows[i].aliases, rows[i].key);
		CHECK_INT(entry->role_count, rows[i].role_count, rows[i].key);
		for (size_t r = 0; r < entry->role_count; r++) {
			const struct polgraph_role *role = &entry->roles[r];

			len += (size_t)snprintf(
				roles + len, sizeof(roles) - len,
				"%s%s@%s@%s@%s", r ? "|" : "", role->position,
				role->of, role->from ? role->from : "",
				role->until ? role->until : "");
		}
		CHECK_STR(roles, rows[i].roles, rows[i].key);
		CHECK_STR(entry->origin, "t.txt", rows[i].key);
		polgraph_lexicon_free(lexicon);
	}
}

/* ---- merging into what the lexicon holds ---- */

static void test_merge(void)
{
	static const char belarus[] =
		"{\"key\":\"country:BLR\",\"type\":\"country\",\"name\":"
		"\"Belarus\",\"names\":{\"en\":[\"Belarus\",\"Byelorussia\"],"
		"\"ru\":[\"Беларусь\"]},\"metonyms\":{\"en\":[\"Minsk\"]}}";
	static const char dictionary[] =
		"BELARUS_ [BLR]\n+BYELORUSSIA_\n+BELORUSSIA_\n+WHITE_RUSSIA_\n"
		"+MINSK_\n"
		"VIKTAR_HARDZEYEU_\n\t[BLRLEG 960101-011231]\n"
		"\t[BLRGOV 20020115-20091130]\n";
	struct polgraph_lexicon *lexicon = polgraph_lexicon_new();
	struct polgraph_cameo_report report = { 0 };
	struct polgraph_lexicon_entry parsed;
	struct polgraph_arena arena = { 0 };
	struct polgraph_error err = { 0 };
	const struct polgraph_lexicon_entry *entry;
	enum polgraph_status status;

	status = polgraph_lexicon_parse(belarus, strlen(belarus), &arena,
	                                &parsed, &err);
	if (status == POLGRAPH_OK)
		status = polgraph_lexicon_add(lexicon, &parsed, &err);
	CHECK(status == POLGRAPH_OK, "built-in entry: %s", err.message);
	polgraph_arena_release(&arena);

	/* Twice: the second import finds nothing new. */
	for (int pass = 0; pass < 2; pass++) {
		status = polgraph_cameo_import_from_buffer(
			lexicon, "t.txt", dictionary, strlen(dictionary),
			&report, &err);
		CHECK(status == POLGRAPH_OK, "pass %d: %s", pass, err.message);
		CHECK_INT(report.imported, 2, "records merged or added");
		CHECK_INT(polgraph_lexicon_count(lexicon), 2,
		          "country merged, person added");
		entry = polgraph_lexicon_find(lexicon, "country:BLR");
		CHECK(entry != NULL, "country:BLR");
		CHECK_STR(entry ? entry->name : NULL, "Belarus",
		          "the built-in name stays");
		CHECK_STR(aliases_of(entry),
		          "en:Belarus|en:Byelorussia|ru:Беларусь|en:Minsk|"
		          "en:Belorussia|en:White Russia",
		          "only new names are added");
		CHECK_INT(entry ? (int)entry->aliases[3].kind : -1,
		          POLGRAPH_ALIAS_METONYM, "Minsk stays a metonym");
		entry = polgraph_lexicon_find(lexicon,
		                              "person:viktar-hardzeyeu");
		CHECK_INT(entry ? entry->role_count : 0, 2,
		          "roles are not repeated");
		CHECK_INT(entry ? entry->alias_count : 0, 1,
		          "names are not repeated");
	}
	polgraph_lexicon_free(lexicon);
}

/* ---- malformed records ---- */

struct skips {
	char messages[8][256];
	size_t count;
};

static void collect_skip(void *ctx, const char *message)
{
	struct skips *skips = ctx;

	if (skips->count < ARRAY_SIZE(skips->messages))
		snprintf(skips->messages[skips->count], 256, "%s", message);
	skips->count++;
}

static void test_malformed(void)
{
	static const struct {
		const char *text;
		const char *want_error; /* err->message, whole */
		size_t records, imported, skipped;
	} rows[] = {
		{ "A_ [USA]\nB_ [USA\n+B2_\nC_ [RUS]\n",
		  "t.txt:2: unbalanced '[' (1 record skipped)", 3, 2, 1 },
		{ "A_ USA]\n", "t.txt:1: unbalanced ']' (1 record skipped)", 1,
		  0, 1 },
		{ "A_ ]USA[\n", "t.txt:1: unbalanced ']' (1 record skipped)", 1,
		  0, 1 },
		{ "A_ [USA] [RUS]\n",
		  "t.txt:1: more than one '[...]' (1 record skipped)", 1, 0,
		  1 },
		{ "A_ [USA] X\n", "t.txt:1: text after ']' (1 record skipped)",
		  1, 0, 1 },
		{ "A_ [usa]\n",
		  "t.txt:1: bad code 'usa' (want upper-case letters and "
		  "digits after a three-letter prefix) (1 record skipped)",
		  1, 0, 1 },
		{ "A_ []\n", NULL, 1, 0, 1 },
		{ "\t[USA]\nA_ [RUS]\n",
		  "t.txt:1: indented line before any primary phrase (1 record "
		  "skipped)",
		  2, 1, 1 },
		{ "+B_\n",
		  "t.txt:1: synonym before any primary phrase (1 "
		  "record skipped)",
		  1, 0, 1 },
		{ "A_\n+B_\n", "t.txt:1: 'A_' has no code (1 record skipped)",
		  1, 0, 1 },
		{ "A_ [USA]\n+B_ [RUS]\n",
		  "t.txt:2: a synonym ('+') takes no '[CODE]' (1 record "
		  "skipped)",
		  1, 0, 1 },
		{ "A_\n\tUSAGOV\n",
		  "t.txt:2: indented line is not '[CODE ...]' (1 record "
		  "skipped)",
		  1, 0, 1 },
		{ "A_ [USA]\n+___\n",
		  "t.txt:2: empty phrase (1 record skipped)", 1, 0, 1 },
		{ "A\xff_ [USA]\n", "t.txt:1: invalid UTF-8 (1 record skipped)",
		  1, 0, 1 },
		/* the first error is named, every skipped record counted */
		{ "A_\n\t[USAGOV >991340]\n\t[bad\n+C_\nD_ [RUS]\nE_ [\n",
		  "t.txt:2: no such date '991340' (2 records skipped)", 3, 1,
		  2 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct skips skips = { 0 };
		struct polgraph_cameo_report report = { .on_skip = collect_skip,
			                                .ctx = &skips };
		struct polgraph_error err = { 0 };
		enum polgraph_status status;
		struct polgraph_lexicon *lexicon;

		lexicon = import(rows[i].text, &status, &report, &err);
		CHECK_INT(status, POLGRAPH_INVALID, rows[i].text);
		if (rows[i].want_error)
			CHECK_STR(err.message, rows[i].want_error,
			          rows[i].text);
		CHECK_INT(report.records, rows[i].records, rows[i].text);
		CHECK_INT(report.imported, rows[i].imported, rows[i].text);
		CHECK_INT(report.skipped, rows[i].skipped, rows[i].text);
		CHECK_INT(skips.count, rows[i].skipped, "on_skip calls");
		CHECK_INT(polgraph_lexicon_count(lexicon), rows[i].imported,
		          rows[i].text);
		CHECK(skips.count && strncmp(err.message, skips.messages[0],
		                             strlen(skips.messages[0])) == 0,
		      "on_skip gets the first error first: '%s'",
		      skips.messages[0]);
		polgraph_lexicon_free(lexicon);
	}
}

/* ---- files ---- */

static void test_files(void)
{
	struct polgraph_lexicon *lexicon = polgraph_lexicon_new();
	struct polgraph_cameo_report report = { 0 };
	struct polgraph_error err = { 0 };
	enum polgraph_status status;
	char path[4096];

	status = polgraph_cameo_import(lexicon, "/nonexistent/cameo.txt",
	                               &report, &err);
	CHECK_INT(status, POLGRAPH_IO, "missing file");
	CHECK_STR(err.message,
	          "cannot open '/nonexistent/cameo.txt': No such file or "
	          "directory",
	          "missing file message");

	/* The sample the CLI test converts: data/../tests/data/. */
	snprintf(path, sizeof(path), "%s/../tests/data/cameo-sample.txt",
	         polgraph_default_data_dir());
	status = polgraph_cameo_import(lexicon, path, &report, &err);
	CHECK_INT(status, POLGRAPH_INVALID, "sample: one bad record");
	CHECK(strstr(err.message, "cameo-sample.txt:38: no such date "
	                          "'990231' (1 record skipped)") != NULL,
	      "sample error: %s", err.message);
	CHECK_INT(report.records, 8, "sample records");
	CHECK_INT(report.imported, 7, "sample records imported");
	CHECK_INT(polgraph_lexicon_count(lexicon), 7, "sample entries");
	CHECK(polgraph_lexicon_find(lexicon, "person:pavel-siarheyeu") == NULL,
	      "the malformed record is left out");
	polgraph_lexicon_free(lexicon);
}

int main(void)
{
	test_dates();
	test_title_case();
	test_records();
	test_merge();
	test_malformed();
	test_files();
	return check_done();
}
