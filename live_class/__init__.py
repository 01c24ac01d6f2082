"""A live class: what the teacher sees of the learners' exercise results, kept in a database.

Pure Python (no Streamlit): ``store`` (the one interface to the database, SQLAlchemy Core, SQLite by default,
PostgreSQL by one setting), ``names`` (the learners' pseudonyms), ``report`` (levels, misconception counts,
ConcepTest histograms and the CSV the teacher downloads). The pages are ui/class_view.py and
lesson_pages/classroom.py.
"""
