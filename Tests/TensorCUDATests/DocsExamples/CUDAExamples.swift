import Tensor
import TensorCUDA
import Testing

/// The example at the top of `Docs/CUDA.md`, verbatim (`DocsCodeTests` checks that it
/// is): on a machine with a GPU it runs to the end and returns the backend that
/// `--device cuda` selects; elsewhere it prints why there is none and throws that reason.
func cudaExample() throws -> any Backend {
    do {
        let gpu = try CUDABackend.make()        // once per process: load, pick GPU 0, compile
        print(gpu.deviceDescription)            // NVIDIA H200 (sm_90, 132 SMs), driver CUDA 13.0, NVRTC 13.0
        let x = Tensor.uniform([64, 50], seed: 1, on: gpu)
        print(x.matmul(x.transposed()).shape)   // [64, 64], on the GPU
    } catch {
        print(error)                            // the CUDA driver was not found: looked for libcuda.so.1 in …
    }
    let device = try backend(named: "cuda")     // what a `--device cpu|cuda` flag calls
    return device
}

@Suite struct CUDAExamples {
    @Test func theBackendStartsOrSaysWhy() throws {
        switch Result(catching: { () throws(CUDAError) in try CUDABackend.make() }) {
        case .success(let gpu):
            #expect(try cudaExample() === gpu)
        case .failure(let reason):
            let thrown = #expect(throws: CUDAError.self) { try cudaExample() }
            #expect(thrown == reason, "\(reason)")
        }
    }
}
