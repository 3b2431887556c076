/// Every node `root` depends on, itself included, each after all of its inputs: the
/// order in which backward visits a computation graph (reversed). Shared by `Value`
/// and the tensor engine, whose graphs differ only in what a node's inputs are.
///
/// Iterative depth-first search: a recursive one overflows the stack on long chains.
@inlinable
public func topologicalOrder<Node: AnyObject, Inputs: Sequence<Node>>(from root: Node,
                                                                     inputs: (Node) -> Inputs) -> [Node] {
    // Room for a small graph from the start, so that it allocates each array once
    // (a training step of the line fit walks this a thousand times a second).
    var order: [Node] = []
    order.reserveCapacity(32)
    var visited = Set<ObjectIdentifier>(minimumCapacity: 32)
    // Each entry is a node and whether its inputs have already been pushed.
    var stack: [(node: Node, expanded: Bool)] = []
    stack.reserveCapacity(32)
    stack.append((root, false))
    while let (node, expanded) = stack.popLast() {
        if expanded {
            order.append(node)
            continue
        }
        guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
        stack.append((node, true))
        for input in inputs(node) where !visited.contains(ObjectIdentifier(input)) {
            stack.append((input, false))
        }
    }
    return order
}
