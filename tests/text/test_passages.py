"""A paragraph too long for one passage (a file with no line breaks) is cut into bounded
passages that still map every character back exactly."""

from galleyproof.text.paragraphs import MAX_PASSAGE_CHARS, iter_passages

SENTENCE = "It was on a dreary night of November that I beheld the _accomplishment_ of my toils. "


def _check_tiling(text):
    """Every passage is bounded, maps back exactly, and the passages cover the text in order,
    leaving out only spaces (between passages, or line breaks made one space) and italic marks."""
    covered = []
    for p in iter_passages(text):
        assert 0 < len(p.text) <= MAX_PASSAGE_CHARS
        assert len(p.origin) == len(p.text)
        for ch, i in zip(p.text, p.origin, strict=True):
            assert ch == text[i] or (ch == " " and text[i].isspace())
        assert not p.text[0].isspace() and not p.text[-1].isspace()
        covered.extend(p.origin)
    assert covered == sorted(set(covered))
    left_out = set(range(len(text))) - set(covered)
    assert all(text[i].isspace() or text[i] == "_" for i in left_out)
    return list(iter_passages(text))


def test_a_huge_paragraph_is_cut_at_sentence_ends_into_bounded_passages():
    text = SENTENCE * 2_000  # 170,000 characters, no line break
    passages = _check_tiling(text)
    assert len(passages) >= len(text) // MAX_PASSAGE_CHARS
    assert all(p.text.endswith("toils.") for p in passages)
    assert all(len(p.text) > MAX_PASSAGE_CHARS // 2 for p in passages[:-1])


def test_a_paragraph_without_sentence_ends_is_cut_at_spaces_and_a_run_of_letters_at_the_limit():
    words = "word " * 10_000 + "\n" + "x" * 40_000 + "é" * 3
    passages = _check_tiling(words.strip())
    assert all(p.text.endswith("word") for p in passages if "x" not in p.text)


def test_line_breaks_at_a_cut_and_crlf_keep_offsets_exact():
    text = ("Short line one.\r\nShort line two!\n" * 1_500) + "\n\nA last paragraph.\r\n"
    passages = _check_tiling(text)
    assert passages[-1].text == "A last paragraph."


def test_a_paragraph_within_the_limit_is_one_passage_as_before():
    text = SENTENCE * (MAX_PASSAGE_CHARS // len(SENTENCE))
    assert len(list(iter_passages(text))) == 1
