import Testing
@testable import Scalar

@Test func addAndMultiply() {
    let a = Value(2), b = Value(-3)
    let c = a * b + a
    c.backward()
    #expect(c.data == -4)
    #expect(a.grad == -2)
    #expect(b.grad == 2)
}
