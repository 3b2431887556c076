import Tensor

/// One GPU ready to run the backend's kernels: the driver, the device's primary context
/// (the one the CUDA runtime, and so PyTorch, uses too), and the module NVRTC compiled
/// for the device's own architecture.
///
/// Its methods stop the program with the driver's message when a call fails: the
/// `Backend` primitives they serve cannot throw, and a failed allocation or launch
/// leaves no result to continue with.
final class CUDADevice: @unchecked Sendable {
    let driver: CUDADriver
    let nvrtc: NVRTC
    /// `cuDeviceGetName`: `NVIDIA H200`.
    let name: String
    /// The compute capability as one number: 90 for 9.0 (Hopper), the `sm_90` compiled for.
    let architecture: Int
    let multiprocessors: Int
    /// The newest CUDA the driver supports.
    let driverVersion: CUDAVersion
    private let context: CUcontext
    /// The kernels of the loaded module (which stays loaded for the life of the process).
    private let functions: [String: CUfunction]

    /// Loads the driver, picks GPU 0 (`CUDA_VISIBLE_DEVICES` chooses which that is),
    /// checks that NVRTC's code will load on this driver, compiles `CUDAKernels.module` to
    /// a CUBIN for the GPU and loads it.
    init() throws(CUDAError) {
        let driver = try CUDADriver()
        let initialized = driver.cuInit(0)
        if initialized == 100 { throw CUDAError.noDevice(driver: driver.path) }  // CUDA_ERROR_NO_DEVICE
        try driver.check(initialized, "cuInit")
        var count: Int32 = 0
        try driver.check(driver.cuDeviceGetCount(&count), "cuDeviceGetCount")
        guard count > 0 else { throw CUDAError.noDevice(driver: driver.path) }
        var device: CUdevice = 0
        try driver.check(driver.cuDeviceGet(&device, 0), "cuDeviceGet(0)")
        func attribute(_ attribute: CUdeviceAttribute) throws(CUDAError) -> Int {
            var value: Int32 = 0
            try driver.check(driver.cuDeviceGetAttribute(&value, attribute.rawValue, device),
                             "cuDeviceGetAttribute(\(attribute))")
            return Int(value)
        }
        var nameBytes = [CChar](repeating: 0, count: 256)
        try driver.check(driver.cuDeviceGetName(&nameBytes, Int32(nameBytes.count), device), "cuDeviceGetName")
        name = String(decoding: nameBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        architecture = try attribute(.computeCapabilityMajor) * 10 + attribute(.computeCapabilityMinor)
        multiprocessors = try attribute(.multiprocessorCount)
        var encodedVersion: Int32 = 0
        try driver.check(driver.cuDriverGetVersion(&encodedVersion), "cuDriverGetVersion")
        driverVersion = CUDAVersion(encoded: encodedVersion)

        // Machine code from NVRTC X.y loads on drivers for CUDA X.0 and newer (minor
        // version compatibility); PTX would need a driver at least as new as X.y.
        let nvrtc = try NVRTC()
        guard driverVersion.major >= nvrtc.version.major else {
            throw CUDAError.driverTooOld(driver: driverVersion, nvrtc: nvrtc.version)
        }
        let supported = nvrtc.supportedArchitectures
        guard supported.isEmpty || supported.contains(architecture) else {
            throw CUDAError.unsupportedArchitecture(device: name, architecture: architecture, nvrtc: nvrtc.version,
                                                    supported: supported)
        }
        let cubin = try nvrtc.compile(CUDAKernels.module, name: "lesson6.cu", for: .cubin(architecture: architecture))

        var context: CUcontext?
        try driver.check(driver.cuDevicePrimaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain")
        try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent")
        var module: CUmodule?
        let loaded = cubin.withUnsafeBytes { driver.cuModuleLoadData(&module, $0.baseAddress!) }
        try driver.check(loaded, "cuModuleLoadData")
        var functions: [String: CUfunction] = [:]
        for kernel in CUDAKernels.all {
            var function: CUfunction?
            try driver.check(driver.cuModuleGetFunction(&function, module, kernel.name),
                             "cuModuleGetFunction(\(kernel.name))")
            functions[kernel.name] = function
        }
        (self.driver, self.nvrtc, self.context, self.functions) = (driver, nvrtc, context!, functions)
    }

    // MARK: Calls

    /// Stops with the driver's message unless `result` is success.
    private func require(_ result: CUresult, _ call: @autoclosure () -> String) {
        guard result != 0 else { return }
        var message = "cuda: \(driver.error(result, call()))"
        if (700..<720).contains(result) {
            message += "\n(errors of a kernel surface at a later call; "
                + "CUDA_LAUNCH_BLOCKING=1 makes each launch report its own)"
        }
        fatalError(message)
    }

    /// Makes the primary context current on the calling thread. The context is per
    /// thread, and tensors may be used (and freed) from any thread; this is a cheap
    /// thread-local store in the driver. A failure here shows in the call that follows.
    func makeCurrent() {
        _ = driver.cuCtxSetCurrent(context)
    }

    // MARK: Memory

    /// Freed device blocks, kept for the next allocation of their size (see `MemoryPool`).
    /// `cuMemFree` waits for the GPU to finish everything launched so far, so freeing each
    /// intermediate of a training step made every launch wait for the one before it;
    /// a block handed back to the pool is reused by kernels launched later on the same
    /// stream, which the GPU runs after the kernels that still read the block's old values.
    private let pool = MemoryPool<CUdeviceptr>(limit: 2 << 30)

    /// `bytes` of device memory: an idle block of that size from the pool, else a new
    /// one; when the GPU is out of memory, the pool's idle blocks are freed and the
    /// allocation tried once more.
    func allocate(bytes: Int) -> CUdeviceptr {
        if let pointer = pool.take(byteCount: bytes) { return pointer }
        makeCurrent()
        var pointer: CUdeviceptr = 0
        var result = driver.cuMemAlloc(&pointer, bytes)
        if result == 2 {  // CUDA_ERROR_OUT_OF_MEMORY
            for idle in pool.removeAll() { require(driver.cuMemFree(idle), "cuMemFree_v2") }
            result = driver.cuMemAlloc(&pointer, bytes)
        }
        require(result, "cuMemAlloc_v2(\(bytes) bytes)")
        return pointer
    }

    /// Takes back a block of `bytes` from `allocate(bytes:)`: kept in the pool while it
    /// has room, else freed (`cuMemFree`, which waits for the GPU first).
    func free(_ pointer: CUdeviceptr, bytes: Int) {
        if pool.keep(pointer, byteCount: bytes) { return }
        makeCurrent()
        let result = driver.cuMemFree(pointer)
        // CUDA_ERROR_DEINITIALIZED: the process is exiting and the driver has already
        // released everything.
        if result != 4 { require(result, "cuMemFree_v2") }
    }

    /// Copies `host` to the device (after the kernels launched before: the default
    /// stream orders everything).
    func copy(_ host: UnsafeRawBufferPointer, toDevice pointer: CUdeviceptr) {
        guard let base = host.baseAddress, host.count > 0 else { return }
        makeCurrent()
        require(driver.cuMemcpyHtoD(pointer, base, host.count), "cuMemcpyHtoD_v2(\(host.count) bytes)")
    }

    /// Fills `host` from the device, after every kernel launched before.
    func copy(_ pointer: CUdeviceptr, toHost host: UnsafeMutableRawBufferPointer) {
        guard let base = host.baseAddress, host.count > 0 else { return }
        makeCurrent()
        require(driver.cuMemcpyDtoH(base, pointer, host.count), "cuMemcpyDtoH_v2(\(host.count) bytes)")
    }

    /// Waits for every kernel launched so far.
    func synchronize() {
        makeCurrent()
        require(driver.cuCtxSynchronize(), "cuCtxSynchronize")
    }

    // MARK: Launches

    /// Launches `kernel` on a grid of `blocks` blocks of `threads` threads (x, y, z).
    func launch(_ kernel: CUDAKernel, blocks: (Int, Int, Int), threads: (Int, Int, Int), _ arguments: KernelArguments) {
        guard let function = functions[kernel.name] else { fatalError("cuda: no kernel \(kernel.name) in the module") }
        makeCurrent()
        let result = arguments.withParameters { parameters in
            driver.cuLaunchKernel(function, UInt32(blocks.0), UInt32(blocks.1), UInt32(blocks.2),
                                  UInt32(threads.0), UInt32(threads.1), UInt32(threads.2), 0, nil, parameters, nil)
        }
        require(result, "cuLaunchKernel(\(kernel.name), blocks \(blocks), threads \(threads))")
    }

    /// Launches a kernel that gives each of `rows` rows one block, whose threads share
    /// the row's work and combine it with the prelude's `block_reduce`.
    func launch(_ kernel: CUDAKernel, rows: Int, _ arguments: KernelArguments) {
        guard rows > 0 else { return }
        launch(kernel, blocks: (rows, 1, 1), threads: (CUDAKernels.threadsPerBlock, 1, 1), arguments)
    }

    /// Launches a kernel whose threads walk `count` elements with a grid-stride loop:
    /// enough blocks to fill every multiprocessor several times over, no more.
    func launch(_ kernel: CUDAKernel, elements count: Int, _ arguments: KernelArguments) {
        guard count > 0 else { return }
        guard count <= Int(Int32.max) else {
            fatalError("cuda: \(kernel.name) over \(count) elements; the kernels index fewer than 2^31")
        }
        let threads = CUDAKernels.threadsPerBlock
        let blocks = min((count + threads - 1) / threads, multiprocessors * 32)
        launch(kernel, blocks: (blocks, 1, 1), threads: (threads, 1, 1), arguments)
    }
}
