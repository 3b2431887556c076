import Random
import Testing

/// The generator draws what NumPy's legacy `np.random` draws for the same seed (values
/// printed by NumPy 2.4: `np.random.seed(s)` then the call named in each test).
@Suite struct MT19937Tests {
    /// `np.random.seed(0); np.random.random_sample(4)`.
    @Test func uniformDoublesMatchNumPy() {
        var generator = MT19937(seed: 0)
        let expected = [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969]
        #expect(expected.map { _ in generator.nextDouble() } == expected)
    }

    /// `np.random.seed(0); np.random.randn(3)`: the polar method's pairs, cached second.
    @Test func normalsMatchNumPy() {
        var generator = MT19937(seed: 0)
        let expected = [1.764052345967664, 0.4001572083672233, 0.9787379841057392]
        for value in expected {
            let drawn = generator.standardNormal()
            #expect(abs(drawn - value) <= 1e-15, "\(drawn) against NumPy's \(value)")
        }
    }

    /// `np.random.seed(42); np.random.permutation(10)`: what `get_cv_idxs` shuffles with.
    @Test func permutationMatchesNumPy() {
        var generator = MT19937(seed: 42)
        #expect(generator.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
    }

    /// The C++ standard's check of `std::mt19937` (seeded 5489, as this seeds): its
    /// 10000th draw is 4123659995, sixteen twists of the state after the first.
    @Test func tenThousandthDrawMatchesTheStandard() {
        var generator = MT19937(seed: 5489)
        for _ in 1..<10_000 { _ = generator.nextUInt32() }
        #expect(generator.nextUInt32() == 4_123_659_995)
    }

    /// `fill` gives the words `nextUInt32` gives one by one, in pieces that start and end
    /// anywhere in a state's 624 words, and leaves the generator where they leave it.
    @Test func fillMatchesOneDrawAtATime() {
        var one = MT19937(seed: 3), bulk = MT19937(seed: 3)
        let expected = (0..<3000).map { _ in one.nextUInt32() }
        var drawn: [UInt32] = []
        for size in [1, 700, 0, 623, 1000, 676] {
            var words = [UInt32](repeating: 0, count: size)
            words.withUnsafeMutableBufferPointer { bulk.fill($0) }
            drawn += words
        }
        #expect(drawn == expected)
        #expect(bulk.nextDouble() == one.nextDouble())
    }

    /// The same seed gives the same draws; another seed, others.
    @Test func seedsAreReproducible() {
        var a = MT19937(seed: 7), b = MT19937(seed: 7), c = MT19937(seed: 8)
        let first = (0..<5).map { _ in a.nextUInt32() }
        #expect(first == (0..<5).map { _ in b.nextUInt32() })
        #expect(first != (0..<5).map { _ in c.nextUInt32() })
    }
}
