"""2. Tokens and embeddings: characters → ids → rows of the embedding table, × √d_model."""

import math

import streamlit as st

from tutorial_model.gloss import sentence_words
from tutorial_model.layers import Embeddings
from tutorial_model.pinyin import sentence_pinyin
from tutorial_model.tokenizer import Tokenizer, as_token, left_out
from tutorial_model.trace import param_name
from ui import loaders, page, present, views, widgets
from ui.i18n import t

SLUG = "tokens"
VOCAB_TAB = "_tabs.vocab"  # which embedding map is open
ctx = page.begin(SLUG)
trace, tok = ctx.trace, ctx.translator.tokenizer
toks, cfg = trace.src_tokens, ctx.cfg
enc = tok.encode_source(trace.meta["text"])

page.text(SLUG, "ids")
# the sentence with each character's pinyin under it: two-row tables of at most PINYIN_ROW characters, so that the
# longest sentence fits a 1366 px screen (Markdown: no user text ever goes into HTML)
PINYIN_ROW = 12
present.split()
readings = sentence_pinyin(enc.tokens)
st.markdown("\n\n".join(
    "\n".join(["| " + " | ".join(widgets.md_escape(c) for c in enc.tokens[k:k + PINYIN_ROW]) + " |",
               "|" + ":-:|" * len(readings[k:k + PINYIN_ROW]),
               "| " + " | ".join(widgets.md_escape(r) for r in readings[k:k + PINYIN_ROW]) + " |"])
    for k in range(0, len(readings), PINYIN_ROW)))
# the English the training lexicon pairs this sentence's words with, each word once, in quotes as in the hover
words = {"".join(enc.tokens[a:b]): en for a, b, en in sentence_words(enc.tokens)}
st.caption(t("tokens.gloss", words=" · ".join(f"{widgets.md_escape(w)} “{widgets.md_escape(en)}”"
                                              for w, en in words.items()))
           if words else t("tokens.gloss_none"))
# what the tokenizer dropped from the typed text (。, quotes …), named rather than silently gone
dropped = left_out(ctx.text, [c for s in ctx.normalized.sentences for c in tok.encode_sentence(s).tokens])
no_token = [c for c in dropped if c not in tok.src and as_token(c) not in tok.src]
if no_token:
    st.caption(t("tokens.left_out", chars=" ".join(widgets.md_escape(c) for c in no_token), n=len(tok.src)))
if len(no_token) < len(dropped):  # in the vocabulary, yet dropped: a comma at either end of a sentence
    st.caption(t("tokens.left_out_edge", chars=" ".join(widgets.md_escape(c) for c in dropped if c not in no_token)))
st.caption(t("tokens.pinyin_note"))
widgets.table({t("tokens.col_pos"): list(range(len(enc.tokens))), t("tokens.col_char"): list(enc.tokens),
              t("tokens.col_id"): list(enc.ids), t("tokens.col_label"): toks})
st.caption(t("tokens.vocab_sizes", src=len(tok.src), tgt=len(tok.tgt)))

page.text(SLUG, "lookup")
i = widgets.token_select(toks, t("control.token"))
E = views.tensor(trace, ("token", "src_embed"), toks, highlight_row=i, x_title=t("fig.dimension"),
                 y_title=t("fig.token"), signed=True)
S = views.tensor(trace, ("scaled", "src_embed"), toks, highlight_row=i, x_title=t("fig.dimension"),
                 y_title=t("fig.token"), signed=True)
with widgets.by_hand(t("tokens.check", token=widgets.md_escape(toks[i]), id=enc.ids[i])):
    row = ctx.translator.weight(param_name("lut", stack="src_embed"))[enc.ids[i]]
    st.latex(rf"E[\text{{id}}={enc.ids[i]}] = {widgets.vector_latex(row)}")
    ours = float(row[0]) * math.sqrt(cfg.d_model)
    root = math.sqrt(cfg.d_model)
    st.latex(rf"{row[0]:.4f} \times \sqrt{{{cfg.d_model}}} = {row[0]:.4f} \times {root:g} = {ours:.4f}")
    widgets.agreement(ours, float(S[i, 0]))

page.text(SLUG, "space")
present.split()  # presenting: the two maps on a part of their own, under the section's text
# only the open tab's map is made (a rerun when the learner switches): each labels its whole vocabulary, ~1,000 and
# ~1,800 texts, the browser's slowest figures; both drawn made this lesson's click twice as slow as any other
tab_src, tab_tgt = st.tabs([t("tokens.tab_src"), t("tokens.tab_tgt")], key=VOCAB_TAB, on_change="rerun")
for tab, which, vocab, labels in ((tab_src, "src", tok.src, toks), (tab_tgt, "tgt", tok.tgt, trace.out_tokens)):
    if not tab.open:
        continue
    with tab:
        points, ratio = loaders.embedding_pca(which)
        ids = sorted({vocab.stoi[x] for x in labels if x in vocab.stoi})
        name = f"{which}_embed.lut.weight"
        widgets.figure(views.scatter_2d(points, vocab.itos, highlight=ids, height=560,
                                          width=820,  # the page's width at 1280 px: labels placed for it
                                          names=(t("fig.vocabulary"), t("fig.this_sentence")),
                                          title=views.title(name, (len(vocab), cfg.d_model), t("tokens.pca")),
                                          x_title=t("tokens.pc", n=1, pct=f"{100 * ratio[0]:.0f}"),
                                          y_title=t("tokens.pc", n=2, pct=f"{100 * ratio[1]:.0f}")),
                       key=f"pca.{which}", csv=(points, vocab.itos, ["pc1", "pc2"]),
                       max_height=440)  # presenting: under the tabs, on a part of their own

widgets.show_code(Tokenizer.encode_source, Embeddings.forward)
page.end(SLUG)
