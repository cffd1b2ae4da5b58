"""The committed data read into frozen records: model, loaders, documents, tours, aid, version."""
