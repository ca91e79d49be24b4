"""Motions named in letters and motion documents: key, members, parties, reference, stance.

The seed truth below was written by reading corpus/00x by hand: every "motie" in the five seeds
is listed (anaphoric "deze motie" names no motion and is not), with the Kamerstuk that the
adjacent footnote or parenthesis gives.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from seedletters import SEEDS, letter_from, seed

from ingest.models import Letter, MotionMention
from ingest.motions import extract_motions
from ingest.nlp import LetterContext
from ingest.pipeline import read_letter

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REALDOCS = ROOT / "tests" / "fixtures" / "realdocs"




@cache
def motion_doc(kst: str) -> Letter:
    return read_letter(REALDOCS / f"motiematcher_{kst}.xml", knowledge=False)


def motions(letter: Letter) -> tuple[MotionMention, ...]:
    return extract_motions(LetterContext.of(letter))




def row(m: MotionMention) -> tuple:
    return (m.key, m.name, m.members, m.parties, m.reference, m.stance, m.text)


# --- the seeds ------------------------------------------------------------------------------
# (key, name, members, parties, reference, stance, text as written)

SEED_TRUTH: dict[str, list[tuple]] = {
    "000": [],  # "een toezegging aan het Lid Becker (VVD)" is a person, not a motion
    "001": [],
    "002": [
        ("kst-32824-419", "Motie-Ergin", ("Ergin",), (), "kst-32824-419", "invulling",
         "de motie Ergin"),
    ],
    "003": [
        ("kst-32824-341", "Motie-Ceder", ("Ceder",), (), "kst-32824-341", "reactie",
         "de motie van het lid Ceder (Kamerstuk 32 824, nr. 341)"),
        ("kst-32825-372", "Motie-Aartsen", ("Aartsen",), (), "kst-32825-372", "verzocht",
         "de Motie van het lid Aartsen"),
        ("kst-32825-372", "Motie-Aartsen", ("Aartsen",), (), None, "verzocht",
         "de eerdergenoemde Motie Aartsen"),
    ],
    "004": [
        ("kst-35420-300", "Motie-Van Baarle/Simons", ("Van Baarle", "Simons"), (), None,
         "uitvoering", "de Motie-Van Baarle/Simons"),
        ("kst-35420-300", "Motie-Van Baarle/Simons", ("Van Baarle", "Simons"), (), None, None,
         "Motie-Van Baarle/Simons"),
        ("kst-35420-300", "Motie-Van Baarle/Simons", ("Van Baarle", "Simons"), ("DENK", "BIJ1"),
         "kst-35420-300", None, "De motie van de leden Van Baarle (Denk) en Simons (Bij1)"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SEED_TRUTH))
def test_seed_motions(name: str) -> None:
    assert [row(m) for m in motions(seed(name))] == SEED_TRUTH[name]


def test_footnote_of_a_letter_in_the_same_sentence_is_not_the_motions() -> None:
    # "de Motie-Van Baarle/Simons, zoals toegezegd in de Kamerbrief …⁸": footnote 8 is the letter.
    first = motions(seed("004"))[0]
    assert first.reference is None
    assert "kst-32824-328" not in {m.key for m in motions(seed("004"))}


def test_parenthesis_wins_over_the_footnote_after_it() -> None:
    # "(Kamerstuk 32 824, nr. 341)¹⁴": footnote 14 cites the reply letter (nr. 370).
    ceder = motions(seed("003"))[0]
    assert (ceder.reference, ceder.rule) == ("kst-32824-341", "motion-members+citation")


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_spans_and_sentences_point_into_the_text(name: str) -> None:
    letter = seed(name)
    for m in motions(letter):
        assert letter.text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        assert 0 < m.confidence <= 1


# --- real motion documents (official XML) ---------------------------------------------------
# (key, rule, members, reference, stance, text)

XML_TRUTH: dict[str, list[tuple]] = {
    "kst-31305-495": [
        ("kst-31305-495", "motion-document", ("Grinwis", "Vedder", "De Hoop", "Kostić"),
         "kst-31305-495", None, "MOTIE VAN HET LID GRINWIS C.S."),
        ("kst-31305-491", "motion-replaced", (), "kst-31305-491", "vervangen",
         "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 491"),
        ("kst-36410-A-33", "motion-eponym+citation", ("De Hoop",), "kst-36410-A-33", None,
         "de motie-De Hoop c.s. (36 410A, nr. 33)"),
        ("kst-36625-XII-8", "motion-eponym+citation", ("Olger van Dijk",), "kst-36625-XII-8",
         None, "de motie-Olger van Dijk c.s.(36 625-XII, nr. 8)"),
        ("kst-36600-A-35", "motion-eponym+citation", ("Olger van Dijk",), "kst-36600-A-35",
         "uitvoering", "de motie-Olger van Dijk c.s. (36 600-A, nr. 35)"),
    ],
    "kst-33529-1329": [
        ("kst-33529-1329", "motion-document", ("Beckerman", "Bushoff"), "kst-33529-1329", None,
         "MOTIE VAN DE LEDEN BECKERMAN EN BUSHOFF"),
        ("kst-33529-1181", "motion-number", (), "kst-33529-1181", None,
         "de motie op stuk nr. 1181 (33 529)"),
        ("kst-33529-1154", "motion-number", (), "kst-33529-1154", None,
         "de motie op stuk nr. 1154 (33 529)"),
        ("kst-33529-1182", "motion-number", (), "kst-33529-1182", None,
         "de motie op stuk nr. 1182 (33 529)"),
        ("kst-36441-24", "motion-number", (), "kst-36441-24", None,
         "de motie op stuk nr. 24 (36 441)"),
        ("kst-33529-1295", "motion-number", (), "kst-33529-1295", None,
         "de motie op stuk nr. 1295 (33 529)"),
    ],
    "kst-28844-293": [
        ("kst-28844-293", "motion-document", ("Dassen", "Van Waveren"), "kst-28844-293", None,
         "MOTIE VAN DE LEDEN DASSEN EN VAN WAVEREN"),
        ("kst-35896-12", "motion-eponym+citation", ("Dassen",), "kst-35896-12", None,
         "de motie-Dassen c.s. (35 896, nr. 12)"),
        ("kst-35788-143", "motion-eponym+citation", ("Dassen", "Omtzigt"), "kst-35788-143", None,
         "de motie-Dassen/Omtzigt (35 788, nr. 143)"),
    ],
    "kst-29544-1299": [
        ("kst-29544-1299", "motion-document", ("Flach", "Ceder", "Saris"), "kst-29544-1299", None,
         "MOTIE VAN HET LID FLACH C.S."),
        ("kst-36546-65", "motion-eponym+citation", ("Stoffer",), "kst-36546-65", None,
         "de aangenomen motie-Stoffer c.s. (36 546, nr. 65)"),
        ("kst-36410-97", "motion-eponym+citation", ("Flach",), "kst-36410-97", None,
         "de aangenomen motie-Flach c.s. (36 410, nr. 97)"),
    ],
    "kst-24587-956": [
        ("kst-24587-956", "motion-document", ("Ellian", "Wilders"), "kst-24587-956", None,
         "MOTIE VAN DE LEDEN ELLIAN EN WILDERS"),
        # The amendment "op stuk nr. 37" next to it is not a motion.
        ("kst-36410-VI-41", "motion-number", (), "kst-36410-VI-41", None,
         "de motie op stuk nr. 41 (36 410 VI)"),
        ("kst-36410-VI-41", "motion-number", (), "kst-36410-VI-41", None,
         "de motie op stuk nr. 41 (36 410 VI)"),
    ],
    "kst-36178-16": [
        ("kst-36178-16", "motion-document", ("Diederik van Dijk", "Bikker"), "kst-36178-16", None,
         "MOTIE VAN DE LEDEN DIEDERIK VAN DIJK EN BIKKER"),
    ],
    # "het amendement te lezen als een motie": no motion is named.
    "kst-36800-IX-29": [
        ("kst-36800-IX-29", "motion-document",
         ("Kostić", "Graus", "Eerdmans", "Holman", "Beckerman", "Dassen", "Bromet", "Ergin"),
         "kst-36800-IX-29", None, "MOTIE VAN HET LID KOSTIĆ C.S."),
    ],
}  # fmt: skip


@pytest.mark.parametrize("kst", sorted(XML_TRUTH))
def test_motion_documents(kst: str) -> None:
    found = [
        (m.key, m.rule, m.members, m.reference, m.stance, m.text) for m in motions(motion_doc(kst))
    ]
    assert found == XML_TRUTH[kst]


@pytest.mark.parametrize(
    ("kst", "name"),
    [
        ("kst-31305-495", "Motie-Grinwis c.s."),
        ("kst-28844-293", "Motie-Dassen/Van Waveren"),
        ("kst-36178-16", "Motie-Diederik van Dijk/Bikker"),
        ("kst-36455-11", "Motie-Kathmann/White"),
    ],
)
def test_the_motion_a_document_is_is_named_the_kamer_way(kst: str, name: str) -> None:
    own = motions(motion_doc(kst))[0]
    assert (own.name, own.key, own.confidence) == (name, kst, 1.0)


def test_every_real_motion_document_yields_itself_first() -> None:
    for path in sorted(REALDOCS.glob("motiematcher_kst-*.xml")):
        letter = read_letter(path, knowledge=False)
        found = motions(letter)
        assert found[0].key == letter.metadata.kamerstuk, path.name
        assert found[0].rule == "motion-document"
        assert all(letter.text[m.start : m.end] == m.text for m in found)


MOTION_AS_TEXT = """Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2023–2024

36 410 XV Vaststelling van de begrotingsstaten van het Ministerie van Sociale Zaken

Nr. 42 MOTIE VAN DE LEDEN TIELEN EN VAN KENT
Voorgesteld 14 november 2023

De Kamer,

gehoord de beraadslaging,

constaterende dat de motie-Kuiken/Ploumen (36 200 XV, nr. 18) is aangenomen;

verzoekt de regering de kinderopvang te verbeteren,

en gaat over tot de orde van de dag.

Tielen
Van Kent

Tweede Kamer, vergaderjaar 2023–2024, 36 410 XV, nr. 42 1
"""


def test_a_motion_from_pdf_text_with_one_signer_per_line() -> None:
    found = motions(letter_from(MOTION_AS_TEXT))
    assert [(m.key, m.name, m.members, m.rule, m.confidence, m.text) for m in found] == [
        ("kst-36410-XV-42", "Motie-Tielen/Van Kent", ("Tielen", "Van Kent"), "motion-document",
         0.8, "MOTIE VAN DE LEDEN TIELEN EN VAN KENT"),
        ("kst-36200-XV-18", "Motie-Kuiken/Ploumen", ("Kuiken", "Ploumen"),
         "motion-eponym+citation", 0.85, "de motie-Kuiken/Ploumen (36 200 XV, nr. 18)"),
    ]  # fmt: skip


# --- letters written here -------------------------------------------------------------------

BRIEF_TEXT = """Datum 3 maart 2025
Betreft Voortgang kinderopvang

Met deze brief geef ik uitvoering aan de motie van het lid Jansen (GL-PvdA) over de toegankelijkheid van de kinderopvang.¹ Eerder vroeg de Kamer in de motie-Kuiken/Ploumen om een verkenning. Hiermee beschouw ik de motie van de leden Bikker en Omtzigt als afgedaan. Naast deze motie is er meer te doen.

De Minister van Buitenlandse Handel en Ontwikkelingshulp,

R.J. Klever

¹ Kamerstukken II 2024/25, 36 600 XV, nr. 12
"""


def test_the_brief_letter() -> None:
    assert [row(m) for m in motions(letter_from(BRIEF_TEXT))] == [
        ("kst-36600-XV-12", "Motie-Jansen", ("Jansen",), ("GL-PvdA",), "kst-36600-XV-12",
         "uitvoering", "de motie van het lid Jansen (GL-PvdA)"),
        ("motie:kuiken-ploumen", "Motie-Kuiken/Ploumen", ("Kuiken", "Ploumen"), (), None, None,
         "de motie-Kuiken/Ploumen"),
        ("motie:bikker-omtzigt", "Motie-Bikker/Omtzigt", ("Bikker", "Omtzigt"), (), None,
         "afgedaan", "de motie van de leden Bikker en Omtzigt"),
    ]  # fmt: skip


def test_a_marker_later_in_the_sentence_counts_with_lower_confidence() -> None:
    jansen = motions(letter_from(BRIEF_TEXT))[0]
    assert jansen.rule == "motion-members+footnote-in-sentence"
    assert jansen.confidence < 0.9


LNV_TEXT = """Datum 12 juni 2024
Betreft Reactie op moties over mestbeleid

Ter uitvoering van de gewijzigde motie van het lid Van der Plas (BBB) c.s. (Kamerstuk 35 334, nr. 270) heb ik de provincies gevraagd om een plan. In reactie op de motie-Grinwis/Van Campen¹ stuur ik u de verkenning. Zoals gevraagd in de motie van de leden Bromet (GroenLinks) en Boswijk (CDA) overleg ik met de sector. Over de motie-Tielen, zoals toegezegd in mijn brief van 3 maart,² informeer ik u later. De motie (Kamerstuk 35 334, nr. 281) is hiermee uitgevoerd. Met de nieuwe regeling geef ik invulling aan de motie-Bromet/Boswijk.

De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,

M.H. Wiersma

¹ Kamerstukken II 2023/24, 35 334, nr. 275
² Kamerstuk 35 334, nr. 262
"""


def test_other_wording_and_another_ministry() -> None:
    assert [row(m) for m in motions(letter_from(LNV_TEXT))] == [
        ("kst-35334-270", "Motie-Van der Plas c.s.", ("Van der Plas",), ("BBB",), "kst-35334-270",
         "uitvoering",
         "de gewijzigde motie van het lid Van der Plas (BBB) c.s. (Kamerstuk 35 334, nr. 270)"),
        ("kst-35334-275", "Motie-Grinwis/Van Campen", ("Grinwis", "Van Campen"), (),
         "kst-35334-275", "reactie", "de motie-Grinwis/Van Campen"),
        ("motie:bromet-boswijk", "Motie-Bromet/Boswijk", ("Bromet", "Boswijk"), ("GL", "CDA"), None,
         "verzocht", "de motie van de leden Bromet (GroenLinks) en Boswijk (CDA)"),
        # Footnote 2 is the minister's own letter ("zoals toegezegd in mijn brief"), not the motion.
        ("motie:tielen", "Motie-Tielen", ("Tielen",), (), None, None, "de motie-Tielen"),
        ("kst-35334-281", "Motie 35334, nr. 281", (), (), "kst-35334-281", "uitvoering",
         "De motie (Kamerstuk 35 334, nr. 281)"),
        ("motie:bromet-boswijk", "Motie-Bromet/Boswijk", ("Bromet", "Boswijk"), (), None,
         "invulling", "de motie-Bromet/Boswijk"),
    ]  # fmt: skip


SHARED_TEXT = """Datum 1 oktober 2024
Betreft Voortgang schuldhulp

Motie-Bikker/Ceder

De motie van de leden Bikker (ChristenUnie) en Ceder (CU)¹ vraagt om een plan. In deze brief geef ik invulling aan de Motie-Bikker/Ceder. De motie van het lid Bikker over huurschulden is nog niet uitgevoerd.

De Staatssecretaris van Sociale Zaken en Werkgelegenheid,

J.N.J. Nobel

¹ Kamerstukken II 2023/24, 24 515, nr. 700
"""


def test_same_members_share_the_kamerstuk_key_other_members_do_not() -> None:
    found = motions(letter_from(SHARED_TEXT))
    assert [(m.key, m.reference, m.parties, m.stance) for m in found] == [
        ("kst-24515-700", None, (), None),
        ("kst-24515-700", "kst-24515-700", ("CU",), None),
        ("kst-24515-700", None, (), "invulling"),
        ("motie:bikker", None, (), None),  # one member is another motion
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Ik kom terug op de ingediende motie van het lid Tielen.",
         "de ingediende motie van het lid Tielen"),
        ("Over de eerder aangehouden motie-Tielen c.s. later meer.",
         "de eerder aangehouden motie-Tielen c.s."),
        ("Zie de voornoemde motie Tielen.", "de voornoemde motie Tielen"),
        ("Dit volgt uit de aangenomen motie Tielen over de wachttijden.",
         "de aangenomen motie Tielen"),
    ],
)  # fmt: skip
def test_phrase_text_as_written(sentence: str, text: str) -> None:
    (found,) = motions(letter_from(f"Betreft Test\n\n{sentence}\n"))
    assert (found.text, found.members) == (text, ("Tielen",))


def test_footnote_text_with_a_motion_and_its_citation() -> None:
    text = (
        "Datum 5 mei 2023\nBetreft Stikstof\n\nIk ga in op de vragen van uw Kamer.¹\n\n"
        "De Minister voor Natuur en Stikstof,\n\nC. van der Wal-Zeggelink\n\n"
        "¹ Motie van het lid Omtzigt c.s., Kamerstuk 35 510, nr. 20\n"
    )
    found = motions(letter_from(text))
    assert [(m.key, m.name, m.text) for m in found] == [
        ("kst-35510-20", "Motie-Omtzigt c.s.", "Motie van het lid Omtzigt c.s."),
    ]


@pytest.mark.parametrize(
    ("sentence", "stances"),
    [
        ("Hiermee beschouw ik de motie-Tielen als afgedaan.", ["afgedaan"]),
        ("Als afgedaan beschouw ik daarmee de motie-Tielen.", ["afgedaan"]),
        ("De motie-Tielen is nog niet afgedaan.", [None]),
        ("Ik geef geen invulling aan de motie-Tielen.", [None]),
        ("De motie-Tielen is nog niet uitgevoerd.", [None]),
        ("De motie-Tielen wordt dit jaar uitgevoerd.", ["uitvoering"]),
        ("Met deze brief geef ik gevolg aan de motie-Tielen.", ["uitvoering"]),
        ("Ter uitvoering van de motie-Tielen start ik een pilot.", ["uitvoering"]),
        ("Zoals verzocht in de motie-Tielen stuur ik u de evaluatie.", ["verzocht"]),
        ("Ik reageer hiermee op de motie-Tielen.", ["reactie"]),
        ("De motie-Tielen vraagt om een evaluatie.", [None]),
        ("Nu de motie-Tielen is afgedaan, ga ik in op de motie-Van Dijk.", ["afgedaan", None]),
    ],
)
def test_stance(sentence: str, stances: list[str | None]) -> None:
    found = motions(letter_from(f"Betreft Test\n\n{sentence}\n"))
    assert [m.stance for m in found] == stances


@pytest.mark.parametrize(
    "sentence",
    [
        "Naast deze motie is er meer te doen.",
        "Het amendement op stuk nr. 37 (36 410 VI) is aangenomen.",
        "De Kamer nam vorig jaar drie moties aan.",
        "Hier geldt de motivatie van de leden.",
    ],
)
def test_no_motion_is_named(sentence: str) -> None:
    assert motions(letter_from(f"Betreft Test\n\n{sentence}\n")) == ()


@pytest.mark.parametrize(
    ("body", "stances"),
    [
        # follow-up sentences about "deze motie" / "de motie" / "die motie" carry the stance
        ("De motie van het lid Bikker verzoekt de regering om een meldplicht. "
         "Met de nieuwe regeling geef ik invulling aan deze motie.", ["invulling"]),
        ("De motie-Bikker/Van der Plas vraagt om een meldplicht. Ik voer deze motie uit.",
         ["uitvoering"]),
        ("De motie-Bikker vraagt om een meldplicht. Daarmee is aan de motie voldaan en "
         "beschouw ik de motie als afgedaan.", ["afgedaan"]),
        ("De motie-Bikker vraagt om een meldplicht. Ik voer deze motie niet uit.", [None]),
        # an intro "reactie" gives way to a later, more decisive stance on a later mention
        ("Ook reageer ik op de motie van het lid Bikker.\n\nMotie-Bikker\n\n"
         "De motie van het lid Bikker vraagt om een meldplicht. Met de regeling voer ik die "
         "motie uit.", ["reactie", None, "uitvoering"]),
        # a named stance is overruled by a more decisive follow-up
        ("Met de regeling is uitvoering gegeven aan de motie-Bikker. Ik beschouw deze motie "
         "daarmee als afgedaan.", ["afgedaan"]),
        # the follow-up belongs to the motion named last
        ("De motie-Bikker vraagt om een meldplicht. De motie-Eerdmans vraagt om een register. "
         "Ik voer deze motie uit.", [None, "uitvoering"]),
        # two passages on: no longer about that motion
        ("De motie-Bikker vraagt om een meldplicht.\n\nEen tweede alinea.\n\n"
         "Ik voer deze motie uit.", [None]),
    ],
)  # fmt: skip
def test_stance_from_follow_up_sentences(body: str, stances: list[str | None]) -> None:
    found = motions(letter_from(f"Betreft Test\n\n{body}\n"))
    assert [m.stance for m in found] == stances
