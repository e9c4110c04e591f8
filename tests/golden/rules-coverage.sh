#!/usr/bin/env bash
# rules-coverage.sh - every relation rule has a sentence of its own, and the
# trap sentences yield nothing.
#
# tests/golden/extract/rules-ru.jsonl and rules-en.jsonl hold one article per
# rule of data/rules/*.json, its id the rule id ("ru.meets-with.1"), and
# trap articles ("ru.trap.1": negated, sport, business, a title without a
# person). golden/extract pins their whole output; this test asserts:
#   1. every rule id of data/rules/*.json is the "rule" of at least one
#      relation of the article with that id (the rules that never fire are
#      listed);
#   2. a "*.trap.*" article yields no relation but ones of rule
#      "lexicon.role" and negated ones (a negated relation is kept, flagged,
#      and never enters the graph);
#   3. every other article id is a rule id (no line left behind by a
#      removed or renamed rule).
# Prints "N passed, N failed"; exits non-zero on any failure.
set -u
: "${POLGRAPH:?set POLGRAPH to the polgraph binary}"
: "${POLGRAPH_SOURCE_DIR:?set POLGRAPH_SOURCE_DIR to the source tree}"
src=$POLGRAPH_SOURCE_DIR
inputs=("$src/tests/golden/extract/rules-ru.jsonl"
	"$src/tests/golden/extract/rules-en.jsonl")
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
}

for input in "${inputs[@]}"; do
	if ! "$POLGRAPH" -q --data "$src/data" extract "$input" \
		>>"$tmp/out.jsonl" 2>"$tmp/err"; then
		fail "polgraph extract $(basename "$input"): $(cat "$tmp/err")"
	fi
done

# Rule ids, file by file, in file order.
for rules in "$src"/data/rules/*.json; do
	jq -r '.rules[].id' "$rules" || fail "cannot read $rules"
done >"$tmp/rules"
[ -s "$tmp/rules" ] || fail "no rule ids in $src/data/rules"

# id <TAB> rule of every relation; and every article id.
jq -r '.id as $id | .relations[] | [$id, .rule] | @tsv' "$tmp/out.jsonl" \
	>"$tmp/fired"
jq -r '.id' "$tmp/out.jsonl" >"$tmp/ids"

# 1. every rule fires on its own sentence
never=()
while IFS= read -r rule; do
	if awk -F'\t' -v r="$rule" '$1 == r && $2 == r { found = 1 }
	                           END { exit !found }' "$tmp/fired"; then
		passed=$((passed + 1))
	elif grep -qxF -- "$rule" "$tmp/ids"; then
		never+=("$rule")
		fail "$rule: its sentence yields no relation of rule $rule"
	else
		never+=("$rule")
		fail "$rule: no article with id $rule"
	fi
done <"$tmp/rules"

# 2. traps yield nothing but lexicon roles and negated relations
while IFS= read -r trap; do
	bad=$(jq -r --arg id "$trap" 'select(.id == $id) | .relations[]
		| select(.rule != "lexicon.role" and .negated != true)
		| "\(.rule) \(.type) \(.source) -> \(.target)"' "$tmp/out.jsonl")
	if [ -z "$bad" ]; then
		passed=$((passed + 1))
	else
		fail "$trap yields: $(printf '%s' "$bad" | paste -sd ';' -)"
	fi
done < <(grep -E '^[a-z]+\.trap\.' "$tmp/ids")

# 3. no stray articles
while IFS= read -r id; do
	if grep -qxF -- "$id" "$tmp/rules"; then
		:
	else
		fail "$id: neither a rule id nor a trap"
	fi
done < <(grep -vE '^[a-z]+\.trap\.' "$tmp/ids")

if [ "${#never[@]}" -gt 0 ]; then
	echo "rules that never fire: ${never[*]}" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
