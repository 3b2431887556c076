import Random
import Tensor
import Testing

/// The autograd example of `Docs/Tensor.md`, verbatim (`DocsCodeTests` checks that it
/// is), on a random batch of 32 inputs of 784 features and a state to detach.
@Suite struct TensorExamples {
    @Test func autogradAPI() {
        var generator = MT19937(seed: 0)
        let x = Tensor.normal([32, 784], generator: &generator)
        let labels = IndexTensor((0..<32).map { Int32($0 % 10) })
        let state = Tensor.uniform([4, 3], requiresGrad: true, generator: &generator) * 2

        let w = Tensor.normal([784, 10], std: 0.01, requiresGrad: true, generator: &generator)
        let loss = -x.matmul(w).logSoftmax().gathered(columns: labels).mean()
        loss.backward()                 // from a one-element tensor; or y.backward(seedGradient)
        let gradient = w.grad!          // accumulated across backward calls and uses
        withoutGrad { w.addInPlace(gradient, alpha: -0.1) }   // SGD
        w.zeroGrad()                    // grad = nil (PyTorch's set_to_none)
        let h = state.detached()        // same storage, no history (truncated BPTT)

        #expect(gradient.shape == [784, 10] && w.grad == nil)
        let after = withoutGrad { -x.matmul(w).logSoftmax().gathered(columns: labels).mean() }
        #expect(after.item() < loss.item(), "one SGD step lowers the loss: \(loss.item()) → \(after.item())")
        #expect(state.requiresGrad && !h.requiresGrad && h.scalars == state.scalars)
    }
}
