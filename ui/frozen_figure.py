"""A built Plotly figure reduced to its dict, once: what st.plotly_chart sends, without rebuilding, copying or
validating it on every rerun. Pure (Plotly only): the figure builders and ui.diagram_fit make one directly.
"""

from __future__ import annotations

import plotly.graph_objects as go


class FrozenFigure(go.Figure):
    """A built figure reduced to its plotly dict, made once: what st.plotly_chart sends, without the work.

    st.plotly_chart calls ``to_dict()`` on a figure on every rerun (a deep copy of every trace and of the
    layout's template: 0.7–2 ms for these figures, on top of 1–4 ms to build one), then serialises the dict.
    A cached FrozenFigure answers ``to_dict()`` with the dict it holds, so a rerun pays only for the JSON.
    It is a ``go.Figure`` in type only (no plotly state: an empty figure's own set-up copies the template,
    0.7 ms): read it through ``to_dict()`` / ``to_plotly_json()`` (a copy, safe to change:
    ui.present.projector_figure scales it); ``.data`` / ``.layout`` raise. Never change it (it is shared by every
    session that asks for the same figure). Pinned by tests/test_frozen_figure.py: st.plotly_chart sends the
    same spec as for the figure it came from."""

    def __new__(cls, spec: dict) -> FrozenFigure:
        obj = object.__new__(cls)
        object.__setattr__(obj, "_tl_spec", spec)
        return obj

    def __init__(self, spec: dict) -> None:  # nothing of plotly's to set up (see above)
        pass

    def __repr__(self) -> str:
        return f"FrozenFigure({len(self._tl_spec.get('data', []))} traces)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrozenFigure) and other._tl_spec == self._tl_spec

    __hash__ = None

    def to_dict(self) -> dict:
        return self._tl_spec

    def to_plotly_json(self) -> dict:
        import copy

        return copy.deepcopy(self._tl_spec)


def freeze(fig: go.Figure) -> FrozenFigure:
    """``fig`` as a FrozenFigure (its dict computed once here)."""
    return fig if isinstance(fig, FrozenFigure) else FrozenFigure(fig.to_dict())
