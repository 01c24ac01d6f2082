"""A small encoder–decoder Transformer, written out by hand, whose every tensor can be captured.

Pure PyTorch: this package never imports Streamlit or plotting libraries.
"""
