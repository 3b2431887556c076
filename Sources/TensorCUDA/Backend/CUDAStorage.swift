import Tensor

/// Device memory: `count` floats at the device address `pointer`, freed with the storage.
final class CUDAStorage: Storage {
    let pointer: CUdeviceptr
    private let device: CUDADevice

    init(count: Int, backend: CUDABackend) {
        device = backend.device
        // At least one float, so that a zero-sized tensor still has a valid address.
        pointer = device.allocate(bytes: max(count, 1) * MemoryLayout<Float>.stride)
        super.init(count: count, backend: backend)
    }

    deinit { device.free(pointer) }

    /// The device address of float `index`.
    func address(_ index: Int) -> CUdeviceptr {
        pointer + CUdeviceptr(index * MemoryLayout<Float>.stride)
    }
}
