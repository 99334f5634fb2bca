"""Wave 3: linking codes, certificates, webhooks, media; inbox, rating and gap columns; the
full-text index of message text (a generated tsvector column with a GIN index, `models.fts`)."""

from tortoise import BaseDBAsyncClient

from models import fts

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    await fts.install(db, "postgres")
    return r"""
        CREATE TABLE IF NOT EXISTS "link_code" (
    "id" UUID NOT NULL PRIMARY KEY,
    "code_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "bot_id" UUID NOT NULL REFERENCES "bot" ("id") ON DELETE CASCADE,
    "end_user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_link_code_end_use_2b5a2b" ON "link_code" ("end_user_id", "created_at");
COMMENT ON TABLE "link_code" IS 'A one-time code joining another channel account to the learner who asked for it.';
        CREATE TABLE IF NOT EXISTS "certificate" (
    "id" UUID NOT NULL PRIMARY KEY,
    "code" VARCHAR(16) NOT NULL UNIQUE,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "learner_name" VARCHAR(255) NOT NULL,
    "program_title" VARCHAR(255) NOT NULL,
    "creator_name" VARCHAR(255) NOT NULL,
    "issued_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(255) NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    "program_id" UUID NOT NULL REFERENCES "program" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_certificate_program_4d2a80" UNIQUE ("program_id", "user_id")
);
COMMENT ON TABLE "certificate" IS 'A completion certificate: what it shows is copied in when issued, so it never changes.';
        CREATE TABLE IF NOT EXISTS "webhook" (
    "id" UUID NOT NULL PRIMARY KEY,
    "url" VARCHAR(2000) NOT NULL,
    "events" JSONB NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "webhook" IS 'An endpoint a creator registered for some events; `secret` signs every delivery.';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" UUID NOT NULL PRIMARY KEY,
    "event_id" UUID NOT NULL,
    "event" VARCHAR(32) NOT NULL,
    "body" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "max_attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "claimed_at" TIMESTAMPTZ,
    "claimed_by" VARCHAR(64),
    "last_error" TEXT,
    "last_status_code" INT,
    "delivered_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "webhook_id" UUID NOT NULL REFERENCES "webhook" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_webhook_4bc079" UNIQUE ("webhook_id", "event_id")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_5b6f00" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_webhook_ddcd71" ON "webhook_delivery" ("webhook_id", "created_at");
COMMENT ON COLUMN "webhook_delivery"."status" IS 'PENDING: pending\nSENDING: sending\nDELIVERED: delivered\nFAILED: failed';
COMMENT ON TABLE "webhook_delivery" IS 'One event for one webhook, sent until the endpoint accepts it (claimed like the outbox).';
        CREATE TABLE IF NOT EXISTS "media_file" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "mime_type" VARCHAR(127) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "size_bytes" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "creator_id" UUID NOT NULL REFERENCES "creator" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_media_file_creator_e4118e" UNIQUE ("creator_id", "sha256", "name")
);
COMMENT ON TABLE "media_file" IS 'One stored file; served only through a signed, expiring URL (`bot.media.links`).';
        ALTER TABLE "conversation" ADD "handoff_until" TIMESTAMPTZ;
        ALTER TABLE "conversation" ADD "unread_count" INT NOT NULL DEFAULT 0;
        ALTER TABLE "conversation" ALTER COLUMN "unread_count" DROP DEFAULT;
        ALTER TABLE "conversation" ADD "taken_over_by" UUID;
        ALTER TABLE "conversation" ADD "taken_over_at" TIMESTAMPTZ;
        ALTER TABLE "message" ADD "rated_at" TIMESTAMPTZ;
        ALTER TABLE "message" ADD "rating_comment" TEXT;
        ALTER TABLE "message" ADD "rating" VARCHAR(8);
        ALTER TABLE "message" ADD "retrieval_score" DOUBLE PRECISION;
        ALTER TABLE "message" ADD "refused" BOOL;
        CREATE INDEX IF NOT EXISTS "idx_user_intera_bot_id_401b18" ON "user_interaction" ("bot_id", "interaction_type", "created_at");
        CREATE INDEX IF NOT EXISTS "idx_program_enr_program_a50f30" ON "program_enrollment" ("program_id", "current_step");
        CREATE INDEX IF NOT EXISTS "idx_program_enr_program_c87348" ON "program_enrollment" ("program_id", "enrolled_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        DROP INDEX IF EXISTS "message_content_fts";
        ALTER TABLE "message" DROP COLUMN IF EXISTS "content_tsv";
        DROP INDEX IF EXISTS "idx_program_enr_program_c87348";
        DROP INDEX IF EXISTS "idx_program_enr_program_a50f30";
        DROP INDEX IF EXISTS "idx_user_intera_bot_id_401b18";
        ALTER TABLE "conversation" DROP COLUMN "handoff_until";
        ALTER TABLE "conversation" DROP COLUMN "unread_count";
        ALTER TABLE "conversation" DROP COLUMN "taken_over_by";
        ALTER TABLE "conversation" DROP COLUMN "taken_over_at";
        ALTER TABLE "message" DROP COLUMN "rated_at";
        ALTER TABLE "message" DROP COLUMN "rating_comment";
        ALTER TABLE "message" DROP COLUMN "rating";
        ALTER TABLE "message" DROP COLUMN "retrieval_score";
        ALTER TABLE "message" DROP COLUMN "refused";
        DROP TABLE IF EXISTS "certificate";
        DROP TABLE IF EXISTS "link_code";
        DROP TABLE IF EXISTS "media_file";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook";"""


MODELS_STATE = (
    "eJztfWtz27i25V9B+ctJqtS5iZM4uc7UVMm20q1pv64fyenbPiVDJCRxTAG6JGVHfab/+w"
    "DgmwQpkiIlitlfumMSG5LWBkFg7bU3/n0wZzox7Tf9hfE7WR0co38fUDwn/B+JOz10gBeL"
    "8Lq44OCxKZvihTF68hqNbcfCmsMvT7BpE35JJ7ZmGQvHYFQ07iPNIthhFupfDxE3O0aMmi"
    "uE0e1v/V8OPx4hNkHOjCCb8IYOWmDLQYaNbG5C9B6i5JlYsgG3fSM+U2ca/1CDTpvpfkmN"
    "/1mSkcOmhF+2+If8+S9+2aA6+UFs/8/F02hiEFOPYWjoogN5feSsFvLa/f3w7KtsKb76eK"
    "QxczmnYevFypkxGjRfLg39jbAR96aEEgs7RI/AS5em6TnCv+R+Y37BsZYk+Kp6eEEnE7w0"
    "hZMO/tdkSTXhGyQ/Sfznw//2vlqk2Wh0eXU3uh3cjUYHKZ+Kr5Dwg3dJY1SMB4M6Aqh//+"
    "32GwIirx6IDzj9rX/z6v3RawkBs52pJW9KuA7+lobYwa6pBD1EWf4/hfPpDFtqnP32CaT5"
    "F62CsX8hBDkc+AF8TQF6MMc/RiahU2fG/3z39m0Owt/6NxJk3kqizPhz6j6/l96tQ/eeQD"
    "tEd2GRifGjDL6hRT0Irx/FPl6NI3z4oQDAhx8y8RW34vDyWWY0w/asDMBRm+0N4q2BfFQE"
    "5KNskI9SINsaE32kIP4/t1eXaohDiwTAuqE56P8h07CdxmaLcE4eLw3TMaj9RnzeLqZlgZ"
    "DoeW7b/2NGYX510f9n0gOn51cnyflbdHCScId8QxN9hJ20S874HceYE7Vb4pZJ13imb/x/"
    "7OOTwH+gfsUXLN40l+Oau+HF4Pauf3Ed889Z/24g7hzKq6vE1VdHCZ8FnaDvw7vfkPgT/f"
    "fV5SDpxqDd3X8fiO+Elw4bUfYywnpkRvav+qjFvE5+LAzeWwWvxy1r8Lr3ddvi9D1xso9J"
    "rpdNbDujpV3p6U7agqfb7GmLPLMnotjhnDBmEkzVPo5YJdw75mZNzdjBle369OTq6jzmzp"
    "PhXeKdeX9xMuBrculH3shw5OXh5V3inenhVuGpilvCM9XmZ8rjLkbliIO4VZ0EQntdu4Yv"
    "EJTM5ElJF3hopQH+yixiTOnvZCVhHvKvgqmmogo8buw07Gk/gQ2vho+1hV8CJisxsjgC/H"
    "cTd4o67d+e9s8GBxLqMdaeXrClj2KYizvskCWuBG3Tt+aH8+QVTPFU4iN+iPjaCewVlGXE"
    "LdmcZWQUFOIsGdZmPeQQ/j9iIWbxK/M5d6ezQuyF+/5YcoYOoZg6SHCI/LqgC5HFXtCYmI"
    "xObeQwJWFZZ9/r2co/D+zlOPh5I8cgEoXYRT7ynaV98C9gNnfKbJI5NswyzFBg0D3m7ePH"
    "ItTbx4/Z3Ju4l+A2sW2/MD4VlWXgUoYdpOEaQXxiWHyPV5axj1sBb1+Et5eb6bJAx4wA5y"
    "I483f1AtNVaaiTdpXQbtlWbAsTiHLtUhRzpfEWh/kY24a2nbH+schQ/5g90j+mBrpqgVgV"
    "+9B8i+jzJb7xTDoBf3UuPacboIbaTA3ZxHH4by0XxYzYtCOOKT4W4pgQx2zpk1gkjrlc6B"
    "W9HrcEr7fF64r51/v2ie2UyaYGrRrYjBrDq7Y9rk4/4QZfEQVrxRKxzZhdY9HNFAfnX9jb"
    "2Kb4Egsy0pa2w+ZEHf3K2VgorWE7XWg7zeiYYUvn32IkCAkR3Ckb0c/qAsL7ax6BVIwyO5"
    "IWOszT2iu2ASee5dffb4iJ5c9MeyGl6t+zFUZW4DJzq7whULeRrroK15g5G6J0whrbRO4a"
    "HG2GKfWCx9UBOnV76SpIhOpCt2dtiNKA6vc22cfIWSGUnvh60yT6lIzG2FbJ0ctg9bvf2Q"
    "nvq6uILSw2tfB8Q6iu3V66CtIY81Gw6QQu+ugqQBqxHGNiaPxnbTqNhz11FSy81A3JVWy4"
    "wBTdnLu9dBEmvinDUzIn1BnNCe9P2/jV5/d3IbvrKm5LG09VtEoJqO5FF3d8i/Ukvk1HcT"
    "Los+HgGjYww6CjrkI1J/MxX3rOjMWGUF0EHXUVqhcynjH2tCFO391eugrSnOiGkGOam64W"
    "LkRHX3k/XUKqSU13jGxRCLuTZEy2uttOtiwg8R4bpskhQVFbNDcsSxSGQBOLzaUMe4FX4j"
    "WN+N7k2dCJpVJ0b9IVlJvYBnW7gSjbizfEhDSVIhaKHmqJWnRetW1iWlpuGTPqoFq7EW1r"
    "BZVf48K+3Q3m+jV92tKyxBZyQSyD6UIVaZWXEmX00UF5SZc0Bgm3Eap4g5RyvNcDuL3dbh"
    "cZpeYI5zs+N96e1QXE20tITkC6mf3S208RH0g3f0avF5FuQlEFKKoARRWKEHBCx6Pg3Tx5"
    "TzbdNvYarGXZrihBvLGowYr9Qq3HiK9jbEZxD70Y+pQ4ovJqD/nCmx4KdBMIUx35mgDE70"
    "95RxNkOGkOrskPKlJiIe5jKKfQDubOXCrC2jlkhte+c8UU6q+w2f4avPvNeeYxcQO6nKde"
    "rrtm5Q50C0+ckvPDwdlN/+vdMZK2D/T6/uR8ePvb4IzP3Muxadgzoj9QgdLwm7iILW1mPI"
    "trZ4PzwZ245L5K9eT7oBCDelSEQE2uYyP86VGKqHZfN+W56oRd5woxNPKIRL9ZCuw78sNR"
    "g50w6wDWeVu3wT/vYru2VBpssHM7v7r81W+ezI1NzE0r2yHzEV8vzReKjXU29ClDAL80+O"
    "KjVfL97KTw0KIdKeGdKm0t9mHiKIlVmecgZgTPQOlnYGboOqEja6mU7GQ/CUk7eB5qfx5M"
    "vndeYqU+PdsvMSNwSu1O4feI44lni85RURuYosqvkYwpHbHJpNTyKGIDkJeGXG4ZNf9gqs"
    "J7r5jVtpifyJTjca4iKfMNJS+j8As1Nv80TQ5h02QvRB8xy5gaKkF79qtAYQovhNpfCFBb"
    "qnUuCeizov4IDMAZ9a9izfkocshh3CUDqlmrBUc0+02esO9CbZJtv819tdszsWwlwzekGe"
    "ArLBMOEKHahh6Nt029sqfiG/xy+O7Dpw+f3x99+MybyG8ZXPmU4yHQQ3VfGQN6qJ/R60X0"
    "UEEsrYLfk7ZQyK49jk4/3140tIKf45bg5TZ7eSZ0X67DKng6bQ3ebrO3Qc0KatbuqFlDzL"
    "3t2eaV6L6F+7yOQA4F6SqCNMKaxpZ00/KGHlh9t7OuYmYa9Ik30Tcte3HO+znl/+wqTq52"
    "fLTgbxPizf3VwfouO7uO9NVFyKA+ZBGU+GUi0ic2fwsKlIZhb10FbE5sW60tKVemx/aLkn"
    "URJKihWQCkbdbQbOfeuPXlDvcRNrZ0xuzHZlBdyT46PkkZdGOchrSbMG2Y71mi/PQFpqs7"
    "Jv5bkNzYuAb1TlPicggO+ftGiSzY1K+1xJgketAuqKPPLOkaEe2P4i5g92iSwH1eG27q3X"
    "FmFltOZ/7FuNMyGRZ+fZQC/+91ub4+U6JO+Y3wKLmZv9HAepE6exOL/UUosile2DM/RZf3"
    "8w/bz8/102/nC6eHGCXynHN+z88CU5Xcq6lXRW7vn356s/87/wX1+NqU1VteEbITJUiTse"
    "qaxSCQ0LVL2bI7W6Vhz5b+RUxA/JfvkAriP8qccqntXvsOjP0tZO2C8Cwb/f2UIBURnoXr"
    "3aKro9ACgtf5wWtvtbph4LpbR3r1EkHrcDS1qfySH5RV7Mci8drszZgWaVSk4LncHXGsJs"
    "Z0KQqTe/Zf0DOhOrOQTfgc69gIWwQRX+WOsIP4WFTUXKqlx7wNmB/VlUMVdmGt2oXFfKNc"
    "La0vU5Pso8UlpA++D06O0QsZP9C7wfng15v+Be+XTyQiSvJAv//Wv7vtX1/zJjPs2OKRrb"
    "Dgqr8ijY9w2Yo0STtY2xZa23oTYcBcF93QpQxhW1f7ts59FaW9UiCdKzSFTK7yBId3CNFo"
    "AwekuwBHVKhJsA+nOxwICcsz2c5boIETHoDe+AnpDcir65rXFakZaQEttp2RnK4MZ1XB9y"
    "p7yMVpj8MVz7lNrFEgCi8YfYwbQSp6MvoI3PDGNA1ki0G2WDuJ9yLZYonJAIIZ+xzM8JOm"
    "smMakbSqtaENP6GrWIhDHAJh6IQ6fD2FXt157KwISjg99F0Qs/3Fgn9vcexzcCaETWwhDn"
    "otFWQUEaoj8cZWHzFRa+8FQh/in+SHQyyKTeHzZBDkzyDVJrgLMZFdx0QqEO3b5dib3O41"
    "HNCIPgwlYE6YdRDqZkrsG/bCxKvS4aOkHYSPiqA9Jw4Wc0uZyFHUBoJGtQeNxibTnkjZEz"
    "sjVnBIZ4lDOj3cKlBpcUsg0dpMoknaUySALWkVVyvMwd9t9vcLx5BbaCazKz3bKnvweJs9"
    "DkHQ7GXkfobDIAj6M3q9SBAUojd1Rm8YFbmKUgZYNoSTNt0A3v15OZZAN0qVlkA2YQaDFt"
    "JRmo7gqEZtDaB2r55WEtjEs7oe3ei0WQPCp4nu9nKaXR/UTb9rYkjz74Eu78/PixUChaI5"
    "zVWDyY3YBoUbFbHaaFHH7ChtUEJSNiuQgsYo+UWs4ZEwQv+XGZSjgjBlIgDqZ48hL+iLHI"
    "b4dWQSbHFvopcZQ9h+IjqaMAsZyoy0ej/ggT5QsWxHGM2wPRNBXNFe9m3Y6IksHPTqUfw5"
    "Evcfj5E9w4cfj0RDPscjQ5dFSESD1194h+iFWU82/5IaeaCvHpcuofH4WrbiX8gw0SP5sT"
    "D4y1Zcz4oS5waBe7FdNISEdxwS9sdGmfBZzGhbR9JtLVJZ/3lzwDdVGdUtZxrSBFM4M5Z1"
    "c9wS3NxqNy+rhQmWEB3YD/8CYwicVhthBU4LOK02AluI09qN5jtxmoGCR0ifd5DNJigOWi"
    "jAKVDEFoT6euvvZHwrpECOqMRhaDNRAFQjts236ZR/It9qzxj/Zd5NT53d8/befIPurRQV"
    "1EIznyMYhrsZka2JhSwy4VdnxEaPNiFUkACIb38xmhFsOWO+WfnC/xCFTClzgtY6/1bOzB"
    "DtJuQFiWb2Ax0Tk9GpLUgOHHw9Z4YdpBvEJSYMG/GHjYnKPa+cGf913jFwaLySRIe9tJ6N"
    "Z2bZr9cK1r2fKP4pAFAo1cPLwEfsjI+IuKkoGxEx6aBu+t3h5yIa9cPP2SJ1cS9ZQlIvWU"
    "JS37JOeo/ZHm9iLLs/jJgBAQAbxL12Kexkfr78Sn+jo1hkR/ZA2avr6J6rSKjOLTKNHGw+"
    "iRAaX0WKGvocmx7CmsX4WnLGXsgzX7Tyr7zyQ2tihUlWIsdRFZ2rpc9CAbF4vpefZcfb/Z"
    "lISTbsUVhxKKzIIc/Glc3D0RANq8XvJO1gkbvTRe4OkwRbxhtvo+hhK5NedxferL+mGGRh"
    "bnM8Lyw2MUwyKpuJmbSDbMzYfqOObMyFRSbEEtygoophnmdiZuCY2h0DAozsGWs/Uz8g4e"
    "dn9HqRhJ/EXqek59PW4P22eL/IMx/bLif02nklEWJ2WyyK4O8D9rYmgngE/mK01MI/arPF"
    "Rf/93el21v31xxT48HSIrZjN1g1q3wrqfJQY0yam06WXqFF0TEdttjimCd3OkH5XhDV4l8"
    "0avEuxBj5gI5stLa0S1hHTznEH9Zcmg7BVnZnQUMe28Vgg1LGFOrb7GWdNH3DlZfQpeMEy"
    "aaTpCrUdgT6+MvCzNjdEK5oj2kWc+GUiouS87w2REtH5YdhbVwGL5oVv+iSWS6TfS7gItZ"
    "hpzsnG09a1xUQp6kHQX1cRw9rMIM+kBsj6YU9dBUsjlmNMDI3/rE0fxrCnroI1xvp0U5jE"
    "LH8i+ukSSKUkbakoejagV5TcMf6fYrBeh93tlwCn0OATx+zljL3iUJ27hSxu/f46glVJpW"
    "RytaVQTCoWZNnKSTf5KtF6rYJSZPXwNwx1kMmmx+Kf1grNCRYFSSZLE4mEnWn0TAikG3rP"
    "TbuRtJsoIjInHDLNlsk67hSVllU2+UFFtJaR3LQISO7Q7OWpJrPvrOsH9JU71Veq3FOUW1"
    "bZdk8E+O5tMT4/j9BPMfpR6Mqq01S2IISKxbNqEUK1Ugy7Q8nxz37C7lanoO7KTrwc1JLh"
    "oLhVo+Vwt+nneiJsEK6sEcy5W3myJKBxKyjXnBLiC1azJKZxK8A0jmmFUkFQJqhwQB1K2v"
    "iDZ03kt1SJZgil11t8yZsha8D0OuxpLyfTtbDGXyYZNa4V64AasC1ey3pPsY0vfkrXD28y"
    "1T4accggjyMBiTXEcSQSsp40FscIS2ZWVI+eYdsrTa0jPGZLJ0bivhKp86IS1IL/Ia68Tl"
    "PDm3dXrPr0lOMoQqkjW+PjHPjZHfOzkMLaWoJQ8rDEVoX71pC3vlE7nCI+rzNOmTJslnJI"
    "YADOqN0ZkOTdUseMyQw/G4yvaLAjCqWUco/SGJxUu5NSa7GUj86IZsyxqXaTyjzpJdf+jd"
    "dPU556u32HnA1Ohxf981cfe4eJFDbfMR9S0agFM5RaxCF1MuapwCCBq9GcErEpLPmX5f/7"
    "5fDdh08fPr8/+vCZN5HfMrjyKQduRV4geVbFTjOxDNpvD8p3+wKlyLP3yiwo5oD1OfoRW8"
    "jQb0uo1Mcorz7DfsXHwevrvV6oFktrAjs7PWmqxrBOGepxXQjIV/A2HwBqA/qbh3/qo3Jj"
    "eUQKLjeZZ5RN5iZPCi1SQ9WZiRkHjYnzQgiVxU4DwlUobbEkZpl7xxOCqeqmVu6npH5XCN"
    "GX8mdHKjQBm7tbNredmsIuFdgMh30a4AFdzlPTdlxlFlhvDeuDsJZSCbwP+qd3w2+DY+Ra"
    "P9DT86vbwdkx0kxmE/2Bng3OB3figncMSHImKqR8rr2uBv84h/xQrGaz2aaICXBMtXNMc+"
    "LgsqGlqA24pHaXwKYve3rq8KZvrwpwghS+vvqbvnimYgHOuDk89G3xf5GH3vddUKKmIFme"
    "soP4Q5I0hyqQ26wCyb8bNuVbiI/22XKOFafS5QKv7gB8UMkHFQ5VT9jCqdvtWTWkXxscdf"
    "FTUz6+nWPTzHxphFaV3hYt86f3vnh/+OkoeFWIP/LeErcX/fPz9IMzIUQXDHUa0DvyIwPM"
    "qE0XDhfKezwG/7zL3+QGT8f51eWvfvPkzjdxDo7LSlWYquKWMFG1eaKaiZiP67AKnk5bg7"
    "fb7G0HPxE6Ys/EquDslDH4ek98PV6lfZ0dOUwZQlrv34k5k+psMhnJ4+XLT5kJY3iK2vwU"
    "LangtkrTP0kzYH+SS/r2SKja+7RAbvymqNYsjsoqi760LCHin6jK+zdaEb2dM39+/U2PGt"
    "+w/GvxjO19GZrlir+WVOb5cClEeREks/V4kVT79VK8K0qQZ/AFGXTMB7MuxHI2whZBrh9k"
    "5vMreRi5p5/qIf9IaGTorxF/mPj/yXzBHEK1VVqo19inKGR8f/p1MSJar+AA60hu/b9Ser"
    "+okDGjEqdNuIHlDvAe8v8UvWVX8ASVIKgEd0zvNn4Ot0WCAsBVlIKxDtoMOV8dn1zdX54d"
    "81nsgV7d33l/saWTnPSKuOJzAU98znTE55RcMz47VdJsxrtotS/ubwc3x1Lr/UD7w2OEjQ"
    "d6ejPo313xy965RA/09o/bu8HFMbJXtkPmVbxUv3IzfG+UeAHEjIDoUWhhVfv+7KhTxKTN"
    "w7y1USd/LZU93eTrbbY/xxz42ud9fMmCuLh14mLVtqLEg5Bh3oUIePxhOPz4scDTwFtlPg"
    "7y3j4ru0HjW4vGUyemwffoVbUOMVuI5rQ5miODMuWdHDED/7bbv/aC/zq+DOSuGM3LVIpR"
    "mXZIhVdb3A4bgrmeGDqhqmPOc+sdpWw3LnbUMrALlDt6X6LckfdyWY02S5lVdNPi5eDBf9"
    "0P7kVaLP+QpciTvR1c3h0jm++qZc7s8Nvgxsuadd+8D/Rm0OcXxCz9QL/2h+fi9gQbZlty"
    "aollMUueAVxqJR+zarHHKi7g3x8WwPn9YSbO4pYK58yq0NmsTcqwC2hvm7rJ0rxnj/BMvf"
    "te4t0oC+9CxbGbz0sykmnLLoC9g8FdaX9o1UsK7JEX9m/vwH8recZmVinPrybDmZuHlG3C"
    "2RNh3CkHn13dn5wP0PUNX9jeDj0iNPCovBlf5/JV2nnyqSKTpa0qmZibiRixqpZ+uD8g15"
    "h8CCeQ1RsZTKp6iqKqMAV4U/PCwlyJPONy0CbMIJydqxFOltjbUCucrO23nwN3rWBY8fjC"
    "oVrbPlTLf9BrALXzJz8lJsXSRz8pT8TeULwtkgqGYW/dAT81So3t6dz3ESK2dMbsx2YIXc"
    "k+uodTk+kAZ0xbSjpIkQ8Q3OvlJQTo0VYFivPabGlpBPlmX5Dh2MhTy4nD0mZojp+IjSzy"
    "C9+0c8DkSWo2/2pInJKFMKLsF7ZQ1euts2ul9v+JsheT6FMyGmNbDjGv95HoXSH6jxv4y1"
    "GLaeKIbDqNBGJA098aTb9jOGapAE1g0AmlZ1JqWExrmCc2TMUzQU+7dd7anRvLjOrQYosa"
    "2qZmioRk8G2hUS2aZYsG36bHtTzGcYH5Z5TAOWbUhZBMIopeDOt3eVi/y8K6rDo8ZtQ9rO"
    "vXhUvAbOMvvoBZOcotjDHNlFIpjDukpPrPw8P37z8dvn1/9Pnjh0+fPn5+G0iq0rfytFUn"
    "w18FSx/zSZq2j600Swz5pF0n3p7xYX/0ocCwP/qQOezFLUiHaHk6hHLXVEUFp+xoe2dILA"
    "jVPbFLGTHc9eDybHj56zHy7B/o9c3V6eD21r0Y/CZXBPeHq4JbtVMGF/GAFFyV2QeobLvw"
    "It/2foDjKJ42xVOUX5o0ateZYkZ1lCYl8zGRpNKG05OqH5idtpk+neO+jJ1y445SvO8rnU"
    "VUdQ9X/+lCkF/38+XX7dfBKdvd0Oyn1xWCylRoz5v9K/k9aQvK2fY4Ov18a7MlfSpdIjNh"
    "1ZlFZW2ZdlCA/Wd4eKAA+8/kbaUwoGhgX60qAO1wrso1rd3YUDD4u9/hidfffqK8VjeoHG"
    "0b1MgVr/sNtXC+MulU9NUh6Lci9XJBy9F7BaiuF32NtKBtAemXnx3FO0ELg2gEsQnCEb3W"
    "Y0h+GfojMmyp4DJ0ZFB0OrPYHJ+dqIRf9XWslH1FJW7ualWOm5TeC3RbO9VtRV1TdvsRWG"
    "1v+9F8hLq2HQjotbYen5kR7BPxRWnoiEnnFFuNyBAdJg64KctXJKyAr0jOFiCeaJ14Irr8"
    "KTOlJO0airRvNb7SfPHIEDW5dK4GeGDaubn83WGRmii8VXY88TBVF8XEdLpUVvvJBjtq0z"
    "2Uf/KYLYTv1lOVhYqi+lv9cpvYhBmwk/nsZJRi2JCXjKbt7Se0aynJxOAqS0Y2ybLFWWEF"
    "y5aijbNZtjRlXYRl886m+IdIfTRN9+QTwYf5oNlfxOFIHu0VbTNj/Ae6OZOSo1UxbfV2rm"
    "DbUimU3id6rjbskSd8gizJ3bJt8v8lFlt++06wQVvYRES/WQrmbN4tYdaBZe3WMyWJIwol"
    "KkJU2fRF1Aboi9rpC9h5ZM9E3d15gFy0a14vIhcNV3gpp+cWg4zZVSsHWcnL/uJub+tBhr"
    "H8koGQtCHEQpLgOswRxWArJlCrrDuD8Zbzp4GU3z4pH+7/R2W3iwpTwLwI5u5gJYqk2nUD"
    "nFRPpq2GslgG7HUwhJU9ZTVuBaT4msK0Llo1cOKnYU/7Cez6crSxkVVdnhsQuYqVSgWFbo"
    "cQT6fPY9XBYmVQunZ7KQBSO1MxahcwxyolK8C9wHR1x8R/Cz74FUslr6fwd/PIy181SkSU"
    "vN9oieFG9OBuPHrkgsks6YYnsvIw9uaLwEHencA2Ivl3ZhZbTme+YTo4pZx0+PVRFP1glG"
    "RG0PyHQhE7izwv2VGzRaRRqXCZZ/gFPU5M9iL8alBDNJSCcVEqlOiG/BikW3ji9JAoAC6K"
    "ICNsETSx2F+E5gfN6vsIpVDdKy8ujwpLFyONvyLCogUQU2tLTK3syXAbnQnXtvdu0zW9IG"
    "AJActOBiwTr5I0+NlxS4Xp9sOXu9mWNhKo3Kz00y4KPsllRskn4eDspv/17thdojzQ6/uT"
    "8+Htb6KO02I55iNlJs5iFWAOv4mL2NJmfHXRkvJO3oKqRJwjYtEZ8r22AAeoJVo3CYFaIn"
    "v072fcHNQSP6PXi6glghduleJaCVuoGNMeR6efb9DFbFkXQ6jFTLOSMkZlCktHOIi2dioR"
    "4tGNgtqqKl37826FiH9bIv5w9mxzZ8/uvKBcOyeEGurJwWm0TUpXwsVpPeqVQdBfhyYGFW"
    "VcD1zfQja5i1hhbWaQZ1LD8OqHPXX0SdSI5RgTQ8PqxIASWJ2GPXV2YFFsrhxDq+cp7Hu9"
    "dQmtJssapOf6bHlW/IWwVqg1IvH26zVbFBGqoyV/WwtJlYk1Iup4Yl9dpZBgFbFQKqoiYj"
    "JhrVBVictxSRVvEhh6d9yf6B3vnL6tLS1LkEW2QxYgwtqxCGv/YviVjgI66J/eDb8NjpFr"
    "/UCv+/e3MoaP+ZDWH+jp1cX1+eBOXNLYfCFPEnigZzdX19fimm6xxUJcub3zrtiOvJJ8+n"
    "YT5ofzjiPwvj8sAO/7w0x4xa2ix8dlh/1zjo6DsH8NYf/oS6TEuE/adeE0xS3IHaOwVZFa"
    "pM0h/trm+Gt0CVfS1wlTUFi0xfFFdDXB2qfKQ56whSe8zU+4u/CtIqSJGoKP98DHS+oYih"
    "IQhdwc2IKn2+xpbzda4XGOW4KX2+xlj4WocjaiBV7eFy+b2HZcFaPhrCr4WmUPq/C2DIEi"
    "q/AFM5QBxUwJZmgAwsuk8DIefCgaT4hbgVYwA1RPLFAR3Lg1gJwAORJsK4psxATgzFdfRo"
    "KdG0rZihe2aSmwa1Vs8dlwvVow8YDXh3H39ERZUMfnxvWQy4D95jgPqH7v9dRRgCNTZPXC"
    "YbY2I/pSsNw2ofqGKp1bv7Nb3leHkE8wFGSxKU68i+tIWLUrMG1ByuTPm9k6psjMul7EFJ"
    "nXi1SdCnIve15RJ1+KhMJqHF9QRKqL+DS1QozKIlHeh4l/r9CYTLGy7FQjn7FOJeXjAGcj"
    "t0rUtCdVL5okR2reRFcruAO1dqDMBRCBmxCBwF0BD9CivVMRHqDI9gmysna9L4jvORXbgt"
    "SmNHtXEN8MF9sUnIucSEscphhYI7mVPpZHKlrsBS34/VfhSOkhsYXsoSfuph7CjkPmC+d1"
    "D1HCF2/IeWHpXUFTH6LcFsQTO6TS0X1MRF8SFLc3RVZFKKPXebfYgayInWdFBN4rLKgPTT"
    "pYQ7WRwzv8B6MoxH77LuJbe0qIP9uk8M3cA0csIIqc2gC7E3MKzTWym8Cqg/uuPdlnFdTP"
    "tTsNLu3YgwVfyAj3lPPuwfXg8mx4+esx8uwf6H/dD+5FRhv/7KVMcft96KW4PRlu0ttp//"
    "J0cH4uk+MEAELen1xs7WaW41t/W8VJZb9EQovOJb41k/kDxNNPSDy5c0EFp8cMQWfa5nde"
    "pG5juV1lyhAoxsSkyZbOmP0oCWvMCErn5ZK2cbKlHt62kyRiL8Hgpp7d9coid1zWgPOV7O"
    "iC2Dae7u/cvxbi2HNcutRbo6RvVECj4nwTApscylewXdESB+sZ3+8z7KAZ75I7XRe6C0HB"
    "in4EPyv+HQ7NY8Q/0Hgm1qqHMLVfiNXjuxPjL2RrfMyled56uy7B7oLuA2jbdr0HtkDb5n"
    "ElWSDvgB/xnnOiNzWGm+Y2gh9QhXhM2MJOrM07Mai68LN42l1ypH2cfWJgaNGFUkV5vmzi"
    "tEAvplUmlzJqAnGwZByMr5ItoilmqdxjWSJW1Q5l2Z9hXOOZLHJLongfEM2YYzNjqeXbJN"
    "8DrtEbz7hTkJ8NTocX/fNXH3uHCUz9GeTD21RJP0ixrnFSgBjRTxgjgjP4uuZ1xRI250AF"
    "iBpBjKOVBHzBGMduOPjoQQ8KCj5xDkQ2A48TDdfy79dyAYMItgRJPmEWwp7YGbsMuHeFT1"
    "1PaYq9tLWCRQeyvE1keWQAubClMM8mdFW2W6sAvz32/O3bIpzu27fZpO7b1MYjCp3wTRr2"
    "7HxKlS3UFs8njSrkWsLesNbMYX25GD2RVZn5JWZUC++5fk7f2rQCMs3tgr+fe7E9SA/eH4"
    "YQiq61ZE8LVar8wbNplSrFPFAfTbC3D/8mGey7VuedYF2uvVKcgHujl8cGjIMmBcoxycZ8"
    "t+6dqewWSCJ2D70Yzoz/pZmYO9545m3Er+LtDIdYBlaVXdqoL6XSLnIqtsZ/qCJdOn4WtG"
    "GPvCPBIGt6t4yCdFeJVb7fvoPCu6MPBZb4Rx8yV/jiVnxdIv9fAly/fQfBbWQDFf1mKZiz"
    "5TkJsw7kFG5bouO/EcoQYVEbKCu2AdXFvyZfH5aBPrQA5rF2d4RrmZRHcvVVMbtqCqtKDv"
    "GXMXsrsdov2gw0DPXwZqBc6ZrXiyhX5AaU+05jS5WkIlsQnLSDIE9yGh2zsmqg0AIIaMUr"
    "iZXloONWQEPn09ARjmlDwvQ07Gk/gV3LmMZH1noymj/ZNeB6wopMqu2cANZCGk5+1Uuoyr"
    "fShtVTRQwlIJc7MnwbrZp6SizHmBgadpREffR2L4+u1xINC5D2Xp6f2PtGrI/Ri8h9Nxxk"
    "z9iLjQybN1wYREcG5bcI5VfspTgUwWailVvHVJthOiW2is9v4mMe6AN9FGTvozCUBzVo6N"
    "WCf6gjTHhT/jG8L/4Jj/+h/ce/RdO/H19/kSczXJ99FVZ8pD7L3H5zhRzGP5OJj3igM8b9"
    "JhvahM9UDr/5RMR3Yja/NMOHH4+E+aO8PJphe/ZY6GQHGaiE9H6IL7RRQVR/rnn4eJQBOG"
    "7VOZjrD+KYUj9tjcoGc5J2ENQpFtTxo/2O4ZilAE8ZAuIldIis/AhP2gHexfB2110VmMyY"
    "YQeJzP0lLtN8tUWe+Zu2ipfjllAbZB+8XKWmcdKyAzqELb6sgGqtkb+GM6tAld5GOCEcsJ"
    "NwAByv1twx65BNURDYDc78bjKccO7SOrcO9pY8iXhC7H4vL6DgE0R20LRASMEz+oeNrCWl"
    "HGfkMIc37iFP5iLYfYK1GXKWFhXUvlT72x69z6dXDbvHJ/O/qYNMNlWFFJr4GBFSuCFSBC"
    "iOe57Hb6NXj2PmvHG7eSOdL4F5fO0GK+Z888u/xxf0yF4oXze7DR/5dctilv1ARW/CjH/n"
    "IEYmjouz0auXmcG/qTw7WrTiK/oZswxndewmOIifZ9jIfUDk6XKiH4Sp7v6q11AcoS0Lgl"
    "5OqAFSwGtUB83diu+2OB6yjPAqZQfQpkoEOmRhj4IasCXAVVgCvEl4RWWbv/gAXGDbLoVu"
    "2hDAzQJXlqysAm5oCOCqwHUBGtlL1e7LZDgH3rhpAt6JsG0M4DdNQZyD39nV/cn5AF3fDE"
    "6Ht0MvsSMgh+VNcSnMJLgZ9M9TU7GofTXS8arMuiFhBQM5OZBNbDtecotASR0AyYiap03z"
    "IiCdin6IiEYCyYlFCJ820whmJ3tFTCDbKxZHqiPbKyzd7xE/pXyjtm6Hm8TndcZNUY6gjI"
    "OSduCa2l0DiVzZ7+HuJnK1Jxi2U7FijaGwMvT3uvDDFSV3jP+n+eBDG9CvOfSwUTghTOdQ"
    "xBJiuR7ZgQT5dStUE/IKA49XCFNEqC5pb48Tl7p9jRuLJALJ6btn9dnIeTE0xXl+dXWqFP"
    "n7o9b9kSDxbxXv7nq8wvs8ZghFLFvyNi+SjO/XchnNicLr62vA+HbtWF53aoNKmSMzs9Ju"
    "ya1GEjXbYjGS4MreViORr6SyifQRG9B5gWxui7I5kB/VtQdITQI1wNq1xO4kqNGJr02irv"
    "5SN5xzNj1Qne7i3+vlHu0iWo1Mr1mBg9WZl2qty83QMbL5NsiQRVfZQrieN7TFsehBmdZ/"
    "2EgswVUnqW/U13pdU7J6a6SMFpRv3e3eS46/0ol7casOpu01cgqMRTTGJ5pyZ9XHjDqX4V"
    "N/tnUwYZUBOWbUxeFce+0Axrt5xuayZHQsZrXR5n1/ovLN7NLJSwX841aAf3X8+eKML2ck"
    "dCXmmbjVFmfzSLJT87PN+8MCs837w8zZRtxSoV3uxRm1qeU0qVbN6PW/OKEqbjb0XSbiIR"
    "saMk3bQ/AUyTTdDcUzoFN+QxzDeUH4b9UOFFRPqk0vj/IhQWsRzvKbr6V+rihBOjbMFZJL"
    "OcQmiPFLbhfeKb3+yTyvRA4ak6bY5Bai4Zg5r9MkUG29rjvfx+0xWAT5IlydvxqoLYgmeQ"
    "TkugOAfLNob8Al7ZZLSni26EItYQZHChcikzzU5MOqWLARzZhjMxfwwDS5YnNt33h97O/L"
    "RimRH5wOL/rnr9596B0mQrO+Iz6ksA7npjKb7bgVKBVq34MnXhklppy0ZQdJv/q3iP5Lt2"
    "gujt9+wwSclk3u5RJwYFudPVy7u62GszE2XWYCRQEUxf5SFHA2RjlZT+WzMZpkfLzaY32K"
    "zZWjJnySTXp5fI9f6QtHW1ele7zOfILmlag6JMp7iGJHFkGP4RL3EYkvbSOjBO1Tvfd1Zy"
    "xUo3+A2QFmpxWLf2B22vBCAWYHmB1gdoDZAWanpcO1u8wOVDpvno2A8tH1lo/ezfb5XtTx"
    "vOPP6JP7OxXVCaINevkVCnjTkRNtu3bjfCa3tdISyWOciWXL4ryBjKE/ROI4QtGNWDH0+B"
    "aXzylT3pdI3rIV2+Wa+lynkfB+bnSPDDviVu2I4x4qujqNW8F+uNB+2AUtYzt8Ykwzyywm"
    "DLdXZrFJvN1Ki/95ePj+/afDt++PPn/88OnTx89vg5KL6Vt5tRdPhr+KlPSYN9I56rA9WD"
    "OTwPag1CDu7vYAgpUQrGzT9qC9euqrpTNmPy7ccv8Hiu1BvEHu9oDJpqN5pO36ImYUSbMl"
    "1ZFniF6w4bhnlaCxOFycOj3+D3HF/Tdf4E8Matgzon9Bmon59CtOMGdzQxNCaEVRs4Y+pE"
    "jOvTj9ZClxMjGVoFDyw+FvFYfMFw4k329nHsvbRIiiC5SYZXYQEZMOEtv15ykbOh/szCFU"
    "W5UNJShMO3faeTMHcOOVybBiBsmOqEVMth9O2836p5HAmZjaTeVmLRv7qA2khFfHPnzfpm"
    "eYAV3OU2vSmBdC6y2mhS8I1T0+tYQHDq4Hl2fDy1+PkWf/QG/9K3bkyp3803mgX/vD88GZ"
    "+AaGSfQHenJ+dfr74Gx08sfo+/Dy7Or7MRqbTBOnGY9Xoxf+ldnLAz3tX54OzqWhJiAzTb"
    "e6YOk5rki09DA7WnqYipb666m4n4fUWe9m37S1Z34I9mdw0z+9G34bcGPuyNPfBmf30g3v"
    "CsLvclTvDz8dBayU+COPh7q96J+fp4knb7Fa5nCVqElrUS7L99V3LBt/MiqAmjTbHrCf9w"
    "TY5N4qhW0+56cw7yDxtydEn49JPtPn7syr8LsxyxrcvD8Lr7318rjU1jFuBdVn1gvQ5LFd"
    "RJzEm8b5js+NapzjVl3AOe/ZGfzzLn/TEjw651eXv/rNkzuZOO4cWmJRbPrcackiSxnmDX"
    "miYzwJRAiz0e9uhBCOr+qa1xULidTxVYIIqeDyiBmsE9vj3vRTvaOE77Y9wTVlfLtBrhHW"
    "pMayrJhCaQ0gp9LMshd82eDmrvN+ylIFOUKVbWZ+t3SQbpz6nTMv1IDtqdtjP+ywozCrJ8"
    "X1kEckNRtCHRHy7OXUsBbi+NQYg5Z/BXR5f36ep7WKrBW1GdGXJl/pi2iagqY/8Tr4+vsN"
    "MbPq1nuw3/qd3fK+ugP+301K04Y0X5kWu9/LE6YZtIoujf8Ivs7kPhMnsoguIvKxLwgjZ2"
    "lR5Mywg3SDt5hhc/LLC14hw0YLQ4RR0XKB8JTDhSYWmyNRs0GpTWvsg5QJLt7rMCJhUtFH"
    "6cqfESGbGyTmE5hhgnoN1Gu7np2aVq+1iJ1tN/SgY9vKaxi0VFvQUp1dXQ6Okc4oSSqnkq"
    "/w3UxKoMmpWToSW9WkQM0niJO2wBK3mSWGKPduotwW0YjxXCnoljDtYNStSw/YwmIaX+tW"
    "8nTSFqbSNnsaAm4Qt2hz3GI3SbVD+mw42PvNCt4yuNvLZy1j7dZTlqJm7C9iTuT7W/rkMo"
    "Zz/ERs9DJj5JlY4hxpKorEIozmZD4m1hduY674nzNsz0TZWcOxkcOeCBXs4hNZOArGsrnP"
    "gUOs95iJlO4cCQeXYcfiVp1L7axfo2sxM6Pa0XpKxrdtM/d48G04+D64OUbPBnkh1gMdnA"
    "3vrvjfRDf4c/9Ar75fitvshX/bdnAxZI5VnEEOJewbdO4ocZDoglgz1q66RJf8WBi8twpe"
    "j1t20Ot74uVCW0isaXz5V+npTpgCVdBmP1vkmT1VJP+iluDlNnsZKq81IBKWTIBblqHkVj"
    "ZpCFJhqGm3xZp26kFcA7zXxLJdXmwvR+1acFMPbmkha5P85oXk9OyZsThQ8JuRu708fnMe"
    "b1eA31xIr//DRoLHQAaVh2R545BffWHWk73AmkplWc42rzK4P5PK/lRSSaAhd0pDAj/WOn"
    "4M+Jts6LvL38BWoIGtQPjaKYFpzAgghT3ArvYAi2DZvq31/74iG3tk26Rt8JBXrPtDn+Qc"
    "vhu2KbDeN9nUoHxhI6JlPYStKaOHho4W2Lb5el2XYoIemrEXxFfp3gpf6AlsfokiTHVx3b"
    "CQ1Cr8xRf8qo1BMx+yXskA24SdbhN2HbNtkUahobQd9/kpLQhJGbZ5M9YmxHXDXph4NZJ/"
    "lwA8adc5TUIj52GJ6X4kpvsyUMeMtojz/d3pdqCuX+4E3EE29N3lDqA8W9e8rogep8qzyR"
    "QruR6v4PiUMQgF2uNq9wlPsS5F6rCEMnhbVGJRjIsyhVji4vu9dH+6Cku8VJAfVduwZE08"
    "jLdnk2QhqGxi22JYbYbTrbPUDXbr9tUlqJpkkW6NKR3Sr3xHvbTIgYJMijfo5XFKNm864r"
    "P+JNK4ALnkJvMjYf2LQXvoiaz4n+MV8opzSWqH/6mZBhF/6Tqf/ewemjALOTOLOY4pTovD"
    "msVsG/lpi7aKYmryo4qkzHjnZlXOlck73lfJPynKCXhzaXspkS0e6ZvNSpU8HK3WA9F2va"
    "6FjSSsKxtfVzb6UoutBFQvteRSIeelJpuO7Ejbte+0K0rkO4bo/C2DxhZ7sYmFvC6+yPCF"
    "xtiTQZD4XiI/s+e+k9jSQaLGocjYFO+cKWN6+j1Wf/dF3l2xQBjvBXI92xA9gck0+z22n/"
    "wMZGT91K/QmJv9WbaskyN2QL612cOgImtaRQZKp71XOn0n4xlfz6oW8v6t3CX8S6RRkXrT"
    "fPpcMEPwP35eArLI1LAdYhFdLpxtNieIPBOO8Bf0aBPezHmUa2xbXLZWiH8JQ/xDWWe69g"
    "8AkVMLJqG8ZfrSKiVx8pp3kE46fFtIAyKaZUtu3qZVIO6zksY4uzZxaLH90sSRIT1eGqZj"
    "UPuN+LxdjOpmChbLGSvtjgHVrJWoFJBd3jM07cTwz1utNlHbEwiB7Jmou4QApPhAPkqb9h"
    "JF8lGKaE68Va5BNtQGePuEM2/R3CHkG1UHJGHL3oFFkV27Exvp0daFwilytSa3RiJd3Oun"
    "h4QOCclq7zLsEW6sZEEiGeh45Z0+zhd0T0S2YktnzH68VgdWmvogZSZ7ZGcqP3fdgT+Ur5"
    "pG3ukBMvrSQ0EnUIdzF++LXs6mL3BpCayjNvBCVm3yyuyjA4NObCXiO+n3hwX20e8PM3fR"
    "4lYc3jHTFaKX7J2a374T4G57n/YzH+lz61+xg0N+BufDb4MbcbaPtzYgOhz381Mc9yP8VQ"
    "HUpNn2gH23L8gmV4spcPP5IIV5B0mhPSGBCkWTvQ1IFe4vZgmagX3wsqp+X85ZozGrLpya"
    "1bROGU4n283KWCLoLnA5rroirztzUaAyrbQwaJkL6l4ZBGvsCq+KpC28LFr9soBw4E8YDo"
    "Ss/a55XfGwp9Jo44GAooxz3Ao45/wgcCRis2EQOCJd3E9g1waB4yOrTYrSC6Ib+Ksh0VWU"
    "zfZv9vKrZvNm/APNgonOMmvLYVLhyY2+IJtYz/wPeR6fSC5eTmcIe4ldPSQTNUSy8f3NOX"
    "r1OGbOG/mJb8RRf/ZjRvSy7g/Iq78t7tszfPjxSIYmBYhQgbtVAciyBci2X3hse7rTJgq9"
    "zUUVMYlSCZBjRh1E+t1h3l40iLkcfsoOuoh7caSf+E8rA7Lfvov41h7Sso2/yGi8clQiq0"
    "yqJW60vejLHrEs4cux6LANLTo4cOtnaMWLLw3viUGxtcogrzyLBLzBON4zgPPKnnhK/WDf"
    "ynE8GV72b/5Qc7MnCmX/yR93gz7oyztOLYC+vB3UAujLt6Uvb5Ja6BPL0GYHCl7Bu9PLIx"
    "Vw2GYdoZCNac3ZoD9LxbEN133Z2/BnYvm1g4ouBCMmHVwJNrIZFw9VCYS95h1Et5Eq6/wT"
    "HaX4OjvBNmKy/Qzb3bz8a8ulTS0Ttvky+/v/A+HyChw="
)
