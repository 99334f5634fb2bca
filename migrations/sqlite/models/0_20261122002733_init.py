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
    "h+gBRBkRLE3C95kLiQdC5e99wH/nMwt3RiOm/7C+MXsjo4Q/85oHhO2D8yb3roAC8W8XP+"
    "wMUT02uKF8b4OWg0cVwbay57/IRNh7BHOnE021i4hkV54z7SbIJdy0b9uyFiYmfIouYKYX"
    "T/c//Ho/enyHpC7owgh7CGLlpg20WGgxwmQvQeouSF2F4DJvuWf6ZuaexDDTptp/slNf69"
    "JGPXmhL22GYf8tvv7LFBdfKNOOF/F8/jJ4OYegpDQ+cdeM/H7mrhPXt4GF7+5LXkX30y1i"
    "xzOadx68XKnVk0ar5cGvpbLsPfTQklNnaJnoCXLk0zUET4yP/G7IFrL0n0VfX4gU6e8NLk"
    "Sjr4r6cl1bhukPdJ/I+T/w6+WqLZeHxzOxrfD0bj8UFOp/wrZPQQPNIsyseDQV0O1H/+8v"
    "uNAfGeHvAPuPi5/+XN8ekPHgSW405t76UH18FfniB2sS/qgR6j7P2dw/lihm0xzmH7DNLs"
    "i9bBOHwQgxwP/Ai+tgA9mONvY5PQqTtj/313eFiC8Nf+Fw9k1spD2WLz1J+/N8GrI/8dRz"
    "tGd2GTJ+ObDL6xRDMIrx/FIV6tI3x0UgHgo5NCfPmrNLxslRnPsDOTATgps71BvDWQT6uA"
    "fFoM8mkOZEezeB85iP/n/vZGDHEskQFYNzQX/R8yDcdtbbWI1+TJ0jBdgzpv+eftYlnmCP"
    "Ge547zbzMJ85vr/j+zGri4uj3Prt+8g/OMOrwdmuhj7OZVcsneuMaciNWSlsyqJhB9G/5j"
    "H2cC+4H6LTuwBMtciWpGw+vB/ah/fZfSz2V/NOBvjrynq8zTN6cZnUWdoF+Ho58R/y/639"
    "ubQVaNUbvR/x7w74SXrjWm1usY64kVOXwaopbSOvm2MFhvNbSelmxA68HXVUXpe6LkEJNS"
    "LZvYccdLp9bszsqCplXWtE1erGcisHDOLcskmIp1nJDKqHfCxNpasaMn29Xp+e3tVUqd58"
    "NRZs98uD4fsDO5p0fWyHC9x8ObUWbPDHCrMavSkjCnVJ5TAXcxliMO0lJNEgjqqnYNX8Ap"
    "madnIV0QoJUH+CfLJsaU/kJWHsxD9lUw1URUQcCNXcQ97Sew8dN4Wtv4NWKyMiOLIcB+N/"
    "GXqIv+/UX/cnDgQT3B2vMrtvVxCnP+xjqyMk+itvlX86N59gmmeOrhw38I/9oZ7AWUZUIt"
    "xZxlYhRU4iwtrM16yCXsL2Ijy2ZP5nOmTneFrFem+zOPM3QJxdRFnENkzzldiGzrFU2Iad"
    "Gpg1xLSFg22fd6tvK3A2c5iX7e2DWIh0LqIRv57tI5+B2YzZ0ym2SODVOGGYoEuse8vX9f"
    "hXp7/76Ye+PvMtwmdpxXiy1FsgxcTrCDNFwriD8ZNrPxZBn7tBTw9lV4e8+YlgU6JQQ4V8"
    "GZ7dULTFfSUGflaqGtmCm2hQVEeHapirlQeIvDfIIdQ9vOWH9fZai/Lx7p73MDXXRArIt9"
    "LL5F9NkR33ghnYC/Ppde0g1QQypTQw5xXfZb5byYCRk1/Jj8Y8GPCX5MRWdiFT/mcqHX1H"
    "paErSuitYF62/w7TPmlGlNDVrXsZkUhq1WHVXnZ7jBTkTRWVHCt5mSa827mePgwgd769vk"
    "X2JBxtrSca05EXu/SgwLoTSY05XMaYtOLGzr7FuMOSHBnTuyHv2iLsC9v2YK5HyUxZ60WG"
    "FBrL3ADDgPJH/65Qsxsfcz81rIRfXv2QmjyHFZaCpvCNR9oquuwjWx3A1ROrdaMyJ3DY42"
    "w5QGzuP6AF34vXQVJEJ1Hrdnb4jSgOoPDtlHz1kllJ7ZedMk+pSMJ9gRhaPLYPVL2Nk566"
    "uriC1sa2rj+YZQ3fm9dBWkCWajYNMFnPfRVYDwUjc883vDMxPv5srvpYswMTsDT8mcUHc8"
    "J6w/bePVPOzv2uuuq7gtHTwVMQUSUD3wLkbManjm36ZDOLUZAZg6mgvCALNH9+JYQCfbsk"
    "JA4MQwTQYJSsqiuWHbPI0YPdnW3AvaW+AVnwGI7WQvhk5sUfzfJl1BcvI2DP0NQvgCdirl"
    "dq3Fbwl6aITj6nyMn4mpdHBOSqiDsX2tRELViAlpPQxkd4O5+QgQbWnb/HS2ILZh6TyGxp"
    "Z3PBf00UFnZJc8Uhm1ESrYQaQUH/QAaldb7Tz/yBzjcsWXemeKugDvjISDEgJ9ije9/Qz5"
    "gECf71HrVQJ9IAUXUnAhBbcKAce9vgLeLXAGF9Ntk6DBWpbtlhLEGvOKfTgs63eG2DnGsS"
    "juoVdDnxKX1+nrodBN20ORlw1hqqPQg4TY+ynr6AkZbp6Da/ODqiTkpnUMybdqMHfmUuAx"
    "KiEzgvadS71tvh6b+hUb95vzLGPiBnQ5z22uu2blDnQbP7mS68PB5Zf+T6Mz5Mk+0ruH86"
    "vh/c+DS7ZyLyem4cyI/kg5SsOv/CG2tZnxwp9dDq4GI/7I30r17H5QiUE9rUKgZs+xCf70"
    "NEdU+9uNPFedketc2m4rUyT5zXJgj8g3Vwx2RqwDWJeZboN/jlJWWy5pKrLcrm5vPofNs5"
    "lUmbVp5bhkPmbnpflCYFgXQ58TBPClwecfLQr2LE4hjCXUSCDsVCFUbofxwuMrmXmQEoI5"
    "ID0HZoauEzq2l6ZcSeCsHMyHxueDyWznJRZGMxbrJSUESmlcKewdcYO4tKprVFIGlij5M5"
    "IxpWPr6UnqeJSQAcilIfdMRi28xqSy7ZWS2hbzk1hyAs6Vp/C8peR1HH+h1taftskhbJrW"
    "K9HHlm1MDVH+VvFWIBCFDaHxDQEqkSinEtOcjxO3MKW1MqCavVowRIs3j4x8F5Knt72BhA"
    "FWL8R2hKTSkBaAL5DMKIB7B1uaGodt7RJT/g1+PHp38uHk4/HpyUfWxPuW0ZMPJRqCEJzu"
    "B2NACM73qPUqITiR+6aG3rOyUGlHHUXn53fggKuh57QkaFllLc94qJGvsBqazkuDtlXWNg"
    "RQQgBldwIoY8wD82zzUjlfYzuvI5BDxZyaII2xpllLumn9pQCsvt9ZVzGDKkNVUGKPCQ+r"
    "3nyp4igN4966CticOI7Y5ywD1rXfS1dBgkpMFUDaZiUmNQ0Y5SsM7SNs1tKdWN82g+rW66"
    "Pji5RBN8ZpSLsJ04Z5YBJFDK8xXY0s/mdFC3TjSoY7TZUpsUK93zfOZMflfq3NxyTRo3ZR"
    "NVbL9lTDXbJJ3DnsgS0bqS9ow0SDN+7MtpbTWfgwrbRCM5g9H+fA/2tdDmBozopTARPGbm"
    "lGYNL7WaX+1pNt/UkociheOLMwdY/18zcnzNsL0/LmC7eHLEq82zLZuzA7RFSKq6FeBTl/"
    "v4Vpj+Hv/B3qdKmU7Sfvtt+Ju75Nh2LDHntI9NhlOKO/WuVhLw7RSohAhFa5QmpEaFHLlU"
    "t5Ddp3YOxvIZsPooOK0d/POJEq0UHxebfq6SiWAA9juYcxOK1u6F3s1sUQvYxnMR5NKpVl"
    "CT1nAnss4VQrNsa0RKMqhZA964hh9WRMl7xgcSD/Cb0Qqls2cghbY10HYZsgEoYiI+wiNh"
    "YFtVga6bHMAAtdb95QBStMKSsspRvhaWl9+YpsHwqXlj34dXB+hl7J5JGOBleDz1/616xf"
    "tpBwL8kj/fXn/ui+f3fHmsyw6/ApW+PA1XylihBh6SvPM3Jwtq10tg0Wwoi5rmrQ5QTBrG"
    "vcrPO3orxWKuTcxKKQbiNPcLBFc2ZZz+MNFJDvAhRRI1d5H6q+H8T3sra/C7RQ+R3oje+Q"
    "3oDkp65pXRA/L75o3FuuDHdV967xjDwkTKijcME8d4g9jiJ3K3of00KQL5z1PgI3vDFNAy"
    "k9kNKjJvFeJaUnsxiAM2OfnRlhZkuxTyOR+7LWtRFm3VRzcfDi8IZOqMvOU+jNKGBnuVPC"
    "7aFfOTHbXyzY955PiB3VineIw4ODfvAiyCgiVEd8xxaXnm+09wquD/5P8s0lNsUm1zk4QV"
    "R0gmzo/9guwf7d+D6S80aoIPFcyIiprBiVfB+64SxMvJL2NGXlwNNUBe05cTFflWScTEkZ"
    "8C817l+amJb2TGQv/UtIwT1/Evf8BbjVYN3SksC3qcy3eQwpzxVb0jqqFoiDvlXW9yvDkE"
    "lopuXUmtsiedC4yhoHf2nxMXI/PWfgL/0etV7FXwqOngYdPWGJHUlEM2IAK+RWtO2OEI3a"
    "BkDtXnGoLLCZuVq/Hh6UJWmv3kapTywcowJnWGL4FnvBktOlSoaPnxiMXGw+MyyQa3l1D9"
    "gE7SGs2ZbjoJn1Sl6IjdhXXkU3JCN3RlbcLyXK8WmkzypXK2eI99A5wtplr102nHEcJRpH"
    "UXlFZ73m8ZKUsBLglubdOst26I9RzIDfRipKmWeyNOenTSfM7m7Gbj7SGxxe2xzPC9t6Mk"
    "wylnV6ZeXA8dW442thkydiE3ZYl7pnKiMGimlcMcCtFq9Y+8myAbf6PWpdLhelzsUdeWnQ"
    "virarzLnUwaxRPRJSm6L8SehHbC34Sd8CvxpUamDf1Jmi4f+h9HFds79zd8vG94XLoNyUm"
    "aLKBO6HZDfVbFj3xXbse9ydix45SD9Sj1QIf0K0q8UxbR++hVcKiTrnIPrcjYAjL3lla9x"
    "A4hdJLrqKlyE2pZp8jtKmrk7ZxD111XEsDYzyAtpALJ+3FNXwWriyiG+cFW9dmhvQJIKwM"
    "h5hIoBvaVkZLE/qsF6F3e3X87kUlwlYlWym6IgZkWwbxbHrviRS5nWa2NYRjOC2EJAXWRa"
    "0zP+T3uF5gRTBsHT0kTujAehJDKpkW7oPR5sghxraWuEJ1oHV1Z5F4D40y4f2NLmB1WJdk"
    "kEdiVA8kdmLx23AhEtika0iBRXlacSyXYv7OLdYTW+qoywyjFWSehk4wFEsuB6TrHijbie"
    "lQw/2mGQ1/deaXKrS1B3HX1BORlJfjkttcE+v/7ou4ML/Tak7MH/0SCYwQ3NkoCmpVodn3"
    "uIaXChsySmaSnANI1pjcw5yJqr7KGDDK9w8KxxJa3N7gLfXHu5iIv4ivsNMb2Le9rLxXQt"
    "rOnNJAUt+wro5uHq6kB0DmgA2+oZh3uKbfrwU4BtsU+5zfTFJC9eQAcnaPM1VHCCr19PA/"
    "Nymh7XyiY0mmEHmQTblF8dNrGWboqWfZO82pk/+SFP9m7eXaUERjplOHIf1tjR2DgHfnbH"
    "/CwkDSlLEHo8LHFEfuM15G0opIZS+Od1RilTC5tSCokEQBmNKwPS6hRVzITM8IthsRMNdn"
    "lqupR6hMKgpMaVlDuL5XR0STRjjs2CogMC8ayWfPm3QT9taaqtW1xKFHI5uBhe96/evO8d"
    "ZRJhQsWc5LxRC8sQBoEV3ooTC8CNONnsIpO8iHynhVhG7bcH5bt9gZJnNgaJrYI1YH1WZE"
    "IWciJVcZWGGJVlxO6Xfxy0vl7rlbLflXHsrKdY9sOtI0M9rnMBhSG57TuAVEB/c/dPc1Ru"
    "KoFDdDdTJsGj5GambMsKdencGV9x0IS4r4RQr4BcRLjy2FnsEbOW/yYIBBPVoqvdj2REbn"
    "zvcaImBrC5u2Vz1Ywp7FJJs7ILwtffZrU3l4Uf9C9Gw6+DM+RLP9KLq9v7weUZ8u8NeKSX"
    "g6vBiD/wl2Q9uxJVinxu/D4r9nEu+SY4zRazTQkR4Jga55jgEiblVAJGX/Hy1GGjb69Knk"
    "EofHMVz8LgmZolz9LiMOlV0X+VSR/qLqp5UZEsz8mB/yFLmrNvgU1vXWT4z5ZzTPP4ltaV"
    "E3cAFxxKVJiLIZRf27KycAWaOvtYfiFjqPOfmtPx/RybZuEyFkvVWr8U02ewgh0ffTiNFi"
    "/+n7J16/66f3WVnzhPhOicM80DOmKmsBjMpEwXLhgomx6Df47Kza5odlzd3nwOm2dtsUwt"
    "fJ8nqbFUpSVhoVJ5oZpxL4SvsBqazkuDtlXWtjqeVHWVCilyivlIC9AObL4Nq2/B5WdSLu"
    "cQLoG3OYFksaM5kUO23sd8SwkKBD6h4Mpv7gV2ELYJ8vXgpfS88W4uCxyDPRTeLoUM/Qf0"
    "ZNnsbzJfWC6h2irvgW7tUwT+6d/ChM+EEzO6CyuRNPZ7zpGd9NALikbxclIOYQJ2VHgo+G"
    "/YGzi5wcm9u8Wq/Yu7bBJVpKvj6E51oDLkB8Ob89uHm8sztlY90tuHUfA/a+lml7YqqvhY"
    "QRMfCxXxMRdtkF6DaoUcpLtQWhcP94MvZ16o0iPtD88QNh7pxZdBf3TLHgd1uh/p/b/uR4"
    "PrM+SsHJfM62ip+cCDeHeQ2ABSQlB+RBDKIfJaFFNUCRGVh7myFFV4YipebsrdRdtfYw7C"
    "0J193GQhNka52BiR8SAxEQrEu0CXb+M+3r0KTIIQlUZCFHRiGswSr+sYSckCWa4yWc7HcA"
    "0lJ8RAv2rr11mwX8eOgUwV47lMorNItEMu+8aCjrDB+eknQyeBpS+Rrp+T3ThXXzGwK2Tr"
    "H0tk6weby2q8WcaHoBuFj4MH/3gYPPCsDvYhS57mcT+4GZ0hh1nVXsrH8OvgS5D04e+8j/"
    "TLoM8e8FX6kf7UH17x10/YMFVJCSG2bdlMIbqUSZuWUlhjNQ/wx0cVcD4+KsSZvxLhXFjU"
    "sJi1yQl2Ae1tUzdQobtZ6jHrHKyKqkAU4M3Aa5OFueJRz3LQZsSALy+/ATaTgr5hEE1HLz"
    "fsZe+CzU9fKDq97aLT4URvANTOV0bOLIrSpZHVuDp2T8DPjVJje+Fy+wiRtXQn1rfNELr1"
    "+ugeTm1GFV5a2tK7JlYQVhi965XFFerJVhWK1wTXPYZin5DhOihwx/Ni4jM0x8/EQTb5Ee"
    "s6vzXSuySSfTXEq0gjjKj1o7UQ1bNpsmthCOEztV5Nok/JeIId/2JJv/cx710QO5gWCI+j"
    "tqXxK6ToNMH0wD2UygQNuoYrugi3mAGKBDoRSpKNZagWzFAWzZC/bA8CdrbN+vhro8yoji"
    "W2GKTT1kqRiUk4rDSqebPiqITD/Lj2rjlYYPYZEjinhLpAaOburK14aW3prbVirGXDz1JC"
    "3cO6+cAzDzDH+JMdYFau0IQxpoW+WoFwh1y1fz86Oj7+cHR4fPrx/cmHD+8/HkY+2/yrMu"
    "ft+fAz99+mdJJ36KZOmhJDPivXid0zPexPTyoM+9OTwmHPX0G8peLxlkKrqY6bXdjR9mos"
    "LgjVg1ITMt72u8HN5fDm8xkK5B/p3Zfbi8H9vf8w+k2+l/1fvpt9paafPaEBz6MrYweIZL"
    "uwkW/bHiDzCfE4kA1nk6gfmEzbTCcqUV+BYde6ogTbU63SsnVNjuaLxUK8+fcXb75fdTC3"
    "e/7eT60LgpNznqhg9a+l96wsRKGro+j8/NZmS/osXfAyIwXlLrNEBVQv+x4mD1Qv+560Lf"
    "RjV/VDi53gEOpaGpSZDzXYML7tl7DD86C//UR5bZibcLTVr3Xmbfcbhm6FgTQXvK8OQb+V"
    "yCQftJLwpAjV9TFKYy1qWyFSySYMFvLCO0ELg2gEWU8IJ8KL/ojJL0P/AxmOF3Bk6Mig6G"
    "JmW3N8eS6KU2quY2GUUjIiyz+teuMmF54EYUY7DTNKqkbW/Iiktmd+tO9QbcwCgfCirbsT"
    "ZgSHRHxVGjoh0rkAo1ai5lzrmVBpviIjBXxFdrUAX79yvv7k8UdmScnKteQY3t0lla0UU4"
    "pR847O9QCPRDu3lr87qlKpk7Uq9ice5ap17pdDEXxL63m0ShWsQjtUzsLKiAF1Vk6dJe3f"
    "DUmzZArUfkK7li/LDC5ZpqxNCihNWQoooBynWUwB5fnUKhRQUEj4bzyNzDT9MtWcrAlBcz"
    "55d6P7nEyyzcxiP9DPP/MIRBEN1GznVe5kDz4xULXhjIOoHMg42y0V5P0tcewK23eCqtjC"
    "CTf5zXIwF5NCGbEOnGy3nnVGXH6vnsB/UmxbJ2XAtm7ctgbLo3gl6q7lAbGMXdN6lVjG+I"
    "SXU3rphcMpuS3eMxwe7vb2muHY0SzJ0ucFgajPgutaLjZrJ6OKpDuD8ZZzUYEx3gFjHNn/"
    "Y1lzUSAKmFdm6S3Zu5rSUsDWrqk+6aPVAFl7Efe0n8CurzmZGln1gxojhlGwhdaIa+wQ4t"
    "lUoKmNRdcTyKB05/dSASQ1A9gbD/tMlUMVgHuN6Wpk8T8rTvya9VDXc8u7mfLerxpnXB3B"
    "b7T5cGPWuDhM3AfTsj01PJNVgHGwXkQKCt5EsolAaXdmW8vpLBTMe02Eiw57Pk6iH42SQt"
    "dOOCkETp3EfCl25ywSjaT8OIHgJ/THk8lsaaZXgxq8oRdmy+sBEt3wPgbpNn5ye4hX+eWV"
    "Tr1LiZ9s609Cy705zX1E6T3G/MIBwW3FqS0iTvUGZ48qzh7Z+yU2ullCtX237cI94EkDT1"
    "onPWmZrUTGoSYQ3b5fbTdmaSsetM0K5uyiTI53zJCcCQeXX/o/jc78I8ojvXs4vxre/8yr"
    "3yyWEzZSZvxGJw7m8Ct/iG1txk4XihTFCQ5UEgR8QqIzrHBjzDu48ZVbhMCNXzz699OhC2"
    "7871HrVdz40YZbpyRRRhbqbKij6Pz8hoCNLQdsEGpbplkrZEMkCkfHLMBw2+TGVCL4o1sF"
    "VanaRvuzt4LHXxWPP1ww2d4Fkzsvw6XmgtBAFS64crLN0JX4cNpM9Mog6q9DC4OIMm4Grq"
    "8xm9xFrLA2M8gLaWB49eOeOjoTMcXmyjW0ZgZWP+itSyOrzRTy/PJVHHGUXuPWxh6NSbr9"
    "+jAkigjV0ZJtQDxKyMQa4QX9cBgwJIgqqiIhDBJKxEdxaaj9p1YM0P65kGvd33HQvxgNvw"
    "7OkC/9SO/6D/eeCxmzUak/0ovb67urwYg/0qz5wiv//Ugvv9ze3fFnum0tFvzJ/Sh44rje"
    "EzW8zHCnZgLe46MK8B4fFcLLX+WuieJTSsrrnJQBr3OKJG/E67y0bU54Oy5ZyIz7rFwXbu"
    "zaQrRdErY6nv68OLj/VHb/+SfKWn7ejCg4+FVRfJWwjujsU2eSZ2Rhhqs8w/2Db504jqQg"
    "6HgPdLykriFIja+k5kgWNK2ypgNrtMZ0TkuCllXWcsBC1LnQzAYt74uWTey4fhCd4a5q6F"
    "okD6dwVYZAlVP4wjKE/qzCCMBYAOL+snF/oZNEzp+QloJQtQJQA191TXDT0gByBmTuL5NE"
    "NiECcJYH/yUckxtGUlWvq6IosGuDqNKr4fpgtcwEbw7j7oWzFEGdXhvXQ+451zfHeUD1h6"
    "CnjgKcWCLr161ytBnRl5zldgjVN4youQ87u2d9dQj5DENBFpvixLq4S7hVuwLTFsKOwnWz"
    "OOYosbKuDzhKrOtVih5FqX+9oKZQGDaE4mIQn1AiUhSxZWqFLOrVKAo+jP97hSZkioVVj1"
    "r5jHURTSEOENSkVFDTnhRdaJMcadiIrlfvBUq9QJUFIAI3IQKBuwIeQCHbqQoPUMV8gqSg"
    "XdsFaZtTYBbkjNJiqyBtDFczCq54Sp7NL5mLpJFnSp95V83Z1itasPdv4pHSQ9yE7KFnpq"
    "Yewq5L5gv3hx6ihB3ekPtq5a2Ctj5EaBakkzC8SEd/mvC+PFD83gSlUuMwep11i12ojLrz"
    "rIhIe5UD6mORDpbwbOVSg3BiVIU4bN9FfBtPCQlXmxy+hTZwQgK8yDkD2F+Yc2iuCbuJpD"
    "pod+2JnVUxfk7tNLi8Yg8W7CDD1SOn3YO7wc3l8ObzGQrkH+k/HgYPPKONffbSS3H7ZRik"
    "uD0bftLbRf/mYnB15SXHcQB4eH/2sLWbVY6Z/o6IkyreRGKJziW+tZP5A8TTd0g8+WtBDa"
    "WnBCHOVOU9L1E2UM6qzAkCxZhZNK2lO7G+ScKaEoLKbaWkbZpsaYa37SSJ2MswuLm5uz6y"
    "yB+XDeB863V0TRwHT/d37V8LcWoeS1caa5X0TQbQiDjfTIBNCeXL2a5kiYP1jO+vM+yiGe"
    "uSKV3ncRecguX9cH6W/zsemmeIfaDxQuxVD2HqvBK7x6wT40/kaGzM5XneZruWYHch7gNo"
    "W7X2gS3QtmVcSRHIO+BHgnlO9LbGcNvcRvQD6hCPGVmwxFS2xKDqwveiaf/Ikddx8YV1sU"
    "QXShWV6bKNy+oCn5ZMLmVSBPxgWT8YOyXbRBOsUqW3giSk6t0Jsj/DuMErQTyTRLAfEM2Y"
    "Y7PgqBXKZPcBX+htINwpyC8HF8Pr/tWb972jDKbhCnJymCvpBynWDS4K4CP6Dn1EcAVc17"
    "QuOMKW1PMHrxH4OJQk4Cv6OHbDwSfvGRBQ8JlrCIoZeJxpuJZ/v/MOMIhgm5PkT5aNcBDs"
    "jH0GPHjClq7nPMUuLS1g0YEsV4ksTwwgH7Yc5sWErkh2axXgt8eeHx5W4XQPD4tJ3cOc4Z"
    "GEjusmD3txPqVIFmqLl5NGNXItwTZsNHNYXy7Gz2Qls76khBrhPdev6VtbViBMc7vg76ct"
    "tgfpwfvDEELRNUVsWqhSFQ6eTatUCdaB5miCvZ38m2Sw7zo67xzr3tkrxwn4L3plbMAkal"
    "KhHJPXmFnrwZW+foEk4vTQq+HO2P80EzPFGy+sDf9VrJ3hEtvAorJLG/UljLRLXMqssR8q"
    "SJdOX0VsOOPgSjDImt4to+CpS+KUH7bvYODd6UmFI/7pSeEJn79Kn0u8vyXADdt3ENxWDK"
    "jkN8vBXByekxHrQE7htkN0wh1BhghLykBZsQ2oLvY12flQBvpYApjHxtURn2VyGimNr0rJ"
    "1YuwqqWQ8BiztyFW+0WbQQxDM7wZRK50TetVIlc8A5TpTrOWopCK4oDgrBw4ebLL6MSSjQ"
    "aKJYCAFmxJliwHnZYCGrqchk5wTBsSphdxT/sJ7FrGND2y1pPRbGY3gOu5VWVRVXMBWAtp"
    "vPjVL6Hq7UobVk/lPpSIXO7I8G21amoMmICmT6FZTNV7np0afH0QejdZIUwRoTriHZ2h4H"
    "SCLDadeuh1xjTIS5X62fAOcl8NTZAx31SnQgY/dPL5PxJy5JUi6X2N17nXPSkIYSKKGD6V"
    "LnUP2NLxnAi0vp5lDeWA8Guc8KOWa7APE6x8pXxfUmyLdF/0ZG/5Pm9LkjVVEzJgWEG4FI"
    "RL7f6U39skXCo6fG9qo3bMdMqCmlz4lEqhWuqGe2VND0T5U+G7XmnyFG81NoNmFUqXWUib"
    "Ycq+jWcMnfFbJBzDC2uyFlz1rKHDC49FgVB/cxA/gotqlW3U1/q0qmx8VMJRBQFSu7W9vP"
    "E3lo3kSUt1MJ6nlTwrm2gWW2jkqsGlhDoQy9N2UFq0YMmAnBLq4nBuvBKcxbp5weaSCPje"
    "YvM9LbWR8a4mz749K5281sA/LQX418efHc7YcUY+STkptcXVPOFdbH+1OT6qsNocHxWuNv"
    "yVCG25jTMp04U6dW1vnBB3Vgx9l4l4CO2A0A51CJ4qoR27oXgGdMpe8EIX14T9Vu1AQPXk"
    "2vTKKB8SteburLD5WurnlhKkY8NcIe8oFxaU97sI6uCEuW9vMNWR5Ylik0nwhhPL/SFPAj"
    "XW67oMOr/H6BDEtwXvb7Y1UH7hveMVWViXYheKJXsDLmm3XFJGs1UPahkxKNpTiUwKUPMm"
    "q+DAVlaQNSu6cV1WRTcbEdphYdZ3JxKVWeO1ScbYTktBpELjNnhmy5BYcvKSHST9mjcRw0"
    "03bxwWwBy0LzMJ929xL1tdmEUHZjWY1ZB9Atkn6oEKFAVkn6gJaf3skzYZn6DyVJ9ic+WK"
    "CZ9sk14Z3xMWesLJ1nXpnqCzkKB5syC2f7/g64zYBP0RH3H/QPxLO8iQoH3q9y6kfxLVwO"
    "rRP8DsALOjxOEfmB0VNhRgdoDZAWYHmB1gdhQdrt1ldnZc4Fo1TbfCRuyieLCiwG5SPXjH"
    "5vODw56P2Bx99n+noDpBskGvvEIBazp2k23XGs6XnlnrSSKvUBKxHcQN2SiMoT9EBn+Mvb"
    "OU02MmLltTpqwvnrzlCMzlhvpcFyMR/NykjQwWsVIWcVpDVU+naSmwhyvZwz5oBebwuTEt"
    "rJKWEdxejbQ28fbLpP396Oj4+MPR4fHpx/cnHz68/3gY1UvLvyornHY+/MxT0lPaENyYA+"
    "YBmAcNDuLumgfgrARnpUrmgbrx1LdLd2J9uyYO36UPBOZBukGpeWB5TcfzRNv1Rcwo8sSW"
    "VEeBIHrFhstQR66FJoRnwbs99g/+xP83O+A/GdRwZkT/hDQTs+VXRwzfuaHxQGhBUbOWPq"
    "RKzj0b/O7Sw4mSby7bTVwyX7iQdL+d9avMeODFFigxZSyHhEgHCe3m85MNnQ12yyVUW8m6"
    "EASizUDe9QsfF3hlWliwghR70hIicGnGBg4zvrSbQiOtGPukDKSC18c+3mfzK8yALue5s2"
    "hKC7H0FtPBF4TqAY8qoYGDu8HN5fDm8xkK5B/pffjESTwZef91H+lP/eHV4JJ/A8Mk+iM9"
    "v7q9+GVwOT7/1/jX4c3l7a9naGJa2jOzdSer8Sv7ytbrI73o31wMrjxBjUNmmn5VQek1ro"
    "qX9KjYS3qU85IGRyiZe5iTIlCkP8srcX3VADUrtj1gP+4JsNkTfw7bcgZKIN5BGmpPaKcQ"
    "k3LeybcT67CNKckG1Lw/x4G91fJEyqBJS0EtlPXhUCZ23DGxbRHJWHzxYlqqCziXzZ02Ll"
    "5k0BKbYjNk8iRL/hSIt6SJjlnv4K8qRr+7/iq4d65rWhccJHL3znHzvIbKE2JwTlRHvflZ"
    "vaP0Y9VmcEP5x77rZYw1L+JP1rUvlAaQc0lPxQe+YnBLz3nfZeJ8SdjENvOQFR2kGycil6"
    "wLDWB74ffYjzvsKMziRXE95IkAjw2hToSV7OXSsBbi9NKYgpZ9BXTzcHVV7VZHR5sRfWmy"
    "kz738Wx4veN92Nk966s74Ld6w+OQlsdJpd73ysKkDFonSor9CHbOZDrj94PwLhLBTJ8QRu"
    "7SpsidYRfpBmsxw+bTj694hQwHLQzu3EPLBcJTBhd6sq054hUEhJFSrX2QMN0i2A4TgTUi"
    "+ihfhzJ22AauS7aAGSbEVEFM1a5Xp7ZjqhRiZ9WGHqKrtrINQ4TPFiJ8Lm9vBmdItyjJxv"
    "Nkt/DdLEoQk9Nw6EjqVJMDtZwgzsoCS6wySwxe7t14uW2iEeOlltMtI9pBr1uXJtjCtjR2"
    "1q2l6awsLKUqaxocbuC3UNlvsZsUzz6xDW12IOAsgze90huR4zbraMpiPNcnSkrxdoU2hX"
    "AqC6yJQHnqpok1Yk0U03QvxHYkL2dNiABXVI0r4pNKAuGgeQfRbaUgDftEl4gcvsVMXEIE"
    "mDhJJi53NNjmZvbX/wNVT/Go"
)
