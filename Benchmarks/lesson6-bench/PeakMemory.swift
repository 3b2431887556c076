import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The most memory the process has held resident so far, in MiB: `getrusage`'s
/// `ru_maxrss`, which the PyTorch scripts read too (`resource.getrusage`), so that the
/// two columns measure the same thing. It covers the whole process (data set, model,
/// optimizer state, allocator caches), and it never goes down.
enum PeakMemory {
    static func mebibytes() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024          // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576     // bytes on macOS
        #endif
    }

    /// A report's peak, right-aligned in `width` characters for a table ("–" when the
    /// report has none).
    static func column(_ mebibytes: Double?, width: Int) -> String {
        let text = mebibytes.map { String(format: "%.0f", $0) } ?? "–"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
