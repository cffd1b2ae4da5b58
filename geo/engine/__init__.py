"""Questions asked of the records: state at a date, comparisons, dossiers, search, citations."""
