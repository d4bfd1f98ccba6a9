"""`python -m sitebuild`: build the site atomically (see driver.py)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _parse_override(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__)
    parser.add_argument("-s", "--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("-o", "--output", default=str(ROOT / "output"))
    parser.add_argument("-c", "--content", help="content folder (default: the settings' PATH)")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        type=_parse_override,
        metavar="KEY=VALUE",
        help="override a setting (JSON value or plain string)",
    )
    parser.add_argument(
        "--check", action="store_true", help="only run the content checks (nothing is rendered)"
    )
    parser.add_argument("--publish", metavar="TARGET", help="after a good build, rsync output to TARGET")
    parser.add_argument("--ssh-port", type=int, default=None, help="SSH port for a remote --publish")
    parser.add_argument(
        "--wait",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="when another build of the same output runs, wait this long for it (0: stop at once)",
    )
    parser.add_argument(
        "--serve", action="store_true", help="live preview: build, serve, rebuild in memory on change"
    )
    from sitebuild.preview import add_arguments

    add_arguments(parser)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    from sitebuild.driver import FAILURE_FOOTER, BuildFailed
    from sitebuild.oserrors import describe

    try:
        return _run(args)
    except OSError as error:  # one the driver did not meet (e.g. reading content for --check)
        print(f"{describe(error, Path(args.output).absolute().parent)}\n{FAILURE_FOOTER}", file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C: the swap is atomic, the staging folder is swept next time
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not interrupt the clean exit
        print("Dihentikan (Ctrl+C); situs sebelumnya tetap utuh. (Stopped.)", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from sitebuild.driver import build_site, check_content
    from sitebuild.publish import publish

    overrides = dict(args.overrides)
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    if args.serve:
        from sitebuild.preview import serve

        return serve(Path(args.settings), Path(args.output), overrides, args.host, args.port)
    if args.check:
        return 0 if check_content(Path(args.settings), overrides) else 1
    if args.publish:
        publish(
            Path(args.settings),
            Path(args.output),
            args.publish,
            overrides,
            ssh_port=args.ssh_port,
            wait=args.wait,
        )
        print(f"Situs diterbitkan ke {args.publish} (site published)")
    else:
        build_site(Path(args.settings), Path(args.output), overrides, wait=args.wait)
        print(f"Situs selesai dibangun di {args.output} (site built)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
