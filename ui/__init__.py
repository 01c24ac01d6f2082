"""Streamlit-side helpers shared by the lesson pages (the model package never imports this)."""
