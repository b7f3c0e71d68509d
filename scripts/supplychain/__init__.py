"""What the project installs and runs from elsewhere: the locked Python dependencies (`lock`) and
the environment the commands run in (`environment`: `.venv/`, our own distributions, Debian packages).

May import: the standard library and `uitext` (`scripts/site.py` imports it before `.venv/` exists;
uv runs as a program).
"""
