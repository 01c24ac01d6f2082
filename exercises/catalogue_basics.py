"""Exercises of the four Foundations lessons of issue 23 (neuron, loss and backprop, convolution vs attention,
autoregressive vs one pass): registrations only (see catalogue.py); the generators live in neuron_loss.py and
conv_nat.py.

What each page passes to ``page.end`` (the exercise trace, then the extras named in ``needs``):

* neuron: the Transformer's trace; layer (the layer shown), b_1 (that layer's FFN bias)
* loss_backprop: the Transformer's trace; norms (fd.gradient_norms of the sentence, as the page measured it)
* conv_vs_attention: trace, cfg = the convolutional model's trace and ConvConfig
* autoregressive_vs_not: trace, cfg = the one-pass model's trace and config; tf_trace (the Transformer's trace)
"""

from __future__ import annotations

from . import conv_nat as cn
from . import neuron_loss as nl
from .attention import Site, strongest_key
from .catalogue_beyond import TRAINING_STEPS
from .core import COMPUTE, READ_OFF
from .forms import order_steps
from .registry import register

# Foundations 1. one neuron
register("neuron", "relu", needs=("layer", "b_1"))(nl.unit_output)
register("neuron", COMPUTE, needs=("layer",))(nl.activation_slope)
register("neuron", READ_OFF, needs=("layer",))(nl.flattest_sigmoid)

# Foundations 2. loss and backprop
register("loss_backprop", "loss")(nl.sentence_loss)
register("loss_backprop", COMPUTE)(nl.logit_gradient)
register("loss_backprop", "clip", needs=("norms",))(nl.clipped_norm)
register("loss_backprop", "steps")(order_steps(TRAINING_STEPS, "clipping"))

# Foundations 3. convolution vs attention (the convolutional model's trace and config)
register("conv_vs_attention", COMPUTE)(cn.receptive_field)
register("conv_vs_attention", "params")(cn.kernel_parameters)
register("conv_vs_attention", "gate")(cn.glu_channel)
register("conv_vs_attention", READ_OFF)(
    lambda given, rng: strongest_key(Site(given.trace, "decoder", "cross_attn"), rng, "cross"))

# Foundations 4. autoregressive vs one pass (the one-pass model's trace and config)
register("autoregressive_vs_not", COMPUTE, needs=("tf_trace",))(cn.decoder_passes)
register("autoregressive_vs_not", "copy")(cn.copied_source)
register("autoregressive_vs_not", READ_OFF)(cn.predicted_length)
