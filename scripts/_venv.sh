# Sourced by scripts/test, scripts/demo and scripts/bench: makes .venv with the project and its
# pinned dependencies, using nothing but the machine's python3. Re-installs dependencies only when
# pyproject.toml or constraints.txt change, and always re-installs the project itself
# (non-editable, as a user gets it). Each step prints one line, `==> what ... done (12.3 s)`;
# pip's chatter goes to .venv/install.log, and its end is shown only when a step fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
LOG="$VENV/install.log"

_now_us() {  # microseconds since the epoch (EPOCHREALTIME's decimal mark depends on the locale)
    if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME//[!0-9]/}"; else echo $(($(date +%s%N) / 1000)); fi
}

_since() {  # seconds since $1 (from _now_us), as 12.3
    local us=$(($(_now_us) - $1))
    echo "$((us / 1000000)).$(((us / 100000) % 10))"
}

# _step WHAT COMMAND...: run one set-up step and print its line.
_step() {
    local what="$1" t0
    shift
    t0="$(_now_us)"
    printf '==> %s ... ' "$what" >&2
    if "$@"; then
        printf 'done (%s s)\n' "$(_since "$t0")" >&2
    else
        printf 'failed (%s s); the end of %s:\n' "$(_since "$t0")" "$LOG" >&2
        tail -n 40 "$LOG" >&2
        return 1
    fi
}

_pip() {
    "$VENV/bin/python" -m pip -q --disable-pip-version-check "$@" >>"$LOG" 2>&1
}

_new_venv() {
    mkdir -p "$VENV" && "$PY" -m venv "$VENV" >>"$LOG" 2>&1 && _pip install --upgrade "pip>=24" "setuptools>=77" wheel
}

_deps() {  # the dependencies (dev and host extras too) pinned by constraints.txt, without the project itself
    _pip install "$@" -e "$ROOT[dev,host]" && _pip uninstall -y cinder-attach
}

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        _step "creating $VENV" _new_venv
    fi
    local stamp want cons=()
    [ -f "$ROOT/constraints.txt" ] && cons=(-c "$ROOT/constraints.txt")
    want="$( { cat "$ROOT/pyproject.toml"; [ ! -f "$ROOT/constraints.txt" ] || cat "$ROOT/constraints.txt"; } | sha256sum | cut -d' ' -f1)"
    stamp="$VENV/.deps-$want"
    if [ ! -f "$stamp" ]; then
        _step "installing dependencies into .venv (log: .venv/install.log)" _deps "${cons[@]}"
        rm -f "$VENV"/.deps-*
        touch "$stamp"
    fi
    _step "installing cinder-attach into .venv" \
        _pip install --no-deps --no-build-isolation --force-reinstall "${cons[@]}" "$ROOT"
    rm -rf "$ROOT/build"
}
