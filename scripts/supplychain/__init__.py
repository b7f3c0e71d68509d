"""What the project installs and runs from elsewhere: the locked Python dependencies (`lock`).

May import: the standard library only (`scripts/site.py` imports it before `.venv/` exists; uv
runs as a program).
"""
