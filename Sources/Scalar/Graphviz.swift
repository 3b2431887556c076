import Foundation

/// Draws an expression's graph in Graphviz DOT, as micrograd's `draw_dot`:
/// one record per value (label, data, grad), one small node per operation.
///
/// Render with `dot -Tsvg graph.dot -o graph.svg`. Nodes are numbered in
/// topological order, so the same expression always gives the same text.
extension Value {
    public func dot() -> String {
        let order = topologicalOrder()
        var number: [ObjectIdentifier: Int] = [:]
        for (i, node) in order.enumerated() { number[ObjectIdentifier(node)] = i }
        var lines = ["digraph {", "  rankdir=LR;"]
        for (i, node) in order.enumerated() {
            let data = String(format: "%.4f", node.data)
            let grad = String(format: "%.4f", node.grad)
            let title = node.label.isEmpty ? "" : "\(node.label) | "
            lines.append("  v\(i) [shape=record, label=\"{ \(title)data \(data) | grad \(grad) }\"];")
            if !node.op.isEmpty {
                lines.append("  v\(i)op [label=\"\(node.op)\"];")
                lines.append("  v\(i)op -> v\(i);")
                for child in node.children {
                    lines.append("  v\(number[ObjectIdentifier(child)]!) -> v\(i)op;")
                }
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
