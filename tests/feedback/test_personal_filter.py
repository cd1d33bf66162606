from galleyproof.feedback.filter import PersonalFilter, match_key
from galleyproof.feedback.store import FeedbackStore, make_decisions
from galleyproof.issues import Issue

TEXT = "Mowgli's brother saw teh wolf, and Baloo sang; teh end."


class Flags:
    """A stand-in detector that flags fixed strings with fixed categories."""

    version = "fake-1"

    def __init__(self, *flags):
        self.flags = flags

    def detect(self, text):
        out = []
        for span, category in self.flags:
            start = text.find(span)
            while start >= 0:
                out.append(Issue(start, start + len(span), category, "?"))
                start = text.find(span, start + 1)
        return sorted(out, key=lambda i: i.start)


def spans(detector, text=TEXT):
    return [(text[i.start : i.end], i.category) for i in detector.detect(text)]


def test_dictionary_words_are_dropped_in_any_form():
    inner = Flags(("Mowgli's", "spelling"), ("Baloo", "capitalization"), ("teh", "spelling"))
    with FeedbackStore() as store:
        store.add_words(["mowgli", "BALOO"])
        f = PersonalFilter.from_store(inner, store)
    assert spans(f) == [("teh", "spelling"), ("teh", "spelling")]


def test_rejected_span_is_dropped_in_other_documents_but_not_other_categories(tmp_path):
    first = "He saw teh wolf."
    issue = Issue(first.index("teh"), first.index("teh") + 3, "spelling", "?")
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(tmp_path / "a.txt", first, [(issue, "rejected", None)]))
        f = PersonalFilter.from_store(Flags(("teh", "spelling"), ("wolf", "spelling"), ("sang", "grammar")), store)
    assert spans(f) == [("wolf", "spelling"), ("sang", "grammar")]
    assert spans(PersonalFilter.from_store(Flags(("teh", "grammar")))) == [("teh", "grammar")] * 2


def test_accepted_decisions_change_nothing(tmp_path):
    issue = Issue(TEXT.index("teh"), TEXT.index("teh") + 3, "spelling", "?")
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(tmp_path / "a.txt", TEXT, [(issue, "accepted", None)]))
    inner = Flags(("teh", "spelling"))
    f = PersonalFilter.from_store(inner)
    assert spans(f) == spans(inner)
    assert f.version == "fake-1"  # an empty filter is the model itself


def test_version_names_the_filter():
    with FeedbackStore() as store:
        store.add_words(["Baloo"])
    version = PersonalFilter.from_store(Flags()).version
    assert version.startswith("fake-1+filter-")
    with FeedbackStore() as store:
        store.add_words(["Mowgli"])
    assert PersonalFilter.from_store(Flags()).version not in (version, "fake-1")


def test_latest_verdict_wins(tmp_path):
    issue = Issue(TEXT.index("teh"), TEXT.index("teh") + 3, "spelling", "?")
    inner = Flags(("teh", "spelling"))
    with FeedbackStore() as store:
        for verdict in ("rejected", "accepted"):
            store.add_decisions(make_decisions(tmp_path / "a.txt", TEXT, [(issue, verdict, None)]))
        assert spans(PersonalFilter.from_store(inner, store)) == spans(inner)
        store.add_decisions(make_decisions(tmp_path / "a.txt", TEXT, [(issue, "rejected", None)]))
        assert spans(PersonalFilter.from_store(inner, store)) == []


def test_a_rejected_mark_is_remembered_with_its_neighbours(tmp_path):
    text = "She waited ; then she left ; and then , quietly, she wept."
    first = text.index(" ;")
    assert match_key(text, first, first + 2) == "waited ; then"
    with FeedbackStore() as store:
        issue = Issue(first, first + 2, "punctuation", "?")
        store.add_decisions(make_decisions(tmp_path / "a.txt", text, [(issue, "rejected", None)]))
    f = PersonalFilter.from_store(Flags((" ;", "punctuation"), (" ,", "punctuation")))
    assert spans(f, text) == [(" ;", "punctuation"), (" ,", "punctuation")]  # only the first " ;" went


def test_a_rejected_spacing_habit_is_remembered_everywhere(tmp_path):
    text = "She waited.  Then she left.  The end."
    first = text.index("  ")
    with FeedbackStore() as store:
        issue = Issue(first, first + 2, "whitespace", "?")
        store.add_decisions(make_decisions(tmp_path / "a.txt", text, [(issue, "rejected", None)]))
    assert spans(PersonalFilter.from_store(Flags(("  ", "whitespace"))), text) == []
