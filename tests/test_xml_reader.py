"""Tests for the KOOP XML reader: 12 real motions, a generated letter and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.errors import EmptyFile, MalformedXml, UnsupportedXml
from ingest.models import BlockKind, Format, FurnitureKind
from ingest.readers.xml import read_xml

_REPO = Path(__file__).resolve().parents[1]
# Copies of ../shared/realdocs, committed so the tests never depend on what sits beside the repo.
_REALDOCS = _REPO / "tests" / "fixtures" / "realdocs"

H, P, L = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM


def _write(tmp_path: Path, text: str | bytes, name: str = "doc.xml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


# --- the 12 real motions ---------------------------------------------------------------------

# file id -> (date, vergaderjaar, first indiener (meta, document order), signatory, link targets)
MOTIONS: dict[str, tuple[str, str, str | None, str, list[str]]] = {
    "kst-24587-956": (
        "2024-05-21", "2023-2024", None, "Ellian",
        ["kst-36410-VI-37", "kst-36410-VI-41", "kst-36410-VI-37", "kst-36410-VI-41"],
    ),
    "kst-26150-227": (
        "2025-09-11", "2024-2025", "B.J. Eerdmans", "Paternotte", ["kst-26150-214"],
    ),
    "kst-28844-293": (
        "2025-06-12", "2024-2025", "A. van Waveren", "Dassen", ["kst-35896-12", "kst-35788-143"],
    ),
    "kst-28973-273": (
        "2025-06-19", "2024-2025", "E.C. Vedder", "Grinwis",
        ["kst-35334-383", "kst-35334-348", "kst-35334-309", "kst-30252-184"],
    ),
    "kst-29279-959": (
        "2025-05-28", "2024-2025", "S.M. Beckerman", "Van Nispen", ["kst-34602-3"],
    ),
    "kst-29544-1299": (
        "2025-10-02", "2025-2026", "I.G. Saris", "Flach", ["kst-36546-65", "kst-36410-97"],
    ),
    "kst-31305-495": (
        "2025-04-24", "2024-2025", "I. Kostic", "Grinwis",
        ["kst-36410-A-33", "kst-36625-XII-8", "kst-36600-A-35"],
    ),
    "kst-33529-1329": (
        "2025-09-02", "2024-2025", "T.J. Bushoff", "Beckerman",
        ["kst-33529-1181", "kst-33529-1154", "kst-33529-1182", "kst-36441-24",
         "kst-33529-1295"],
    ),
    "kst-36178-16": (
        "2025-09-02", "2024-2025", "M.H. Bikker", "Diederik van Dijk", ["kst-36178-11"],
    ),
    "kst-36455-11": (
        "2025-09-25", "2025-2026", "R.J. White", "Kathmann",
        ["trb-1988-7", "trb-2018-201", "trb-2023-54"],
    ),
    "kst-36800-57": (
        "2025-09-18", "2025-2026", "Y.J. van Hijum", "Bikker",
        ["kst-36600-XXII-50", "kst-36600-XXII-27"],
    ),
    "kst-36800-IX-29": (
        "2025-10-02", "2025-2026", "D.A. Ergin", "Kostić", ["kst-36725-VIII-11", "kst-31865-173"],
    ),
}


def _motion(kst: str):
    return read_xml(_REALDOCS / f"motiematcher_{kst}.xml")


@pytest.mark.parametrize("kst", sorted(MOTIONS))
def test_real_motion_properties(kst: str) -> None:
    date, vergaderjaar, indiener, signatory, _ = MOTIONS[kst]
    doc = _motion(kst)
    props = doc.properties
    assert doc.format is Format.XML
    assert doc.source.endswith(f"motiematcher_{kst}.xml")
    assert props["kamerstuk"] == kst
    assert props["dossier"] + "-" + props["ondernummer"] == kst.removeprefix("kst-")
    assert props["date"] == date
    assert props["date_evidence"].startswith("Voorgesteld ")
    assert props["vergaderjaar"] == vergaderjaar
    assert props["kind"] == "motie"
    assert props["signatory"] == signatory
    assert props["role"] == "lid Tweede Kamer"
    assert props["stuk_title"].startswith("MOTIE VAN ")
    assert props.get("indieners", "").split("; ")[0] == (indiener or "")
    assert props["signers"].split("; ")[0] == signatory
    assert doc.warnings == ()
    assert doc.footnotes == ()


@pytest.mark.parametrize("kst", sorted(MOTIONS))
def test_real_motion_body_and_links(kst: str) -> None:
    targets = MOTIONS[kst][4]
    doc = _motion(kst)
    texts = [b.text for b in doc.blocks]
    assert [b.kind for b in doc.blocks[:2]] == [H, H]
    assert texts[1] == doc.properties["stuk_title"]
    assert texts[2:4] == ["De Kamer,", "gehoord de beraadslaging,"]
    assert texts[-2] == "en gaat over tot de orde van de dag."
    assert texts[-1] == ", ".join(doc.properties["signers"].split("; "))
    assert all(b.text == b.text.strip() and "  " not in b.text for b in doc.blocks)
    links = [(b, link) for b in doc.blocks for link in b.links]
    assert [link.target for _, link in links] == targets
    for block, link in links:
        span = block.text[link.start : link.end]
        assert link.rule == "xml-extref"
        assert span == span.strip() and span
        assert link.target.rsplit("-", 1)[1] in span  # the ondernummer / volgnummer is shown
    header = [f.text for f in doc.furniture if f.kind is FurnitureKind.HEADER]
    assert header[:2] == [f"Vergaderjaar {MOTIONS[kst][1]}", "Tweede Kamer der Staten-Generaal"]
    date_lines = [f.text for f in doc.furniture if f.kind is FurnitureKind.DATE]
    assert date_lines == [doc.properties["date_evidence"]]


def test_motion_replacing_an_earlier_one() -> None:
    doc = _motion("kst-31305-495")
    props = doc.properties
    assert props["replaces"] == "kst-31305-491"
    assert props["title"].startswith("Gewijzigde motie van het lid Grinwis c.s. over")
    assert props["stuk_title"] == (
        "MOTIE VAN HET LID GRINWIS C.S. TER VERVANGING VAN DIE GEDRUKT ONDER NR. 491"
    )
    assert props["indieners"] == "I. Kostic; H.E. de Hoop; E.C. Vedder; P.A. Grinwis"
    assert props["date_evidence"] == "Voorgesteld 24 april 2025"
    assert props["dossier_title"] == "Mobiliteitsbeleid"
    assert doc.blocks[0].text == "Mobiliteitsbeleid"
    assert doc.blocks[-1].text == "Grinwis, Vedder, De Hoop, Kostić"
    block = doc.blocks[6]
    spans = [block.text[x.start : x.end] for x in block.links]
    assert spans == ["36 410A, nr. 33", "36 625-XII, nr. 8"]
    assert all("replaces" not in _motion(k).properties for k in ("kst-26150-227", "kst-36178-16"))


def test_motion_with_budget_chapter() -> None:
    props = _motion("kst-36800-IX-29").properties
    assert (props["kamerstuk"], props["dossier"], props["ondernummer"]) == (
        "kst-36800-IX-29", "36800-IX", "29",
    )
    # The source writes "Ergin." with a stray full stop; the signer list does not keep it.
    assert props["signers"].endswith("; Bromet; Ergin")


def test_motion_with_treaty_links_in_dossier_title() -> None:
    doc = _motion("kst-36455-11")
    assert doc.properties["dossier"] == "36455"  # the rijkswet number (R2188) is not part of it
    title = doc.blocks[0]
    assert title.kind is H and title.text.startswith("Goedkeuring van het op 28 januari 1981")
    assert [title.text[x.start : x.end] for x in title.links] == [
        "Trb. 1988, 7", "Trb. 2018, 201", "Trb. 2023, 54",
    ]
    items = [b.text for b in doc.blocks if b.kind is L]
    assert len(items) == 3
    assert items[0] == (
        "– te komen tot een gedragen plan om binnen enkele jaren de privacybescherming in het "
        "hele Koninkrijk op een gelijkwaardig niveau te brengen;"
    )


def test_motion_list_with_references() -> None:
    doc = _motion("kst-33529-1329")
    items = [b for b in doc.blocks if b.kind is L]
    assert len(items) == 5
    first = items[0]
    assert first.text.startswith("– de motie op stuk nr. 1181 (33 529) om te komen tot")
    assert [(first.text[x.start : x.end], x.target) for x in first.links] == [
        ("1181 (33 529)", "kst-33529-1181"),
    ]
    lead = doc.blocks[6]
    assert (lead.kind, lead.text) == (
        P, "verzoekt de regering aangenomen moties uit te voeren, waaronder:",
    )
    assert doc.blocks[7] is first


def test_motion_several_links_in_one_paragraph() -> None:
    doc = _motion("kst-28973-273")
    block = next(b for b in doc.blocks if len(b.links) == 4)
    assert [block.text[x.start : x.end] for x in block.links] == [
        "35 334, nrs. 383", "348", "309", "30 252, nr. 184",
    ]
    assert "(35 334, nrs. 383, 348 en 309)" in block.text


def test_motion_content_al_groep_is_not_a_signer_list() -> None:
    doc = _motion("kst-29279-959")
    texts = [b.text for b in doc.blocks]
    i = texts.index("verzoekt de regering voorts te bezien of het mandaat van de Autoriteit online")
    assert texts[i + 1].startswith("Terroristisch en Kinderpornografisch Materiaal")
    assert doc.properties["signers"] == "Van Nispen; Dobbe; Beckerman"


def test_motion_without_metadata_builds_the_id() -> None:
    doc = _motion("kst-24587-956")
    props = doc.properties
    assert props["kamerstuk"] == "kst-24587-956"
    assert props["title"] == "MOTIE VAN DE LEDEN ELLIAN EN WILDERS"
    assert "indieners" not in props
    assert props["signers"] == "Ellian; Wilders"
    assert [b.text[:2] for b in doc.blocks if b.kind is L] == ["• "] * 3


# --- a generated KOOP letter -----------------------------------------------------------------

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <meta name="OVERHEIDop.externMetadataRecord" scheme=""
          content="https://zoek.officielebekendmakingen.nl/kst-29544-1158/metadata.xml"/>
  </metadata>
  <kamerstuk>
    <kamerstukkop>
      <tekstregel inhoud="vergaderjaar">Vergaderjaar 2022–2023</tekstregel>
      <tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel>
      <tekstregel inhoud="kamernummer">2</tekstregel>
      <tekstregel inhoud="documenttype">Kamerstukken</tekstregel>
    </kamerstukkop>
    <dossier>
      <dossiernummer><dossiernr>29 544</dossiernr></dossiernummer>
      <titel>Arbeidsmarktbeleid</titel>
    </dossier>
    <stuk>
      <stuknr>Nr. <ondernummer kamer="2">1158</ondernummer></stuknr>
      <titel>BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID</titel>
      <algemeen>
        <adres><al>Aan de Voorzitter van de Tweede Kamer der Staten-Generaal</al></adres>
        <dagtekening>Den Haag, <datum isodatum="2023-03-17">17 maart 2023</datum></dagtekening>
        <vrije-tekst>
          <tekst status="goed">
            <al>Met deze brief informeer ik uw Kamer over de voortgang van de
              arbeidsmarktagenda<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Kamerstuk
              <extref doc="kst-29544-1085" soort="document">29 544, nr. 1085</extref>.
              </noot.al></noot>, zoals toegezegd in mijn brief van 12 december 2022
              (<extref doc="kst-29544-1085" soort="document" status="actief">Kamerstuk 29 544,
              nr. 1085</extref>).</al>
            <tussenkop>1. Aanleiding</tussenkop>
            <al>De Commissie Regulering van Werk<noot id="n2" type="voet"><noot.nr>2</noot.nr>
              <noot.al>Commissie Regulering van Werk, In wat voor land willen wij werken?,
              januari 2020.</noot.al><noot.al>Zie ook de kabinetsreactie van 10 juni 2022.</noot.al>
              </noot> heeft geadviseerd om <nadruk type="cur">in de kern</nadruk> de balans
              tussen vast en flexibel werk te herstellen.</al>
            <al>Ik neem de volgende maatregelen:</al>
            <lijst type="expliciet">
              <li><li.nr>a.</li.nr><al>de positie van flexwerkers versterken;</al></li>
              <li><li.nr>b.</li.nr><al>het minimumloon verhogen<noot id="n3" type="voet">
                <noot.nr>3</noot.nr><noot.al>Zie <extref soort="URL"
                doc="https://www.rijksoverheid.nl/onderwerpen/minimumloon">rijksoverheid.nl</extref>
                voor de bedragen.</noot.al></noot>.</al></li>
            </lijst>
            <table><tgroup cols="2"><thead><row><entry><al>Maatregel</al></entry>
              <entry><al>Budget</al></entry></row></thead><tbody><row><entry><al>Scholing</al>
              </entry><entry><al>€ 10 mln</al></entry></row></tbody></tgroup></table>
            <tussenkop>2. Vervolg</tussenkop>
            <al>Over de voortgang informeer ik u in het eerste kwartaal van 2024.</al>
          </tekst>
        </vrije-tekst>
        <ondertekening>
          <functie>De Minister van Sociale Zaken en Werkgelegenheid,</functie>
          <naam><voornaam>C.E.G.</voornaam><achternaam>van Gennip</achternaam></naam>
        </ondertekening>
      </algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""

LETTER_BLOCKS = [
    (H, "Arbeidsmarktbeleid"),
    (H, "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID"),
    (P, "Met deze brief informeer ik uw Kamer over de voortgang van de arbeidsmarktagenda, zoals "
        "toegezegd in mijn brief van 12 december 2022 (Kamerstuk 29 544, nr. 1085)."),
    (H, "1. Aanleiding"),
    (P, "De Commissie Regulering van Werk heeft geadviseerd om in de kern de balans tussen vast "
        "en flexibel werk te herstellen."),
    (P, "Ik neem de volgende maatregelen:"),
    (L, "a. de positie van flexwerkers versterken;"),
    (L, "b. het minimumloon verhogen."),
    (P, "Maatregel | Budget"),
    (P, "Scholing | € 10 mln"),
    (H, "2. Vervolg"),
    (P, "Over de voortgang informeer ik u in het eerste kwartaal van 2024."),
    (P, "De Minister van Sociale Zaken en Werkgelegenheid,"),
    (P, "C.E.G. van Gennip"),
]


@pytest.fixture
def letter(tmp_path: Path):
    return read_xml(_write(tmp_path, LETTER, "kst-29544-1158.xml"))


def test_letter_blocks(letter) -> None:
    assert [(b.kind, b.text) for b in letter.blocks] == LETTER_BLOCKS
    assert all(b.page is None for b in letter.blocks)
    assert letter.pages == 1
    assert letter.warnings == ()


def test_letter_footnote_markers(letter) -> None:
    found = [(i, m) for i, b in enumerate(letter.blocks) for m in b.markers]
    assert [(i, m.number, m.raw, m.rule) for i, m in found] == [
        (2, 1, "1", "xml-noot"), (4, 2, "2", "xml-noot"), (7, 3, "3", "xml-noot"),
    ]
    before = [letter.blocks[i].text[: m.offset] for i, m in found]
    assert before[0].endswith("de arbeidsmarktagenda")
    assert before[1] == "De Commissie Regulering van Werk"
    assert before[2] == "b. het minimumloon verhogen"


def test_letter_footnotes(letter) -> None:
    notes = letter.footnotes
    assert [(n.number, n.text, n.page) for n in notes] == [
        (1, "Kamerstuk 29 544, nr. 1085.", None),
        (2, "Commissie Regulering van Werk, In wat voor land willen wij werken?, januari 2020. "
            "Zie ook de kabinetsreactie van 10 juni 2022.", None),
        (3, "Zie rijksoverheid.nl voor de bedragen.", None),
    ]
    assert [(notes[0].text[x.start : x.end], x.target) for x in notes[0].links] == [
        ("29 544, nr. 1085", "kst-29544-1085"),
    ]
    assert notes[1].links == ()
    assert [(notes[2].text[x.start : x.end], x.target) for x in notes[2].links] == [
        ("rijksoverheid.nl", "https://www.rijksoverheid.nl/onderwerpen/minimumloon"),
    ]


def test_letter_links(letter) -> None:
    block = letter.blocks[2]
    assert [(block.text[x.start : x.end], x.target, x.rule) for x in block.links] == [
        ("Kamerstuk 29 544, nr. 1085", "kst-29544-1085", "xml-extref"),
    ]
    assert sum(len(b.links) for b in letter.blocks) == 1


def test_letter_properties(letter) -> None:
    assert letter.properties == {
        "kamerstuk": "kst-29544-1158",
        "dossier": "29544",
        "ondernummer": "1158",
        "vergaderjaar": "2022-2023",
        "date": "2023-03-17",
        "date_evidence": "Den Haag, 17 maart 2023",
        "kind": "kamerbrief",
        "title": "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID",
        "dossier_title": "Arbeidsmarktbeleid",
        "stuk_title": "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID",
        "signatory": "C.E.G. van Gennip",
        "role": "Minister van Sociale Zaken en Werkgelegenheid",
        "kamer": "Tweede Kamer der Staten-Generaal",
    }


def test_letter_furniture(letter) -> None:
    assert [(f.kind, f.text) for f in letter.furniture] == [
        (FurnitureKind.HEADER, "Vergaderjaar 2022–2023"),
        (FurnitureKind.HEADER, "Tweede Kamer der Staten-Generaal"),
        (FurnitureKind.HEADER, "2"),
        (FurnitureKind.HEADER, "Kamerstukken"),
        (FurnitureKind.LETTERHEAD, "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
        (FurnitureKind.DATE, "Den Haag, 17 maart 2023"),
    ]


def _stuk(body: str, meta: str = "", titel: str = "BRIEF VAN DE MINISTER VAN FINANCIËN") -> str:
    return (
        f"<officiele-publicatie><metadata>{meta}</metadata><kamerstuk><dossier><dossiernummer>"
        "<dossiernr>21 501-07</dossiernr>"
        f"</dossiernummer><titel>Raad voor Economische en Financiële Zaken</titel></dossier><stuk>"
        f"<stuknr>Nr. <ondernummer>1990</ondernummer></stuknr><titel>{titel}</titel>"
        f"<algemeen><vrije-tekst><tekst>{body}</tekst></vrije-tekst></algemeen></stuk></kamerstuk>"
        "</officiele-publicatie>"
    )


def test_non_numeric_footnote_marker_is_numbered_by_order(tmp_path: Path) -> None:
    body = (
        '<al>Eerste<noot type="voet"><noot.nr>*</noot.nr><noot.al>Ster.</noot.al></noot> en '
        'tweede<noot id="x2" type="voet"><noot.nr>2</noot.nr><noot.al>Twee.</noot.al></noot>; '
        'nogmaals<nootref refid="x2"/>.</al>'
    )
    doc = read_xml(_write(tmp_path, _stuk(body)))
    block = doc.blocks[-1]
    assert block.text == "Eerste en tweede; nogmaals."
    assert [(m.offset, m.number, m.raw) for m in block.markers] == [
        (6, 1, "*"), (16, 2, "2"), (26, 2, "2"),
    ]
    assert [(n.number, n.text) for n in doc.footnotes] == [(1, "Ster."), (2, "Twee.")]
    assert doc.warnings == ("footnote marker '*' is not a number; numbered 1 by its order",)
    props = doc.properties
    assert (props["kamerstuk"], props["dossier"], props["kind"]) == (
        "kst-21501-07-1990", "21501-07", "kamerbrief",
    )
    assert "date" not in props and "vergaderjaar" not in props


def test_issued_date_and_other_kind(tmp_path: Path) -> None:
    meta = (
        '<meta name="DC.identifier" content="kst-21501-07-1990"/>'
        '<meta name="DCTERMS.issued" content="2023-06-01"/>'
        '<meta name="OVERHEIDop.vergaderjaar" content="2022–2023"/>'
    )
    doc = read_xml(_write(tmp_path, _stuk("<al>Tekst.</al>", meta, titel="VERSLAG")))
    props = doc.properties
    assert (props["date"], props["date_evidence"]) == ("2023-06-01", "DCTERMS.issued 2023-06-01")
    assert (props["kind"], props["vergaderjaar"]) == ("other", "2022-2023")
    assert "role" not in props and "signatory" not in props


def test_motion_signatory_from_title_without_name_list(tmp_path: Path) -> None:
    xml = _stuk("<al>verzoekt de regering iets,</al>", titel="MOTIE VAN HET LID VAN NISPEN C.S.")
    props = read_xml(_write(tmp_path, xml)).properties
    assert (props["kind"], props["signatory"], props["role"]) == (
        "motie", "Van Nispen", "lid Tweede Kamer",
    )
    assert "signers" not in props


# --- bad input -------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(EmptyFile):
        read_xml(_write(tmp_path, b""))


def test_malformed_xml_names_line_and_column(tmp_path: Path) -> None:
    xml = "<officiele-publicatie>\n  <kamerstuk>\n  </officiele-publicatie>\n"
    with pytest.raises(MalformedXml) as info:
        read_xml(_write(tmp_path, xml))
    assert type(info.value) is MalformedXml
    assert re.search(r"mismatched tag: line 3, column \d+", str(info.value))


def test_truncated_xml(tmp_path: Path) -> None:
    with pytest.raises(MalformedXml, match=r"line \d+, column \d+"):
        read_xml(_write(tmp_path, LETTER[: len(LETTER) // 2]))


@pytest.mark.parametrize(
    ("xml", "root"),
    [
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
         "<rss>"),
        ("<foo/>", "<foo>"),
        ("<officiele-publicatie><metadata/><handelingen/></officiele-publicatie>",
         "<officiele-publicatie/handelingen>"),
    ],
)
def test_other_schema_is_unsupported(tmp_path: Path, xml: str, root: str) -> None:
    with pytest.raises(UnsupportedXml) as info:
        read_xml(_write(tmp_path, xml))
    assert root in str(info.value)


def test_doctype_with_entities_is_refused(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE officiele-publicatie [<!ENTITY l0 "lol">{lol}]>\n'
        "<officiele-publicatie><kamerstuk><stuk><al>&l9;</al></stuk></kamerstuk>"
        "</officiele-publicatie>"
    )
    with pytest.raises(MalformedXml, match=r"DOCTYPE.*line 2, column 0"):
        read_xml(_write(tmp_path, xml))
