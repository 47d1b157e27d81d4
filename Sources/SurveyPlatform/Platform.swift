// Everything that touches the operating system lives in this file: files, directories,
// terminals, environment, durable writes and locks. Other modules call these functions and
// stay free of platform conditionals.

import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("unsupported platform")
#endif

/// An operating-system error met while reading or writing a file, with the path and the cause.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, at the level a caller decides an exit code on.
  public enum Kind: Sendable, Hashable {
    /// The path does not exist.
    case notFound
    /// The path exists but may not be read or written.
    case permissionDenied
    /// A file was expected but the path is a folder.
    case isDirectory
    /// Any other failure of the operating system.
    case inputOutput
  }

  /// What went wrong.
  public var kind: Kind
  /// The path that was being read or written.
  public var path: String
  /// The operating system's explanation, such as "No such file or directory".
  public var reason: String

  /// Creates an error for `path`.
  public init(kind: Kind, path: String, reason: String) {
    self.kind = kind
    self.path = path
    self.reason = reason
  }

  /// `path: reason`, for example `responses.csv: No such file or directory`.
  public var description: String { "\(path): \(reason)" }

  static func fromErrno(_ code: Int32, path: String) -> FileSystemError {
    let kind: Kind
    switch code {
    case ENOENT, ENOTDIR: kind = .notFound
    case EACCES, EPERM: kind = .permissionDenied
    case EISDIR: kind = .isDirectory
    default: kind = .inputOutput
    }
    let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
    return FileSystemError(kind: kind, path: path, reason: reason)
  }
}

/// What kind of thing a path names.
public enum PathKind: Sendable, Hashable {
  /// Nothing exists at the path.
  case missing
  /// A regular file (or a link to one).
  case file
  /// A folder (or a link to one).
  case directory
  /// Something else, such as a device or socket.
  case other
}

/// Tells what kind of thing `path` names, following symbolic links.
public func pathKind(_ path: String) -> PathKind {
  var info = stat()
  guard stat(path, &info) == 0 else { return .missing }
  switch info.st_mode & S_IFMT {
  case S_IFREG: return .file
  case S_IFDIR: return .directory
  default: return .other
  }
}

/// The path with every symbolic link resolved (`realpath`), or `path` itself when it does not
/// exist or cannot be resolved.
public func resolvedPath(_ path: String) -> String {
  guard let resolved = realpath(path, nil) else { return path }
  defer { free(resolved) }
  return String(cString: resolved)
}

/// Whether this process may create files in `folder` (`access(W_OK)`).
public func isWritableFolder(_ folder: String) -> Bool { access(folder, W_OK) == 0 }

/// The number of hard links to the file at `path`, or `nil` when it cannot be read.
public func hardLinkCount(_ path: String) -> Int? {
  var info = stat()
  guard stat(path, &info) == 0 else { return nil }
  return Int(info.st_nlink)
}

/// The size in bytes of the file at `path` (following symbolic links), or `nil` when it cannot be
/// read or is not a regular file.
public func regularFileSize(_ path: String) -> Int? {
  var info = stat()
  guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
  return Int(info.st_size)
}

/// Reads a whole file into memory.
///
/// - Parameter path: The file to read.
/// - Returns: The file's bytes, unchanged.
/// - Throws: `FileSystemError` naming the path and the cause.
/// - Complexity: O(*n*) in the file's size.
public func readFile(_ path: String) throws(FileSystemError) -> [UInt8] {
  let reader = try FileByteReader(path: path)
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = try reader.read(into: &chunk)
    if count == 0 { break }
    bytes.append(contentsOf: chunk[0..<count])
  }
  return bytes
}

/// A file opened for reading in chunks into a caller's buffer, so memory does not grow with the
/// file's size.
///
/// The file is closed when the reader is destroyed.
public struct FileByteReader: ~Copyable {
  private let descriptor: Int32
  /// The path being read.
  public let path: String

  /// Opens `path` for reading.
  ///
  /// - Throws: `FileSystemError` when the file is missing, unreadable or a folder.
  public init(path: String) throws(FileSystemError) {
    if pathKind(path) == .directory {
      throw FileSystemError(kind: .isDirectory, path: path, reason: "is a folder, not a file")
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileSystemError.fromErrno(errno, path: path) }
    descriptor = fd
    self.path = path
  }

  /// Reads up to `buffer.count` bytes into the start of `buffer`.
  ///
  /// - Returns: How many bytes were read; 0 at the end of the file.
  /// - Throws: `FileSystemError` when the operating system reports a read error.
  /// - Complexity: O(*k*) for *k* bytes read.
  public func read(into buffer: inout [UInt8]) throws(FileSystemError) -> Int {
    let fd = descriptor
    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        systemRead(fd, raw.baseAddress, raw.count)
      }
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw FileSystemError.fromErrno(errno, path: path)
    }
  }

  deinit {
    _ = systemClose(descriptor)
  }
}

/// Lists the entries of a folder, sorted by name, without `.` and `..`.
///
/// - Throws: `FileSystemError` when the folder cannot be opened.
/// - Complexity: O(*n* log *n*) in the number of entries.
public func listDirectory(_ path: String) throws(FileSystemError) -> [String] {
  guard let dir = opendir(path) else { throw FileSystemError.fromErrno(errno, path: path) }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
      pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) {
        String(cString: $0)
      }
    }
    if name != "." && name != ".." { names.append(name) }
  }
  return names.sorted()
}

/// Writes `bytes` to `path`, replacing it, through a temporary file in the same folder that is
/// flushed to disk and then renamed, so a reader never sees a half-written file.
///
/// - Parameters:
///   - path: The file to replace or create.
///   - bytes: Its new contents.
///   - permissions: The new file's permission bits (such as `0o600`); by default `0o644` less
///     the process's umask.
///   - owner: The new file's owner and group, where the process may set them (as root, or the
///     group among the user's own); by default the process's.
/// - Throws: `FileSystemError` when the file cannot be created or written.
/// - Complexity: O(*n*) in the number of bytes.
public func writeFileAtomically(
  _ path: String,
  bytes: [UInt8],
  permissions: UInt32? = nil,
  owner: FileOwner? = nil
) throws(FileSystemError) {
  let writer = try AtomicFileWriter(path: path, permissions: permissions, owner: owner)
  try writer.write(bytes)
  try writer.commit()
}

/// Writes a file in pieces through a temporary file beside it, which replaces the file only when
/// ``commit()`` is called: readers see the old file or the whole new one, never part of it, and
/// memory does not grow with the file's size.
///
/// What `path` names decides how it is written:
/// - a regular file, or nothing: through the temporary file, renamed over it on commit. A
///   symbolic link is followed, so the file it points to is replaced and the link kept.
/// - anything else that exists (a device such as `/dev/null`, a FIFO, a terminal), and any path
///   under `/dev/` or `/proc/` (such as `/dev/stdout`): written in place, never renamed over, so
///   that a device node is never replaced by a regular file.
/// - a folder: an error of kind `isDirectory`.
///
/// Where the system allows it (Linux), the temporary file has no name until it is complete, so a
/// process killed while writing leaves nothing behind; otherwise it is `FILE.tmp-PID`, removed
/// if the writer is never committed.
public final class AtomicFileWriter {
  private var descriptor: Int32
  /// The name of the temporary file, or `nil` while it is nameless or when writing in place.
  private var temporary: String?
  /// Whether `path` is written directly (a device, FIFO or terminal).
  private let writesInPlace: Bool
  /// The file that ``commit()`` replaces: the path given, or the file its link points to.
  public let path: String

  /// Creates the temporary file for `path`, or opens `path` itself when it is not a regular file.
  ///
  /// - Parameters:
  ///   - path: The file that ``commit()`` replaces.
  ///   - permissions: The new file's permission bits; by default `0o644` less the umask.
  ///   - owner: The new file's owner and group where the process may set them.
  /// - Throws: `FileSystemError` when it cannot be created (for example, the folder is missing).
  public init(
    path: String,
    permissions: UInt32? = nil,
    owner: FileOwner? = nil
  ) throws(FileSystemError) {
    var info = stat()
    let exists = stat(path, &info) == 0
    let kind = info.st_mode & S_IFMT
    if exists && kind == S_IFDIR {
      throw FileSystemError(kind: .isDirectory, path: path, reason: "Is a directory")
    }
    if (exists && kind != S_IFREG) || path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
      let fd = open(path, O_WRONLY | O_CLOEXEC | (exists ? 0 : O_CREAT), 0o644)
      guard fd >= 0 else { throw FileSystemError.fromErrno(errno, path: path) }
      self.path = path
      descriptor = fd
      writesInPlace = true
      temporary = nil
      return
    }
    self.path = exists ? resolvedPath(path) : path
    writesInPlace = false
    // Created no more open than asked for, then set exactly (the umask may have narrowed it).
    let mode = permissions.map { mode_t($0 & 0o7777) } ?? 0o644
    var fd = openNamelessFile(inFolderOf: self.path, mode: mode)
    if fd >= 0 {
      temporary = nil
    } else {
      let name = self.path + ".tmp-\(getpid())"
      fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
      guard fd >= 0 else { throw FileSystemError.fromErrno(errno, path: path) }
      temporary = name
    }
    descriptor = fd
    // Best effort: only root may give a file away, and fchown then clears set-id bits, so the
    // permissions are set after it.
    if let owner { _ = fchown(fd, uid_t(owner.user), gid_t(owner.group)) }
    if let permissions, fchmod(fd, mode_t(permissions)) != 0 {
      let error = FileSystemError.fromErrno(errno, path: path)
      discard()
      throw error
    }
  }

  /// Appends `bytes` to the temporary file (or to the device written in place).
  ///
  /// - Throws: `FileSystemError` when the write fails (a full disk, say).
  /// - Complexity: O(*n*) in the number of bytes.
  public func write(_ bytes: [UInt8]) throws(FileSystemError) {
    guard descriptor >= 0 else {
      throw FileSystemError(
        kind: .inputOutput,
        path: path,
        reason: "the file was already committed"
      )
    }
    if let error = writeAll(descriptor, bytes, path: path) { throw error }
  }

  /// Flushes the temporary file to disk and renames it over `path`; for a path written in place,
  /// closes it.
  ///
  /// - Throws: `FileSystemError` when flushing or renaming fails; the old file is then unchanged.
  public func commit() throws(FileSystemError) {
    guard descriptor >= 0 else { return }
    if writesInPlace {
      let fd = descriptor
      descriptor = -1
      if systemClose(fd) != 0 && errno != EINTR {
        throw FileSystemError.fromErrno(errno, path: path)
      }
      return
    }
    if fsync(descriptor) != 0 {
      let error = FileSystemError.fromErrno(errno, path: path)
      discard()
      throw error
    }
    if temporary == nil {
      // Give the finished file a name beside the target, then rename it over the target.
      let name = path + ".tmp-\(getpid())"
      unlink(name)
      guard linkNamelessFile(descriptor, to: name) else {
        let error = FileSystemError.fromErrno(errno, path: path)
        discard()
        throw error
      }
      temporary = name
    }
    let fd = descriptor
    descriptor = -1
    _ = systemClose(fd)
    if let temporary, rename(temporary, path) != 0 {
      let error = FileSystemError.fromErrno(errno, path: path)
      unlink(temporary)
      throw error
    }
    temporary = nil
  }

  /// Closes the temporary file and removes it if it has a name.
  private func discard() {
    if descriptor >= 0 { _ = systemClose(descriptor) }
    descriptor = -1
    if let temporary, !writesInPlace { unlink(temporary) }
    temporary = nil
  }

  deinit { discard() }
}

/// Opens a file without a name in the folder of `path` (Linux's `O_TMPFILE`), so that nothing is
/// left behind if the process dies before the file is complete; -1 where that is not supported.
private func openNamelessFile(inFolderOf path: String, mode: mode_t) -> Int32 {
  #if os(Linux)
  let folder: String
  if let slash = path.lastIndex(of: "/") {
    folder = slash == path.startIndex ? "/" : String(path[..<slash])
  } else {
    folder = "."
  }
  // O_TMPFILE is (__O_TMPFILE | O_DIRECTORY) with __O_TMPFILE 020000000 on every Linux
  // architecture; the C macro is not imported into Swift.
  let nameless = Int32(0o20000000) | O_DIRECTORY
  return open(folder, nameless | O_WRONLY | O_CLOEXEC, mode)
  #else
  return -1
  #endif
}

/// Gives the nameless file open as `descriptor` the name `path`.
private func linkNamelessFile(_ descriptor: Int32, to path: String) -> Bool {
  #if os(Linux)
  return linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
  #else
  return false
  #endif
}

/// Removes the temporary files that writers of `path` left behind when their process died.
///
/// ``AtomicFileWriter`` names them `FILE.tmp-PID`; those whose process no longer exists are
/// removed. Call it while holding a lock that every writer of such files takes.
///
/// - Complexity: O(*f*) for *f* entries in the folder.
public func removeAbandonedTemporaryFiles(besides path: String) {
  let slash = path.lastIndex(of: "/")
  let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
  let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
  let prefix = name + ".tmp-"
  guard let entries = try? listDirectory(folder) else { return }
  for entry in entries where entry.hasPrefix(prefix) {
    guard let pid = Int32(entry.dropFirst(prefix.count)), pid > 0, pid != getpid() else {
      continue
    }
    if kill(pid, 0) != 0 && errno == ESRCH {
      unlink(folder == "/" ? "/" + entry : folder + "/" + entry)
    }
  }
}

/// A file's identity, the same for every path that names it: its device and inode.
public struct FileIdentity: Sendable, Hashable {
  /// The device the file lives on.
  public var device: UInt64
  /// The file's inode number on that device.
  public var inode: UInt64
}

/// The identity of the file at `path`, following symbolic links, or `nil` when nothing is there.
///
/// Two paths name the same file (through `./` spellings, symbolic or hard links) exactly when
/// their identities are equal.
public func fileIdentity(_ path: String) -> FileIdentity? {
  var info = stat()
  guard stat(path, &info) == 0 else { return nil }
  return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
}

private func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) -> FileSystemError? {
  var offset = 0
  while offset < bytes.count {
    let written = bytes.withUnsafeBytes { raw in
      systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
    }
    if written < 0 {
      if errno == EINTR { continue }
      return FileSystemError.fromErrno(errno, path: path)
    }
    offset += written
  }
  return nil
}

/// Writes text to standard output without buffering surprises.
public func writeStandardOutput(_ text: String) {
  var copy = text
  copy.withUTF8 { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = systemWrite(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if written <= 0 { if errno == EINTR { continue } else { return } }
      offset += written
    }
  }
}

/// Writes text to standard error.
public func writeStandardError(_ text: String) {
  var copy = text
  copy.withUTF8 { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = systemWrite(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      if written <= 0 { if errno == EINTR { continue } else { return } }
      offset += written
    }
  }
}

/// Whether standard input, output or error (0, 1 or 2) is a terminal.
public func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

/// The value of an environment variable, or `nil` when it is not set.
public func environmentValue(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

/// The terminal's width in columns: `COLUMNS` if set, then the terminal's own size, then 80.
public func terminalWidth() -> Int {
  if let text = environmentValue("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
  var size = winsize()
  if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
  return 80
}

/// Ends the process with `code`.
public func exitProcess(_ code: Int32) -> Never { exit(code) }

/// Elementary functions from the platform's C library, for modules that must not import it.
public enum PlatformMath {
  /// Natural logarithm.
  public static func log(_ x: Double) -> Double { systemLog(x) }
  /// log(1 + x), accurate for small x.
  public static func log1p(_ x: Double) -> Double { systemLog1p(x) }
  /// e raised to x.
  public static func exp(_ x: Double) -> Double { systemExp(x) }
  /// exp(x) - 1, accurate for small x.
  public static func expm1(_ x: Double) -> Double { systemExpm1(x) }
  /// x raised to y.
  public static func pow(_ x: Double, _ y: Double) -> Double { systemPow(x, y) }
  /// The natural logarithm of the absolute value of the gamma function.
  public static func logGamma(_ x: Double) -> Double { systemLgamma(x) }
  /// The error function.
  public static func erf(_ x: Double) -> Double { systemErf(x) }
  /// The complementary error function, 1 - erf(x), accurate in the tail.
  public static func erfc(_ x: Double) -> Double { systemErfc(x) }
  /// Tangent.
  public static func tan(_ x: Double) -> Double { systemTan(x) }
  /// Arctangent.
  public static func atan(_ x: Double) -> Double { systemAtan(x) }
}

// The C functions whose Swift names clash with methods above.
private func systemLog(_ x: Double) -> Double { log(x) }
private func systemLog1p(_ x: Double) -> Double { log1p(x) }
private func systemExp(_ x: Double) -> Double { exp(x) }
private func systemExpm1(_ x: Double) -> Double { expm1(x) }
private func systemPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func systemLgamma(_ x: Double) -> Double { lgamma(x) }
private func systemErf(_ x: Double) -> Double { erf(x) }
private func systemErfc(_ x: Double) -> Double { erfc(x) }
private func systemTan(_ x: Double) -> Double { tan(x) }
private func systemAtan(_ x: Double) -> Double { atan(x) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }

// MARK: - Capture: durable appends, file locks, standard input, interrupts, the clock
//
// Used by the capture session to append whole rows to a shared file: one write(2) of the complete
// row to a file opened with O_APPEND, under an exclusive flock, followed by fsync.

/// A file's owner and group, as numeric ids.
public struct FileOwner: Sendable, Hashable {
  /// The owner's user id.
  public var user: UInt32
  /// The group id.
  public var group: UInt32

  /// Creates an owner.
  public init(user: UInt32, group: UInt32) {
    self.user = user
    self.group = group
  }
}

/// A file opened for appending whole records, readable for checking its header, and closed (which
/// releases any lock) when the value is destroyed.
///
/// Every write is a single `write(2)` call on a descriptor opened with `O_APPEND`, so a record
/// lands after everything already in the file, even when another process appends at the same
/// time. Processes that cooperate take ``lockExclusively()`` first, so their records never
/// interleave and a header check stays true until the append.
public struct AppendOnlyFile: ~Copyable {
  private let descriptor: Int32
  /// The path that was opened.
  public let path: String

  /// Opens `path` for appending, creating it (mode 0644) if it does not exist.
  ///
  /// - Throws: `FileSystemError` when the file cannot be opened or created, or is a folder.
  public init(path: String) throws(FileSystemError) {
    if pathKind(path) == .directory {
      throw FileSystemError(kind: .isDirectory, path: path, reason: "is a folder, not a file")
    }
    // Non-blocking, so that opening a FIFO cannot wait for a reader; see `isRegularFile`.
    let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
    guard fd >= 0 else { throw FileSystemError.fromErrno(errno, path: path) }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    descriptor = fd
    self.path = path
  }

  /// Whether the open file is a regular file (not a FIFO, device or socket).
  public var isRegularFile: Bool {
    var info = stat()
    return fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  /// Waits until this process holds the exclusive `flock` lock on the file.
  ///
  /// The lock is released when the file is closed, including when the process dies.
  ///
  /// - Throws: `FileSystemError` when the operating system refuses the lock.
  public func lockExclusively() throws(FileSystemError) {
    while flock(descriptor, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      throw FileSystemError.fromErrno(errno, path: path)
    }
  }

  /// Whether ``path`` still names the file this value opened.
  ///
  /// It does not when another process has renamed a new file over the path (or removed it) since
  /// it was opened; a lock taken on the old file then protects nothing, so the caller opens the
  /// path again.
  ///
  /// - Throws: `FileSystemError` when either file's identity cannot be read.
  public func isStillAtPath() throws(FileSystemError) -> Bool {
    var opened = stat()
    var named = stat()
    guard fstat(descriptor, &opened) == 0 else {
      throw FileSystemError.fromErrno(errno, path: path)
    }
    guard stat(path, &named) == 0 else {
      if errno == ENOENT { return false }
      throw FileSystemError.fromErrno(errno, path: path)
    }
    return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
  }

  /// The file's owner and group.
  ///
  /// - Throws: `FileSystemError` when they cannot be read.
  public func owner() throws(FileSystemError) -> FileOwner {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileSystemError.fromErrno(errno, path: path) }
    return FileOwner(user: UInt32(info.st_uid), group: UInt32(info.st_gid))
  }

  /// The number of hard links to the file.
  ///
  /// - Throws: `FileSystemError` when it cannot be read.
  public func hardLinkCount() throws(FileSystemError) -> Int {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileSystemError.fromErrno(errno, path: path) }
    return Int(info.st_nlink)
  }

  /// The file's permission bits (such as `0o600`).
  ///
  /// - Throws: `FileSystemError` when they cannot be read.
  public func permissions() throws(FileSystemError) -> UInt32 {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileSystemError.fromErrno(errno, path: path) }
    return UInt32(info.st_mode) & 0o7777
  }

  /// The file's current size in bytes.
  ///
  /// - Throws: `FileSystemError` when the size cannot be read.
  public func size() throws(FileSystemError) -> Int {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileSystemError.fromErrno(errno, path: path) }
    return Int(info.st_size)
  }

  /// Reads up to `count` bytes starting at byte `offset`, without moving any file position.
  ///
  /// - Returns: The bytes read; fewer than `count` at the end of the file.
  /// - Throws: `FileSystemError` on a read error.
  /// - Complexity: O(*count*).
  public func read(count: Int, at offset: Int) throws(FileSystemError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max(0, count))
    var filled = 0
    while filled < bytes.count {
      let got = bytes.withUnsafeMutableBytes { raw in
        pread(
          descriptor,
          raw.baseAddress.map { $0 + filled },
          raw.count - filled,
          off_t(offset + filled)
        )
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw FileSystemError.fromErrno(errno, path: path)
      }
      if got == 0 { break }
      filled += got
    }
    return Array(bytes[0..<filled])
  }

  /// Appends `bytes` with exactly one `write(2)` call.
  ///
  /// If the system writes only part of the bytes (a full disk), the file is cut back to
  /// `previousSize` so that no partial record stays in it, and the error is thrown.
  ///
  /// - Parameters:
  ///   - bytes: The whole record (or header and record) to append.
  ///   - previousSize: The file's size before the append, read while holding the lock.
  /// - Throws: `FileSystemError` when the write fails or is short.
  /// - Complexity: O(*n*) in the number of bytes.
  public func appendInOneWrite(_ bytes: [UInt8], previousSize: Int) throws(FileSystemError) {
    guard !bytes.isEmpty else { return }
    var written = -1
    var code: Int32 = 0
    repeat {
      written = bytes.withUnsafeBytes { raw in systemWrite(descriptor, raw.baseAddress, raw.count) }
      code = errno
    } while written < 0 && code == EINTR
    if written == bytes.count { return }
    if written > 0 { _ = ftruncate(descriptor, off_t(previousSize)) }
    if written < 0 { throw FileSystemError.fromErrno(code, path: path) }
    throw FileSystemError(
      kind: .inputOutput,
      path: path,
      reason: "only \(written) of \(bytes.count) bytes could be written (is the disk full?)"
    )
  }

  /// Flushes the file's data and size to the disk (`fsync`).
  ///
  /// - Throws: `FileSystemError` when the flush fails.
  public func synchronize() throws(FileSystemError) {
    while fsync(descriptor) != 0 {
      if errno == EINTR { continue }
      throw FileSystemError.fromErrno(errno, path: path)
    }
  }

  deinit {
    _ = systemClose(descriptor)
  }
}

/// Flushes the folder that holds `path` to the disk, so that a newly created file's name survives a
/// power cut.
///
/// Failures are ignored: some file systems do not allow it.
public func synchronizeFolder(containing path: String) {
  var folder = "."
  if let slash = path.lastIndex(of: "/") {
    folder = slash == path.startIndex ? "/" : String(path[..<slash])
  }
  let fd = open(folder, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { return }
  _ = fsync(fd)
  _ = systemClose(fd)
}

/// What one read of standard input gave.
public enum StandardInputRead: Sendable, Hashable {
  /// Some bytes were read into the start of the buffer.
  case bytes(count: Int)
  /// Standard input is at its end.
  case endOfInput
  /// An interrupt (Ctrl-C), termination or hang-up signal arrived; see ``InterruptSignals``.
  case interrupted
  /// The read failed with the operating system's reason.
  case failed(String)
}

/// Reads what is available on standard input, up to `buffer.count` bytes, waiting if nothing is.
///
/// Returns ``StandardInputRead/interrupted`` instead of waiting once ``InterruptSignals`` has
/// seen a signal, and as soon as one arrives during the wait.
///
/// - Complexity: O(*k*) for *k* bytes read.
public func readStandardInput(into buffer: inout [UInt8]) -> StandardInputRead {
  while true {
    if InterruptSignals.wasReceived { return .interrupted }
    let count = buffer.withUnsafeMutableBytes { raw in systemRead(0, raw.baseAddress, raw.count) }
    if count > 0 { return .bytes(count: count) }
    if count == 0 { return .endOfInput }
    let code = errno
    if code == EINTR { continue }
    return .failed(strerror(code).map { String(cString: $0) } ?? "error \(code)")
  }
}

/// Catches interrupt (Ctrl-C), termination and hang-up signals so that a program can finish
/// what it is doing, such as a durable write, or say what it abandoned, instead of dying.
///
/// After ``install()``, those signals only set a flag (``wasReceived``) and interrupt a wait for
/// input (see ``readStandardInput(into:)``). ``restoreDefaults()`` puts back the usual behaviour.
public enum InterruptSignals {
  private static let received = Atomic<Bool>(false)
  private static let installed = Atomic<Bool>(false)
  private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Whether a caught signal has arrived since the signals were first caught.
  public static var wasReceived: Bool { received.load(ordering: .sequentiallyConsistent) }

  /// Starts catching the signals, clearing ``wasReceived``; does nothing while they are already
  /// caught, so that a signal caught early (a program installs this first thing, before its
  /// start-up work) is not forgotten by a later call.
  public static func install() {
    guard !installed.exchange(true, ordering: .sequentiallyConsistent) else { return }
    received.store(false, ordering: .sequentiallyConsistent)
    let handler: @convention(c) (Int32) -> Void = { _ in
      InterruptSignals.received.store(true, ordering: .sequentiallyConsistent)
    }
    for signal in signals { setHandler(signal, handler) }
  }

  /// Restores the default action of the signals.
  public static func restoreDefaults() {
    for signal in signals { setHandler(signal, nil) }
    installed.store(false, ordering: .sequentiallyConsistent)
  }

  private static func setHandler(_ signal: Int32, _ handler: (@convention(c) (Int32) -> Void)?) {
    var action = sigaction()
    #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = handler ?? SIG_DFL
    #elseif canImport(Glibc)
    action.__sigaction_handler.sa_handler = handler ?? SIG_DFL
    #else
    action.__sa_handler.sa_handler = handler ?? SIG_DFL
    #endif
    // No SA_RESTART: a signal must end a wait for input.
    action.sa_flags = 0
    sigemptyset(&action.sa_mask)
    _ = sigaction(signal, &action, nil)
  }
}

/// The current time as whole seconds since 1970-01-01 00:00:00 UTC.
public func secondsSinceUnixEpoch() -> Int {
  var now = timespec()
  _ = clock_gettime(CLOCK_REALTIME, &now)
  return Int(now.tv_sec)
}
