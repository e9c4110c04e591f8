/*
 * fuzz_jsonl.c - the article reader on arbitrary bytes: the first byte
 * picks JSON Lines, plain text or sniffing; the rest is the file. Every
 * article the reader returns must have valid UTF-8 text of the length it
 * says; every rejection must carry a message.
 */
#include <string.h>

#include "fuzz.h"
#include "polgraph/ingest.h"
#include "polgraph/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum polgraph_input_format formats[] = {
		POLGRAPH_FORMAT_JSONL,
		POLGRAPH_FORMAT_TEXT,
		POLGRAPH_FORMAT_AUTO,
	};
	struct polgraph_reader_options opts = { 0 };
	struct polgraph_reader *reader;
	struct polgraph_article article;
	struct polgraph_error err = { 0 };
	enum polgraph_status status;
	const char *path;

	if (size == 0)
		return 0;
	opts.format = formats[data[0] % 3];
	opts.max_article = 64 << 10; /* small limits: they get hit */
	opts.max_line = 64 << 10;
	path = fuzz_write("in.dat", data + 1, size - 1);
	reader = polgraph_reader_new(&opts);
	polgraph_reader_add(reader, path);
	while ((status = polgraph_reader_next(reader, &article, &err)) !=
	       POLGRAPH_DONE) {
		if (status != POLGRAPH_OK) {
			FUZZ_CHECK(err.message[0]);
			continue;
		}
		FUZZ_CHECK(article.id && article.text);
		FUZZ_CHECK(strlen(article.text) == article.text_len);
		FUZZ_CHECK(article.text_len <= opts.max_article);
		FUZZ_CHECK(polgraph_text_utf8_valid(article.text,
		                                    article.text_len, NULL));
	}
	polgraph_reader_free(reader);
	return 0;
}
