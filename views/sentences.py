"""What the views with opening sentences share: the sentences, and the same as one paragraph."""

from __future__ import annotations


class Opening:
    """Mixin of a view model with ``opening_sentences``: the page shows them as one paragraph, a slide the first."""

    opening_sentences: tuple[str, ...]

    @property
    def opening(self) -> str:
        """The opening sentences as one paragraph."""
        return " ".join(self.opening_sentences)
