"""``ntmkit criteria``: evaluate a criteria set (bộ tiêu chí) for one commune from values and
direct assessments given on the command line (docs/criteria.md)."""
from __future__ import annotations

import argparse
import os

from .. import _core
from ._common import InputProblem

TRUE, FALSE = ("yes", "true", "đạt", "dat"), ("no", "false", "không đạt", "khong dat")


def add_parser(sub) -> argparse.ArgumentParser:
    shipped = ", ".join(_core.list_builtin_criteria_sets())
    p = sub.add_parser(
        "criteria", help="evaluate a criteria set (đánh giá bộ tiêu chí)",
        description="Evaluate one unit against a criteria set and print X/N criteria met, "
        "then each criterion: met (đạt), not_met (chưa đạt) or unknown (chưa rõ) with the "
        "reason, and under it each indicator given a value. "
        f"SET is a shipped set ({shipped}) or a criteria file (JSON).")
    p.add_argument("set", metavar="SET", help="shipped set id or criteria file")
    p.add_argument("--variant", default="",
                   help="region or commune group (vùng, nhóm xã) for the thresholds")
    p.add_argument("--value", metavar="CODE=NUMBER", action="append", default=[],
                   help="an indicator's value, e.g. 3.1=85, or 1.1=yes (đạt); repeatable")
    p.add_argument("--met", metavar="CODE", action="append", default=[],
                   help="a criterion assessed as met directly (đạt), e.g. 1; repeatable")
    return p


def value_of(item: str):
    code, sep, text = item.partition("=")
    if not sep or not code:
        raise InputProblem(f"--value {item}: expected CODE=NUMBER, e.g. 3.1=85")
    if text.strip().lower() in TRUE:
        return code, True
    if text.strip().lower() in FALSE:
        return code, False
    try:
        return code, float(text.replace(",", "."))
    except ValueError:
        raise InputProblem(f"--value {item}: expected a number or yes/no (đạt), "
                           f"got {text!r}") from None


def run(args: argparse.Namespace) -> int:
    if os.path.exists(args.set) or args.set.endswith(".json"):
        criteria_set = _core.load_criteria_set(args.set)
    else:
        criteria_set = _core.load_builtin_criteria_set(args.set)
    values = dict(value_of(item) for item in args.value)
    evaluation = _core.evaluate(criteria_set, args.variant, values,
                                {code: True for code in args.met})
    print(f"{evaluation.set_id}: {evaluation.met_count}/{evaluation.total} criteria met"
          + (f" ({evaluation.unknown_count} unknown)" if evaluation.unknown_count else ""))
    for c in evaluation.to_dict()["criteria"]:
        print(f"{c['code']:>4}  {c['status']:<8} {c['name_vi']} — {c['reason']}")
        for i in c["indicators"]:  # only where a value was given: the rest is the reason above
            if i["value"] is not None:
                print(f"{'':>6}{i['code']}  {i['status']}: {i['value']:g}"
                      + (f" — {i['reason']}" if i["reason"] else ""))
    return 0
