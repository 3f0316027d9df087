"""The Frida agent bundle: hooks/src compiled by frida.Compiler, cached as a package resource.

In a source checkout the bundle is rebuilt whenever the agent sources, the npm lockfile, the
TypeScript config or the frida version change; an installed package (no hooks/ next to it)
uses the bundle it ships.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import frida

from harness.errors import EnvironmentProblem

PACKAGE_DIR = Path(__file__).resolve().parent
HOOKS_DIR = PACKAGE_DIR.parent / "hooks"
RESOURCE_DIR = PACKAGE_DIR / "resources"

ENTRY_POINT = Path("src") / "index.ts"
BUNDLE_NAME = "agent.js"
HASH_NAME = "agent.sha256"
MISSING_NODE_MODULES = "hooks/node_modules is missing: run `npm ci --prefix hooks`"


@dataclass(frozen=True)
class AgentBundle:
    """Where the agent sources live and where their compiled bundle is kept."""

    hooks_dir: Path
    resource_dir: Path

    @property
    def bundle_path(self) -> Path:
        return self.resource_dir / BUNDLE_NAME

    @property
    def hash_path(self) -> Path:
        return self.resource_dir / HASH_NAME

    def has_sources(self) -> bool:
        return (self.hooks_dir / ENTRY_POINT).is_file()

    def has_node_modules(self) -> bool:
        return (self.hooks_dir / "node_modules" / "frida-java-bridge" / "package.json").is_file()

    def source_hash(self) -> str:
        """Hash of everything the bundle is made from: sources, lockfile, TS config, frida."""
        inputs = sorted(path for path in (self.hooks_dir / "src").rglob("*") if path.is_file())
        inputs += [self.hooks_dir / "package-lock.json", self.hooks_dir / "tsconfig.json"]
        digest = hashlib.sha256()
        for path in inputs:
            digest.update(path.relative_to(self.hooks_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() if path.is_file() else b"<absent>")
            digest.update(b"\0")
        digest.update(f"frida {frida.__version__}".encode())
        return digest.hexdigest()

    def built_hash(self) -> str | None:
        if not (self.bundle_path.is_file() and self.hash_path.is_file()):
            return None
        return self.hash_path.read_text(encoding="utf-8").strip()

    def build(self, force: bool = False) -> str:
        """The bundle text, compiled only when its inputs changed (or when forced)."""
        if not self.has_sources():
            return self._shipped_bundle()
        source_hash = self.source_hash()
        if not force and self.built_hash() == source_hash:
            return self.bundle_path.read_text(encoding="utf-8")
        bundle = self._compile()
        self.resource_dir.mkdir(parents=True, exist_ok=True)
        # Bundle first, hash last: an interrupted write leaves a mismatch, hence a rebuild.
        _write_atomic(self.bundle_path, bundle)
        _write_atomic(self.hash_path, source_hash + "\n")
        return bundle

    def status(self) -> str:
        """One line for `privacy-probe doctor`: built / stale / missing, and why."""
        if not self.has_sources():
            if self.bundle_path.is_file():
                return f"built: shipped bundle {self.bundle_path} (no hooks/ sources here)"
            return f"missing: {self.bundle_path} is absent and there are no hooks/ sources"
        problem = "" if self.has_node_modules() else f"; {MISSING_NODE_MODULES}"
        built = self.built_hash()
        if built is None:
            return f"missing: the agent has not been built yet (built on first use){problem}"
        if built != self.source_hash():
            return (
                "stale: hooks/src, the lockfile, tsconfig.json or the frida version changed "
                f"since the last build (rebuilt on next use){problem}"
            )
        return f"built: {self.bundle_path} is up to date (frida {frida.__version__})"

    def _shipped_bundle(self) -> str:
        if not self.bundle_path.is_file():
            raise EnvironmentProblem(
                f"the Frida agent bundle {self.bundle_path} is missing and there are no "
                "hooks/ sources to build it from: reinstall privacy-probe"
            )
        return self.bundle_path.read_text(encoding="utf-8")

    def _compile(self) -> str:
        if not self.has_node_modules():
            raise EnvironmentProblem(MISSING_NODE_MODULES)
        compiler = frida.Compiler()  # type: ignore[no-untyped-call]  # frida leaves __init__ unannotated
        diagnostics: list[frida.CompilerDiagnostic] = []
        compiler.on("diagnostics", diagnostics.extend)
        try:
            bundle: str = compiler.build(
                str(ENTRY_POINT),
                project_root=str(self.hooks_dir),
                type_check="full",
                source_maps="omitted",
            )
        except frida.InvalidArgumentError as error:
            first = _describe(diagnostics[0]) if diagnostics else str(error)
            raise EnvironmentProblem(f"the Frida agent does not compile: {first}") from error
        return bundle


def _describe(diagnostic: frida.CompilerDiagnostic) -> str:
    """'hooks/src/x.ts:12:5: <text>' (frida reports 0-based lines and columns)."""
    text = diagnostic["text"].strip()
    location = diagnostic.get("file")
    if location is None:
        return text
    return f"hooks/{location['path']}:{location['line'] + 1}:{location['character'] + 1}: {text}"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


DEFAULT_BUNDLE = AgentBundle(hooks_dir=HOOKS_DIR, resource_dir=RESOURCE_DIR)


def build_agent(force: bool = False) -> str:
    """The agent bundle to pass to `session.create_script`, rebuilt only when its inputs changed."""
    return DEFAULT_BUNDLE.build(force)


def agent_status() -> str:
    return DEFAULT_BUNDLE.status()
