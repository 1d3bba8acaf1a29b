"""A stream whose data ends in CR (0x0D) is still read at its true length: about one compressed stream in
256 ends so, and a bare LF before `endstream` would make a validator read CR LF as the end-of-line marker
and the data as one byte short of /Length (PDF/A-2b rule PDFA2B-STREAM-LENGTH-001)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import page
import pikepdf
from reportlab.pdfgen.canvas import Canvas

from brief.pdf.document import Metadata
from brief.pdf.finish import finish
from brief.pdf.tagging import Node


def content_ending_in_cr() -> bytes:
    """Page content whose Flate-compressed bytes end in 0x0D: a comment made longer until they do."""
    for n in range(5000):
        content = b"BT /F1 12 Tf 72 720 Td (stream end) Tj ET\n%" + b"x" * n + b"\n"
        if zlib.compress(content)[-1:] == b"\r":
            return content
    raise AssertionError("no such content among 5000")


def pdf_with_content(content: bytes) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, "stream end")
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        pdf.pages[0].obj.Contents = pdf.make_stream(zlib.compress(content), Filter=pikepdf.Name.FlateDecode)
        out = io.BytesIO()
        pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()


def streams_ending_in_cr(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            repr(obj.objgen)
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.read_raw_bytes()[-1:] == b"\r"
        ]


def test_the_forced_stream_really_ends_in_cr() -> None:
    assert streams_ending_in_cr(pdf_with_content(content_ending_in_cr()))


def test_finishing_leaves_no_stream_whose_end_a_validator_misreads(tmp_path: Path) -> None:
    content = content_ending_in_cr()
    finished = finish(pdf_with_content(content), Node("Document"), Metadata("t", "a", "s", [], "c", "en", "2025-01-01"))
    assert b"\r\nendstream" not in finished
    with pikepdf.open(io.BytesIO(finished)) as pdf:
        assert pdf.pages[0].Contents.read_bytes() == content  # the page draws exactly what it did
    target = tmp_path / "finished.pdf"
    target.write_bytes(finished)
    report = page.validate_pdf(str(target), profile="2b")
    assert not [f.rule_id for f in report.failures if "STREAM" in f.rule_id]
