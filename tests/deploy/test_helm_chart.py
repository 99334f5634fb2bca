"""The Helm chart, linted and rendered offline by the Helm v4 SDK (helm-python-sdk), and every
rendered manifest validated against the Kubernetes schemas of the oldest and newest supported
versions (kubernetes-validate --strict: unknown fields fail)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helm_python as helm
import kubernetes_validate
import pytest
import yaml

CHART = Path(__file__).resolve().parents[2] / "deploy" / "helm" / "parley"
EXTERNAL = yaml.safe_load((CHART / "ci" / "external-values.yaml").read_text())
KUBE_VERSIONS = ["1.25.0", kubernetes_validate.latest_version()]
VALUES = {"default": None, "external": EXTERNAL}


def render(values: dict[str, Any] | None, *, upgrade: bool = False) -> list[dict[str, Any]]:
    chart = helm.Chart.load(CHART)
    files = chart.render(
        values, name="parley", namespace="bots", is_install=not upgrade, is_upgrade=upgrade
    )
    docs = [
        doc
        for path, text in sorted(files.items())
        if path.endswith(".yaml")
        for doc in yaml.safe_load_all(text)
    ]
    return [doc for doc in docs if doc]


def by_kind(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {doc["kind"]: doc for doc in docs}


def env_of(container: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_chart_lints_strictly(values: dict[str, Any] | None) -> None:
    report = helm.lint(CHART, values, strict=True)

    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


@pytest.mark.parametrize("kube", KUBE_VERSIONS)
@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_every_rendered_manifest_validates(values: dict[str, Any] | None, kube: str) -> None:
    docs = render(values)

    assert {"Deployment", "Service", "Ingress", "PodDisruptionBudget", "Job"} <= {
        d["kind"] for d in docs
    }
    for doc in docs:
        kubernetes_validate.validate(doc, kube, strict=True)


def test_a_broken_manifest_is_caught_by_the_validator() -> None:
    deployment = by_kind(render(None))["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGett"] = {}

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBE_VERSIONS[-1], strict=True)


def test_probes_security_and_secrets_by_reference() -> None:
    kinds = by_kind(render(None))
    pod = kinds["Deployment"]["spec"]["template"]["spec"]
    app = pod["containers"][0]
    env = env_of(app)

    assert app["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert app["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert app["args"] == ["parley", "serve"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert app["securityContext"]["readOnlyRootFilesystem"] is True
    # No secret value in the chart: each one is a reference into the existing Secret.
    for name in ("PARLEY_SECRET_KEY", "PARLEY_DATABASE_URL", "PARLEY_CHROMA__TOKEN"):
        assert env[name]["secretKeyRef"]["name"] == "parley"
    assert env["PARLEY_DATABASE_URL"]["secretKeyRef"]["key"] == "database-url"
    assert env["PARLEY_CHROMA__MODE"] == "http"
    assert kinds["HorizontalPodAutoscaler"]["spec"]["maxReplicas"] == 10
    assert "replicas" not in kinds["Deployment"]["spec"]  # the HPA owns the count


def test_migrations_run_as_a_pre_install_and_pre_upgrade_hook_on_the_direct_url() -> None:
    for upgrade in (False, True):
        job = by_kind(render(EXTERNAL, upgrade=upgrade))["Job"]
        annotations = job["metadata"]["annotations"]
        container = job["spec"]["template"]["spec"]["containers"][0]

        assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
        assert container["args"] == ["parley", "migrate"]
        # The app goes through PgBouncer; migrations reach PostgreSQL itself.
        assert env_of(container)["PARLEY_DATABASE_URL"]["secretKeyRef"]["key"] == "postgres-url"
    app = by_kind(render(EXTERNAL))["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert env_of(app)["PARLEY_DATABASE_URL"]["secretKeyRef"]["key"] == "pgbouncer-url"


def test_external_values_shape_the_release() -> None:
    kinds = by_kind(render(EXTERNAL))
    deployment = kinds["Deployment"]
    env = env_of(deployment["spec"]["template"]["spec"]["containers"][0])

    assert "HorizontalPodAutoscaler" not in kinds
    assert deployment["spec"]["replicas"] == 4
    assert kinds["PodDisruptionBudget"]["spec"]["minAvailable"] == 2
    assert env["PARLEY_CHROMA__SSL"] == "true" and env["PARLEY_CHROMA__PORT"] == "443"
    assert env["PARLEY_DATABASE_REPLICA_URL"]["secretKeyRef"]["key"] == "replica-url"
    assert kinds["Ingress"]["spec"]["tls"][0]["hosts"] == ["bots.example.org"]


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"publicUrl": "chat.example.com"}, "/publicUrl"),
        ({"chroma": {"host": "chroma", "port": "eighty"}}, "/chroma/port"),
        (
            {"secrets": {"existingSecret": "", "keys": {"secretKey": "k", "databaseUrl": "d"}}},
            "/secrets/existingSecret",
        ),
    ],
)
def test_bad_values_are_refused_with_the_key_named(values: dict[str, Any], complaint: str) -> None:
    with pytest.raises(helm.HelmValuesError, match=complaint):
        helm.Chart.load(CHART).render(values, name="parley")
