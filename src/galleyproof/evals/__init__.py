"""Scoring a detector against hand-marked errors, and measuring false alarms on clean prose.

I/O lives in `data`; `scoring`, `stats`, `compare` and `clean` are pure.
"""
