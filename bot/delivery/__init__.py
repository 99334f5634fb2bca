"""The one write path for outbound messages: typed records and the batch writer."""

from bot.delivery.bulk import Batch
from bot.delivery.records import EventRecord, OutboundMeta, OutboundRecord, meta_of, reply_order
from bot.delivery.writer import write_outbound

__all__ = [
    "Batch",
    "EventRecord",
    "OutboundMeta",
    "OutboundRecord",
    "meta_of",
    "reply_order",
    "write_outbound",
]
