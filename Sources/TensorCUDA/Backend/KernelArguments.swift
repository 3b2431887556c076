/// The arguments of one kernel launch as `cuLaunchKernel` takes them: an array of
/// pointers, one per parameter of the kernel, each to that parameter's bytes.
/// The order and the types must match the kernel's C signature exactly.
struct KernelArguments: ExpressibleByArrayLiteral {
    /// One parameter: its bytes, as the C type lays them out.
    struct Value {
        let bytes: [UInt8]
    }

    private let values: [Value]

    init(arrayLiteral values: Value...) {
        self.values = values
    }

    /// Calls `body` with the `void**` array, valid during the call only (the driver
    /// copies the parameters when the launch is queued).
    func withParameters<R>(_ body: (UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> R) -> R {
        var offsets: [Int] = [], size = 0
        for value in values {
            offsets.append(size)
            size += (value.bytes.count + 15) / 16 * 16
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 16), alignment: 16)
        defer { buffer.deallocate() }
        var pointers: [UnsafeMutableRawPointer?] = []
        for (value, offset) in zip(values, offsets) {
            value.bytes.withUnsafeBytes { (buffer + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            pointers.append(buffer + offset)
        }
        return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}

extension KernelArguments.Value {
    /// A value of a C scalar type: `float`, `int`, `unsigned int`, `long long`, a pointer.
    static func scalar<T: BitwiseCopyable>(_ value: T) -> Self {
        Self(bytes: withUnsafeBytes(of: value) { Array($0) })
    }

    static func float(_ value: Float) -> Self { scalar(value) }
    static func int(_ value: Int32) -> Self { scalar(value) }
    static func bool(_ value: Bool) -> Self { scalar(Int32(value ? 1 : 0)) }
    static func longLong(_ value: Int) -> Self { scalar(Int64(value)) }
    static func pointer(_ value: CUdeviceptr) -> Self { scalar(value) }

    /// An element count, passed as `unsigned int`: the kernels index with 32-bit
    /// integers, so tensors stay below 2³¹ elements.
    static func count(_ value: Int) -> Self {
        guard value <= Int(Int32.max) else {
            fatalError("cuda: \(value) elements; the kernels index tensors of fewer than 2^31")
        }
        return scalar(UInt32(value))
    }

    /// A `View` (see the kernels' prelude): `long long offset; long long strides[8];
    /// unsigned int shape[8]; int rank;`, 112 bytes with the padding C adds.
    static func view(_ view: DeviceView) -> Self {
        var bytes = [UInt8](repeating: 0, count: 112)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: Int64(view.offset), toByteOffset: 0, as: Int64.self)
            for (axis, stride) in view.strides.enumerated() {
                raw.storeBytes(of: Int64(stride), toByteOffset: 8 + 8 * axis, as: Int64.self)
            }
            for (axis, extent) in view.shape.enumerated() {
                raw.storeBytes(of: UInt32(extent), toByteOffset: 72 + 4 * axis, as: UInt32.self)
            }
            raw.storeBytes(of: Int32(view.shape.count), toByteOffset: 104, as: Int32.self)
        }
        return Self(bytes: bytes)
    }
}
