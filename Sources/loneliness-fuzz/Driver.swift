import SurveyFuzzing

/// The target named by `--target=NAME` on the command line, if any.
let chosenTarget: FuzzTarget? = {
  let prefix = "--target="
  guard let argument = CommandLine.arguments.dropFirst().last(where: { $0.hasPrefix(prefix) })
  else { return nil }
  return FuzzTarget.named(String(argument.dropFirst(prefix.count)))
}()

#if FUZZING
/// libFuzzer's entry point for a program that has its own `main`: it parses the flags in
/// `argv`, then calls `callback` with each input (`int LLVMFuzzerRunDriver(int *argc,
/// char ***argv, int (*callback)(const uint8_t *data, size_t size))`).
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// LeakSanitizer's calls around allocations that are not to be reported as leaks.
@_silgen_name("__lsan_disable")
private func lsanDisable()
@_silgen_name("__lsan_enable")
private func lsanEnable()

/// Runs libFuzzer on `chosenTarget` with the process's arguments.
///
/// The shared data the targets keep for the life of the process is built first, with leak
/// checking off: Swift keeps some references inside enum payloads with spare bits set, which
/// LeakSanitizer does not take for pointers, so it would report that data as leaked.
///
/// - Returns: libFuzzer's exit status.
func runLibFuzzer() -> Int32 {
  lsanDisable()
  FuzzTarget.prepare()
  lsanEnable()
  var argc = CommandLine.argc
  var argv = CommandLine.unsafeArgv
  return llvmFuzzerRunDriver(&argc, &argv) { data, size in
    guard let target = chosenTarget else { return -1 }
    target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }
}
#endif
