import Foundation
import Synchronization

/// Single-precision matrix multiply on row-major buffers:
/// `C[m×n] = alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
///
/// `lda`, `ldb`, `ldc` are the row strides (leading dimensions) of the buffers as
/// stored: `A` is stored m×k (lda ≥ k) or, transposed, k×m (lda ≥ m); likewise `B`.
/// Transposes are read in place, never materialised.
public enum Gemm {
    /// The plain triple loop the fast kernels are checked against (llm.c's habit:
    /// every fast kernel keeps a simple twin). Accumulates in Double.
    public static func reference(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += Double(x) * Double(y)
                }
                let scaled = Float(sum) * alpha
                c[i * ldc + j] = beta == 0 ? scaled : scaled + beta * c[i * ldc + j]
            }
        }
    }

    /// The fast path used by `CPUBackend`. Same contract as `reference`, except that
    /// with `alpha == 0` or `k == 0`, A and B are not read (as in BLAS).
    ///
    /// A BLIS-style packed, cache-blocked multiply (`multiplyBlocked`) with a SIMD
    /// micro-kernel picked by `CPUFeatures.simdPath`, on up to `threads` threads (a
    /// one-column B takes `multiplyVector`). Work under ~100 µs runs on the calling
    /// thread: each thread must get at least `workPerThread` multiply-adds, since
    /// starting threads costs microseconds.
    public static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let useful = max(1, m * n * k / workPerThread)
        multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                 a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
                 path: CPUFeatures.simdPath, threads: min(threads, useful))
    }

    /// `multiply` on a chosen SIMD path and exactly `threads` threads (as far as C
    /// splits into that many parts), so tests can run every kernel and split.
    static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, path: SIMDPath, threads: Int
    ) {
        func check(_ valid: Bool, _ message: @autoclosure () -> String) {
            if !valid { fatalError("Gemm.multiply: \(message()) (m=\(m), n=\(n), k=\(k), "
                                   + "transposeA=\(transposeA), transposeB=\(transposeB))") }
        }
        check(m >= 0 && n >= 0 && k >= 0, "negative size")
        check(lda >= (transposeA ? m : k),
              "lda \(lda) is less than the \(transposeA ? "m" : "k") columns of A as stored")
        check(ldb >= (transposeB ? k : n),
              "ldb \(ldb) is less than the \(transposeB ? "k" : "n") columns of B as stored")
        check(ldc >= n, "ldc \(ldc) is less than the n columns of C")
        guard m > 0, n > 0 else { return }
        guard k > 0, alpha != 0 else {
            for i in 0..<m {
                for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
            }
            return
        }
        let operands = GemmOperands(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                    alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        if n == 1 {
            multiplyVector(operands, blockDepth: path.panelShape.depth, threads: threads)
        } else {
            multiplyBlocked(path: path, operands, threads: threads)
        }
    }

    /// Work on a finished part of C, rows × columns, by the thread that computed it: the
    /// elementwise tail of a fused product (`CPUBackend`'s recurrent step), done while
    /// that part is still in cache and on every thread the product used.
    public typealias Epilogue = (_ rows: Range<Int>, _ columns: Range<Int>) -> Void

    /// `multiplyBlocked` with the micro-kernel of `path`.
    static func multiplyBlocked(path: SIMDPath, _ operands: GemmOperands, threads: Int, epilogue: Epilogue? = nil) {
        switch path {
        case .avx2:
            multiplyBlocked(Kernel6x16.self, operands, threads: threads, epilogue: epilogue)
        case .avx512:
            #if arch(x86_64)
            multiplyBlocked(Kernel12x32.self, operands, threads: threads, epilogue: epilogue)
            #else
            fatalError("Gemm.multiply: the AVX-512 kernel exists only on x86-64")
            #endif
        }
    }

    /// How many threads `multiply` may use; all cores unless set. Setting it is safe
    /// from any thread and applies to multiplies that start afterwards (the benchmark
    /// compares 1 and 2 threads this way).
    public static var threads: Int {
        get { threadLimit.load(ordering: .relaxed) }
        set {
            precondition(newValue >= 1, "Gemm.threads must be at least 1, got \(newValue)")
            threadLimit.store(newValue, ordering: .relaxed)
        }
    }

    private static let threadLimit = Atomic<Int>(ProcessInfo.processInfo.activeProcessorCount)

    /// The fewest multiply-adds worth a thread: 2²¹, enough that the thread's start-up is
    /// a small part of its work.
    static let workPerThread = 1 << 21
}
