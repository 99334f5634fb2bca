"""Parley's engine: channel-agnostic conversation handling, knowledge, programs and metrics."""
