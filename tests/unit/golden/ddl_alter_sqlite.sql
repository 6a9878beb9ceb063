ALTER TABLE "main"."comment_comment-fragment" ADD COLUMN "editorId" INTEGER REFERENCES "reply_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE "main"."comment_comment-fragment" ADD COLUMN "flag" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "main"."idx_flag_comment-fragment" ON "comment_comment-fragment"("flag", "rating");
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE "_farm_rebuild" AS SELECT "id", "_internalId", "_version", "content", "authorId", "parentId", "rating", "createdAt", "editorId", "flag" FROM "main"."comment_comment-fragment";
CREATE TEMP TABLE "_farm_seq" AS SELECT "seq" FROM "main"."sqlite_sequence" WHERE "name" = 'comment_comment-fragment';
DROP TABLE "main"."comment_comment-fragment";
CREATE TABLE "main"."comment_comment-fragment" (
    "id" TEXT NOT NULL,
    "content" TEXT,
    "authorId" TEXT NOT NULL,
    "parentId" INTEGER,
    "rating" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "_version" INTEGER NOT NULL DEFAULT 0,
    "editorId" INTEGER,
    "flag" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "comment_comment-fragment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "comment_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT "comment_comment-fragment_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "reply_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "main"."comment_comment-fragment" ("id", "_internalId", "_version", "content", "authorId", "parentId", "rating", "createdAt", "editorId", "flag") SELECT "id", "_internalId", "_version", "content", "authorId", "parentId", "rating", "createdAt", "editorId", "flag" FROM "temp"."_farm_rebuild";
UPDATE "main"."sqlite_sequence" SET "seq" = (SELECT max("seq") FROM "temp"."_farm_seq") WHERE "name" = 'comment_comment-fragment' AND "seq" < (SELECT max("seq") FROM "temp"."_farm_seq");
INSERT INTO "main"."sqlite_sequence" ("name", "seq") SELECT 'comment_comment-fragment', "seq" FROM "temp"."_farm_seq" WHERE NOT EXISTS (SELECT 1 FROM "main"."sqlite_sequence" WHERE "name" = 'comment_comment-fragment');
DROP TABLE "temp"."_farm_rebuild";
DROP TABLE "temp"."_farm_seq";
CREATE UNIQUE INDEX "main"."comment_comment-fragment_id_key" ON "comment_comment-fragment"("id");
CREATE INDEX "main"."idx_comment_author_comment-fragment" ON "comment_comment-fragment"("authorId");
CREATE UNIQUE INDEX "main"."uidx_author_parent_comment-fragment" ON "comment_comment-fragment"("authorId", "parentId");
CREATE INDEX "main"."idx_flag_comment-fragment" ON "comment_comment-fragment"("flag", "rating");
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE "_farm_rebuild" AS SELECT "id", "_internalId", "_version", "to" FROM "main"."reply_comment-fragment";
CREATE TEMP TABLE "_farm_seq" AS SELECT "seq" FROM "main"."sqlite_sequence" WHERE "name" = 'reply_comment-fragment';
DROP TABLE "main"."reply_comment-fragment";
CREATE TABLE "main"."reply_comment-fragment" (
    "id" TEXT NOT NULL,
    "to" INTEGER NOT NULL,
    "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "_version" INTEGER NOT NULL DEFAULT 0,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reply_comment-fragment_to_fkey" FOREIGN KEY ("to") REFERENCES "comment_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "main"."reply_comment-fragment" ("id", "_internalId", "_version", "to") SELECT "id", "_internalId", "_version", "to" FROM "temp"."_farm_rebuild";
UPDATE "main"."sqlite_sequence" SET "seq" = (SELECT max("seq") FROM "temp"."_farm_seq") WHERE "name" = 'reply_comment-fragment' AND "seq" < (SELECT max("seq") FROM "temp"."_farm_seq");
INSERT INTO "main"."sqlite_sequence" ("name", "seq") SELECT 'reply_comment-fragment', "seq" FROM "temp"."_farm_seq" WHERE NOT EXISTS (SELECT 1 FROM "main"."sqlite_sequence" WHERE "name" = 'reply_comment-fragment');
DROP TABLE "temp"."_farm_rebuild";
DROP TABLE "temp"."_farm_seq";
CREATE UNIQUE INDEX "main"."reply_comment-fragment_id_key" ON "reply_comment-fragment"("id");
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE "_farm_rebuild" AS SELECT "id", "_internalId", "_version", "content", "authorId", "parentId", "rating", "createdAt", "editorId", "flag" FROM "main"."comment_comment-fragment";
CREATE TEMP TABLE "_farm_seq" AS SELECT "seq" FROM "main"."sqlite_sequence" WHERE "name" = 'comment_comment-fragment';
DROP TABLE "main"."comment_comment-fragment";
CREATE TABLE "main"."comment_comment-fragment" (
    "id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" INTEGER,
    "rating" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "_version" INTEGER NOT NULL DEFAULT 0,
    "editorId" INTEGER,
    "flag" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "comment_comment-fragment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "comment_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT "comment_comment-fragment_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "reply_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "main"."comment_comment-fragment" ("id", "_internalId", "_version", "content", "authorId", "parentId", "rating", "createdAt", "editorId", "flag") SELECT "id", "_internalId", "_version", "content", "authorId", "parentId", "rating", "createdAt", "editorId", "flag" FROM "temp"."_farm_rebuild";
UPDATE "main"."sqlite_sequence" SET "seq" = (SELECT max("seq") FROM "temp"."_farm_seq") WHERE "name" = 'comment_comment-fragment' AND "seq" < (SELECT max("seq") FROM "temp"."_farm_seq");
INSERT INTO "main"."sqlite_sequence" ("name", "seq") SELECT 'comment_comment-fragment', "seq" FROM "temp"."_farm_seq" WHERE NOT EXISTS (SELECT 1 FROM "main"."sqlite_sequence" WHERE "name" = 'comment_comment-fragment');
DROP TABLE "temp"."_farm_rebuild";
DROP TABLE "temp"."_farm_seq";
CREATE UNIQUE INDEX "main"."comment_comment-fragment_id_key" ON "comment_comment-fragment"("id");
CREATE INDEX "main"."idx_comment_author_comment-fragment" ON "comment_comment-fragment"("authorId");
CREATE UNIQUE INDEX "main"."uidx_author_parent_comment-fragment" ON "comment_comment-fragment"("authorId", "parentId");
CREATE INDEX "main"."idx_flag_comment-fragment" ON "comment_comment-fragment"("flag", "rating");
