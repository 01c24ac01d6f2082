import pytest
import torch

from tutorial_model.config import ModelConfig
from tutorial_model.transformer import Transformer


@pytest.fixture(autouse=True)
def one_thread():
    """Tiny tensors: a second thread only adds syncing, and stalls badly on a shared 2-core machine."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def app_env(checkpoint_dir, monkeypatch):
    """For AppTest modules: the app reads the module's ``checkpoint_dir``, with Streamlit's caches empty before and
    after each test (a test may point the app elsewhere with monkeypatch before it opens it)."""
    import streamlit as st

    from ui.loaders import ENV_CHECKPOINT

    monkeypatch.setenv(ENV_CHECKPOINT, str(checkpoint_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def tiny() -> Transformer:
    """A randomly initialised small model: the invariants below hold for any weights."""
    torch.manual_seed(0)
    return Transformer(ModelConfig(src_vocab_size=30, tgt_vocab_size=25, d_model=32, n_heads=4, d_ff=64)).eval()


@pytest.fixture
def batch() -> tuple[torch.Tensor, torch.Tensor]:
    """Two sentences; the second is padded (id 0) in source and target, so padding masks matter."""
    src = torch.tensor([[5, 6, 7, 8, 9, 10], [11, 12, 13, 0, 0, 0]])
    tgt = torch.tensor([[1, 4, 5, 6, 7], [1, 8, 9, 0, 0]])
    return src, tgt


@pytest.fixture(scope="session")
def shipped():
    from tutorial_model.translator import Translator

    return Translator.load()
