import Foundation
import TensorCUDA

/// NVRTC for the compile tests: found by the library search (`NVRTC_LIBRARY`,
/// `VIRTUAL_ENV`, the `python3` on `PATH`, …), else in the `purelib` folder that
/// `python3` reports (where `pip install nvidia-cuda-nvrtc` puts it); nil when absent.
enum TestNVRTC {
    static let found: Result<NVRTC, CUDAError> = Result { () throws(CUDAError) in
        do throws(CUDAError) {
            return try NVRTC()
        } catch {
            guard let path = pipInstalledNVRTC() else { throw error }
            return try NVRTC(search: .nvrtc(environment: ["NVRTC_LIBRARY": path]))
        }
    }

    static var library: NVRTC? { try? found.get() }

    /// `site-packages/nvidia/{cu13,cuda_nvrtc}/lib/libnvrtc.so.*` of the system python3.
    private static func pipInstalledNVRTC() -> String? {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        let output = Pipe()
        python.standardOutput = output
        python.standardError = FileHandle.nullDevice
        guard (try? python.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        guard python.terminationStatus == 0 else { return nil }
        let purelib = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let candidates = ["nvidia/cu13/lib/libnvrtc.so.13", "nvidia/cuda_nvrtc/lib/libnvrtc.so.12"]
        return candidates.map { "\(purelib)/\($0)" }.first { FileManager.default.fileExists(atPath: $0) }
    }
}
