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

/// Takes `--device NAME` out of a command line and returns that backend, for the
/// command to run under `Device.using(_:_:)` so that every tensor it creates lives
/// there (the CPU without the flag), with the other words. Shared by `lesson6` and
/// `lesson6-bench`, which accept it before or after the command.
public func selectDevice(_ words: [String]) throws -> (backend: any Backend, words: [String]) {
    guard let i = words.firstIndex(of: "--device") else { return (Device.cpu, words) }
    guard i + 1 < words.count else { throw DeviceOptionError(message: "option '--device' needs a value: cpu or cuda") }
    let chosen: any Backend
    do {
        chosen = try backend(named: words[i + 1])
    } catch {
        throw DeviceOptionError(message: "--device \(words[i + 1]): \(error)")
    }
    var rest = words
    rest.removeSubrange(i...i + 1)
    return (chosen, rest)
}

/// Why `--device` could not be honoured.
public struct DeviceOptionError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
