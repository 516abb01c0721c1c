import Foundation
import Logging
import PortvaktCore
import Testing

@testable import PortvaktStore

/// The SQLite files hold sealed keys and token digests: the owner's alone, even when their folder already exists
/// and the process's umask would give others read access.
@Suite struct SQLiteFilePermissionTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "portvakt-perm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await body(folder)
    }

    func openWriteAndCheck(_ path: String) async throws {
        let store = try await SQLStore.open(.sqlite(path: path), logger: Logger(label: "portvakt.tests"))
        do {
            _ = try await store.migrate()
            try await store.record(AuditEvent(at: Date(), actor: "test", action: "test.written"))
            for file in [path, path + "-wal", path + "-shm"] {
                #expect(FileManager.default.fileExists(atPath: file), "\(file)")
                #expect(try Self.mode(file) == 0o600, "\(file)")
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    @Test func theDatabaseWALAndSHMAreOwnerOnlyInAFolderThatExists() async throws {
        try await withFolder { folder in
            try await openWriteAndCheck(folder + "/portvakt.sqlite")
        }
    }

    @Test func aMissingFolderIsMadeOwnerOnly() async throws {
        try await withFolder { folder in
            try await openWriteAndCheck(folder + "/data/portvakt.sqlite")
            #expect(try Self.mode(folder + "/data") == 0o700)
        }
    }

    @Test func filesLeftReadableByAnEarlierVersionAreMadeOwnerOnly() async throws {
        try await withFolder { folder in
            let path = folder + "/portvakt.sqlite"
            try await openWriteAndCheck(path)
            for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
            }
            try await openWriteAndCheck(path)
        }
    }
}
