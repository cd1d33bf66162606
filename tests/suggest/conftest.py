import pytest

from galleyproof.english.lexicon import Lexicon

COMMON = """the a an of to in and that it was is be as at by for with on had have not but his her he she
they which this from so all been were would could there their me my i you we him them those these
cold wind night dark house walked slowly into region beauty delight icy climes foretaste who
histories first founders circumstance circumstances seemed agony despair garb rustic air dignity
other blood each thirsting""".split()


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """A small hand-made lexicon: common words frequent, a few rarer ones, names capitalised."""
    counts = {w: 500 for w in COMMON}
    counts |= {"the": 30000, "of": 20000, "to": 15000, "was": 9000, "imagination": 374,
               "imaginations": 22, "ice": 271, "they": 20000, "geneva": 40, "other's": 30, "others": 200}
    return Lexicon(counts, {"geneva": 40, "i": 500})
