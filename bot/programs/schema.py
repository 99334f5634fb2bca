"""The program definition format: pydantic models for programs, steps, schedules and nudges.

Definitions arrive from creators (YAML/JSON files, the API), so every model forbids unknown
keys and every rule a runner relies on is checked here, once. `validate_definition` turns
pydantic's errors into one line that names the step and the field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from bot.badges import Criterion
from bot.errors import InvalidInput, ParleyError
from bot.schedule import Delay, parse_delay

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$", max_length=64)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]

MAX_NUDGES = 3
PATTERN_HINTS = {
    "id": "use 1-64 lowercase letters, digits, '-' or '_' (e.g. day-1)",
    "code": "use 1-64 lowercase letters, digits, '-' or '_' (e.g. habit-7)",
    "content_sid": "a Twilio Content SID: HX followed by 32 hex digits",
    "url": "must be an http:// or https:// URL",
}


class ProgramInvalid(ParleyError):
    """A program definition breaks a rule; the message names the step and the field."""


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True
    )


ON_COMPLETE = "on_complete"


class Schedule(Strict):
    """When a step is sent: `on_complete`, or `{after: 1d at 09:00, from: enrollment|previous}`.

    `from: enrollment` counts from the moment of enrollment, `from: previous` from the moment
    the previous step was completed; `on_complete` is `{after: 0m, from: previous}`.
    """

    after: str
    from_: Literal["enrollment", "previous"] = Field(alias="from")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if data == ON_COMPLETE:
            return {"after": "0m", "from": "previous"}
        if isinstance(data, str):
            raise ValueError(
                f"{data!r}: write `on_complete` or a mapping like "
                "{after: 1d at 09:00, from: enrollment}"
            )
        return data

    @field_validator("after")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse_delay(value)
        except InvalidInput as exc:
            raise ValueError(str(exc)) from None
        return value.strip()

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler) -> Any:
        return ON_COMPLETE if self.on_complete else handler(self)

    @property
    def on_complete(self) -> bool:
        return self.from_ == "previous" and self.delay == Delay()

    @property
    def delay(self) -> Delay:
        return parse_delay(self.after)


class WhatsAppTemplate(Strict):
    """A pre-approved WhatsApp template, used when the 24-hour window is closed."""

    content_sid: Annotated[str, StringConstraints(pattern=r"^HX[0-9a-fA-F]{32}$")]
    variables: dict[str, str] = {}


class Nudge(Strict):
    """A reminder sent `after_hours` after the step was delivered if nothing happened since."""

    after_hours: float = Field(gt=0, le=24 * 14)
    text: Text
    template: WhatsAppTemplate | None = None


MediaRef = Annotated[
    str,
    StringConstraints(
        pattern=r"^(https?://\S+|media:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$",
        max_length=2000,
    ),
]
MAX_ATTACHMENTS = 4


class Media(Strict):
    """An image or file sent with a step: an https:// URL, or `media:<id>` of a file uploaded
    with `POST /api/v1/media`."""

    kind: Literal["image", "video", "audio", "document"]
    url: MediaRef
    name: str = Field(default="", max_length=255)


class Link(Strict):
    title: Label
    url: Url


class StepBase(Strict):
    id: Slug
    title: str = ""
    text: Text
    media: Media | None = None
    attachments: list[Media] = Field(default=[], max_length=MAX_ATTACHMENTS)
    schedule: Schedule = Schedule.model_validate(ON_COMPLETE)
    nudges: list[Nudge] = Field(default=[], max_length=MAX_NUDGES)
    points: int = Field(default=0, ge=0, le=1000)
    template: WhatsAppTemplate | None = None  # WhatsApp: a scheduled send outside the window

    @field_validator("nudges")
    @classmethod
    def _ascending(cls, nudges: list[Nudge]) -> list[Nudge]:
        hours = [n.after_hours for n in nudges]
        if hours != sorted(set(hours)):
            raise ValueError("nudges must be listed by strictly increasing after_hours")
        return nudges


class Lesson(StepBase):
    """Content to read; buttons (if any) are the ways to say "got it" and move on."""

    kind: Literal["lesson"]
    link: Link | None = None
    buttons: list[Label] = Field(default=[], max_length=3)


class Question(StepBase):
    """An open question; the free-text answer is stored."""

    kind: Literal["question"]


class Reflection(StepBase):
    """A journaling prompt; the answer is stored and never scored."""

    kind: Literal["reflection"]


class Checkpoint(StepBase):
    """The program waits here until the learner replies (or presses the button)."""

    kind: Literal["checkpoint"]
    button: Label = "Done"


class QuizOption(Strict):
    text: Label
    correct: bool = False
    feedback: str = ""


class Quiz(StepBase):
    """Options become buttons; one is correct; wrong answers may be retried `retries` times."""

    kind: Literal["quiz"]
    options: list[QuizOption] = Field(max_length=10)
    points: int = Field(default=10, ge=0, le=1000)
    retries: int = Field(default=1, ge=0, le=5)

    @field_validator("options")
    @classmethod
    def _one_correct(cls, options: list[QuizOption]) -> list[QuizOption]:
        if len(options) < 2:
            raise ValueError("a quiz needs at least 2 options")
        correct = sum(o.correct for o in options)
        if correct != 1:
            raise ValueError(f"mark exactly one option `correct: true` (found {correct})")
        texts = [o.text.casefold() for o in options]
        if len(set(texts)) != len(texts):
            raise ValueError("option texts must differ")
        return options

    @property
    def answer(self) -> QuizOption:
        return next(o for o in self.options if o.correct)


Step = Annotated[Lesson | Question | Reflection | Checkpoint | Quiz, Field(discriminator="kind")]
STEP_KINDS = ("lesson", "question", "reflection", "checkpoint", "quiz")
NOISE = frozenset({*STEP_KINDS, "threshold", "function-after", "function-before", "function-wrap"})


class BadgeDefinition(Strict):
    code: Slug
    name: Label
    description: str = ""
    criteria: Criterion


class ProgramDefinition(Strict):
    """A whole program as a creator writes it."""

    code: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    description: str = ""
    knowledge: str | None = None
    badges: list[BadgeDefinition] = []
    steps: list[Step] = Field(min_length=1, max_length=500)
    certificate: bool = False  # completing it earns a PDF certificate (`bot.certificates`)

    @model_validator(mode="after")
    def _unique_ids(self) -> ProgramDefinition:
        _unique("step", "id", [s.id for s in self.steps])
        _unique("badge", "code", [b.code for b in self.badges])
        return self

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def after(self, step_id: str) -> Step | None:
        """The step following `step_id`, None at the end."""
        ids = [s.id for s in self.steps]
        index = ids.index(step_id) + 1
        return self.steps[index] if index < len(ids) else None

    def to_data(self) -> dict[str, Any]:
        """The canonical JSON-ready form, stored as `flow_definition` and exported."""
        data = self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        # id and kind first: exported files read the way people write them.
        data["steps"] = [{"id": s["id"], "kind": s["kind"], **s} for s in data["steps"]]
        return data


def _unique(noun: str, key: str, values: list[str]) -> None:
    for index, value in enumerate(values):
        if value in values[:index]:
            raise ValueError(f"{noun} {value!r} (index {index}): {key}: repeats an earlier {noun}")


def validate_definition(data: Any) -> ProgramDefinition:
    """A valid definition, or ProgramInvalid naming the first bad step and field."""
    if not isinstance(data, dict):
        raise ProgramInvalid("a program must be a mapping with code, title and steps")
    try:
        return ProgramDefinition.model_validate(data)
    except ValidationError as exc:
        raise ProgramInvalid(describe(exc, data)) from None


def describe(error: ValidationError, data: dict[str, Any]) -> str:
    """One line for the first error: `step 'day-3' (index 2): options: <what is wrong>`."""
    first = error.errors()[0]
    loc = list(first["loc"])
    where = _where(loc, data)
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown field (check the spelling)"
    elif first["type"] == "string_pattern_mismatch":
        message = PATTERN_HINTS.get(str(loc[-1]), message)
    elif first["type"] in {"union_tag_invalid", "union_tag_not_found"} and where.startswith("step"):
        loc, message = ["kind"], f"must be one of {', '.join(STEP_KINDS)}"
    field = ".".join(_path(loc))
    return f"{where}{field}: {message}" if field else f"{where}{message}"


def _path(loc: list[Any]) -> list[str]:
    """Field names and list indexes, without pydantic's union tags or repeated alias names."""
    parts: list[str] = []
    for part in map(str, loc):
        if part not in NOISE and (not parts or parts[-1] != part):
            parts.append(part)
    return parts


def _where(loc: list[Any], data: dict[str, Any]) -> str:
    """Names the step or badge the error is in and strips that prefix from `loc`."""
    for section, key, noun in (("steps", "id", "step"), ("badges", "code", "badge")):
        if len(loc) >= 2 and loc[0] == section and isinstance(loc[1], int):
            index = loc[1]
            del loc[:2]
            items = data.get(section)
            item = items[index] if isinstance(items, list) and index < len(items) else None
            name = item.get(key) if isinstance(item, dict) else None
            return f"{noun} {name!r} (index {index}): " if name else f"{noun} #{index}: "
    return ""
