// app.ts - the application of migrate_dev.sh: Prisma Client, generated from
// the app's own schema file plus farmorm's fragno.prisma, writes and reads an
// app row (User with a Post, tables the app's migration created) and a
// fragment row (comment-fragment, a table farmorm created).
//
//   tsx app.ts            (DATABASE_URL: file:<path> or postgres://...)
//
// Prints one `ok`/`FAIL` line per check; exits 1 if any fails.
import { PrismaClient } from './prisma/generated/client.ts';

const url = process.env.DATABASE_URL ?? '';
let fail = 0;
const check = (name: string, cond: boolean, detail?: unknown) => {
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${url.startsWith('file:') ? 'sqlite' : 'postgresql'} app: ${name}`);
  if (!cond) { fail = 1; if (detail !== undefined) console.log('    ', detail); }
};

async function makeAdapter() {
  if (url.startsWith('file:')) {
    const { PrismaLibSql } = await import('@prisma/adapter-libsql');
    return new PrismaLibSql({ url, intMode: 'bigint' });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return new PrismaPg({ connectionString: url });
}

const prisma = new PrismaClient({ adapter: await makeAdapter() });
try {
  const user = await prisma.user.create({
    data: { email: 'ada@example.org', posts: { create: [{ title: 'first' }, { title: 'second' }] } },
  });
  const back = await prisma.user.findUnique({ where: { email: 'ada@example.org' }, include: { posts: true } });
  check('app row with its relation', back?.id === user.id && back?.posts.length === 2, back);

  const c = await prisma.comment_comment_fragment.create({ data: { content: 'hello', authorId: 'ada' } });
  const rows = await prisma.comment_comment_fragment.findMany({ where: { authorId: 'ada' } });
  check('fragment row (defaults from the database)',
    rows.length === 1 && rows[0].id === c.id && rows[0].rating === 0 && rows[0].createdAt instanceof Date, rows);
  const upd = await prisma.comment_comment_fragment.update({ where: { id: c.id }, data: { rating: 5 } });
  check('fragment row updated', upd.rating === 5, upd);
  // the column a fragment upgrade added is in the client too
  const edited = await prisma.comment_comment_fragment.update({ where: { id: c.id }, data: { editedAt: new Date(0) } });
  check('column of the fragment upgrade', edited.editedAt?.getTime() === 0, edited);
} catch (e) {
  check('queries ran', false, e);
} finally {
  await prisma.$disconnect();
}
process.exit(fail);
