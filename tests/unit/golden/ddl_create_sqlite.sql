CREATE TABLE "main"."comment_comment-fragment" (
    "id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" INTEGER,
    "rating" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "_version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "comment_comment-fragment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "comment_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
CREATE UNIQUE INDEX "main"."comment_comment-fragment_id_key" ON "comment_comment-fragment"("id");
CREATE INDEX "main"."idx_comment_author_comment-fragment" ON "comment_comment-fragment"("authorId");
CREATE UNIQUE INDEX "main"."uidx_author_parent_comment-fragment" ON "comment_comment-fragment"("authorId", "parentId");
CREATE TABLE "main"."all_comment-fragment" (
    "id" TEXT NOT NULL,
    "s" TEXT NOT NULL DEFAULT 'it''s "q"',
    "v" TEXT,
    "i" INTEGER NOT NULL DEFAULT -5,
    "b" BIGINT NOT NULL DEFAULT 9007199254740993,
    "d" REAL NOT NULL DEFAULT 1.25,
    "f" BOOLEAN NOT NULL DEFAULT true,
    "dt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ts" DATETIME,
    "j" JSONB NOT NULL DEFAULT '{"a":"x''y","b":[1,2]}',
    "bin" BLOB,
    "col""quote" TEXT NOT NULL,
    "_internalId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "_version" INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "main"."all_comment-fragment_id_key" ON "all_comment-fragment"("id");
