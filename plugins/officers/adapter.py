"""Pelican adapter: officer directory, activity galleries and the photo pipeline.

Order within a build:
1. `initialized`: settings checked; "Petugas" and "Galeri" join PORTAL_NAV.
2. `OfficersGenerator.generate_context`: officer data loaded and validated,
   `context["officer_directory"]` published.
3. `all_generators_finalized` (articles, news_portal's lead images and the
   static file list all exist now): galleries loaded from posts' `Gallery:`,
   every published raster image (officer photos, gallery photos, lead images,
   everything under the static paths) planned (paths and sizes, from the
   headers) and its encoding started in worker processes, the results hung on
   the objects templates render, and raster files taken off Pelican's static
   copy list, so no original reaches the output with its EXIF. In the published
   build (no DRAFT_SAVE_AS) drafts and scheduled posts get no photo jobs, and
   static files only they use are not published at all (`_withheld`).
4. `generate_output` (after the articles and pages are rendered, meanwhile the
   photos were encoded on the other core): the /petugas/ and /galeri/ pages,
   then the wait for the encoding and the image files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator, StaticGenerator
from portal_common import build
from portal_common.errors import ContentError, Finding
from portal_common.nav import with_nav_entry
from portal_common.source import metadata_line

from .core.config import OUTPUT_DIRS, RECIPES, OfficerConfig
from .core.directory import Directory, build_directory
from .core.gallery import Gallery, load_gallery
from .core.images import (
    SUPPORTED_SUFFIXES,
    UNSUPPORTED_SUFFIXES,
    ImageProblem,
    ImageProblems,
    Job,
    Pipeline,
    ProcessedImage,
    Recipe,
)
from .core.model import load_officers, load_setup
from .core.viewer import PhotoPage, plan_photo_pages

logger = logging.getLogger(__name__)
NAV_ENTRIES = (("Petugas", "petugas/"), ("Galeri", "galeri/"))
# Static rasters that are no post's lead image: republished clean, no variants.
STATIC_RECIPE = Recipe(widths=(), original=2400)


@dataclass(frozen=True)
class GalleryEntry:
    """One line of /galeri/: the post and its gallery."""

    article: Any
    gallery: Gallery


def add_nav_entries(pelican) -> None:
    conf = build.start(pelican).options(OfficerConfig)
    nav = pelican.settings.get("PORTAL_NAV")
    # A site without officer data (e.g. a fresh one) gets no "Petugas" link.
    entries = NAV_ENTRIES if conf.data_dir.is_dir() else NAV_ENTRIES[1:]
    if isinstance(nav, (list, tuple)):
        for label, url in entries:
            nav = with_nav_entry(nav, label, url, before="tentang/")
        pelican.settings["PORTAL_NAV"] = nav


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part) or "foto"


class OfficersGenerator(Generator):
    """Writes /petugas/ (overview, one page per body and per desa) and /galeri/."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conf: OfficerConfig = build.of(self.settings).options(OfficerConfig)
        self.pipeline = Pipeline(self.conf.cache_dir, self.conf.workers)
        self.directory: Directory | None = None
        self.galleries: list[GalleryEntry] = []
        self.photo_pages: list[PhotoPage] = []  # one viewer page per published gallery photo
        self.processed: dict[Job, ProcessedImage] = {}
        self._targets: list[tuple[Any, Job]] = []  # officers and gallery photos
        self._leads: list[tuple[Any, Job]] = []  # news_portal's LeadImage objects

    def generate_context(self) -> None:
        conf = self.conf
        if not conf.data_dir.is_dir():
            return
        setup = load_setup(conf.data_dir, conf.shown(conf.data_dir))
        officers = load_officers(conf.data_dir, conf.shown(conf.data_dir), setup)
        self.directory = build_directory(setup, officers)
        self.context["officer_directory"] = self.directory

    # --- step 3: galleries and images, once every generator has its content ---------

    def prepare(self, generators: list) -> None:
        articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
        static = next((g for g in generators if isinstance(g, StaticGenerator)), None)
        pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
        shown = [*articles.articles, *articles.translations]
        hidden = [*articles.drafts, *articles.drafts_translations]  # drafts and scheduled posts
        self._load_galleries([*shown, *hidden], set(articles.articles))
        if self.settings.get("DRAFT_SAVE_AS"):  # local preview: drafts are pages under draf/
            shown, hidden = [*shown, *hidden], []
        jobs = self._officer_jobs() + self._gallery_jobs(shown) + self._lead_jobs(shown)
        withheld = self._withheld(shown, hidden, pages)
        jobs += self._static_jobs(static, {j.original_path for j in jobs if j.original_path}, withheld)
        with _image_errors():
            self.processed = self.pipeline.start(jobs)
        self._attach()
        self.context["galleries"] = self.galleries
        self.context["officers_image_stats"] = self.pipeline.stats

    def _withheld(self, shown: list, hidden: list, pages: PagesGenerator | None) -> set[Path]:
        """Static files only unpublished posts or pages use: not published before them."""
        public = [*shown]
        if pages is not None:
            public += [*pages.pages, *pages.hidden_pages]
            if self.settings.get("DRAFT_PAGE_SAVE_AS"):
                public += pages.draft_pages
            else:
                hidden = [*hidden, *pages.draft_pages]
        return _files_of(hidden) - _files_of(public)

    def _load_galleries(self, posts: list, published: set) -> None:
        findings: list[Finding] = []
        for post in posts:
            post.gallery = None
            folder = post.metadata.get("gallery")
            if not folder:
                continue
            shown = self.conf.shown(Path(post.source_path))
            try:
                post.gallery = load_gallery(
                    self.conf.gallery_dir,
                    self.conf.shown(self.conf.gallery_dir),
                    str(folder),
                    shown,
                    metadata_line(post.source_path, "gallery"),
                )
            except ContentError as err:
                findings.extend(err.findings)
        if findings:
            raise ContentError.from_findings(findings)
        entries = [GalleryEntry(p, p.gallery) for p in posts if p.gallery and p in published]
        self.galleries = sorted(entries, key=lambda e: e.article.date, reverse=True)
        self.photo_pages = plan_photo_pages(
            [(e.article.url, e.article.title, e.gallery) for e in self.galleries]
        )

    def _officer_jobs(self) -> list[Job]:
        jobs = []
        for officer in self.directory.officers if self.directory else ():
            if officer.photo:
                prefix = f"{OUTPUT_DIRS['petugas']}/{_slug(officer.photo.stem)}"
                job = Job(officer.photo, self.conf.shown(officer.photo), RECIPES["petugas"], prefix)
                self._targets.append((officer, job))
                jobs.append(job)
        return jobs

    def _gallery_jobs(self, posts: list) -> list[Job]:
        jobs = []
        for post in posts:
            for photo in post.gallery.photos if post.gallery else ():
                prefix = f"{OUTPUT_DIRS['galeri']}/{post.gallery.folder}/{_slug(photo.source.stem)}"
                job = Job(photo.source, self.conf.shown(photo.source), RECIPES["galeri"], prefix)
                self._targets.append((photo, job))
                jobs.append(job)
        return jobs

    def _lead_jobs(self, posts: list) -> list[Job]:
        jobs = []
        for post in posts:
            lead = getattr(post, "lead_image", None)
            if lead is None:
                continue
            job = lead_job(lead, self.conf)
            self._leads.append((lead, job))
            jobs.append(job)
        return jobs

    def _static_jobs(self, static: StaticGenerator | None, leads: set[str], withheld: set[Path]) -> list[Job]:
        """Every raster static file is republished clean; none is copied as is.

        Files only a post not yet published uses (`withheld`: its lead image,
        the images and attachments its text links to) are not published at all.
        """
        if static is None:
            return []
        jobs, keep = [], []
        for item in self.context.get("staticfiles", []):
            if Path(item.source_path).resolve() in withheld:
                continue
            suffix = Path(item.source_path).suffix.lower()
            if suffix in SUPPORTED_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES:
                if item.save_as not in leads:
                    source = Path(item.source_path)
                    jobs.append(
                        Job(source, self.conf.shown(source), STATIC_RECIPE, "", original_path=item.save_as)
                    )
            else:
                keep.append(item)
        self.context["staticfiles"] = keep
        static.staticfiles = keep
        return jobs

    def _attach(self) -> None:
        """Hang the published files on what the templates render."""
        for target, job in self._targets:
            target.image = self.processed[job]
        for lead, job in self._leads:
            lead.published = self.processed[job]

    # --- step 4 ------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        if self.directory is not None:
            self._write_directory(writer)
        self._write(writer, "galeri/index.html", "galeri", galleries=self.galleries)
        for page in self.photo_pages:
            self._write(writer, page.save_as, "galeri_foto", photo_page=page)
        with _image_errors():
            self.pipeline.finish()
        self.pipeline.publish(self.processed, Path(self.output_path))
        stats = self.pipeline.stats
        logger.info(
            "foto: %d dienkode, %d dari cache, %d berkas ditulis", stats.encoded, stats.cached, stats.written
        )

    def _write_directory(self, writer) -> None:
        directory = self.directory
        self._write(writer, directory.save_as, "petugas", directory=directory)
        for page in directory.bodies:
            if page.count:
                self._write(writer, page.save_as, "petugas_badan", directory=directory, page=page)
        for page in directory.desas:
            self._write(writer, page.save_as, "petugas_desa", directory=directory, page=page)

    def _write(self, writer, save_as: str, template: str, **values: Any) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=save_as.removesuffix("index.html"),
            **values,
        )


def lead_job(lead, conf: OfficerConfig) -> Job:
    """The photo job of a post's lead image (news_portal's LeadImage): its variants under
    foto/berita/, its clean original at the source's own URL. The job's ProcessedImage
    becomes `lead.published`."""
    source = conf.content / lead.path
    prefix = f"{OUTPUT_DIRS['berita']}/{_slug(Path(lead.path).stem)}"
    return Job(source, conf.shown(source), RECIPES["berita"], prefix, original_path=lead.path)


@contextmanager
def _image_errors() -> Iterator[None]:
    """Bad photos become one ContentError naming every file."""
    try:
        yield
    except (ImageProblem, ImageProblems) as err:
        problems = err.problems if isinstance(err, ImageProblems) else [err]
        findings = [Finding(p.display, None, p.message, p.hint) for p in problems]
        raise ContentError.from_findings(findings) from err


_LINKED_FILE = re.compile(r"""[{|](?:static|attach)[}|]([^"'\s)#?]+)""")


def _files_of(contents: list) -> set[Path]:
    """The content files a post or page publishes with it: lead image and linked static files."""
    files: set[Path] = set()
    for content in contents:
        source = Path(content.source_path)
        lead = getattr(content, "lead_image", None)
        if lead is not None:
            files.add((Path(content.settings["PATH"]) / lead.path).resolve())
        for target in _LINKED_FILE.findall(getattr(content, "_content", "") or ""):
            base = Path(content.settings["PATH"]) if target.startswith("/") else source.parent
            files.add((base / target.lstrip("/")).resolve())
    return files


def _prepare(generators: list) -> None:
    for generator in generators:
        if isinstance(generator, OfficersGenerator):
            generator.prepare(generators)


def get_generators(_pelican) -> type[OfficersGenerator]:
    return OfficersGenerator


def register() -> None:
    signals.initialized.connect(add_nav_entries)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(_prepare)
