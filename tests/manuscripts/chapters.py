"""Real-looking chapters for the reader tests, each with markup around prose with slips in it."""

MARKDOWN = """\
---
title: The Crossing
tags: [draft, teh]
---

# Chapter One

## Notes to self

The crew are good fellows, though rough in there manners. See the [harbour chart](https://example.org/teh/harbour_map.pdf "teh map") for the route, and run `git commit -am "teh"` before bed.

> It was the the coldest night of the year, she wrote, and i could not sleep.
> The captain said we would sail before noon.

- Their is much to be done before then.
- Pack the **oilskins** and the *lantern*.

```
teh code block is never checked
```

<div class="aside">Some HTML teh aside</div>

Visit https://www.example.com/teh/path or <https://teh.example.com> for more.[^teh]

<!-- galleyproof: ignore -->
This paragrph has teh slip, ignored on purpose.

[^teh]: The footnote has a freinds typo.
"""

LATEX = r"""\documentclass{book}
\usepackage[utf8]{inputenc}
\begin{document}

\chapter{The Crossing}\label{ch:teh}

The crew are good fellows, though rough in there manners, as \textit{Johnson} noted~\cite{teh1999}.
It was the the coldest night of the year, and i could not sleep (see Chapter~\ref{teh:harbour}).

The equation $teh = mc^2$ was on the captain's slate, and
\begin{equation}
  teh = \frac{d}{t}
\end{equation}
was below it.\footnote{Their is a freinds typo in this note.}

\begin{verbatim}
teh verbatim block is never checked
\end{verbatim}

% galleyproof: ignore
This paragrph has teh slip, ignored on purpose.

\section{Morning}
``Wake up,'' she said---and he did. % teh in a comment
\end{document}
"""

#: The prose a reader sees in each, as plain text.
MARKDOWN_PROSE = [
    "The crew are good fellows, though rough in there manners.",
    "It was the the coldest night of the year, she wrote, and i could not sleep.",
    "Their is much to be done before then.",
    "The footnote has a freinds typo.",
]
LATEX_PROSE = [
    "The crew are good fellows, though rough in there manners, as Johnson noted",
    "It was the the coldest night of the year, and i could not sleep",
    "Their is a freinds typo in this note.",
]
