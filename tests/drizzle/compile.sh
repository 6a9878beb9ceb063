#!/usr/bin/env bash
# compile.sh OUTDIR file.ts... - type-check generated Drizzle schema modules
# with `tsc --strict` (plus --skipLibCheck: drizzle-orm's own declarations do
# not check without every driver installed) and write their JavaScript to
# OUTDIR (same base names), for plan.mjs and app.mjs.  One tsc run for all
# files: each file is its own module.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
out="$1"; shift
mkdir -p "$out"
ln -sfn "$HERE/node_modules" "$out/node_modules"
printf '{"type": "module"}\n' > "$out/package.json"
files=""
for f in "$@"; do
  cp "$f" "$out/src_$(basename "$f")"
  files="$files\"src_$(basename "$f")\","
done
cat > "$out/tsconfig.json" <<JSON
{"compilerOptions": {"strict": true, "skipLibCheck": true, "target": "ES2022",
  "module": "ES2022", "moduleResolution": "bundler", "rootDir": ".", "outDir": "js"},
 "files": [${files%,}]}
JSON
"$HERE/node_modules/.bin/tsc" -p "$out/tsconfig.json"
