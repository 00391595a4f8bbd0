"""The batch report: counts what happened to each input, owns the exit code and the summary (as black's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from resolution_cli.errors import ExitCode


class Status(StrEnum):
    CONVERTED = "converted"  # outputs written
    SKIPPED = "skipped"  # --skip-unchanged: outputs newer than the input
    UNCHANGED = "unchanged"  # --check: outputs already as they would be written
    CHANGED = "changed"  # --check: at least one output would change
    CHECKED = "checked"  # `check`: read and checked (findings counted apart)
    READ = "read"  # `info`: read and summarised
    VALID = "valid"  # `validate`: the schema found nothing
    INVALID = "invalid"  # `validate`: the schema found problems
    FAILED = "failed"  # unreadable, not a resolution, or a bug


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem `resolution check` found in one input; `line` 0 when it has no place in the file."""

    file: str
    severity: str  # error, warning, info (the model's Severity values)
    code: str
    message: str
    where: str = ""  # "operative 3", "footnote 6"
    line: int = 0


# How the summary names each status.
_PHRASES: dict[Status, str] = {
    Status.CONVERTED: "converted",
    Status.SKIPPED: "skipped (up to date)",
    Status.UNCHANGED: "unchanged",
    Status.CHANGED: "would change",
    Status.CHECKED: "checked",
    Status.READ: "read",
    Status.VALID: "valid",
    Status.INVALID: "invalid",
    Status.FAILED: "failed",
}


@dataclass(slots=True)
class Report:
    """One per command run; `exit_code` is the worst outcome seen (4 > 3 > 2 > 1 > 0)."""

    counts: dict[Status, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)  # severity -> count
    worst: ExitCode = ExitCode.OK

    def done(self, status: Status, code: ExitCode = ExitCode.OK) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        self.worst = max(self.worst, code)

    def found(self, severity: str, fails: bool) -> None:
        """A `check` finding; `fails` when it makes the run fail (errors, warnings under --strict)."""
        self.findings[severity] = self.findings.get(severity, 0) + 1
        if fails:
            self.worst = max(self.worst, ExitCode.FINDINGS)

    @property
    def exit_code(self) -> ExitCode:
        return self.worst

    def summary(self) -> str:
        """'12 files converted, 3 skipped (up to date), 1 failed.' (statuses in a fixed order)."""
        parts = [f"{n} {_PHRASES[s]}" for s in Status if (n := self.counts.get(s, 0))]
        total = sum(self.counts.values())
        head = f"{total} file{'s' if total != 1 else ''}"
        text = f"{head}: {', '.join(parts)}" if parts else f"{head}"
        if self.findings:
            found = ", ".join(f"{n} {_plural(s, n)}" for s, n in sorted(self.findings.items(), key=_by_weight))
            text += f"; {found}"
        return text + "."


_WEIGHT = {"error": 0, "warning": 1, "note": 2}


def _by_weight(item: tuple[str, int]) -> int:
    return _WEIGHT.get(item[0], 3)


def _plural(severity: str, n: int) -> str:
    return severity if n == 1 else severity + "s"
