import Foundation
import PortvaktCore
import Testing

@testable import PortvaktCrypto

@Suite struct KeySealerTests {
    let kek = [UInt8](repeating: 1, count: 32)

    @Test(arguments: SigningAlgorithm.allCases)
    func sealedKeysOpenWithTheSameKEK(_ algorithm: SigningAlgorithm) throws {
        let sealer = try KeySealer(kek: kek)
        let material = try SigningKeyMaterial.generate(algorithm)
        let sealed = try sealer.seal(material, kid: "k1")
        #expect(!sealed.contains(subsequence: material.serialized))
        let opened = try sealer.open(sealed, kid: "k1", algorithm: algorithm)
        #expect(opened.serialized == material.serialized)
    }

    @Test func aWrongKEKGivesAClearErrorNotGarbageKeys() throws {
        let sealed = try KeySealer(kek: kek).seal(try SigningKeyMaterial.generate(.es256), kid: "k1")
        let other = try KeySealer(kek: [UInt8](repeating: 2, count: 32))
        let error = #expect(throws: KEKError.self) { try other.open(sealed, kid: "k1", algorithm: .es256) }
        #expect(error?.message.contains("does not open the private key of k1") == true)
    }

    @Test func aSealedKeyCannotBeMovedToAnotherKidOrAlgorithm() throws {
        let sealer = try KeySealer(kek: kek)
        let sealed = try sealer.seal(try SigningKeyMaterial.generate(.es256), kid: "k1")
        #expect(throws: KEKError.self) { try sealer.open(sealed, kid: "k2", algorithm: .es256) }
        #expect(throws: KEKError.self) { try sealer.open(sealed, kid: "k1", algorithm: .eddsa) }
    }

    @Test func damagedBlobsAreRefused() throws {
        let sealer = try KeySealer(kek: kek)
        var sealed = try sealer.seal(try SigningKeyMaterial.generate(.eddsa), kid: "k1")
        sealed[sealed.count - 1] ^= 1
        #expect(throws: KEKError.self) { try sealer.open(sealed, kid: "k1", algorithm: .eddsa) }
        #expect(throws: KEKError.self) { try sealer.open([9, 9, 9], kid: "k1", algorithm: .eddsa) }
    }

    @Test func theKEKMustBe32Bytes() {
        #expect(throws: KEKError.self) { try KeySealer(kek: [1, 2, 3]) }
    }
}

@Suite struct KeyEncryptionKeyFileTests {
    func temporaryPath() -> String {
        NSTemporaryDirectory() + "portvakt-kek-\(UUID().uuidString)/kek"
    }

    @Test func aMissingFileIsCreatedWithMode0600AndReadBackTheSame() throws {
        let path = temporaryPath()
        let created = try KeyEncryptionKey.load(.file(path: path), createIfMissing: true)
        #expect(created.count == 32)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyEncryptionKey.load(.file(path: path), createIfMissing: true) == created)
    }

    @Test func aMissingFileIsAnErrorWhenItMustNotBeCreated() {
        let error = #expect(throws: KEKError.self) { try KeyEncryptionKey.load(.file(path: temporaryPath()), createIfMissing: false) }
        #expect(error?.message.hasPrefix("kek_file:") == true)
    }

    @Test func aFileReadableByOthersIsRefused() throws {
        let path = temporaryPath()
        _ = try KeyEncryptionKey.load(.file(path: path), createIfMissing: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let error = #expect(throws: KEKError.self) { try KeyEncryptionKey.load(.file(path: path), createIfMissing: true) }
        #expect(error?.message.contains("chmod 600") == true)
    }

    @Test func aFileWithTheWrongContentIsRefused() throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: KEKError.self) { try KeyEncryptionKey.load(.file(path: path), createIfMissing: true) }
    }

    @Test func concurrentFirstStartsAgreeOnOneKey() async throws {
        let path = temporaryPath()
        let keys = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask { try KeyEncryptionKey.load(.file(path: path), createIfMissing: true) }
            }
            return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
        }
        #expect(Set(keys).count == 1)
    }

    @Test func anInlineKEKIsUsedAsGiven() throws {
        #expect(try KeyEncryptionKey.load(.inline([UInt8](repeating: 3, count: 32)), createIfMissing: false) == [UInt8](repeating: 3, count: 32))
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}
