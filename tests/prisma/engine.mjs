// engine.mjs - Prisma's schema engine (@prisma/schema-engine-wasm) behind a
// driver adapter, for the scripts that drive it (migrate_dev.mjs, drift.mjs,
// push.mjs, tests/gate/gate.mjs): the one loader of the engine.
//
// The native engine cannot be downloaded here (PRISMA-NOTES.md); the WASM
// build does the same work through a driver adapter. Quirks handled here:
// the package entry imports the .wasm as an ES module, which Node 20 cannot
// do, so the module is instantiated by hand; its 60 s timers are unref()ed so
// a process exits as soon as its work is done; @prisma/adapter-pg cannot
// decode PostgreSQL's "char" (OID 18), which the engine's catalog queries
// return, so such fields are presented as text (OID 25).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function loadSchemaEngine() {
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

function patchCharType(conn) {
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
}

// A PrismaPg factory whose connections present "char" as text (above).
export function withCharAsText(factory) {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchCharType(await connect());
  return factory;
}

// @prisma/adapter-libsql 7.10 recognises a missing table by a message that
// starts with "no such table", but libsql prefixes its messages with the
// result code ("SQLITE_ERROR: no such table: _prisma_migrations"), so the
// engine's "no migrations table yet" check fails on a new database: strip
// the prefix before the adapter classifies the error.
function patchLibsqlErrors(conn) {
  let proto = conn;
  while (proto && !Object.hasOwn(proto, 'onError')) proto = Object.getPrototypeOf(proto);
  if (proto && !proto.onError.__prefixPatched) {
    const orig = proto.onError;
    proto.onError = function (error) {
      if (typeof error?.message === 'string') error.message = error.message.replace(/^SQLITE_[A-Z_]+: /, '');
      return orig.call(this, error);
    };
    proto.onError.__prefixPatched = true;
  }
  return conn;
}

// The engine runs migration scripts and initShadowDb as one raw command,
// which reaches @prisma/adapter-libsql as executeRaw: libsql's execute()
// runs only the first statement of a text, so in the shadow database only
// the first CREATE of every script would happen. A parameterless raw
// command goes through executeScript (libsql's executeMultiple) instead.
function patchLibsqlScripts(conn) {
  if (conn.executeRaw.__scriptPatched) return conn;
  const executeRaw = conn.executeRaw.bind(conn);
  conn.executeRaw = async (query) => {
    if ((query.args?.length ?? 0) > 0) return executeRaw(query);
    await conn.executeScript(query.sql);
    return 0;
  };
  conn.executeRaw.__scriptPatched = true;
  return conn;
}

// A migration-aware adapter factory: `connect()` is the database,
// `connectToShadowDb()` a new empty one (libsql: in memory; pg: CREATE
// DATABASE, dropped afterwards), as the CLI's shadow database.
export async function makeAdapter({ provider, db, url }) {
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  let factory;
  if (provider === 'sqlite') {
    const { PrismaLibSql } = await import('@prisma/adapter-libsql');
    factory = new PrismaLibSql({ url: `file:${resolve(db)}`, intMode: 'bigint' });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => patchLibsqlScripts(patchLibsqlErrors(await connect()));
    const shadow = factory.connectToShadowDb.bind(factory);
    factory.connectToShadowDb = async () => patchLibsqlScripts(patchLibsqlErrors(await shadow()));
  } else {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { parse } = await import('pg-connection-string');
    // discrete settings, not a connectionString: the adapter's shadow
    // database pool spreads { database } over its config, and pg lets a
    // connectionString win, which would point the shadow pool at the
    // database itself
    const c = parse(url);
    const cfg = { host: c.host, port: c.port ? Number(c.port) : undefined, user: c.user,
      password: c.password, database: c.database, options: c.options };
    factory = withCharAsText(new PrismaPg(cfg));
    // the adapter's own shadow database is dropped before its pool ends
    // ("is being accessed by other users"): the same steps, in order
    const { default: pg } = await import('pg');
    const admin = async (sql) => {
      const cl = new pg.Client(cfg);
      await cl.connect();
      try { await cl.query(sql); } finally { await cl.end(); }
    };
    factory.connectToShadowDb = async () => {
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await admin(`CREATE DATABASE "${name}"`);
      const conn = patchCharType(await new PrismaPg({ ...cfg, database: name }).connect());
      const dispose = conn.dispose.bind(conn);
      conn.dispose = async () => { await dispose(); await admin(`DROP DATABASE IF EXISTS "${name}"`); };
      return conn;
    };
  }
  return bindMigrationAwareSqlAdapterFactory(factory);
}

// The message of an error thrown inside the adapter ("External error id#N").
export function errorMessage(adapter, err) {
  const e = adapter?.errorRegistry?.lookupError?.(err)?.error ?? err;
  return e?.message ?? (typeof e === 'object' ? JSON.stringify(e) : String(e));
}
