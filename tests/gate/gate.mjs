#!/usr/bin/env node
// gate.mjs - the generative gate test: "registration is the gate" (SPEC
// section 2).  From a fixed seed it builds random registries (gen.mjs),
// registers each through the real sqlite3 shell with the module loaded and,
// call for call, through PostgreSQL; whatever was accepted must then
//  - migrate on SQLite and on PostgreSQL (after every phase),
//  - get the same answer (version or error text) from both hosts, and the
//    same farm_schema and generated Prisma text,
//  - yield Prisma output for sqlite, postgresql and mysql (one file for
//    all namespaces; one file per namespace with internal: false for all
//    but the first, validated together) that passes validation and
//    equals `prisma format` (@prisma/prisma-schema-wasm, which is what the
//    prisma CLI runs),
//  - show zero drift under Prisma's schema engine (@prisma/schema-engine-
//    wasm) on both hosts.
// Refusals are fine and counted by error; any error after registration is
// a failure.  Everything runs in this one Node process.
//
//   node tests/gate/gate.mjs --seed N --count N [--first K] [--only K] [--no-pg]
//        [--no-drift] [--repro DIR] [--verbose] [--case-file case.json]
// PostgreSQL through PGHOST/PGPORT/PGUSER (tests/gate/run.sh starts a
// throwaway cluster).  Exit 0 when no case failed, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSchemaEngine, withCharAsText } from '../prisma/engine.mjs';
import { callSql, makeCase, sqlLit } from './gen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const req = createRequire(join(root, 'tests/prisma/package.json'));
const imp = (m) => import(pathToFileURL(req.resolve(m)).href);

// ---- options ---------------------------------------------------------------
const o = { seed: 1, count: 200, first: 0, only: null, pg: true, drift: true, repro: null, verbose: false };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const v = () => a[++i];
    if (a[i] === '--seed') o.seed = Number(v());
    else if (a[i] === '--count') o.count = Number(v());
    else if (a[i] === '--first') o.first = Number(v());
    else if (a[i] === '--only') o.only = Number(v());
    else if (a[i] === '--no-pg') o.pg = false;
    else if (a[i] === '--no-drift') o.drift = false;
    else if (a[i] === '--repro') o.repro = v();
    else if (a[i] === '--verbose') o.verbose = true;
    else if (a[i] === '--case-file') o.caseFile = v();
    else { console.error(`gate.mjs: unknown option ${a[i]}`); process.exit(2); }
  }
  if (!Number.isInteger(o.seed) || !Number.isInteger(o.count)) { console.error('gate.mjs: --seed and --count take integers'); process.exit(2); }
}
const SQLITE3 = process.env.SQLITE3 || 'sqlite3';
const FARM_SO = process.env.FARM_SO || join(root, 'sqlite_ext/farmorm');
const PROVIDERS = ['sqlite', 'postgresql', 'mysql'];

// ---- Prisma: format, validate, drift -------------------------------------
const psw = req('@prisma/prisma-schema-wasm');
const header = (p) => `datasource db {\n  provider = "${p}"\n}\n`;

function formatDiff(name, text) {
  const opts = { textDocument: { uri: 'file:/dev/null' }, options: { tabSize: 2, insertSpaces: true } };
  let out;
  try { out = JSON.parse(psw.format(JSON.stringify([[name, text]]), JSON.stringify(opts)))[0][1]; } catch (e) { return `format failed: ${e.message}`; }
  if (out === text) return null;
  const a = text.split('\n'), b = out.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `not in prisma format form at line ${i + 1}: ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}`;
}

function validate(files, provider) {
  try {
    psw.validate(JSON.stringify({ prismaSchema: [...files, ['_datasource.prisma', header(provider)]], noColor: true }));
    return null;
  } catch (e) {
    const raw = e?.message ?? String(e);
    try { return JSON.parse(raw).message; } catch { return raw; }
  }
}

let SchemaEngine = null;
let bindAdapter = null;
async function loadEngine() {
  SchemaEngine = await loadSchemaEngine();
  bindAdapter = (await imp('@prisma/driver-adapter-utils')).bindMigrationAwareSqlAdapterFactory;
}

async function pgAdapterFactory(conn) {
  const { PrismaPg } = await imp('@prisma/adapter-pg');
  return withCharAsText(new PrismaPg(conn));
}

async function drift(engine, adapter, provider, text, dir) {
  const files = [{ path: join(dir, 'schema.prisma'), content: text }, { path: join(dir, '_ds.prisma'), content: header(provider) }];
  try {
    const res = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: dir },
      to: { tag: 'schemaDatamodel', files },
      script: true, exitCode: true, filters: { externalTables: [], externalEnums: [] },
    });
    const script = (res.stdout ?? '').trim();
    if (res.exitCode === 0 || /^-- This is an empty migration\.$/.test(script)) return null;
    // first line: the kind of change (the failure class); then the script
    const lines = script.split('\n').filter((l) => l && !l.startsWith('--'));
    const kind = (lines.find((l) => !l.startsWith('PRAGMA')) ?? lines[0] ?? '').split(' (')[0];
    return `drift: ${kind}\n${lines.slice(0, 12).join('\n')}`;
  } catch (err) {
    const e = adapter?.errorRegistry?.lookupError?.(err)?.error ?? err;
    return `schema engine error: ${e?.message ?? JSON.stringify(e)}`;
  }
}

// ---- SQLite through the shell ----------------------------------------------
function normaliseError(line) {
  return line.replace(/^(Parse|Runtime) error( near line \d+)?: /, '').replace(/^Error: (near line \d+: )?/, '')
    .replace(/^(stepping|in prepare), /, '').replace(/ \(\d+\)$/, '');
}

// Run a script of "@@tag" blocks; returns Map tag -> {ok, value|error}.
function sqliteRun(dir, blocks) {
  const lines = ['.bail off', '.headers off', '.mode list'];
  for (const [tag, sql] of blocks) lines.push(`.print @@${tag}`, `${sql};`);
  lines.push('.print @@end');
  const p = spawnSync('sh', ['-c', `"$0" -init /dev/null -batch -cmd ".load $1" "$2" 2>&1`, SQLITE3, FARM_SO, join(dir, 'g.db')],
    { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  const out = new Map();
  let tag = null, buf = [];
  const flush = () => {
    if (tag === null) return;
    const err = buf.find((l) => /^(Parse error|Runtime error|Error:)/.test(l));
    out.set(tag, err ? { ok: false, error: normaliseError(err) } : { ok: true, value: buf.join('\n') });
  };
  for (const l of (p.stdout ?? '').split('\n')) {
    const m = /^@@(.*)$/.exec(l);
    if (m) { flush(); tag = m[1]; buf = []; } else buf.push(l);
  }
  flush();
  if (!out.has('end') || p.status > 1) return { crashed: `sqlite3 exited with status ${p.status} (signal ${p.signal}): ${(p.stdout ?? '').slice(-300)}` };
  return { out };
}

// ---- PostgreSQL ----------------------------------------------------------------
let pgc = null;
async function pgQuery(sql, args = []) {
  try {
    const res = await pgc.query(sql, args);
    const v = res.rows[0]?.r;
    return { ok: true, value: v === null || v === undefined ? '' : String(v) };
  } catch (e) {
    return { ok: false, error: e.message, code: e.code };
  }
}

// ---- failures and counts --------------------------------------------------------
const failures = new Map(); // class -> [{case, detail}]
const refusals = new Map(); // normalised message -> count
const stats = { cases: 0, calls: 0, accepted: 0, refused: 0, registries: 0, allRefused: 0, namespaces: 0,
  prismaFiles: 0, drifts: 0, discarded: 0 };
const shape = (m) => m.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/`[^`]*`/g, '`…`').replace(/\d+/g, 'N').slice(0, 160);
function fail(kase, stage, detail) {
  const first = String(detail).split('\n').find((l) => l.trim()) ?? '';
  const cls = `${stage}: ${shape(first)}`;
  if (!failures.has(cls)) failures.set(cls, []);
  const list = failures.get(cls);
  if (!list.some((f) => f.kase === kase)) list.push({ kase, detail: String(detail) });
  kase.failed = true;
}

function reproSql(kase, accepted) {
  const l = [`-- gate case: seed ${kase.seed}, case ${kase.index}`];
  kase.phases.forEach((ph, p) => {
    for (const c of ph) if (!accepted || accepted.has(c)) l.push(`${callSql(c)};`);
    l.push(`SELECT farm_migrate(); -- end of phase ${p + 1}`);
  });
  if (kase.pending?.length) {
    l.push('-- pending calls, then discarded (their results are not filtered)');
    for (const c of kase.pending) l.push(`${callSql(c)};`);
    for (const ns of kase.namespaces) l.push(`SELECT farm_discard_pending(${sqlLit(ns)});`);
  }
  return l.join('\n') + '\n';
}

// ---- one case ---------------------------------------------------------------------
// The steps both hosts run, in order: the calls of each phase, then
// farm_migrate (per namespace first in some cases), then the state of every
// namespace; then the pending calls, farm_discard_pending of every
// namespace, the state again (it must be the state before the pending
// calls) and a last farm_migrate.
const NOT_REGISTERED = (ns) => `namespace "${ns}" is not registered`;
function steps(kase) {
  const st = [];
  const q = (tag, kind, fn, args, extra = {}) => st.push({ tag, kind, fn, args, ...extra });
  kase.phases.forEach((ph, p) => {
    ph.forEach((c, k) => q(`c${p}.${k}`, 'call', c.fn, c.args, { call: c }));
    if (kase.migrateEach) kase.namespaces.forEach((ns, i) => q(`m${p}.${i}`, 'migrate-ns', 'farm_migrate', [ns], { ns }));
    q(`m${p}`, 'migrate', 'farm_migrate', []);
  });
  kase.namespaces.forEach((ns, i) => {
    q(`v${i}`, 'version', 'farm_schema_version', [ns]);
    q(`s${i}`, 'schema', 'farm_schema', [ns]);
  });
  (kase.pending ?? []).forEach((c, k) => q(`p.${k}`, 'pending', c.fn, c.args, { call: c }));
  kase.namespaces.forEach((ns, i) => q(`d${i}`, 'discard', 'farm_discard_pending', [ns], { ns, i }));
  kase.namespaces.forEach((ns, i) => q(`t${i}`, 'schema-after', 'farm_schema', [ns], { i }));
  q('mz', 'migrate', 'farm_migrate', []);
  return st;
}
const PG_TYPES = { farm_set_nullable: ['text', 'text', 'text', 'boolean'] };
function pgStep(x) {
  const types = PG_TYPES[x.fn] ?? x.args.map(() => 'text');
  return pgQuery(`SELECT ${x.fn}(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS r`, x.args);
}
const same = (a, b) => a && b && a.ok === b.ok && (a.ok ? a.value === b.value : a.error === b.error);
const show = (r) => (r ? (r.ok ? r.value : `${r.code ? `${r.code} ` : ''}${r.error}`) : '(no result)');

// the checks every host's results must pass; returns whether it migrated
function checkHost(kase, host, res, st) {
  let migrated = true;
  for (const x of st) {
    const r = res.get(x.tag);
    if (!r) { fail(kase, `${host} harness`, `no output for ${x.tag}`); migrated = false; continue; }
    if (x.kind === 'migrate' && !r.ok) {
      migrated = false;
      fail(kase, `${host} farm_migrate (error after registration)`, show(r));
    } else if (x.kind === 'migrate-ns' && !r.ok && r.error !== NOT_REGISTERED(x.ns)) {
      migrated = false;
      fail(kase, `${host} farm_migrate(ns) (error after registration)`, show(r));
    } else if (x.kind === 'discard') {
      const v = res.get(`v${x.i}`);
      if (r.ok ? !(v?.ok && r.value === v.value) : !(v?.ok && v.value === '0' && r.error === NOT_REGISTERED(x.ns))) {
        fail(kase, `${host} farm_discard_pending`, `${x.ns}: returned ${show(r)} where the version before the pending calls was ${show(v)}`);
      }
    } else if (x.kind === 'schema-after' && !same(r, res.get(`s${x.i}`))) {
      fail(kase, `${host} farm_discard_pending`, `${kase.namespaces[x.i]}: farm_schema after the discard differs from before the pending calls`);
    }
  }
  return migrated;
}

async function runCase(kase, tmp) {
  const dir = join(tmp, `case-${kase.index}`);
  mkdirSync(dir, { recursive: true });
  const st = steps(kase);
  const sq = sqliteRun(dir, st.map((x) => [x.tag, callSql(x)]));
  stats.cases++;
  if (sq.crashed) { fail(kase, 'sqlite crash', sq.crashed); return; }
  const res = sq.out;
  const accepted = new Set();
  for (const x of st) {
    if (x.kind !== 'call' && x.kind !== 'pending') continue;
    const r = res.get(x.tag);
    stats.calls++;
    if (r?.ok) { stats.accepted++; if (x.kind === 'call') accepted.add(x.call); else stats.discarded++; } else if (r) {
      stats.refused++;
      const k = shape(r.error);
      refusals.set(k, (refusals.get(k) ?? 0) + 1);
    }
  }
  kase.accepted = accepted;
  const sqliteMigrated = checkHost(kase, 'sqlite', res, st);
  const registered = kase.namespaces.map((ns, i) => res.get(`s${i}`)?.ok === true);
  const regNs = kase.namespaces.filter((_, i) => registered[i]);
  stats.namespaces += regNs.length;
  if (regNs.length === 0) stats.allRefused++; else stats.registries++;

  // generated Prisma, from SQLite: the one-file form and the per-namespace set
  const texts = {};
  const valid = {};
  if (regNs.length) {
    const gsql = [];
    for (const prov of PROVIDERS) {
      gsql.push([`${prov}.all`, `SELECT writefile(${sqlLit(join(dir, `${prov}.all.prisma`))}, farm_generate_prisma(NULL, ${sqlLit(JSON.stringify({ provider: prov }))}))`]);
      regNs.forEach((ns, i) => {
        const opts = i === 0 ? { provider: prov } : { provider: prov, internal: false };
        gsql.push([`${prov}.ns${i}`, `SELECT writefile(${sqlLit(join(dir, `${prov}.ns${i}.prisma`))}, farm_generate_prisma(${sqlLit(ns)}, ${sqlLit(JSON.stringify(opts))}))`]);
      });
    }
    const g = sqliteRun(dir, gsql);
    if (g.crashed) { fail(kase, 'sqlite crash', g.crashed); return; }
    for (const [tag] of gsql) {
      const r = g.out.get(tag);
      if (!r?.ok) { fail(kase, 'sqlite farm_generate_prisma', show(r)); continue; }
      texts[tag] = readFileSync(join(dir, `${tag}.prisma`), 'utf8');
    }
    for (const prov of PROVIDERS) {
      const all = texts[`${prov}.all`];
      if (all !== undefined) {
        stats.prismaFiles++;
        const f = formatDiff('all.prisma', all);
        if (f) fail(kase, `prisma format (${prov}, one file)`, f);
        const v = validate([['all.prisma', all]], prov);
        if (v) { fail(kase, `prisma validate (${prov}, one file)`, v); valid[prov] = false; }
      }
      const set = regNs.map((_, i) => [`ns${i}.prisma`, texts[`${prov}.ns${i}`]]).filter(([, t]) => t !== undefined);
      for (const [n, t] of set) {
        stats.prismaFiles++;
        const f = formatDiff(n, t);
        if (f) fail(kase, `prisma format (${prov}, per namespace)`, f);
      }
      if (set.length) {
        const v = validate(set, prov);
        if (v) fail(kase, `prisma validate (${prov}, one file per namespace)`, v);
      }
    }
    if (o.drift && texts['sqlite.all'] !== undefined && sqliteMigrated && valid.sqlite !== false) {
      const { PrismaLibSql } = await imp('@prisma/adapter-libsql');
      const adapter = bindAdapter(new PrismaLibSql({ url: `file:${join(dir, 'g.db')}`, intMode: 'bigint' }));
      const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
      const d = await drift(engine, adapter, 'sqlite', texts['sqlite.all'], dir);
      engine.free();
      stats.drifts++;
      if (d) fail(kase, 'sqlite drift', d);
    }
  }

  if (!o.pg) return;
  // the same steps on PostgreSQL: the same answer to every one, the same checks
  await pgc.query('DROP EXTENSION IF EXISTS farmorm CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; CREATE EXTENSION farmorm');
  const pres = new Map();
  for (const x of st) {
    const b = await pgStep(x);
    pres.set(x.tag, b);
    const a = res.get(x.tag);
    if (!same(a, b)) {
      fail(kase, `host parity (${x.fn})`, `${callSql(x).slice(0, 300)}\n  sqlite: ${show(a)}\n  postgresql: ${show(b)}`);
    }
  }
  const pgMigrated = checkHost(kase, 'postgresql', pres, st);
  if (!regNs.length) return;
  const pgTexts = {};
  for (const prov of PROVIDERS) {
    const r = await pgQuery('SELECT farm_generate_prisma(NULL, $1) AS r', [JSON.stringify({ provider: prov })]);
    if (!r.ok) { fail(kase, 'postgresql farm_generate_prisma', show(r)); continue; }
    pgTexts[prov] = r.value;
    if (texts[`${prov}.all`] !== undefined && r.value !== texts[`${prov}.all`]) {
      fail(kase, `host parity (farm_generate_prisma ${prov})`, 'PostgreSQL and SQLite generate different text');
      const v = validate([['all.prisma', r.value]], prov);
      if (v) fail(kase, `prisma validate (${prov}, one file, generated on PostgreSQL)`, v);
    }
  }
  if (o.drift && pgTexts.postgresql !== undefined && pgMigrated &&
      validate([['all.prisma', pgTexts.postgresql]], 'postgresql') === null) {
    const d = await drift(pgEngine, pgAdapter, 'postgresql', pgTexts.postgresql, dir);
    stats.drifts++;
    if (d) fail(kase, 'postgresql drift', d);
  }
}

// ---- main -------------------------------------------------------------------------
let pgEngine = null, pgAdapter = null;
const t0 = Date.now();
await loadEngine();
if (o.pg) {
  const pg = (await imp('pg')).default;
  const base = { host: process.env.PGHOST, port: Number(process.env.PGPORT || 5432), user: process.env.PGUSER || 'postgres' };
  const admin = new pg.Client({ ...base, database: 'postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS farm_gate');
  await admin.query("CREATE DATABASE farm_gate ENCODING 'UTF8' TEMPLATE template0");
  await admin.end();
  pgc = new pg.Client({ ...base, database: 'farm_gate' });
  await pgc.connect();
  await pgc.query('SET client_min_messages = warning');
  if (o.drift) {
    pgAdapter = bindAdapter(await pgAdapterFactory({ ...base, database: 'farm_gate' }));
    pgEngine = await SchemaEngine.new({ datamodels: undefined }, () => {}, pgAdapter);
  }
}
const tmp = mkdtempSync(join(tmpdir(), 'farmorm-gate-'));
const indexes = o.caseFile ? [0] : o.only !== null ? [o.only] : Array.from({ length: o.count }, (_, k) => o.first + k);
const cases = [];
try {
  for (const i of indexes) {
    // --case-file: one hand-written case, {"namespaces": [...], "phases": [[{"fn", "args"}, ...], ...]}
    const kase = o.caseFile ? { seed: 'file', index: i, ...JSON.parse(readFileSync(o.caseFile, 'utf8')) } : makeCase(o.seed, i);
    cases.push(kase);
    await runCase(kase, tmp);
    if (o.verbose) console.log(`case ${i}: ${kase.failed ? 'FAIL' : 'ok'} (${kase.accepted?.size ?? 0} calls accepted)`);
    if (!kase.failed) rmSync(join(tmp, `case-${i}`), { recursive: true, force: true });
    else kase.accepted = kase.accepted ?? new Set();
  }
} finally {
  if (pgEngine) pgEngine.free();
  if (pgc) await pgc.end();
  if (!o.repro) rmSync(tmp, { recursive: true, force: true });
}

const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`gate: seed ${o.seed}, ${stats.cases} cases (${indexes[0]}..${indexes[indexes.length - 1]}), ${stats.calls} calls: ` +
  `${stats.accepted} accepted (${stats.discarded} of them later discarded by farm_discard_pending), ${stats.refused} refused; ${stats.registries} registries (${stats.namespaces} namespaces) ` +
  `checked, ${stats.allRefused} refused whole; ${stats.prismaFiles} Prisma files, ${stats.drifts} drift checks; ${secs} s`);
console.log('refusals by error:');
for (const [m, n] of [...refusals.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${m}`);
if (failures.size === 0) { console.log('gate: no failures'); process.exit(0); }
console.log(`gate: FAILED: ${failures.size} failure class(es)`);
const failedCases = new Set();
for (const [cls, list] of failures) {
  const ids = [...new Set(list.map((f) => f.kase.index))];
  ids.forEach((i) => failedCases.add(i));
  console.log(`\n== ${cls}\n   ${ids.length} case(s): ${ids.slice(0, 20).join(' ')}${ids.length > 20 ? ' ...' : ''}`);
  console.log(list[0].detail.split('\n').slice(0, 8).map((l) => `   | ${l.slice(0, 400)}`).join('\n'));
  console.log(`   repro: node tests/gate/gate.mjs --seed ${o.seed} --only ${list[0].kase.index} --repro DIR`);
}
if (o.repro) {
  mkdirSync(o.repro, { recursive: true });
  for (const k of cases.filter((c) => c.failed)) writeFileSync(join(o.repro, `case-${k.index}.sql`), reproSql(k, k.accepted));
  console.log(`\nrepro scripts (accepted calls only) in ${o.repro}`);
}
process.exit(1);
