"""Generate realistic letter PDFs (and broken ones) for the PDF reader's tests.

Paragraph strings carry inline codes: "[^3]" is rendered as a raised, smaller superscript
footnote marker "3"; "[_2]" as smaller digits on the baseline (not a marker: "CO[_2]"); "[-]"
forces a line break with a hyphen ("migratieach[-]tergrond" prints "migratieach-" at a line end
and "tergrond" on the next line). A paragraph starting with "# " is a bold heading; a paragraph
"\f" starts a new page. Lines are wrapped here (not by reportlab) so tests know what the reader
must undo.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

LAYOUTS = ("rijksoverheid", "kamerstuk", "plain")
_CODE = re.compile(r"\[\^(\d+)\]|\[_(\d+)\]|\[-\]")


@dataclass(frozen=True)
class LetterSpec:
    """The content of a generated letter."""

    subject: str
    date: str
    paragraphs: tuple[str, ...]
    footnotes: dict[int, str] = field(default_factory=dict)
    signatory: tuple[str, ...] = ()
    reference: str = "2021-0000181230"
    ministry: tuple[str, ...] = ("Ministerie van Sociale Zaken en", "Werkgelegenheid")
    dossier_title: str = "Arbeidsmarktbeleid"
    footer: str = "Tweede Kamer, vergaderjaar 2022–2023, 29 544, nr. 1158"
    # Footnotes printed with only their first two lines on the marker's page, the rest continuing
    # at the top of the next page's footnote zone.
    split_footnotes: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Style:
    x: float
    width: float
    first_top: float  # baseline of the first body line on page 1 (from the page top)
    top: float  # ... on later pages
    bottom: float  # lowest baseline of the footnote zone (from the page top)
    font: str
    size: float
    leading: float
    fn_size: float
    fn_leading: float
    fn_superscript: bool  # footnote numbers raised and small, or in the footnote font
    rule: bool  # a short rule above the footnote zone


_STYLES = {
    "rijksoverheid": _Style(79, 320, 330, 150, 782, "Helvetica", 9.5, 13.5, 7, 9, True, True),
    "kamerstuk": _Style(70, 455, 190, 80, 772, "Times-Roman", 10, 13, 8, 10, False, True),
    "plain": _Style(72, 450, 120, 72, 780, "Helvetica", 10, 14, 8, 10, True, False),
}
_BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}
_MARGIN_X = 470.0
_H = A4[1]


@dataclass
class _Token:
    runs: list[tuple[str, str]]  # (text, "" | "sup" | "small")
    markers: list[int]
    break_after: bool = False


@dataclass
class _Page:
    ops: list[tuple] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (number or "", text)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for word in text.split():
        token = _Token([], [])
        pos = 0
        for m in _CODE.finditer(word):
            if m.start() > pos:
                token.runs.append((word[pos : m.start()], ""))
            if m.group(1):
                token.runs.append((m.group(1), "sup"))
                token.markers.append(int(m.group(1)))
            elif m.group(2):
                token.runs.append((m.group(2), "small"))
            else:  # forced hyphen break: close this token, continue in a new one
                token.runs.append(("-", ""))
                token.break_after = True
                out.append(token)
                token = _Token([], [])
            pos = m.end()
        if pos < len(word):
            token.runs.append((word[pos:], ""))
        if token.runs:
            out.append(token)
    return out


def _width(token: _Token, font: str, size: float) -> float:
    return sum(stringWidth(t, font, size * 0.6 if kind else size) for t, kind in token.runs)


def wrap(text: str, font: str, size: float, width: float) -> list[list[_Token]]:
    """Greedy line wrapping that honours forced "[-]" breaks."""
    lines: list[list[_Token]] = [[]]
    used = 0.0
    space = stringWidth(" ", font, size)
    for token in _tokens(text):
        w = _width(token, font, size)
        if lines[-1] and used + space + w > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + w
        lines[-1].append(token)
        if token.break_after:
            lines.append([])
            used = 0.0
    return [line for line in lines if line]


def _draw_line(
    ops: list[tuple], line: list[_Token], x: float, y: float, font: str, size: float
) -> None:
    """Emit draw ops; spaces are real characters so text extractors see word breaks."""
    buf = ""
    for i, token in enumerate(line):
        if i:
            buf += " "
        for text, kind in token.runs:
            if not kind:
                buf += text
                continue
            ops.append(("text", x, y, font, size, buf))
            x += stringWidth(buf, font, size)
            buf = ""
            raise_by = size * 0.35 if kind == "sup" else 0.0
            ops.append(("text", x, y - raise_by, font, size * 0.6, text))
            x += stringWidth(text, font, size * 0.6)
    if buf:
        ops.append(("text", x, y, font, size, buf))


class _Flow:
    """Places body lines on pages and keeps each page's footnotes with the lines citing them."""

    def __init__(self, spec: LetterSpec, style: _Style) -> None:
        self.spec, self.s = spec, style
        self.pages: list[_Page] = [_Page()]
        self.y = style.first_top
        self.carry: list[tuple[str, str]] = []

    def zone_height(self, notes: int) -> float:
        return 0.0 if not notes else 8 + notes * self.s.fn_leading

    def note_lines(self, number: int) -> list[tuple[str, str]]:
        s = self.s
        lines = wrap(self.spec.footnotes[number], s.font, s.fn_size, s.width - 10)
        texts = [" ".join("".join(t for t, _ in tok.runs) for tok in ln) for ln in lines]
        return [(str(number) if i == 0 else "", t) for i, t in enumerate(texts)]

    def new_page(self) -> None:
        self.pages.append(_Page(notes=self.carry))
        self.carry = []
        self.y = self.s.top

    def add(self, line: list[_Token], bold: bool = False, gap: float = 0.0) -> None:
        s, page = self.s, self.pages[-1]
        notes = [n for tok in line for n in tok.markers if n in self.spec.footnotes]
        here, later = [], []
        for n in notes:
            lines = self.note_lines(n)
            split = n in self.spec.split_footnotes and len(lines) > 1
            cut = min(2, len(lines) - 1) if split else len(lines)
            if self.carry or later:  # after a split footnote, the next ones follow it
                cut = 0
            here += lines[:cut]
            later += lines[cut:]
        y = self.y + (gap if page.ops else 0.0)
        if y > s.bottom - self.zone_height(len(page.notes) + len(here)):
            self.new_page()
            page, y = self.pages[-1], self.y
        font = _BOLD[s.font] if bold else s.font
        _draw_line(page.ops, line, s.x, y, font, s.size)
        page.notes += here
        self.carry += later
        self.y = y + s.leading

    def paragraph(self, text: str, gap: float) -> None:
        bold = text.startswith("# ")
        lines = wrap(text.removeprefix("# "), self.s.font, self.s.size, self.s.width)
        for i, line in enumerate(lines):
            self.add(line, bold=bold, gap=gap if i == 0 else 0.0)

    def finish(self) -> list[_Page]:
        if self.carry:
            self.new_page()
        return self.pages


def _prelude(spec: LetterSpec, layout: str) -> list[str]:
    if layout == "kamerstuk":
        return [
            f"# 29 544 {spec.dossier_title}",
            "# Nr. 1158 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID",
            "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
            f"Den Haag, {spec.date}",
        ]
    if layout == "plain":
        return [f"# {spec.subject}", f"Den Haag, {spec.date}"]
    return []


def _draw_notes(c: Canvas, page: _Page, s: _Style) -> None:
    if not page.notes:
        return
    top = s.bottom - (len(page.notes) - 1) * s.fn_leading
    if s.rule:
        c.setLineWidth(0.5)
        c.line(s.x, _H - (top - s.fn_leading - 1), s.x + 90, _H - (top - s.fn_leading - 1))
    for i, (number, text) in enumerate(page.notes):
        y = _H - (top + i * s.fn_leading)
        if number and s.fn_superscript:
            c.setFont(s.font, s.fn_size * 0.7)
            c.drawString(s.x, y + s.fn_size * 0.35, number)
        elif number:
            c.setFont(s.font, s.fn_size)
            c.drawString(s.x, y, number)
        c.setFont(s.font, s.fn_size)
        c.drawString(s.x + 10, y, text)


def _margin(c: Canvas, lines: list[tuple[str, bool]], top: float) -> None:
    for i, (text, bold) in enumerate(lines):
        if text:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 6.5)
            c.drawString(_MARGIN_X, _H - (top + i * 9), text)


def _rijksoverheid_page(c: Canvas, spec: LetterSpec, number: int, total: int) -> None:
    if number == 1:
        c.setFont("Helvetica-Bold", 10)
        for i, text in enumerate(spec.ministry):
            c.drawString(79, _H - (60 + i * 12), text)
        c.setFont("Helvetica", 6)
        c.drawString(79, _H - 150, "> Retouradres Postbus 90801 2509 LV Den Haag")
        c.setFont("Helvetica", 9.5)
        address = (
            "De voorzitter van de Tweede Kamer",
            "der Staten-Generaal",
            "Prinses Irenestraat 6",
            "2595 BD Den Haag",
        )
        for i, text in enumerate(address):
            c.drawString(79, _H - (170 + i * 13.5), text)
        sender = [
            "Postbus 90801",
            "2509 LV Den Haag",
            "Parnassusplein 5",
            "T 070 333 44 44",
            "www.rijksoverheid.nl",
            "",
        ]
        _margin(
            c,
            [(t, False) for t in sender] + [("Onze referentie", True), (spec.reference, False)],
            150,
        )
        _label(c, "Datum", [spec.date], 265)
        _label(c, "Betreft", _subject_lines(spec.subject), 282)
    else:
        _margin(
            c,
            [
                ("Datum", True),
                (spec.date, False),
                ("", False),
                ("Onze referentie", True),
                (spec.reference, False),
            ],
            150,
        )
    _margin(c, [(f"Pagina {number} van {total}", False)], 805)


def _subject_lines(subject: str) -> list[str]:
    lines = wrap(subject, "Helvetica", 9.5, 260)
    return [" ".join("".join(t for t, _ in tok.runs) for tok in ln) for ln in lines]


def _label(c: Canvas, label: str, values: list[str], top: float) -> None:
    c.setFont("Helvetica", 7)
    c.drawString(79, _H - top, label)
    c.setFont("Helvetica", 9.5)
    for i, value in enumerate(values):
        c.drawString(135, _H - (top + i * 13.5), value)


def _kamerstuk_page(c: Canvas, spec: LetterSpec, number: int) -> None:
    c.setFont("Times-Italic", 8)
    c.drawString(70, _H - 40, spec.dossier_title)
    c.setFont("Times-Roman", 8)
    c.drawString(70, _H - 815, spec.footer)
    c.drawRightString(525, _H - 815, str(number))


def make_letter_pdf(path: Path, letter: LetterSpec, layout: str = "rijksoverheid") -> int:
    """Write `letter` as a PDF in one of LAYOUTS; returns the page count."""
    style = _STYLES[layout]
    flow = _Flow(letter, style)
    blocks = _prelude(letter, layout) + list(letter.paragraphs)
    for i, text in enumerate(blocks):
        if text == "\f":
            flow.new_page()
            continue
        flow.paragraph(text, gap=style.leading * 0.8 if i else 0.0)
    for i, text in enumerate(letter.signatory):
        flow.paragraph(text, gap=style.leading * 0.8 if i == 0 else 0.0)
    pages = flow.finish()
    c = Canvas(str(path), pagesize=A4)
    for number, page in enumerate(pages, start=1):
        for _, x, y, font, size, text in page.ops:
            c.setFont(font, size)
            c.drawString(x, _H - y, text)
        _draw_notes(c, page, style)
        if layout == "rijksoverheid":
            _rijksoverheid_page(c, letter, number, len(pages))
        elif layout == "kamerstuk":
            _kamerstuk_page(c, letter, number)
        c.showPage()
    c.save()
    return len(pages)


# --- sample content ---------------------------------------------------------------------------

SAMPLE_FOOTNOTES = {
    1: "Kamerstuk 29 544, nr. 1085.",
    2: (
        "Hieronder vallen volgens de nu gehanteerde definitie van het CBS: personen waarvan ten "
        "minste één van de ouders is geboren in één van de landen in Afrika, Latijns-Amerika en "
        "Azië (exclusief Indonesië en Japan) of Turkije, die zelf in het buitenland zijn geboren "
        "(de eerste generatie) of die in Nederland zijn geboren (de tweede generatie). Ten tijde "
        "van de start van het programma was dit de afbakening van de doelgroep."
    ),
    3: "CBS, 2022, Werkloosheid naar migratieachtergrond, eerste kwartaal.",
    4: "Kamerstukken II 2020/21, 32 824, nr. 319.",
    5: "Sociaal-Economische Raad (2019), Diversiteit in de top: tijd voor versnelling.",
}

SAMPLE_PARAGRAPHS = (
    "Geachte voorzitter,",
    "Bij aanvang van het programma Verdere Integratie op de Arbeidsmarkt (VIA)[^1] in 2018 "
    "schreef de minister van Sociale Zaken en Werkgelegenheid uw Kamer dat burgers met een "
    "niet-westerse migratieach[-]tergrond structureel een slechtere arbeidsmarktpositie "
    "hebben.[^2] Dit ondanks krapte op de arbeidsmarkt en vaak ook ondanks kwalificaties die "
    "gelijkwaardig zijn aan die van Nederlanders zonder migratieachtergrond. Werk is voor "
    "iedereen een ticket naar economische zelfstandigheid en naar meedoen in de samenleving.",
    "De werkloosheid bij mensen met een migratieachtergrond blijft ook in het eerste kwartaal "
    "van 2022 hoog, namelijk 7,0 procent ten opzichte van 2,9 procent bij mensen zonder "
    "migratieachtergrond[^3]. Het verschil is statistisch significant en is helaas ongeveer "
    "gelijk gebleven sinds 2006. Juist in tijden van lage werkloosheid en arbeidskrapte baart "
    "mij dit zorgen. Onderzoek door praktijktests laat objectief zien dat studenten met een "
    "migratieachtergrond last hebben van discrimi[-]natie bij het vinden van een stageplek.",
    "Binnen het programma werken wij samen met de G4, de VNG, Divosa, het UWV en de sociale "
    "partners. Samen met werkgevers, gemeenten, opleiders en maatschappelijke organisaties "
    "werk ik de komende tijd aan het wegnemen van obstakels bij het begeleiden van "
    "statushouders naar werk. Ik hecht grote waarde aan het creëren van volwaardige en "
    "duurzame posities op de arbeidsmarkt voor iedereen, want op de arbeidsmarkt komen veel "
    "aspecten van integratie samen, zoals taal, opleiding en sociale netwerken.",
    "# Motie-Van Baarle/Simons",
    "De motie van de leden Van Baarle (Denk) en Simons (Bij1)[^4] verzoekt het kabinet om te "
    "voorkomen dat de ongelijkheid tussen burgers met en zonder migratieachtergrond op de "
    "arbeidsmarkt verder groeit als gevolg van de coronacrisis. Inmiddels zijn in alle regio's "
    "mobiliteitsteams actief, waarin werkgeversorganisaties, vakbonden, UWV, gemeenten, "
    "onderwijs en SBB samenwerken en gebruik maken van elkaars dienstverlening. Afhankelijk van "
    "de behoeften en de arbeidsmarktpositie kan voor mensen met een migratieachtergrond worden "
    "ingezet op acties die extra effectief zijn gebleken voor deze groep, zoals maatwerk in "
    "begeleiding, matching en extra taaltraining.",
    "Sociale partners en maatschappelijke organisaties stonden uitgebreid stil bij de vraag hoe "
    "zij de culturele diversiteit die Nederland rijk is beter tot haar recht kunnen laten komen, "
    "in alle geledingen van de arbeidsmarkt.[^5] Bovendien werd tijdens de coronacrisis "
    "zichtbaar dat burgers met een migratieachtergrond kwetsbaarder zijn bij een crisis of een "
    "neerwaartse conjunctuur. Tegen die achtergrond heeft het programma zich onderscheiden door "
    "inzichten te genereren in wat bewezen werkt. Daardoor kunnen steeds meer partijen gaan "
    "inzetten op wat effectief is om gelijke kansen voor mensen met een migratieachtergrond op "
    "de arbeidsmarkt zo duurzaam mogelijk te bevorderen.",
    "Het programma heeft een bijdrage geleverd op vier hoofdpunten: beter inzicht in wat in de "
    "praktijk werkt, een bredere voorhoede die laat zien dat het kan, een basis voor verdere "
    "opschaling van bewezen effectieve acties en meer mogelijkheden om te meten hoe de "
    "arbeidsmarktpositie van burgers met een migratieachtergrond zich ontwikkelt. In het "
    "voorjaar van 2022 informeer ik uw Kamer over de voortgang van de opvolging van het "
    "programma en over de resultaten van de lopende praktijkpilots in de regio's.",
    "Werkgevers die investeren in een inclusieve organisatiecultuur zien dat dit loont: "
    "medewerkers blijven langer, het verloop daalt en de organisatie sluit beter aan bij de "
    "samenleving waarvoor zij werkt. Met de uitkomsten van de pilots en de monitor kunnen "
    "gemeenten en werkgevers hun aanpak de komende jaren verder verbeteren.",
    "Ten slotte vraag ik aandacht voor de mensen die al een baan hebben, maar die werken onder "
    "hun niveau. Het gaat er niet om dat we allemaal precies hetzelfde krijgen, maar dat "
    "iedereen naar vermogen mee kan doen en waar nodig een extra zetje of kans krijgt. Soms is "
    "het nodig dat er maatwerk wordt geboden, juist om te zorgen dat iedereen gelijkwaardige "
    "kansen krijgt. Ongelijkwaardige kansen op de arbeidsmarkt gaan mij aan het hart, omdat "
    "zij mensen de kans ontnemen om zich te ontplooien en een zelfstandig bestaan op te bouwen "
    "en daarmee mee te doen in de maatschappij. Over de uitkomsten van de verkenning naar een "
    "landelijke aanpak informeer ik uw Kamer voor het zomerreces van 2022.",
)


def sample_letter(repeat: int = 1) -> LetterSpec:
    """A letter of 2-3 pages (more with `repeat`) exercising markers, breaks and furniture."""
    # Later copies carry no markers, so every footnote is cited once.
    copies = SAMPLE_PARAGRAPHS[1:] * (repeat - 1)
    body = SAMPLE_PARAGRAPHS + tuple(re.sub(r"\[\^\d+\]", "", p) for p in copies)
    return LetterSpec(
        subject="Uitkomsten, afronding en vervolg van het programma Verdere Integratie op de "
        "Arbeidsmarkt (VIA)",
        date="17 november 2021",
        paragraphs=body,
        footnotes=SAMPLE_FOOTNOTES,
        signatory=("De minister van Sociale Zaken en Werkgelegenheid,", "W. Koolmees"),
        split_footnotes=frozenset({2}),
    )


# --- bad input --------------------------------------------------------------------------------


def make_encrypted_pdf(path: Path, password: str = "geheim") -> None:
    """A PDF that needs a user password to open."""
    c = Canvas(str(path), pagesize=A4, encrypt=StandardEncryption(password, ownerPassword="eig"))
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Vertrouwelijke brief aan de Tweede Kamer.")
    c.save()


def make_scanned_pdf(path: Path, pages: int = 2) -> None:
    """A PDF whose pages hold only drawn shapes (like a scan), no text layer."""
    c = Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        c.setFillGray(0.2)
        for row in range(40):
            for col in range(6):
                c.rect(72 + col * 75, 760 - row * 16, 60 - (row * 7 + col * 11) % 25, 8, fill=1)
        c.showPage()
    c.save()


def make_truncated_pdf(path: Path) -> None:
    """A real letter PDF cut off halfway, like an interrupted download."""
    make_letter_pdf(path, sample_letter(), "plain")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_corrupt_pdf(path: Path, size: int = 4096) -> None:
    """Random bytes under a .pdf name (seeded, so tests are repeatable)."""
    path.write_bytes(random.Random(size).randbytes(size))


def plain_text(paragraph: str) -> str:
    """A paragraph as the reader should give it back: codes resolved, markers taken out."""
    text = re.sub(r"\[\^\d+\]", "", paragraph.removeprefix("# ")).replace("[-]", "")
    return re.sub(r"\[_(\d+)\]", r"\1", text)
