/// Why the CUDA backend cannot start or an operation failed, said so that the reader
/// knows what to install, set or fix.
public enum CUDAError: Error, CustomStringConvertible, Equatable {
    /// No loadable file for `library`: where the search looked, and why files it found were refused.
    case libraryNotFound(library: String, variable: String, override: String?, fileNames: [String],
                         directories: [String], refusals: [String])
    /// The library loaded but lacks a function this module calls (too old a version).
    case missingFunction(name: String, library: String)
    /// A driver API call returned an error: its `cuGetErrorName` and `cuGetErrorString`.
    case driver(call: String, code: Int32, name: String, message: String)
    /// The driver loaded but sees no GPU.
    case noDevice(driver: String)
    /// The driver supports an older CUDA than the NVRTC that compiles the kernels.
    case driverTooOld(driver: CUDAVersion, nvrtc: CUDAVersion)
    /// NVRTC cannot generate code for the GPU's architecture.
    case unsupportedArchitecture(device: String, architecture: Int, nvrtc: CUDAVersion, supported: [Int])
    /// An NVRTC call other than compilation failed.
    case nvrtc(call: String, message: String)
    /// The kernel source did not compile: NVRTC's log, with the options given.
    case compilation(options: [String], log: String)
    /// A `--device` name that is neither `cpu` nor `cuda`.
    case unknownDevice(String)
    /// A cuBLAS call returned a status other than `CUBLAS_STATUS_SUCCESS` (0): its
    /// `cublasGetStatusName` and `cublasGetStatusString`.
    case cublas(call: String, status: Int32, name: String, message: String)

    public var description: String {
        switch self {
        case let .libraryNotFound(library, variable, override, fileNames, directories, refusals):
            var lines: [String]
            if let override {
                lines = ["\(library) was not found: \(variable)=\(override) could not be loaded."]
            } else {
                lines = ["\(library) was not found: looked for \(fileNames.joined(separator: ", ")) in"]
                lines += directories.map { "  \($0)" }
                lines.append("  then the system linker's path (LD_LIBRARY_PATH, /etc/ld.so.cache).")
                lines.append("Set \(variable) to the library's path if it is elsewhere.")
            }
            if !refusals.isEmpty { lines += ["Refused:"] + refusals.map { "  \($0)" } }
            return lines.joined(separator: "\n")
        case let .missingFunction(name, library):
            return "\(library) has no function \(name): the library is too old for this module"
        case let .driver(call, code, name, message):
            return "\(call) failed: \(name) (\(code)): \(message)"
        case let .noDevice(driver):
            return "the CUDA driver (\(driver)) sees no GPU (check nvidia-smi and CUDA_VISIBLE_DEVICES)"
        case let .driverTooOld(driver, nvrtc):
            return "the CUDA driver supports CUDA \(driver) but NVRTC is \(nvrtc): code it compiles needs a "
                + "driver for CUDA \(nvrtc.major).0 or newer. Update the driver, or set NVRTC_LIBRARY to an "
                + "NVRTC \(driver.major).x (e.g. pip install 'nvidia-cuda-nvrtc-cu\(driver.major)')"
        case let .unsupportedArchitecture(device, architecture, nvrtc, supported):
            return "NVRTC \(nvrtc) cannot compile for \(device) (sm_\(architecture)); it supports "
                + supported.map { "sm_\($0)" }.joined(separator: ", ")
        case let .nvrtc(call, message):
            return "\(call) failed: \(message)"
        case let .compilation(options, log):
            return "the CUDA kernels did not compile (nvrtc \(options.joined(separator: " "))):\n\(log)"
        case let .unknownDevice(name):
            return "unknown device '\(name)': expected cpu or cuda"
        case let .cublas(call, status, name, message):
            return "\(call) failed: \(name) (\(status)): \(message)"
        }
    }
}

/// A CUDA version as the driver and NVRTC report it: 12.8 is `12080` from
/// `cuDriverGetVersion`, `(12, 8)` from `nvrtcVersion`.
public struct CUDAVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// From the driver's encoding, `1000·major + 10·minor`.
    public init(encoded: Int32) {
        self.init(major: Int(encoded) / 1000, minor: Int(encoded) % 1000 / 10)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (a: CUDAVersion, b: CUDAVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
}
