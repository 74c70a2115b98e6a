"""docs/architecture.md names every package and module of src/gzfacts/, so that the map a newcomer
reads is the code they find."""

from __future__ import annotations

from .conftest import ROOT

PACKAGE = ROOT / "src" / "gzfacts"
PAGE = ROOT / "docs" / "architecture.md"


def parts() -> list[str]:
    """How the page names each part: `name/` for a package, `name.py` for a module, at the top
    level and one level down (cli/lookup.py is named `lookup`, as the page lists a package's modules)."""
    names = []
    for path in sorted(PACKAGE.iterdir()):
        if path.is_dir() and (path / "__init__.py").is_file():
            names.append(f"`{path.name}/`")
        elif path.suffix == ".py" and path.name != "__init__.py":
            names.append(f"`{path.name}`")
    return names


def modules_of_packages() -> list[tuple[str, str]]:
    found = []
    for package in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        for module in sorted(package.glob("*.py")):
            if module.name != "__init__.py":
                found.append((package.name, module.stem))
    return found


def missing_from(page: str) -> list[str]:
    """The packages and modules `page` does not mention."""
    missing = [name for name in parts() if name not in page]
    return missing + [f"{package}/{module}.py" for package, module in modules_of_packages() if f"`{module}" not in page]


def test_the_architecture_page_names_every_package_and_module() -> None:
    missing = missing_from(PAGE.read_text(encoding="utf-8"))
    assert not missing, f"docs/architecture.md does not mention {missing}"


def test_a_package_the_page_leaves_out_is_found() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert missing_from(page.replace("`loader/`", "the loader")) == ["`loader/`"]
    assert missing_from(page.replace("`tables.py`", "the tables")) == ["output/tables.py"]


#: The sizes the codebase keeps to (issue 23): a function a reader takes in at once, a module
#: that does one job.
LONGEST_FUNCTION = 60
LARGEST_MODULE = 600


def oversized() -> list[str]:
    """The functions over LONGEST_FUNCTION lines and the modules of LARGEST_MODULE or more, in src/."""
    import ast

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE).as_posix()
        if text.count("\n") >= LARGEST_MODULE:
            found.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LONGEST_FUNCTION:
                    found.append(f"{name}:{node.lineno}: {node.name}, {length} lines")
    return found


def test_no_function_or_module_is_over_its_size() -> None:
    assert not oversized()
