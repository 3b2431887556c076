import Dispatch
import Foundation

/// Where `fit` writes its table and progress bar, and the clock it times them with.
///
/// On a terminal the progress bar is redrawn in place (a carriage return, then the
/// line); anywhere else (a log file, a pipe, a test) it is written as whole lines, at
/// most one every `lineInterval` seconds, so that logs stay short. `standard` picks the
/// style by asking whether standard output is a terminal (`isatty`). Tests pass their
/// own `write` to capture the text, and their own `now` for times that do not vary.
public struct TrainingOutput {
    public enum Style: Sendable {
        /// Redraw the progress bar in place with `\r`, about ten times a second.
        case terminal
        /// Progress as separate lines, at most one every `lineInterval` seconds.
        case lines
    }

    public var style: Style
    /// Writes text as given; the text carries its own newlines.
    public var write: (String) -> Void
    /// Seconds on a monotonic clock.
    public var now: () -> Double
    /// The least time between two progress lines in the `lines` style.
    public var lineInterval: Double

    public init(style: Style, lineInterval: Double = 10, now: @escaping () -> Double = monotonicSeconds,
                write: @escaping (String) -> Void) {
        self.style = style
        self.write = write
        self.now = now
        self.lineInterval = lineInterval
    }

    /// Standard output, in the style its destination calls for.
    public static var standard: TrainingOutput {
        TrainingOutput(style: isatty(STDOUT_FILENO) != 0 ? .terminal : .lines) { text in
            print(text, terminator: "")
            fflush(nil)
        }
    }

    /// Writes nothing: for runs whose numbers are read from the returned history.
    public static var silent: TrainingOutput {
        TrainingOutput(style: .lines) { _ in }
    }
}

/// Seconds since an arbitrary start, never going backwards.
public func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
