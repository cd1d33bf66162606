"""Misspelt words: typing slips and the misspellings people make by ear or by habit.

Each kind is a word -> word change; only alphabetic words of three letters or more are touched,
and a result that `is_word` accepts (another real word) is thrown back, since that is a
word-choice error, not a spelling one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

from galleyproof.noise.edits import Result, first_that_applies, replace, words
from galleyproof.text.words import match_case

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    """QWERTY keys touching each key (same row and the rows above and below, offset by half)."""
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    return {
        c: "".join(d for d, (r2, i2) in pos.items() if d != c and abs(r2 - r) <= 1 and i2 - i in (
            (-1, 0, 1) if r2 == r else (0, 1) if r2 == r - 1 else (-1, 0)
        ))
        for c, (r, i) in pos.items()
    }


KEYBOARD = _neighbours()
_VOWELS = "aeiou"

# Correct -> the way people misspell it (used backwards: the clean word becomes the error).
_COMMON_TABLE = """
    absence absense|absance         accidentally accidently       accommodate accomodate|acommodate
    achieve acheive                 acquaintance aquaintance|acquaintence   acquire aquire
    across accross                  address adress                aggressive agressive
    already allready                always allways                amateur amature
    answer anwser                   apparent apparant|apparrent   appearance appearence
    approach aproach                argument arguement            attach attatch
    awkward akward                  bargain bargin                beautiful beautifull|beatiful
    because becuase|becasue         beggar begger                 beginning begining
    believe beleive|belive          brilliant briliant            buried burried
    business buisness|busness       calendar calender             captain captian
    carriage carrige                ceiling cieling               cemetery cemetary
    certain certian                 character charachter|charactor   chief cheif
    coming comming                  committee commitee|comittee   completely completly
    conscience concience            conscious concious            courteous curteous
    curiosity curiousity            daughter daugther|daughtor    deceive decieve
    definitely definately|definitly    descend decend             describe discribe
    description discription         desperate desparate           despair dispair
    different diffrent              dilemma dilemna               disappear dissapear|disapear
    disappoint dissapoint           discipline disipline          embarrass embarass
    especially especialy            exaggerate exagerate          excellent excellant
    exercise excercise              exhausted exausted            existence existance
    experience experiance           explanation explaination      extraordinary extrordinary
    extremely extremly              familiar familar              fascinate facinate
    february febuary                field feild                   fiery firey
    finally finaly                  foreign foriegn               forty fourty
    forward foward                  friend freind                 gauge guage
    generally generaly              genius genious                glimpse glimse
    government goverment            grammar grammer               grateful greatful
    grief greif                     guarantee garantee            guard gaurd
    handkerchief handkercheif       happened happend              harass harrass
    height heighth|hieght           heroes heros                  hypocrisy hypocricy
    immediately immediatly|imediately  immense imense             incredible incredable
    independent independant         innocent inocent              intelligence inteligence
    interesting intresting          interrupt interupt            irresistible irresistable
    island iland                    jealous jelous                journey journy
    knowledge knowlege              language langauge             leisure liesure
    library libary                  lieutenant leiutenant|lootenant  magnificent magnificant
    maintenance maintainance        marriage marrige              meant ment
    merely merly                    messenger messanger           miniature miniture
    mischievous mischievious        naturally naturaly            necessary neccessary|necessery
    neighbour nieghbour|neighbor    niece neice                   ninety ninty
    ninth nineth                    noticeable noticable          nuisance nusance
    obedience obediance             occasion occassion|ocassion   occasionally occasionaly
    occurred occured                occurrence occurance|occurence   opportunity oppurtunity|oportunity
    parallel paralel|parrallel      parliament parliment          particularly particulary
    peculiar peculier               perceive percieve             permanent permanant
    persistent persistant           persuade persaude             physician physican
    piece peice                     pleasant plesant              possession posession|possesion
    possible possable               precede preceed               preferred prefered
    prejudice predjudice            presence presense             privilege priviledge|privelege
    probably probly|propably        proceed procede               professor proffesor|professer
    publicly publically             pursue persue                 quarrel quarel
    receipt reciept                 receive recieve               recommend reccommend|recomend
    referred refered                relevant relevent             religious religous
    remember rember|remeber         repetition repitition         resistance resistence
    restaurant restaraunt           rhythm rythm|rhythym          ridiculous rediculous
    sacrifice sacrafice             scissors sissors              secretary secratary
    seize sieze                     sentence sentance             separate seperate
    sergeant sargeant               siege seige                   similar similer|simular
    sincerely sincerly              solemn solem                  speech speach
    stomach stomache                strength strenght             succeed succede
    successful succesful|successfull   sufficient sufficent       supersede supercede
    surprise suprise|surprize       suspicious suspicous          temperature temprature
    tendency tendancy               terrible terrable             thorough thorogh
    thought thougt                  threshold threshhold          together togather
    tomorrow tommorow|tomorow       tongue tounge                 tragedy tradgedy
    truly truely                    twelfth twelth                tyranny tyrany
    unconscious unconcious          unnecessary unneccessary      until untill
    unusual unusal                  usually usualy                vacuum vaccum
    vengeance vengence              village villiage              villain villian
    visible visable                 weird wierd                   wherever whereever
    which wich                      wholly wholy                  wonderful wonderfull
    writing writting                written writen                yield yeild
    view veiw                       friendly freindly             doubt dout
    eighth eigth                    fulfil fullfil
"""
_TOKENS = _COMMON_TABLE.split()
COMMON: dict[str, tuple[str, ...]] = {
    right: tuple(wrong.split("|")) for right, wrong in zip(_TOKENS[::2], _TOKENS[1::2], strict=True)
}

# Spelling by ear: (pattern, replacement) rewrites of one part of the word.
_PHONETIC = [
    (re.compile(p), r)
    for p, r in [
        ("ie", "ei"), ("ei", "ie"), ("able$", "ible"), ("ible$", "able"),
        ("ance$", "ence"), ("ence$", "ance"), ("ant$", "ent"), ("ent$", "ant"),
        ("ancy$", "ency"), ("ency$", "ancy"), ("ph", "f"), ("tion$", "sion"), ("sion$", "tion"),
        ("ious$", "ous"), ("ous$", "us"), ("ar$", "er"), ("er$", "ar"), ("or$", "er"), ("er$", "or"),
        ("ally$", "aly"), ("ally$", "ly"), ("ful$", "full"), ("ce$", "se"), ("se$", "ce"),
        ("c(?=[ei])", "s"), ("(?<=.)s(?=[ei])", "c"), ("ck", "k"), ("ght", "gt"), ("^kn", "n"),
        ("^wr", "r"), ("mb$", "m"), ("^wh", "w"), ("ee", "ea"), ("ea", "ee"), ("(?<=[^aeiou])y$", "ey"),
        ("uly$", "uely"), ("ument$", "uement"), ("our(?=.)", "or"), ("ou", "o"), ("au", "a"),
        ("(?<=[^aeiou])e(?=ly$|ment$|ful$)", ""), ("(?<=.)x", "cks"), ("(?<=.)qu", "kw"),
    ]
]


def _position(rng: random.Random, n: int) -> int:
    """A letter position; people rarely get the first letter of a word wrong."""
    return 0 if rng.random() < 0.08 else rng.randrange(1, n)


def _keyboard(w: str, rng: random.Random) -> str | None:
    i = _position(rng, len(w))
    return w[:i] + rng.choice(KEYBOARD[w[i]]) + w[i + 1 :]


def _fat_finger(w: str, rng: random.Random) -> str | None:
    i = _position(rng, len(w))
    extra = rng.choice(KEYBOARD[w[i]])
    return w[:i] + extra + w[i:] if rng.random() < 0.5 else w[: i + 1] + extra + w[i + 1 :]


def _transpose(w: str, rng: random.Random) -> str | None:
    i = _position(rng, len(w) - 1)
    return w[:i] + w[i + 1] + w[i] + w[i + 2 :]


def _drop(w: str, rng: random.Random) -> str | None:
    i = _position(rng, len(w))
    return w[:i] + w[i + 1 :]


def _double(w: str, rng: random.Random) -> str | None:
    i = _position(rng, len(w))
    return w[: i + 1] + w[i] + w[i + 1 :]


def _undouble(w: str, rng: random.Random) -> str | None:
    doubles = [i for i in range(len(w) - 1) if w[i] == w[i + 1]]
    if not doubles:
        return None
    i = rng.choice(doubles)
    return w[:i] + w[i + 1 :]


def _vowel(w: str, rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(w)) if w[i] in _VOWELS]
    if not spots:
        return None
    i = rng.choice(spots)
    return w[:i] + rng.choice(_VOWELS.replace(w[i], "")) + w[i + 1 :]


def _phonetic(w: str, rng: random.Random) -> str | None:
    spots = [(m, r) for p, r in _PHONETIC for m in p.finditer(w)]
    if not spots:
        return None
    m, r = rng.choice(spots)
    return w[: m.start()] + r + w[m.end() :]


def _common(w: str, rng: random.Random) -> str | None:
    return rng.choice(COMMON[w]) if w in COMMON else None


OPS: dict[str, Callable[[str, random.Random], str | None]] = {
    "keyboard": _keyboard,
    "fat_finger": _fat_finger,
    "transpose": _transpose,
    "drop_letter": _drop,
    "double_letter": _double,
    "undouble_letter": _undouble,
    "vowel": _vowel,
    "phonetic": _phonetic,
    "common": _common,
}

#: Default mixture of the kinds; `NoiseConfig.kinds["spelling"]` overrides it.
WEIGHTS: dict[str, float] = {
    "keyboard": 3.0,
    "fat_finger": 1.5,
    "transpose": 2.0,
    "drop_letter": 2.5,
    "double_letter": 1.5,
    "undouble_letter": 1.5,
    "vowel": 2.0,
    "phonetic": 2.5,
    "common": 3.0,
}


def _misspellable(word: str) -> bool:
    return len(word) >= 3 and word.isascii() and word.isalpha() and (
        word.islower() or word.isupper() or word.istitle()
    )


def generate(
    text: str,
    rng: random.Random,
    kinds: Mapping[str, float] | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> Result:
    """Misspell one word."""
    candidates = [m for m in words(text) if _misspellable(m.group())]

    def by(op: Callable[[str, random.Random], str | None], kind: str):
        def apply(text: str, rng: random.Random) -> Result:
            for m in rng.sample(candidates, len(candidates)):
                word = m.group()
                new = op(word.lower(), rng)
                if new and new != word.lower() and not (is_word and is_word(new)):
                    return replace(text, m.start(), m.end(), match_case(word, new), "spelling", kind)
            return None

        return apply

    return first_that_applies(text, rng, {k: by(op, k) for k, op in OPS.items()}, kinds or WEIGHTS)
