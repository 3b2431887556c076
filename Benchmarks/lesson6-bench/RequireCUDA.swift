import TensorCUDA

/// The CUDA backend, for a benchmark that needs a GPU; where there is none, an error
/// that starts `CUDA unavailable:` and says why (library not found, with every place
/// looked in; no GPU; a driver older than NVRTC; …), which `lesson6-bench` prints
/// before exiting with status 1.
func requireCUDA() throws -> CUDABackend {
    do {
        return try CUDABackend.make()
    } catch {
        throw BenchmarkError("CUDA unavailable: \(error)")
    }
}
