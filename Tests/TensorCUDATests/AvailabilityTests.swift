import Foundation
import Tensor
import Testing
@testable import TensorCUDA

/// What runs on every machine: finding the libraries, and explaining why CUDA is unavailable.
struct AvailabilityTests {
    /// On a GPU machine the backend starts; elsewhere its error says what is missing and
    /// where the search looked.
    @Test func makeStartsOrExplains() {
        do {
            let backend = try CUDABackend.make()
            print("CUDA backend: \(backend.deviceDescription)")
            #expect(!backend.deviceDescription.isEmpty)
        } catch {
            print("CUDA unavailable here (as expected without a GPU):\n\(error)")
            #expect(!error.description.isEmpty, "an unexplained failure: \(error)")
            if case .libraryNotFound = error {
                #expect(error.description.contains("libcuda.so.1"))
                #expect(error.description.contains("/usr/local/nvidia/lib64"))
                #expect(error.description.contains("CUDA_DRIVER_LIBRARY"))
            }
        }
    }

    @Test func overrideIsTheOnlyPlaceTried() {
        let search = LibrarySearch.driver(environment: ["CUDA_DRIVER_LIBRARY": "/nowhere/libcuda.so.1",
                                                        "CUDA_HOME": "/opt/cuda"])
        #expect(search.candidates == ["/nowhere/libcuda.so.1"])
        #expect(throws: CUDAError.self) { try search.open(requiring: "cuInit") }
        do {
            _ = try search.open(requiring: "cuInit")
        } catch {
            #expect(error.description.contains("CUDA_DRIVER_LIBRARY=/nowhere/libcuda.so.1 could not be loaded"))
            #expect(error.description.contains("/nowhere/libcuda.so.1: "), "dlopen's reason is given")
        }
    }

    @Test func searchOrderAndNoStubs() {
        let search = LibrarySearch.driver(environment: ["CUDA_HOME": "/opt/cuda", "CUDA_PATH": "/opt/cuda/lib64/stubs",
                                                        "PATH": ""])
        #expect(search.directories.prefix(2) == ["/opt/cuda/lib64", "/opt/cuda/lib"])
        #expect(search.directories.last == "/usr/local/nvidia/lib64")
        #expect(!search.directories.contains { $0.contains("/stubs") })
        #expect(search.candidates.last == "libcuda.so.1", "the system linker comes last")
    }

    /// A wheel's NVRTC in `$VIRTUAL_ENV` is found before the system linker's.
    @Test func findsNVRTCInVirtualEnvironment() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("venv-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = "\(root)/lib/python3.12/site-packages/nvidia/cu13/lib"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("not ELF".utf8).write(to: URL(fileURLWithPath: "\(folder)/libnvrtc.so.13"))
        let search = LibrarySearch.nvrtc(environment: ["VIRTUAL_ENV": root, "PATH": ""])
        #expect(search.candidates.first == "\(folder)/libnvrtc.so.13")
        // The fake file is refused with the dynamic linker's reason, and the error says so.
        let override = LibrarySearch.nvrtc(environment: ["NVRTC_LIBRARY": "\(folder)/libnvrtc.so.13"])
        do {
            _ = try NVRTC(search: override)
            Issue.record("a text file loaded as NVRTC")
        } catch {
            #expect(error.description.contains("\(folder)/libnvrtc.so.13: "))
        }
    }

    @Test func backendNamed() throws {
        #expect(try backend(named: "cpu") === Device.cpu)
        #expect(throws: CUDAError.unknownDevice("tpu")) { try backend(named: "tpu") }
        #expect(CUDAError.unknownDevice("tpu").description == "unknown device 'tpu': expected cpu or cuda")
    }

    @Test func driverVersionDecoding() {
        #expect(CUDAVersion(encoded: 12080) == CUDAVersion(major: 12, minor: 8))
        #expect(CUDAVersion(encoded: 13000).description == "13.0")
        #expect(CUDAVersion(major: 12, minor: 9) < CUDAVersion(major: 13, minor: 0))
    }

    @Test func driverTooOldSaysWhatToDo() {
        let error = CUDAError.driverTooOld(driver: CUDAVersion(major: 12, minor: 4),
                                           nvrtc: CUDAVersion(major: 13, minor: 2))
        #expect(error.description.contains("supports CUDA 12.4 but NVRTC is 13.2"))
        #expect(error.description.contains("NVRTC_LIBRARY"))
    }
}
