"""Exercises of lessons 11–17: registrations only (see catalogue.py); the generators live in recurrent.py,
training.py, experiments.py and families.py.

What each page passes to ``page.end`` (the exercise trace, then the extras named in ``needs``):

* rnn: trace = the RNN's recurrent trace; W_xh, b, W_hh = the encoder cell's weights as arrays
* lstm: trace = the LSTM's recurrent trace
* why_attention: trace = the LSTM+attention's recurrent trace; n_layers = the Transformer's layer count
* experiments: outcome = the page's ``xp.outcome(...)`` (an experiments.Outcome)
* training: trace = the replay trace at the slider's step; replay_step, train_config, curve (``replay.curve()``)
* live_training: live_view = the view the page draws (``LiveTrainer.view()``, trained or not)
* families: bert_trace, bert_itos (BERT's fill-in trace and source vocabulary)
"""

from __future__ import annotations

from . import experiments as xp
from . import families as fam
from . import recurrent as rec
from . import training as tr
from .attention import Site, strongest_key
from .core import COMPUTE, PICK, PREDICT, READ_OFF, SHAPES, STEPS
from .forms import order_steps
from .registry import register

TRAINING_STEPS = ("forward", "loss", "backward", "clip", "step")

# 11. RNN
register("rnn", COMPUTE, needs=("W_xh", "b", "W_hh"))(rec.rnn_hidden)
register("rnn", READ_OFF)(rec.saturated_step)
register("rnn", SHAPES)(rec.recurrent_shape((("encoder.hook_x", "rnn_x"), ("encoder.cell.hook_h", "rnn_h"),
                                             ("encoder.hook_context", "rnn_context")), "hidden"))
register("rnn", "params")(rec.cell_parameters)

# 12. LSTM
register("lstm", COMPUTE)(rec.lstm_cell)
register("lstm", "hidden")(rec.lstm_hidden)
register("lstm", READ_OFF)(rec.forget_most)
register("lstm", SHAPES)(rec.recurrent_shape((("encoder.cell.hook_pre", "lstm_pre"), ("encoder.cell.hook_f", "lstm_f"),
                                              ("encoder.cell.hook_c", "lstm_c"),
                                              ("encoder.hook_context", "rnn_context")), "gates"))
register("lstm", "params")(rec.cell_parameters)

# 13. why attention won (the exercise trace is the LSTM+attention's)
register("why_attention", COMPUTE)(rec.additive_weight)
register("why_attention", READ_OFF)(rec.aligned_source)
register("why_attention", "sequential", needs=("n_layers",))(rec.sequential_steps)
register("why_attention", SHAPES)(rec.recurrent_shape((("decoder.attn.hook_weights", "attn_weights"),
                                                       ("decoder.attn.hook_context", "attn_context"),
                                                       ("encoder.hook_context", "rnn_context")), "alignment"))

# 14. experiments (from the outcome the page computed)
register("experiments", PREDICT, needs=("outcome",))(xp.translation_changes)
register("experiments", COMPUTE, needs=("outcome",))(xp.logp_change)
register("experiments", READ_OFF, needs=("outcome",))(xp.changed_strongest)

# 15. how it was trained
register("training", COMPUTE, needs=("train_config",))(tr.learning_rate)
register("training", PREDICT, needs=("curve",))(tr.first_loss)
register("training", PICK, needs=("train_config",))(tr.lr_peak)
register("training", READ_OFF, needs=("replay_step",))(
    lambda given, rng: strongest_key(Site(given.trace, "decoder", "cross_attn"), rng, "replay"))
register("training", STEPS)(order_steps(TRAINING_STEPS, "clipping"))

# 16. train one yourself (from the view the page draws)
register("live_training", PREDICT, needs=("live_view",))(tr.live_alignment)
register("live_training", COMPUTE, needs=("live_view",))(tr.live_first_loss)
register("live_training", READ_OFF, needs=("live_view",))(tr.live_strongest)
register("live_training", STEPS)(order_steps(TRAINING_STEPS, "tasks"))

# 17. model families
register("families", PREDICT)(fam.family_mask)
register("families", COMPUTE, needs=("bert_trace", "bert_itos"))(fam.fill_odds)
register("families", READ_OFF, needs=("bert_trace",))(fam.bert_strongest)
register("families", PICK)(fam.family_for_task)
