import Tensor

/// NVIDIA's cuBLAS on the CUDA backend's GPU: the SGEMM that `lesson6-bench gpu-matmul`
/// measures ours against (and checks ours with). Like the driver it is loaded at run
/// time (see `LibrarySearch.cublas`); the tensor engine never needs it.
///
///     let gpu = try CUDABackend.make()
///     let cublas = try CUBLAS(on: gpu)          // cuBLAS: not found … says where it looked
///     try cublas.multiply(a, b, into: c, m: 4096, n: 4096, k: 4096)
///
/// cuBLAS runs on the default stream, as the backend's kernels do, so its work and
/// theirs stay in launch order.
public final class CUBLAS: @unchecked Sendable, CustomStringConvertible {
    /// The file `libcublas` was loaded from.
    public let path: String
    /// `13.0.1`, from `cublasGetVersion`.
    public let version: String
    private let library: CUBLASLibrary
    private let handle: CUBLASHandle
    /// The GPU the handle works on.
    let backend: CUDABackend

    /// Loads cuBLAS and makes a handle on `backend`'s GPU (its primary context, which
    /// the CUDA runtime inside cuBLAS uses too).
    public init(on backend: CUDABackend, search: LibrarySearch = .cublas()) throws(CUDAError) {
        let library = try CUBLASLibrary(search: search)
        backend.device.makeCurrent()
        var handle: CUBLASHandle?
        try library.check(library.cublasCreate(&handle), "cublasCreate_v2")
        var encoded: Int32 = 0
        try library.check(library.cublasGetVersion(handle, &encoded), "cublasGetVersion_v2")
        version = "\(encoded / 10000).\(encoded / 100 % 100).\(encoded % 100)"
        (self.library, self.handle, self.backend, path) = (library, handle!, backend, library.path)
    }

    deinit {
        backend.device.makeCurrent()
        _ = library.cublasDestroy(handle)
    }

    /// `cuBLAS 13.0.1 (/usr/local/cuda/lib64/libcublas.so.13)`.
    public var description: String { "cuBLAS \(version) (\(path))" }

    /// C = A·B for row-major, contiguous A (m×k), B (k×n) and C (m×n), all storages of
    /// the backend. cuBLAS is column-major, and a row-major matrix read column-major is
    /// its transpose; so this asks for Cᵀ = Bᵀ·Aᵀ, which leaves C, row-major, in `c`.
    public func multiply(_ a: Storage, _ b: Storage, into c: Storage, m: Int, n: Int, k: Int) throws(CUDAError) {
        guard a.count >= m * k, b.count >= k * n, c.count >= m * n else {
            fatalError("CUBLAS.multiply: storages of \(a.count), \(b.count), \(c.count) floats for "
                       + "[\(m), \(k)]·[\(k), \(n)] = [\(m), \(n)]")
        }
        guard let m32 = Int32(exactly: m), let n32 = Int32(exactly: n), let k32 = Int32(exactly: k) else {
            fatalError("CUBLAS.multiply: m \(m), n \(n), k \(k); cuBLAS takes 32-bit sizes")
        }
        func address(_ storage: Storage) -> UnsafeMutableRawPointer? {
            UnsafeMutableRawPointer(bitPattern: UInt(backend.storage(storage).pointer))
        }
        var (one, zero): (Float, Float) = (1, 0)
        backend.device.makeCurrent()
        let none = CUBLASOperation.none.rawValue
        try library.check(library.cublasSgemm(handle, none, none, n32, m32, k32, &one, address(b), n32, address(a), k32,
                                              &zero, address(c), n32),
                          "cublasSgemm_v2(m \(n), n \(m), k \(k))")
    }
}
