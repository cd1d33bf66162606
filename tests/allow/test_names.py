from pathlib import Path

import galleyproof
from galleyproof.allow.names import NAME_USES, drop_vouched, is_document_name
from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import Flag
from galleyproof.proofreader import Proofreader
from galleyproof.text.document import Document
from galleyproof.text.words import mid_sentence_forms


def test_forms_are_counted_where_no_sentence_begins():
    text = "Oak slept. Then Oak woke, and “Oak!” cried Mr. Boldwood to Oak."
    forms = mid_sentence_forms(text)
    assert forms["Oak"] == 3  # not the first: it opens a sentence
    assert forms["Boldwood"] == 1 and forms["Then"] == 0


def test_a_name_needs_enough_uses_one_word_and_no_sentence_start():
    text = "Then Oak woke; Oak rose; Oak ran. Oak slept. The Oak Tree fell."
    forms = mid_sentence_forms(text)
    at = text.index("Oak")
    assert forms["Oak"] == 4 >= NAME_USES  # "The Oak Tree" counts too
    assert is_document_name(text, at, at + 3, forms)
    assert not is_document_name(text, text.index("Oak slept"), text.index("Oak slept") + 3, forms)
    assert not is_document_name(text, text.index("Oak Tree"), text.index("Oak Tree") + 8, forms)
    assert not is_document_name("the oak", 4, 7, mid_sentence_forms("the oak"))


def test_a_name_of_several_words_needs_each_word_written_so():
    text = "said Two Tails. Then said Two Tails, and Two Tails laughed. Two men came with Big Tails."
    forms = mid_sentence_forms(text)
    at = text.index("Two Tails")
    assert is_document_name(text, at, at + 9, forms)
    at = text.index("Big Tails")
    assert not is_document_name(text, at, at + 9, forms)  # "Big" is written so once


def test_the_model_flags_a_capital_once_and_not_on_a_name_the_document_repeats():
    detector = Proofreader.from_dir(Path(galleyproof.__file__).parent / "models" / "default")
    once = "The farmer saw that Stone was asleep in the hut."
    assert [(once[f.start : f.end], f.category) for f in detector.flags(Document(once))] == [("Stone", "capitalization")]
    again = once + " He woke Stone at noon, and Stone rose."
    assert [f for f in detector.flags(Document(again)) if f.category == "capitalization"] == []


def test_a_word_the_document_uses_far_more_than_the_books_is_its_own():
    from collections import Counter

    from galleyproof.allow.names import OWN_WORD_USES, is_own_word

    doc = Counter({"says": OWN_WORD_USES, "the": 50})
    assert is_own_word("says", doc, 1000, book_count=100, book_total=1_000_000)  # 5/1000 vs 1e-4
    assert not is_own_word("the", doc, 1000, book_count=60_000, book_total=1_000_000)
    assert not is_own_word("says", doc - Counter({"says": 1}), 1000, 100, 1_000_000)  # too few uses
    assert not is_own_word("says so", doc, 1000, 100, 1_000_000)  # one word only


def test_the_detector_drops_grammar_flags_on_the_documents_own_words():
    detector = Proofreader.from_dir(Path(galleyproof.__file__).parent / "models" / "default")
    line = "Then I goes to him, and I goes home now."
    assert any(f.category in ("grammar", "word_choice") and line[f.start : f.end] == "goes"
               for f in detector.flags(Document(line)))
    text = "\n\n".join([line] * 3)
    assert not any(text[f.start : f.end] == "goes" for f in detector.flags(Document(text)))


def test_counting_capitalised_words_only_gives_their_counts_of_all_words():
    text = "Then Élise met Oak; Élise and Oak's dog ran. the Ørsted field, and Mr. Oak."
    every = mid_sentence_forms(text)
    assert mid_sentence_forms(text, capitalised_only=True) == {w: n for w, n in every.items() if w[0].isupper()}


def test_a_grammar_flag_on_a_name_the_document_repeats_is_dropped():
    from galleyproof.model.tagging import Flag

    detector = Proofreader.from_dir(Path(galleyproof.__file__).parent / "models" / "default")
    text = ("“Drink,” said Jan Coggan. The cup went round, and Jan Coggan drank. "
            "Then Jan Coggan sang, and the men go home.")
    at = [i for i in range(len(text)) if text.startswith("Jan Coggan", i)]
    go = text.index("men go")
    flags = [Flag(at[0], at[0] + 10, "grammar", 0.86), Flag(go, go + 6, "grammar", 0.9)]
    kept = drop_vouched(Document(text), flags, detector.model.lexicon)
    assert [text[f.start : f.end] for f in kept] == ["men go"]  # read as "Jan. Coggan" in a novel
    once = text.replace("and Jan Coggan drank", "and he drank").replace("Then Jan Coggan", "Then he")
    start = once.index("Jan Coggan")
    assert drop_vouched(Document(once), [Flag(start, start + 10, "grammar", 0.86)], detector.model.lexicon)
    doubled = text.replace("Then Jan Coggan sang", "Then Coggan Coggan sang")
    start = doubled.index("Coggan Coggan")
    assert drop_vouched(Document(doubled), [Flag(start, start + 13, "grammar", 0.9)], detector.model.lexicon)
    mine = text + " I said so, and I left, and I slept, and poor I wept."
    start = mine.index("I wept")
    assert drop_vouched(Document(mine), [Flag(start, start + 1, "grammar", 0.9)], detector.model.lexicon)


def test_a_name_the_books_write_or_a_title_names_is_no_capitalisation_slip():
    books = Lexicon({"elliot": 91, "will": 9800, "henrietta": 26}, {"elliot": 91, "will": 400, "henrietta": 26})
    text = "She saw Mr Elliot and Henrietta, then Dr. McIntosh; Will said so, and Will he?"
    flags = {w: Flag(text.index(w), text.index(w) + len(w), "capitalization", 0.9, rule="model.capitalization")
             for w in ("Elliot", "Henrietta", "McIntosh", "Will he")}
    kept = drop_vouched(Document(text), list(flags.values()), books)
    assert [text[f.start : f.end] for f in kept] == ["Will he"]  # "will" is mostly a verb in the books
    rule_flag = Flag(text.index("Elliot"), text.index("Elliot") + 6, "capitalization", 0.9, rule="stray_capitals")
    assert drop_vouched(Document(text), [rule_flag], books) == [rule_flag]  # a rule's own evidence stands


def test_the_models_doubt_on_a_name_even_one_the_books_never_wrote_is_dropped():
    books = Lexicon({"elliot": 91, "will": 9800, "spoke": 3000}, {"elliot": 91, "will": 400})
    text = "He waited, when Boldwood spoke to Elliot. Boldwood went, and Will spoke."
    flags = [Flag(text.index(w), text.index(w) + len(w), category, 0.5, rule=f"model.{category}")
             for w, category in [("Boldwood", "grammar"), ("Elliot", "word_choice"), ("Boldwood went", "grammar"),
                                 ("Will", "grammar"), ("Boldwood", "spelling")]]
    flags[2] = Flag(text.rindex("Boldwood"), text.rindex("Boldwood") + 8, "grammar", 0.5, rule="model.grammar")
    kept = drop_vouched(Document(text), flags, books)
    # A sentence's first word may be any word; "Will" is a verb in the books.
    assert [(text[f.start : f.end], f.category) for f in kept] == [("Boldwood", "grammar"), ("Will", "grammar")]
