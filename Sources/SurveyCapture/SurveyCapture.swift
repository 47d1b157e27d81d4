// SurveyCapture module.
