/// Checking a loaded file against what the loader expects, before copying anything into a
/// model: a checkpoint of another architecture fails with every difference listed, not
/// with the first one or, worse, half-loaded weights.
extension SafeTensors {
    /// What a loader expects of one tensor: its shape and element type.
    public struct Layout: Equatable, Sendable, CustomStringConvertible {
        public var shape: [Int]
        public var dtype: HostArray.DType

        public init(shape: [Int], dtype: HostArray.DType = .f32) {
            self.shape = shape
            self.dtype = dtype
        }

        public var description: String { "\(dtype) \(shape)" }
    }

    /// Each tensor's shape and element type.
    public var layouts: [String: Layout] {
        tensors.mapValues { Layout(shape: $0.shape, dtype: $0.dtype) }
    }

    /// Throws a `.layoutMismatch` naming `file` unless the tensors are exactly `expected`:
    /// one line per missing tensor, unexpected tensor, wrong shape and wrong dtype.
    public func check(expected: [String: Layout], file: String) throws {
        let found = layouts
        var differences: [String] = []
        for name in Set(found.keys).union(expected.keys).sorted() {
            switch (found[name], expected[name]) {
            case (nil, let wanted?):
                differences.append("missing tensor '\(name)' (expected \(wanted))")
            case (let have?, nil):
                differences.append("unexpected tensor '\(name)' (\(have))")
            case (let have?, let wanted?):
                if have.shape != wanted.shape {
                    differences.append("tensor '\(name)' has shape \(have.shape), expected \(wanted.shape)")
                }
                if have.dtype != wanted.dtype {
                    differences.append("tensor '\(name)' has dtype \(have.dtype), expected \(wanted.dtype)")
                }
            case (nil, nil):
                continue
            }
        }
        guard differences.isEmpty else { throw SafeTensorsError(file: file, .layoutMismatch(differences)) }
    }
}
