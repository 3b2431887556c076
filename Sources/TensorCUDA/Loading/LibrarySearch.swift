import Foundation

/// Where one CUDA library is looked for, in order:
///
/// 1. the file an environment variable names (`CUDA_DRIVER_LIBRARY`, `NVRTC_LIBRARY`,
///    `CUBLAS_LIBRARY`), which, when set, is the only place tried;
/// 2. the toolkit: `$CUDA_HOME`, `$CUDA_PATH`, `/usr/local/cuda` (`lib64`, `lib`);
/// 3. for NVRTC and cuBLAS, Python environments' NVIDIA wheels (`pip install
///    nvidia-cuda-nvrtc`, `nvidia-cublas`): `site-packages/nvidia/cu13/lib` (CUDA 13's
///    wheels share it) and the library's own CUDA 12 folder (`nvidia/cuda_nvrtc/lib`,
///    `nvidia/cublas/lib`) of `$VIRTUAL_ENV`, `$CONDA_PREFIX`, the `python3` on `PATH`
///    and, behind pyenv's shims, each pyenv version;
/// 4. `/usr/local/nvidia/lib64`, where containers mount the driver;
/// 5. the system linker (`LD_LIBRARY_PATH`, `/etc/ld.so.cache`), given the bare name.
///
/// Never the toolkit's stub `libcuda.so` (in a `stubs` folder): it only satisfies the
/// linker, and every call into it fails.
public struct LibrarySearch: Sendable {
    /// What the library is, for messages: `the CUDA driver`.
    public let library: String
    /// The environment variable naming the file directly.
    public let variable: String
    /// The file's value of `variable`, when set.
    public let override: String?
    /// Names tried in each directory (newest first), then given to the system linker.
    public let fileNames: [String]
    /// The directories searched, in order (steps 2–4 above).
    public let directories: [String]

    /// The search for the driver API library, `libcuda.so.1`, which comes with the
    /// NVIDIA driver (never with the toolkit or a wheel).
    public static func driver(environment: [String: String] = ProcessInfo.processInfo.environment) -> LibrarySearch {
        LibrarySearch(library: "the CUDA driver", variable: "CUDA_DRIVER_LIBRARY", environment: environment,
                      fileNames: ["libcuda.so.1"], wheelFolders: [])
    }

    /// The search for NVRTC, CUDA's run-time compiler, from the toolkit or a wheel.
    public static func nvrtc(environment: [String: String] = ProcessInfo.processInfo.environment) -> LibrarySearch {
        LibrarySearch(library: "NVRTC", variable: "NVRTC_LIBRARY", environment: environment,
                      fileNames: ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"],
                      wheelFolders: ["nvidia/cu13/lib", "nvidia/cuda_nvrtc/lib"])
    }

    /// The search for cuBLAS, NVIDIA's BLAS, from the toolkit or a wheel: the reference
    /// the GPU matmul benchmark measures our SGEMM against (see `CUBLAS`).
    public static func cublas(environment: [String: String] = ProcessInfo.processInfo.environment) -> LibrarySearch {
        LibrarySearch(library: "cuBLAS", variable: "CUBLAS_LIBRARY", environment: environment,
                      fileNames: ["libcublas.so.13", "libcublas.so.12", "libcublas.so"],
                      wheelFolders: ["nvidia/cu13/lib", "nvidia/cublas/lib"])
    }

    /// `wheelFolders`: where in a Python environment's `site-packages` the library's
    /// NVIDIA wheels put it (none for the driver, which never comes as a wheel). Of those
    /// folders, only the ones that exist are listed.
    init(library: String, variable: String, environment: [String: String], fileNames: [String],
         wheelFolders: [String]) {
        self.library = library
        self.variable = variable
        self.fileNames = fileNames
        override = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        let toolkits = [environment["CUDA_HOME"], environment["CUDA_PATH"], "/usr/local/cuda"].compactMap { $0 }
        let wheels = wheelFolders.isEmpty ? [] : Self.sitePackages(environment)
        let folders = toolkits.flatMap { ["\($0)/lib64", "\($0)/lib"] }
            + wheels.flatMap { sitePackages in wheelFolders.map { "\(sitePackages)/\($0)" } }
                .filter { FileManager.default.fileExists(atPath: $0) }
            + ["/usr/local/nvidia/lib64"]
        var seen = Set<String>()
        directories = folders.filter { !$0.contains("/stubs") && seen.insert($0).inserted }
    }

    /// The paths to try, in order: the override alone when set; else every file of
    /// `fileNames` that exists in `directories`, then the bare names.
    public var candidates: [String] {
        if let override { return [override] }
        let files = directories.flatMap { folder in fileNames.map { "\(folder)/\($0)" } }
        return files.filter { FileManager.default.fileExists(atPath: $0) } + fileNames
    }

    /// Opens the first candidate that loads, has `symbol`, and is not a stub.
    /// The error lists where the search looked and why each file found was refused.
    ///
    /// `dependency` names a library the candidate needs from its own folder, which the
    /// dynamic linker would not look in (`libcublasLt` for `libcublas`): the file of the
    /// same version beside a candidate (`libcublasLt.so.13` beside `libcublas.so.13`) is
    /// opened first, with RTLD_GLOBAL, so that the candidate's lookup finds it loaded.
    func open(requiring symbol: String, dependency: String? = nil) throws(CUDAError) -> DynamicLibrary {
        var refusals: [String] = []
        for path in candidates {
            if let dependency { Self.preload(dependency, besides: path) }
            let library: DynamicLibrary
            do {
                library = try DynamicLibrary(path)
            } catch {
                // A bare name the system linker doesn't know is the expected miss: the
                // message lists it with the folders; files that exist but fail are news.
                if path.contains("/") || !error.message.contains("cannot open shared object file") {
                    refusals.append("\(path): \(error.message)")
                }
                continue
            }
            guard library.contains(symbol) else {
                refusals.append("\(path): has no \(symbol)")
                continue
            }
            if let file = library.loadedFile(containing: symbol), file.contains("/stubs/") {
                refusals.append("\(file): the toolkit's link-time stub, not a driver")
                continue
            }
            return library
        }
        throw CUDAError.libraryNotFound(library: library, variable: variable, override: override,
                                        fileNames: fileNames, directories: directories, refusals: refusals)
    }

    /// Opens `dependency` of the version in `path`'s file name from `path`'s folder, when
    /// `path` is a file and the dependency is there; else does nothing.
    private static func preload(_ dependency: String, besides path: String) {
        let name = (path as NSString).lastPathComponent
        guard path.contains("/"), let suffix = name.range(of: ".so") else { return }
        let file = (path as NSString).deletingLastPathComponent + "/" + dependency + name[suffix.lowerBound...]
        if FileManager.default.fileExists(atPath: file) { _ = try? DynamicLibrary(file, global: true) }
    }

    /// `site-packages` (and Debian's `dist-packages`) folders of the Python
    /// environments this process can see, found by listing folders (no Python is run).
    static func sitePackages(_ environment: [String: String]) -> [String] {
        let files = FileManager.default
        var prefixes = [environment["VIRTUAL_ENV"], environment["CONDA_PREFIX"]].compactMap { $0 }
        for folder in (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where files.isExecutableFile(atPath: "\(folder)/python3") {
            let parent = (folder as NSString).deletingLastPathComponent
            let prefix = parent == "/" ? "" : parent
            if folder.hasSuffix("/shims") {
                // pyenv: `python3` is a script choosing one of `<root>/versions/*`.
                let versions = "\(prefix)/versions"
                let names = (try? files.contentsOfDirectory(atPath: versions)) ?? []
                prefixes += names.sorted().map { "\(versions)/\($0)" }
            } else {
                prefixes.append(prefix)
                if prefix == "/usr" { prefixes.append("/usr/local") }
            }
        }
        return prefixes.flatMap { prefix -> [String] in
            let lib = "\(prefix)/lib"
            let pythons = ((try? files.contentsOfDirectory(atPath: lib)) ?? []).filter { $0.hasPrefix("python3") }
            return pythons.sorted().flatMap { ["\(lib)/\($0)/site-packages", "\(lib)/\($0)/dist-packages"] }
                .filter { files.fileExists(atPath: $0) }
        }
    }
}
