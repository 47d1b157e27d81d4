// SurveyCSV module.
