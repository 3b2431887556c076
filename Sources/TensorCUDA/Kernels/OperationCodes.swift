/// The `op` argument of the `unary` kernel: a `UnaryOp` without its constants, which
/// travel as the kernel's `p0`, `p1`. The C enum of the prelude is generated from these
/// cases, so the two sides cannot drift apart.
enum UnaryCode: Int32, CaseIterable {
    case affine, exp, log, tanh, sigmoid, relu, sqrt, square, pow, clamp
}

/// The `op` argument of the `binary` kernel (`BinaryOp`).
enum BinaryCode: Int32, CaseIterable {
    case add, subtract, multiply, divide, equal, less
}

/// The `op` argument of the `activation_backward` kernel (`ActivationOp`); clamp's bounds
/// travel as `p0`, `p1`.
enum ActivationCode: Int32, CaseIterable {
    case tanh, sigmoid, relu, clamp, square
}

/// The `op` argument of the reduction kernels (`ReduceOp`).
enum ReduceCode: Int32, CaseIterable {
    case sum, max
}

extension CUDAKernels {
    /// `enum { UNARY_AFFINE = 0, UNARY_EXP = 1, … };` for the cases of `type`.
    static func cEnum<Code: CaseIterable & RawRepresentable>(_ type: Code.Type, prefix: String) -> String
    where Code.RawValue == Int32 {
        let constants = Code.allCases.map { "\(prefix)_\(screamingSnakeCase("\($0)")) = \($0.rawValue)" }
        return "enum { \(constants.joined(separator: ", ")) };"
    }

    /// `sqrt` → `SQRT`, and a two-word case such as `stepSize` → `STEP_SIZE`.
    private static func screamingSnakeCase(_ name: String) -> String {
        name.map { $0.isUppercase ? "_\($0)" : $0.uppercased() }.joined()
    }
}
