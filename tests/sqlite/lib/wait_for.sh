#!/bin/sh
# wait_for.sh FILE: wait (at most 10 s) until FILE exists.
i=0
while [ ! -f "$1" ]; do
	sleep 0.01
	i=$((i + 1))
	if [ "$i" -gt 1000 ]; then echo "wait_for.sh: $1 never appeared"; exit 1; fi
done
