"""The lessons in order: one entry per file in lesson_pages/. app.py's navigation and the ◀ ▶ links both read this.

The folder is deliberately not called ``pages/``: Streamlit treats a ``pages/`` folder as its legacy multipage
layout until ``st.navigation`` has run once in the process, so a shared lesson link opened first after a restart
would run the page file alone, without app.py's sidebar and state.
"""

from __future__ import annotations

from dataclasses import dataclass


def page_file(slug: str) -> str:
    """A lesson's page, relative to app.py: named by its slug, so adding a lesson renames nothing."""
    return f"lesson_pages/{slug}.py"


@dataclass(frozen=True)
class Lesson:
    slug: str  # names everything: lesson_pages/<slug>.py, assets/lessons/<lang>/<slug>.md, URL path, "page.<slug>"
    icon: str
    part: str = "transformer"  # the sidebar section: "transformer" (1–10), "recurrent" (11–13), "experiments"

    @property
    def file(self) -> str:  # what st.Page and st.switch_page take
        return page_file(self.slug)


LESSONS: tuple[Lesson, ...] = (
    Lesson("overview", ":material/account_tree:"),
    Lesson("tokens", ":material/abc:"),
    Lesson("positions", ":material/waves:"),
    Lesson("self_attention", ":material/visibility:"),
    Lesson("multi_head", ":material/grid_view:"),
    Lesson("add_norm_ffn", ":material/add_circle:"),
    Lesson("encoder", ":material/layers:"),
    Lesson("masked_attention", ":material/visibility_off:"),
    Lesson("cross_attention", ":material/compare_arrows:"),
    Lesson("generation", ":material/auto_awesome:"),
    # RNN and LSTM beside the Transformer, on the same sentence
    Lesson("rnn", ":material/replay:", "recurrent"),
    Lesson("lstm", ":material/memory:", "recurrent"),
    Lesson("why_attention", ":material/emoji_events:", "recurrent"),
    # take a part out of the model and see what breaks (issue 11)
    Lesson("experiments", ":material/science:", "experiments"),
    # how it learned: the real training replayed, then a tiny Transformer trained live (issue 12)
    Lesson("training", ":material/model_training:", "training"),
    Lesson("live_training", ":material/play_circle:", "training"),
    # the three families of Transformer on one sentence: encoder-only, decoder-only, encoder–decoder (issue 13)
    Lesson("families", ":material/family_history:", "families"),
    Lesson("neuron", ":material/neurology:", "foundations"),  # issue 23; after 17
    Lesson("loss_backprop", ":material/trending_down:", "foundations"),  # 1–17 kept
    Lesson("conv_vs_attention", ":material/view_week:", "foundations"),  # the convolutional translator beside it
    Lesson("autoregressive_vs_not", ":material/fast_forward:", "foundations"),  # and the one-pass translator
    # practice: the interview questions of the source article, answered truly and shown live (issue 21)
    Lesson("interview", ":material/quiz:", "practice"),
    # the learner's own progress on the exercises, kept in their browser (issue 20)
    Lesson("progress", ":material/insights:", "practice"),
    # a live class: the teacher's view of what the class understood, and ConcepTests (issue 22)
    Lesson("classroom", ":material/groups:", "practice"),
)
BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}
PARTS = tuple(dict.fromkeys(lesson.part for lesson in LESSONS))  # sidebar sections, in lesson order


def neighbours(slug: str) -> tuple[Lesson | None, Lesson | None]:
    i = [lesson.slug for lesson in LESSONS].index(slug)
    return (LESSONS[i - 1] if i > 0 else None, LESSONS[i + 1] if i + 1 < len(LESSONS) else None)


def number(slug: str) -> int:
    return [lesson.slug for lesson in LESSONS].index(slug) + 1
