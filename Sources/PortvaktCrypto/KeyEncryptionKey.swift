import Crypto
import Foundation
import PortvaktCore

#if canImport(Glibc)
import Glibc
#endif

/// Finds the key-encryption key: from `PORTVAKT_KEK`, or from its file, created (0600) when missing.
public enum KeyEncryptionKey {
    public static func load(_ source: Configuration.KEKSource, createIfMissing: Bool) throws(KEKError) -> [UInt8] {
        switch source {
        case .inline(let bytes):
            return bytes
        case .file(let path):
            if FileManager.default.fileExists(atPath: path) {
                return try read(path)
            }
            guard createIfMissing else {
                throw KEKError(message: "kek_file: \(path) does not exist (it is created by `portvakt serve` or `portvakt migrate`)")
            }
            return try create(path)
        }
    }

    private static func read(_ path: String) throws(KEKError) -> [UInt8] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KEKError(message: "kek_file: cannot read \(path)")
        }
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw KEKError(message: "kek_file: \(path) must hold 32 bytes in base64 (44 characters)")
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0
        {
            throw KEKError(message: "kek_file: \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
        }
        return Array(bytes)
    }

    private static func create(_ path: String) throws(KEKError) -> [UInt8] {
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        // Written whole to a private temporary file, then linked into place: link(2) fails if the name exists,
        // so two processes starting at once agree on one key and neither reads a half-written file.
        let temporary = "\(path).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw KEKError(message: "kek_file: cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { unlink(temporary) }
        let text = Array((Data(key).base64EncodedString() + "\n").utf8)
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        guard written == text.count else { throw KEKError(message: "kek_file: cannot write \(path)") }
        if link(temporary, path) != 0 {
            if errno == EEXIST { return try read(path) }
            throw KEKError(message: "kek_file: cannot create \(path): \(String(cString: strerror(errno)))")
        }
        return key
    }
}
