// Folders and files of a test's own under the system's temporary folder.

public import Foundation

/// A new, empty folder under the system's temporary folder, named `PREFIX-UUID`.
///
/// The caller removes it when done (`try? FileManager.default.removeItem(at: folder)`), or keeps
/// it to look into after a failure.
public func temporaryFolder(_ prefix: String = "loneliness-tests") throws -> URL {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// Writes `bytes` to a file `name` in a new temporary folder and returns the file's path.
public func temporaryFile(_ bytes: [UInt8], named name: String = "input.csv") throws -> String {
  let file = try temporaryFolder().appendingPathComponent(name)
  try Data(bytes).write(to: file)
  return file.path
}

/// Removes a file made by ``temporaryFile(_:named:)`` and its folder.
public func removeTemporaryFile(_ path: String) {
  try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
}
