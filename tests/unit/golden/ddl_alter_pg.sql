ALTER TABLE "app"."comment_comment-fragment" ADD COLUMN "editorId" bigint CONSTRAINT "comment_comment-fragment_editorId_fkey" REFERENCES "app"."reply_comment-fragment" ("_internalId") ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE "app"."comment_comment-fragment" ADD COLUMN "flag" boolean NOT NULL DEFAULT false;
CREATE INDEX "idx_flag_comment-fragment" ON "app"."comment_comment-fragment"("flag", "rating");
ALTER TABLE "app"."comment_comment-fragment" ALTER COLUMN "content" DROP NOT NULL;
ALTER TABLE "app"."reply_comment-fragment" ADD COLUMN "at" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "app"."comment_comment-fragment" ALTER COLUMN "content" SET NOT NULL;
