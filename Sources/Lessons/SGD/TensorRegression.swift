import Tensor

/// The line fit of "what `fit` does" on the tensor engine, as the notes' PyTorch cell:
/// a and b are one-element tensors that require grad, the loss is built from whole
/// tensors, `backward()` fills `a.grad` and `b.grad`, and the update runs without
/// recording.
///
/// ```python
/// a = V(np.random.randn(1), requires_grad=True)
/// b = V(np.random.randn(1), requires_grad=True)
/// for t in range(10000):
///     loss = mse_loss(a, b, x, y)          # ((a*x + b - y)**2).mean()
///     if t % 1000 == 0: print(loss.data[0])
///     loss.backward()
///     a.data -= learning_rate * a.grad.data
///     b.data -= learning_rate * b.grad.data
///     a.grad.data.zero_()
///     b.grad.data.zero_()
/// ```
public struct TensorRegression {
    public let a: Tensor
    public let b: Tensor
    public let learningRate: Float

    public init(a: Double, b: Double, learningRate: Float) {
        self.a = Tensor([Float(a)], requiresGrad: true)
        self.b = Tensor([Float(b)], requiresGrad: true)
        self.learningRate = learningRate
    }

    /// `mse_loss(a, b, x, y)`: the mean squared error of the line a·x + b.
    public func loss(_ x: Tensor, _ y: Tensor) -> Tensor {
        (a * x + b - y).pow(2).mean()
    }

    /// One full-batch gradient step; returns the loss before it (`loss.item()` reads it).
    @discardableResult
    public func update(_ x: Tensor, _ y: Tensor) -> Tensor {
        let loss = loss(x, y)
        loss.backward()
        withoutGrad {
            a.addInPlace(a.grad!, alpha: -learningRate)
            b.addInPlace(b.grad!, alpha: -learningRate)
        }
        a.zeroGrad()
        b.zeroGrad()
        return loss
    }
}

extension FakeData {
    /// The points as Float32 tensors (the notes' `x, y = V(x), V(y)`).
    public func tensors() -> (x: Tensor, y: Tensor) {
        (Tensor(x.map(Float.init)), Tensor(y.map(Float.init)))
    }
}
