/// Where new tensors are created: `Device.current`, the CPU unless a command's
/// `--device` flag chose another backend. Operations run on their inputs' backend,
/// and models make what they need (an RNN's zero state) on their inputs' backend, so
/// only creation from host values reads this.
public enum Device {
    /// The CPU backend every build has.
    public static let cpu: any Backend = CPUBackend.shared

    /// The backend that creation functions (`Tensor.zeros`, `Tensor(_:shape:)`, …)
    /// use when not given one: the CPU, or what `using(_:_:)` set for the code it runs.
    /// Task-local, so that tests running side by side can each use their own.
    @TaskLocal public static var current: any Backend = CPUBackend.shared

    /// Runs `body` with `backend` as `Device.current` (PyTorch's `with torch.device(…):`).
    public static func using<Result>(_ backend: any Backend, _ body: () throws -> Result) rethrows -> Result {
        try $current.withValue(backend, operation: body)
    }
}
