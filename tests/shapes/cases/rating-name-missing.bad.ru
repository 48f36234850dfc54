# A rating without the verdict's label.
# expect: ckb:RatingShape-alternateName <review/leak#rating> A rating needs the verdict's label as shown to readers (schema:alternateName), with its language (for example "Trompeur"@fr), at most one per language: add it.
DELETE WHERE { <review/leak#rating> schema:alternateName ?any }
