"""RNN and LSTM encoder–decoders, written out step by step so every hidden state and gate is visible.

Three models, trained on the same corpus with the same vocabularies as the Transformer:

* ``rnn``: a vanilla RNN encoder–decoder with a FIXED context vector c — the encoder's last hidden
  state h_T (Cho et al. 2014; Sutskever et al. 2014). Every source word must squeeze through c.
* ``lstm``: the same with LSTM cells (Hochreiter & Schmidhuber 1997): forget, input and output gates
  and a memory cell c_t that is updated by addition, so gradients fade less with distance.
* ``lstm_attn``: the LSTM decoder reads a fresh context c_t = Σ_j α_tj h_j at every step, with additive
  attention (Bahdanau et al. 2015): e_tj = vᵀ tanh(W_s s_{t−1} + W_h h_j), α_t = softmax_j(e_t).
  This is the bridge to the Transformer, whose cross-attention does the same with dot products.

Letters used in shape comments: B batch, T (T_src / T_tgt) sequence length, d = d_hidden, e = d_embed,
V vocabulary size. A recurrent cell runs once per time step, so its hook points (:class:`StepHook`)
record one tensor per step; trace.arrays_from_capture stacks them into (T, …) arrays.

Decoder input at step t is [y_{t−1}; c_t] (the previous word's embedding beside the context), its first
state is the encoder's last state, and p(y_t) = softmax(W_out s_t). With a fixed context, c_t = c.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from .hooks import HookPoint, hook_points
from .tokenizer import PAD_ID

MODELS = ("rnn", "lstm", "lstm_attn")
State = tuple[torch.Tensor, ...]  # (h,) for the RNN, (h, c) for the LSTM; each (B, d)


@dataclass(frozen=True)
class RNNConfig:
    """Sizes of a recurrent encoder–decoder. The same d_hidden for every cell keeps the comparison about
    the architecture: an LSTM has four weight blocks where an RNN has one, so it has more parameters."""

    src_vocab_size: int
    tgt_vocab_size: int
    cell: str = "rnn"  # "rnn" | "lstm"
    attention: bool = False  # additive attention in the decoder instead of one fixed context vector
    d_embed: int = 64
    d_hidden: int = 128
    d_attn: int = 128  # width of the additive-attention layer (W_s, W_h: d_hidden → d_attn)
    max_len: int = 32  # longest output incl. <eos>, plus one (same as the Transformer's max_len)
    dropout: float = 0.1

    def __post_init__(self) -> None:
        if self.cell not in ("rnn", "lstm"):
            raise ValueError(f"cell must be 'rnn' or 'lstm', not {self.cell!r}")

    @property
    def name(self) -> str:
        """Checkpoint name: rnn, lstm, lstm_attn (or rnn_attn)."""
        return self.cell + ("_attn" if self.attention else "")

    def to_dict(self) -> dict:
        return asdict(self)


def config_for(name: str, src_vocab_size: int, tgt_vocab_size: int, **overrides) -> RNNConfig:
    """The configuration behind a model name in MODELS."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose from {MODELS}")
    cell, _, attn = name.partition("_")
    return RNNConfig(src_vocab_size, tgt_vocab_size, cell=cell, attention=bool(attn), **overrides)


class StepHook(HookPoint):
    """A hook point inside the recurrence: it records once per time step, and traces stack the records."""

    per_step = True


# ============================================================================================ cells


class RNNCell(nn.Module):
    """Vanilla (Elman) RNN cell: h_t = tanh(W_xh x_t + W_hh h_{t−1} + b)."""

    def __init__(self, d_in: int, d_hidden: int) -> None:
        super().__init__()
        self.W_xh = nn.Linear(d_in, d_hidden)  # its bias is b
        self.W_hh = nn.Linear(d_hidden, d_hidden, bias=False)
        nn.init.orthogonal_(self.W_hh.weight)
        self.hook_pre = StepHook()  # a_t = W_xh x_t + W_hh h_{t−1} + b, (B, d)
        self.hook_h = StepHook()  # h_t, (B, d)

    def initial_state(self, x: torch.Tensor) -> State:
        """h_0 = 0, (B, d), on x's device and dtype."""
        return (x.new_zeros(x.shape[0], self.W_hh.in_features),)

    def forward(self, x_t: torch.Tensor, state: State) -> State:
        (h_prev,) = state
        a_t = self.hook_pre(self.W_xh(x_t) + self.W_hh(h_prev))
        return (self.hook_h(torch.tanh(a_t)),)


class LSTMCell(nn.Module):
    """LSTM cell with every gate written out:

    f_t = σ(W_xf x_t + W_hf h_{t−1} + b_f)      forget gate: how much of c_{t−1} to keep
    i_t = σ(W_xi x_t + W_hi h_{t−1} + b_i)      input gate: how much of the candidate to write
    g_t = tanh(W_xg x_t + W_hg h_{t−1} + b_g)   candidate c̃_t
    o_t = σ(W_xo x_t + W_ho h_{t−1} + b_o)      output gate: how much of the memory to show
    c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t            memory cell, updated by addition
    h_t = o_t ⊙ tanh(c_t)

    The four x-weights are stacked row-wise in W_xh (4d × d_in), the four h-weights in W_hh (4d × d),
    in the order f, i, g, o: one matrix product per step instead of eight.
    """

    def __init__(self, d_in: int, d_hidden: int) -> None:
        super().__init__()
        self.d_hidden = d_hidden
        self.W_xh = nn.Linear(d_in, 4 * d_hidden)  # [W_xf; W_xi; W_xg; W_xo], bias [b_f; b_i; b_g; b_o]
        self.W_hh = nn.Linear(d_hidden, 4 * d_hidden, bias=False)  # [W_hf; W_hi; W_hg; W_ho]
        with torch.no_grad():
            for k in range(4):
                nn.init.orthogonal_(self.W_hh.weight[k * d_hidden:(k + 1) * d_hidden])
            self.W_xh.bias[:d_hidden].fill_(1.0)  # b_f = 1: remember by default at the start of training
        self.hook_pre = StepHook()  # the four pre-activations [f; i; g; o], (B, 4d)
        self.hook_f = StepHook()  # f_t, (B, d)
        self.hook_i = StepHook()  # i_t, (B, d)
        self.hook_g = StepHook()  # g_t = c̃_t, (B, d)
        self.hook_o = StepHook()  # o_t, (B, d)
        self.hook_c = StepHook()  # c_t, (B, d)
        self.hook_h = StepHook()  # h_t, (B, d)

    def initial_state(self, x: torch.Tensor) -> State:
        """h_0 = c_0 = 0, (B, d) each, on x's device and dtype."""
        zeros = x.new_zeros(x.shape[0], self.d_hidden)
        return zeros, zeros

    def forward(self, x_t: torch.Tensor, state: State) -> State:
        h_prev, c_prev = state
        z = self.hook_pre(self.W_xh(x_t) + self.W_hh(h_prev))  # (B, 4d)
        z_f, z_i, z_g, z_o = z.chunk(4, dim=-1)  # (B, 4d) → 4 × (B, d)
        f_t = self.hook_f(torch.sigmoid(z_f))
        i_t = self.hook_i(torch.sigmoid(z_i))
        g_t = self.hook_g(torch.tanh(z_g))
        o_t = self.hook_o(torch.sigmoid(z_o))
        c_t = self.hook_c(f_t * c_prev + i_t * g_t)
        h_t = self.hook_h(o_t * torch.tanh(c_t))
        return h_t, c_t


def make_cell(kind: str, d_in: int, d_hidden: int) -> nn.Module:
    return RNNCell(d_in, d_hidden) if kind == "rnn" else LSTMCell(d_in, d_hidden)


# ======================================================================================= encoder


class Encoder(nn.Module):
    """Reads the source one character at a time: h_t = cell(x_t, h_{t−1}), from h_0 = 0.

    Padding sits on the right; at padded steps the state is carried over unchanged, so the final state
    is the state after the last real character whatever the padding. (The cell's hooks still record what
    it computed at a padded step, which is then discarded; a single sentence has no padding.)
    """

    def __init__(self, cfg: RNNConfig) -> None:
        super().__init__()
        self.cell = make_cell(cfg.cell, cfg.d_embed, cfg.d_hidden)
        self.hook_x = HookPoint()  # the input embeddings x_1 … x_T, (B, T_src, e)
        self.hook_context = HookPoint()  # c = h_T, the fixed context vector, (B, d); an LSTM also passes on c_T

    def forward(self, x: torch.Tensor, src_mask: torch.Tensor) -> tuple[torch.Tensor, State]:
        """x (B, T_src, e) embedded source, src_mask (B, T_src) True at real tokens →
        (H (B, T_src, d) every h_t, final state)."""
        x = self.hook_x(x)
        T = x.shape[1]
        state = self.cell.initial_state(x)
        hs = []
        for t in range(T):
            new = self.cell(x[:, t], state)
            keep = src_mask[:, t, None]  # (B, 1): real token → take the new state, padding → carry the old
            state = tuple(torch.where(keep, n, s) for n, s in zip(new, state))
            hs.append(state[0])
        H = torch.stack(hs, dim=1)  # T × (B, d) → (B, T_src, d)
        self.hook_context(state[0])
        return H, state


# ===================================================================================== attention


class AdditiveAttention(nn.Module):
    """Bahdanau attention: e_tj = vᵀ tanh(W_s s_{t−1} + W_h h_j); α_t = softmax over real positions j;
    c_t = Σ_j α_tj h_j."""

    def __init__(self, cfg: RNNConfig) -> None:
        super().__init__()
        self.W_s = nn.Linear(cfg.d_hidden, cfg.d_attn, bias=False)
        self.W_h = nn.Linear(cfg.d_hidden, cfg.d_attn)
        self.v = nn.Linear(cfg.d_attn, 1, bias=False)
        self.hook_scores = StepHook()  # e_t before masking, (B, T_src)
        self.hook_weights = StepHook()  # α_t, (B, T_src); exactly 0 on padding
        self.hook_context = StepHook()  # c_t, (B, d)

    def keys(self, H: torch.Tensor) -> torch.Tensor:
        """W_h h_j for every source position, once per sentence: (B, T_src, d) → (B, T_src, d_attn)."""
        return self.W_h(H)

    def forward(self, s_prev: torch.Tensor, keys: torch.Tensor, H: torch.Tensor,
                src_mask: torch.Tensor) -> torch.Tensor:
        """s_prev (B, d) → c_t (B, d)."""
        e = self.v(torch.tanh(self.W_s(s_prev).unsqueeze(1) + keys)).squeeze(-1)  # (B, 1, a) + (B, T, a) → (B, T)
        e = self.hook_scores(e)
        alpha = self.hook_weights(e.masked_fill(~src_mask, float("-inf")).softmax(dim=-1))  # (B, T_src)
        c_t = torch.bmm(alpha.unsqueeze(1), H).squeeze(1)  # (B, 1, T) @ (B, T, d) → (B, 1, d) → (B, d)
        return self.hook_context(c_t)


# ======================================================================================= decoder


@dataclass
class Encoded:
    """What the decoder needs from the encoder for one batch."""

    H: torch.Tensor  # every encoder state h_1 … h_T, (B, T_src, d)
    src_mask: torch.Tensor  # (B, T_src), True at real tokens
    final: State  # the encoder's last state: c = final[0]
    keys: torch.Tensor | None  # W_h H for attention, (B, T_src, d_attn); None without attention


class Decoder(nn.Module):
    """One output word per step: s_t = cell([y_{t−1}; c_t], s_{t−1}), p(y_t) = softmax(W_out s_t)."""

    def __init__(self, cfg: RNNConfig) -> None:
        super().__init__()
        self.attn = AdditiveAttention(cfg) if cfg.attention else None
        self.cell = make_cell(cfg.cell, cfg.d_embed + cfg.d_hidden, cfg.d_hidden)
        self.dropout = nn.Dropout(cfg.dropout)
        self.W_out = nn.Linear(cfg.d_hidden, cfg.tgt_vocab_size)
        self.hook_y = StepHook()  # embedding of the previous word y_{t−1}, (B, e)
        self.hook_logits = StepHook()  # (B, V_tgt)
        self.hook_probs = StepHook()  # softmax(logits), (B, V_tgt); computed only when recorded

    def forward(self, y_prev: torch.Tensor, state: State, enc: Encoded) -> tuple[torch.Tensor, State]:
        """y_prev (B, e) embedded previous word, state s_{t−1} → (logits (B, V_tgt), s_t)."""
        if self.attn is None:
            context = enc.final[0]  # the same c at every step: the bottleneck
        else:
            context = self.attn(state[0], enc.keys, enc.H, enc.src_mask)
        state = self.cell(torch.cat([self.hook_y(y_prev), context], dim=-1), state)  # (B, e + d)
        logits = self.hook_logits(self.W_out(self.dropout(state[0])))
        if self.hook_probs.recorder is not None:
            self.hook_probs(logits.softmax(dim=-1))
        return logits, state


class Seq2Seq(nn.Module):
    """Recurrent encoder–decoder; the same encode / decode-step interface for RNN, LSTM and LSTM+attention."""

    def __init__(self, cfg: RNNConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.src_embed = nn.Embedding(cfg.src_vocab_size, cfg.d_embed)
        self.tgt_embed = nn.Embedding(cfg.tgt_vocab_size, cfg.d_embed)
        self.dropout = nn.Dropout(cfg.dropout)
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        hook_points(self)  # name every site now

    def encode(self, src: torch.Tensor) -> Encoded:
        """src (B, T_src) ids, right-padded → Encoded."""
        src_mask = src != PAD_ID  # (B, T_src)
        H, final = self.encoder(self.dropout(self.src_embed(src)), src_mask)
        keys = self.decoder.attn.keys(H) if self.decoder.attn is not None else None
        return Encoded(H, src_mask, final, keys)

    def initial_state(self, enc: Encoded) -> State:
        """The decoder starts from the encoder's last state (h_T, and c_T for the LSTM)."""
        return enc.final

    def decode_step(self, enc: Encoded, y_prev: torch.Tensor, state: State) -> tuple[torch.Tensor, State]:
        """y_prev (B,) previous word ids → (logits (B, V_tgt), new state)."""
        return self.decoder(self.dropout(self.tgt_embed(y_prev)), state, enc)

    def start(self, src: torch.Tensor) -> RecurrentState:
        """Read the source once for decoding.py: src (B, T_src) → a state fed one word per step."""
        return RecurrentState(self, self.encode(src))

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        """Teacher forcing: tgt (B, T_tgt) starts with <bos>; returns logits (B, T_tgt, V_tgt)."""
        enc = self.encode(src)
        state = self.initial_state(enc)
        out = []
        for t in range(tgt.shape[1]):
            logits, state = self.decode_step(enc, tgt[:, t], state)
            out.append(logits)
        return torch.stack(out, dim=1)  # T_tgt × (B, V) → (B, T_tgt, V)

    def n_params(self) -> int:
        return sum(p.numel() for p in self.parameters())



class RecurrentState:
    """Decoding state of a recurrent model (see decoding.py): the encoder's output and the decoder's state
    after the ``fed`` words read so far. A longer prefix feeds only the new words; a shorter one starts over."""

    def __init__(self, model: Seq2Seq, enc: Encoded) -> None:
        self.model, self.enc = model, enc
        self.state, self.fed = model.initial_state(enc), 0

    def next_logits(self, prefix: torch.Tensor) -> torch.Tensor:
        """prefix (B, t) ids starting with <bos> → logits (B, V_tgt) of the word after it."""
        if prefix.shape[1] <= self.fed:
            self.state, self.fed = self.model.initial_state(self.enc), 0
        for t in range(self.fed, prefix.shape[1]):
            logits, self.state = self.model.decode_step(self.enc, prefix[:, t], self.state)
        self.fed = prefix.shape[1]
        return logits

    def select(self, rows: torch.Tensor) -> RecurrentState:
        e = self.enc
        keys = None if e.keys is None else e.keys[rows]
        out = RecurrentState(self.model, Encoded(e.H[rows], e.src_mask[rows], tuple(x[rows] for x in e.final), keys))
        out.state, out.fed = tuple(x[rows] for x in self.state), self.fed
        return out
