"""Writing what python-docx has no call for, the way Word writes it (for the .docx import tests)."""

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn


def add_link(paragraph, url: str, text: str) -> None:
    """A hyperlink run and its relationship, written by hand."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def define_list(document, abstract_id: int, levels: list[tuple[str, int]], restart_never: tuple[int, ...] = ()) -> None:
    """A numbering definition (w:abstractNum) written as Word writes one: per level its numFmt and w:start;
    levels in *restart_never* carry w:lvlRestart 0 (they go on counting under a new outer item)."""
    written = []
    for index, (number_format, start) in enumerate(levels):
        text = "•" if number_format == "bullet" else f"%{index + 1}."
        restart = '<w:lvlRestart w:val="0"/>' if index in restart_never else ""
        written.append(f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/>{restart}<w:numFmt w:val="{number_format}"/>'
                       f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                       f'<w:pPr><w:ind w:left="{720 * (index + 1)}" w:hanging="360"/></w:pPr></w:lvl>')
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    definition = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                           f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(written)}</w:abstractNum>')
    if first_num is not None:
        first_num.addprevious(definition)  # every w:abstractNum comes before the first w:num
    else:
        numbering.append(definition)


def list_instance(document, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> None:
    """A w:num using a definition; *start_overrides* (level → number) is Word's "Restart numbering" / "Set value"."""
    overrides = "".join(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for level, start in (start_overrides or {}).items())
    document.part.numbering_part.element.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))


def list_paragraph(document, text: str, num_id: int, level: int = 0):
    """A paragraph numbered by the list instance *num_id* at *level* (0 is the outermost), as Word writes it."""
    paragraph = document.add_paragraph(text, style="List Paragraph")
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        numbering.append(element)
    properties.append(numbering)
    return paragraph
