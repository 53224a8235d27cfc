"""The wheel, installed as users install it: `pip install --user`, into a fresh venv, as a zip.

No mocks: the wheel is built from a copy of the sources, installed, and its `studydesk` command
run from a folder outside the checkout. The runtime dependencies (PySide6, SQLAlchemy, Alembic)
come from this test's own environment, through a folder of links to its site-packages that
leaves Study Desk itself out, so the code and the data can only come from the wheel.

Part of `make test` (about 20 s): the package list in pyproject.toml is explicit, and this is
where a package missing from it shows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import desktop
from desktop.platform.resources import EMBEDDED_STUDY_SET
from tests.study_files import SEED_BYTES, SEED_QUESTION

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["pyproject.toml", "README.md", "desktop", "db", "resources"]
OURS = ("desktop", "db", "studydesk_resources", "studydesk")
# A curated timeline event the study set's text never mentions: in a summary, it shows the
# timeline file was found among the installed resources.
CURATED_ONLY = "Stalin born in Gori, Georgia"

LOCAL_ONLY = ["--no-deps", "--no-index", "--no-warn-script-location", "--quiet"]
UNWANTED_ENV = {
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONUSERBASE",
    "PYTHONNOUSERSITE",
    "PYTHONSAFEPATH",
    "VIRTUAL_ENV",
    "PIP_USER",
    "PIP_PREFIX",
    "PIP_TARGET",
    "PIP_REQUIRE_VIRTUALENV",
    "DISPLAY",
}

# What an installed interpreter reports about where Study Desk and its data came from.
PROBE = """
import json, desktop
from desktop.platform.resources import embedded_study_set_path, icon_path, resources_root
print(json.dumps({
    "desktop": desktop.__file__,
    "root": str(resources_root()),
    "embedded": str(embedded_study_set_path()),
    "embedded_bytes": embedded_study_set_path().read_bytes().decode("utf-8"),
    "icon": icon_path("studydesk.svg").is_file(),
}))
"""


def run(command: list[str | Path], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy (so no build/ or egg-info lands in the checkout)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    for licence in ROOT.glob("LICEN[CS]E*"):
        shutil.copy2(licence, source / licence.name)
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", work / "out", "."],
        clean_env(),
        source,
    )
    assert built.returncode == 0, built.stderr
    (found,) = (work / "out").glob("studydesk-*.whl")
    return found


@pytest.fixture(scope="module")
def dependencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This environment's site-packages as links, without Study Desk (nor its editable hook)."""
    folder = tmp_path_factory.mktemp("dependencies")
    paths = sysconfig.get_paths()
    site_packages = {Path(paths["purelib"]), Path(paths["platlib"])}
    for entry in (entry for place in site_packages for entry in place.iterdir()):
        name = entry.name.split(".")[0].split("-")[0]
        if name in OURS or entry.name.startswith("__editable__") or entry.suffix == ".pth":
            continue
        (folder / entry.name).symlink_to(entry)
    return folder


def clean_env(**extra: str | Path) -> dict[str, str]:
    """The environment without anything that would put the checkout or a venv on the path.

    XDG_DATA_HOME and XDG_CONFIG_HOME stay: conftest points them at this test's folders.
    """
    env = {k: v for k, v in os.environ.items() if k not in UNWANTED_ENV}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def base_python() -> Path:
    """The interpreter this venv was made from (pip refuses --user inside a venv)."""
    return Path(getattr(sys, "_base_executable", sys.executable))


def pip_install(python: Path, wheel: Path, env: dict[str, str], *options: str) -> None:
    """This environment's pip installs for ``python``, which may have no pip of its own."""
    installed = run(
        [sys.executable, "-m", "pip", "--python", python, "install", *LOCAL_ONLY, *options, wheel],
        env,
        wheel.parent,
    )
    assert installed.returncode == 0, installed.stderr


def probe(python: Path, env: dict[str, str], cwd: Path) -> dict[str, object]:
    result = run([python, "-c", PROBE], env, cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_installed_under(prefix: Path, found: dict[str, object]) -> None:
    prefix = prefix.resolve()
    for key in ("desktop", "root", "embedded"):
        assert Path(str(found[key])).resolve().is_relative_to(prefix), (key, found[key], prefix)
    assert Path(str(found["root"])).name == "studydesk_resources"
    assert found["embedded_bytes"] == SEED_BYTES.decode("utf-8")
    assert found["icon"] is True


def assert_commands_work(studydesk: Path, env: dict[str, str], work: Path) -> None:
    """--version; the embedded study set imported on first use (summary); then an import."""
    version = run([studydesk, "--version"], env, work)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"studydesk {desktop.__version__}"

    summary = run(
        [studydesk, "summary", "--all-events", "--markdown", work / "summary.md"], env, work
    )
    assert summary.returncode == 0, summary.stderr
    text = (work / "summary.md").read_text(encoding="utf-8")
    assert SEED_QUESTION in text and CURATED_ONLY in text

    study_set = work / "Stalin.txt"
    study_set.write_bytes(SEED_BYTES)
    imported = run([studydesk, "import", study_set], env, work)
    assert imported.returncode == 0, imported.stderr
    lines = imported.stdout.splitlines()
    assert lines[0] == f"Already in your library: {SEED_QUESTION}"  # the embedded one
    assert lines[1].startswith("2 educators (gpane, pohnpei397)")


def test_the_wheel_holds_every_package_and_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for init in [*ROOT.glob("desktop/**/__init__.py"), *ROOT.glob("db/**/__init__.py")]:
        relative = init.relative_to(ROOT).as_posix()
        assert relative in names, f"{relative}: add its package to pyproject.toml"
    for data in [*ROOT.glob("resources/content/*"), *ROOT.glob("resources/icons/*")]:
        assert "studydesk_resources/" + data.relative_to(ROOT / "resources").as_posix() in names
    assert f"studydesk_resources/content/{EMBEDDED_STUDY_SET}" in names
    assert not [name for name in names if ".data/" in name]  # nothing outside site-packages


def test_pip_install_user(wheel: Path, dependencies: Path, tmp_path: Path) -> None:
    python = base_python()
    user_base = tmp_path / "user-base"
    work = tmp_path / "elsewhere"
    work.mkdir()
    pip_install(python, wheel, clean_env(PYTHONUSERBASE=user_base), "--user")

    env = clean_env(PYTHONUSERBASE=user_base, PYTHONPATH=dependencies)
    assert_installed_under(user_base, probe(python, env, work))
    assert_commands_work(user_base / "bin" / "studydesk", env, work)


def test_a_fresh_venv(wheel: Path, dependencies: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    work = tmp_path / "elsewhere"
    work.mkdir()
    made = run([base_python(), "-m", "venv", "--without-pip", venv], clean_env(), work)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    env = clean_env()
    pip_install(python, wheel, env)
    # The dependencies, after the install (pip would otherwise look at them too).
    site_packages = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], env, work
    ).stdout.strip()
    (Path(site_packages) / "dependencies.pth").write_text(f"{dependencies}\n")

    assert_installed_under(venv, probe(python, env, work))
    assert_commands_work(venv / "bin" / "studydesk", env, work)


def test_imported_from_the_zipped_wheel_the_data_is_copied_to_disk(
    wheel: Path, dependencies: Path, tmp_path: Path
) -> None:
    env = clean_env(PYTHONPATH=os.pathsep.join([str(wheel), str(dependencies)]))
    found = probe(base_python(), env, tmp_path)
    assert str(found["desktop"]).startswith(str(wheel) + os.sep)
    root = Path(str(found["root"]))
    assert not root.is_relative_to(wheel)
    assert found["embedded_bytes"] == SEED_BYTES.decode("utf-8")
    assert found["icon"] is True
    assert not root.exists()  # removed when the process ended
