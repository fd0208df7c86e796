#!/usr/bin/env bash
# A HalfSky backup with retention: run by halfsky-backup.service (daily), or by hand.
# Writes one archive into $HALFSKY_BACKUP_DIR/daily, keeps the newest $KEEP_DAILY there,
# copies the first archive of each month into monthly/ and keeps the newest $KEEP_MONTHLY.
set -euo pipefail
HALFSKY=${HALFSKY:-/opt/halfsky/.venv/bin/halfsky}
BACKUP_DIR=${HALFSKY_BACKUP_DIR:?set HALFSKY_BACKUP_DIR}
KEEP_DAILY=${KEEP_DAILY:-30}
KEEP_MONTHLY=${KEEP_MONTHLY:-12}
mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/monthly"

"$HALFSKY" backup "$BACKUP_DIR/daily"
latest=$(ls -1 "$BACKUP_DIR/daily"/halfsky-backup-*.tar.gz | sort | tail -n 1)
month=$(basename "$latest" | sed -E 's/^halfsky-backup-([0-9]{6}).*/\1/')
if ! ls "$BACKUP_DIR/monthly"/halfsky-backup-"$month"*.tar.gz >/dev/null 2>&1; then
  cp -p "$latest" "$BACKUP_DIR/monthly/"
fi

prune() {  # keep the newest $2 archives of directory $1
  ls -1 "$1"/halfsky-backup-*.tar.gz 2>/dev/null | sort -r | tail -n +"$(($2 + 1))" | xargs -r rm -f --
}
prune "$BACKUP_DIR/daily" "$KEEP_DAILY"
prune "$BACKUP_DIR/monthly" "$KEEP_MONTHLY"
echo "kept $(ls -1 "$BACKUP_DIR/daily" | wc -l) daily and $(ls -1 "$BACKUP_DIR/monthly" | wc -l) monthly backups"
