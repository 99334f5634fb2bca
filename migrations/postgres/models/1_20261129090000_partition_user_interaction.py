"""Partition `user_interaction` by month (PostgreSQL only; hand-written, see migrations/README.md).

The event log is append-only and nothing references it, so it becomes a RANGE-partitioned table on
`created_at` (UTC months) with a DEFAULT partition that catches rows outside every month (they
move out when bot/partitions.py creates their month). The primary key becomes (id, created_at):
PostgreSQL requires the partition key in every unique key. Existing rows are copied (one
transaction: plan a window for a very large table). Downgrade copies the rows of every attached
partition back into a plain table; detached partitions stay as standalone tables. Constraints
are named explicitly: detached partitions keep copies of the foreign keys under the same names,
and PostgreSQL's automatic names would then drift (`..._fkey1`).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        ALTER TABLE "user_interaction" RENAME TO "user_interaction_unpartitioned";
ALTER TABLE "user_interaction_unpartitioned"
    DROP CONSTRAINT "user_interaction_pkey",
    DROP CONSTRAINT "user_interaction_bot_id_fkey",
    DROP CONSTRAINT "user_interaction_message_id_fkey",
    DROP CONSTRAINT "user_interaction_program_id_fkey",
    DROP CONSTRAINT "user_interaction_user_id_fkey";
DROP INDEX "idx_user_intera_interac_4f82f5";
DROP INDEX "idx_user_intera_created_8425ca";
DROP INDEX "idx_user_intera_session_79ba80";
DROP INDEX "idx_user_intera_user_id_78f2d4";
DROP INDEX "idx_user_intera_bot_id_a4dff7";
CREATE TABLE "user_interaction" (
    "id" UUID NOT NULL,
    "interaction_type" VARCHAR(100) NOT NULL,
    "interaction_data" JSONB NOT NULL,
    "channel" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "session_id" UUID,
    "bot_id" UUID NOT NULL CONSTRAINT "user_interaction_bot_id_fkey" REFERENCES "bot" ("id") ON DELETE CASCADE,
    "message_id" UUID CONSTRAINT "user_interaction_message_id_fkey" REFERENCES "message" ("id") ON DELETE SET NULL,
    "program_id" UUID CONSTRAINT "user_interaction_program_id_fkey" REFERENCES "program" ("id") ON DELETE SET NULL,
    "user_id" UUID NOT NULL CONSTRAINT "user_interaction_user_id_fkey" REFERENCES "end_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "user_interaction_pkey" PRIMARY KEY ("id", "created_at")
) PARTITION BY RANGE ("created_at");
CREATE INDEX "idx_user_intera_interac_4f82f5" ON "user_interaction" ("interaction_type");
CREATE INDEX "idx_user_intera_created_8425ca" ON "user_interaction" ("created_at");
CREATE INDEX "idx_user_intera_session_79ba80" ON "user_interaction" ("session_id");
CREATE INDEX "idx_user_intera_user_id_78f2d4" ON "user_interaction" ("user_id", "interaction_type", "created_at");
CREATE INDEX "idx_user_intera_bot_id_a4dff7" ON "user_interaction" ("bot_id", "created_at");
COMMENT ON TABLE "user_interaction" IS 'The event log: every meaningful thing an end user did, the source of metrics and badges.';
CREATE TABLE "user_interaction_default" PARTITION OF "user_interaction" DEFAULT;
-- One partition per UTC month from the oldest row (or this month) to three months ahead.
DO $$
DECLARE
    month TIMESTAMP := date_trunc('month', coalesce(
        (SELECT min("created_at") FROM "user_interaction_unpartitioned"), now()) AT TIME ZONE 'UTC');
    last TIMESTAMP := date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '3 months';
BEGIN
    WHILE month <= last LOOP
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF "user_interaction" FOR VALUES FROM (%L) TO (%L)',
            'user_interaction_p' || to_char(month, 'YYYY_MM'),
            month::TEXT || '+00', (month + INTERVAL '1 month')::TEXT || '+00');
        month := month + INTERVAL '1 month';
    END LOOP;
END $$;
INSERT INTO "user_interaction" ("id", "interaction_type", "interaction_data", "channel", "created_at", "session_id", "bot_id", "message_id", "program_id", "user_id")
    SELECT "id", "interaction_type", "interaction_data", "channel", "created_at", "session_id", "bot_id", "message_id", "program_id", "user_id" FROM "user_interaction_unpartitioned";
DROP TABLE "user_interaction_unpartitioned";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return r"""
        ALTER TABLE "user_interaction" RENAME TO "user_interaction_partitioned";
ALTER TABLE "user_interaction_partitioned"
    DROP CONSTRAINT "user_interaction_pkey",
    DROP CONSTRAINT "user_interaction_bot_id_fkey",
    DROP CONSTRAINT "user_interaction_message_id_fkey",
    DROP CONSTRAINT "user_interaction_program_id_fkey",
    DROP CONSTRAINT "user_interaction_user_id_fkey";
DROP INDEX "idx_user_intera_interac_4f82f5";
DROP INDEX "idx_user_intera_created_8425ca";
DROP INDEX "idx_user_intera_session_79ba80";
DROP INDEX "idx_user_intera_user_id_78f2d4";
DROP INDEX "idx_user_intera_bot_id_a4dff7";
CREATE TABLE "user_interaction" (
    "id" UUID NOT NULL CONSTRAINT "user_interaction_pkey" PRIMARY KEY,
    "interaction_type" VARCHAR(100) NOT NULL,
    "interaction_data" JSONB NOT NULL,
    "channel" VARCHAR(50) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "session_id" UUID,
    "bot_id" UUID NOT NULL CONSTRAINT "user_interaction_bot_id_fkey" REFERENCES "bot" ("id") ON DELETE CASCADE,
    "message_id" UUID CONSTRAINT "user_interaction_message_id_fkey" REFERENCES "message" ("id") ON DELETE SET NULL,
    "program_id" UUID CONSTRAINT "user_interaction_program_id_fkey" REFERENCES "program" ("id") ON DELETE SET NULL,
    "user_id" UUID NOT NULL CONSTRAINT "user_interaction_user_id_fkey" REFERENCES "end_user" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_user_intera_interac_4f82f5" ON "user_interaction" ("interaction_type");
CREATE INDEX "idx_user_intera_created_8425ca" ON "user_interaction" ("created_at");
CREATE INDEX "idx_user_intera_session_79ba80" ON "user_interaction" ("session_id");
CREATE INDEX "idx_user_intera_user_id_78f2d4" ON "user_interaction" ("user_id", "interaction_type", "created_at");
CREATE INDEX "idx_user_intera_bot_id_a4dff7" ON "user_interaction" ("bot_id", "created_at");
COMMENT ON TABLE "user_interaction" IS 'The event log: every meaningful thing an end user did, the source of metrics and badges.';
INSERT INTO "user_interaction" ("id", "interaction_type", "interaction_data", "channel", "created_at", "session_id", "bot_id", "message_id", "program_id", "user_id")
    SELECT "id", "interaction_type", "interaction_data", "channel", "created_at", "session_id", "bot_id", "message_id", "program_id", "user_id" FROM "user_interaction_partitioned";
DROP TABLE "user_interaction_partitioned";"""


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
