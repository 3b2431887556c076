import Testing
@testable import Scalar

@Test func dotExportOfAProduct() {
    let a = Value(2, label: "a"), b = Value(-3, label: "b")
    let c = a * b
    c.label = "c"
    c.backward()
    #expect(c.dot() == """
        digraph {
          rankdir=LR;
          v0 [shape=record, label="{ b | data -3.0000 | grad 2.0000 }"];
          v1 [shape=record, label="{ a | data 2.0000 | grad -3.0000 }"];
          v2 [shape=record, label="{ c | data -6.0000 | grad 1.0000 }"];
          v2op [label="*"];
          v2op -> v2;
          v1 -> v2op;
          v0 -> v2op;
        }

        """)
}
