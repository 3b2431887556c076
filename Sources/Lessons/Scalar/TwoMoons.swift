import Foundation
import Random

/// Two interleaving half circles with labels -1 and +1 (scikit-learn's `make_moons`),
/// the two-class problem that micrograd's demo trains its scalar MLP on.
public struct TwoMoons {
    public let points: [(x: Double, y: Double)]
    /// -1 for the upper moon, +1 for the lower one.
    public let labels: [Double]

    /// `count` points (half on each moon) with Gaussian noise of standard deviation `noise`.
    public init(count: Int, noise: Double, generator: inout MT19937) {
        let upper = count / 2, lower = count - upper
        var points: [(x: Double, y: Double)] = []
        for i in 0..<upper {
            let t = Double.pi * Double(i) / Double(max(upper - 1, 1))
            points.append((cos(t), sin(t)))
        }
        for i in 0..<lower {
            let t = Double.pi * Double(i) / Double(max(lower - 1, 1))
            points.append((1 - cos(t), 0.5 - sin(t)))
        }
        self.points = points.map { p in
            (p.x + noise * generator.standardNormal(), p.y + noise * generator.standardNormal())
        }
        labels = Array(repeating: -1, count: upper) + Array(repeating: 1, count: lower)
    }
}
