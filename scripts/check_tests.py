#!/usr/bin/env python3
"""Fails, listing them, on test functions that cannot fail because they assert nothing.

A test counts as asserting when its body (C++: a doctest TEST_CASE or SUBCASE's block;
Python: a test_* function) holds an assertion: doctest's CHECK*/REQUIRE* macros; Python's
`assert`, `pytest.raises`/`pytest.warns`, or a call to an `assert*` function
(np.testing.assert_array_equal …). A call to a helper of the same file that itself asserts
counts too. Run from the repository root: python3 scripts/check_tests.py
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CPP_ASSERT = re.compile(r"\b(CHECK|REQUIRE)(_[A-Z_]+)?\s*\(")


def cpp_blocks(text: str, opener: str):
    """(name, body) of each `opener("name"...) { body }` in a C++ test file."""
    for m in re.finditer(opener + r'\s*\(\s*"((?:[^"\\]|\\.)*)"', text):
        start = text.find("{", m.end())
        depth, i = 0, start
        while i < len(text):
            c = text[i]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            elif c == '"':  # skip string literals (braces inside them do not count)
                i += 1
                while i < len(text) and text[i] != '"':
                    i += 2 if text[i] == "\\" else 1
            i += 1
        yield m.group(1), text[start:i + 1], text.count("\n", 0, m.start()) + 1


def cpp_helpers_that_assert(texts: list[str]) -> set[str]:
    """Names of functions (in test files and fixtures) whose bodies hold an assertion."""
    names = set()
    for text in texts:
        for m in re.finditer(r"\b(\w+)\s*\([^;{)]*\)\s*(?:const\s*)?\{", text):
            body_start = m.end() - 1
            depth, i = 0, body_start
            while i < len(text):
                depth += text[i] == "{"
                depth -= text[i] == "}"
                if depth == 0:
                    break
                i += 1
            if CPP_ASSERT.search(text[body_start:i]):
                names.add(m.group(1))
    return names


def check_cpp() -> list[str]:
    files = sorted((ROOT / "tests" / "cpp").glob("*.cpp")) + sorted(
        (ROOT / "tests" / "cpp").glob("*.hpp"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    helpers = cpp_helpers_that_assert(texts) - {"TEST_CASE", "SUBCASE"}
    calls_helper = re.compile(r"\b(" + "|".join(map(re.escape, sorted(helpers))) + r")\s*\(") \
        if helpers else None
    bad = []
    for f, text in zip(files, texts):
        for opener in ("TEST_CASE", "SUBCASE"):
            for name, body, line in cpp_blocks(text, opener):
                if CPP_ASSERT.search(body) or (calls_helper and calls_helper.search(body)):
                    continue
                bad.append(f"{f.relative_to(ROOT)}:{line}: {opener} \"{name}\" asserts nothing")
    return bad


def py_asserts(node: ast.AST, helpers: set[str]) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.Assert):
            return True
        if isinstance(n, ast.Call):
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name.startswith("assert") or name in ("raises", "warns") or name in helpers:
                return True
    return False


def check_python() -> list[str]:
    bad = []
    for f in sorted((ROOT / "tests" / "python").glob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"), str(f))
        funcs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        helpers: set[str] = set()
        for _ in range(3):  # helpers calling helpers
            helpers |= {fn.name for fn in funcs
                        if not fn.name.startswith("test_") and py_asserts(fn, helpers)}
        for fn in funcs:
            if fn.name.startswith("test_") and not py_asserts(fn, helpers):
                bad.append(f"{f.relative_to(ROOT)}:{fn.lineno}: {fn.name} asserts nothing")
    return bad


def main() -> int:
    bad = check_cpp() + check_python()
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} test(s) assert nothing: each test must be able to fail")
        return 1
    print("check_tests: every C++ and Python test asserts something")
    return 0


if __name__ == "__main__":
    sys.exit(main())
