// SurveyStatistics module.
