/// The CUDA driver API types this module uses, declared here instead of imported from
/// `cuda.h`, so that the module builds without CUDA installed.
typealias CUresult = Int32
typealias CUdevice = Int32
/// A device address: `unsigned long long` on 64-bit systems.
typealias CUdeviceptr = UInt64
typealias CUcontext = OpaquePointer
typealias CUmodule = OpaquePointer
typealias CUfunction = OpaquePointer
typealias CUstream = OpaquePointer

/// `CUdevice_attribute` values (cuda.h).
enum CUdeviceAttribute: Int32 {
    case multiprocessorCount = 16
    case computeCapabilityMajor = 75
    case computeCapabilityMinor = 76
}

/// The functions of `libcuda` this module calls, as typed C function values read with
/// `dlsym`. Where `cuda.h` maps a name to a versioned symbol (`cuMemAlloc` is
/// `cuMemAlloc_v2`), the versioned one is loaded: the unversioned symbols are the
/// 32-bit-size ABI kept for old binaries.
struct CUDADriver: @unchecked Sendable {
    /// Where the library was loaded from, for messages.
    let path: String

    let cuInit: @convention(c) (UInt32) -> CUresult
    let cuDriverGetVersion: @convention(c) (UnsafeMutablePointer<Int32>) -> CUresult
    let cuDeviceGetCount: @convention(c) (UnsafeMutablePointer<Int32>) -> CUresult
    let cuDeviceGet: @convention(c) (UnsafeMutablePointer<CUdevice>, Int32) -> CUresult
    let cuDeviceGetName: @convention(c) (UnsafeMutablePointer<CChar>, Int32, CUdevice) -> CUresult
    let cuDeviceGetAttribute: @convention(c) (UnsafeMutablePointer<Int32>, Int32, CUdevice) -> CUresult
    let cuDevicePrimaryCtxRetain: @convention(c) (UnsafeMutablePointer<CUcontext?>, CUdevice) -> CUresult
    let cuCtxSetCurrent: @convention(c) (CUcontext?) -> CUresult
    let cuCtxSynchronize: @convention(c) () -> CUresult
    let cuModuleLoadData: @convention(c) (UnsafeMutablePointer<CUmodule?>, UnsafeRawPointer) -> CUresult
    let cuModuleGetFunction: @convention(c) (UnsafeMutablePointer<CUfunction?>, CUmodule?,
                                             UnsafePointer<CChar>) -> CUresult
    let cuMemAlloc: @convention(c) (UnsafeMutablePointer<CUdeviceptr>, Int) -> CUresult
    let cuMemFree: @convention(c) (CUdeviceptr) -> CUresult
    let cuMemcpyHtoD: @convention(c) (CUdeviceptr, UnsafeRawPointer, Int) -> CUresult
    let cuMemcpyDtoH: @convention(c) (UnsafeMutableRawPointer, CUdeviceptr, Int) -> CUresult
    /// (function, grid x y z, block x y z, dynamic shared bytes, stream, parameters, extra)
    let cuLaunchKernel: @convention(c) (CUfunction?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                                        CUstream?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                        UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> CUresult
    let cuGetErrorName: @convention(c) (CUresult, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> CUresult
    let cuGetErrorString: @convention(c) (CUresult, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> CUresult

    /// Finds and loads `libcuda` (see `LibrarySearch.driver`), and every function above.
    init(search: LibrarySearch = .driver()) throws(CUDAError) {
        let library = try search.open(requiring: "cuInit")
        path = library.loadedFile(containing: "cuInit") ?? library.path
        cuInit = try library.required("cuInit")
        cuDriverGetVersion = try library.required("cuDriverGetVersion")
        cuDeviceGetCount = try library.required("cuDeviceGetCount")
        cuDeviceGet = try library.required("cuDeviceGet")
        cuDeviceGetName = try library.required("cuDeviceGetName")
        cuDeviceGetAttribute = try library.required("cuDeviceGetAttribute")
        cuDevicePrimaryCtxRetain = try library.required("cuDevicePrimaryCtxRetain")
        cuCtxSetCurrent = try library.required("cuCtxSetCurrent")
        cuCtxSynchronize = try library.required("cuCtxSynchronize")
        cuModuleLoadData = try library.required("cuModuleLoadData")
        cuModuleGetFunction = try library.required("cuModuleGetFunction")
        cuMemAlloc = try library.required("cuMemAlloc_v2")
        cuMemFree = try library.required("cuMemFree_v2")
        cuMemcpyHtoD = try library.required("cuMemcpyHtoD_v2")
        cuMemcpyDtoH = try library.required("cuMemcpyDtoH_v2")
        cuLaunchKernel = try library.required("cuLaunchKernel")
        cuGetErrorName = try library.required("cuGetErrorName")
        cuGetErrorString = try library.required("cuGetErrorString")
    }

    /// Throws unless `result` is `CUDA_SUCCESS` (0), naming the call and the error.
    func check(_ result: CUresult, _ call: @autoclosure () -> String) throws(CUDAError) {
        guard result != 0 else { return }
        throw error(result, call())
    }

    /// `result` as a `CUDAError`, with the driver's name and description of the code.
    func error(_ result: CUresult, _ call: String) -> CUDAError {
        var name: UnsafePointer<CChar>?, message: UnsafePointer<CChar>?
        _ = cuGetErrorName(result, &name)
        _ = cuGetErrorString(result, &message)
        return .driver(call: call, code: result, name: name.map { String(cString: $0) } ?? "CUDA error",
                       message: message.map { String(cString: $0) } ?? "unknown error code")
    }
}
