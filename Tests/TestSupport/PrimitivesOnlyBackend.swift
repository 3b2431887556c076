import Tensor

/// A backend that implements `Backend`'s primitives and nothing else, each by handing the
/// work to `CPUBackend`: every fast path (`fill`, `axpy`, `argmax`, `softmax`,
/// `softmaxBackward`, `activationBackward`, `adamStep`, `sgdStep`, `dot`,
/// `prepareMatmulOperand` and its `matmul`) runs its default,
/// written in the primitives. It stands for a new device on its first day: whatever runs
/// on it needs no more than the primitives, and its numbers against the CPU backend's
/// check the CPU's fused kernels against the defaults.
///
/// Its storages wrap the CPU's, so that tensors made on it (`on: PrimitivesOnlyBackend()`,
/// or `tensor.to(backend)`) send every operation here rather than to the CPU backend.
///
/// The Tensor tests run every op family on it (`PrimitivesOnlyBackendTests`), the Lessons
/// tests a training step of every lesson model (`PrimitivesOnlyLessonTests`).
public final class PrimitivesOnlyBackend: Backend {
    public let name = "primitives-only"
    private let cpu = CPUBackend.shared

    public init() {}

    /// A CPU storage, owned by this backend.
    private final class Wrapped: Storage {
        let inner: Storage

        init(_ inner: Storage, backend: PrimitivesOnlyBackend) {
            self.inner = inner
            super.init(count: inner.count, backend: backend)
        }
    }

    private func wrap(_ storage: Storage) -> Storage {
        Wrapped(storage, backend: self)
    }

    private func unwrap(_ storage: Storage) -> Storage {
        guard let wrapped = storage as? Wrapped else {
            fatalError("\(name): storage of backend '\(storage.backend.name)' passed to it")
        }
        return wrapped.inner
    }

    private func unwrap(_ operand: MatrixOperand) -> MatrixOperand {
        MatrixOperand(storage: unwrap(operand.storage), offset: operand.offset, transposed: operand.transposed,
                      leadingDimension: operand.leadingDimension, batchStride: operand.batchStride)
    }

    public func allocate(_ count: Int) -> Storage {
        wrap(cpu.allocate(count))
    }

    public func upload(_ values: [Float]) -> Storage {
        wrap(cpu.upload(values))
    }

    public func download(_ storage: Storage, offset: Int, count: Int) -> [Float] {
        cpu.download(unwrap(storage), offset: offset, count: count)
    }

    public func copy(_ source: Storage, _ sourceLayout: Layout, to destination: Storage, _ destinationLayout: Layout) {
        cpu.copy(unwrap(source), sourceLayout, to: unwrap(destination), destinationLayout)
    }

    public func unary(_ op: UnaryOp, _ x: Storage, _ layout: Layout) -> Storage {
        wrap(cpu.unary(op, unwrap(x), layout))
    }

    public func binary(_ op: BinaryOp, _ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage {
        wrap(cpu.binary(op, unwrap(a), aLayout, unwrap(b), bLayout))
    }

    public func reduce(_ op: ReduceOp, _ x: Storage, _ layout: Layout, axis: Int) -> Storage {
        wrap(cpu.reduce(op, unwrap(x), layout, axis: axis))
    }

    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int) -> Storage {
        wrap(cpu.matmul(unwrap(a), unwrap(b), m: m, n: n, k: k, batch: batch))
    }

    public func gatherRows(_ table: Storage, _ layout: Layout, indices: [Int32]) -> Storage {
        wrap(cpu.gatherRows(unwrap(table), layout, indices: indices))
    }

    public func scatterAddRows(_ source: Storage, indices: [Int32], into table: Storage, columns: Int) {
        cpu.scatterAddRows(unwrap(source), indices: indices, into: unwrap(table), columns: columns)
    }
}
