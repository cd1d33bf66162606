from galleyproof.config import Settings
from galleyproof.lsp.settings import DEFAULT_DEBOUNCE_MS, EditorSettings


def test_the_editor_adds_to_the_project_config_like_the_command_line():
    config = Settings(ignore=frozenset({"whitespace"}), min_score=0.8)
    editor = EditorSettings.parse({"galleyproof": {"ignore": ["spelling"], "only": [], "minScore": None}})
    merged = editor.over(config)
    assert merged.ignore == {"whitespace", "spelling"} and merged.only == set() and merged.min_score == 0.8
    assert EditorSettings.parse({"minScore": 0.3}).over(config).min_score == 0.3
    assert config.sensitivity == "thorough"  # the default
    assert EditorSettings.parse({"sensitivity": "precise"}).over(config).sensitivity == "precise"
    assert EditorSettings.parse({}).over(Settings(sensitivity="precise")).sensitivity == "precise"


def test_bad_values_and_unknown_names_are_left_out_not_fatal():
    editor = EditorSettings.parse({"ignore": ["spelling", "no_such_rule"], "only": "grammar", "minScore": 7,
                                   "debounceMs": "soon", "sensitivity": "loud"})
    assert editor.ignore == {"spelling"} and editor.only is None and editor.min_score is None
    assert editor.debounce_ms == DEFAULT_DEBOUNCE_MS and editor.sensitivity is None
    assert EditorSettings.parse(None) == EditorSettings() == EditorSettings.parse([1, 2])
