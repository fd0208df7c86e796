#!/usr/bin/env bash
# Follows the README's "Production" section on a clean directory and fails on any error:
# copy the release, install it into a new virtual environment, set up the PostgreSQL
# database, write the settings, migrate, start `halfsky serve` (and `halfsky worker` when
# this HalfSky has it), create the administrator, load the plan, log in over HTTP, back up,
# restore the backup into a second new database, stop everything.
#
#   deploy/smoke-test.sh [DIR]
#
# Needs PostgreSQL on 127.0.0.1 and, run as root, sets up the database with
# deploy/postgresql-setup.sh; otherwise the role $PGUSER (default halfsky, password
# $PGPASSWORD, default halfsky) must have CREATEDB. CI runs it after `make test` (the
# front-end assets are then in halfsky/web/static/vendor; otherwise `make assets` runs).
set -euo pipefail
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/halfsky-smoke.XXXXXX)}
PORT=${SMOKE_PORT:-8123}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-halfsky} PGPASSWORD=${PGPASSWORD:-halfsky}
DATABASE=halfsky_smoke_$$
RESTORED=${DATABASE}_restored
began=$(date +%s)
pids=()

step() { echo "== smoke: $* ($(($(date +%s) - began)) s)"; }
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for database in "$DATABASE" "$RESTORED"; do
    dropdb --if-exists "$database" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "== smoke: FAILED (exit $status); logs in $WORK" >&2
    tail -n 30 "$WORK"/*.log 2>/dev/null >&2 || true
  fi
  exit "$status"
}
trap cleanup EXIT

step "copy the release to $WORK/halfsky"
mkdir -p "$WORK/halfsky"
tar -C "$SOURCE" --exclude=./.venv --exclude=./node_modules --exclude=./var --exclude=./.git \
  -cf - . | tar -C "$WORK/halfsky" -xf -
cd "$WORK/halfsky"
[ -f halfsky/web/static/vendor/.stamp ] || make assets

step "install into a new virtual environment"
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -r requirements.txt
.venv/bin/pip install --quiet --no-deps .

step "set up the PostgreSQL database"
if [ "$(id -u)" -eq 0 ]; then
  deploy/postgresql-setup.sh "$DATABASE" "$PGUSER"
else
  createdb "$DATABASE"
fi

step "settings"
cat > "$WORK/halfsky.env" <<EOF
HALFSKY_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
HALFSKY_ALLOWED_HOSTS=127.0.0.1,localhost
HALFSKY_VAR_DIR=$WORK/var
HALFSKY_BACKUP_DIR=$WORK/backups
HALFSKY_BIND=127.0.0.1:$PORT
HALFSKY_WORKERS=2
HALFSKY_LOG_FILE=$WORK/serve.log
DB=postgres
PGHOST=$PGHOST
PGDATABASE=$DATABASE
PGUSER=$PGUSER
PGPASSWORD=$PGPASSWORD
EOF
set -a; . "$WORK/halfsky.env"; set +a
mkdir -p "$WORK/var"
halfsky=.venv/bin/halfsky

step "migrate"
$halfsky manage migrate --noinput -v 0

step "start the web server and the worker"
$halfsky serve >> "$WORK/serve.log" 2>&1 &
pids+=($!)
if $halfsky worker --help >/dev/null 2>&1; then
  $halfsky worker > "$WORK/worker.log" 2>&1 &
  pids+=($!)
else
  echo "   (this HalfSky has no 'halfsky worker' yet: not started)"
fi

step "create the administrator and load the plan"
DJANGO_SUPERUSER_PASSWORD=smoke-Admin-2026 $halfsky manage createsuperuser --noinput \
  --username administrator --email administrator@example.gov.cn
$halfsky plan load jixian-women-2021-2025

step "log in over HTTP"
.venv/bin/python - "$PORT" <<'EOF'
import http.cookiejar, sys, time, urllib.parse, urllib.request

base = f"http://127.0.0.1:{sys.argv[1]}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
for _ in range(120):
    try:
        opener.open(f"{base}/login/", timeout=10).read()
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server did not answer within a minute")
token = next(c.value for c in jar if c.name == "csrftoken")
form = urllib.parse.urlencode({"username": "administrator", "password": "smoke-Admin-2026",
                               "csrfmiddlewaretoken": token}).encode()
request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"})
page = opener.open(request, timeout=60)
body = page.read().decode()
assert page.url == f"{base}/plans/jixian-women-2021-2025/dashboard/", (
    f"login did not lead to the current plan's overview: {page.url}")
assert "administrator" in body and "/logout/" in body, "the overview does not show the user"
plan = opener.open(f"{base}/plans/jixian-women-2021-2025/", timeout=60)
assert plan.status == 200 and "吉县" in plan.read().decode(), "the plan page does not show the plan"
print("   logged in as administrator; the overview and the plan answer")
EOF

step "back up, and restore into a second new database"
$halfsky backup
archive=$(ls -1 "$WORK"/backups/halfsky-backup-*.tar.gz | tail -n 1)
createdb "$RESTORED"
PGDATABASE=$RESTORED HALFSKY_VAR_DIR=$WORK/restored HALFSKY_LOG_FILE= $halfsky restore "$archive"

step "stop everything"
for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for pid in "${pids[@]}"; do wait "$pid" || true; done
for pid in "${pids[@]}"; do
  if kill -0 "$pid" 2>/dev/null; then echo "process $pid did not stop" >&2; exit 1; fi
done
pids=()
step "passed"
