#!/usr/bin/env node
// migrate_dev.mjs - `prisma migrate dev --name <name>` of an application
// project, done the way the Prisma 7 CLI does it, through Prisma's own schema
// engine (the WASM build; the native engine cannot be downloaded here).
//
//   node tests/prisma/migrate_dev.mjs --project <dir> --name <name>
//        (--provider sqlite --db <file> | --provider postgresql --url <url>)
//
// <dir>/prisma.config.ts is loaded with @prisma/config (what the CLI reads):
// `schema` (a file or a folder of *.prisma files), `migrations.path`,
// `migrations.initShadowDb`, `tables.external`. Then, as the CLI's
// `migrate dev`: devDiagnostic (a "reset" action ends here: the CLI would ask
// to drop the database), applyMigrations, evaluateDataLoss, createMigration
// (the engine replays the history in a shadow database it initialises with
// initShadowDb; the new migration goes to <migrations>/<generated name>/
// migration.sql with migration_lock.toml, as the CLI writes them), then
// applyMigrations again. Every call gets filters.externalTables.
//
// Prints one JSON object: {action, reason?, created, script, applied,
// warnings, unexecutable}. Exit 0 when the engine accepted the run (also for
// a reset action: the caller judges it), 2 on a tool error.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorMessage, loadSchemaEngine, makeAdapter } from './engine.mjs';

function usage(msg) {
  if (msg) console.error(`migrate_dev.mjs: ${msg}`);
  console.error('usage: migrate_dev.mjs --project <dir> --name <name> ' +
    '(--provider sqlite --db <file> | --provider postgresql --url <url>)');
  process.exit(2);
}

const o = { project: null, name: null, provider: null, db: null, url: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const key = { '--project': 'project', '--name': 'name', '--provider': 'provider', '--db': 'db', '--url': 'url' }[argv[i]];
  if (!key || i + 1 >= argv.length) usage(`bad argument ${argv[i]}`);
  o[key] = argv[++i];
}
if (!o.project || !o.name) usage('--project and --name are required');
if (!['sqlite', 'postgresql'].includes(o.provider)) usage('--provider sqlite|postgresql');
if (o.provider === 'sqlite' ? !o.db : !o.url) usage('--db (sqlite) or --url (postgresql) is required');

// All *.prisma files of a schema folder (recursively), or the one file.
function schemaFiles(path) {
  if (!statSync(path).isDirectory()) return [{ path, content: readFileSync(path, 'utf8') }];
  const out = [];
  for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...schemaFiles(p));
    else if (e.name.endsWith('.prisma')) out.push({ path: p, content: readFileSync(p, 'utf8') });
  }
  return out;
}

// The CLI's view of the migrations folder (directories sorted by name).
function migrationsList(dir, initShadowDb) {
  const lockPath = 'migration_lock.toml';
  const lock = existsSync(join(dir, lockPath)) ? readFileSync(join(dir, lockPath), 'utf8') : null;
  const dirs = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: lock },
    shadowDbInitScript: initShadowDb,
    migrationDirectories: dirs.map((d) => {
      let content;
      try { content = { tag: 'ok', value: readFileSync(join(dir, d, 'migration.sql'), 'utf8') }; }
      catch (e) { content = { tag: 'error', value: e.message }; }
      return { path: d, migrationFile: { path: 'migration.sql', content } };
    }),
  };
}

let adapter = null;
let code = 2;
try {
  const project = resolve(o.project);
  const { loadConfigFromFile } = await import('@prisma/config');
  const { config, error } = await loadConfigFromFile({ configRoot: project });
  if (error) throw new Error(`prisma.config.ts: ${error._tag}${error.error ? `: ${error.error.message}` : ''}`);
  if (!config.schema) throw new Error('prisma.config.ts sets no schema');
  if ((config.tables?.external?.length ?? 0) > 0 && !config.experimental?.externalTables) {
    throw new Error('prisma.config.ts lists tables.external without experimental.externalTables');
  }
  const files = schemaFiles(resolve(project, config.schema));
  const migrations = resolve(project, config.migrations?.path ?? join(config.schema, '..', 'migrations'));
  const initShadowDb = config.migrations?.initShadowDb ?? '';
  const filters = { externalTables: config.tables?.external ?? [], externalEnums: config.enums?.external ?? [] };
  const list = () => migrationsList(migrations, initShadowDb);

  const SchemaEngine = await loadSchemaEngine();
  adapter = await makeAdapter(o);
  const log = process.env.MIGRATE_DEBUG ? (m) => console.error(m) : () => {};
  const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, adapter);
  const result = { action: null, created: null, script: null, applied: [], warnings: [], unexecutable: [] };

  let diag;
  try {
    diag = await engine.devDiagnostic({ migrationsList: list(), filters });
  } catch (err) {
    // This WASM build's SQLite connector cannot tell "no _prisma_migrations
    // table yet" from a failed query when the error comes through a driver
    // adapter, so devDiagnostic fails on a database Migrate never touched
    // (applyMigrations gets it right). Let applyMigrations initialise the
    // history first: it makes the same checks (P3005 "not empty" unless
    // every existing table is external) and creates the empty table, which
    // is the state devDiagnostic then reads.
    if (o.provider !== 'sqlite' || !/`_prisma_migrations` does not exist/.test(errorMessage(adapter, err))) throw err;
    result.initialised = true;
    await engine.applyMigrations({ migrationsList: list(), filters });
    diag = await engine.devDiagnostic({ migrationsList: list(), filters });
  }
  result.action = diag.action.tag;
  if (diag.action.tag === 'reset') {
    result.reason = diag.action.reason;
  } else {
    result.applied.push(...(await engine.applyMigrations({ migrationsList: list(), filters })).appliedMigrationNames);
    const loss = await engine.evaluateDataLoss({ migrationsList: list(), schema: { files }, filters });
    result.warnings = loss.warnings.map((w) => w.message);
    result.unexecutable = loss.unexecutableSteps.map((w) => w.message);
    const created = await engine.createMigration({
      migrationName: o.name, draft: false, schema: { files }, migrationsList: list(), filters,
    });
    if (created.migrationScript !== null) {
      const dir = join(migrations, created.generatedMigrationName);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `migration.${created.extension}`), created.migrationScript);
      writeFileSync(join(migrations, 'migration_lock.toml'),
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\n' +
        `provider = "${created.connectorType}"\n`);
      result.created = created.generatedMigrationName;
      result.script = created.migrationScript;
      result.applied.push(...(await engine.applyMigrations({ migrationsList: list(), filters })).appliedMigrationNames);
    }
  }
  engine.free();
  console.log(JSON.stringify(result, null, 2));
  code = 0;
} catch (err) {
  console.error(`migrate_dev.mjs: error: ${errorMessage(adapter, err)}`);
  if (process.env.MIGRATE_DEBUG && err?.stack) console.error(err.stack);
}
process.exit(code);
