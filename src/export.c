/*
 * export.c - GraphML, GEXF 1.3, node-link JSON and neo4j-admin CSV
 * writers for the actor graph.
 *
 * Consumes a graph, its analysis (optional) and aliases (optional);
 * produces one document per call, appended to a buffer. Untrusted text is
 * sanitised (polgraph_text_sanitize) and escaped for the format here.
 */
#include <stdio.h>
#include <string.h>

#include "polgraph/export.h"
#include "polgraph/json.h"
#include "polgraph/text.h"

/* A node or edge attribute: name, type in GraphML/GEXF, neo4j type. */
struct column {
	const char *name, *xml_type, *neo4j_type;
};

static const struct column node_columns[] = {
	{ "key", "string", "string" },       { "name", "string", "string" },
	{ "type", "string", "string" },      { "mentions", "long", "long" },
	{ "first_seen", "string", "date" },  { "last_seen", "string", "date" },
	{ "aliases", "string", "string[]" },
};

static const struct column edge_columns[] = {
	{ "type", "string", "string" },
	{ "symmetric", "boolean", "boolean" },
	{ "weight", "long", "long" },
	{ "sentences", "long", "long" },
	{ "first_date", "string", "date" },
	{ "last_date", "string", "date" },
};

#define NODE_COLUMNS (sizeof(node_columns) / sizeof(*node_columns))
#define EDGE_COLUMNS (sizeof(edge_columns) / sizeof(*edge_columns))

static bool metric_is_integer(enum polgraph_metric metric)
{
	return metric == POLGRAPH_METRIC_IN || metric == POLGRAPH_METRIC_OUT ||
	       metric == POLGRAPH_METRIC_DEGREE ||
	       metric == POLGRAPH_METRIC_KCORE ||
	       metric == POLGRAPH_METRIC_COMMUNITY;
}

/* One value of a node or edge, as text, and whether it is a string. */
struct value {
	char number[40];
	const char *text; /* NULL: the value is number */
};

static void node_value(const struct polgraph_graph *graph,
                       const struct polgraph_export_options *options,
                       size_t index, size_t column, struct value *value)
{
	struct polgraph_graph_vertex vertex;

	polgraph_graph_vertex(graph, index, &vertex);
	value->text = NULL;
	switch (column) {
	case 0:
		value->text = vertex.key;
		break;
	case 1:
		value->text = vertex.name;
		break;
	case 2:
		value->text = vertex.type;
		break;
	case 3:
		snprintf(value->number, sizeof(value->number), "%lld",
		         (long long)vertex.mentions);
		break;
	case 4:
		value->text = vertex.first_seen;
		break;
	case 5:
		value->text = vertex.last_seen;
		break;
	case 6:
		value->text = options->aliases && options->aliases[index]
		                      ? options->aliases[index]
		                      : "";
		break;
	default: {
		enum polgraph_metric metric =
			(enum polgraph_metric)(column - NODE_COLUMNS);
		double number = polgraph_metric_value(
			&options->analysis->actors[index], metric);

		if (metric_is_integer(metric))
			snprintf(value->number, sizeof(value->number), "%lld",
			         (long long)number);
		else
			snprintf(value->number, sizeof(value->number), "%.10g",
			         number == 0 ? 0 : number);
	}
	}
}

static size_t node_column_count(const struct polgraph_export_options *options)
{
	return NODE_COLUMNS + (options->analysis ? POLGRAPH_METRIC_COUNT : 0);
}

static struct column node_column(size_t column)
{
	struct column metric = { NULL, "double", "double" };

	if (column < NODE_COLUMNS)
		return node_columns[column];
	metric.name = polgraph_metric_name(
		(enum polgraph_metric)(column - NODE_COLUMNS));
	if (metric_is_integer((enum polgraph_metric)(column - NODE_COLUMNS)))
		metric.xml_type = metric.neo4j_type = "long";
	return metric;
}

static void edge_value(const struct polgraph_graph_edge *edge, size_t column,
                       struct value *value)
{
	value->text = NULL;
	switch (column) {
	case 0:
		value->text = edge->type;
		break;
	case 1:
		snprintf(value->number, sizeof(value->number), "%s",
		         edge->symmetric ? "true" : "false");
		break;
	case 2:
		snprintf(value->number, sizeof(value->number), "%lld",
		         (long long)edge->weight);
		break;
	case 3:
		snprintf(value->number, sizeof(value->number), "%lld",
		         (long long)edge->sentences);
		break;
	case 4:
		value->text = edge->first_date;
		break;
	default:
		value->text = edge->last_date;
		break;
	}
}

/* ---- XML ---- */

void polgraph_export_xml_text(struct polgraph_buf *out, const char *s)
{
	struct polgraph_buf clean = { 0 };

	polgraph_text_sanitize(s ? s : "", s ? strlen(s) : 0, &clean);
	for (size_t i = 0; i < clean.len; i++) {
		switch (clean.data[i]) {
		case '&':
			polgraph_buf_puts(out, "&amp;");
			break;
		case '<':
			polgraph_buf_puts(out, "&lt;");
			break;
		case '>':
			polgraph_buf_puts(out, "&gt;");
			break;
		case '"':
			polgraph_buf_puts(out, "&quot;");
			break;
		case '\'':
			polgraph_buf_puts(out, "&apos;");
			break;
		case '\n':
			polgraph_buf_puts(out, "&#10;");
			break;
		default:
			polgraph_buf_append(out, clean.data + i, 1);
		}
	}
	polgraph_buf_release(&clean);
}

static void xml_value(struct polgraph_buf *out, const struct value *value)
{
	if (value->text)
		polgraph_export_xml_text(out, value->text);
	else
		polgraph_buf_puts(out, value->number);
}

static void write_graphml(const struct polgraph_graph *graph,
                          const struct polgraph_export_options *options,
                          struct polgraph_buf *out)
{
	size_t vertex_count = polgraph_graph_vertex_count(graph);
	size_t edge_count = polgraph_graph_edge_count(graph);
	size_t columns = node_column_count(options);
	struct value value;

	polgraph_buf_puts(
		out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
		"    xmlns:xsi=\"http://www.w3.org/2001/"
		"XMLSchema-instance\"\n"
		"    xsi:schemaLocation=\"http://graphml.graphdrawing.org/"
		"xmlns http://graphml.graphdrawing.org/xmlns/1.0/"
		"graphml.xsd\">\n");
	for (size_t c = 0; c < columns; c++) {
		struct column column = node_column(c);

		polgraph_buf_printf(out,
		                    "  <key id=\"v_%s\" for=\"node\" "
		                    "attr.name=\"%s\" attr.type=\"%s\"/>\n",
		                    column.name, column.name, column.xml_type);
	}
	for (size_t c = 0; c < EDGE_COLUMNS; c++)
		polgraph_buf_printf(out,
		                    "  <key id=\"e_%s\" for=\"edge\" "
		                    "attr.name=\"%s\" attr.type=\"%s\"/>\n",
		                    edge_columns[c].name, edge_columns[c].name,
		                    edge_columns[c].xml_type);
	polgraph_buf_printf(
		out, "  <graph id=\"polgraph\" edgedefault=\"%s\">\n",
		polgraph_graph_directed(graph) ? "directed" : "undirected");
	for (size_t v = 0; v < vertex_count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph, v, &vertex);
		polgraph_buf_puts(out, "    <node id=\"");
		polgraph_export_xml_text(out, vertex.key);
		polgraph_buf_puts(out, "\">\n");
		for (size_t c = 0; c < columns; c++) {
			node_value(graph, options, v, c, &value);
			polgraph_buf_printf(out, "      <data key=\"v_%s\">",
			                    node_column(c).name);
			xml_value(out, &value);
			polgraph_buf_puts(out, "</data>\n");
		}
		polgraph_buf_puts(out, "    </node>\n");
	}
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_buf_printf(out, "    <edge id=\"e%zu\" source=\"", e);
		polgraph_export_xml_text(out, source.key);
		polgraph_buf_puts(out, "\" target=\"");
		polgraph_export_xml_text(out, target.key);
		polgraph_buf_puts(out, "\">\n");
		for (size_t c = 0; c < EDGE_COLUMNS; c++) {
			edge_value(&edge, c, &value);
			polgraph_buf_printf(out, "      <data key=\"e_%s\">",
			                    edge_columns[c].name);
			xml_value(out, &value);
			polgraph_buf_puts(out, "</data>\n");
		}
		polgraph_buf_puts(out, "    </edge>\n");
	}
	polgraph_buf_puts(out, "  </graph>\n</graphml>\n");
}

static const char *gexf_type(const char *xml_type)
{
	return strcmp(xml_type, "long") == 0 ? "long" : xml_type;
}

/* start="..." end="..." for a non-empty date range. */
static void gexf_interval(struct polgraph_buf *out, const char *start,
                          const char *end)
{
	if (*start)
		polgraph_buf_printf(out, " start=\"%s\"", start);
	if (*end)
		polgraph_buf_printf(out, " end=\"%s\"", end);
}

static void write_gexf(const struct polgraph_graph *graph,
                       const struct polgraph_export_options *options,
                       struct polgraph_buf *out)
{
	size_t vertex_count = polgraph_graph_vertex_count(graph);
	size_t edge_count = polgraph_graph_edge_count(graph);
	size_t columns = node_column_count(options);
	struct value value;

	polgraph_buf_puts(out,
	                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<gexf xmlns=\"http://gexf.net/1.3\"\n"
	                  "    xmlns:xsi=\"http://www.w3.org/2001/"
	                  "XMLSchema-instance\"\n"
	                  "    xsi:schemaLocation=\"http://gexf.net/1.3 "
	                  "http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
	                  "  <meta>\n    <creator>polgraph</creator>\n"
	                  "    <description>actor graph</description>\n"
	                  "  </meta>\n");
	polgraph_buf_printf(out,
	                    "  <graph defaultedgetype=\"%s\" mode=\"dynamic\" "
	                    "timeformat=\"date\">\n",
	                    polgraph_graph_directed(graph) ? "directed"
	                                                   : "undirected");
	polgraph_buf_puts(out,
	                  "    <attributes class=\"node\" mode=\"static\">\n");
	/* key and name are the node's id and label; the rest are attributes */
	for (size_t c = 2; c < columns; c++) {
		struct column column = node_column(c);

		polgraph_buf_printf(out,
		                    "      <attribute id=\"%s\" title=\"%s\" "
		                    "type=\"%s\"/>\n",
		                    column.name, column.name,
		                    gexf_type(column.xml_type));
	}
	polgraph_buf_puts(out, "    </attributes>\n"
	                       "    <attributes class=\"edge\" "
	                       "mode=\"static\">\n");
	for (size_t c = 0; c < EDGE_COLUMNS; c++)
		if (c != 2) /* weight is GEXF's own */
			polgraph_buf_printf(
				out,
				"      <attribute id=\"%s\" title=\"%s\" "
				"type=\"%s\"/>\n",
				edge_columns[c].name, edge_columns[c].name,
				gexf_type(edge_columns[c].xml_type));
	polgraph_buf_puts(out, "    </attributes>\n    <nodes>\n");
	for (size_t v = 0; v < vertex_count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph, v, &vertex);
		polgraph_buf_puts(out, "      <node id=\"");
		polgraph_export_xml_text(out, vertex.key);
		polgraph_buf_puts(out, "\" label=\"");
		polgraph_export_xml_text(out, vertex.name);
		polgraph_buf_puts(out, "\"");
		gexf_interval(out, vertex.first_seen, vertex.last_seen);
		polgraph_buf_puts(out, ">\n        <attvalues>\n");
		for (size_t c = 2; c < columns; c++) {
			node_value(graph, options, v, c, &value);
			polgraph_buf_printf(out,
			                    "          <attvalue for=\"%s\" "
			                    "value=\"",
			                    node_column(c).name);
			xml_value(out, &value);
			polgraph_buf_puts(out, "\"/>\n");
		}
		polgraph_buf_puts(out, "        </attvalues>\n      </node>\n");
	}
	polgraph_buf_puts(out, "    </nodes>\n    <edges>\n");
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_buf_printf(out, "      <edge id=\"e%zu\" source=\"",
		                    e);
		polgraph_export_xml_text(out, source.key);
		polgraph_buf_puts(out, "\" target=\"");
		polgraph_export_xml_text(out, target.key);
		polgraph_buf_printf(out, "\" type=\"%s\" kind=\"",
		                    edge.symmetric ? "undirected" : "directed");
		polgraph_export_xml_text(out, edge.type);
		polgraph_buf_printf(out, "\" weight=\"%lld\"",
		                    (long long)edge.weight);
		gexf_interval(out, edge.first_date, edge.last_date);
		polgraph_buf_puts(out, ">\n        <attvalues>\n");
		for (size_t c = 0; c < EDGE_COLUMNS; c++) {
			if (c == 2)
				continue;
			edge_value(&edge, c, &value);
			polgraph_buf_printf(out,
			                    "          <attvalue for=\"%s\" "
			                    "value=\"",
			                    edge_columns[c].name);
			xml_value(out, &value);
			polgraph_buf_puts(out, "\"/>\n");
		}
		polgraph_buf_puts(out, "        </attvalues>\n      </edge>\n");
	}
	polgraph_buf_puts(out, "    </edges>\n  </graph>\n</gexf>\n");
}

/* ---- JSON ---- */

static void json_text(struct polgraph_buf *out, const char *s)
{
	struct polgraph_buf clean = { 0 };

	polgraph_text_sanitize(s ? s : "", s ? strlen(s) : 0, &clean);
	polgraph_json_write_string(out, clean.data ? clean.data : "");
	polgraph_buf_release(&clean);
}

static void json_value(struct polgraph_buf *out, const struct value *value)
{
	if (value->text)
		json_text(out, value->text);
	else
		polgraph_buf_puts(out, value->number);
}

static void write_json(const struct polgraph_graph *graph,
                       const struct polgraph_export_options *options,
                       struct polgraph_buf *out)
{
	size_t vertex_count = polgraph_graph_vertex_count(graph);
	size_t edge_count = polgraph_graph_edge_count(graph);
	size_t columns = node_column_count(options);
	struct value value;

	polgraph_buf_printf(out,
	                    "{\"directed\":%s,\"multigraph\":true,"
	                    "\"graph\":{\"name\":\"polgraph\"},\"nodes\":[",
	                    polgraph_graph_directed(graph) ? "true" : "false");
	for (size_t v = 0; v < vertex_count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph, v, &vertex);
		polgraph_buf_puts(out, v ? ",\n{\"id\":" : "\n{\"id\":");
		json_text(out, vertex.key);
		for (size_t c = 1; c < columns; c++) {
			node_value(graph, options, v, c, &value);
			polgraph_buf_printf(out,
			                    ",\"%s\":", node_column(c).name);
			json_value(out, &value);
		}
		polgraph_buf_puts(out, "}");
	}
	polgraph_buf_puts(out, "],\"links\":[");
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		polgraph_buf_puts(out,
		                  e ? ",\n{\"source\":" : "\n{\"source\":");
		json_text(out, source.key);
		polgraph_buf_puts(out, ",\"target\":");
		json_text(out, target.key);
		polgraph_buf_puts(out, ",\"key\":");
		json_text(out, edge.type);
		for (size_t c = 0; c < EDGE_COLUMNS; c++) {
			edge_value(&edge, c, &value);
			polgraph_buf_printf(out,
			                    ",\"%s\":", edge_columns[c].name);
			json_value(out, &value);
		}
		polgraph_buf_puts(out, "}");
	}
	polgraph_buf_puts(out, "]}\n");
}

/* ---- CSV ---- */

/* A CSV field: sanitised, LF made a space, quoted (RFC 4180). */
static void csv_text(struct polgraph_buf *out, const char *s)
{
	struct polgraph_buf clean = { 0 };

	polgraph_text_sanitize(s ? s : "", s ? strlen(s) : 0, &clean);
	polgraph_buf_puts(out, "\"");
	for (size_t i = 0; i < clean.len; i++) {
		if (clean.data[i] == '"')
			polgraph_buf_puts(out, "\"\"");
		else if (clean.data[i] == '\n')
			polgraph_buf_puts(out, " ");
		else
			polgraph_buf_append(out, clean.data + i, 1);
	}
	polgraph_buf_puts(out, "\"");
	polgraph_buf_release(&clean);
}

static void csv_value(struct polgraph_buf *out, const struct value *value)
{
	if (value->text)
		csv_text(out, value->text);
	else
		polgraph_buf_puts(out, value->number);
}

/* "country" -> "Country", the node's second neo4j label. */
static void csv_label(struct polgraph_buf *out, const char *type)
{
	polgraph_buf_puts(out, "\"Actor");
	if (*type &&
	    strspn(type, "abcdefghijklmnopqrstuvwxyz-") == strlen(type)) {
		char first = (char)(type[0] - 'a' + 'A');

		polgraph_buf_puts(out, ";");
		polgraph_buf_append(out, &first, 1);
		polgraph_buf_puts(out, type + 1);
	}
	polgraph_buf_puts(out, "\"");
}

/* "meets-with" -> "MEETS_WITH", the neo4j relationship type. */
static void csv_type(struct polgraph_buf *out, const char *type)
{
	polgraph_buf_puts(out, "\"");
	for (const char *p = type; *p; p++) {
		char c = *p;

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			c = '_';
		polgraph_buf_append(out, &c, 1);
	}
	polgraph_buf_puts(out, "\"");
}

static void write_csv_nodes(const struct polgraph_graph *graph,
                            const struct polgraph_export_options *options,
                            struct polgraph_buf *out)
{
	size_t vertex_count = polgraph_graph_vertex_count(graph);
	size_t columns = node_column_count(options);
	struct value value;

	polgraph_buf_puts(out, "key:ID");
	for (size_t c = 1; c < columns; c++) {
		struct column column = node_column(c);

		polgraph_buf_printf(out, ",%s:%s", column.name,
		                    column.neo4j_type);
	}
	polgraph_buf_puts(out, ",:LABEL\n");
	for (size_t v = 0; v < vertex_count; v++) {
		struct polgraph_graph_vertex vertex;

		polgraph_graph_vertex(graph, v, &vertex);
		for (size_t c = 0; c < columns; c++) {
			node_value(graph, options, v, c, &value);
			if (c)
				polgraph_buf_puts(out, ",");
			csv_value(out, &value);
		}
		polgraph_buf_puts(out, ",");
		csv_label(out, vertex.type);
		polgraph_buf_puts(out, "\n");
	}
}

static void write_csv_edges(const struct polgraph_graph *graph,
                            struct polgraph_buf *out)
{
	size_t edge_count = polgraph_graph_edge_count(graph);
	struct value value;

	polgraph_buf_puts(out, ":START_ID,:END_ID,:TYPE");
	for (size_t c = 0; c < EDGE_COLUMNS; c++)
		polgraph_buf_printf(out, ",%s:%s", edge_columns[c].name,
		                    edge_columns[c].neo4j_type);
	polgraph_buf_puts(out, "\n");
	for (size_t e = 0; e < edge_count; e++) {
		struct polgraph_graph_edge edge;
		struct polgraph_graph_vertex source, target;

		polgraph_graph_edge(graph, e, &edge);
		polgraph_graph_vertex(graph, edge.source, &source);
		polgraph_graph_vertex(graph, edge.target, &target);
		csv_text(out, source.key);
		polgraph_buf_puts(out, ",");
		csv_text(out, target.key);
		polgraph_buf_puts(out, ",");
		csv_type(out, edge.type);
		for (size_t c = 0; c < EDGE_COLUMNS; c++) {
			edge_value(&edge, c, &value);
			polgraph_buf_puts(out, ",");
			csv_value(out, &value);
		}
		polgraph_buf_puts(out, "\n");
	}
}

enum polgraph_status
polgraph_export(const struct polgraph_graph *graph,
                enum polgraph_export_format format,
                const struct polgraph_export_options *options,
                struct polgraph_buf *out, struct polgraph_error *err)
{
	static const struct polgraph_export_options none = { 0 };
	size_t start = out->len;

	if (!options)
		options = &none;
	switch (format) {
	case POLGRAPH_EXPORT_GRAPHML:
		write_graphml(graph, options, out);
		break;
	case POLGRAPH_EXPORT_GEXF:
		write_gexf(graph, options, out);
		break;
	case POLGRAPH_EXPORT_JSON:
		write_json(graph, options, out);
		break;
	case POLGRAPH_EXPORT_CSV_NODES:
		write_csv_nodes(graph, options, out);
		break;
	case POLGRAPH_EXPORT_CSV_EDGES:
		write_csv_edges(graph, out);
		break;
	default:
		return polgraph_error_set(err, POLGRAPH_INVALID,
		                          "unknown export format");
	}
	if (out->max && out->len >= out->max && out->len > start)
		return polgraph_error_set(err, POLGRAPH_TOOBIG,
		                          "the export is too large");
	return POLGRAPH_OK;
}
