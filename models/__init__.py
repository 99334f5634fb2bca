"""Tortoise ORM models: every table of Parley, grouped by the noun it owns."""

from models.analytics import (
    AuditLog,
    EngagementMetric,
    InsightTally,
    ProgramAnalytic,
    RollupLease,
    UsageTracking,
)
from models.base import TenantModel, scoped
from models.bots import LIVE_BOT_STATUSES, Bot, BotStatus, BotVersion
from models.channels import Channel, ChannelAccount, ChannelType, LinkCode, WidgetPresence
from models.conversations import (
    Conversation,
    ConversationStatus,
    DeliveryStatus,
    Direction,
    Message,
    SenderType,
)
from models.creators import ApiKey, Creator, Subscription
from models.gamification import Achievement, Badge, Certificate, LearnerStats, UserBadge
from models.inbox import InboxMessage, InboxStatus
from models.knowledge import Document, DocumentChunk, KnowledgeBase, ProcessingStatus
from models.media import MediaFile
from models.outbox import Lane, OutboxMessage, OutboxStatus
from models.people import Invitation, Membership, Person, Role, SignInFailure, StudioSession
from models.programs import (
    EnrollmentStatus,
    Program,
    ProgramEnrollment,
    ProgramStatus,
    ProgramVersion,
    ScheduledSend,
    SendStatus,
    StepProgress,
)
from models.users import EndUser, UserInteraction, UserProfile
from models.webhooks import Webhook, WebhookDelivery, WebhookDeliveryStatus

__all__ = [
    "LIVE_BOT_STATUSES",
    "Achievement",
    "ApiKey",
    "AuditLog",
    "Badge",
    "Bot",
    "BotStatus",
    "BotVersion",
    "Certificate",
    "Channel",
    "ChannelAccount",
    "ChannelType",
    "Conversation",
    "ConversationStatus",
    "Creator",
    "DeliveryStatus",
    "Direction",
    "Document",
    "DocumentChunk",
    "EndUser",
    "EngagementMetric",
    "EnrollmentStatus",
    "InboxMessage",
    "InboxStatus",
    "InsightTally",
    "Invitation",
    "KnowledgeBase",
    "Lane",
    "LearnerStats",
    "LinkCode",
    "MediaFile",
    "Membership",
    "Message",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "ProcessingStatus",
    "Program",
    "ProgramAnalytic",
    "ProgramEnrollment",
    "ProgramStatus",
    "ProgramVersion",
    "Role",
    "RollupLease",
    "ScheduledSend",
    "SendStatus",
    "SenderType",
    "SignInFailure",
    "StepProgress",
    "StudioSession",
    "Subscription",
    "TenantModel",
    "UsageTracking",
    "UserBadge",
    "UserInteraction",
    "UserProfile",
    "Webhook",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WidgetPresence",
    "scoped",
]
