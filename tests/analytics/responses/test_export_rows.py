"""Export rows against a plain reference (each response's answers read one by one through the ORM),
with several choices, write-ins, two form versions, contact details and text the CSV must quote."""

import copy
import csv
import datetime as dt
import io
import json
import random

from openpyxl import load_workbook
from sqlalchemy import select

from portal.analytics.responses import exports
from portal.analytics.responses.export_rows import csv_field, neutralised
from portal.extensions import db
from portal.forms_engine import crypto
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.definition import SEPARATOR, localise
from portal.forms_engine.models import Answer, ContactDetail, FormVersion, Response
from tests.staff.factories import create_staff_user, sign_in_as

SLUG = "short-breaks-local-offer-2026"
AWKWARD = [
    "plain",
    "a, b and c",
    'she said "no"',
    "line one\nline two",
    "carriage\rreturn",
    "=SUM(A1:A9)",
    "+44 7700 900123",
    "-1",
    "@home",
    " leading space",
    "'already quoted",
    "",
    "ünïcödé – dash",
]


def test_csv_fields_are_written_as_the_csv_module_writes_them():
    rng = random.Random(11)
    alphabet = "ab ,\"\r\n\t;=+-@'é\x00"
    cells = AWKWARD + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(8))) for _ in range(3000)]
    for start in range(0, len(cells), 7):
        row = cells[start : start + 7]
        expected = io.StringIO()
        csv.writer(expected, lineterminator="\n").writerow([neutralised(cell) for cell in row])
        assert exports.csv_text([[csv_field(cell) for cell in row]]) == expected.getvalue(), row


def _older_version(latest: FormVersion) -> FormVersion:
    """Version 0 of the form: the same questions, the first option of each worded differently."""
    definition = copy.deepcopy(latest.definition)
    for page in definition["pages"]:
        for question in page["questions"]:
            if question.get("options"):
                question["options"][0]["label"] = "=Old wording, " + str(question["options"][0]["label"])
    version = FormVersion(form_id=latest.form_id, number=0, checksum="0" * 64, definition=definition)
    db.session.add(version)
    db.session.flush()
    return version


def _add_responses(count: int) -> None:
    rng = random.Random(5)
    latest = latest_version(SLUG)
    versions = [latest, _older_version(latest)]
    for n in range(count):
        version = versions[n % 3 == 0]
        response = Response(
            form_version_id=version.id,
            channel=rng.choice(["online", "paper", "phone"]),
            language=rng.choice(["en", "pl"]),
            submitted_at=dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=37 * n),
            reference=f"SB{n:06d}",
            submission_token=f"export-rows-{n}",
        )
        db.session.add(response)
        db.session.flush()
        if n % 7 == 6:
            continue  # a response with no answers
        for question in definition_of(version).questions:
            if rng.random() < 0.25:
                continue
            if question.personal:
                value = rng.choice(["someone@example.com", "=not@example.com", "07700 900123"])
                db.session.add(
                    ContactDetail(
                        response_id=response.id,
                        question_key=question.key,
                        value_encrypted=crypto.encrypt(value),
                        erase_after=dt.date(2030, 1, 1),
                    )
                )
                continue
            for _ in range(rng.choice([1, 1, 2, 3]) if question.type == "multiple_choice" else 1):
                option = rng.choice(question.options) if question.options else None
                write_in = rng.choice(AWKWARD) if option is not None and option.write_in else None
                value = option.value if option is not None and rng.random() < 0.9 else rng.choice(AWKWARD)
                db.session.add(
                    Answer(response_id=response.id, question_key=question.key, value=value, write_in=write_in)
                )
        if n % 11 == 0:  # an answer to a question the form no longer has
            db.session.add(Answer(response_id=response.id, question_key="retired_question", value="x"))
    db.session.commit()


def _reference_rows(include_contact: bool) -> list[list[str]]:
    """The export worked out the slow, obvious way."""
    latest, names = exports.export_columns(SLUG, include_contact)
    index = {name: i for i, name in enumerate(names)}
    rows = [names]
    query = (
        select(Response)
        .join(FormVersion, Response.form_version_id == FormVersion.id)
        .where(FormVersion.form_id == latest.form_id)
        .order_by(Response.id)
    )
    for response in db.session.scalars(query):
        definition = definition_of(response.form_version)
        labels = {q.key: {o.value: localise(o.label) for o in q.options} for q in definition.questions}
        multiple = {q.key for q in definition.questions if q.type == "multiple_choice"}
        row = [""] * len(names)
        when = (
            response.submitted_at.astimezone(dt.UTC)
            if response.submitted_at.tzinfo
            else response.submitted_at
        )
        row[:5] = [
            response.reference,
            when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            response.channel,
            response.language,
            str(response.form_version.number),
        ]
        for answer in response.answers:
            if answer.question_key not in index:
                continue
            position = index[answer.question_key]
            text = labels.get(answer.question_key, {}).get(answer.value, answer.value)
            joined = answer.question_key in multiple and row[position]
            row[position] = row[position] + SEPARATOR + text if joined else text
            other = f"{answer.question_key}__other"
            if answer.write_in and other in index:
                row[index[other]] = answer.write_in
        if include_contact:
            contacts = select(ContactDetail).where(ContactDetail.response_id == response.id)
            for contact in db.session.scalars(contacts.order_by(ContactDetail.id)):
                if contact.question_key in index:
                    row[index[contact.question_key]] = crypto.decrypt(contact.value_encrypted)
        rows.append(row)
    return rows


def test_exports_match_the_reference_in_every_format(app, client, runner, tmp_path):
    create_staff_user(app, email="officer@example.org", role="officer")
    with app.app_context():
        _add_responses(60)
        expected = {include: _reference_rows(include) for include in (False, True)}
    for include, flags in ((False, []), (True, ["--include-contact", "--as", "officer@example.org"])):
        rows = expected[include]
        result = runner.invoke(args=["export", SLUG, "-o", str(tmp_path / "out.csv"), *flags])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out.csv").read_bytes().decode() == _csv_of(rows)
        result = runner.invoke(args=["export", SLUG, "--format", "json", *flags])
        assert json.loads(result.output) == [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        result = runner.invoke(
            args=["export", SLUG, "--format", "xlsx", "-o", str(tmp_path / "out.xlsx"), *flags]
        )
        sheet = load_workbook(tmp_path / "out.xlsx").worksheets[0]
        cells = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
        assert cells == [[neutralised(c) for c in row] for row in rows]
    assert any("Clubs, groups and activities" in cell for row in expected[False] for cell in row)
    # the staff area's downloads are the same files
    sign_in_as(app, client, "officer", email="downloads@example.org")
    rows = expected[False]
    download = client.get(f"/staff/analytics/{SLUG}/responses.csv")
    assert download.status_code == 200
    assert download.get_data(as_text=True) == _csv_of(rows)
    downloaded = client.get(f"/staff/analytics/{SLUG}/responses.json").get_json()
    assert downloaded == [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _csv_of(rows: list[list[str]]) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([[neutralised(c) for c in row] for row in rows])
    return text.getvalue()
