"""HTML to text: the page's main content only (navigation, header, footer, cookie banners,
scripts and forms dropped), one line per block, with headings, list items, table rows and
paragraphs as hints. Parsed with selectolax (the Lexbor HTML5 parser)."""

from __future__ import annotations

import re

from .reading import Document, TextBuilder

_DROP = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
                   "button", "svg", "iframe", "select", "option", "dialog", "head", "title", "meta", "link"})
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"})
_DROP_NAMES = re.compile(r"(?:^|[-_\s])(?:cookies?\w*|gdpr-banner|consent-banner|breadcrumbs?|skip-?link|navbar|"
                         r"navigation|menu|masthead|site-header|site-footer|social-share|share-links)(?:$|[-_\s])", re.I)
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "table", "thead",
                     "tbody", "tfoot", "blockquote", "address", "pre", "figure", "figcaption", "details",
                     "summary", "caption", "body", "html", "hr", "br"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_HINTS = {"li": "item", "tr": "row", "td": "cell", "th": "cell", "p": "paragraph", "dt": "item", "dd": "paragraph"}


def html_document(markup: str, name: str) -> Document:
    """The text of the page's main content and its structure hints."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    root = tree.css_first("main") or tree.css_first("[role=main]") or tree.css_first("article") or tree.body
    title_node = tree.css_first("title")
    builder = TextBuilder()
    if root is not None:
        _Walker(builder).block(root)
    title = " ".join(title_node.text().split()) if title_node is not None else None
    return Document(builder.text(), "text/html", tuple(builder.hints), title or None, name)


class _Walker:
    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.words: list[str] = []

    def flush(self) -> None:
        if self.words:
            self.builder.line("".join(self.words))
            self.words = []

    def block(self, node) -> None:
        """Walk ``node``'s children, closing the current line around each block."""
        child = node.child
        while child is not None:
            self.visit(child)
            child = child.next

    def visit(self, node) -> None:
        tag = node.tag
        if tag == "-text":
            self.words.append(node.text_content or "")
            return
        if tag in _DROP or tag.startswith("-") or _dropped(node):
            return
        level = _HEADINGS.get(tag, 0)
        kind = "heading" if level else _HINTS.get(tag)
        if kind is None and tag not in _BLOCKS:
            self.block(node)  # inline: its words join the current line
            return
        self.flush()
        start = self.builder.mark()
        self.block(node)
        self.flush()
        if kind is not None:
            self.builder.hint(kind, start, level)


def _dropped(node) -> bool:
    attributes = node.attributes
    if (attributes.get("role") or "").lower() in _DROP_ROLES or "hidden" in attributes:
        return True
    if (attributes.get("aria-hidden") or "").lower() == "true":
        return True
    names = " ".join(filter(None, (attributes.get("id"), attributes.get("class"))))
    return bool(names) and _DROP_NAMES.search(names) is not None
