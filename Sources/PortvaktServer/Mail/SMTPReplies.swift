import NIOCore

/// Reads SMTP replies: lines of `ddd-text` ending with `ddd text`, from the raw byte stream.
struct SMTPReplies {
    var chunks: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    /// The next CRLF-terminated line, or nil when the server closed the connection.
    mutating func nextLine() async throws -> String? {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[..<end]
                pending.removeSubrange(...end)
                return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
            }
            guard let chunk = try await chunks.next() else { return nil }
            pending += chunk.readableBytesView
            if pending.count > 64 * 1024 { throw SMTPError("the server sent an overlong line") }
        }
    }

    mutating func expect(_ codes: Set<Int>, after step: String) async throws -> [String] {
        var texts: [String] = []
        while true {
            guard let line = try await nextLine() else { throw SMTPError("the server closed the connection after \(step)") }
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError("unreadable reply after \(step): \(line)") }
            texts.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                guard codes.contains(code) else { throw SMTPError("the server answered \(line) after \(step)") }
                return texts
            }
        }
    }
}
