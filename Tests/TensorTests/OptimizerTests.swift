import Random
import TestSupport
import Testing
@testable import Tensor

@Suite struct OptimizerTests {
    /// `count` floats uniform in [-1, 1) from `generator`.
    static func uniform(_ count: Int, _ generator: inout MT19937) -> [Float] {
        (0..<count).map { _ in Float(generator.uniform(-1, 1)) }
    }

    /// Runs three steps of the CPU's fused kernel and of the readable tensor-math step (the
    /// default, on a backend of primitives alone) from the same parameter, gradients and
    /// state, and compares every storage. 37 elements take the padded tail; 70 001 take
    /// every core. The two round differently (fused multiply-adds, √v/√(1 − β₂ᵗ) vs
    /// √(v/(1 − β₂ᵗ))), and a parameter near 0 is the difference of numbers near 1, so the
    /// error is measured against |expected| + 0.1.
    func compareWithReadableStep(stateCount: Int, _ step: (any Backend, Storage, Storage, [Storage]) -> Void) {
        let backends: (fused: any Backend, readable: any Backend) = (CPUBackend.shared, PrimitivesOnlyBackend())
        for count in [37, 70_001] {
            var generator = MT19937(seed: 5)
            let start = Self.uniform(count, &generator)
            let states = (0..<stateCount).map { _ in Self.uniform(count, &generator).map { $0 * $0 } }
            let (p1, p2) = (backends.fused.upload(start), backends.readable.upload(start))
            let (s1, s2) = (states.map(backends.fused.upload), states.map(backends.readable.upload))
            for _ in 0..<3 {
                let gradient = Self.uniform(count, &generator)
                step(backends.fused, p1, backends.fused.upload(gradient), s1)
                step(backends.readable, p2, backends.readable.upload(gradient), s2)
            }
            for (a, b) in zip([p1] + s1, [p2] + s2) {
                let fused = a.backend.download(a, offset: 0, count: count)
                let readable = b.backend.download(b, offset: 0, count: count)
                #expect(fused.allSatisfy { $0.isFinite } && readable.allSatisfy { $0.isFinite })
                let worst = zip(fused, readable).map { abs($0 - $1) / (abs($1) + 0.1) }.max()!
                #expect(worst < 1e-5, "count \(count): fused and readable steps differ by \(worst)")
            }
        }
    }

    @Test(arguments: [WeightDecay.l2(0), .l2(0.1), .decoupled(0.1)])
    func fusedAdamMatchesTheReadableStep(_ decay: WeightDecay) {
        let h = AdamHyperparameters(learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, step: 2)
        compareWithReadableStep(stateCount: 2) { backend, p, g, s in
            backend.adamStep(p, gradient: g, firstMoment: s[0], secondMoment: s[1], hyperparameters: h,
                             weightDecay: decay)
        }
    }

    @Test(arguments: [(0, 0, false), (0, 0.1, false), (0.9, 0.1, false), (0.9, 0, true)] as [(Float, Float, Bool)])
    func fusedSGDMatchesTheReadableStep(_ momentum: Float, _ weightDecay: Float, _ nesterov: Bool) {
        let h = SGDHyperparameters(learningRate: 0.1, momentum: momentum, weightDecay: weightDecay, nesterov: nesterov)
        compareWithReadableStep(stateCount: momentum == 0 ? 0 : 1) { backend, p, g, s in
            backend.sgdStep(p, gradient: g, momentumBuffer: s.first, hyperparameters: h)
        }
    }

    /// Every float of `tensors` is 0 or normal.
    static func noSubnormals(_ tensors: [Tensor]) -> Bool {
        tensors.allSatisfy { $0.scalars.allSatisfy { !$0.isSubnormal } }
    }

    /// Rows that see one tiny gradient and then none: unflushed, v = 0.001·(1e-18)² is
    /// subnormal at once, and m = 1e-19 decays by 0.9 a step into the subnormal range
    /// after ~420 steps; two parameters start subnormal. The fused step keeps parameters
    /// and moments 0 or normal at every step, with and without weight decay.
    @Test(arguments: [Float(0), 1e-5])
    func adamFlushesSubnormalsToZero(_ weightDecay: Float) {
        let tiny = Float.leastNormalMagnitude / 16
        #expect(tiny.isSubnormal && (Float(0.001) * 1e-18 * 1e-18).isSubnormal)
        let parameter = Tensor([tiny, -3 * tiny, 1e-18, 0.5, -0.25, 0, 2e-30, 1], requiresGrad: true)
        let optimizer = Adam([parameter], learningRate: 1e-3, weightDecay: weightDecay)
        var clean = true
        for step in 0..<600 {
            let gradient: [Float] = step == 0 ? [1e-18, 1e-18, 1e-18, 1e-18, 0, 0, 0, 0] : Array(repeating: 0, count: 8)
            parameter.grad = Tensor(gradient)
            optimizer.step()
            clean = clean && Self.noSubnormals([parameter] + Array(optimizer.stateDict().values))
        }
        #expect(clean)
        if weightDecay == 0 {
            #expect(optimizer.stateDict()["exp_avg.0"]!.scalars.allSatisfy { $0 == 0 },
                    "first moments decayed past FLT_MIN are 0")
        }
    }

    @Test func sgdFlushesSubnormalMomentumToZero() {
        let parameter = Tensor([Float.leastNormalMagnitude / 2, 1, -1], requiresGrad: true)
        let optimizer = SGD([parameter], learningRate: 1e-3, momentum: 0.9)
        var clean = true
        for step in 0..<500 {
            parameter.grad = Tensor(step == 0 ? [1e-20, 1e-20, 1e-20] : [0, 0, 0])
            optimizer.step()
            clean = clean && Self.noSubnormals([parameter] + Array(optimizer.stateDict().values))
        }
        #expect(clean)
        #expect(optimizer.stateDict()["momentum_buffer.0"]!.scalars == [0, 0, 0])
    }

    @Test func gradientViewIsReadInOrder() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3], requiresGrad: true)
        let b = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3], requiresGrad: true)
        a.grad = Tensor([1, 4, 2, 5, 3, 6], shape: [3, 2]).transposed()
        b.grad = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        SGD([a], learningRate: 0.5).step()
        SGD([b], learningRate: 0.5).step()
        #expect(a.scalars == b.scalars)
        #expect(a.scalars == [0.5, 1, 1.5, 2, 2.5, 3])
    }

    @Test func zeroGradForgetsGradients() {
        let p = Tensor([1, 2], requiresGrad: true)
        (p * p).sum().backward()
        let optimizer = Adam([p])
        #expect(p.grad != nil)
        optimizer.zeroGrad()
        #expect(p.grad == nil)
        optimizer.step()
        #expect(p.scalars == [1, 2], "a parameter without a gradient is not stepped")
        #expect(optimizer.stateDict().isEmpty)
    }

    /// Two parameters, one stepped five times and one twice, and their gradients.
    static func trainedAdam() -> (Adam, [Tensor], (Int) -> [Tensor?]) {
        var generator = MT19937(seed: 11)
        let parameters = [Tensor(uniform(6, &generator), shape: [2, 3], requiresGrad: true),
                          Tensor(uniform(4, &generator), requiresGrad: true)]
        let gradients = (0..<10).map { _ in [Tensor(uniform(6, &generator), shape: [2, 3]),
                                              Tensor(uniform(4, &generator))] }
        let optimizer = Adam(parameters, learningRate: 0.01, weightDecay: 0.01)
        let grads: (Int) -> [Tensor?] = { step in [gradients[step][0], step % 2 == 0 ? gradients[step][1] : nil] }
        for step in 0..<4 {
            for (p, g) in zip(parameters, grads(step)) { p.grad = g }
            optimizer.step()
        }
        return (optimizer, parameters, grads)
    }

    @Test func stateDictNamesAndStepCounts() {
        let (optimizer, _, _) = Self.trainedAdam()
        let state = optimizer.stateDict()
        #expect(Set(state.keys) == ["exp_avg.0", "exp_avg_sq.0", "step.0", "exp_avg.1", "exp_avg_sq.1", "step.1"])
        #expect(state["step.0"]!.scalars == [4])
        #expect(state["step.1"]!.scalars == [2])
        #expect(state["exp_avg.0"]!.shape == [2, 3])
    }

    /// A fresh optimizer loaded with a state dict continues bit for bit as the original.
    @Test func loadedStateContinuesExactly() throws {
        let (original, parameters, grads) = Self.trainedAdam()
        let copies = parameters.map { Tensor($0.scalars, shape: $0.shape, requiresGrad: true) }
        let restored = Adam(copies, learningRate: 0.01, weightDecay: 0.01)
        try restored.loadStateDict(original.stateDict())
        for step in 4..<10 {
            for (p, g) in zip(parameters, grads(step)) { p.grad = g }
            for (p, g) in zip(copies, grads(step)) { p.grad = g }
            original.step()
            restored.step()
        }
        #expect(zip(parameters, copies).allSatisfy { $0.scalars == $1.scalars })
        let (a, b) = (original.stateDict(), restored.stateDict())
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.allSatisfy { $0.value.scalars == b[$0.key]!.scalars })
    }

    @Test func stateDictIsACopy() {
        let (optimizer, _, _) = Self.trainedAdam()
        let before = optimizer.stateDict()["exp_avg.0"]!.scalars
        let state = optimizer.stateDict()
        withoutGrad { state["exp_avg.0"]!.backend.fill(state["exp_avg.0"]!.storage, with: 7) }
        #expect(optimizer.stateDict()["exp_avg.0"]!.scalars == before)
    }

    @Test func emptyStateResetsTheOptimizer() throws {
        let (optimizer, _, _) = Self.trainedAdam()
        try optimizer.loadStateDict([:])
        #expect(optimizer.stateDict().isEmpty)
    }

    /// Each bad state throws, names the entry, and leaves the state as it was.
    @Test(arguments: [
        ("exp_avg.0", "shape [3, 2]"),
        ("exp_avg_sq.1", "missing"),
        ("momentum_buffer.0", "unknown entry 'momentum_buffer.0'"),
        ("exp_avg.7", "unknown entry 'exp_avg.7'"),
        ("step.0", "'step.0' must hold one whole number"),
    ])
    func badStateThrows(_ entry: String, _ message: String) {
        let (optimizer, _, _) = Self.trainedAdam()
        let before = optimizer.stateDict()
        var state = before
        switch entry {
        case "exp_avg.0": state[entry] = Tensor.zeros([3, 2])
        case "exp_avg_sq.1": state[entry] = nil
        case "step.0": state[entry] = Tensor(2.5)
        default: state[entry] = Tensor.zeros([2, 3])
        }
        do {
            try optimizer.loadStateDict(state)
            Issue.record("no error for a bad '\(entry)'")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect("\(error)".contains("Adam state"), "\(error)")
        }
        #expect(optimizer.stateDict().allSatisfy { $0.value.scalars == before[$0.key]!.scalars })
    }

    @Test func sgdWithoutMomentumKeepsNoState() {
        let p = Tensor([1, 2], requiresGrad: true)
        let optimizer = SGD([p], learningRate: 0.1)
        p.grad = Tensor([1, 1])
        optimizer.step()
        #expect(optimizer.stateDict().isEmpty)
        #expect(throws: OptimizerStateError.self) { try optimizer.loadStateDict(["momentum_buffer.0": Tensor([0, 0])]) }
    }
}
