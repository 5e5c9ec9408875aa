#!/usr/bin/env bash
# Back up the portal's PostgreSQL database (and the assistant's tracker database) with pg_dump.
#
#   scripts/backup.sh [BACKUP_DIR]
#
# DATABASE_URL (default postgresql://127.0.0.1:5432/family_voice) names the portal's database;
# RASA_TRACKER_DATABASE_URL, when set, is dumped too. Each dump is in pg_dump's custom format
# (compressed; restore with pg_restore), written under a temporary name and renamed when complete,
# so a half-written file never looks like a backup. Dumps older than BACKUP_KEEP_DAYS (default 35)
# are removed. Restore: createdb NEW && pg_restore --no-owner -d NEW FILE.dump (docs/operations.md).
set -euo pipefail

dir="${1:-${BACKUP_DIR:-/var/backups/family-voice}}"
keep_days="${BACKUP_KEEP_DAYS:-35}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
umask 077
mkdir -p "$dir"

dump() {
    local url="$1" name="$2"
    local target="$dir/$name-$stamp.dump"
    url="${url/+psycopg/}"  # pg_dump takes the plain libpq form of a SQLAlchemy URL
    pg_dump --format=custom --no-owner --dbname="$url" --file="$target.partial"
    mv "$target.partial" "$target"
    echo "$target"
}

dump "${DATABASE_URL:-postgresql://127.0.0.1:5432/family_voice}" portal
if [ -n "${RASA_TRACKER_DATABASE_URL:-}" ]; then
    dump "$RASA_TRACKER_DATABASE_URL" rasa-tracker
fi
find "$dir" -maxdepth 1 -name '*.dump' -mtime +"$keep_days" -delete
