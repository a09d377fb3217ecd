"""Turn saved pages and Markdown into the plain text the pipeline reads.

HTML goes through trafilatura (main text without boilerplate, plus the page's
date); Markdown through markdown-it-py's token stream, so links, emphasis and
raw HTML vanish while paragraphs and list items keep their own lines (the
commitments component gives one commitment per bullet).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

__all__ = ["PageText", "html_to_text", "markdown_to_text"]

_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u2060]+")
_MD = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class PageText:
    """Main text of a page and the publication date its metadata gives, if any."""

    text: str
    date: str | None = None
    title: str | None = None


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> PageText:
    """Main text of an HTML page or fragment, with its date from the page's metadata."""
    import trafilatura  # imported here: a heavy import only HTML input needs

    if not markup or not markup.strip():
        return PageText("")
    try:
        doc = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError):
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        # trafilatura gives up on tiny fragments: fall back to stripping tags.
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
        text = re.sub(r"<br\s*/?>|</p>|</li>|</h\d>|</div>", "\n", text, flags=re.I)
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    date = getattr(doc, "date", None) if doc is not None else None
    title = getattr(doc, "title", None) if doc is not None else None
    return PageText(_tidy(text), date or None, title or None)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown body: one paragraph per block, "- " before list items."""
    out: list[str] = []
    depth = 0
    for tok in _MD.parse(markdown or ""):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "inline":
            parts: list[str] = []
            for child in tok.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "softbreak":
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
                elif child.type == "image":
                    continue
            line = "".join(parts).strip()
            if line:
                out.append(("- " if depth else "") + line)
        elif tok.type in ("code_block", "fence"):
            out.append(tok.content.strip())
    return _tidy("\n\n".join(re.sub(r"<[^>]+>", "", p) for p in out))
