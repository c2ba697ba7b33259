"""Small test doubles shared by several test modules."""


class CancelAfter:
    """A Processing feedback stand-in whose isCanceled() turns true after `n` checks
    (or counts the checks an import makes, with a large `n`)."""

    def __init__(self, n):
        self.n = n

    def isCanceled(self):  # noqa: N802 (QgsFeedback API)
        self.n -= 1
        return self.n < 0
