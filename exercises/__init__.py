"""Exercises graded on the learner's own tensors: generate → read → grade, a bug library of misconceptions,
mastery and progress. Pure Python: no Streamlit (ui/exercise_view.py and ui/progress.py draw them)."""
