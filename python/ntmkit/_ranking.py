"""DataFrames of an end-of-campaign ranking (CampaignRanking.to_frame / evenness_frame).

pandas is imported only when called.
"""
from __future__ import annotations

import math

from ._frames import _pd


def ranking_frame(self):
    """One row per ranked unit, in rank order: rank, id, name, score, cumulative_total,
    commended, reminded, then ``ratio_<indicator>`` (uncapped; NaN without a target)."""
    pd = _pd()
    ind_ids = list(self.weights.keys())
    rows = []
    for s in self.ranked:
        row = {
            "rank": s.rank,
            "id": s.id,
            "name": s.name,
            "score": s.score,
            "cumulative_total": s.cumulative_total,
            "commended": s.commended,
            "reminded": s.reminded,
        }
        ratios = {x.id: x.ratio for x in s.indicators}
        for i in ind_ids:
            row[f"ratio_{i}"] = ratios.get(i, math.nan)
        rows.append(row)
    cols = ["rank", "id", "name", "score", "cumulative_total", "commended", "reminded"]
    cols += [f"ratio_{i}" for i in ind_ids]
    return pd.DataFrame(rows, columns=cols)


def evenness_frame(self):
    """Index "score" (the units' scores) then each indicator id; columns count, mean, stddev,
    cv, min, max, gini (NaN where undefined)."""
    pd = _pd()

    def row(s):
        return {
            "count": s.count,
            "mean": s.mean,
            "stddev": s.stddev,
            "cv": math.nan if s.cv is None else s.cv,
            "min": s.min,
            "max": s.max,
            "gini": math.nan if s.gini is None else s.gini,
        }

    index = ["score"] + [p.id for p in self.per_indicator]
    rows = [row(self.evenness)] + [row(p.stats) for p in self.per_indicator]
    return pd.DataFrame(rows, index=pd.Index(index, name="of"))
