"""The error hierarchy: one root, subclasses that say what went wrong and what to fix."""


class ParleyError(Exception):
    """Root of every error Parley raises on purpose; its message is fit to show a user."""


class SettingsError(ParleyError):
    """A setting is missing or invalid."""


class NotFound(ParleyError):
    """A named thing (creator, bot, document) does not exist for this creator."""


class Conflict(ParleyError):
    """The thing already exists or the operation clashes with current state."""


class InvalidInput(ParleyError):
    """Input was understood but is not acceptable."""
