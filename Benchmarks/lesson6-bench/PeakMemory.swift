import Foundation

/// The most memory the process has held resident so far, in MiB: Linux's `VmHWM`, which
/// the PyTorch scripts read too, so that the two columns measure the same thing. It covers
/// the whole process (data set, model, optimizer state, allocator caches) and never goes
/// down. `getrusage`'s `ru_maxrss` would say the same but for one thing: it survives
/// `exec`, so a benchmark started by a large process (a Python script that has imported
/// PyTorch) would report that process's size; `VmHWM` starts again with the new program.
enum PeakMemory {
    /// nil where neither is to be read.
    static func mebibytes() -> Double? {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kilobytes / 1024
        #else
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Double(usage.ru_maxrss) / 1_048_576   // macOS reports bytes
        #endif
    }

    /// A report's peak, right-aligned in `width` characters for a table ("–" when the
    /// report has none).
    static func column(_ mebibytes: Double?, width: Int) -> String {
        let text = mebibytes.map { String(format: "%.0f", $0) } ?? "–"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
