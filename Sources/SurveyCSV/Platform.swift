// File access for SurveyCSV, through SurveyPlatform, which holds all of the toolkit's
// operating-system calls. Errors are restated as `CSVError`s with hints.
import SurveyPlatform

/// A file opened for reading, closed when destroyed.
struct PlatformFile: ~Copyable {
  private let reader: FileByteReader

  /// The path the file was opened with, used in error messages.
  var path: String { reader.path }

  /// Opens the file at `path` for reading.
  ///
  /// - Throws: `CSVError` of kind `fileNotFound`, `permissionDenied`, `isDirectory` or
  ///   `readFailed`.
  init(openingForReading path: String) throws(CSVError) {
    do {
      reader = try FileByteReader(path: path)
    } catch {
      throw Self.error(error, action: "open")
    }
  }

  /// Reads up to `buffer.count` bytes into the start of `buffer`.
  ///
  /// - Returns: The number of bytes read; `0` at the end of the file.
  /// - Throws: `CSVError` of kind `isDirectory` or `readFailed`.
  /// - Complexity: O(*n*), where *n* is `buffer.count`.
  func read(into buffer: inout [UInt8]) throws(CSVError) -> Int {
    do {
      return try reader.read(into: &buffer)
    } catch {
      throw Self.error(error, action: "read")
    }
  }

  private static func error(_ error: FileSystemError, action: String) -> CSVError {
    switch error.kind {
    case .notFound:
      return CSVError(
        kind: .fileNotFound,
        filePath: error.path,
        message: "no such file",
        hint: "check the spelling of the path and the current directory"
      )
    case .permissionDenied:
      return CSVError(
        kind: .permissionDenied,
        filePath: error.path,
        message: "permission denied",
        hint: "the file exists but this user may not read it"
      )
    case .isDirectory:
      return CSVError(
        kind: .isDirectory,
        filePath: error.path,
        message: "is a directory, not a file",
        hint: "give the path of a CSV file inside the directory"
      )
    case .inputOutput:
      let reason = error.reason.prefix(1).lowercased() + error.reason.dropFirst()
      return CSVError(
        kind: .readFailed,
        filePath: error.path,
        message: "cannot \(action) the file: \(reason)"
      )
    }
  }
}
