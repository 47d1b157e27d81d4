// SurveyReports module.
