#!/usr/bin/env bash
# install-deps.sh - install what farmorm's build and tests need on Debian.
#   tools/install-deps.sh demo   build + demo (SQLite module)
#   tools/install-deps.sh test   everything `make test` runs
# Packages already installed are skipped, so repeated runs are fast.
set -euo pipefail
what="${1:-test}"
pkgs=(gcc make sqlite3 libsqlite3-dev libjansson-dev pkg-config)
if [ "$what" = test ]; then
  pkgs+=(postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap
         libtap-parser-sourcehandler-pgtap-perl valgrind
         clang libclang-rt-14-dev)
  # Node.js may come from elsewhere than Debian (with its own npm): only
  # install Debian's when the commands are missing
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "$what" = test ] && [ ! -d tests/prisma/node_modules/@prisma/schema-engine-wasm ]; then
  (cd tests/prisma && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "$what" = test ] && [ ! -x tests/drizzle/node_modules/.bin/drizzle-kit ]; then
  (cd tests/drizzle && npm ci --no-audit --no-fund --loglevel=error)
fi
