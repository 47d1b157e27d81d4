// The umbrella module: one import for apps that use the whole toolkit.
@_exported public import SurveyCSV
@_exported public import SurveyCapture
@_exported public import SurveyForms
@_exported public import SurveyInstruments
@_exported public import SurveyPipeline
@_exported public import SurveyReports
@_exported public import SurveyScoring
@_exported public import SurveyStatistics
@_exported public import SurveyWorkbook
