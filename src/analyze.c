/*
 * analyze.c - centralities, k-cores, Louvain communities and the graph
 * summary (analyze.h), computed with igraph.
 *
 * Consumes a struct polgraph_graph and its igraph view (graph_impl.h);
 * produces a struct polgraph_analysis. Every igraph call is checked; the
 * error handler graph.c installs never aborts.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <igraph.h>

#include "graph_impl.h"
#include "polgraph/analyze.h"

static const char *const metric_names[] = {
#define METRIC_NAME(name, text) text,
	POLGRAPH_METRICS(METRIC_NAME)
#undef METRIC_NAME
};

const char *polgraph_metric_name(enum polgraph_metric metric)
{
	if ((unsigned)metric >= POLGRAPH_METRIC_COUNT)
		return NULL;
	return metric_names[metric];
}

bool polgraph_metric_parse(const char *name, enum polgraph_metric *metric)
{
	for (size_t i = 0; i < POLGRAPH_METRIC_COUNT; i++)
		if (strcmp(metric_names[i], name) == 0) {
			*metric = (enum polgraph_metric)i;
			return true;
		}
	return false;
}

double polgraph_metric_value(const struct polgraph_actor_metrics *actor,
                             enum polgraph_metric metric)
{
	switch (metric) {
	case POLGRAPH_METRIC_IN:
		return (double)actor->in;
	case POLGRAPH_METRIC_OUT:
		return (double)actor->out;
	case POLGRAPH_METRIC_DEGREE:
		return (double)actor->degree;
	case POLGRAPH_METRIC_STRENGTH:
		return actor->strength;
	case POLGRAPH_METRIC_PAGERANK:
		return actor->pagerank;
	case POLGRAPH_METRIC_BETWEENNESS:
		return actor->betweenness;
	case POLGRAPH_METRIC_CLOSENESS:
		return actor->closeness;
	case POLGRAPH_METRIC_EIGENVECTOR:
		return actor->eigenvector;
	case POLGRAPH_METRIC_HUB:
		return actor->hub;
	case POLGRAPH_METRIC_AUTHORITY:
		return actor->authority;
	case POLGRAPH_METRIC_KCORE:
		return (double)actor->kcore;
	case POLGRAPH_METRIC_COMMUNITY:
		return (double)actor->community;
	case POLGRAPH_METRIC_COUNT:
		break;
	}
	return 0;
}

void polgraph_analysis_release(struct polgraph_analysis *analysis)
{
	free(analysis->actors);
	free(analysis->types);
	memset(analysis, 0, sizeof(*analysis));
}

/* ---- the views ---- */

/* One edge of the undirected view. */
struct pair {
	igraph_integer_t low, high;
	double weight;
};

static int compare_pairs(const void *left, const void *right)
{
	const struct pair *a = left, *b = right;

	if (a->low != b->low)
		return a->low < b->low ? -1 : 1;
	if (a->high != b->high)
		return a->high < b->high ? -1 : 1;
	return 0;
}

/*
 * The undirected simple view: one edge per pair of actors joined by any
 * edge, weight the sum of their weights.
 */
static igraph_error_t undirected_view(const struct polgraph_graph *graph,
                                      igraph_t *view, igraph_vector_t *weight)
{
	struct pair *pairs = NULL;
	igraph_vector_int_t ends;
	size_t count = 0;
	igraph_error_t code;

	if (graph->edge_count)
		pairs = polgraph_xmalloc(graph->edge_count * sizeof(*pairs));
	for (size_t i = 0; i < graph->edge_count; i++) {
		const struct graph_edge *edge = &graph->edges[i];

		pairs[i].low = (igraph_integer_t)(edge->source < edge->target
		                                          ? edge->source
		                                          : edge->target);
		pairs[i].high = (igraph_integer_t)(edge->source < edge->target
		                                           ? edge->target
		                                           : edge->source);
		pairs[i].weight = (double)edge->weight;
	}
	if (graph->edge_count)
		qsort(pairs, graph->edge_count, sizeof(*pairs), compare_pairs);
	for (size_t i = 0; i < graph->edge_count; i++) {
		if (count && compare_pairs(&pairs[count - 1], &pairs[i]) == 0)
			pairs[count - 1].weight += pairs[i].weight;
		else
			pairs[count++] = pairs[i];
	}
	code = igraph_vector_int_init(&ends, (igraph_integer_t)(2 * count));
	if (code != IGRAPH_SUCCESS)
		goto out;
	code = igraph_vector_init(weight, (igraph_integer_t)count);
	if (code != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&ends);
		goto out;
	}
	for (size_t i = 0; i < count; i++) {
		VECTOR(ends)[2 * i] = pairs[i].low;
		VECTOR(ends)[2 * i + 1] = pairs[i].high;
		VECTOR(*weight)[i] = pairs[i].weight;
	}
	code = igraph_create(view, &ends, (igraph_integer_t)graph->vertex_count,
	                     false);
	igraph_vector_int_destroy(&ends);
	if (code != IGRAPH_SUCCESS)
		igraph_vector_destroy(weight);
out:
	free(pairs);
	return code;
}

/* ---- metrics ---- */

static void count_degrees(const struct polgraph_graph *graph,
                          struct polgraph_actor_metrics *actors)
{
	for (size_t i = 0; i < graph->edge_count; i++) {
		const struct graph_edge *edge = &graph->edges[i];
		struct polgraph_actor_metrics *source = &actors[edge->source];
		struct polgraph_actor_metrics *target = &actors[edge->target];

		source->out++;
		target->in++;
		if (edge->symmetric) {
			source->in++;
			target->out++;
		}
		source->degree++;
		target->degree++;
		source->strength += (double)edge->weight;
		target->strength += (double)edge->weight;
	}
}

static int compare_type_counts(const void *left, const void *right)
{
	const struct polgraph_type_count *a = left, *b = right;

	return strcmp(a->type, b->type);
}

static void count_types(const struct polgraph_graph *graph,
                        struct polgraph_analysis *analysis)
{
	analysis->types = polgraph_xcalloc(graph->edge_count + 1,
	                                   sizeof(*analysis->types));
	for (size_t i = 0; i < graph->edge_count; i++) {
		size_t t;

		for (t = 0; t < analysis->type_count; t++)
			if (strcmp(analysis->types[t].type,
			           graph->edges[i].type) == 0)
				break;
		if (t == analysis->type_count) {
			analysis->types[t].type = graph->edges[i].type;
			analysis->type_count++;
		}
		analysis->types[t].edges++;
	}
	qsort(analysis->types, analysis->type_count, sizeof(*analysis->types),
	      compare_type_counts);
}

/* Renumbers communities 0, 1, ... in order of their first vertex. */
static size_t renumber(igraph_vector_int_t *membership,
                       struct polgraph_actor_metrics *actors, size_t count)
{
	igraph_integer_t *map = polgraph_xmalloc((count + 1) * sizeof(*map));
	size_t next = 0;

	for (size_t i = 0; i < count; i++)
		map[i] = -1;
	for (size_t i = 0; i < count; i++) {
		igraph_integer_t label = VECTOR(*membership)[i];

		if (map[label] < 0)
			map[label] = (igraph_integer_t)next++;
		VECTOR(*membership)[i] = map[label];
		actors[i].community = map[label];
	}
	free(map);
	return next;
}

/* ---- estimates on large graphs ---- */

/* Sources per igraph_distances_dijkstra call: a batch x n matrix. */
#define CLOSENESS_BATCH 32

/*
 * Betweenness from the sampled sources to every vertex, scaled by n / k:
 * each source's dependencies are exact, so the sum is an unbiased
 * estimate of the raw pair counts (exact when every vertex is a source).
 */
static igraph_error_t sampled_betweenness(const igraph_t *arcs,
                                          const igraph_vector_t *length,
                                          const igraph_vector_int_t *sources,
                                          struct polgraph_actor_metrics *actors)
{
	igraph_integer_t n = igraph_vcount(arcs);
	igraph_integer_t k = igraph_vector_int_size(sources);
	igraph_vector_t values;
	igraph_error_t code;

	code = igraph_vector_init(&values, 0);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_betweenness_subset(arcs, &values, igraph_vss_all(), true,
	                                 igraph_vss_vector(sources),
	                                 igraph_vss_all(), length);
	if (code == IGRAPH_SUCCESS)
		for (igraph_integer_t i = 0; i < n; i++)
			actors[i].betweenness =
				VECTOR(values)[i] * (double)n / (double)k;
	igraph_vector_destroy(&values);
	return code;
}

/*
 * Closeness as the inverse mean distance from each vertex to the sampled
 * sources it reaches (Eppstein-Wang); Dijkstra runs from each source
 * against the arcs (mode IN), so row s holds d(v, s) for every v.
 */
static igraph_error_t sampled_closeness(const igraph_t *arcs,
                                        const igraph_vector_t *length,
                                        const igraph_vector_int_t *sources,
                                        struct polgraph_actor_metrics *actors)
{
	igraph_integer_t n = igraph_vcount(arcs);
	igraph_integer_t k = igraph_vector_int_size(sources);
	double *sum = polgraph_xcalloc((size_t)n + 1, sizeof(*sum));
	size_t *reached = polgraph_xcalloc((size_t)n + 1, sizeof(*reached));
	igraph_vector_int_t batch;
	igraph_matrix_t distances;
	igraph_error_t code;
	bool have_batch = false, have_matrix = false;

	code = igraph_vector_int_init(&batch, 0);
	if (code != IGRAPH_SUCCESS)
		goto out;
	have_batch = true;
	code = igraph_matrix_init(&distances, 0, 0);
	if (code != IGRAPH_SUCCESS)
		goto out;
	have_matrix = true;
	for (igraph_integer_t first = 0; first < k; first += CLOSENESS_BATCH) {
		igraph_integer_t count = k - first < CLOSENESS_BATCH
		                                 ? k - first
		                                 : CLOSENESS_BATCH;

		code = igraph_vector_int_resize(&batch, count);
		if (code != IGRAPH_SUCCESS)
			goto out;
		for (igraph_integer_t b = 0; b < count; b++)
			VECTOR(batch)[b] = VECTOR(*sources)[first + b];
		code = igraph_distances_dijkstra(
			arcs, &distances, igraph_vss_vector(&batch),
			igraph_vss_all(), length, IGRAPH_IN);
		if (code != IGRAPH_SUCCESS)
			goto out;
		for (igraph_integer_t b = 0; b < count; b++)
			for (igraph_integer_t v = 0; v < n; v++) {
				double d = MATRIX(distances, b, v);

				if (v == VECTOR(batch)[b] || !isfinite(d))
					continue;
				sum[v] += d;
				reached[v]++;
			}
	}
	for (igraph_integer_t v = 0; v < n; v++)
		actors[v].closeness =
			reached[v] ? (double)reached[v] / sum[v] : 0;
out:
	if (have_matrix)
		igraph_matrix_destroy(&distances);
	if (have_batch)
		igraph_vector_int_destroy(&batch);
	free(reached);
	free(sum);
	return code;
}

/*
 * Louvain, or Leiden with the modularity objective: node weights are the
 * weighted degrees and the resolution 1 / (2m), m the total weight, so
 * both maximise the same quantity. Leiden runs a fixed number of
 * iterations (a later one rarely changes anything; "until stable" never
 * returned on some degenerate graphs).
 */
#define LEIDEN_ITERATIONS 2
static igraph_error_t communities(const igraph_t *undirected,
                                  const igraph_vector_t *weight,
                                  enum polgraph_community method,
                                  igraph_vector_int_t *membership)
{
	igraph_vector_t strength;
	igraph_error_t code;
	double total;

	if (method == POLGRAPH_COMMUNITY_LOUVAIN)
		return igraph_community_multilevel(undirected, weight, 1.0,
		                                   membership, NULL, NULL);
	code = igraph_vector_init(&strength, 0);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_strength(undirected, &strength, igraph_vss_all(),
	                       IGRAPH_ALL, true, weight);
	total = igraph_vector_sum(weight);
	if (code == IGRAPH_SUCCESS && total <= 0) {
		/* No edges: every actor alone (Leiden would not return). */
		code = igraph_vector_int_resize(membership,
		                                igraph_vcount(undirected));
		for (igraph_integer_t i = 0;
		     code == IGRAPH_SUCCESS && i < igraph_vcount(undirected);
		     i++)
			VECTOR(*membership)[i] = i;
	} else if (code == IGRAPH_SUCCESS) {
		code = igraph_community_leiden(
			undirected, weight, &strength, 1.0 / (2.0 * total),
			0.01, false, LEIDEN_ITERATIONS, membership, NULL, NULL);
	}
	igraph_vector_destroy(&strength);
	return code;
}

static void stage(const struct polgraph_analyze_options *options,
                  const char *name)
{
	if (options->stage)
		options->stage(options->stage_context, name);
}

/*
 * The stages that draw from the RNG (ARPACK start vectors, Leiden) each
 * reseed it from the seed and their own number first, so their results
 * do not depend on which stages ran before them or in which process.
 */
static igraph_error_t reseed(unsigned long seed, unsigned long stage_number)
{
	return igraph_rng_seed(igraph_rng_default(),
	                       (igraph_uint_t)(seed * 31 + stage_number));
}

/* Betweenness (exact or sampled) into actors[].betweenness. */
static igraph_error_t betweenness(const igraph_t *arcs,
                                  const igraph_vector_t *length,
                                  const igraph_vector_int_t *sources,
                                  bool exact,
                                  struct polgraph_actor_metrics *actors)
{
	igraph_integer_t n = igraph_vcount(arcs);
	igraph_vector_t values;
	igraph_error_t code;

	if (!exact)
		return sampled_betweenness(arcs, length, sources, actors);
	code = igraph_vector_init(&values, 0);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_betweenness(arcs, &values, igraph_vss_all(), true,
	                          length);
	if (code == IGRAPH_SUCCESS)
		for (igraph_integer_t i = 0; i < n; i++)
			actors[i].betweenness = VECTOR(values)[i];
	igraph_vector_destroy(&values);
	return code;
}

/* Closeness (exact or sampled) into actors[].closeness. */
static igraph_error_t closeness(const igraph_t *arcs,
                                const igraph_vector_t *length,
                                const igraph_vector_int_t *sources, bool exact,
                                struct polgraph_actor_metrics *actors)
{
	igraph_integer_t n = igraph_vcount(arcs);
	igraph_vector_t values;
	igraph_error_t code;

	if (!exact)
		return sampled_closeness(arcs, length, sources, actors);
	code = igraph_vector_init(&values, 0);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_closeness(arcs, &values, NULL, NULL, igraph_vss_all(),
	                        IGRAPH_OUT, length, true);
	if (code == IGRAPH_SUCCESS)
		for (igraph_integer_t i = 0; i < n; i++)
			actors[i].closeness = isnan(VECTOR(values)[i])
			                              ? 0
			                              : VECTOR(values)[i];
	igraph_vector_destroy(&values);
	return code;
}

/* Hub and authority scores into actors[]. */
static igraph_error_t hub_authority(const struct polgraph_graph *graph,
                                    unsigned long seed,
                                    struct polgraph_actor_metrics *actors)
{
	igraph_integer_t n = igraph_vcount(&graph->arcs);
	igraph_vector_t hub, authority;
	igraph_arpack_options_t arpack;
	igraph_real_t value;
	igraph_error_t code;

	code = reseed(seed, 1);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_vector_init(&hub, 0);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_vector_init(&authority, 0);
	if (code != IGRAPH_SUCCESS) {
		igraph_vector_destroy(&hub);
		return code;
	}
	igraph_arpack_options_init(&arpack);
	code = igraph_hub_and_authority_scores(&graph->arcs, &hub, &authority,
	                                       &value, true, &graph->arc_weight,
	                                       &arpack);
	if (code == IGRAPH_SUCCESS)
		for (igraph_integer_t i = 0; i < n; i++) {
			actors[i].hub = VECTOR(hub)[i];
			actors[i].authority = VECTOR(authority)[i];
		}
	igraph_vector_destroy(&authority);
	igraph_vector_destroy(&hub);
	return code;
}

/* Eigenvector centrality on the undirected view into actors[]. */
static igraph_error_t eigenvector(const igraph_t *undirected,
                                  const igraph_vector_t *weight,
                                  unsigned long seed,
                                  struct polgraph_actor_metrics *actors)
{
	igraph_integer_t n = igraph_vcount(undirected);
	igraph_arpack_options_t arpack;
	igraph_vector_t values;
	igraph_real_t value;
	igraph_error_t code;

	code = reseed(seed, 2);
	if (code != IGRAPH_SUCCESS)
		return code;
	code = igraph_vector_init(&values, 0);
	if (code != IGRAPH_SUCCESS)
		return code;
	igraph_arpack_options_init(&arpack);
	code = igraph_eigenvector_centrality(undirected, &values, &value, false,
	                                     true, weight, &arpack);
	if (code == IGRAPH_SUCCESS)
		for (igraph_integer_t i = 0; i < n; i++)
			actors[i].eigenvector = VECTOR(values)[i];
	igraph_vector_destroy(&values);
	return code;
}

/* ---- a helper process for the slowest stages ---- */

/*
 * On large graphs betweenness, hub/authority and eigenvector run in a
 * forked child while this process computes the other metrics: the stages
 * are independent (reseed) and igraph is not thread-safe, so a process,
 * not a thread. The child writes HELPER_VALUES values per vertex to a
 * pipe. If fork fails, or the child fails or dies, the parent computes
 * the same values itself: the result never depends on the child.
 */
struct helper {
	pid_t pid; /* 0: none */
	int fd;    /* read end of the pipe */
};

#define HELPER_VALUES 4 /* betweenness, hub, authority, eigenvector */

static bool write_all(int fd, const void *data, size_t len)
{
	const char *at = data;

	while (len) {
		ssize_t done = write(fd, at, len);

		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return false;
		at += done;
		len -= (size_t)done;
	}
	return true;
}

static bool read_all(int fd, void *data, size_t len)
{
	char *at = data;

	while (len) {
		ssize_t done = read(fd, at, len);

		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return false;
		at += done;
		len -= (size_t)done;
	}
	return true;
}

/* Is metric asked for (options->metrics: 0 = every metric)? */
static bool wanted(const struct polgraph_analyze_options *options,
                   enum polgraph_metric metric)
{
	return !options->metrics || (options->metrics & (1u << metric));
}

static void helper_start(struct helper *helper,
                         const struct polgraph_analyze_options *options,
                         const struct polgraph_graph *graph,
                         const igraph_t *undirected,
                         const igraph_vector_t *undirected_weight,
                         const igraph_vector_t *length,
                         const igraph_vector_int_t *sources, unsigned long seed,
                         struct polgraph_actor_metrics *actors)
{
	int fds[2];
	size_t n = graph->vertex_count;

	helper->pid = 0;
	if (pipe(fds) != 0)
		return;
	fflush(NULL); /* nothing buffered twice */
	helper->pid = fork();
	if (helper->pid < 0) {
		helper->pid = 0;
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (helper->pid == 0) {
		double *values;
		bool ok;

		close(fds[0]);
		ok = (!wanted(options, POLGRAPH_METRIC_BETWEENNESS) ||
		      betweenness(&graph->arcs, length, sources, false,
		                  actors) == IGRAPH_SUCCESS) &&
		     ((!wanted(options, POLGRAPH_METRIC_HUB) &&
		       !wanted(options, POLGRAPH_METRIC_AUTHORITY)) ||
		      hub_authority(graph, seed, actors) == IGRAPH_SUCCESS) &&
		     (!wanted(options, POLGRAPH_METRIC_EIGENVECTOR) ||
		      eigenvector(undirected, undirected_weight, seed,
		                  actors) == IGRAPH_SUCCESS);
		values =
			ok ? malloc(HELPER_VALUES * n * sizeof(*values)) : NULL;
		if (values) {
			for (size_t i = 0; i < n; i++) {
				double *at = values + HELPER_VALUES * i;

				at[0] = actors[i].betweenness;
				at[1] = actors[i].hub;
				at[2] = actors[i].authority;
				at[3] = actors[i].eigenvector;
			}
			ok = write_all(fds[1], values,
			               HELPER_VALUES * n * sizeof(*values));
		}
		_exit(ok && values ? 0 : 1);
	}
	close(fds[1]);
	helper->fd = fds[0];
}

/* The child's values into actors; false if it failed (none read). */
static bool helper_finish(struct helper *helper,
                          struct polgraph_actor_metrics *actors, size_t n)
{
	size_t bytes = HELPER_VALUES * n * sizeof(double);
	double *values = polgraph_xmalloc(bytes + 1);
	bool ok = read_all(helper->fd, values, bytes);
	int wstatus = 0;

	close(helper->fd);
	while (waitpid(helper->pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	ok = ok && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
	if (ok)
		for (size_t i = 0; i < n; i++) {
			const double *at = values + HELPER_VALUES * i;

			actors[i].betweenness = at[0];
			actors[i].hub = at[1];
			actors[i].authority = at[2];
			actors[i].eigenvector = at[3];
		}
	free(values);
	helper->pid = 0;
	return ok;
}

#define IG(call, what)                                                         \
	do {                                                                   \
		igraph_error_t ig_code_ = (call);                              \
		if (ig_code_ != IGRAPH_SUCCESS) {                              \
			status = graph_igraph_fail(ig_code_, (what), err);     \
			goto out;                                              \
		}                                                              \
	} while (0)

/* Default sampled sources: 256, fewer as the graph grows (analyze.h). */
static size_t default_sources(igraph_integer_t arcs)
{
	double k = arcs > 0 ? 22e6 / (double)arcs : 256;

	return k >= 256 ? 256 : k <= 16 ? 16 : (size_t)k;
}

enum polgraph_status
polgraph_analyze(const struct polgraph_graph *graph,
                 const struct polgraph_analyze_options *options,
                 struct polgraph_analysis *analysis, struct polgraph_error *err)
{
	static const struct polgraph_analyze_options defaults = { 0 };
	enum polgraph_status status = POLGRAPH_OK;
	const igraph_t *arcs = &graph->arcs;
	size_t n = graph->vertex_count;
	igraph_integer_t arc_count = igraph_vector_size(&graph->arc_weight);
	igraph_t undirected;
	igraph_vector_t undirected_weight, length, values;
	igraph_vector_int_t membership, cores, sources;
	struct helper helper = { 0 };
	bool have_undirected = false;
	int ready = 0;
	igraph_integer_t components = 0;
	igraph_real_t value;
	unsigned long seed;
	double damping;

	polgraph_graph_init();
	memset(analysis, 0, sizeof(*analysis));
	if (!options)
		options = &defaults;
	damping = options->damping > 0 ? options->damping : 0.85;
	if (damping >= 1)
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "damping must be in (0, 1), not %g",
		                          damping);
	seed = options->seed ? options->seed : 42;
	analysis->vertex_count = n;
	analysis->edge_count = graph->edge_count;
	analysis->directed = graph->directed;
	analysis->exact =
		n <= (options->exact_limit ? options->exact_limit : 5000);
	if (!analysis->exact) {
		size_t k = options->sources ? options->sources
		                            : default_sources(arc_count);

		analysis->sources = k < n ? k : n;
	}
	analysis->actors = polgraph_xcalloc(n + 1, sizeof(*analysis->actors));
	count_degrees(graph, analysis->actors);
	count_types(graph, analysis);
	if (n == 0)
		return POLGRAPH_OK;

	/* ready counts the vectors initialised, destroyed in reverse at out. */
	IG(igraph_vector_init(&length, arc_count), "cannot analyse the graph");
	ready++;
	IG(igraph_vector_init(&values, 0), "cannot analyse the graph");
	ready++;
	IG(igraph_vector_int_init(&membership, 0), "cannot analyse the graph");
	ready++;
	IG(igraph_vector_int_init(&cores, 0), "cannot analyse the graph");
	ready++;
	IG(igraph_vector_int_init(&sources, 0), "cannot analyse the graph");
	ready++;
	for (igraph_integer_t i = 0; i < arc_count; i++)
		VECTOR(length)[i] = 1.0 / VECTOR(graph->arc_weight)[i];

	/* The sample first, so it depends on the seed alone; sorted. */
	IG(reseed(seed, 0), "random seed");
	if (!analysis->exact)
		IG(igraph_random_sample(&sources, 0, (igraph_integer_t)n - 1,
		                        (igraph_integer_t)analysis->sources),
		   "source sample");
	IG(undirected_view(graph, &undirected, &undirected_weight),
	   "cannot analyse the graph");
	have_undirected = true;
	if (!analysis->exact && !options->single_process &&
	    (wanted(options, POLGRAPH_METRIC_BETWEENNESS) ||
	     wanted(options, POLGRAPH_METRIC_HUB) ||
	     wanted(options, POLGRAPH_METRIC_AUTHORITY) ||
	     wanted(options, POLGRAPH_METRIC_EIGENVECTOR)))
		helper_start(&helper, options, graph, &undirected,
		             &undirected_weight, &length, &sources, seed,
		             analysis->actors);

	stage(options, "summary");
	IG(igraph_density(arcs, &value, false), "density");
	analysis->density = isnan(value) ? 0 : value;
	IG(igraph_connected_components(arcs, NULL, NULL, &components,
	                               IGRAPH_WEAK),
	   "components");
	analysis->components = (size_t)components;

	if (wanted(options, POLGRAPH_METRIC_PAGERANK)) {
		stage(options, "pagerank");
		IG(igraph_pagerank(arcs, IGRAPH_PAGERANK_ALGO_PRPACK, &values,
		                   &value, igraph_vss_all(), true, damping,
		                   &graph->arc_weight, NULL),
		   "pagerank");
		for (size_t i = 0; i < n; i++)
			analysis->actors[i].pagerank = VECTOR(values)[i];
	}
	if (wanted(options, POLGRAPH_METRIC_CLOSENESS)) {
		stage(options, "closeness");
		IG(closeness(arcs, &length, &sources, analysis->exact,
		             analysis->actors),
		   "closeness");
	}
	if (wanted(options, POLGRAPH_METRIC_KCORE)) {
		stage(options, "kcore");
		IG(igraph_coreness(&undirected, &cores, IGRAPH_ALL), "k-cores");
		for (size_t i = 0; i < n; i++)
			analysis->actors[i].kcore = VECTOR(cores)[i];
	}
	if (wanted(options, POLGRAPH_METRIC_COMMUNITY)) {
		stage(options, "community");
		IG(reseed(seed, 3), "random seed");
		IG(communities(&undirected, &undirected_weight,
		               options->community, &membership),
		   "communities");
		analysis->communities =
			renumber(&membership, analysis->actors, n);
		IG(igraph_modularity(&undirected, &membership,
		                     &undirected_weight, 1.0, false, &value),
		   "modularity");
		analysis->modularity = isnan(value) ? 0 : value;
	}

	/* Betweenness, hub/authority, eigenvector: from the helper, or here. */
	if (helper.pid) {
		stage(options, "helper");
		if (helper_finish(&helper, analysis->actors, n))
			goto done;
	}
	if (wanted(options, POLGRAPH_METRIC_BETWEENNESS)) {
		stage(options, "betweenness");
		IG(betweenness(arcs, &length, &sources, analysis->exact,
		               analysis->actors),
		   "betweenness");
	}
	if (wanted(options, POLGRAPH_METRIC_HUB) ||
	    wanted(options, POLGRAPH_METRIC_AUTHORITY)) {
		stage(options, "hub-authority");
		IG(hub_authority(graph, seed, analysis->actors),
		   "hub and authority scores");
	}
	if (wanted(options, POLGRAPH_METRIC_EIGENVECTOR)) {
		stage(options, "eigenvector");
		IG(eigenvector(&undirected, &undirected_weight, seed,
		               analysis->actors),
		   "eigenvector centrality");
	}
done:
	stage(options, NULL);
out:
	if (helper.pid) { /* a failure above: stop and reap the child */
		kill(helper.pid, SIGKILL);
		helper_finish(&helper, analysis->actors, 0);
	}
	if (have_undirected) {
		igraph_vector_destroy(&undirected_weight);
		igraph_destroy(&undirected);
	}
	if (ready > 4)
		igraph_vector_int_destroy(&sources);
	if (ready > 3)
		igraph_vector_int_destroy(&cores);
	if (ready > 2)
		igraph_vector_int_destroy(&membership);
	if (ready > 1)
		igraph_vector_destroy(&values);
	if (ready > 0)
		igraph_vector_destroy(&length);
	return status;
}
