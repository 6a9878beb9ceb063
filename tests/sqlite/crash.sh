#!/usr/bin/env bash
# crash.sh - a sqlite3 process killed with SIGKILL in the middle of a large
# farm_migrate.
#
#   tests/sqlite/crash.sh        (make sqlite-test runs it)
#   FARM_CRASH_TABLES=1000 tests/sqlite/crash.sh
#
# A namespace applied at version 3 (three tables) is registered up to
# FARM_CRASH_TABLES (600) tables; a sqlite3 process runs farm_migrate on a
# copy with a small page cache, so the migration writes pages to the file
# (rollback journal) or to the -wal file (WAL) as it goes, and is killed
# with SIGKILL at several points of that growth.  A kill counts only if it
# really landed mid-migration: the process died of the signal, had printed
# nothing (farm_migrate returns after its commit), and left its hot journal
# (rollback mode) or -wal file behind; a kill that came too late is tried
# again.  After each kill: PRAGMA integrity_check is ok, the applied
# version is the old or the new one and the schema objects and registry
# rows are exactly those of that version (equal to the database before the
# migration or after an uninterrupted one), and a second farm_migrate gives
# a database equal to the uninterrupted run.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SQLITE3="${SQLITE3:-sqlite3}"
FARM_SO="${FARM_SO:-$root/sqlite_ext/farmorm}"
T="${FARM_CRASH_TABLES:-600}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/farmorm-crash.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
start=$(date +%s.%N)
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
sq() { "$SQLITE3" -init /dev/null -batch -cmd ".load $FARM_SO" "$@"; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# tables N: a definition of N tables t1..tN, each referring to the one before
tables() {
	local i sep=""
	printf '{"tables":['
	for ((i = 1; i <= $1; i++)); do
		printf '%s{"name":"t%d","columns":[{"name":"title","type":"string"},{"name":"n","type":"integer","default":{"value":0}},{"name":"prevId","type":"reference","references":"t%d","nullable":true},{"name":"at","type":"timestamp","default":{"dbSpecial":"now"}}],"indexes":[{"name":"i_t%d","columns":["title"]}]}' \
			"$sep" "$i" $((i > 1 ? i - 1 : 1)) "$i"
		sep=","
	done
	printf ']}'
}
tables 3 > small.json
tables "$T" > big.json

# dump DB: applied version, every schema object, the registry rows (row ids
# are random), integrity
dump() {
	sq "$1" <<'EOF'
select 'applied', farm_applied_version('big'), farm_schema_version('big');
select 'object', type, name, tbl_name, sql from sqlite_master order by type, name;
select 'setting', key, value from fragno_db_settings order by key;
select 'integrity', integrity_check from pragma_integrity_check;
EOF
}

printf '%s\n' "PRAGMA cache_size = 20;" "select 'migrated', farm_migrate('big');" > migrate.sql

for mode in delete wal; do
	mkdir "$mode"
	base="$mode/base.db"
	sq "$base" "PRAGMA journal_mode = $mode;" \
		"select farm_register('big', readfile('small.json')), farm_migrate('big'), farm_register('big', readfile('big.json'));" > /dev/null
	dump "$base" > "$mode/old.dump"
	cp "$base" "$mode/ref.db"
	sq "$mode/ref.db" < migrate.sql > /dev/null
	dump "$mode/ref.db" > "$mode/new.dump"
	if grep -q "^applied|3|$T$" "$mode/old.dump" && grep -q "^applied|$T|$T$" "$mode/new.dump" &&
		grep -q '^integrity|ok$' "$mode/new.dump"; then
		ok "$mode: uninterrupted farm_migrate from version 3 to $T ($(grep -c '^object' "$mode/new.dump") schema objects)"
	else
		bad "$mode: uninterrupted farm_migrate from version 3 to $T"
		continue
	fi
	# kill points: a share of the pages the migration writes before its commit
	# (its growth of the file in rollback mode, of the -wal file in WAL mode);
	# 0 is "as soon as the migration has modified a page"
	growth=$(( $(size "$mode/ref.db") - $(size "$base") ))
	if [ "$mode" = delete ]; then watch=k.db points="0 30 60 90"; else watch=k.db-wal points="0 40 80"; fi
	for pct in $points; do
		landed=0
		for attempt in 1 2 3; do
			d="$mode/kill-$pct-$attempt"
			mkdir "$d"
			cp "$base" "$d/k.db"
			if [ "$watch" = k.db ]; then threshold=$(( $(size "$d/k.db") + growth * pct / 100 )); else threshold=$(( growth * pct / 100 )); fi
			( cd "$d" && exec "$SQLITE3" -init /dev/null -batch -cmd ".load $FARM_SO" k.db < ../../migrate.sql > k.out 2>&1 ) &
			pid=$!
			t0=$SECONDS
			# wait for the point: the journal (or -wal) holds a page and the
			# watched file has grown past the threshold
			until { [ -s "$d/k.db-journal" ] || [ "$(size "$d/k.db-wal")" -gt 0 ]; } &&
				[ "$(size "$d/$watch")" -gt "$threshold" ] || [ -s "$d/k.out" ] || [ $((SECONDS - t0)) -gt 60 ]; do :; done
			kill -9 "$pid" 2>/dev/null
			{ wait "$pid"; rc=$?; } 2>/dev/null
			hot=0
			if [ "$mode" = delete ] && [ -s "$d/k.db-journal" ]; then hot=1; fi
			if [ "$mode" = wal ] && [ -s "$d/k.db-wal" ]; then hot=1; fi
			if [ "$rc" -eq 137 ] && [ ! -s "$d/k.out" ] && [ "$hot" -eq 1 ]; then landed=1; break; fi
		done
		at="$(size "$d/$watch") bytes in $watch"
		if [ "$landed" -eq 0 ]; then
			bad "$mode: kill at $pct% never landed mid-migration (last: exit $rc, output '$(cat "$d/k.out")')"
			continue
		fi
		dump "$d/k.db" > "$d/after-kill.dump"
		if cmp -s "$mode/old.dump" "$d/after-kill.dump"; then was=old
		elif cmp -s "$mode/new.dump" "$d/after-kill.dump"; then was=new
		else was=neither
		fi
		if [ "$was" != neither ] && grep -q '^integrity|ok$' "$d/after-kill.dump"; then
			ok "$mode: SIGKILL at $pct% ($at, attempt $attempt): integrity ok, exactly the $was version"
		else
			bad "$mode: SIGKILL at $pct% ($at): the database is neither the old nor the new version"
			diff -a -u "$mode/old.dump" "$d/after-kill.dump" | head -20 | sed 's/^/    /'
			continue
		fi
		sq "$d/k.db" < migrate.sql > "$d/again.out" 2>&1
		dump "$d/k.db" > "$d/again.dump"
		if [ "$(cat "$d/again.out")" = "migrated|$T" ] && cmp -s "$mode/new.dump" "$d/again.dump"; then
			ok "$mode: SIGKILL at $pct%: farm_migrate again equals the uninterrupted run"
		else
			bad "$mode: SIGKILL at $pct%: farm_migrate again differs from the uninterrupted run"
			cat "$d/again.out" | sed 's/^/    /'
			diff -a -u "$mode/new.dump" "$d/again.dump" | head -20 | sed 's/^/    /'
		fi
	done
done

end=$(date +%s.%N)
echo "sqlite crash: $pass passed, $fail failed ($T tables, $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')s)"
[ "$fail" -eq 0 ]
