#!/usr/bin/env node
// push.mjs - let Prisma's own schema engine create the tables a schema file
// describes, as `prisma db push` does (the "Prisma owns the tables" workflow
// that farm_migrate's adopt option takes over).
//
//   node tests/prisma/push.mjs --provider sqlite --db <path.sqlite> [--external t,...] <schema.prisma>
//   node tests/prisma/push.mjs --provider postgresql --url postgres://... [--external s.t,...] <schema.prisma>
//
// Runs the engine's schemaPush (@prisma/schema-engine-wasm through a driver
// adapter, loaded the way drift.mjs loads it); --external lists tables the
// engine leaves alone (filters.externalTables, as prisma.config.ts's
// tables.external).  Prints the number of executed steps.
// Exit: 0 = pushed, 1 = the engine refused (warnings or unexecutable steps), 2 = tool error.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

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

async function loadSchemaEngine() {
  const pkg = resolve(here, 'node_modules/@prisma/schema-engine-wasm');
  const bg = await import(resolve(pkg, 'schema_engine_bg.js'));
  const imports = { ...bg };
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) {
      const orig = bg[name];
      imports[name] = (...args) => { const t = orig(...args); t?.unref?.(); return t; };
    }
  }
  const bytes = readFileSync(resolve(pkg, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg.SchemaEngine;
}

async function adapterFactory() {
  if (o.provider === 'sqlite') {
    const { PrismaLibSql } = await import('@prisma/adapter-libsql');
    return new PrismaLibSql({ url: `file:${resolve(o.db)}`, intMode: 'bigint' });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const factory = new PrismaPg({ connectionString: o.url });
  // adapter-pg cannot decode "char" (OID 18) from the engine's catalog queries
  const origConnect = factory.connect.bind(factory);
  factory.connect = async () => {
    const conn = await origConnect();
    let proto = conn;
    while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
    if (proto && !proto.performIO.__charPatched) {
      const orig = proto.performIO;
      proto.performIO = async function (...args) {
        const res = await orig.apply(this, args);
        for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
        return res;
      };
      proto.performIO.__charPatched = true;
    }
    return conn;
  };
  return factory;
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
