"""Parley's edges: the HTTP app, the CLI and the channel adapters (web, Telegram, WhatsApp)."""
