import Random
import Testing
@testable import Tensor

/// Finite-difference checks of every differentiable operation (see `checkGradients`).
@Suite struct ArithmeticGradients {
    @Test func addBroadcasting() {
        checkGradients([[3, 4], [3, 4]]) { $0[0] + $0[1] }
        checkGradients([[3, 1], [1, 4]]) { $0[0] + $0[1] }
        checkGradients([[4], [2, 3, 4]]) { $0[0] + $0[1] }
        checkGradients([[2, 3]]) { $0[0] + 1.5 }
        checkGradients([[2, 3]]) { 1.5 + $0[0] }
    }

    @Test func subtractBroadcasting() {
        checkGradients([[3, 1], [1, 4]]) { $0[0] - $0[1] }
        checkGradients([[4], [2, 3, 4]]) { $0[0] - $0[1] }
        checkGradients([[2, 3]]) { $0[0] - 2 }
        checkGradients([[2, 3]]) { 2 - $0[0] }
    }

    @Test func multiplyBroadcasting() {
        checkGradients([[3, 1], [1, 4]]) { $0[0] * $0[1] }
        checkGradients([[2, 3, 4], [4]]) { $0[0] * $0[1] }
        checkGradients([[2, 3]]) { $0[0] * 3 }
        checkGradients([[2, 3]]) { -0.5 * $0[0] }
    }

    @Test func divideBroadcasting() {
        checkGradients([[3, 1], [1, 4]], range: 0.5...2) { $0[0] / $0[1] }
        checkGradients([[2, 3, 4], [3, 1]], range: 0.5...2) { $0[0] / $0[1] }
        checkGradients([[2, 3]]) { $0[0] / 4 }
        checkGradients([[2, 3]], range: 0.5...2) { 3 / $0[0] }
    }

    @Test func negate() {
        checkGradients([[2, 3]]) { -$0[0] }
    }

    @Test func tensorUsedTwice() {
        checkGradients([[3, 4]]) { $0[0] * $0[0] + $0[0] }
        checkGradients([[3, 4], [4]]) { x in (x[0] * x[1]).tanh() * x[1] - x[0] }
    }

    @Test func dropoutMask() {
        checkGradients([[4, 5]]) { x in
            var generator = MT19937Seeded.generator()
            return x[0] * (Tensor.bernoulli([4, 5], probability: 0.5, generator: &generator) / 0.5)
        }
    }
}

@Suite struct PointwiseGradients {
    @Test func exponentialAndLogarithm() {
        checkGradients([[2, 5]]) { $0[0].exp() }
        checkGradients([[2, 5]], range: 0.5...3) { $0[0].log() }
    }

    @Test func activations() {
        checkGradients([[2, 5]], range: -3...3) { $0[0].tanh() }
        checkGradients([[2, 5]], range: -4...4) { $0[0].sigmoid() }
        checkGradients([[3, 5]], kinks: [0]) { $0[0].relu() }
    }

    @Test func powers() {
        checkGradients([[2, 5]]) { $0[0].pow(2) }
        checkGradients([[2, 5]]) { $0[0].pow(3) }
        checkGradients([[2, 5]], range: 0.5...2) { $0[0].pow(-1) }
        checkGradients([[2, 5]], range: 0.5...2) { $0[0].pow(1.5) }
        checkGradients([[2, 5]], range: 0.5...3) { $0[0].sqrt() }
    }

    @Test func clamps() {
        checkGradients([[3, 5]], kinks: [-0.5, 1]) { $0[0].clamped(min: -0.5, max: 1) }
        checkGradients([[3, 5]], kinks: [0.25]) { max($0[0], 0.25) }
        checkGradients([[3, 5]], kinks: [0.25]) { min($0[0], 0.25) }
    }
}

@Suite struct ReductionGradients {
    /// Distinct values 0.1 apart (more than 2h), so a perturbation never changes the maximum.
    static func distinct(_ count: Int) -> [Float] {
        var generator = MT19937Seeded.generator()
        return generator.permutation(count).map { Float($0) * 0.1 - 1 }
    }

    @Test func sums() {
        checkGradients([[2, 3, 4]]) { $0[0].sum() }
        checkGradients([[2, 3, 4]]) { $0[0].sum(axis: 1) }
        checkGradients([[2, 3, 4]]) { $0[0].sum(axes: [0, 2], keepDims: true) }
        checkGradients([[2, 3, 4]]) { $0[0].sum(axes: [0, 1]) }
    }

    @Test func means() {
        checkGradients([[2, 3, 4]]) { $0[0].mean() }
        checkGradients([[2, 3, 4]]) { $0[0].mean(axis: -1, keepDims: true) }
        checkGradients([[2, 3, 4]]) { $0[0].mean(axes: [0, 2]) }
    }

    @Test func maxima() {
        checkGradients([[3, 4]], values: [Self.distinct(12)]) { $0[0].max() }
        checkGradients([[3, 4]], values: [Self.distinct(12)]) { $0[0].max(axis: 1) }
        checkGradients([[2, 3, 4]], values: [Self.distinct(24)]) { $0[0].max(axes: [0, 2], keepDims: true) }
    }

    @Test func maxSharesTiesEqually() {
        let x = Tensor([1, 3, 3, 2], requiresGrad: true)
        x.max().backward()
        #expect(x.grad!.scalars == [0, 0.5, 0.5, 0])
    }
}

@Suite struct MatmulGradients {
    @Test func everyTransposeCombination() {
        checkGradients([[3, 4], [4, 5]]) { $0[0].matmul($0[1]) }
        checkGradients([[4, 3], [4, 5]]) { $0[0].transposed().matmul($0[1]) }
        checkGradients([[3, 4], [5, 4]]) { $0[0].matmul($0[1].transposed()) }
        checkGradients([[4, 3], [5, 4]]) { $0[0].transposed().matmul($0[1].transposed()) }
    }

    @Test func batched() {
        checkGradients([[2, 3, 4], [2, 4, 5]]) { $0[0].matmul($0[1]) }
        checkGradients([[2, 4, 3], [2, 5, 4]]) { $0[0].transposed().matmul($0[1].transposed()) }
        checkGradients([[2, 3, 4], [4, 5]]) { $0[0].matmul($0[1]) }
        checkGradients([[2, 4, 3], [4, 5]]) { $0[0].transposed().matmul($0[1]) }
        checkGradients([[3, 4], [2, 4, 5]]) { $0[0].matmul($0[1]) }
        checkGradients([[1, 3, 4], [2, 4, 5]]) { $0[0].matmul($0[1]) }
    }

    @Test func stridedOperandsAreCopied() {
        // Every other column: neither axis has stride 1.
        checkGradients([[3, 8], [4, 2]]) { x in
            x[0].reshaped([3, 4, 2]).selected(axis: 2, 0).matmul(x[1])
        }
    }
}

@Suite struct StructuralGradients {
    @Test func concatAndStack() {
        checkGradients([[2, 3], [4, 3]]) { Tensor.concat($0, axis: 0) }
        checkGradients([[2, 3], [2, 1], [2, 2]]) { Tensor.concat($0, axis: 1) }
        checkGradients([[2, 3], [2, 3]]) { Tensor.stack($0, axis: 1) }
    }

    @Test func embeddingLookupScatterAdds() {
        // Row 1 is looked up three times: its gradient is the sum of three rows.
        checkGradients([[4, 3]]) { $0[0][IndexTensor([1, 3, 1, 0, 1])] }
        checkGradients([[5, 2]]) { $0[0][IndexTensor([4, 0, 4, 2, 2, 1], shape: [2, 3])] }
        checkGradients([[3, 5]]) { $0[0].transposed()[IndexTensor([0, 4, 4])] }
        checkGradients([[4, 3]]) { $0[0].logSoftmax().gathered(columns: [2, 0, 0, 1]) }
    }

    @Test func softmaxes() {
        checkGradients([[3, 5]]) { $0[0].softmax() }
        checkGradients([[3, 5]]) { $0[0].logSoftmax() }
        checkGradients([[3, 4, 2]]) { $0[0].softmax(axis: 1) }
        checkGradients([[3, 4]]) { $0[0].logSoftmax(axis: 0) }
    }

    @Test func views() {
        checkGradients([[2, 3, 4]]) { $0[0].transposed(0, 2).exp() }
        checkGradients([[2, 3, 4]]) { $0[0].permuted([1, 2, 0]) * Tensor.arange(2) }
        checkGradients([[2, 3, 4]]) { $0[0].reshaped([4, -1]).tanh() }
        checkGradients([[3, 4]]) { $0[0].transposed().reshaped([2, 6]).exp() }
        checkGradients([[3, 1]]) { $0[0].expanded(to: [2, 3, 4]).tanh() }
        checkGradients([[3, 4]]) { $0[0].sliced(axis: 1, 1..<3).exp() }
        checkGradients([[3, 4]]) { $0[0][1].exp() + $0[0][0..<2].sum(axis: 0) }
        checkGradients([[3, 4]]) { $0[0].unsqueezed(axis: 1).squeezed(axis: 1).flattened().sigmoid() }
        checkGradients([[3, 4]]) { $0[0].transposed().contiguous() * 2 }
    }

    @Test func nonContiguousOperands() {
        checkGradients([[4, 3], [3, 4]]) { $0[0].transposed() + $0[1] }
        checkGradients([[4, 3], [2, 4]]) { $0[0].transposed().sliced(axis: 0, 1..<3) * $0[1] }
        checkGradients([[4], [3, 1]]) { $0[0].expanded(to: [3, 4]) * $0[1].expanded(to: [3, 4]) }
        checkGradients([[4, 6]], range: 0.5...2) { $0[0].sliced(axis: 1, 2..<5).transposed().log().sum(axis: 0) }
    }
}

/// A fixed generator for test data.
enum MT19937Seeded {
    static func generator() -> MT19937 { MT19937(seed: 3) }
}
