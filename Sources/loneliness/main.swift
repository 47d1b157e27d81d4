import LonelinessCommandLine
import SurveyPlatform

let code = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), console: .standard())
exitProcess(code.rawValue)
