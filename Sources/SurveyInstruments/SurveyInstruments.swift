// SurveyInstruments module.
