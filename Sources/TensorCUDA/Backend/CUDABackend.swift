import Tensor

/// The tensor backend on an NVIDIA GPU: every `Backend` requirement that computes,
/// primitive or fast path, is one kernel (or two) of `CUDAKernels`, written in CUDA C and
/// compiled by NVRTC, at first use, for the GPU in the machine; only the two that prepare
/// a matrix for many products keep their defaults, since the matmul kernel reads its
/// operands in place. The kernels come one
/// family a file, as the CPU backend's: `CUDABackend+Elementwise`, `+Reductions`,
/// `+Matrices`, `+Lookups` and `+Optimizers`. Nothing of CUDA is needed to build it: the
/// driver and NVRTC are loaded at run time (see `LibrarySearch`), and `make()` says why
/// when they cannot be.
///
/// Kernels run in order on the default stream; `download` waits for them. A failed
/// driver call stops the program with the driver's message (see `CUDADevice`).
public final class CUDABackend: Backend, @unchecked Sendable {
    public let name = "cuda"
    let device: CUDADevice

    private init(device: CUDADevice) {
        self.device = device
    }

    /// The backend of the process, made on first use: loading the libraries, choosing
    /// GPU 0 (`CUDA_VISIBLE_DEVICES` picks another) and compiling the kernels happen once.
    private static let shared = Result { () throws(CUDAError) in CUDABackend(device: try CUDADevice()) }

    /// The CUDA backend, or an error saying why there is none here: library not found
    /// (with every place looked in), no GPU, a driver older than NVRTC, or NVRTC's log.
    public static func make() throws(CUDAError) -> CUDABackend {
        try shared.get()
    }

    /// `NVIDIA H200 (sm_90, 132 SMs), driver CUDA 13.0, NVRTC 13.2`.
    public var deviceDescription: String {
        "\(device.name) (sm_\(device.architecture), \(device.multiprocessors) SMs), "
            + "driver CUDA \(device.driverVersion), NVRTC \(device.nvrtc.version)"
    }

    /// Waits until every kernel launched so far has finished (for timing).
    public func synchronize() {
        device.synchronize()
    }

    /// The device memory behind a storage this backend made.
    func storage(_ storage: Storage) -> CUDAStorage {
        guard let storage = storage as? CUDAStorage else {
            fatalError("cuda: storage of backend '\(storage.backend.name)' passed to the CUDA backend")
        }
        return storage
    }

    // MARK: Memory

    public func allocate(_ count: Int) -> Storage {
        CUDAStorage(count: count, backend: self)
    }

    public func upload(_ values: [Float]) -> Storage {
        let result = CUDAStorage(count: values.count, backend: self)
        values.withUnsafeBytes { device.copy($0, toDevice: result.pointer) }
        return result
    }

    /// A storage holding `values`: the indices of gathers and scatters, which kernels
    /// read as `int`, in a storage of as many 4-byte slots.
    func upload(_ values: [Int32]) -> CUDAStorage {
        let result = CUDAStorage(count: values.count, backend: self)
        values.withUnsafeBytes { device.copy($0, toDevice: result.pointer) }
        return result
    }

    public func download(_ storage: Storage, offset: Int, count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { device.copy(self.storage(storage).address(offset), toHost: $0) }
        return values
    }

    public func fill(_ storage: Storage, with value: Float) {
        device.launch(CUDAKernels.fill, elements: storage.count,
                      [.pointer(self.storage(storage).pointer), .float(value), .count(storage.count)])
    }

    public func copy(_ source: Storage, _ sourceLayout: Layout, to destination: Storage, _ destinationLayout: Layout) {
        let views = DeviceView.merged([sourceLayout, destinationLayout])
        device.launch(CUDAKernels.copyView, elements: sourceLayout.count,
                      [.pointer(storage(source).pointer), .view(views[0]),
                       .pointer(storage(destination).pointer), .view(views[1]), .count(sourceLayout.count)])
    }

    /// The view's elements contiguous in row-major order: the storage itself when the
    /// view already is (with the offset of its first element), else a contiguous copy.
    func contiguous(_ x: Storage, _ layout: Layout) -> (storage: CUDAStorage, offset: Int) {
        if layout.isContiguous { return (storage(x), layout.offset) }
        let copy = allocate(layout.count)
        self.copy(x, layout, to: copy, Layout(contiguous: layout.shape))
        return (storage(copy), 0)
    }
}
