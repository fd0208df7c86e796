"""The one home of the interface's words: sentences for message codes, words for codes,
targets in words, report phrases, and the separators of the user's language.

- ``sentences``: ``sentence(code, params)``, the words of every message code;
- subject modules holding the words: ``values`` (rounds, checks, workflow),
  ``assessment`` (statuses, warnings), ``plans`` (plan codes, plan import),
  ``targets`` (a target in words), ``reports`` and ``report_phrases``,
  ``files`` (uploads and the Excel template), ``exchange``, ``system`` (API, jobs);
- ``lists``: ``join_words``, ``join_clauses``, ``in_brackets`` per language.

Only Django's translation machinery is used; no other web app is imported
(a text that needs a model's choices gets them passed in).
"""

from halfsky.web.core.text.lists import in_brackets, join_clauses, join_words, list_separator
from halfsky.web.core.text.sentences import sentence

__all__ = ["in_brackets", "join_clauses", "join_words", "list_separator", "sentence"]
