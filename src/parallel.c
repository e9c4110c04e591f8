/*
 * parallel.c - the pipeline on worker threads (parallel.h).
 *
 * Consumes articles submitted by one thread; produces pipeline results in
 * submission order. A ring of `capacity` slots holds the items between
 * submission and consumption; one mutex guards the ring's states and
 * counters, one condition wakes workers (work queued) and one wakes the
 * consumer (an item finished, a worker started). Sequence numbers only
 * grow: an item's slot is its number modulo the capacity.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polgraph/mem.h"
#include "polgraph/parallel.h"
#include "polgraph/text.h"

enum slot_state {
	SLOT_FREE,     /* no item */
	SLOT_QUEUED,   /* article copied in, waiting for a worker */
	SLOT_RUNNING,  /* a worker runs the pipeline on it */
	SLOT_FINISHED, /* result or rejection ready for the consumer */
};

struct slot {
	enum slot_state state;
	bool rejection;                  /* submitted without an article */
	struct polgraph_arena input;     /* strings of article */
	struct polgraph_article article; /* the submitted copy */
	struct polgraph_result result;   /* the worker's output */
	struct polgraph_parallel_item item;
};

struct worker {
	struct polgraph_parallel *parallel;
	pthread_t thread;
	bool started; /* thread created, must be joined */
};

struct polgraph_parallel {
	pthread_mutex_t lock;
	pthread_cond_t work;     /* an item was queued, or stopping */
	pthread_cond_t finished; /* an item finished, or a worker is ready */
	struct slot *slots;
	size_t capacity;
	size_t head;        /* oldest item not yet released (consumer only) */
	size_t tail;        /* next number to submit (written by consumer) */
	size_t next_take;   /* next number a worker looks at */
	bool head_borrowed; /* item head was handed out by _next */
	bool stopping;
	unsigned ready, failed; /* workers whose pipeline loaded / did not */
	struct polgraph_error load_error; /* the first load failure */
	const char *data_dir;             /* borrowed during _new only */
	struct worker *workers;
	unsigned worker_count;
};

static void copy_article(struct slot *slot,
                         const struct polgraph_article *article)
{
	struct polgraph_arena *arena = &slot->input;
	struct polgraph_article *copy = &slot->article;

	polgraph_arena_release(arena);
	*copy = *article;
#define COPY(field)                                                            \
	copy->field = article->field                                           \
	                      ? polgraph_arena_strdup(arena, article->field)   \
	                      : NULL
	COPY(id);
	COPY(date);
	COPY(lang);
	COPY(title);
	COPY(source);
	COPY(url);
	COPY(origin);
#undef COPY
	copy->text =
		polgraph_arena_strndup(arena, article->text, article->text_len);
}

/* Takes the next queued item in number order, or returns NULL when
   stopping. Called with the lock held. */
static struct slot *take(struct polgraph_parallel *parallel)
{
	for (;;) {
		struct slot *slot;

		while (!parallel->stopping &&
		       parallel->next_take == parallel->tail)
			pthread_cond_wait(&parallel->work, &parallel->lock);
		if (parallel->stopping)
			return NULL;
		slot = &parallel->slots[parallel->next_take++ %
		                        parallel->capacity];
		if (slot->state == SLOT_QUEUED) /* not a rejection */
			return slot;
	}
}

static void *work(void *arg)
{
	struct worker *worker = arg;
	struct polgraph_parallel *parallel = worker->parallel;
	struct polgraph_pipeline *pipeline;
	struct polgraph_error err = { 0 };
	struct slot *slot;

	pipeline = polgraph_pipeline_new(parallel->data_dir, &err);
	pthread_mutex_lock(&parallel->lock);
	if (pipeline) {
		parallel->ready++;
	} else if (parallel->failed++ == 0) {
		parallel->load_error = err;
	}
	pthread_cond_broadcast(&parallel->finished);
	while (pipeline && (slot = take(parallel))) {
		slot->state = SLOT_RUNNING;
		pthread_mutex_unlock(&parallel->lock);
		/* The writer needs it for the duplicate check: spare it. */
		polgraph_text_fingerprint(slot->article.text,
		                          slot->article.text_len,
		                          slot->item.fingerprint);
		slot->item.status =
			polgraph_pipeline_run(pipeline, &slot->article,
		                              &slot->result, &slot->item.error);
		pthread_mutex_lock(&parallel->lock);
		slot->state = SLOT_FINISHED;
		pthread_cond_broadcast(&parallel->finished);
	}
	pthread_mutex_unlock(&parallel->lock);
	polgraph_pipeline_free(pipeline);
	return NULL;
}

struct polgraph_parallel *polgraph_parallel_new(const char *data_dir,
                                                unsigned jobs, size_t queue,
                                                struct polgraph_error *err)
{
	struct polgraph_parallel *parallel;
	unsigned launched = 0;
	int rc = 0;

	polgraph_error_clear(err);
	if (jobs == 0)
		jobs = 1;
	if (queue == 0)
		queue = 8 * (size_t)jobs;
	if (queue < 2)
		queue = 2;
	parallel = polgraph_xcalloc(1, sizeof(*parallel));
	pthread_mutex_init(&parallel->lock, NULL);
	pthread_cond_init(&parallel->work, NULL);
	pthread_cond_init(&parallel->finished, NULL);
	parallel->capacity = queue;
	parallel->slots = polgraph_xcalloc(queue, sizeof(*parallel->slots));
	parallel->data_dir = data_dir;
	parallel->workers = polgraph_xcalloc(jobs, sizeof(*parallel->workers));
	parallel->worker_count = jobs;

	pthread_mutex_lock(&parallel->lock);
	for (unsigned i = 0; i < jobs && rc == 0; i++) {
		struct worker *worker = &parallel->workers[i];

		worker->parallel = parallel;
		rc = pthread_create(&worker->thread, NULL, work, worker);
		worker->started = rc == 0;
		launched += rc == 0;
	}
	while (parallel->ready + parallel->failed < launched)
		pthread_cond_wait(&parallel->finished, &parallel->lock);
	parallel->data_dir = NULL;
	pthread_mutex_unlock(&parallel->lock);
	if (parallel->failed)
		polgraph_error_set(err, parallel->load_error.status, "%s",
		                   parallel->load_error.message);
	else if (rc != 0)
		polgraph_error_set(err, POLGRAPH_ERROR,
		                   "cannot start a worker thread: %s",
		                   strerror(rc));
	if (parallel->failed || rc != 0) {
		polgraph_parallel_free(parallel);
		return NULL;
	}
	return parallel;
}

void polgraph_parallel_free(struct polgraph_parallel *parallel)
{
	if (!parallel)
		return;
	pthread_mutex_lock(&parallel->lock);
	parallel->stopping = true;
	pthread_cond_broadcast(&parallel->work);
	pthread_mutex_unlock(&parallel->lock);
	for (unsigned i = 0; i < parallel->worker_count; i++)
		if (parallel->workers[i].started)
			pthread_join(parallel->workers[i].thread, NULL);
	for (size_t i = 0; i < parallel->capacity; i++) {
		polgraph_arena_release(&parallel->slots[i].input);
		polgraph_result_release(&parallel->slots[i].result);
	}
	pthread_cond_destroy(&parallel->finished);
	pthread_cond_destroy(&parallel->work);
	pthread_mutex_destroy(&parallel->lock);
	free(parallel->workers);
	free(parallel->slots);
	free(parallel);
}

bool polgraph_parallel_has_room(const struct polgraph_parallel *parallel)
{
	/* head and tail are only written by the consumer's thread. */
	return parallel->tail - parallel->head < parallel->capacity;
}

void polgraph_parallel_submit(struct polgraph_parallel *parallel,
                              const struct polgraph_article *article,
                              const struct polgraph_error *error)
{
	struct slot *slot;

	if (!polgraph_parallel_has_room(parallel)) {
		fputs("polgraph: fatal: polgraph_parallel_submit without "
		      "room\n",
		      stderr);
		abort();
	}
	/* No worker looks at slot tail until tail moves past it. */
	slot = &parallel->slots[parallel->tail % parallel->capacity];
	memset(&slot->item, 0, sizeof(slot->item));
	slot->rejection = !article;
	if (article) {
		copy_article(slot, article);
	} else {
		slot->item.status = error->status;
		slot->item.error = *error;
	}
	pthread_mutex_lock(&parallel->lock);
	slot->state = article ? SLOT_QUEUED : SLOT_FINISHED;
	parallel->tail++;
	if (article)
		pthread_cond_signal(&parallel->work);
	pthread_mutex_unlock(&parallel->lock);
}

enum polgraph_status
polgraph_parallel_next(struct polgraph_parallel *parallel,
                       const struct polgraph_parallel_item **item)
{
	struct slot *slot;

	*item = NULL;
	pthread_mutex_lock(&parallel->lock);
	if (parallel->head_borrowed) {
		parallel->slots[parallel->head % parallel->capacity].state =
			SLOT_FREE;
		parallel->head++;
		parallel->head_borrowed = false;
	}
	if (parallel->head == parallel->tail) {
		pthread_mutex_unlock(&parallel->lock);
		return POLGRAPH_DONE;
	}
	slot = &parallel->slots[parallel->head % parallel->capacity];
	while (slot->state != SLOT_FINISHED)
		pthread_cond_wait(&parallel->finished, &parallel->lock);
	parallel->head_borrowed = true;
	pthread_mutex_unlock(&parallel->lock);
	slot->item.article = slot->rejection ? NULL : &slot->article;
	slot->item.result = slot->item.status == POLGRAPH_OK && !slot->rejection
	                            ? &slot->result
	                            : NULL;
	*item = &slot->item;
	return POLGRAPH_OK;
}
