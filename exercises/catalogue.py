"""Which exercises each lesson page offers: registrations only, the generators live in their modules.

A page's exercises read the sites that page shows; the step lists are the pipelines its lesson text teaches.
"""

from __future__ import annotations

from . import attention as att
from . import chains
from . import generation as gen
from . import multi_head as mh
from .attention import Site
from .core import COMPUTE, PICK, PREDICT, READ_OFF, SHAPES, STEPS
from .forms import ShapeItem, order_steps, shape_of
from .registry import register


def _on(site: tuple[str, str], make, section: str, **kw):
    """A generator of ``exercises.attention`` bound to one attention site of the learner's trace."""
    return lambda given, rng: make(Site(given.trace, *site), rng, section, **kw)


ENC, DEC, CROSS = ("encoder", "self_attn"), ("decoder", "self_attn"), ("decoder", "cross_attn")
ATTENTION_STEPS = ("project", "split_heads", "scale", "mask", "softmax", "weighted_sum", "concat", "W_O")
ENC_ATTENTION_SHAPES = (ShapeItem("encoder.layers.{layer}.self_attn.hook_q", "q"),
                        ShapeItem("encoder.layers.{layer}.self_attn.hook_pattern", "pattern"),
                        ShapeItem("encoder.layers.{layer}.self_attn.hook_z", "z"))

# 4. self-attention (encoder)
register("self_attention", COMPUTE)(_on(ENC, att.attention_weight, "scores", unscaled=True))
register("self_attention", "score")(_on(ENC, att.scaled_score, "scores"))
register("self_attention", "chain")(_on(ENC, chains.score_then_weight, "scores"))
register("self_attention", READ_OFF)(_on(ENC, att.strongest_key, "scores"))
register("self_attention", PREDICT)(_on(ENC, att.scale_effect, "scaling"))
register("self_attention", PICK)(_on(ENC, att.pick_pattern, "scores"))
register("self_attention", SHAPES)(shape_of(ENC_ATTENTION_SHAPES, "qkv"))
register("self_attention", STEPS)(order_steps(("project", "scale", "softmax", "weighted_sum"), "z"))

# 5. multi-head attention
register("multi_head", COMPUTE)(_on(ENC, mh.concat_column, "concat"))
register("multi_head", "params")(_on(ENC, mh.attention_parameters, "concat"))
register("multi_head", READ_OFF)(_on(ENC, mh.strongest_head, "glance"))
register("multi_head", PICK)(_on(ENC, mh.output_value, "concat"))
register("multi_head", SHAPES)(shape_of((ShapeItem("encoder.layers.{layer}.self_attn.hook_z", "z"),
                                         ShapeItem("encoder.layers.{layer}.self_attn.hook_concat", "concat"),
                                         ShapeItem("encoder.layers.{layer}.self_attn.hook_out", "attn_out")),
                                        "concat"))
register("multi_head", STEPS)(order_steps(ATTENTION_STEPS[:2] + ("softmax", "weighted_sum", "concat", "W_O"),
                                          "concat"))

# 8. masked self-attention (decoder)
register("masked_attention", COMPUTE)(_on(DEC, att.attention_weight, "softmax"))
register("masked_attention", PREDICT)(_on(DEC, att.mask_grid, "mask"))
register("masked_attention", PICK)(_on(DEC, att.pick_pattern, "softmax"))
register("masked_attention", READ_OFF)(_on(DEC, att.strongest_key, "softmax"))
register("masked_attention", SHAPES)(shape_of((ShapeItem("decoder.layers.{layer}.self_attn.hook_mask", "mask"),
                                               ShapeItem("decoder.layers.{layer}.self_attn.hook_pattern", "pattern")),
                                              "mask"))
register("masked_attention", STEPS)(order_steps(("scale", "mask", "softmax", "weighted_sum"), "mask"))

# 9. cross-attention
register("cross_attention", COMPUTE)(_on(CROSS, att.attention_weight, "pattern"))
register("cross_attention", "score")(_on(CROSS, att.scaled_score, "pattern"))
register("cross_attention", READ_OFF)(_on(CROSS, att.strongest_key, "pattern"))
register("cross_attention", PREDICT)(_on(CROSS, att.mask_grid, "intro"))
register("cross_attention", PICK)(_on(CROSS, att.pick_pattern, "pattern"))
register("cross_attention", SHAPES)(shape_of((ShapeItem("decoder.layers.{layer}.cross_attn.hook_pattern", "pattern"),
                                              ShapeItem("decoder.layers.{layer}.cross_attn.hook_k", "k"),
                                              ShapeItem("decoder.layers.{layer}.cross_attn.hook_q", "q")),
                                             "intro"))
register("cross_attention", STEPS)(order_steps(("self_attn", "cross_attn", "ffn"), "intro"))

# 10. output and generation
register("generation", COMPUTE, needs=("itos",))(gen.temperature)
register("generation", "loss", needs=("itos",))(gen.word_loss)
register("generation", READ_OFF, needs=("itos",))(gen.greedy_pick)
register("generation", SHAPES)(shape_of((ShapeItem("generator.hook_logits", "logits"),
                                         ShapeItem("generator.hook_probs", "probs")), "steps"))
register("generation", STEPS)(order_steps(("logits", "softmax_vocab", "pick", "append"), "steps"))


from . import catalogue_basics, catalogue_beyond, catalogue_foundations  # noqa: E402,F401  (the other pages register there)
