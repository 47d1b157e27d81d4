// Operating-system calls used by SurveyCSV. This is the only file in the module that imports the
// C library.

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A file opened for reading with `open(2)` and read with `read(2)`, closed when destroyed.
struct PlatformFile: ~Copyable {
  private let descriptor: Int32

  /// The path the file was opened with, used in error messages.
  let path: String

  /// Opens the file at `path` for reading.
  ///
  /// - Throws: `CSVError` of kind `fileNotFound`, `permissionDenied`, `isDirectory` or
  ///   `readFailed`.
  init(openingForReading path: String) throws(CSVError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw Self.error(path: path, code: errno, action: "open")
    }
    self.descriptor = descriptor
    self.path = path
  }

  deinit {
    _ = close(descriptor)
  }

  /// Reads up to `buffer.count` bytes into the start of `buffer`.
  ///
  /// - Returns: The number of bytes read; `0` at the end of the file.
  /// - Throws: `CSVError` of kind `isDirectory` or `readFailed`.
  /// - Complexity: O(*n*), where *n* is `buffer.count`.
  func read(into buffer: inout [UInt8]) throws(CSVError) -> Int {
    while true {
      let count = buffer.withUnsafeMutableBytes { bytes in
        unsafe readBytes(descriptor, bytes.baseAddress, bytes.count)
      }
      if count >= 0 {
        return count
      }
      let code = errno
      if code != EINTR {
        throw Self.error(path: path, code: code, action: "read")
      }
    }
  }

  private static func error(path: String, code: Int32, action: String) -> CSVError {
    switch code {
    case ENOENT, ENOTDIR:
      return CSVError(
        kind: .fileNotFound,
        filePath: path,
        message: "no such file",
        hint: "check the spelling of the path and the current directory"
      )
    case EACCES, EPERM:
      return CSVError(
        kind: .permissionDenied,
        filePath: path,
        message: "permission denied",
        hint: "the file exists but this user may not read it"
      )
    case EISDIR:
      return CSVError(
        kind: .isDirectory,
        filePath: path,
        message: "is a directory, not a file",
        hint: "give the path of a CSV file inside the directory"
      )
    default:
      return CSVError(
        kind: .readFailed,
        filePath: path,
        message: "cannot \(action) the file: \(systemMessage(for: code)) (errno \(code))"
      )
    }
  }

  private static func systemMessage(for code: Int32) -> String {
    guard let text = unsafe strerror(code) else {
      return "unknown error"
    }
    let message = unsafe String(cString: text)
    guard let first = message.first else {
      return message
    }
    return first.lowercased() + message.dropFirst()
  }
}

private func readBytes(
  _ descriptor: Int32,
  _ address: UnsafeMutableRawPointer?,
  _ count: Int
) -> Int {
  #if canImport(Glibc)
  unsafe Glibc.read(descriptor, address, count)
  #else
  unsafe Darwin.read(descriptor, address, count)
  #endif
}
