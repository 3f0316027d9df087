"""Batch runs over app catalogs: device pools, resume, triage, regulator reproduction, Dask."""
