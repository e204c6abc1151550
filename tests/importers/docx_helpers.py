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


def define_list(document, abstract_id: int, levels: list[tuple], restart_never: tuple[int, ...] = (),
                legal: tuple[int, ...] = (), pictures: tuple[int, ...] = (), styles: dict[int, str] | None = None) -> None:
    """A numbering definition (w:abstractNum) written as Word writes one: per level its numFmt, w:start and,
    when given as a third value, its w:lvlText ("%1.%2."; else "%n." or "•"); levels in *restart_never* carry
    w:lvlRestart 0 (they go on counting under a new outer item), in *legal* w:isLgl (figures throughout),
    in *pictures* a picture bullet; *styles* links a level to a paragraph style id (w:pStyle), as Word's
    "Link level to style" does."""
    written = []
    for index, (number_format, start, *text) in enumerate(levels):
        text = text[0] if text else "•" if number_format == "bullet" else f"%{index + 1}."
        restart = '<w:lvlRestart w:val="0"/>' if index in restart_never else ""
        style = f'<w:pStyle w:val="{(styles or {})[index]}"/>' if index in (styles or {}) else ""
        legal_mark = "<w:isLgl/>" if index in legal else ""
        picture = '<w:lvlPicBulletId w:val="0"/>' if index in pictures else ""
        written.append(f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
                       f'{restart}{style}{legal_mark}<w:lvlText w:val="{text}"/>{picture}<w:lvlJc w:val="left"/>'
                       f'<w:pPr><w:ind w:left="{720 * (index + 1)}" w:hanging="360"/></w:pPr></w:lvl>')
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    definition = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                           f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(written)}</w:abstractNum>')
    if first_num is not None:
        first_num.addprevious(definition)  # every w:abstractNum comes before the first w:num
    else:
        numbering.append(definition)


def number_style(document, style_name: str, num_id: int, level: int | None = None) -> None:
    """Number every paragraph of a paragraph style (Heading 1…) through list *num_id*, as Word writes it in
    styles.xml; without *level* the style names no w:ilvl (Word's way for the top level)."""
    properties = document.styles[style_name].element.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        if value is not None:
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(value))
            numbering.append(element)
    before = [child for child in properties if child.tag in
              {qn(f"w:{name}") for name in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}]
    if before:
        before[-1].addnext(numbering)  # w:numPr's place in the style's paragraph properties
    else:
        properties.insert(0, numbering)


def number_paragraph(paragraph, num_id: int, level: int = 0):
    """Give *paragraph* a w:numPr of its own (numId 0 takes away the numbering its style gives)."""
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        numbering.append(element)
    properties.append(numbering)
    return paragraph


def list_instance(document, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> None:
    """A w:num using a definition; *start_overrides* (level → number) is Word's "Restart numbering" / "Set value"."""
    overrides = "".join(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for level, start in (start_overrides or {}).items())
    document.part.numbering_part.element.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))


def list_paragraph(document, text: str, num_id: int, level: int = 0):
    """A paragraph numbered by the list instance *num_id* at *level* (0 is the outermost), as Word writes it."""
    return number_paragraph(document.add_paragraph(text, style="List Paragraph"), num_id, level)
