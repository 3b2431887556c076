import Foundation

/// Where an axis puts its tick marks and what it writes under them.
///
/// Linear axes use "nice" steps, 1, 2 or 5 times a power of ten, as matplotlib's
/// `MaxNLocator` does; log axes (the learning-rate finder's x axis) put major ticks
/// at decades, 10⁻⁵, 10⁻⁴, …, and minor ticks at 2…9 times each decade.
public enum Ticks {
    /// The step for about `count` ticks over `domain`: 1, 2 or 5 × 10^k.
    public static func niceStep(_ domain: ClosedRange<Double>, count: Int = 6) -> Double {
        let raw = (domain.upperBound - domain.lowerBound) / Double(max(1, count - 1))
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let mantissa = raw / power
        return power * (mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10)
    }

    /// The multiples of `niceStep(domain, count:)` inside `domain`.
    public static func linear(_ domain: ClosedRange<Double>, count: Int = 6) -> [Double] {
        let step = niceStep(domain, count: count)
        let first = (domain.lowerBound / step - tolerance).rounded(.up)
        let last = (domain.upperBound / step + tolerance).rounded(.down)
        guard first <= last else { return [] }
        // Multiply the integer index by the step, so 0.1·3 does not drift to 0.30000000000000004.
        return stride(from: first, through: last, by: 1).map { clean($0 * step, step: step) }
    }

    /// Powers of ten inside `domain` (positive), thinned to every second, third, …
    /// decade when there would be more than `maximum`.
    public static func decades(_ domain: ClosedRange<Double>, maximum: Int = 8) -> [Double] {
        let low = Int((log10(domain.lowerBound) - tolerance).rounded(.up))
        let high = Int((log10(domain.upperBound) + tolerance).rounded(.down))
        guard low <= high else { return [] }
        let every = (high - low) / maximum + 1
        return stride(from: low, through: high, by: every).map { decimal(1, exponent: $0) }
    }

    /// The major and minor ticks of a log axis over `domain`. With fewer than two
    /// decades inside, the major ticks fall back to 1, 2 and 5 times each decade.
    public static func logarithmic(_ domain: ClosedRange<Double>) -> (major: [Double], minor: [Double]) {
        let low = exponent(of: domain.lowerBound), high = exponent(of: domain.upperBound)
        var all: [Double] = []
        for exponent in low...high {
            for multiple in 1...9 { all.append(decimal(multiple, exponent: exponent)) }
        }
        all = all.filter { $0 >= domain.lowerBound * (1 - tolerance) && $0 <= domain.upperBound * (1 + tolerance) }
        let decades = decades(domain)
        if decades.count >= 2 { return (decades, all.filter { !decades.contains($0) }) }
        let major = all.filter { [1, 2, 5].contains(leadingDigit($0)) }
        return (major, all.filter { !major.contains($0) })
    }

    /// A linear tick's label with as many decimals as the step needs ("0.25" steps of
    /// 0.05 → "0.25"; steps of 100 → "300"), or scientific notation for extreme values.
    public static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 1e6 || step < 1e-4 { return String(format: "%g", value) }
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    /// A log tick's label: plain decimals from 0.001 to 1000, otherwise `1e-5`,
    /// `2e6` (the bitmap font has no superscripts).
    public static func logLabel(_ value: Double) -> String {
        let exponent = exponent(of: value)
        let digit = leadingDigit(value)
        if (-3...3).contains(exponent) {
            return exponent >= 0 ? String(Int(value.rounded())) : String(format: "%.\(-exponent)f", value)
        }
        return "\(digit)e\(exponent)"
    }

    /// `multiple × 10^exponent` as the nearest double: a negative exponent divides by
    /// an exact power of ten, so 3 × 10⁻¹ is 0.3 and not 0.30000000000000004.
    static func decimal(_ multiple: Int, exponent: Int) -> Double {
        exponent < 0 ? Double(multiple) / pow(10, Double(-exponent)) : Double(multiple) * pow(10, Double(exponent))
    }

    /// The first significant digit of a positive number (2 for 0.002).
    static func leadingDigit(_ value: Double) -> Int {
        Int((value / pow(10, Double(exponent(of: value)))).rounded())
    }

    /// The power of ten of a positive number's leading digit (-3 for 0.002), robust to
    /// `log10` landing a hair below an exact power.
    static func exponent(of value: Double) -> Int { Int((log10(value) + tolerance).rounded(.down)) }

    /// Relative slack for comparisons that floating point would otherwise get wrong at
    /// exact tick values.
    static let tolerance = 1e-9

    /// `value` rounded to well below the step's precision: no floating-point dust.
    static func clean(_ value: Double, step: Double) -> Double {
        if step >= 1 { return value }
        let scale = pow(10, (-log10(step)).rounded(.up) + 3)
        let cleaned = (value * scale).rounded() / scale
        return cleaned == 0 ? 0 : cleaned
    }
}
