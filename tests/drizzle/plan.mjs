// plan.mjs - drizzle-kit's push planner (read-only, through drizzle-kit/api)
// against a live database: prints what `drizzle-kit push` would run to make
// the database match the given schema modules, and fails if that is anything.
//
//   node plan.mjs --provider sqlite --db FILE module.js...
//   node plan.mjs --provider postgresql --url URL [--schemas a,b] module.js...
//
// --schemas: the database schemas the planner compares (drizzle-kit's
// schemaFilter; default "public" only), as an app's drizzle.config lists
// them when tables live outside public.
//
// Several modules (files generated one namespace at a time) are merged into
// one schema; an export name defined twice is an error, as it would be for
// an app that spreads them into drizzle({ schema }).
import { pathToFileURL } from "node:url";
import path from "node:path";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const provider = opt("--provider");
const db = opt("--db");
const url = opt("--url");
const schemas = opt("--schemas");
if (!provider || args.length === 0) {
  console.error("usage: plan.mjs --provider sqlite --db FILE | --provider postgresql --url URL module.js...");
  process.exit(2);
}

const schema = {};
for (const m of args) {
  const mod = await import(pathToFileURL(path.resolve(m)).href);
  for (const [k, v] of Object.entries(mod)) {
    if (k in schema) {
      console.error(`export ${k} is defined by two modules`);
      process.exit(1);
    }
    schema[k] = v;
  }
}

// the planner reports progress on stdout with a spinner: keep our stdout clean
const log = console.log;
const write = process.stdout.write.bind(process.stdout);
console.log = () => {};
process.stdout.write = () => true;
let statements;
const api = await import("drizzle-kit/api");
if (provider === "sqlite") {
  const { createClient } = await import("@libsql/client");
  const { drizzle } = await import("drizzle-orm/libsql");
  const client = createClient({ url: "file:" + db });
  statements = (await api.pushSQLiteSchema(schema, drizzle(client))).statementsToExecute;
  client.close();
} else if (provider === "postgresql") {
  const pg = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.Pool({ connectionString: url });
  statements = (await api.pushSchema(schema, drizzle(pool), schemas ? schemas.split(",") : undefined)).statementsToExecute;
  await pool.end();
} else {
  console.error("unknown provider " + provider);
  process.exit(2);
}
console.log = log;
process.stdout.write = write;
if (statements.length > 0) {
  console.log(`drizzle-kit would run ${statements.length} statement(s):`);
  for (const s of statements) console.log("  " + s.replace(/\n/g, "\n  "));
  process.exit(1);
}
