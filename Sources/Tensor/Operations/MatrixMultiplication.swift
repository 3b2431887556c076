/// Matrix products: 2-D × 2-D, and batched 3-D with a shared (broadcast) side.
///
/// Transposed operands are passed to the backend as a transpose flag with their
/// leading dimension, never copied: `a.transposed().matmul(b)` reads `a` in place.
/// That is what makes backward cheap: for C = A·B, dA = dC·Bᵀ and dB = Aᵀ·dC are
/// products of views.
extension Tensor {
    /// `self · other` (`torch.matmul`) for shapes [m, k]·[k, n], [b, m, k]·[b, k, n],
    /// [b, m, k]·[k, n] and [m, k]·[b, k, n] (a batch of 1 broadcasts too).
    public func matmul(_ other: Tensor) -> Tensor {
        checkSameBackend(other, "matmul")
        let mismatch = "matmul: \(shape) × \(other.shape)"
        guard (2...3).contains(rank), (2...3).contains(other.rank),
              shape[rank - 1] == other.shape[other.rank - 2] else { fatalError(mismatch) }
        if rank == 3 && other.rank == 2 && isContiguous {
            // A stack of rows times one matrix is one big product.
            let (batch, m, k) = (shape[0], shape[1], shape[2])
            return reshaped([batch * m, k]).matmul(other).reshaped([batch, m, other.shape[1]])
        }
        let batchA = rank == 3 ? shape[0] : 1, batchB = other.rank == 3 ? other.shape[0] : 1
        guard batchA == batchB || batchA == 1 || batchB == 1 else { fatalError(mismatch) }
        let batch = Swift.max(batchA, batchB)
        let (a, aOperand) = matrixOperand(), (b, bOperand) = other.matrixOperand()
        let m = shape[rank - 2], k = shape[rank - 1], n = other.shape[other.rank - 1]
        let storage = backend.matmul(aOperand, bOperand, m: m, n: n, k: k, batch: batch)
        let resultShape = rank == 2 && other.rank == 2 ? [m, n] : [batch, m, n]
        withExtendedLifetime((a, b)) {}
        return Tensor.result(storage, shape: resultShape, "matmul", [self, other]) { g, inputs, _ in
            let (a, b) = (inputs[0], inputs[1])
            // dA = dC·Bᵀ and dB = Aᵀ·dC. An operand that is a transposed matrix (the
            // weight of `Linear`, read as Wᵀ) gets its gradient computed transposed,
            // (B·dCᵀ)ᵀ or (dCᵀ·A)ᵀ: the same sums, laid out so that the gradient
            // reaching W is contiguous and is adopted as W.grad rather than copied.
            func gradientA() -> Tensor {
                a.isTransposedMatrix ? b.matmul(g.transposed()).transposed() : g.matmul(b.transposed())
            }
            func gradientB() -> Tensor {
                b.isTransposedMatrix ? g.transposed().matmul(a).transposed() : a.transposed().matmul(g)
            }
            return [a.requiresGrad ? gradientA().sum(toShape: a.shape) : nil,
                    b.requiresGrad ? gradientB().sum(toShape: b.shape) : nil]
        }
    }

    /// Whether this is a 2-D view of a contiguous matrix's transpose (`w.transposed()`).
    var isTransposedMatrix: Bool {
        rank == 2 && !isContiguous && layout.strides == [1, shape[0]]
    }

    /// How the backend reads this (possibly batched) matrix: in place when one of its
    /// last two axes has stride 1, else from a contiguous copy (returned to be kept alive).
    func matrixOperand() -> (Tensor, MatrixOperand) {
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let rowStride = layout.strides[rank - 2], columnStride = layout.strides[rank - 1]
        let batchStride = rank == 3 && shape[0] > 1 ? layout.strides[0] : 0
        if columnStride == 1 || columns == 1, rowStride >= columns || rows == 1 {
            return (self, MatrixOperand(storage: storage, offset: layout.offset, transposed: false,
                                        leadingDimension: Swift.max(rowStride, columns), batchStride: batchStride))
        }
        if rowStride == 1 || rows == 1, columnStride >= rows || columns == 1 {
            return (self, MatrixOperand(storage: storage, offset: layout.offset, transposed: true,
                                        leadingDimension: Swift.max(columnStride, rows), batchStride: batchStride))
        }
        let copy = contiguousCopy()
        return (copy, MatrixOperand(storage: copy.storage, offset: 0, transposed: false, leadingDimension: columns,
                                    batchStride: rank == 3 && shape[0] > 1 ? rows * columns : 0))
    }
}

/// A matrix made ready to be the right operand of many products, `x.matmul(prepared)`:
/// the recurrences multiply by the same W_hh at every step, and the backend arranges it
/// for its kernel once (`Backend.prepareMatmulOperand`; the CPU packs it into the
/// panels its micro-kernel reads). It has no history, so no gradient reaches the
/// matrix through it, and the matrix must not change while it is in use.
public struct PreparedMatrix {
    let matrix: Tensor
    let operand: PreparedMatmulOperand

    public var shape: [Int] { matrix.shape }
}

extension Tensor {
    /// This 2-D matrix prepared as the right operand of many products (see `PreparedMatrix`).
    public func preparedForMatmul() -> PreparedMatrix {
        guard rank == 2 else { fatalError("preparedForMatmul: a matrix is 2-D, got shape \(shape)") }
        let (matrix, operand) = detached().matrixOperand()
        return PreparedMatrix(matrix: matrix, operand: backend.prepareMatmulOperand(operand, k: shape[0], n: shape[1]))
    }

    /// `self · prepared` for a 2-D `self`, as `matmul(_:)` computes it, without history:
    /// it serves operations that write their own backward (the recurrences), and stops
    /// where a gradient would be lost.
    public func matmul(_ other: PreparedMatrix) -> Tensor {
        checkSameBackend(other.matrix, "matmul")
        guard rank == 2, shape[1] == other.shape[0] else { fatalError("matmul: \(shape) × prepared \(other.shape)") }
        guard !(requiresGrad && GradMode.isEnabled) else {
            fatalError("matmul: a product by a prepared matrix is not recorded, and \(shape) requires grad")
        }
        let (a, aOperand) = matrixOperand()
        let storage = backend.matmul(aOperand, prepared: other.operand, m: shape[0])
        withExtendedLifetime(a) {}
        return Tensor(storage: storage, layout: Layout(contiguous: [shape[0], other.shape[1]]))
    }
}
