import Random

/// Making tensors: from numbers, constants, ranges and seeded random draws.
///
/// Every creation function takes the backend to create on, `Device.current` unless
/// said otherwise. Random tensors are drawn on the host from an `MT19937`, in
/// row-major order, exactly as NumPy's legacy `np.random` draws them, then uploaded.
extension Tensor {
    /// A tensor holding `scalars` in row-major order; `shape` defaults to `[scalars.count]`.
    public convenience init(_ scalars: [Float], shape: [Int]? = nil, requiresGrad: Bool = false,
                            on backend: any Backend = Device.current) {
        let shape = shape ?? [scalars.count]
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            fatalError("Tensor: \(scalars.count) scalars for shape \(shape)")
        }
        self.init(storage: backend.upload(scalars), layout: Layout(contiguous: shape), requiresGrad: requiresGrad)
    }

    /// A matrix from its rows: `Tensor([[1, 2], [3, 4]])`.
    public convenience init(_ rows: [[Float]], requiresGrad: Bool = false, on backend: any Backend = Device.current) {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else {
            fatalError("Tensor: rows of different lengths \(rows.map(\.count))")
        }
        self.init(rows.flatMap { $0 }, shape: [rows.count, columns], requiresGrad: requiresGrad, on: backend)
    }

    /// A tensor of shape `[]` holding one number.
    public convenience init(_ scalar: Float, requiresGrad: Bool = false, on backend: any Backend = Device.current) {
        self.init([scalar], shape: [], requiresGrad: requiresGrad, on: backend)
    }

    /// Every element `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false,
                            on backend: any Backend = Device.current) -> Tensor {
        guard shape.allSatisfy({ $0 >= 0 }) else { fatalError("full: negative size in shape \(shape)") }
        let storage = backend.allocate(shape.reduce(1, *))
        backend.fill(storage, with: value)
        return Tensor(storage: storage, layout: Layout(contiguous: shape), requiresGrad: requiresGrad)
    }

    public static func zeros(_ shape: [Int], requiresGrad: Bool = false,
                             on backend: any Backend = Device.current) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad, on: backend)
    }

    public static func ones(_ shape: [Int], requiresGrad: Bool = false,
                            on backend: any Backend = Device.current) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad, on: backend)
    }

    /// `0, 1, …, end − 1` (`torch.arange(end)`).
    public static func arange(_ end: Float, on backend: any Backend = Device.current) -> Tensor {
        arange(0, end, on: backend)
    }

    /// `start, start + step, …` below `end` (`torch.arange`).
    public static func arange(_ start: Float, _ end: Float, step: Float = 1,
                              on backend: any Backend = Device.current) -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            fatalError("arange: start \(start), end \(end), step \(step) is not a finite range")
        }
        let count = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<count).map { start + Float($0) * step }, on: backend)
    }

    /// Uniform in [low, high), as `np.random.uniform(low, high, shape)`.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, requiresGrad: Bool = false,
                               generator: inout MT19937, on backend: any Backend = Device.current) -> Tensor {
        let values = (0..<shape.reduce(1, *)).map { _ in Float(generator.uniform(Double(low), Double(high))) }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad, on: backend)
    }

    /// Normal with `mean` and standard deviation `std`, as `np.random.normal(mean, std, shape)`.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, requiresGrad: Bool = false,
                              generator: inout MT19937, on backend: any Backend = Device.current) -> Tensor {
        let values = (0..<shape.reduce(1, *)).map { _ in
            Float(Double(mean) + Double(std) * generator.standardNormal())
        }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad, on: backend)
    }

    /// `uniform` from a fresh generator seeded with `seed`.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, requiresGrad: Bool = false,
                               seed: UInt32, on backend: any Backend = Device.current) -> Tensor {
        var generator = MT19937(seed: seed)
        return uniform(shape, low: low, high: high, requiresGrad: requiresGrad, generator: &generator, on: backend)
    }

    /// `normal` from a fresh generator seeded with `seed`.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, requiresGrad: Bool = false,
                              seed: UInt32, on backend: any Backend = Device.current) -> Tensor {
        var generator = MT19937(seed: seed)
        return normal(shape, mean: mean, std: std, requiresGrad: requiresGrad, generator: &generator, on: backend)
    }

    /// `value` (1 unless given) with probability `probability`, else 0, each element by
    /// one `nextDouble()` compared with the probability: a dropout mask is
    /// `bernoulli(shape, probability: 1 - p, value: 1 / (1 - p))`.
    public static func bernoulli(_ shape: [Int], probability: Float, value: Float = 1, generator: inout MT19937,
                                 on backend: any Backend = Device.current) -> Tensor {
        let count = shape.reduce(1, *)
        // nextDouble() is (a·2²⁶ + b)/2⁵³ from two words' top 27 and 26 bits; comparing
        // a·2²⁶ + b with probability·2⁵³ instead is exact, and draws the words in runs of a
        // generator state's worth (624), through a buffer on the stack.
        let threshold = Double(probability) * 9_007_199_254_740_992
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 624) { words in
                for first in stride(from: 0, to: count, by: words.count / 2) {
                    let run = min(words.count / 2, count - first)
                    generator.fill(UnsafeMutableBufferPointer(rebasing: words[..<(2 * run)]))
                    for i in 0..<run {
                        let bits = UInt64(words[2 * i] >> 5) << 26 | UInt64(words[2 * i + 1] >> 6)
                        buffer[first + i] = Double(bits) < threshold ? value : 0
                    }
                }
            }
            initialized = count
        }
        return Tensor(values, shape: shape, on: backend)
    }

    /// Zeros of this tensor's shape, on its backend.
    public func zerosLike() -> Tensor { Tensor.zeros(shape, on: backend) }

    /// This tensor on `backend`: itself if it is there already, else a copy without history.
    public func to(_ backend: any Backend) -> Tensor {
        backend === self.backend ? self : Tensor(scalars, shape: shape, on: backend)
    }
}
