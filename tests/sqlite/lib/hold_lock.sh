#!/bin/sh
# hold_lock.sh NAME [DB [BEGIN]]: in a second sqlite3 process on DB
# (default test.db), run NAME.sql inside a transaction opened with BEGIN
# (default "begin immediate"; "begin" and a read in NAME.sql hold a read
# lock), create the file NAME.locked, hold the lock for half a second,
# commit, then create NAME.done.  The output goes to NAME.out.  Started in the background by
# concurrency.sql and first_write.sql (.system ... &).
exec > "$1.out" 2>&1
{
	echo "${3:-begin immediate};"
	cat "$1.sql"
	echo ".system touch $1.locked"
	echo ".system sleep 0.5"
	echo "commit;"
} | "$SQLITE3" -init /dev/null -batch -cmd ".load $FARM_SO" "${2:-test.db}"
touch "$1.done"
