#!/usr/bin/env node
// push.mjs - let Prisma's own schema engine create the tables a schema file
// describes, as `prisma db push` does (the "Prisma owns the tables" workflow
// that farm_migrate's adopt option takes over).
//
//   node tests/prisma/push.mjs --provider sqlite --db <path.sqlite> [--external t,...] <schema.prisma>
//   node tests/prisma/push.mjs --provider postgresql --url postgres://... [--external s.t,...] <schema.prisma>
//
// Runs the engine's schemaPush (@prisma/schema-engine-wasm through a driver
// adapter, loaded by engine.mjs); --external lists tables the
// engine leaves alone (filters.externalTables, as prisma.config.ts's
// tables.external).  Prints the number of executed steps.
// Exit: 0 = pushed, 1 = the engine refused (warnings or unexecutable steps), 2 = tool error.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadSchemaEngine, withCharAsText } from './engine.mjs';

function usage(msg) {
  if (msg) console.error(`push.mjs: ${msg}`);
  console.error('usage: push.mjs --provider sqlite --db <file> | --provider postgresql --url <url> [--external a,b] <schema.prisma>');
  process.exit(2);
}

const o = { provider: null, db: null, url: null, external: [], file: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
  if (a === '--provider') o.provider = val();
  else if (a === '--db') o.db = val();
  else if (a === '--url') o.url = val();
  else if (a === '--external') o.external = val().split(',').filter(Boolean);
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else o.file = a;
}
if (!['sqlite', 'postgresql'].includes(o.provider) || !o.file) usage();
if ((o.provider === 'sqlite') !== Boolean(o.db) || (o.provider === 'postgresql') !== Boolean(o.url)) usage();

async function adapterFactory() {
  if (o.provider === 'sqlite') {
    const { PrismaLibSql } = await import('@prisma/adapter-libsql');
    return new PrismaLibSql({ url: `file:${resolve(o.db)}`, intMode: 'bigint' });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return withCharAsText(new PrismaPg({ connectionString: o.url }));
}

let exitCode = 2;
let adapter = null;
try {
  const schemaPath = resolve(o.file);
  const text = readFileSync(schemaPath, 'utf8');
  const files = [{ path: schemaPath, content: text }];
  if (!/^\s*datasource\s+\w+\s*\{/m.test(text)) {
    files.push({ path: resolve(dirname(schemaPath), '__datasource.prisma'),
      content: `datasource db {\n  provider = "${o.provider}"\n}\n` });
  }
  const SchemaEngine = await loadSchemaEngine();
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  adapter = bindMigrationAwareSqlAdapterFactory(await adapterFactory());
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  const res = await engine.schemaPush({ force: false, schema: { files },
    filters: { externalTables: o.external, externalEnums: [] } });
  engine.free();
  if (res.warnings.length || res.unexecutable.length) {
    console.log([...res.warnings, ...res.unexecutable].join('\n'));
    exitCode = 1;
  } else {
    console.log(`pushed: ${res.executedSteps} steps`);
    exitCode = 0;
  }
} catch (err) {
  const e = adapter?.errorRegistry?.lookupError?.(err)?.error ?? err;
  console.error(`push.mjs: error: ${e?.message ?? String(e)}`);
  exitCode = 2;
}
process.exit(exitCode);
