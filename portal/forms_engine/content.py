"""Loading definitions into the database: a new FormVersion only when a definition changed."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sqlalchemy import bindparam, select
from sqlalchemy.orm import contains_eager, defer

from portal.extensions import db
from portal.forms_engine.definition import KINDS, FormDefinition, canonical_json, checksum, parse_definition
from portal.forms_engine.models import Form, FormVersion

CONTENT_ROOT = Path(__file__).parents[1] / "content"
FORM_FOLDERS = ("consultations", "feedback", "careleavers")


def definition_files(root: Path = CONTENT_ROOT) -> list[Path]:
    """The shipped form definitions (YAML files with a form kind) under the content folders."""
    files = []
    for folder in FORM_FOLDERS:
        for path in sorted((root / folder).glob("*.y*ml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("kind") in KINDS:
                files.append(path)
    return files


def read_definition(path: Path) -> tuple[dict, FormDefinition]:
    """A definition file as stored data (JSON-safe) and as a checked definition."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    definition = parse_definition(raw, path.name)
    return json.loads(canonical_json(raw)), definition


def form_exists(slug: str) -> bool:
    """True when a form has this slug."""
    return db.session.scalar(select(Form.id).where(Form.slug == slug)) is not None


def load_definition(data: dict) -> tuple[FormVersion, bool]:
    """Store a checked definition; returns (version, created) and adds nothing when it is unchanged."""
    definition = parse_definition(data, data.get("slug", "definition"))
    digest = checksum(data)
    form = db.session.scalar(select(Form).where(Form.slug == definition.slug))
    if form is None:
        form = Form(slug=definition.slug, kind=definition.kind)
        db.session.add(form)
        db.session.flush()
    latest = latest_version(definition.slug)
    if latest is not None and latest.checksum == digest:
        return latest, False
    version = FormVersion(
        form=form, number=(latest.number + 1) if latest else 1, checksum=digest, definition=data
    )
    db.session.add(version)
    db.session.flush()
    return version, True


def load_files(paths: list[Path]) -> list[str]:
    """Load every file in one transaction (all or none); one line per file saying what happened."""
    lines = []
    checked = [(path, read_definition(path)) for path in paths]
    for path, (data, _definition) in checked:
        version, created = load_definition(data)
        state = "new version" if created else "unchanged"
        lines.append(f"{path.name}: {state} (version {version.number})")
    db.session.commit()
    return lines


# Built once: every public page looks its form up. The stored definition is loaded only when
# definition_of has not parsed that version yet.
_LATEST_VERSION = (
    select(FormVersion)
    .join(Form)
    .options(contains_eager(FormVersion.form), defer(FormVersion.definition))
    .where(Form.slug == bindparam("slug"))
    .order_by(FormVersion.number.desc())
    .limit(1)
)


def latest_version(slug: str) -> FormVersion | None:
    """The newest version of a form (with its form loaded), or None."""
    return db.session.scalar(_LATEST_VERSION, {"slug": slug})


def all_latest_versions(kind: str | None = None) -> list[FormVersion]:
    """The newest version of every form (of one kind if given), by slug."""
    forms = db.session.scalars(select(Form).where(Form.kind == kind) if kind else select(Form)).all()
    versions = [latest_version(form.slug) for form in sorted(forms, key=lambda f: f.slug)]
    return [v for v in versions if v is not None]


def definition_of(version: FormVersion) -> FormDefinition:
    """The checked definition a stored version holds (parsed once per version and checksum)."""
    key = (version.id, version.checksum)
    definition = _PARSED.get(key)
    if definition is None:
        definition = _PARSED[key] = parse_definition(version.definition, version.checksum[:12])
    return definition


# Versions never change once stored, so a parsed definition can be kept for the process's life.
_PARSED: dict[tuple[int, str], FormDefinition] = {}
