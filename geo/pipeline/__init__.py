"""The geometry pipeline: shared reference sources in, committed data/ files out."""
