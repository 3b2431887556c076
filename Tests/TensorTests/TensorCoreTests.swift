import Foundation
import Random
import TestSupport
import Testing
@testable import Tensor

@Suite struct CreationTests {
    @Test func constantsAndRanges() {
        #expect(Tensor.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.ones([2]).scalars == [1, 1])
        #expect(Tensor.full([2, 2], 7).scalars == [7, 7, 7, 7])
        #expect(Tensor.arange(4).scalars == [0, 1, 2, 3])
        #expect(Tensor.arange(1, 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
        #expect(Tensor([[1, 2], [3, 4]]).shape == [2, 2])
        #expect(Tensor(5).shape == [])
        #expect(Tensor(5).item() == 5)
        #expect(Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2]).scalars == [1, 2, 3, 4, 5, 6])
    }

    @Test func seededDrawsRepeat() {
        var generator = MT19937(seed: 9)
        let a = Tensor.normal([3, 4], generator: &generator)
        #expect(Tensor.normal([3, 4], seed: 9).scalars == a.scalars)
        #expect(Tensor.uniform([5], low: 2, high: 3, seed: 1).scalars.allSatisfy { $0 >= 2 && $0 < 3 })
        var g1 = MT19937(seed: 4), g2 = MT19937(seed: 4)
        let mask = Tensor.bernoulli([1000], probability: 0.3, generator: &g1).scalars
        #expect(mask.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(mask == Tensor.bernoulli([1000], probability: 0.3, generator: &g2).scalars)
        #expect(abs(mask.reduce(0, +) / 1000 - 0.3) < 0.05)
        // Element by element `nextDouble() < p`; a `value` in place of the 1s (dropout's 1/(1 − p)).
        var g3 = MT19937(seed: 4), g4 = MT19937(seed: 4)
        #expect(mask == (0..<1000).map { _ in g3.nextDouble() < 0.3 ? 1 : 0 })
        #expect(Tensor.bernoulli([1000], probability: 0.3, value: 2.5, generator: &g4).scalars == mask.map { $0 * 2.5 })
    }

    @Test func devices() {
        #expect(Device.current === Device.cpu)
        #expect(Tensor.zeros([1]).backend.name == "cpu")
        let other = PrimitivesOnlyBackend()
        Device.using(other) {
            #expect(Device.current === other && Tensor.zeros([1]).backend === other)
        }
        #expect(Device.current === Device.cpu)
        let x = Tensor([1, 2])
        #expect(x.to(Device.cpu) === x)
    }

    @Test func indexTensors() {
        let i: IndexTensor = [3, 1, 2]
        #expect(i.shape == [3])
        #expect(IndexTensor([1, 2, 3, 4], shape: [2, 2]).count == 4)
        #expect(Tensor([[1, 5, 2], [7, 0, 7]]).argmax(axis: 1) == IndexTensor([1, 0]))
        #expect(Tensor([[1, 5, 2], [7, 0, 7]]).argmax(axis: 0) == IndexTensor([1, 0, 1]))
    }
}

@Suite struct ViewTests {
    let x = Tensor((0..<24).map(Float.init), shape: [2, 3, 4])

    @Test func viewsShareStorage() {
        #expect(x.transposed().storage === x.storage)
        #expect(x.permuted([2, 0, 1]).storage === x.storage)
        #expect(x.reshaped([6, 4]).storage === x.storage)
        #expect(x.sliced(axis: 1, 1..<3).storage === x.storage)
        #expect(x[1].storage === x.storage)
        #expect(x.unsqueezed(axis: 0).squeezed(axis: 0).storage === x.storage)
        #expect(Tensor([1, 2, 3]).expanded(to: [4, 3]).layout.strides == [0, 1])
        // Reshaping a non-contiguous view has to copy.
        #expect(x.transposed().reshaped([24]).storage !== x.storage)
    }

    @Test func viewValues() {
        #expect(x.transposed(0, 2).shape == [4, 3, 2])
        #expect(x.transposed(0, 2).scalars.prefix(4) == [0, 12, 4, 16])
        #expect(x.permuted([1, 2, 0]).contiguous().scalars.prefix(4) == [0, 12, 1, 13])
        #expect(x[1][2].scalars == [20, 21, 22, 23])
        #expect(x[0][1..<3].scalars == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(x.sliced(axis: 2, 1..<2).scalars == [1, 5, 9, 13, 17, 21])
        #expect(x.selected(axis: 2, 3).shape == [2, 3])
        #expect(x.transposed().reshaped([2, -1]).shape == [2, 12])
        #expect(x.transposed().reshaped([2, -1]).scalars.prefix(4) == [0, 4, 8, 1])
        #expect(Tensor([1, 2]).unsqueezed(axis: -1).shape == [2, 1])
        #expect(Tensor([1, 2]).expanded(to: [2, 2]).scalars == [1, 2, 1, 2])
        #expect(x.flattened().shape == [24])
    }

    @Test func transposedOperandsReachMatmulAsFlags() {
        let a = Tensor.ones([5, 3])
        let (kept, operand) = a.transposed().matrixOperand()
        #expect(kept === a.transposed().detached() || kept.storage === a.storage)
        #expect(operand.transposed && operand.leadingDimension == 3 && operand.storage === a.storage)
        let (_, plain) = a.matrixOperand()
        #expect(!plain.transposed && plain.leadingDimension == 3)
        let (copied, strided) = Tensor.ones([3, 8]).reshaped([3, 4, 2]).selected(axis: 2, 0).matrixOperand()
        #expect(copied.isContiguous && !strided.transposed)
    }
}

@Suite struct OperationValueTests {
    @Test func arithmeticAndReductions() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect((a + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((Tensor([[1], [2]]) * Tensor([1, 2, 3])).scalars == [1, 2, 3, 2, 4, 6])
        #expect((1 - a).scalars == [0, -1, -2, -3, -4, -5])
        #expect((a / 2).scalars == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect(a.sum().item() == 21)
        #expect(a.sum(axis: 0).scalars == [5, 7, 9])
        #expect(a.sum(axis: 1, keepDims: true).shape == [2, 1])
        #expect(a.mean(axis: 1).scalars == [2, 5])
        #expect(a.max(axis: 0).scalars == [4, 5, 6])
        #expect(a.max().item() == 6)
        #expect(max(a, 3.5).scalars == [3.5, 3.5, 3.5, 4, 5, 6])
        #expect(a.clamped(min: 2, max: 4).scalars == [2, 2, 3, 4, 4, 4])
        #expect(Tensor([-1, 0, 2]).relu().scalars == [0, 0, 2])
        #expect(Tensor([4, 9]).sqrt().scalars == [2, 3])
        #expect(Tensor([2, 3]).pow(3).scalars == [8, 27])
    }

    @Test func joiningAndLookups() {
        let a = Tensor([[1, 2], [3, 4]]), b = Tensor([[5, 6]])
        #expect(Tensor.concat([a, b]).scalars == [1, 2, 3, 4, 5, 6])
        #expect(Tensor.concat([a, a.transposed()], axis: 1).scalars == [1, 2, 1, 3, 3, 4, 2, 4])
        #expect(Tensor.stack([a, a], axis: 2).shape == [2, 2, 2])
        #expect(Tensor.stack([a[0], a[1]], axis: 1).scalars == [1, 3, 2, 4])
        let table = Tensor([[0, 1], [10, 11], [20, 21]])
        #expect(table[IndexTensor([2, 0, 2])].scalars == [20, 21, 0, 1, 20, 21])
        #expect(table[IndexTensor([1, 2, 0, 1], shape: [2, 2])].shape == [2, 2, 2])
    }

    @Test func matmulValues() {
        let a = Tensor([[1, 2, 3], [4, 5, 6]]), b = Tensor([[7, 8], [9, 10], [11, 12]])
        #expect(a.matmul(b).scalars == [58, 64, 139, 154])
        #expect(b.transposed().matmul(a.transposed()).scalars == [58, 139, 64, 154])
        #expect(Tensor.stack([a, a]).matmul(b).shape == [2, 2, 2])
        #expect(a.matmul(Tensor.stack([b, b])).scalars == [58, 64, 139, 154, 58, 64, 139, 154])
    }

    @Test func softmaxIsStable() {
        let p = Tensor([[1000, 1001], [-1000, -1000]]).softmax()
        expectAllClose(p.scalars, [0.26894142, 0.7310586, 0.5, 0.5], atol: 1e-6, rtol: 1e-6)
        let logP = Tensor([[1000, 1001]]).logSoftmax()
        expectAllClose(logP.scalars, [-1.3132616, -0.31326166], atol: 1e-6, rtol: 1e-6)
    }

    @Test func inPlaceUpdates() {
        let p = Tensor([1, 2, 3])
        p.addInPlace(Tensor([1, 1, 1]), alpha: -0.5)
        #expect(p.scalars == [0.5, 1.5, 2.5])
        p.addInPlace(Tensor(2))
        #expect(p.scalars == [2.5, 3.5, 4.5])
        p.fill(with: 0)
        #expect(p.scalars == [0, 0, 0])
        p.copy(from: Tensor([7, 8, 9]))
        #expect(p.scalars == [7, 8, 9])
        let m = Tensor.zeros([4, 2])
        m.transposed()[1].fill(with: 3)
        #expect(m.scalars == [0, 3, 0, 3, 0, 3, 0, 3])
    }

    @Test func adamStepMatchesItsFormula() {
        let w = Tensor.normal([37], seed: 1, on: Device.cpu), g = Tensor.normal([37], seed: 2)
        let m = w.zerosLike(), v = w.zerosLike()
        var expected = w.scalars.map(Double.init)
        var em = [Double](repeating: 0, count: 37), ev = em
        let gs = g.scalars.map(Double.init)
        for step in 1...3 {
            w.backend.adamStep(w.storage, gradient: g.storage, firstMoment: m.storage, secondMoment: v.storage,
                               hyperparameters: AdamHyperparameters(learningRate: 0.01, step: step))
            for i in 0..<37 {
                em[i] = 0.9 * em[i] + 0.1 * gs[i]
                ev[i] = 0.999 * ev[i] + 0.001 * gs[i] * gs[i]
                let mHat = em[i] / (1 - Foundation.pow(0.9, Double(step)))
                let vHat = ev[i] / (1 - Foundation.pow(0.999, Double(step)))
                expected[i] -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
            }
        }
        expectAllClose(w.scalars, expected.map(Float.init), atol: 1e-6, rtol: 1e-6)
    }
}

@Suite struct DescriptionTests {
    @Test func printsLikePyTorch() {
        #expect(Tensor([[1.5, 2], [3, 4]]).description == """
            tensor([[1.5000, 2.0000],
                    [3.0000, 4.0000]], shape: [2, 2])
            """)
        #expect(Tensor(1.5).description == "tensor(1.5000, shape: [])")
        #expect(Tensor([-1, 10], requiresGrad: true).description
                == "tensor([-1.0000, 10.0000], shape: [2], requiresGrad: true)")
        #expect(Tensor([1e-6, 1]).description == "tensor([1.0000e-06, 1.0000e+00], shape: [2])")
        #expect(Tensor.zeros([2, 1, 2]).description == """
            tensor([[[0.0000, 0.0000]],

                    [[0.0000, 0.0000]]], shape: [2, 1, 2])
            """)
    }

    @Test func elidesLargeTensors() {
        // Magnitudes spanning more than 1000× switch to scientific notation, as in PyTorch.
        let rows = Tensor.arange(101, 1201).reshaped([11, 100]).description.split(separator: "\n")
        #expect(rows.count == 7)
        #expect(rows[1] == "        [ 201.0000,  202.0000,  203.0000,  ...,  298.0000,  299.0000,  300.0000],")
        #expect(rows[3] == "        ...,")
        let text = Tensor.arange(2000).reshaped([2, 1000]).description
        #expect(text == """
            tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9700e+02, 9.9800e+02, 9.9900e+02],
                    [1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.9970e+03, 1.9980e+03, 1.9990e+03]], shape: [2, 1000])
            """)
    }
}
