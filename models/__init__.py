"""Tortoise ORM models: every table of Parley, grouped by the noun it owns."""

from models.analytics import AuditLog, EngagementMetric, ProgramAnalytic, UsageTracking
from models.base import TenantModel, scoped
from models.bots import Bot, BotStatus, BotVersion
from models.channels import Channel, ChannelAccount, ChannelType, WidgetPresence
from models.conversations import (
    Conversation,
    ConversationStatus,
    DeliveryStatus,
    Direction,
    Message,
    SenderType,
)
from models.creators import ApiKey, Creator, Subscription
from models.gamification import Achievement, Badge, UserBadge
from models.inbox import InboxMessage, InboxStatus
from models.knowledge import Document, DocumentChunk, KnowledgeBase, ProcessingStatus
from models.outbox import OutboxMessage, OutboxStatus
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

__all__ = [
    "Achievement",
    "ApiKey",
    "AuditLog",
    "Badge",
    "Bot",
    "BotStatus",
    "BotVersion",
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
    "KnowledgeBase",
    "Message",
    "OutboxMessage",
    "OutboxStatus",
    "ProcessingStatus",
    "Program",
    "ProgramAnalytic",
    "ProgramEnrollment",
    "ProgramStatus",
    "ProgramVersion",
    "ScheduledSend",
    "SendStatus",
    "SenderType",
    "StepProgress",
    "Subscription",
    "TenantModel",
    "UsageTracking",
    "UserBadge",
    "UserInteraction",
    "UserProfile",
    "WidgetPresence",
    "scoped",
]
