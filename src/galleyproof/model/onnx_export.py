"""The tagger as an ONNX graph with int8 weights, made from a model folder's `weights.npz`.

The graph computes what `NumpyTagger.probs` computes, op for op (RMSNorm, rotary, attention
with a padding bias, SiLU-gated feed-forward, softmax head), on one window at a time; then
`onnxruntime.quantization.quantize_dynamic` stores the weights of most of its linear layers as
int8 (the activations are quantized on the fly, one scale per window; `FULL_PRECISION_WEIGHTS`
stay float32). Run by
`galleyproof model export-onnx`; needs the `onnx` package, which the check path never imports.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import numpy as np

from galleyproof.model.folder import ONNX_FILE
from galleyproof.model.numpy_tagger import NumpyTagger

#: The ONNX opset and IR version the graph is written for (onnxruntime 1.17 and later read them).
OPSET = 18
IR_VERSION = 9


def build_graph(tagger: NumpyTagger):
    """`tagger`'s forward pass as an fp32 `onnx.ModelProto`: inputs ids, lex (int64) and mask
    (bool), each (batch, time); output probs (batch, time, labels)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    w, cfg = tagger.w, tagger.cfg
    h = cfg["n_head"]
    c = cfg["n_embd"]
    d = c // h
    half = d // 2
    inits, nodes = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(op, ins, outs=None, **attrs):
        outs = outs or [f"{op}_{len(nodes)}"]
        nodes.append(helper.make_node(op, ins, outs, name=outs[0], **attrs))  # named: `export_onnx` picks by name
        return outs[0] if len(outs) == 1 else outs

    for k, v in w.items():
        const(k, v)
    const("cos_table", tagger.cos)
    const("sin_table", tagger.sin)
    const("eps", np.float32(1e-6))
    const("scale", np.float32(1.0 / np.sqrt(d)))
    const("neg_inf", np.float32(-np.inf))
    const("zero_f", np.float32(0.0))
    const("axes_last", np.array([-1], dtype=np.int64))
    const("axes_12", np.array([1, 2], dtype=np.int64))
    const("zero", np.array([0], dtype=np.int64))
    const("one", np.array([1], dtype=np.int64))
    const("half", np.array([half], dtype=np.int64))
    const("dfull", np.array([d], dtype=np.int64))
    const("shape_bt3hd", np.array([0, 0, 3, h, d], dtype=np.int64))
    const("shape_btc", np.array([0, 0, c], dtype=np.int64))

    def rms(x, weight):
        mean = node("ReduceMean", [node("Mul", [x, x]), "axes_last"], keepdims=1)
        sd = node("Sqrt", [node("Add", [mean, "eps"])])
        return node("Mul", [node("Div", [x, sd]), weight])

    t_len = node("Gather", [node("Shape", ["ids"]), "one"], axis=0)
    cos = node("Slice", ["cos_table", "zero", t_len])
    sin = node("Slice", ["sin_table", "zero", t_len])

    def rope(x):
        x1 = node("Slice", [x, "zero", "half", "axes_last"])
        x2 = node("Slice", [x, "half", "dfull", "axes_last"])
        lo = node("Sub", [node("Mul", [x1, cos]), node("Mul", [x2, sin])])
        hi = node("Add", [node("Mul", [x1, sin]), node("Mul", [x2, cos])])
        return node("Concat", [lo, hi], axis=-1)

    x = node("Add", [node("Gather", ["tok_emb.weight", "ids"]), node("Gather", ["lex_emb.weight", "lex"])])
    bias = node("Where", [node("Unsqueeze", ["mask", "axes_12"]), "zero_f", "neg_inf"])
    for i in range(cfg["n_layer"]):
        p = f"blocks.{i}."
        y = rms(x, p + "norm1.weight")
        qkv = node("Reshape", [node("MatMul", [y, p + "attn.qkv.weight"]), "shape_bt3hd"])
        qkv = node("Transpose", [qkv], perm=[2, 0, 3, 1, 4])
        q, k, v = node("Split", [qkv], outs=[f"q{i}", f"k{i}", f"v{i}"], axis=0, num_outputs=3)
        q, k, v = (node("Squeeze", [t, "zero"]) for t in (q, k, v))
        q, k = rope(q), rope(k)
        att = node("Mul", [node("MatMul", [q, node("Transpose", [k], perm=[0, 1, 3, 2])]), "scale"])
        att = node("Softmax", [node("Add", [att, bias])], axis=-1)
        y = node("Reshape", [node("Transpose", [node("MatMul", [att, v])], perm=[0, 2, 1, 3]), "shape_btc"])
        x = node("Add", [x, node("MatMul", [y, p + "attn.proj.weight"])])
        y = node("MatMul", [rms(x, p + "norm2.weight"), p + "ffn.gate_up.weight"])
        gate, up = node("Split", [y], outs=[f"gate{i}", f"up{i}"], axis=-1, num_outputs=2)
        silu = node("Mul", [gate, node("Sigmoid", [gate])])
        x = node("Add", [x, node("MatMul", [node("Mul", [silu, up]), p + "ffn.down.weight"])])
    logits = node("Add", [node("MatMul", [rms(x, "norm.weight"), "head.weight"]), "head.bias"])
    node("Softmax", [logits], outs=["probs"], axis=-1)
    graph = helper.make_graph(
        nodes, "galleyproof_tagger",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("lex", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("mask", TensorProto.BOOL, ["b", "t"])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["b", "t", cfg["n_labels"]])],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="galleyproof")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model


#: Linear layers left in float32: the feed-forward's down product (its input is the SiLU
#: gate's, with the largest outliers, which one int8 scale per window flattens) and the head
#: (it decides the labels). With them in int8 too the forward pass is 2.7x numpy's but the
#: probabilities move by up to 0.10; without, 2.1x and 0.03, and the evals' finds unchanged
#: (docs/experiments/inference_speed.md, "Fifth round").
FULL_PRECISION_WEIGHTS = ("ffn.down.weight", "head.weight")


def full_precision_nodes(graph) -> list[str]:
    """The names of the MatMul nodes whose weights `FULL_PRECISION_WEIGHTS` names."""
    return [n.name for n in graph.graph.node
            if n.op_type == "MatMul" and n.input[1].endswith(FULL_PRECISION_WEIGHTS)]


def export_onnx(model_dir: str | Path, out: str | Path | None = None) -> Path:
    """Write the int8 graph of the model in `model_dir` (to `out`, by default the folder's own
    `ONNX_FILE`) and return its path. The same weights give the same file."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model_dir = Path(model_dir)
    out = Path(out) if out is not None else model_dir / ONNX_FILE
    graph = build_graph(NumpyTagger.load(model_dir))
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "tagger.fp32.onnx"
        onnx.save(graph, fp32)
        partial = Path(tmp) / "tagger.int8.onnx"
        # Linear layers only (the attention products multiply activations by activations);
        # weights per tensor, signed; activations as uint8 with a scale per call.
        logging.disable(logging.WARNING)  # its advice to pre-process the graph (nothing to gain here)
        try:
            quantize_dynamic(fp32, partial, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                             nodes_to_exclude=full_precision_nodes(graph))
        finally:
            logging.disable(logging.NOTSET)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(partial.read_bytes())
    return out
