/*
 * polgraph.h - the whole public API. Clients include this one header.
 */
#ifndef POLGRAPH_H
#define POLGRAPH_H

#include "polgraph/status.h"
#include "polgraph/mem.h"
#include "polgraph/text.h"
#include "polgraph/ingest.h"
#include "polgraph/pipeline.h"
#include "polgraph/parallel.h"
#include "polgraph/actors.h"
#include "polgraph/relations.h"
#include "polgraph/strmap.h"
#include "polgraph/cameo.h"
#include "polgraph/json.h"
#include "polgraph/store.h"
#include "polgraph/resolve.h"
#include "polgraph/eval.h"
#include "polgraph/graph.h"
#include "polgraph/analyze.h"
#include "polgraph/query.h"
#include "polgraph/render.h"
#include "polgraph/export.h"
#include "polgraph/drawing.h"

#endif
