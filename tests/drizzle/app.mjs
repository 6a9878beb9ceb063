// app.mjs - a drizzle-orm app on tables farm_migrate created, through the
// generated schema of tests/drizzle/fixtures/app.json (namespace "app"):
// inserts (runtime and database defaults), relational reads with nested
// relations both ways (many, one, one-to-one, self-reference, two
// references to one target), updates, deletes (restrict), and rows that
// plain SQL wrote with database defaults, read back as UTC timestamps.
// Run it with a TZ far from UTC so a timestamp read as local time shows.
//
//   node app.mjs --provider sqlite --db FILE --ns NAMESPACE schema.js
//   node app.mjs --provider postgresql --url URL --ns NAMESPACE schema.js
import { pathToFileURL } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  const v = i < 0 ? undefined : args[i + 1];
  if (i >= 0) args.splice(i, 2);
  return v;
};
const provider = opt("--provider");
const dbfile = opt("--db");
const url = opt("--url");
const ns = opt("--ns") ?? "app";
// SQLite default storage keeps bigint as a BLOB, which drizzle-orm's nested
// reads cannot carry (they build JSON): nested posts leave "views" out there
const blobBigint = opt("--storage") === "default";
const nestedPost = (extra = {}) => (blobBigint ? { columns: { views: false }, ...extra } : Object.keys(extra).length ? extra : true);
const schema = await import(pathToFileURL(path.resolve(args[0])).href);
// export names and physical tables as SPEC sections 4 and 5 name them
const sfx = "_" + ns.replace(/-/g, "_");
const [Author, Post, Profile] = ["Author", "Post", "Profile"].map((m) => schema[m + sfx]);
const q = (m) => db.query[m + sfx];
const authorTable = `"author_${ns}"`;
const postTable = `"post_${ns}"`;
const { eq, sql } = await import("drizzle-orm");

let db, plain, close;
if (provider === "sqlite") {
  const { createClient } = await import("@libsql/client");
  const { drizzle } = await import("drizzle-orm/libsql");
  const client = createClient({ url: "file:" + dbfile });
  await client.execute("PRAGMA foreign_keys = ON");
  db = drizzle(client, { schema });
  plain = (q) => client.execute(q);
  close = async () => client.close();
} else {
  const pg = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  db = drizzle(pool, { schema });
  plain = (q) => pool.query(q);
  close = () => pool.end();
}
const intId = provider === "sqlite" ? (v) => typeof v === "number" : (v) => typeof v === "bigint";

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${provider} drizzle app: ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${provider} drizzle app: ${name}: ${e && e.stack ? e.stack : e}`);
    if (e && e.cause) console.log(`     cause: ${e.cause}`);
  }
}
const near = (d, what) => {
  assert.ok(d instanceof Date, `${what} is a Date (${d})`);
  const off = Math.abs(d.getTime() - Date.now());
  assert.ok(off < 5 * 60 * 1000, `${what} ${d.toISOString()} is within 5 minutes of now (off by ${off} ms)`);
};

let a1, a2, p1, p2;
await check("insert with runtime and database defaults", async () => {
  [a1] = await db.insert(Author).values({ name: "Ada" }).returning();
  [a2] = await db.insert(Author).values({ name: "Bob", karma: 3 }).returning();
  assert.match(a1.id, /^c[0-9a-z]{20,}$/);
  assert.notEqual(a1.id, a2.id);
  assert.ok(intId(a1.internalId), "internalId type");
  assert.equal(a1.version, 0);
  assert.equal(a1.karma, 0);
  near(a1.joinedAt, "joinedAt (database now)");
  [p1] = await db.insert(Post).values({
    authorId: a1.internalId, title: "first", meta: { k: [1, "x"], n: null },
    day: new Date("2024-02-29T00:00:00Z"),
  }).returning();
  assert.equal(p1.published, false);
  assert.equal(Number(p1.score), 1.5);
  assert.equal(p1.views, 7n);
  assert.match(p1.slug, /^c[0-9a-z]{20,}$/);
  near(p1.createdAt, "createdAt (database now)");
  near(p1.editedAt, "editedAt (runtime now)");
  [p2] = await db.insert(Post).values({
    authorId: a2.internalId, editorId: a1.internalId, parentId: p1.internalId,
    // above 2^53 only on PostgreSQL: SQLite drivers return integers as JS
    // numbers (@libsql/client's default intMode throws beyond 2^53)
    title: "reply", published: true, views: provider === "sqlite" ? 123n : 9007199254740993n,
  }).returning();
  await db.insert(Profile).values({ ownerId: a1.internalId, bio: "hi" });
});

await check("relational read: many, two references to one target, one-to-one", async () => {
  const a = await q("Author").findFirst({
    where: eq(Author.id, a1.id), with: { post: nestedPost(), post_editor: nestedPost(), profile: true },
  });
  assert.deepEqual(a.post.map((p) => p.title), ["first"]);
  assert.deepEqual(a.post_editor.map((p) => p.title), ["reply"]);
  assert.equal(a.profile.bio, "hi");
  const b = await q("Author").findFirst({ where: eq(Author.id, a2.id), with: { profile: true, post: nestedPost() } });
  assert.equal(b.profile, null);
  assert.deepEqual(b.post.map((p) => p.title), ["reply"]);
});

await check("relational read: nested both ways, self-reference", async () => {
  const r = await q("Post").findFirst({
    where: eq(Post.id, p2.id),
    with: { author: true, editor: true, parent: nestedPost({ with: { author: { with: { profile: true } }, post: nestedPost() } }) },
  });
  assert.equal(r.author.name, "Bob");
  assert.equal(r.editor.name, "Ada");
  assert.equal(r.parent.title, "first");
  assert.equal(r.parent.author.profile.bio, "hi");
  assert.deepEqual(r.parent.post.map((p) => p.id), [p2.id]);
  assert.equal(r.published, true);
  near(r.parent.createdAt, "nested createdAt");
  assert.deepEqual(r.parent.meta, { k: [1, "x"], n: null });
  const owner = await q("Profile").findFirst({ with: { owner: { with: { post: nestedPost() } } } });
  assert.equal(owner.owner.name, "Ada");
  assert.equal(owner.owner.post.length, 1);
});

await check("values round-trip (json, date, bigint, decimal)", async () => {
  const [r] = await db.select().from(Post).where(eq(Post.id, p1.id));
  assert.deepEqual(r.meta, { k: [1, "x"], n: null });
  assert.equal(r.day.toISOString(), "2024-02-29T00:00:00.000Z");
  assert.equal(r.views, 7n);
  assert.equal(Number(r.score), 1.5);
  if (provider === "postgresql") {
    const [big] = await db.select({ views: Post.views }).from(Post).where(eq(Post.id, p2.id));
    assert.equal(big.views, 9007199254740993n);
  }
});

await check("update", async () => {
  await db.update(Post).set({ title: "first, edited", version: sql`${Post.version} + 1`, meta: ["a"] })
    .where(eq(Post.id, p1.id));
  const [r] = await db.select().from(Post).where(eq(Post.id, p1.id));
  assert.equal(r.title, "first, edited");
  assert.equal(r.version, 1);
  assert.deepEqual(r.meta, ["a"]);
});

await check("rows written by plain SQL: database defaults read as UTC", async () => {
  await plain(`INSERT INTO ${authorTable} ("id", "name") VALUES ('plain1', 'Plain')`);
  const r = await q("Author").findFirst({ where: eq(Author.id, "plain1") });
  assert.equal(r.karma, 0);
  assert.equal(r.version, 0);
  near(r.joinedAt, "joinedAt written by CURRENT_TIMESTAMP");
  await plain(`INSERT INTO ${postTable} ("id", "authorId", "title", "slug") VALUES ('plainp', ${r.internalId}, 'plain post', 's')`);
  const p = await q("Post").findFirst({ where: eq(Post.id, "plainp"), with: { author: true } });
  near(p.createdAt, "createdAt written by CURRENT_TIMESTAMP");
  assert.equal(p.published, false);
  assert.equal(p.views, 7n);
  assert.equal(p.author.name, "Plain");
});

await check("delete (restrict keeps referenced rows)", async () => {
  await assert.rejects(db.delete(Author).where(eq(Author.id, a1.id)));
  await db.delete(Post).where(eq(Post.id, p2.id));
  await db.delete(Post).where(eq(Post.id, "plainp"));
  await db.delete(Post).where(eq(Post.id, p1.id));
  await db.delete(Profile);
  await db.delete(Author);
  const rest = await db.select().from(Author);
  assert.equal(rest.length, 0);
});

await close();
if (failed) {
  console.log(`FAIL ${provider} drizzle app: ${failed} check(s) failed`);
  process.exit(1);
}
