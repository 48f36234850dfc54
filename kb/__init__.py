"""claimkb's knowledge base: vocabulary, shipped data, store backends, validation on write, queries.

The web layer talks to it only through :class:`kb.knowledgebase.KnowledgeBase`.
"""
