#!/usr/bin/env bash
# concurrency.sh - many sqlite3 processes writing one database at once.
#
#   tests/sqlite/concurrency.sh        (make sqlite-test runs it)
#   FARM_PROCS=16 tests/sqlite/concurrency.sh
#
# 1. FARM_PROCS (8) processes start together on a brand-new 0-byte file, in
#    rollback-journal mode and in WAL mode (each process sets it, as an
#    application would), three rounds each, each registering and migrating its own namespace
#    twice (a second version adds a table and a column) and one namespace
#    they all share, migrators racing writers.  Every process must succeed
#    with exactly the output it has in a sequential run of the same scripts,
#    and the database must equal the sequential one: farm_namespaces(),
#    farm_schema() and the applied version of every namespace, every schema
#    object, the registry rows, PRAGMA integrity_check.
# 2. The migration-script shape of the README, `BEGIN IMMEDIATE;
#    farm_add_column; farm_migrate; COMMIT;`, from FARM_PROCS scripts at
#    once: all succeed, each column once, every version once.  A deferred
#    BEGIN whose first statement is the farmorm call behaves the same (the
#    call takes the write lock first).  A deferred transaction that reads
#    before it calls farmorm either succeeds or fails with the one retryable
#    error (SQLite's code 5, SQLITE_BUSY), never anything else, and the
#    database holds exactly the columns of the scripts that succeeded.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SQLITE3="${SQLITE3:-sqlite3}"
FARM_SO="${FARM_SO:-$root/sqlite_ext/farmorm}"
N="${FARM_PROCS:-8}"
BUSY_MSG='database is locked by another writer: retry the call; set a busy timeout (PRAGMA busy_timeout) to wait for the lock, and open transactions that call farmorm with BEGIN IMMEDIATE'

tmp="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-concurrency.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s.%N)
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# same NAME EXPECTED ACTUAL: two files with equal bytes
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else bad "$1"; diff -a -u "$2" "$3" | head -40 | sed 's/^/    /'; fi
}
sq() { "$SQLITE3" -init /dev/null -batch -cmd ".load $FARM_SO" "$@"; }

# state DB: what must equal the sequential run (row ids are random, not part of it)
state() {
	sq "$1" <<'EOF'
select 'namespaces', farm_namespaces();
select 'ns', j.value ->> 'namespace', farm_applied_version(j.value ->> 'namespace'), farm_schema(j.value ->> 'namespace')
	from json_each(farm_namespaces()) j;
select 'object', type, name, tbl_name, sql from sqlite_master order by type, name;
select 'setting', key, value from fragno_db_settings order by key;
select 'integrity', integrity_check from pragma_integrity_check;
EOF
}

# table N NAME [extra columns]: one table definition (JSON) referring to itself
table() {
	printf '{"name":"%s","columns":[{"name":"title","type":"string"},{"name":"n","type":"integer","default":{"value":0}},{"name":"parentId","type":"reference","references":"%s","nullable":true}%s],"indexes":[{"name":"i_%s","columns":["title"]}]}' \
		"$1" "$1" "${2:-}" "$1"
}
shared_def="{\"tables\":[$(table s1),$(table s2),$(table s3)]}"

# writer I MODE: process I's script (MODE wal sets journal_mode first)
writer() {
	local i=$1 v1 v2
	v1="{\"tables\":[$(table a),$(table b)]}"
	v2="{\"tables\":[$(table a ',{"name":"extra","type":"string","nullable":true}'),$(table b),$(table c)]}"
	echo ".timeout 60000"
	if [ "$2" = wal ]; then echo "PRAGMA journal_mode = WAL;"; fi
	echo ".system while [ ! -f go ]; do sleep 0.01; done"
	# odd processes migrate everything, even ones their own namespace, in
	# different orders: writers and migrators race on every step
	echo "select 'p$i', farm_register('ns$i', '$v1');"
	if [ $((i % 2)) -eq 1 ]; then
		echo "select 'p$i', farm_migrate();"
		echo "select 'p$i', farm_register('shared', '$shared_def');"
	else
		echo "select 'p$i', farm_register('shared', '$shared_def');"
		echo "select 'p$i', farm_migrate('ns$i');"
	fi
	echo "select 'p$i', farm_migrate('shared');"
	echo "select 'p$i', farm_register('ns$i', '$v2');"
	echo "select 'p$i', farm_migrate('ns$i');"
}

# ---- 1. brand-new file, N processes, against the sequential result ----------
for run in delete.1 delete.2 delete.3 wal.1 wal.2 wal.3; do
	mode="${run%.*}"
	d="$tmp/new-$run"
	mkdir -p "$d/seq" "$d/par"
	for i in $(seq 1 "$N"); do writer "$i" "$mode" > "$d/p$i.sql"; done
	# sequential: one process after the other on a new 0-byte file
	: > "$d/seq/test.db"
	touch "$d/seq/go"
	for i in $(seq 1 "$N"); do (cd "$d/seq" && sq test.db < "$d/p$i.sql" > "p$i.out" 2>&1); done
	# concurrent: all started, then released at once
	: > "$d/par/test.db"
	pids=()
	for i in $(seq 1 "$N"); do
		(cd "$d/par" && sq test.db < "$d/p$i.sql" > "p$i.out" 2>&1; echo "exit $?" >> "p$i.out") &
		pids+=($!)
	done
	sleep 0.2
	touch "$d/par/go"
	wait "${pids[@]}"
	bad_out=0
	for i in $(seq 1 "$N"); do
		echo "exit 0" >> "$d/seq/p$i.out"
		if ! cmp -s "$d/seq/p$i.out" "$d/par/p$i.out"; then
			bad_out=1
			echo "    process $i:"; diff -a -u "$d/seq/p$i.out" "$d/par/p$i.out" | sed 's/^/      /' | head -20
		fi
	done
	if [ "$bad_out" -eq 0 ]; then ok "$run: $N processes on a new file, each output as in the sequential run"; else bad "$run: $N processes on a new file, each output as in the sequential run"; fi
	state "$d/seq/test.db" > "$d/seq.state" 2>&1
	state "$d/par/test.db" > "$d/par.state" 2>&1
	same "$run: database equal to the sequential one ($(grep -c '^object' "$d/seq.state") schema objects, $(grep -c '^setting' "$d/seq.state") registry rows)" "$d/seq.state" "$d/par.state"
	if [ "$(grep -c '^ns|' "$d/seq.state")" -eq $((N + 1)) ] && grep -q '^integrity|ok$' "$d/par.state" &&
		[ "$(sq "$d/par/test.db" 'PRAGMA journal_mode')" = "$mode" ]; then
		ok "$run: $((N + 1)) namespaces, integrity ok, journal mode $mode"
	else
		bad "$run: $((N + 1)) namespaces, integrity ok, journal mode $mode"
	fi
done

# ---- 2. callers' transactions -------------------------------------------------
# txn I BEGIN-STATEMENT [READ-FIRST]: add column cI to t and migrate, in one transaction
txn() {
	echo ".timeout 60000"
	echo ".bail on"
	echo ".system while [ ! -f go ]; do sleep 0.01; done"
	echo "$2;"
	if [ -n "${3:-}" ]; then echo "select count(*) > 0 from fragno_db_settings;"; fi
	echo "select 'add', farm_add_column('cols', 't', '{\"name\":\"c$1\",\"type\":\"integer\",\"nullable\":true}');"
	echo "select 'migrate', farm_migrate('cols');"
	echo "commit;"
}
for kind in immediate deferred read-first; do
	d="$tmp/txn-$kind"
	mkdir -p "$d"
	sq "$d/test.db" "select farm_register('cols', '{\"tables\":[{\"name\":\"t\"}]}'), farm_migrate('cols');" > /dev/null
	case "$kind" in
		immediate) begin="begin immediate" ;;
		*) begin="begin" ;;
	esac
	pids=()
	for i in $(seq 1 "$N"); do
		txn "$i" "$begin" "$([ "$kind" = read-first ] && echo 1)" > "$d/p$i.sql"
		(cd "$d" && sq test.db < "p$i.sql" > "p$i.out" 2>&1; echo "exit $?" >> "p$i.out") &
		pids+=($!)
	done
	sleep 0.2
	touch "$d/go"
	wait "${pids[@]}"
	# each process: the whole script succeeded (its add and migrate return the
	# same new version), or it stopped at the retryable error, code 5
	succeeded=() odd=0
	for i in $(seq 1 "$N"); do
		out="$d/p$i.out"
		if [ "$(grep -c '^add|' "$out")" = 1 ] && [ "$(grep -c '^migrate|' "$out")" = 1 ] &&
			[ "$(sed -n 's/^add|//p' "$out")" = "$(sed -n 's/^migrate|//p' "$out")" ] && grep -q '^exit 0$' "$out" &&
			[ "$(grep -v -c -E '^(add|migrate|1)(\||$)|^exit 0$' "$out")" = 0 ]; then
			succeeded+=("$i")
		elif [ "$kind" = read-first ] && grep -q '^exit 1$' "$out" &&
			[ "$(grep -c -F "$BUSY_MSG (5)" "$out")" = 1 ] && [ "$(grep -c -E '^(add|migrate)\|' "$out")" = 0 ]; then
			:
		else
			odd=1
			echo "    process $i:"; sed 's/^/      /' "$out"
		fi
	done
	n_ok=${#succeeded[@]}
	cols="$(sq "$d/test.db" "select group_concat(name, ',') from (select name from pragma_table_info('t_cols') where name glob 'c[0-9]*' order by name)")"
	want="$(for i in "${succeeded[@]}"; do echo "c$i"; done | sort | paste -sd, -)"
	versions="$(cat "$d"/p*.out | sed -n 's/^add|//p' | sort -n | paste -sd, -)"
	if [ "$odd" -eq 0 ] && [ "$cols" = "$want" ] && [ "$versions" = "$(seq 2 $((n_ok + 1)) | paste -sd, -)" ] &&
		[ "$(sq "$d/test.db" "select farm_schema_version('cols') = $((n_ok + 1)) and farm_applied_version('cols') = $((n_ok + 1)) and (select integrity_check from pragma_integrity_check) = 'ok'")" = 1 ] &&
		{ [ "$kind" = read-first ] || [ "$n_ok" -eq "$N" ]; }; then
		ok "$kind: $n_ok of $N '$begin; farm_add_column; farm_migrate; commit' scripts succeeded$([ "$kind" = read-first ] && echo ", $((N - n_ok)) got the retryable error"), each column and version once"
	else
		bad "$kind: '$begin; farm_add_column; farm_migrate; commit' from $N scripts (columns: $cols, expected $want; versions $versions)"
	fi
done

end=$(date +%s.%N)
echo "sqlite concurrency: $pass passed, $fail failed ($N processes, $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')s)"
[ "$fail" -eq 0 ]
