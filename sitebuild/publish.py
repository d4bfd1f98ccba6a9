"""Deploying a finished build with rsync: only ever a build that just passed the checks."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import oserrors
from .buildlock import DEFAULT_WAIT
from .driver import BuildFailed, build_site

PUBLISH_FOOTER = (
    "Penerbitan dibatalkan; situs di tujuan belum diperbarui seluruhnya: jalankan lagi setelah "
    "masalahnya diatasi. (Publishing stopped.)"
)
OTHER_TARGET = "pilih tujuan lain (invoke publish --target FOLDER)"


def _require_rsync() -> None:
    if shutil.which("rsync") is None:
        raise BuildFailed(
            f"error: rsync tidak terpasang (rsync is not installed): sudo apt install rsync\n{PUBLISH_FOOTER}"
        )


def is_remote(target: str) -> bool:
    """`user@host:dir` or `host:dir` (rsync over SSH), as opposed to a local folder."""
    head = target.split("/", 1)[0]
    return ":" in head and not Path(target).exists()


def rsync_command(source: Path, target: str, ssh_port: int | None = None) -> list[str]:
    """rsync that mirrors `source` into `target`, switching files in only at the end.

    `--delay-updates` + `--delete-after` keep the live site whole while files
    are transferred; `--checksum` makes an unchanged rebuild copy nothing.
    """
    command = ["rsync", "--recursive", "--links", "--times", "--checksum", "--compress"]
    command += ["--delete-after", "--delay-updates", "--itemize-changes"]
    if is_remote(target) and ssh_port:
        command += ["-e", f"ssh -p {int(ssh_port)}"]
    return [*command, f"{source}/", f"{target.rstrip('/')}/"]


def deploy(output: Path, target: str, ssh_port: int | None = None) -> None:
    """rsync `output` to `target`; BuildFailed (with the publishing footer) when that fails."""
    _require_rsync()
    try:
        if not is_remote(target):
            Path(target).mkdir(parents=True, exist_ok=True)
        command = rsync_command(output, target, ssh_port)
        done = subprocess.run(command, check=False)
    except OSError as error:
        raise BuildFailed(
            f"{oserrors.describe(error, Path(target), OTHER_TARGET)}\n{PUBLISH_FOOTER}"
        ) from None
    if done.returncode != 0:
        raise BuildFailed(
            f"{target}: error: rsync gagal (exit {done.returncode}, pesan rsync di atas); periksa izin "
            f"tulis, ruang disk dan koneksi ke tujuan itu. Perintah: {shlex.join(command)}\n{PUBLISH_FOOTER}"
        )


def publish(
    settings_file: Path,
    output: Path,
    target: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    ssh_port: int | None = None,
    stream=None,
    wait: float = DEFAULT_WAIT,
) -> None:
    """Build atomically with the checks required, then rsync; a failed build deploys nothing.

    The build lock is held until rsync is done, so no other build swaps the
    site while it is being copied.
    """

    _require_rsync()  # before building: a publish that cannot deploy changes nothing

    def deploy_built(built: Path) -> None:
        deploy(built, target, ssh_port)

    build_site(settings_file, output, overrides, stream, require_checks=True, wait=wait, then=deploy_built)
