from hypothesis import given
from hypothesis import strategies as st

from galleyproof.lsp.positions import UTF8, UTF16, UTF32, Positions, units


def test_a_character_outside_the_bmp_is_two_utf16_units():
    text = "🎉 teh\r\nsecond ‘line’\rthird"
    p = Positions(text)
    assert p.position(text.index("teh")) == (0, 3)
    assert p.position(text.index("line")) == (1, 8)
    assert p.position(text.index("third")) == (2, 0)
    assert p.offset(0, 3) == text.index("teh")
    assert Positions(text, UTF8).position(text.index("teh")) == (0, 5)
    assert Positions(text, UTF32).position(text.index("teh")) == (0, 2)


def test_positions_past_a_line_or_the_text_are_clamped():
    text = "ab\ncd"
    p = Positions(text)
    assert p.offset(0, 99) == 2
    assert p.offset(7, 0) == len(text)
    assert p.offset(0, -1) == 0
    assert p.position(99) == (1, 2)


def test_inside_a_surrogate_pair_is_the_character_start():
    text = "x🎉y"
    assert Positions(text).offset(0, 2) == 1
    assert Positions(text).offset(0, 3) == 2


@given(st.text(alphabet=st.sampled_from("ab é🎉\n\r"), max_size=40), st.sampled_from([UTF8, UTF16, UTF32]))
def test_offsets_round_trip(text, encoding):
    p = Positions(text, encoding)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n is no position of its own
        line, character = p.position(offset)
        assert p.offset(line, character) == offset
        assert character == units(text[p.starts[line] : offset], encoding)
