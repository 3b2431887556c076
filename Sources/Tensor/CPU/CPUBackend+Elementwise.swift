import Foundation

/// A function of one float, in scalar and 16-lane SIMD form. The loops below are
/// generic over the kernel type, so each op gets its own specialised loop with the
/// kernel inlined: no closure or dynamic dispatch per element. Every kernel says
/// `@inline(__always)`: left to itself the optimiser kept half of them out of line,
/// passing each 16-lane vector through four 128-bit registers per call (the line fit's
/// `* 2` ran at a third of its speed so).
private protocol UnaryKernel {
    /// Rough cost in nanoseconds per element, to decide when to use every core.
    var cost: Int { get }
    func callAsFunction(_ x: Float) -> Float
    func callAsFunction(_ x: SIMD16<Float>) -> SIMD16<Float>
}

extension UnaryKernel {
    /// The cost of the kernels that are a few instructions.
    var cost: Int { 1 }
}

/// A function of two floats, in scalar and SIMD form; each costs about 1 ns an element.
private protocol BinaryKernel {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
    func callAsFunction(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float>
}

private typealias Vector = SIMD16<Float>

@inline(__always) private func load(_ p: UnsafePointer<Float>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

@inline(__always) private func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
}

// MARK: - Unary kernels

private struct Affine: UnaryKernel {
    let scale: Float, shift: Float
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { x * scale + shift }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { x * scale + shift }
}

private struct Exp: UnaryKernel {
    var cost: Int { 2 }
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { VectorMath.exp(x) }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { VectorMath.exp(x) }
}

private struct Log: UnaryKernel {
    var cost: Int { 6 }
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { VectorMath.map(x) { Foundation.log($0) } }
}

private struct Tanh: UnaryKernel {
    var cost: Int { 3 }
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { VectorMath.tanh(x) }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { VectorMath.tanh(x) }
}

private struct Sigmoid: UnaryKernel {
    var cost: Int { 3 }
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { VectorMath.sigmoid(x) }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { VectorMath.sigmoid(x) }
}

private struct Relu: UnaryKernel {
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { x < 0 ? 0 : x }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { x.replacing(with: 0, where: x .< 0) }
}

private struct SquareRoot: UnaryKernel {
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { x.squareRoot() }
}

private struct Power: UnaryKernel {
    let exponent: Float
    var cost: Int { 20 }
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, exponent) }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { VectorMath.map(x) { Foundation.pow($0, exponent) } }
}

private struct Square: UnaryKernel {
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { x * x }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector { x * x }
}

private struct Clamp: UnaryKernel {
    let low: Float, high: Float
    @inline(__always)
    func callAsFunction(_ x: Float) -> Float { Swift.min(Swift.max(x, low), high) }
    @inline(__always)
    func callAsFunction(_ x: Vector) -> Vector {
        x.replacing(with: Vector(repeating: low), where: x .< low)
            .replacing(with: Vector(repeating: high), where: x .> high)
    }
}

// MARK: - Binary kernels

private struct Add: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a + b }
}

private struct Subtract: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a - b }
}

private struct Multiply: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a * b }
}

private struct Divide: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a / b }
}

private struct Equal: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a == b ? 1 : 0 }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { Vector(repeating: 0).replacing(with: 1, where: a .== b) }
}

private struct Less: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a < b ? 1 : 0 }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { Vector(repeating: 0).replacing(with: 1, where: a .< b) }
}

// MARK: - Activation backward kernels: `a` is the gradient, `b` what the rule keeps

private struct TanhBackward: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a * (1 - b * b) }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a * (1 - b * b) }
}

private struct SigmoidBackward: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b * (1 - b) }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a * b * (1 - b) }
}

private struct ReluBackward: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { b > 0 ? a : 0 }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a.replacing(with: 0, where: .!(b .> 0)) }
}

private struct ClampBackward: BinaryKernel {
    let low: Float, high: Float
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { b >= low && b <= high ? a : 0 }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: 0, where: .!((b .>= low) .& (b .<= high)))
    }
}

private struct SquareBackward: BinaryKernel {
    @inline(__always)
    func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b * 2 }
    @inline(__always)
    func callAsFunction(_ a: Vector, _ b: Vector) -> Vector { a * b * 2 }
}

// MARK: - Loops

/// `out[i] = f(x[i·stride])` for `n` elements: SIMD when the row is contiguous or
/// broadcast (stride 0), scalar otherwise.
@inline(__always)
private func unaryRow<K: UnaryKernel>(_ f: K, _ x: UnsafePointer<Float>, _ stride: Int,
                                     _ out: UnsafeMutablePointer<Float>, _ outStride: Int, _ n: Int) {
    var i = 0
    if outStride == 1 && stride == 1 {
        while i + 16 <= n {
            store(f(load(x + i)), out + i)
            i += 16
        }
        while i < n {
            out[i] = f(x[i])
            i += 1
        }
    } else if outStride == 1 && stride == 0 {
        out.update(repeating: f(x[0]), count: n)
    } else {
        while i < n {
            out[i * outStride] = f(x[i * stride])
            i += 1
        }
    }
}

/// `out[i] = f(a[i·sa], b[i·sb])` for `n` elements, with SIMD fast paths for the
/// contiguous/contiguous, contiguous/broadcast and broadcast/contiguous rows.
@inline(__always)
private func binaryRow<K: BinaryKernel>(_ f: K, _ a: UnsafePointer<Float>, _ sa: Int,
                                      _ b: UnsafePointer<Float>, _ sb: Int,
                                      _ out: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    if sa == 1 && sb == 1 {
        while i + 16 <= n {
            store(f(load(a + i), load(b + i)), out + i)
            i += 16
        }
    } else if sa == 1 && sb == 0 {
        let vb = Vector(repeating: b[0])
        while i + 16 <= n {
            store(f(load(a + i), vb), out + i)
            i += 16
        }
    } else if sa == 0 && sb == 1 {
        let va = Vector(repeating: a[0])
        while i + 16 <= n {
            store(f(va, load(b + i)), out + i)
            i += 16
        }
    }
    while i < n {
        out[i] = f(a[i * sa], b[i * sb])
        i += 1
    }
}

private func unaryLoop<K: UnaryKernel>(_ f: K, _ x: UnsafePointer<Float>, _ layout: Layout,
                                      _ out: UnsafeMutablePointer<Float>) {
    if let stride = layout.flatStride {
        forEachStretch(layout.count, nanosecondsPerElement: f.cost) { start, n in
            unaryRow(f, x + start * stride, stride, out + start, 1, n)
        }
        return
    }
    let loop = StridedLoop(shape: layout.shape, Layout.rowMajorStrides(layout.shape), layout.strides, layout.strides)
    let (outStride, xStride, _) = loop.innerStrides
    loop.forEachSegment(nanosecondsPerElement: f.cost) { o, i, _, n in
        unaryRow(f, x + i, xStride, out + o, outStride, n)
    }
}

private func binaryLoop<K: BinaryKernel>(_ f: K, _ a: UnsafePointer<Float>, _ aLayout: Layout,
                                        _ b: UnsafePointer<Float>, _ bLayout: Layout,
                                        _ out: UnsafeMutablePointer<Float>) {
    if let aStride = aLayout.flatStride, let bStride = bLayout.flatStride {
        forEachStretch(aLayout.count, nanosecondsPerElement: 1) { start, n in
            binaryRow(f, a + start * aStride, aStride, b + start * bStride, bStride, out + start, n)
        }
        return
    }
    let loop = StridedLoop(shape: aLayout.shape, Layout.rowMajorStrides(aLayout.shape), aLayout.strides,
                           bLayout.strides)
    let (_, aStride, bStride) = loop.innerStrides
    loop.forEachSegment(nanosecondsPerElement: 1) { o, i, j, n in
        binaryRow(f, a + i, aStride, b + j, bStride, out + o, n)
    }
}

/// Elementwise kernels: `unary`, `binary` and `activationBackward`, through the generic loops above.
extension CPUBackend {
    public func unary(_ op: UnaryOp, _ x: Storage, _ layout: Layout) -> Storage {
        let result = allocate(layout.count)
        let input = UnsafePointer(pointer(x)) + layout.offset, out = pointer(result)
        switch op {
        case .affine(let scale, let shift): unaryLoop(Affine(scale: scale, shift: shift), input, layout, out)
        case .exp: unaryLoop(Exp(), input, layout, out)
        case .log: unaryLoop(Log(), input, layout, out)
        case .tanh: unaryLoop(Tanh(), input, layout, out)
        case .sigmoid: unaryLoop(Sigmoid(), input, layout, out)
        case .relu: unaryLoop(Relu(), input, layout, out)
        case .sqrt: unaryLoop(SquareRoot(), input, layout, out)
        case .pow(2): unaryLoop(Square(), input, layout, out)
        case .pow(let exponent): unaryLoop(Power(exponent: exponent), input, layout, out)
        case .clamp(let low, let high): unaryLoop(Clamp(low: low, high: high), input, layout, out)
        }
        return result
    }

    public func binary(_ op: BinaryOp, _ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage {
        switch op {
        case .add: pairwise(Add(), a, aLayout, b, bLayout)
        case .subtract: pairwise(Subtract(), a, aLayout, b, bLayout)
        case .multiply: pairwise(Multiply(), a, aLayout, b, bLayout)
        case .divide: pairwise(Divide(), a, aLayout, b, bLayout)
        case .equal: pairwise(Equal(), a, aLayout, b, bLayout)
        case .less: pairwise(Less(), a, aLayout, b, bLayout)
        }
    }

    public func activationBackward(_ activation: ActivationOp, gradient: Storage, _ gradientLayout: Layout,
                                   saved: Storage, _ savedLayout: Layout) -> Storage {
        switch activation {
        case .tanh: pairwise(TanhBackward(), gradient, gradientLayout, saved, savedLayout)
        case .sigmoid: pairwise(SigmoidBackward(), gradient, gradientLayout, saved, savedLayout)
        case .relu: pairwise(ReluBackward(), gradient, gradientLayout, saved, savedLayout)
        case .clamp(let low, let high):
            pairwise(ClampBackward(low: low, high: high), gradient, gradientLayout, saved, savedLayout)
        case .square: pairwise(SquareBackward(), gradient, gradientLayout, saved, savedLayout)
        }
    }

    /// `f` of the two views' elements, pair by pair, in a new storage.
    private func pairwise<K: BinaryKernel>(_ f: K, _ a: Storage, _ aLayout: Layout, _ b: Storage,
                                           _ bLayout: Layout) -> Storage {
        let result = allocate(aLayout.count)
        binaryLoop(f, UnsafePointer(pointer(a)) + aLayout.offset, aLayout, UnsafePointer(pointer(b)) + bLayout.offset,
                   bLayout, pointer(result))
        return result
    }
}

// MARK: - Epilogues of fused products

/// `out[i] = f(p[i] + q[i])` for `count` elements, `out` may be `q`: a product's unary
/// epilogue in place (`addThenApply`), σ for the GRU's r and z and the LSTM's i, f and o,
/// tanh for the LSTM's g. Kept out of line, one specialisation a kernel, each with its
/// kernel inlined (in one function with another, the optimiser called the vector tanh
/// out of line).
@inline(never)
private func applyToSum<K: UnaryKernel>(_ f: K, _ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>,
                                        _ out: UnsafeMutablePointer<Float>, _ count: Int) {
    var j = 0
    while j + 16 <= count {
        store(f(load(p + j) + load(q + j)), out + j)
        j += 16
    }
    while j < count {
        out[j] = f(p[j] + q[j])
        j += 1
    }
}

/// `c[i] = f(p[i] + c[i], s[i])` for `n` elements, in place.
@inline(__always)
private func addThenApplyRow<K: BinaryKernel>(_ f: K, _ p: UnsafePointer<Float>, _ s: UnsafePointer<Float>,
                                           _ c: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i + 16 <= n {
        store(f(load(p + i) + load(c + i), load(s + i)), c + i)
        i += 16
    }
    while i < n {
        c[i] = f(p[i] + c[i], s[i])
        i += 1
    }
}

/// The epilogue of `matmul(_:prepared:m:adding:_:then:into:offset:)` on `count`
/// elements of a row of C, in place: the sum with the addend as `binary(.add)` makes
/// it, then the op as `unary` or `activationBackward` applies it, so that the fused
/// step gives the same floats as the default's separate ones. `saved` is the
/// activation's saved values at the same elements (nil for a unary epilogue).
func addThenApply(_ epilogue: MatmulEpilogue, addend p: UnsafePointer<Float>, saved s: UnsafePointer<Float>?,
                  to c: UnsafeMutablePointer<Float>, count n: Int) {
    switch epilogue {
    case .unary(let op):
        switch op {
        case .affine(let scale, let shift): applyToSum(Affine(scale: scale, shift: shift), p, c, c, n)
        case .exp: applyToSum(Exp(), p, c, c, n)
        case .log: applyToSum(Log(), p, c, c, n)
        case .tanh: applyToSum(Tanh(), p, c, c, n)
        case .sigmoid: applyToSum(Sigmoid(), p, c, c, n)
        case .relu: applyToSum(Relu(), p, c, c, n)
        case .sqrt: applyToSum(SquareRoot(), p, c, c, n)
        case .pow(2): applyToSum(Square(), p, c, c, n)
        case .pow(let exponent): applyToSum(Power(exponent: exponent), p, c, c, n)
        case .clamp(let low, let high): applyToSum(Clamp(low: low, high: high), p, c, c, n)
        }
    case .activationBackward(let activation, _, _):
        guard let s else { fatalError("addThenApply: the gradient through \(activation) needs its saved values") }
        switch activation {
        case .tanh: addThenApplyRow(TanhBackward(), p, s, c, n)
        case .sigmoid: addThenApplyRow(SigmoidBackward(), p, s, c, n)
        case .relu: addThenApplyRow(ReluBackward(), p, s, c, n)
        case .clamp(let low, let high): addThenApplyRow(ClampBackward(low: low, high: high), p, s, c, n)
        case .square: addThenApplyRow(SquareBackward(), p, s, c, n)
        }
    }
}

// MARK: - A GRU step's gates (`CPUBackend+GRU.swift`)

/// One batch row of `gruCell`: p and q hold [r z n] side by side, h and the new state
/// `hidden` floats, `gates` [r z n]. σ and tanh each get a function of their own (kept
/// out of line): inside one function the optimiser called the second of them out of
/// line, passing each 16-float vector through memory.
func gruCellRow(p: UnsafePointer<Float>, q: UnsafePointer<Float>, h: UnsafePointer<Float>, hidden: Int,
                state: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>) {
    let (u, n) = (gates + hidden, 2 * hidden)
    applyToSum(Sigmoid(), p, q, gates, 2 * hidden)
    newGate(p + n, gates, q + n, gates + n, hidden)
    var j = 0
    while j + 16 <= hidden {
        let candidate = load(gates + n + j)
        store(candidate + load(u + j) * (load(h + j) - candidate), state + j)
        j += 16
    }
    while j < hidden {
        state[j] = gates[n + j] + u[j] * (h[j] - gates[n + j])
        j += 1
    }
}

/// `out[i] = tanh(pₙ[i] + r[i]·qₙ[i])`: n.
@inline(never)
private func newGate(_ pn: UnsafePointer<Float>, _ r: UnsafePointer<Float>, _ qn: UnsafePointer<Float>,
                     _ out: UnsafeMutablePointer<Float>, _ count: Int) {
    var j = 0
    while j + 16 <= count {
        store(Tanh()(load(pn + j) + load(r + j) * load(qn + j)), out + j)
        j += 16
    }
    while j < count {
        out[j] = Tanh()(pn[j] + r[j] * qn[j])
        j += 1
    }
}

/// One batch row of `gruCellBackward`: the backward rules of tanh, g·(1 − y²), and of σ,
/// g·y·(1 − y), written as `activationBackward` writes them.
func gruCellBackwardRow(g: UnsafePointer<Float>, gates: UnsafePointer<Float>, qn: UnsafePointer<Float>,
                        h: UnsafePointer<Float>, hidden: Int, input: UnsafeMutablePointer<Float>,
                        hiddenGradient: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>) {
    let (z, n) = (hidden, 2 * hidden)
    var j = 0
    while j + 16 <= hidden {
        let gradient = load(g + j), r = load(gates + j), u = load(gates + z + j), candidate = load(gates + n + j)
        let gu = gradient * u
        let dn = (gradient - gu) * (1 - candidate * candidate)
        let dr = dn * load(qn + j) * r * (1 - r)
        let dz = gradient * (load(h + j) - candidate) * u * (1 - u)
        store(dr, input + j)
        store(dz, input + z + j)
        store(dn, input + n + j)
        store(dr, hiddenGradient + j)
        store(dz, hiddenGradient + z + j)
        store(dn * r, hiddenGradient + n + j)
        store(gu, state + j)
        j += 16
    }
    while j < hidden {
        let (gradient, r, u, candidate) = (g[j], gates[j], gates[z + j], gates[n + j])
        let gu = gradient * u
        let dn = (gradient - gu) * (1 - candidate * candidate)
        let dr = dn * qn[j] * r * (1 - r)
        let dz = gradient * (h[j] - candidate) * u * (1 - u)
        (input[j], input[z + j], input[n + j]) = (dr, dz, dn)
        (hiddenGradient[j], hiddenGradient[z + j], hiddenGradient[n + j]) = (dr, dz, dn * r)
        state[j] = gu
        j += 1
    }
}

// MARK: - An LSTM step's gates (`CPUBackend+LSTM.swift`)

/// One batch row of `lstmCell`: p and q hold [i f g o] side by side, c₋₁ `hidden`
/// floats; `output` gets [hₜ cₜ], `gates` [i f g o tanh(cₜ)]. As in `gruCellRow`, each
/// loop calls one of σ and tanh, in a function of its own.
func lstmCellRow(p: UnsafePointer<Float>, q: UnsafePointer<Float>, c: UnsafePointer<Float>, hidden: Int,
                 output: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>) {
    applyToSum(Sigmoid(), p, q, gates, 2 * hidden)
    applyToSum(Tanh(), p + 2 * hidden, q + 2 * hidden, gates + 2 * hidden, hidden)
    applyToSum(Sigmoid(), p + 3 * hidden, q + 3 * hidden, gates + 3 * hidden, hidden)
    lstmCellState(gates, c, hidden, output)
}

/// From the activated [i f g o] (followed by room for tanh(cₜ)) and cₜ₋₁: cₜ = f·cₜ₋₁ + i·g,
/// tanh(cₜ) and hₜ = o·tanh(cₜ), with `output` [hₜ cₜ].
@inline(never)
private func lstmCellState(_ gates: UnsafeMutablePointer<Float>, _ c: UnsafePointer<Float>, _ count: Int,
                           _ output: UnsafeMutablePointer<Float>) {
    let (f, g, o, cellTanh) = (gates + count, gates + 2 * count, gates + 3 * count, gates + 4 * count)
    var j = 0
    while j + 16 <= count {
        let cell = load(f + j) * load(c + j) + load(gates + j) * load(g + j), t = Tanh()(cell)
        store(load(o + j) * t, output + j)
        store(cell, output + count + j)
        store(t, cellTanh + j)
        j += 16
    }
    while j < count {
        let cell = f[j] * c[j] + gates[j] * g[j], t = Tanh()(cell)
        (output[j], output[count + j], cellTanh[j]) = (o[j] * t, cell, t)
        j += 1
    }
}

/// One batch row of `lstmCellBackward`: the backward rules of tanh, g·(1 − y²), and of σ,
/// g·y·(1 − y), written as `activationBackward` writes them.
func lstmCellBackwardRow(dh: UnsafePointer<Float>, dc: UnsafePointer<Float>, gates: UnsafePointer<Float>,
                         c: UnsafePointer<Float>, hidden: Int, gateGradient: UnsafeMutablePointer<Float>,
                         cell: UnsafeMutablePointer<Float>) {
    let (f, g, o, t) = (hidden, 2 * hidden, 3 * hidden, 4 * hidden)
    var j = 0
    while j + 16 <= hidden {
        let gradient = load(dh + j), input = load(gates + j), forget = load(gates + f + j)
        let candidate = load(gates + g + j), out = load(gates + o + j), cellTanh = load(gates + t + j)
        let total = load(dc + j) + gradient * out * (1 - cellTanh * cellTanh)
        store(total * candidate * input * (1 - input), gateGradient + j)
        store(total * load(c + j) * forget * (1 - forget), gateGradient + f + j)
        store(total * input * (1 - candidate * candidate), gateGradient + g + j)
        store(gradient * cellTanh * out * (1 - out), gateGradient + o + j)
        store(total * forget, cell + j)
        j += 16
    }
    while j < hidden {
        let (gradient, input, forget) = (dh[j], gates[j], gates[f + j])
        let (candidate, out, cellTanh) = (gates[g + j], gates[o + j], gates[t + j])
        let total = dc[j] + gradient * out * (1 - cellTanh * cellTanh)
        gateGradient[j] = total * candidate * input * (1 - input)
        gateGradient[f + j] = total * c[j] * forget * (1 - forget)
        gateGradient[g + j] = total * input * (1 - candidate * candidate)
        gateGradient[o + j] = gradient * cellTanh * out * (1 - out)
        cell[j] = total * forget
        j += 1
    }
}
