import Scalar

/// The same line fit on the scalar engine: a and b are `Value`s and every point's
/// error is a little graph, so `backward()` finds ∂loss/∂a and ∂loss/∂b for us.
public struct ScalarRegression {
    public let a: Value
    public let b: Value
    public let learningRate: Double

    public init(a: Double, b: Double, learningRate: Double) {
        self.a = Value(a, label: "a")
        self.b = Value(b, label: "b")
        self.learningRate = learningRate
    }

    /// One full-batch gradient step; returns the loss before it.
    @discardableResult
    public func update(_ data: FakeData) -> Double {
        let errors = zip(data.x, data.y).map { x, y in (a * x + b - y).pow(2) }
        let loss = errors.dropFirst().reduce(errors[0], +) / Double(errors.count)
        a.grad = 0
        b.grad = 0
        loss.backward()
        a.data -= learningRate * a.grad
        b.data -= learningRate * b.grad
        return loss.data
    }
}
