import Synchronization

/// Where new tensors are created: `Device.current`, the CPU unless a command's
/// `--device` flag chose another backend. Operations run on their inputs' backend.
public enum Device {
    /// The CPU backend every build has.
    public static let cpu: any Backend = CPUBackend.shared

    private static let selected = Mutex<any Backend>(CPUBackend.shared)

    /// The backend that creation functions (`Tensor.zeros`, `Tensor(_:shape:)`, …)
    /// use when not given one.
    public static var current: any Backend {
        get { selected.withLock { $0 } }
        set { selected.withLock { $0 = newValue } }
    }
}
