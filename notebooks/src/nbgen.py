"""Shared helpers of the notebook generators: collect markdown and code cells, write the .ipynb.

A generator does `from nbgen import md, code, write`, calls md(...) / code(...) in order, then
`write("NN-name.ipynb")`; the notebook is written unexecuted into notebooks/ (execute it in place
at `small` with `npm run notebooks:update -- NN`). The first cell of every generated notebook says
so, because an edit made in Jupyter is lost at the next generation.
"""
import json
import os
import sys

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
    source = os.path.relpath(os.path.abspath(sys.argv[0]), os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    note = (
        f"\n\n> *This notebook is generated from `{source}`: an edit made here is lost at the next generation. "
        f"To change it, edit that file, run `python3 {source}`, then `npm run notebooks:update -- {stem}` "
        f"(executes it in place at the `small` scale).*"
    )
    if cells and cells[0]["cell_type"] == "markdown" and "is generated from" not in "".join(cells[0]["source"]):
        cells[0]["source"] = ("".join(cells[0]["source"]) + note).splitlines(keepends=True)
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
