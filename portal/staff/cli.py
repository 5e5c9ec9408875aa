"""Commands for operators: ``portal create-user``."""

import sys

import click
from flask import Flask
from flask.cli import with_appcontext

from portal.extensions import db
from portal.staff import audit
from portal.staff.models import ROLES, StaffUser
from portal.staff.passwords import hash_password, password_problem
from portal.staff.signin import normalise_email, user_by_email


def init_app(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(retention_group)
    app.cli.add_command(staff_group)
    app.cli.add_command(rotate_contact_key_command)


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the person may do.")
@click.option("--name", default="", help="The person's name, as shown to colleagues.")
@with_appcontext
def create_user_command(email: str, role: str, name: str) -> None:
    """Add a member of staff. The password is read from standard input."""
    email = normalise_email(email)
    if "@" not in email:
        raise click.UsageError("EMAIL must be an email address")
    if user_by_email(email) is not None:
        raise click.ClickException(f"There is already an account for {email}")
    password = _read_password()
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise click.ClickException(f"{problem}. No account was created.")
    user = StaffUser(
        email=email, name=name or email.split("@")[0], role=role, password_hash=hash_password(password)
    )
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user_created",
        subject_type="staff_user",
        subject_id=user.id,
        detail={"role": role, "by": "command line"},
    )
    db.session.commit()
    click.echo(f"Created {role} account for {email}.")


@click.group("retention")
def retention_group() -> None:
    """Erase personal data that has reached its retention period."""


@retention_group.command("run")
@with_appcontext
def retention_run_command() -> None:
    """Erase expired personal data everywhere (answers are kept, de-identified) and log each deletion."""
    from portal.staff.retention import run_retention

    counts = run_retention()
    for kind, erased in counts.items():
        click.echo(f"{kind}: {erased} records erased")


@click.group("staff")
def staff_group() -> None:
    """Staff area housekeeping."""


@staff_group.command("rotate-secrets")
@with_appcontext
def rotate_secrets_command() -> None:
    """Re-encrypt every two-step sign-in secret under the newest key in STAFF_SECRET_KEYS."""
    from sqlalchemy import select

    from portal.staff.secretbox import reseal

    users = db.session.scalars(select(StaffUser).where(StaffUser.totp_secret.is_not(None))).all()
    for user in users:
        user.totp_secret = reseal(user.totp_secret)
    audit.record("staff_secrets_rotated", detail={"accounts": len(users)})
    db.session.commit()
    click.echo(f"Re-encrypted {len(users)} secrets.")


@click.command("rotate-contact-key")
@with_appcontext
def rotate_contact_key_command() -> None:
    """Re-encrypt the contact store under a new key read from standard input (make one with --help)."""
    from cryptography.fernet import Fernet

    from portal.staff import keys

    line = sys.stdin.readline().strip()
    try:
        new_key = line.encode()
        Fernet(new_key)
    except ValueError as error:
        raise click.ClickException(
            "Give a Fernet key on standard input, for example from: "
            'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
        ) from error
    try:
        changed = keys.rotate(new_key)
    except ValueError as error:
        db.session.rollback()
        raise click.ClickException(f"{error}. Nothing was changed.") from error
    audit.record("contact_key_rotated", detail={"values": changed, "by": "command line"})
    db.session.commit()
    stored = keys.store_instance_key(new_key)
    click.echo(f"Re-encrypted {changed} values.")
    if stored is None:
        click.echo(
            "Now set CONTACT_ENCRYPTION_KEY to the new key and restart every portal process and worker."
        )
    else:
        click.echo(f"The new key is in {stored}. Restart every portal process and worker.")
