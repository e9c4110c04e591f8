# deps.sh - sourced by test.sh and demo.sh: makes sure the Debian packages
# polgraph builds and tests with are installed.
#
# As root, missing packages are installed with apt-get; otherwise the exact
# command is printed and the calling script stops.

POLGRAPH_PACKAGES="gcc make cmake pkg-config libsqlite3-dev libigraph-dev
libcjson-dev libgraphviz-dev libstemmer-dev libutf8proc-dev liblua5.4-dev
jq sqlite3 clang-format bc time chromium parallel clang libclang-rt-14-dev
valgrind libxml2-utils python3"

polgraph_missing_packages() {
	local pkg missing=""
	for pkg in $POLGRAPH_PACKAGES; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
			grep -q 'install ok installed'; then
			missing="$missing $pkg"
		fi
	done
	printf '%s\n' "${missing# }"
}

polgraph_install_deps() {
	local missing
	if ! command -v dpkg-query >/dev/null 2>&1; then
		echo "polgraph: warning: not a Debian system; make sure these are installed:" >&2
		echo "  $(echo $POLGRAPH_PACKAGES)" >&2
		return 0
	fi
	missing=$(polgraph_missing_packages)
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "polgraph: error: missing packages: $missing" >&2
		echo "Install them with:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
		exit 1
	fi
	echo "polgraph: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || { echo "polgraph: error: apt-get update failed" >&2; exit 1; }
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2 ||
		{ echo "polgraph: error: apt-get install failed" >&2; exit 1; }
}

# Configures and builds into $1 (default build/) with extra cmake args.
polgraph_build() {
	local dir=${1:-build}
	shift || true
	cmake -S "$POLGRAPH_ROOT" -B "$POLGRAPH_ROOT/$dir" "$@" >/dev/null ||
		{ echo "polgraph: error: cmake configure failed" >&2; exit 1; }
	cmake --build "$POLGRAPH_ROOT/$dir" -j "${POLGRAPH_JOBS:-$(nproc 2>/dev/null || echo 2)}" ||
		{ echo "polgraph: error: build failed" >&2; exit 1; }
}
