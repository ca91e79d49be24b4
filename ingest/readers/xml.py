"""Reader for official KOOP XML of a Kamerstuk (`<officiele-publicatie>/<kamerstuk>`).

Letters ("BRIEF VAN DE MINISTER …"), motions ("MOTIE VAN HET LID …") and other Kamerstukken share
one shape. The body is read in document order:

- `titel` (of the dossier, the stuk, a table), `tussenkop` and `kop` -> HEADING; the dossier and
  stuk titles open the body as they open the printed Kamerstuk;
- `al` -> PARAGRAPH, or LIST_ITEM inside `lijst/li` with the `li.nr` label ("a.", "–") as prefix;
- `al-groep` -> its children as separate blocks, except the trailing group of member names of a
  motion, which becomes one PARAGRAPH "Grinwis, Vedder, De Hoop, Kostić" (the signers);
- `table` -> one PARAGRAPH per row, cells joined by " | ";
- `ondertekening` -> one PARAGRAPH per part (functie, naam);
- `kamerstukkop` lines, `datumtekst`/`dagtekening` and `adres` -> furniture, not body.

Footnotes (`noot`) are cut out of the text and recorded as a MarkerHit where they stood plus a
FootnoteSource; `extref` becomes a LinkHit over its text. Metadata: see `xml_koop`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ingest.errors import EmptyFile, MalformedXml, UnsupportedXml
from ingest.models import (
    Block,
    BlockKind,
    FootnoteSource,
    Format,
    Furniture,
    FurnitureKind,
    RawDocument,
)
from ingest.readers.xml_koop import (
    TextBuilder,
    koop_properties,
    motion_signature,
    signer_names,
    text_of,
)

_HEADINGS = {"titel", "tussenkop", "kop"}
_SKIP = {"stuknr", "dossiernummer", "li.nr", "illustratie", "plaatje", "metadata"}
_FURNITURE = {
    "kamerstukkop": FurnitureKind.HEADER,
    "datumtekst": FurnitureKind.DATE,
    "dagtekening": FurnitureKind.DATE,
    "adres": FurnitureKind.LETTERHEAD,
}
# Children that the source writes without whitespace between them ("<nr>1.</nr><titel>…",
# "<voornaam>…</voornaam><achternaam>…"): give them a space on each side.
_SPACED = {"nr", "titel", "label", "voornaam", "voorvoegsels", "achternaam", "al", "li", "entry"}


class _DoctypeFound(Exception):
    pass


class _SafeBuilder(ET.TreeBuilder):
    """A tree builder that refuses any DOCTYPE, so no entity can be declared or expanded."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeFound(name)


def read_xml(path: Path) -> RawDocument:
    """Read official KOOP XML of a Kamerstuk into blocks, footnotes, furniture and properties."""
    data = path.read_bytes()
    if not data:
        raise EmptyFile()
    root = _parse(data)
    kamerstuk = _kamerstuk(root)
    props = koop_properties(root, kamerstuk)
    reader = _Reader(motion=props.get("kind") == "motie")
    reader.walk(kamerstuk)
    if reader.motion:
        props.update(motion_signature(props, reader.signers))
    return RawDocument(
        source=str(path),
        format=Format.XML,
        blocks=tuple(reader.blocks),
        footnotes=tuple(reader.footnotes),
        furniture=tuple(reader.furniture),
        properties=props,
        warnings=tuple(reader.warnings),
    )


def _parse(data: bytes) -> ET.Element:
    parser = ET.XMLParser(target=_SafeBuilder())
    try:
        parser.feed(data)
        root = parser.close()
    except _DoctypeFound as exc:
        # A DOCTYPE may declare entities ("billion laughs"); KOOP XML never needs one.
        raise MalformedXml(
            f"<!DOCTYPE {exc}> refused: DOCTYPE and ENTITY declarations are not accepted"
            f"{_position(data, b'<!DOCTYPE')}"
        ) from None
    except ET.ParseError as exc:
        raise MalformedXml(str(exc)) from None  # "mismatched tag: line 3, column 2"
    for element in root.iter():
        element.tag = _local(element.tag)
    return root


def _position(data: bytes, needle: bytes) -> str:
    index = data.find(needle)
    if index < 0:
        return ""
    line = data.count(b"\n", 0, index) + 1
    column = index - (data.rfind(b"\n", 0, index) + 1)
    return f": line {line}, column {column}"


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _kamerstuk(root: ET.Element) -> ET.Element:
    if root.tag != "officiele-publicatie":
        raise UnsupportedXml(root.tag)
    kamerstuk = root.find("kamerstuk")
    if kamerstuk is None:
        inner = [child.tag for child in root if child.tag != "metadata"]
        raise UnsupportedXml("/".join([root.tag, *inner[:1]]))
    return kamerstuk


class _Reader:
    """Walks a `kamerstuk` element and collects blocks, footnotes, furniture and warnings."""

    def __init__(self, motion: bool) -> None:
        self.motion = motion
        self.blocks: list[Block] = []
        self.footnotes: list[FootnoteSource] = []
        self.furniture: list[Furniture] = []
        self.warnings: list[str] = []
        self.signers: list[str] = []
        self._label = ""  # li.nr waiting for the first block of its list item
        self._note_ids: dict[str, tuple[int, str]] = {}

    def walk(self, parent: ET.Element, in_list: bool = False) -> None:
        """Turn the children of `parent` into blocks, in document order."""
        children = list(parent)
        for i, child in enumerate(children):
            self._element(child, in_list, last=i == len(children) - 1)

    def _element(self, el: ET.Element, in_list: bool, last: bool) -> None:
        tag = el.tag
        body = BlockKind.LIST_ITEM if in_list else BlockKind.PARAGRAPH
        if tag in _SKIP:
            return
        if tag in _HEADINGS:
            self._block(el, BlockKind.HEADING)
        elif tag == "al":
            self._block(el, body)
        elif tag == "al-groep" and self.motion and last and signer_names(el):
            self.signers = signer_names(el)
            self.blocks.append(Block(", ".join(self.signers), BlockKind.PARAGRAPH))
        elif tag == "li":
            self._label = text_of(el.find("li.nr"))
            self.walk(el, in_list=True)
            self._label = ""
        elif tag == "table":
            self._table(el)
        elif tag == "ondertekening":
            for part in el:
                self._block(part, BlockKind.PARAGRAPH)
        elif tag in _FURNITURE:
            self._furniture(el, _FURNITURE[tag])
        elif tag == "noot":  # a footnote outside any text: keep it, there is no marker
            self._note(TextBuilder(), el)
        elif (el.text or "").strip() or any((c.tail or "").strip() for c in el):
            self._block(el, body)  # unknown element holding text: do not lose it
        else:
            self.walk(el, in_list)

    def _furniture(self, el: ET.Element, kind: FurnitureKind) -> None:
        lines = list(el) if kind is FurnitureKind.HEADER else [el]
        self.furniture += [Furniture(kind, text_of(line)) for line in lines if text_of(line)]

    def _block(self, el: ET.Element, kind: BlockKind) -> None:
        builder = TextBuilder()
        if self._label:
            builder.add(self._label + " ")
            self._label = ""
        self._feed(builder, el)
        self._emit(builder, kind)

    def _emit(self, builder: TextBuilder, kind: BlockKind) -> None:
        text, markers, links = builder.finish()
        if text:
            self.blocks.append(Block(text, kind, None, markers, links))

    def _table(self, table: ET.Element) -> None:
        for el in table.iter():
            if el.tag in {"title", "titel"}:
                self._block(el, BlockKind.HEADING)
            if el.tag not in {"row", "tr"}:
                continue
            builder = TextBuilder()
            cells = [cell for cell in el if cell.tag in {"entry", "td", "th"}]
            for i, cell in enumerate(cells):
                builder.add(" | " if i else "")
                self._feed(builder, cell)
            self._emit(builder, BlockKind.PARAGRAPH)

    def _feed(self, builder: TextBuilder, el: ET.Element) -> None:
        """Add the inline content of `el`: text, inline children, footnotes cut out."""
        builder.add(el.text)
        for child in el:
            self._inline(builder, child)
            builder.add(child.tail)

    def _inline(self, builder: TextBuilder, el: ET.Element) -> None:
        if el.tag == "noot":
            self._note(builder, el)
        elif el.tag in {"nootref", "noot-ref"}:
            self._note_ref(builder, el)
        elif el.tag == "extref":
            start = builder.size
            self._feed(builder, el)
            target = el.get("doc") or el.get("href") or ""
            if not target and el.get("soort", "").upper() == "URL":
                target = text_of(el)
            if target:
                builder.links.append((start, builder.size, target.strip()))
        elif el.tag == "br":
            builder.add(" ")
        elif el.tag in _SPACED:
            builder.add(" ")
            self._feed(builder, el)
            builder.add(" ")
        else:
            self._feed(builder, el)

    def _note(self, builder: TextBuilder, noot: ET.Element) -> None:
        """Cut a `noot` out of the text: a marker where it stood, its text as a footnote."""
        raw = text_of(noot.find("noot.nr"))
        note = TextBuilder()
        for part in noot:  # noot.al (one or more), noot.lijst, …; joined by a space
            if part.tag != "noot.nr":
                note.add(" ")
                self._feed(note, part)
        text, _, links = note.finish()
        number = int(raw) if raw.isdecimal() else len(self.footnotes) + 1
        if not raw.isdecimal():
            self.warnings.append(
                f"footnote marker {raw!r} is not a number; numbered {number} by its order"
            )
        self.footnotes.append(FootnoteSource(number, text, None, links))
        builder.markers.append((builder.size, number, raw or str(number)))
        if noot.get("id"):
            self._note_ids[noot.get("id", "")] = (number, raw or str(number))

    def _note_ref(self, builder: TextBuilder, ref: ET.Element) -> None:
        # A second marker for a footnote printed earlier: a marker, no new footnote.
        found = self._note_ids.get(ref.get("refid", ""))
        nr = ref.get("nr", "").strip()
        if found is None and nr.isdecimal():
            found = (int(nr), nr)
        if found is not None:
            builder.markers.append((builder.size, *found))
