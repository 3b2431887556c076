/// A block of `count` floats that belongs to a backend: host memory for `CPUBackend`,
/// device memory for a GPU backend.
///
/// Only the backend that made a storage reads or writes it; everything above the
/// `Backend` protocol (tensors, autograd, layers) passes storages around unopened.
/// Backends subclass it to hold their pointer and free it in `deinit`.
open class Storage {
    /// The number of floats the block holds.
    public let count: Int
    /// The backend that made the block and runs every operation on it.
    public let backend: any Backend

    public init(count: Int, backend: any Backend) {
        self.count = count
        self.backend = backend
    }
}
