import Foundation

/// Builds RFC 5322 messages with a UTF-8 text part and an HTML part (multipart/alternative), encoded for 7-bit
/// transport: headers with non-ASCII text as RFC 2047 encoded words, bodies in quoted-printable (RFC 2045), CRLF
/// line ends. Pure: the date, message id and boundary come in.
public enum MIMEEncoder {
    public static func encode(_ message: MailMessage, date: Date, messageID: String, boundary: String) -> String {
        let lines: [String] = [
            "From: \(header(message.from))",
            "To: \(header(message.to))",
            "Subject: \(encodedWords(message.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quotedPrintable(message.text),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quotedPrintable(message.html),
            "--\(boundary)--",
            "",
        ]
        return lines.joined(separator: "\r\n")
    }

    /// An address header; CR and LF never reach the header, whatever the address holds.
    static func header(_ address: MailAddress) -> String {
        let plain = address.address.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
        guard let name = address.name, !name.isEmpty else { return plain }
        return "\(encodedWords(name)) <\(plain)>"
    }

    /// RFC 2047 `=?utf-8?B?...?=` words, each under 76 characters and never splitting a character; plain ASCII
    /// text without specials is left as it is.
    static func encodedWords(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.allSatisfy({ $0.isASCII && !"=?_".contains($0) }) { return clean }
        var words: [String] = []
        var chunk = ""
        for character in clean {
            // 45 bytes of UTF-8 become 60 base64 characters, plus 12 for =?utf-8?B??= : 72 in all.
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// Quoted-printable with soft line breaks at 76 characters; CRLF line ends.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out: [String] = []
            var current = ""
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let piece = plain ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if current.count + piece.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += piece
            }
            out.append(current)
            return out.joined(separator: "\r\n")
        }.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
