"""Read, validate and normalise the curated figure store in `data/` into tidy pandas tables."""
