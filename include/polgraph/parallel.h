/*
 * parallel.h - the pipeline on N worker threads, results in input order.
 *
 * Consumes articles (and pass-through rejections) submitted by one thread;
 * produces the same struct polgraph_result that polgraph_pipeline_run would,
 * handed back to that thread strictly in submission order, so a single
 * writer (`polgraph ingest --jobs N`) stores exactly what a serial run
 * stores. The queue is bounded: at most `queue` submitted items are held
 * at a time, so memory grows with the queue, never with the corpus.
 *
 * Each worker owns a pipeline of its own: Snowball stemmers keep state
 * between calls, so one polgraph_pipeline must not run on two threads at
 * once. The workers load their pipelines in parallel at start-up.
 */
#ifndef POLGRAPH_PARALLEL_H
#define POLGRAPH_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>

#include "polgraph/ingest.h"
#include "polgraph/pipeline.h"
#include "polgraph/status.h"

struct polgraph_parallel;

/* One finished item of polgraph_parallel_next; valid until the next call. */
struct polgraph_parallel_item {
	const struct polgraph_article *article; /* copy of what was submitted;
	                                           NULL for a rejection */
	const struct polgraph_result *result;   /* filled when status is OK */
	char fingerprint[33];        /* polgraph_text_fingerprint of the article
	                                text, computed on the worker */
	enum polgraph_status status; /* the pipeline's, or the rejection's */
	struct polgraph_error error; /* why, when status is not OK */
};

/*
 * Starts jobs worker threads (1 or more), each loading a pipeline from
 * data_dir (NULL for the default), and waits until all are ready. queue is
 * the most items held at once (0 picks 8 per job; at least 2). Returns NULL
 * and fills err if a pipeline cannot be loaded or a thread cannot start.
 * Free with polgraph_parallel_free. Cost: one pipeline load per job,
 * overlapped.
 */
struct polgraph_parallel *polgraph_parallel_new(const char *data_dir,
                                                unsigned jobs, size_t queue,
                                                struct polgraph_error *err);

/* Stops the workers (abandoning queued work), joins them, frees. Accepts
   NULL. */
void polgraph_parallel_free(struct polgraph_parallel *parallel);

/* True when polgraph_parallel_submit can take another item now. */
bool polgraph_parallel_has_room(const struct polgraph_parallel *parallel);

/*
 * Queues article (copied, so it may go away afterwards) for extraction.
 * With article NULL, queues a rejection instead: error (not NULL) is
 * handed back unchanged by polgraph_parallel_next at its turn, so input
 * errors stay in order with the results. The caller checks
 * polgraph_parallel_has_room first; without room this aborts.
 */
void polgraph_parallel_submit(struct polgraph_parallel *parallel,
                              const struct polgraph_article *article,
                              const struct polgraph_error *error);

/*
 * Waits for the oldest submitted item and points *item at it (borrowed
 * until the next call). Returns POLGRAPH_OK with an item, or
 * POLGRAPH_DONE when nothing is queued.
 */
enum polgraph_status
polgraph_parallel_next(struct polgraph_parallel *parallel,
                       const struct polgraph_parallel_item **item);

#endif
