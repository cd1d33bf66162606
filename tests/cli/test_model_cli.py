from galleyproof.cli.model import _gate_summary


def test_the_gate_summary_tells_the_gated_count_from_what_the_model_alone_learned():
    gate = {"rejected": 26, "rejected_honoured": 24, "rejected_learned": 9, "accepted": 0, "accepted_kept": 0,
            "recall_delta": -0.005, "p_value": 0.7}
    assert _gate_summary(gate).startswith("rejected honoured 24/26 (9 by the model alone), accepted kept 0/0")
    older = {k: v for k, v in gate.items() if k != "rejected_learned"}  # versions learned before the field
    assert _gate_summary(older).startswith("rejected honoured 24/26, accepted kept 0/0")
