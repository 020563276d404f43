"""Building blocks of the generated HTML templates, shared by every form's writer."""

from __future__ import annotations

import html

from ..typesetting import tie


def escape(text: str) -> str:
    """Wording as HTML text, its no-break spaces set: the law's own "<", "&" and quotes stay what they are."""
    return html.escape(tie(text), quote=False)


def annex_html(lines: list[str]) -> str:
    """The annex reference set flush right ("Annex 2 to the Rules …"), a paragraph a line."""
    return '<div class="annex">' + "".join(f"<p>{escape(line)}</p>" for line in lines) + "</div>"


def page_html(lang: str, title: str, content: list[str], landscape: bool = False) -> str:
    """A template filling the blocks of _document.html: its language, page, title and content, a block a line."""
    head = ['{% extends "_document.html" %}', f"{{% block lang %}}{lang}{{% endblock %}}"]
    if landscape:
        head.append("{% block page %}landscape{% endblock %}")
    head += [f"{{% block title %}}{escape(title)}{{% endblock %}}", "{% block content %}"]
    return "\n".join([*head, *content, "{% endblock %}"]) + "\n"
