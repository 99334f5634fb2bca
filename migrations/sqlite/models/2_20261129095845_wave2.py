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
        CREATE INDEX "idx_program_enr_user_id_ce10e9" ON "program_enrollment" ("user_id", "status");
        CREATE INDEX "idx_outbox_mess_status_836573" ON "outbox_message" ("status", "lane", "next_attempt_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        DROP INDEX IF EXISTS "idx_outbox_mess_status_836573";
        DROP INDEX IF EXISTS "idx_program_enr_user_id_ce10e9";
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
        DROP TABLE IF EXISTS "invitation";
        DROP TABLE IF EXISTS "widget_presence";
        DROP TABLE IF EXISTS "learner_stats";
        DROP TABLE IF EXISTS "membership";
        DROP TABLE IF EXISTS "sign_in_failure";
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
    "a+8lQh/in+SHS2yKLeHzdBDkzzDVJrwLMZF9x0S2DIfslm//aUIh8cdI6SD1s5Aya7Nj2h"
    "QKMUxnaeG1duApbQeBpzJoL4iLxaykE3OK20C4qfZw08Ri0weie4ZlzAqOrdQ4ttLHrQIJ"
    "l7QE+q3N9JskTEXq2IpWcbXCHPzdZn8/cQy5xdRiTqVnW2UPHm+zxyF8mr+MPMxAGoRPf0"
    "avlwmfQtynzrgPoyLLUQoIdYM/WdMt4D2cl6MGunGSVQPZlBkMWkhkaTr2oxq1NYDavUpc"
    "aWBTz+pmdOPTZg0In6W6O8hpdnM4OPuuSSDNvwe6vL24KFcaE8rtNFdHpjDWm6piqIj1Zu"
    "sc5sd6FQUWS6SzUcSWhAZx1m9kciOIPFeEnczpXBT+mHKnomffKf/E78/RnPFf5t/0o7I9"
    "tKKuaSHTReTH0uSfr0hya+Zz7ugdHc2JbE1sZJN7fnVOHPTdIYTy/cx3xCjCaE6w7U741v"
    "Yj/0MUMKHMDVsb/Fu5c1O0uydPSDRz7uiEWIzOHOQyfj34eu4cu8gwRfIdNZDpID45MZGx"
    "98yd81/nlzVHkzVvSZCzsh/NR2Y7zzcGqv2fKP4pAFBEqKPLEJreW2g65qbS4v/IpINRz1"
    "fHH8pEmI8/5IeYxb106QhDs3SEseMo587wrf+0PH9i1KWIYmYd5IcOlw/K0oBACMHeus17"
    "6/3oKoOtt2KRHduV56+u4yxAmSoRXnEp5GLrgYMqVpGidh7Hpofw1GZ8LTlnT4Tv4hD/yu"
    "ug4oNYYZK10Daq6kTU0qdiFZpVQybVWoGijrf7MyVFNp1xlGkYZeLIs15k82g0xEJLsIzd"
    "7zJ2jyK+ljEuuyhnUCRnzYklNC9h3WXJ2KazhUElucvxvLTZvWmRsa5SMm0HasnEjqIOte"
    "TSJvfEFuyf1lnbKTNwTO2OAUFO/ox1mNIMEOT8jF4vI8hJ7YI0PZ+1Bu+3xftlnvnEhlgj"
    "ZSFht8OkhWAfcLA5C+IR+ItRrYV/3GaHi/7b0dlu1v31Rw348HSJo5jNNg3qwArycDTGtI"
    "XpbOULKcqO6bjNDsc0obsZ0q/KsAav8lmDVxnWIABs7LCVrTqQcjPWMdPOcQf1pw5DYAoq"
    "1LQPVKhQAxVqWopp9UgqHFWtq/OEE4W3ACyuR952hOkJuA8SLkJtZlniGNd6jhcehP11FT"
    "E8nZvkkdQAWT/qqatg1XEqs5i4yp7MfDAgaemLMgHPfECvKBkx/p9ysF5H3R2WVqLU4BO1"
    "zgvGXnmoLgi2OTo3QX8dwUpTtpZeQCjka4o1Rr6MzcvNSrXeKGcTKRZ80qQustjsRPzTXq"
    "MFwZRDcL+ykMiemMUL8yHDNHpeDoRkSETdPv8EdJk54U1RWY1bkx9URvgWS12LgeQNzV5S"
    "wgbitpaK21SOK0vsqWy7p8B69bIcmVrEpmbo1Dh0utIglS2oUBLBhFpUKK1UIu5R7/mzH1"
    "yy0ymouzF/P8VPk4tPWjVaK2SXfq4nvAGxohrBXHhp+ZqAJq2glk1GBS2oN01Mk1aAaRLT"
    "CrWBoC5Q6Wgm1LAJBs+GsJtW/RqIY9ZbbcmfIWvA9Drq6SAn042wJl8mOQWAFOuAGrAtX+"
    "jnQLFNLn60iys1mckcjyHk0MGxEMMGKjgW29hMA4vTWSTXyh9oNMcOsiRHbyA8YSs3Qcs+"
    "E5nJotDOkv8hrjzPkr3bd1cql5nOOI4i3jd2pnycAz+7Z34W8gdbSxBKHpY4qgDeBvI2MG"
    "qHU8TndcYpM4YtLYeEBuCM2p0BGbYtdcyEzPGjyfiKBruiSoWWe5TG4KTanZRZi2V8dE6m"
    "5gJbajepzNNe8uxf+P005ammDgUucMj54Gz4uX/x7G3vOJU/FDjmTSYatWSmUjCXe8hyZA"
    "AHLGeSssijKnaai2XYfndQvjoUKEWSs5/jrpgDNidIx2whPbotodIAo6Lk+MOKj4PXN3u9"
    "VCGM1gR2NlMshxHW0aEeN4WAAk1u8wGgNqC/ffinPio3keyi4HLTyTAFB32nW5YoUenOxY"
    "yDJsR9IoTKWpIh4Sq0s1gSs8y74wvBVGUpK/ejqcgV0vKV/Nmx8jjA5u6XzW2nprBL1Q2j"
    "YZ8FePNp6JH1zrA+igrZaOB91D8bDb8OTpBnfUfPLq5uBucnyDt38o6eDy4GI3HBP2UhPR"
    "OVUj7XXtSAf5xLfihWs/lsU8wEOKbaOSY4xLt1LoFNX/701OFN30FVPwQpfH3FDwPxTMXq"
    "h0lzeOjb4v8yD33gu7A+SEmyPGMH8Yc0aQ4l+HZZgo9/N2zJtxAf7fPVAisO/SoEXt0B+K"
    "CSD/TfJGnbGl4j7ZSytv2toVg1ZF8bHHXxUzM+vllgy8p9aURWld4WLfOn/754ffz+Xfiq"
    "EH8UvSVuPvcvLrIPzj0hhmCos4COyI8cMOM2XTjZpejxGPxjVLzJDZ+Oi6vL34Lm6Z1v6h"
    "ASj5WqMFUlLWGiavNENRcxH89hFTydtQZvt9nb7Ylbt9epkJDYsoh0XiHQlW0L5eS9qqBt"
    "ozVA2zlBFZcx8/mILavolU+TO5ShqVdDT1MOEcClUELEkMwXQcTyGzfrH64oQb7BR2TSCR"
    "/MhlAoOAjbBHl+kOlmz+QBm37QuoeCQxCRaTxH/GHi/yeLJXMJna6z6ojGPqXoMPlYgD08"
    "sjGW0Jg9Wz6uHlEUNBOlzhzCDWxvgPdQ8GfQGwgwQICxv8mq+fMlbRJWS6wiwkh00GbIj4"
    "aXp1e3l+cnfK66o1e3I/8vtnLTU1sZV3wo4YkPuY74kD26PjEHVZLDJLtotS9ubwZfTqSM"
    "7o72hycIm3f07MugP7ril/16+3f05p83o8HnE+SsHZcsqnipflFM9HbQeAEkjKA0jkJmpI"
    "qo5RN6MZM2D/PWEnrBiil/uikOZe5+jjkKZGWH+JIF3VbrdFuqzYPGg5Bj3oXgwi6OjT8o"
    "0RzIp2qRzxjEMvlOvGoYKWELoYU2hxbEGK7g5JgZ+Lfd/nWW/NfxZSB3xXihk4SvMu2QwK"
    "E2QRw2BT99bxqEqo7vLCwlkbHduo5Ey8AuUUnitUYlCf/lsh5vl42k6KbFy8Gj/7od3IqM"
    "I/4hK5GCdDO4HJ0gh++qZTrS8Ovgi5+Q5L157+iXQZ9fELP0Hf3UH16I2/fYtNqSrkRsm9"
    "ncIYbWljZp1WKPVVzAvz4ugfPr41ycxS0VzrkFN/NZm4xhF9DeNXUD1ePrpR7TwcGyqCpM"
    "Ad4UvDZZWmuhEdeDNmUGfHnxSc6p8ghbSo46ekhpL32mc/bxhYLouy6IHjzoNYDa+ardqU"
    "lRu2x3O46APhDwM6PU3J1c7hAhYit3wn5sh9CV7KN7ODWpKjxn05U87lkhKwzv9Yp0hUa8"
    "VYnCSv5RpIHZR2S6DvLD8aLQ/Rwt8ANxkE1+xYYhTjSVB5jyr4ZEhXOEEWW/sqWq1lKdXS"
    "slhA+UPVnEmJHxBDveoade72PRu0I7mDQIlqM2m4rjzegsxvTAGamtEQ26pqs60DqfAQoN"
    "OiElSWsZyokZitQM2YMgQbCza9bHmxt1RnVksUORTlMzRUqT8LLUqBbN8lUJL7PjWh7Bsc"
    "T8MzRwThh1gdDMnKdc8kDlwhOV1Vjrys8SRt3Dun7hmQTMMf/iC5i1q9zCmLPcWK3CuEOh"
    "2v84Pn79+v3xy9fvPrx98/792w8vw5ht9lZR8PZ0+JuI3yZ8kg3oJlaaGkM+bdeJt2dy2L"
    "97U2LYv3uTO+zFLdBbtlxvqdw1VQmzKzvaXf3PJaGGX5hDJ9p+Pbg8H17+doJ8+zt6/eXq"
    "bHBz410Mf5MXZf+nF2ZftzPOHvOAjOjq7ANUtl14ke96PyDPx+RAZrEvLisTt+tMGbI6ys"
    "qQxYRIUmnL6UnVD8xOu8zPKnBfzk65cUcp3veV6khX3cPVXxkaBPw/n4D/sIre7nZDc5he"
    "V6i9M6E9f/av5Pe0Lcj62+Po7PM9na/og3Z125RVZxaVtUn5oXjez/DwQPG8n8nbSmFA2c"
    "C+WlUA2uFClWtWu7GlYPCPoMNTv7/DRHmjblA52rYotSde91tq4QJl0pnoq0PQ70Tq5YFW"
    "oPcKUd0s+hpPw7YlpF824bCQR9EJWppkShC7Rzim1/oekV+m8R2ZjlRwmQYyKTqb22yBz0"
    "9Vwq/6OlbKvuISN2+1KsdNRu8Fuq296rbirtHdfoRWu9t+NB+hrm0HAnqtncdn5gQHRHxZ"
    "Gjpm0jnFViMyRJc9EKrNV6SsgK9IzxYgnmideCK+/NGZUtJ2DUXa93cibSPVqSLU5NK5Gu"
    "Chaefm8lfHZUqf8lb58cTjTPlTC9PZSllOIB/suE33UP7JY7YQvttMVZaquhZs9fU2sSkz"
    "YCeL2ck4xbAlLxlP2ztMaDdSkqnBpUtGNsmyJVlhBcuWoY3zWbYsZV2GZfOLX/8iUh8tyy"
    "utLviwADTnozhjwae94m3mjP9AL2dScrQqpq3ezhVsWyaF0v9E39WmM/aFT5AluV+2Tf5f"
    "Y7EVtO8EG7SDTUT8m2VgzufdUmYdWNbuPFOSuOLkTEWIKp++iNsAfVE7fQE7j/yZqLs7D5"
    "CLds3rZeSi0Qov4/RNZ7lHdjs8STxY3B3sQeJRLF8zEJI1hFhIGlyXudiqnECtsu4MxjvO"
    "nwZSfvekfLT/H+tuFxWmgHkZzL3Bqjo8eNMAJ9WTaauhLJYBBx0MYbrHuCWtgBTfUJjWQ6"
    "sGTvws6ukwgd1cjjYxsqrLc0MiV7FSqaDQ7RDi2fR5rDq5RAela6+XEiC1MxWjdgFzolKy"
    "AtzPmK5HTPy35INfsVTyZgp/P4+8/FXjVETJ/422GG7ECO8mo0cemMyWbnggax9jf74IHe"
    "TfCW1jkn93brPVbB4YZoNTykmHXx/H0Q9HSW4ELXgoFLGz2POSHzVbxhpphct8w4/o+73F"
    "noRfTWqKhlIwLkqFEsOUH4MMG9+7PSQKgIsiyPK88nub/UVocdCsvo8oPOJcnEWiOMg88Y"
    "qIihZATK0tMTXdo2e2OnSmbe/dpmt6QcASApadDFimXiVZ8PPjlgrT3Ycv97MtbSRQuV3p"
    "p30UfJLLDM0n4ej8S//T6MRbotzR69vTi+HN76KO03I14SNlLg57E2AOv4qL2J7O+eqiJe"
    "Wd/AWVRpwjZtEZ8r22AAeoJVo3CYFaIn/0H2bcHNQSP6PXy6glwhduleJaKVuoGNMeR2ef"
    "b9DF7FgXQ6jNLKuSMkZlCkvHNMBwEO3WVCLEoxsFtVVVug7n3QoR/7ZE/OHs2ebOnt17Qb"
    "l2Tgg11JOD02iblK5Ei9N61CuDsL8OTQwqyrgeuL5GbHIXscLTuUkeSQ3Dqx/11NEnEVNs"
    "rV1zWs/A6vu9dWlkNZmpn52+8hVHyTluo/ZoTJLtN8uQKCLUQCv+AhIqIQtPiShNiQPBkE"
    "JVVMZCKRKK6aOEtUIoJC4nVUIgDNqvMOjw4sqVjqc56p+Nhl8HJ8izvqPX/dsbGVfGfEwa"
    "d/Ts6vP1xWAkLk3ZYimr29/R8y9X19fimmGz5VJcuRn5VxxXXkk/PvsJPcMZvDF4Xx+XgP"
    "f1cS684lbZI83yQ9EFx5lBKLqGUPTKtgUL7rhkqTPu03ZdOOFvBxK8OGxVwv9Zc4gJtjkm"
    "6C0zKwV/U6YQ9W+L48toPcK1T5WHPGULT3ibn3Bv4VtF3BE3BB8fgI9X1DUVZQlKuTm0BU"
    "+32dP+brTC45y0BC+32cs+C1HlvD4bvHwoXraw43rKOtNdV/C1yh5W4W0ZAmVW4UtmKoNc"
    "ubLAyADEgGkxYBA50YsnJK1Av5YDqh/Arghu0hpAToEci5aVRTZmAnAWKwJj0cot5VXli6"
    "20FNiNyqrkbLhZwZZ6wOvDuHsalzyok3PjZshlxH17nAfUuPV76ijAsSmyejErZzonxkqw"
    "3A6hxpYym5ugsxveV4eQTzEUZLktTryL61hYtSsw7UCLFMyb+UKk2My6WYUUm9fLVEIK8w"
    "F7fqGhQEuEogoRH1FMPor4NLVGjMrCRf6HiX+v0YTMsLIUUiOfsUnmFOAA5/W2StR0IJUY"
    "miRHat5EVysCA/VfoPQCEIHbEIHAXQEP0KK9UxkeoMz2CTKF9r0vSO45FduCzKY0f1eQ3A"
    "yX2xRciDw9WxzwF1ojuZU+kcf82ewJLfn9Z9FI6SGxheyhB+6mHsKuSxZL93kPUcIXb8h9"
    "YtldQVMfotwWJDMzpNLRe0xEXxIUrzdFWkQkozd4t9iFrIi9Z0WE3istqI9MOljXs5EDJY"
    "IHoyzEQfsu4lt7Skgw22Twzd0DxywgipzZAHsTcwbNDbKb0KqD+64D2WeV1M+1Ow0u69ij"
    "JV/ICPfoeffoenB5Prz87QT59nf0v24HtyKjjX/2Sqa4/TH0U9weTC/p7ax/eTa4uJDJcQ"
    "IAIe9PL7b2M8vxrb+j4qTyXyKRRecS35rJ/AHi6Scknry5oILTE4agM23zOy9WS1BvV5kx"
    "BIoxNWmylTthPzRhTRhBObdC0jZJttTD23aSROylGNzMs7tZWeSNyxpwvpIdfSaOg2eHO/"
    "dvhDjxHGuXH2uU9I0LaFScb0pgU0D5CrYrXuJgM+P7bY5dNOddcqcbQnchKFjRj+Bnxb+j"
    "oXmC+Aeaj8Re9xCmzhOxe3x3Yv6FnCkfc1met96uNdhd0H0Abduu98AOaNsiriQP5D3wI/"
    "5zToymxnDT3Eb4A6oQjylb2Im1eScGVRd+Fk97S46sj/NPsYssulCqqMiXTZxg58e0dHIp"
    "4yYQB0vHwfgq2SZTxSxVeFRIzKraQSGHM4xrPCdEbkkU7wMyNRfYyllqBTbp94Bn9MI37h"
    "Tk54Oz4ef+xbO3veMUpsEM8uZlpqQfpFjXOClAjOgnjBHBuXBd87piCVtQ5B+iRhDjaCUB"
    "XzLGsR8OPn74gIKCT51NkM/A41TDjfz7tVzAIIJtQZLfMxthX+yMPQbcv8Knrocsxa5trW"
    "DRgSxvE1keG0AebBnM8wldle3OKsDvjj1/+bIMp/vyZT6p+zKz8YhDJ3yThT0/n1JlC7XF"
    "i0mjCrmWsDesNXPYWC3HD2StM78kjGrhPTfP6TubVkCmuVvwD3MvdgDpwYfDEELRtZbsaa"
    "FKVTB4tq1SpZgH6qMJDvbh3yaDfd/qvFNsyLVXhhPwbvSK2IBJ2KREOSbZmO/W/XN+vQJJ"
    "xOmhJ9Od87+mFuaONx95G/GreDvTJbaJVWWXtupLqbSLndQ85T9UkS6dPJ/YdMb+kWCQNb"
    "1fRkG6S2OVH7TvoPDu3ZsSS/x3b3JX+OJWcl0i/68BbtC+g+A2soGKf7MMzPnynJRZB3IK"
    "dy3RCd4IOkRY3AbKim1BdfGvydeHOtBHFsA81u6OaC2T8UihviphV01hVckhwTLmYCVWh0"
    "WbgYahHt4MlCtd83oZ5YrcgHLfTdlKJanIFwSn7SDIk55GJ0xXDRRZAAGteCUxXQ46aQU0"
    "dDENHeOYtiRMz6KeDhPYjYxpcmRtJqP5k10DrqeszKTazglgI6TR5Fe9hKp8K21ZPVXEUE"
    "JyuSPDt9GqqRdS/2bfuNhVJtAn7veKCHvLazl2wqYliHvf6BcH2StKOTrIZS5v3EP+uhSZ"
    "FBE8nSN3ZVPkMI+ed/zypXx6nGLvvAP+N3WRxWYqTr+Jj7mjd/QLkbt2cT7DInkbPfvOn4"
    "kXXjcvZOxLAvP9OXqaE4oWpuPw7/ERfWdPlC/FvIbf+XXbZrZzR0Vvwox/53BQi/quDnr2"
    "NDf5N5WHPYhWfIU4Z7bprk+8iIT4eaaDvGEty8GKfhCmhvernoOasS0v9F5B7AE0WzUu5x"
    "deiRZH1HPW2Sll7ADaTE6fOAZpHCZta4CrsAR40/AKKfpffAAuseNooZs1BHDzwJU5plXA"
    "jQwBXBW4HkBjZ6WS8lgMF8CbNE3Bey9sGwP4RVMQF6X8Xt2eXgzQ9ZfB2fBm6EdiQrJR3k"
    "xS/18G/YvMVCySVcYGXuusG1JWMJDTAzk6fpwIlNQMuxpbhWkRxX6wBIFyRPdHgxSS9zYh"
    "fNrUic7GTCA8W3t4Nqq148sItXyjtm6Hm8TndcZNcY5Ax0FpO3BN7a6ByGv+e7i7kdf25F"
    "TsNQ2sxlCWjkJ9U/bFFSUjxv/TfO5FG9Cv+XzwrcIJUfxFEUtIBGfyAwny61aQ//uZ/JM1"
    "whQRakja2+fEZRHdKTd+mnPvCk7fK67rIPfJnCoK8NbVqTIhIBi13o+Ekrut4t09j1d4ny"
    "cMIeu0JW/zMuq5QHw9XhCF1zeLtgO7diyvO7VBpcw1+YcpZr5C+XDcbIfq4fDKwcqH5StJ"
    "V/kWswGdFmRf71D2BtnXde0BMpNADbB2TYmVBjU+8bWqItvKMN0LNjtSlWML7vUKa7GJVm"
    "PLb1biJBSGpnNM+beRm6ETcSi1Y8osabYUrucNHXGOSZhX/YuDxBJcdfTJVn1t1jWl061j"
    "eS+Qb73fvZccf2PdxOCkVQfTgxsp22aTKeMTjd7hMgmjDqQGN53jHk5YOiAnjLo4nGs/WI"
    "bxbh6xtdKMjiWsttq8H05UvpldOnmqgH/SCvCvjj9fnPHljIROY55JWu1wNo8lKzU/27w+"
    "LjHbvD7OnW3ELRXaei/OuE0Xjr1p+sUJaez50HeZiIdMUcgUbQ/BUyZTdD8Uz4DO+A1RN/"
    "sz4b91eqSgejJtekWUDwlbi3BW0Hwj9XNFCTKwaa2RXMoF59N6Xfhl9YNSes9EDhqTptji"
    "FqLhhLnPsyRQbb1uKsjn9RguggIRrsFfDdQRRJOs2bypYl9gFu8NuKT9ckkpz5ZdqKXM4A"
    "yAUmSSj5p8WBULtqLz3dKmWx/z1tKXjVIi75/z9uqNxkFv0dyks9lOWoFSofY9eOqVoTHl"
    "ZC07SPrVv0UMXrplc3GC9lsm4LRsctdLwIFtdf5w7e62GopZbbvMBIoCKIrDpSigmJWerK"
    "dyMasmGR//IIs+xdbaVRM+6Sa9Ir4nODcCx1tXpXv8zgKC5pmoOiTKe4hiRzZB36Ml7nck"
    "vrSDTA3ap3rvSvondrhINfoHmB1gdlqx+Admpw0vFGB2gNkBZgeYHWB2Wjpcu8vs7Pm8zL"
    "Z5uhE2Yh9nEbYU2G0OI9zz9vlW1PEc8Wf0wfudiuoE8Qa94goFvOnYjbfduHE+l9taaYnk"
    "uQvEdmRx3lDG0B8iU1zGci3l9PgWl88pM96XSN5yFNvlmvrcpJHwf258jww74lbtiJMeKr"
    "s6TVrBfrjUftgDLWc7fGrOcssspgx3V2axSby9Sov/cXz8+vX745ev3314++b9+7cfXoYl"
    "F7O3imovng5/EynpCW9kc9Rhe7BhJoHtgdYg7u72AIKVEKxs0/agvXrqq5U7YT8+e+X+jx"
    "Tbg2SDwu0Bk03Hi1jbzUXMKJJmK2og3xA9YdP1zipBEyKy4N0e/4e44v2bL/DvTWo6c2J8"
    "RFML8+nXQBzfhTkVQmhFUbOGPqRMzr04/WQlcbIwlaBQ8sPlbxWXLJYuJN/vZh4r2kSIog"
    "uUWDo7iJhJB4nt+vOUTYMPduYSOl3rhhIUpvVAvtcSljs4Bn2J1xbDihkkP6IWM4GzuLcI"
    "nImp3VJu1vKxj9tASnh17KP3bXaGGdDVIrMmTXghst5hWviSUMPnUzU8cHQ9uDwfXv52gn"
    "z7O3oTXHFiV0byT/eOfuoPLwbn4huYFjHu6OnF1dkfg/Px6T/H34aX51ffTtDEYtMHUTl9"
    "PX7iX5k93dGz/uXZ4EIaTgVkluVVF9Se48pES4/zo6XHmWhpsJ5K+nlI3c1uDkxbe+aHYH"
    "8GX/pno+HXATfmjjz7fXB+K93wqiT8Hkf1+vj9u5CVEn8U8VA3n/sXF1niyV+s6hyuEjdp"
    "Lcq6fF99x7LxJ6MCqGmz3QH74UCATe+tMtgWc34K8w4SfwdC9AWYFDN93s68Cr+bsKzBzY"
    "ez8DpYL0+0to5JK6g+s1mAJo/tIuIk3izOIz43qnFOWnUB56JnZ/CPUfGmJXx0Lq4ufwua"
    "p3cySdw5tMSm2Aq4U80iSznmDXmiYzwJRAjz0e9uhBCOr+qa1xULiczxVYIIqeDymBmsE9"
    "vj3uxTvaeE77Y9wTVlfHtBrjGeSo2lrphCaQ0gZ9LM8hd8+eAWrvN+ylIFBUKVXWZ+t3SQ"
    "bp36XTAv1IDtmddjP+qwozCrJ8XNkMckNVtCHRPyHOTUsBHi5NSYgJZ/BXR5e3FRpLWKrR"
    "Wnc2KsLL7SF9E0BU1/6nfw6Y8vxMqrW+/DfhN0dsP76g74fzcpTRvSYmVa4n6vSJhm0iq6"
    "NP4j+DqT+0ycyCK6iMnHPiKM3JVNkTvHLjJM3mKOrftfn/AamQ5amiKMilZLhGccLnRvsw"
    "USNRuU2rTGPkiZ4OK/DmMSJhV9lK38GROyeUFiPoGZFqjXQL2279mpafVai9jZdkMPOrad"
    "vIZBS7UDLdX51eXgBBmMkrRyKv0K38+kBJqcmqUjiVVNBtRigjhtCyxxm1liiHLvJ8ptky"
    "kxHysF3VKmHYy6dekBW9psyte6lTydtoWptM2ehoAbxC3aHLfYT1LtkD6aLvZ/s4K3DO/2"
    "ilnLRLvNlKWoGfurmBP5/pY+eIzhAj8QBz3NGXkktjhHmooisQijBVlMiP2R21hr/uccO3"
    "NRdtZ0HeSyB0IFu/hAlq6CsWzuc+AQ6wNmIqU7x8LBOuxY0qpzqZ31a3RtZuVUO9pMyQS2"
    "beYej74OB98GX07Qo0meiH1HB+fD0RX/mxgmf+7v6NW3S3GbPfFv2w4uhiywijMooIQDg8"
    "4dJQ4SXRBrJtpVl+iSH0uT91bB60nLDnr9QLxcaguJp1O+/Kv0dKdMgSpos59t8sgeKpJ/"
    "cUvwcpu9DJXXGhAJSybAK8uguZVNG4JUGGra7bCmnXoQ1wDvNbEdjxc7yFG7EdzMg6stZG"
    "2S3/wsOT1nbi6PFPxm7G6viN9cJNuV4DeX0uu/OEjwGMik8pAsfxzyq0/MfnCWeKpSWerZ"
    "FlUGD2ZS2Z9KKgk05F5pSODHWsePAX+TD313+RvYCjSwFYheOxqYJowAUtgD7GsPsAyX7b"
    "ta/x8qsolHtk3aBh95xbo/8knB4btRmxLrfYvNTMoXNiJa1kPYnjF6bBpoiR2Hr9cNKSbo"
    "oTl7QnyV7q/whZ7A4ZcowtQQ100bSa3CX3zBr9oYNPMhm5UMsE3Y6zZh3zHbFmkUGkrb8Z"
    "4fbUFIxrDNm7E2IW6YztLC67H8WwPwtF3nNAmNnIclpvuxmO51oE4Y7RDn29HZbqCuX+4E"
    "3EE+9N3lDqA8W9e8rogeZ8qzyRQruR6v4PiMMQgF2uNq7wnPsC5l6rBEMnhHVGJRjAudQi"
    "xJ8f1Buj9bhSVZKiiIqm1ZsiYZxjuwSbIUVA5xHDGstsPpxl0ZJrvx+uoSVE2ySDfmjA7p"
    "J76jXtnkSEEmJRv0ijglhzcd81n/Pta4BLnkJfMjYf2rSXvogaz5n5M18otzSWqH/zm1TC"
    "L+Mgw++zk9dM9s5M5t5rqWOC0OT23mOChIW3RUFFOTH1UmZcY/N6tyrkzR8b5K/klRTsCf"
    "S9tLiezwSN98VkrzcLRaD0Tb97oWNpKwrmx8XdnoSy2xElC91NJLhYKXmmw6dmJtN77Tri"
    "iR7xhi8LcMmtjsySE28rv4KMMXU8YeTILE9xL5mT3vncRWLhI1DkXGpnjnzBgzsu+x+rsv"
    "8+5KBMJ4L5Dr2YboCUym+e+xw+RnICPrp36FJtwczLK6To7ZAfnWZg+DiqxpFRkonQ5e6d"
    "Qntjmdq9bx/p3CBTyO2mxauOdDWrOK6GchcbasCZm/7H3kY9VUPdb5FE3MpIM0TSNCFvFQ"
    "aSDsN+8guo0IV/gnusowWn495ZgJ1FPWrKe8V27q7/8DyemiDw=="
)
