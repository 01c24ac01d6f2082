"""Exercises of more pages: registrations only (see catalogue.py)."""
