// Scoring: per-respondent scores, bands, indicators and reasons.
