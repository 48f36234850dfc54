"""Importers: LIAR (:mod:`.liar`), schema.org ClaimReview JSON-LD (:mod:`.claimreview`) and CSV
(:mod:`.csv`), all loaded the same way (:mod:`.common`): validated in batches, all or nothing per batch,
idempotent, with a report of what was skipped and why."""
