import Foundation

/// The Mersenne Twister MT19937, bit-compatible with NumPy's legacy `np.random`
/// (`np.random.seed(s)`, `random_sample`, `permutation`, `randn`).
///
/// Every random draw in the project goes through one of these, so that the same
/// seed gives the same result, and seed 42 picks exactly the rows the lecture's
/// `get_cv_idxs` picked (`np.random.seed(42); np.random.permutation(n)`).
public struct MT19937: RandomNumberGenerator, Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624
    /// NumPy's legacy normal generator makes normals in pairs and keeps the second.
    private var cachedGaussian: Double?

    /// Seeds as `np.random.seed(seed)` does for a seed below 2³² (Knuth's `init_genrand`).
    public init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32 random bits.
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { twist() }
        let y = Self.temper(state[index])
        index += 1
        return y
    }

    /// The next `words.count` words, exactly as that many `nextUInt32()` calls give them,
    /// a state's worth at a time: a loop the optimiser vectorises, for the hundreds of
    /// thousands of words a batch's dropout masks draw (two an element).
    public mutating func fill(_ words: UnsafeMutableBufferPointer<UInt32>) {
        var filled = 0
        while filled < words.count {
            if index >= 624 { twist() }
            let (start, count) = (index, min(624 - index, words.count - filled))
            state.withUnsafeBufferPointer { state in
                let from = UnsafeRawPointer(state.baseAddress! + start)
                let to = UnsafeMutableRawPointer(words.baseAddress! + filled)
                var i = 0
                while i + 8 <= count {
                    let word = from.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<UInt32>.self)
                    to.storeBytes(of: Self.temper(word), toByteOffset: 4 * i, as: SIMD8<UInt32>.self)
                    i += 8
                }
                while i < count {
                    words[filled + i] = Self.temper(state[start + i])
                    i += 1
                }
            }
            index += count
            filled += count
        }
    }

    /// MT19937's tempering of a state word into an output.
    @inline(__always)
    private static func temper(_ word: UInt32) -> UInt32 {
        var y = word
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// The tempering of eight words at once.
    @inline(__always)
    private static func temper(_ word: SIMD8<UInt32>) -> SIMD8<UInt32> {
        var y = word
        y ^= y &>> 11
        y ^= (y &<< 7) & 0x9D2C_5680
        y ^= (y &<< 15) & 0xEFC6_0000
        y ^= y &>> 18
        return y
    }

    /// The next 624 words of state, each from its own top bit, the next word's low 31
    /// bits and the word 397 places on (wrapping round). Written as three loops without
    /// the wrap's `%` and without a branch, which the optimiser turns into vector code:
    /// a dropout mask draws two words an element, and the twist with `%` and a branch
    /// per word was a tenth of a tabular epoch's time.
    private mutating func twist() {
        state.withUnsafeMutableBufferPointer { state in
            @inline(__always) func mix(_ i: Int, _ next: Int, _ far: Int) {
                let y = (state[i] & 0x8000_0000) | (state[next] & 0x7FFF_FFFF)
                state[i] = state[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_B0DF)
            }
            for i in 0..<227 { mix(i, i + 1, i + 397) }
            for i in 227..<623 { mix(i, i + 1, i - 227) }
            mix(623, 0, 396)
        }
        index = 0
    }

    public mutating func next() -> UInt64 {
        UInt64(nextUInt32()) << 32 | UInt64(nextUInt32())
    }

    /// A double uniform in [0, 1) with 53 random bits (`np.random.random_sample`).
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// A uniform draw in [low, high) (`np.random.uniform`).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextDouble()
    }

    /// A standard normal draw (`np.random.standard_normal`, Marsaglia's polar method).
    public mutating func standardNormal() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        while true {
            let x1 = 2 * nextDouble() - 1, x2 = 2 * nextDouble() - 1
            let r2 = x1 * x1 + x2 * x2
            if r2 < 1 && r2 != 0 {
                let f = (-2 * Foundation.log(r2) / r2).squareRoot()
                cachedGaussian = f * x1
                return f * x2
            }
        }
    }

    /// An integer uniform in 0...max, by masked rejection as NumPy's legacy `rk_interval`.
    public mutating func interval(_ max: Int) -> Int {
        precondition(max >= 0, "MT19937.interval: max must be non-negative, got \(max)")
        if max == 0 { return 0 }
        var mask = UInt64(max)
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        if max <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= UInt64(max) { return Int(value) }
            }
        }
        while true {
            let value = next() & mask
            if value <= UInt64(max) { return Int(value) }
        }
    }

    /// Shuffles in place as NumPy's legacy `shuffle`: Fisher–Yates from the end.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, through: 1, by: -1) {
            array.swapAt(i, interval(i))
        }
    }

    /// A random ordering of 0..<n (`np.random.permutation(n)`).
    public mutating func permutation(_ n: Int) -> [Int] {
        var result = Array(0..<n)
        shuffle(&result)
        return result
    }
}
