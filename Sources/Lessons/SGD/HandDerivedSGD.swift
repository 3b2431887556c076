/// The notes' NumPy `upd()`: gradient descent for y = a·x + b with the gradients
/// derived by hand instead of by autograd.
///
/// ```python
/// def upd():
///     y_pred = lin(a_guess, b_guess, x)
///     dydb = 2 * (y_pred - y)
///     dyda = x * dydb
///     a_guess -= lr * dyda.mean()
///     b_guess -= lr * dydb.mean()
/// ```
/// For the loss mean((a·x + b − y)²): ∂/∂b = mean(2(ŷ − y)), ∂/∂a = mean(2(ŷ − y)·x).
public struct HandDerivedSGD: Sendable {
    public var a: Double
    public var b: Double
    public let learningRate: Double

    public init(a: Double, b: Double, learningRate: Double) {
        self.a = a
        self.b = b
        self.learningRate = learningRate
    }

    /// Mean squared error of the current line on the points.
    public func loss(_ data: FakeData) -> Double {
        LineFitLoss.mseLoss(a, b, data.x, data.y)
    }

    /// One step (`upd()`); returns the loss before it.
    @discardableResult
    public mutating func update(_ data: FakeData) -> Double {
        var dLdA = 0.0, dLdB = 0.0, loss = 0.0
        for (x, y) in zip(data.x, data.y) {
            let error = a * x + b - y
            loss += error * error
            dLdB += 2 * error
            dLdA += 2 * error * x
        }
        let n = Double(data.x.count)
        a -= learningRate * dLdA / n
        b -= learningRate * dLdB / n
        return loss / n
    }
}
