from __future__ import annotations

import os

import pytest

from sitebuild import Build, Server, build_site, serve

# The tools speak the locale's language (scripts/refcheck/uitext/): the tests read their English unless a
# test asks for another language.
os.environ.pop("LC_ALL", None)
os.environ["LC_MESSAGES"] = "C.UTF-8"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The whole site, both languages, built once with `mkdocs build --strict`."""
    # PUBLISH_PDF_CACHE=off: the PDFs are made in front of the tests, never copied from an earlier build.
    build = build_site(tmp_path_factory.mktemp("site") / "site", env={"PUBLISH_PDF_CACHE": "off"})
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.log}")
    return build


@pytest.fixture(scope="session")
def site_server(site_build: Build) -> Server:
    """The built site on 127.0.0.1, with per-language 404 pages."""
    server = serve(site_build.site_dir)
    yield server
    server.stop()
