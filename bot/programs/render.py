"""Program steps as chat messages and learner messages as answers: button payloads, quiz grading.

Pure: no I/O. Buttons carry payloads the runner reads back (`next:STEP`, `done:STEP`,
`quiz:STEP:INDEX`, `join:CODE`); typed replies work too (an option's text or number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n.catalogue import Texts
from bot.messages import Attachment, Button, OutboundMessage, Template
from bot.programs.schema import Checkpoint, Lesson, Nudge, Quiz, Step, WhatsAppTemplate

_JOIN_TEXT = re.compile(r"^join\s+([A-Za-z0-9_-]{1,64})$", re.IGNORECASE)
_PAYLOAD = re.compile(r"^(next|done|quiz):([a-z0-9_-]{1,64})(?::(\d{1,2}))?$")


@dataclass(frozen=True)
class StepPayload:
    """A program button pressed: what it does, for which step, which quiz option."""

    action: str  # next | done | quiz
    step_id: str
    option: int | None = None


@dataclass(frozen=True)
class Answer:
    """A learner message read as an answer to the current step."""

    text: str
    option: int | None = None  # quiz: the chosen option's index


@dataclass(frozen=True)
class QuizOutcome:
    correct: bool
    score: float  # 1.0 right first time, less per extra try, 0.0 when never right
    feedback: str
    finished: bool  # no tries left (or right): the step is complete
    attempt: int


def parse_payload(payload: str | None) -> StepPayload | None:
    match = _PAYLOAD.match((payload or "").strip())
    if not match:
        return None
    option = int(match[3]) if match[3] is not None else None
    return StepPayload(match[1], match[2], option)


def join_code(text: str, payload: str | None) -> tuple[str, str] | None:
    """`join CODE` typed or a `join:CODE` button -> (code, source)."""
    if payload and payload.strip().lower().startswith("join:"):
        return payload.strip()[5:].strip().lower(), "button"
    match = _JOIN_TEXT.match(text.strip())
    return (match[1].lower(), "keyword") if match else None


def template_of(template: WhatsAppTemplate | None) -> Template | None:
    return Template(template.content_sid, dict(template.variables)) if template else None


def step_message(step: Step) -> OutboundMessage:
    """The step as one message: title, text, media, and its buttons."""
    text = f"{step.title}\n\n{step.text}" if step.title else step.text
    listed = [step.media] if step.media else []
    media = tuple(Attachment(m.kind, m.url, name=m.name) for m in [*listed, *step.attachments])
    return OutboundMessage(
        text=text,
        buttons=buttons(step),
        attachments=media,
        template=template_of(step.template),
        kind="step",
    )


def buttons(step: Step) -> tuple[Button, ...]:
    if isinstance(step, Quiz):
        return tuple(Button(o.text, f"quiz:{step.id}:{i}") for i, o in enumerate(step.options))
    if isinstance(step, Checkpoint):
        return (Button(step.button, f"done:{step.id}"),)
    if isinstance(step, Lesson):
        link = (Button(step.link.title, "", url=step.link.url),) if step.link else ()
        return (*link, *(Button(label, f"next:{step.id}") for label in step.buttons))
    return ()


def nudge_message(nudge: Nudge) -> OutboundMessage:
    return OutboundMessage(text=nudge.text, template=template_of(nudge.template), kind="nudge")


def read_answer(step: Step, text: str, payload: str | None) -> Answer | None:
    """The message as an answer to `step`, or None when it is something else (a question).

    A button of this step always answers it. Typed text answers lessons, checkpoints,
    questions and reflections unless it ends with `?` (then it is a question for the bot);
    a quiz takes an option's text or number.
    """
    pressed = parse_payload(payload)
    if pressed is not None:
        return _pressed(step, pressed)
    text = text.strip()
    if isinstance(step, Quiz):
        index = option_index(step, text)
        return Answer(step.options[index].text, index) if index is not None else None
    if not text or text.endswith("?"):
        return None
    return Answer(text)


def _pressed(step: Step, pressed: StepPayload) -> Answer | None:
    if pressed.step_id != step.id:
        return None
    if isinstance(step, Quiz):
        index = pressed.option
        if index is None or not 0 <= index < len(step.options):
            return None
        return Answer(step.options[index].text, index)
    label = step.button if isinstance(step, Checkpoint) else pressed.action
    return Answer(label)


def option_index(quiz: Quiz, text: str) -> int | None:
    """An option chosen by its text (any case) or its 1-based number."""
    wanted = text.casefold().strip(" .")
    for index, option in enumerate(quiz.options):
        if option.text.casefold() == wanted:
            return index
    if wanted.isdigit() and 1 <= int(wanted) <= len(quiz.options):
        return int(wanted) - 1
    return None


def grade(quiz: Quiz, option: int, attempt: int, texts: Texts | None = None) -> QuizOutcome:
    """Score an answer: right on try n of (retries + 1) scores 1 - (n - 1) / (retries + 1)."""
    chosen = quiz.options[option]
    tries = quiz.retries + 1
    if chosen.correct:
        score = round(1 - (attempt - 1) / tries, 2)
        return QuizOutcome(True, score, chosen.feedback, True, attempt)
    finished = attempt >= tries
    feedback = chosen.feedback
    if finished:
        answer_is = (texts or Texts()).get("quiz_answer_is", answer=quiz.answer.text)
        feedback = f"{feedback} {answer_is}".strip()
    return QuizOutcome(False, 0.0, feedback, finished, attempt)


def retry_message(quiz: Quiz, outcome: QuizOutcome, texts: Texts | None = None) -> OutboundMessage:
    try_again = (texts or Texts()).get("try_again")
    text = f"{outcome.feedback}\n\n{try_again}" if outcome.feedback else try_again
    return OutboundMessage(text=text, buttons=buttons(quiz), kind="step")


def local_label(when: datetime, tz: ZoneInfo) -> str:
    """`Tue 3 Mar, 09:00` in the learner's zone."""
    local = when.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"
