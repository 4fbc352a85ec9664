#!/usr/bin/env python3
"""A small mutation test: flips one operator at a time in a header and runs the tests that
exercise it. A mutant the tests still pass ("survived") marks logic no test pins down.

    python3 scripts/mutate.py include/ntmkit/allocation.hpp tests/cpp/allocation.cpp \
        [more test files] [--sample 20] [--seed 1] [--jobs 2]

Operators mutated (on code, not comments or strings): < ↔ <=, > ↔ >=, == ↔ !=, && ↔ ||,
+ ↔ -, += ↔ -=, true ↔ false. Only spaced binary operators are touched (clang-format spaces
them; template brackets are not). Each mutant compiles the given test files with the doctest
main at -O1 in a scratch directory; the header is restored afterwards whatever happens.
Prints one line per mutant and the share killed; exit 0 always (a report, not a gate).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLIPS = [(" <= ", " < "), (" < ", " <= "), (" >= ", " > "), (" > ", " >= "), (" == ", " != "),
         (" != ", " == "), (" && ", " || "), (" || ", " && "), (" += ", " -= "),
         (" -= ", " += "), (" + ", " - "), (" - ", " + "), ("true", "false"), ("false", "true")]


def code_part(line: str) -> str:
    """The line without a trailing // comment and with string literals blanked."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', line)
    return line.split("//", 1)[0]


def mutants(text: str):
    lines = text.split("\n")
    for n, line in enumerate(lines):
        s = line.strip()
        if not s or s.startswith(("//", "#", "*", "/*", "///")):
            continue
        code = code_part(line)
        for old, new in FLIPS:
            for m in re.finditer(re.escape(old) if old[0] == " " else r"\b" + old + r"\b", code):
                # ' < ' inside ' <= ' etc. is a different site: skip overlaps.
                if old in (" < ", " > ") and line[m.start():m.start() + 4].strip() in ("<=", ">="):
                    continue
                if old in (" + ", " - ") and line[m.end() - 1:m.end() + 1] == "= ":
                    continue
                mutated = line[:m.start()] + new + line[m.end():]
                yield n + 1, old.strip(), new.strip(), "\n".join(
                    lines[:n] + [mutated] + lines[n + 1:])


def compile_and_run(tests: list[Path], include: Path, work: Path, jobs: int) -> bool:
    """True when the test binary builds and passes."""
    flags = ["g++", "-std=c++17", "-O1", "-w", f"-I{include}",
             f'-DNTMKIT_DATA_DIR="{ROOT / "data"}"',
             f'-DNTMKIT_EXAMPLES_DIR="{ROOT / "examples"}"',
             f'-DNTMKIT_TEST_DATA_DIR="{ROOT / "tests" / "data"}"']
    srcs = [ROOT / "tests" / "cpp" / "main.cpp"] + tests
    objs = [work / (s.stem + ".o") for s in srcs]

    def cc(pair):
        s, o = pair
        return subprocess.run(flags + ["-I", str(ROOT / "tests" / "cpp"), "-c", str(s), "-o",
                                       str(o)], capture_output=True).returncode == 0

    with ThreadPoolExecutor(jobs) as ex:
        if not all(ex.map(cc, zip(srcs, objs))):
            return False
    exe = work / "t"
    if subprocess.run(["g++", *map(str, objs), "-o", str(exe), "-lpthread"],
                      capture_output=True).returncode:
        return False
    return subprocess.run([str(exe)], capture_output=True, timeout=600).returncode == 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("header")
    ap.add_argument("tests", nargs="+")
    ap.add_argument("--sample", type=int, default=0, help="mutants to try (0: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    header = (ROOT / a.header).resolve()
    rel = header.relative_to(ROOT / "include")
    tests = [(ROOT / t).resolve() for t in a.tests]
    all_mutants = list(mutants(header.read_text(encoding="utf-8")))
    chosen = all_mutants
    if a.sample and a.sample < len(all_mutants):
        chosen = random.Random(a.seed).sample(all_mutants, a.sample)
        chosen.sort(key=lambda m: m[0])
    killed = survived = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # A private copy of include/ so the working tree is never touched.
        shutil.copytree(ROOT / "include", tmp / "include")
        target = tmp / "include" / rel
        if not compile_and_run(tests, tmp / "include", tmp, a.jobs):
            print("the tests fail on the unmutated header: fix them first")
            return 1
        for line, old, new, text in chosen:
            target.write_text(text, encoding="utf-8")
            try:
                ok = compile_and_run(tests, tmp / "include", tmp, a.jobs)
            except subprocess.TimeoutExpired:
                ok = False
            verdict = "survived" if ok else "killed"
            killed += not ok
            survived += ok
            print(f"{a.header}:{line}: {old} -> {new}: {verdict}", flush=True)
        target.write_text(header.read_text(encoding="utf-8"), encoding="utf-8")
    total = killed + survived
    print(f"{a.header}: {killed}/{total} mutants killed ({100 * killed / max(total, 1):.0f}%), "
          f"{len(all_mutants)} sites in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
