#!/usr/bin/env node
// check.mjs - do generated .prisma files pass `prisma format` and `prisma validate`?
//
//   node tests/prisma/check.mjs --provider <sqlite|postgresql|mysql> [--no-cli] file1.prisma [file2.prisma ...]
//
// For each file:
//  (a) format it with @prisma/prisma-schema-wasm (the same wasm the prisma CLI bundles,
//      i.e. exactly `prisma format`) and require the output to equal the input byte for byte;
//  (b) validate it. A file without a `datasource` block is validated together with a
//      generated datasource+generator file for --provider (multi-file schema folder).
//      Validation runs in-process through the wasm and, unless --no-cli, through the
//      real `prisma validate --schema <dir>` CLI (one temp dir per file, run in parallel).
// Prints `ok <file>` per passing file; exits 1 if any file fails, 2 on usage errors.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm');
const PRISMA_BIN = join(here, 'node_modules/prisma/build/index.js');

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: check.mjs --provider <sqlite|postgresql|mysql> [--no-cli] file.prisma...');
  process.exit(2);
}

const args = process.argv.slice(2);
let provider = null, useCli = true;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--provider') provider = args[++i];
  else if (args[i] === '--no-cli') useCli = false;
  else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else files.push(args[i]);
}
if (!['sqlite', 'postgresql', 'mysql'].includes(provider)) usage('--provider sqlite|postgresql|mysql');
if (files.length === 0) usage('no files');

// The datasource + generator blocks added to a models-only file (already in `prisma format` form).
const HEADER_FILE = '_farmorm_datasource.prisma';
// A file whose models carry @@schema gets `schemas = [...]` listing them.
const header = (text) => {
  const schemas = [...new Set([...text.matchAll(/^ {2}@@schema\("([^"]*)"\)$/gm)].map((m) => m[1]))].sort();
  const list = schemas.length ? `  schemas  = [${schemas.map((x) => JSON.stringify(x)).join(', ')}]\n` : '';
  return `datasource db {\n  provider = "${provider}"\n${list}}\n\n` +
    `generator client {\n  provider = "prisma-client"\n  output   = "./generated"\n}\n`;
};
const hasDatasource = (text) => /^[ \t]*datasource[ \t]+\w+[ \t]*\{/m.test(text);

// make tabs, CRs and trailing blanks visible in diff lines
const show = (l) => l.replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/ +$/, (m) => '\u00b7'.repeat(m.length));

function formatCheck(name, text) {
  const opts = { textDocument: { uri: 'file:/dev/null' }, options: { tabSize: 2, insertSpaces: true } };
  const out = JSON.parse(wasm.format(JSON.stringify([[name, text]]), JSON.stringify(opts)))[0][1];
  if (out === text) return null;
  const a = text.split('\n'), b = out.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const lines = [`not in prisma format form (first difference at line ${i + 1}):`, '--- file', '+++ prisma format'];
  for (let k = Math.max(0, i - 2); k < i; k++) lines.push(`  ${a[k]}`);
  for (let k = i; k < Math.min(a.length, i + 6); k++) lines.push(`- ${show(a[k])}`);
  for (let k = i; k < Math.min(b.length, i + 6); k++) lines.push(`+ ${show(b[k])}`);
  if (a.length !== b.length) lines.push(`(file has ${a.length} lines, formatted has ${b.length})`);
  return lines.join('\n');
}

function wasmValidate(schemaFiles) {
  try {
    wasm.validate(JSON.stringify({ prismaSchema: schemaFiles, noColor: true }));
    return null;
  } catch (e) {
    const raw = e?.message ?? String(e);
    try { return JSON.parse(raw).message; } catch { return raw; }
  }
}

function cliValidate(dir) {
  return new Promise((resolveP) => {
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1',
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || '/bin/true' };
    const p = spawn(process.execPath, [PRISMA_BIN, 'validate', '--schema', dir], { cwd: dir, env });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('close', (code) => resolveP(code === 0 ? null : `prisma validate exited ${code}:\n${out.trim()}`));
  });
}

async function pool(items, n, fn) {
  const res = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) { const k = next++; res[k] = await fn(items[k]); }
  }));
  return res;
}

const tmpRoot = mkdtempSync(join(tmpdir(), 'farmorm-prisma-check-'));
const jobs = files.map((file, idx) => {
  const job = { file, errors: [], dir: join(tmpRoot, String(idx)) };
  if (!existsSync(file)) { job.errors.push('no such file'); return job; }
  const text = readFileSync(file, 'utf8');
  const fmt = formatCheck(file, text);
  if (fmt) job.errors.push(fmt);
  // the CLI only reads *.prisma files from a schema folder
  const name = basename(file).endsWith('.prisma') ? basename(file) : `${basename(file)}.prisma`;
  const schemaFiles = [[name, text]];
  if (!hasDatasource(text)) schemaFiles.push([HEADER_FILE, header(text)]);
  const v = wasmValidate(schemaFiles);
  if (v) job.errors.push(`validate failed:\n${v.trim()}`);
  if (useCli && !v) {
    job.cli = true;
    mkdirSync(job.dir);
    for (const [name, content] of schemaFiles) writeFileSync(join(job.dir, name), content);
  }
  return job;
});

try {
  if (useCli) {
    const cliJobs = jobs.filter((j) => j.cli);
    const results = await pool(cliJobs, Math.max(2, availableParallelism()), (j) => cliValidate(j.dir));
    cliJobs.forEach((j, k) => { if (results[k]) j.errors.push(results[k]); });
  }
} finally {
  rmSync(tmpRoot, { recursive: true, force: true });
}

let failed = 0;
for (const j of jobs) {
  if (j.errors.length === 0) { console.log(`ok ${j.file}`); continue; }
  failed++;
  console.log(`FAIL ${j.file}`);
  for (const e of j.errors) console.log(e.replace(/^/gm, '    '));
}
if (failed) console.log(`${failed} of ${jobs.length} file(s) failed`);
process.exit(failed ? 1 : 0);
