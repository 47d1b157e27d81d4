import Dispatch
import Synchronization

/// Batches of rows passed from a thread that reads a worksheet ahead to the thread that lends
/// them out, at most `capacity` at a time.
///
/// The producer runs on a Dispatch queue of its own; ``stopAndWait()`` stops it and waits until
/// it has finished, so that no work outlives the read that started it.
final class BatchChannel: Sendable {
  private let items = Mutex<[Result<RowBatch, WorkbookError>]>([])
  /// Batches the receiver has finished with, kept for their capacity.
  private let spares = Mutex<[RowBatch]>([])
  private let isStopped = Atomic<Bool>(false)
  private let filled = DispatchSemaphore(value: 0)
  private let free: DispatchSemaphore
  private let finished = DispatchSemaphore(value: 0)

  init(capacity: Int) {
    free = DispatchSemaphore(value: capacity)
  }

  /// Starts producing batches from `reading` on another thread: `fill` fills each batch; an
  /// empty batch or an error ends the production.
  func startProducing(
    _ reading: WorksheetReading,
    fill: @escaping @Sendable (inout WorksheetReading, inout RowBatch) throws(WorkbookError) -> Void
  ) {
    let start: @Sendable () -> Void = { [self] in
      var reading = reading
      defer { finished.signal() }
      while true {
        var batch = spares.withLock { $0.popLast() } ?? RowBatch()
        let result: Result<RowBatch, WorkbookError>
        do throws(WorkbookError) {
          try fill(&reading, &batch)
          result = .success(batch)
        } catch {
          result = .failure(error)
        }
        guard send(result) else { return }
        if case .success(let batch) = result, !batch.rowEnds.isEmpty { continue }
        return
      }
    }
    // A queue of its own runs on an overcommitting thread, so the producer starts even when
    // the shared pools are busy with callers that wait for it.
    DispatchQueue(label: "SurveyWorkbook.worksheet-reading", qos: .userInitiated)
      .async(execute: start)
  }

  /// Waits for room, then queues `item`; returns `false`, without queueing, once stopped.
  private func send(_ item: Result<RowBatch, WorkbookError>) -> Bool {
    free.wait()
    if isStopped.load(ordering: .acquiring) { return false }
    items.withLock { $0.append(item) }
    filled.signal()
    return true
  }

  /// Waits for the next batch.
  func receive() -> Result<RowBatch, WorkbookError> {
    filled.wait()
    let item = items.withLock { $0.removeFirst() }
    free.signal()
    return item
  }

  /// Hands back a batch that has been lent out, so that its buffers are used again.
  func recycle(_ batch: RowBatch) {
    spares.withLock { spares in
      if spares.count < 2 { spares.append(batch) }
    }
  }

  /// Tells the producer to stop and waits until it has.
  func stopAndWait() {
    isStopped.store(true, ordering: .releasing)
    free.signal()
    finished.wait()
  }
}
