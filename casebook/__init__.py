"""The case model: one schema, the vocabularies, and the validator that applies them."""
