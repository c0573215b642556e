"""The error types and exit codes: what every failure is, not how it is worded.

Every failure the CLI can meet becomes an :class:`AttachError` with a message that names the problem
and, where there is one, the fix. ``main()`` prints ``Error: <message>`` and exits with
``exit_code``; the Python API lets the same exceptions propagate. Turning HTTP answers and
transport failures into these lives in :mod:`cinder_attach.faults`. An error's ``reason`` says what
it is in a word a program can test (``"token_refused"``); the CLI words its own advice from it
(:mod:`cinder_attach.hints`), so the library's messages never name a command-line flag.
"""

from __future__ import annotations

from typing import Any

# Exit codes, documented in the README and in `attach --help`.
EXIT_OK = 0
EXIT_FAILURE = 1  # the API or the network said no, or the run failed part-way
EXIT_USAGE = 2  # bad options or configuration: nothing was sent
EXIT_INTERRUPTED = 130


def one_line(value: BaseException | str, limit: int = 300, *, mark_cut: bool = False) -> str:
    """An exception's (or a text's) words on one line, at most ``limit`` characters, ending in "…" if cut
    and ``mark_cut``. An exception without text gives its type's name."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…" if mark_cut else text[:limit]
    return text or (type(value).__name__ if isinstance(value, BaseException) else "")


class DryRunDone(Exception):
    """The dry run has shown its request; the command stops here with exit 0."""


class AttachError(Exception):
    """A failure with a user-facing one-line message."""

    exit_code = EXIT_FAILURE
    # Set when a create was sent and no usable answer came back: the attachment may exist.
    may_have_created = False

    def __init__(self, message: str, *, hint: str | None = None, reason: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        # The advice, in order: the first is the raiser's own, the rest were added by callers (add_hint).
        self.hints: list[str] = [hint] if hint else []
        # What the failure is, for programs (e.g. "token_refused", "connect_timeout"), and its particulars.
        self.reason = reason
        self.details: dict[str, Any] = details
        # What was done after the failure, said on the same line (e.g. "the reservation … was deleted").
        self.notes: list[str] = []
        # After a failed create: the reserved attachments it may have left, and the one deleted (if any).
        self.leftovers: tuple[str, ...] = ()
        self.deleted: str | None = None

    @property
    def hint(self) -> str | None:
        """All the advice, as one text (None when there is none), each piece a sentence of its own: a hint
        may end without a full stop (in a command, ``--connector initiator=…``)."""
        text = ""
        for each in self.hints:
            text = f"{text}{'' if not text else ' ' if text.endswith(('.', '!', '?')) else '. '}{each}"
        return text or None

    @hint.setter
    def hint(self, text: str | None) -> None:
        self.hints = [text] if text else []

    def add_hint(self, text: str) -> None:
        """Append advice that only the caller knows (e.g. which other command to use)."""
        self.hints.append(text)

    def add_note(self, text: str) -> None:
        """Append what was done about the failure, as a clause of the message (before any hint)."""
        self.notes.append(text)

    def _noted(self, text: str) -> str:
        return f"{text.rstrip('.')}; {'; '.join(self.notes)}." if self.notes else text

    def __str__(self) -> str:
        text = self._noted(self.message)
        return f"{text} {self.hint}" if self.hint else text


class UsageError(AttachError):
    """The command line (or a Python caller's argument) is wrong; nothing was sent."""

    exit_code = EXIT_USAGE


class ConfigError(AttachError):
    """The cloud configuration is missing or unusable; nothing was sent."""

    exit_code = EXIT_USAGE


class AuthError(AttachError):
    """Keystone or Cinder refused the credentials."""


class TransportError(AttachError):
    """The request could not be delivered, or its answer could not be read."""


class ResponseTooLarge(TransportError):
    """The answer was larger than any real one; it was cut off."""


class APIError(AttachError):
    """Cinder answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        fault: str | None = None,
        request_id: str | None = None,
        hint: str | None = None,
        max_version: str | None = None,
        volume_status: str | None = None,
        reason: str | None = None,
        **details: Any,
    ) -> None:
        super().__init__(message, hint=hint, reason=reason, **details)
        self.status = status
        self.fault = fault
        self.request_id = request_id
        self.max_version = max_version  # from a 406: the cloud's highest microversion
        self.volume_status = volume_status  # from a 400 refused reserve: the volume's status then

    def __str__(self) -> str:
        where = f"HTTP {self.status}"
        if self.fault:
            where += f" {self.fault}"
        if self.request_id:
            where += f", request-id {self.request_id}"
        text = self._noted(f"{self.message} ({where})")
        return f"{text} {self.hint}" if self.hint else text


class CreateInterrupted(KeyboardInterrupt):
    """Ctrl-C came after a create was sent and before its answer: the attachment may exist.

    Still a KeyboardInterrupt, so that a Python caller's interrupt handling is unchanged; it only
    says that the create may have been carried out.
    """

    may_have_created = True


class Interrupted(AttachError):
    """The CLI's form of an interrupt (Ctrl-C): one ``Error: interrupted…`` line and exit 130."""

    exit_code = EXIT_INTERRUPTED


def interrupted(exc: BaseException) -> Interrupted:
    """The error line for an interrupt; after a create was sent it says the attachment may exist."""
    if isinstance(exc, CreateInterrupted):
        err = Interrupted("interrupted after the create was sent; the attachment may have been created.")
        err.may_have_created = True
        return err
    return Interrupted("interrupted.")


class VolumeLookupError(AttachError):
    """A volume name matched no volume of the project, or several; nothing was created.

    ``matches`` holds ``(id, status)`` of each volume of that name (empty when there is none).
    """

    def __init__(self, message: str, *, matches: tuple[tuple[str, str], ...] = (), hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.matches = matches


class VolumeNotReady(AttachError):
    """A wait for a busy volume ended without it becoming reservable (its ``status`` then); nothing was created."""

    def __init__(self, message: str, *, status: str, reason: str = "volume_not_ready") -> None:
        super().__init__(message, reason=reason, status=status)
        self.status = status


class AmbiguousAttachment(AttachError):
    """Several attachments match where one was meant (a volume's for one server); none was touched.
    ``matches`` holds their ids."""

    def __init__(self, message: str, *, matches: tuple[str, ...]) -> None:
        super().__init__(message, reason="ambiguous_attachment")
        self.matches = matches
