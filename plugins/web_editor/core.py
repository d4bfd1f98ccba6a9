"""Pure core of the web editor: the Decap CMS configuration, the admin page and its files.

Everything the editor's forms offer (rubrics, stages, desa, divisions, limits,
personal-data patterns) is generated here from the same Python sources the
build checks with, so the form and the build can never disagree. No Pelican
import: the adapter hands in plain values.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from portal_common.errors import ContentError
from portal_common.personal_data import _NIK, _PHONE, KINDS

# The CMS package and the files of it the admin page needs (see docs/editor.md).
CMS_PACKAGE = "decap-cms"
CMS_BUNDLE = "decap-cms.js"
YAML_PACKAGE = "yaml"
STATIC_DIR = Path(__file__).resolve().parent / "static"
# Our own modules and assets copied next to the bundle (package.json there is for node only).
OWN_FILES = (
    "admin.js",
    "flag.js",
    "pelican-md.js",
    "yaml-keep.js",
    "locale-id.js",
    "preview.js",
    "admin.css",
)

# Content Security Policy of /admin/ only (public pages keep theirs). Decap needs:
# inline styles (emotion CSS-in-JS), 'unsafe-eval' (ajv compiles the config
# schema with new Function), blob:/data: images (upload previews), and the
# backend API in connect-src. Nothing else: no CDN, no inline script.
_CSP_BASE = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' blob: data:{img}"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self' blob:{connect}"),
    ("frame-src", "'self' blob:"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
GITHUB_API = "https://api.github.com"
GITHUB_MEDIA = "https://raw.githubusercontent.com https://avatars.githubusercontent.com"


def admin_csp(connect: Sequence[str] = (), images: Sequence[str] = ()) -> str:
    """The /admin/ policy allowing `connect` (backend API origins) and `images` hosts."""
    extra_connect = "".join(f" {source}" for source in connect)
    extra_img = "".join(f" {source}" for source in images)
    return "; ".join(
        f"{name} {value.format(connect=extra_connect, img=extra_img)}" for name, value in _CSP_BASE
    )


# The published policy for the GitHub backend: what a _headers/.htaccess writer
# should send for /admin/ (the admin page also carries it in a <meta> tag).
ADMIN_CSP = admin_csp([GITHUB_API], [GITHUB_MEDIA])

# Personal data the forms refuse (same regexes as portal_common.personal_data,
# the build's privacy guard). A Decap `pattern` must match the whole value, so
# the finders are wrapped in a negative lookahead.
_PERSONAL = f"(?:{_NIK.pattern})|(?:{_PHONE.pattern})"
NO_PERSONAL_DATA = f"^(?![\\s\\S]*(?:{_PERSONAL}))[\\s\\S]*$"
NO_PERSONAL_DATA_MESSAGE = (
    f"{KINDS['nik']} atau {KINDS['telepon']} tidak boleh diterbitkan (personal data, UU PDP): "
    "hapus angkanya; tulis hanya nomor kantor sekretariat di halaman Kontak"
)
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
PRIVACY_REMINDER = (
    "JANGAN menulis NIK, nomor HP, alamat rumah, atau tanggal lahir petugas (UU 27/2022 "
    "Pelindungan Data Pribadi). Isi hanya nama, jabatan, divisi, desa, TPS, masa tugas, SK, dan foto."
)


@dataclass(frozen=True)
class OfficerFile:
    """One body's officer file as the form sees it."""

    path: str  # under the repository root, e.g. content/data/petugas/ppk.yaml
    label: str
    roles: tuple[str, ...]
    has_divisions: bool
    level: str  # kecamatan / desa / tps


@dataclass(frozen=True)
class EditorData:
    """What the forms offer, taken from the site's settings and data."""

    content: str  # the content folder under the repository root, e.g. "content"
    rubrics: tuple[str, ...]
    stages: tuple[tuple[str, str], ...]  # (label shown, slug stored)
    elections: tuple[tuple[str, str], ...]  # (label, path under the repository root)
    desas: tuple[str, ...]  # names, as the officer files write them
    desa_slugs: tuple[tuple[str, str], ...]  # (name shown, slug stored), as tps.yaml writes them
    divisions: tuple[tuple[str, str], ...]  # (name, slug)
    officer_files: tuple[OfficerFile, ...]
    galleries: tuple[str, ...]
    summary_limit: int
    polling_places: str = ""  # tps.yaml under the repository root, "" when the site has none
    author: str = ""


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor saves: the local proxy (preview) or a git host (published)."""

    local_backend: str = ""  # e.g. http://127.0.0.1:8081/api/v1; "" = none
    backend: dict[str, Any] = field(default_factory=lambda: {"name": "github", "repo": "", "branch": "main"})
    site_url: str = ""

    @property
    def connect_sources(self) -> list[str]:
        sources = []
        if self.local_backend:
            sources.append(origin(self.local_backend))
        if self.backend.get("name") == "github":
            sources.append(GITHUB_API)
        # base_url (the OAuth relay) is only opened as a sign-in pop-up: no connect-src needed.
        if self.backend.get("api_root"):
            sources.append(origin(self.backend["api_root"]))
        return list(dict.fromkeys(sources))

    @property
    def image_sources(self) -> list[str]:
        return [GITHUB_MEDIA] if self.backend.get("name") == "github" else []

    @property
    def csp(self) -> str:
        return admin_csp(self.connect_sources, self.image_sources)


def origin(url: str) -> str:
    """scheme://host[:port] of a URL."""
    match = re.match(r"^([a-z][a-z0-9+.-]*://[^/]+)", url, re.IGNORECASE)
    return match.group(1) if match else url


# --- the form fields --------------------------------------------------------------

_DAY = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False}
_MINUTE = {
    "widget": "datetime",
    "format": "YYYY-MM-DD HH:mm",
    "date_format": "DD-MM-YYYY",
    "time_format": "HH:mm",
}


def _no_personal(field: dict[str, Any]) -> dict[str, Any]:
    return {**field, "pattern": [NO_PERSONAL_DATA, NO_PERSONAL_DATA_MESSAGE]}


def _field(widget: str, name: str, label: str, hint: str = "", **extra: Any) -> dict[str, Any]:
    field = {"label": label, "name": name, "widget": widget, **extra}
    if hint:
        field["hint"] = hint
    return field


def _string(name: str, label: str, hint: str = "", required: bool = False, **extra: Any) -> dict[str, Any]:
    return _field("string", name, label, hint, required=required, **extra)


def _day(name: str, label: str, hint: str = "", required: bool = False) -> dict[str, Any]:
    return {**_field("datetime", name, label, hint, required=required), **_DAY}


def _flag(name: str, label: str, hint: str) -> dict[str, Any]:
    return _field("boolean", name, label, hint, required=False, default=False)


def _slug(label: str, hint: str, message: str, required: bool = False) -> dict[str, Any]:
    return _string("slug", label, hint, required, pattern=[SLUG_PATTERN, message])


def _summary(hint: str, limit: int, pattern: str, message: str) -> dict[str, Any]:
    """The summary box; `pattern` is what the text may hold, `limit` characters at most."""
    return {
        **_field("text", "summary", "Ringkasan", hint, required=False),
        "pattern": [f"^{pattern}{{0,{limit}}}$", message],
    }


def _options(pairs: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for label, value in pairs]


def post_fields(data: EditorData) -> list[dict[str, Any]]:
    """Every key of the README's metadata table, in its order, with the build's rules."""
    limit = data.summary_limit
    return [
        _no_personal(_string("title", "Judul", "Wajib. Judul berita, sebaiknya di bawah 90 huruf.", True)),
        {
            **_field(
                "datetime",
                "date",
                "Tanggal dan jam terbit (WIB)",
                "Wajib. Waktu Indonesia Barat; tanggal yang akan datang = terbit terjadwal.",
            ),
            **_MINUTE,
        },
        _field("select", "category", "Rubrik", "Wajib.", options=list(data.rubrics)),
        _field(
            "list",
            "tags",
            "Topik (tag)",
            "Pisahkan dengan koma, mis. bimtek, pps, coklit. Dipakai untuk Berita Terkait.",
            required=False,
        ),
        _no_personal(_string("author", "Penulis", f"Kosongkan untuk {data.author}." if data.author else "")),
        _slug(
            "Slug (bagian alamat halaman)",
            "Huruf kecil, angka dan tanda hubung. Kosongkan untuk dibuat dari judul; "
            "jangan diubah setelah terbit.",
            "slug hanya boleh huruf kecil, angka dan tanda hubung, mis. bimtek-pps",
        ),
        _summary(
            f"Satu kalimat, paling banyak {limit} huruf.",
            limit,
            f"(?![\\s\\S]*(?:{_PERSONAL}))[\\s\\S]",
            f"ringkasan (Summary) paling banyak {limit} karakter dan tanpa NIK atau nomor HP",
        ),
        _field(
            "image",
            "image",
            "Gambar utama",
            "Disimpan di content/images/<tahun>/. Wajib diberi teks alternatif di bawah.",
            required=False,
            choose_url=False,
        ),
        _no_personal(
            _string(
                "image_alt",
                "Teks alternatif gambar",
                "Wajib bila ada gambar: apa yang tampak di gambar, untuk pembaca layar.",
            )
        ),
        _no_personal(
            _string("image_caption", "Keterangan gambar", "Tampil di bawah gambar, sertakan sumber foto.")
        ),
        _flag("pinned", "Pengumuman penting (disematkan)", "Tampil di kotak Pengumuman Penting di beranda."),
        _field(
            "select",
            "gallery",
            "Galeri foto",
            "Folder di content/galeri/; buat galeri baru di menu Galeri.",
            required=False,
            options=list(data.galleries) or [""],
        ),
        _flag(
            "nik_ok",
            "Boleh memuat angka 16 digit (bukan NIK)",
            "Centang hanya bila angka 16 digit di berita memang bukan NIK atau nomor KK.",
        ),
        _field(
            "select",
            "stage",
            "Tahapan pemilu",
            "Berita tampil di halaman tahapan itu dan mendapat lencana tahapan.",
            required=False,
            options=_options(data.stages),
        ),
        {
            **_field(
                "datetime",
                "modified",
                "Diperbarui (WIB)",
                "Isi bila berita diperbarui setelah terbit.",
                required=False,
            ),
            **_MINUTE,
        },
        _string(
            "guid",
            "Pengenal feed lama (Guid)",
            "Jarang dipakai: hanya untuk berita pindahan dari situs lama.",
        ),
        _flag("draft", "Draf (belum terbit)", "Draf hanya tampil di pratinjau lokal, tidak diterbitkan."),
        _field("markdown", "body", "Isi berita"),
    ]


def posts_collection(data: EditorData) -> dict[str, Any]:
    required = ("title", "date", "category", "body")
    return {
        "name": "berita",
        "label": "Berita",
        "label_singular": "Berita",
        "description": "Berita dan pengumuman. Simpan = terbit pada build berikutnya (kecuali Draf).",
        "folder": f"{data.content}/posts",
        "path": "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}",
        "extension": "md",
        "format": "pelican-md",
        "create": True,
        "slug": "{{slug}}",
        # Lead image and images in the body: content/images/<year>/, stored as images/<year>/x.jpg.
        "media_folder": f"/{data.content}/images/{{{{year}}}}",
        "public_folder": "images/{{year}}",
        "summary": "{{title}} · {{date}}",
        "sortable_fields": ["date", "title", "category"],
        "fields": [{**f, "required": f["name"] in required} for f in post_fields(data)],
    }


def pages_collection(data: EditorData) -> dict[str, Any]:
    limit = data.summary_limit
    fields = [
        _no_personal(_string("title", "Judul", "Wajib.", True)),
        _slug(
            "Slug (alamat halaman)",
            "Jangan diubah setelah terbit.",
            "slug hanya boleh huruf kecil, angka dan tanda hubung",
        ),
        _summary(
            f"Paling banyak {limit} huruf.",
            limit,
            "[\\s\\S]",
            f"ringkasan (Summary) paling banyak {limit} karakter",
        ),
        _field("markdown", "body", "Isi halaman"),
    ]
    return {
        "name": "halaman",
        "label": "Halaman",
        "label_singular": "Halaman",
        "description": "Halaman tetap: Tentang, Kontak, Wilayah.",
        "folder": f"{data.content}/pages",
        "extension": "md",
        "format": "pelican-md",
        "create": True,
        "slug": "{{slug}}",
        "fields": fields,
    }


def _stage_fields(nested: bool) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = [
        _slug(
            "Slug",
            "Jangan diubah setelah terbit (dipakai di berita dan alamat halaman).",
            "slug hanya boleh huruf kecil, angka dan tanda hubung",
            required=True,
        ),
        _string("name", "Nama tahapan", "", True),
        _day("start", "Mulai", required=True),
        _day("end", "Selesai", "Kosongkan untuk tahapan satu hari."),
        _field("text", "description", "Keterangan", required=False),
        _string("legal_basis", "Dasar hukum"),
        _field("text", "notes", "Catatan", required=False),
    ]
    if nested:
        sub = _stage_fields(False)
        fields.append(
            _field("list", "substages", "Subtahapan", required=False, summary="{{fields.name}}", fields=sub)
        )
    return fields


def stages_collection(data: EditorData) -> dict[str, Any]:
    fields = [
        _string("slug", "Slug pemilu", "Jangan diubah setelah terbit.", True),
        _string("name", "Nama pemilu", "", True),
        _string("legal_basis", "Dasar hukum", "", True),
        _day("voting_day", "Hari pemungutan suara", required=True),
        _day(
            "updated",
            "Jadwal terakhir diperbarui",
            "Perbarui setiap kali tanggal diubah, agar kalender pelanggan ikut berubah.",
            required=True,
        ),
        _field("text", "description", "Keterangan", required=False),
        _field("list", "stages", "Tahapan", summary="{{fields.name}}", fields=_stage_fields(True)),
    ]
    return {
        "name": "tahapan",
        "label": "Jadwal tahapan",
        "description": "Satu berkas per pemilu. Tanggal dalam WIB; tanggal awal dan akhir ikut dihitung.",
        "format": "yaml-keep",
        "extension": "yaml",
        "files": [
            {"label": label, "name": Path(path).stem, "file": path, "fields": fields}
            for label, path in data.elections
        ],
    }


def _officer_fields(data: EditorData, officer_file: OfficerFile) -> list[dict[str, Any]]:
    person: list[dict[str, Any]] = [
        _no_personal(_string("nama", "Nama", PRIVACY_REMINDER, True)),
        _field("select", "jabatan", "Jabatan", options=list(officer_file.roles)),
    ]
    if officer_file.has_divisions:
        person.append(_field("select", "divisi", "Divisi", required=False, options=_options(data.divisions)))
    if officer_file.level != "kecamatan":
        person.append(_field("select", "desa", "Desa/kelurahan", required=False, options=list(data.desas)))
    if officer_file.level == "tps":
        person.append(_field("number", "tps", "Nomor TPS", value_type="int", min=1, required=False))
    person.append(
        _field(
            "image",
            "foto",
            "Foto",
            "Foto wajah resmi. Tanpa foto: avatar inisial.",
            required=False,
            choose_url=False,
            media_folder=f"/{data.content}/data/petugas/foto",
            public_folder="foto",
        )
    )
    term = [_day("mulai", "Mulai"), _day("selesai", "Selesai")]
    decree = [_string("nomor", "Nomor SK"), _day("tanggal", "Tanggal SK")]
    return [
        _field("hidden", "badan", "Badan"),
        _field("object", "masa_tugas", "Masa tugas", required=False, fields=term),
        _field("object", "sk", "SK pengangkatan", required=False, fields=decree),
        _field(
            "list",
            "petugas",
            "Petugas",
            PRIVACY_REMINDER,
            collapsed=True,
            summary="{{fields.nama}}",
            fields=person,
        ),
    ]


def officers_collection(data: EditorData) -> dict[str, Any]:
    return {
        "name": "petugas",
        "label": "Petugas",
        "description": PRIVACY_REMINDER,
        "format": "yaml-keep",
        "extension": "yaml",
        "files": [
            {"label": f.label, "name": Path(f.path).stem, "file": f.path, "fields": _officer_fields(data, f)}
            for f in data.officer_files
        ],
    }


def polling_places_collection(data: EditorData) -> dict[str, Any]:
    """Lokasi TPS: content/data/petugas/tps.yaml (plugins/polling_places checks it at build time)."""
    place = [
        _field("number", "nomor", "Nomor TPS", value_type="int", min=1),
        _no_personal(
            _string(
                "lokasi",
                "Lokasi",
                "Tulis seperti dalam pengumuman PPS, mis. SD Negeri 001 Concong Luar. "
                "Jangan menulis nama pemilik rumah atau nomor telepon.",
                True,
            )
        ),
        _string(
            "koordinat",
            "Koordinat (pilihan)",
            'Lintang, bujur dalam derajat desimal, mis. "-0.2735, 103.5641".',
            pattern=[
                r"^\s*-?\d{1,2}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$",
                'tulis "lintang, bujur" dalam derajat desimal dengan titik, mis. "-0.2735, 103.5641"',
            ],
        ),
    ]
    village = [
        _field("select", "desa", "Desa/kelurahan", options=_options(data.desa_slugs)),
        _field("list", "tps", "TPS", summary="TPS {{fields.nomor}}", fields=place),
    ]
    fields = [
        _string("pemilihan", "Pemilihan", "mis. Pemilu 2024", True),
        {**_field("datetime", "tanggal", "Hari pemungutan suara"), **_DAY},
        _string("jam", "Jam buka TPS", "mis. 07.00–13.00 WIB", True),
        _field(
            "list",
            "desa",
            "Desa/kelurahan",
            "Jumlah TPS tiap desa harus sama dengan jumlah_tps di wilayah.yaml.",
            summary="{{fields.desa}}",
            fields=village,
        ),
    ]
    return {
        "name": "lokasi_tps",
        "label": "Lokasi TPS",
        "description": "Tempat pemungutan suara per desa/kelurahan (halaman Di Mana Saya Memilih?).",
        "format": "yaml-keep",
        "extension": "yaml",
        "files": [{"label": "Lokasi TPS", "name": "tps", "file": data.polling_places, "fields": fields}],
    }


def gallery_collection(data: EditorData) -> dict[str, Any]:
    photo = [
        _field("image", "berkas", "Foto", choose_url=False),
        _no_personal(_string("keterangan", "Keterangan foto", "Tanpa keterangan: diambil dari nama berkas.")),
    ]
    return {
        "name": "galeri",
        "label": "Galeri",
        "label_singular": "Galeri",
        "description": (
            "Satu folder foto per kegiatan di content/galeri/. Sebut folder itu di kolom Galeri foto berita."
        ),
        "folder": f"{data.content}/galeri",
        "path": "{{slug}}/keterangan",
        "extension": "yaml",
        "format": "galeri-yaml",
        "create": True,
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "folder",
        "slug": "{{fields.folder}}",
        "summary": "{{dirname}}",
        "fields": [
            _string(
                "folder",
                "Nama folder galeri baru",
                "Hanya untuk galeri baru, mis. 2024-02-14-pemungutan-suara.",
                pattern=[
                    SLUG_PATTERN,
                    "huruf kecil, angka dan tanda hubung, mis. 2024-02-14-pemungutan-suara",
                ],
            ),
            _field("list", "foto", "Foto", summary="{{fields.berkas}}", fields=photo),
        ],
    }


def build_config(data: EditorData, settings: EditorSettings) -> dict[str, Any]:
    """The whole Decap CMS config.yml as a dict."""
    config: dict[str, Any] = {
        "backend": {
            **settings.backend,
            "commit_messages": {
                "create": "Buat {{collection}} “{{slug}}” lewat editor web",
                "update": "Perbarui {{collection}} “{{slug}}” lewat editor web",
                "delete": "Hapus {{collection}} “{{slug}}” lewat editor web",
                "uploadMedia": "Unggah “{{path}}” lewat editor web",
                "deleteMedia": "Hapus “{{path}}” lewat editor web",
            },
        },
    }
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]}
    if settings.site_url:
        config["site_url"] = settings.site_url
        config["display_url"] = settings.site_url
    config.update(
        {
            "locale": "id",
            "publish_mode": "simple",
            "media_folder": f"{data.content}/images",
            "public_folder": "images",
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [
                posts_collection(data),
                pages_collection(data),
                # A `files` collection must list at least one file.
                *([stages_collection(data)] if data.elections else []),
                *([officers_collection(data)] if data.officer_files else []),
                *([polling_places_collection(data)] if data.polling_places else []),
                gallery_collection(data),
            ],
        }
    )
    return config


def config_yaml(config: dict[str, Any]) -> str:
    header = (
        "# Generated at build time by plugins/web_editor from the site's settings and data: do not edit.\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def editor_js_settings(data: EditorData, stylesheet: str) -> str:
    """Settings the browser modules need, as a JSON file (no inline script under the CSP).

    `stylesheet`: the site's published stylesheet, from the site root (its name carries
    a content hash when the hosting plugin fingerprints theme files).
    """
    return json.dumps(
        {
            "stages": dict((slug, label) for label, slug in data.stages),
            "rubrics": list(data.rubrics),
            "stylesheet": stylesheet,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def index_html(csp: str, title: str, icon: str) -> str:
    """The admin page: policy, noindex, the pinned bundle and our modules. No inline script."""
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Editor · {html.escape(title)}</title>
<link rel="icon" href="../{html.escape(icon)}" type="image/svg+xml">
<link rel="stylesheet" href="admin.css">
</head>
<body>
<noscript>Editor web memerlukan JavaScript. Gunakan peramban terbaru (Chrome, Firefox, Edge).</noscript>
<script src="flag.js"></script>
<script src="{CMS_BUNDLE}"></script>
<script type="module" src="admin.js"></script>
</body>
</html>
"""


# --- the files to copy ----------------------------------------------------------------

NPM_HINT = (
    "jalankan `npm ci` di folder proyek (memasang paket editor dari package-lock.json), lalu build lagi"
)


def bundle_files(node_modules: Path) -> list[tuple[Path, str]]:
    """(source, path under admin/) of every file copied from the pinned npm packages.

    Raises ContentError with the Indonesian fix when the packages are missing.
    """
    dist = node_modules / CMS_PACKAGE / "dist"
    yaml_dist = node_modules / YAML_PACKAGE / "browser" / "dist"
    if not (dist / CMS_BUNDLE).is_file() or not (yaml_dist / "index.js").is_file():
        raise ContentError(
            "package.json",
            None,
            f"paket editor web ({CMS_PACKAGE}, {YAML_PACKAGE}) tidak ada di node_modules/ "
            "(the web editor's npm packages are missing)",
            NPM_HINT,
        )
    files = [
        (dist / CMS_BUNDLE, CMS_BUNDLE),
        (dist / f"{CMS_BUNDLE}.LICENSE.txt", f"{CMS_BUNDLE}.LICENSE.txt"),
    ]
    # Chunks the bundle loads on demand, next to it (webpack resolves them from its own URL).
    files += [(path, path.name) for path in sorted(dist.glob(f"*.{CMS_BUNDLE}"))]
    files += [(path, path.name) for path in sorted(dist.glob("*.wasm"))]
    files += [
        (path, "vendor/yaml/" + path.relative_to(yaml_dist).as_posix())
        for path in sorted(yaml_dist.rglob("*.js"))
    ]
    files.append((node_modules / YAML_PACKAGE / "LICENSE", "vendor/yaml/LICENSE"))
    files += [(STATIC_DIR / name, name) for name in OWN_FILES]
    return [(source, target) for source, target in files if source.is_file()]


# --- reading the site's data ------------------------------------------------------------


def officer_files(
    folder: Path, repo_root: Path, bodies: dict[str, Any], skip: Iterable[str]
) -> tuple[OfficerFile, ...]:
    """Each body's officer file (every *.yaml in the folder but wilayah/badan)."""
    found = []
    skipped = set(skip)
    for path in sorted(folder.glob("*.yaml")):
        if path.name in skipped:
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        body = bodies.get(str(doc.get("badan", "")) if isinstance(doc, dict) else "")
        if body is None:
            continue
        found.append(
            OfficerFile(
                path=path.relative_to(repo_root).as_posix(),
                label=f"{body.short} ({body.name})",
                roles=tuple(body.roles),
                has_divisions=bool(body.has_divisions),
                level=body.level,
            )
        )
    return tuple(found)


def galleries(folder: Path) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")))
