"""Studio insight: analytics over a date range in the creator's time zone, the learners behind
each number, bulk actions on them and one learner's page. Called by `/api/v1` and `/studio`."""
