import Dispatch
import Foundation

/// Splits `0..<count` into chunks run on all cores with `concurrentPerform`, when the
/// whole job is estimated above 100 µs (`nanoseconds`); smaller jobs run inline, since
/// waking the other threads would cost a good part of what they save (Docs/Tensor.md,
/// "CPUBackend", has the measurements).
func parallelFor(_ count: Int, nanoseconds: Int, _ body: (Range<Int>) -> Void) {
    guard count > 1, nanoseconds > 100_000, cores > 1 else {
        body(0..<count)
        return
    }
    // A few chunks per thread even out cores that other work slows down.
    let chunks = min(count, cores * 4)
    withoutActuallyEscaping(body) { body in
        // The chunks write disjoint parts of the output; nothing else is shared.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body(chunk * count / chunks ..< (chunk + 1) * count / chunks)
        }
    }
}

/// The number of cores, read once (asking the system costs microseconds).
private let cores = ProcessInfo.processInfo.activeProcessorCount
