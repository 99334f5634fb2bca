"""CLI commands for evaluation (retrieval quality)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.rag.choice import CHOICES
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


@eval_group.command(name="retrieval")
@click.option(
    "--dataset",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with corpus.jsonl, queries.jsonl and qrels.tsv (BEIR layout).",
)
@click.option("--split", type=click.Choice(sorted(SPLITS)), default="test", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate only the first N queries.")
@click.option(
    "--embedder",
    type=click.Choice(CHOICES),
    help="The knowledge base's embedder choice (default: PARLEY_RAG__KNOWLEDGE_EMBEDDER).",
)
@click.option("--json", "as_json", is_flag=True, help="End with one JSON line of the figures.")
def retrieval(
    dataset: Path, split: str, limit: int | None, embedder: str | None, as_json: bool
) -> None:
    """Ingest a dataset into a temporary store and score hybrid retrieval on it."""

    async def command(settings: Settings) -> EvalReport:
        reports = await evaluate_retrieval(
            dataset,
            settings,
            split=split,
            limit=limit,
            embedder=embedder,
            progress=lambda line: click.echo(line, err=True),
        )
        return reports[0]

    _print_report(run(command, db=False), as_json)


COMMANDS: list[click.Command] = [eval_group]
