import Foundation

/// NVRTC, CUDA's run-time compiler: CUDA C source in, PTX or machine code out. The
/// backend compiles its kernels with it once per process, for the GPU it runs on, as
/// PyTorch's and CuPy's JIT kernels do.
public struct NVRTC: @unchecked Sendable {
    /// The file `libnvrtc` was loaded from.
    public let path: String
    /// `libnvrtc-builtins`, preloaded from beside `libnvrtc`, if found.
    public let builtins: String?
    /// NVRTC's CUDA version, from `nvrtcVersion`.
    public let version: CUDAVersion

    typealias Program = OpaquePointer
    typealias CStrings = UnsafePointer<UnsafePointer<CChar>?>

    private let nvrtcGetErrorString: @convention(c) (Int32) -> UnsafePointer<CChar>?
    private let nvrtcGetNumSupportedArchs: @convention(c) (UnsafeMutablePointer<Int32>) -> Int32
    private let nvrtcGetSupportedArchs: @convention(c) (UnsafeMutablePointer<Int32>) -> Int32
    /// (program, source, name, header count, headers, include names)
    private let nvrtcCreateProgram: @convention(c) (UnsafeMutablePointer<Program?>, UnsafePointer<CChar>,
                                                    UnsafePointer<CChar>?, Int32, CStrings?, CStrings?) -> Int32
    private let nvrtcCompileProgram: @convention(c) (Program?, Int32, CStrings?) -> Int32
    private let nvrtcDestroyProgram: @convention(c) (UnsafeMutablePointer<Program?>) -> Int32
    private let nvrtcGetProgramLogSize: @convention(c) (Program?, UnsafeMutablePointer<Int>) -> Int32
    private let nvrtcGetProgramLog: @convention(c) (Program?, UnsafeMutablePointer<CChar>) -> Int32
    private let nvrtcGetPTXSize: @convention(c) (Program?, UnsafeMutablePointer<Int>) -> Int32
    private let nvrtcGetPTX: @convention(c) (Program?, UnsafeMutablePointer<CChar>) -> Int32
    private let nvrtcGetCUBINSize: @convention(c) (Program?, UnsafeMutablePointer<Int>) -> Int32
    private let nvrtcGetCUBIN: @convention(c) (Program?, UnsafeMutablePointer<CChar>) -> Int32

    /// Finds and loads `libnvrtc` (see `LibrarySearch.nvrtc`). `libnvrtc` opens
    /// `libnvrtc-builtins` by its bare name when it first compiles, which fails unless that
    /// folder is on the linker's path; so the file beside it is opened first, by full path
    /// and RTLD_GLOBAL, and the later lookup finds it already loaded.
    public init(search: LibrarySearch = .nvrtc()) throws(CUDAError) {
        let library = try search.open(requiring: "nvrtcCompileProgram")
        let nvrtcVersion: @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32
            = try library.required("nvrtcVersion")
        var major: Int32 = 0, minor: Int32 = 0
        _ = nvrtcVersion(&major, &minor)
        version = CUDAVersion(major: Int(major), minor: Int(minor))
        path = library.loadedFile(containing: "nvrtcVersion") ?? library.path
        builtins = Self.preloadBuiltins(besides: path, version: version)
        nvrtcGetErrorString = try library.required("nvrtcGetErrorString")
        nvrtcGetNumSupportedArchs = try library.required("nvrtcGetNumSupportedArchs")
        nvrtcGetSupportedArchs = try library.required("nvrtcGetSupportedArchs")
        nvrtcCreateProgram = try library.required("nvrtcCreateProgram")
        nvrtcCompileProgram = try library.required("nvrtcCompileProgram")
        nvrtcDestroyProgram = try library.required("nvrtcDestroyProgram")
        nvrtcGetProgramLogSize = try library.required("nvrtcGetProgramLogSize")
        nvrtcGetProgramLog = try library.required("nvrtcGetProgramLog")
        nvrtcGetPTXSize = try library.required("nvrtcGetPTXSize")
        nvrtcGetPTX = try library.required("nvrtcGetPTX")
        nvrtcGetCUBINSize = try library.required("nvrtcGetCUBINSize")
        nvrtcGetCUBIN = try library.required("nvrtcGetCUBIN")
    }

    /// Opens `libnvrtc-builtins.so.<major>.<minor>` (else any `libnvrtc-builtins.so*`)
    /// from the folder of `libnvrtc`; returns its path, or nil when there is none.
    private static func preloadBuiltins(besides nvrtc: String, version: CUDAVersion) -> String? {
        let folder = (nvrtc as NSString).deletingLastPathComponent
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("libnvrtc-builtins.so") }.sorted()
        let exact = "libnvrtc-builtins.so.\(version.major).\(version.minor)"
        guard let name = names.contains(exact) ? exact : names.last,
              (try? DynamicLibrary("\(folder)/\(name)", global: true)) != nil else { return nil }
        return "\(folder)/\(name)"
    }

    /// The `sm_XY` architectures this NVRTC generates code for, as numbers (`90`).
    public var supportedArchitectures: [Int] {
        var count: Int32 = 0
        guard nvrtcGetNumSupportedArchs(&count) == 0, count > 0 else { return [] }
        var architectures = [Int32](repeating: 0, count: Int(count))
        guard nvrtcGetSupportedArchs(&architectures) == 0 else { return [] }
        return architectures.map(Int.init)
    }

    /// Compiles `source` (named `name` in messages) for `target` and returns the PTX
    /// text's bytes or the CUBIN. Kernels are compiled with `--fmad=false`: no `a·b + c`
    /// is silently fused, so elementwise arithmetic rounds exactly as on the CPU; kernels
    /// that want an FMA (matmul) call `fmaf` themselves.
    public func compile(_ source: String, name: String, for target: CompileTarget) throws(CUDAError) -> [UInt8] {
        let options = ["--gpu-architecture=\(target.architectureName)", "--std=c++17", "--fmad=false"]
        var program: Program?
        try check(nvrtcCreateProgram(&program, source, name, 0, nil, nil), "nvrtcCreateProgram")
        defer { _ = nvrtcDestroyProgram(&program) }
        let arguments = options.map { UnsafePointer(strdup($0)) }
        defer { arguments.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        let result = nvrtcCompileProgram(program, Int32(arguments.count), arguments)
        guard result == 0 else {
            var log = programLog(program)
            if builtins == nil {
                log += "\n(no libnvrtc-builtins.so* was found beside \(path); NVRTC needs it to compile)"
            }
            throw CUDAError.compilation(options: options, log: "\(message(result))\n\(log)")
        }
        let (getSize, get) = target.isPTX ? (nvrtcGetPTXSize, nvrtcGetPTX) : (nvrtcGetCUBINSize, nvrtcGetCUBIN)
        var size = 0
        try check(getSize(program, &size), target.isPTX ? "nvrtcGetPTXSize" : "nvrtcGetCUBINSize")
        var output = [CChar](repeating: 0, count: size)
        try check(get(program, &output), target.isPTX ? "nvrtcGetPTX" : "nvrtcGetCUBIN")
        return output.map { UInt8(bitPattern: $0) }
    }

    /// The compiler's messages for `program` (warnings and errors).
    private func programLog(_ program: Program?) -> String {
        var size = 0
        guard nvrtcGetProgramLogSize(program, &size) == 0, size > 1 else { return "" }
        var log = [CChar](repeating: 0, count: size)
        guard nvrtcGetProgramLog(program, &log) == 0 else { return "" }
        return String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func message(_ result: Int32) -> String {
        nvrtcGetErrorString(result).map { String(cString: $0) } ?? "NVRTC error \(result)"
    }

    private func check(_ result: Int32, _ call: String) throws(CUDAError) {
        guard result != 0 else { return }
        throw CUDAError.nvrtc(call: call, message: message(result))
    }
}

/// What NVRTC generates.
public enum CompileTarget: Sendable, Equatable, CustomStringConvertible {
    /// PTX, CUDA's virtual instruction set, for `compute_XY`: portable, compiled to
    /// machine code by the driver when loaded, but only by a driver at least as new as NVRTC.
    case ptx(architecture: Int)
    /// Machine code for one GPU family, `sm_XY`: loads as is, also on an older driver of
    /// NVRTC's major version. What the backend uses.
    case cubin(architecture: Int)

    /// `compute_90` or `sm_90`, as `--gpu-architecture` takes it.
    public var architectureName: String {
        switch self {
        case .ptx(let architecture): "compute_\(architecture)"
        case .cubin(let architecture): "sm_\(architecture)"
        }
    }

    var isPTX: Bool {
        if case .ptx = self { return true }
        return false
    }

    public var description: String { "\(isPTX ? "PTX" : "CUBIN") for \(architectureName)" }
}
