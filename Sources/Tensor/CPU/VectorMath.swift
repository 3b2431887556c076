import Foundation

/// SIMD versions of `exp` and `tanh` (Cephes' `expf` and `tanhf` polynomials), since
/// Swift's SIMD types have no transcendental functions and calling `expf` per lane
/// costs ~5 ns an element. Accurate to a few ulp; tests compare them with Foundation's
/// (their simple twins) over the whole useful range.
enum VectorMath {
    typealias Vector = SIMD16<Float>

    /// eˣ. Results below the smallest normal float (x < −87.3) are flushed to 0, which
    /// also keeps slow subnormals out of later arithmetic; x > 88.7 gives +∞.
    @inline(__always) static func exp(_ x: Vector) -> Vector {
        // Masked selects rather than `clamped`/`pointwiseMin`, which Swift lowers lane by lane.
        let clamped = x.replacing(with: -87.33654, where: x .< -87.33654)
            .replacing(with: 88.72284, where: x .> 88.72284)
        // n = round(x / ln 2) via the 1.5·2²³ trick, which leaves n in the low mantissa bits.
        let magic = Vector(repeating: 12_582_912)
        let shifted = magic.addingProduct(clamped, Vector(repeating: 1.442_695_04))
        let n = shifted - magic
        // r = x − n·ln 2 in two parts (Cody–Waite), so r keeps full precision.
        var r = clamped.addingProduct(n, Vector(repeating: -0.693_359_375))
        r = r.addingProduct(n, Vector(repeating: 2.121_944_4e-4))
        var p = Vector(repeating: 1.987_569_15e-4)
        p = Vector(repeating: 1.398_199_95e-3).addingProduct(p, r)
        p = Vector(repeating: 8.333_451_9e-3).addingProduct(p, r)
        p = Vector(repeating: 4.166_579_6e-2).addingProduct(p, r)
        p = Vector(repeating: 1.666_666_55e-1).addingProduct(p, r)
        p = Vector(repeating: 5.000_000_1e-1).addingProduct(p, r)
        let polynomial = (r + 1).addingProduct(p, r * r)
        // 2ⁿ built from its exponent bits, (n + 127) << 23; n = 128 (x just below the
        // overflow point) is not a finite float, so there it is 2¹²⁷ and the result doubles.
        let top = n .== 128
        let exponent = shifted.replacing(with: shifted - 1, where: top)
        let bits = unsafeBitCast(exponent, to: SIMD16<UInt32>.self) &<< 23 &+ 0x3F80_0000
        var result = polynomial * unsafeBitCast(bits, to: Vector.self)
        result.replace(with: result * 2, where: top)
        result.replace(with: 0, where: x .< -87.33654)
        result.replace(with: .infinity, where: x .> 88.72284)
        result.replace(with: x, where: x .!= x)
        return result
    }

    /// tanh x: an odd polynomial for |x| < 0.625 (where 1 − 2/(e²ˣ + 1) would lose
    /// relative precision), `1 − 2/(e^{2|x|} + 1)` with x's sign elsewhere.
    @inline(__always) static func tanh(_ x: Vector) -> Vector {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        var large = 1 - 2 / (exp(2 * magnitude) + 1)
        large.replace(with: -large, where: x .< 0)
        let z = x * x
        var p = Vector(repeating: -5.704_988_727_45e-3)
        p = Vector(repeating: 2.063_908_879_54e-2).addingProduct(p, z)
        p = Vector(repeating: -5.373_971_555_31e-2).addingProduct(p, z)
        p = Vector(repeating: 1.333_144_220_36e-1).addingProduct(p, z)
        p = Vector(repeating: -3.333_328_194_22e-1).addingProduct(p, z)
        let small = x.addingProduct(p * z, x)
        return small.replacing(with: large, where: magnitude .>= 0.625)
    }

    /// 1 / (1 + e⁻ˣ).
    @inline(__always) static func sigmoid(_ x: Vector) -> Vector {
        1 / (1 + exp(-x))
    }

    /// `f` applied lane by lane, for functions without a SIMD version here (`log`, `pow`).
    @inline(__always) static func map(_ x: Vector, _ f: (Float) -> Float) -> Vector {
        var result = x
        for lane in 0..<Vector.scalarCount { result[lane] = f(x[lane]) }
        return result
    }

    /// The scalar forms, for the tails of rows shorter than a vector; they run the
    /// vector code on one lane so that every element gets identical arithmetic. Kept out
    /// of line: inlined, each tail was a second copy of the vector code in every loop,
    /// and the loops grew past what the optimiser inlines into, so the vector `exp` of
    /// the main loop became a call.
    @inline(never) static func exp(_ x: Float) -> Float { exp(Vector(repeating: x))[0] }
    @inline(never) static func tanh(_ x: Float) -> Float { tanh(Vector(repeating: x))[0] }
    @inline(never) static func sigmoid(_ x: Float) -> Float { sigmoid(Vector(repeating: x))[0] }
}
