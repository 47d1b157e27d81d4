// Where the package's files are, for tests that read examples and fixtures. Test support only:
// no product depends on this module.

public import Foundation

/// The package's top folder, found from this file's path (`Tests/TestSupport/PackageFiles.swift`).
public let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The path of an example file, given relative to `Examples/`.
public func examplePath(_ relative: String) -> String {
  packageRoot.appendingPathComponent("Examples/\(relative)").path
}

/// The folder `Tests/TARGET/Fixtures` that holds the fixtures of the test target `target`.
public func fixturesFolder(of target: String) -> URL {
  packageRoot.appendingPathComponent("Tests/\(target)/Fixtures")
}

/// The bytes of the file at `url`.
public func fileBytes(_ url: URL) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: url))
}
