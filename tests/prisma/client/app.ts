// app.ts - an application using Prisma Client on tables farmorm created.
//
//   tsx app.ts <sqlite|postgresql> <schema.prisma> <sqlite db file | postgres url>
//
// client.sh copies this file next to the client `prisma generate` wrote from
// farm_generate_prisma(..., '{"datasource": true}') (its generator block says
// `output = "./generated"`), so the import below is the one an application
// developer writes. The database must hold the migrated, empty
// `comment-fragment` tables of examples/comment-fragment.json.
//
// Prints one `ok`/`FAIL` line per check; exits 1 if any check fails (or a
// query throws), 2 on usage errors.
import { readFileSync } from 'node:fs';
import { PrismaClient } from './generated/client.ts';

const [provider, schemaFile, target] = process.argv.slice(2);
if (!['sqlite', 'postgresql'].includes(provider) || !schemaFile || !target) {
  console.error('usage: app.ts <sqlite|postgresql> <schema.prisma> <db file | postgres url>');
  process.exit(2);
}

// What the schema says about the model: the JS type Prisma Client must return
// for internalId (Int -> number, BigInt -> bigint) and the physical table.
const schema = readFileSync(schemaFile, 'utf8');
const model = /model Comment_comment_fragment \{([^}]*)\}/.exec(schema)?.[1];
const idType = model && /^\s*internalId\s+(\w+)/m.exec(model)?.[1];
const table = model && /@@map\("([^"]+)"\)/.exec(model)?.[1];
if (!idType || !table) {
  console.error(`app.ts: no model Comment_comment_fragment with internalId and @@map in ${schemaFile}`);
  process.exit(2);
}
const idJsType = idType === 'BigInt' ? 'bigint' : 'number';

async function makeAdapter() {
  if (provider === 'sqlite') {
    const { PrismaLibSql } = await import('@prisma/adapter-libsql');
    // intMode 'bigint': integers above 2^53 are not rounded (PRISMA-NOTES.md)
    return new PrismaLibSql({ url: `file:${target}`, intMode: 'bigint' });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return new PrismaPg({ connectionString: target });
}

const tag = `${provider} client:`;
let failed = 0;
function check(what: string, cond: boolean, detail: () => unknown) {
  if (cond) {
    console.log(`ok   ${tag} ${what}`);
  } else {
    failed++;
    const d = detail();
    console.log(`FAIL ${tag} ${what}: got ${typeof d === 'string' ? d : show(d)}`);
  }
}
function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
}
const typeOf = (v: unknown) => (v instanceof Date ? 'Date' : v === null ? 'null' : typeof v);
const isCuid = (v: unknown) => typeof v === 'string' && /^c[a-z0-9]{24}$/.test(v);
function nearNow(v: unknown, slackMs: number) {
  return v instanceof Date && !Number.isNaN(v.getTime()) && Math.abs(v.getTime() - Date.now()) <= slackMs;
}
const dateDetail = (v: unknown) =>
  v instanceof Date ? `${v.toISOString()} (now ${new Date().toISOString()})` : `${typeOf(v)} ${show(v)}`;

const prisma = new PrismaClient({ adapter: await makeAdapter() });
const comments = prisma.comment_comment_fragment;

try {
  // 1. create with only the required fields: id (cuid), rating, version,
  //    createdAt and internalId come from the schema's defaults
  const first = await comments.create({ data: { content: 'first!', authorId: 'alice' } });
  check('create: id is a cuid', isCuid(first.id), () => first.id);
  check(`create: internalId is a ${idJsType} (schema: ${idType})`,
    typeof first.internalId === idJsType, () => `${typeOf(first.internalId)} ${show(first.internalId)}`);
  check('create: createdAt defaults to a Date near now', nearNow(first.createdAt, 60_000),
    () => dateDetail(first.createdAt));
  check('create: rating and version default to 0, parentId null',
    first.rating === 0 && first.version === 0 && first.parentId === null,
    () => ({ rating: first.rating, version: first.version, parentId: first.parentId }));

  // 2. a reply through the `parent` relation (connect by the unique id)
  const reply = await comments.create({
    data: { content: 'a reply', authorId: 'bob', parent: { connect: { id: first.id } } },
  });
  check('create through relation: parentId is the parent internalId',
    reply.parentId === first.internalId && reply.id !== first.id,
    () => ({ parentId: reply.parentId, parentInternalId: first.internalId }));

  // 3. read back with the relation and the back-relation list
  const r = await comments.findUnique({ where: { id: reply.id }, include: { parent: true } });
  check('include parent', r?.parent?.id === first.id && r?.parent?.content === 'first!', () => r?.parent);
  const p = await comments.findUnique({
    where: { id: first.id },
    include: { comment: { orderBy: { createdAt: 'asc' } } },
  });
  check('include back-relation list', p?.comment.length === 1 && p.comment[0].id === reply.id,
    () => p?.comment.map((c) => c.id));
  const byUnique = await comments.findUnique({
    where: { authorId_parentId: { authorId: 'bob', parentId: first.internalId } },
  });
  check('findUnique by @@unique([authorId, parentId])', byUnique?.id === reply.id, () => byUnique);

  // 4. the unique index and the foreign key hold against Prisma Client writes
  let code: unknown = 'no error';
  try {
    await comments.create({ data: { content: 'dup', authorId: 'bob', parentId: first.internalId } });
  } catch (e: any) {
    code = e?.code ?? String(e?.message).slice(0, 200);
  }
  check('duplicate (authorId, parentId) is P2002', code === 'P2002', () => code);

  // 5. update
  const upd = await comments.update({
    where: { id: first.id },
    data: { content: 'edited', rating: { increment: 5 }, version: { increment: 1 } },
  });
  const again = await comments.findUniqueOrThrow({ where: { internalId: first.internalId } });
  check('update: content, rating +5, version +1',
    upd.content === 'edited' && upd.rating === 5 && upd.version === 1 &&
      again.content === 'edited' && again.rating === 5 && again.createdAt.getTime() === first.createdAt.getTime(),
    () => ({ upd, again }));

  // 6. a row written by plain SQL relying on the database defaults, as the
  //    fragment's own code would write it: Prisma Client must decode it
  await prisma.$executeRawUnsafe(
    `INSERT INTO "${table}" ("id", "content", "authorId") VALUES ('fragment-row', 'from SQL', 'carol')`);
  const raw = await comments.findUniqueOrThrow({ where: { id: 'fragment-row' } });
  check('row from plain SQL: database default createdAt decodes to a Date near now',
    nearNow(raw.createdAt, 120_000), () => dateDetail(raw.createdAt));
  check('row from plain SQL: rating 0, internalId type',
    raw.rating === 0 && typeof raw.internalId === idJsType, () => raw);

  // 7. counts
  const total = await comments.count();
  const replies = await comments.count({ where: { parentId: { not: null } } });
  const withRel = await comments.count({ where: { parent: { is: { authorId: 'alice' } } } });
  check('count: 3 rows, 1 reply (by column and by relation filter)',
    total === 3 && replies === 1 && withRel === 1, () => ({ total, replies, withRel }));

  // 8. delete the reply, then the parent
  await comments.delete({ where: { id: reply.id } });
  await comments.delete({ where: { id: first.id } });
  const left = await comments.findMany({ select: { id: true } });
  check('delete', left.length === 1 && left[0].id === 'fragment-row', () => left);
} catch (e: any) {
  failed++;
  console.log(`FAIL ${tag} query threw: ${String(e?.stack ?? e).split('\n').slice(0, 12).join('\n    ')}`);
} finally {
  await prisma.$disconnect();
}
process.exit(failed ? 1 : 0);
