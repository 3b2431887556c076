import Glibc

/// A shared library opened at run time with `dlopen`, its functions looked up by name
/// with `dlsym`: how this module reaches the CUDA driver and NVRTC without their
/// headers or libraries at build time (PyTorch's and CuPy's lazy loading, in small).
struct DynamicLibrary: @unchecked Sendable {
    /// What `dlopen` was given: a full path, or a bare name for the system linker.
    let path: String
    /// The `dlopen` handle; libraries stay loaded for the life of the process.
    private let handle: UnsafeMutableRawPointer

    /// Opens `path`. `global` (RTLD_GLOBAL) lets libraries opened later resolve their
    /// dependencies against it, which is how `libnvrtc` finds `libnvrtc-builtins`.
    /// Throws `dlerror()`'s message.
    init(_ path: String, global: Bool = false) throws(OpenFailure) {
        guard let handle = dlopen(path, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL)) else {
            throw OpenFailure(message: Self.lastError() ?? "dlopen failed")
        }
        self.path = path
        self.handle = handle
    }

    /// Why `dlopen` failed, as the dynamic linker says it.
    struct OpenFailure: Error {
        let message: String
    }

    /// The function `name` as a typed C function value, or nil when the library lacks it.
    /// `T` must be the `@convention(c)` type matching the C declaration exactly.
    func function<T>(_ name: String, as type: T.Type) -> T? {
        guard let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// The function `name`, as `function(_:as:)` finds it, or an error naming the
    /// function and the library (one too old to have it).
    func required<T>(_ name: String, as type: T.Type = T.self) throws(CUDAError) -> T {
        guard let function = function(name, as: type) else {
            throw CUDAError.missingFunction(name: name, library: path)
        }
        return function
    }

    /// Whether the library defines `symbol`.
    func contains(_ symbol: String) -> Bool {
        dlsym(handle, symbol) != nil
    }

    /// The file the library was loaded from (it differs from `path` when the system
    /// linker resolved a bare name), found with `dladdr` on one of its symbols.
    func loadedFile(containing symbol: String) -> String? {
        guard let address = dlsym(handle, symbol), let dladdr = Self.dladdr else { return nil }
        // Dl_info: the file name, its base address, the symbol's name and address.
        var info: (UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafePointer<CChar>?, UnsafeRawPointer?)
            = (nil, nil, nil, nil)
        guard withUnsafeMutableBytes(of: &info, { dladdr(address, $0.baseAddress!) }) != 0,
              let name = info.0 else { return nil }
        return String(cString: name)
    }

    /// `dladdr`, a GNU extension that Swift's Glibc module leaves out, from the C library.
    private static let dladdr = dlsym(nil, "dladdr").map {
        unsafeBitCast($0, to: (@convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer) -> Int32).self)
    }

    private static func lastError() -> String? {
        dlerror().map { String(cString: $0) }
    }
}
