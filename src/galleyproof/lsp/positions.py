"""Offsets into a document (Python `str` indices) <-> LSP positions (line, character).

LSP counts a line's characters in the code units of the encoding agreed at `initialize`:
UTF-16 unless the client offers another (`positionEncoding`). A character outside the
Basic Multilingual Plane (an emoji) is two UTF-16 units, four UTF-8 bytes, one UTF-32 unit;
a Python index counts it once. Lines end at "\\n", "\\r\\n" or "\\r", as the protocol says.
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_END = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units `text` takes in `encoding`."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class Positions:
    """One text's line starts, for converting offsets both ways in `encoding`."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def _line_end(self, line: int) -> int:
        """Where line `line`'s text ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        m = _LINE_END.search(self.text, self.starts[line], end)
        return m.start() if m else end

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of `offset`, counted from 0."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line] : offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of (line, character); past a line's end is its end, past the last line the text's end
        (as the protocol asks), and inside a character's code units is that character's start."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        if self.encoding == UTF32 or self.text[start:end].isascii():
            return min(start + max(character, 0), end)
        count = 0
        for i in range(start, end):
            count += units(self.text[i], self.encoding)
            if count > character:
                return i
        return end
