import Random

/// The lecture's fake data for "what `fit` does": points near the line y = a·x + b.
///
/// ```python
/// def gen_fake_data(n, a, b):
///     x = np.random.uniform(0, 1, n)
///     y = lin(a, b, x) + 0.1 * np.random.normal(0, 3, n)
/// ```
/// Drawn from `MT19937` in NumPy's order, so `np.random.seed(s)` gives the same points.
public struct FakeData: Sendable {
    /// The noise's standard deviation, 0.1 · 3: no line fits better than its square,
    /// 0.09, on average.
    public static let noise = 0.1 * 3

    public let x: [Double]
    public let y: [Double]

    public init(count: Int, a: Double, b: Double, generator: inout MT19937) {
        var x: [Double] = []
        for _ in 0..<count { x.append(generator.uniform(0, 1)) }
        var y: [Double] = []
        for xi in x { y.append(a * xi + b + FakeData.noise * generator.standardNormal()) }
        self.x = x
        self.y = y
    }

    /// Given points.
    public init(x: [Double], y: [Double]) {
        guard x.count == y.count else { fatalError("FakeData: \(x.count) x values but \(y.count) y values") }
        self.x = x
        self.y = y
    }
}
