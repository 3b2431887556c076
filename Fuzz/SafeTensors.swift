import Foundation
import Toolkit

// libFuzzer target `safetensors`: the input is a safetensors file's bytes, given to
// `SafeTensors(serialized:)`, the parser under `SafeTensors(contentsOf:)`. A
// `SafeTensorsError` is a good answer. A file that loads must survive a round trip:
// written again with `serialized()` and read back, it holds the same names, metadata,
// shapes, element types and element bits; a difference stops the run as a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? SafeTensors(serialized: Data(bytes: data, count: size), file: "<fuzz>") else { return 0 }
    let again: SafeTensors
    do {
        again = try SafeTensors(serialized: file.serialized(), file: "<written again>")
    } catch {
        fatalError("fuzz safetensors: a file that loaded does not load once written again: \(error)")
    }
    precondition(again.metadata == file.metadata, "fuzz safetensors: the metadata changed in a round trip")
    precondition(again.layouts == file.layouts, "fuzz safetensors: a shape or element type changed in a round trip")
    for (name, array) in file.tensors {
        precondition(bytes(again.tensors[name]!) == bytes(array), "fuzz safetensors: '\(name)' changed in a round trip")
    }
    return 0
}

/// The array's elements as stored: compares NaN payloads and -0.0 exactly.
private func bytes(_ array: HostArray) -> [UInt8] {
    switch array.elements {
    case .f32(let values): values.withUnsafeBytes { Array($0) }
    case .f64(let values): values.withUnsafeBytes { Array($0) }
    case .i32(let values): values.withUnsafeBytes { Array($0) }
    case .i64(let values): values.withUnsafeBytes { Array($0) }
    }
}
