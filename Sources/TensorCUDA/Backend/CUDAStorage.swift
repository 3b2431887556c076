import Tensor

/// Device memory: `count` floats at the device address `pointer`, from the device's pool
/// and given back to it with the storage.
final class CUDAStorage: Storage {
    let pointer: CUdeviceptr
    private let device: CUDADevice

    /// At least one float, so that a zero-sized tensor still has a valid address.
    private static func byteCount(_ count: Int) -> Int { max(count, 1) * MemoryLayout<Float>.stride }

    init(count: Int, backend: CUDABackend) {
        device = backend.device
        pointer = device.allocate(bytes: Self.byteCount(count))
        super.init(count: count, backend: backend)
    }

    deinit { device.free(pointer, bytes: Self.byteCount(count)) }

    /// The device address of float `index`.
    func address(_ index: Int) -> CUdeviceptr {
        pointer + CUdeviceptr(index * MemoryLayout<Float>.stride)
    }
}
