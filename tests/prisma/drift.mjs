#!/usr/bin/env node
// drift.mjs - is a live database exactly what a Prisma schema describes?
//
//   node tests/prisma/drift.mjs --provider sqlite --db <path.sqlite> <schema.prisma>
//   node tests/prisma/drift.mjs --provider postgresql --url postgres://... [--schema-name public] <schema.prisma>
//   node tests/prisma/drift.mjs --provider <p> [--db|--url ...] --from-empty <schema.prisma>
//
// Runs Prisma's own schema engine (@prisma/schema-engine-wasm, through a driver
// adapter; the native engine cannot be downloaded here) and prints the migration
// script that would take the live database to the schema's datamodel.
// --from-empty prints the DDL Prisma would generate for the whole schema instead
// (for SQLite no database is needed then).
// Exit: 0 = no drift (empty diff), 1 = drift (script printed), 2 = tool error.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadSchemaEngine, withCharAsText } from './engine.mjs';

function usage(msg) {
  if (msg) console.error(`drift.mjs: ${msg}`);
  console.error('usage: drift.mjs --provider sqlite --db <file> <schema.prisma>\n' +
    '       drift.mjs --provider postgresql --url <url> [--schema-name <name>] <schema.prisma>\n' +
    '       (add --from-empty to print the DDL for the whole schema)');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { provider: null, db: null, url: null, schemaName: null, fromEmpty: false, file: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--provider') o.provider = val();
    else if (a === '--db') o.db = val();
    else if (a === '--url') o.url = val();
    else if (a === '--schema-name') o.schemaName = val();
    else if (a === '--from-empty') o.fromEmpty = true;
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (o.file) usage('exactly one schema file');
    else o.file = a;
  }
  if (!['sqlite', 'postgresql'].includes(o.provider)) usage('--provider sqlite|postgresql');
  if (!o.file) usage('missing schema file');
  if (o.provider === 'sqlite' && !o.db && !o.fromEmpty) usage('--db is required for sqlite');
  if (o.provider === 'postgresql' && !o.url) usage('--url is required for postgresql');
  return o;
}

async function makeAdapterFactory(o) {
  if (o.provider === 'sqlite') {
    const { PrismaLibSql } = await import('@prisma/adapter-libsql');
    const url = o.db ? `file:${resolve(o.db)}` : ':memory:';
    return new PrismaLibSql({ url, intMode: 'bigint' });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const pgOpts = { connectionString: o.url };
  if (o.schemaName) pgOpts.options = `-c search_path="${o.schemaName}"`;
  return withCharAsText(new PrismaPg(pgOpts, o.schemaName ? { schema: o.schemaName } : undefined));
}

const o = parseArgs(process.argv.slice(2));
let exitCode = 2;
let adapter = null;
try {
  const schemaPath = resolve(o.file);
  const text = readFileSync(schemaPath, 'utf8');
  const files = [{ path: schemaPath, content: text }];
  if (!/^\s*datasource\s+\w+\s*\{/m.test(text)) {
    // models with @@schema need the datasource to list their schemas
    const schemas = [...new Set([...text.matchAll(/^ {2}@@schema\("([^"]*)"\)$/gm)].map((m) => m[1]))].sort();
    const list = schemas.length ? `  schemas  = [${schemas.map((x) => JSON.stringify(x)).join(', ')}]\n` : '';
    files.push({ path: resolve(dirname(schemaPath), '__datasource.prisma'),
      content: `datasource db {\n  provider = "${o.provider}"\n${list}}\n` });
  }
  if (o.db && !existsSync(o.db)) throw new Error(`no such database file: ${o.db}`);
  const SchemaEngine = await loadSchemaEngine();
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  adapter = bindMigrationAwareSqlAdapterFactory(await makeAdapterFactory(o));
  const log = process.env.DRIFT_DEBUG ? (m) => console.error(m) : () => {};
  const engine = await SchemaEngine.new({ datamodels: undefined }, log, adapter);
  const result = await engine.diff({
    from: o.fromEmpty ? { tag: 'empty' } : { tag: 'schemaDatasource', files, configDir: dirname(schemaPath) },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  engine.free();
  const script = result.stdout ?? '';
  const empty = result.exitCode === 0 || /^-- This is an empty migration\.\s*$/.test(script.trim());
  if (o.fromEmpty) { process.stdout.write(script.endsWith('\n') ? script : script + '\n'); exitCode = 0; }
  else if (empty) { console.log('no drift'); exitCode = 0; }
  else { process.stdout.write(script.endsWith('\n') ? script : script + '\n'); exitCode = 1; }
} catch (err) {
  // errors raised inside the driver adapter reach us as "External error id#N"
  const e = adapter?.errorRegistry?.lookupError?.(err)?.error ?? err;
  const msg = e?.message ?? (typeof e === 'object' ? JSON.stringify(e) : String(e));
  console.error(`drift.mjs: error: ${msg}`);
  if (e?.cause) console.error('cause:', e.cause);
  if (process.env.DRIFT_DEBUG && e?.stack) console.error(e.stack);
  exitCode = 2;
}
process.exit(exitCode);
