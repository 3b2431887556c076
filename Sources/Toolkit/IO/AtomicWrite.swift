import Foundation

/// Writes `data` to `path` so that the file is either the old one or the whole new
/// one, never half written: write a temporary file beside it, then rename over it.
public func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw error
    }
}

/// Writes `text` as UTF-8 to `path`, atomically.
public func writeAtomically(_ text: String, to path: String) throws {
    try writeAtomically(Data(text.utf8), to: path)
}
