#!/bin/sh
# hold_lock.sh NAME: in a second sqlite3 process on test.db, run NAME.sql
# inside BEGIN IMMEDIATE, create the file NAME.locked, hold the write lock
# for half a second, commit, then create NAME.done.  The output goes to
# NAME.out.  Started in the background by concurrency.sql (.system ... &).
exec > "$1.out" 2>&1
{
	echo "begin immediate;"
	cat "$1.sql"
	echo ".system touch $1.locked"
	echo ".system sleep 0.5"
	echo "commit;"
} | "$SQLITE3" -init /dev/null -batch -cmd ".load $FARM_SO" test.db
touch "$1.done"
