from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        DROP INDEX IF EXISTS "idx_outbox_mess_status_4d04e0";
        CREATE TABLE IF NOT EXISTS "person" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "email" VARCHAR(255) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "display_name" VARCHAR(100) NOT NULL,
    "time_zone" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "last_login_at" TIMESTAMP
) /* A login: email, argon2id password hash, how the person is shown and their time zone. */;
        CREATE TABLE IF NOT EXISTS "sign_in_failure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* A failed sign-in, keyed by account and by client address, for throttling across processes. */;
CREATE INDEX IF NOT EXISTS "idx_sign_in_fai_key_b96b03" ON "sign_in_failure" ("key", "created_at");
        CREATE TABLE IF NOT EXISTS "widget_presence" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "session" VARCHAR(128) NOT NULL,
    "node" VARCHAR(64) NOT NULL,
    "seen_at" TIMESTAMP NOT NULL,
    "bot_id" CHAR(36) NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_widget_pres_bot_id_e23102" UNIQUE ("bot_id", "session", "node")
) /* An open widget WebSocket: which process (`node`) holds which session, until it expires. */;
CREATE INDEX IF NOT EXISTS "idx_widget_pres_node_7733ad" ON "widget_presence" ("node");
        CREATE TABLE IF NOT EXISTS "learner_stats" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "points" INT NOT NULL,
    "messages_sent" INT NOT NULL,
    "steps_completed" INT NOT NULL,
    "quizzes_passed" INT NOT NULL,
    "quizzes_scored" INT NOT NULL,
    "quiz_score_sum" REAL NOT NULL,
    "streak_days" INT NOT NULL,
    "last_active_day" DATE,
    "freezes" JSON NOT NULL,
    "completed_programs" JSON NOT NULL,
    "owned_badges" JSON NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "user_id" CHAR(36) NOT NULL UNIQUE REFERENCES "end_user" ("id") ON DELETE CASCADE
) /* A learner's running totals, updated in each turn so badges never rescan the event log. */;
        CREATE TABLE IF NOT EXISTS "invitation" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "role" VARCHAR(16) NOT NULL /* VIEWER: viewer\nEDITOR: editor\nOWNER: owner */,
    "email" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "accepted_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    "invited_by_id" CHAR(36) REFERENCES "person" ("id") ON DELETE SET NULL
) /* A one-time link that makes whoever opens it a member; only a hash of its token is kept. */;
CREATE INDEX IF NOT EXISTS "idx_invitation_creator_b8eac9" ON "invitation" ("creator_id", "created_at");
        CREATE TABLE IF NOT EXISTS "membership" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL /* VIEWER: viewer\nEDITOR: editor\nOWNER: owner */,
    "created_at" TIMESTAMP NOT NULL,
    "creator_id" CHAR(36) NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    "person_id" CHAR(36) NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_membership_creator_219ec8" UNIQUE ("creator_id", "person_id")
) /* A person's role in one creator's workspace. */;
        CREATE TABLE IF NOT EXISTS "studio_session" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "ended_at" TIMESTAMP,
    "person_id" CHAR(36) NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE
) /* One signed-in browser session; the cookie names it, sign-out ends it for good. */;
CREATE INDEX IF NOT EXISTS "idx_studio_sess_person__14e1a7" ON "studio_session" ("person_id", "ended_at");
        ALTER TABLE "bot" ADD "draft" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "channel_account" ADD "conversation_id" CHAR(36) REFERENCES "conversation" ("id") ON DELETE SET NULL;
        ALTER TABLE "end_user" ADD "is_test" INT NOT NULL DEFAULT 0;
        ALTER TABLE "end_user" ADD "language_source" VARCHAR(16) NOT NULL DEFAULT '';
        ALTER TABLE "conversation" ADD "is_test" INT NOT NULL DEFAULT 0;
        ALTER TABLE "document" ADD "progress" SMALLINT NOT NULL DEFAULT 0;
        ALTER TABLE "document_chunk" ADD "language" VARCHAR(16) NOT NULL DEFAULT '';
        ALTER TABLE "knowledge_base" ADD "embedder" VARCHAR(16) NOT NULL DEFAULT 'auto';
        ALTER TABLE "outbox_message" ADD "lane" SMALLINT NOT NULL DEFAULT 0 /* INTERACTIVE: 0\nSCHEDULED: 1 */;
        CREATE INDEX "idx_end_user_bot_id_d39ab7" ON "end_user" ("bot_id", "last_active_at");
        CREATE INDEX "idx_message_bot_id_c5bf10" ON "message" ("bot_id", "created_at");
        CREATE INDEX "idx_program_enr_user_id_ce10e9" ON "program_enrollment" ("user_id", "status");
        CREATE INDEX "idx_outbox_mess_status_836573" ON "outbox_message" ("status", "lane", "next_attempt_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        DROP INDEX IF EXISTS "idx_outbox_mess_status_836573";
        DROP INDEX IF EXISTS "idx_program_enr_user_id_ce10e9";
        DROP INDEX IF EXISTS "idx_message_bot_id_c5bf10";
        DROP INDEX IF EXISTS "idx_end_user_bot_id_d39ab7";
        ALTER TABLE "bot" DROP COLUMN "draft";
        ALTER TABLE "channel_account" DROP COLUMN "conversation_id";
        ALTER TABLE "end_user" DROP COLUMN "is_test";
        ALTER TABLE "end_user" DROP COLUMN "language_source";
        ALTER TABLE "conversation" DROP COLUMN "is_test";
        ALTER TABLE "document" DROP COLUMN "progress";
        ALTER TABLE "document_chunk" DROP COLUMN "language";
        ALTER TABLE "knowledge_base" DROP COLUMN "embedder";
        ALTER TABLE "outbox_message" DROP COLUMN "lane";
        DROP TABLE IF EXISTS "studio_session";
        DROP TABLE IF EXISTS "membership";
        DROP TABLE IF EXISTS "invitation";
        DROP TABLE IF EXISTS "sign_in_failure";
        DROP TABLE IF EXISTS "learner_stats";
        DROP TABLE IF EXISTS "widget_presence";
        DROP TABLE IF EXISTS "person";
        CREATE INDEX "idx_outbox_mess_status_4d04e0" ON "outbox_message" ("status", "next_attempt_at");"""


MODELS_STATE = (
    "eJztfW1z27iS9V9B+cskVZpU4ryu89RTJdvKjHYc2xvLyb07vqVAIiyxTAFakrKjuTv/fQ"
    "HwnQQpgiIliukvMzGJhqTTIAicPt3499GCGcRyXvSX5h9kfXSC/n1E8YLwf6Tu9NARXi6j"
    "6+KCiyeWbIqX5vjBbzRxXBtPXX75HlsO4ZcM4kxtc+majIrGfTS1CXaZjfrXQ8TNThCj1h"
    "phdPN7/9fjt+8Qu0funCCH8IYuWmLbRaaDHG5CjB6i5JHYsgG3fSE+02BT/qEmnTXT/Yqa"
    "/7MiY5fNCL9s8w/581/8skkN8oM4wZ/Lh/G9SSwjgaFpiA7k9bG7Xsprt7fD80+ypfjqk/"
    "GUWasFjVov1+6c0bD5amUaL4SNuDcjlNjYJUYMXrqyLN8RwSXvG/MLrr0i4Vc1ogsGuccr"
    "Szjp6P/dr+hU+AbJTxL/efP//a8WazYeX16NxjeD0Xh8lPGp+AopP/iXpoyK8WBSVwD177"
    "+9fiNA5NUj8QFnv/e/PHv97rmEgDnuzJY3JVxHf0tD7GLPVIIeoSz/n8H5bI5tNc5B+xTS"
    "/ItWwTi4EIEcDfwQvqYAPVrgH2OL0Jk753++evmyAOGv/S8SZN5Kosz4c+o9v5f+rWPvnk"
    "A7Qndpk3vzhw6+kUU9CG8exQFejSN8/KYEwMdvcvEVt5Lw8llmPMfOXAfguM3uBvHOQH5X"
    "BuR3+SC/y4DsTJnoIwPxf95cXaohjixSABvm1EX/iyzTcRubLaI5ebIyLdekzgvxefuYlg"
    "VCoueF4/yPFYf52ef+P9IeOLu4Ok3P36KD05Q75BuaGGPsZl1yzu+45oKo3ZK0TLvGN30R"
    "/OMQnwT+A40rvmDxp7kC14yGnwc3o/7n64R/zvujgbhzLK+uU1efvUv5LOwEfRuOfkfiT/"
    "TfV5eDtBvDdqP/PhLfCa9cNqbsaYyN2IwcXA1QS3id/FiavLcKXk9a1uB1/+u2xekH4uQA"
    "k0IvW9hxxyun0tOdtgVPt9nTNnlkD0SxwzllzCKYqn0cs0q5d8LNmpqxwyu79enp1dVFwp"
    "2nw1HqnXn7+XTA1+TSj7yR6crLw8tR6p3p41bhqUpawjPV5mfK5y7GesRB0qpOAqG9rt3A"
    "FwhK5v5BSRf4aGUB/sRsYs7oH2QtYR7yr4LpVEUV+NzYWdTTYQIbXY0eaxs/hUxWamRxBP"
    "jvJt4Udda/OeufD44k1BM8fXjCtjFOYC7usGOWuhK2zd5aHC/SVzDFM4mP+CHia6ewV1CW"
    "Mbfkc5axUVCKs2R4Ou8hl/D/ERsxm19ZLLg73TViT9z3J5IzdAnF1EWCQ+TXBV2IbPaEJs"
    "RidOYglykJyzr73sxW/nnkrCbhzxu7JpEoJC7yke+unKN/AbO5V2aTLLBp6TBDoUH3mLe3"
    "b8tQb2/f5nNv4l6K28SO88T4VKTLwGUMO0jDNYL4vWnzPZ4uY5+0At6+DG8vN9O6QCeMAO"
    "cyOPN39RLTtTbUabtKaLdsK7aDCUS5dimLudJ4h8N8gh1zupux/rbMUH+bP9LfZga6aoFY"
    "FfvIfIfo8yW++Ug6AX91Lr2gG6CG2kwNOcR1+W/Vi2LGbNoRxxQfC3FMiGO29EksE8dcLY"
    "2KXk9agtfb4nXF/Ot/+9R2ymIzk1YNbMaN4VXbHldnn3CTr4jCtaJGbDNh11h0M8PBBRcO"
    "NrYpvsSSjKcrx2ULoo5+FWwslNawnS61nWZ0wrBt8G8xFoSECO7oRvTzuoDw/oZHIBOjzI"
    "+kRQ7ztfaKbcCpb/npjy/EwvJnZr2QUfUf2AojL3CZu1XeEqibWFddhWvC3C1ROmWNbSL3"
    "Dc50jin1g8fVATrzeukqSIQaQrdnb4nSgBq3DjnEyFkplB74etMixoyMJ9hRydF1sPoj6O"
    "yU99VVxJY2m9l4sSVU114vXQVpgvko2HYCF310FSC8Mky5/d5yzSS6ufB66SJMfJ+BZ2RB"
    "qDteEN7fdOvZPOjvs+yuq7itHDxTMQUaUN2KLkZ81/Agvk1HcTLpo+niGtbkw7CjrkK1II"
    "sJX03NzeWWUH0OO+oSVE3qShMbPoW4NL0hzFeYOumWJWSmE9OyOCQobosWpm2L5HR0b7OF"
    "lIIu8VrMq4ivjx5Ng9gqVek2XUHK+y7ooy2EoT7nmQjmV2JNFT3Uwpx2XjlqYaot+UoYdV"
    "Ax2oi+roLSqHFx0f4Gc/26ounKtsWaf0lskxlCmWXryxly+uhgiLtLcc6U2whVvEG0HO/3"
    "AG5vt9tFVps1xsWOL4z55XUBMT+NsDfIx/JfeocpJAL52M/o9TLyMUjshsRuSOwuQ8AJLY"
    "GCd/MlBvl028RvsJFlu6IE8caiDiQOikWeIL6OcRjFPfRkGjPiiuqPPRQE/3sojN0iTA0U"
    "xCURvz/jHd0j081ycE1+UJk076SPIaW7HcydtVLEIQvIDL995xK666/y1/46oIfNeRYxcQ"
    "O6WmRervtm5Y4MG9+7mvPD0fmX/qfRCZK2d/T69vRiePP74JzP3KuJZTpzYtxRgdLwq7iI"
    "7encfBTXzgcXg5G45L1KjfT7oBSD+q4MgZpex8b403cZotp73ehz1Sm7ziWDN/KIxL9ZBu"
    "wR+eGqwU6ZdQDroq3b4B+jxK4tk4oX7twuri5/C5qn8/NSc9PacclizNdLi6ViY50PfcYQ"
    "wNcGX3y0SkKcn5gaWbQjLbVT5XXFPkyUs1/rPAcJI3gGtJ+BuWkYhI7tlaVXaDptB89D7c"
    "+DxffOK6zUyOb7JWEETqndKfwecX21Y9k5Km4DU5T+Gsmc0TG7v9daHsVsAHJtyOWWcRoc"
    "jlN675Ww2hXzE5tyfM5VJIa9oORpHH2hxuafpskhbFnsiRhjZpszU6VAzn8VKEzhhVD7Cw"
    "Hq27TOJSF9VtYfoQE4o/5VrLUYxw5aS7pkQKf2eskRzX+Tp+y7UB9h12/zQO32SGxHyfAN"
    "aQ74CsuUA0SotqFH42VTr+yZ+Aa/Hr968/7Nh9fv3nzgTeS3DK+8L/AQ6KG6r4wBPdTP6P"
    "UyeqgwllbB72lbKKbVHkdnn28/GlrBz0lL8HKbvTwXui/PYRU8nbUGb7fZ26BmBTVrd9Ss"
    "Eeb+9mz7alhfo31eRyCHolgVQRrj6ZSt6LYl1nyw+l5nXcXM00SPl3yWJP6cVh2yb7Kz61"
    "hfXYQMaq+VQYlfJiItYPvZXaA0jHrrKmAL4jhqzYRe/RknqI7URZCgPl0JkHZZn66de77W"
    "1107RNjYyp2wH9tBdSX76PgkZdKtcRrSbsK0ZR6jRmnXz5iuR0z8t+Smfev6rntN9SrYuM"
    "vfN05ld2Z+rS3GJDHCdmGNamZL14godhx3Abu//Q/d57fhpv4dd26z1WweXEw6LZc54NfH"
    "GfD/3pTDGjAA6lTWGD9QmNEaDxiXqR93b7O/CEUOxUtnHqSe8n5+cYK80yCtdLF0e4hRIs"
    "8Q5veC7CZVKbmaelXkrP4ZpO0Gv/NfUGeuTdmq+kqHvSgcmozB1ixygESlfcpxvdkqC3u+"
    "pC1mAqK2YodUELVR5uqlbPvtOzD2d5CNCoKqfPQPU1pTRlAVrXfLro4iCwjKFgdl/dXqlg"
    "HZbh2X00sFY6PR1KayQkGwUbEfi8Uh8zdj01ijMoW85e6IY3Vvzlai4LZv/xE9EmowGzmE"
    "z7Gug7BNEAnU2wi7iI9FRS2hWnos2oAF0Uo5VGEX1qpdWMI3ytXS5vIr6T5aXBr56Nvg9A"
    "Q9kckdHQ0uBr996X/m/fKJRERJ7ui33/ujm/71NW8yx64jHtkKC676K60ECOtWWknbwdq2"
    "1NrWnwhD5rrshi5jCNu62rd13qso65USaUqRKWQo6RMcfNKcM/Yw3sIB2S7AERVy7Q/h1I"
    "Kj6LTq5t8CDZxcAPTGT0hvQL5Y17yuSDnIiBgs7LhjOV2Z7rqC71X2kGPSHocrnnOH2ONQ"
    "7Fwy+pg0ghTrdPQRuOGtaRrIgoIsqHYS72WyoFKTAQQzDjmYESQD5cc0YulCG0MbQaJSuR"
    "CHONzANAh1+XoKPRv57KwISrg99E0Qs/3lkn9vcf5seNaBQxwhDnouFWQUEWog8cZWH51Q"
    "a+8lQh/in+SHS2yKLeHzdBDkzzDVJrwLMZF9x0QqEO275dib3O41HNCIPwwaMKfMOgh1M6"
    "XjTWdp4bV2+ChtB+GjMmgviIvF3KITOYrbQNCo9qDRxGLTB6J7EmXMCg6f1Dh80setApWW"
    "tAQSrc0kmqQ9RQLYilZxtcIc/N1mfz9xDLnF1GJOpWdbZQ8eb7PHIQiav4w8zHAYBEF/Rq"
    "+XCYJC9KbO6A2jIldRygB1QzhZ0y3gPZyXowa6capUA9mUGQxaSEdpOoKjGrU1gNq9elpp"
    "YFPP6mZ049NmDQifpbo7yGl2c1A3+65JIM2/B7q8vbgoV+ASiuY0Vw2mMGKbqkWoiNhmqx"
    "XmR2wVZRJLJKVRxJaEBtHSb2RyI4g8V+TRmNO5KN8x5U5Fz75T/onfn6M547/Mv+nHVnto"
    "RV3TQqaLyI+lyT9fkarWzOfc0Ts6mhPZmtjIJvf86pw46LtDCOX7me+IUYTRnGDbnfCt7U"
    "f+hyhDQpkbtjb4t3Lnpmh3T56QaObc0QmxGJ05yGX8evD13Dl2kWGKFDpqINNBfHJiIu/u"
    "mTvnv84vTo4ma96SIGdlP5qPzHaebww3+z9R/FMAoIgzR5chwLy3AHPMTaUl/JFJB6Oer4"
    "4/lIkwH3/IDzGLe+kCEIZmAQhjx1HOneFb/5l3/sSoSxHFzDrIDx0uH5SlAYEQgr11m/fW"
    "+1FHBltvxSI7tivPX13HWYAytR68ElHIxdYDB1WsIkUFPI5ND+Gpzfhacs6eCN/FIf6V10"
    "HdBrHCJGuhUFRVe6ilT8UqNKtpTKq1Ao0cb/dnSlBsOuMoXzDKp5Entsjm0WiIhZZSd9J2"
    "sMjd6yJ3jxK/lvExuyhZ0ErJ6i7LwjadEQwayl2O56XN7k2LjHV1lGk70FIm9ht1aCmXNr"
    "kntuAGtc7TTpmBY2p3DMh18meswxRugFznZ/R6GblOaq+j6fmsNXi/Ld4v88wntssaCQ0J"
    "ux2mNAT7gIPNaBCPwF+Mai384zY7XPTfjs52s+6vP6bAh6dLHMVstmlQB1aQpaMxpi1MZy"
    "tfZlF2TMdtdjimCd3NkH5VhjV4lc8avMqwBgFgY4etbNWhk5uxjpl2jjuoP7EYwlZQhaZ9"
    "oEIVGqhC01JMq8dZ4ThqXRUonBq8BWBxtfK2I0xP3n2QcBFqM8sSR7XWc4TwIOyvq4jh6d"
    "wkj6QGyPpRT10Fq46Tl8XEVfb05YMBSUt9lAl45gN6RcmI8f+Ug/U66u6wtBKlBp+oZ14w"
    "9spDdUGwzdG5CfrrCFaaorb0AkIhblOsMfJFbl7mVqr1RrGbSMDgkyZ1kcVmJ+Kf9hotCK"
    "YcgvuVhURuxSxefA8ZptHzMiQkQyJq8/mnnMu8Cm+KyirgmvygMrK4WGJbDCRvaPaKBG7x"
    "OyBu26u4TeW4ssSeyrZ7CqxXL8uRqUVsaoZOjUOnKw1S2YIKJRFMqEWF0kol4h71nj/74S"
    "Q7nYK6G/P3EwA1ufikVaOVRHbp53rCGxArqhHMhZe0rwlo0goq3WRU0IJ608Q0aQWYJjGt"
    "UDkIqgaVjmZChZtg8GwIu2lVt4E4Zr21mPwZsgZMr6OeDnIy3Qhr8mWSUx5IsQ6oAdvyZY"
    "AOFNvk4ke79FKTec7xGEIOHRwLMWyggmOxjc00sDiBRXKt/IFGc+wgS3L0BsITtnITtOwz"
    "kbcsyvAs+R/iyvMs2bt9d6UynemM4yjifWNnysc58LN75mchf7C1BKHkYYmjCuBtIG8Do3"
    "Y4RXxeZ5wyY9jSckhoAM6o3RmQYdtSx0zIHD+ajK9osCuqVGi5R2kMTqrdSZm1WMZH52Rq"
    "LrCldpPKPO0lz/6F309Tnmrq4N8Ch5wPzoaf+xfP3vaOU/lDgWPeZKJRS2YqBXO5BylHBn"
    "CIciYpizyqYqe5WIbtdwflq0OBUiQ5+znuijlgc4J0zBbSo9sSKg0wKkqOP6z4OHh9s9dL"
    "FcJoTWBnM8VyGGEdHepxUwgo0OQ2HwBqA/rbh3/qo3ITyS4KLjedDFNwmHe6ZYkClu5czD"
    "hoQtwnQqisNBkSrkI7iyUxy7w7vhBMVbSycj+ailwhLV/Jnx0rjwNs7n7Z3HZqCrtU3TAa"
    "9lmAB3S1yEzbSZVZaL0zrI+iQjYaeB/1z0bDr4MT5Fnf0bOLq5vB+QnyTqW8o+eDi8FIXP"
    "DPYEjPRKWUz7UXNeAf55IfitVsPtsUMwGOqXaOCY74bp1LYNOXPz11eNN3UNUPQQpfX/HD"
    "QDxTsfph0hwe+rb4v8xDH/gurA9SkizP2EH8IU2aQwm+XZbg498NW/ItxEf7fLXAiiPBCo"
    "FXdwA+qOQD/TdJ2raG10g7paxtf2soVg3Z1wZHXfzUjI9vFtiycl8akVWlt0XL/Om/L14f"
    "v38XvirEH0VviZvP/YuL7INzT4ghGOosoCPyIwfMuE0XTnYpejwG/xgVb3LDp+Pi6vK3oH"
    "l655s6hMRjpSpMVUlLmKjaPFHNRczHc1gFT2etwdtt9nZ74tbtdSokJLYsIp1XCHRl20I5"
    "ea8qaNtoDdB2TlDFZcx8PmLLKnrl0+QOZWjq1dDTlEMEcCmUEDEk80UQsfzGzfqHK0qQb/"
    "ARmXTCB7MhFAoOwjZBnh9kutkzefymH7TuoeAQRGQazxF/mPj/yWLJXEKn66w6orFPKTpq"
    "PhZgD49sjCU0Zk+ej6tHcs7ydAg3sL0B3kPBn6I3KIQG0oy2TmPNnzxpk7COYhV5RqKDNk"
    "N+NLw8vbq9PD/hs9gdvbod+X+xlZue9Mq44kMJT3zIdcSH7JH3idmpklAm2UWrfXF7M/hy"
    "IgV2d7Q/PEHYvKNnXwb90RW/7Ffiv6M3/7wZDT6fIGftuGRRxUv1y2Wi94bGCyBhBEVzFA"
    "IkVawtn+qLmbR5mLeW6gvWUvnTTXGQc/dzzFEgODvElywoulqn6FJtKzQehBzzLoQddnGg"
    "/EHJ6UBYVYuwxiCWyffoVQNMCVsIOrQ56CDGcAUnx8zAv+32r7Pkv44vA7krxgud9HyVaY"
    "ekD7VJ5bApmOt70yBUdbBnYZGJjO3WFSZaBnaJGhOvNWpM+C+X9Xi7PCVFNy1eDh791+3g"
    "VuQi8Q9ZieSkm8Hl6AQ5fFctE5WGXwdf/FQl7817R78M+vyCmKXv6Kf+8ELcvsem1ZZEJm"
    "LbzOYOMbS2tEmrFnus4gL+9XEJnF8f5+Isbqlwzi3Fmc/aZAy7gPauqRuoK18v9ZgOG5ZF"
    "VWEK8KbgtcnSWgv1uB60KTPgy4vPeE4VTthSjNTR40t76dOes48vlErfdan04EGvAdTO1/"
    "NOTYraBb3bcTj0gYCfGaXm7oR0hwgRW7kT9mM7hK5kH93DqUm94TmbruRB0ArBYXivV6Q4"
    "NOKtSpRc8g8pDcw+ItN1kB+OFyXw52iBH4iDbPIrNgxx1qk82pR/NSRqnyOMKPuVLVVVmO"
    "rsWikufKDsySLGjIwn2PGOQ/V6H4veFarCpEGwHLXZVBx8RmcxpgdEg60RDbqmqzrqOp8B"
    "Cg06ISVJaxnKiRmK1AzZIyJBsLNr1sebG3VGdWSxQ5FOUzNFSpPwstSoFs3yVQkvs+NaHs"
    "6xxPwzNHBOGHWB0MyctFzyqOXCs5bVWOvKzxJG3cO6fuGZBMwx/+ILmLWr3MKYs9xYrcK4"
    "Q6Ha/zg+fv36/fHL1+8+vH3z/v3bDy/DmG32VlHw9nT4m4jfJnySDegmVpoaQz5t14m3Z3"
    "LYv3tTYti/e5M77MUt0Fu2XG+p3DVVCbMrO9pdZdAloYZfskMn2n49uDwfXv52gnz7O3r9"
    "5epscHPjXQx/kxdl/6cXZl+3M84e84CM6OrsA1S2XXiR73o/IE/O5EBmsS8uOBO360yBsj"
    "oKzpDFhEhSacvpSdUPzE67zM8qcF/OTrlxRyne95UqTFfdw9VfMxoE/D+fgP+wyuHudkNz"
    "mF5XqL0zoT1/9q/k97QtyPrb4+js8z2dr+iDdt3blFVnFpW1SfmhrN7P8PBAWb2fydtKYU"
    "DZwL5aVQDa4UKVa1a7saVg8I+gw1O/v8NEeaNuUDnatijCJ173W2rhAmXSmeirQ9DvROrl"
    "gVag9wpR3Sz6Gk/DtiWkXzbhsJBH0QlammRKELtHOKbX+h6RX6bxHZmOVHCZBjIpOpvbbI"
    "HPT1XCr/o6Vsq+4hI3b7Uqx01G7wW6rb3qtuKu0d1+hFa72340H6GubQcCeq2dx2fmBAdE"
    "fFkaOmbSOcVWIzJElz0Qqs1XpKyAr0jPFiCeaJ14Ir780ZlS0nYNRdr3d1ZtI9WpItTk0r"
    "ka4KFp5+byV8dlSp/yVvnxxONM+VML09lKWU4gH+y4TfdQ/sljthC+20xVlqq6Fmz19Tax"
    "KTNgJ4vZyTjFsCUvGU/bO0xoN1KSqcGlS0Y2ybIlWWEFy5ahjfNZtixlXYZl84tf/yJSHy"
    "3LK60u+LAANOejOH3Bp73ibeaM/0AvZ1JytCqmrd7OFWxbJoXS/0Tf1aYz9oVPkCW5X7ZN"
    "/l9jsRW07wQbtINNRPybZWDO591SZh1Y1u48U5K44kxNRYgqn76I2wB9UTt9ATuP/Jmouz"
    "sPkIt2zetl5KLRCi/j9E2nvEd2OzxjPFjcHewR41EsXzMQkjWEWEgaXJe52KqcQK2y7gzG"
    "O86fBlJ+96R8tP8f624XFaaAeRnMvcGqOlZ40wAn1ZNpq6EslgEHHQxhuse4Ja2AFN9QmN"
    "ZDqwZO/Czq6TCB3VyONjGyqstzQyJXsVKpoNDtEOLZ9HmsOrlEB6Vrr5cSILUzFaN2AXOi"
    "UrIC3M+YrkdM/Lfkg1+xVPJmCn8/j7z8VeNURMn/jbYYbsQI7yajRx6YzJZueCBrH2N/vg"
    "gd5N8JbWOSf3dus9VsHhhmg1PKSYdfH8fRD0dJbgQteCgUsbPY85IfNVvGGmmFy3zDj+j7"
    "vcWehF9NaoqGUjAuSoUSw5Qfgwwb37s9JAqAiyLI8iTze5v9RWhx0Ky+jyg8/FycRaI44j"
    "zxioiKFkBMrS0xNd2jZ7Y6dKZt792ma3pBwBIClp0MWKZeJVnw8+OWCtPdhy/3sy1tJFC5"
    "XemnfRR8kssMzSfh6PxL/9PoxFui3NHr29OL4c3voo7TcjXhI2UuDnsTYA6/iovYns756q"
    "Il5Z38BZVGnCNm0RnyvbYAB6glWjcJgVoif/QfZtwc1BI/o9fLqCXCF26V4lopW6gY0x5H"
    "Z59v0MXsWBdDqM0sq5IyRmUKS8c0wHAQ7dZUIsSjGwW1VVW6DufdChH/tkT84ezZ5s6e3X"
    "tBuXZOCDXUk4PTaJuUrkSL03rUK4Owvw5NDCrKuB64vkZschexwtO5SR5JDcOrH/XU0ScR"
    "U2ytXXNaz8Dq+711aWQ1mamfnb7yFUfJOW6j9mhMku03y5AoItRAK/4CEiohC0+JKE2JA8"
    "GQQlVUxkIpEorpo4S1QigkLidVQiAM2q8w6PDiypWOpznqn42GXwcnyLO+o9f92xsZV8Z8"
    "TBp39Ozq8/XFYCQuTdliKavb39HzL1fX1+KaYbPlUly5GflXHFdeST8++wk9wxm8MXhfH5"
    "eA9/VxLrziVtkjzfJD0QXHmUEouoZQ9Mq2BQvuuGSpM+7Tdl044W8HErw4bFXC/1lziAm2"
    "OSboLTMrBX9TphD1b4vjy2g9wrVPlYc8ZQtPeJufcG/hW0XcETcEHx+Aj1fUNRVlCUq5Ob"
    "QFT7fZ0/5utMLjnLQEL7fZyz4LUeW8Phu8fChetrDjeso6011X8LXKHlbhbRkCZVbhS2Yq"
    "g1y5ssDIAMSAaTFgEDnRiyckrUC/lgOqH8CuCG7SGkBOgRyLlpVFNmYCcBYrAmPRyi3lVe"
    "WLrbQU2I3KquRsuFnBlnrA68O4exqXPKiTc+NmyGXEfXucB9S49XvqKMCxKbJ6MStnOifG"
    "SrDcDqHGljKbm6CzG95Xh5BPMRRkuS1OvIvrWFi1KzDtQIsUzJv5QqTYzLpZhRSb18tUQg"
    "rzAXt+oaFAS4SiChEfUUw+ivg0tUaMysJF/oeJf6/RhMywshRSI5+xSeYU4ADn9bZK1HQg"
    "lRiaJEdq3kRXKwID9V+g9AIQgdsQgcBdAQ/Qor1TGR6gzPYJMoX2vS9I7jkV24LMpjR/V5"
    "DcDJfbFFyIPD1bHPAXWiO5lT6Rx/zZ7Akt+f1n0UjpIbGF7KEH7qYewq5LFkv3eQ9Rwhdv"
    "yH1i2V1BUx+i3BYkMzOk0tF7TERfEhSvN0VaRCSjN3i32IWsiL1nRYTeKy2oj0w6WNezkQ"
    "MlggejLMRB+y7iW3tKSDDbZPDN3QPHLCCKnNkAexNzBs0NspvQqoP7rgPZZ5XUz7U7DS7r"
    "2KMlX8gI9+h59+h6cHk+vPztBPn2d/S/bge3IqONf/ZKprj9MfRT3B5ML+ntrH95Nri4kM"
    "lxAgAh708vtvYzy/Gtv6PipPJfIpFF5xLfmsn8AeLpJySevLmggtMThqAzbfM7L1ZLUG9X"
    "mTEEijE1abKVO2E/NGFNGEE5t0LSNkm21MPbdpJE7KUY3Myzu1lZ5I3LGnC+kh19Jo6DZ4"
    "c792+EOPEca5cfa5T0jQtoVJxvSmBTQPkKtite4mAz4/ttjl00511ypxtCdyEoWNGP4GfF"
    "v6OheYL4B5qPxF73EKbOE7F7fHdi/oWcKR9zWZ633q412F3QfQBt2673wA5o2yKuJA/kPf"
    "Aj/nNOjKbGcNPcRvgDqhCPKVvYibV5JwZVF34WT3tLjqyP80+xiyy6UKqoyJdNnGDnx7R0"
    "cinjJhAHS8fB+CrZJlPFLFV4VEjMqtpBIYczjGs8J0RuSRTvAzI1F9jKWWoFNun3gGf0wj"
    "fuFOTng7Ph5/7Fs7e94xSmwQzy5mWmpB+kWNc4KUCM6CeMEcG5cF3zumIJW1DkH6JGEONo"
    "JQFfMsaxHw4+fviAgoJPnU2Qz8DjVMON/Pu1XMAggm1Bkt8zG2Ff7Iw9Bty/wqeuhyzFrm"
    "2tYNGBLG8TWR4bQB5sGczzCV2V7c4qwO+OPX/5sgyn+/JlPqn7MrPxiEMnfJOFPT+fUmUL"
    "tcWLSaMKuZawN6w1c9hYLccPZK0zvySMauE9N8/pO5tWQKa5W/APcy92AOnBh8MQQtG1lu"
    "xpoUpVMHi2rVKlmAfqowkO9uHfJoN93+q8U2zItVeGE/Bu9IrYgEnYpEQ5JtmY79b9c369"
    "AknE6aEn053zv6YW5o43H3kb8at4O9MltolVZZe26kuptIud1DzlP1SRLp08n9h0xv6RYJ"
    "A1vV9GQbpLY5UftO+g8O7dmxJL/Hdvclf44lZyXSL/rwFu0L6D4DaygYp/swzM+fKclFkH"
    "cgp3LdEJ3gg6RFjcBsqKbUF18a/J14c60EcWwDzW7o5oLZPxSKG+KmFXTWFVySHBMuZgJV"
    "aHRZuBhqEe3gyUK13zehnlityAct9N2UolqcgXBKftIMiTnkYnTFcNFFkAAa14JTFdDjpp"
    "BTR0MQ0d45i2JEzPop4OE9iNjGlyZG0mo/mTXQOup6zMpNrOCWAjpNHkV72EqnwrbVk9Vc"
    "RQQnK5I8O30aqpF1L/Zt+42FUm0Cfu94oIe8trOXbCpiWIe9/oFwfZK0o5OshlLm/cQ/66"
    "FJkUETydI3dlU+Qwj553/PKlfHqcYu+8A/43dZHFZipOv4mPuaN39AuRu3ZxPsMieRs9+8"
    "6fiRdeNy9k7EsC8/05epoTiham4/Dv8RF9Z0+UL8W8ht/5ddtmtnNHRW/CjH/ncFCL+q4O"
    "evY0N/k3lYc9iFZ8hThntumuT7yIhPh5poO8YS3LwYp+EKaG96ueg5qxLS/0XkHsATRbNS"
    "7nF16JFkfUc9bZKWXsANpMTp84BmkcJm1rgKuwBHjT8Aop+l98AC6x42ihmzUEcPPAlTmm"
    "VcCNDAFcFbgeQGNnpZLyWAwXwJs0TcF7L2wbA/hFUxAXpfxe3Z5eDND1l8HZ8GboR2JCsl"
    "HeTFL/Xwb9i8xULJJVxgZe66wbUlYwkNMDOTp+nAiU1Ay7GluFaRHFfrAEgXJE90eDFJL3"
    "NiF82tSJzsZMIDxbe3g2qrXjywi1fKO2boebxOd1xk1xjkDHQWk7cE3troHIa/57uLuR1/"
    "bkVOw1DazGUJaOQn1T9sUVJSPG/9N87kUb0K/5fPCtwglR/EURS0gEZ/IDCfLrVpD/+5n8"
    "kzXCFBFqSNrb58RlEd0pN36ac+8KTt8rrusg98mcKgrw1tWpMiEgGLXej4SSu63i3T2PV3"
    "ifJwwh67Qlb/My6rlAfD1eEIXXN4u2A7t2LK87tUGlzDX5hylmvkL5cNxsh+rh8MrByofl"
    "K0lX+RazAZ0WZF/vUPYG2dd17QEyk0ANsHZNiZUGNT7xtaoi28ow3Qs2O1KVYwvu9QprsY"
    "lWY8tvVuIkFIamc0z5t5GboRNxKLVjyixpthSu5w0dcY5JmFf9i4PEElx19MlWfW3WNaXT"
    "rWN5L5Bvvd+9lxx/Y93E4KRVB9ODGynbZpMp4xON3uEyCaMOpAY3neMeTlg6ICeMujicaz"
    "9YhvFuHrG10oyOJay22rwfTlS+mV06eaqAf9IK8K+OP1+c8eWMhE5jnkla7XA2jyUrNT/b"
    "vD4uMdu8Ps6dbcQtFdp6L864TReOvWn6xQlp7PnQd5mIh0xRyBRtD8FTJlN0PxTPgM74DV"
    "E3+zPhv3V6pKB6Mm16RZQPCVuLcFbQfCP1c0UJMrBprZFcygXn03pd+GX1g1J6z0QOGpOm"
    "2OIWouGEuc+zJFBtvW4qyOf1GC6CAhGuwV8N1BFEk6zZvKliX2AW7w24pP1ySSnPll2opc"
    "zgDIBSZJKPmnxYFQu2ovPd0qZbH/PW0peNUiLvn/P26o3GQW/R3KSz2U5agVKh9j146pWh"
    "MeVkLTtI+tW/RQxeumVzcYL2WybgtGxy10vAgW11/nDt7rYailltu8wEigIoisOlKKCYlZ"
    "6sp3IxqyYZH/8giz7F1tpVEz7pJr0ivic4NwLHW1ele/zOAoLmmag6JMp7iGJHNkHfoyXu"
    "dyS+tINMDdqneu9K+id2uEg1+geYHWB2WrH4B2anDS8UYHaA2QFmB5gdYHZaOly7y+zs+b"
    "zMtnm6ETZiH2cRthTYbQ4j3PP2+VbU8RzxZ/TB+52K6gTxBr3iCgW86diNt924cT6X21pp"
    "ieS5C8R2ZHHeUMbQHyJTXMZyLeX0+BaXzykz3pdI3nIU2+Wa+tykkfB/bnyPDDviVu2Ikx"
    "4quzpNWsF+uNR+2AMtZzt8as5yyyymDHdXZrFJvL1Ki/9xfPz69fvjl6/ffXj75v37tx9e"
    "hiUXs7eKai+eDn8TKekJb2Rz1GF7sGEmge2B1iDu7vYAgpUQrGzT9qC9euqrlTthPz575f"
    "6PFNuDZIPC7QGTTceLWNvNRcwokmYraiDfED1h0/XOKkETIrLg3R7/h7ji/Zsv8O9Najpz"
    "YnxEUwvz6ddAHN+FORVCaEVRs4Y+pEzOvTj9ZCVxsjCVoFDyw+VvFZcsli4k3+9mHivaRI"
    "iiC5RYOjuImEkHie3685RNgw925hI6XeuGEhSm9UC+1xKWOzgGfYnXFsOKGSQ/ohYzgbO4"
    "twiciandUm7W8rGP20BKeHXso/dtdoYZ0NUisyZNeCGy3mFa+JJQw+dTNTxwdD24PB9e/n"
    "aCfPs7ehNccWJXRvJP945+6g8vBufiG5gWMe7o6cXV2R+D8/HpP8ffhpfnV99O0MRi0wdR"
    "OX09fuJfmT3d0bP+5dngQhpOBWSW5VUX1J7jykRLj/OjpceZaGmwnkr6eUjdzW4OTFt75o"
    "dgfwZf+mej4dcBN+aOPPt9cH4r3fCqJPweR/X6+P27kJUSfxTxUDef+xcXWeLJX6zqHK4S"
    "N2ktyrp8X33HsvEnowKoabPdAfvhQIBN760y2BZzfgrzDhJ/B0L0BZgUM33ezrwKv5uwrM"
    "HNh7PwOlgvT7S2jkkrqD6zWYAmj+0i4iTeLM4jPjeqcU5adQHnomdn8I9R8aYlfHQuri5/"
    "C5qndzJJ3Dm0xKbYCrhTzSJLOeYNeaJjPAlECPPR726EEI6v6prXFQuJzPFVggip4PKYGa"
    "wT2+Pe7FO9p4Tvtj3BNWV8e0GuMZ5KjaWumEJpDSBn0szyF3z54Bau837KUgUFQpVdZn63"
    "dJBunfpdMC/UgO2Z12M/6rCjMKsnxc2QxyQ1W0IdE/Ic5NSwEeLk1JiAln8FdHl7cVGktY"
    "qtFadzYqwsvtIX0TQFTX/qd/Dpjy/Eyqtb78N+E3R2w/vqDvh/NylNG9JiZVrifq9ImGbS"
    "Kro0/iP4OpP7TJzIIrqIycc+IozclU2RO8cuMkzeYo6t+1+f8BqZDlqaIoyKVkuEZxwudG"
    "+zBRI1G5TatMY+SJng4r8OYxImFX2UrfwZE7J5QWI+gZkWqNdAvbbv2alp9VqL2Nl2Qw86"
    "tp28hkFLtQMt1fnV5eAEGYyStHIq/Qrfz6QEmpyapSOJVU0G1GKCOG0LLHGbWWKIcu8nym"
    "2TKTEfKwXdUqYdjLp16QFb2mzK17qVPJ22ham0zZ6GgBvELdoct9hPUu2QPpou9n+zgrcM"
    "7/aKWctEu82UpagZ+6uYE/n+lj54jOECPxAHPc0ZeSS2OEeaiiKxCKMFWUyI/ZHbWGv+5x"
    "w7c1F21nQd5LIHQgW7+ECWroKxbO5z4BDrA2YipTvHwsE67FjSqnOpnfVrdG1m5VQ72kzJ"
    "BLZt5h6Pvg4H3wZfTtCjSZ6IfUcH58PRFf+bGCZ/7u/o1bdLcZs98W/bDi6GLLCKMyighA"
    "ODzh0lDhJdEGsm2lWX6JIfS5P3VsHrScsOev1AvFxqC4mnU778q/R0p0yBKmizn23yyB4q"
    "kn9xS/Bym70MldcaEAlLJsAry6C5lU0bglQYatrtsKadehDXAO81sR2PFzvIUbsR3MyDqy"
    "1kbZLf/Cw5PWduLo8U/Gbsbq+I31wk25XgN5fS6784SPAYyKTykCx/HPKrT8x+cJZ4qlJZ"
    "6tkWVQYPZlLZn0oqCTTkXmlI4Mdax48Bf5MPfXf5G9gKNLAViF47GpgmjABS2APsaw+wDJ"
    "ftu1r/HyqyiUe2TdoGH3nFuj/yScHhu1GbEut9i81Myhc2IlrWQ9ieMXpsGmiJHYev1w0p"
    "JuihOXtCfJXur/CFnsDhlyjC1BDXTRtJrcJffMGv2hg08yGblQywTdjrNmHfMdsWaRQaSt"
    "vxnh9tQUjGsM2bsTYhbpjO0sLrsfxbA/C0Xec0CY2chyWm+7GY7nWgThjtEOfb0dluoK5f"
    "7gTcQT703eUOoDxb17yuiB5nyrPJFCu5Hq/g+IwxCAXa42rvCc+wLmXqsEQyeEdUYlGMC5"
    "1CLEnx/UG6P1uFJVkqKIiqbVmyJhnGO7BJshRUDnEcMay2w+nGXRkmu/H66hJUTbJIN+aM"
    "DuknvqNe2eRIQSYlG/SKOCWHNx3zWf8+1rgEueQl8yNh/atJe+iBrPmfkzXyi3NJaof/Ob"
    "VMIv4yDD77OT10z2zkzm3mupY4LQ5PbeY4KEhbdFQUU5MfVSZlxj83q3KuTNHxvkr+SVFO"
    "wJ9L20uJ7PBI33xWSvNwtFoPRNv3uhY2krCubHxd2ehLLbESUL3U0kuFgpeabDp2Ym03vt"
    "OuKJHvGGLwtwya2OzJITbyu/gowxdTxh5MgsT3EvmZPe+dxFYuEjUORcameOfMGDOy77H6"
    "uy/z7koEwngvkOvZhugJTKb577HD5GcgI+unfoUm3BzMsrpOjtkB+dZmD4OKrGkVGSidDl"
    "7p1Ce2OZ2r1vH+ncIFPI7abFq450Nas4roZyFxtqwJmb/sfeRj1VQ91vkUTcykgzRNI0IW"
    "8VBpIOw37yC6jQhX+Ce6yjBafj3lmAnUU9asp7xXburv/wP2g6Dt"
)
