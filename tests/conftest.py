from __future__ import annotations

import pytest

from sitebuild import Build, Server, build_site, serve


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
