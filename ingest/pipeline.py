"""From a file to a `Letter`: read → link footnotes → assemble → references → metadata.

Pure: reads the file (and its sidecar NAME.meta.json) and returns frozen data, no other I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ingest.assemble import Assembled, assemble
from ingest.dates import parse_iso
from ingest.errors import EmptyFile, IngestError, UnsupportedFormat
from ingest.footnotes import link_markers
from ingest.metadata import extract_metadata
from ingest.models import (
    DateInfo,
    DocumentKind,
    Format,
    IngestWarning,
    Letter,
    LinkHit,
    Metadata,
    RawDocument,
    Reference,
    ReferenceKind,
)
from ingest.readers.text import read_text
from ingest.references import find_references, parse_kamerstuk_id, url_for

SUFFIXES = (".txt", ".pdf", ".xml")
SIDECAR_SUFFIX = ".meta.json"
# Part of every letter's hash: bump it when extraction changes, so that re-ingesting an
# unchanged file replaces what an older version extracted (and otherwise changes nothing).
EXTRACTOR_VERSION = "2"


def read_raw(path: Path, encoding: str | None = None) -> RawDocument:
    """Dispatch on the file suffix to the reader of that format."""
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise EmptyFile()
    if suffix == ".txt":
        return read_text(path, encoding)
    if suffix == ".pdf":
        from ingest.readers.pdf import read_pdf  # pdfplumber is heavy: import when needed

        return read_pdf(path)
    if suffix == ".xml":
        from ingest.readers.xml import read_xml

        return read_xml(path)
    raise UnsupportedFormat(suffix)


def content_sha256(data: bytes, sidecar: bytes | None = None) -> str:
    """The letter's identity: its file's bytes, its sidecar's (a changed sidecar changes the
    letter) and the extractor version (a better extractor re-extracts every letter)."""
    digest = hashlib.sha256(f"kb-extractor-{EXTRACTOR_VERSION}\n".encode())
    digest.update(data)
    if sidecar is not None:
        digest.update(sidecar)
    return digest.hexdigest()


def read_letter(
    path: Path, source: str | None = None, encoding: str | None = None, knowledge: bool = True
) -> Letter:
    """Read one file of any supported format into a fully extracted `Letter`.

    With `knowledge` the entities, motions, statistics, commitments and events are extracted
    too (the NLP pipeline is loaded once per process).
    """
    side = path.with_name(path.stem + SIDECAR_SUFFIX)
    sha = content_sha256(path.read_bytes(), side.read_bytes() if side.is_file() else None)
    raw = read_raw(path, encoding)
    raw = replace(raw, source=source or str(path))
    letter = build_letter(raw, sha, sidecar_for(path))
    if knowledge:
        from ingest.knowledge import with_knowledge  # spaCy loads only when knowledge is asked

        letter = with_knowledge(letter)
    return letter


def build_letter(raw: RawDocument, sha256: str, sidecar: dict | None = None) -> Letter:
    """Link, assemble and extract a reader's output."""
    blocks, link_warnings = link_markers(raw.blocks, raw.footnotes)
    doc = assemble(blocks, raw.footnotes)
    spans = [(f.number, f.start, f.end) for f in doc.footnotes]
    references = _merge_links(find_references(doc.text, spans), doc, spans)
    metadata = extract_metadata(raw, blocks, doc.text[: doc.body_end], raw.footnotes)
    if sidecar:
        metadata = apply_sidecar(metadata, sidecar)
    warnings = [IngestWarning("reader", w) for w in raw.warnings]
    warnings += [IngestWarning(_code(w), w) for w in link_warnings]
    if metadata.date.value is None:
        warnings.append(IngestWarning("no-date", "no date found in the document"))
    return Letter(
        id=letter_id(raw.source),
        source=raw.source,
        format=raw.format,
        sha256=sha256,
        text=doc.text,
        body_end=doc.body_end,
        passages=doc.passages,
        footnotes=doc.footnotes,
        references=references,
        metadata=metadata,
        pages=raw.pages,
        warnings=tuple(warnings),
    )


def _code(warning: str) -> str:
    return "footnote-without-marker" if "no marker" in warning else "marker-without-footnote"


def letter_id(source: str) -> str:
    """A stable id from the file name: "corpus/004_e70a.txt" -> "004_e70a"."""
    name = Path(source).name
    for suffix in (*SUFFIXES, ".TXT", ".PDF", ".XML"):
        name = name.removesuffix(suffix)
    return re.sub(r"[^\w.-]+", "-", name).strip("-") or "document"


def _merge_links(
    found: Sequence[Reference], doc: Assembled, spans: Sequence[tuple[int, int, int]]
) -> tuple[Reference, ...]:
    """Citations the format marked up (XML extref) win over what the text parser found."""
    linked = [ref for link in doc.links if (ref := _link_reference(link, doc.text, spans))]
    kept = [r for r in found if all(r.end <= x.start or r.start >= x.end for x in linked)]
    # The text around an extref may state the vergaderjaar ("Kamerstukken II 2017/18, ...").
    linked = [
        replace(link, vergaderjaar=next(
            (r.vergaderjaar for r in found if r.id == link.id and r.start < link.end
             and link.start < r.end), None))
        for link in linked
    ]  # fmt: skip
    return tuple(sorted([*kept, *linked], key=lambda r: (r.start, r.end)))


def _link_reference(
    link: LinkHit, text: str, spans: Sequence[tuple[int, int, int]]
) -> Reference | None:
    parsed = parse_kamerstuk_id(link.target)
    if parsed is None:
        return None
    dossier, number = parsed
    footnote = next((n for n, s, e in spans if s <= link.start < e), None)
    return Reference(
        raw=text[link.start : link.end],
        kind=ReferenceKind.KAMERSTUK,
        id=link.target,
        dossier=dossier,
        number=number,
        vergaderjaar=None,
        start=link.start,
        end=link.end,
        url=url_for(link.target),
        confidence=1.0,
        rule=link.rule,
        footnote=footnote,
    )


def sidecar_for(path: Path) -> dict | None:
    """The sidecar NAME.meta.json next to NAME.txt/.pdf/.xml, if any."""
    side = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not side.is_file():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise IngestError(f"the sidecar {side.name} is not valid JSON ({exc})", "fix it") from exc
    if not isinstance(data, dict):
        raise IngestError(f"the sidecar {side.name} must hold a JSON object", "fix it")
    return data


_SIDECAR_FIELDS: dict[str, Callable[[Metadata, str], Metadata]] = {
    "title": lambda m, v: replace(m, title=v),
    "signatory": lambda m, v: replace(m, signatory=v),
    "role": lambda m, v: replace(m, role=v),
    "kamerstuk": lambda m, v: replace(m, kamerstuk=v),
    "vergaderjaar": lambda m, v: replace(m, vergaderjaar=v),
    "kind": lambda m, v: replace(m, kind=DocumentKind(v)),
}


def apply_sidecar(metadata: Metadata, sidecar: dict) -> Metadata:
    """Fields of a sidecar override what ingest inferred; the evidence says so."""
    evidence = dict(metadata.evidence)
    for key, value in sidecar.items():
        if key in _SIDECAR_FIELDS and isinstance(value, str):
            metadata = _SIDECAR_FIELDS[key](metadata, value)
            evidence[key] = "sidecar .meta.json"
        elif key == "date" and isinstance(value, str) and (parsed := parse_iso(value)):
            date = DateInfo(parsed[0], parsed[1], f"sidecar .meta.json: {value}", 1.0, "sidecar")
            metadata = replace(metadata, date=date)
    return replace(metadata, evidence=evidence)


def supported(path: Path) -> bool:
    """Whether `path` is a letter file ingest reads (not a sidecar or README)."""
    name = path.name.lower()
    return path.suffix.lower() in SUFFIXES and not name.endswith(SIDECAR_SUFFIX) and (
        not name.startswith(".")
    )


__all__ = ["SUFFIXES", "Format", "build_letter", "read_letter", "read_raw", "supported"]
