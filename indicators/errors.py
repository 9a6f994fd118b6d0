from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog: where (file, row or code) and what."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class CatalogError(Exception):
    """A catalog that cannot be used; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"- {p}" for p in self.problems[:50])
        more = len(self.problems) - 50
        if more > 0:
            shown += f"\n- ... dan {more} masalah lain"
        super().__init__(f"Katalog ditolak ({len(self.problems)} masalah):\n{shown}")


class InvalidAnswerValue(ValueError):
    """An answer value that breaks its question's rule; the message says what to fix."""
