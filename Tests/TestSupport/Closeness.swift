import Testing

/// `numpy.isclose` for one pair: |actual − expected| ≤ atol + rtol·|expected|.
///
/// `atol` is the absolute tolerance, which judges elements near zero; `rtol` the
/// relative one, which judges the rest. NaN is close to nothing, NaN included, and an
/// infinity only to the same infinity (numpy's default `equal_nan=False`), so a
/// computation that blows up always fails the comparison.
public func isClose(_ actual: Double, _ expected: Double, atol: Double, rtol: Double) -> Bool {
    if actual.isInfinite || expected.isInfinite { return actual == expected }
    return abs(actual - expected) <= atol + rtol * abs(expected)
}

/// Where two arrays first fail `isClose`: the index and both values, or a count
/// mismatch. Nil when every element is close.
public func firstMismatch<A: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ actual: [A], _ expected: [E], atol: Double, rtol: Double
) -> String? {
    guard actual.count == expected.count else { return "\(actual.count) values, expected \(expected.count)" }
    for (index, (a, e)) in zip(actual, expected).enumerated()
    where !isClose(Double(a), Double(e), atol: atol, rtol: rtol) {
        let error = abs(Double(a) - Double(e))
        return "element \(index): \(a), expected \(e) (|difference| \(error), allowed \(atol + rtol * abs(Double(e))))"
    }
    return nil
}

/// Records an issue at the first element of `actual` that is not close to `expected`
/// (`isClose` with `atol` and `rtol`), or when the counts differ.
public func expectAllClose<A: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ actual: [A], _ expected: [E], atol: Double, rtol: Double, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let mismatch = firstMismatch(actual, expected, atol: atol, rtol: rtol) {
        Issue.record("\(what): \(mismatch)", sourceLocation: sourceLocation)
    }
}

/// The largest |actual − expected| over both arrays, infinity when any element is NaN
/// or infinite on either side (where `Swift.max` would drop a NaN and pass).
public func largestDifference<A: BinaryFloatingPoint, E: BinaryFloatingPoint>(_ actual: [A],
                                                                              _ expected: [E]) -> Double {
    guard actual.count == expected.count else { return .infinity }
    var largest = 0.0
    for (a, e) in zip(actual, expected) {
        let difference = abs(Double(a) - Double(e))
        guard difference.isFinite else { return .infinity }
        largest = max(largest, difference)
    }
    return largest
}
