# ruff: noqa  (copied from ../shared/tools: kept as it is there)
#!/usr/bin/env python3
"""The package's import graph from its source: circles and imports that run up a layer.

usage: import_graph.py PACKAGE_DIR [--layers a,b,c ...]
Reads every module under PACKAGE_DIR (e.g. resolution_cli), with imports at the top and inside
functions, and prints: each import circle (modules that import each other, directly or round a
loop), then each import from a module into a layer listed before its own in --layers (default:
cli,batch: nothing outside `cli` may import `cli`, nothing outside `cli`/`batch` may import
`batch`; `__main__` stands above them all). Last line: `circles C, imports up U`. Exit 0 when both are 0."""
import ast
import pathlib
import sys


def modules(root: pathlib.Path) -> dict[str, pathlib.Path]:
    pkg = root.name
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: pathlib.Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                up = up[: len(up) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def main(argv: list[str]) -> int:
    root = pathlib.Path(argv[0]).resolve()
    layers = argv[argv.index("--layers") + 1].split(",") if "--layers" in argv else ["cli", "batch"]
    mods = modules(root)
    pkg = root.name
    graph = {m: imports_of(m, p, set(mods)) - {pkg} for m, p in mods.items()}
    found = circles(graph)
    for c in found:
        print("circle:", " <-> ".join(c))

    def layer(m: str) -> int:
        rest = m[len(pkg) + 1:].split(".")[0] if m != pkg else ""
        if rest == "__main__":
            return -1  # the entry point stands above every layer
        return layers.index(rest) if rest in layers else len(layers)

    up = [(a, b) for a, bs in graph.items() for b in bs if layer(b) < layer(a)]
    for a, b in sorted(up):
        print(f"up: {a} imports {b}")
    print(f"circles {len(found)}, imports up {len(up)}")
    return 0 if not found and not up else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
