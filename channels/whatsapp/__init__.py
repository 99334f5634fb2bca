"""The WhatsApp channel (Twilio): parse and verify webhooks, send through the outbox."""

from channels.whatsapp.client import TwilioClients, WhatsAppSender, to_send_failed
from channels.whatsapp.parse import StatusReport, parse_inbound, parse_status
from channels.whatsapp.render import choice_payload, to_bodies
from channels.whatsapp.webhook import SIGNATURE_HEADER, WhatsAppWebhooks, add_routes

__all__ = [
    "SIGNATURE_HEADER",
    "StatusReport",
    "TwilioClients",
    "WhatsAppSender",
    "WhatsAppWebhooks",
    "add_routes",
    "choice_payload",
    "parse_inbound",
    "parse_status",
    "to_bodies",
    "to_send_failed",
]
