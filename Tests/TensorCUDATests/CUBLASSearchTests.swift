import Foundation
import Testing
@testable import TensorCUDA

/// Finding cuBLAS, and saying where it was looked for when it is not there: what
/// `lesson6-bench gpu-matmul` prints before timing our SGEMM alone.
struct CUBLASSearchTests {
    /// The search where no CUDA is installed: a CUDA_HOME that does not exist, no PATH.
    static let absentSearch = LibrarySearch.cublas(environment: ["CUDA_HOME": "/opt/cuda", "PATH": ""])

    @Test func searchOrder() {
        let search = LibrarySearch.cublas(environment: ["CUDA_HOME": "/opt/cuda", "PATH": ""])
        #expect(search.variable == "CUBLAS_LIBRARY")
        #expect(search.fileNames.prefix(2) == ["libcublas.so.13", "libcublas.so.12"])
        #expect(search.directories.prefix(2) == ["/opt/cuda/lib64", "/opt/cuda/lib"])
        #expect(search.directories.contains("/usr/local/cuda/lib64"))
        #expect(search.directories.last == "/usr/local/nvidia/lib64")
        #expect(search.candidates.suffix(3) == ["libcublas.so.13", "libcublas.so.12", "libcublas.so"],
                "the system linker comes last")
    }

    /// CUDA 13's wheel folder (`nvidia/cu13/lib`) comes before CUDA 12's (`nvidia/cublas/lib`).
    @Test func findsWheelsInVirtualEnvironment() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("venv-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sitePackages = "\(root)/lib/python3.12/site-packages"
        for (folder, file) in [("nvidia/cu13/lib", "libcublas.so.13"), ("nvidia/cublas/lib", "libcublas.so.12")] {
            try FileManager.default.createDirectory(atPath: "\(sitePackages)/\(folder)",
                                                    withIntermediateDirectories: true)
            try Data("not ELF".utf8).write(to: URL(fileURLWithPath: "\(sitePackages)/\(folder)/\(file)"))
        }
        let search = LibrarySearch.cublas(environment: ["VIRTUAL_ENV": root, "PATH": ""])
        #expect(search.candidates.prefix(2) == ["\(sitePackages)/nvidia/cu13/lib/libcublas.so.13",
                                                "\(sitePackages)/nvidia/cublas/lib/libcublas.so.12"])
        // Both fakes are refused with the dynamic linker's reason, and the error lists them.
        do {
            let library = try CUBLASLibrary(search: search)
            Issue.record("a text file loaded as cuBLAS: \(library.path)")
        } catch {
            #expect(error.description.contains("\(sitePackages)/nvidia/cu13/lib/libcublas.so.13: "))
            #expect(error.description.contains("\(sitePackages)/nvidia/cublas/lib/libcublas.so.12: "))
        }
    }

    /// Where no cuBLAS is installed, the error names the files, every folder and the
    /// variable to set.
    @Test(.disabled(if: (try? CUBLASLibrary(search: CUBLASSearchTests.absentSearch)) != nil,
                    "cuBLAS is installed on this machine"))
    func absentCUBLASSaysWhereItLooked() {
        do {
            let library = try CUBLASLibrary(search: Self.absentSearch)
            Issue.record("cuBLAS found at \(library.path) after all")
        } catch {
            guard case .libraryNotFound = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            let message = error.description
            #expect(message.hasPrefix("cuBLAS was not found: looked for libcublas.so.13, libcublas.so.12"))
            for line in ["  /opt/cuda/lib64", "  /usr/local/nvidia/lib64", "Set CUBLAS_LIBRARY"] {
                #expect(message.contains(line), "\(line) in:\n\(message)")
            }
        }
    }

    @Test func overrideIsTheOnlyPlaceTried() {
        let search = LibrarySearch.cublas(environment: ["CUBLAS_LIBRARY": "/nowhere/libcublas.so.13"])
        #expect(search.candidates == ["/nowhere/libcublas.so.13"])
        #expect(throws: CUDAError.self) { try CUBLASLibrary(search: search) }
    }

    @Test func statusMessage() {
        let error = CUDAError.cublas(call: "cublasCreate_v2", status: 1, name: "CUBLAS_STATUS_NOT_INITIALIZED",
                                     message: "the library was not initialized")
        #expect(error.description
                == "cublasCreate_v2 failed: CUBLAS_STATUS_NOT_INITIALIZED (1): the library was not initialized")
    }
}
