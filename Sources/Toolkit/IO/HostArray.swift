/// A tensor's shape and elements as plain host arrays: what a checkpoint stores.
///
/// The checkpoint layer turns model parameters and optimizer state into these before
/// writing and back after reading, so the file format knows nothing of the tensor engine.
/// Elements are row-major (C order), as in PyTorch and NumPy.
public struct HostArray: Sendable {
    /// The element type, named as safetensors names it in the file header.
    public enum DType: String, CaseIterable, Sendable, CustomStringConvertible {
        case f32 = "F32", f64 = "F64", i32 = "I32", i64 = "I64"

        /// Bytes per element.
        public var byteCount: Int {
            switch self {
            case .f32, .i32: 4
            case .f64, .i64: 8
            }
        }

        public var description: String { rawValue }
    }

    /// The elements, in one of the element types a checkpoint holds.
    public enum Elements: Sendable {
        case f32([Float]), f64([Double]), i32([Int32]), i64([Int64])
    }

    public let shape: [Int]
    public let elements: Elements

    /// `values` laid out as `shape`; `shape: []` is a scalar holding one value.
    public init(shape: [Int], _ values: [Float]) { self.init(shape, .f32(values), values.count) }
    public init(shape: [Int], _ values: [Double]) { self.init(shape, .f64(values), values.count) }
    public init(shape: [Int], _ values: [Int32]) { self.init(shape, .i32(values), values.count) }
    public init(shape: [Int], _ values: [Int64]) { self.init(shape, .i64(values), values.count) }

    private init(_ shape: [Int], _ elements: Elements, _ count: Int) {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == count else {
            fatalError("HostArray: \(count) values do not fill shape \(shape)")
        }
        self.shape = shape
        self.elements = elements
    }

    public var dtype: DType {
        switch elements {
        case .f32: .f32
        case .f64: .f64
        case .i32: .i32
        case .i64: .i64
        }
    }

    /// Number of elements: the product of `shape` (1 for a scalar).
    public var count: Int { shape.reduce(1, *) }

    /// The elements when they are `F32` (parameters, optimizer state), else nil.
    public var floats: [Float]? {
        if case .f32(let values) = elements { values } else { nil }
    }

    /// The elements when they are integers (`I32` or `I64`: indices, counters), else nil.
    public var integers: [Int]? {
        switch elements {
        case .i32(let values): values.map(Int.init)
        case .i64(let values): values.map(Int.init)
        case .f32, .f64: nil
        }
    }
}
