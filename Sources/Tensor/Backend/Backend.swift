/// The kernels every tensor operation is written in, split as tinygrad splits them:
///
/// - **Primitives**, eleven requirements: `name` and the ten operations below it. A new
///   device implements these and every lesson runs on it: the memory (`allocate`,
///   `upload`, `download`, `copy` between views), elementwise `unary` and `binary` ops,
///   `reduce` along an axis, `matmul`, and the embedding lookups `gatherRows` and
///   `scatterAddRows`.
/// - **Fast paths**, sixteen requirements: `fill`, `axpy`, `argmax`, `softmax`,
///   `softmaxBackward`, `activationBackward`, `adamStep`, `sgdStep`, `dot`,
///   `prepareMatmulOperand` with the two `matmul`s that take its result (the second
///   adds an operand and applies an epilogue: a recurrent step in one call), a GRU
///   step's gates, `gruCell` and `gruCellBackward`, and an LSTM step's, `lstmCell` and
///   `lstmCellBackward`. Each has a default written in the
///   primitives (`Backend+FastPaths.swift`; the optimizer steps as tensor math in
///   `Optim/OptimizerSteps.swift`), and a backend replaces it with a kernel of its own
///   where the default's extra passes over memory cost. They are requirements, so a
///   call through `any Backend` reaches that kernel. `CPUBackend` replaces all sixteen;
///   `CUDABackend` the first eight, with fused kernels (cuBLAS needs nothing prepared).
///   The tests check the CPU's against the defaults, and the CUDA ones against the CPU's.
///
/// `matmul` is a primitive, although a broadcast multiply and a sum could express it,
/// because that would hold an m×k×n intermediate; the lookups are, because no
/// elementwise op reads rows by index.
///
/// Rules of the contract:
/// - Inputs are read through a `Layout` (shape, strides, offset): strided views and
///   broadcast (stride-0) axes are legal wherever a `Layout` is taken.
/// - Results are new storages, contiguous in row-major order, unless the method
///   says it writes in place.
/// - Random numbers are drawn on the host with `MT19937` and `upload`ed, so every
///   backend starts from the same numbers for the same seed.
/// - Shapes are checked above the backend (where the op's name is known); a backend
///   may trust them.
public protocol Backend: AnyObject, Sendable {
    // MARK: Primitives

    /// A short name for messages and the `--device` flag: `cpu`, `cuda`.
    var name: String { get }
    /// `count` floats with unspecified contents.
    func allocate(_ count: Int) -> Storage
    /// A storage holding `values`.
    func upload(_ values: [Float]) -> Storage
    /// `count` floats from `offset` of `storage`, copied to the host.
    func download(_ storage: Storage, offset: Int, count: Int) -> [Float]
    /// Copies the view `source` into the view `destination` (same shape), in place.
    /// The destination's elements must not overlap one another.
    func copy(_ source: Storage, _ sourceLayout: Layout, to destination: Storage, _ destinationLayout: Layout)
    /// `op` applied to every element of the view.
    func unary(_ op: UnaryOp, _ x: Storage, _ layout: Layout) -> Storage
    /// `op` applied to pairs of elements; both layouts have the result's shape
    /// (broadcast operands arrive with stride-0 axes).
    func binary(_ op: BinaryOp, _ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage
    /// `op` over `axis`: the result has the view's shape with `shape[axis] == 1`.
    func reduce(_ op: ReduceOp, _ x: Storage, _ layout: Layout, axis: Int) -> Storage
    /// `batch` products `op(A)·op(B)` of m×k by k×n matrices, as one contiguous
    /// batch×m×n result. Transposes are read in place (see `MatrixOperand`).
    func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int) -> Storage
    /// Rows `indices` of a rows×columns view, as a contiguous indices.count×columns block.
    func gatherRows(_ table: Storage, _ layout: Layout, indices: [Int32]) -> Storage
    /// Adds row `i` of the contiguous `source` into row `indices[i]` of the contiguous
    /// `table` (columns wide), in place; repeated indices add up.
    func scatterAddRows(_ source: Storage, indices: [Int32], into table: Storage, columns: Int)

    // MARK: Fast paths

    /// Sets every float of `storage` to `value`, in place.
    func fill(_ storage: Storage, with value: Float)
    /// `y += alpha · x` in place (BLAS `axpy`); `yLayout` is contiguous, `xLayout` has its shape.
    func axpy(_ alpha: Float, _ x: Storage, _ xLayout: Layout, _ y: Storage, _ yLayout: Layout)
    /// The index of the largest element along `axis` (the first one on ties, NaN counting
    /// as largest), for each position of the other axes in row-major order, on the host.
    func argmax(_ x: Storage, _ layout: Layout, axis: Int) -> [Int32]
    /// Softmax (or log-softmax) of every row of the last axis, numerically stable:
    /// `exp(x − max)` normalised, or `x − max − log Σ exp(x − max)`.
    func softmax(_ x: Storage, _ layout: Layout, log: Bool) -> Storage
    /// The gradient through `softmax`, given its contiguous `output` y (rows×columns) and
    /// the incoming gradient g, a view of y's shape: `y·(g − Σ g·y)`, or for log-softmax
    /// `g − exp(y)·Σ g`.
    func softmaxBackward(output: Storage, _ gradient: Storage, _ gradientLayout: Layout,
                         rows: Int, columns: Int, log: Bool) -> Storage
    /// The gradient through `activation`, one pass where its rule in `unary` and `binary`
    /// ops would be two or three: `gradient` is g, `saved` what the rule keeps (see
    /// `ActivationOp`); both views have the result's shape.
    func activationBackward(_ activation: ActivationOp, gradient: Storage, _ gradientLayout: Layout,
                            saved: Storage, _ savedLayout: Layout) -> Storage
    /// One Adam step in place on contiguous storages of equal size (Kingma & Ba, with
    /// bias correction): `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
    /// `p ← p − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)`. Weight decay is folded in: `.l2(λ)`
    /// first adds λ·p to the gradient (`torch.optim.Adam`'s `weight_decay`), `.decoupled(λ)`
    /// first scales p by 1 − lr·λ (`torch.optim.AdamW`). The gradient storage is only read.
    func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                  hyperparameters: AdamHyperparameters, weightDecay: WeightDecay)
    /// One step of `torch.optim.SGD` (dampening 0) in place on contiguous storages of
    /// equal size: `d ← g + λp`; with momentum μ, `b ← μb + d` and `d ← b` (or, Nesterov,
    /// `d ← d + μb`); `p ← p − lr·d`. `momentumBuffer` is nil when μ is 0, and holds zeros
    /// before the first step.
    func sgdStep(_ parameter: Storage, gradient: Storage, momentumBuffer: Storage?,
                 hyperparameters: SGDHyperparameters)
    /// Σ aᵢ·bᵢ over two views of one shape, as a one-element storage: the gradient of a
    /// one-element factor (`a` in the line fit's `a * x`) without a temporary of products.
    func dot(_ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage
    /// `b`, op(B) of k×n (no batch), made ready for many `matmul(_:prepared:m:)` by it:
    /// a recurrence multiplies by the same W_hh at every step, and a backend that
    /// rearranges B for its kernel (the CPU packs it into panels) can do it once.
    func prepareMatmulOperand(_ b: MatrixOperand, k: Int, n: Int) -> PreparedMatmulOperand
    /// `op(A)·B`, m×k by a prepared k×n B, as one contiguous m×n result.
    func matmul(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int) -> Storage
    /// One step of a recurrence in one call: each element s = addend + (op(A)·B) of the
    /// m×n product, then `epilogue` of it, written in place into the m×n rows of
    /// `destination` that start at `offset` (contiguous, n floats a row), which must not
    /// overlap A or the addend. `addend` is a view of shape [m, n]. The Elman RNN's
    /// forward step hₜ = tanh(pₜ + hₜ₋₁·Wᵀ) is one call, and so is its backward step
    /// (gₜ + δₜ₊₁·W)·(1 − hₜ²); a backend with a kernel applies the epilogue to each part
    /// of C as soon as its product is done.
    func matmul(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int, adding addend: Storage,
                _ addendLayout: Layout, then epilogue: MatmulEpilogue, into destination: Storage, offset: Int)
    /// The elementwise part of one GRU step (`Tensor.gruRecurrence`), PyTorch's gates in
    /// its order: from p = xₜ·W_ihᵀ + b_ih and q = hₜ₋₁·W_hhᵀ + b_hh (views of
    /// [batch, 3·hidden]) and hₜ₋₁ (a view of [batch, hidden]), r = σ(pᵣ + qᵣ),
    /// z = σ(p_z + q_z), n = tanh(pₙ + r·qₙ) and hₜ = n + z·(hₜ₋₁ − n). Returns hₜ and the
    /// gates [r z n], contiguous: what the backward step reads.
    func gruCell(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                 state h: Storage, _ hLayout: Layout) -> (state: Storage, gates: Storage)
    /// The backward of `gruCell`, given g = dLoss/dhₜ (a view of [batch, hidden]), its
    /// gates [r z n] (contiguous), qₙ and hₜ₋₁ (views of [batch, hidden]): with
    /// dₙ = (g − g·z)·(1 − n²), dᵣ = dₙ·qₙ·r·(1 − r) and d_z = g·(hₜ₋₁ − n)·z·(1 − z),
    /// returns the gradient of p, [dᵣ d_z dₙ], of q, [dᵣ d_z dₙ·r], and g·z, the part of
    /// dLoss/dhₜ₋₁ that does not pass through W_hh; all contiguous.
    func gruCellBackward(_ g: Storage, _ gLayout: Layout, gates: Storage, hidden qn: Storage, _ qnLayout: Layout,
                         state h: Storage, _ hLayout: Layout) -> (input: Storage, hidden: Storage, state: Storage)
    /// The elementwise part of one LSTM step (`Tensor.lstmRecurrence`), PyTorch's gates in
    /// its order: from p = xₜ·W_ihᵀ + b_ih + b_hh and q = hₜ₋₁·W_hhᵀ (views of
    /// [batch, 4·hidden]) and cₜ₋₁ (a view of [batch, hidden]), a = p + q, i = σ(aᵢ),
    /// f = σ(a_f), g = tanh(a_g), o = σ(aₒ), cₜ = f·cₜ₋₁ + i·g and hₜ = o·tanh(cₜ). Returns
    /// [hₜ cₜ] side by side, [batch, 2·hidden] (the recurrence's output at that step), and
    /// [i f g o tanh(cₜ)], [batch, 5·hidden] (what the backward step reads); both contiguous.
    func lstmCell(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                  cell c: Storage, _ cLayout: Layout) -> (output: Storage, gates: Storage)
    /// The backward of `lstmCell`, given dh = dLoss/dhₜ and dc, the part of dLoss/dcₜ that
    /// does not pass through hₜ (views of [batch, hidden]), the step's [i f g o tanh(cₜ)]
    /// (contiguous) and cₜ₋₁ (a view of [batch, hidden]): with
    /// dcₜ = dc + dh·o·(1 − tanh²(cₜ)), returns the gradient of a, [dcₜ·g·i(1 − i)
    /// dcₜ·cₜ₋₁·f(1 − f) dcₜ·i·(1 − g²) dh·tanh(cₜ)·o(1 − o)], and dLoss/dcₜ₋₁ = dcₜ·f;
    /// both contiguous.
    func lstmCellBackward(state dh: Storage, _ dhLayout: Layout, cell dc: Storage, _ dcLayout: Layout,
                          gates: Storage, previousCell c: Storage,
                          _ cLayout: Layout) -> (gates: Storage, cell: Storage)
}

/// What `Backend.matmul(_:prepared:m:adding:_:then:into:offset:)` makes of each element
/// s = addend + product before it writes it.
public enum MatmulEpilogue {
    /// `op` of s (`tanh` for a recurrent step's new state).
    case unary(UnaryOp)
    /// The gradient through `activation` with s as the incoming gradient
    /// (`Backend.activationBackward`): `saved` is a view of shape [m, n].
    case activationBackward(ActivationOp, saved: Storage, Layout)
}

/// The right operand of many matrix products, prepared once
/// (`Backend.prepareMatmulOperand`). The base class keeps the operand as it is, which is
/// all the default needs; a backend that rearranges B for its kernel subclasses it. The
/// matrix must not be written while prepared: a backend may have copied it.
open class PreparedMatmulOperand {
    public let operand: MatrixOperand
    /// Rows (the shared dimension) and columns of op(B).
    public let k: Int, n: Int

    public init(_ operand: MatrixOperand, k: Int, n: Int) {
        self.operand = operand
        (self.k, self.n) = (k, n)
    }
}

/// A matrix operand of `Backend.matmul`: `storage[offset + batch·batchStride ...]`
/// holds an m×k (or, `transposed`, a k×m) row-major matrix whose rows are
/// `leadingDimension` floats apart. `batchStride` 0 reuses one matrix for every batch.
public struct MatrixOperand {
    public let storage: Storage
    public let offset: Int
    public let transposed: Bool
    public let leadingDimension: Int
    public let batchStride: Int

    public init(storage: Storage, offset: Int, transposed: Bool, leadingDimension: Int, batchStride: Int) {
        self.storage = storage
        self.offset = offset
        self.transposed = transposed
        self.leadingDimension = leadingDimension
        self.batchStride = batchStride
    }
}

/// Elementwise functions of one tensor (scalars baked in).
public enum UnaryOp: Sendable, Equatable {
    /// `scale·x + shift`: covers negation and arithmetic with a scalar.
    case affine(scale: Float, shift: Float)
    case exp, log, tanh, sigmoid, relu, sqrt
    /// `x` raised to a constant power.
    case pow(Float)
    /// `x` limited to `[min, max]`.
    case clamp(min: Float, max: Float)
}

/// Elementwise functions of two tensors.
public enum BinaryOp: Sendable, Equatable {
    case add, subtract, multiply, divide
    /// 1 where `a == b`, else 0 (which elements were the maximum).
    case equal
    /// 1 where `a < b`, else 0 (tinygrad's `CMPLT`): the comparison relu's backward needs,
    /// since its mask `x > 0` leaves out 0 and no arithmetic on x says so.
    case less
}

/// An activation (or square) whose backward rule `Backend.activationBackward` applies to a
/// gradient g, given what the rule keeps: the output y of tanh and sigmoid, the input x of
/// relu, clamp and square.
public enum ActivationOp: Sendable, Equatable {
    /// g·(1 − y²).
    case tanh
    /// g·y·(1 − y).
    case sigmoid
    /// g where x > 0, else 0 (so 0 at x = 0, as PyTorch).
    case relu
    /// g where min ≤ x ≤ max, else 0.
    case clamp(min: Float, max: Float)
    /// g·x·2, of x²: the squared error's backward (`pow(2)`).
    case square
}

/// Reductions along an axis.
public enum ReduceOp: Sendable, Equatable {
    case sum, max
}
