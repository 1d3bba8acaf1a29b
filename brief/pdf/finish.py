"""Tagged PDF, second half: the structure tree, metadata and colour profile that make it PDF/UA-1 and PDF/A-2b.

ReportLab writes the pages with marked content (see tagging.py); pikepdf then adds what ReportLab cannot:
StructTreeRoot with a ParentTree, Link elements for every link annotation, XMP metadata declaring both
standards, an sRGB OutputIntent, and ToUnicode maps without U+0000 entries.
"""

from __future__ import annotations

import io
import re
from importlib.resources import files
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from brief.content.markup import escape
from brief.languages import Locale
from brief.pdf.document import Metadata
from brief.pdf.tagging import Marked, Node


def finish(data: bytes, tree: Node, meta: Metadata) -> bytes:
    """The PDF `data` with its structure tree, XMP, OutputIntent and fixes for PDF/UA-1 and PDF/A-2b."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _StructureWriter(pdf, meta.locale).write(tree)
        _mark_annotations(pdf)
        _fix_to_unicode(pdf)
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.Lang = String(meta.language)
        pdf.Root.OutputIntents = Array([_output_intent(pdf)])
        pdf.Root.Metadata = pdf.make_stream(_xmp(meta).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)
        return _without_cr_stream_ends(_save(pdf))


def _save(pdf: pikepdf.Pdf, **options: Any) -> bytes:
    out = io.BytesIO()
    settings: dict[str, Any] = {"compress_streams": True, "object_stream_mode": pikepdf.ObjectStreamMode.generate}
    pdf.save(out, deterministic_id=True, min_version="1.7", **(settings | options))
    return out.getvalue()


def _without_cr_stream_ends(data: bytes) -> bytes:
    """`data`, its streams written so that none ends in CR before the LF that precedes `endstream`.

    qpdf ends every stream's data with a bare LF. When the data itself ends in CR (about one compressed
    stream in 256), a validator reads CR LF as the end-of-line marker and the data as a byte short. Such a
    stream is wrapped in ASCIIHexDecode, whose data ends in '>'; the streams qpdf generates (object and
    cross-reference streams) are left out in the rare file where one of them ends so.
    """
    if b"\r\nendstream" not in data:
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.read_raw_bytes().endswith(b"\r"):
                _hex_wrapped(obj)
        keep = {"stream_decode_level": pikepdf.StreamDecodeLevel.none, "compress_streams": False}
        data = _save(pdf, **keep)
        if b"\r\nendstream" in data:
            data = _save(pdf, **keep, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return data


def _hex_wrapped(stream: pikepdf.Stream) -> None:
    """`stream` with ASCIIHexDecode before its filters: the same data, written as hex digits ending in '>'."""
    filters = stream.get("/Filter")
    chain = [Name.ASCIIHexDecode, *(filters if isinstance(filters, Array) else [filters] if filters else [])]
    parms = stream.get("/DecodeParms")
    raw = stream.read_raw_bytes()
    chained = None if parms is None else Array([None, *(parms if isinstance(parms, Array) else [parms])])
    stream.write(raw.hex().encode("ascii") + b">", filter=Array(chain), decode_parms=chained)


def warm_up() -> None:
    """Finish a blank page once, so that the first real finishing in this process pays no first-use costs."""
    blank = pikepdf.new()
    blank.add_blank_page()
    out = io.BytesIO()
    blank.save(out)
    finish(out.getvalue(), Node("Document"), Metadata("", "", "", [], "", "en", "2000-01-01"))


class _StructureWriter:
    """Turns the Tagger's record into StructElem objects, a ParentTree and Link elements."""

    def __init__(self, pdf: pikepdf.Pdf, locale: Locale) -> None:
        self.pdf, self.locale = pdf, locale
        self.pages = [page.obj for page in pdf.pages]
        self.by_page: dict[int, dict[int, Any]] = {i: {} for i in range(len(self.pages))}
        self.boxes: list[tuple[Marked, Any]] = []
        self.ids: list[tuple[str, Any]] = []

    def write(self, tree: Node) -> None:
        root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = self.document = self._element(tree, root)
        root.K = Array([document])
        nums: list[Any] = []
        for index, page in enumerate(self.pages):
            page.StructParents = index
            page.Tabs = Name.S
            marks = self.by_page[index]
            nums += [index, Array([marks[mcid] for mcid in sorted(marks)])]
        key = len(self.pages)
        for index, page in enumerate(self.pages):
            for annot in page.get("/Annots") or []:
                if annot.get("/Subtype") == Name.Link:
                    link = self._link(annot, index)
                    annot.StructParent = key
                    nums += [key, link]
                    key += 1
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = key
        if self.ids:
            root.IDTree = Dictionary(
                Names=Array(
                    [item for pair in sorted(self.ids, key=lambda p: p[0]) for item in (String(pair[0]), pair[1])]
                )
            )
        self.pdf.Root.StructTreeRoot = root

    def _element(self, node: Node, parent: Any) -> Any:
        elem = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, Marked):
                kids.append(Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid))
                self.by_page[kid.page][kid.mcid] = elem
                self.boxes.append((kid, elem))
            elif _has_content(kid):
                kids.append(self._element(kid, elem))
        elem.K = kids
        if node.alt:
            elem.Alt = String(node.alt)
        if node.id:
            elem.ID = String(node.id)
            self.ids.append((node.id, elem))
        if node.scope:
            elem.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
        if node.role == "Figure" and node.kids and isinstance(node.kids[0], Marked):
            elem.A = Dictionary(O=Name.Layout, BBox=Array([round(v, 2) for v in node.kids[0].box]))
        return elem

    def _link(self, annot: Any, page: int) -> Any:
        """A Link element for `annot`, inside the element whose text the link sits on."""
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        holders = [
            (m, e)
            for m, e in self.boxes
            if m.page == page and m.box[0] - 1 <= cx <= m.box[2] + 1 and m.box[1] - 1 <= cy <= m.box[3] + 1
        ]
        area = lambda h: (h[0].box[2] - h[0].box[0]) * (h[0].box[3] - h[0].box[1])  # noqa: E731
        holder = min(holders, key=area)[1] if holders else self.document
        objr = Dictionary(Type=Name.OBJR, Obj=annot, Pg=self.pages[page])
        link = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=holder, K=Array([objr])))
        holder.K.append(link)
        annot.Contents = String(self._describe(annot))
        return link

    def _describe(self, annot: Any) -> str:
        action = annot.get("/A")
        if action is not None and action.get("/URI") is not None:
            return self.locale.text("link_to", url=action.URI)
        dest = annot.get("/Dest")
        if isinstance(dest, Array) and len(dest):
            for number, page in enumerate(self.pages, 1):
                if page.objgen == dest[0].objgen:
                    return self.locale.text("link_to_page", page=number)
        return self.locale.text("link_within")


def _has_content(node: Node) -> bool:
    return any(isinstance(kid, Marked) or _has_content(kid) for kid in node.kids)


def _mark_annotations(pdf: pikepdf.Pdf) -> None:
    """PDF/A wants every annotation printable (flag 4) and none hidden; pages carry no transitions."""
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj.Trans  # ReportLab's empty page-transition dictionary: presentation clutter
        for annot in page.obj.get("/Annots") or []:
            annot.F = 4


_NULL_MAPPING = re.compile(rb"^<[0-9A-Fa-f]+> <0000>\r?\n", re.MULTILINE)
_BFCHAR_COUNT = re.compile(rb"(\d+) beginbfchar")


def _fix_to_unicode(pdf: pikepdf.Pdf) -> None:
    """Drop ReportLab's `<code> <0000>` entries for unused codes, which PDF/UA forbids."""
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) or obj.get("/Type") != Name.Font or "/ToUnicode" not in obj:
            continue
        cmap = obj.ToUnicode.read_bytes()
        cleaned, removed = _NULL_MAPPING.subn(b"", cmap)
        if removed:
            count = int(_BFCHAR_COUNT.search(cleaned)[1]) - removed  # type: ignore[index]
            cleaned = _BFCHAR_COUNT.sub(str(count).encode() + b" beginbfchar", cleaned, count=1)
            obj.ToUnicode.write(cleaned)


def _output_intent(pdf: pikepdf.Pdf) -> Dictionary:
    profile = (files("pikepdf") / "pdfa" / "data" / "sRGB.icc").read_bytes()
    icc = pdf.make_stream(profile, N=3)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String("sRGB"),
        Info=String("sRGB IEC61966-2.1"),
        DestOutputProfile=icc,
    )


def _xmp(meta: Metadata) -> str:
    """XMP declaring PDF/A-2b and PDF/UA-1, agreeing with the Info dictionary."""
    stamp = f"{meta.date}T00:00:00Z"
    e = escape
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{e(meta.language)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{e(", ".join(meta.keywords))}</pdf:Keywords>
<pdf:Producer>{e(meta.creator)}</pdf:Producer>
<xmp:CreatorTool>{e(meta.creator)}</xmp:CreatorTool>
<xmp:CreateDate>{stamp}</xmp:CreateDate>
<xmp:ModifyDate>{stamp}</xmp:ModifyDate>
<xmp:MetadataDate>{stamp}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
