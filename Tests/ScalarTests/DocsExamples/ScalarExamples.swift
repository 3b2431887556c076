import Scalar
import Testing

/// The Swift example of `Docs/Scalar.md`, verbatim (`DocsCodeTests` checks that it
/// is), with the values in its comments checked.
@Suite struct ScalarExamples {
    @Test func aValueRemembersWhereItCameFrom() {
        let a = Value(2, label: "a"), b = Value(-3, label: "b")
        let c = a * b + a          // c.data == -4
        c.backward()               // a.grad == -2 (= b + 1), b.grad == 2 (= a)
        #expect(c.data == -4)
        #expect(a.grad == -2 && b.grad == 2)
    }
}
