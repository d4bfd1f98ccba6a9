"""Put a finished site in place of the old one with no moment where the output folder is missing.

Linux exchanges two paths in one step: renameat2(RENAME_EXCHANGE). The finished
staging folder and the live output swap names atomically, so a web server or
rsync reading `output/` sees either the old site or the new one, never nothing;
and the old site becomes the next build's staging folder (double buffering,
see outputs.py).

Where the filesystem refuses the exchange (NFS, CIFS, FAT, non-Linux), `output`
becomes a symbolic link to one of two folders beside it (`.output.a`,
`.output.b`) and is switched by renaming a new link over it, which is atomic
too. Turning an existing real `output/` folder into that link happens once and
leaves a moment of a few microseconds without it; every later swap has none.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# What renameat2 answers when the kernel, the C library or the filesystem cannot exchange.
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


@functools.cache
def _renameat2():
    """The C library's renameat2 (glibc >= 2.28, musl >= 1.2.5), or None."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap the names of two existing paths atomically; False where that is not supported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, output: Path) -> None:
    """Make `staging` the live `output`; the old site ends up in `staging`."""
    if output.is_symlink():
        symlink_switch(staging, output)
    elif not output.exists():
        os.rename(staging, output)  # the first build: there is no site to keep visible
    elif not exchange(staging, output):
        symlink_switch(staging, output)


def site_folders(output: Path) -> tuple[str, str]:
    """The two folders the fallback's `output` link points to in turn."""
    return f".{output.name}.a", f".{output.name}.b"


def output_path(output: Path | str) -> Path:
    """`output` made absolute; a link is followed unless it is the fallback's own link."""
    output = Path(output).absolute()
    output = output.parent.resolve() / output.name
    if output.is_symlink() and os.readlink(output) not in site_folders(output):
        return output.resolve()  # e.g. output -> /var/www/html: build beside the real folder
    return output


def symlink_switch(staging: Path, output: Path) -> None:
    """The fallback: `output` is a link to `.output.a` or `.output.b`, replaced by one rename."""
    first, second = site_folders(output)
    current = os.readlink(output) if output.is_symlink() else None
    name = second if current == first else first
    site = output.with_name(name)
    if site.exists():  # left by a build killed halfway through a switch
        shutil.rmtree(site)
    os.rename(staging, site)
    link = output.with_name(f".{output.name}.link")
    link.unlink(missing_ok=True)
    os.symlink(name, link)
    if current is None:
        os.rename(output, staging)  # once: the real folder from before becomes the staging folder
        os.rename(link, output)
        return
    os.rename(link, output)  # atomic: a link replaces a link
    if output.with_name(current).is_dir():
        os.rename(output.with_name(current), staging)
