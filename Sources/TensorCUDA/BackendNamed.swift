import Tensor

/// The backend a `--device` flag names: `cpu`, or `cuda` (which throws, saying why,
/// where CUDA cannot run).
public func backend(named name: String) throws(CUDAError) -> any Backend {
    switch name {
    case "cpu": Device.cpu
    case "cuda": try CUDABackend.make()
    default: throw CUDAError.unknownDevice(name)
    }
}
