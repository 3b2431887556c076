import Foundation
import Random
import Testing
@testable import Tensor

@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        (x * 2).sum().backward()
        (x * x).sum().backward()
        #expect(x.grad!.scalars == [4, 6, 8])
        x.zeroGrad()
        #expect(x.grad == nil)
        (x * 3).sum().backward()
        #expect(x.grad!.scalars == [3, 3, 3])
    }

    @Test func leafGradientOwnsItsStorage() {
        // Addition passes one gradient tensor to both inputs; each must get its own copy,
        // so that accumulating into one leaves the other alone.
        let a = Tensor([1, 2], requiresGrad: true), b = Tensor([3, 4], requiresGrad: true)
        (a + b).sum().backward()
        #expect(a.grad!.storage !== b.grad!.storage)
        (a * 5).sum().backward()
        #expect(a.grad!.scalars == [6, 6])
        #expect(b.grad!.scalars == [1, 1])
    }

    @Test func backwardWithSeedGradient() {
        let x = Tensor([[1, 2], [3, 4]], requiresGrad: true)
        (x * x).backward(Tensor([[1, 0], [0, 2]]))
        #expect(x.grad!.scalars == [2, 0, 0, 16])
    }

    @Test func onlyLeavesKeepGradients() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x.exp()
        y.sum().backward()
        #expect(y.grad == nil)
        #expect(y.requiresGrad)
        #expect(y.operation == "exp")
        #expect(x.operation.isEmpty)
    }

    @Test func detachedStopsGradients() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x * x.detached()
        #expect(!x.detached().requiresGrad)
        y.sum().backward()
        #expect(x.grad!.scalars == [1, 2])
    }

    @Test func withoutGradRecordsNothing() {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = withoutGrad { x * 2 }
        #expect(!y.requiresGrad)
        #expect(y.inputs.isEmpty)
        #expect(GradMode.isEnabled)
        let states = withoutGrad {
            [GradMode.isEnabled, withoutGrad { GradMode.isEnabled }, GradMode.isEnabled]
        }
        #expect(states == [false, false, false])
        #expect(GradMode.isEnabled)
    }

    @Test func constantsAreNotRecorded() {
        let y = Tensor([1, 2]) * Tensor([3, 4])
        #expect(!y.requiresGrad)
        #expect(y.inputs.isEmpty)
    }

    /// A 200-step RNN unrolled (h = tanh(x·Wx + h·Wh + b)) has thousands of nodes; a
    /// longer plain chain has a hundred thousand. Neither backward (topological sort)
    /// nor freeing the graph (deinit) may recurse once per node.
    @Test func deepGraphsNeitherOverflowOnBackwardNorOnDeinit() {
        var generator = MT19937Seeded.generator()
        let wx = Tensor.normal([8, 16], std: 0.3, requiresGrad: true, generator: &generator)
        let wh = Tensor.normal([16, 16], std: 0.3, requiresGrad: true, generator: &generator)
        let b = Tensor.zeros([16], requiresGrad: true)
        let inputs = Tensor.normal([200, 4, 8], generator: &generator)
        var h = Tensor.zeros([4, 16])
        for t in 0..<200 {
            h = (inputs[t].matmul(wx) + h.matmul(wh) + b).tanh()
        }
        h.sum().backward()
        #expect(wh.grad!.shape == [16, 16])
        #expect(wh.grad!.scalars.allSatisfy { $0.isFinite })

        var chain = Tensor([1], requiresGrad: true)
        let start = chain
        for _ in 0..<100_000 { chain = chain * 0.9999 + 0.0001 }
        chain.sum().backward()
        #expect(abs(start.grad!.item() - Float(pow(0.9999, 100_000.0))) < 1e-3)
        chain = Tensor([0])
    }

    /// An operation defined outside the module from a backend primitive and a rule.
    @Test func customOperations() {
        func cube(_ x: Tensor) -> Tensor {
            Tensor.result(x.backend.unary(.pow(3), x.storage, x.layout), shape: x.shape, "cube", [x]) { g, inputs, _ in
                [g * inputs[0] * inputs[0] * 3]
            }
        }
        checkGradients([[2, 3]]) { cube($0[0].transposed()) }
        #expect(cube(Tensor([2], requiresGrad: true)).operation == "cube")
    }

    @Test func requiresGradCannotBeTurnedOffInsideTheGraph() async {
        await #expect(processExitsWith: .failure) {
            let y = Tensor([1], requiresGrad: true) * 2
            y.requiresGrad = false
        }
    }
}
