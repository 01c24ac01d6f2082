"""The lessons in order: one entry per file in lesson_pages/. app.py's navigation and the ◀ ▶ links both read this.

The folder is deliberately not called ``pages/``: Streamlit treats a ``pages/`` folder as its legacy multipage
layout until ``st.navigation`` has run once in the process, so a shared lesson link opened first after a restart
would run the page file alone, without app.py's sidebar and state.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    slug: str  # lesson file name (assets/lessons/<lang>/<slug>.md), URL path, i18n prefix "page.<slug>"
    file: str  # path relative to app.py
    icon: str
    part: str = "transformer"  # the sidebar section: "transformer" (1–10), "recurrent" (11–13), "experiments"


LESSONS: tuple[Lesson, ...] = (
    Lesson("overview", "lesson_pages/01_overview.py", ":material/account_tree:"),
    Lesson("tokens", "lesson_pages/02_tokens.py", ":material/abc:"),
    Lesson("positions", "lesson_pages/03_positions.py", ":material/waves:"),
    Lesson("self_attention", "lesson_pages/04_self_attention.py", ":material/visibility:"),
    Lesson("multi_head", "lesson_pages/05_multi_head.py", ":material/grid_view:"),
    Lesson("add_norm_ffn", "lesson_pages/06_add_norm_ffn.py", ":material/add_circle:"),
    Lesson("encoder", "lesson_pages/07_encoder.py", ":material/layers:"),
    Lesson("masked_attention", "lesson_pages/08_masked_attention.py", ":material/visibility_off:"),
    Lesson("cross_attention", "lesson_pages/09_cross_attention.py", ":material/compare_arrows:"),
    Lesson("generation", "lesson_pages/10_generation.py", ":material/auto_awesome:"),
    # RNN and LSTM beside the Transformer, on the same sentence
    Lesson("rnn", "lesson_pages/11_rnn.py", ":material/replay:", "recurrent"),
    Lesson("lstm", "lesson_pages/12_lstm.py", ":material/memory:", "recurrent"),
    Lesson("why_attention", "lesson_pages/13_why_attention.py", ":material/emoji_events:", "recurrent"),
    # take a part out of the model and see what breaks (issue 11)
    Lesson("experiments", "lesson_pages/14_experiments.py", ":material/science:", "experiments"),
    # how it learned: the real training replayed, then a tiny Transformer trained live (issue 12)
    Lesson("training", "lesson_pages/15_training.py", ":material/model_training:", "training"),
    Lesson("live_training", "lesson_pages/16_live_training.py", ":material/play_circle:", "training"),
    # the three families of Transformer on one sentence: encoder-only, decoder-only, encoder–decoder (issue 13)
    Lesson("families", "lesson_pages/17_families.py", ":material/family_history:", "families"),
    Lesson("neuron", "lesson_pages/foundations_neuron.py", ":material/neurology:", "foundations"),  # issue 23; after 17
    Lesson("loss_backprop", "lesson_pages/foundations_loss.py", ":material/trending_down:", "foundations"),  # 1–17 kept
    # practice: the interview questions of the source article, answered truly and shown live (issue 21)
    Lesson("interview", "lesson_pages/interview.py", ":material/quiz:", "practice"),
    # the learner's own progress on the exercises, kept in their browser (issue 20)
    Lesson("progress", "lesson_pages/progress.py", ":material/insights:", "practice"),
    # a live class: the teacher's view of what the class understood, and ConcepTests (issue 22)
    Lesson("classroom", "lesson_pages/classroom.py", ":material/groups:", "practice"),
)
BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}
PARTS = tuple(dict.fromkeys(lesson.part for lesson in LESSONS))  # sidebar sections, in lesson order


def neighbours(slug: str) -> tuple[Lesson | None, Lesson | None]:
    i = [lesson.slug for lesson in LESSONS].index(slug)
    return (LESSONS[i - 1] if i > 0 else None, LESSONS[i + 1] if i + 1 < len(LESSONS) else None)


def number(slug: str) -> int:
    return [lesson.slug for lesson in LESSONS].index(slug) + 1
