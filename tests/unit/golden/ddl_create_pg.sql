CREATE TABLE "public"."comment_comment-fragment" (
    "id" varchar(128) NOT NULL,
    "content" text NOT NULL,
    "authorId" varchar(64) NOT NULL,
    "parentId" bigint,
    "rating" integer NOT NULL DEFAULT 0,
    "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "_internalId" bigserial NOT NULL,
    "_version" integer NOT NULL DEFAULT 0,
    CONSTRAINT "comment_comment-fragment_pkey" PRIMARY KEY ("_internalId")
);
CREATE UNIQUE INDEX "comment_comment-fragment_id_key" ON "public"."comment_comment-fragment"("id");
CREATE INDEX "idx_comment_author_comment-fragment" ON "public"."comment_comment-fragment"("authorId");
CREATE UNIQUE INDEX "uidx_author_parent_comment-fragment" ON "public"."comment_comment-fragment"("authorId", "parentId");
ALTER TABLE "public"."comment_comment-fragment" ADD CONSTRAINT "comment_comment-fragment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "public"."comment_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT;
CREATE TABLE "public"."all_comment-fragment" (
    "id" varchar(128) NOT NULL,
    "s" text NOT NULL DEFAULT 'it''s "q"',
    "v" varchar(10),
    "i" integer NOT NULL DEFAULT -5,
    "b" bigint NOT NULL DEFAULT 9007199254740993,
    "d" decimal(65,30) NOT NULL DEFAULT 1.25,
    "f" boolean NOT NULL DEFAULT true,
    "dt" date NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ts" timestamp(3),
    "j" json NOT NULL DEFAULT '{"a":"x''y","b":[1,2]}',
    "bin" bytea,
    "col""quote" text NOT NULL,
    "_internalId" bigserial NOT NULL,
    "_version" integer NOT NULL DEFAULT 0,
    CONSTRAINT "all_comment-fragment_pkey" PRIMARY KEY ("_internalId")
);
CREATE UNIQUE INDEX "all_comment-fragment_id_key" ON "public"."all_comment-fragment"("id");
