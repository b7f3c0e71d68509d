"""The reference checker for multilingual MkDocs sites (entry point: scripts/check_references.py).

Stages, one way only: project (mkdocs.yml and the pages) -> extract (links, anchors, footnotes,
numbers, with positions) -> checks (lists of findings) -> report (text, JSON, GitHub, SARIF).
"""
