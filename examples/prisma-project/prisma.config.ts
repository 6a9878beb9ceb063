// prisma.config.ts: the app's Prisma Migrate leaves farmorm's tables alone.
// prisma/farmorm/ holds what farmorm says about the database (README,
// "Prisma Migrate beside farmorm"): export it again, with
// prisma/schema/fragno.prisma, after every fragment upgrade.
import { readFileSync } from 'node:fs';
import { defineConfig, env } from 'prisma/config';

const farmorm = (file: string) =>
  readFileSync(new URL(`./prisma/farmorm/${file}`, import.meta.url), 'utf8');

export default defineConfig({
  schema: 'prisma/schema',
  migrations: {
    path: 'prisma/migrations',
    // creates farmorm's tables in each shadow database before the replay
    initShadowDb: farmorm('shadow.sql'),
  },
  experimental: { externalTables: true },
  // Migrate neither creates, alters nor drops these tables
  tables: { external: JSON.parse(farmorm('external-tables.json')) },
  datasource: { url: env('DATABASE_URL') },
});
