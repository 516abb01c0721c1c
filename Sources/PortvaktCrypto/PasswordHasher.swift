import CArgon2
import Crypto
import Foundation
import PortvaktCore

/// argon2id password hashes in PHC string format (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), through Debian's
/// libargon2. The parameters live in the string, so they can be raised later: `needsRehash` says when a stored
/// hash is weaker than the current ones, and the caller rehashes at the next successful login.
public struct PasswordHasher: Sendable {
    public struct Parameters: Sendable, Equatable {
        /// Memory in KiB.
        public var memory: UInt32
        public var iterations: UInt32
        public var parallelism: UInt32

        public init(memory: UInt32, iterations: UInt32, parallelism: UInt32) {
            self.memory = memory
            self.iterations = iterations
            self.parallelism = parallelism
        }

        /// OWASP's argon2id minimum (19 MiB, 2 iterations, 1 lane).
        public static let standard = Parameters(memory: 19_456, iterations: 2, parallelism: 1)
    }

    public let parameters: Parameters
    static let saltLength = 16
    static let hashLength = 32

    public init(parameters: Parameters = .standard) {
        self.parameters = parameters
    }

    /// A PHC string for `password` with a fresh random salt. About 15 ms of CPU: run it off the cooperative pool.
    public func hash(_ password: String) throws -> String {
        let salt = SymmetricKey(size: SymmetricKeySize(bitCount: Self.saltLength * 8)).withUnsafeBytes { Array($0) }
        let bytes = Array(password.utf8)
        let length = argon2_encodedlen(
            parameters.iterations, parameters.memory, parameters.parallelism, UInt32(salt.count), UInt32(Self.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(
            parameters.iterations, parameters.memory, parameters.parallelism, bytes, bytes.count, salt, salt.count, Self.hashLength,
            &encoded, length)
        guard status == ARGON2_OK.rawValue else { throw PasswordHashError(status) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `encoded`, compared by libargon2 in constant time. A malformed hash never matches.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard encoded.hasPrefix("$argon2id$") else { return false }
        let bytes = Array(password.utf8)
        return argon2id_verify(encoded, bytes, bytes.count) == ARGON2_OK.rawValue
    }

    /// Whether `encoded` was made with weaker parameters than this hasher's (or is not a readable argon2id hash).
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Self.parameters(of: encoded) else { return true }
        return stored.memory < parameters.memory || stored.iterations < parameters.iterations
            || stored.parallelism < parameters.parallelism
    }

    /// The parameters recorded in a PHC string.
    static func parameters(of encoded: String) -> Parameters? {
        let fields = encoded.split(separator: "$")
        guard fields.count == 5, fields[0] == "argon2id", fields[1] == "v=19" else { return nil }
        var values: [String: UInt32] = [:]
        for pair in fields[2].split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = UInt32(parts[1]) else { return nil }
            values[String(parts[0])] = value
        }
        guard let memory = values["m"], let iterations = values["t"], let parallelism = values["p"] else { return nil }
        return Parameters(memory: memory, iterations: iterations, parallelism: parallelism)
    }
}
