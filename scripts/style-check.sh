#!/usr/bin/env bash
# style-check.sh - checks what ../STYLE.md asks of the tree:
#   1. each third-party library is included by its one module only;
#   2. the CLI includes only the public headers;
#   3. C files are formatted as .clang-format says (when clang-format
#      is installed; exit 77 = skipped for ctest if it is not and nothing
#      else failed).
# Usage: scripts/style-check.sh [--fix]   (--fix reformats in place)
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# header pattern -> the only files allowed to include it
rules=(
	'sqlite3\.h|src/store\.c'
	'igraph|src/graph\.c src/analyze\.c'
	'cjson/|src/json\.c'
	'cgraph\.h|gvc\.h|src/render\.c'
	'utf8proc\.h|src/text\.c'
	'libstemmer\.h|src/text\.c'
	'lua\.h|lauxlib\.h|lualib\.h|src/query[a-z_]*\.c'
)
for rule in "${rules[@]}"; do
	allowed=${rule##*|}
	header=${rule%|*}
	while IFS=: read -r file _; do
		ok=0
		# noglob: a pattern such as src/query[a-z_]*\.c is a regex, and
		# as a glob it would expand to the files it happens to match.
		set -f
		for pattern in $allowed; do
			[[ $file =~ ^$pattern$ ]] && ok=1
		done
		set +f
		if [ $ok -eq 0 ]; then
			echo "style: $file includes a third-party header ($header) owned by another module" >&2
			status=1
		fi
	done < <(grep -rEn "^#include [<\"]($header)" src include tests 2>/dev/null)
done

if grep -rEn '^#include "' src/cli | grep -vE '#include "(cli\.h|polgraph/[a-z_]+\.h)"'; then
	echo "style: src/cli may include only cli.h and polgraph/*.h" >&2
	status=1
fi
if grep -rEn '^#include <(sqlite3|igraph|cjson|graphviz|utf8proc|libstemmer|lua)' include; then
	echo "style: a public header includes a third-party header" >&2
	status=1
fi

files=$(find src include tests -name '*.[ch]' | sort)
if command -v clang-format >/dev/null 2>&1; then
	if [ "${1:-}" = "--fix" ]; then
		# shellcheck disable=SC2086
		clang-format -i $files
	else
		# shellcheck disable=SC2086
		if ! clang-format --dry-run --Werror $files 2>/tmp/style-check.$$; then
			head -n 40 /tmp/style-check.$$ >&2
			echo "style: run scripts/style-check.sh --fix" >&2
			status=1
		fi
		rm -f /tmp/style-check.$$
	fi
elif [ $status -eq 0 ]; then
	echo "style: clang-format not installed; formatting not checked" >&2
	exit 77
fi
[ $status -eq 0 ] && echo "style: ok"
exit $status
