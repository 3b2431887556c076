/// cuBLAS's types this module uses, declared here instead of imported from
/// `cublas_v2.h`, as the driver's are (see `CUDADriver`).
typealias CUBLASHandle = OpaquePointer
/// `cublasStatus_t`: 0 is `CUBLAS_STATUS_SUCCESS`.
typealias CUBLASStatus = Int32

/// `cublasOperation_t`: what cuBLAS does to an operand before multiplying. Only
/// `CUBLAS_OP_N` is needed: a row-major product is a column-major one with its operands
/// swapped (see `CUBLAS.multiply`).
enum CUBLASOperation: Int32 {
    /// `CUBLAS_OP_N`: the matrix as stored (column-major).
    case none = 0
}

/// The functions of `libcublas` that `CUBLAS` calls, as typed C function values read
/// with `dlsym`. `cublas_v2.h` maps `cublasCreate` to `cublasCreate_v2` (and `Destroy`,
/// `GetVersion`, `Sgemm` likewise); the `_v2` symbols are the ones loaded.
struct CUBLASLibrary: @unchecked Sendable {
    /// Where the library was loaded from, for messages.
    let path: String

    let cublasCreate: @convention(c) (UnsafeMutablePointer<CUBLASHandle?>) -> CUBLASStatus
    let cublasDestroy: @convention(c) (CUBLASHandle?) -> CUBLASStatus
    /// `major·10000 + minor·100 + patch`: 130001 is 13.0.1.
    let cublasGetVersion: @convention(c) (CUBLASHandle?, UnsafeMutablePointer<Int32>) -> CUBLASStatus
    /// (handle, transa, transb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc), all column-major;
    /// `alpha` and `beta` are read from host memory (the handle's default pointer mode).
    let cublasSgemm: @convention(c) (CUBLASHandle?, Int32, Int32, Int32, Int32, Int32, UnsafePointer<Float>,
                                     UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, UnsafePointer<Float>,
                                     UnsafeMutableRawPointer?, Int32) -> CUBLASStatus
    let cublasGetStatusName: @convention(c) (CUBLASStatus) -> UnsafePointer<CChar>?
    let cublasGetStatusString: @convention(c) (CUBLASStatus) -> UnsafePointer<CChar>?

    /// Finds and loads `libcublas` (see `LibrarySearch.cublas`), with the `libcublasLt`
    /// beside it that it needs, and every function above.
    init(search: LibrarySearch = .cublas()) throws(CUDAError) {
        let library = try search.open(requiring: "cublasSgemm_v2", dependency: "libcublasLt")
        path = library.loadedFile(containing: "cublasSgemm_v2") ?? library.path
        cublasCreate = try library.required("cublasCreate_v2")
        cublasDestroy = try library.required("cublasDestroy_v2")
        cublasGetVersion = try library.required("cublasGetVersion_v2")
        cublasSgemm = try library.required("cublasSgemm_v2")
        cublasGetStatusName = try library.required("cublasGetStatusName")
        cublasGetStatusString = try library.required("cublasGetStatusString")
    }

    /// Throws unless `status` is `CUBLAS_STATUS_SUCCESS`, naming the call and the status.
    func check(_ status: CUBLASStatus, _ call: @autoclosure () -> String) throws(CUDAError) {
        guard status != 0 else { return }
        throw CUDAError.cublas(call: call(), status: status,
                               name: cublasGetStatusName(status).map { String(cString: $0) } ?? "cuBLAS error",
                               message: cublasGetStatusString(status).map { String(cString: $0) } ?? "unknown status")
    }
}
