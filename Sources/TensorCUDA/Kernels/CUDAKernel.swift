/// One CUDA C kernel of the backend's module: its entry point and its source.
public struct CUDAKernel: Sendable, Hashable, CustomStringConvertible {
    /// The `extern "C"` name of the entry point, looked up with `cuModuleGetFunction`.
    public let name: String
    /// CUDA C, compiled after `CUDAKernels.prelude`.
    public let source: String

    public var description: String { name }
}

/// The kernels of the CUDA backend: one per `Backend` requirement that computes (memory
/// comes from driver calls), two where the requirement has two shapes of work (reductions
/// along rows or down columns) and two numbered matmuls, llm.c style (the simple one is
/// the fast one's twin in the tests). NVRTC compiles `module` once per process, for the
/// GPU's own architecture.
public enum CUDAKernels {
    /// Threads per block of every launch; the block reductions of the prelude assume it.
    static let threadsPerBlock = 256

    public static let all: [CUDAKernel] = [
        fill, copyView, unary, binary, activationBackward, axpy, adamStep, sgdStep, reduceRows, reduceColumns,
        argmax, softmax, softmaxBackward, sgemm1Tiled, sgemm2RegisterBlocked, sgemm3DoubleBuffered, gatherRows,
        scatterAddRows,
    ]

    /// The whole module: the prelude, then every kernel.
    public static var module: String {
        ([prelude] + all.map(\.source)).joined(separator: "\n")
    }
}
