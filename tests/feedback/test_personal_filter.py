from types import SimpleNamespace

from galleyproof.feedback.filter import (
    FORM_KIND_REJECTIONS,
    OWN_WORDS,
    VOICE_REJECTIONS,
    VOICE_REPEATS,
    PersonalFilter,
    at_verse_break,
    changed_form,
    frame_holds,
    match_key,
    voice_frame,
    voice_key,
)
from galleyproof.feedback.store import FeedbackStore, make_decisions, scope_of
from galleyproof.issues import Issue

TEXT = "Mowgli's brother saw teh wolf, and Baloo sang; teh end."


class Flags:
    """A stand-in detector that flags fixed strings with fixed categories (and scores)."""

    version = "fake-1"

    def __init__(self, *flags):
        self.flags = flags

    def detect(self, text):
        out = []
        for span, category, *score in self.flags:
            start = text.find(span)
            while start >= 0:
                out.append(Issue(start, start + len(span), category, "?", score=score[0] if score else 1.0))
                start = text.find(span, start + 1)
        return sorted(out, key=lambda i: i.start)


def reject(tmp_path, text, span, category, score=1.0, nth=0):
    """Record the writer's rejection of a flag on the nth `span` of `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    issue = Issue(start, start + len(span), category, "?", score=score)
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(tmp_path / "a.txt", text, [(issue, "rejected", None)]))


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


def test_a_rejected_spacing_habit_covers_the_words_and_marks_around_it(tmp_path):
    reject(tmp_path, "Hark!  O hark!", "  O h", "whitespace")
    text = "Excellent!  Wonderful!  Once more , and again."
    f = PersonalFilter.from_store(Flags(("!  Wonderful", "whitespace"), ("l!  Once m", "whitespace"),
                                        (" ,", "whitespace"), ("  Once", "capitalization")))
    assert spans(f, text) == [("  Once", "capitalization"), (" ,", "whitespace")]


def test_a_rejected_misspelling_vouches_for_every_form_of_the_word(tmp_path):
    reject(tmp_path, "Thorns and burs in their coats.", "burs", "spelling")
    text = "Two Burs, and burring; a burst."
    f = PersonalFilter.from_store(Flags(("Burs", "spelling"), ("burring", "spelling"), ("burst", "spelling"),
                                        ("Burs", "capitalization")))
    assert spans(f, text) == [("Burs", "capitalization"), ("burst", "spelling")]


def test_a_dictionary_word_covers_its_inflections():
    with FeedbackStore() as store:
        store.add_words(["Bandar-log", "kraal"])
    text = "The kraals were empty."
    assert spans(PersonalFilter.from_store(Flags(("kraals", "spelling"), ("empty", "spelling"))), text) == [
        ("empty", "spelling")]


POEM = """The wolves were waiting by the rock.

     Now Chil the Kite brings home the night;
     That Mang the Bat sets free;
     The herds are shut in byre and hut;
        For loosed till dawn are we.

He ran through the forest that night; and
Mowgli was tired when he came home;
because the wolves had gone.
"""


def test_verse_breaks_are_lines_that_both_start_with_a_capital():
    first = POEM.index(";")
    assert at_verse_break(POEM, first, first + 1)  # ends a verse line
    assert at_verse_break(POEM, POEM.index("For"), POEM.index("For") + 3)  # begins one
    night = POEM.index("night;", first + 5)
    assert not at_verse_break(POEM, night + 5, night + 6)  # "and" after it: wrapped prose
    home = POEM.index("home;", night)
    assert not at_verse_break(POEM, home + 4, home + 5)  # the next line starts small
    assert not at_verse_break(POEM, POEM.index("Chil"), POEM.index("Chil") + 4)  # mid-line


def test_a_flag_rejected_at_a_verse_line_end_frees_the_other_verse_line_ends(tmp_path):
    reject(tmp_path, POEM, ";", "punctuation")
    f = PersonalFilter.from_store(Flags((";", "punctuation"), ("For", "capitalization")))
    lines = [(POEM[: i.end].rsplit("\n", 1)[-1].strip(), i.category) for i in f.detect(POEM)]
    # prose line ends keep their flags, and so does another kind of flag at a verse break
    assert lines == [("For", "capitalization"), ("He ran through the forest that night;", "punctuation"),
                     ("Mowgli was tired when he came home;", "punctuation")]


def test_a_rejected_double_frees_doubles_no_surer_than_it(tmp_path):
    reject(tmp_path, "if he had had his way", "had had", "grammar", score=0.3)
    text = "He knew that that was so, and the the end."
    f = PersonalFilter.from_store(Flags(("that that", "grammar", 0.3), ("the the", "grammar", 0.9)))
    assert spans(f, text) == [("the the", "grammar")]


def test_accepting_a_flag_of_the_same_kind_withdraws_the_kind_but_not_the_rejection(tmp_path):
    reject(tmp_path, POEM, ";", "punctuation")
    hut = POEM.index("hut;") + 3
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(tmp_path / "a.txt", POEM, [(Issue(hut, hut + 1, "punctuation", "?"),
                                                                      "accepted", None)]))
    f = PersonalFilter.from_store(Flags((";", "punctuation")))
    lines = [POEM[: i.end].rsplit("\n", 1)[-1].strip() for i in f.detect(POEM)]
    # the very ";" rejected stays silent; the other verse line ends are flagged again
    assert lines[:2] == ["That Mang the Bat sets free;", "The herds are shut in byre and hut;"]


def test_a_rejected_capital_on_a_name_or_title_vouches_for_that_capital_everywhere(tmp_path):
    reject(tmp_path, "Then half the Pack yelled at him.", "Pack yelled", "capitalization")
    text = "The Pack went home. Pack rules held, but the Wolves and the pack slept."
    f = PersonalFilter.from_store(Flags(("Pack", "capitalization"), ("pack", "capitalization"),
                                        ("Wolves", "capitalization"), ("Pack", "grammar")))
    # "Pack" so written mid-sentence is the writer's; at a sentence start the capital says
    # nothing, and the lower-case form, other names and other kinds of flag still stand
    assert spans(f, text) == [("Pack", "grammar"), ("Pack", "capitalization"), ("Pack", "grammar"),
                              ("Wolves", "capitalization"), ("pack", "capitalization")]


def test_a_capital_at_a_sentence_start_vouches_for_nothing(tmp_path):
    reject(tmp_path, "He left. Words failed him.", "Words failed", "capitalization")
    text = "He gave all the Words to me."
    assert spans(PersonalFilter.from_store(Flags(("Words", "capitalization"))), text) == [
        ("Words", "capitalization")]


def test_the_same_casing_rejected_twice_frees_the_forms_the_text_repeats(tmp_path):
    first = "Up the wall of the summerhouse, and into the summerhouse."
    text = "Said Two Tails, and Two Tails laughed; then it yapped, and it yapped again. We ate in Paris."
    inner = Flags(("Tails", "capitalization"), ("yapped", "capitalization"), ("Paris", "capitalization"),
                  ("yapped", "word_choice"))
    reject(tmp_path, first, "summerhouse", "capitalization")
    assert len(spans(PersonalFilter.from_store(inner), text)) == 7  # once is a single verdict, not a habit
    reject(tmp_path, first, "summerhouse", "capitalization", nth=1)
    # a form the text writes twice mid-sentence is the writer's casing; one used once is not
    assert spans(PersonalFilter.from_store(inner), text) == [("yapped", "word_choice"), ("yapped", "word_choice"),
                                                              ("Paris", "capitalization")]


def test_accepting_a_repeated_casing_flag_twice_withdraws_the_habit(tmp_path):
    first = "Up the wall of the summerhouse, and into the summerhouse."
    for nth in (0, 1):
        reject(tmp_path, first, "summerhouse", "capitalization", nth=nth)
    text = "To paris, and from paris."
    at = [i for i in range(len(text)) if text.startswith("paris", i)]
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(tmp_path / "b.txt", text, [
            (Issue(a, a + 5, "capitalization", "?"), "accepted", None) for a in at]))
    inner = Flags(("Tails", "capitalization"))
    assert spans(PersonalFilter.from_store(inner), "Two Tails and Two Tails.") == [("Tails", "capitalization")] * 2


def test_headings_are_short_lines_of_their_own_in_title_case():
    from galleyproof.feedback.filter import at_heading

    text = "again!\n\n\nKaa’s Hunting\n\n\nHis spots are the joy.\nKaa’s Hunting was long.\n\nYes indeed\n\nThe End"
    first, second = text.index("Hunting"), text.index("Hunting", text.index("Hunting") + 1)
    assert at_heading(text, first, first + 7)
    assert not at_heading(text, second, second + 7)  # a line of a paragraph
    assert not at_heading(text, text.index("indeed"), text.index("indeed") + 6)  # not title case
    assert at_heading(text, text.index("End"), len(text))  # at the text's end
    assert not at_heading(text, text.index("spots"), text.index("spots") + 5)


def test_a_flag_rejected_in_a_heading_frees_that_category_in_every_heading(tmp_path):
    reject(tmp_path, "the end.\n\n\nKaa’s Hunting\n\n\nHis spots", "Hunting", "capitalization")
    text = "It ended.\n\nHer Majesty’s Servants\n\nYou can work it out, said the Servants gravely.\n"
    f = PersonalFilter.from_store(Flags(("Servants", "capitalization"), ("Majesty", "spelling")))
    assert spans(f, text) == [("Majesty", "spelling"), ("Servants", "capitalization")]  # the one in prose stays


def test_a_repeated_casing_never_excuses_a_small_letter_at_a_sentence_start(tmp_path):
    first = "Up the wall of the summerhouse, and into the summerhouse."
    for nth in (0, 1):
        reject(tmp_path, first, "summerhouse", "capitalization", nth=nth)
    text = "And so he left, and he wept. he came back."
    f = PersonalFilter.from_store(Flags(("he", "capitalization")))
    assert [i.start for i in f.detect(text)] == [text.index("he came")]  # the two mid-sentence ones go


def test_a_word_in_several_rejected_grammar_flags_frees_that_word_in_that_category(tmp_path):
    first = "He went out, and herd them home; the village herd was late."
    reject(tmp_path, first, "and herd", "grammar")
    later = "The herd came. The herd came. They herd a cry."
    inner = Flags(("The herd", "grammar"), ("herd a", "word_choice"), ("came", "grammar"))
    assert spans(PersonalFilter.from_store(inner), later) == spans(inner, later)  # one rejection: not yet
    reject(tmp_path, first, "village herd", "grammar")
    # two rejections of grammar flags holding "herd" (not "and": a function word)
    assert spans(PersonalFilter.from_store(inner), later) == [("came", "grammar"), ("came", "grammar"),
                                                               ("herd a", "word_choice")]
    accept = Issue(later.index("herd a"), later.index("herd a") + 6, "grammar", "?")
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(tmp_path / "b.txt", later, [(accept, "accepted", None)]))
    assert ("The herd", "grammar") in spans(PersonalFilter.from_store(inner), later)  # an accepted one withdraws it


# The manuscript's voice: constructions its text flags again and again, once the writer has
# rejected flags in it, are taken as the writer's usage (`feedback.filter.Voice`).

#: The writer's first pages, where they rule on flags.
RULED = "He come into the room, and I says so. Then he begun to holler at me. I a noticed it."
#: Another chapter of the same manuscript, checked afterwards.
CHAPTER = ("I got off of the raft. We got off of the boat. They got off of the wagon. "
           "He got off the log; it was more better. Tom said more better too. He could a went there, "
           "she’d a heard it, you might a taken it. It was teh end, teh very end, teh last.")
#: A detector that flags dialect constructions and slips the way the model does.
MODEL = Flags(("come", "grammar"), ("says", "grammar"), ("begun", "grammar"), ("a noticed", "grammar"),
              ("off of", "grammar"), ("more better", "grammar"), ("a went", "grammar"), ("a heard", "grammar"),
              ("a taken", "grammar"), ("teh", "spelling"))


def decide(path, text, spans, verdict="rejected", scope=...):
    """Record the writer's verdict on the first flag on each of `spans` in `text`, for the
    manuscript that is the file's folder unless `scope` says otherwise."""
    issues = [(Issue(text.index(s), text.index(s) + len(s), "grammar", "?"), verdict, None) for s in spans]
    scope = scope_of(path, root=path.parent) if scope is ... else scope
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(path, text, issues, scope=scope))


def shown(detector, text=CHAPTER):
    return [text[i.start : i.end] for i in detector.detect(text)]


def manuscript(tmp_path):
    folder = tmp_path / "novel"
    folder.mkdir(exist_ok=True)
    return folder / "chapter1.txt", scope_of(folder / "chapter1.txt", root=folder)


def test_keys_and_frames_read_words_only():
    assert voice_key("Off of,\n", "grammar") == ("grammar", "off of")
    assert voice_key(" , ", "punctuation") is None
    assert voice_frame("a Noticed", "grammar") == ("grammar", "a _")
    assert voice_frame("noticed", "grammar") is None  # no function word: a frame of nothing
    assert voice_frame("of the", "grammar") is None  # only function words: the words themselves say it


def test_a_construction_flagged_again_and_again_is_the_voice_once_the_writer_has_rejected_flags(tmp_path):
    path, scope = manuscript(tmp_path)
    before = shown(PersonalFilter.from_store(MODEL, scope=scope))
    assert before.count("off of") == VOICE_REPEATS
    decide(path, RULED, ["come", "says"])  # fewer rejections than VOICE_REJECTIONS: no voice yet
    assert shown(PersonalFilter.from_store(MODEL, scope=scope)) == before
    decide(path, RULED, ["begun"])
    voiced = PersonalFilter.from_store(MODEL, scope=scope)
    after = shown(voiced)
    assert "off of" not in after  # three times in the chapter: the writer's usage
    assert after.count("more better") == 2  # only twice: could be a slip, stays
    assert after.count("teh") == 3  # a misspelling repeated is still a misspelling
    doubled = "He saw the the dog, the the cat and the the bird."
    assert shown(PersonalFilter.from_store(Flags(("the the", "grammar")), scope=scope), doubled) == ["the the"] * 3
    # One word flagged for grammar is a form chosen, as open to slips as a confused word.
    forms = "Give it to him. Then him and me went. Tell him."
    assert shown(PersonalFilter.from_store(Flags(("him", "grammar")), scope=scope), forms) == ["him"] * 3
    assert shown(PersonalFilter.from_store(Flags(("him", "whitespace")), scope=scope), forms) == []
    assert voiced.last_voiced == {"off of": 3}
    assert VOICE_REJECTIONS == 3


def test_the_frame_of_a_rejected_construction_carries_over_to_its_other_words(tmp_path):
    path, scope = manuscript(tmp_path)
    decide(path, RULED, ["come", "says", "begun"])
    assert {"a went", "a heard", "a taken"} <= set(shown(PersonalFilter.from_store(MODEL, scope=scope)))
    decide(path, RULED, ["a noticed"])  # "a _": the same frame, three times in the chapter
    voiced = PersonalFilter.from_store(MODEL, scope=scope)
    assert not {"a went", "a heard", "a taken"} & set(shown(voiced))
    assert voiced.last_voiced == {"off of": 3, "a _": 3}


def test_a_frame_holds_the_frames_that_are_runs_of_its_words():
    assert frame_holds(("grammar", "_ a _"), ("grammar", "a _"))
    assert frame_holds(("grammar", "was a _"), ("grammar", "a _"))
    assert frame_holds(("grammar", "a _"), ("grammar", "a _"))
    assert not frame_holds(("grammar", "of _"), ("grammar", "_ of"))
    assert not frame_holds(("grammar", "_ a _"), ("punctuation", "a _"))
    assert not frame_holds(("grammar", "a"), ("grammar", "a _"))


#: A later chapter where the rejected "a noticed" ("a _") comes with a word before it.
A_CHAPTER = ("They went a-weaving round. He stood a-listening there. Her eyes a-blazing, she came. "
             "He saw a dog. Tom said a-going twice.")
A_MODEL = Flags(("went a-weaving", "grammar"), ("stood a-listening", "grammar"), ("eyes a-blazing", "grammar"),
                ("saw a dog", "grammar"), ("said a-going", "punctuation"))


def test_a_construction_built_on_a_rejected_frame_is_the_voice_when_the_text_repeats_it(tmp_path):
    path, scope = manuscript(tmp_path)
    decide(path, RULED, ["come", "says", "begun"])
    assert len(shown(PersonalFilter.from_store(A_MODEL, scope=scope), A_CHAPTER)) == 5  # "a _" never rejected
    decide(path, RULED, ["a noticed"])
    voiced = PersonalFilter.from_store(A_MODEL, scope=scope)
    # "_ a _" three times holds "a _": gone; "_ a _" four times would be the same. "saw a dog"
    # is "_ a _" too, so it goes with them; "said a-going" is punctuation, another category.
    assert shown(voiced, A_CHAPTER) == ["said a-going"]
    assert voiced.last_voiced == {"_ a _": 4}
    # Twice only: could be slips, they stay.
    twice = "They went a-weaving round. He stood a-listening there."
    assert shown(voiced, twice) == ["went a-weaving", "stood a-listening"]
    # Undoing the rejection of "a noticed" (`feedback undo`) brings them back.
    with FeedbackStore() as store:
        store.undo([r["id"] for r in store.listed() if r["span"] == "a noticed"])
    assert len(shown(PersonalFilter.from_store(A_MODEL, scope=scope), A_CHAPTER)) == 5
    decide(path, RULED, ["a noticed"])
    assert shown(PersonalFilter.from_store(A_MODEL, scope=scope), A_CHAPTER) == ["said a-going"]
    # Accepting one withdraws that longer frame, not the rejected one.
    decide(path, A_CHAPTER, ["went a-weaving"], verdict="accepted")
    assert len(shown(PersonalFilter.from_store(A_MODEL, scope=scope), A_CHAPTER)) == 5


def test_the_voice_belongs_to_its_manuscript(tmp_path):
    path, scope = manuscript(tmp_path)
    decide(path, RULED, ["come", "says", "begun"])
    other = tmp_path / "essay.txt"
    assert "off of" in shown(PersonalFilter.from_store(MODEL, scope=scope_of(other)))
    assert "off of" in shown(PersonalFilter.from_store(MODEL))  # no manuscript named: no voice
    # Rejections for every manuscript speak for none's voice in particular.
    decide(tmp_path / "b.txt", RULED, ["come", "says", "begun"], scope=None)
    assert "off of" in shown(PersonalFilter.from_store(MODEL, scope=scope_of(other)))


def test_accepting_one_brings_the_construction_back_and_undoing_the_rejections_brings_all(tmp_path):
    path, scope = manuscript(tmp_path)
    decide(path, RULED, ["come", "says", "begun", "a noticed"])
    voiced = PersonalFilter.from_store(MODEL, scope=scope)
    decide(path, CHAPTER, ["off of"], verdict="accepted")
    after = PersonalFilter.from_store(MODEL, scope=scope)
    assert shown(after).count("off of") == 3
    assert "a went" not in shown(after)
    assert after.version != voiced.version
    with FeedbackStore() as store:
        store.undo([r["id"] for r in store.listed() if r["verdict"] == "rejected"])
    assert shown(PersonalFilter.from_store(MODEL, scope=scope)) == shown(MODEL)


def test_the_proofreader_says_what_its_last_check_left_out(tmp_path):
    from galleyproof.proofreader import Proofreader

    path, scope = manuscript(tmp_path)
    decide(path, RULED, ["come", "says", "begun"])

    reader = Proofreader.__new__(Proofreader)  # no model: its flags are MODEL's
    reader.personal, reader.rules_memo, reader.hear_voice = PersonalFilter.from_store(), None, True
    reader.model = SimpleNamespace(thresholds={})
    reader._issues = lambda doc, thresholds=None: MODEL.detect(doc.text)
    found = [CHAPTER[i.start : i.end] for i in reader.check(CHAPTER, scope=scope)]
    assert "off of" not in found
    assert reader.last_voiced == {"off of": 3}
    reader.hear_voice = False  # `check --all-voice`
    assert [CHAPTER[i.start : i.end] for i in reader.check(CHAPTER, scope=scope)].count("off of") == 3
    assert not reader.last_voiced


# A kind of form the writer keeps: one-word grammar flags of one kind (agreement, past and
# participle, pronoun case) rejected FORM_KIND_REJECTIONS times in a manuscript.

#: The writer's first pages: "was" (agreement) twice, "begun" (a participle for the past)
#: once, "Whar" (a spelling): three rejections, so the manuscript has a voice.
FORMS_RULED = "They was there. Then we was gone, and he begun to run. Whar is it?"
#: A later chapter: agreement slips in other verbs, a participle, a pronoun's case, each once.
FORMS_CHAPTER = "He don't care. She know it. I says no. He come home. Him and me went. Then it rained."


def decide_scored(path, text, verdicts, scope=...):
    """Record the writer's verdicts on flags given as (span, category, score, verdict), the
    first instance of each span, for the manuscript that is the file's folder."""
    issues = [(Issue(text.index(s), text.index(s) + len(s), c, "?", score=p), v, None) for s, c, p, v in verdicts]
    scope = scope_of(path, root=path.parent) if scope is ... else scope
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(path, text, issues, scope=scope))


def forms_model(surest=0.8):
    return Flags(("don't", "grammar", 0.8), ("know", "grammar", 0.8), ("says", "grammar", surest),
                 ("come", "grammar", 0.8), ("Him", "grammar", 0.8), ("know", "word_choice", 0.8),
                 ("rained", "spelling", 0.8))


def rule_on_forms(path):
    """Reject "was" twice (verb agreement), "begun" once (past and participle), a spelling once."""
    text = FORMS_RULED
    second_was = text.index("was", text.index("was") + 1)
    issues = [(Issue(text.index("was"), text.index("was") + 3, "grammar", "?", score=0.8), "rejected", None),
              (Issue(second_was, second_was + 3, "grammar", "?", score=0.8), "rejected", None),
              (Issue(text.index("begun"), text.index("begun") + 5, "grammar", "?", score=0.8), "rejected", None),
              (Issue(text.index("Whar"), text.index("Whar") + 4, "spelling", "?", score=0.9), "rejected", None)]
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(path, text, issues, scope=scope_of(path, root=path.parent)))


def test_a_kind_of_form_rejected_twice_is_the_manuscripts_usage_whatever_the_word(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)
    voiced = PersonalFilter.from_store(forms_model(), scope=scope)
    found = [(FORMS_CHAPTER[i.start : i.end], i.category) for i in voiced.detect(FORMS_CHAPTER)]
    # "was" twice says agreement is the writer's: "don't", "know", "says" go, and "come" (a base form too).
    assert not {("don't", "grammar"), ("know", "grammar"), ("says", "grammar"), ("come", "grammar")} & set(found)
    assert ("Him", "grammar") in found  # pronoun case: never rejected here
    assert ("know", "word_choice") in found  # a confused word is not a form chosen
    assert ("rained", "spelling") in found
    assert voiced.last_voiced == {"verb agreement": 4}
    assert FORM_KIND_REJECTIONS == 2


def test_a_kind_of_form_keeps_the_flags_surer_than_any_the_writer_rejected(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)  # every rejection at 0.8
    twice = "He don't care. I says no. Him and me went."  # agreement flagged twice only
    found = shown(PersonalFilter.from_store(forms_model(surest=0.95), scope=scope), twice)
    assert "says" in found and "don't" not in found


def test_a_kind_of_form_the_text_flags_again_and_again_is_its_usage_however_sure(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)  # agreement rejected twice at 0.8
    # FORMS_CHAPTER flags agreement four times ("don't", "know", "says", "come"): the
    # manuscript's usage, so "says" goes though the detector is surer of it than of "was".
    voiced = PersonalFilter.from_store(forms_model(surest=0.95), scope=scope)
    found = shown(voiced, FORMS_CHAPTER)
    assert "says" not in found and "don't" not in found
    assert {"Him", "know", "rained"} <= set(found)  # another kind, a confused word, a spelling
    assert voiced.last_voiced == {"verb agreement": 4}
    assert VOICE_REPEATS == 3
    # Without the writer's rejections of the kind, however often it is flagged, nothing goes.
    other = tmp_path / "b" / "c.txt"
    other.parent.mkdir()
    decide_scored(other, RULED, [("come", "grammar", 0.8, "rejected"), ("begun", "grammar", 0.8, "rejected"),
                                 ("a noticed", "grammar", 0.8, "rejected")])
    assert "says" in shown(PersonalFilter.from_store(forms_model(surest=0.95), scope=scope_of(other, root=other.parent)),
                           FORMS_CHAPTER)


def test_a_kind_of_form_covers_a_construction_whose_fix_changes_one_word_into_another_form():
    assert changed_form("had went", "had gone") == "went"
    assert changed_form("They was", "They were") == "was"
    assert changed_form("begun", "began") == "begun"
    assert changed_form("begun", None) == "begun"
    assert changed_form("had went", None) is None  # which word the fix changes is not known
    assert changed_form("her mother", "her the mother") is None  # a missing word, not a form
    assert changed_form("saw it", "see it") is None  # tense, not a form
    assert changed_form("they was", "we were") is None  # two words changed


def test_a_kind_of_form_covers_flags_on_several_words(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)  # past and participle: "begun" once; agreement: "was" twice
    decide_scored(path, FORMS_RULED, [("begun", "grammar", 0.8, "rejected")])
    text = "He had went home. She had took it. The dog had the bone."

    class Fixes:
        version = "fake-1"

        def detect(self, text):
            out = []
            for span, fix in (("had went", "had gone"), ("had took", "had taken"), ("had the", "had a")):
                i = text.index(span)
                out.append(Issue(i, i + len(span), "grammar", "?", suggestions=(fix,), score=0.8))
            return out

    voiced = PersonalFilter.from_store(Fixes(), scope=scope)
    assert [text[i.start : i.end] for i in voiced.detect(text)] == ["had the"]
    assert voiced.last_voiced == {"past and participle": 2}


def test_one_rejection_of_a_kind_or_rejections_without_a_score_are_not_enough(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)  # "begun": the only past-and-participle rejection
    assert shown(PersonalFilter.from_store(Flags(("seen", "grammar", 0.8)), scope=scope), "I seen it.") == ["seen"]
    other = tmp_path / "b" / "c.txt"
    other.parent.mkdir()
    other_scope = scope_of(other, root=other.parent)
    decide(other, FORMS_RULED, ["was", "begun", "Whar"])  # decisions recorded before scores were kept
    with FeedbackStore() as store:
        store.db.execute("UPDATE decisions SET score = NULL WHERE scope = ?", (other_scope,))
    assert "don't" in shown(PersonalFilter.from_store(forms_model(), scope=other_scope), FORMS_CHAPTER)


def test_a_kind_of_form_belongs_to_its_manuscript_and_an_acceptance_withdraws_it(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)
    assert "don't" in shown(PersonalFilter.from_store(forms_model(), scope=scope_of(tmp_path / "essay.txt")),
                            FORMS_CHAPTER)
    voiced = PersonalFilter.from_store(forms_model(), scope=scope)
    decide_scored(path, FORMS_CHAPTER, [("know", "grammar", 0.8, "accepted")])
    after = PersonalFilter.from_store(forms_model(), scope=scope)
    assert {"don't", "know", "says"} <= set(shown(after, FORMS_CHAPTER))
    assert after.version != voiced.version
    with FeedbackStore() as store:  # undone, the acceptance no longer speaks
        store.undo([r["id"] for r in store.listed() if r["verdict"] == "accepted"])
    assert "don't" not in shown(PersonalFilter.from_store(forms_model(), scope=scope), FORMS_CHAPTER)


def test_a_kind_of_form_covers_a_flag_only_when_its_fix_is_another_form_of_the_word(tmp_path):
    path, scope = manuscript(tmp_path)
    rule_on_forms(path)  # agreement: "was" rejected twice
    text = "They is late. They is gone."

    class Fixes:
        version = "fake-1"

        def detect(self, text):
            first, second = text.index("is"), text.rindex("is")
            return [Issue(first, first + 2, "grammar", "?", suggestions=("are",), score=0.8),
                    Issue(second, second + 2, "grammar", "?", suggestions=("is not",), score=0.8)]

    kept = PersonalFilter.from_store(Fixes(), scope=scope).detect(text)
    assert [(text[i.start : i.end], i.suggestions) for i in kept] == [("is", ("is not",))]


#: A first chapter in dialect; the writer rejects two of its spellings and a form.
OWN_RULED = "Whar is it? I stayed bekase the yuther boys was gone, and they sivilize teh town."
#: A later chapter: dialect spellings the first writes too, a typo and a spelling of its own.
OWN_CHAPTER = "It was bekase of the yuther boat. A wolf lookd at teh sea, and hollered powful loud."
OWN_MODEL = Flags(("bekase", "spelling", 0.9), ("yuther", "spelling", 0.9), ("lookd", "spelling", 0.9),
                  ("teh", "spelling", 0.95), ("powful", "spelling", 0.9))


def own_words_manuscript(tmp_path, verdicts):
    path, scope = manuscript(tmp_path)
    path.write_text(OWN_RULED, encoding="utf-8")
    (path.parent / "chapter2.txt").write_text(OWN_CHAPTER, encoding="utf-8")
    decide_scored(path, OWN_RULED, verdicts)
    return scope


def test_a_misspelling_flag_on_a_word_the_manuscript_writes_in_other_files_is_its_spelling(tmp_path):
    scope = own_words_manuscript(tmp_path, [("Whar", "spelling", 0.9, "rejected"),
                                            ("sivilize", "spelling", 0.9, "rejected"),
                                            ("was", "grammar", 0.8, "rejected")])
    detector = PersonalFilter.from_store(OWN_MODEL, scope=scope)
    # bekase and yuther are in chapter 1 too; lookd and powful only here; teh is surer than
    # any misspelling the writer rejected.
    assert shown(detector, OWN_CHAPTER) == ["lookd", "teh", "powful"]
    assert detector.last_voiced == {OWN_WORDS: 2}
    # The chapter as on disk or as edited in an editor: a word counts once it is written outside it.
    assert shown(detector, OWN_CHAPTER + " Bekase!") == ["lookd", "teh", "powful"]
    # Another manuscript, or the same one without its folder, knows none of these words.
    assert shown(PersonalFilter.from_store(OWN_MODEL, scope=scope_of(tmp_path / "essay.txt")), OWN_CHAPTER) == \
        ["bekase", "yuther", "lookd", "teh", "powful"]


def test_own_words_are_the_words_as_written_not_their_other_forms(tmp_path):
    scope = own_words_manuscript(tmp_path, [("Whar", "spelling", 0.9, "rejected"),
                                            ("sivilize", "spelling", 0.9, "rejected"),
                                            ("was", "grammar", 0.8, "rejected")])
    text = "The yuthers, and a wolf lookin at the sea."
    model = Flags(("yuthers", "spelling", 0.9), ("yuther ", "spelling", 0.9), ("lookin", "spelling", 0.9))
    # Chapter 1 writes "yuther", chapter 2 "lookd": neither as written here (a typo's stem is
    # often a word's stem), so both stay.
    assert shown(PersonalFilter.from_store(model, scope=scope), text) == ["yuthers", "lookin"]
    assert shown(PersonalFilter.from_store(model, scope=scope), "The yuther boat.") == []  # as written


def test_own_words_need_two_rejected_misspellings_and_no_accepted_one(tmp_path):
    one = own_words_manuscript(tmp_path, [("Whar", "spelling", 0.9, "rejected"),
                                          ("was", "grammar", 0.8, "rejected"), ("the", "grammar", 0.8, "rejected")])
    assert "bekase" in shown(PersonalFilter.from_store(OWN_MODEL, scope=one), OWN_CHAPTER)
    decide_scored(tmp_path / "novel" / "chapter1.txt", OWN_RULED, [("sivilize", "spelling", 0.9, "rejected")])
    assert "bekase" not in shown(PersonalFilter.from_store(OWN_MODEL, scope=one), OWN_CHAPTER)
    decide_scored(tmp_path / "novel" / "chapter1.txt", OWN_RULED, [("teh", "spelling", 0.95, "accepted")])
    assert "bekase" in shown(PersonalFilter.from_store(OWN_MODEL, scope=one), OWN_CHAPTER)
