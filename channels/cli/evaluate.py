"""CLI commands for evaluation (retrieval quality)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.answer_eval import ask_as_widget
from bot.rag.choice import CHOICES
from bot.rag.eval_languages import LanguageRow, evaluate_languages
from bot.rag.evaluation import SPLITS, EvalReport, evaluate_retrieval
from bot.settings import Settings
from channels.cli.runtime import run


@click.group(name="eval")
def eval_group() -> None:
    """Measure quality: retrieval on a BEIR-layout dataset."""


def _print_report(report: EvalReport, as_json: bool) -> None:
    figures = report.as_json()
    click.echo(
        f"{figures['documents']} documents, {figures['chunks']} chunks, "
        f"{figures['queries']} queries ({report.fusion.method} fusion, dense "
        f"{report.fusion.dense_weight:g}, lexical {report.fusion.sparse_weight:g} (grams "
        f"{report.fusion.gram_weight:g}), rrf_k {report.fusion.rrf_k}, "
        f"candidates {report.fusion.candidates})"
    )
    for key in ("ndcg@10", "recall@10", "mrr@10", "query_p50_ms", "query_p95_ms"):
        click.echo(f"{key:>20}: {figures[key]}")
    click.echo(f"{'ingest_chunks_per_s':>20}: {figures['ingest_chunks_per_s']}")
    click.echo(f"{'embedding_model':>20}: {report.embedding_model}")
    for language, (queries, score) in report.by_language.items():
        click.echo(f"{'ndcg@10 [' + language + ']':>20}: {score:.4f} ({queries} queries)")
    if as_json:
        click.echo(json.dumps(figures))


def progress(line: str) -> None:
    click.echo(line, err=True)


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def _print_languages(rows: list[LanguageRow], as_json: bool) -> None:
    """The per-language table, then (with --json) one JSON line: rows and whether all goals hold."""
    click.echo(
        f"{'dataset':<12}{'lang':<6}{'model':<28}{'qs':>6}{'bm25s':>8}{'parley':>8}{'delta':>8}"
        f"{'goal':>7}{'span':>7}{'cited':>7}{'chunks/s':>10}{'query ms':>10}  met"
    )
    for row in rows:
        answered = row.answered > 0
        click.echo(
            f"{row.dataset:<12}{row.language:<6}{row.embedding_model:<28}{row.queries:>6}"
            f"{_cell(row.baseline, '.4f'):>8}{row.ndcg:>8.4f}{_cell(row.delta, '+.4f'):>8}"
            f"{'+' + format(row.margin, 'g'):>7}"
            f"{_cell(row.span if answered else None, '.3f'):>7}"
            f"{_cell(row.cited if answered else None, '.3f'):>7}"
            f"{row.chunks_per_s:>10.2f}{row.query_p50_ms:>10.2f}  "
            + ("yes" if all(row.goals().values()) else "NO")
        )
    if as_json:
        met = all(all(row.goals().values()) for row in rows)
        click.echo(json.dumps({"languages": [row.as_json() for row in rows], "goals_met": met}))


@eval_group.command(name="retrieval")
@click.option(
    "--dataset",
    "datasets",
    required=True,
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with corpus.jsonl, queries.jsonl and qrels.tsv (BEIR layout); repeatable: "
    "each dataset gets its own knowledge base.",
)
@click.option("--split", type=click.Choice(sorted(SPLITS)), default="test", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate only the first N queries.")
@click.option(
    "--embedder",
    "embedders",
    multiple=True,
    type=click.Choice(CHOICES),
    help="The knowledge base's embedder choice (default: PARLEY_RAG__KNOWLEDGE_EMBEDDER); "
    "repeatable: each dataset is ingested once per choice.",
)
@click.option(
    "--by-language",
    is_flag=True,
    help="A row per dataset, question language and model, against bm25s (that language's "
    "stemmer) on the same questions, with the goals; implied by several datasets or embedders.",
)
@click.option(
    "--answers",
    is_flag=True,
    help="Also ask each question with gold answers (answers.jsonl) as a widget turn: share of "
    "replies holding a gold span and carrying a citation. Implies --by-language.",
)
@click.option("--json", "as_json", is_flag=True, help="End with one JSON line of the figures.")
def retrieval(
    datasets: tuple[Path, ...],
    split: str,
    limit: int | None,
    embedders: tuple[str, ...],
    by_language: bool,
    answers: bool,
    as_json: bool,
) -> None:
    """Ingest a dataset into a temporary store and score hybrid retrieval on it."""
    if len(datasets) > 1 or len(embedders) > 1 or by_language or answers:

        async def languages(settings: Settings) -> list[LanguageRow]:
            return await evaluate_languages(
                list(datasets), settings, embedders=list(embedders) or [None], split=split,
                limit=limit, asker=ask_as_widget if answers else None, progress=progress,
            )  # fmt: skip

        _print_languages(run(languages, db=False), as_json)
        return

    async def command(settings: Settings) -> EvalReport:
        reports = await evaluate_retrieval(
            datasets[0],
            settings,
            split=split,
            limit=limit,
            embedder=embedders[0] if embedders else None,
            progress=progress,
        )
        return reports[0]

    _print_report(run(command, db=False), as_json)


COMMANDS: list[click.Command] = [eval_group]
