import Tensor

extension BackendChecks {
    /// Each `UnaryOp` on a transposed (strided) 40×70 view, inputs in the op's useful range.
    static let unaryCases: [(name: String, op: UnaryOp, low: Float, high: Float)] = [
        ("affine", .affine(scale: 1.5, shift: -0.25), -1, 1), ("exp", .exp, -10, 10), ("log", .log, 0.01, 10),
        ("tanh", .tanh, -5, 5), ("sigmoid", .sigmoid, -10, 10), ("relu", .relu, -1, 1), ("sqrt", .sqrt, 0, 10),
        ("pow 2", .pow(2), -3, 3), ("pow 1.5", .pow(1.5), 0, 4), ("clamp", .clamp(min: -0.5, max: 0.5), -1, 1),
    ]

    /// Each `BinaryOp` on a transposed 64×50 view and a broadcast [50] row, with the
    /// range of `b`; `equal` gets small integers, so that some pairs are equal.
    static let binaryCases: [(name: String, op: BinaryOp, b: (low: Float, high: Float))] = [
        ("add", .add, (-1, 1)), ("subtract", .subtract, (-1, 1)), ("multiply", .multiply, (-1, 1)),
        ("divide", .divide, (0.5, 2)), ("equal", .equal, (0, 3)), ("less", .less, (-1, 1)),
    ]

    /// Each `ActivationOp`'s backward, laid out as the binary cases: the gradient is the
    /// transposed view, what the rule keeps the broadcast row, in its range.
    static let activationCases: [(name: String, op: ActivationOp, saved: (low: Float, high: Float))] = [
        ("tanh", .tanh, (-1, 1)), ("sigmoid", .sigmoid, (0, 1)), ("relu", .relu, (-1, 1)),
        ("clamp", .clamp(min: -0.5, max: 0.5), (-1, 1)), ("square", .square, (-1, 1)),
    ]

    /// `kernel` of a transposed 64×50 view of `a` in [-1, 1) and a [50] row of `b` in
    /// `range` broadcast to it; with `integers`, both are rounded down to whole numbers.
    static func pairwiseCheck(_ name: String, b range: (low: Float, high: Float), integers: Bool = false,
                              _ kernel: @escaping @Sendable (any Backend, Storage, Layout, Storage, Layout) -> Storage)
        -> BackendCheck {
        BackendCheck(name: name) { backend in
            let a = transposedView(rows: 64, columns: 50)
            let b = Layout(contiguous: [50]).broadcast(to: [64, 50])!
            let inputs = [uniform(3200, -1, 1, seed: 11), uniform(50, range.low, range.high, seed: 12)]
                .map { integers ? $0.map { ($0 + 1).rounded(.down) } : $0 }
            let outputs = sideBySide(backend, inputs) { backend, x in [kernel(backend, x[0], a, x[1], b)] }
            return [CheckResult(name, "[64, 50] transposed view ⊕ [50] broadcast", gpu: outputs[0].gpu,
                                cpu: outputs[0].cpu, relative: 1e-5)]
        }
    }

    static let elementwise: [BackendCheck] = unaryCases.map { unary in
        BackendCheck(name: "unary \(unary.name)") { backend in
            let layout = transposedView(rows: 40, columns: 70)
            let outputs = sideBySide(backend, [uniform(2800, unary.low, unary.high, seed: 10)]) { backend, x in
                [backend.unary(unary.op, x[0], layout)]
            }
            return [CheckResult("unary \(unary.name)", "[40, 70] transposed view, x in [\(unary.low), \(unary.high))",
                                gpu: outputs[0].gpu, cpu: outputs[0].cpu, relative: 1e-5)]
        }
    } + binaryCases.map { binary in
        pairwiseCheck("binary \(binary.name)", b: binary.b, integers: binary.op == .equal) {
            $0.binary(binary.op, $1, $2, $3, $4)
        }
    } + activationCases.map { activation in
        pairwiseCheck("\(activation.name) backward", b: activation.saved) {
            $0.activationBackward(activation.op, gradient: $1, $2, saved: $3, $4)
        }
    } + [
        BackendCheck(name: "binary add, 3-D broadcast") { backend in
            let a = Layout(contiguous: [4, 1, 6]).broadcast(to: [4, 5, 6])!
            let b = Layout(contiguous: [5, 1]).broadcast(to: [4, 5, 6])!
            let inputs = [uniform(24, -1, 1, seed: 13), uniform(5, -1, 1, seed: 14)]
            let outputs = sideBySide(backend, inputs) { backend, x in
                [backend.binary(.add, x[0], a, x[1], b)]
            }
            return [CheckResult("binary add", "[4, 1, 6] ⊕ [5, 1] → [4, 5, 6]", gpu: outputs[0].gpu,
                                cpu: outputs[0].cpu, relative: 1e-5)]
        },
        BackendCheck(name: "axpy") { backend in
            let x = transposedView(rows: 30, columns: 40)
            let (xValues, yValues) = (uniform(1200, -1, 1, seed: 15), uniform(1200, -1, 1, seed: 16))
            let outputs = sideBySide(backend, [xValues, yValues]) { backend, storages in
                backend.axpy(0.75, storages[0], x, storages[1], Layout(contiguous: [30, 40]))
                return [storages[1]]
            }
            // The GPU rounds y + αx once (an FMA), the CPU's strided path twice: they may
            // differ by a rounding of the terms, which is large next to a result that cancels.
            return [CheckResult("axpy", "y[30, 40] += 0.75 · x (transposed view)", gpu: outputs[0].gpu,
                                cpu: outputs[0].cpu, tolerance: "2ε·(|y| + |αx|)") { i in
                let (row, column) = (i / 40, i % 40)
                return 2 * .ulpOfOne * (abs(yValues[i]) + abs(0.75 * xValues[column * 30 + row]))
            }]
        },
        // The optimizer kernels repeat the CPU's arithmetic step for step (its FMAs with
        // `fmaf`, everything else unfused), so the two must agree exactly.
        BackendCheck(name: "adam step") { backend in
            let count = 10_000
            let gradients = (0..<3).map { uniform(count, -1, 1, seed: 20 + UInt32($0)) }
            var results: [CheckResult] = []
            for decay in [WeightDecay.l2(0), .l2(0.1), .decoupled(0.1)] {
                let outputs = sideBySide(backend, [uniform(count, -1, 1, seed: 17)] + gradients) { backend, x in
                    let (m, v) = (backend.allocate(count), backend.allocate(count))
                    backend.fill(m, with: 0)
                    backend.fill(v, with: 0)
                    for step in 1...3 {
                        backend.adamStep(x[0], gradient: x[step], firstMoment: m, secondMoment: v,
                                         hyperparameters: AdamHyperparameters(learningRate: 1e-2, step: step),
                                         weightDecay: decay)
                    }
                    return [x[0], m, v]
                }
                results += zip(["parameter", "first moment", "second moment"], outputs).map { name, output in
                    CheckResult("adam step", "\(name) after 3 steps of \(count), decay \(decay)", gpu: output.gpu,
                                cpu: output.cpu, relative: 0)
                }
            }
            return results
        },
        BackendCheck(name: "sgd step") { backend in
            let count = 10_000
            let gradients = (0..<3).map { uniform(count, -1, 1, seed: 25 + UInt32($0)) }
            let settings = [SGDHyperparameters(learningRate: 0.1, weightDecay: 0.01),
                            SGDHyperparameters(learningRate: 0.1, momentum: 0.9),
                            SGDHyperparameters(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)]
            return settings.flatMap { h in
                let outputs = sideBySide(backend, [uniform(count, -1, 1, seed: 24)] + gradients) { backend, x in
                    let buffer = h.momentum == 0 ? nil : backend.allocate(count)
                    buffer.map { backend.fill($0, with: 0) }
                    for step in 1...3 {
                        backend.sgdStep(x[0], gradient: x[step], momentumBuffer: buffer, hyperparameters: h)
                    }
                    return [x[0]] + (buffer.map { [$0] } ?? [])
                }
                let detail = "after 3 steps of \(count), momentum \(h.momentum), decay \(h.weightDecay)"
                    + (h.nesterov ? ", Nesterov" : "")
                return zip(["parameter", "momentum buffer"], outputs).map { name, output in
                    CheckResult("sgd step", "\(name) \(detail)", gpu: output.gpu, cpu: output.cpu, relative: 0)
                }
            }
        },
    ]
}
