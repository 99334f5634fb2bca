from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        CREATE TABLE IF NOT EXISTS "creator" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "email" VARCHAR(255) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "first_name" VARCHAR(100) NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "company_name" VARCHAR(255),
    "subscription_tier" VARCHAR(50) NOT NULL,
    "subscription_status" VARCHAR(50) NOT NULL,
    "subscription_expires_at" TIMESTAMP,
    "settings" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP,
    "is_active" INT NOT NULL,
    "stripe_customer_id" VARCHAR(255),
    "onboarding_completed" INT NOT NULL
) /* A coach, teacher or community owner: the tenant every other row belongs to. */;
CREATE INDEX IF NOT EXISTS "idx_creator_is_acti_9092b2" ON "creator" ("is_active");
CREATE INDEX IF NOT EXISTS "idx_creator_subscri_8e52ac" ON "creator" ("subscription_tier", "subscription_status");
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(24) NOT NULL UNIQUE,
    "key_hash" VARCHAR(64) NOT NULL,
    "scopes" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP,
    "last_used_at" TIMESTAMP,
    "revoked" INT NOT NULL,
    "revoked_at" TIMESTAMP,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
) /* A creator API key: only a SHA-256 of the secret part is stored, never the key. */;
CREATE TABLE IF NOT EXISTS "subscription" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "stripe_subscription_id" VARCHAR(255) UNIQUE,
    "plan_name" VARCHAR(100) NOT NULL,
    "status" VARCHAR(50) NOT NULL,
    "current_period_start" TIMESTAMP NOT NULL,
    "current_period_end" TIMESTAMP NOT NULL,
    "cancel_at_period_end" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
) /* A billing subscription mirrored from the payment provider. */;
CREATE INDEX IF NOT EXISTS "idx_subscriptio_status_ee5b1e" ON "subscription" ("status");
CREATE TABLE IF NOT EXISTS "bot" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* DRAFT: draft\nPUBLISHED: published\nARCHIVED: archived\nDELETED: deleted */,
    "persona_name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "system_prompt" TEXT NOT NULL,
    "traits" JSON NOT NULL,
    "backstory" TEXT NOT NULL,
    "hidden_rules" JSON NOT NULL,
    "languages" JSON NOT NULL,
    "greeting" TEXT NOT NULL,
    "sign_off" TEXT NOT NULL,
    "public_key" VARCHAR(64) NOT NULL UNIQUE,
    "allowed_origins" JSON NOT NULL,
    "settings" JSON NOT NULL,
    "llm_api_key" TEXT,
    "current_version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "published_at" TIMESTAMP,
    "deleted_at" TIMESTAMP,
    "hard_delete_at" TIMESTAMP,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
) /* One bot of a creator: persona, widget key, channels, knowledge and programs hang off it. */;
CREATE INDEX IF NOT EXISTS "idx_bot_status_2b8492" ON "bot" ("status");
CREATE INDEX IF NOT EXISTS "idx_bot_creator_5c41ed" ON "bot" ("creator_id", "status");
CREATE TABLE IF NOT EXISTS "bot_version" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "system_prompt" TEXT NOT NULL,
    "persona" JSON NOT NULL,
    "note" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bot_version_bot_id_1e99bf" UNIQUE ("bot_id", "version")
) /* A frozen snapshot of a bot's persona and prompt, one row per publish. */;
CREATE TABLE IF NOT EXISTS "channel" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel_type" VARCHAR(16) NOT NULL /* WEB: web\nTELEGRAM: telegram\nWHATSAPP: whatsapp */,
    "channel_name" VARCHAR(255) NOT NULL,
    "configuration" JSON NOT NULL,
    "secret" TEXT,
    "webhook_secret" TEXT,
    "status" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_activity_at" TIMESTAMP,
    "user_count" INT NOT NULL,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_channel_bot_id_aa0b34" UNIQUE ("bot_id", "channel_type")
) /* A bot's configured channel; vendor secrets are encrypted at rest. */;
CREATE INDEX IF NOT EXISTS "idx_channel_channel_d1813a" ON "channel" ("channel_type");
CREATE INDEX IF NOT EXISTS "idx_channel_status_ede6fe" ON "channel" ("status");
CREATE TABLE IF NOT EXISTS "end_user" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "external_id" VARCHAR(255),
    "channel" VARCHAR(50) NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "profile_data" JSON NOT NULL,
    "preferences" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_active_at" TIMESTAMP NOT NULL,
    "is_active" INT NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "language" VARCHAR(10) NOT NULL,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
) /* A person talking to one bot, across however many channels they use. */;
CREATE INDEX IF NOT EXISTS "idx_end_user_channel_b8c479" ON "end_user" ("channel");
CREATE INDEX IF NOT EXISTS "idx_end_user_externa_8b4e5a" ON "end_user" ("external_id", "channel");
CREATE INDEX IF NOT EXISTS "idx_end_user_creator_a421f7" ON "end_user" ("creator_id", "is_active", "last_active_at");
CREATE INDEX IF NOT EXISTS "idx_end_user_bot_id_17b256" ON "end_user" ("bot_id", "created_at");
CREATE TABLE IF NOT EXISTS "channel_account" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL /* WEB: web\nTELEGRAM: telegram\nWHATSAPP: whatsapp */,
    "external_id" VARCHAR(255) NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "metadata" JSON NOT NULL,
    "blocked" INT NOT NULL,
    "blocked_at" TIMESTAMP,
    "last_inbound_at" TIMESTAMP,
    "window_closed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "end_user_id" CHAR(36) NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_channel_acc_bot_id_970a24" UNIQUE ("bot_id", "channel", "external_id")
) /* One identity (Telegram chat, WhatsApp number, widget session) of an end user. */;
CREATE INDEX IF NOT EXISTS "idx_channel_acc_end_use_61d3f1" ON "channel_account" ("end_user_id");
CREATE TABLE IF NOT EXISTS "user_profile" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "profile_data" JSON NOT NULL,
    "interests" JSON NOT NULL,
    "goals" JSON NOT NULL,
    "preferences" JSON NOT NULL,
    "behavior_patterns" JSON NOT NULL,
    "engagement_score" VARCHAR(40) NOT NULL,
    "points" INT NOT NULL,
    "level" INT NOT NULL,
    "last_updated" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL UNIQUE REFERENCES "end_user" ("id") ON DELETE CASCADE
) /* What the bot has learned about an end user (one row per user). */;
CREATE INDEX IF NOT EXISTS "idx_user_profil_engagem_e99d41" ON "user_profile" ("engagement_score");
CREATE TABLE IF NOT EXISTS "conversation" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel" VARCHAR(50) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* ACTIVE: active\nCLOSED: closed\nDELETED: deleted */,
    "context" JSON NOT NULL,
    "metadata" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_message_at" TIMESTAMP NOT NULL,
    "message_count" INT NOT NULL,
    "escalated_to_human" INT NOT NULL,
    "escalated_at" TIMESTAMP,
    "rating" SMALLINT,
    "feedback" TEXT,
    "deleted_at" TIMESTAMP,
    "hard_delete_at" TIMESTAMP,
    "user_id" CHAR(36) NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
) /* A thread between one end user and a bot on one channel. */;
CREATE INDEX IF NOT EXISTS "idx_conversatio_channel_60b186" ON "conversation" ("channel");
CREATE INDEX IF NOT EXISTS "idx_conversatio_status_a0192d" ON "conversation" ("status");
CREATE INDEX IF NOT EXISTS "idx_conversatio_updated_1abcf7" ON "conversation" ("updated_at");
CREATE INDEX IF NOT EXISTS "idx_conversatio_user_id_d6f2d5" ON "conversation" ("user_id", "status", "updated_at");
CREATE TABLE IF NOT EXISTS "message" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel" VARCHAR(50) NOT NULL,
    "direction" VARCHAR(8) NOT NULL /* INBOUND: in\nOUTBOUND: out */,
    "sender_type" VARCHAR(16) NOT NULL /* USER: user\nAI: ai\nCREATOR: creator\nSYSTEM: system */,
    "sender_id" CHAR(36),
    "content" TEXT NOT NULL,
    "message_type" VARCHAR(50) NOT NULL,
    "metadata" JSON NOT NULL,
    "external_message_id" VARCHAR(255),
    "created_at" TIMESTAMP NOT NULL,
    "delivered_at" TIMESTAMP,
    "read_at" TIMESTAMP,
    "response_time_ms" INT,
    "ai_confidence" VARCHAR(40),
    "delivery_status" VARCHAR(16) /* QUEUED: queued\nSENT: sent\nDELIVERED: delivered\nREAD: read\nFAILED: failed */,
    "error_code" VARCHAR(32),
    "error_message" TEXT,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "conversation_id" CHAR(36) NOT NULL REFERENCES "conversation" ("id") ON DELETE CASCADE,
    "reply_to_id" CHAR(36) REFERENCES "message" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_message_bot_id_7739a4" UNIQUE ("bot_id", "channel", "external_message_id")
) /* One message; inbound ones are unique per (bot, channel, external id) for idempotency. */;
CREATE INDEX IF NOT EXISTS "idx_message_created_e537a8" ON "message" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_message_convers_efe042" ON "message" ("conversation_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_message_sender__95aa36" ON "message" ("sender_type", "sender_id");
CREATE TABLE IF NOT EXISTS "knowledge_base" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "settings" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "is_active" INT NOT NULL,
    "document_count" INT NOT NULL,
    "total_size_bytes" BIGINT NOT NULL,
    "embedding_model" VARCHAR(128) NOT NULL,
    "collection_name" VARCHAR(128) NOT NULL,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
) /* A creator's collection of documents; one Chroma collection holds its chunks. */;
CREATE INDEX IF NOT EXISTS "idx_knowledge_b_creator_5c0508" ON "knowledge_base" ("creator_id", "is_active");
CREATE TABLE IF NOT EXISTS "document" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "title" VARCHAR(500) NOT NULL,
    "content" TEXT NOT NULL,
    "source" VARCHAR(2000) NOT NULL,
    "file_path" VARCHAR(1000),
    "file_type" VARCHAR(50),
    "file_size_bytes" BIGINT,
    "content_hash" VARCHAR(64) NOT NULL,
    "metadata" JSON NOT NULL,
    "processing_status" VARCHAR(16) NOT NULL /* PENDING: pending\nPROCESSING: processing\nREADY: ready\nFAILED: failed */,
    "processing_error" TEXT,
    "embedding_status" VARCHAR(16) NOT NULL /* PENDING: pending\nPROCESSING: processing\nREADY: ready\nFAILED: failed */,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "processed_at" TIMESTAMP,
    "chunk_count" INT NOT NULL,
    "deleted_at" TIMESTAMP,
    "hard_delete_at" TIMESTAMP,
    "knowledge_base_id" CHAR(36) NOT NULL REFERENCES "knowledge_base" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_document_knowled_c02275" UNIQUE ("knowledge_base_id", "content_hash")
) /* A source document; its content hash makes re-adding the same file a no-op. */;
CREATE INDEX IF NOT EXISTS "idx_document_process_d6c902" ON "document" ("processing_status");
CREATE INDEX IF NOT EXISTS "idx_document_embeddi_6f0f15" ON "document" ("embedding_status");
CREATE INDEX IF NOT EXISTS "idx_document_created_b6cfaa" ON "document" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_document_knowled_4f178b" ON "document" ("knowledge_base_id", "processing_status", "created_at");
CREATE TABLE IF NOT EXISTS "document_chunk" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "chunk_index" INT NOT NULL,
    "content" TEXT NOT NULL,
    "heading" VARCHAR(500) NOT NULL,
    "token_count" INT NOT NULL,
    "metadata" JSON NOT NULL,
    "embedding_id" VARCHAR(255),
    "embedding_model" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "document_id" CHAR(36) NOT NULL REFERENCES "document" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_document_ch_documen_9fcc1b" UNIQUE ("document_id", "chunk_index")
) /* A retrievable piece of a document; `embedding_id` is its id in ChromaDB. */;
CREATE INDEX IF NOT EXISTS "idx_document_ch_embeddi_b35eef" ON "document_chunk" ("embedding_id");
CREATE TABLE IF NOT EXISTS "program" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "flow_definition" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* DRAFT: draft\nPUBLISHED: published\nARCHIVED: archived */,
    "version" INT NOT NULL,
    "settings" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "published_at" TIMESTAMP,
    "is_active" INT NOT NULL,
    "enrollment_count" INT NOT NULL,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    "knowledge_base_id" CHAR(36) REFERENCES "knowledge_base" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_program_bot_id_0b665d" UNIQUE ("bot_id", "code")
) /* A creator's program; `flow_definition` is the editable draft, versions are frozen. */;
CREATE INDEX IF NOT EXISTS "idx_program_status_9a0065" ON "program" ("status");
CREATE INDEX IF NOT EXISTS "idx_program_creator_59c3b6" ON "program" ("creator_id", "status", "is_active");
CREATE TABLE IF NOT EXISTS "user_interaction" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "interaction_type" VARCHAR(100) NOT NULL,
    "interaction_data" JSON NOT NULL,
    "channel" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "session_id" CHAR(36),
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "message_id" CHAR(36) REFERENCES "message" ("id") ON DELETE SET NULL,
    "program_id" CHAR(36) REFERENCES "program" ("id") ON DELETE SET NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
) /* The event log: every meaningful thing an end user did, the source of metrics and badges. */;
CREATE INDEX IF NOT EXISTS "idx_user_intera_interac_4f82f5" ON "user_interaction" ("interaction_type");
CREATE INDEX IF NOT EXISTS "idx_user_intera_created_8425ca" ON "user_interaction" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_user_intera_session_79ba80" ON "user_interaction" ("session_id");
CREATE INDEX IF NOT EXISTS "idx_user_intera_user_id_78f2d4" ON "user_interaction" ("user_id", "interaction_type", "created_at");
CREATE INDEX IF NOT EXISTS "idx_user_intera_bot_id_a4dff7" ON "user_interaction" ("bot_id", "created_at");
CREATE TABLE IF NOT EXISTS "program_version" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "definition" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "program_id" CHAR(36) NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_program_ver_program_322e46" UNIQUE ("program_id", "version")
) /* A published, frozen program definition; enrollments stay on the version they began. */;
CREATE TABLE IF NOT EXISTS "program_enrollment" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL /* ACTIVE: active\nPAUSED: paused\nCOMPLETED: completed\nDROPPED: dropped\nSTOPPED: stopped */,
    "source" VARCHAR(32) NOT NULL,
    "progress" JSON NOT NULL,
    "current_step" VARCHAR(255),
    "current_step_at" TIMESTAMP,
    "enrolled_at" TIMESTAMP NOT NULL,
    "completed_at" TIMESTAMP,
    "paused_at" TIMESTAMP,
    "paused_until" TIMESTAMP,
    "stopped_at" TIMESTAMP,
    "dropped_at" TIMESTAMP,
    "last_activity_at" TIMESTAMP NOT NULL,
    "points" INT NOT NULL,
    "program_id" CHAR(36) NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    "program_version_id" CHAR(36) NOT NULL REFERENCES "program_version" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_program_enr_program_610d7d" UNIQUE ("program_id", "user_id")
) /* An end user's place in a program. */;
CREATE INDEX IF NOT EXISTS "idx_program_enr_status_117c59" ON "program_enrollment" ("status");
CREATE TABLE IF NOT EXISTS "step_progress" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "step_id" VARCHAR(128) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "delivered_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "answer" TEXT,
    "attempts" INT NOT NULL,
    "correct" INT,
    "score" VARCHAR(40),
    "points" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "enrollment_id" CHAR(36) NOT NULL REFERENCES "program_enrollment" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_step_progre_enrollm_f723ab" UNIQUE ("enrollment_id", "step_id")
) /* What happened on one step of one enrollment: delivery, answer, quiz score. */;
CREATE TABLE IF NOT EXISTS "achievement" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "achievement_type" VARCHAR(100) NOT NULL,
    "achievement_data" JSON NOT NULL,
    "points" INT NOT NULL,
    "dedup_key" VARCHAR(255) UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "program_id" CHAR(36) REFERENCES "program" ("id") ON DELETE SET NULL,
    "user_id" CHAR(36) NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
) /* Points earned for a step, a quiz or a streak. */;
CREATE INDEX IF NOT EXISTS "idx_achievement_achieve_97c987" ON "achievement" ("achievement_type");
CREATE INDEX IF NOT EXISTS "idx_achievement_created_37a544" ON "achievement" ("created_at");
CREATE TABLE IF NOT EXISTS "badge" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "criteria" JSON NOT NULL,
    "design" JSON NOT NULL,
    "is_active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "awarded_count" INT NOT NULL,
    "bot_id" CHAR(36) REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_badge_creator_eba970" UNIQUE ("creator_id", "code")
) /* A badge a creator defines, with declarative award criteria. */;
CREATE INDEX IF NOT EXISTS "idx_badge_creator_775696" ON "badge" ("creator_id", "is_active");
CREATE TABLE IF NOT EXISTS "user_badge" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "earned_at" TIMESTAMP NOT NULL,
    "criteria_met" JSON NOT NULL,
    "notified" INT NOT NULL,
    "badge_id" CHAR(36) NOT NULL REFERENCES "badge" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_user_badge_user_id_7a5c08" UNIQUE ("user_id", "badge_id")
) /* A badge earned by an end user: awarded once, whatever happens twice. */;
CREATE INDEX IF NOT EXISTS "idx_user_badge_earned__483ce7" ON "user_badge" ("earned_at");
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "table_name" VARCHAR(100) NOT NULL,
    "record_id" VARCHAR(64) NOT NULL,
    "operation" VARCHAR(16) NOT NULL,
    "old_values" JSON,
    "new_values" JSON,
    "actor_type" VARCHAR(32) NOT NULL,
    "actor_id" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
) /* Who changed what: sensitive operations on a creator's data. */;
CREATE INDEX IF NOT EXISTS "idx_audit_log_creator_ad7d6f" ON "audit_log" ("creator_id", "created_at");
CREATE TABLE IF NOT EXISTS "engagement_metric" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "metric_type" VARCHAR(100) NOT NULL,
    "metric_value" VARCHAR(40) NOT NULL,
    "dimensions" JSON NOT NULL,
    "dimensions_key" VARCHAR(64) NOT NULL,
    "date" DATE NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "bot_id" CHAR(36) REFERENCES "bot" ("id") ON DELETE CASCADE,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_engagement__creator_6018c0" UNIQUE ("creator_id", "metric_type", "date", "dimensions_key")
) /* One daily value of one metric for a creator (and optionally one bot). */;
CREATE INDEX IF NOT EXISTS "idx_engagement__metric__2ecd1b" ON "engagement_metric" ("metric_type");
CREATE INDEX IF NOT EXISTS "idx_engagement__date_990061" ON "engagement_metric" ("date");
CREATE INDEX IF NOT EXISTS "idx_engagement__creator_5096d8" ON "engagement_metric" ("creator_id", "date", "metric_type");
CREATE TABLE IF NOT EXISTS "program_analytic" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "metric_type" VARCHAR(100) NOT NULL,
    "metric_value" VARCHAR(40) NOT NULL,
    "dimensions" JSON NOT NULL,
    "dimensions_key" VARCHAR(64) NOT NULL,
    "date" DATE NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "program_id" CHAR(36) NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_program_ana_program_3f3a97" UNIQUE ("program_id", "metric_type", "date", "dimensions_key")
) /* One daily value of one program metric (per step where `dimensions` names it). */;
CREATE INDEX IF NOT EXISTS "idx_program_ana_metric__ad5828" ON "program_analytic" ("metric_type");
CREATE INDEX IF NOT EXISTS "idx_program_ana_date_e7cd32" ON "program_analytic" ("date");
CREATE TABLE IF NOT EXISTS "usage_tracking" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "usage_type" VARCHAR(100) NOT NULL,
    "usage_value" BIGINT NOT NULL,
    "date" DATE NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_usage_track_creator_cbe934" UNIQUE ("creator_id", "usage_type", "date")
) /* Daily usage counters per creator (AI interactions, storage, users). */;
CREATE INDEX IF NOT EXISTS "idx_usage_track_usage_t_c4f7e0" ON "usage_tracking" ("usage_type");
CREATE INDEX IF NOT EXISTS "idx_usage_track_date_20cdbf" ON "usage_tracking" ("date");
CREATE TABLE IF NOT EXISTS "outbox_message" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "idempotency_key" VARCHAR(255) NOT NULL UNIQUE,
    "payload" JSON NOT NULL,
    "template" JSON,
    "status" VARCHAR(24) NOT NULL /* PENDING: pending\nSENDING: sending\nSENT: sent\nFAILED: failed\nBLOCKED_BY_WINDOW: blocked_by_window\nCANCELLED: cancelled */,
    "attempts" INT NOT NULL,
    "max_attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "claimed_at" TIMESTAMP,
    "claimed_by" VARCHAR(64),
    "last_error" TEXT,
    "external_message_id" VARCHAR(255),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "channel_account_id" CHAR(36) NOT NULL REFERENCES "channel_account" ("id") ON DELETE CASCADE,
    "message_id" CHAR(36) REFERENCES "message" ("id") ON DELETE SET NULL
) /* An outbound message waiting to be sent, being sent, or finished; claimed atomically. */;
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_externa_dd38f3" ON "outbox_message" ("external_message_id");
CREATE INDEX IF NOT EXISTS "idx_outbox_mess_status_4d04e0" ON "outbox_message" ("status", "next_attempt_at");
CREATE TABLE IF NOT EXISTS "scheduled_send" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "step_id" VARCHAR(128) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "attempt" INT NOT NULL,
    "due_at" TIMESTAMP NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nQUEUED: queued\nSKIPPED: skipped\nCANCELLED: cancelled */,
    "reason" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "queued_at" TIMESTAMP,
    "enrollment_id" CHAR(36) NOT NULL REFERENCES "program_enrollment" ("id") ON DELETE CASCADE,
    "outbox_id" CHAR(36) REFERENCES "outbox_message" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_scheduled_s_enrollm_8331a1" UNIQUE ("enrollment_id", "step_id", "kind", "attempt")
) /* Ledger of scheduled sends: one row per (enrollment, step, kind, attempt), never two. */;
CREATE INDEX IF NOT EXISTS "idx_scheduled_s_status_1a5b30" ON "scheduled_send" ("status", "due_at");
CREATE TABLE IF NOT EXISTS "inbox_message" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "external_message_id" VARCHAR(255) NOT NULL,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nDONE: done\nFAILED: failed */,
    "attempts" INT NOT NULL,
    "locked_until" TIMESTAMP,
    "last_error" TEXT,
    "received_at" TIMESTAMP NOT NULL,
    "processed_at" TIMESTAMP,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_inbox_messa_bot_id_e2f79d" UNIQUE ("bot_id", "channel", "external_message_id")
) /* An acknowledged inbound message; a turn that died half-way is picked up again from here. */;
CREATE INDEX IF NOT EXISTS "idx_inbox_messa_status_b94a2c" ON "inbox_message" ("status", "locked_until");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS "bot_knowledge_base" (
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "knowledgebase_id" CHAR(36) NOT NULL REFERENCES "knowledge_base" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_bot_knowled_bot_id_32a1e2" ON "bot_knowledge_base" ("bot_id", "knowledgebase_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        DROP TABLE IF EXISTS "bot_knowledge_base";
DROP TABLE IF EXISTS "inbox_message";
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
    "eJztXWtz2ziW/Ssof5l0lTrl2I6Tcba2SrbVaW37NbGcntl2lxoiYYllCtSQlB31bP/3Bf"
    "gmCFIERUoUc7/kQeJC0rl43XMf+M/B3NKJ6bztL4xfyOrgDP3ngOI5Yf8Q3vTQAV4s4uf8"
    "gYsnptcUL4zxc9Bo4rg21lz2+AmbDmGPdOJotrFwDYvyxn2k2QS7lo36d0PExM6QRc0Vwu"
    "j+5/6PR+9PkfWE3BlBDmENXbTAtosMBzlMhOg9RMkLsb0GTPYt/0zd0tiHGnTaTPdLavx7"
    "ScauNSXssc0+5Lff2WOD6uQbccL/Lp7HTwYx9RSGhs478J6P3dXCe/bwMLz8yWvJv/pkrF"
    "nmck7j1ouVO7No1Hy5NPS3XIa/mxJKbOwSPQEvXZpmoIjwkf+N2QPXXpLoq+rxA5084aXJ"
    "lXTwX09LqnHdIO+T+B8n/x18tUSz8fjmdjS+H4zG44OMTvlXEPQQPNIsyseDQV0O1H/+8v"
    "uNAfGeHvAPuPi5/+XN8ekPHgSW405t76UH18FfniB2sS/qgR6j7P2dwflihm05zmF7AWn2"
    "RatgHD6IQY4HfgRfU4AezPG3sUno1J2x/747PCxA+Gv/iwcya+WhbLF56s/fm+DVkf+Oox"
    "2ju7DJk/FNBd9Yoh6E14/iEK/GET46KQHw0UkuvvxVGl62yoxn2JmpAJyU2d4g3hrIp2VA"
    "Ps0H+TQDsqNZvI8MxP9zf3sjhziWEADWDc1F/4dMw3EbWy3iNXmyNEzXoM5b/nm7WJY5Qr"
    "znueP820zC/Oa6/09RAxdXt+fi+s07OBfU4e3QRB9jN6uSS/bGNeZErpa0pKiaQPRt+I99"
    "nAnsB+q37MASLHMFqhkNrwf3o/71XUo/l/3RgL858p6uhKdvTgWdRZ2gX4ejnxH/L/rf25"
    "uBqMao3eh/D/h3wkvXGlPrdYz1xIocPg1RS2mdfFsYrLcKWk9L1qD14Ou2Rel7ouQQk0It"
    "m9hxx0un0uwWZUHTbda0TV6sZyKxcM4tyySYynWckBLUO2FiTa3Y0ZPt6vT89vYqpc7z4U"
    "jYMx+uzwfsTO7pkTUyXO/x8GYk7JkBbhVmVVoS5lSb51TAXYzViIO0VJ0EQntVu4Yv4JTM"
    "07OULgjQygL8k2UTY0p/ISsP5iH7KphqMqog4MYu4p72E9j4aTytbfwaMVnCyGIIsN9N/C"
    "Xqon9/0b8cHHhQT7D2/IptfZzCnL+xjizhSdQ2+2p+NBefYIqnHj78h/CvLWAvoSwTasnn"
    "LBOjoBRnaWFt1kMuYX8RG1k2ezKfM3W6K2S9Mt2feZyhSyimLuIcInvO6UJkW69oQkyLTh"
    "3kWlLCss6+17OVvx04y0n088auQTwUUg/ZyHeXzsHvwGzulNkkc2yYKsxQJNA95u39+zLU"
    "2/v3+dwbfydwm9hxXi22FKkycBnBDtJwjSD+ZNjMxlNl7NNSwNuX4e09Y1oV6JQQ4FwGZ7"
    "ZXLzBdKUMtylVCu2Wm2BYWEOnZpSzmUuEtDvMJdgxtO2P9fZmh/j5/pL/PDHTZAbEq9rH4"
    "FtFnR3zjhXQC/upcekE3QA21mRpyiOuy36rmxUzItMOPyT8W/Jjgx2zpTCzjx1wu9IpaT0"
    "uC1tuidcn6G3x7wZwyralBqzo2k8Kw1bZH1dkZbrATUXRWVPBtpuQa825mOLjwwd76NvmX"
    "WJCxtnRca07k3q8Cw0IqDeZ0KXPaohML2zr7FmNOSHDnjqpHP68LcO+vmQIZH2W+Jy1WWB"
    "BrLzEDzgPJn375Qkzs/cysFjJR/Xt2wshzXOaayhsCdZ/oqqtwTSx3Q5TOrcaMyF2Do80w"
    "pYHzuDpAF34vXQWJUJ3H7dkbojSg+oND9tFzVgqlZ3beNIk+JeMJdmTh6CpY/RJ2ds766i"
    "piC9ua2ni+IVR3fi9dBWmC2SjYdAHnfXQVILzUDc/83vDMxLu58nvpIkzMzsBTMifUHc8J"
    "60/beDUP+7v2uusqbksHT2VMgQJUD7yLEbManvm36RBOTUYApo7mkjBA8eieHwvoiC1LBA"
    "RODNNkkKCkLJobts3TiNGTbc29oL0FXvEZgNhO9mLoxJbF/23SFSQnb8PQ3yCEL2CnUm7X"
    "SvyWpIdaOK7Ox/iZmCoH56SEOhjb10gkVIWYkMbDQHY3mOuPANGWts1PZwtiG5bOY2hsdc"
    "dzTh8ddEZ2ySMlqI1QyQ6ipPigB1B7u9XO84/MMS5WfKF3Jq8L8M4oOCgh0Cd/09vPkA8I"
    "9PketV4m0AdScCEFF1JwyxBw3Osr4d0CZ3A+3TYJGqxl2W4pQawxr9iHw7J+Z4idYxyL4h"
    "56NfQpcXmdvh4K3bQ9FHnZEKY6Cj1IiL2fso6ekOFmObgmP6hMQm5ax5B82w7mzlxKPEYF"
    "ZEbQvnOpt/XXY2t/xcb95jyLmLgBXc4zm+uuWbkD3cZPruL6cHD5pf/T6Ax5so/07uH8an"
    "j/8+CSrdzLiWk4M6I/Uo7S8Ct/iG1tZrzwZ5eDq8GIP/K3Ul3cD0oxqKdlCFTxHJvgT08z"
    "RLW/3ahz1YJc59J2G5kiyW+WAXtEvrlysAWxDmBdZLoN/jlKWW2ZpKnIcru6vfkcNhczqY"
    "S1aeW4ZD5m56X5QmJY50OfEQTwlcHnHy0L9sxPIYwl2pFA2KlCqNwO44XHVyrzICUEc0B5"
    "DswMXSd0bC9NtZLAohzMh9rng8ls5yWWRjPm6yUlBEqpXSnsHXGDuLSya1RSBpYo9TOSMa"
    "Vj6+lJ6XiUkAHIlSH3TEYtvMaktO2VktoW85NYcgLOlafwvKXkdRx/ocbWn6bJIWya1ivR"
    "x5ZtTA1Z/lb+ViARhQ2h9g0BKpG0TiWmOR8nbmFKa2VANXu1YIjmbx6CfBeSp7e9gYQBVi"
    "/EdqSk0pDmgC+RFBTAvYMNTY3DpnaJKf8GPx69O/lw8vH49OQja+J9y+jJhwINQQhO94Mx"
    "IATne9R6mRCcyH1TQe+iLFTaaY+is/M7cMBV0HNaErTcZi3PeKiRr7AKms5Kg7bbrG0IoI"
    "QAyu4EUMaYB+bZ5qVyvsZ2Xkcgh4o5FUEaY02zlnTT+ksBWH2/s65iBlWGyqDEHhMeVr35"
    "UsVRGsa9dRWwOXEcuc9ZBaxrv5euggSVmEqAtM1KTO00YFpfYWgfYbOW7sT6thlUt14fHV"
    "+kDLoxTkPaTZg2zANTKGJ4jelqZPE/S1qgG1cy3GmqTIEV6v2+sZAdl/m1Nh+TRI/aRdVY"
    "LdtTDXfJJnHnsAe2bKS+oA0TDd64M9taTmfhw7TScs1g9nycAf+vdTmAoTkrTwVMGLuFGY"
    "FJ72eZ+ltPtvUnociheOHMwtQ91s/fnDBvL0zLmy/cHrIo8W7LZO/C7BBZKa6aepXk/P0W"
    "pj2Gv/N3qNPVpmw/dbf9Ttz1TToUa/bYQ6LHLsMZ/dUqC3t+iFZCBCK0ihVSIUKLWq5aym"
    "vQvgNjfwvZfBAdlI/+fsaJlIkOis+7ZU9HsQR4GIs9jMFpdUPvYrcuhugJnsV4NLWpLEvo"
    "OZPYYwmnWr4xpiUalSmE7FlHDKsnY7rkBYsD+U/ohVDdspFD2BrrOgjbBJEwFBlhF7GxKK"
    "nFUkuPRQZY6HrzhipYYa2ywlK6kZ6W1pevEPtocWnZg18H52folUwe6WhwNfj8pX/N+mUL"
    "CfeSPNJff+6P7vt3d6zJDLsOn7IVDlz1V6oIEVa+8lyQg7NtqbNtsBBGzHVZgy4jCGZd7W"
    "advxVltVIi5yYWhXQbdYKDLZozy3oeb6CAbBegiAq5yvtQ9f0gvpe1+V2ggcrvQG98h/QG"
    "JD91TeuS+Hn5RePecmW4q6p3jQvykDDRHoVL5rlD7HEUuVvS+5gWgnxh0fsI3PDGNA2k9E"
    "BKTzuJ9zIpPcJiAM6MfXZmhJkt+T6NRO7LWtdGmHVTzsXBi8MbOqEuO0+hN6OAneVOCbeH"
    "fuXEbH+xYN97PiF2VCveIQ4PDvrBiyCjiFAd8R1bXnq+1t5LuD74P8k3l9gUm1znohPkty"
    "jVJnoLPpFd+0Q2dIdsl2//blwhyWkkVZB8LghibVZMm1whuuEsTLxSdjyJcuB4KoP2nLiY"
    "r0oqPqekDLibanc3TUxLeyaqdwAmpODaP4Vr/wLcKpBwaUmg39pMv3mEKU8dW9IqqpaIg7"
    "7brO9XhiGT0EzLqTS3ZfKg8TZrHNyn+cfI/XSkgfv0e9R6Gfcp+H1q9PskaUAFRAUxgBVS"
    "LZr2TshGbQ2gdq9WlAisMFerl8eDKiXNld8odJGFY1TiG0sM33ynWHK6lEn48fOEkYvNZ4"
    "YFci2vDAKboD2ENdtyHDSzXskLsRH7yqvowmTkzsiKu6lkKT+19FnmpmWBeA+dI6ydeAuz"
    "4YzjoNE4qMqrQes1j5ekhJUAzrLdOst26I9pmQG/jcyUIs9kYQpQk06Y3V2UXX/gNzi8tj"
    "meF7b1ZJhkrOr0EuXA8VW742thkydiE3ZYV7p2ShADxdSuGOBW81es/WTZgFv9HrWulppS"
    "5R6PrDRovy3aLzPnUwaxQvRJSm6L8SehHbC34Sd8CvxpUaWDf1Jmi4f+h9HFds799V83G1"
    "4froJyUmaLKBO6HZDflbFj3+Xbse8ydix45SAbq32gQjYWZGO1FNPq2Vhwx5Cqcw5uz9kA"
    "MPaWF8LGNSB2keiqq3ARalumya8sqecqnUHUX1cRw9rMIC+kBsj6cU9dBauOG4j4wlX2Fq"
    "K9AUkpACPjEcoH9JaSkcX+KAfrXdzdfjmTC3FViFURN0VJzIpk38yPXfEjl4TWa2NYRjOC"
    "2EJAXWRa0zP+T3uF5gRTBsHT0kTujAehJBKrkW7oPR5sghxraWuE510HN1h594H40y4b2N"
    "LkB5WJdkkEdiVA8kdmLx23AhEtLY1okSmuLE8lk+1e2MW7w3J8VRFhlWGsktCpxgPIZMH1"
    "nGLFa3E9tzL8aIdBXt974cmtLkHddfQF1WUU+eW01Ab7/Pqj7w7u99uQsgf/R41gBhc2Kw"
    "Kalmp0fO4hpsH9zoqYpqUA0zSmFTLnIGuutIcOMrzCwbPGlbQ2uwt8c83lIi7iG+83xPQu"
    "7mkvF9O1sKY3kxS07Cugm4erqwPZOaAGbMtnHO4ptunDTw62+T7lJtMXk7x4Dh2coM3XUM"
    "EJvn49Dcyra3pcK5vQaIYdZBJsU36T2MRauila9k3ypmf+5Ics2bt5d6USGOmU4ch9WGNH"
    "Y+Mc+Nkd87OQNNRagtDjYYkj8xuvIW9DoXYohX9eZ5QytbCppJBIAJRRuzIgra6lipmQGX"
    "4xLHaiwS5PTVdSj1QYlFS7kjJnsYyOLolmzLGZU3RAIi5qyZd/G/TTlKaautSlQCGXg4vh"
    "df/qzfvekZAIEyrmJOONWliGNAgs95KcWAAuyBGzi0zyIvOd5mIZtd8elO/2BUqe2Rgktk"
    "rWgPVZkQlZyIlsi6s0xKgoI3a//OOg9fVaL5X93hrHznqKZT/cOirU4zoXUBiS27wDqA3o"
    "b+7+qY/KTSVwyK5qEhI8Ci5qEluWqEvnzviKgybEfSWEegXkIsKVx85ij5i1/DdBIJisFl"
    "3lfhQjcuNrkBM1MYDN3S2b286Ywi6VNCu6L3z9bVZ7c3f4Qf9iNPw6OEO+9CO9uLq9H1ye"
    "If/egEd6ObgajPgDf0nWxZWoVORz7fdZsY9zyTfJaTafbUqIAMdUO8cElzC1TiVg9OUvTx"
    "02+vaq5BmEwtdX8SwMnqlY8iwtDpO+LfovM+lD3UU1L0qS5Rk58D+IpDn7Ftj01kWG/2w5"
    "xzSLb2FdOXkHcMGhQoW5GEL1tU2UhSvQ2rOPZRcyhjr/qRkd38+xaeYuY7FUpfWrZfoMVr"
    "Djow+n0eLF/1O0bt1f96+ushPniRCdc6ZZQEfMFJaDmZTpwgUDRdNj8M9RsdkVzY6r25vP"
    "YXPRFhNq4fs8SYWlKi0JC1WbF6oZ90L4Cqug6aw0aLvN2m6PJ7W9SoUUuZb5SHPQDmy+Da"
    "tvweVnSi7nEC6JtzmBZL6jOZFDtt7HfEsJCgQ+oeDKb+4FdhC2CfL14KX0vPFuLgscgz0U"
    "3i6FDP0H9GTZ7G8yX1guodoq64Fu7FMk/unfwoTPhBMzugsrkTT2e8aRnfTQS4pG8XJSDm"
    "ECdlR4KPhv2Bs4ucHJvbvFqvmLu2wSVaSr4uhOddBmyA+GN+e3DzeXZ2yteqS3D6Pgf9bS"
    "FZe2Mqr4WEITH3MV8TETbZBegyqFHKS7aLUuHu4HX868UKVH2h+eIWw80osvg/7olj0O6n"
    "Q/0vt/3Y8G12fIWTkumVfRUv2BB/HuoLABpISg/IgklEPmtcinqBIibR7mraWowhNT/nJT"
    "7C7a/hpzEIbu7OMmC7ExrYuNkRkPChMhR7wLdPk27uPdq8AkCFGpJURBJ6bBLPGqjpGULJ"
    "DlbSbL+RiuoOSEGOi33fp1FuzXsWMgU8V4rpLoLBPtkMu+tqAjbHB++snQSWDpK6TrZ2Q3"
    "ztVvGdglsvWPFbL1g81lNd4s40PSTYuPgwf/eBg88KwO9iFLnuZxP7gZnSGHWdVeysfw6+"
    "BLkPTh77yP9Mugzx7wVfqR/tQfXvHXT9gw25ISQmzbsplCdCWTNi3VYo1VPMAfH5XA+fgo"
    "F2f+SoZzblHDfNYmI9gFtLdN3UCF7nqpR9E5WBZViSjAK8Brk4W54lHPatAKYsCXF98AK6"
    "SgbxhE09HLDXviXbDZ6QtFp7dddDqc6DWA2vnKyMKiqFwauR1Xx+4J+JlRamwvXG4fIbKW"
    "7sT6thlCt14f3cOpyajCS0tbetfESsIKo3e9orhCPdmqRPGa4LrHUOwTMlwHBe54Xkx8hu"
    "b4mTjIJj9iXee3RnqXRLKvhngVaYQRtX60FrJ6NnV2LQ0hfKbWq0n0KRlPsONfLOn3Pua9"
    "S2IH0wLhcdS2NH6FFJ0mmB64h7I1QYOu4couws1ngCKBToSSiLEM5YIZiqIZspftQcDOtl"
    "kff21UGdWxxBaDdJpaKYSYhMNSo5o3y49KOMyOa++agwVmn6GAc0qoC4Rm5s7akpfWFt5a"
    "K8daNfwsJdQ9rOsPPPMAc4w/2QFm5UpNGGOa66uVCHfIVfv3o6Pj4w9Hh8enH9+ffPjw/u"
    "Nh5LPNvipy3p4PP3P/bUonWYdu6qSpMORFuU7snulhf3pSYtifnuQOe/4K4i1bHm8ptZqq"
    "uNmlHW2vxuKCUD0oNaHibb8b3FwObz6foUD+kd59ub0Y3N/7D6Pf5HvZ/+W72Vft9LMnNO"
    "B5dFXsAJlsFzbybdsDZD4hHgey4WyS9QOTaZvpRAXqyzHsGleUZHuqVFq2qslRf7FYiDf/"
    "/uLN96sO5nbP3/updUlwcsYTFaz+lfQuykIUensUnZ3f2mxJn5ULXgpSUO5SJCqgetn3MH"
    "mgetn3pG2pH7usH1ruBIdQ18KgzGyowYbxbb+EHZ4H/e0nymvD3KSjrXqtM2+73zB0Kwyk"
    "ueB9dQj6rUQm+aAVhCdFqK6PURprUdsSkUo2YbCQF94JWhhEI8h6QjgRXvRHTH4Z+h/IcL"
    "yAI0NHBkUXM9ua48tzWZxSfR1Lo5SSEVn+adUbN5nwJAgz2mmYUVI1quZHJLU986N5h2pt"
    "FgiEF23dnTAjOCTiy9LQCZHOBRg1EjXnWs+EKvMVghTwFeJqAb7+1vn6k8cflSVFlGvIMb"
    "y7SyobKaYUo+YdnasBHol2bi1/d1SmUidrle9PPMpU69wvhyL4ltbzaKUqWIV2qJqFJYgB"
    "dVZMnSXt3w1Js2QK1H5Cu5YvEwaXKlPWJAWUpiwlFFCG08yngLJ8ahkKKCgk/DeeRmaafp"
    "lqTtaEoDmfvLvRfU4m2WZmsR/o5595BKKMBqq38zJ3sgefGKjacMZBVA5knO2WCvL+Vjh2"
    "he07QVVs4YSb/GYZmPNJIUGsAyfbrWedEZffqyfxn+Tb1kkZsK1rt63B8shfibpreUAsY9"
    "e0XiaWMT7hZZReeOFwSm6L9wyHh7u9vWY4djQrsvRZQSDqRXBdy8Vm5WRUmXRnMN5yLiow"
    "xjtgjCP7f6xqLkpEAfPSLL2leldTWgrY2jXVJ320aiBrL+Ke9hPY9TUnUyOrelBjxDBKtt"
    "AKcY0dQlxMBZraWHY9gQpKd34vJUBqZwB77WGfqXKoEnCvMV2NLP5nyYlfsR7qem55N1Pe"
    "+1VjwdUR/EabDzdmjcvDxH0wLdtTwzNZBRgH60WkoOBNJJsIlHZntrWczkLBrNdEuuiw5+"
    "Mk+tEoyXXthJNC4tRJzJd8d84i0UjJjxMIfkJ/PJnMlmZ6NajBG3phtrweINEN72OQbuMn"
    "t4d4lV9e6dS7lPjJtv4ktNibU99HFN5jzC8ckNxWnNoi4lRvcPa0xdmjer/ERjdLtG3fbb"
    "pwD3jSwJPWSU+asJWoONQkotv3q+3GLG3Eg7ZZwZxdlMnxjhmKM+Hg8kv/p9GZf0R5pHcP"
    "51fD+5959ZvFcsJGyozf6MTBHH7lD7GtzdjpoiVFcYIDlQIBn5DoDCtcG/MObvzWLULgxs"
    "8f/fvp0AU3/veo9TJu/GjDrVKSSJCFOhvtUXR2fkPAxpYDNgi1LdOsFLIhE4Wjowgw3Da5"
    "MZUI/uhGQW1VbaP92VvB498Wjz9cMNncBZM7L8PVzgWhhipccOVkk6Er8eG0nuiVQdRfhx"
    "YGGWVcD1xfYza5i1hhbWaQF1LD8OrHPXV0JmKKzZVraPUMrH7QW5dGVpMp5NnlKz/iKL3G"
    "rY09GpN0+/VhSBQRqqMl24B4lJCJNcIL+uEwYEgSVVRGQhoklIiP4tJQ+69dMUD750KudH"
    "/HQf9iNPw6OEO+9CO96z/cey5kzEal/kgvbq/vrgYj/kiz5guv/Pcjvfxye3fHn+m2tVjw"
    "J/ej4Injek/a4WWGOzUT8B4flYD3+CgXXv4qc00Un1JKXuekDHidUyR5LV7npW1zwttxyU"
    "Jl3ItyXbixawvRdknYqnj6s+Lg/muz+88/UVby8wqi4OBvi+LLhHVEZ58qk1yQhRne5hnu"
    "H3yrxHEkBUHHe6DjJXUNSWp8KTVHsqDpNms6sEYrTOe0JGi5zVoOWIgqF5rZoOV90bKJHd"
    "cPojPcVQVdy+ThFN6WIVDmFL6wDKk/KzcCMBaAuD8x7i90kqj5E9JSEKqWA2rgq64Ibloa"
    "QBZA5v4yRWQTIgBncfBfwjG5YSRV+boqLQV2bRBVejVcH6wmTPD6MO5eOEse1Om1cT3knn"
    "N9c5wHVH8IeuoowIklsnrdKkebEX3JWW6HUH3DiJr7sLN71leHkBcYCrLYFCfWxV3CrdoV"
    "mLYQdhSum/kxR4mVdX3AUWJdL1P0KEr96wU1hcKwIRQXg/iEEpGiiC1TK2RRr0ZR8GH83y"
    "s0IVMsrXrUyGesi2gKcYCgplYFNe1J0YUmyZGajehq9V6g1AtUWQAicBMiELgr4AFaZDuV"
    "4QHKmE+QFLRruyBtc0rMgoxRmm8VpI3hckbBFU/Js/klc5E08kzpM++qOdt6RQv2/k08Un"
    "qIm5A99MzU1EPYdcl84f7QQ5SwwxtyX62sVdDUh0jNgnQShhfp6E8T3pcHit+bpFRqHEav"
    "s26xC5VRd54VEWmvdEB9LNLBEp6NXGoQToyyEIftu4hv7Skh4WqTwTfXBk5IgBc5YwD7C3"
    "MGzTVhN5FUB+2uPbGzSsbPtTsNLqvYgwU7yHD1qGn34G5wczm8+XyGAvlH+o+HwQPPaGOf"
    "vfRS3H4ZBiluz4af9HbRv7kYXF15yXEcAB7eLx62drPKMdPfkXFS+ZtILNG5xLdmMn+AeP"
    "oOiSd/Laig9JQgxJm2ec9LlA1UsyozgkAxCoumtXQn1jdFWFNCULmtkLRNky318LadJBF7"
    "AoObmbvrI4v8cVkDzrdeR9fEcfB0f9f+tRCn5rFypbFGSd9kAI2M8xUCbAooX852JUscrG"
    "d8f51hF81Yl0zpOo+74BQs74fzs/zf8dA8Q+wDjRdir3oIU+eV2D1mnRh/IkdjYy7L89bb"
    "tQK7C3EfQNu2ax/YAm1bxJXkgbwDfiSY50Rvagw3zW1EP6AK8SjIgiXWZksMqi58L5r2jx"
    "xZHedfWBdLdKFUUZEum7isLvBpqeRSJkXADyb6wdgp2SaaZJUqvBUkIVXtTpD9GcY1Xgni"
    "mSSS/YBoxhybOUetUEbcB3yht4FwpyC/HFwMr/tXb973jgRMwxXk5DBT0g9SrGtcFMBH9B"
    "36iOAKuK5pXXKELajnD14j8HG0koAv6ePYDQefvGdAQsEL1xDkM/BYaLiWf7/zDjCIYJuT"
    "5E+WjXAQ7Ix9Bjx4wpau5yzFriwtYdGBLG8TWZ4YQD5sGczzCV2Z7NYqwG+PPT88LMPpHh"
    "7mk7qHGcMjCR3XTRb2/HxKmSzUFi8mjSrkWoJtWGvmsL5cjJ/JSmV9SQnVwnuuX9O3tqxA"
    "mOZ2wd9PW2wP0oP3hyGEomstsWmhSlU4eDatUiVZB+qjCfZ28m+Swb7r6LxzrHtnrwwn4L"
    "/oFbEBk6hJiXJMXmNmrQdX+voFkojTQ6+GO2P/00zMFG+8sDb8V7F2hktsA8vKLm3UlzTS"
    "LnEps8Z+qCRdOn0VseGMgyvBIGt6t4yCpy6FU37YvoOBd6cnJY74pye5J3z+Kn0u8f5WAD"
    "ds30FwGzGgkt8sA3N+eI4g1oGcwm2H6IQ7ggoRlpSBsmIbUF3sa7LzoQr0sQQwj7WrIz7L"
    "ZDRSGF+VkqsWYVVJIeExZm9DrPaLNoMYhnp4M4hc6ZrWy0SueAYo051mLWUhFfkBwaIcOH"
    "nEZXRiqUYDxRJAQEu2JEuVg05LAQ1dTEMnOKYNCdOLuKf9BHYtY5oeWevJaDaza8D13Cqz"
    "qLZzAVgLabz4VS+h6u1KG1ZP5T6UiFzuyPBttGpqDJiEpk+hmU/Ve56dCnx9EHo3WSFMEa"
    "E64h2doeB0giw2nXrodcY0yEuV+tnwDnJfDU2SMV9Xp1IGP3Ty+T8ScuRbRdL7Gq9yr3tS"
    "EMJEWmL4lLrUPWBLx3Mi0fp6ljWUA8KvdsKPWq7BPkyy8hXyfUmxLdJ90ZO95fu8LUnVVE"
    "3IgGEF4VIQLrX7U35vk3Cp6PC9qY3aMdNJBDW58LUqhWqpG+6VNT2Q5U+F73qFyVO81dgM"
    "mpUoXWYhbYYp+zaeMXTGb5FwDC+syVpw1bOGDi88FgVC/c1B/Aguq1W2UV/r06rE+KiEow"
    "oCpHZre3njb6wayZOW6mA8TyN5VjbRLLbQqFWDSwl1IJan6aC0aMFSATkl1MXhXHslOIt1"
    "84LNJZHwvfnme1pqI+O9nTz79qx08loB/7QU4F8df3Y4Y8cZ9STlpNQWV/OEd7H51eb4qM"
    "Rqc3yUu9rwVzK01TbOpEwX6tQ1vXFC3Fk+9F0m4iG0A0I72kPwlAnt2A3FM6BT9oIXurgm"
    "7LdqBxKqJ9OmV0T5kKg1d2eFzddSP7eUIB0b5gp5R7mwoLzfRVAHJ8x9e4OpjixPFJtMgj"
    "ecWO4PWRKotl7XZdD5PUaHIL4teH+zrYHyC+8dr8jCuhS7UCzZG3BJu+WSBM2WPagJYlC0"
    "pxSZFKDmTVbJga2oIKsounFd1pZuNjK0w8Ks704UKrPGa5OKsZ2WgkiF2m1wYctQWHKykh"
    "0k/eo3EcNNN2sc5sActC8yCfdvcS9aXZhFB2Y1mNWQfQLZJ+0DFSgKyD5pJ6TVs0+aZHyC"
    "ylN9is2VKyd8xCa9Ir4nLPSEk62r0j1BZyFB82ZBbP9+wdcZsQn6Iz7i/oH4l3aQoUD7VO"
    "9dSv8kqoFVo3+A2QFmpxWHf2B22rChALMDzA4wO8DsALPT0uHaXWZnxwWu26bpRtiIXRQP"
    "bimwm1QP3rH5/OCw5yM2R5/93ympTpBs0CuuUMCajt1k27WG86Vn1nqSyCuURGwHcUM2Cm"
    "PoD5HBH2PvLOX0mInL1pQp64snbzkSc7mmPtfFSAQ/N2kjg0XcKos4raGyp9O0FNjDpexh"
    "H7Qcc/jcmOZWSRMEt1cjrUm8/TJpfz86Oj7+cHR4fPrx/cmHD+8/Hkb10rKvigqnnQ8/85"
    "T0lDYkN+aAeQDmQY2DuLvmATgrwVnZJvOgvfHUt0t3Yn27Jg7fpQ8k5kG6QaF5YHlNx/NE"
    "2/VFzCjyxJZUR4EgesWGy1BHroUmhGfBuz32D/7E/zc74D8Z1HBmRP+ENBOz5VdHDN+5of"
    "FAaElRs4Y+pEzOPRv87tLDiZJvLttNXDJfuJB0v531q8h44MUWKDFVLIeESAcJ7frzkw2d"
    "DXbLJVRbqboQJKL1QN71Cx8XeGVaWLKC5HvSEiJwacYGDjO+tJtSIy0f+6QMpIJXxz7eZ7"
    "MrzIAu55mzaEoLsfQW08EXhOoBj6qggYO7wc3l8ObzGQrkH+l9+MRJPBl5/3Uf6U/94dXg"
    "kn8DwyT6Iz2/ur34ZXA5Pv/X+NfhzeXtr2doYlraM7N1J6vxK/vK1usjvejfXAyuPEGNQ2"
    "aaflVB5TWujJf0KN9LepTxkgZHKJV7mJMiUKRf5JW4viqAKoptD9iPewKseOLPYFvMQEnE"
    "O0hD7QntFGJSzDv5dmIVtjElWYOa9+c4sLdanigZNGkpqIWyPhzKxI47JrYtIxnzL15MS3"
    "UB56K508TFiwxaYlNshkyeYsmfHPGGNNEx6x38Vfnod9dfBffOdU3rkoNE5t45bp5XUHlC"
    "DM6J7VFvdlbvKP24bTO4pvxj3/UyxpoX8afq2pdKA8iZpKf8A18+uIXnvO8ycb4gbGKbec"
    "gtHaQbJyIXrAs1YHvh99iPO+wozPJFcT3kiQCPDaFOhJXs5dKwFuL00piCln0FdPNwdVXu"
    "VkdHmxF9abKTPvfxbHi9433Y2T3rqzvgN3rD45AWx0ml3veKwqQMWiVKiv0Ids5kOuP3g/"
    "AuEsFMnxBG7tKmyJ1hF+kGazHD5tOPr3iFDActDO7cQ8sFwlMGF3qyrTniFQSkkVKNfZA0"
    "3SLYDhOBNTL6KFuHMnbYBq5LtoAZJsRUQUzVrlenpmOqWsTOtht6iK7ayjYMET5biPC5vL"
    "0ZnCHdokSM5xG38N0sShCTU3PoSOpUkwG1mCAWZYElbjNLDF7u3Xi5baIR46WS000Q7aDX"
    "rUsTbGFbGjvrVtK0KAtLaZs1DQ438Fu02W+xmxTPPrENbXYg4SyDN73CG5HjNutoynw81y"
    "dKKvF2uTaFdCpLrIlAee1NE6vFmsin6V6I7ShezpoQAa6oHFfEJ5UCwkHzDqLbSEEa9oku"
    "kTl885m4hAgwcYpMXOZosM3N7K//B4qU9yU="
)
