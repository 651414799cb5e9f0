"""Builds the compiled parts of the geoparser; ``make`` runs it. The app is not installed as a
package: it runs from its folder.

- ``python setup.py build_ext --inplace``: ``geo.parsing._scan``, from geo/parsing/_scan.c, the
  loops over a whole text (``geo.parsing.runs`` has them in Python too);
- ``python setup.py mypyc``: the modules of ``geo.parsing.COMPILED``, compiled by mypyc from their
  own sources into ``geo.parsing.BUILT``, with the digest of those sources beside them.

Without a C compiler either build fails, ``make`` says so, and everything runs in Python, more slowly.
"""

import os
import shutil
from typing import ClassVar

from setuptools import Command, Extension, setup


class Mypyc(Command):
    description = "compile geo.parsing.COMPILED with mypyc into geo.parsing.BUILT"
    user_options: ClassVar[list] = []

    def initialize_options(self) -> None:
        pass

    def finalize_options(self) -> None:
        pass

    def run(self) -> None:
        from mypyc.build import mypycify

        os.environ["ATLAS_PURE_PYTHON"] = "1"  # what an older build left is not imported
        from geo import parsing

        shutil.rmtree(parsing.BUILT.parents[1], ignore_errors=True)  # nothing of an older build is left
        sources = [f"geo/parsing/{name}.py" for name in parsing.COMPILED]
        modules = mypycify(["--config-file", "pyproject.toml", *sources], group_name="geo.parsing.compiled")
        self.distribution.ext_modules = modules
        build = self.distribution.get_command_obj("build_ext")
        build.build_lib, build.inplace = str(parsing.BUILT.parents[1]), False
        build.ensure_finalized()
        build.run()
        (parsing.BUILT / "SOURCES").write_text(parsing.sources_digest() + "\n", encoding="utf-8")


setup(
    name="article-atlas",
    packages=[],
    ext_modules=[Extension("geo.parsing._scan", ["geo/parsing/_scan.c"])],
    cmdclass={"mypyc": Mypyc},
)
