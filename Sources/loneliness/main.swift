import LonelinessCommandLine
import SurveyPlatform

let arguments = Array(CommandLine.arguments.dropFirst())
// An interactive capture catches Ctrl-C from its first moment, so that an early Ctrl-C abandons
// the session with the documented exit code (65) instead of killing the process.
if arguments.first == "capture" { InterruptSignals.install() }
let code = CommandLineTool.run(arguments, console: .standard())
exitProcess(code.rawValue)
