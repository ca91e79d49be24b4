"""Named errors for input that cannot be read; each message says what is wrong and what to do."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested. `problem` says what is wrong, `advice` what to do."""

    def __init__(self, problem: str, advice: str = "") -> None:
        self.problem = problem
        self.advice = advice
        super().__init__(f"{problem}; {advice}" if advice else problem)

    def __reduce__(self) -> tuple:
        # Subclasses take other arguments than (problem, advice); rebuild from the message so
        # errors raised in worker processes survive pickling with their class.
        return (_rebuild, (type(self), self.problem, self.advice))


def _rebuild(cls: type[IngestError], problem: str, advice: str) -> IngestError:
    error = cls.__new__(cls)
    IngestError.__init__(error, problem, advice)
    return error


class EmptyFile(IngestError):
    def __init__(self) -> None:
        super().__init__("the file is empty (0 bytes)", "check the export or download")


class BinaryFile(IngestError):
    def __init__(self, what: str = "binary data") -> None:
        super().__init__(
            f"the file holds {what}, not text",
            "give a .txt file with text, or the original PDF or XML with its real extension",
        )


class EncodingError(IngestError):
    def __init__(self, position: int, guess: str) -> None:
        super().__init__(
            f"the text is not UTF-8 (invalid byte at offset {position}); it looks like {guess}",
            f"convert it (iconv -f {guess} -t utf-8) or run with --encoding {guess}",
        )


class NotInEncoding(IngestError):
    def __init__(self, encoding: str, position: int) -> None:
        super().__init__(
            f"the text is neither UTF-8 nor {encoding} (invalid byte at offset {position})",
            "find out how it was saved (file -i NAME), then convert it to UTF-8 or run with "
            "that --encoding",
        )


class CorruptPdf(IngestError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"the PDF is damaged or truncated ({detail})",
            "download the PDF again or repair it (e.g. qpdf in.pdf out.pdf)",
        )


class EncryptedPdf(IngestError):
    def __init__(self) -> None:
        super().__init__(
            "the PDF is encrypted with a password",
            "remove the password (qpdf --decrypt) and ingest the decrypted copy",
        )


class NoTextLayer(IngestError):
    def __init__(self, pages: int) -> None:
        super().__init__(
            f"the PDF has no text layer ({pages} page(s) without text; a scan?)",
            "run OCR first (e.g. ocrmypdf -l nld in.pdf out.pdf)",
        )


class MalformedXml(IngestError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"the XML is not well-formed ({detail})", "download the XML again")


class UnsupportedXml(IngestError):
    def __init__(self, root: str) -> None:
        super().__init__(
            f"the XML is of an unknown schema (root element <{root}>)",
            "give official KOOP Kamerstuk XML (<officiele-publicatie>/<kamerstuk>)",
        )


class UnsupportedFormat(IngestError):
    def __init__(self, suffix: str) -> None:
        super().__init__(
            f"unsupported file type {suffix!r}",
            "give .txt (text extracted from a PDF), .pdf or .xml files",
        )
