CREATE TABLE "public"."fragno_db_settings" (
    "id" varchar(128) NOT NULL,
    "key" text NOT NULL,
    "value" text NOT NULL,
    "_internalId" bigserial NOT NULL,
    "_version" integer NOT NULL DEFAULT 0,
    CONSTRAINT "fragno_db_settings_pkey" PRIMARY KEY ("_internalId")
);
CREATE UNIQUE INDEX "fragno_db_settings_id_key" ON "public"."fragno_db_settings"("id");
CREATE UNIQUE INDEX "unique_key" ON "public"."fragno_db_settings"("key");
CREATE TABLE "public"."fragno_hooks" (
    "id" varchar(128) NOT NULL,
    "namespace" text NOT NULL,
    "hookName" text NOT NULL,
    "payload" json NOT NULL,
    "status" text NOT NULL,
    "attempts" integer NOT NULL DEFAULT 0,
    "maxAttempts" integer NOT NULL DEFAULT 5,
    "lastAttemptAt" timestamp(3),
    "nextRetryAt" timestamp(3),
    "error" text,
    "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nonce" text NOT NULL,
    "_internalId" bigserial NOT NULL,
    "_version" integer NOT NULL DEFAULT 0,
    CONSTRAINT "fragno_hooks_pkey" PRIMARY KEY ("_internalId")
);
CREATE UNIQUE INDEX "fragno_hooks_id_key" ON "public"."fragno_hooks"("id");
CREATE INDEX "idx_namespace_status_retry" ON "public"."fragno_hooks"("namespace", "status", "nextRetryAt");
CREATE INDEX "idx_nonce" ON "public"."fragno_hooks"("nonce");
