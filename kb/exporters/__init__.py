"""Exporters: published reviews as schema.org ClaimReview JSON-LD (:mod:`.claimreview`)."""
