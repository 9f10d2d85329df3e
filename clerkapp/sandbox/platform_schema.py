"""The platform database's schema, as migrations (issue 12): the same statements on SQLite and
PostgreSQL — portable types (TEXT, INTEGER), times as ISO text in UTC, office days as
``YYYY-MM-DD`` text (ordered as text). Append a migration, never edit one that shipped.

- ``case_summaries``: the latest summary of each case (one row per workstation and case), with
  the figures' inputs computed on arrival (office days, seconds from acceptance to decision,
  即办 / 半小时 flags, proofs by method). Updated only by a summary with a higher ``seq``.
- ``summary_events``: every summary received, once (workstation, case, seq): what makes a
  summary sent twice one summary, and the count a sync benchmark checks.
- ``summary_pledges``: the pledges of the cases, each with its subject as the platform's keyed
  hash (never the number): the population the ex-post pledge checks sample.
- ``figures_daily``, ``figures_office_daily``, ``decision_times_daily``,
  ``decision_times_city``: the daily rollups the office figures add up
  (:mod:`clerkapp.sandbox.rollups`), kept in each summary's transaction.
- ``platform_nonces``, ``platform_answers``, ``platform_audit``: the request ids, idempotent
  answers and audit of the calls served from this database (:mod:`platform_calls`).
"""

from __future__ import annotations

from clerkapp.sandbox import rollups

MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "case summaries",
        (
            "CREATE TABLE case_summaries ("
            " workstation TEXT NOT NULL, case_id TEXT NOT NULL, seq INTEGER NOT NULL,"
            " event TEXT NOT NULL, matter TEXT NOT NULL, office TEXT NOT NULL,"
            " window_id TEXT NOT NULL, clerk TEXT NOT NULL, state TEXT NOT NULL,"
            " decision TEXT, opened_at TEXT NOT NULL, opened_day TEXT NOT NULL,"
            " accepted_at TEXT, decided_at TEXT, decided_day TEXT, promised_day TEXT,"
            " decision_s INTEGER, concluded INTEGER NOT NULL, pending INTEGER NOT NULL,"
            " on_the_spot INTEGER NOT NULL, half_hour INTEGER NOT NULL,"
            " n_dropped INTEGER NOT NULL, n_pledge INTEGER NOT NULL,"
            " n_data_query INTEGER NOT NULL, n_dept_verify INTEGER NOT NULL,"
            " n_paper INTEGER NOT NULL, proofs TEXT NOT NULL, rating TEXT,"
            " rating_score INTEGER, rated_at TEXT, updated_at TEXT NOT NULL,"
            " received_at TEXT NOT NULL, PRIMARY KEY (workstation, case_id))",
            "CREATE INDEX case_summaries_office_day ON case_summaries (office, opened_day)",
            "CREATE INDEX case_summaries_day ON case_summaries (opened_day)",
            # covering the exact percentile of a window's or a clerk's decision times
            "CREATE INDEX case_summaries_window_day ON case_summaries"
            " (window_id, opened_day, decision_s)",
            "CREATE INDEX case_summaries_clerk_day ON case_summaries"
            " (clerk, opened_day, decision_s)",
            "CREATE TABLE summary_events ("
            " workstation TEXT NOT NULL, case_id TEXT NOT NULL, seq INTEGER NOT NULL,"
            " event TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,"
            " PRIMARY KEY (workstation, case_id, seq))",
            "CREATE TABLE summary_pledges ("
            " workstation TEXT NOT NULL, case_id TEXT NOT NULL, proof_code TEXT NOT NULL,"
            " subject_hash TEXT NOT NULL, signed_at TEXT NOT NULL, matter TEXT NOT NULL,"
            " office TEXT NOT NULL, window_id TEXT NOT NULL, clerk TEXT NOT NULL,"
            " opened_day TEXT NOT NULL, PRIMARY KEY (workstation, case_id, proof_code))",
            "CREATE INDEX summary_pledges_day ON summary_pledges (opened_day, matter)",
            "CREATE INDEX summary_pledges_subject ON summary_pledges (subject_hash)",
        ),
    ),
    # Daily rollups and the decision-time histogram (clerkapp.sandbox.rollups): a year of a
    # city's summaries in a dashboard query; filled from the summaries already there.
    (2, "daily rollups", (*rollups.CREATE, *rollups.FILL)),
    # The request ids, stored answers and audit of the calls served from this database
    # (clerkapp.sandbox.platform_calls): what several workers share.
    (
        3,
        "platform calls",
        (
            "CREATE TABLE platform_nonces (workstation TEXT NOT NULL, request_id TEXT NOT NULL,"
            " seen_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (workstation, request_id))",
            "CREATE INDEX platform_nonces_seen ON platform_nonces (seen_at)",
            "CREATE TABLE platform_answers (workstation TEXT NOT NULL, idem_key TEXT NOT NULL,"
            " fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,"
            " media_type TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,"
            " PRIMARY KEY (workstation, idem_key))",
            "CREATE INDEX platform_answers_created ON platform_answers (created_at)",
            "CREATE TABLE platform_audit (at TEXT NOT NULL, workstation TEXT NOT NULL,"
            " official TEXT NOT NULL, purpose TEXT NOT NULL, case_id TEXT NOT NULL,"
            " request_id TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL)",
            "CREATE INDEX platform_audit_at ON platform_audit (at)",
        ),
    ),
)
