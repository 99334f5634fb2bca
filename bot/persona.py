"""A bot's voice: the persona read from a `Bot` row, its greeting, help text and system prompt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n.catalogue import Texts
from models import Bot


@dataclass(frozen=True)
class Persona:
    """What a bot sounds like; built once per turn from its row, never from user input."""

    name: str
    description: str = ""
    system_prompt: str = ""
    traits: tuple[str, ...] = ()
    backstory: str = ""
    hidden_rules: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    greeting: str = ""
    sign_off: str = ""

    @classmethod
    def from_bot(cls, bot: Bot) -> Persona:
        return cls(
            name=bot.persona_name or bot.name,
            description=bot.description,
            system_prompt=bot.system_prompt,
            traits=_strings(bot.traits),
            backstory=bot.backstory,
            hidden_rules=_strings(bot.hidden_rules),
            languages=_strings(bot.languages),
            greeting=bot.greeting,
            sign_off=bot.sign_off,
        )

    def welcome(self, texts: Texts | None = None) -> str:
        """The /start reply: the creator's greeting, or a plain introduction."""
        return self.greeting or (texts or Texts()).get("welcome", name=self.name)

    def help_text(self, texts: Texts | None = None) -> str:
        texts = texts or Texts()
        about = f" {self.description}" if self.description else ""
        commands = "\n".join(f"/{c} - {texts.get('help_' + c)}" for c in ("start", "help", "reset"))
        intro = texts.get("help_intro", name=self.name)
        return f"{intro}{about}\n{texts.get('help_body')}\n{commands}"

    def signed(self, text: str) -> str:
        """A reply in the bot's voice: its sign-off after the text, when it has one."""
        return f"{text}\n\n{self.sign_off}" if self.sign_off else text

    def system_message(self) -> str:
        """The system prompt an LLM gets: who the bot is, then the creator's hidden rules."""
        parts = [self.system_prompt or f"You are {self.name}, a helpful assistant."]
        if self.description:
            parts.append(f"About you: {self.description}")
        if self.traits:
            parts.append("Your traits: " + ", ".join(self.traits) + ".")
        if self.backstory:
            parts.append(f"Your backstory: {self.backstory}")
        if self.languages:
            spoken = ", ".join(self.languages)
            parts.append(f"Answer in the user's language if it is one of: {spoken}.")
        if self.hidden_rules:
            rules = "\n".join(f"- {r}" for r in self.hidden_rules)
            parts.append(f"Rules you always follow:\n{rules}")
        return "\n\n".join(parts)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v)
    return ()
