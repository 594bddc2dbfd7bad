"""Shared helpers of the notebook generators: collect markdown and code cells, write the .ipynb.

A generator does `from nbgen import md, code, write`, calls md(...) / code(...) in order, then
`write("NN-name.ipynb")`; the notebook is written unexecuted into notebooks/ (execute it with
`node scripts/notebooks-check.js NN`).
"""
import json
import os

cells = []


def md(text):
    """Append a markdown cell."""
    cells.append({"cell_type": "markdown", "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)})


def code(text):
    """Append a TypeScript code cell."""
    cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": text.strip("\n").splitlines(keepends=True)})


def write(name, path=None):
    """Write the collected cells as notebooks/<name> (or `path`), with stable cell ids; returns the path."""
    stem = name.split("-")[0]
    for i, c in enumerate(cells):
        c["id"] = f"c{stem}-{i:02d}"
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "TypeScript (datalaws)", "language": "typescript", "name": "datalaws-tslab"},
            "language_info": {"name": "typescript"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    out = path or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), name)
    with open(out, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {out}")
    return out
