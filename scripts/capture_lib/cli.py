"""scripts/capture: the command line (see the package docstring for what it does)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import capture_lib
from capture_lib.cases import GROUPS, run
from capture_lib.session import FIXTURES, CaptureError, Session, load_state, login


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(capture_lib.__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=FIXTURES, help=f"fixture directory (default {FIXTURES})")
    parser.add_argument("--user", default="member", help="devcloud user key in state.json (default member)")
    parser.add_argument(
        "--only", choices=sorted(GROUPS), help="capture one group of cases; only the fixtures it writes are replaced"
    )
    args = parser.parse_args(argv)
    try:
        state = load_state()
        token, endpoint = login(state, args.user)
        args.out.mkdir(parents=True, exist_ok=True)
        print(f"capture: {endpoint} as {args.user}", file=sys.stderr)
        # Capture into a scratch directory; replace the old fixtures only if all went well.
        with tempfile.TemporaryDirectory(prefix=".capture-", dir=args.out) as scratch:
            session = Session(endpoint=endpoint, token=token, out=Path(scratch))
            (GROUPS[args.only] if args.only else run)(session)
            operations = {name.split(".")[0] for name in session.written}
            for old in args.out.glob("*.json"):
                if not args.only or old.name.split(".")[0] in operations:
                    old.unlink()
            for name in session.written:
                shutil.move(Path(scratch) / name, args.out / name)
    except (CaptureError, OSError) as err:
        print(f"capture: error: {err}", file=sys.stderr)
        return 1
    print(f"capture: wrote {len(session.written)} fixtures to {args.out}", file=sys.stderr)
    return 0
