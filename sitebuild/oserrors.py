"""Operating-system errors (disk full, read-only disk, no permission) as one line for the officer.

A build can hit them anywhere it writes (pages, images, caches, the lock, the
swap), so the driver turns any `OSError` into one line naming the path and what
to do, instead of a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

_FULL = {errno.ENOSPC, errno.EDQUOT}
_DENIED = {errno.EACCES, errno.EPERM}
_NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}


OTHER_OUTPUT = "pilih folder output lain dengan -o FOLDER"


def _what_to_do(error: OSError, folder: Path, elsewhere: str) -> str:
    code = error.errno
    if code in _FULL:
        return "disk penuh (no space left on device); kosongkan ruang di disk ini, lalu jalankan lagi."
    if code == errno.EROFS:
        return (
            f"disk ini hanya-baca (read-only file system); pasang ulang dengan izin tulis atau {elsewhere}."
        )
    if code in _DENIED:
        return (
            f"tidak ada izin menulis (permission denied); beri akun ini izin tulis pada folder {folder} "
            f"(mis. `sudo chown -R $USER {folder}`) atau {elsewhere}."
        )
    if code in _NOT_A_FOLDER:
        return "ada berkas di tempat yang harus berupa folder (not a directory); pindahkan berkas itu."
    problem = error.strerror or str(error)
    return f"kesalahan sistem berkas ({problem}); periksa disk dan folder itu, lalu jalankan lagi."


def describe(error: OSError, folder: Path, elsewhere: str = OTHER_OUTPUT) -> str:
    """`path: error: what; what to do`, for an OSError met while writing into `folder`.

    `elsewhere` is the other way out offered (another output folder, another target).
    """
    path = Path(error.filename) if error.filename else folder
    near = path.parent if error.filename and error.errno in _DENIED else folder
    return f"{path}: error: {_what_to_do(error, near, elsewhere)}"


def os_error_in(error: BaseException) -> OSError | None:
    """The OSError behind `error` (Pelican's fatal logger raises RuntimeError while one is handled)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
