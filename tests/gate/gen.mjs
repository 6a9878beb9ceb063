// gen.mjs - the case generator of the gate test: from (seed, case index) a
// deterministic list of farmorm calls that builds a random SPEC-valid (or
// nearly valid) registry of one or more namespaces, leaning on odd names,
// physical-name and Prisma-name collisions, references (self, several to
// one target, cycles added later with farm_add_column), one-to-one
// uniques, every type and every default kind.
//
// A case is { phases: [[call, ...], ...] }; a call is
// { fn: 'farm_register' | 'farm_add_table' | 'farm_add_column' |
//   'farm_add_index' | 'farm_set_nullable', args: [...] } with JSON
// arguments already as text.  The runner migrates after every phase.
// Nothing here knows what the gate refuses: the generator does not avoid
// anything to make the product look good.

// ---- deterministic randomness ------------------------------------------
function mix32(a, b) {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function rngFor(seed, index) {
  let s = mix32(seed >>> 0, index >>> 0) || 1;
  const next = () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    shuffle: (arr) => {
      const a = arr.slice();
      for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
      return a;
    },
  };
  return r;
}

// ---- JSON text with exact numbers ---------------------------------------
// raw(text) is emitted as is (numbers beyond what a double holds).
const RAW = Symbol('raw');
const raw = (text) => ({ [RAW]: text });
function toJson(v) {
  if (v && typeof v === 'object' && v[RAW] !== undefined) return v[RAW];
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  return JSON.stringify(v);
}

// ---- names --------------------------------------------------------------
const bytes = (s) => Buffer.byteLength(s, 'utf8');

// SPEC-valid namespaces (^[A-Za-z][A-Za-z0-9_-]*$, 1-63 bytes) that lean on
// what names are built from: dashes vs underscores, case, keywords,
// suffixes of physical names
const NAMESPACES = ['app', 'a-b', 'a_b', 'A_b', 'Kv', 'kv', 'KV', 'c', 'b_c', 'b-c', 'fkey', 'pkey',
  'key', 'id_key', 'seq', 'internalId_seq', 'x', 'X', 'migrations', 'KVx', 'model', 'Model', 'enum',
  'select', 'String', 'prisma', 'db', 'fragno', 'hooks', 'settings', 'sqlite', 'n--s', 'n__s', 'ns-',
  'ns_', 'a1', 'z9-Z', 'comment-fragment', 'auth', 'billing', 'rate-limit', 'rate_limit', 'user',
  'N'.repeat(63), 'long-' + 'n'.repeat(50), 'l_' + 'x'.repeat(40)];

// names for tables, columns and indexes: SPEC allows any valid UTF-8
// without control characters, 1-63 bytes
const ODD = ['user', 'User', 'USER', 'users', 'model', 'Model', 'enum', 'type', 'select', 'from', 'order',
  'group', 'table', 'index', 'key', 'value', 'default', 'null', 'true', 'false', 'String', 'Int',
  'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported', 'datasource',
  'generator', 'prisma', 'Prisma', 'PrismaClient', 'constructor', 'prototype', '__proto__', 'toString',
  'then', 'await', 'class', 'interface', 'function', 'import', 'export', 'namespace', 'module',
  'AND', 'OR', 'NOT', 'where', 'data', 'include', '_count', 'count', 'Id', 'ID', '_id', 'internalId',
  'Version', 'version', 'oid', 'rowid', '_rowid_', 'sqlite', 'sqlitex', 'xsqlite_', '_cf_K', 'cf_KV',
  'd1', 'migrations', 'd1_migration', 'fragno_db_settings', 'fragno_hooks', 'FragnoHooks', 'settings', 'hooks',
  'a b', 'a-b', 'a_b', 'a__b', '___', '_', '__x', 'x_', 'x__', '-', '--x', 'a.b', "a'b",
  'a\\b', 'a`b', 'a$b', 'a%b', 'a/b', 'a;b', 'a--b', 'a/*b', 'ünï', '日本語', 'Ærø', 'ñ', 'emoji😀',
  'ß', 'SS', 'İi', 'Σσς', 'a\u00a0b', 'a\u200bb', '0abc', '123', '1', 'A1', 'CamelCase',
  'snake_case', 'kebab-case', 'SCREAMING_CASE', 'namespace_key', 'scope_kind', 'pkey', 'fkey',
  'id_key', 'seq', 'idx', 'unique', 'relation', 'fields', 'references', 'map', 'name', 'xmin_', 'Ctid2'];
// names the gate must refuse (host-reserved, invisible to Prisma, system
// columns): rarer, so that most registries get far
const TRAPS = ['xmin', 'ctid', 'cmin', 'cmax', 'xmax', 'tableoid', 'XMIN', 'sqlite_x', 'sqlite_master',
  'SQLITE_Y', 'sqlite_sequence', '_cf_KV', '_cf_KVfoo', '_cf_METADATA', 'd1_migrations', 'a"b', 'id',
  '_internalId', '_version', 'ID'];
const PLAIN = ['a', 'b', 'c', 'name', 'title', 'body', 'email', 'createdAt', 'updatedAt', 'status',
  'kind', 'scope', 'amount', 'price', 'count', 'flag', 'payload', 'data', 'blob', 'day', 'at',
  'namespace', 'key', 'hookName', 'nonce', 'ownerId', 'parentId', 'authorId', 'author', 'author_id'];

function longName(r) {
  const unit = r.pick(['a', 'é', '日', 'x_', 'Ab', '😀']);
  const target = r.pick([54, 55, 60, 62, 63]);
  let s = r.pick(['t', 'T', 'long', '']);
  while (bytes(s + unit) <= target) s += unit;
  return s || 'a';
}

function caseVariant(r, s) {
  const v = r.pick([s.toUpperCase(), s.toLowerCase(), s[0].toUpperCase() + s.slice(1), s.replace(/_/g, '-'),
    s.replace(/-/g, '_'), s + '_', '_' + s, s.replace(/_/g, '__')]);
  return bytes(v) <= 63 && v.length > 0 ? v : s;
}

function pickName(r, used, extra = []) {
  for (let tries = 0; tries < 20; tries++) {
    let n;
    const k = r.next();
    if (k < 0.42) n = r.pick(PLAIN);
    else if (k < 0.74) n = r.pick(ODD);
    else if (k < 0.78) n = r.chance(0.35) ? r.pick(TRAPS) : r.pick(ODD);
    else if (k < 0.86) n = longName(r);
    else if (k < 0.93 && used.length) n = caseVariant(r, r.pick(used));
    else if (extra.length) n = r.pick(extra);
    else n = r.pick(PLAIN) + r.int(1, 9);
    if (bytes(n) > 63 || n.length === 0) continue;
    // mostly unique case-insensitively (SPEC), sometimes not: the gate
    // must refuse those
    if (used.some((u) => u.toLowerCase() === n.toLowerCase()) && !r.chance(0.03)) continue;
    return n;
  }
  return `n${used.length}_${r.int(0, 999)}`;
}

// ---- types and defaults ---------------------------------------------------
const TYPES = ['string', 'varchar', 'integer', 'bigint', 'decimal', 'bool', 'date', 'timestamp', 'json',
  'binary', 'reference'];
const ODD_STRINGS = ['', 'x', "it's", 'say "hi"', 'back\\slash', 'line\nbreak', 'tab\there', '$$', '${x}',
  '\\', '"', "'", '%', '日本', 'ünï', '😀', 'a\u0000b'.replace('\u0000', ''), '/* c */', '-- c', 'NULL',
  'CURRENT_TIMESTAMP', 'now()', '\\u0000', '{}'];

function stringDefault(r, maxChars) {
  let s = r.pick(ODD_STRINGS);
  if (r.chance(0.1)) s = 'y'.repeat(r.int(1, 300));
  if (maxChars !== null && [...s].length > maxChars && !r.chance(0.05)) s = [...s].slice(0, maxChars).join('');
  return s;
}

function valueDefault(r, col) {
  switch (col.type) {
    case 'string': return stringDefault(r, null);
    case 'varchar': return stringDefault(r, col.n);
    case 'integer': return r.pick([0, 1, -1, 42, 2147483647, -2147483648, r.int(-1000, 1000)]);
    case 'bigint': return r.pick([0, -1, raw('9007199254740993'), raw('9223372036854775807'),
      raw('-9223372036854775808'), 2147483648, raw('12345678901234567')]);
    case 'decimal': return r.pick([0, 1.5, -0.001, raw('0.1'), raw('12345678901234567890.5'),
      raw('123456789012345678901234567890.123456789012345678901234567891'), raw('1e10'), raw('2.5E-3'),
      raw('99999999999999999999999999999999999'), raw('-0.000000000000000000000000000001'), 3,
      raw('100000000000000000000')]);
    case 'bool': return r.chance(0.5);
    case 'json': return r.pick([{}, [], { a: 1 }, [1, 'two', null], 'text', 0, true, { 'k"ey': "v'al", n: { m: [] } },
      raw('1.5'), { z: 1, a: 2 }]);
    default: return 'x';
  }
}

function makeDefault(r, col) {
  const t = col.type;
  const k = r.next();
  if ((t === 'date' || t === 'timestamp')) {
    if (k < 0.35) return { dbSpecial: 'now' };
    if (k < 0.55) return { runtime: 'now' };
    if (k < 0.57) return { value: '2020-01-01' }; // refused: no value defaults for dates
    return undefined;
  }
  if ((t === 'string' || t === 'varchar') && k < 0.12) return { runtime: 'cuid' };
  if (t === 'reference' || t === 'binary') return k < 0.03 ? { value: 'x' } : undefined;
  if (k < 0.4) return { value: valueDefault(r, col) };
  return undefined;
}

// ---- the case -------------------------------------------------------------
// model: ns -> { tables: [{ name, columns: [col], indexes: [idx] }] }
function makeColumn(r, usedCols, tablesSoFar, selfName, allowRef, extraNames) {
  const name = pickName(r, usedCols, extraNames);
  let type = r.pick(TYPES);
  if (type === 'reference' && !allowRef) type = 'string';
  const col = { name, type, nullable: r.chance(0.45) };
  if (type === 'varchar') col.n = r.pick([1, 3, 8, 64, 191, 255, 256, 10485760]);
  if (type === 'reference') col.references = r.chance(0.3) || tablesSoFar.length === 0 ? selfName : r.pick(tablesSoFar);
  const d = makeDefault(r, col);
  if (d !== undefined) col.default = d;
  return col;
}

function colJson(c) {
  const o = { name: c.name, type: c.type === 'varchar' ? `varchar(${c.n})` : c.type };
  if (c.nullable) o.nullable = true;
  else if (c.explicitNotNull) o.nullable = false;
  if (c.references !== undefined) o.references = c.references;
  if (c.default !== undefined) o.default = c.default;
  return o;
}
const idxJson = (i) => (i.unique ? { name: i.name, columns: i.columns, unique: true } : { name: i.name, columns: i.columns });
const tableJson = (t) => ({ name: t.name, columns: t.columns.map(colJson), indexes: t.indexes.map(idxJson) });

// index names that tend to meet other physical or Prisma names
function indexName(r, ns, t, usedIdx, tableNames) {
  const k = r.next();
  const col = t.columns.length ? r.pick(t.columns).name : 'x';
  let n;
  if (k < 0.08) n = `${t.name}_pkey`;
  else if (k < 0.14) n = `${t.name}_id_key`;
  else if (k < 0.2) n = `${t.name}_${col}_fkey`;
  else if (k < 0.25) n = `${t.name}_${ns}_pkey`;
  else if (k < 0.3) n = `${t.name}__internalId_seq`;
  else if (k < 0.36 && tableNames.length) n = r.pick(tableNames);
  else if (k < 0.4) n = `${t.name}_${col}`;
  else n = pickName(r, usedIdx, [`idx_${col}`, `uidx_${col}`, `${col}_idx`]);
  if (bytes(n) > 63) n = pickName(r, usedIdx);
  return n;
}

function makeIndex(r, ns, t, usedIdx, tableNames) {
  if (t.columns.length === 0) return null;
  // json columns cannot be indexed on PostgreSQL: mostly left out
  const pool = t.columns.filter((c) => c.type !== 'json' || r.chance(0.08));
  if (pool.length === 0) return null;
  const cols = r.shuffle(pool.map((c) => c.name)).slice(0, r.int(1, Math.min(3, pool.length)));
  const idx = { name: indexName(r, ns, t, usedIdx, tableNames), columns: cols, unique: r.chance(0.4) };
  // one-to-one: a unique on exactly one reference column
  const ref = t.columns.find((c) => c.type === 'reference');
  if (ref && r.chance(0.3)) { idx.columns = [ref.name]; idx.unique = true; }
  usedIdx.push(idx.name);
  return idx;
}

function makeTable(r, ns, model, usedTables, usedIdx, phase1Tables) {
  const name = pickName(r, usedTables, ['t', 'item', 'node']);
  usedTables.push(name);
  const t = { name, columns: [], indexes: [] };
  const usedCols = [];
  const ncols = r.int(0, 6);
  const otherTables = model.map((x) => x.name);
  for (let i = 0; i < ncols; i++) {
    // column names that meet Prisma names: other tables' names (back
    // relation fields), joins of two columns (compound unique names)
    const extra = [...otherTables, name, ...t.columns.map((c) => c.name + 's')];
    if (t.columns.length >= 2) extra.push(`${t.columns[0].name}_${t.columns[1].name}`);
    const c = makeColumn(r, usedCols, phase1Tables, name, true, extra);
    usedCols.push(c.name);
    t.columns.push(c);
  }
  const nidx = r.int(0, 3);
  for (let i = 0; i < nidx; i++) {
    const idx = makeIndex(r, ns, t, usedIdx, usedTables);
    if (idx) t.indexes.push(idx);
  }
  // compound unique whose Prisma default name is a field
  if (t.columns.length >= 2 && r.chance(0.15)) {
    const [a, b] = t.columns;
    const joined = `${a.name}_${b.name}`;
    if (bytes(joined) <= 63 && !t.columns.some((c) => c.name.toLowerCase() === joined.toLowerCase())) {
      t.columns.push({ name: joined, type: 'string', nullable: true });
    }
    const iname = pickName(r, usedIdx, [`uq_${a.name}_${b.name}`]);
    usedIdx.push(iname);
    t.indexes.push({ name: iname, columns: [a.name, b.name], unique: true });
  }
  return t;
}

// alterations after a migrate: columns (references in cycles, defaults),
// indexes, nullability, a declarative re-register
function alterations(r, names, models) {
  const out = [];
  for (const ns of names) {
    const { model, usedIdx, usedTables } = models[ns];
    const nalter = r.int(0, 5);
    for (let k = 0; k < nalter; k++) {
      const t = r.pick(model);
      const what = r.next();
      if (what < 0.45) {
        const c = makeColumn(r, t.columns.map((x) => x.name), model.map((x) => x.name), t.name, true,
          model.map((x) => x.name));
        if (!c.nullable && c.default === undefined && r.chance(0.9)) c.nullable = true;
        if (c.default && c.default.runtime && !c.nullable) c.nullable = r.chance(0.9);
        t.columns.push(c);
        out.push({ fn: 'farm_add_column', args: [ns, t.name, toJson(colJson(c))] });
      } else if (what < 0.7) {
        const i = makeIndex(r, ns, t, usedIdx, usedTables);
        if (i) { t.indexes.push(i); out.push({ fn: 'farm_add_index', args: [ns, t.name, toJson(idxJson(i))] }); }
      } else if (what < 0.85 && t.columns.length) {
        const c = r.pick(t.columns);
        c.nullable = !c.nullable;
        out.push({ fn: 'farm_set_nullable', args: [ns, t.name, c.name, c.nullable] });
      } else {
        // declarative: the whole model plus a new table referencing others
        const nt = makeTable(r, ns, model, usedTables, usedIdx, model.map((x) => x.name));
        model.push(nt);
        out.push({ fn: 'farm_register', args: [ns, toJson({ tables: model.map(tableJson) })] });
      }
    }
  }
  return out;
}

export function makeCase(seed, index) {
  const r = rngFor(seed, index);
  const nns = r.chance(0.5) ? 1 : r.int(2, 3);
  const names = [];
  while (names.length < nns) {
    let ns = r.pick(NAMESPACES);
    if (names.length && r.chance(0.3)) ns = caseVariant(r, r.pick(names));
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(ns) || bytes(ns) > 63) ns = r.pick(NAMESPACES);
    if (!names.includes(ns)) names.push(ns);
  }
  const phase1 = [];
  const phase2 = [];
  const models = {};
  for (const ns of names) {
    const usedTables = [];
    const usedIdx = [];
    const model = [];
    models[ns] = { model, usedTables, usedIdx };
    // cross-namespace physical-name puzzles: namespace c + table a_b vs
    // namespace b_c + table a
    if (names.length > 1 && r.chance(0.25)) {
      const other = names.find((n) => n !== ns && models[n]?.model.length);
      if (other) {
        const ot = models[other].model[0].name;
        const cand = `${ot}_${other}`;
        if (cand.endsWith(`_${ns}`) && bytes(cand) <= 63) usedTables.push(cand.slice(0, -ns.length - 1));
      }
    }
    const ntables = r.int(1, 4);
    for (let i = 0; i < ntables; i++) {
      const t = makeTable(r, ns, model, usedTables, usedIdx, model.map((x) => x.name));
      model.push(t);
    }
    // phase 1: one farm_register, or one farm_add_table per table (indexes
    // sometimes added on their own)
    if (r.chance(0.4)) {
      phase1.push({ fn: 'farm_register', args: [ns, toJson({ tables: model.map(tableJson) })] });
    } else {
      for (const t of model) {
        const split = r.chance(0.3);
        const tj = tableJson(t);
        if (split) tj.indexes = [];
        if (r.chance(0.5) && tj.indexes.length === 0) delete tj.indexes;
        phase1.push({ fn: 'farm_add_table', args: [ns, toJson(tj)] });
        if (split) for (const i of t.indexes) phase1.push({ fn: 'farm_add_index', args: [ns, t.name, toJson(idxJson(i))] });
      }
    }
  }
  // phase 2: alterations after the first migrate; phase 3: more of them,
  // registered and then discarded with farm_discard_pending (never migrated)
  phase2.push(...alterations(r, names, models));
  const phase3 = alterations(r, names, models);
  const migrateEach = r.chance(0.3);
  return { seed, index, namespaces: names, phases: [phase1, phase2], pending: phase3, migrateEach };
}

// SQL text of a call, for the sqlite3 shell and for repro scripts
export function sqlLit(s) { return `'${String(s).replace(/'/g, "''")}'`; }
export function callSql(c) {
  return `SELECT ${c.fn}(${c.args.map((a) => (typeof a === 'boolean' ? (a ? 'true' : 'false') : sqlLit(a))).join(', ')})`;
}
