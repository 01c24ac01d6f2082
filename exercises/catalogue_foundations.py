"""Exercises of pages 1–3, 6 and 7 (overview, tokens, positions, Add & Norm + FFN, encoder): registrations
only (see catalogue.py); the generators live in embedding.py, norm_ffn.py and encoder.py.

Extras the pages pass (``page.end(SLUG, **extras)``): add_norm_ffn passes ``layer`` (the layer shown),
``norm1`` = (γ, β, ε) of that layer's first LayerNorm and ``b_1`` (that layer's FFN bias b_1).
"""

from __future__ import annotations

from . import embedding as emb
from . import encoder as enc
from . import norm_ffn as nf
from .core import COMPUTE, PICK, PREDICT, READ_OFF, SHAPES, STEPS
from .forms import ShapeItem, order_steps, shape_of
from .registry import register

# 1. overview
register("overview", STEPS)(order_steps(("tokenize", "embed", "add_pe", "encode", "decode", "logits",
                                         "softmax_vocab"), "flow"))
register("overview", SHAPES)(emb.shape_no_layer((ShapeItem("src_embed.hook_x", "x"),
                                                 ShapeItem("encoder.hook_memory", "memory"),
                                                 ShapeItem("generator.hook_logits", "logits")), "tensors"))
register("overview", "params")(nf.layer_parameters)
register("overview", PICK)(enc.name_that_tensor)

# 2. tokens and embeddings
register("tokens", COMPUTE)(emb.scaled_embedding)
register("tokens", "sum")(emb.embedding_sum)
register("tokens", "params")(emb.embedding_parameters)
register("tokens", SHAPES)(emb.shape_no_layer((ShapeItem("src_embed.hook_token", "embedding"),
                                               ShapeItem("src_embed.hook_scaled", "scaled"),
                                               ShapeItem("src_embed.hook_x", "x")), "lookup"))
register("tokens", STEPS)(order_steps(("tokenize", "embed", "scale_embed", "add_pe"), "lookup"))

# 3. positional encoding
register("positions", COMPUTE)(emb.pe_value)
register("positions", PREDICT)(emb.nearest_position)
register("positions", SHAPES)(emb.shape_no_layer((ShapeItem("src_embed.hook_pos", "pe"),
                                                  ShapeItem("src_embed.hook_x", "x")), "sum"))

# 6. Add & Norm, feed-forward
register("add_norm_ffn", COMPUTE, needs=("layer", "norm1"))(nf.layer_norm_value)
register("add_norm_ffn", "relu", needs=("layer", "b_1"))(nf.relu_unit)
register("add_norm_ffn", READ_OFF)(nf.active_units)
register("add_norm_ffn", "params")(nf.ffn_parameters)
register("add_norm_ffn", SHAPES)(shape_of((ShapeItem("encoder.layers.{layer}.norm1.hook_out", "norm_out"),
                                           ShapeItem("encoder.layers.{layer}.ffn.hook_pre", "ffn_pre"),
                                           ShapeItem("encoder.layers.{layer}.ffn.hook_out", "ffn_out")), "ffn"))
register("add_norm_ffn", STEPS)(order_steps(("add", "norm", "linear_1", "relu", "linear_2", "add_ffn",
                                             "norm_ffn"), "second"))

# 7. the encoder stack
register("encoder", PREDICT)(enc.encoder_reach)
register("encoder", COMPUTE)(enc.memory_cosine)
register("encoder", READ_OFF)(enc.most_changed)
register("encoder", "params")(nf.encoder_parameters)
register("encoder", SHAPES)(shape_of((ShapeItem("encoder.layers.{layer}.hook_in", "layer_in"),
                                      ShapeItem("encoder.layers.{layer}.norm2.hook_out", "layer_out"),
                                      ShapeItem("encoder.layers.{layer}.ffn.hook_pre", "ffn_pre")), "memory"))
register("encoder", STEPS)(order_steps(("enc_self_attn", "add", "norm", "ffn", "add_ffn", "norm_ffn"), "intro"))
