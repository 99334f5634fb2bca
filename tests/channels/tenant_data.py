"""Rows of one tenant in every table (the route sweep's world), through the product's services
where one exists; `empty_tables` says which tables a tenant still has no row in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from tortoise import Tortoise

from bot import audit, budget, configuration
from bot.auth import issue_api_key
from bot.linking.codes import issue_code
from bot.media import save_media
from bot.programs import service as programs
from bot.programs.loader import load_file
from bot.rag.service import KnowledgeService
from channels.whatsapp.setup import add_channel
from models import (
    Achievement,
    Badge,
    ChannelAccount,
    EngagementMetric,
    InboxMessage,
    InsightTally,
    LearnerStats,
    OutboxMessage,
    Program,
    ProgramAnalytic,
    StepProgress,
    Subscription,
    UserBadge,
    UserProfile,
    Webhook,
    WebhookDelivery,
    WidgetPresence,
)
from models.base import TenantModel
from tests import factories
from tests.channels.studio.tenancy import EXAMPLES
from tests.channels.studio.world import Tenant


async def seed_everything(tenant: Tenant, knowledge: KnowledgeService) -> dict[str, str]:
    """Fill the tenant's rows; returns ids by the URL parameter names routes use."""
    creator, bot, now = tenant.creator, tenant.bot, datetime.now(UTC)
    user = await factories.end_user(bot, f"{bot.slug}-learner")
    conv = await factories.conversation(user)
    await factories.inbound(conv, bot, "hello", f"{bot.slug}-m1")
    await factories.interaction(user, "message", now).save()
    example = load_file(EXAMPLES / "focus-course.yaml")
    code = f"{bot.slug}-course"  # per tenant: a shared code would name B's own program
    program = await programs.import_program(bot, example.model_copy(update={"code": code}))
    await programs.publish_program(bot, program.code)
    enrollment = await programs.enroll(user, program.code, source="api")
    await StepProgress.get_or_create(enrollment=enrollment, step_id="sweep")
    await configuration.publish(bot, note="sweep")
    await add_channel(bot.slug, account_sid="AC" + "0" * 32, auth_token="sweep-token",
                      sender="whatsapp:+14155238886")  # fmt: skip
    added = await knowledge.add_json(creator.id, bot.slug, None, "Walk", "Walking text to sweep.")
    await issue_api_key(creator, ["read"], name="sweep")
    await audit.record_change(creator.id, table="creator_settings", record_id=creator.id,
                              old={"a": 1}, new={"a": 2})  # fmt: skip
    await budget.add_tokens(creator.id, 10, date.today())
    await seed_leftovers(tenant, user.id, program, now)
    await issue_code(user, now)
    await save_media(creator.id, b"sweep", "sweep.txt")
    hook = await Webhook.create(creator=creator, url="https://example.org/h", events=["enrolled"],
                                secret="s")  # fmt: skip
    await WebhookDelivery.create(webhook=hook, event_id=uuid4(), event="enrolled", body="{}",
                                 next_attempt_at=now)  # fmt: skip
    return {"document": str(added.document.id), "learner": str(user.id), "code": program.code}


async def seed_leftovers(tenant: Tenant, user_id: object, program: Program, now: datetime) -> None:
    """Tables no service above writes without a live channel or the scheduler."""
    creator, bot = tenant.creator, tenant.bot
    badge = await Badge.create(creator=creator, bot=bot, code="sweep", name="Sweep", criteria={})
    await UserBadge.create(user_id=user_id, badge=badge)
    await LearnerStats.get_or_create(user_id=user_id, defaults={"points": 1})
    await Achievement.create(user_id=user_id, achievement_type="sweep", program=program)
    await UserProfile.get_or_create(user_id=user_id)
    await EngagementMetric.create(
        creator=creator, bot=bot, metric_type="messages", metric_value=Decimal(1),
        dimensions_key="", date=now.date(),
    )  # fmt: skip
    await ProgramAnalytic.create(
        program=program, metric_type="enrolled", metric_value=Decimal(1),
        dimensions_key="", date=now.date(),
    )  # fmt: skip
    await InsightTally.create(
        creator=creator, subject_id=bot.id, kind="weekly", period=now.date(), key=".", n=0
    )
    account = await ChannelAccount.get(end_user_id=user_id)
    await InboxMessage.create(
        bot=bot, channel="web", external_message_id=f"{bot.slug}-in", payload={}, received_at=now
    )
    await OutboxMessage.create(
        bot=bot,
        channel_account=account,
        channel="web",
        idempotency_key=f"{bot.slug}-out",
        payload={},
        next_attempt_at=now,
    )
    await WidgetPresence.create(bot=bot, session=f"{bot.slug}-s", node="sweep", seen_at=now)
    await Subscription.create(
        creator=creator,
        plan_name="free",
        status="active",
        current_period_start=now,
        current_period_end=now + timedelta(days=30),
    )


async def empty_tables(creator_id: object) -> list[str]:
    """Tenant tables holding no row of this creator."""
    missing = []
    for model in Tortoise.apps["models"].values():
        if issubclass(model, TenantModel) and not await model.for_creator(creator_id).exists():
            missing.append(model._meta.db_table)
    return sorted(missing)
