"""Backups that restore: one dated archive with the database, the files, checksums and the audit checkpoint.

``manage.py backup`` writes it (:mod:`portal.backups.archive`, :mod:`portal.backups.database`);
``manage.py restore`` checks every checksum before it touches anything, restores into an empty database
and empty storage, then verifies the row counts, every file and the audit chain.
"""
