# Sourced by scripts/test, scripts/demo and scripts/bench: makes .venv with the
# project and its pinned dependencies, using nothing but the machine's python3.
# Re-installs dependencies only when pyproject.toml or constraints.txt change,
# and always re-installs the project itself (non-editable, as a user gets it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

# pip's chatter goes to a log; it is shown only when a step fails.
_pip() {
    local log="$VENV/install.log"
    if ! "$VENV/bin/python" -m pip "$@" >>"$log" 2>&1; then
        echo "pip $* failed; the end of $log:" >&2
        tail -n 40 "$log" >&2
        return 1
    fi
}

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> creating $VENV" >&2
        "$PY" -m venv "$VENV"
        _pip install -q --disable-pip-version-check --upgrade "pip>=24" "setuptools>=77" wheel
    fi
    local stamp want
    want="$( { cat "$ROOT/pyproject.toml"; [ ! -f "$ROOT/constraints.txt" ] || cat "$ROOT/constraints.txt"; } | sha256sum | cut -d' ' -f1)"
    stamp="$VENV/.deps-$want"
    if [ ! -f "$stamp" ]; then
        echo "==> installing dependencies into .venv" >&2
        local cons=()
        [ -f "$ROOT/constraints.txt" ] && cons=(-c "$ROOT/constraints.txt")
        _pip install -q --disable-pip-version-check "${cons[@]}" -e "$ROOT[dev,host]"
        _pip uninstall -q -y cinder-attach
        rm -f "$VENV"/.deps-*
        touch "$stamp"
    fi
    echo "==> installing cinder-attach into .venv" >&2
    local cons=()
    [ -f "$ROOT/constraints.txt" ] && cons=(-c "$ROOT/constraints.txt")
    _pip install -q --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall "${cons[@]}" "$ROOT"
    rm -rf "$ROOT/build"
}
