import Foundation

private typealias Vector = SIMD16<Float>

/// The optimizer steps, fused: each float of the parameter, its gradient and its state is
/// read and written once. The same updates as tensor math, a line of the paper a line of
/// code, are the steps' defaults (`Optim/OptimizerSteps.swift`), which the tests hold
/// these kernels to.
extension CPUBackend {
    public func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                         hyperparameters: AdamHyperparameters, weightDecay: WeightDecay) {
        stepLoop(AdamKernel(hyperparameters, weightDecay), count: parameter.count, pointer(parameter),
                 pointer(gradient), pointer(firstMoment), pointer(secondMoment))
    }

    public func sgdStep(_ parameter: Storage, gradient: Storage, momentumBuffer: Storage?,
                        hyperparameters: SGDHyperparameters) {
        stepLoop(SGDKernel(hyperparameters), count: parameter.count, pointer(parameter), pointer(gradient),
                 momentumBuffer.map(pointer), nil)
    }
}

/// One optimizer update of 16 elements: the parameter `p` and up to two state vectors
/// `a`, `b` (moments, momentum buffer) change in place; the gradient `g` is only read.
private protocol StepKernel {
    func callAsFunction(_ p: inout Vector, _ g: Vector, _ a: inout Vector, _ b: inout Vector)
}

/// `torch.optim.Adam` / `AdamW` (`Backend.adamStep`), with the scalar constants worked
/// out once per step, as vectors.
private struct AdamKernel: StepKernel {
    let oneMinusBeta1: Vector, beta2: Vector, oneMinusBeta2: Vector, epsilon: Vector
    /// lr / (1 − β₁ᵗ) and √(1 − β₂ᵗ).
    let stepSize: Vector, rootCorrection2: Vector
    /// λ of L2 decay (0 for AdamW) and 1 − lr·λ of decoupled decay (1 for Adam).
    let l2: Vector, shrink: Vector

    init(_ h: AdamHyperparameters, _ weightDecay: WeightDecay) {
        oneMinusBeta1 = Vector(repeating: Float(1 - h.beta1))
        beta2 = Vector(repeating: Float(h.beta2))
        oneMinusBeta2 = Vector(repeating: Float(1 - h.beta2))
        epsilon = Vector(repeating: h.epsilon)
        stepSize = Vector(repeating: h.stepSize)
        rootCorrection2 = Vector(repeating: h.rootSecondCorrection)
        switch weightDecay {
        case .l2(let lambda): (l2, shrink) = (Vector(repeating: lambda), Vector(repeating: 1))
        case .decoupled(let lambda): (l2, shrink) = (Vector(), Vector(repeating: 1 - h.learningRate * lambda))
        }
    }

    @inline(__always)
    func callAsFunction(_ p: inout Vector, _ g: Vector, _ m: inout Vector, _ v: inout Vector) {
        let decayed = p * shrink
        let grad = g.addingProduct(l2, decayed)
        m = flushed(m.addingProduct(oneMinusBeta1, grad - m))
        v = flushed((v * beta2).addingProduct(oneMinusBeta2, grad * grad))
        p = flushed(decayed - stepSize * (m / (squareRoot(v) / rootCorrection2 + epsilon)))
    }
}

/// `torch.optim.SGD` with dampening 0 (`Backend.sgdStep`); `b` is unused.
private struct SGDKernel: StepKernel {
    let hyperparameters: SGDHyperparameters

    init(_ hyperparameters: SGDHyperparameters) {
        self.hyperparameters = hyperparameters
    }

    @inline(__always)
    func callAsFunction(_ p: inout Vector, _ g: Vector, _ buffer: inout Vector, _ unused: inout Vector) {
        let h = hyperparameters
        var direction = g.addingProduct(h.weightDecay, p)
        if h.momentum != 0 {
            buffer = flushed((buffer * h.momentum) + direction)
            direction = h.nesterov ? direction.addingProduct(h.momentum, buffer) : buffer
        }
        p = flushed(p.addingProduct(-h.learningRate, direction))
    }
}

/// `x` with its subnormal elements (0 < |x| < FLT_MIN = 2⁻¹²⁶) set to 0: the rule the
/// optimizer steps keep for parameters and moments on every CPU. Where
/// `withFlushToZero` sets the hardware mode (x86-64 Linux) the hardware keeps it: every
/// stored value is an arithmetic result, and those come out flushed, so this is `x`
/// itself there. Elsewhere this is what enforces the rule.
///
/// Why: x86 cores take a microcode assist, tens to hundreds of cycles, for arithmetic
/// whose result is subnormal (Intel's also for subnormal operands). Optimizer state
/// drifts there on its own: the moments of an embedding row that no batch touches
/// shrink by β₁ and β₂ every step, and under Adam's L2 decay (g = λp, with √v far below
/// ε) the row itself shrinks geometrically, so each of them crawls through the
/// 2⁻¹²⁶…2⁻¹⁴⁹ range over many steps while every step pays the assists (Docs/Tensor.md,
/// "CPUBackend", has what that costs an epoch). Flushing changes a value by less than
/// 1.2e-38, far below anything Float32 training resolves.
///
/// Written lane by lane, like `squareRoot` below: in this form LLVM emits a compare and
/// a mask per 4 lanes, while `replacing(with:where:)` compiles to a branch per lane.
/// Even so the three masks cost the collab epoch's Adam step a third of its time,
/// which is why x86-64 leaves the flushing to the hardware.
@inline(__always) private func flushed(_ x: Vector) -> Vector {
    #if arch(x86_64) && canImport(Glibc)
    return x
    #else
    let zero = Vector()
    var result = x
    for i in 0..<16 { result[i] = x[i].magnitude < Float.leastNormalMagnitude ? zero[i] : x[i] }
    return result
    #endif
}

/// Runs `body` with this thread's FPU in flush-to-zero mode where the CPU has one: on
/// x86-64 the MXCSR bits FTZ (subnormal results become 0) and DAZ (subnormal inputs
/// read as 0), as PyTorch's `torch.set_flush_denormal(True)`, restored afterwards.
///
/// Flushing only what is stored is not enough, and can be worse than nothing: once
/// (1 − β₁)·λp is flushed, a weight at a tiny normal value (1e-33, say) stops moving,
/// and λp and (1 − β₁)·λp come out subnormal *inside* every step, computed with an
/// assist before `flushed` zeroes them: `flushed` alone made a step slower than no
/// flushing at all, and the mode brings it back (Docs/Tensor.md, "CPUBackend").
@inline(__always) private func withFlushToZero(_ body: () -> Void) {
    #if arch(x86_64) && canImport(Glibc)
    var saved = fenv_t()
    fegetenv(&saved)
    var flushing = saved
    flushing.__mxcsr |= 0x8040
    fesetenv(&flushing)
    defer { fesetenv(&saved) }
    #endif
    body()
}

/// √x of a vector of non-negative floats. `Vector.squareRoot()` compiles to a `sqrtss`
/// and a libm call (for errno) per lane; clamping at 0 first tells LLVM no lane is
/// negative, and it emits `sqrtps`.
@inline(__always) private func squareRoot(_ x: Vector) -> Vector {
    var result = x
    for i in 0..<16 { result[i] = Swift.max(x[i], 0).squareRoot() }
    return result
}

/// Runs `kernel` over `count` elements, 16 at a time, on every core for large
/// parameters, in flush-to-zero mode. The last partial vector goes through zero-padded
/// copies, so every element takes the same path. `a` and `b` are nil when the step
/// keeps less state.
private func stepLoop<K: StepKernel>(_ kernel: K, count: Int, _ p: UnsafeMutablePointer<Float>,
                                     _ g: UnsafeMutablePointer<Float>, _ a: UnsafeMutablePointer<Float>?,
                                     _ b: UnsafeMutablePointer<Float>?) {
    parallelFor((count + 15) / 16, nanoseconds: count * 2) { vectors in
        withFlushToZero {
            for vector in vectors {
                let i = vector * 16, n = Swift.min(16, count - i)
                var pi = load(p + i, n), ai = a.map { load($0 + i, n) } ?? Vector()
                var bi = b.map { load($0 + i, n) } ?? Vector()
                kernel(&pi, load(g + i, n), &ai, &bi)
                store(pi, p + i, n)
                if let a { store(ai, a + i, n) }
                if let b { store(bi, b + i, n) }
            }
        }
    }
}

/// The first `n` ≤ 16 floats at `p`, zero-padded.
@inline(__always) private func load(_ p: UnsafePointer<Float>, _ n: Int) -> Vector {
    if n == 16 { return UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }
    var v = Vector()
    for j in 0..<n { v[j] = p[j] }
    return v
}

/// Stores the first `n` ≤ 16 lanes of `v` at `p`.
@inline(__always) private func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
    if n == 16 { return UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self) }
    for j in 0..<n { p[j] = v[j] }
}
