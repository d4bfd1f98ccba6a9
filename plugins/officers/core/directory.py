"""What the officer pages show, computed once so templates only render.

`build_directory` groups officers by body and unit and by village, in the order
of the data (bodies as in badan.yaml, roles as in each body's `jabatan`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Body, Desa, Officer, Setup, Term

URL_ROOT = "petugas/"


@dataclass(frozen=True)
class Group:
    """Members of one unit: the kecamatan, one desa, or one TPS."""

    heading: str
    members: tuple[Officer, ...]
    expected: int
    anchor: str = ""
    url: str = ""  # the desa page, when the group is a desa

    @property
    def vacant(self) -> int:
        return max(0, self.expected - len(self.members))


@dataclass(frozen=True)
class DesaRow:
    """One village's line in the overview table of a desa- or TPS-level body."""

    desa: Desa
    url: str
    members: tuple[Officer, ...]
    expected: int


@dataclass(frozen=True)
class BodyPage:
    body: Body
    url: str
    save_as: str
    groups: tuple[Group, ...]
    count: int
    expected: int
    rows: tuple[DesaRow, ...] = ()

    @property
    def term(self) -> Term | None:
        """The term of the first member (members of one body share it in practice)."""
        return next((m.term for g in self.groups for m in g.members if m.term), None)


@dataclass(frozen=True)
class DesaSection:
    body: Body
    title: str
    groups: tuple[Group, ...]
    body_url: str


@dataclass(frozen=True)
class DesaPage:
    desa: Desa
    url: str
    save_as: str
    sections: tuple[DesaSection, ...]
    count: int


@dataclass(frozen=True)
class Directory:
    setup: Setup
    officers: tuple[Officer, ...]
    bodies: tuple[BodyPage, ...]
    desas: tuple[DesaPage, ...]
    url: str = URL_ROOT
    save_as: str = URL_ROOT + "index.html"

    @property
    def count(self) -> int:
        return len(self.officers)


def _sorted(body: Body, members: list[Officer], order: dict[int, int]) -> tuple[Officer, ...]:
    """By TPS (TPS-level bodies), then role as listed in badan.yaml, then data order."""

    def key(officer: Officer) -> tuple:
        role = body.roles.index(officer.role) if officer.role in body.roles else len(body.roles)
        return officer.tps or 0, role, order[id(officer)]

    return tuple(sorted(members, key=key))


def _desa_url(desa: Desa) -> str:
    return f"{URL_ROOT}desa/{desa.slug}/"


def _groups(
    body: Body, officers: list[Officer], setup: Setup, desas: tuple[Desa, ...], order: dict[int, int]
) -> tuple[Group, ...]:
    """One group for a kecamatan-level body, else one per desa (cards show the TPS)."""
    mine = [o for o in officers if o.body is body]
    if body.level == "kecamatan":
        return (Group(f"Kecamatan {setup.kecamatan}", _sorted(body, mine, order), body.size),)
    return tuple(
        Group(
            f"{body.short_in(desa)} {desa.name}",
            _sorted(body, [o for o in mine if o.desa == desa], order),
            body.size * (desa.tps_count if body.level == "tps" else 1),
            f"{body.slug}-{desa.slug}",
            _desa_url(desa),
        )
        for desa in desas
    )


def build_directory(setup: Setup, officers: list[Officer]) -> Directory:
    order = {id(o): i for i, o in enumerate(officers)}
    pages = []
    for body in setup.bodies:
        groups = _groups(body, officers, setup, setup.desas, order)
        url = f"{URL_ROOT}{body.slug}/"
        rows: tuple[DesaRow, ...] = ()
        if body.level != "kecamatan":  # one group per desa, in the order of setup.desas
            rows = tuple(
                DesaRow(d, g.url, g.members, g.expected) for d, g in zip(setup.desas, groups, strict=True)
            )
        pages.append(
            BodyPage(
                body,
                url,
                url + "index.html",
                groups,
                sum(len(g.members) for g in groups),
                sum(g.expected for g in groups),
                rows,
            )
        )
    desa_pages = []
    for desa in setup.desas:
        sections = []
        for page in pages:
            if page.body.level == "kecamatan":
                continue
            groups = _groups(page.body, officers, setup, (desa,), order)
            title = f"{page.body.name_in(desa)} ({page.body.short_in(desa)})"
            sections.append(DesaSection(page.body, title, groups, page.url))
        url = _desa_url(desa)
        desa_pages.append(
            DesaPage(
                desa,
                url,
                url + "index.html",
                tuple(sections),
                sum(len(g.members) for s in sections for g in s.groups),
            )
        )
    return Directory(setup, tuple(officers), tuple(pages), tuple(desa_pages))
