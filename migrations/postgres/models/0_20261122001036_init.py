from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        CREATE TABLE IF NOT EXISTS "creator" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(255) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "first_name" VARCHAR(100) NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "company_name" VARCHAR(255),
    "subscription_tier" VARCHAR(50) NOT NULL,
    "subscription_status" VARCHAR(50) NOT NULL,
    "subscription_expires_at" TIMESTAMPTZ,
    "settings" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "last_login_at" TIMESTAMPTZ,
    "is_active" BOOL NOT NULL,
    "stripe_customer_id" VARCHAR(255),
    "onboarding_completed" BOOL NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_creator_is_acti_9092b2" ON "creator" ("is_active");
CREATE INDEX IF NOT EXISTS "idx_creator_subscri_8e52ac" ON "creator" ("subscription_tier", "subscription_status");
COMMENT ON TABLE "creator" IS 'A coach, teacher or community owner: the tenant every other row belongs to.';
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(24) NOT NULL UNIQUE,
    "key_hash" VARCHAR(64) NOT NULL,
    "scopes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "last_used_at" TIMESTAMPTZ,
    "revoked" BOOL NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "api_key" IS 'A creator API key: only a SHA-256 of the secret part is stored, never the key.';
CREATE TABLE IF NOT EXISTS "subscription" (
    "id" UUID NOT NULL PRIMARY KEY,
    "stripe_subscription_id" VARCHAR(255) UNIQUE,
    "plan_name" VARCHAR(100) NOT NULL,
    "status" VARCHAR(50) NOT NULL,
    "current_period_start" TIMESTAMPTZ NOT NULL,
    "current_period_end" TIMESTAMPTZ NOT NULL,
    "cancel_at_period_end" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_subscriptio_status_ee5b1e" ON "subscription" ("status");
COMMENT ON TABLE "subscription" IS 'A billing subscription mirrored from the payment provider.';
CREATE TABLE IF NOT EXISTS "bot" (
    "id" UUID NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "persona_name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "system_prompt" TEXT NOT NULL,
    "traits" JSONB NOT NULL,
    "backstory" TEXT NOT NULL,
    "hidden_rules" JSONB NOT NULL,
    "languages" JSONB NOT NULL,
    "greeting" TEXT NOT NULL,
    "sign_off" TEXT NOT NULL,
    "public_key" VARCHAR(64) NOT NULL UNIQUE,
    "allowed_origins" JSONB NOT NULL,
    "settings" JSONB NOT NULL,
    "llm_api_key" TEXT,
    "current_version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "published_at" TIMESTAMPTZ,
    "deleted_at" TIMESTAMPTZ,
    "hard_delete_at" TIMESTAMPTZ,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_bot_status_2b8492" ON "bot" ("status");
CREATE INDEX IF NOT EXISTS "idx_bot_creator_5c41ed" ON "bot" ("creator_id", "status");
COMMENT ON COLUMN "bot"."status" IS 'DRAFT: draft\nPUBLISHED: published\nARCHIVED: archived\nDELETED: deleted';
COMMENT ON TABLE "bot" IS 'One bot of a creator: persona, widget key, channels, knowledge and programs hang off it.';
CREATE TABLE IF NOT EXISTS "bot_version" (
    "id" UUID NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "system_prompt" TEXT NOT NULL,
    "persona" JSONB NOT NULL,
    "note" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bot_version_bot_id_1e99bf" UNIQUE ("bot_id", "version")
);
COMMENT ON TABLE "bot_version" IS 'A frozen snapshot of a bot''s persona and prompt, one row per publish.';
CREATE TABLE IF NOT EXISTS "channel" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel_type" VARCHAR(16) NOT NULL,
    "channel_name" VARCHAR(255) NOT NULL,
    "configuration" JSONB NOT NULL,
    "secret" TEXT,
    "webhook_secret" TEXT,
    "status" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "last_activity_at" TIMESTAMPTZ,
    "user_count" INT NOT NULL,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_channel_bot_id_aa0b34" UNIQUE ("bot_id", "channel_type")
);
CREATE INDEX IF NOT EXISTS "idx_channel_channel_d1813a" ON "channel" ("channel_type");
CREATE INDEX IF NOT EXISTS "idx_channel_status_ede6fe" ON "channel" ("status");
COMMENT ON COLUMN "channel"."channel_type" IS 'WEB: web\nTELEGRAM: telegram\nWHATSAPP: whatsapp';
COMMENT ON TABLE "channel" IS 'A bot''s configured channel; vendor secrets are encrypted at rest.';
CREATE TABLE IF NOT EXISTS "end_user" (
    "id" UUID NOT NULL PRIMARY KEY,
    "external_id" VARCHAR(255),
    "channel" VARCHAR(50) NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "profile_data" JSONB NOT NULL,
    "preferences" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "last_active_at" TIMESTAMPTZ NOT NULL,
    "is_active" BOOL NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "language" VARCHAR(10) NOT NULL,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_end_user_channel_b8c479" ON "end_user" ("channel");
CREATE INDEX IF NOT EXISTS "idx_end_user_externa_8b4e5a" ON "end_user" ("external_id", "channel");
CREATE INDEX IF NOT EXISTS "idx_end_user_creator_a421f7" ON "end_user" ("creator_id", "is_active", "last_active_at");
CREATE INDEX IF NOT EXISTS "idx_end_user_bot_id_17b256" ON "end_user" ("bot_id", "created_at");
COMMENT ON TABLE "end_user" IS 'A person talking to one bot, across however many channels they use.';
CREATE TABLE IF NOT EXISTS "channel_account" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "external_id" VARCHAR(255) NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "metadata" JSONB NOT NULL,
    "blocked" BOOL NOT NULL,
    "blocked_at" TIMESTAMPTZ,
    "last_inbound_at" TIMESTAMPTZ,
    "window_closed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "end_user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_channel_acc_bot_id_970a24" UNIQUE ("bot_id", "channel", "external_id")
);
COMMENT ON COLUMN "channel_account"."channel" IS 'WEB: web\nTELEGRAM: telegram\nWHATSAPP: whatsapp';
COMMENT ON TABLE "channel_account" IS 'One identity (Telegram chat, WhatsApp number, widget session) of an end user.';
CREATE TABLE IF NOT EXISTS "user_profile" (
    "id" UUID NOT NULL PRIMARY KEY,
    "profile_data" JSONB NOT NULL,
    "interests" JSONB NOT NULL,
    "goals" JSONB NOT NULL,
    "preferences" JSONB NOT NULL,
    "behavior_patterns" JSONB NOT NULL,
    "engagement_score" DECIMAL(5,2) NOT NULL,
    "points" INT NOT NULL,
    "level" INT NOT NULL,
    "last_updated" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" UUID NOT NULL UNIQUE REFERENCES "end_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_user_profil_engagem_e99d41" ON "user_profile" ("engagement_score");
COMMENT ON TABLE "user_profile" IS 'What the bot has learned about an end user (one row per user).';
CREATE TABLE IF NOT EXISTS "conversation" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(50) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "context" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "last_message_at" TIMESTAMPTZ NOT NULL,
    "message_count" INT NOT NULL,
    "escalated_to_human" BOOL NOT NULL,
    "escalated_at" TIMESTAMPTZ,
    "rating" SMALLINT,
    "feedback" TEXT,
    "deleted_at" TIMESTAMPTZ,
    "hard_delete_at" TIMESTAMPTZ,
    "user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_conversatio_channel_60b186" ON "conversation" ("channel");
CREATE INDEX IF NOT EXISTS "idx_conversatio_status_a0192d" ON "conversation" ("status");
CREATE INDEX IF NOT EXISTS "idx_conversatio_updated_1abcf7" ON "conversation" ("updated_at");
CREATE INDEX IF NOT EXISTS "idx_conversatio_user_id_d6f2d5" ON "conversation" ("user_id", "status", "updated_at");
COMMENT ON COLUMN "conversation"."status" IS 'ACTIVE: active\nCLOSED: closed\nDELETED: deleted';
COMMENT ON TABLE "conversation" IS 'A thread between one end user and a bot on one channel.';
CREATE TABLE IF NOT EXISTS "message" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(50) NOT NULL,
    "direction" VARCHAR(8) NOT NULL,
    "sender_type" VARCHAR(16) NOT NULL,
    "sender_id" UUID,
    "content" TEXT NOT NULL,
    "message_type" VARCHAR(50) NOT NULL,
    "metadata" JSONB NOT NULL,
    "external_message_id" VARCHAR(255),
    "created_at" TIMESTAMPTZ NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "read_at" TIMESTAMPTZ,
    "response_time_ms" INT,
    "ai_confidence" DECIMAL(3,2),
    "delivery_status" VARCHAR(16),
    "error_code" VARCHAR(32),
    "error_message" TEXT,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "conversation_id" UUID NOT NULL REFERENCES "conversation" ("id") ON DELETE CASCADE,
    "reply_to_id" UUID REFERENCES "message" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_message_bot_id_7739a4" UNIQUE ("bot_id", "channel", "external_message_id")
);
CREATE INDEX IF NOT EXISTS "idx_message_created_e537a8" ON "message" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_message_convers_efe042" ON "message" ("conversation_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_message_sender__95aa36" ON "message" ("sender_type", "sender_id");
COMMENT ON COLUMN "message"."direction" IS 'INBOUND: in\nOUTBOUND: out';
COMMENT ON COLUMN "message"."sender_type" IS 'USER: user\nAI: ai\nCREATOR: creator\nSYSTEM: system';
COMMENT ON COLUMN "message"."delivery_status" IS 'QUEUED: queued\nSENT: sent\nDELIVERED: delivered\nREAD: read\nFAILED: failed';
COMMENT ON TABLE "message" IS 'One message; inbound ones are unique per (bot, channel, external id) for idempotency.';
CREATE TABLE IF NOT EXISTS "knowledge_base" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "is_active" BOOL NOT NULL,
    "document_count" INT NOT NULL,
    "total_size_bytes" BIGINT NOT NULL,
    "embedding_model" VARCHAR(128) NOT NULL,
    "collection_name" VARCHAR(128) NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_knowledge_b_creator_5c0508" ON "knowledge_base" ("creator_id", "is_active");
COMMENT ON TABLE "knowledge_base" IS 'A creator''s collection of documents; one Chroma collection holds its chunks.';
CREATE TABLE IF NOT EXISTS "document" (
    "id" UUID NOT NULL PRIMARY KEY,
    "title" VARCHAR(500) NOT NULL,
    "content" TEXT NOT NULL,
    "source" VARCHAR(2000) NOT NULL,
    "file_path" VARCHAR(1000),
    "file_type" VARCHAR(50),
    "file_size_bytes" BIGINT,
    "content_hash" VARCHAR(64) NOT NULL,
    "metadata" JSONB NOT NULL,
    "processing_status" VARCHAR(16) NOT NULL,
    "processing_error" TEXT,
    "embedding_status" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "processed_at" TIMESTAMPTZ,
    "chunk_count" INT NOT NULL,
    "deleted_at" TIMESTAMPTZ,
    "hard_delete_at" TIMESTAMPTZ,
    "knowledge_base_id" UUID NOT NULL REFERENCES "knowledge_base" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_document_knowled_c02275" UNIQUE ("knowledge_base_id", "content_hash")
);
CREATE INDEX IF NOT EXISTS "idx_document_process_d6c902" ON "document" ("processing_status");
CREATE INDEX IF NOT EXISTS "idx_document_embeddi_6f0f15" ON "document" ("embedding_status");
CREATE INDEX IF NOT EXISTS "idx_document_created_b6cfaa" ON "document" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_document_knowled_4f178b" ON "document" ("knowledge_base_id", "processing_status", "created_at");
COMMENT ON COLUMN "document"."processing_status" IS 'PENDING: pending\nPROCESSING: processing\nREADY: ready\nFAILED: failed';
COMMENT ON COLUMN "document"."embedding_status" IS 'PENDING: pending\nPROCESSING: processing\nREADY: ready\nFAILED: failed';
COMMENT ON TABLE "document" IS 'A source document; its content hash makes re-adding the same file a no-op.';
CREATE TABLE IF NOT EXISTS "document_chunk" (
    "id" UUID NOT NULL PRIMARY KEY,
    "chunk_index" INT NOT NULL,
    "content" TEXT NOT NULL,
    "heading" VARCHAR(500) NOT NULL,
    "token_count" INT NOT NULL,
    "metadata" JSONB NOT NULL,
    "embedding_id" VARCHAR(255),
    "embedding_model" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "document_id" UUID NOT NULL REFERENCES "document" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_document_ch_documen_9fcc1b" UNIQUE ("document_id", "chunk_index")
);
CREATE INDEX IF NOT EXISTS "idx_document_ch_embeddi_b35eef" ON "document_chunk" ("embedding_id");
COMMENT ON TABLE "document_chunk" IS 'A retrievable piece of a document; `embedding_id` is its id in ChromaDB.';
CREATE TABLE IF NOT EXISTS "program" (
    "id" UUID NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "flow_definition" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "version" INT NOT NULL,
    "settings" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "published_at" TIMESTAMPTZ,
    "is_active" BOOL NOT NULL,
    "enrollment_count" INT NOT NULL,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    "knowledge_base_id" UUID REFERENCES "knowledge_base" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_program_bot_id_0b665d" UNIQUE ("bot_id", "code")
);
CREATE INDEX IF NOT EXISTS "idx_program_status_9a0065" ON "program" ("status");
CREATE INDEX IF NOT EXISTS "idx_program_creator_59c3b6" ON "program" ("creator_id", "status", "is_active");
COMMENT ON COLUMN "program"."status" IS 'DRAFT: draft\nPUBLISHED: published\nARCHIVED: archived';
COMMENT ON TABLE "program" IS 'A creator''s program; `flow_definition` is the editable draft, versions are frozen.';
CREATE TABLE IF NOT EXISTS "user_interaction" (
    "id" UUID NOT NULL PRIMARY KEY,
    "interaction_type" VARCHAR(100) NOT NULL,
    "interaction_data" JSONB NOT NULL,
    "channel" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "session_id" UUID,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "message_id" UUID REFERENCES "message" ("id") ON DELETE SET NULL,
    "program_id" UUID REFERENCES "program" ("id") ON DELETE SET NULL,
    "user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_user_intera_interac_4f82f5" ON "user_interaction" ("interaction_type");
CREATE INDEX IF NOT EXISTS "idx_user_intera_created_8425ca" ON "user_interaction" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_user_intera_session_79ba80" ON "user_interaction" ("session_id");
CREATE INDEX IF NOT EXISTS "idx_user_intera_user_id_78f2d4" ON "user_interaction" ("user_id", "interaction_type", "created_at");
CREATE INDEX IF NOT EXISTS "idx_user_intera_bot_id_a4dff7" ON "user_interaction" ("bot_id", "created_at");
COMMENT ON TABLE "user_interaction" IS 'The event log: every meaningful thing an end user did, the source of metrics and badges.';
CREATE TABLE IF NOT EXISTS "program_version" (
    "id" UUID NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "program_id" UUID NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_program_ver_program_322e46" UNIQUE ("program_id", "version")
);
COMMENT ON TABLE "program_version" IS 'A published, frozen program definition; enrollments stay on the version they began.';
CREATE TABLE IF NOT EXISTS "program_enrollment" (
    "id" UUID NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "progress" JSONB NOT NULL,
    "current_step" VARCHAR(255),
    "current_step_at" TIMESTAMPTZ,
    "enrolled_at" TIMESTAMPTZ NOT NULL,
    "completed_at" TIMESTAMPTZ,
    "paused_at" TIMESTAMPTZ,
    "paused_until" TIMESTAMPTZ,
    "stopped_at" TIMESTAMPTZ,
    "dropped_at" TIMESTAMPTZ,
    "last_activity_at" TIMESTAMPTZ NOT NULL,
    "points" INT NOT NULL,
    "program_id" UUID NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    "program_version_id" UUID NOT NULL REFERENCES "program_version" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_program_enr_program_610d7d" UNIQUE ("program_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_program_enr_status_117c59" ON "program_enrollment" ("status");
COMMENT ON COLUMN "program_enrollment"."status" IS 'ACTIVE: active\nPAUSED: paused\nCOMPLETED: completed\nDROPPED: dropped\nSTOPPED: stopped';
COMMENT ON TABLE "program_enrollment" IS 'An end user''s place in a program.';
CREATE TABLE IF NOT EXISTS "step_progress" (
    "id" UUID NOT NULL PRIMARY KEY,
    "step_id" VARCHAR(128) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "answer" TEXT,
    "attempts" INT NOT NULL,
    "correct" BOOL,
    "score" DECIMAL(5,2),
    "points" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "enrollment_id" UUID NOT NULL REFERENCES "program_enrollment" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_step_progre_enrollm_f723ab" UNIQUE ("enrollment_id", "step_id")
);
COMMENT ON TABLE "step_progress" IS 'What happened on one step of one enrollment: delivery, answer, quiz score.';
CREATE TABLE IF NOT EXISTS "achievement" (
    "id" UUID NOT NULL PRIMARY KEY,
    "achievement_type" VARCHAR(100) NOT NULL,
    "achievement_data" JSONB NOT NULL,
    "points" INT NOT NULL,
    "dedup_key" VARCHAR(255) UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "program_id" UUID REFERENCES "program" ("id") ON DELETE SET NULL,
    "user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_achievement_achieve_97c987" ON "achievement" ("achievement_type");
CREATE INDEX IF NOT EXISTS "idx_achievement_created_37a544" ON "achievement" ("created_at");
COMMENT ON TABLE "achievement" IS 'Points earned for a step, a quiz or a streak.';
CREATE TABLE IF NOT EXISTS "badge" (
    "id" UUID NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "design" JSONB NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "awarded_count" INT NOT NULL,
    "bot_id" UUID REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_badge_creator_eba970" UNIQUE ("creator_id", "code")
);
CREATE INDEX IF NOT EXISTS "idx_badge_creator_775696" ON "badge" ("creator_id", "is_active");
COMMENT ON TABLE "badge" IS 'A badge a creator defines, with declarative award criteria.';
CREATE TABLE IF NOT EXISTS "user_badge" (
    "id" UUID NOT NULL PRIMARY KEY,
    "earned_at" TIMESTAMPTZ NOT NULL,
    "criteria_met" JSONB NOT NULL,
    "notified" BOOL NOT NULL,
    "badge_id" UUID NOT NULL REFERENCES "badge" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_user_badge_user_id_7a5c08" UNIQUE ("user_id", "badge_id")
);
CREATE INDEX IF NOT EXISTS "idx_user_badge_earned__483ce7" ON "user_badge" ("earned_at");
COMMENT ON TABLE "user_badge" IS 'A badge earned by an end user: awarded once, whatever happens twice.';
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" UUID NOT NULL PRIMARY KEY,
    "table_name" VARCHAR(100) NOT NULL,
    "record_id" VARCHAR(64) NOT NULL,
    "operation" VARCHAR(16) NOT NULL,
    "old_values" JSONB,
    "new_values" JSONB,
    "actor_type" VARCHAR(32) NOT NULL,
    "actor_id" VARCHAR(64),
    "created_at" TIMESTAMPTZ NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_audit_log_creator_ad7d6f" ON "audit_log" ("creator_id", "created_at");
COMMENT ON TABLE "audit_log" IS 'Who changed what: sensitive operations on a creator''s data.';
CREATE TABLE IF NOT EXISTS "engagement_metric" (
    "id" UUID NOT NULL PRIMARY KEY,
    "metric_type" VARCHAR(100) NOT NULL,
    "metric_value" DECIMAL(14,2) NOT NULL,
    "dimensions" JSONB NOT NULL,
    "dimensions_key" VARCHAR(64) NOT NULL,
    "date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "bot_id" UUID REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_engagement__creator_6018c0" UNIQUE ("creator_id", "metric_type", "date", "dimensions_key")
);
CREATE INDEX IF NOT EXISTS "idx_engagement__metric__2ecd1b" ON "engagement_metric" ("metric_type");
CREATE INDEX IF NOT EXISTS "idx_engagement__date_990061" ON "engagement_metric" ("date");
CREATE INDEX IF NOT EXISTS "idx_engagement__creator_5096d8" ON "engagement_metric" ("creator_id", "date", "metric_type");
COMMENT ON TABLE "engagement_metric" IS 'One daily value of one metric for a creator (and optionally one bot).';
CREATE TABLE IF NOT EXISTS "program_analytic" (
    "id" UUID NOT NULL PRIMARY KEY,
    "metric_type" VARCHAR(100) NOT NULL,
    "metric_value" DECIMAL(14,2) NOT NULL,
    "dimensions" JSONB NOT NULL,
    "dimensions_key" VARCHAR(64) NOT NULL,
    "date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "program_id" UUID NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_program_ana_program_3f3a97" UNIQUE ("program_id", "metric_type", "date", "dimensions_key")
);
CREATE INDEX IF NOT EXISTS "idx_program_ana_metric__ad5828" ON "program_analytic" ("metric_type");
CREATE INDEX IF NOT EXISTS "idx_program_ana_date_e7cd32" ON "program_analytic" ("date");
COMMENT ON TABLE "program_analytic" IS 'One daily value of one program metric (per step where `dimensions` names it).';
CREATE TABLE IF NOT EXISTS "usage_tracking" (
    "id" UUID NOT NULL PRIMARY KEY,
    "usage_type" VARCHAR(100) NOT NULL,
    "usage_value" BIGINT NOT NULL,
    "date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_usage_track_creator_cbe934" UNIQUE ("creator_id", "usage_type", "date")
);
CREATE INDEX IF NOT EXISTS "idx_usage_track_usage_t_c4f7e0" ON "usage_tracking" ("usage_type");
CREATE INDEX IF NOT EXISTS "idx_usage_track_date_20cdbf" ON "usage_tracking" ("date");
COMMENT ON TABLE "usage_tracking" IS 'Daily usage counters per creator (AI interactions, storage, users).';
CREATE TABLE IF NOT EXISTS "outbox_message" (
    "id" UUID NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "idempotency_key" VARCHAR(255) NOT NULL UNIQUE,
    "payload" JSONB NOT NULL,
    "template" JSONB,
    "status" VARCHAR(24) NOT NULL,
    "attempts" INT NOT NULL,
    "max_attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "claimed_at" TIMESTAMPTZ,
    "claimed_by" VARCHAR(64),
    "last_error" TEXT,
    "external_message_id" VARCHAR(255),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "channel_account_id" UUID NOT NULL REFERENCES "channel_account" ("id") ON DELETE CASCADE,
    "message_id" UUID REFERENCES "message" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_externa_dd38f3" ON "outbox_message" ("external_message_id");
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_status_4d04e0" ON "outbox_message" ("status", "next_attempt_at");
COMMENT ON COLUMN "outbox_message"."status" IS 'PENDING: pending\nSENDING: sending\nSENT: sent\nFAILED: failed\nBLOCKED_BY_WINDOW: blocked_by_window\nCANCELLED: cancelled';
COMMENT ON TABLE "outbox_message" IS 'An outbound message waiting to be sent, being sent, or finished; claimed atomically.';
CREATE TABLE IF NOT EXISTS "scheduled_send" (
    "id" UUID NOT NULL PRIMARY KEY,
    "step_id" VARCHAR(128) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "attempt" INT NOT NULL,
    "due_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "reason" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "queued_at" TIMESTAMPTZ,
    "enrollment_id" UUID NOT NULL REFERENCES "program_enrollment" ("id") ON DELETE CASCADE,
    "outbox_id" UUID REFERENCES "outbox_message" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_scheduled_s_enrollm_8331a1" UNIQUE ("enrollment_id", "step_id", "kind", "attempt")
);
CREATE INDEX IF NOT EXISTS "idx_scheduled_s_status_1a5b30" ON "scheduled_send" ("status", "due_at");
COMMENT ON COLUMN "scheduled_send"."status" IS 'PENDING: pending\nQUEUED: queued\nSKIPPED: skipped\nCANCELLED: cancelled';
COMMENT ON TABLE "scheduled_send" IS 'Ledger of scheduled sends: one row per (enrollment, step, kind, attempt), never two.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS "bot_knowledge_base" (
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "knowledgebase_id" UUID NOT NULL REFERENCES "knowledge_base" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_bot_knowled_bot_id_32a1e2" ON "bot_knowledge_base" ("bot_id", "knowledgebase_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        DROP TABLE IF EXISTS "bot_knowledge_base";
DROP TABLE IF EXISTS "scheduled_send";
DROP TABLE IF EXISTS "outbox_message";
DROP TABLE IF EXISTS "usage_tracking";
DROP TABLE IF EXISTS "program_analytic";
DROP TABLE IF EXISTS "engagement_metric";
DROP TABLE IF EXISTS "audit_log";
DROP TABLE IF EXISTS "user_badge";
DROP TABLE IF EXISTS "badge";
DROP TABLE IF EXISTS "achievement";
DROP TABLE IF EXISTS "step_progress";
DROP TABLE IF EXISTS "program_enrollment";
DROP TABLE IF EXISTS "program_version";
DROP TABLE IF EXISTS "user_interaction";
DROP TABLE IF EXISTS "program";
DROP TABLE IF EXISTS "document_chunk";
DROP TABLE IF EXISTS "document";
DROP TABLE IF EXISTS "knowledge_base";
DROP TABLE IF EXISTS "message";
DROP TABLE IF EXISTS "conversation";
DROP TABLE IF EXISTS "user_profile";
DROP TABLE IF EXISTS "channel_account";
DROP TABLE IF EXISTS "end_user";
DROP TABLE IF EXISTS "channel";
DROP TABLE IF EXISTS "bot_version";
DROP TABLE IF EXISTS "bot";
DROP TABLE IF EXISTS "subscription";
DROP TABLE IF EXISTS "api_key";
DROP TABLE IF EXISTS "creator";"""


MODELS_STATE = (
    "eJztXWtz2ziW/SsofZl0lTrl2I6TcW9tlWyr0974NbGcntl2FxsSYYllCtSQlB31bP/3Bf"
    "gESZAiKFKimPslD5IXks4FQNxzX//pzS2dmM7bwcL4TFa9U/SfHsVzwv6RutNHPbxYxNf5"
    "BRePTe9RvDC05+ChsePaeOKyy0/YdAi7pBNnYhsL17Aof3iAJjbBrmWjwd0lYmKnyKLmCm"
    "F0/8vgx8P3J8h6Qu6MIIewB120wLaLDAc5TITofUTJC7G9B5jsW/6ZujVhH2rQaTPDL6nx"
    "7yXRXGtK2GWbfchvv7PLBtXJN+KE/108a08GMfUEhobOB/Cua+5q4V17eLi8+Nl7kn/1sT"
    "axzOWcxk8vVu7MotHjy6Whv+Uy/N6UUGJjl+gCvHRpmoEiwkv+N2YXXHtJoq+qxxd08oSX"
    "JldS77+elnTCdYO8T+J/HP938NWExzTt5nak3Q9HmtbL6JR/hZQegksTi/L5YFCXA/Wfv/"
    "xxY0C8qz3+Aee/DL68OTr5wYPActyp7d304Or95QliF/uiHugxyt7fGZzPZ9iW4xw+n0Ka"
    "fdEqGIcXYpDjiR/B1xSgvTn+ppmETt0Z+++7g4MChL8Ovnggs6c8lC22Tv31exPcOvTvcb"
    "RjdBc2eTK+qeAbS9SD8PpZHOLVOMKHxyUAPjzOxZffSsLLdhlthp2ZCsCizPYm8dZAPikD"
    "8kk+yCcZkJ2JxcfIQPw/97c3cohjiRTAujFx0f8h03DcxnaLeE8eLw3TNajzln/eLrZljh"
    "Afee44/zZFmN9cD/6Z1sD51e1Zev/mA5yl1OG9oYmuYTerkgt2xzXmRK6WpGRaNYHo2/Af"
    "+7gS2A/Ub9mBJdjmClQzurwe3o8G13cJ/VwMRkN+59C7ukpdfXOS0lk0CPr1cvQL4v9F/3"
    "t7M0yrMXpu9L89/p3w0rU0ar1qWBd25PBqiFpC6+TbwmCjVdB6UrIGrQdfty1K3xMlh5gU"
    "atnEjqstnUqrOy0Lmm6zpm3yYj0TiYVzZlkmwVSuY0Eqpd4xE2tqx46ubFenZ7e3Vwl1nl"
    "2OUu/Mh+uzITuTe3pkDxmud/nyZpR6Zwa4VVhVSUlYU21eUwF3oakRB0mpOgmE9qp2DV/A"
    "KZmnZyldEKCVBfhnyybGlH4mKw/mS/ZVMJ3IqIKAGzuPR9pPYOOr8bK28WvEZKVmFkOA/W"
    "7ib1Hng/vzwcWw50E9xpPnV2zrWgJzfsc6tFJXomezt+aH8/QVTPHUw4f/EP61U9hLKEtB"
    "LfmcpTALSnGWFp7M+sgl7C9iI8tmV+Zzpk53haxXpvtTjzN0CcXURZxDZNc5XYhs6xWNiW"
    "nRqYNcS0pY1jn2erbyt56zHEc/T3MN4qGQuMhmvrt0er8Ds7lTZpPMsWGqMEORQPeYt/fv"
    "y1Bv79/nc2/8XorbxI7zarGtSJWBywh2kIZrBPEnw2Y2nipjn5QC3r4Mb+8Z06pAJ4QA5z"
    "I4s3f1AtOVMtRpuUpot8wU28IGIj27lMVcKrzFaT7GjjHZzlx/X2aqv8+f6e8zE112QKyK"
    "fSy+RfTZEd94IZ2AvzqXXjAMUENtpoYc4rrst6p5MQWZdvgx+ceCHxP8mC1diWX8mMuFXl"
    "HrSUnQelu0Ltl/g2+fMqdMa2rQqo5NURhete1RdXaFG+xEFJ0VFXybCbnGvJsZDi68sLe+"
    "Tf4lFkSbLB3XmhO596vAsJBKgzldypy26NjCts6+hcYJCe7cUfXo5w0B7v01SyDjo8z3pM"
    "UKC2LtJWbAWSD58+cvxMTez8xqIRPVv2cnjDzHZa6pvCFQ98JQXYVrbLkbonRmNWZE7hqc"
    "yQxTGjiPqwN07o/SVZAI1Xncnr0hSkOqPzhkHz1npVB6ZudNk+hToo2xIwtHV8HqczjYGR"
    "urq4gtbGtq4/mGUN35o3QVpDFms2DTDZyP0VWA8FI3PPN7wzMTH+bKH6WLMDE7A0/JnFBX"
    "mxM23mTj3Twc79obrqu4LR08lTEFClA98CFGzGp45t+mQzg1GQGYOJpLwgDTR/f8WEAn/W"
    "SJgMCxYZoMEiTKorlh2zyNGD3Z1twL2lvgFV8BiL3JXgyd2LL4v02GguTkbRj6G4TwBexU"
    "wu1aid+SjFALx9X5GD8TU+XgnIRQB2P7GomEqhAT0ngYyO4mc/0RIJOlbfPT2YLYhqXzGB"
    "pb3fGcM0YHnZFd8kil1Eao5A2ipPhgBFB7u9XO849MDRcrvtA7kzcEeGcUHJQQ6JP/0tvP"
    "kA8I9PketV4m0AdScCEFF1JwyxBw3Osr4d0CZ3A+3TYOHljLst1SgtjDvGIfDsv6nSJ2jn"
    "Esivvo1dCnxOV1+voodNP2UeRlQ5jqKPQgIXZ/ygZ6Qoab5eCa/KAyCblJHUPybTuYO3Mp"
    "8RgVkBnB851Lva2/Hlv7KzbuN+dZxMQN6XKeebnumpXr6TZ+chX3h97Fl8HPo1PkyT7Su4"
    "ezq8v7X4YXbOdejk3DmRH9kXKULr/yi9iezIwXfu1ieDUc8Uv+q1RPvw9KMagnZQjU9DlW"
    "4E9PMkS1/7pR56pTcp1L221kiYjfLAP2iHxz5WCnxDqAdZHpNvznKGG1ZZKmIsvt6vbmU/"
    "h4OpMqtTetHJfMNXZemi8khnU+9BlBAF8ZfP7RsmDP/BTCWKIdCYSdKoTK7TBeeHylsg4S"
    "QrAGlNfAzNB1QjV7aaqVBE7LwXqofT2YzHZeYmk0Y75eEkKglNqVwu4RN4hLK7tHiTKwRa"
    "mfkYwp1aynJ6XjkSADkCtD7pmMk7CNSWnbKyG1LeZH2HICzpWn8Lyl5FWLv1Bj+0/T5BA2"
    "TeuV6JplG1NDlr+V/yqQiMILofYXAlQiaZ1KTHOuCV2YkloZ0om9WjBE818eKfkuJE9v+w"
    "USBli9ENuRkkqXNAd8iWRKAdw72NDSOGjqLTHl3+DHw3fHH44/Hp0cf2SPeN8yuvKhQEMQ"
    "gtP9YAwIwfketV4mBCdy31TQe1oWKu20R9HZ9R044CroOSkJWm6zlmc81MhXWAVNZ6VB22"
    "3WNgRQQgBldwIoY8wD82zzUjlfYzuvI5BDxZyKIGl4MrGWdNP6SwFYA3+wrmIGVYbKoMQu"
    "Ex5WvflWxVG6jEfrKmBz4jhyn7MKWNf+KF0FCSoxlQBpm5WY2mnAtL7C0D7CZi3dsfVtM6"
    "huvTE6uEltmOCkUJ3vGtPVyOJ/ljStNi7Rt9MckALzyvt9WirtK/NrbT4piR49F5UZtWxP"
    "NdzXKOLOYQ+MtEh9wTNMNLjjzmxrOZ2FF5NKy7Xv2HUtA/5f65LbQjtNnuMmWHGFqW6iW6"
    "9MYakn2/qTUORQvHBmYU4aG+dvTpiQFuabzRduH1mUeG0g2b0w7UFWY6qmUSXJbL+F+Xzh"
    "7/wdClC1KY1N3R+9Ez90k56yml3RkMGwyzg9f7fKwp4feySIQOhRsUIqhB5Ry1XL5Qye78"
    "Dc30KaGoS95KO/nwEQZcJe4vNu2dNRLAGus2LXWXBa3dBt1q2OB/2UyyyeTW2qNxK6hCT2"
    "mOAtyjfGJsJDZSr8etYRw+rJmC55Jd5A/if0Qqhu2cghbI91HYRtgkgYY4uwi9hclBQZqW"
    "XEIgMs9Cl5UxWssFZZYQndSE9L6+sypMdocc3U3q/Ds1P0SsaPdDS8Gn76Mrhm47KNhNP/"
    "j/TXXwaj+8HdHXtkhl2HL9kKB676SzCECCv38k7Jwdm21Nk22Agj6rqsQZcRBLOudrPOfx"
    "VltVIimSQWhTwSdYKDbZozy3rWNlBAdghQRIUk3H0oZ77nTe2B3siHvrv0BmT1dE3rksBw"
    "eQdtb7sy3FXVJtopecgEaI/CJevcIbYWhaSW9D4mhSARNu19BG54Y5oGclUgV6WdxHuZXJ"
    "XUZgDOjH12ZoQpG/k+DSGpY61rI0wnKefi4FXPDZ1Ql52n0JtRwM5yp4TbR79yYnawWLDv"
    "PR8TOyqC7hCHBwf94EWQUUSojvgbW15TvdbRS7g++D/JN5fYFJtc5+AEaaMTZEP/x3YJ9u"
    "/G9yGuG6mC5GshJdZmxbTJ96EbzsLEK2VPU1oOPE1l0J4TF/NdScXJJMqAf6l2/9LYtCbP"
    "RLWbnSAFDewUGtgFuFVg3ZKSwLe1mW/zGFKDjpkJUEXVEnHQd5v1/cowZBIT03IqrW2ZPG"
    "i8zRoHf2n+MXI/PWfgL/0etV7GXwqOnhodPWHtGEVEU2IAK+RWNO2OkM3aGkDtXtWjNLCp"
    "tVq90BvU22iu3kahTyycoxJnmDB9871g4nIpk+HjJwYjF5vPDAvkWl7dA7ZA+whPbMtx0M"
    "x6JS/ERuwrr6LWv8idkRX3S8lyfGoZs0zP4BTxHjpH2HPpfsKGo8VRonEUlVdN1Xs83pIE"
    "KwHaD+/WWbZDf0zLDPhtpKIUeSYLc36adMLsruVz/ZHe4PDa5nxe2NaTYRJN1emVlgPHV+"
    "2Or4VNnohN2GFdqYFSSgwUU7tigFvN37H2k2UDbvV71LpaLkqVjhRZadB+W7RfZs0nDGKF"
    "6JOE3BbjT0I7YG/DT/gS+NOiSgd/UWaLh/6H0fl2zv31N04NG2GroCzKbBFlQrcD8rsydu"
    "y7fDv2XcaOBa8cpF+1D1RIv4L0q5ZiWj39CrrlqDrnoA/MBoCxu7zyNa4BsXNhqK7CRaht"
    "mSZvvlFPU5hhNF5XEcOTmUFeSA2QDeKRugpWHb10+MZVtp/O3oCkFICR8QjlA3pLychif5"
    "SD9S4ebr+cyYW4KsSqpF+KkpgVyXszP3bFj1xKPb02hmU0I4htBNRFpjU95f+0V2hOMGUQ"
    "PC1N5M54EIqQSY10Q+/zYBPkWEt7QniiddCLyWsA4i+7bGBLkx9UJtpFCOwSQPJnZj8Ztw"
    "IRLS2NaJEprixPJZPtXtjFu4NyfFURYZVhrEToVOMBZLLgek6w4rW4nlsZfrTDIK/vvdLk"
    "Vreg7jr6gnIyivxyUmqD9/z6o+8OGvptSNmD/6NGMIPWw4qAJqUanZ97iGnQqVgR06QUYJ"
    "rEtELmHGTNlfbQQYZXOHnWuJLWZneBb665XMRF3Lt9Q0zLd4Fv52a6FtbkyyQBLfsK6Obh"
    "6qonOwfUgG35jMM9xTZ5+MnBNt+n3GT6osiL59DBAm2+hgoW+Pr1NDAvp+lxrWxBoxl2kE"
    "mwTXnrsLG1dBO07BuxtTO/8kOW7N18uFIJjHTKcOQ+LM2ZsHkO/OyO+VlIGmotQejxsMSR"
    "+Y3XkLehUDuUwj+vM0qZWthUUkgkAMqoXRmQVtdSxYzJDL8YFjvRYJenpiupRyoMSqpdSZ"
    "mzWEZHF2RizLGZU3RAIp7Wki//NhinKU011cWlQCEXw/PL68HVm/f9w1QiTKiY44w3amEZ"
    "0iCw3K44sQB0xElnF5nkReY7zcUyen57UL7bFyh5ZmOQ2CrZA9ZnRQqykBPZFldpiFFRRu"
    "x++cdB6+u1Xir7vTWOnfUUy364dVSox3UuoDAkt3kHUBvQ39z9Ux+Vm0jgkPVmSiV4FHRm"
    "Sj9Zoi6dO+M7DhoT95UQ6hWQiwhXHjuLPWLW8u8EgWCyWnSVx1GMyI37Hgs1MYDN3S2b28"
    "6Ywi6VNCtqEL6+m9XeNAvvDc5Hl1+Hp8iXfqTnV7f3w4tT5PcNeKQXw6vhiF/wt2Q9vROV"
    "inyuvZ8V+ziXfJOcZvPZJkEEOKbaOSZowtQ6lYDRl789ddjo26uSZxAKX1/FszB4pmLJs6"
    "Q4LPq26L/Mog91F9W8KEmWZ+TA/5Amzdm3wKa3LzL8Z8s5pll8C+vKyQeABocKFeZiCNX3"
    "trQstEBrz3ssu5Ex1PlPzej4fo5NM3cbi6Uq7V8t02ewgx0dfjiJNi/+n6J96/56cHWVXT"
    "hPhOicM80COmKmsBxMUaYLDQaKlsfwn6NisytaHVe3N5/Cx9O2WKoWvs+TVNiqkpKwUbV5"
    "o5pxL4SvsAqazkqDttus7fZ4UturVEiRa5mPNAftwObbsPoWND9TcjmHcEm8zQKS+Y5mIY"
    "dsvY/5lhIUCPyEgpbf3AvsIGwT5OvBS+l543UuCxyDfRR2l0KG/gN6smz2N5kvLJfQySrr"
    "gW7sUyT+6d/ChE/BiRn1whKSxn7POLJFD72kaBQvJ+UQJmBHhYeC/4ajgZMbnNy726yab9"
    "xlk6giXRVHd2KANkPeu7w5u324uThle9UjvX0YBf+zlm56ayujio8lNPExVxEfM9EGyT2o"
    "UshBcohW6+Lhfvjl1AtVeqSDy1OEjUd6/mU4GN2yy0Gd7kd6/6/70fD6FDkrxyXzKlqqP/"
    "AgfjsovAASQlB+RBLKIfNa5FNUgkibp3lrKarwxJS/3RS7i7a/x/TC0J19fMlCbEzrYmNk"
    "xoPCQsgR7wJdvo1+vHsVmAQhKrWEKOjENJglXtUxkpAFsrzNZDmfwxWULIiBftutX2fBfh"
    "07BjJVaHOVRGeZaIdc9rUFHWGD89NPhk4CS18hXT8ju3GufsvALpGtf6SQrR+8XFbaZhkf"
    "kmFafBzs/eNh+MCzOtiHLHmax/3wZnSKHGZVeykfl1+HX4KkD//N+0i/DAfsAt+lH+nPg8"
    "srfvsJG2ZbUkKIbVs2U4iuZNImpVqssYoH+KPDEjgfHebizG/JcM4tapjP2mQEu4D2tqkb"
    "qNBdL/WYdg6WRVUiCvCm4LXJwlzxqGc1aFNiwJcXd4BNpaBvGETT0eaG/XQv2OzyhaLT2y"
    "46HS70GkDtfGXk1KaoXBq5Ha1j9wT8zCw1thcut48QWUt3bH3bDKFbb4zu4dRkVOGFNVl6"
    "bWIlYYXRvX5RXKEuPlWieE3Q7jEU+wkZroMCdzwvJj5Dc/xMHGSTH7Gu866RXpNI9tUQry"
    "KNMKLWj9ZCVs+mzqGlIYTP1Ho1iT4l2hg7fmNJf3SNjy6JHUwKhMdR25rwFlJ0KjA90Iey"
    "NUGDruHKGuHmM0CRQCdCSdKxDOWCGYqiGbLN9iBgZ9usj783qszqWGKLQTpN7RSpmISDUr"
    "OaP5YflXCQnddem4MFZp+hgHNCqAuEZqZnbcmmtYVda+VYq4afJYS6h3X9gWceYI7xJzvA"
    "rFypCWNMc321EuEOuWr/fnh4dPTh8ODo5OP74w8f3n88iHy22VtFztuzy0/cf5vQSdahmz"
    "hpKkz5tFwn3p7JaX9yXGLanxznTnt+C+ItWx5vKbWaqrjZpQNtr8biglA9KDWh4m2/G95c"
    "XN58OkWB/CO9+3J7Pry/9y9Gv8n3sv/Ld7Ov2ulnFzTgeXRV7ACZbBde5Nu2B8h8TDwOZM"
    "PVJBsHFtM204kK1Jdj2DWuKMnrqVJp2aomR/3FYiHe/PuLN9+vOpjbPX/vp9YlwckZT1Sw"
    "+1fSe1oWotDbo+js+p7MlvRZueBlSgrKXaaJCqhe9j0sHqhe9j1pW+rHLuuHljvBIdS1MC"
    "gzG2qwYXzb53DAs2C8/UR5bZibdLZVr3Xmve43DN0KA2nO+Vgdgn4rkUk+aAXhSRGq62OU"
    "tEn0bIlIJZswWMgLHwQtDDIhyHpCWAgv+iMmvwz9D2Q4XsCRoSODovOZbc3xxZksTqm+ga"
    "VRSmJEln9a9eZNJjwJwox2GmYkqkbV/Iiktmd+NO9Qrc0CgfCirbsTZgSHRHxZGloQ6VyA"
    "USNRc671TKgyX5GSAr4ivVuAr791vn7x+KOypaTlGnIM765JZSPFlGLUvKNzNcAj0c7t5e"
    "8Oy1TqZE/l+xMPM9U698uhCL6l9TxaqQpWoR2qZmGlxIA6K6bORPt3Q9JMTIHaT2jX8mWp"
    "yaXKlDVJASUpSwkFlOE08ymgLJ9ahgIKCgn/jaeRmaZfppqTNSFozk9eb3SfkxGfmVnsB/"
    "r5Zx6BKKOB6h28TE/24BMDVRuOFkTlQMbZbqkg72+FY1f4fCeoii2ccMVvloE5nxRKiXXg"
    "ZLv1rDPi8r56Ev9Jvm0tyoBtXbttDZZH/k7UXcsDYhm7pvUysYzxCS+j9MKGwwm5LfYZDg"
    "93e9tmOHY0K7L0WUEg6tPgupaLzcrJqDLpzmC85VxUYIx3wBhH9r+mai5KRAHz0iy9pdqr"
    "KSkFbO2a6pM+WjWQtefxSPsJ7Pqak4mZVT2oMWIYJa/QCnGNHUI8nQo0tbGsPYEKSnf+KC"
    "VAamcAe+1hn4lyqBJwrzFdjSz+Z8mFX7Ee6npueTdL3vtVWsrVEfxGm083Zo3Lw8R9MC3b"
    "U8MzWQUYB/tFpKDgTiQrBEq7M9taTmehYNZrIt102HVNRD+aJbmunXBRSJw6wnrJd+cshI"
    "eU/DiB4E/ojyeT2dJMrwY1+INemC2vB0h0w/sYpNv4ye0jXuWXVzr1mhI/2dafhBZ7c+r7"
    "iMI+xrzhgKRbceIVEad6g7OnLc4e1f4SG3WWaNt7t+nCPeBJA09aJz1pqVeJikNNIrp9v9"
    "puzNJGPGibFczZRZkc75ihuBJ6F18GP49O/SPKI717OLu6vP+FV79ZLMdspsx4RycO5uVX"
    "fhHbkxk7XbSkKE5woFIg4AWJzrDCtTHv4MZv3SYEbvz82b+fDl1w43+PWi/jxo9euFVKEq"
    "Vkoc5GexSdXd8QsLHlgA1Cbcs0K4VsyETh6JgGGLpNbkwlgj+6UVBbVdtof96t4PFvi8cf"
    "Gkw212By52W42rkh1FCFC1pONhm6Eh9O64leGUbjdWhjkFHG9cD1NWaTu4gVnswM8kJqmF"
    "6DeKSOrkRMsblyjUk9E2sQjNalmdVkCnl2+8qPOErucWtjjzSSfH59GBJFhOpoyV5APErI"
    "xBPCC/rhMGBIElVURkIaJCTER3FpqP3Xrhig/XMhV+rf0Rucjy6/Dk+RL/1I7wYP954LGb"
    "NZqT/S89vru6vhiF+aWPOFV/77kV58ub2749d021os+JX7UXDFcb0r7fAyQ09NAd6jwxLw"
    "Hh3mwstvZdpE8SWl5HUWZcDrnCDJa/E6L22bE96OSxYq8z4t14WOXVuIthNhq+Lpz4qD+6"
    "/N7j//RFnJz5sSBQd/WxRfJqwjOvtUWeQpWVjhbV7h/sG3ShyHKAg63gMdL6lrSFLjS6k5"
    "kgVNt1nTgTVaYTknJUHLbdZywEJUaWhmg5b3Rcsmdlw/iM5wVxV0LZOHU3hbpkCZU/jCMq"
    "T+rNwIwFgA4v7ScX+hk0TNn5CUglC1HFADX3VFcJPSAHIKZO4vU0RWEAE4i4P/BMfkhpFU"
    "5euqtBTYtUFUyd1wfbBaaoHXh3H3wlnyoE7ujesh95zrm+M8pPpDMFJHARa2yOp1q5zJjO"
    "hLznI7hOobRtTch4Pds7E6hHyKoSCLTXFiQ9wJbtWuwLSFsKNw38yPORJ21vUBR8K+Xqbo"
    "UZT61w9qCoVhQyguBvETEiJFEdumVsiiXo2i4MP4v1doTKZYWvWokc9YF9EU4gBBTa0Kat"
    "qTogtNkiM1G9HV6r1AqReosgBE4CZEIHBXwAO0yHYqwwOUMZ8gKWjXdkHS5pSYBRmjNN8q"
    "SBrD5YyCK56SZ/Mmc5E08kzpU6/VnG29ogW7/yaeKX3ETcg+emZq6iPsumS+cH/oI0rY4Q"
    "25r1bWKmjqQ6RmQTIJw4t09JcJH8sDxR9NUio1DqPX2bDYhcqoO8+KiLRXOqA+FulgCc9G"
    "mhqEC6MsxOHzXcS39pSQcLfJ4JtrAwsS4EXOGMD+xpxBc03YTSTVQbtrT+yskvFz7U6Dyy"
    "q2t2AHGa4eNe327oY3F5c3n05RIP9I//EwfOAZbeyzl16K2+fLIMXt2fCT3s4HN+fDqysv"
    "OY4DwMP704et3exyzPR3ZJxU/kskluhc4lszmT9APH2HxJO/F1RQekIQ4kzb/M4TygaqWZ"
    "UZQaAYU5umtXTH1jdFWBNCULmtkLRNki318LadJBH7KQY3s3bXRxb587IGnG+9ga6J4+Dp"
    "/u79ayFOrGPlSmONkr5iAI2M800F2BRQvpztEkscrGd8f51hF83YkEzpOo+74BQsH4fzs/"
    "zf8dQ8RewDjRdir/oIU+eV2H1mnRh/ImfC5lyW5613aAV2F+I+gLZt13tgC7RtEVeSB/IO"
    "+JFgnRO9qTncNLcR/YAqxGNKFiyxNltiUHXhe9G0f+TI6ji/YV0s0YVSRUW6bKJZXeDTUs"
    "mlFEXAD5b2g7FTsk0mkl2qsCuIIFWtJ8j+TOMaW4J4JonkfUAmxhybOUetUCb9HvCF3gbC"
    "nYL8Ynh+eT24evO+f5jCNNxBjg8yJf0gxbrGTQF8RN+hjwhawHVN65IjbEE9f/AagY+jlQ"
    "R8SR/Hbjh4sc+AhIJPtSHIZ+Bx6sG1/Pudd4BBBNucJH+ybISDYGfsM+DBFbZ1PWcpdmVp"
    "CYsOZHmbyHJhAvmwZTDPJ3RlslurAL899vzgoAyne3CQT+oeZAwPETqumyzs+fmUMlmoLV"
    "5MGlXItQTbsNbMYX250J7JSmV/SQjVwnuu39O3tq1AmOZ2wd9PW2wP0oP3hyGEomstsWmh"
    "SlU4eTatUiXZB+qjCfZ28W+Swb7r6LwzrHtnrwwn4N/oF7EB4+iREuWYvIeZtR609PULJB"
    "Gnj14Nd8b+NzExU7zxwp7hv4o9Z7jENrCs7NJGY0kj7YSmzBP2QyXp0slWxIajBS3BIGt6"
    "t4yCpy6FU374fAcD706OSxzxT45zT/j8VvJc4v2tAG74fAfBbcSAEr9ZBub88JyUWAdyCr"
    "cdohO+EVSIMFEGyoptQHWxr8nOhyrQxxLAPNaujvgsk9FIYXxVQq5ahFUlhYTHmL0Nsdov"
    "2gxiGOrhzSBypWtaLxO54hmgTHcTaykLqcgPCE7LgZMnvY2OLdVooFgCCGjJK8lS5aCTUk"
    "BDF9PQAse0IWF6Ho+0n8CuZUyTM2s9Gc1Wdg24nlllNtV2bgBrIY03v+olVL230obVU7kP"
    "JSKXOzJ9G62aGgMmoekTaOZT9Z5npwJfH4TejVcIU0SojvhApyg4nSCLLac+ep0xDfJSpX"
    "42vIPcV2MiyZiva1Apgx86+fwfCTnyrSLpfY1X6esuCkKYSEsMn1JN3QO2VJsTidbXs6yh"
    "HBB+tRN+1HIN9mGSna+Q7xPFtkj3RVf2lu/zXkmqpqogA4YVhEtBuNTuT/n9TcKlosP3pj"
    "Zqx0ynNKjixteqFKqlbrhX1rQny58K7/ULk6f4U5oZPFaidJmFJjNM2bfxjKFT3kXCMbyw"
    "JmvBVc8edHjhsSgQ6m8O4kdwWa2yjcZan1aVjo8SHFUQILVb28ubf5pqJE9SqoPxPI3kWd"
    "lkYrGNRq0aXEKoA7E8TQelRRuWCsgJoS5O59orwVlsmBdsLomE780335NSGxnv7eTZt2el"
    "k9cK+CelAP/q+LPDGTvOqCcpi1Jb3M0F72Lzu83RYYnd5ugwd7fht2Roq704RZku1Klr+s"
    "UJcWf50HeZiIfQDgjtaA/BUya0YzcUz5BO2Q1e6OKasN866Umonswz/SLKh0RPc3dW+Pha"
    "6ueWEqRjw1wh7ygXFpT3hwjq4IS5b28w1ZHliWKTSfAHx5b7Q5YEqm3UdRl0/ojRIYi/Fr"
    "y/2auB8ob3jldkYV2KXSgmjgZc0m65pJRmyx7UUmJQtKcUmRSg5i1WyYGtqCBrWnTjuqwt"
    "fdnI0A4Ls747VqjMGu9NKsZ2UgoiFWq3wVOvDIUtJyvZQdKvfhMxfOlmjcMcmIPni0zC/d"
    "vci3YXZtGBWQ1mNWSfQPZJ+0AFigKyT9oJafXskyYZn6Dy1IBic+XKCZ/0I/0ivics9ITF"
    "p6vSPcFgIUHzZkFsv7/g64zYBP0RH3H/QPxLO8hQoH2qjy6lf4RqYNXoH2B2gNlpxeEfmJ"
    "02vFCA2QFmB5gdYHaA2WnpdO0us7PjAtdt03QjbMQuige3FNhNqgfv2Hx+cNj1EVujz/7v"
    "lFQnEB/oF1coYI9qrvjsWsP5wjNrPUnkFUoitoO4IRuFMQwukcEvY+8s5fSZicv2lCkbiy"
    "dvORJzuaYx18VIBD9XtJHBIm6VRZzUUNnTaVIK7OFS9rAPWo45fGZMc6ukpQS3VyOtSbz9"
    "Mml/Pzw8OvpweHB08vH98YcP7z8eRPXSsreKCqedXX7iKekJbUg65oB5AOZBjZO4u+YBOC"
    "vBWdkm86C98dS3S3dsfbsmDn9L9yTmQfKBQvPA8h7V5sKz64uYUeSJLamOAkH0ig2XoY5c"
    "C40Jz4J3++wf/Ir/b3bAfzKo4cyI/hOamJhtvzpi+M6NCQ+ElhQ1a+hDyuTcs8nvLj2cKP"
    "nmsreJS+YLF5Lut7N/FRkPvNgCJaaK5SCIdJDQrj8/2dDZZLdcQicrVReCRLQeyLve8HGB"
    "V6aFJTtIvidNEIGmGRs4zPjWbkqNtHzsRRlIBa+Offyeze4wQ7qcZ86iCS3E0ltMB18Qqg"
    "c8qoIGenfDm4vLm0+nKJB/pPfhFUe4MvL+6z7SnweXV8ML/g0Mk+iP9Ozq9vzz8EI7+5f2"
    "6+XNxe2vp2hsWpNnZuuOV9or+8rW6yM9H9ycD688wQmHzDT9qoLKe1wZL+lhvpf0MOMlDY"
    "5QKn2YRREo0p/mlbi+KoCaFtsesB/3BNj0iT+DbTEDJRHvIA21J7RTiEkx7+TbiVXYxoRk"
    "DWren+PA3mp5rGTQJKWgFsr6cCgTO65GbFtGMuY3XkxKdQHnorXTRONFBi2xKTZDJk+x5E"
    "+OeEOa6Jj1Dv6qfPS766+CvnNd07rkIJHpO8fN8woqF8TgnNge9WZX9Y7Sj9u2gmvKP/Zd"
    "LxqeeBF/qq59qTSAnEl6yj/w5YNbeM77LhPnC8ImtpmH3NJJunEicsG+UAO25/6Ig3jAjs"
    "Is3xTXQy4EeGwItRBWspdbw1qIk1tjAlr2FdDNw9VVua6OzmRG9KXJTvrcx7Nhe8f7cLB7"
    "NlZ3wG+0w+OA2MZk1pN1FvHv9Av7isTPrAuJyodhfbiRUkRRrmNH+h6XuHOCadHeYIta3D"
    "n5AUQvxHYUWxwIIh0MIGqEEeOLSgHh4PEOottIWgf7RJfIjk0F3R9jEYgWUoxYyRgG24z6"
    "/ev/AWqK5Sg="
)
