/// CRC-32 (the IEEE polynomial of zip, PNG and Python's `zlib.crc32`), one byte at a
/// time through a 256-entry table: how a checkpoint notices that its numbers changed
/// after it was written (a flipped bit, a file edited by hand), which its header
/// cannot show.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { byte in
        (0..<8).reduce(UInt32(byte)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    private var crc: UInt32 = 0xFFFF_FFFF

    /// Feeds `bytes`.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
    }

    /// The checksum of everything fed so far.
    var value: UInt32 { crc ^ 0xFFFF_FFFF }
}
