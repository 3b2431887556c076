import Tensor
import Testing
@testable import TensorCUDA

/// Every primitive of the CUDA backend, and a training step, against the CPU backend
/// (tolerances in `BackendChecks`). Needs a GPU: skipped elsewhere, where
/// `AvailabilityTests` prints why CUDA cannot start.
@Suite(.enabled(if: (try? CUDABackend.make()) != nil, "no usable CUDA GPU here"))
struct CUDABackendTests {
    @Test(arguments: BackendChecks.all)
    func matchesCPU(check: BackendCheck) throws {
        let backend = try CUDABackend.make()
        for result in check(backend) {
            #expect(result.passed, "\(result)")
        }
    }
}

/// The checks themselves, run here without a GPU: the CPU backend against itself must
/// pass every comparison exactly, so that a failure on a GPU is the GPU's.
struct BackendChecksTests {
    @Test(arguments: BackendChecks.all)
    func cpuMatchesItself(check: BackendCheck) {
        let results = check(Device.cpu)
        #expect(!results.isEmpty)
        for result in results {
            #expect(result.passed && result.maxError == 0, "\(result)")
        }
    }

    @Test func failuresAreReported() {
        let result = CheckResult("demo", "3 values", gpu: [1, 2, .nan], cpu: [1, 2.5, 3], relative: 1e-5)
        #expect(!result.passed)
        #expect(result.firstFailure == "[1]: GPU 2.0, CPU 2.5, allowed ±2.5e-05")
        #expect(result.maxError == .infinity, "a NaN against a number is an infinite error")
    }

    /// A relative allowance scaled by an infinite CPU value is infinite, and |Δ| ≤ ∞
    /// holds for any number: an infinity must match only the same infinity.
    @Test func anInfinityMatchesOnlyItself() {
        let infinity = Float.infinity
        #expect(CheckResult("demo", "", gpu: [infinity, -infinity], cpu: [infinity, -infinity], relative: 1e-5).passed)
        for gpu: Float in [5, -infinity, .nan] {
            let result = CheckResult("demo", "", gpu: [gpu], cpu: [infinity], relative: 1e-5)
            #expect(!result.passed, "GPU \(gpu) against CPU +inf")
        }
        #expect(!CheckResult("demo", "", gpu: [infinity], cpu: [5], relative: 1e-5).passed)
    }
}
