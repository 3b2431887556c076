/// Free-function spellings, so expressions read as in the notes: `tanh(a * b)`.
public func exp(_ x: Value) -> Value { x.exp() }
public func log(_ x: Value) -> Value { x.log() }
public func tanh(_ x: Value) -> Value { x.tanh() }
public func relu(_ x: Value) -> Value { x.relu() }
public func sigmoid(_ x: Value) -> Value { x.sigmoid() }
public func pow(_ x: Value, _ exponent: Double) -> Value { x.pow(exponent) }
