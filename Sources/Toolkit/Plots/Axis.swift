import Foundation

/// One axis of a plot: its title, its scale and, optionally, fixed limits
/// (matplotlib's `set_xlabel`, `set_xscale`, `set_xlim`).
public struct Axis: Sendable {
    public enum Scale: Sendable {
        case linear
        /// Positions by `log10` of the value; values ≤ 0 cannot be shown.
        case log
    }

    public var title: String
    public var scale: Scale
    /// The range shown; nil picks the data's range plus a 5% margin each side.
    public var limits: ClosedRange<Double>?

    public init(_ title: String = "", scale: Scale = .linear, limits: ClosedRange<Double>? = nil) {
        if let limits {
            guard limits.lowerBound.isFinite, limits.upperBound.isFinite, limits.lowerBound < limits.upperBound,
                  scale == .linear || limits.lowerBound > 0 else {
                fatalError("Axis '\(title)': limits \(limits) must be finite, increasing and, on a log scale, positive")
            }
        }
        self.title = title
        self.scale = scale
        self.limits = limits
    }

    /// Whether `value` has a place on this axis.
    func shows(_ value: Double) -> Bool { value.isFinite && (scale == .linear || value > 0) }

    /// The range to show for data `values`: `limits` if set, else the shown values'
    /// range widened by 5% (in log space on a log axis).
    func domain(for values: [Double]) -> ClosedRange<Double> {
        if let limits { return limits }
        let shown = values.filter(shows).map(transform)
        guard var low = shown.min(), var high = shown.max() else { return scale == .linear ? 0...1 : 1...10 }
        if low == high {
            let pad = scale == .log ? 1 : (low == 0 ? 1 : abs(low) * 0.1)
            (low, high) = (low - pad, high + pad)
        } else {
            let pad = (high - low) * 0.05
            (low, high) = (low - pad, high + pad)
        }
        return scale == .linear ? low...high : pow(10, low)...pow(10, high)
    }

    /// The position of `value` along `domain`, 0 at the start and 1 at the end.
    func fraction(_ value: Double, in domain: ClosedRange<Double>) -> Double {
        let low = transform(domain.lowerBound), high = transform(domain.upperBound)
        return (transform(value) - low) / (high - low)
    }

    /// Major ticks with their labels, and unlabelled minor ticks.
    func ticks(in domain: ClosedRange<Double>) -> (major: [(value: Double, label: String)], minor: [Double]) {
        switch scale {
        case .linear:
            let step = Ticks.niceStep(domain)
            return (Ticks.linear(domain).map { ($0, Ticks.label($0, step: step)) }, [])
        case .log:
            let ticks = Ticks.logarithmic(domain)
            return (ticks.major.map { ($0, Ticks.logLabel($0)) }, ticks.minor)
        }
    }

    private func transform(_ value: Double) -> Double { scale == .linear ? value : log10(value) }
}
