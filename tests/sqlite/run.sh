#!/usr/bin/env bash
# run.sh - the SQLite test suite, through the real sqlite3 shell.
#
#   tests/sqlite/run.sh [name ...]      run all scripts (or the named ones)
#   FARM_ACCEPT=1 tests/sqlite/run.sh   rewrite expected/*.out from the output
#   FARM_VALGRIND=1 tests/sqlite/run.sh run every sqlite3 under valgrind
#
# Each tests/sqlite/<name>.sql runs in a fresh temporary database
# (`sqlite3 test.db < <name>.sql`, stderr merged into stdout); if
# <name>.reopen.sql exists it runs next, in a new process on the same file.
# The files in lib/ are copied beside the database, so scripts can
# `.read snap.sql` / `.read same.sql`; fixtures/ holds examples/*.json,
# tests/unit/golden/prisma_*.prisma and farmorm.control; farmorm.so links
# to the module, so a script that opens another file (`.open x.db`) can
# `.load ./farmorm` into the new connection.
#
# Error lines lose the shell's version-specific prefix ("Parse error near
# line 5: ", "Runtime error near line 5: ", "Error: near line 5: ") and
# become "error: <message>"; parse-error context lines ("  select x();"
# followed by "^--- error here" or "error here ---^") and the " (19)"
# extended-code suffix of newer shells are dropped.  The result must equal
# expected/<name>.out byte for byte.  The summary counts boolean rows
# ("case|1") and error messages.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SQLITE3="${SQLITE3:-sqlite3}"
FARM_SO="${FARM_SO:-$root/sqlite_ext/farmorm}"
export SQLITE3 FARM_SO

if [ ! -f "$FARM_SO.so" ] && [ ! -f "$FARM_SO" ]; then
	echo "run.sh: $FARM_SO.so not found (make sqlite)" >&2
	exit 2
fi
command -v "$SQLITE3" >/dev/null || { echo "run.sh: $SQLITE3 not found" >&2; exit 2; }

runner=()
if [ -n "${FARM_VALGRIND:-}" ]; then
	runner=(valgrind -q --error-exitcode=99 --leak-check=no)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-sqlite-test.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

normalise() {
	sed -E \
		-e 's/^(Parse|Runtime) error( near line [0-9]+)?: /error: /' \
		-e 's/^Error: (near line [0-9]+: )?/error: /' \
		-e '/^error: /s/ \([0-9]+\)$//' |
	awk '
		/^ *\^--- error here$/ || / error here ---\^$/ { held = 0; next }
		{ if (held) print prev; prev = $0; held = 1 }
		END { if (held) print prev }'
}

run_one() { # run_one <dir> <script>: output of one sqlite3 process
	(cd "$1" && ${runner[@]+"${runner[@]}"} "$SQLITE3" -init /dev/null -batch -cmd ".load $FARM_SO" test.db < "$2" 2>&1)
	local rc=$?
	# the shell exits 1 after a failed statement; only crashes and valgrind count
	if [ "$rc" -gt 1 ]; then echo "!!! sqlite3 exited with status $rc"; fi
}

if [ $# -gt 0 ]; then
	scripts=()
	for n in "$@"; do scripts+=("$here/${n%.sql}.sql"); done
else
	scripts=("$here"/*.sql)
fi

start=$(date +%s.%N)
pass=0 fail=0 checks=0 errors=0
for script in "${scripts[@]}"; do
	name="$(basename "$script" .sql)"
	case "$name" in *.reopen) continue ;; esac
	dir="$tmp/$name"
	mkdir -p "$dir"
	cp "$here"/lib/* "$dir"/
	if [ -f "$FARM_SO.so" ]; then ln -s "$FARM_SO.so" "$dir/farmorm.so"; else ln -s "$FARM_SO" "$dir/farmorm.so"; fi
	# shared fixtures: the example fragment, the core's Prisma golden files
	# (the binding must print exactly what the core tests pin) and the
	# control file (farm_version)
	mkdir -p "$dir/fixtures"
	cp "$root"/examples/*.json "$root"/tests/unit/golden/prisma_*.prisma "$root/farmorm.control" "$dir/fixtures/"
	{
		run_one "$dir" "$script"
		if [ -f "$here/$name.reopen.sql" ]; then run_one "$dir" "$here/$name.reopen.sql"; fi
	} | normalise > "$dir/out"
	expected="$here/expected/$name.out"
	if [ -n "${FARM_ACCEPT:-}" ]; then cp "$dir/out" "$expected"; fi
	if [ -f "$expected" ] && diff -a -u "$expected" "$dir/out" > "$dir/diff"; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		if [ -f "$expected" ]; then sed 's/^/    /' "$dir/diff" | head -60; else echo "    (no $expected)"; fi
	fi
	checks=$((checks + $(grep -a -c -E '^[^|]+\|[01]$' "$dir/out")))
	errors=$((errors + $(grep -a -c '^error: ' "$dir/out")))
done
end=$(date +%s.%N)
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "sqlite: $pass passed, $fail failed ($((pass + fail)) scripts, $checks boolean checks, $errors error messages, ${elapsed}s)"
[ "$fail" -eq 0 ]
