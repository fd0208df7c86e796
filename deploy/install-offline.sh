#!/usr/bin/env bash
# Install HalfSky from the offline bundle (made by `make bundle`), without internet.
#   sudo ./install.sh [TARGET]        (default /opt/halfsky)
# Needs python3 and python3-venv of the Python version the bundle was made for (see
# bundle-info.txt). Creates TARGET/.venv with the pinned wheels of wheels/ and copies
# deploy/ (services, nginx site, scripts), the README and requirements.txt to TARGET.
# Running it again upgrades HalfSky in place (back up first: README, Production).
set -euo pipefail
BUNDLE=$(cd "$(dirname "$0")" && pwd)
TARGET=${1:-/opt/halfsky}
python3 -c 'import sys; print("python", sys.version.split()[0])'
grep -i "^python" "$BUNDLE/bundle-info.txt" || true
mkdir -p "$TARGET"
cp -r "$BUNDLE/deploy" "$BUNDLE/README.md" "$BUNDLE/requirements.txt" "$TARGET/"
[ -x "$TARGET/.venv/bin/python" ] || python3 -m venv "$TARGET/.venv"
"$TARGET/.venv/bin/pip" install --quiet --no-index --find-links "$BUNDLE/wheels" \
  -r "$BUNDLE/requirements.txt"
"$TARGET/.venv/bin/pip" install --quiet --no-index --find-links "$BUNDLE/wheels" --no-deps \
  --force-reinstall halfsky
"$TARGET/.venv/bin/halfsky" --help >/dev/null
echo "HalfSky installed in $TARGET: $TARGET/.venv/bin/halfsky (continue with README, Production)"
