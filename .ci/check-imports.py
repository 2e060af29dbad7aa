#!/usr/bin/env python3
"""Every module declares in Package.swift the package modules it imports (issue: a module that
imports another only through a transitive dependency builds today and breaks when that edge goes)."""
import os, re, sys

root = os.path.join(os.path.dirname(__file__), "..")
manifest = open(os.path.join(root, "Package.swift")).read()
targets = {}
for m in re.finditer(r'\.(?:target|testTarget|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)"(.*?)\)\s*,\s*(?=//|\.|\])', manifest, re.S):
    name, rest = m.group(1), m.group(2)
    deps = set(re.findall(r'"([A-Za-z]+)"', rest.split("dependencies:", 1)[1].split("]")[0])) if "dependencies:" in rest else set()
    deps |= set(re.findall(r'\.product\(name:\s*"([^"]+)"', rest))
    path = re.search(r'path:\s*"([^"]+)"', rest)
    targets[name] = (deps, path.group(1) if path else None)
local = set(targets)
products = {"ArgumentParser", "BitCollections"}
failures = 0
for name, (deps, path) in targets.items():
    folder = path or os.path.join("Tests" if name.endswith("Tests") else "Sources", name)
    imported = set()
    for dirpath, _, files in os.walk(os.path.join(root, folder)):
        for f in files:
            if f.endswith(".swift"):
                for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                    m = re.match(r'\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*import\s+([A-Za-z_]+)', line)
                    if m and (m.group(1) in local or m.group(1) in products):
                        imported.add(m.group(1))
    missing = imported - deps
    if missing:
        failures += 1
        print(f"{name} imports {sorted(missing)} without declaring them in Package.swift")
print("imports: every module declares what it imports" if not failures else f"{failures} module(s) with undeclared imports")
sys.exit(1 if failures else 0)
